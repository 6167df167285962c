"""The archive's records: frozen dataclasses and enums, no I/O.

Every stage hands these to the next; nothing else travels between stages. Records are
built only by the ``parse_*``/``load_*`` functions of the stage that owns them, so a
later stage can trust what it receives. This module imports nothing from the package.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from enum import Enum
from typing import Callable

RECORD = dict(frozen=True, slots=True, kw_only=True)


# --------------------------------------------------------------------------- where


@dataclass(**RECORD)
class Origin:
    """Where a value came from: a file (relative to the data root) and a 1-based line."""

    file: str
    line: int = 0
    column: int = 0


# --------------------------------------------------------------------------- units


class Level(Enum):
    """Administrative level of a territorial unit."""

    PROVINCE = "tinh"
    DISTRICT = "huyen"
    COMMUNE = "xa"

    @property
    def label(self) -> str:
        return {"tinh": "Cấp tỉnh", "huyen": "Cấp huyện", "xa": "Cấp xã"}[self.value]


class Era(Enum):
    """Which map a unit belongs to: before or from the 1 July 2025 reorganisation."""

    BEFORE_2025 = "truoc-2025"
    FROM_2025 = "tu-2025"


REORGANISATION = _dt.date(2025, 7, 1)
# Encodings that name the tool that read an original (ingest's readers), not a text codec: the catalogue never
# runs those tools again; the original is checked by its SHA-256 and offered for download.
TOOL_ENCODINGS = ("docx", "pdftotext", "tesseract-vie")
MAX_FILE_BYTES = 20 * 1024 * 1024  # ingest and the catalogue refuse larger files, unread (README)


@dataclass(**RECORD)
class Unit:
    """A territorial unit as the gazetteer gives it, with its official code.

    ``id`` is ``<level>-<code>`` for units before 1 July 2025 and ``<level>-<code>-2025``
    for units from that date: official codes were reused across the two maps
    (thị trấn Hà Trung and the new xã Hà Trung are both 15271).
    """

    id: str
    code: str
    level: Level
    era: Era
    kind: str  # "Phường", "Xã", "Thị trấn", "Huyện", "Thị xã", "Tỉnh", "Thành phố", ...
    name: str  # "Long Xuyên"
    parent_id: str | None
    province_id: str
    valid_from: _dt.date | None  # None: the gazetteer does not say
    valid_to: _dt.date | None
    successor_ids: tuple[str, ...] = ()
    successor_note: str = ""  # e.g. "cấp huyện không còn từ 1/7/2025"

    @property
    def full_name(self) -> str:
        return f"{self.kind} {self.name}"


# --------------------------------------------------------------------------- vocabularies


@dataclass(**RECORD)
class Movement:
    """An emulation movement (phong trào thi đua) with the spellings reports use."""

    id: str
    name: str
    variants: tuple[str, ...]
    launched_by: str
    act: str
    period: str
    note: str
    origin: Origin


class AwardKind(Enum):
    """Danh hiệu thi đua (a title) or hình thức khen thưởng (a form)."""

    TITLE = "danh-hieu"
    FORM = "hinh-thuc"

    @property
    def label(self) -> str:
        return {"danh-hieu": "Danh hiệu thi đua", "hinh-thuc": "Hình thức khen thưởng"}[self.value]


class RecipientKind(Enum):
    INDIVIDUAL = "cá nhân"
    COLLECTIVE = "tập thể"
    HOUSEHOLD = "hộ gia đình"


class AwardSystem(Enum):
    STATE = "nha-nuoc"
    PARTY = "dang"
    MASS_ORGANISATION = "doan-the"
    SECTOR = "nganh"

    @property
    def label(self) -> str:
        return {
            "nha-nuoc": "Nhà nước",
            "dang": "Đảng",
            "doan-the": "Tổ chức chính trị - xã hội, hội",
            "nganh": "Ngành, cơ quan",
        }[self.value]


@dataclass(**RECORD)
class AwardType:
    """An award form or emulation title, valid over a date range under a legal basis."""

    id: str
    name: str
    kind: AwardKind
    system: AwardSystem
    recipients: tuple[RecipientKind, ...]
    variants: tuple[str, ...]
    valid_from: _dt.date | None
    valid_to: _dt.date | None
    basis: str
    origin: Origin


class AwardStatus(Enum):
    """Whether a report says an award was given, or asks for it."""

    GRANTED = "granted"
    PROPOSED = "proposed"

    @property
    def label(self) -> str:
        return {"granted": "Đã tặng", "proposed": "Đề nghị"}[self.value]


@dataclass(**RECORD)
class AwardRecord:
    """One award statement of a report, as ``awards.yml`` records it (a person may have checked it).

    ``block`` is the number of the paragraph the statement is in: the citation ``#p-<block>``.
    ``authority`` is the granting authority as the text names it ("" when not stated); ``system``
    comes from the award type. ``recipients`` and ``count`` are None when the text does not say. ``year`` is the
    year the statement says the awards are for; None when it states none, and then they count under the report's
    year (``for_year``).
    """

    report_id: str
    form: AwardType
    authority: str
    recipients: RecipientKind | None
    count: int | None
    names: tuple[str, ...]
    status: AwardStatus
    block: int
    movement: Movement | None
    note: str
    reviewed: bool
    origin: Origin
    year: int | None = None

    def for_year(self, report: "Report") -> int | None:
        """The year the awards count under: their own when the text states it, else their report's."""
        return self.year or report.year

    @property
    def system(self) -> AwardSystem:
        return self.form.system

    @property
    def anchor(self) -> str:
        return f"p-{self.block}"


