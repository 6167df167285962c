"""The three tables of the open data under ``du-lieu/``: their columns, licences and sources.

Each column has two names: ``name``, the Vietnamese header of the CSV file (what a clerk reads in
Excel, and the field name of ``datapackage.json``, which must match the header), and ``key``, the
ASCII key of the JSON twin (what programs use; stable). A column holding a code (``nha-nuoc``,
``granted``, ``xa``) has a label column beside it with the Vietnamese words the site uses, so every
column reads without a code list. Descriptions are Vietnamese, then English, for the datapackage.
Data only: ``data_rows`` fills the rows, ``exports`` writes the files.
"""
from __future__ import annotations

from dataclasses import dataclass

from tdkt.model import AwardStatus, AwardSystem, Level, Span, TextQuality

FORMULA_NOTE = ("Trong tệp CSV, giá trị bắt đầu bằng =, +, -, @, tab, CR hoặc ' được thêm một dấu ' ở đầu "
                "để bảng tính không chạy nó như công thức; bỏ một dấu ' đầu để có giá trị gốc "
                "(CSV: values starting with =, +, -, @, tab, CR or ' get a leading ' against formula injection).")
ISSUED_PATTERN = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
REVIEWED = "đã rà soát"  # a person checked the record (or the report's metadata) against the text
UNREVIEWED = "chưa rà soát"  # machine output (ingest), or a record of a draft report
LINK_NOTE = ("địa chỉ đầy đủ; khi bản dựng không khai báo địa chỉ trang web thì tương đối so với địa chỉ gốc của "
             "trang web (ghép địa chỉ trang chủ phía trước để mở)")
LINK_NOTE_EN = "absolute, or relative to the site's root when the build was given no site address"


@dataclass(frozen=True, slots=True)
class Column:
    key: str  # JSON key (ASCII, stable)
    name: str  # CSV header and datapackage field name (Vietnamese)
    type: str  # Frictionless field type: string, integer, date, ...
    description: str  # "Vietnamese / English.": the page shows the Vietnamese, the datapackage both
    required: bool = False
    is_list: bool = False  # a list in JSON, ";"-joined in CSV
    pattern: str = ""
    enum: tuple[str, ...] = ()

    @property
    def vietnamese(self) -> str:
        text = self.description.split(" / ")[0].strip()
        return text if text.endswith(".") else text + "."

    def field(self) -> dict:
        description = f"{self.description} Khoá trong tệp JSON / JSON key: {self.key}."
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
    title: str  # Vietnamese, shown on the public page
    title_en: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...] = ()  # column keys
    foreign_keys: tuple[tuple[str, str, str], ...] = ()  # (column key, resource ("" itself), its column key)
    licenses: tuple[dict, ...] = ()
    sources: tuple[dict, ...] = ()

    @property
    def csv_path(self) -> str:
        return f"{self.name}.csv"

    @property
    def json_path(self) -> str:
        return f"{self.name}.json"

    def header(self, key: str) -> str:
        """The CSV header of the column with JSON key ``key``."""
        return next(c.name for c in self.columns if c.key == key)


def _labels(enum) -> tuple[str, ...]:
    return tuple(m.label for m in enum)


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

REVIEW_COLUMN_NOTE = (f"“{REVIEWED}” khi một người đã đối chiếu với văn bản; “{UNREVIEWED}” khi là kết quả máy "
                      "đọc chưa ai kiểm tra")


# --------------------------------------------------------------------------- the tables

