"""The precedent finder's data: every award record coded along the dimensions staff filter by.

``code_records(catalog)`` gives a ``Coded`` table: for each dimension (form, form group, authority level,
authority as written, award system, recipient kind, year, unit level, province, movement, status, review) the
ordered options, and for each record the option it falls under. The same table feeds the browser finder
(``finder_json``) and the pivot tables printed on the page (``pivot``), so the page without JavaScript and
the finder with it count the same way. Pure.

What is counted by default (``DEFAULTS``, ``default_view``): awards granted (not proposals) whose record a
person checked against the text (``reviewed: "yes"`` in a report that is not a draft,
``tdkt.site.data_rows.award_reviewed``). Proposals and records no person checked (ingest's proposals, a
draft's records) are one filter away and are counted apart (``left_out``, ``scope_text``), never under a
sentence that says they were checked.

Counting: a cell adds the records' ``count`` (số lượng); a record whose text states no count adds
nothing and is counted among the cell's ``unknown`` records ("không rõ", "≥ 12" on the page), because a
number the report does not give is never guessed. A record's movement is its own when awards.yml states
one, else every movement its report names. The authority's level comes from ``tdkt.site.authorities``.
"""
from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from enum import Enum

from tdkt.text.collate import sort_key
from tdkt.model import AwardRecord, AwardStatus, AwardSystem, Catalog, Level, RecipientKind, Report
from tdkt.site.authorities import AuthorityLevel, record_level
from tdkt.site.data_rows import award_reviewed
from tdkt.site.present import era_name, report_label

NOT_STATED = "Không ghi"
REVIEWED, UNREVIEWED = "da-ra-soat", "chua-ra-soat"  # the review dimension's codes
REVIEW_LABELS = {REVIEWED: "Đã rà soát", UNREVIEWED: "Chưa rà soát"}


class Dim(Enum):
    """A dimension of the finder; its value is its URL parameter."""

    FORM = "hinh-thuc"
    FORM_GROUP = "nhom-hinh-thuc"
    AUTHORITY_LEVEL = "cap-khen"
    AUTHORITY = "co-quan"
    SYSTEM = "he-thong"
    RECIPIENTS = "doi-tuong"
    YEAR = "nam"
    LEVEL = "cap"
    PROVINCE = "tinh"
    MOVEMENT = "phong-trao"
    STATUS = "trang-thai"
    REVIEW = "ra-soat"

    @property
    def label(self) -> str:
        return {
            "hinh-thuc": "Hình thức, danh hiệu", "nhom-hinh-thuc": "Nhóm hình thức",
            "cap-khen": "Cấp khen", "co-quan": "Cơ quan khen (như văn bản ghi)",
            "he-thong": "Hệ thống", "doi-tuong": "Đối tượng", "nam": "Năm", "cap": "Cấp đơn vị báo cáo",
            "tinh": "Tỉnh, thành phố", "phong-trao": "Phong trào", "trang-thai": "Trạng thái", "ra-soat": "Rà soát",
        }[self.value]


@dataclass(frozen=True, slots=True, kw_only=True)
class Option:
    code: str  # stable in URLs: an id, a year, an enum value, or the folded authority text
    label: str


DIMS = tuple(Dim)
_POS = {d: i for i, d in enumerate(DIMS)}


@dataclass(frozen=True, slots=True, kw_only=True)
class CodedRecord:
    record: AwardRecord
    report: Report
    at: tuple[tuple[int, ...], ...]  # option indexes per dimension, in DIMS order (several only for MOVEMENT)

    def value(self, dim: Dim) -> tuple[int, ...]:
        return self.at[_POS[dim]]