@dataclass(**RECORD)
class DocType:
    """Loại văn bản: báo cáo, kế hoạch, ... with the code used in số ký hiệu (BC, KH)."""

    id: str
    name: str
    code: str
    origin: Origin
    news: bool = False  # a news article about results (vocab kind "tin-bai"), not an official document


# --------------------------------------------------------------------------- reports


class TextQuality(Enum):
    CLEAN = "clean"
    OCR = "ocr"  # English-model OCR: marks destroyed, shown as it is
    OCR_RESTORED = "ocr-restored"
    LEGACY_ENCODING = "legacy-encoding"

    @property
    def label(self) -> str:
        return {
            "clean": "Bản gốc (văn bản số)",
            "ocr": "OCR, mất dấu tiếng Việt",
            "ocr-restored": "OCR, dấu đã được máy khôi phục",
            "legacy-encoding": "Chuyển từ bảng mã cũ",
        }[self.value]


class Status(Enum):
    """Whether a person has checked a report's metadata against its text (report.yml ``status``)."""

    DRAFT = "draft"        # as ingest read it: machine output, published as "chưa rà soát"
    REVIEWED = "reviewed"  # a person checked every field

    @property
    def label(self) -> str:
        return {"draft": "Bản nháp, chưa rà soát", "reviewed": "Đã rà soát"}[self.value]


class Span(Enum):
    """Kỳ báo cáo: the stretch of time a report covers."""

    YEAR = "year"
    FIRST_HALF = "first-half"
    SECOND_HALF = "second-half"
    QUARTER = "quarter"
    MONTH = "month"
    TERM = "term"  # several years: nhiệm kỳ, giai đoạn
    NINE_MONTHS = "nine-months"
    SCHOOL_YEAR = "school-year"  # năm học: year = its first calendar year, end_year the second
    SEMESTER = "semester"  # học kỳ I or II (number) of the school year year–end_year
    EVENT = "event"  # an occasion (đợt thi đua): a day or anniversary of year, named by ``Period.name``

    @property
    def label(self) -> str:
        return {
            "year": "Năm",
            "first-half": "6 tháng đầu năm",
            "second-half": "6 tháng cuối năm",
            "quarter": "Quý",
            "month": "Tháng",
            "term": "Giai đoạn",
            "nine-months": "9 tháng năm",
            "school-year": "Năm học",
            "semester": "Học kỳ",
            "event": "Đợt thi đua",
        }[self.value]


@dataclass(**RECORD)
class PartialDate:
    """A date whose day (or month) the document left blank: ``ngày    tháng 12 năm 2023``."""

    year: int
    month: int | None = None
    day: int | None = None

    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def vietnamese(self) -> str:
        """As Vietnamese documents write it, blanks shown as dots: ``ngày … tháng 12 năm 2023``."""
        day = f"{self.day:02d}" if self.day else "…"
        month = f"{self.month:02d}" if self.month else "…"
        return f"ngày {day} tháng {month} năm {self.year}"

    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def as_date(self) -> _dt.date:
        """The earliest day the partial date allows (for era look-ups, not for display)."""
        return _dt.date(self.year, self.month or 1, self.day or 1)