REPORTS = Table(
    name="bao-cao",
    title="Báo cáo",
    title_en="Reports",
    description="Mỗi dòng một báo cáo trong kho, mới nhất trước; siêu dữ liệu đúng như văn bản ghi, trường văn bản "
                "không ghi thì để trống. Báo cáo chưa rà soát (bản nháp) ghi rõ ở cột Tình trạng rà soát. "
                "One row per report, newest first.",
    columns=(
        Column("id", "Mã báo cáo", "string", "Mã báo cáo trong kho (ổn định, không dùng lại) / report id.",
               required=True),
        Column("url", "Trang báo cáo", "string", f"Trang của báo cáo: {LINK_NOTE} / the report's page, {LINK_NOTE_EN}.",
               required=True),
        Column("reviewed", "Tình trạng rà soát", "string",
               "Siêu dữ liệu của báo cáo: " + REVIEW_COLUMN_NOTE + " / whether a person checked the report's "
               "metadata against its text (a draft: not yet).", required=True, enum=(REVIEWED, UNREVIEWED)),
        Column("title", "Trích yếu", "string", "Trích yếu / title.", required=True),
        Column("doc_type", "Mã loại văn bản", "string", "Loại văn bản, mã trong danh mục (bao-cao, ke-hoach...); "
                                                        "trống ở bản nháp chưa xác định / document type id."),
        Column("doc_type_name", "Loại văn bản", "string", "Tên loại văn bản (Báo cáo, Kế hoạch...) / "
                                                          "document type."),
        Column("doc_number", "Số ký hiệu", "string", "Số ký hiệu như văn bản ghi; số để trống thì giữ trống "
                                                     "(vd. /BC-UBND) / document number as written."),
        Column("issuer", "Cơ quan ban hành", "string", "Cơ quan ban hành / issuing body.", required=True),
        Column("unit_id", "Mã đơn vị", "string", "Đơn vị hành chính của báo cáo (mã trong don-vi.csv); trống với cơ "
                                                 "quan trung ương hoặc bản nháp chưa xác định / territorial unit id."),
        Column("unit_name", "Đơn vị", "string", "Tên đơn vị (vào ngày ban hành) / unit name."),
        Column("unit_level", "Mã cấp đơn vị", "string", "Cấp đơn vị, mã / unit level code.",
               enum=tuple(x.value for x in Level)),
        Column("unit_level_name", "Cấp đơn vị", "string", "Cấp đơn vị / unit level.",
               enum=_labels(Level)),
        Column("province_id", "Mã tỉnh/thành phố", "string", "Tỉnh, thành phố của đơn vị (mã trong don-vi.csv) / "
                                                             "province id."),
        Column("province", "Tỉnh/thành phố", "string", "Tên tỉnh, thành phố / province name."),
        Column("issued", "Ngày ban hành (năm-tháng-ngày)", "string",
               "Ngày ban hành: YYYY-MM-DD; YYYY-MM khi văn bản để trống ngày; YYYY khi để trống ngày và tháng; trống "
               "khi không ghi / issue date (ISO, partial when blank).", pattern=ISSUED_PATTERN),
        Column("place", "Địa danh", "string", "Địa danh trước ngày tháng / place of issue."),
        Column("period", "Kỳ báo cáo", "string", "Kỳ báo cáo bằng lời (Năm 2023, 6 tháng đầu năm 2023...); trống "
                                                 "khi văn bản không nói về một kỳ / the period, in words."),
        Column("period_year", "Năm của kỳ báo cáo", "integer", "Năm của kỳ báo cáo / year reported on."),
        Column("period_span", "Mã loại kỳ báo cáo", "string", "Loại kỳ báo cáo, mã (cột Kỳ báo cáo ghi bằng lời) / "
                                                              "period span code.", enum=tuple(s.value for s in Span)),
        Column("period_number", "Số quý hoặc tháng", "integer",
               "Số quý (1–4), tháng (1–12) hoặc học kỳ khi kỳ là quý, tháng, học kỳ / quarter, month or semester."),
        Column("period_end_year", "Năm cuối giai đoạn", "integer", "Năm cuối của giai đoạn, năm học / last year of a "
                                                                   "term or school year."),
        Column("period_name", "Tên đợt thi đua", "string", "Khi kỳ là một đợt thi đua: tên dịp như văn bản ghi (kỷ "
                                                            "niệm 40 năm Ngày Nhà giáo Việt Nam) / the occasion."),
        Column("recipient", "Kính gửi", "string", "Kính gửi / addressee."),
        Column("signer", "Người ký", "string", "Người ký / signer."),
        Column("signer_title", "Chức vụ người ký", "string", "Chức vụ người ký / signer's title."),
        Column("theme", "Chủ đề thi đua", "string", "Chủ đề thi đua / emulation theme."),
        Column("movements", "Mã phong trào", "string", "Các phong trào thi đua văn bản nhắc đến, mã, cách nhau bởi ; / "
                                                       "movement ids, ;-separated.", is_list=True),
        Column("movement_names", "Phong trào thi đua", "string", "Tên các phong trào thi đua, cách nhau bởi ; / "
                                                                 "movement names, ;-separated.", is_list=True),
        Column("text_quality", "Mã chất lượng văn bản", "string", "Chất lượng văn bản, mã / text quality code.",
               required=True, enum=tuple(q.value for q in TextQuality)),
        Column("text_quality_name", "Chất lượng văn bản", "string", "Chất lượng văn bản / text quality.",
               required=True, enum=_labels(TextQuality)),
        Column("source_file", "Tên tệp gốc", "string", "Tên tệp gốc khi nhận / the original's file name as received.",
               required=True),
        Column("original_url", "Tệp gốc", "string", f"Tệp gốc, nguyên văn từng byte: {LINK_NOTE} / the original file, "
                                              f"{LINK_NOTE_EN}.", required=True),
        Column("sha256", "SHA-256 tệp gốc", "string", "Mã SHA-256 của tệp gốc / SHA-256 of the original.",
               required=True, pattern="^[0-9a-f]{64}$"),
    ),
    primary_key=("id",),
    foreign_keys=(("unit_id", "don-vi", "id"), ("province_id", "don-vi", "id")),
    licenses=(LICENSE_PUBLIC_DOCUMENTS,),
    sources=(SOURCE_REPORTS,),
)

