"""``Catalog`` → the open data files under ``du-lieu/`` and the page that presents them.

Output of ``export_files``: ``{docs-relative path: bytes}``:

- ``du-lieu/bao-cao.csv``, ``bao-cao.json``: one row per report, newest first (``present.report_order``);
- ``du-lieu/don-vi.csv``, ``don-vi.json``: every unit of the catalogue, by id, with its report count;
- ``du-lieu/khen-thuong.csv``, ``khen-thuong.json``: every award record of ``data/`` (``awards.yml``), one
  row per award statement, self-contained (report, unit, province, the paragraph's link) and saying
  whether a person reviewed it;
- ``du-lieu/datapackage.json``: a Frictionless Data Package (tabular-data-package, v1 profile, so
  validators need nothing from the network) describing the three CSV files.

The tables, their columns and both their names are in ``data_tables``; the rows in ``data_rows``.
``render_data_page`` gives ``du-lieu.md``, served at ``/du-lieu/`` beside the files.

CSV files are for people opening them in Excel on Windows as much as for programs: UTF-8 *with* a byte
order mark (without it Excel reads UTF-8 as the ANSI code page and garbles Vietnamese; programs that
read "utf-8" mostly skip it: Python's ``utf-8-sig``, pandas, R, frictionless), Vietnamese headers, a
label column beside each code column, RFC 4180 quoting (the ``csv`` module), ``\\n`` line ends. The
datapackage declares ``"encoding": "utf-8"``: the Data Resource spec asks for an IANA preferred name, and
the BOM is UTF-8's own signature (``utf-8-sig`` is a Python codec name, not an IANA one).
Report text is untrusted: a CSV text value starting with ``=``, ``+``, ``-``, ``@``, a tab, a
carriage return or ``'`` gets a leading ``'`` so no spreadsheet runs it as a formula (drop one
leading ``'`` to get the value back). JSON files keep values as they are, blanks as ``null``, under the
columns' ASCII keys. The same catalogue always gives the same bytes (no dates, no set order). Pure.
"""
from __future__ import annotations

import codecs
import csv
import io
import json

from tdkt.model import Catalog, Report
from tdkt.site import paths
from tdkt.site.data_rows import award_reviewed, award_row, award_rows, report_row, report_rows, unit_rows
from tdkt.site.present import report_order
from tdkt.site.row_memory import RowMemory, Rows, row_key
from tdkt.site.data_tables import (
    AWARDS, BY_NAME, LICENSE_MIT, LICENSE_PUBLIC_DOCUMENTS, REPORTS, REVIEWED, SOURCE_GAZETTEER, SOURCE_REPORTS,
    TABLES, UNITS, UNREVIEWED, Table,
)
from tdkt.site.markdown import escape, front_matter, link, table

__all__ = ["AWARDS", "DATAPACKAGE", "REPORTS", "TABLES", "UNITS", "award_rows", "datapackage", "export_files",
           "protect", "render_data_page", "report_rows", "to_csv", "to_json", "unit_rows"]

FOLDER = "du-lieu"
DATAPACKAGE = f"{FOLDER}/datapackage.json"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")
BOM = codecs.BOM_UTF8
ENCODING_NOTE = ("Tệp CSV mã hoá UTF-8 có BOM (3 byte EF BB BF ở đầu tệp) để Excel hiển thị đúng tiếng Việt / "
                 "UTF-8 with a byte order mark, so that Excel reads it as UTF-8.")


# --------------------------------------------------------------------------- serialisation


def protect(text: str) -> str:
    """A CSV cell a spreadsheet will not run as a formula (see the module docstring)."""
    return "'" + text if text.startswith(FORMULA_START) else text


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return protect(";".join(value))
    if isinstance(value, bool):  # never expected; keep it explicit rather than "True"
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return protect(str(value))


def to_csv(t: Table, rows: list[dict]) -> bytes:
    """The table as CSV: BOM, the Vietnamese header row, then one line per row."""
    return _csv_file(t, [csv_line(t, row) for row in rows])


def to_json(t: Table, rows: list[dict]) -> bytes:
    return _json_file([json_object(t, row) for row in rows])


def csv_line(t: Table, row: dict) -> str:
    """One row's line of the table's CSV file (RFC 4180 quoting, ``\\n``): a row's line does not depend on the
    others."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL).writerow([_cell(row[c.key]) for c in t.columns])
    return out.getvalue()


def json_object(t: Table, row: dict) -> str:
    """One row as ``json.dumps(rows, ensure_ascii=False, indent=1)`` writes it as an item of the file's array (its
    lines one space further in; ``json`` escapes every line break inside a string, so only its layout's break)."""
    clean = {c.key: (None if row[c.key] == "" else row[c.key]) for c in t.columns}
    return " " + json.dumps(clean, ensure_ascii=False, indent=1).replace("\n", "\n ")


