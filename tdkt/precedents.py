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

from .collate import sort_key
from .model import AwardRecord, AwardStatus, AwardSystem, Catalog, Level, RecipientKind, Report
from .present import era_name, report_label

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


@dataclass(frozen=True, slots=True, kw_only=True)
class CodedRecord:
    record: AwardRecord
    report: Report
    at: dict[Dim, tuple[int, ...]]  # option indexes per dimension (several only for MOVEMENT; none = not stated)


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


def _values(rec: AwardRecord, report: Report, catalog: Catalog) -> dict[Dim, list[tuple[str, str]]]:
    """(code, label) per dimension for one record."""
    province = catalog.units.get(report.unit.province_id)
    movements = (rec.movement,) if rec.movement else report.movements
    return {
        Dim.FORM: [(rec.form.id, rec.form.name)],
        Dim.AUTHORITY: [(" ".join(rec.authority.lower().split()), rec.authority)] if rec.authority else [],
        Dim.SYSTEM: [(rec.system.value, rec.system.label)],
        Dim.RECIPIENTS: [(rec.recipients.value, rec.recipients.value.capitalize())] if rec.recipients else [],
        Dim.YEAR: [(str(report.year), str(report.year))],
        Dim.LEVEL: [(report.unit.level.value, report.unit.level.label)],
        Dim.PROVINCE: [(report.unit.province_id, era_name(province) if province else report.unit.province_id)],
        Dim.MOVEMENT: [(m.id, m.name) for m in movements],
        Dim.STATUS: [(rec.status.value, rec.status.label)],
    }


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
    pairs = [(rec, r) for r in catalog.reports for rec in r.awards]
    values = [_values(rec, r, catalog) for rec, r in pairs]
    seen: dict[Dim, dict[str, str]] = {d: {} for d in Dim}
    for v in values:
        for dim, items in v.items():
            for code, label in items:
                seen[dim].setdefault(code, label)  # the first spelling of an authority names its group
    options = {d: tuple(_order(d, seen[d])) for d in Dim}
    index = {d: {o.code: i for i, o in enumerate(options[d])} for d in Dim}
    records = tuple(
        CodedRecord(record=rec, report=r, at={d: tuple(index[d][c] for c, _ in v[d]) for d in Dim})
        for (rec, r), v in zip(pairs, values)
    )
    return Coded(options=options, records=records)


def _add(cell: Cell | None, rec: AwardRecord) -> Cell:
    cell = cell or Cell(total=0, records=0, incomplete=False)
    return Cell(total=cell.total + (rec.count or 0), records=cell.records + 1,
                incomplete=cell.incomplete or rec.count is None)


def pivot(coded: Coded, rows: Dim, columns: Dim) -> Pivot:
    """Totals of ``rows`` × ``columns``; a record with no value on a dimension sits in a "Không ghi" line.

    A record under several movements counts once in each, and once in the grand total.
    """
    row_opts = coded.options[rows] + (Option(code="", label=NOT_STATED),)
    col_opts = coded.options[columns] + (Option(code="", label=NOT_STATED),)
    cells: dict[tuple[int, int], Cell] = {}
    row_tot: dict[int, Cell] = {}
    col_tot: dict[int, Cell] = {}
    total = Cell(total=0, records=0, incomplete=False)
    for c in coded.records:
        rs = c.at[rows] or (len(row_opts) - 1,)
        cs = c.at[columns] or (len(col_opts) - 1,)
        for i in rs:
            for j in cs:
                cells[i, j] = _add(cells.get((i, j)), c.record)
            row_tot[i] = _add(row_tot.get(i), c.record)
        for j in cs:
            col_tot[j] = _add(col_tot.get(j), c.record)
        total = _add(total, c.record)
    keep_r = [i for i in range(len(row_opts)) if i in row_tot]
    keep_c = [j for j in range(len(col_opts)) if j in col_tot]
    return Pivot(
        rows=tuple(row_opts[i] for i in keep_r), columns=tuple(col_opts[j] for j in keep_c),
        cells={(a, b): cells[i, j] for a, i in enumerate(keep_r) for b, j in enumerate(keep_c) if (i, j) in cells},
        row_totals=tuple(row_tot[i] for i in keep_r), column_totals=tuple(col_tot[j] for j in keep_c), total=total,
    )


REPORT_DIMS = (Dim.YEAR, Dim.LEVEL, Dim.PROVINCE, Dim.MOVEMENT)  # the same for every record of a report
RECORD_DIMS = tuple(d for d in Dim if d not in REPORT_DIMS)


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
    for c in coded.records:
        r = c.report
        if r.id not in report_index:
            report_index[r.id] = len(reports)
            reports.append([r.id, report_label(r), r.unit.full_name] + [_packed(c.at[d]) for d in REPORT_DIMS])
        own = c.at[Dim.MOVEMENT] if c.record.movement else ()
        rows.append([report_index[r.id], c.record.block, c.record.count, list(c.record.names)]
                    + [_packed(c.at[d]) for d in RECORD_DIMS] + [_packed(own)])
    return {
        "dims": [{"key": d.value, "label": d.label, "options": [[o.code, o.label] for o in coded.options[d]]}
                 for d in Dim],
        "report_dims": [d.value for d in REPORT_DIMS],
        "record_dims": [d.value for d in RECORD_DIMS],
        "reports": reports,
        "records": rows,
    }
