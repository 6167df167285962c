"""How records read in Vietnamese: dates, unit names with their parents, report labels.

Returns plain text (not yet escaped); the page builders escape it. Pure.
"""
from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable

from tdkt.text.collate import sort_key
from tdkt.model import REORGANISATION, Era, PartialDate, Report, Unit

NOT_STATED = "Không ghi trong văn bản"  # a person checked: the document does not state it
UNKNOWN = "Chưa xác định"  # a draft: extraction found nothing, no person has looked yet
CENTRAL = "Không có (cơ quan trung ương)"


def missing(r: Report) -> str:
    """What an empty field of ``r`` means: not yet determined (a draft) or not stated (reviewed)."""
    return UNKNOWN if r.draft else NOT_STATED


def date_vn(d: PartialDate | None) -> str:
    """``26/12/2023``; ``…/12/2023`` when the document left the day blank."""
    if d is None:
        return ""
    day = f"{d.day:02d}" if d.day else "…"
    if d.month is None:
        return f"{d.year}"
    return f"{day}/{d.month:02d}/{d.year}"


def date_of(date_iso) -> str:
    """A ``datetime.date`` as ``30/06/2025``."""
    return f"{date_iso.day:02d}/{date_iso.month:02d}/{date_iso.year}"


def unit_chain(u: Unit, units: dict[str, Unit]) -> str:
    """``Phường Long Xuyên, Thị xã Kinh Môn, Tỉnh Hải Dương``."""
    parts = [u.full_name]
    parent = units.get(u.parent_id) if u.parent_id else None
    while parent is not None:
        parts.append(parent.full_name)
        parent = units.get(parent.parent_id) if parent.parent_id else None
    return ", ".join(parts)


def era_name(u: Unit) -> str:
    """The unit's name, marked when it is a unit of the map from 1 July 2025 (Thành phố Cần Thơ exists on both)."""
    return u.full_name + (" (từ 01/7/2025)" if u.era is Era.FROM_2025 else "")


def twice_named(units: Iterable[Unit]) -> frozenset[str]:
    """The names that units of both maps bear among ``units`` (Tỉnh An Giang before and from 1 July 2025)."""
    eras: dict[str, set[Era]] = {}
    for u in units:
        eras.setdefault(u.full_name, set()).add(u.era)
    return frozenset(name for name, seen in eras.items() if len(seen) > 1)


def _boundary(d: _dt.date) -> str:
    """``01/7/2025``, as the reorganisation's date is written."""
    return f"{d.day:02d}/{d.month}/{d.year}"


def dated_name(u: Unit, twice: frozenset[str]) -> str:
    """The unit's name, with the side of the 1 July 2025 boundary it is on when its name is in ``twice``:
    ``Tỉnh An Giang (trước 01/7/2025)``, ``Tỉnh An Giang (từ 01/7/2025)`` (the unit's own dates when known)."""
    if u.full_name not in twice:
        return u.full_name
    if u.era is Era.FROM_2025:
        return f"{u.full_name} (từ {_boundary(u.valid_from or REORGANISATION)})"
    end = u.valid_to + _dt.timedelta(days=1) if u.valid_to else REORGANISATION
    return f"{u.full_name} (trước {_boundary(end)})"


def parents(u: Unit, units: dict[str, Unit]) -> str:
    """The parents only: ``Thị xã Kinh Môn, Tỉnh Hải Dương``."""
    return unit_chain(u, units).partition(", ")[2]


def successors(u: Unit, units: dict[str, Unit]) -> str:
    """What became of the unit on 1 July 2025: its successors' names, or the gazetteer's note."""
    names = [unit_chain(units[s], units) for s in u.successor_ids if s in units]
    return "; ".join(names) if names else u.successor_note


def report_label(r: Report) -> str:
    """How a report is named in lists: ``Báo cáo số 184/BC-UBND`` or ``Kế hoạch (không số)``."""
    number = r.doc_number.strip()
    if number and not number.startswith("/"):
        return f"{r.doc_type.name} số {number}"
    return f"{r.doc_type.name} (không ghi số)"


def report_heading(r: Report) -> str:
    """A report's title, or for a draft whose title is not yet known what it is: "Thông báo (không ghi số) (chưa
    xác định trích yếu)" — a report page's heading, a search result's link text: never empty."""
    return r.title or f"{report_label(r)} ({missing(r).lower()} trích yếu)"


def report_order(r: Report) -> tuple:
    """Newest first: issue date when stated, else the period's year; then id for stability."""
    when = r.issued.sort_key() if r.issued else (r.year or 0, 0, 0)
    return (tuple(-x for x in when), r.id)


def by_name(u: Unit) -> tuple:
    """Vietnamese order of name and kind; the code breaks ties (a name the reorganisation kept)."""
    return sort_key(u.name) + sort_key(u.kind) + (u.id,)
