"""Vietnamese text keys: folding for matching, collation for sorting, slugs for URLs.

- ``fold(s)``: NFD, drop combining marks, đ→d, lowercase. One character in, one character out
  (for NFC input), so a match on the folded text maps back onto the displayed text.
- ``sort_key(s)``: Vietnamese dictionary order: letters a ă â b c d đ e ê g h i k l m n o ô ơ
  p q r s t u ư v x y, then tones in the order ngang, huyền, hỏi, ngã, sắc, nặng, then case.
  Python's default order puts ``Đắk Lắk`` after ``Yên Bái``; this does not.
- ``slug(s)``: lowercase ASCII ``[a-z0-9-]``; stable (a pure function of the text). Slugs can
  collide (``mà``, ``má`` → ``ma``): callers make them unique by adding an identifying part
  (an official code, a year) and the catalogue checks every slug it hands out is unique.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from slugify import slugify

_TONES = {
    "\u0300": 1,  # huyền (grave)
    "\u0309": 2,  # hỏi (hook above)
    "\u0303": 3,  # ngã (tilde)
    "\u0301": 4,  # sắc (acute)
    "\u0323": 5,  # nặng (dot below)
}
# Marks that make a different letter (ă â ê ô ơ ư), as opposed to tone marks.
_LETTER_MARKS = {"\u0306": "breve", "\u0302": "circumflex", "\u031b": "horn"}

_ALPHABET = [
    "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m", "n",
    "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z",
]
_LETTER_RANK = {letter: i for i, letter in enumerate(_ALPHABET)}


class _FoldTable(dict):
    """code point → folded text, computed on first sight (str.translate then runs in C)."""

    def __missing__(self, code_point: int) -> str:
        base = unicodedata.normalize("NFD", chr(code_point))[0]
        if base in "đĐ":
            base = "d"
        self[code_point] = folded = base.lower()
        return folded


_FOLD = _FoldTable()


def fold(s: str) -> str:
    """The matching key: each character's base letter (NFD, marks dropped), đ→d, lowercase.

    One character in, one out for NFC input (except the few whose lowercase is longer, like İ),
    so a match on the folded text maps back onto the displayed text.
    """
    return unicodedata.normalize("NFC", s).translate(_FOLD)


def _letter_and_tone(ch: str) -> tuple[int, int, int, str]:
    """(letter rank, tone rank, is-upper, fallback) for one NFC character."""
    decomposed = unicodedata.normalize("NFD", ch)
    base, marks = decomposed[0], decomposed[1:]
    tone = 0
    letter = base.lower()
    if letter == "đ":
        pass
    for mark in marks:
        if mark in _TONES:
            tone = _TONES[mark]
        elif mark in _LETTER_MARKS:
            letter = unicodedata.normalize("NFC", letter + mark)
    upper = 1 if ch.isupper() else 0
    if letter in _LETTER_RANK:
        return (_LETTER_RANK[letter], tone, upper, "")
    # digits and everything else: after spaces, before letters for digits, keep code point
    if ch.isdigit():
        return (-1, 0, 0, ch)
    return (len(_ALPHABET), 0, 0, ch)


def sort_key(s: str) -> tuple:
    """A key for ``sorted`` that follows Vietnamese dictionary order.

    Compared letter by letter first (tones ignored), then tones, then case: so
    ``an < ăn < ân < bàn`` and ``ma < mà < mả < mã < má < mạ``.
    """
    text = unicodedata.normalize("NFC", s).strip()
    letters, tones, cases = [], [], []
    for ch in text:
        if ch.isspace():
            letters.append((-2, ""))
            continue
        rank, tone, upper, fallback = _letter_and_tone(ch)
        letters.append((rank, fallback))
        tones.append(tone)
        cases.append(upper)
    return (tuple(letters), tuple(tones), tuple(cases), text)


def slug(s: str) -> str:
    """ASCII slug of Vietnamese text: ``Phường Long Xuyên`` → ``phuong-long-xuyen``.

    Folded first (so đ → d as in ``fold``), then python-slugify transliterates anything else
    (Latin ligatures, other scripts) and keeps ``[a-z0-9-]``.
    """
    return slugify(fold(s), lowercase=True)


def heading_id(value: str, separator: str) -> str:
    """Heading anchors (Python-Markdown's toc ``slugify``, mkdocs.yml): ``Điển hình tiên tiến`` → ``dien-hinh-tien-tien``.

    The default slugify drops ``đ`` (it has no decomposition), giving ``#ien-hinh-tien-tien``.
    """
    return slugify(fold(value), lowercase=True, separator=separator)


_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
# Syllables ending in these vowel pairs are written both ways: hoà/hòa, hoè/hòe, thuỷ/thủy.
_MOVABLE = re.compile(r"(?<!q)(o[ae]|u[y])$")


@lru_cache(maxsize=65536)
def canonical_tone(syllable: str) -> str:
    """One spelling for the two tone placements of oa/oe/uy: ``hoà`` and ``hòa`` → ``hòa``.

    The tone goes on the first vowel of a final oa/oe/uy (not after q: ``quý``); every other
    syllable is returned NFC and otherwise unchanged. Used for the exact-mark search key.
    """
    decomposed = unicodedata.normalize("NFD", syllable)
    tone = next((c for c in decomposed if c in _TONE_MARKS), "")
    if not tone:
        return unicodedata.normalize("NFC", syllable)
    bare = unicodedata.normalize("NFC", decomposed.replace(tone, ""))
    match = _MOVABLE.search(bare)
    if not match:
        return unicodedata.normalize("NFC", syllable)
    at = match.start()
    return unicodedata.normalize("NFC", bare[: at + 1] + tone + bare[at + 1 :])


SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def is_slug(s: str) -> bool:
    return bool(SLUG_RE.fullmatch(s))


# slugs no record may take as its id: a page named so would be its section's own page (``phong-trao/index.md``)
RESERVED = frozenset({"index"})
