"""English sentence boundaries and function words: the one module that uses pysbd and
stop-words.

pysbd (Sadvilkar & Neumann, "PySBD: Pragmatic Sentence Boundary Disambiguation", 2020) is a
rule-based segmenter that passes the Golden Rules set: abbreviations such as "U.S." or
"Jan." and decimals do not end sentences. The ``stop-words`` package ships the English list
of function words that the term scoring leaves out.
"""

from __future__ import annotations

import functools

import pysbd
from stop_words import get_stop_words


@functools.cache
def _segmenter() -> pysbd.Segmenter:
    """Return the English segmenter (keeps the text as written: ``clean=False``)."""
    return pysbd.Segmenter(language="en", clean=False, char_span=False)


@functools.lru_cache(maxsize=2048)
def split_sentences(text: str) -> tuple[str, ...]:
    """Return the sentences of one English paragraph, stripped, in order."""
    return tuple(s.strip() for s in _segmenter().segment(text) if s.strip())


@functools.cache
def stop_words() -> frozenset[str]:
    """Return the English function words, lower case."""
    return frozenset(word.lower() for word in get_stop_words("en"))
