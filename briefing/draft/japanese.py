"""Japanese morphological analysis: the one module that uses SudachiPy and its dictionary.

Sudachi (Works Applications) splits text into morphemes with their part of speech,
dictionary form and conjugation, from the SudachiDict core dictionary that the
``sudachidict-core`` package ships, so the analysis is offline and the same for the same
dictionary version. Split mode C (the longest units) keeps compound nouns and names whole.
"""

from __future__ import annotations

import functools
from typing import NamedTuple

from sudachipy import Dictionary, SplitMode, Tokenizer


class Morpheme(NamedTuple):
    """One morpheme: its text as written, part of speech (six fields, ``*`` for none),
    dictionary form, conjugation type and conjugated form (``*`` when it does not
    conjugate)."""

    surface: str
    pos: tuple[str, ...]
    base: str
    conjugation: str
    form: str

    @property
    def word_class(self) -> str:
        """Return the top part of speech (名詞, 動詞, 助詞 …)."""
        return self.pos[0]

    @property
    def detail(self) -> str:
        """Return the second part-of-speech field (普通名詞, 固有名詞, 数詞 …)."""
        return self.pos[1]

    @property
    def sub_detail(self) -> str:
        """Return the third part-of-speech field (サ変可能, 助数詞可能, 地名 …)."""
        return self.pos[2]


@functools.cache
def _tokenizer() -> Tokenizer:
    """Return the Sudachi tokenizer over the core dictionary (loaded once, memory-mapped)."""
    return Dictionary(dict="core").tokenizer(mode=SplitMode.C)


@functools.lru_cache(maxsize=4096)
def analyse(text: str) -> tuple[Morpheme, ...]:
    """Return the morphemes of ``text`` in order; their surfaces concatenate to ``text``."""
    tokenizer = _tokenizer()
    result = tokenizer.tokenize(text)
    morphemes = []
    for m in result:
        pos = tuple(m.part_of_speech())
        morphemes.append(Morpheme(m.surface(), pos, m.dictionary_form(), pos[4], pos[5]))
    return tuple(morphemes)