@dataclass(**RECORD)
class Period:
    year: int
    span: Span
    number: int | None = None  # quarter 1-4, month 1-12, semester 1-2
    end_year: int | None = None  # for TERM, SCHOOL_YEAR and SEMESTER
    name: str = ""  # for EVENT: the occasion as the text names it ("kỷ niệm 40 năm Ngày Nhà giáo Việt Nam")

    def label(self) -> str:
        if self.span is Span.YEAR:
            return f"Năm {self.year}"
        if self.span is Span.QUARTER:
            return f"Quý {self.number} năm {self.year}"
        if self.span is Span.MONTH:
            return f"Tháng {self.number} năm {self.year}"
        if self.span is Span.TERM:
            return f"Giai đoạn {self.year}–{self.end_year}"
        if self.span is Span.SCHOOL_YEAR:
            return f"Năm học {self.year}–{self.end_year}"
        if self.span is Span.SEMESTER:
            return f"Học kỳ {'I' * (self.number or 1)} năm học {self.year}–{self.end_year}"
        if self.span is Span.EVENT:
            if not self.name:
                return f"Đợt thi đua năm {self.year}"
            name = self.name[:1].upper() + self.name[1:]
            return name if str(self.year) in name else f"{name}, năm {self.year}"
        return f"{self.span.label} {self.year}"


@dataclass(**RECORD)
class Signature:
    """A digital-signature stamp printed by the signing software."""

    signer: str
    email: str
    time: str  # ISO 8601 with offset, as printed: 2024-01-26T13:28:43+0700
    organisation: str


@dataclass(**RECORD)
class ReviewFlag:
    """A field a person should check, and why (``review:`` in report.yml)."""

    field: str
    why: str


@dataclass(**RECORD)
class Source:
    """The original file, kept byte for byte beside the report."""

    file_name: str  # the name it was received under
    path: str  # relative to the data root
    sha256: str
    size: int
    encoding: str  # how its bytes were read: utf-8, utf-16, windows-1258, ...
    address: str = ""  # the web page it was taken from, where a person gave it (http or https); "" when not