@dataclass(frozen=True, slots=True, kw_only=True)
class Coded:
    options: dict[Dim, tuple[Option, ...]]
    records: tuple[CodedRecord, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Cell:
    total: int  # sum of the stated counts
    records: int
    unknown: int  # records here whose text states no count (not in total)

    @property
    def incomplete(self) -> bool:
        return self.unknown > 0


@dataclass(frozen=True, slots=True, kw_only=True)
class Pivot:
    rows: tuple[Option, ...]
    columns: tuple[Option, ...]
    cells: dict[tuple[int, int], Cell]  # (row, column) → cell; absent when empty
    row_totals: tuple[Cell, ...]
    column_totals: tuple[Cell, ...]
    total: Cell


# Forms grouped by what their name begins with ("Bằng khen của Thủ tướng Chính phủ", "Bằng khen cấp bộ, ngành,
# tỉnh", "Bằng khen của Hội Liên hiệp Phụ nữ tỉnh" → "Bằng khen, mọi cấp"), so staff can count every Bằng khen at
# once; a form no group names is a group of its own, under its own name. (code, name prefix, label)
def _words(name: str) -> list[str]:
    """A name's words, lowercase, NFC: case does not matter, marks do ("Cờ" is not "Cơ")."""
    return unicodedata.normalize("NFC", name).lower().split()


FORM_GROUPS = (
    ("bang-khen", "Bằng khen", "Bằng khen, mọi cấp"),
    ("giay-khen", "Giấy khen", "Giấy khen, mọi cấp"),
    ("co", "Cờ", "Cờ thi đua, cờ khen, mọi cấp"),
    ("chien-si-thi-dua", "Chiến sĩ thi đua", "Chiến sĩ thi đua, mọi cấp"),
    ("huan-chuong", "Huân chương", "Huân chương, mọi loại, hạng"),
    ("huy-chuong", "Huy chương", "Huy chương, mọi loại"),
    ("ky-niem-chuong", "Kỷ niệm chương", "Kỷ niệm chương, mọi loại"),
    ("giai-thuong", "Giải thưởng", "Giải thưởng, mọi loại"),
)
_GROUP_HEADS = tuple((code, _words(head), label) for code, head, label in FORM_GROUPS)


@functools.lru_cache(maxsize=4096)  # a few dozen forms, asked once per record
def form_group(form_id: str, name: str) -> tuple[str, str]:
    """The group a form falls under, as (code, label): the first of ``FORM_GROUPS`` whose words begin its
    name (letter case does not matter), else the form itself (code ``hinh-thuc-<id>``)."""
    words = _words(name)
    for code, head, label in _GROUP_HEADS:
        if words[:len(head)] == head:
            return "nhom-" + code, label
    return "hinh-thuc-" + form_id, name


Values = list[list[tuple[str, str]]]  # (code, label) options per dimension, in DIMS order


def _report_values(report: Report, catalog: Catalog) -> tuple:
    """Level, province and movements: what every record of a report shares."""
    unit = report.unit
    province = catalog.units.get(unit.province_id) if unit else None
    return (
        [(unit.level.value, unit.level.label)] if unit else [],
        [(unit.province_id, era_name(province) if province else unit.province_id)] if unit else [],
        [(m.id, m.name) for m in report.movements],
    )


_record_level = functools.lru_cache(maxsize=65536)(record_level)  # pure; authorities repeat from record to record


def _values(rec: AwardRecord, report: Report, shared: tuple, labels: dict) -> Values:
    """(code, label) per dimension for one record, in DIMS order; ``shared``: its report's values."""
    level, province, movements = shared
    year = rec.for_year(report)
    granter = _record_level(rec.authority, rec.form.name)
    review = REVIEWED if award_reviewed(rec, report) else UNREVIEWED
    return [
        [(rec.form.id, rec.form.name)],
        [form_group(rec.form.id, rec.form.name)],
        [(granter.value, granter.label)] if granter else [],
        [(" ".join(rec.authority.lower().split()), rec.authority)] if rec.authority else [],
        [(rec.form.system.value, labels[rec.form.system])],
        [(rec.recipients.value, rec.recipients.value.capitalize())] if rec.recipients else [],
        [(str(year), str(year))] if year else [], level, province,
        [(rec.movement.id, rec.movement.name)] if rec.movement else movements,
        [(rec.status.value, labels[rec.status])],
        [(review, REVIEW_LABELS[review])],
    ]


assert DIMS == (Dim.FORM, Dim.FORM_GROUP, Dim.AUTHORITY_LEVEL, Dim.AUTHORITY, Dim.SYSTEM, Dim.RECIPIENTS, Dim.YEAR, Dim.LEVEL,
                Dim.PROVINCE, Dim.MOVEMENT, Dim.STATUS, Dim.REVIEW), "_values lists the dimensions in this order"


_FIXED_ORDER = {
    Dim.AUTHORITY_LEVEL: [lv.value for lv in AuthorityLevel],
    Dim.SYSTEM: [s.value for s in AwardSystem],
    Dim.RECIPIENTS: [k.value for k in RecipientKind],
    Dim.LEVEL: [lv.value for lv in Level],
    Dim.STATUS: [s.value for s in AwardStatus],
    Dim.REVIEW: [REVIEWED, UNREVIEWED],
}


# The status and review filters list every option, so that their defaults (granted, checked by a person) are
# there to select even in an archive of drafts, where no record is checked yet: its totals are then honestly none.
_ALWAYS_LISTED = {Dim.STATUS: {s.value: s.label for s in AwardStatus}, Dim.REVIEW: REVIEW_LABELS}


def _order(dim: Dim, options: dict[str, str]) -> list[Option]:
    if dim in _FIXED_ORDER:
        codes = [c for c in _FIXED_ORDER[dim] if c in options]
    elif dim is Dim.YEAR:
        codes = sorted(options, reverse=True)
    else:
        codes = sorted(options, key=lambda c: (sort_key(options[c]), c))
    return [Option(code=c, label=options[c]) for c in codes]


def code_records(catalog: Catalog) -> Coded:
    labels = {**{s: s.label for s in AwardSystem}, **{s: s.label for s in AwardStatus}}  # enum labels, once
    pairs, values = [], []
    for r in catalog.reports:
        if r.awards:
            shared = _report_values(r, catalog)
            for rec in r.awards:
                pairs.append((rec, r))
                values.append(_values(rec, r, shared, labels))
    seen: list[dict[str, str]] = [{} for _ in DIMS]
    for v in values:
        for k, items in enumerate(v):
            for code, label in items:
                seen[k].setdefault(code, label)  # the first spelling of an authority names its group
    for d, always in _ALWAYS_LISTED.items():  # the defaults' options exist even with no record of them
        k = DIMS.index(d)
        seen[k] = {**always, **seen[k]}
    options = {d: tuple(_order(d, seen[k])) for k, d in enumerate(DIMS)}
    index = [{o.code: i for i, o in enumerate(options[d])} for d in DIMS]
    records = tuple(
        CodedRecord(record=rec, report=r, at=tuple(tuple(index[k][c] for c, _ in items) for k, items in enumerate(v)))
        for (rec, r), v in zip(pairs, values)
    )
    return Coded(options=options, records=records)


def _cell(acc: list) -> Cell:
    return Cell(total=acc[0], records=acc[1], unknown=acc[2])


# What the finder counts when the reader has chosen nothing: granted awards a person checked.
DEFAULTS = {Dim.STATUS: AwardStatus.GRANTED.value, Dim.REVIEW: REVIEWED}


def select(coded: Coded, filters: dict[Dim, str]) -> Coded:
    """The records under every filter (a dimension → an option code; "" for all): what the finder's selects mean."""
    wanted = []
    for dim, code in filters.items():
        if code:
            wanted.append((_POS[dim], next((i for i, o in enumerate(coded.options[dim]) if o.code == code), -1)))
    return Coded(options=coded.options, records=tuple(
        c for c in coded.records if all(i in c.at[k] for k, i in wanted)))


def default_view(coded: Coded) -> Coded:
    """The records the finder counts by default (``DEFAULTS``): granted, checked by a person."""
    return select(coded, DEFAULTS)


def left_out(coded: Coded, filters: dict[Dim, str]) -> list[tuple[str, str, int]]:
    """The records the status and review filters leave out of what the other filters select, as
    ``(status code, review code, records)`` in the options' order, one line per pair (disjoint)."""
    scoped = (Dim.STATUS, Dim.REVIEW)
    others = select(coded, {d: v for d, v in filters.items() if d not in scoped})
    chosen = {d: filters.get(d, "") for d in scoped}
    counts: dict[tuple[int, int], int] = {}
    for c in others.records:
        s, v = c.value(Dim.STATUS)[0], c.value(Dim.REVIEW)[0]
        codes = (coded.options[Dim.STATUS][s].code, coded.options[Dim.REVIEW][v].code)
        if any(chosen[d] and chosen[d] != code for d, code in zip(scoped, codes)):
            counts[s, v] = counts.get((s, v), 0) + 1
    return [(coded.options[Dim.STATUS][s].code, coded.options[Dim.REVIEW][v].code, n)
            for (s, v), n in sorted(counts.items())]


STATUS_WORDS = {AwardStatus.GRANTED.value: "đã tặng", AwardStatus.PROPOSED.value: "đề nghị"}
REVIEW_WORDS = {REVIEWED: "đã được người rà soát đối chiếu với văn bản",
                UNREVIEWED: "chưa được người rà soát (máy đọc từ văn bản, hoặc báo cáo còn là bản nháp)"}
REVIEW_SHORT = {REVIEWED: "đã rà soát", UNREVIEWED: "chưa rà soát"}


def scope_text(coded: Coded, filters: dict[Dim, str]) -> str:
    """What the totals count, and what the status and review filters leave out, in one or two sentences
    that are true for the selection (khen-thuong-core.js, scopeText, writes the same)."""
    status, review = filters.get(Dim.STATUS, ""), filters.get(Dim.REVIEW, "")
    what = STATUS_WORDS.get(status, "đã tặng và đề nghị")
    checked = REVIEW_WORDS.get(review, "cả nội dung đã và chưa được người rà soát")
    text = f"Số liệu dưới đây tính các nội dung khen thưởng {what}, {checked}."
    out = left_out(coded, filters)
    if out:
        parts = [f"{_number(n)} nội dung {STATUS_WORDS[s]}, {REVIEW_SHORT[v]}" for s, v, n in out]
        text += (" Không tính vào đây: " + "; ".join(parts)
                 + " (chọn ở bộ lọc “Trạng thái” và “Rà soát” để xem).")
    return text


def _number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def pivot(coded: Coded, rows: Dim, columns: Dim) -> Pivot:
    """Totals of ``rows`` × ``columns``; a record with no value on a dimension sits in a "Không ghi" line.

    A record under several movements counts once in each, and once in the grand total.
    """
    row_opts = coded.options[rows] + (Option(code="", label=NOT_STATED),)
    col_opts = coded.options[columns] + (Option(code="", label=NOT_STATED),)
    r_at, c_at, no_r, no_c = _POS[rows], _POS[columns], (len(row_opts) - 1,), (len(col_opts) - 1,)
    cells: dict[tuple[int, int], list] = {}  # accumulators [total, records, unknown]
    row_tot: dict[int, list] = {}
    col_tot: dict[int, list] = {}
    total = [0, 0, 0]

    def add(acc: list, n: int, unknown: bool) -> None:
        acc[0] += n
        acc[1] += 1
        acc[2] += unknown

    for c in coded.records:
        n, unknown = c.record.count or 0, c.record.count is None
        rs, cs = c.at[r_at] or no_r, c.at[c_at] or no_c
        for i in rs:
            for j in cs:
                add(cells.setdefault((i, j), [0, 0, 0]), n, unknown)
            add(row_tot.setdefault(i, [0, 0, 0]), n, unknown)
        for j in cs:
            add(col_tot.setdefault(j, [0, 0, 0]), n, unknown)
        add(total, n, unknown)
    keep_r = [i for i in range(len(row_opts)) if i in row_tot]
    keep_c = [j for j in range(len(col_opts)) if j in col_tot]
    return Pivot(
        rows=tuple(row_opts[i] for i in keep_r), columns=tuple(col_opts[j] for j in keep_c),
        cells={(a, b): _cell(cells[i, j]) for a, i in enumerate(keep_r) for b, j in enumerate(keep_c)
               if (i, j) in cells},
        row_totals=tuple(_cell(row_tot[i]) for i in keep_r), column_totals=tuple(_cell(col_tot[j]) for j in keep_c),
        total=_cell(total),
    )


REPORT_DIMS = (Dim.LEVEL, Dim.PROVINCE, Dim.MOVEMENT)  # the same for every record of a report
RECORD_DIMS = tuple(d for d in Dim if d not in REPORT_DIMS)
_RECORD_POS = tuple(_POS[d] for d in RECORD_DIMS)


def _packed(at: tuple[int, ...]):
    """One option as its index, none as null, several as a list: most dimensions have exactly one."""
    return at[0] if len(at) == 1 else None if not at else list(at)


def finder_json(coded: Coded) -> dict:
    """The finder's data file, compact: what a report's records share is stored once, with the report.

    ``reports[k]`` is ``[id, label, unit, level, province, movements]`` and ``records[k]`` is
    ``[report, block, count|null, names, form, form group, authority level, authority, system, recipients, year,
    status, review, movement]`` (the year: the statement's own, else the report's), each dimension as an option index, null (not stated) or a list of indexes; a
    record's movement is null when it states none, and then the report's movements stand for it (module
    docstring). ``defaults`` gives the value each select of the form has when the URL names none.
    """
    report_index: dict[str, int] = {}
    reports, rows = [], []
    movement_at = {o.code: i for i, o in enumerate(coded.options[Dim.MOVEMENT])}
    for c in coded.records:
        r = c.report
        if r.id not in report_index:
            report_index[r.id] = len(reports)
            # the report's own movements, not its first record's (which may state a movement of its own)
            movements = tuple(sorted({movement_at[m.id] for m in r.movements if m.id in movement_at}))
            reports.append([r.id, report_label(r), r.unit.full_name if r.unit else ""]
                           + [_packed(c.value(d)) for d in REPORT_DIMS if d is not Dim.MOVEMENT] + [_packed(movements)])
        own = c.value(Dim.MOVEMENT) if c.record.movement else ()
        rows.append([report_index[r.id], c.record.block, c.record.count, list(c.record.names)]
                    + [_packed(c.at[k]) for k in _RECORD_POS] + [_packed(own)])
    return {
        "dims": [{"key": d.value, "label": d.label, "options": [[o.code, o.label] for o in coded.options[d]]}
                 for d in Dim],
        "report_dims": [d.value for d in REPORT_DIMS],
        "record_dims": [d.value for d in RECORD_DIMS],
        "defaults": {**{d.value: code for d, code in DEFAULTS.items()}, "hang": Dim.FORM.value, "cot": Dim.YEAR.value},
        "reports": reports,
        "records": rows,
    }
