"""Plain text: the title among the first lines, heading ranks from runs of headings."""

from __future__ import annotations

from briefing.draft.read_text import looks_like_heading, read_text

from .conftest import seed_article


def test_seed_title_label_and_subtitle() -> None:
    article = read_text(seed_article().read_text(encoding="utf-8"), "nato-japan.ja.txt")
    assert article.labels == ("アジア",)
    assert article.title == "NATOと日本の強化される関係"
    assert article.subtitle == "安全保障の新たな地平を開く"
    assert article.source == "nato-japan.ja.txt"


def test_seed_heading_ranks() -> None:
    article = read_text(seed_article().read_text(encoding="utf-8"), "nato-japan.ja.txt")
    headings = [(b.text, b.level) for b in article.blocks if b.kind == "heading"]
    # Read off the article: a part heading stands right above its first section heading.
    assert headings[:6] == [("台湾有事がもたらす沖縄への影響:地政学的リスクと機会を解析", 3),
                            ("NATOの基本と目的", 2), ("NATOの成立背景", 3), ("NATOの目的", 3),
                            ("NATOの主な活動", 3), ("NATOと日本", 3)]
    parts = [text for text, level in headings if level == 2]
    assert parts == ["NATOの基本と目的", "日本とNATOの関係の歴史", "現在のNATOと日本の関係",
                     "NATOと日本の関係の意義と課題"]
    assert len([1 for _, level in headings if level == 3]) == 18
    paragraphs = [b for b in article.blocks if b.kind == "paragraph"]
    assert len(paragraphs) == 24  # lines 5, 9, 15, … 95: counted in the file
    assert paragraphs[0].line == 5 and paragraphs[0].text.startswith("近年、世界の安全保障環境")


def test_lists_quotes_and_wrapped_paragraphs() -> None:
    text = ("Title of the piece\n\nA paragraph that wraps\nover two lines.\n\n"
            "Section\n\n- first item\n- second item\n\n> “A quoted line.”\n> — A. Person\n")
    article = read_text(text, "t.txt")
    kinds = [(b.kind, b.text) for b in article.blocks]
    assert kinds == [("paragraph", "A paragraph that wraps over two lines."),
                     ("heading", "Section"), ("item", "first item"), ("item", "second item"),
                     ("quote", "“A quoted line.”")]
    assert article.blocks[-1].by == "A. Person"


def test_what_reads_as_a_heading() -> None:
    assert looks_like_heading("NATOの成立背景")
    assert looks_like_heading("How the barrier came about")
    assert not looks_like_heading("日本はNATOの加盟国ではありません。")
    assert not looks_like_heading("The list below:")
    assert not looks_like_heading("- an item")
    assert not looks_like_heading("あ" * 30 + "。" + "い" * 20)
    assert not looks_like_heading(" ".join(["word"] * 20))
