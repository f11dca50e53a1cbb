"""HTML through lxml: the article's own blocks; navigation, scripts, comments, asides and
the page's header and footer never reach them."""

from __future__ import annotations

from briefing.draft.read_html import read_html

from .conftest import ARTICLES


def test_the_article_and_its_address() -> None:
    article = read_html(ARTICLES["html"].read_bytes(), "night-train.en.html")
    assert article.title == "Night Trains Return to the Northern Line"
    assert article.subtitle == "Sleepers Are Back After 30 Years"
    assert article.labels == ("Transport",)
    assert article.url == "https://courier.example/transport/night-trains-return"
    assert (article.publisher, article.published) == ("The Valley Courier", "2026-03-12")


def test_blocks_in_order_with_furniture_marked() -> None:
    article = read_html(ARTICLES["html"].read_bytes(), "night-train.en.html")
    kept = [(b.kind, b.text[:24]) for b in article.blocks if b.furniture is None]
    assert kept == [
        ("paragraph", "For the first time since"), ("heading", "Why the trains stopped"),
        ("paragraph", "The old night service cl"), ("heading", "How the service came bac"),
        ("heading", "A plan from the regions"), ("paragraph", "In 2021 four regional go"),
        ("heading", "The first journeys"), ("paragraph", "The first train left on "),
        ("item", "Cabins sleep one, two or"), ("item", "Seats recline and cost a"),
        ("item", "Bicycles travel in a sep"), ("quote", "People told us nobody wo"),
        ("heading", "What it means for the re"), ("paragraph", "Hotels in Harbourtown re"),
        ("paragraph", "The service still depend"), ("heading", "Conclusion"),
        ("paragraph", "Thirty years after the l")]
    marked = [(b.text, b.furniture) for b in article.blocks if b.furniture]
    assert marked == [("By Ana Ruiz · 12 March 2026", "a byline or label in the article's header"),
                      ("Share on Facebook", "a link to another page"),
                      ("Share by email", "a link to another page"),
                      ("Read more: Bus fares to rise in spring", "a link to another page")]
    quote = next(b for b in article.blocks if b.kind == "quote")
    assert quote.by == "Lars Berg, chief executive of Northern Sleeper"
    assert "Lars Berg" not in quote.text


def test_without_article_element_the_body_is_read() -> None:
    page = (b"<html><head><title>Page | Site</title></head><body><nav><p>Home</p></nav>"
            b"<h2>First</h2><p>Text \xe6\x97\xa5\xe6\x9c\xac.</p><div>Loose text</div>"
            b"<footer><p>Footer</p></footer></body></html>")
    article = read_html(page, "p.html")
    assert article.title == "Page"
    assert [(b.kind, b.text) for b in article.blocks] == [
        ("heading", "First"), ("paragraph", "Text 日本."), ("paragraph", "Loose text")]
