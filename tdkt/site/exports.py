"""``Catalog`` → the open data files under ``du-lieu/`` and the page that presents them.

Output of ``export_files``: ``{docs-relative path: bytes}``:

- ``du-lieu/bao-cao.csv``, ``bao-cao.json``: one row per report, newest first (``present.report_order``);
- ``du-lieu/don-vi.csv``, ``don-vi.json``: every unit of the catalogue, by id, with its report count;
- ``du-lieu/khen-thuong.csv``, ``khen-thuong.json``: the award records kept in ``data/`` (``awards.yml``),
  one row per award statement, each linked to its paragraph;
- ``du-lieu/datapackage.json``: a Frictionless Data Package (tabular-data-package, v1 profile, so
  validators need nothing from the network) describing the three CSV files.

``render_data_page`` gives ``du-lieu.md``, served at ``/du-lieu/`` beside the files.

CSV files are UTF-8 with a header row, RFC 4180 quoting (the ``csv`` module), ``\\n`` line ends.
Report text is untrusted: a CSV text value starting with ``=``, ``+``, ``-``, ``@``, a tab, a
carriage return or ``'`` gets a leading ``'`` so no spreadsheet runs it as a formula (drop one
leading ``'`` to get the value back). JSON files keep values as they are, blanks as ``null``.
The same catalogue always gives the same bytes (no dates, no set order). Pure.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

from tdkt.site import paths
from tdkt.site.markdown import escape, front_matter, link, table
from tdkt.model import Catalog, Report, Span, Unit
from tdkt.site.present import report_order

FOLDER = "du-lieu"
DATAPACKAGE = f"{FOLDER}/datapackage.json"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")
FORMULA_NOTE = ("Trong tệp CSV, giá trị bắt đầu bằng =, +, -, @, tab, CR hoặc ' được thêm một dấu ' ở đầu "
                "để bảng tính không chạy nó như công thức; bỏ một dấu ' đầu để có giá trị gốc "
                "(CSV: values starting with =, +, -, @, tab, CR or ' get a leading ' against formula injection).")
ISSUED_PATTERN = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: str  # Frictionless field type: string, integer, date, ...
    description: str
    required: bool = False
    is_list: bool = False  # a list in JSON, ";"-joined in CSV
    pattern: str = ""
    enum: tuple[str, ...] = ()

    def field(self) -> dict:
        description = self.description
        if self.type == "string":
            description += " " + FORMULA_NOTE
        out = {"name": self.name, "type": self.type, "description": description}
        constraints: dict = {}
        if self.required:
            constraints["required"] = True
        if self.pattern:
            constraints["pattern"] = self.pattern
        if self.enum:
            constraints["enum"] = list(self.enum)
        if constraints:
            out["constraints"] = constraints
        return out


@dataclass(frozen=True, slots=True)
class Table:
    name: str  # resource name and file stem
    title: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[dict, ...] = ()
    licenses: tuple[dict, ...] = ()
    sources: tuple[dict, ...] = ()

    @property
    def csv_path(self) -> str:
        return f"{self.name}.csv"

    @property
    def json_path(self) -> str:
        return f"{self.name}.json"


# --------------------------------------------------------------------------- licences and sources

LICENSE_PUBLIC_DOCUMENTS = {
    "name": "other-pd",
    "title": "Văn bản hành chính nhà nước: không thuộc đối tượng bảo hộ quyền tác giả (Điều 15 Luật Sở hữu trí "
             "tuệ) / Public administrative documents: not protected by copyright (Art. 15, Law on Intellectual "
             "Property of Viet Nam)",
    "path": "https://vbpl.vn/TW/Pages/vbpqen-toanvan.aspx?ItemID=10467",
}
LICENSE_MIT = {"name": "MIT", "title": "MIT License (vietnamadminunits)", "path": "https://opensource.org/license/mit"}
SOURCE_REPORTS = {
    "title": "Các báo cáo thi đua, khen thưởng do cơ quan, đơn vị ban hành (tệp gốc công bố kèm từng báo cáo) / "
             "The reports as issued (each original is published beside its report)",
}
SOURCE_GAZETTEER = {
    "title": "vietnamadminunits (Python package, MIT): official administrative unit codes of the General Statistics "
             "Office, the 63-province map before 1 July 2025 and the 34-province map from that date",
    "path": "https://pypi.org/project/vietnamadminunits/",
}


# --------------------------------------------------------------------------- the tables

REPORTS = Table(
    name="bao-cao",
    title="Báo cáo / Reports",
    description="Mỗi dòng một báo cáo trong kho, mới nhất trước; siêu dữ liệu đúng như văn bản ghi, trường văn bản "
                "không ghi thì để trống. One row per report, newest first.",
    columns=(
        Column("id", "string", "Mã báo cáo trong kho (ổn định, không dùng lại) / report id.", required=True),
        Column("url", "string", "Trang của báo cáo, tương đối so với gốc trang web (vd. bao-cao/<id>/) / "
                                "the report's page, relative to the site root.", required=True),
        Column("title", "string", "Trích yếu / title.", required=True),
        Column("doc_type", "string", "Loại văn bản (mã trong danh mục: bao-cao, ke-hoach...); trống ở bản nháp chưa xác "
                                     "định / document type id."),
        Column("doc_number", "string", "Số ký hiệu như văn bản ghi; số để trống thì giữ trống (vd. /BC-UBND) / "
                                       "document number as written."),
        Column("issuer", "string", "Cơ quan ban hành / issuing body.", required=True),
        Column("unit_id", "string", "Đơn vị hành chính của báo cáo (don-vi.id); trống với cơ quan trung ương hoặc bản "
                                    "nháp chưa xác định / territorial unit id."),
        Column("unit_name", "string", "Tên đơn vị (vào ngày ban hành) / unit name."),
        Column("unit_level", "string", "Cấp đơn vị: tinh, huyen, xa / unit level.", enum=("tinh", "huyen", "xa")),
        Column("province_id", "string", "Tỉnh, thành phố của đơn vị (don-vi.id) / province id."),
        Column("province", "string", "Tên tỉnh, thành phố / province name."),
        Column("issued", "string", "Ngày ban hành: YYYY-MM-DD; YYYY-MM khi văn bản để trống ngày; YYYY khi để trống "
                                   "ngày và tháng; trống khi không ghi / issue date (ISO, partial when blank).",
               pattern=ISSUED_PATTERN),
        Column("place", "string", "Địa danh trước ngày tháng / place of issue."),
        Column("period_year", "integer", "Năm của kỳ báo cáo / year reported on."),
        Column("period_span", "string", "Kỳ báo cáo; trống khi văn bản không nói về một kỳ / period span.",
               enum=tuple(s.value for s in Span)),
        Column("period_number", "integer", "Số quý (1–4) hoặc tháng (1–12) khi kỳ là quý, tháng / quarter or month."),
        Column("period_end_year", "integer", "Năm cuối của giai đoạn (kỳ term) / last year of a term."),
        Column("recipient", "string", "Kính gửi / addressee."),
        Column("signer", "string", "Người ký / signer."),
        Column("signer_title", "string", "Chức danh người ký / signer's title."),
        Column("theme", "string", "Chủ đề thi đua / emulation theme."),
        Column("movements", "string", "Các phong trào thi đua văn bản nhắc đến (mã, cách nhau bởi ;) / "
                                      "movement ids, ;-separated.", is_list=True),
        Column("text_quality", "string", "Chất lượng văn bản / text quality.", required=True,
               enum=("clean", "ocr", "ocr-restored", "legacy-encoding")),
        Column("source_file", "string", "Tên tệp gốc khi nhận / the original's file name as received.",
               required=True),
        Column("original_url", "string", "Tệp gốc, nguyên văn từng byte, tương đối so với gốc trang web / "
                                         "the original file, relative to the site root.", required=True),
        Column("sha256", "string", "SHA-256 của tệp gốc / SHA-256 of the original.", required=True,
               pattern="^[0-9a-f]{64}$"),
    ),
    primary_key=("id",),
    foreign_keys=(
        {"fields": "unit_id", "reference": {"resource": "don-vi", "fields": "id"}},
        {"fields": "province_id", "reference": {"resource": "don-vi", "fields": "id"}},
    ),
    licenses=(LICENSE_PUBLIC_DOCUMENTS,),
    sources=(SOURCE_REPORTS,),
)

UNITS = Table(
    name="don-vi",
    title="Đơn vị hành chính / Administrative units",
    description="Mọi đơn vị hành chính mà kho nhắc đến (đơn vị của báo cáo, cấp trên và đơn vị kế thừa từ "
                "01/7/2025), theo mã. Every unit the archive mentions, by id.",
    columns=(
        Column("id", "string", "Mã trong kho: <cấp>-<mã TCTK>, thêm -2025 cho đơn vị từ 01/7/2025 / unit id.",
               required=True),
        Column("code", "string", "Mã đơn vị hành chính (Tổng cục Thống kê) / official code.", required=True),
        Column("level", "string", "Cấp: tinh, huyen, xa / level.", required=True, enum=("tinh", "huyen", "xa")),
        Column("kind", "string", "Loại đơn vị: Tỉnh, Thành phố, Huyện, Thị xã, Xã, Phường... / kind.", required=True),
        Column("name", "string", "Tên (không kèm loại) / name.", required=True),
        Column("full_name", "string", "Tên đầy đủ (loại và tên) / full name.", required=True),
        Column("parent_id", "string", "Đơn vị cấp trên trực tiếp (don-vi.id) / parent unit id."),
        Column("province_id", "string", "Tỉnh, thành phố (don-vi.id) / province id."),
        Column("valid_from", "date", "Tên gọi có hiệu lực từ ngày (trống: danh mục không ghi) / valid from."),
        Column("valid_to", "date", "Tên gọi có hiệu lực đến hết ngày / valid to."),
        Column("successor_ids", "string", "Đơn vị kế thừa từ 01/7/2025 (mã, cách nhau bởi ;) / successor ids.",
               is_list=True),
        Column("successor_note", "string", "Ghi chú khi không có đơn vị kế thừa / note on what became of the unit."),
        Column("report_count", "integer", "Số báo cáo của đơn vị trong kho / number of reports.", required=True),
    ),
    primary_key=("id",),
    foreign_keys=(
        {"fields": "parent_id", "reference": {"resource": "", "fields": "id"}},
        {"fields": "province_id", "reference": {"resource": "", "fields": "id"}},
    ),
    licenses=(LICENSE_MIT,),
    sources=(SOURCE_GAZETTEER,),
)

AWARDS = Table(
    name="khen-thuong",
    title="Khen thưởng / Award records",
    description="Mỗi dòng một lời văn khen thưởng trong báo cáo (hình thức, cấp khen, số lượng, liên kết đến đúng "
                "đoạn văn), theo các bản ghi khen thưởng lưu trong kho (awards.yml). "
                "One row per award statement of the archive's award records.",
    columns=(
        Column("report_id", "string", "Báo cáo chứa lời văn (bao-cao.id) / report id.", required=True),
        Column("anchor", "string", "Đoạn văn: p-<số>, trang bao-cao/<id>/#p-<số> / paragraph anchor.",
               required=True, pattern="^p-[1-9][0-9]*$"),
        Column("form", "string", "Hình thức khen thưởng hoặc danh hiệu thi đua / award form or title.",
               required=True),
        Column("authority", "string", "Cấp khen, như văn bản ghi (vd. Chủ tịch UBND tỉnh) / granting authority."),
        Column("system", "string", "Hệ thống khen thưởng / award system.",
               enum=("nha-nuoc", "dang", "doan-the", "nganh")),
        Column("recipients", "string", "Đối tượng: cá nhân, tập thể, hộ gia đình / recipient kind.",
               enum=("cá nhân", "tập thể", "hộ gia đình")),
        Column("count", "integer", "Số lượng (trống khi văn bản không ghi) / count."),
        Column("names", "string", "Tên người, tập thể được nêu, cách nhau bởi ; / named recipients.", is_list=True),
        Column("status", "string", "granted (đã khen) hoặc proposed (đề nghị) / status.", required=True,
               enum=("granted", "proposed")),
        Column("year", "integer", "Năm / year."),
        Column("unit_id", "string", "Đơn vị của báo cáo (don-vi.id) / unit id."),
        Column("movement", "string", "Phong trào thi đua (mã) / movement id."),
    ),
    # no primary key: one paragraph may state the same form twice (two authorities, two lists of names)
    foreign_keys=(
        {"fields": "report_id", "reference": {"resource": "bao-cao", "fields": "id"}},
        {"fields": "unit_id", "reference": {"resource": "don-vi", "fields": "id"}},
    ),
    licenses=(LICENSE_PUBLIC_DOCUMENTS,),
    sources=(SOURCE_REPORTS,),
)

TABLES = (REPORTS, UNITS, AWARDS)


# --------------------------------------------------------------------------- rows


def _blank(text: str) -> str | None:
    return text if text else None


def report_row(r: Report, catalog: Catalog) -> dict:
    province = catalog.units.get(r.unit.province_id) if r.unit else None
    return {
        "id": r.id,
        "url": f"bao-cao/{r.id}/",
        "title": r.title,
        "doc_type": r.doc_type.id or None,
        "doc_number": _blank(r.doc_number),
        "issuer": r.issuer,
        "unit_id": r.unit.id if r.unit else None,
        "unit_name": r.unit.full_name if r.unit else None,
        "unit_level": r.unit.level.value if r.unit else None,
        "province_id": r.unit.province_id if r.unit else None,
        "province": province.full_name if province else None,
        "issued": r.issued.iso() if r.issued else None,
        "place": _blank(r.place),
        "period_year": r.period.year if r.period else None,
        "period_span": r.period.span.value if r.period else None,
        "period_number": r.period.number if r.period else None,
        "period_end_year": r.period.end_year if r.period else None,
        "recipient": _blank(r.recipient),
        "signer": _blank(r.signer),
        "signer_title": _blank(r.signer_title),
        "theme": _blank(r.theme),
        "movements": [m.id for m in r.movements],
        "text_quality": r.text_quality.value,
        "source_file": r.source.file_name,
        "original_url": paths.original_file(r),
        "sha256": r.source.sha256,
    }


def unit_row(u: Unit, report_count: int) -> dict:
    return {
        "id": u.id,
        "code": u.code,
        "level": u.level.value,
        "kind": u.kind,
        "name": u.name,
        "full_name": u.full_name,
        "parent_id": u.parent_id,
        "province_id": u.province_id,
        "valid_from": u.valid_from.isoformat() if u.valid_from else None,
        "valid_to": u.valid_to.isoformat() if u.valid_to else None,
        "successor_ids": list(u.successor_ids),
        "successor_note": _blank(u.successor_note),
        "report_count": report_count,
    }


def report_rows(catalog: Catalog) -> list[dict]:
    return [report_row(r, catalog) for r in sorted(catalog.reports, key=report_order)]


def unit_rows(catalog: Catalog) -> list[dict]:
    counts: dict[str, int] = {}
    for r in catalog.reports:
        if r.unit is not None:
            counts[r.unit.id] = counts.get(r.unit.id, 0) + 1
    return [unit_row(catalog.units[uid], counts.get(uid, 0)) for uid in sorted(catalog.units)]


def award_rows(catalog: Catalog) -> list[dict]:
    """Award records, one dict per row with the keys of ``AWARDS.columns``.

    From each report's ``awards`` (the reviewed records of ``data/reports/<id>/awards.yml``), in
    report order (``present.report_order``), then by paragraph number, then as the file lists them.
    The year and unit are the report's (its period year, its unit id).
    """
    rows = []
    for r in sorted(catalog.reports, key=report_order):
        for a in sorted(r.awards, key=lambda a: a.block):  # stable: file order within a paragraph
            rows.append({
                "report_id": r.id,
                "anchor": a.anchor,
                "form": a.form.name,
                "authority": _blank(a.authority),
                "system": a.system.value,
                "recipients": a.recipients.value if a.recipients else None,
                "count": a.count,
                "names": list(a.names),
                "status": a.status.value,
                "year": r.year,
                "unit_id": r.unit.id if r.unit else None,
                "movement": a.movement.id if a.movement else None,
            })
    return rows


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
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    names = [c.name for c in t.columns]
    writer.writerow(names)
    for row in rows:
        writer.writerow([_cell(row[n]) for n in names])
    return out.getvalue().encode("utf-8")


def to_json(t: Table, rows: list[dict]) -> bytes:
    names = [c.name for c in t.columns]
    clean = [{n: (None if row[n] == "" else row[n]) for n in names} for row in rows]
    return (json.dumps(clean, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _resource(t: Table) -> dict:
    schema: dict = {"fields": [c.field() for c in t.columns]}
    if t.primary_key:
        schema["primaryKey"] = list(t.primary_key)
    if t.foreign_keys:
        schema["foreignKeys"] = [dict(fk) for fk in t.foreign_keys]
    return {
        "name": t.name,
        "path": t.csv_path,
        "profile": "tabular-data-resource",
        "title": t.title,
        "description": t.description,
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
                       "bản ghi khen thưởng. Mỗi tệp CSV có bản JSON cùng tên (trống là null, danh sách là mảng). "
                       "Metadata of the archive's reports, the units they name and award records; each CSV has a "
                       "JSON twin.",
        "licenses": [dict(LICENSE_PUBLIC_DOCUMENTS), dict(LICENSE_MIT)],
        "sources": [dict(SOURCE_REPORTS), dict(SOURCE_GAZETTEER)],
        "resources": [_resource(t) for t in TABLES],
    }


def _rows(catalog: Catalog) -> dict[str, list[dict]]:
    """Table name → its rows."""
    return {REPORTS.name: report_rows(catalog), UNITS.name: unit_rows(catalog), AWARDS.name: award_rows(catalog)}


def export_files(catalog: Catalog) -> dict[str, bytes]:
    """Every open data file, keyed by docs-relative path (see the module docstring)."""
    files: dict[str, bytes] = {}
    rows = _rows(catalog)
    for t in TABLES:
        files[f"{FOLDER}/{t.csv_path}"] = to_csv(t, rows[t.name])
        files[f"{FOLDER}/{t.json_path}"] = to_json(t, rows[t.name])
    files[DATAPACKAGE] = (json.dumps(datapackage(), ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    return files


# --------------------------------------------------------------------------- the page


def render_data_page(catalog: Catalog) -> str:
    here = paths.DATA
    rows = _rows(catalog)

    def files(t: Table) -> str:
        return ", ".join(link(f"`{name}`", paths.rel(here, f"{FOLDER}/{name}")) for name in (t.csv_path, t.json_path))

    holds = {
        REPORTS.name: "Mỗi dòng một báo cáo, mới nhất trước: số ký hiệu, cơ quan ban hành, đơn vị, ngày ban hành, kỳ "
                 "báo cáo, người ký, phong trào thi đua, chất lượng văn bản, tệp gốc và mã SHA-256.",
        UNITS.name: "Các đơn vị hành chính kho nhắc đến: mã Tổng cục Thống kê, cấp, đơn vị cấp trên, hiệu lực tên gọi, "
               "đơn vị kế thừa từ 01/7/2025, số báo cáo.",
        AWARDS.name: "Bản ghi khen thưởng (hình thức, cấp khen, đối tượng, số lượng, năm, liên kết đến đoạn văn), "
                "lấy từ các bản ghi lưu trong kho (awards.yml).",
    }
    table_rows = [(escape(t.title), holds[t.name], str(len(rows[t.name])), files(t)) for t in TABLES]
    units_mentioned = len(catalog.units)
    return "\n".join([
        front_matter({"title": "Dữ liệu mở"}),
        "# Dữ liệu mở\n",
        f"Toàn bộ siêu dữ liệu của kho ({len(catalog.reports)} báo cáo, {units_mentioned} đơn vị hành chính) "
        "ở dạng CSV và JSON, tạo lại sau mỗi lần dựng trang. Mô tả các tệp theo chuẩn "
        "Frictionless Data Package (`specs.frictionlessdata.io/data-package`): "
        f"{link('`datapackage.json`', paths.rel(here, DATAPACKAGE))}.\n",
        table(("Bảng", "Nội dung", "Số dòng", "Tệp"), table_rows),
        "## Định dạng\n",
        "- CSV: mã UTF-8, dòng đầu là tên cột, dấu phẩy phân cách, ngoặc kép theo RFC 4180. Trường văn bản không "
        "ghi thì để trống. Danh sách (phong trào, đơn vị kế thừa) cách nhau bởi dấu `;`.",
        "- JSON: một mảng đối tượng với cùng tên cột; trường trống là `null`, danh sách là mảng.",
        "- Ngày ban hành theo ISO 8601: `YYYY-MM-DD`; `YYYY-MM` khi văn bản để trống ngày.",
        "- Liên kết (`url`, `original_url`) tương đối so với gốc trang web.",
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