class BlockKind(Enum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list-item"


@dataclass(**RECORD)
class Block:
    """One unit of report text: a heading, a paragraph or a list item.

    ``number`` is its 1-based position in the report; the anchor ``p-<number>`` is how a
    passage is cited, so it only changes when the normalised text itself is edited.
    ``rank`` orders headings: 1 PHẦN, 2 I., 3 1., 4 1.1., 5 1.1.1. (0 for non-headings).
    """

    number: int
    kind: BlockKind
    text: str
    rank: int = 0
    line: int = 0  # line in the normalised text file where the block starts

    @property
    def anchor(self) -> str:
        return f"p-{self.number}"


@dataclass(**RECORD)
class ReportText:
    """A report's text: what takes most of its memory (~90 % of a record), apart from its metadata."""

    blocks: tuple[Block, ...]
    ocr_blocks: tuple[Block, ...] = ()  # ocr-restored only: the OCR text of each block, as it was
    furniture: tuple[str, ...] = ()  # lines set aside by normalisation (page numbers, stamps)
    original_text: str = ""  # the original decoded, verbatim

    @property
    def ocr(self) -> bool:
        return bool(self.ocr_blocks)

    def get(self) -> ReportText:
        return self


class TextMissing(LookupError):
    """A report's text cannot be read: its place in the cache and its folder both changed during the build."""


@dataclass(**RECORD)
class StoredText:
    """A report's text kept out of memory: ``fetch(name, key)`` gives it (the catalogue's cache reads it from its
    table, ``tdkt/catalog/cache.py``), so a catalogue of 100,000 reports holds their metadata only. The text is the
    one its record was made with (``key``: the record's key); ``fetch`` raises ``TextMissing`` when it is gone."""

    name: str  # the report folder's name
    key: str   # the record's key (``Catalog.record_keys``)
    ocr: bool  # whether it has an OCR text
    fetch: Callable[[str, str], ReportText] | None = field(default=None, compare=False, repr=False)

    def get(self) -> ReportText:
        if self.fetch is None:
            raise TextMissing(f"the text of report folder {self.name} is not attached to its record")
        return self.fetch(self.name, self.key)


@dataclass(**RECORD)
class Report:
    """One report of the archive: metadata as the document states it, and its text."""

    id: str  # also its slug: /bao-cao/<id>/
    title: str  # trích yếu
    doc_type: DocType
    doc_number: str  # "184/BC-UBND"; "/BC-HĐTĐKT" when the number is blank
    issuer: str  # cơ quan ban hành, as the document names it
    unit: Unit | None  # None: a central body (no territorial unit), or a draft whose unit is not yet determined
    issued: PartialDate | None
    place: str
    period: Period | None  # None: the document is about no period (a decree), or a draft's not yet determined
    recipient: str
    signer: str
    signer_title: str
    theme: str  # chủ đề thi đua
    movements: tuple[Movement, ...]
    signatures: tuple[Signature, ...]
    text_quality: TextQuality
    source: Source
    text: ReportText | StoredText  # its text: held, or read when asked for (``StoredText``)
    review: tuple[ReviewFlag, ...]
    notes: str  # a curator's note on the metadata
    origin: Origin
    awards: tuple[AwardRecord, ...] = ()  # from awards.yml, in file order; () when there is none
    status: Status = Status.REVIEWED
    aliases: tuple[str, ...] = ()  # ids the report had before: their URLs lead here (never a dead citation)
    issuer_level: str = ""  # "trung-uong" for a central body (then no unit); else the unit's level, or ""
    issuer_kind: str = ""  # the kind of issuing body (tdkt.catalog.issuers: "so", "truong", "bao"…), or ""
    issuer_parent: str = ""  # the body the header names above the issuer (UBND tỉnh … over a Sở), as written

    @property
    def blocks(self) -> tuple[Block, ...]:
        return self.text.get().blocks

    @property
    def ocr_blocks(self) -> tuple[Block, ...]:
        return self.text.get().ocr_blocks

    @property
    def furniture(self) -> tuple[str, ...]:
        return self.text.get().furniture

    @property
    def original_text(self) -> str:
        return self.text.get().original_text

    @property
    def has_ocr(self) -> bool:
        """Whether it has an OCR text (an OCR page), known without reading its text."""
        return self.text.ocr

    @property
    def year(self) -> int | None:
        """The year the report is filed under: its period's, else its issue date's; None if neither is known."""
        return self.period.year if self.period else self.issued.year if self.issued else None

    @property
    def draft(self) -> bool:
        return self.status is Status.DRAFT


# --------------------------------------------------------------------------- exemplars


class ExemplarKind(Enum):
    """Who an exemplar (điển hình tiên tiến) is: a collective, an individual, or a model (mô hình)."""

    COLLECTIVE = "tập thể"
    INDIVIDUAL = "cá nhân"
    MODEL = "mô hình"

    @property
    def label(self) -> str:
        return {"tập thể": "Tập thể", "cá nhân": "Cá nhân", "mô hình": "Mô hình, cách làm hay"}[self.value]


class ExemplarStatus(Enum):
    """Only a ``published`` exemplar reaches the site; ``proposed`` waits for a person to confirm it;
    ``rejected`` keeps a person's "no" so the proposer does not suggest it again."""

    PROPOSED = "proposed"
    PUBLISHED = "published"
    REJECTED = "rejected"


@dataclass(**RECORD)
class Exemplar:
    """A curated điển hình tiên tiến (``data/exemplars/<id>.yml``): who, what, and the passage that says so.

    ``quote`` is a verbatim part of paragraph ``block`` of report ``report_id`` (the build checks it);
    the exemplar's unit is that report's unit. ``award`` and ``authority`` are empty when the
    passage names no award; nothing here is guessed.
    """

    id: str  # also its slug: /dien-hinh/<id>/
    name: str
    kind: ExemplarKind
    year: int
    achievement: str
    award: AwardType | None
    authority: str
    movements: tuple[Movement, ...]
    report_id: str
    block: int
    quote: str
    status: ExemplarStatus
    note: str
    origin: Origin

    @property
    def anchor(self) -> str:
        return f"p-{self.block}"


# --------------------------------------------------------------------------- catalogue


@dataclass(**RECORD)
class Catalog:
    """Validated reports and the vocabularies they use, with cross-indexes by id.

    Dicts here are read-only look-ups built once by ``tdkt.catalog.load.load_catalog``; records are
    the values.
    """

    reports: tuple[Report, ...]
    units: dict[str, Unit] = field(default_factory=dict)  # every unit a page mentions
    movements: tuple[Movement, ...] = ()
    award_types: tuple[AwardType, ...] = ()
    doc_types: tuple[DocType, ...] = ()
    exemplars: tuple[Exemplar, ...] = ()  # published and proposed; pages show the published ones
    # report id → what its record was made from (``tdkt/catalog/cache.py``'s folder key: its files, the code, the
    # vocabularies, the gazetteer), when the catalogue was loaded with a cache; what page memory keys pages on
    record_keys: dict[str, str] = field(default_factory=dict, compare=False)
