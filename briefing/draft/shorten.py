"""Shorten sentences to briefing style without changing a fact.

Japanese: a sentence-initial connective (しかし、また、特に、このため、第一に、…) is dropped;
polite endings become plain ones (〜しています → 〜している, 〜ました → 〜た, 〜ません → 〜ない,
〜でしょう → 〜だろう); a sentence that ends in a verbal noun with する (成立しました,
連携しています) or in a noun with です ends in the noun (体言止め); the closing 。 goes. The
conjugations follow the dictionary's conjugation types (五段, 一段, サ変, カ変), as in any
Japanese grammar (for example 益岡・田窪『基礎日本語文法』).

English: a leading connective ("However,", "In addition,") is dropped and a sentence longer
than about 20 words loses, in turn, parenthetical asides without numbers, a trailing
", which …" clause, and then splits at a semicolon or a ", but/and/while" joint (a clause
after ", and" loses the "and"), else at the comma nearest its middle. Numbers,
names and dates are never rewritten: every piece of a shortened point is text of the
article, cut only at word or morpheme boundaries.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from briefing.draft import english
from briefing.draft.japanese import Morpheme, analyse

CONNECTIVE_CLASSES = ("接続詞", "副詞", "連体詞", "代名詞", "助詞", "接頭辞")
MAX_CONNECTIVE_MORPHEMES = 4
GODAN_TA = {"う": "った", "つ": "った", "る": "った", "く": "いた", "ぐ": "いだ", "す": "した",
            "ぬ": "んだ", "ぶ": "んだ", "む": "んだ"}
GODAN_A = {"う": "わ", "つ": "た", "る": "ら", "く": "か", "ぐ": "が", "す": "さ", "ぬ": "な",
           "ぶ": "ば", "む": "ま"}
EN_WORDS = 20
EN_CLAUSE_JOINTS = re.compile(r";\s+|,\s+(?=(?:but|yet|so|while|whereas|and|although|though)\s)")


# --- Japanese --------------------------------------------------------------------------------

def briefing_ja(sentence: str) -> str:
    """Return a Japanese sentence in briefing style (see the module docstring)."""
    morphemes = list(analyse(sentence.strip()))
    while morphemes and morphemes[-1].surface in ("。", "．", ".", " ", "\u3000"):
        morphemes.pop()
    morphemes = drop_connective_ja(morphemes)
    noun_end = _noun_ending(morphemes)
    if noun_end is not None:
        return _plain("".join(m.surface for m in morphemes[:noun_end]), morphemes[:noun_end])
    return _plain("".join(m.surface for m in morphemes), morphemes)


def drop_connective_ja(morphemes: list[Morpheme]) -> list[Morpheme]:
    """Return ``morphemes`` without a sentence-initial connective phrase: the words before
    the first 、 when they are few and all function words (conjunctions, adverbs,
    demonstratives, particles, 第一), an adverbial noun after a demonstrative (このため),
    or a て-form verb standing alone (加えて) or after これに (これにより)."""
    comma = next((i for i, m in enumerate(morphemes) if m.surface in ("、", "，")), None)
    if comma is None or comma == 0 or comma > MAX_CONNECTIVE_MORPHEMES:
        return morphemes
    head = morphemes[:comma]
    demonstrative = any(m.word_class in ("連体詞", "代名詞") for m in head)
    for index, m in enumerate(head):
        if m.word_class in CONNECTIVE_CLASSES:
            continue
        if m.detail == "数詞" and index and head[index - 1].surface == "第":
            continue
        if m.word_class == "名詞" and m.sub_detail == "副詞可能" and demonstrative:
            continue
        if m.word_class == "動詞" and (len(head) <= 2 or demonstrative):
            continue
        return morphemes
    if all(m.word_class == "助詞" for m in head):
        return morphemes
    return morphemes[comma + 1:]


def _noun_ending(morphemes: Sequence[Morpheme]) -> int | None:
    """Return where the sentence may end in a noun (体言止め), or None.

    The ending is a noun followed only by a polite copula (です), or a verbal noun
    followed by する in the polite present, past or progressive (成立しました, 進展します,
    連携しています); anything else (passives, negatives, conjecture) keeps its verb.
    """
    surfaces = [m.surface for m in morphemes]
    for tail in (["です"], ["し", "ます"], ["し", "まし", "た"], ["し", "て", "い", "ます"],
                 ["し", "て", "い", "まし", "た"]):
        if len(surfaces) > len(tail) and surfaces[-len(tail):] == tail:
            before = morphemes[-len(tail) - 1]
            if tail[0] == "し" and morphemes[-len(tail)].base != "する":
                continue
            if before.word_class in ("名詞", "形状詞") or (
                    before.word_class == "接尾辞" and before.detail in ("名詞的", "形状詞的")):
                return len(morphemes) - len(tail)
    return None


def _plain(text: str, morphemes: Sequence[Morpheme]) -> str:
    """Return ``text`` (the surfaces of ``morphemes``) with polite endings made plain."""
    out: list[str] = []
    index = 0
    while index < len(morphemes):
        m = morphemes[index]
        nxt = [x.surface for x in morphemes[index + 1:index + 5]]
        if m.word_class in ("動詞", "助動詞") and nxt[:4] == ["ませ", "ん", "でし", "た"]:
            out.append(_nai(m)[:-1] + "かった")
            index += 5
        elif m.word_class in ("動詞", "助動詞") and nxt[:2] == ["ませ", "ん"]:
            out.append(_nai(m))
            index += 3
        elif m.word_class in ("動詞", "助動詞") and nxt[:2] == ["まし", "た"]:
            out.append(_ta(m))
            index += 3
        elif m.word_class in ("動詞", "助動詞") and nxt[:1] == ["ます"] and m.form.startswith(
                "連用形"):
            out.append(m.base)
            index += 2
        elif m.surface == "でし" and nxt[:1] == ["た"]:
            out.append("だった")
            index += 2
        elif m.surface == "でしょう":
            out.append("だろう")
            index += 1
        elif m.surface == "です" and m.word_class == "助動詞":
            previous = morphemes[index - 1] if index else None
            out.append("" if previous is not None and previous.word_class == "形容詞" else "だ")
            index += 1
        else:
            out.append(m.surface)
            index += 1
    result = "".join(out)
    return result if result else text


def _ta(m: Morpheme) -> str:
    """Return the plain past (た-form) of a verb or auxiliary given in its 連用形."""
    if m.conjugation.startswith("五段") and m.base and m.base[-1] in GODAN_TA:
        if m.base.endswith(("行く", "いく")):
            return m.base[:-1] + "った"
        return m.base[:-1] + GODAN_TA[m.base[-1]]
    return m.surface + "た"


def _nai(m: Morpheme) -> str:
    """Return the plain negative (ない-form) of a verb or auxiliary given in its 連用形."""
    if m.base == "ある":
        return "ない"
    if m.conjugation.startswith("五段") and m.base and m.base[-1] in GODAN_A:
        return m.base[:-1] + GODAN_A[m.base[-1]] + "ない"
    if m.conjugation.startswith("サ行変格"):
        return "しない"
    if m.conjugation.startswith("カ行変格"):
        return "こない"
    return m.surface + "ない"


# --- English ---------------------------------------------------------------------------------

def briefing_en(sentence: str, words: int = EN_WORDS) -> list[str]:
    """Return an English sentence as one or more clauses of about ``words`` words each (see
    the module docstring); a clause after the first keeps its case as written."""
    text = drop_connective_en(sentence.strip())
    text = re.sub(r"[.]$", "", text).strip()
    if _count(text) <= words:
        return [text]
    text = _drop_asides(text)
    if _count(text) > words:
        text = _drop_trailing_which(text, words)
    if _count(text) <= words * 1.2:
        return [text]
    return _split_clauses(text, words)


def drop_connective_en(sentence: str) -> str:
    """Return ``sentence`` without a leading connective: up to four words before the first
    comma that are all function words (However, In particular, At the same time) or an -ly
    adverb (Finally, Additionally); the next word is capitalised."""
    head, comma, rest = sentence.partition(", ")
    if not comma or not rest:
        return sentence
    words = head.split()
    stop = english.stop_words()
    if not 0 < len(words) <= 4 or any(re.search(r"\d", w) for w in words):
        return sentence
    if all(w.lower() in stop for w in words) or (len(words) == 1 and head.lower().endswith("ly")):
        return rest[:1].upper() + rest[1:]
    return sentence


def _count(text: str) -> int:
    """Return the number of words in ``text``."""
    return len(text.split())


def _drop_asides(text: str) -> str:
    """Return ``text`` without parenthetical or dashed asides that hold no digits."""
    previous = None
    while previous != text:
        previous, text = text, re.sub(r"\s*\((?![^()]*\d)[^()]*\)", "", text)
    return re.sub(r"\s*[—–]\s+(?![^—–]*\d)[^—–]*\s+[—–]\s*", " ", text).strip()


def _drop_trailing_which(text: str, words: int) -> str:
    """Return ``text`` without a last ", which/who …" clause when what is left still reads
    as a sentence of at least half the word budget and the clause holds no digits."""
    found = re.search(r",\s+(?:which|who|adding|saying|a move)\b[^,;]*$", text)
    if found and not re.search(r"\d", found.group(0)) and _count(text[:found.start()]) >= \
            words // 2:
        return text[:found.start()].strip()
    return text


def _split_clauses(text: str, words: int) -> list[str]:
    """Return ``text`` split at clause joints into pieces of at most about ``words`` words."""
    pieces = [re.sub(r"^and\s+", "", p.strip()) for p in EN_CLAUSE_JOINTS.split(text)
              if p.strip()]
    if len(pieces) < 2:
        pieces = _at_middle_comma(text)
    if len(pieces) < 2:
        return [text]
    merged: list[str] = []
    for piece in pieces:
        if merged and _count(merged[-1]) + _count(piece) <= words:
            merged[-1] = f"{merged[-1]}; {piece}"
        else:
            merged.append(piece)
    return merged


def _at_middle_comma(text: str) -> list[str]:
    """Return ``text`` cut at the comma nearest its middle word (a list of actions "X, did Y
    and did Z"), or whole when it has no comma between words."""
    commas = [found.start() for found in re.finditer(r",\s+", text)]
    if not commas:
        return [text]
    middle = len(text) / 2
    at = min(commas, key=lambda position: (abs(position - middle), position))
    return [text[:at].strip(), text[at + 1:].strip()]
