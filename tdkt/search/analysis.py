"""How text becomes search terms: the one analysis shared by the index (here) and the browser.

``theme/assets/javascripts/vnsearch.js`` implements the same four functions line for line;
``tests/test_search_text.py`` runs both on the same strings and compares. Terms:

- ``words``: each token folded (``Thưởng`` → ``thuong``): matches with or without marks, đ as d;
- ``exact``: tokens that carry marks, lowercased with one tone placement (``hoà``/``hòa`` → ``hòa``),
  so a query typed with marks ranks documents with the same marks first;
- ``pairs``: two folded tokens separated only by spaces (``khen_thuong``): quoted phrases match
  adjacent syllables, not syllables anywhere in the report.

Folded tokens are read through one table of variants (``terms.json``, which the browser gets as
``assets/javascripts/vnterms.js``): a consonant-and-y syllable is also its i spelling (``sỹ`` = ``sĩ``: ``si``),
and the abbreviations clerks type are the words they stand for (``UBND`` = ``uy ban nhan dan``), in the text and
in the query alike.

A token is a maximal run of letters and digits (Unicode categories L and N) of the NFC text. Pure.
"""
from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

import numpy as np

from tdkt.text.collate import _FOLD, canonical_tone, fold

_TOKEN = re.compile(r"[^\W_]+")
# spaces that keep two syllables a phrase; anything else between them (punctuation, dashes) breaks it
_SPACE_CLASS = r"[ \t\n\r\f\v\u00a0]+"
PAIR_JOIN = "_"

TERMS_FILE = Path(__file__).with_name("terms.json")
TERMS = json.loads(TERMS_FILE.read_text(encoding="utf-8"))
_IY = re.compile(TERMS["iy"])
_ABBREVIATIONS = {k: tuple(v.split()) for k, v in TERMS["abbreviations"].items()}


def variant(token: str) -> tuple[str, ...]:
    """A folded token as the index and the query both read it: ``sy`` → ``si``, ``ubnd`` → ``uy ban nhan dan``."""
    expanded = _ABBREVIATIONS.get(token)
    if expanded is not None:
        return expanded
    return (token[:-1] + "i",) if token.endswith("y") and _IY.match(token) else (token,)


def _variants(run: list[str]) -> list[str]:
    return [v for t in run for v in variant(t)]


def terms_script() -> bytes:
    """The table for the browser (``assets/javascripts/vnterms.js``): the same file, as a script."""
    body = json.dumps({"iy": TERMS["iy"], "abbreviations": TERMS["abbreviations"]}, ensure_ascii=True, sort_keys=True)
    return f"/* generated from tdkt/search/terms.json */\nvar vnterms = {body};\n".encode("ascii")


def tokens(text: str) -> list[tuple[str, int, int]]:
    """(token, start, end) of each token of the NFC text."""
    return [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(unicodedata.normalize("NFC", text))]


def words(text: str) -> list[str]:
    """The folded tokens (folding keeps letters letters), read through the variants."""
    return _variants(_TOKEN.findall(fold(text)))


def exact(text: str) -> list[str]:
    """Lowercase tokens that carry marks (or đ), with one tone placement."""
    return [canonical_tone(t) for t in _TOKEN.findall(unicodedata.normalize("NFC", text).lower())
            if not t.isascii() and fold(t) != t]


def pairs(text: str) -> list[str]:
    """Folded token pairs separated only by spaces (each token pairs with the next), read through the variants
    (an abbreviation's words pair with each other and with their neighbours)."""
    out = []
    for phrase in _PHRASE.findall(fold(text)):
        run = _variants(phrase.split())
        out += [a + PAIR_JOIN + b for a, b in zip(run, run[1:])]
    return out


# ------------------------------------------------------------------ the meta field

_COMMON = frozenset(TERMS["meta_common"])


def _telling(word: str) -> bool:
    return word not in _COMMON and not word.isdigit()


def meta_terms(text: str) -> list[str]:
    """The pairs of a report's metadata (title, unit, issuer, award forms) that tell it apart: not a pair of two
    words nearly every report's metadata shares (``terms.json`` ``meta_common``) or numbers. Pairs, not words:
    the names people search by are words of two syllables or more ("Cẩm Xuyên", "Huy hiệu Đảng"), and a pair's
    postings are a fraction of a syllable's. Only the index reads it: a query's clauses on the meta field are all
    its pairs."""
    return [p for p in pairs(text) if any(map(_telling, p.split(PAIR_JOIN)))]


# ------------------------------------------------------------------ document numbers

# a number and its symbol, folded: digits, then parts joined by / or - (spaces around them allowed, as clerks type
# "504 / PGD&ĐT-TĐKT"); letters, digits and & in the parts
_NUMBER = re.compile(r"[0-9]+(?:[ \t]*[/-][ \t]*[0-9a-z&]+)*")
_BLANKS = re.compile(r"[ \t]+")


def numbers(text: str) -> list[str]:
    """A document's number as the number field holds it: each symbol folded without spaces (``184/BC-UBND`` →
    ``184/bc-ubnd``) and, when it has a symbol, its leading number (``184``): "Báo cáo 184" finds it too."""
    out = []
    for m in _NUMBER.finditer(fold(text)):
        symbol = _BLANKS.sub("", m.group(0))
        lead = re.match(r"[0-9]+", symbol).group(0)
        out += [symbol, lead] if symbol != lead else [symbol]
    return out


def query_numbers(text: str) -> list[str]:
    """The numbers a query asks for: every symbol with a part (``1632/QĐ-UBND``: itself and ``1632``) and every bare
    number of two digits or more that is not a year (1900-2099: "năm 2023" asks for a year, not a number)."""
    out = []
    for m in _NUMBER.finditer(fold(text)):
        symbol = _BLANKS.sub("", m.group(0))
        if symbol.isdigit() and (len(symbol) < 2 or 1900 <= int(symbol) <= 2099):
            continue
        out += [t for t in numbers(symbol) if t not in out]
    return out


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
        run = _variants(phrase.split())
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