def _csv_file(t: Table, lines: list[str]) -> bytes:
    header = io.StringIO()
    csv.writer(header, lineterminator="\n", quoting=csv.QUOTE_MINIMAL).writerow([c.name for c in t.columns])
    return BOM + (header.getvalue() + "".join(lines)).encode("utf-8")


def _json_file(objects: list[str]) -> bytes:
    """``json.dumps(rows, ensure_ascii=False, indent=1) + "\\n"`` from its items (``json_object``)."""
    return (("[\n" + ",\n".join(objects) + "\n]" if objects else "[]") + "\n").encode("utf-8")


def _resource(t: Table) -> dict:
    schema: dict = {"fields": [c.field() for c in t.columns]}
    if t.primary_key:
        schema["primaryKey"] = [t.header(k) for k in t.primary_key]
    if t.foreign_keys:
        schema["foreignKeys"] = [
            {"fields": t.header(key), "reference": {"resource": other,
                                                    "fields": BY_NAME[other or t.name].header(other_key)}}
            for key, other, other_key in t.foreign_keys]
    return {
        "name": t.name,
        "path": t.csv_path,
        "profile": "tabular-data-resource",
        "title": f"{t.title} / {t.title_en}",
        "description": f"{t.description} {ENCODING_NOTE}",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": {"delimiter": ",", "quoteChar": '"', "doubleQuote": True, "lineTerminator": "\n",
                    "header": True},
        "schema": schema,
        "licenses": [dict(x) for x in t.licenses],
        "sources": [dict(x) for x in t.sources],
    }


def datapackage() -> dict:
    return {
        "profile": "tabular-data-package",
        "name": "luu-tru-bao-cao-thi-dua-khen-thuong",
        "title": "Lưu trữ báo cáo thi đua, khen thưởng: dữ liệu mở",
        "description": "Siêu dữ liệu các báo cáo thi đua, khen thưởng trong kho, danh mục đơn vị hành chính và "
                       "bản ghi khen thưởng. Tệp CSV có tên cột tiếng Việt và mã hoá UTF-8 có BOM (mở thẳng bằng "
                       "Excel); mỗi tệp CSV có bản JSON cùng tên, cùng các cột với khoá không dấu (trống là null, "
                       "danh sách là mảng). Metadata of the archive's reports, the units they name and award "
                       "records. CSV: Vietnamese headers, UTF-8 with a BOM; each CSV has a JSON twin with the same "
                       "columns under ASCII keys (each field's description names its key).",
        "licenses": [dict(LICENSE_PUBLIC_DOCUMENTS), dict(LICENSE_MIT)],
        "sources": [dict(SOURCE_REPORTS), dict(SOURCE_GAZETTEER)],
        "resources": [_resource(t) for t in TABLES],
    }


