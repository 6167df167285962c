"""The precedent finder's data: every award record coded along the dimensions staff filter by.

``code_records(catalog)`` gives a ``Coded`` table: for each dimension (form, authority, award
system, recipient kind, year, unit level, province, movement, status) the ordered options, and for
each record the option it falls under. The same table feeds the browser finder (``finder_json``)
and the pivot tables printed on the page (``pivot``), so the page without JavaScript and the
finder with it count the same way. Pure.

Counting: a cell adds the records' ``count`` (số lượng); a record whose text states no count adds
nothing and marks the cell as incomplete, because a number the report does not give is never guessed.
A record's movement is its own when awards.yml states one, else every movement its report names.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from tdkt.text.collate import sort_key
from tdkt.model import AwardRecord, AwardStatus, AwardSystem, Catalog, Level, RecipientKind, Report
from tdkt.site.present import era_name, report_label

NOT_STATED = "Không ghi"


class Dim(Enum):
    """A dimension of the finder; its value is its URL parameter."""

    FORM = "hinh-thuc"
    AUTHORITY = "co-quan"
    SYSTEM = "he-thong"
    RECIPIENTS = "doi-tuong"
    YEAR = "nam"
    LEVEL = "cap"
    PROVINCE = "tinh"
    MOVEMENT = "phong-trao"
    STATUS = "trang-thai"

    @property
    def label(self) -> str:
        return {
            "hinh-thuc": "Hình thức, danh hiệu", "co-quan": "Cấp khen, cơ quan khen", "he-thong": "Hệ thống",
            "doi-tuong": "Đối tượng", "nam": "Năm", "cap": "Cấp đơn vị báo cáo", "tinh": "Tỉnh, thành phố",
            "phong-trao": "Phong trào", "trang-thai": "Trạng thái",
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
    incomplete: bool  # some record here states no count


@dataclass(frozen=True, slots=True, kw_only=True)
class Pivot:
    rows: tuple[Option, ...]
    columns: tuple[Option, ...]
    cells: dict[tuple[int, int], Cell]  # (row, column) → cell; absent when empty
    row_totals: tuple[Cell, ...]
    column_totals: tuple[Cell, ...]
    total: Cell


Values = list[list[tuple[str, str]]]  # (code, label) options per dimension, in DIMS order


def _report_values(report: Report, catalog: Catalog) -> tuple:
    """Year, level, province and movements: what every record of a report shares."""
    unit = report.unit
    province = catalog.units.get(unit.province_id) if unit else None
    return (
        [(str(report.year), str(report.year))] if report.year else [],
        [(unit.level.value, unit.level.label)] if unit else [],
        [(unit.province_id, era_name(province) if province else unit.province_id)] if unit else [],
        [(m.id, m.name) for m in report.movements],
    )


def _values(rec: AwardRecord, shared: tuple, labels: dict) -> Values:
    """(code, label) per dimension for one record, in DIMS order; ``shared``: its report's values."""
    year, level, province, movements = shared
    return [
        [(rec.form.id, rec.form.name)],
        [(" ".join(rec.authority.lower().split()), rec.authority)] if rec.authority else [],
        [(rec.form.system.value, labels[rec.form.system])],
        [(rec.recipients.value, rec.recipients.value.capitalize())] if rec.recipients else [],
        year, level, province,
        [(rec.movement.id, rec.movement.name)] if rec.movement else movements,
        [(rec.status.value, labels[rec.status])],
    ]


assert DIMS == (Dim.FORM, Dim.AUTHORITY, Dim.SYSTEM, Dim.RECIPIENTS, Dim.YEAR, Dim.LEVEL, Dim.PROVINCE, Dim.MOVEMENT,
                Dim.STATUS), "_values lists the dimensions in this order"


_FIXED_ORDER = {
    Dim.SYSTEM: [s.value for s in AwardSystem],
    Dim.RECIPIENTS: [k.value for k in RecipientKind],
    Dim.LEVEL: [lv.value for lv in Level],
    Dim.STATUS: [s.value for s in AwardStatus],
}


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
                values.append(_values(rec, shared, labels))
    seen: list[dict[str, str]] = [{} for _ in DIMS]
    for v in values:
        for k, items in enumerate(v):
            for code, label in items:
                seen[k].setdefault(code, label)  # the first spelling of an authority names its group
    options = {d: tuple(_order(d, seen[k])) for k, d in enumerate(DIMS)}
    index = [{o.code: i for i, o in enumerate(options[d])} for d in DIMS]
    records = tuple(
        CodedRecord(record=rec, report=r, at=tuple(tuple(index[k][c] for c, _ in items) for k, items in enumerate(v)))
        for (rec, r), v in zip(pairs, values)
    )
    return Coded(options=options, records=records)


def _cell(acc: list) -> Cell:
    return Cell(total=acc[0], records=acc[1], incomplete=acc[2])


def pivot(coded: Coded, rows: Dim, columns: Dim) -> Pivot:
    """Totals of ``rows`` × ``columns``; a record with no value on a dimension sits in a "Không ghi" line.

    A record under several movements counts once in each, and once in the grand total.
    """
    row_opts = coded.options[rows] + (Option(code="", label=NOT_STATED),)
    col_opts = coded.options[columns] + (Option(code="", label=NOT_STATED),)
    r_at, c_at, no_r, no_c = _POS[rows], _POS[columns], (len(row_opts) - 1,), (len(col_opts) - 1,)
    cells: dict[tuple[int, int], list] = {}  # accumulators [total, records, incomplete]
    row_tot: dict[int, list] = {}
    col_tot: dict[int, list] = {}
    total = [0, 0, False]

    def add(acc: list, n: int, unknown: bool) -> None:
        acc[0] += n
        acc[1] += 1
        acc[2] = acc[2] or unknown

    for c in coded.records:
        n, unknown = c.record.count or 0, c.record.count is None
        rs, cs = c.at[r_at] or no_r, c.at[c_at] or no_c
        for i in rs:
            for j in cs:
                add(cells.setdefault((i, j), [0, 0, False]), n, unknown)
            add(row_tot.setdefault(i, [0, 0, False]), n, unknown)
        for j in cs:
            add(col_tot.setdefault(j, [0, 0, False]), n, unknown)
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


REPORT_DIMS = (Dim.YEAR, Dim.LEVEL, Dim.PROVINCE, Dim.MOVEMENT)  # the same for every record of a report
RECORD_DIMS = tuple(d for d in Dim if d not in REPORT_DIMS)
_RECORD_POS = tuple(_POS[d] for d in RECORD_DIMS)


def _packed(at: tuple[int, ...]):
    """One option as its index, none as null, several as a list: most dimensions have exactly one."""
    return at[0] if len(at) == 1 else None if not at else list(at)


def finder_json(coded: Coded) -> dict:
    """The finder's data file, compact: what a report's records share is stored once, with the report.

    ``reports[k]`` is ``[id, label, unit, year, level, province, movements]`` and ``records[k]`` is
    ``[report, block, count|null, names, form, authority, system, recipients, status, movement]``, each
    dimension as an option index, null (not stated) or a list of indexes; a record's movement is null
    when it states none, and then the report's movements stand for it (module docstring).
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
        "reports": reports,
        "records": rows,
    }