UNITS = Table(
    name="don-vi",
    title="Đơn vị hành chính",
    title_en="Administrative units",
    description="Mọi đơn vị hành chính mà kho nhắc đến (đơn vị của báo cáo, cấp trên và đơn vị kế thừa từ "
                "01/7/2025), theo mã. Every unit the archive mentions, by id.",
    columns=(
        Column("id", "Mã đơn vị", "string", "Mã trong kho: <cấp>-<mã TCTK>, thêm -2025 cho đơn vị từ 01/7/2025 / "
                                            "unit id.", required=True),
        Column("code", "Mã Tổng cục Thống kê", "string", "Mã đơn vị hành chính của Tổng cục Thống kê / "
                                                         "official code.", required=True),
        Column("level", "Mã cấp", "string", "Cấp, mã / level code.", required=True,
               enum=tuple(x.value for x in Level)),
        Column("level_name", "Cấp", "string", "Cấp đơn vị / level.", required=True,
               enum=_labels(Level)),
        Column("kind", "Loại đơn vị", "string", "Tỉnh, Thành phố, Huyện, Thị xã, Xã, Phường... / kind.",
               required=True),
        Column("name", "Tên", "string", "Tên (không kèm loại) / name.", required=True),
        Column("full_name", "Tên đầy đủ", "string", "Tên đầy đủ (loại và tên) / full name.", required=True),
        Column("parent_id", "Mã đơn vị cấp trên", "string", "Đơn vị cấp trên trực tiếp (mã trong tệp này) / "
                                                            "parent unit id."),
        Column("parent_name", "Đơn vị cấp trên", "string", "Tên đơn vị cấp trên trực tiếp / parent unit name."),
        Column("province_id", "Mã tỉnh/thành phố", "string", "Tỉnh, thành phố (mã trong tệp này) / province id."),
        Column("province", "Tỉnh/thành phố", "string", "Tên tỉnh, thành phố / province name."),
        Column("valid_from", "Hiệu lực từ ngày", "date", "Tên gọi có hiệu lực từ ngày (trống: danh mục không ghi) / "
                                                         "valid from."),
        Column("valid_to", "Hiệu lực đến ngày", "date", "Tên gọi có hiệu lực đến hết ngày / valid to."),
        Column("successor_ids", "Mã đơn vị kế thừa", "string", "Đơn vị kế thừa từ 01/7/2025, mã, cách nhau bởi ; / "
                                                               "successor ids.", is_list=True),
        Column("successor_names", "Đơn vị kế thừa", "string", "Tên đơn vị kế thừa từ 01/7/2025, cách nhau bởi ; / "
                                                              "successor names.", is_list=True),
        Column("successor_note", "Ghi chú về đơn vị kế thừa", "string",
               "Ghi chú khi không có đơn vị kế thừa / note on what became of the unit."),
        Column("report_count", "Số báo cáo", "integer", "Số báo cáo của đơn vị trong kho / number of reports.",
               required=True),
    ),
    primary_key=("id",),
    foreign_keys=(("parent_id", "", "id"), ("province_id", "", "id")),
    licenses=(LICENSE_MIT,),
    sources=(SOURCE_GAZETTEER,),
)