def export_files(catalog: Catalog, site_url: str | None = None, memory: RowMemory | None = None) -> dict[str, bytes]:
    """Every open data file, keyed by docs-relative path (see the module docstring).

    Links are relative to the site's root, or absolute under ``site_url`` when the site's address is given. With
    ``memory`` (``tdkt/site/row_memory.py``), a report's rows come as the last build wrote them when it is unchanged:
    the same bytes.
    """
    files: dict[str, bytes] = {}
    lines: dict[str, list[str]] = {REPORTS.name: [], AWARDS.name: []}
    objects: dict[str, list[str]] = {REPORTS.name: [], AWARDS.name: []}
    for r in sorted(catalog.reports, key=report_order):
        known = None
        if memory is not None:
            province = catalog.units.get(r.unit.province_id) if r.unit is not None else None
            key = row_key(catalog.record_keys.get(r.id), province.full_name if province else None, site_url)
            known = memory.rows(r.id, key)
        made = known if known is not None else _report_texts(r, catalog, site_url)
        if memory is not None and known is None:
            memory.note(r.id, key, made)
        lines[REPORTS.name].append(made[0])
        objects[REPORTS.name].append(made[1])
        lines[AWARDS.name] += made[2]
        objects[AWARDS.name] += made[3]
    units = unit_rows(catalog)
    lines[UNITS.name] = [csv_line(UNITS, row) for row in units]
    objects[UNITS.name] = [json_object(UNITS, row) for row in units]
    for t in TABLES:
        files[f"{FOLDER}/{t.csv_path}"] = _csv_file(t, lines[t.name])
        files[f"{FOLDER}/{t.json_path}"] = _json_file(objects[t.name])
    files[DATAPACKAGE] = (json.dumps(datapackage(), ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    return files


def _report_texts(r: Report, catalog: Catalog, site_url: str | None) -> Rows:
    """A report's line and object in the reports' table, and its award records' in the awards' table (in
    ``award_rows``' order)."""
    row = report_row(r, catalog, site_url)
    awards = [award_row(a, r, catalog, site_url) for a in sorted(r.awards, key=lambda a: a.block)]
    return (csv_line(REPORTS, row), json_object(REPORTS, row), tuple(csv_line(AWARDS, a) for a in awards),
            tuple(json_object(AWARDS, a) for a in awards))


# --------------------------------------------------------------------------- the page

HOLDS = {
    REPORTS.name: "Mỗi dòng một báo cáo, mới nhất trước: tình trạng rà soát, loại và số ký hiệu, cơ quan ban hành, "
                  "đơn vị, tỉnh, ngày ban hành, kỳ báo cáo, người ký, phong trào thi đua, chất lượng văn bản, tệp "
                  "gốc và mã SHA-256.",
    UNITS.name: "Các đơn vị hành chính kho nhắc đến: mã Tổng cục Thống kê, cấp, đơn vị cấp trên, tỉnh, hiệu lực tên "
                "gọi, đơn vị kế thừa từ 01/7/2025, số báo cáo.",
    AWARDS.name: "Mỗi dòng một nội dung khen thưởng, đủ để đọc riêng: báo cáo, liên kết đến đúng đoạn văn, tình "
                 "trạng rà soát, hình thức, cấp khen, đối tượng, số lượng, đã tặng hay đề nghị, năm, đơn vị, tỉnh, "
                 "phong trào.",
}


def _values(c) -> str:
    """The values a column allows, when it has a fixed list: codes as code, words as words."""
    if not c.enum:
        return ""
    return " Giá trị: " + "; ".join(f"`{v}`" if v.isascii() else escape(v) for v in c.enum) + "."


def _columns_table(t: Table) -> str:
    rows = [(escape(c.name), f"`{c.key}`", escape(c.vietnamese) + _values(c)) for c in t.columns]
    return table(("Cột trong tệp CSV", "Khoá trong tệp JSON", "Nội dung"), rows)


def render_data_page(catalog: Catalog, site_url: str | None = None) -> str:
    """``du-lieu.md``; ``site_url`` as for ``export_files`` (the page says how to open the files' links)."""
    here = paths.DATA
    counts = {REPORTS.name: len(catalog.reports), UNITS.name: len(catalog.units),
              AWARDS.name: sum(len(r.awards) for r in catalog.reports)}  # the tables' rows, without making them
    if site_url:
        links = ("- Liên kết (Trang báo cáo, Tệp gốc, Liên kết đến đoạn văn) là địa chỉ đầy đủ, mở thẳng trong trình "
                 "duyệt.\n")
    else:
        links = ("- Liên kết (Trang báo cáo, Tệp gốc, Liên kết đến đoạn văn) tương đối so với địa chỉ gốc của trang "
                 "web: ghép địa chỉ trang chủ phía trước để mở, ví dụ địa chỉ trang chủ rồi `bao-cao/<mã>/#p-7`.\n")

    def files(t: Table) -> str:
        return ", ".join(link(f"`{name}`", paths.rel(here, f"{FOLDER}/{name}")) for name in (t.csv_path, t.json_path))

    table_rows = [(escape(t.title), HOLDS[t.name], str(counts[t.name]), files(t)) for t in TABLES]
    unreviewed = sum(not award_reviewed(a, r) for r in catalog.reports for a in r.awards)
    drafts = sum(r.draft for r in catalog.reports)
    columns = []
    for t in TABLES:
        columns += [f"### {escape(t.title)} ({link(f'`{t.csv_path}`', paths.rel(here, f'{FOLDER}/{t.csv_path}'))})\n",
                    _columns_table(t)]
    return "\n".join([
        front_matter({"title": "Dữ liệu mở"}),
        "# Dữ liệu mở\n",
        f"Toàn bộ siêu dữ liệu của kho ({len(catalog.reports)} báo cáo, {len(catalog.units)} đơn vị hành chính, "
        f"{counts[AWARDS.name]} nội dung khen thưởng) ở dạng CSV và JSON, tạo lại sau mỗi lần dựng trang. "
        "Tệp CSV mở thẳng bằng Excel; tệp JSON dành cho chương trình máy tính. Mô tả các tệp theo chuẩn "
        "Frictionless Data Package (`specs.frictionlessdata.io/data-package`): "
        f"{link('`datapackage.json`', paths.rel(here, DATAPACKAGE))}.\n",
        table(("Bảng", "Nội dung", "Số dòng", "Tệp"), table_rows),
        "## Mở bằng Excel\n",
        "- Nhấp đúp vào tệp CSV đã tải về: tệp mã hoá UTF-8 có BOM nên Excel hiển thị đúng tiếng Việt.",
        "- Nếu mọi giá trị dồn vào một cột (máy tính đặt dấu phân cách danh sách là dấu chấm phẩy), mở Excel, "
        "chọn thẻ **Dữ liệu** › **Từ Văn bản/CSV**, chọn tệp, chọn mã hoá **65001: Unicode (UTF-8)** và dấu phân "
        "cách **Dấu phẩy**.",
        "- Excel tự đổi một số giá trị: mã số bỏ số 0 ở đầu (mã tỉnh `01` thành `1`), ngày ghi thiếu như `2023-06` "
        "thành một ngày cụ thể. Muốn giữ nguyên, nhập tệp như trên và đặt kiểu **Văn bản** cho các cột đó. Cột "
        "mã luôn có cột tên đọc được bên cạnh.",
        "- Tên cột là tiếng Việt. Mỗi cột chứa mã (dành cho chương trình máy tính) có cột tên tiếng Việt bên "
        "cạnh: Mã hệ thống khen thưởng `nha-nuoc` và Hệ thống khen thưởng *Nhà nước*; Mã tình trạng khen thưởng "
        "`granted` và Tình trạng khen thưởng *Đã tặng*; Mã cấp đơn vị `xa` và Cấp đơn vị *Cấp xã*.",
        "- Mỗi dòng của bảng khen thưởng đủ để đọc riêng: có báo cáo, đơn vị, tỉnh và liên kết đến đúng đoạn văn "
        "nêu nội dung khen thưởng, không cần ghép với tệp khác.",
        links,
        "## Rà soát\n",
        f"Cột **Tình trạng rà soát** ghi *{REVIEWED}* khi một người đã đối chiếu bản ghi với văn bản, *{UNREVIEWED}* "
        "khi bản ghi do máy đọc từ văn bản mà chưa ai kiểm tra. Báo cáo còn là bản nháp thì chưa rà soát, và mọi "
        "nội dung khen thưởng của nó cũng chưa rà soát. Nội dung chưa rà soát có thể sai: đối chiếu với đoạn văn "
        "trước khi dùng. "
        f"Hiện có {drafts} báo cáo và {unreviewed} nội dung khen thưởng chưa rà soát.\n",
        "Văn bản không ghi số lượng thì cột Số lượng để trống (không phải 0): khi cộng, đừng coi ô trống là 0.\n",
        "## Các cột\n",
        *columns,
        "## Định dạng\n",
        "- CSV: mã hoá UTF-8 có BOM, dòng đầu là tên cột, dấu phẩy phân cách, ngoặc kép theo RFC 4180. Trường văn "
        "bản không ghi thì để trống. Danh sách (phong trào, đơn vị kế thừa, tên được nêu) cách nhau bởi dấu `;`.",
        "- JSON: một mảng đối tượng, mỗi cột một khoá không dấu (bảng trên); trường trống là `null`, danh sách là "
        "mảng.",
        "- Ngày ban hành theo ISO 8601: `YYYY-MM-DD`; `YYYY-MM` khi văn bản để trống ngày.",
        "- Chống chèn công thức bảng tính: trong CSV, giá trị bắt đầu bằng `=`, `+`, `-`, `@`, tab hoặc `'` được "
        "thêm một dấu `'` ở đầu; bỏ dấu `'` đầu tiên để có giá trị gốc. Tệp JSON giữ nguyên giá trị.\n",
        "## Giấy phép và nguồn\n",
        "- Văn bản và siêu dữ liệu báo cáo: văn bản hành chính nhà nước không thuộc đối tượng bảo hộ quyền tác "
        "giả (Điều 15 Luật Sở hữu trí tuệ).",
        "- Danh mục đơn vị hành chính: gói Python `vietnamadminunits` (giấy phép MIT), mã theo Tổng cục Thống kê.\n",
        "## Kiểm tra dữ liệu\n",
        "Tải cả thư mục (các tệp CSV và `datapackage.json`) rồi kiểm tra bằng "
        "công cụ `frictionless` (gói Python trên PyPI):\n",
        "    pip install frictionless==5.21.0",
        "    frictionless validate datapackage.json\n",
    ])
