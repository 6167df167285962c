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

import re
import unicodedata

from .collate import canonical_tone, fold

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