AWARDS = Table(
    name="khen-thuong",
    title="Khen thưởng",
    title_en="Award records",
    description="Mỗi dòng một lời văn khen thưởng trong báo cáo (hình thức, cấp khen, đối tượng, số lượng), kèm "
                "báo cáo, đơn vị, tỉnh và liên kết đến đúng đoạn văn, theo các bản ghi lưu trong kho (awards.yml). "
                "Cột Tình trạng rà soát cho biết bản ghi đã được người đối chiếu với văn bản hay chưa. "
                "One row per award statement, self-contained; unreviewed records are marked as such.",
    columns=(
        Column("report_id", "Mã báo cáo", "string", "Báo cáo chứa lời văn (mã trong bao-cao.csv) / report id.",
               required=True),
        Column("report", "Báo cáo", "string", "Loại và số ký hiệu của báo cáo (Báo cáo số 184/BC-UBND) / "
                                              "the report, by type and number.", required=True),
        Column("report_title", "Trích yếu báo cáo", "string", "Trích yếu của báo cáo / the report's title.",
               required=True),
        Column("url", "Liên kết đến đoạn văn", "string", f"Đoạn văn nêu khen thưởng (bao-cao/<mã>/#p-<số>): {LINK_NOTE} / "
                                                         f"the paragraph's link, {LINK_NOTE_EN}.",
               required=True),
        Column("anchor", "Đoạn văn", "string", "Số đoạn văn trong báo cáo: p-<số> / paragraph anchor.",
               required=True, pattern="^p-[1-9][0-9]*$"),
        Column("reviewed", "Tình trạng rà soát", "string", "Bản ghi khen thưởng: " + REVIEW_COLUMN_NOTE
               + "; bản ghi của báo cáo còn là bản nháp luôn là chưa rà soát / whether a person checked the record "
               "against the text (the records of a draft report never are).",
               required=True, enum=(REVIEWED, UNREVIEWED)),
        Column("form_id", "Mã hình thức", "string", "Hình thức khen thưởng hoặc danh hiệu, mã trong danh mục / "
                                                    "award type id.", required=True),
        Column("form", "Hình thức khen thưởng/danh hiệu", "string",
               "Hình thức khen thưởng hoặc danh hiệu thi đua / award form or title.", required=True),
        Column("authority", "Cấp khen", "string", "Cấp khen, như văn bản ghi (vd. Chủ tịch UBND tỉnh) / "
                                                  "granting authority."),
        Column("system", "Mã hệ thống khen thưởng", "string", "Hệ thống khen thưởng, mã / award system code.",
               required=True, enum=tuple(s.value for s in AwardSystem)),
        Column("system_name", "Hệ thống khen thưởng", "string", "Hệ thống khen thưởng / award system.",
               required=True, enum=_labels(AwardSystem)),
        Column("recipients", "Đối tượng", "string", "Đối tượng được khen / recipient kind.",
               enum=("cá nhân", "tập thể", "hộ gia đình")),
        Column("count", "Số lượng", "integer", "Số lượng; để trống khi văn bản không ghi (không phải 0) / count, "
                                               "empty when the text does not state it."),
        Column("names", "Tên người hoặc tập thể được nêu", "string", "Tên người, tập thể được nêu, cách nhau bởi ; / "
                                                                 "named recipients.", is_list=True),
        Column("status", "Mã tình trạng khen thưởng", "string", "Đã tặng hay đề nghị, mã / "
                                                                "status code.", required=True,
               enum=tuple(s.value for s in AwardStatus)),
        Column("status_name", "Tình trạng khen thưởng", "string", "Đã tặng hay đề nghị / status.", required=True,
               enum=_labels(AwardStatus)),
        Column("year", "Năm", "integer", "Năm khen thưởng: năm văn bản ghi cho nội dung khen thưởng; nếu không ghi "
                                         "thì năm của báo cáo (năm của kỳ báo cáo, nếu không có thì năm ban hành) / "
                                         "year the awards are for."),
        Column("unit_id", "Mã đơn vị", "string", "Đơn vị của báo cáo (mã trong don-vi.csv) / unit id."),
        Column("unit_name", "Đơn vị", "string", "Tên đơn vị của báo cáo / unit name."),
        Column("unit_level_name", "Cấp đơn vị", "string", "Cấp của đơn vị / unit level.",
               enum=_labels(Level)),
        Column("province_id", "Mã tỉnh/thành phố", "string", "Tỉnh, thành phố của đơn vị (mã trong don-vi.csv) / "
                                                             "province id."),
        Column("province", "Tỉnh/thành phố", "string", "Tên tỉnh, thành phố / province name."),
        Column("movement", "Mã phong trào", "string", "Phong trào thi đua, mã / movement id."),
        Column("movement_name", "Phong trào thi đua", "string", "Tên phong trào thi đua / movement name."),
    ),
    # no primary key: one paragraph may state the same form twice (two authorities, two lists of names)
    foreign_keys=(("report_id", "bao-cao", "id"), ("unit_id", "don-vi", "id"), ("province_id", "don-vi", "id")),
    licenses=(LICENSE_PUBLIC_DOCUMENTS,),
    sources=(SOURCE_REPORTS,),
)

TABLES = (REPORTS, UNITS, AWARDS)
BY_NAME = {t.name: t for t in TABLES}
