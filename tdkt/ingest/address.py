"""The territorial units a web address names: Vietnamese public portals are named after their unit
(``vanthang.nongcong.gov.vn`` → xã Vạn Thắng of huyện Nông Cống; ``xacamha.hatinh.gov.vn`` → xã Cẩm Hà of tỉnh Hà
Tĩnh; ``baoninhthuan.com.vn`` → tỉnh Ninh Thuận; ``thquangchau.pgdvietyen.edu.vn`` → xã Quang Châu of huyện Việt
Yên). A person who ingests a page knows where it came from (``ingest --source URL``); the address then helps
decide between units of one name, and gives the unit where the text names none, always as a machine reading
for a person to check. Pure.

The host's labels are read from right to left. A label names a unit when it is the unit's name without marks and
spaces (``nongcong``), its kind and name (``quan12``, ``xacamha``), or ends with its name after a short prefix
(``bao``, ``pgd``, ``th``: the name at least six letters long, so that short names do not match by chance) or
begins with it before ``city``. Of the units a label names, the largest level is kept (huyện Thanh Ba, not its
thị trấn Thanh Ba) and taken when it is the only one; a unit below must lie inside what was found to its right, so
without a province a label must name exactly one district (or, failing that, one commune) of the whole map. A label naming none is skipped; a label naming several is left, never
guessed.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from tdkt.catalog.gazetteer import Gazetteer, _key
from tdkt.ingest.reading import Found
from tdkt.model import REORGANISATION, Era, Level, Unit

# labels that name no place: domains, portal words
_GENERIC = frozenset({"vn", "com", "net", "org", "gov", "edu", "info", "www", "www2", "m", "mobile", "portal",
                      "congthongtin", "thongtin", "tintuc", "news", "web", "cms", "thiduakhenthuong", "sonoivu",
                      "vpubnd", "ubnd", "hdnd", "dangbo", "tinhuy", "huyenuy", "baomoi", "dantri", "thanhnien",
                      "tuoitre", "vnexpress", "vietnamnet", "nhandan", "laodong", "congly", "moha", "chinhphu"})
_LEVELS = (Level.PROVINCE, Level.DISTRICT, Level.COMMUNE)
_MIN_PARTIAL = 6  # letters a name needs to match inside a longer label


@dataclass(frozen=True, slots=True)
class Named:
    """The units an address names, largest first, and the label each came from."""
    units: tuple[Unit, ...]
    labels: tuple[str, ...]

    @property
    def smallest(self) -> Unit | None:
        return self.units[-1] if self.units else None


def labels(address: str) -> list[str]:
    """The host's labels that may name a place, left to right (``http://vanthang.nongcong.gov.vn/x`` →
    ``['vanthang', 'nongcong']``)."""
    try:
        host = urlsplit(address if "//" in address else "//" + address).hostname or ""
    except ValueError:
        return []
    parts = host.lower().split(".")
    if not all(re.fullmatch(r"[a-z0-9-]+", p) for p in parts) or len(parts) < 2:
        return []
    return [p for p in parts if p not in _GENERIC and not p.isdigit()]


_KEYS: dict[tuple[int, Era], tuple[Gazetteer, dict[str, tuple[Unit, ...]]]] = {}


def _keys(g: Gazetteer, era: Era) -> dict[str, tuple[Unit, ...]]:
    """Each unit of one map under its look-up keys: its name, and its kind and name (made once per gazetteer)."""
    held = _KEYS.get((id(g), era))
    if held is not None and held[0] is g:
        return held[1]
    out: dict[str, list[Unit]] = {}
    for u in g.units.values():
        if u.era is not era:
            continue
        for k in {_key(u.name), _key(u.kind + u.name)}:
            if k:
                out.setdefault(k, []).append(u)
    keys = {k: tuple(v) for k, v in out.items()}
    _KEYS[(id(g), era)] = (g, keys)
    return keys


def _named(label: str, keys: dict[str, tuple[Unit, ...]]) -> tuple[Unit, ...]:
    """The units a label names: whole, after a short prefix, or before 'city'."""
    if label in keys:
        return keys[label]
    found: list[Unit] = []
    for cut in range(1, len(label) - _MIN_PARTIAL + 1):  # a prefix of 1 to len-6 letters
        if label[cut:] in keys and len(label) - cut >= _MIN_PARTIAL:
            found += keys[label[cut:]]
            break
    if not found and label.endswith("city") and label[:-4] in keys:
        found += keys[label[:-4]]
    return tuple(found)


def _inside(u: Unit, outer: Unit) -> bool:
    return u.id != outer.id and (u.parent_id == outer.id or u.province_id == outer.id)


def units_named(address: str, g: Gazetteer, when: dt.date | None = None) -> Named:
    """The units ``address`` names, from the largest (a province) to the smallest (a commune)."""
    era = Era.FROM_2025 if when is not None and when >= REORGANISATION else Era.BEFORE_2025
    keys = _keys(g, era)
    chain: list[Unit] = []
    used: list[str] = []
    for label in reversed(labels(address)):
        hits = _named(label, keys)
        if chain:
            hits = tuple(u for u in hits if _inside(u, chain[-1]))
        for level in _LEVELS:  # a district and its town of one name (huyện and thị trấn Thanh Ba): the larger
            if any(u.level is level for u in hits):
                hits = tuple(u for u in hits if u.level is level)
                break
        if len(hits) == 1:
            chain.append(hits[0])
            used.append(label)
        if chain and chain[-1].level is Level.COMMUNE:
            break
    return Named(units=tuple(chain), labels=tuple(reversed(used)))


AMBIGUOUS = "không xác định được là đơn vị nào"  # the reason tdkt.ingest.issuer gives when the text names several


def unit_by_address(unit: Found, named: Named, source: str) -> Found:
    """The unit the web address names where the text named none (a choice the text left between several units is
    kept: the address did not settle it): flagged, with the address as its reason."""
    smallest = named.smallest
    if unit.value is not None or smallest is None or AMBIGUOUS in unit.why:
        return unit
    return Found(value=smallest, line=0, review=True,
                 why=f"văn bản không ghi đơn vị; địa chỉ trang nguồn {source!r} mang tên {smallest.full_name}: "
                     f"cần kiểm tra đó có đúng là đơn vị của văn bản không")
