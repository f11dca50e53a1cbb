"""What scoring and shortening need to know of a language: its sentences, content terms,
names, dates and quantities. Japanese reads them off Sudachi's analysis; English off pysbd's
sentences, the stop-word list and the shape of words."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from typing import Protocol

from briefing.draft import english, japanese

OPENING = "「『（(【〔［[〈《"
CLOSING = "」』）)】〕］]〉》"
JA_STOP = "。！？!?"
DIGITS = "0-9０-９"
JA_DATE = re.compile(
    rf"(?<![{DIGITS}])(?P<year>[{DIGITS}]{{4}})年(?:(?P<decade>代)|(?:(?P<month>[{DIGITS}]{{1,2}})月"
    rf"(?:(?P<day>[{DIGITS}]{{1,2}})日)?)?)")
MONTHS = "|".join(name for name in calendar.month_name[1:])
EN_DATE = re.compile(
    rf"\b(?:(?P<day1>\d{{1,2}}) )?(?P<month>{MONTHS})(?: (?P<day2>\d{{1,2}}),?)?"
    r" (?P<year>\d{4})\b"
    r"|\b(?:(?:early|mid|late)-)?(?P<decade>1[89]\d0|20\d0)s\b"
    r"|(?<![\d,.$€£¥])\b(?P<bare>1[89]\d\d|20\d\d)\b(?![\d%]|[.,]\d| ?per ?cent)")
EN_QUANTITY = re.compile(
    r"[$€£¥]\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:million|billion|trillion|bn))?"
    r"|\b\d[\d,]*(?:\.\d+)?\s?(?:%|per ?cent\b)"
    r"|\b(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:\s(?:million|billion|trillion))?"
    r"\s(?!(?:" + MONTHS + r")\b)[a-z][a-z-]+")
DATE_COUNTERS = ("年", "月", "日", "年代", "時", "分", "秒", "世紀", "時代", "年度", "条", "項",
                 "号", "章", "次", "位", "回目", "代")
SELF_REFERENCE_JA = ("この記事", "本記事", "本稿", "本記事", "この論考", "本レポート")
SELF_REFERENCE_EN = re.compile(r"\b(?:this|the present) (?:article|piece|report|post|essay|"
                               r"paper|briefing)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Date:
    """A date as written in a sentence, with a number to sort by (year + month/13)."""

    text: str
    key: float
    decade: bool = False


class Language(Protocol):
    """The language-specific reading of sentences."""

    code: str

    def sentences(self, text: str) -> list[str]:
        """Return the sentences of a paragraph."""

    def terms(self, text: str) -> list[str]:
        """Return the content terms of ``text`` (normalised, repeats kept)."""

    def names(self, text: str) -> list[str]:
        """Return the names and acronyms in ``text``."""

    def dates(self, text: str) -> list[Date]:
        """Return the dates written in ``text``, in order."""

    def quantities(self, text: str) -> list[str]:
        """Return the numbers with units in ``text`` (not dates or ordinals), as written."""

    def refers_to_itself(self, sentence: str) -> bool:
        """Return whether ``sentence`` is about the article itself ("this article …")."""


def for_code(code: str) -> Language:
    """Return the language with ISO 639-1 code ``code`` ("ja" or "en")."""
    return Japanese() if code == "ja" else English()


def _number(text: str) -> int:
    """Return the integer written with ASCII or full-width digits."""
    return int(text.translate(str.maketrans("０１２３４５６７８９", "0123456789")))


class Japanese:
    """Japanese: sentences end at 。！？ outside brackets; terms are Sudachi's nouns."""

    code = "ja"

    def sentences(self, text: str) -> list[str]:
        """Return the sentences of ``text``; a stop inside 「」 or （） does not end one."""
        found: list[str] = []
        depth = 0
        start = 0
        for index, char in enumerate(text):
            if char in OPENING:
                depth += 1
            elif char in CLOSING:
                depth = max(0, depth - 1)
            elif char in JA_STOP and depth == 0:
                found.append(text[start:index + 1])
                start = index + 1
        found.append(text[start:])
        return [s.strip() for s in found if s.strip()]

    def terms(self, text: str) -> list[str]:
        """Return the common and proper nouns of ``text`` in dictionary form, leaving out
        adverbial nouns (近年, 今後), counters, numerals and words of hiragana alone."""
        return [m.base for m in japanese.analyse(text) if _is_content_noun(m)]

    def names(self, text: str) -> list[str]:
        """Return proper nouns and Latin-letter words (NATO, ITPP, AI)."""
        return [m.surface for m in japanese.analyse(text)
                if m.detail == "固有名詞" or re.fullmatch(r"[A-Za-zＡ-Ｚａ-ｚ]{2,}", m.surface)]

    def dates(self, text: str) -> list[Date]:
        """Return years, decades (1990年代) and months (2023年5月) written in ``text``."""
        dates = []
        for found in JA_DATE.finditer(text):
            year = _number(found["year"])
            month = _number(found["month"]) if found["month"] else 0
            dates.append(Date(found.group(0), year + month / 13, bool(found["decade"])))
        return dates

    def quantities(self, text: str) -> list[str]:
        """Return numerals written in digits with their counter or unit (32か国, 2%), leaving
        out dates and ordinals (第5条)."""
        morphemes = japanese.analyse(text)
        found = []
        for index, m in enumerate(morphemes):
            if m.detail != "数詞" or not re.search(rf"[{DIGITS}]", m.surface):
                continue
            if index and morphemes[index - 1].surface in ("第", "No.", "#"):
                continue
            if index and morphemes[index - 1].detail == "数詞":
                continue
            end = index + 1
            while end < len(morphemes) and morphemes[end].detail == "数詞":
                end += 1
            if end < len(morphemes) and _is_unit(morphemes[end]):
                found.append("".join(m.surface for m in morphemes[index:end + 1]))
        return found

    def refers_to_itself(self, sentence: str) -> bool:
        """Return whether the sentence speaks of the article itself (この記事では …)."""
        return any(phrase in sentence for phrase in SELF_REFERENCE_JA)


