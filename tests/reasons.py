"""The rule a reason (a ``why`` of extraction, shown to commendation-office staff) is held to: plain Vietnamese.

Every word of a reason, outside the document text it quotes, must be a Vietnamese syllable (``decode.is_syllable``,
any case, marks or none) that is not one of the English words that happen to spell one ("the", "to", "not"...), or a
word of a unit's name in the gazetteer written with its capital (place names as the gazetteer spells them: "Đắk
Lắk", "Ea H'Leo"). Numbers and dates have no letters and pass; unit ids (``xa-10825``) pass. Quoted text — a Python
``'…'`` or ``"…"`` literal, as reasons quote what the document prints — is the document's, not the reason's, and is
not checked.
"""
from __future__ import annotations

import re

from tdkt.text.decode import WORD, is_syllable

# Common English words that are also well-formed (unmarked) Vietnamese syllables; "in" and "do" are left out:
# reasons use them as Vietnamese ("bản in", "do máy đọc").
ENGLISH_SYLLABLES = frozenset(
    "a an at be boat but by can cut day get go got he him hot it lay let man map may me men my no not on put ran run "
    "say set so sun ten than that the them then to too top try up".split())
_QUOTED = re.compile(r"""(?<!\w)'(?:[^'\\]|\\.)*'(?!\w)|(?<!\w)"(?:[^"\\]|\\.)*"(?!\w)""")
_UNIT_ID = re.compile(r"\b(?:xa|huyen|tinh)-\d+(?:-2025)?\b")


def place_words(gazetteer) -> frozenset[str]:
    """The words of every unit's name in the gazetteer, as it capitalises them."""
    return frozenset(w for u in gazetteer.units.values() for w in WORD.findall(f"{u.full_name} {u.name}")
                     if w[:1].isupper())


def foreign_words(why: str, places: frozenset[str] = frozenset()) -> list[str]:
    """The words of ``why`` that break the rule above (empty: the reason is Vietnamese)."""
    text = _UNIT_ID.sub(" ", _QUOTED.sub(" ", why))
    bad = []
    for w in WORD.findall(text):
        if w[:1].isupper() and w in places:
            continue
        if w.lower() in ENGLISH_SYLLABLES or not is_syllable(w):
            bad.append(w)
    return bad
