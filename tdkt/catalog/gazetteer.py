"""Administrative units from a real gazetteer: the pinned PyPI package ``vietnamadminunits``.

Input: the package's SQLite dataset (``data/dataset.db``: 10,040 communes of the 63-province map,
3,321 communes of the 34-province map, with official codes) and its old→new mapping
(``data/converter_2025.json``). Output: ``Gazetteer``, a look-up of ``model.Unit`` by id.
The package is MIT-licensed (Hieu Tran, github.com/tranngocminhhieu/vietnamadminunits); its
codes are those of the General Statistics Office. Reads files (the package's data) and
nothing else; fails with ``GazetteerMissing`` when the package is not installed.

Units before 1 July 2025 are valid until 2025-06-30 (their creation date is not in the data,
so ``valid_from`` stays empty); units of the new map are valid from 2025-07-01. A commune's
successors are the new communes it went into (several when it was divided, default first);
a province's is the new province; districts have none (the level was abolished).
"""
from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
import sqlite3
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from tdkt.text.collate import fold
from tdkt.model import REORGANISATION, Era, Level, Unit

LAST_DAY_BEFORE = REORGANISATION - dt.timedelta(days=1)
PACKAGE = "vietnamadminunits"


class GazetteerMissing(RuntimeError):
    pass


def _key(text: str) -> str:
    """The package's look-up key: folded, letters and digits only ('Phường Long Xuyên' → 'phuonglongxuyen')."""
    return re.sub(r"[^a-z0-9]", "", fold(text))


def unit_id(level: Level, code: str, era: Era) -> str:
    suffix = "-2025" if era is Era.FROM_2025 else ""
    return f"{level.value}-{code}{suffix}"


@dataclass(frozen=True, slots=True)
class Gazetteer:
    units: dict[str, Unit]
    source: str  # "vietnamadminunits 1.0.4"

    def get(self, uid: str) -> Unit | None:
        return self.units.get(uid)


def _data_dir() -> Path:
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise GazetteerMissing(
            f"the gazetteer package {PACKAGE!r} is not installed; run `make site` (it installs it)"
        )
    return Path(list(spec.submodule_search_locations)[0]) / "data"


def _package_version() -> str:
    from importlib.metadata import version

    return f"{PACKAGE} {version(PACKAGE)}"


def _split_kind(full: str, kinds: tuple[str, ...]) -> tuple[str, str]:
    """The kind and the name of a unit's full name; the package writes a few kinds capitalised ('Thị Xã Việt
    Yên', 'Thành Phố Đồng Hới'), which are still the kind, not part of the name ('Phường Phường Đúc' → 'Phường Đúc')."""
    for kind in kinds:
        if full[: len(kind) + 1].lower() == kind.lower() + " ":
            return kind, full[len(kind) + 1 :]
    return "", full


_PROVINCE_KINDS = ("Thành phố", "Tỉnh")


@cache
def load_gazetteer() -> Gazetteer:
    """Every unit of both maps, with parents and successors; cached for the process."""
    data = _data_dir()
    con = sqlite3.connect(f"file:{data / 'dataset.db'}?mode=ro", uri=True)
    try:
        legacy = con.execute(
            "SELECT province, provinceCode, provinceKey, district, districtType, districtCode,"
            " districtKey, ward, wardType, wardCode, wardKey FROM admin_units_legacy"
        ).fetchall()
        new = con.execute(
            "SELECT province, provinceCode, provinceKey, ward, wardType, wardCode, wardKey"
            " FROM admin_units"
        ).fetchall()
    finally:
        con.close()
    mapping = json.loads((data / "converter_2025.json").read_text(encoding="utf-8"))

    # new map: (provinceKey, wardKey) -> id; provinceKey -> id
    new_ward_ids: dict[tuple[str, str], str] = {}
    new_province_ids: dict[str, str] = {}
    units: dict[str, Unit] = {}
    for province, p_code, p_key, ward, w_type, w_code, w_key in new:
        pid = unit_id(Level.PROVINCE, p_code, Era.FROM_2025)
        if pid not in units:
            kind, name = _split_kind(province, _PROVINCE_KINDS)
            units[pid] = Unit(
                id=pid, code=p_code, level=Level.PROVINCE, era=Era.FROM_2025, kind=kind, name=name,
                parent_id=None, province_id=pid, valid_from=REORGANISATION, valid_to=None,
            )
            new_province_ids[p_key] = pid
        wid = unit_id(Level.COMMUNE, w_code, Era.FROM_2025)
        _, name = _split_kind(ward, (w_type,))
        units[wid] = Unit(
            id=wid, code=w_code, level=Level.COMMUNE, era=Era.FROM_2025, kind=w_type, name=name,
            parent_id=pid, province_id=pid, valid_from=REORGANISATION, valid_to=None,
        )
        new_ward_ids[(p_key, _key(w_key))] = wid

    # old commune full key -> successor ids (default first)
    successors: dict[str, list[str]] = {}
    for p_key, wards in mapping["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_key, old_keys in wards.items():
            wid = new_ward_ids.get((p_key, _key(new_key)))
            if wid:
                for old in old_keys:
                    successors.setdefault(old, []).append(wid)
    for p_key, olds in mapping["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old, news in olds.items():
            ordered = sorted(news, key=lambda n: not n["isDefaultNewWard"])
            for n in ordered:
                wid = new_ward_ids.get((p_key, _key(n["newWardKey"])))
                if wid and wid not in successors.setdefault(old, []):
                    successors[old].append(wid)
    province_successor: dict[str, str] = {}
    for new_key, old_keys in mapping["DICT_PROVINCE"].items():
        for old in old_keys:
            if new_key in new_province_ids:
                province_successor[old] = new_province_ids[new_key]

    for (province, p_code, p_key, district, d_type, d_code, d_key, ward, w_type, w_code,
         w_key) in legacy:
        pid = unit_id(Level.PROVINCE, p_code, Era.BEFORE_2025)
        if pid not in units:
            kind, name = _split_kind(province, _PROVINCE_KINDS)
            succ = province_successor.get(p_key)
            units[pid] = Unit(
                id=pid, code=p_code, level=Level.PROVINCE, era=Era.BEFORE_2025, kind=kind,
                name=name, parent_id=None, province_id=pid, valid_from=None,
                valid_to=LAST_DAY_BEFORE, successor_ids=(succ,) if succ else (),
            )
        did = unit_id(Level.DISTRICT, d_code, Era.BEFORE_2025)
        if did not in units:
            _, name = _split_kind(district, (d_type,))
            units[did] = Unit(
                id=did, code=d_code, level=Level.DISTRICT, era=Era.BEFORE_2025, kind=d_type,
                name=name, parent_id=pid, province_id=pid, valid_from=None,
                valid_to=LAST_DAY_BEFORE,
                successor_note="Cấp huyện không còn từ ngày 01/7/2025; các xã, phường được sắp xếp lại.",
            )
        if not w_code or not ward:
            continue
        _, name = _split_kind(ward, (w_type,))
        wid = unit_id(Level.COMMUNE, w_code, Era.BEFORE_2025)
        units[wid] = Unit(
            id=wid, code=w_code, level=Level.COMMUNE, era=Era.BEFORE_2025, kind=w_type,
            name=name, parent_id=did, province_id=pid, valid_from=None, valid_to=LAST_DAY_BEFORE,
            successor_ids=tuple(successors.get(f"{p_key}_{d_key}_{w_key}", ())),
        )
    return Gazetteer(units=units, source=_package_version())
