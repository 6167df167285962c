"""How text becomes search terms: the one analysis shared by the index (here) and the browser.

``theme/assets/javascripts/vnsearch.js`` implements the same four functions line for line;
``tests/test_search_text.py`` runs both on the same strings and compares. Terms:

- ``words``: each token folded (``Thưởng`` → ``thuong``): matches with or without marks, đ as d;
- ``exact``: tokens that carry marks, lowercased with one tone placement (``hoà``/``hòa`` → ``hòa``),
  so a query typed with marks ranks documents with the same marks first;
- ``pairs``: two folded tokens separated only by spaces (``khen_thuong``): quoted phrases match
  adjacent syllables, not syllables anywhere in the report.

A token is a maximal run of letters and digits (Unicode categories L and N) of the NFC text. Pure.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter

import numpy as np

from tdkt.text.collate import _FOLD, canonical_tone, fold

_TOKEN = re.compile(r"[^\W_]+")
# spaces that keep two syllables a phrase; anything else between them (punctuation, dashes) breaks it
_SPACE_CLASS = r"[ \t\n\r\f\v\u00a0]+"
# a token, spaces, and (not consumed, so it can start the next pair) the following token. A pair only
# starts where a token does (the lookbehind): without it a 100,000-letter token is retried from each of its
# letters, and one such line in a report took the index build minutes (tests/test_hostile.py).
_PAIR = re.compile(r"(?<![^\W_])([^\W_]+)" + _SPACE_CLASS + r"(?=([^\W_]+))")
PAIR_JOIN = "_"


def tokens(text: str) -> list[tuple[str, int, int]]:
    """(token, start, end) of each token of the NFC text."""
    return [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(unicodedata.normalize("NFC", text))]


def words(text: str) -> list[str]:
    """The folded tokens: tokens of the folded text (folding keeps letters letters)."""
    return _TOKEN.findall(fold(text))


def exact(text: str) -> list[str]:
    """Lowercase tokens that carry marks (or đ), with one tone placement."""
    return [canonical_tone(t) for t in _TOKEN.findall(unicodedata.normalize("NFC", text).lower())
            if not t.isascii() and fold(t) != t]


def pairs(text: str) -> list[str]:
    """Folded token pairs separated only by spaces (each token pairs with the next)."""
    return [a + PAIR_JOIN + b for a, b in _PAIR.findall(fold(text))]


# ------------------------------------------------------------------ the same terms, counted fast (the index)
#
# The index needs each field's terms only as counts (lunr's term frequencies and field lengths). These give
# exactly Counter(words(text)), Counter(pairs(text)) and Counter(exact(text)) (tests/test_search.py checks
# it on hostile strings), two to three times as fast: the text is folded once, through a table; tokens and
# pairs come from one pass; the marked form of each distinct token is worked out once.

# a run of tokens separated only by phrase spaces: its tokens are its str.split() (no token character is
# whitespace, and every phrase space is), each pairs with the next
_PHRASE = re.compile(r"[^\W_]+(?:" + _SPACE_CLASS + r"[^\W_]+)*")


@functools.cache
def _fold_table() -> np.ndarray:
    """fold() of every code point of the Basic Multilingual Plane (NFC text), as one code point each."""
    table = np.empty(0x10000, dtype=np.uint32)
    for code in range(0x10000):
        folded = chr(code).translate(_FOLD)
        table[code] = ord(folded) if len(folded) == 1 else _NOT_ONE
    return table


_NOT_ONE = 0xFFFFFFFF  # a character that folds to more or less than one character (none today)


def fold_fast(text: str) -> str:
    """Exactly ``collate.fold(text)``, through a table: five times as fast on Vietnamese text."""
    text = unicodedata.normalize("NFC", text)
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    if len(codes) == 0 or codes.max() >= 0x10000:
        return text.translate(_FOLD)
    folded = _fold_table()[codes]
    if (folded == _NOT_ONE).any():
        return text.translate(_FOLD)
    return folded.tobytes().decode("utf-32-le", "surrogatepass")


def word_and_pair_counts(text: str) -> tuple[Counter, Counter]:
    """``(Counter(words(text)), Counter(pairs(text)))``."""
    tokens: list[str] = []
    pairs: list[str] = []
    for phrase in _PHRASE.findall(fold_fast(text)):
        run = phrase.split()
        tokens += run
        if len(run) > 1:
            pairs += map(PAIR_JOIN.join, zip(run, run[1:]))
    return Counter(tokens), Counter(pairs)


def exact_counts(text: str) -> Counter:
    """``Counter(exact(text))``: each distinct token tested and given its tone placement once."""
    out: Counter = Counter()
    for token, n in Counter(_TOKEN.findall(unicodedata.normalize("NFC", text).lower())).items():
        if (marked := _marked(token)) is not None:
            out[marked] += n
    return out


def _marked(token: str) -> str | None:
    """The exact term of a lowercase token, or None if it carries no marks (as ``exact`` decides)."""
    return _marked_word(token) if len(token) <= 32 else _mark(token)  # only words are worth remembering


def _mark(token: str) -> str | None:
    return canonical_tone(token) if not token.isascii() and fold(token) != token else None


_marked_word = functools.lru_cache(maxsize=1 << 16)(_mark)
