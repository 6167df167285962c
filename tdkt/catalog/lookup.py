"""A unit's id from its name as people write it: "xã Vạn Thắng", "Vạn Thắng, Nông Cống", "TT Hà Trung",
"P. Long Xuyên, TX Kinh Môn", "Vạn Thắng Thanh Hóa" (without marks too: "van thang nong cong").

``find_units(query, gazetteer)`` → the units whose name (and kind, when the query gives one) match the first
part, and whose parents match every further part, best first: exact kind, then units of the map before 1 July
2025 (what the archive's reports name), then by province and name. Pure.
"""
from __future__ import annotations

import re

from tdkt.catalog.gazetteer import Gazetteer
from tdkt.model import Unit
from tdkt.text.collate import fold, sort_key

# how a kind is written before a name → the gazetteer's kind, folded
KINDS = {
    "xa": "xa", "x": "xa", "phuong": "phuong", "p": "phuong", "thi tran": "thi tran", "tt": "thi tran",
    "huyen": "huyen", "h": "huyen", "quan": "quan", "q": "quan", "thi xa": "thi xa", "tx": "thi xa",
    "thanh pho": "thanh pho", "tp": "thanh pho", "tinh": "tinh", "t": "tinh", "dac khu": "dac khu",
}
_KIND = re.compile(r"^(thi tran|thi xa|thanh pho|dac khu|xa|phuong|huyen|quan|tinh|tt|tx|tp|x|p|h|q|t)\.?\s+")


def _split(part: str) -> tuple[str | None, str]:
    """(kind or None, name) of one part of a query, folded: "TT. Hà Trung" → ("thi tran", "ha trung")."""
    key = re.sub(r"\s+", " ", fold(part).replace(".", ". ")).strip()
    m = _KIND.match(key)
    if m:
        return KINDS[m.group(1)], key[m.end():].strip()
    return None, key


def _ancestors(u: Unit, gazetteer: Gazetteer) -> list[Unit]:
    out, parent = [], gazetteer.get(u.parent_id) if u.parent_id else None
    while parent is not None:
        out.append(parent)
        parent = gazetteer.get(parent.parent_id) if parent.parent_id else None
    return out


def find_units(query: str, gazetteer: Gazetteer, limit: int = 20) -> list[Unit]:
    parts = [p for p in re.split(r"[,;/]", query) if p.strip()]
    if not parts:
        return []
    kind, name = _split(parts[0])
    rest = [_split(p) for p in parts[1:]]
    if not rest and name and " " in name:  # "Vạn Thắng Thanh Hóa": the last words may be a parent
        words = name.split()
        candidates = [(name, [])] + [(" ".join(words[:k]), [(None, " ".join(words[k:]))]) for k in
                                     range(len(words) - 1, 0, -1)]
    else:
        candidates = [(name, rest)]
    found: list[Unit] = []
    for wanted, parents in candidates:
        for u in gazetteer.units.values():
            if fold(u.name) != wanted or (kind and fold(u.kind) != kind):
                continue
            chain = _ancestors(u, gazetteer)
            if all(any(fold(a.name) == pn and (pk is None or fold(a.kind) == pk) for a in chain) for pk, pn in parents):
                found.append(u)
        if found:
            break
    province = {u.id: (gazetteer.get(u.province_id).name if gazetteer.get(u.province_id) else "") for u in found}
    found.sort(key=lambda u: (u.era.value != "truoc-2025", sort_key(province[u.id]), sort_key(u.full_name), u.id))
    return found[:limit]


def describe(u: Unit, gazetteer: Gazetteer) -> str:
    """One line: id, full name and parents, the dates the name was valid, what it became on 1 July 2025."""
    chain = ", ".join(a.full_name for a in _ancestors(u, gazetteer))
    valid = ""
    if u.valid_from and u.valid_to:
        valid = f" (từ {u.valid_from:%d/%m/%Y} đến {u.valid_to:%d/%m/%Y})"
    elif u.valid_from or u.valid_to:
        valid = f" (từ {u.valid_from:%d/%m/%Y})" if u.valid_from else f" (đến {u.valid_to:%d/%m/%Y})"
    after = [gazetteer.get(s).full_name for s in u.successor_ids if gazetteer.get(s)]
    then = f"; từ 01/7/2025: {', '.join(after)}" if after else (f"; {u.successor_note}" if u.successor_note else "")
    return f"{u.id}\t{u.full_name}{', ' + chain if chain else ''}{valid}{then}"
