"""From an article file to outline text: read, leave out furniture, compose, write, try."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from briefing.draft.article import detect_language
from briefing.draft.check import fit_problems, sections_named
from briefing.draft.compose import Settings, compose
from briefing.draft.furniture import strip_furniture
from briefing.draft.language import for_code
from briefing.draft.model import Draft
from briefing.draft.read import read_article
from briefing.draft.write import to_yaml
from briefing.errors import BriefingError

DEFAULT_MAX_SECTIONS = 16
FIT_ROUNDS = 5
MAX_LEVEL = 3


@dataclass(frozen=True)
class DraftResult:
    """A drafted outline: its text, what it holds, and fit warnings no tightening removed."""

    text: str
    draft: Draft
    warnings: tuple[str, ...]


LANGUAGE_NAMES = {"ja": "Japanese", "en": "English"}


def draft_article(path: Path, lang: str = "auto", max_sections: int = DEFAULT_MAX_SECTIONS,
                  schema: str = "outline.schema.json") -> DraftResult:
    """Return the draft outline of the article at ``path``.

    ``lang`` is "ja", "en" or "auto" (by the article's script); ``schema`` is the path the
    outline's first line names. The draft is built in a scratch folder; sections whose text
    would shrink or continue are given less text, round by round, until the deck fits.
    Raises BriefingError when the file cannot be read.
    """
    article = read_article(path)
    detected = detect_language([article.title, *(block.text for block in article.blocks)])
    code = lang if lang in ("ja", "en") else detected
    told = () if code == detected else (
        f"the article reads as {LANGUAGE_NAMES[detected]} (by its script) but --lang {code} "
        f"drafts it by {LANGUAGE_NAMES[code]} rules (sentences, phrases, labels); leave "
        "--lang out to follow the article",)
    language = for_code(code)
    article, left_out = strip_furniture(article, language)
    if not any(block.kind != "heading" for block in article.blocks):
        raise BriefingError(f"{path}: no article text found (paragraphs between blank lines, "
                            "Markdown, or HTML with <p> text)")
    tight: dict[int, int] = {}
    limit = max_sections
    for _ in range(FIT_ROUNDS):
        draft = compose(article, left_out, language, Settings(code, limit, dict(tight)))
        text = to_yaml(draft, schema)
        problems = fit_problems(text)
        if not problems:
            return DraftResult(text, draft, told)
        agenda = [problem for problem in problems if "agenda" in problem]
        if agenda:
            limit = max(1, min(limit, len(draft.sections)) - 1)
        if len(agenda) < len(problems):
            named = sections_named(draft.sections, problems)
            for index in named or range(len(draft.sections)):
                tight[index] = min(tight.get(index, 0) + 1, MAX_LEVEL)
    return DraftResult(text, draft, (*told, *problems))
