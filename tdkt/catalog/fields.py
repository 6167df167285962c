"""Converting one YAML field to a typed value, with a precise problem when it cannot be.

Each function takes the ``YMap`` the field lives in, the key, and the ``Problems`` collector;
returns the value, or a neutral value (``""``, ``None``, ``()``) after adding a problem. Pure.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from enum import Enum
from typing import TypeVar

from tdkt.model import Origin, PartialDate
from tdkt.problems import Problems
from tdkt.catalog.yamlread import YList, YMap, YNode, YStr

E = TypeVar("E", bound=Enum)

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def origin_of(node: YNode | None, fallback: Origin) -> Origin:
    return node.origin if node is not None else fallback


def check_keys(m: YMap, allowed: tuple[str, ...], problems: Problems, where: str = "") -> None:
    """Unknown keys are warnings (errors under --strict): usually a typo of a known key."""
    for key, _ in m.entries:
        if key.value not in allowed:
            near = [a for a in allowed if a.replace("_", "") == key.value.replace("_", "").lower()]
            fix = f"did you mean {near[0]!r}?" if near else "remove it, or use one of: " + ", ".join(allowed)
            problems.add(key.origin, "Y004", where + key.value, "unknown key", fix, warning=True)


def text(m: YMap, key: str, problems: Problems, *, required: bool = False, where: str = "") -> str:
    """A text value: NFC, no control characters; ``""`` when absent."""
    node = m.get(key)
    name = where + key
    if node is None or (isinstance(node, YStr) and node.value.strip() == ""):
        if required:
            problems.add(origin_of(node, m.origin), "R101", name, "is required but missing or empty",
                         f"add `{key}: ...`")
        return ""
    if not isinstance(node, YStr):
        problems.add(node.origin, "Y003", name, "must be text, not a list or mapping",
                     f'write `{key}: "..."`')
        return ""
    return _clean(node, name, problems)


def _clean(node: YStr, name: str, problems: Problems) -> str:
    """The stripped value; control and bidi-override characters are errors, non-NFC text a warning."""
    value = node.value.strip()
    if _CONTROL.search(value):
        problems.add(node.origin, "R109", name, "contains control or bidirectional-override characters",
                     "remove them")
        value = _CONTROL.sub("", value)
    if unicodedata.normalize("NFC", value) != value:
        problems.add(node.origin, "R109", name, "is not in Unicode NFC form",
                     "re-save the file as NFC (composed characters)", warning=True)
        value = unicodedata.normalize("NFC", value)
    return value


def text_list(m: YMap, key: str, problems: Problems, *, where: str = "") -> tuple[YStr, ...]:
    """A list of text values, each with its origin (for references); ``()`` when absent."""
    node = m.get(key)
    if node is None:
        return ()
    if isinstance(node, YStr):
        if node.value.strip() == "":
            return ()
        problems.add(node.origin, "Y003", where + key, "must be a list",
                     f"write `{key}: [{node.value}]`")
        return ()
    if not isinstance(node, YList):
        problems.add(node.origin, "Y003", where + key, "must be a list", "")
        return ()
    out = []
    for item in node.items:
        if isinstance(item, YStr):
            out.append(YStr(_clean(item, where + key, problems), item.origin))
        else:
            problems.add(item.origin, "Y003", where + key, "each item must be text", "")
    return tuple(out)


def mapping(m: YMap, key: str, problems: Problems, *, required: bool = False, where: str = "") -> YMap | None:
    node = m.get(key)
    if node is None:
        if required:
            problems.add(m.origin, "R101", where + key, "is required but missing", f"add `{key}:`")
        return None
    if not isinstance(node, YMap):
        problems.add(node.origin, "Y003", where + key, "must be a mapping of keys to values", "")
        return None
    return node


def maps(m: YMap, key: str, problems: Problems, *, where: str = "") -> tuple[YMap, ...]:
    node = m.get(key)
    if node is None or (isinstance(node, YStr) and not node.value.strip()):
        return ()
    if not isinstance(node, YList):
        problems.add(node.origin, "Y003", where + key, "must be a list of mappings", "")
        return ()
    out = []
    for item in node.items:
        if isinstance(item, YMap):
            out.append(item)
        else:
            problems.add(item.origin, "Y003", where + key, "each item must be a mapping", "")
    return tuple(out)


def integer(m: YMap, key: str, problems: Problems, *, lo: int, hi: int, required: bool = False,
            where: str = "") -> int | None:
    raw = text(m, key, problems, required=required, where=where)
    if raw == "":
        return None
    if not re.fullmatch(r"[0-9]+", raw) or not lo <= int(raw) <= hi:
        problems.add(m.get(key).origin, "R103", where + key, f'"{raw}" is not a whole number from {lo} to {hi}',
                     f"write a number such as {lo}")
        return None
    return int(raw)


def choice(m: YMap, key: str, enum: type[E], problems: Problems, *, required: bool = False,
           where: str = "") -> E | None:
    raw = text(m, key, problems, required=required, where=where)
    if raw == "":
        return None
    for member in enum:
        if member.value == raw:
            return member
    allowed = ", ".join(str(member.value) for member in enum)
    problems.add(m.get(key).origin, "R104", where + key, f'"{raw}" is not one of: {allowed}',
                 "use one of the listed values")
    return None


_PARTIAL = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")  # ASCII digits: \d takes '２０２３' too
# the years a date or a period of the archive may name: from the Republic's first emulation reports to a bound the
# site's own clock holds (the build date, a gzip timestamp, is a 32-bit count of seconds from 1970 up to 2106)
FIRST_YEAR, LAST_YEAR = 1945, 2100


def _years_problem(m: YMap, key: str, raw: str, year: int, problems: Problems, where: str) -> bool:
    if FIRST_YEAR <= year <= LAST_YEAR:
        return False
    problems.add(m.get(key).origin, "R102", where + key, f'"{raw}" is not a date from {FIRST_YEAR} to {LAST_YEAR}',
                 "check the year")
    return True


def partial_date(m: YMap, key: str, problems: Problems, *, where: str = "") -> PartialDate | None:
    """``YYYY-MM-DD``, ``YYYY-MM`` (day left blank in the document) or ``YYYY``."""
    raw = text(m, key, problems, where=where)
    if raw == "":
        return None
    match = _PARTIAL.fullmatch(raw)
    try:
        if not match:
            raise ValueError
        year, month, day = (int(g) if g else None for g in match.groups())
        dt.date(year, month or 1, day or 1)  # validates month and day
    except ValueError:
        problems.add(m.get(key).origin, "R102", where + key,
                     f'"{raw}" is not a date', "write YYYY-MM-DD, or YYYY-MM when the day is blank")
        return None
    if _years_problem(m, key, raw, year, problems, where):
        return None
    return PartialDate(year=year, month=month, day=day)


def date(m: YMap, key: str, problems: Problems, *, where: str = "") -> dt.date | None:
    """A full ``YYYY-MM-DD`` date, or None when absent."""
    raw = text(m, key, problems, where=where)
    if raw == "":
        return None
    try:
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", raw):
            raise ValueError
        value = dt.date.fromisoformat(raw)
    except ValueError:
        problems.add(m.get(key).origin, "R102", where + key, f'"{raw}" is not a date', "write YYYY-MM-DD")
        return None
    return None if _years_problem(m, key, raw, value.year, problems, where) else value


def reference(m: YMap, key: str, table: dict, file: str, problems: Problems, *, required: bool = False,
              fix: str = "", where: str = ""):
    """The record a field names by id in ``table`` (a vocabulary read from ``file``), or None.

    ``fix`` is the advice when the id is unknown; by default, the ids to choose from.
    """
    raw = text(m, key, problems, required=required, where=where)
    if not raw:
        return None
    if raw not in table:
        problems.add(m.get(key).origin, "R106", where + key, f'"{raw}" is not in {file}',
                     fix or "use one of: " + ", ".join(sorted(table)))
        return None
    return table[raw]
