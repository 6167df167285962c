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
_SPACE = re.compile(r"[ \t\n\r\f\v\u00a0]+")
PAIR_JOIN = "_"


def tokens(text: str) -> list[tuple[str, int, int]]:
    """(token, start, end) of each token of the NFC text."""
    return [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(unicodedata.normalize("NFC", text))]


def words(text: str) -> list[str]:
    return [fold(t) for t, _, _ in tokens(text)]


def exact(text: str) -> list[str]:
    out = []
    for token, _, _ in tokens(text):
        lower = token.lower()
        if fold(lower) != lower:  # it carries marks (or đ)
            out.append(canonical_tone(lower))
    return out


def pairs(text: str) -> list[str]:
    nfc = unicodedata.normalize("NFC", text)
    out = []
    previous = None
    for token, start, end in tokens(nfc):
        if previous is not None and _SPACE.fullmatch(nfc, previous[1], start):
            out.append(previous[0] + PAIR_JOIN + fold(token))
        previous = (fold(token), end)
    return out