def _is_content_noun(m: japanese.Morpheme) -> bool:
    """Return whether a morpheme carries topic: a common or proper noun that is not an
    adverbial noun, a counter, or written in hiragana alone."""
    if m.word_class != "名詞" or m.detail not in ("普通名詞", "固有名詞"):
        return False
    if m.sub_detail in ("副詞可能", "助数詞可能"):
        return False
    if re.fullmatch(r"[\u3040-\u309f]+", m.surface):
        return False
    return len(m.surface) >= 2 or re.fullmatch(r"[\u4e00-\u9fff]", m.surface) is None


def _is_unit(m: japanese.Morpheme) -> bool:
    """Return whether a morpheme after a numeral is its unit: a counter that is not a date
    or an ordinal, or a percent sign."""
    if m.surface in ("%", "％"):
        return True
    counter = m.sub_detail == "助数詞可能" or (m.word_class == "接尾辞" and m.detail == "名詞的")
    return counter and m.surface not in DATE_COUNTERS


class English:
    """English: pysbd's sentences; terms are words off the stop list, lightly stemmed."""

    code = "en"

    def sentences(self, text: str) -> list[str]:
        """Return the sentences of ``text``."""
        return list(english.split_sentences(text))

    def terms(self, text: str) -> list[str]:
        """Return content words (lower case, plural -s removed) and acronyms."""
        stop = english.stop_words()
        terms = []
        for word in re.findall(r"[A-Za-z][A-Za-z'-]*[A-Za-z]|[A-Z]", text):
            if re.fullmatch(r"[A-Z]{2,}s?", word):
                terms.append(word.rstrip("s"))
            elif word.lower() not in stop and len(word) >= 3:
                terms.append(_stem(word.lower()))
        return terms

    def names(self, text: str) -> list[str]:
        """Return acronyms and capitalised words that do not start the sentence."""
        words = re.findall(r"[A-Za-z][A-Za-z'-]*", text)
        return [w for i, w in enumerate(words)
                if re.fullmatch(r"[A-Z]{2,}s?", w) or (i > 0 and w[0].isupper())]

    def dates(self, text: str) -> list[Date]:
        """Return dates (14 May 2023, May 2023), decades (the 1990s) and years."""
        dates = []
        for found in EN_DATE.finditer(text):
            if found["decade"]:
                dates.append(Date(found.group(0), int(found["decade"]), True))
            elif found["bare"]:
                dates.append(Date(found.group(0), int(found["bare"])))
            else:
                month = list(calendar.month_name).index(found["month"])
                dates.append(Date(found.group(0), int(found["year"]) + month / 13))
        return dates

    def quantities(self, text: str) -> list[str]:
        """Return amounts of money, percentages and counted things (32 members) that are
        not years."""
        found = []
        for match in EN_QUANTITY.finditer(text):
            value = match.group(0)
            if re.fullmatch(r"(?:1[89]\d\d|20\d\d)\s.*", value):
                continue
            found.append(value)
        return found

    def refers_to_itself(self, sentence: str) -> bool:
        """Return whether the sentence speaks of the article itself ("This article …")."""
        return SELF_REFERENCE_EN.search(sentence) is not None


def _stem(word: str) -> str:
    """Return ``word`` without a plural ending (policies → policy, allies → ally)."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 4:
        return word[:-1]
    return word
