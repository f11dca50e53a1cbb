"""Page furniture: labels, links, bodiless headings and other articles' headlines go; the
article's own headings stay."""

from __future__ import annotations

from briefing.draft.article import Article, Block
from briefing.draft.furniture import is_other_headline, strip_furniture
from briefing.draft.language import English, Japanese
from briefing.draft.read_text import read_text

from .conftest import seed_article


def test_seed_furniture() -> None:
    article = read_text(seed_article().read_text(encoding="utf-8"), "nato-japan.ja.txt")
    kept, left_out = strip_furniture(article, Japanese())
    assert [(item.text, item.line) for item in left_out] == [
        ("アジア", 0), ("台湾有事がもたらす沖縄への影響:地政学的リスクと機会を解析", 7)]
    headings = [b.text for b in kept.blocks if b.kind == "heading"]
    assert "台湾有事がもたらす沖縄への影響:地政学的リスクと機会を解析" not in headings
    assert len(headings) == 21  # four part headings and seventeen section headings
    # The paragraph under the other headline is the article's own: it stays, in the lead.
    assert kept.blocks[1].text.startswith("この記事では")


def test_a_headline_is_kept_when_its_text_takes_up_its_words() -> None:
    """Planted fault: the same headline over text about Taiwan and Okinawa is a heading."""
    heading = "台湾有事がもたらす沖縄への影響:地政学的リスクと機会を解析"
    assert is_other_headline(heading, "この記事では、NATOと日本の関係を解説します。", Japanese())
    assert not is_other_headline(heading, "台湾の情勢は沖縄に影響を与える。", Japanese())
    # Short headings are never taken for other articles' headlines.
    assert not is_other_headline("最近の動向", "近年、関係は深まりつつあります。", Japanese())
    assert is_other_headline("Council approves new bus lanes on Bridge Street",
                             "The barrier protects twelve thousand homes.", English())


def test_bodiless_headings_and_marked_blocks_go() -> None:
    blocks = (Block("heading", "Part", 2), Block("heading", "Section", 3),
              Block("paragraph", "Text of the section."),
              Block("paragraph", "Share this", furniture="a link to another page"),
              Block("heading", "Related", 2), Block("heading", "Other story", 3))
    kept, left_out = strip_furniture(Article("T", blocks, "a.html", ("Label",)), English())
    assert [b.text for b in kept.blocks] == ["Part", "Section", "Text of the section."]
    assert [(i.text, i.reason) for i in left_out] == [
        ("Label", "a label above the title"), ("Share this", "a link to another page"),
        ("Related", "a heading with no text of its own"),
        ("Other story", "a heading with no text of its own")]
