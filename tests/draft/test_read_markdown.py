"""Markdown through markdown-it-py: the h1 is the title, blocks keep their kind and line."""

from __future__ import annotations

from briefing.draft.read_markdown import read_markdown

TEXT = """World

# A Title: With a Subtitle

Lead paragraph with a [link](https://example.org) inside.

<!-- a comment to ignore -->
<script>alert("no")</script>

## Part one

### Section A

- item one
  - nested item
- item two

> “Quoted words here.”
> — Jane Roe, minister

```
code is not text
```

[Read more: another story](https://example.org/other)
"""


def test_title_label_and_blocks() -> None:
    article = read_markdown(TEXT, "a.md")
    assert (article.title, article.subtitle, article.labels) == ("A Title", "With a Subtitle",
                                                                 ("World",))
    blocks = [(b.kind, b.text, b.level) for b in article.blocks]
    assert blocks == [
        ("paragraph", "Lead paragraph with a link inside.", 0),
        ("heading", "Part one", 2), ("heading", "Section A", 3),
        ("item", "item one", 0), ("item", "nested item", 1), ("item", "item two", 0),
        ("quote", "“Quoted words here.”", 0),
        ("paragraph", "Read more: another story", 0)]
    assert article.blocks[6].by == "Jane Roe, minister"
    assert article.blocks[-1].furniture == "a link to another page"
    assert article.blocks[0].furniture is None
    assert article.blocks[1].line == 10


def test_attribution_as_its_own_paragraph() -> None:
    article = read_markdown("# T\n\n> Words of someone.\n>\n> — Someone\n", "q.md")
    assert [(b.kind, b.text, b.by) for b in article.blocks] == [
        ("quote", "Words of someone.", "Someone")]
