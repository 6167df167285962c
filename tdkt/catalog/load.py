"""``data/`` → ``Catalog``: every report, vocabulary and exemplar, validated, with the units they use.

Input: the data root (``data/``, see docs/data-format.md) and the gazetteer. Output: a ``Catalog``
of valid records, and problems for everything else (file, line, field, fix). A report with an
error is left out of the catalogue; the command line refuses to publish while any error stands.
Reads files: ``load_catalog`` is the only function here that touches the disk; ``parse_report``
is pure.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import posixpath
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from tdkt.catalog import fields
from tdkt.catalog import issuers
from tdkt.catalog import vocab
from tdkt.engine import files
from tdkt.text import decode
from tdkt.catalog.award_records import parse_awards
from tdkt.catalog.exemplar_records import load_exemplars
from tdkt.text.collate import is_slug
from tdkt.catalog.gazetteer import Gazetteer
from tdkt.catalog.cache import cache_folder, load_keyed
from tdkt.model import (
    MAX_FILE_BYTES, REORGANISATION, TOOL_ENCODINGS, Status, AwardType, Catalog, DocType, Era, Movement, Origin, Period, Report, ReportText,
    ReviewFlag,
    Signature, Source, Span, TextQuality, Unit,
)
from tdkt.text.normalise import parse_blocks
from tdkt.problems import Problems
from tdkt.catalog.yamlread import YMap, YStr, read_yaml

REPORT_KEYS = (
    "title", "doc_type", "doc_number", "issuer", "unit", "issued", "place", "period", "recipient",
    "signer", "signer_title", "theme", "movements", "text_quality", "source", "signatures",
    "review", "notes", "status", "issuer_level", "aliases", "issuer_kind", "issuer_parent",
)
ISSUER_LEVELS = ("trung-uong", "tinh", "huyen", "xa")
PERIOD_KEYS = ("year", "span", "number", "end_year", "name")
WEB_ADDRESS = re.compile(r"https?://[A-Za-z0-9.-]+(?::\d+)?(?:[/?#][^\s<>\"]*)?")
SOURCE_KEYS = ("file_name", "original", "sha256", "encoding", "address")
SIGNATURE_KEYS = ("signer", "email", "time", "organisation")
REVIEW_KEYS = ("field", "why")


@dataclass(frozen=True, slots=True, kw_only=True)
class Vocabularies:
    movements: dict[str, Movement]
    doc_types: dict[str, DocType]
    award_types: dict[str, AwardType] = dataclasses.field(default_factory=dict)


MAX_BLOCKS = 20_000  # paragraphs of one report (the real reports have under 500; a page shows them all at once)
UNFINISHED = ".ingest-"  # ingest writes a new report folder under this prefix, then renames it (ingest/folders.py)


# the originals each tool encoding reads (tdkt/ingest/readers.py writes these names, and only for these files)
TOOL_SUFFIXES = {"docx": (".docx",), "pdftotext": (".pdf",),
                 "tesseract-vie": (".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff")}


def _tool_named(encoding: str) -> str | None:
    """The tool encoding a name reaches however it is spelled (codec look-up ignores case, '-', '_' and ' ')."""
    folded = encoding.lower().replace("-", "_").replace(" ", "_")
    return next((t for t in TOOL_ENCODINGS if folded == t.replace("-", "_")), None)


def _rel(path: Path, root: Path) -> str:
    try:
        return str(Path("data") / path.relative_to(root)) if root.name == "data" else str(path)
    except ValueError:
        return str(path)


def _is_link(path: Path, display: str, problems: Problems) -> bool:
    """A symbolic link in data/ could publish any file of the machine that builds the site: refused."""
    if path.is_symlink():
        problems.add(Origin(file=display), "F004", "", "is a symbolic link",
                     "put the file itself there: the archive publishes what its folders hold")
        return True
    return False


def read_text(path: Path, display: str, problems: Problems) -> str | None:
    """A UTF-8 file of the archive, read through the one rule for files (``tdkt/engine/files.py``: no link, a
    regular file, at most 20 MB), or None with its problem."""
    try:
        raw = files.read_file(path, MAX_FILE_BYTES)
    except files.FileRefused as refused:
        problems.add(Origin(file=display), refused.code, "", refused.reason, refused.fix)
        return None
    except FileNotFoundError:
        problems.add(Origin(file=display), "F001", "", "file is missing", f"create {display}")
        return None
    except OSError as exc:
        problems.add(Origin(file=display), "F001", "", f"cannot be read ({exc.strerror or exc})", "check the file")
        return None
    try:
        return raw.decode("utf-8").removeprefix("\ufeff")  # a byte-order mark is the editor's, not the text's
    except UnicodeDecodeError as exc:
        problems.add(Origin(file=display), "F002", "", f"is not UTF-8 (byte {exc.start})", "save it as UTF-8")
        return None


def load_catalog(data_dir: Path, gazetteer: Gazetteer, problems: Problems, *,
                 cache_dir: Path | None = None, jobs: int = 1) -> Catalog:
    """Read and validate all of ``data_dir``; invalid reports are reported and left out.

    With ``cache_dir``, a report folder whose files are byte for byte those of the last run is not
    parsed again (``tdkt/catalog/cache.py``): the same reports, the same problems. ``jobs``: processes
    that parse the folders not remembered.
    """
    def display(p: Path) -> str:
        return _rel(p, data_dir)

    parsed = {}
    for name, parse in (("movements", vocab.parse_movements), ("award_types", vocab.parse_award_types),
                        ("doc_types", vocab.parse_doc_types)):
        path = data_dir / "vocab" / f"{name}.yml"
        text = read_text(path, display(path), problems)
        root = read_yaml(text, display(path), problems) if text is not None else None
        parsed[name] = parse(root, display(path), problems)
    vocabs = Vocabularies(
        movements={m.id: m for m in parsed["movements"]},
        doc_types={d.id: d for d in parsed["doc_types"]},
        award_types={a.id: a for a in parsed["award_types"]},
    )

    reports_dir = data_dir / "reports"
    folders = sorted(p for p in reports_dir.iterdir() if p.is_dir()) if reports_dir.is_dir() else []
    for folder in [f for f in folders if f.name.startswith(UNFINISHED)]:
        problems.add(Origin(file=display(folder)), "F006", "", "is the folder of an ingest that did not finish (it was "
                     "stopped): not a report, left out", "delete it, then ingest the file again", warning=True)
        folders.remove(folder)
    load = functools.partial(_load_report, display=display, vocabs=vocabs, gazetteer=gazetteer)
    cache = _cache_dir(cache_dir, data_dir, vocabs, gazetteer)
    loaded = [(r, key) for r, key in load_keyed(folders, load, problems, cache=cache, jobs=jobs) if r is not None]
    reports = [r for r, _ in loaded]

    _check_unique_slugs(reports, problems)
    units = _units_used(reports, gazetteer)
    catalog = Catalog(
        reports=tuple(reports), units=units, movements=parsed["movements"],
        award_types=parsed["award_types"], doc_types=parsed["doc_types"],
        record_keys={r.id: key for r, key in loaded if key is not None},
    )
    return dataclasses.replace(catalog, exemplars=load_exemplars(data_dir, catalog, problems, read_text))


def _cache_dir(cache_dir: Path | None, data_dir: Path, vocabs: Vocabularies, gazetteer: Gazetteer):
    """Where the report folders' parsed records are remembered, for these vocabularies and this gazetteer."""
    return None if cache_dir is None else cache_folder(cache_dir, data_dir, repr(vocabs), gazetteer.source)


def _load_report(folder: Path, problems: Problems, *, display, vocabs: Vocabularies,
                 gazetteer: Gazetteer) -> Report | None:
    """One report folder → its report (awards included), or None with problems."""
    if _is_link(folder, display(folder), problems):
        return None
    yml_path, text_path = folder / "report.yml", folder / "text.txt"
    yml = read_text(yml_path, display(yml_path), problems)
    if yml is None:
        return None
    root = read_yaml(yml, display(yml_path), problems)
    if not isinstance(root, YMap):
        if root is not None:
            problems.add(root.origin, "Y003", "", "report.yml must be a mapping of fields", "")
        return None
    text = _nfc(read_text(text_path, display(text_path), problems), display(text_path), problems)
    ocr_path = folder / "ocr.txt"
    ocr_text = _nfc(read_text(ocr_path, display(ocr_path), problems), display(ocr_path), problems) \
        if ocr_path.exists() or ocr_path.is_symlink() else None
    furniture_path = folder / "furniture.txt"
    furniture = read_text(furniture_path, display(furniture_path), problems) if furniture_path.exists() else ""
    source = fields.mapping(root, "source", problems)
    original_name = fields.text(source, "original", problems) if source else ""
    original = None
    if original_name:
        original_path = folder / original_name
        if "/" in original_name or "\\" in original_name or original_name.startswith("."):
            problems.add(source.get("original").origin, "R104", "source.original",
                         f'"{original_name}" must be a file name in the report folder', "write e.g. original.txt")
        else:
            try:
                original = files.read_file(original_path, MAX_FILE_BYTES)
            except files.FileRefused as refused:
                if refused.code == "F004" and original_path.is_symlink():
                    problems.add(Origin(file=display(original_path)), refused.code, "", refused.reason, refused.fix)
                else:
                    problems.add(source.get("original").origin, refused.code, "source.original",
                                 f"{display(original_path)} {refused.reason}", refused.fix)
            except OSError:  # missing, or unreadable
                problems.add(source.get("original").origin, "F001", "source.original",
                             f"{display(original_path)} is missing", "put the original file there, byte for byte")
    report = parse_report(
        folder.name, root, text, original, display(folder), vocabs, gazetteer, problems,
        furniture=tuple(line for line in (furniture or "").splitlines() if line.strip()),
        ocr_text=ocr_text,
    )
    if report is None:
        return None
    return _with_awards(report, folder / "awards.yml", display, vocabs, problems)


def _nfc(text: str | None, display: str, problems: Problems) -> str | None:
    """The text in NFC (docs/data-format.md); a text that was not is a warning naming its first such line."""
    if text is None:
        return None
    nfc = unicodedata.normalize("NFC", text)
    if nfc != text:
        line = next(n for n, (a, b) in enumerate(zip(text.split("\n"), nfc.split("\n")), start=1) if a != b)
        problems.add(Origin(file=display, line=line), "R109", "text", "is not in Unicode NFC form (read as NFC)",
                     "re-save the file as NFC (composed characters)", warning=True)
    return nfc


def _with_awards(report: Report, path: Path, display, vocabs: Vocabularies, problems: Problems) -> Report:
    """The report with the records of its ``awards.yml`` (docs/data-format.md), if it has one."""
    if not path.exists():
        return report
    text = read_text(path, display(path), problems)
    root = read_yaml(text, display(path), problems) if text is not None else None
    awards = parse_awards(root, report.id, report.blocks, display(path), vocabs.award_types, vocabs.movements,
                          problems)
    return dataclasses.replace(report, awards=awards)


def _units_used(reports: list[Report], gazetteer: Gazetteer) -> dict[str, Unit]:
    """The reports' units, their parents, and their successors with their parents."""
    out: dict[str, Unit] = {}

    def add(uid: str | None) -> None:
        while uid and uid not in out:
            unit = gazetteer.get(uid)
            if unit is None:
                return
            out[uid] = unit
            uid = unit.parent_id

    for report in reports:
        if report.unit is None:
            continue
        add(report.unit.id)
        for successor in report.unit.successor_ids:
            add(successor)
        province = gazetteer.get(report.unit.province_id)
        for successor in province.successor_ids if province else ():
            add(successor)
    return out


def _check_unique_slugs(reports: list[Report], problems: Problems) -> None:
    seen: dict[str, Report] = {}
    for report in reports:
        if report.id in seen:
            problems.add(report.origin, "R108", "id", f'report id "{report.id}" is used twice',
                         "rename one of the folders")
        seen[report.id] = report
    former: dict[str, Report] = {}
    for report in reports:
        for alias in report.aliases:
            if alias in seen or alias in former:
                other = seen.get(alias) or former[alias]
                problems.add(report.origin, "R108", "aliases", f'"{alias}" is also the id or a former id of '
                             f'{other.id}: its URL can lead to one report only', "remove it from one of them")
            former[alias] = report


def parse_report(
    ident: str,
    m: YMap,
    text: str | None,
    original: bytes | None,
    folder: str,
    vocabs: Vocabularies,
    gazetteer: Gazetteer,
    problems: Problems,
    furniture: tuple[str, ...] = (),
    ocr_text: str | None = None,
) -> Report | None:
    """One report from its parsed ``report.yml``, its text and its original bytes; None if invalid."""
    before = len(problems.errors())
    if not is_slug(ident):
        problems.add(Origin(file=folder), "R105", "id", f'folder name "{ident}" is not a valid report id',
                     "rename the folder to lowercase ASCII letters, digits and hyphens")
    fields.check_keys(m, REPORT_KEYS, problems)
    status = fields.choice(m, "status", Status, problems) or Status.REVIEWED
    draft = status is Status.DRAFT
    issuer_level = fields.text(m, "issuer_level", problems)
    aliases = []
    for ref in fields.text_list(m, "aliases", problems):
        if not is_slug(ref.value) or ref.value == ident:
            problems.add(ref.origin, "R105", "aliases", f'"{ref.value}" is not a former id of this report',
                         "write the folder name the report had before it was renamed")
        else:
            aliases.append(ref.value)
    if issuer_level and issuer_level not in ISSUER_LEVELS:
        problems.add(m.get("issuer_level").origin, "R104", "issuer_level",
                     f'"{issuer_level}" is not one of: {", ".join(ISSUER_LEVELS)}', "use one of the listed values")
    issuer_kind = fields.text(m, "issuer_kind", problems)
    if issuer_kind and issuer_kind not in issuers.BY_ID:
        problems.add(m.get("issuer_kind").origin, "R104", "issuer_kind",
                     f'"{issuer_kind}" is not one of: {", ".join(issuers.BY_ID)}', "use one of the listed values")
        issuer_kind = ""
    # a reviewed report states every field or says it is empty; a draft may still lack any (R113, a warning)
    doc_type = fields.reference(m, "doc_type", vocabs.doc_types, "vocab/doc_types.yml", problems, required=not draft)
    issued = fields.partial_date(m, "issued", problems)
    period = _parse_period(m, problems, draft)
    unit = _parse_unit(m, gazetteer, issued, period, problems, draft or issuer_level == "trung-uong")
    movements = []
    for ref in fields.text_list(m, "movements", problems):
        if vocabs.movements.get(ref.value) in movements:
            problems.add(ref.origin, "R108", "movements", f'"{ref.value}" is listed twice', "keep one of them",
                         warning=True)
        elif ref.value in vocabs.movements:
            movements.append(vocabs.movements[ref.value])
        else:
            problems.add(ref.origin, "R106", "movements", f'"{ref.value}" is not in vocab/movements.yml',
                         "use an id from that file, or add the movement there")
    quality = fields.choice(m, "text_quality", TextQuality, problems, required=True)
    source = _parse_source(m, original, folder, problems)
    signatures = tuple(_parse_signature(s, problems) for s in fields.maps(m, "signatures", problems))
    review = tuple(_parse_review(r, problems) for r in fields.maps(m, "review", problems))
    values = {key: fields.text(m, key, problems) for key in (
        "doc_number", "place", "recipient", "signer", "signer_title", "theme", "notes")}
    title = fields.text(m, "title", problems, required=not draft)
    issuer = fields.text(m, "issuer", problems, required=not draft)
    if m.get("issuer_kind") is None:  # not written: as the issuer's name reads (a rule, never a guess: else "")
        issuer_kind = issuers.kind_of(issuer)
    if draft:
        missing = [label for label, value in (("title", title), ("doc_type", doc_type), ("issuer", issuer),
                                              ("unit", unit or issuer_level == "trung-uong"), ("period", period))
                   if not value]
        if missing:
            problems.add(m.origin, "R113", ", ".join(missing), "not yet determined: published as a draft (chưa rà "
                         "soát) with these fields shown as not yet determined",
                         f"fill them in, then set `status: \"reviewed\"` (python build.py review {ident})",
                         warning=True)

    original_text = ""
    tool = _tool_named(source.encoding) if source is not None else None
    if original is not None and tool is not None:
        ext = posixpath.splitext(source.path)[1].lower()
        if source.encoding != tool or ext not in TOOL_SUFFIXES[tool]:
            problems.add(m.get("source").get("encoding").origin, "F002", "source.encoding",
                         f'"{source.encoding}" is what the tool {tool} reads from {", ".join(TOOL_SUFFIXES[tool])} '
                         f"files; the original is {ext or 'a file without extension'}",
                         "write the encoding the original is in (e.g. utf-8)" if ext not in TOOL_SUFFIXES[tool]
                         else f"write it as {tool}")
    elif original is not None and source is not None:
        try:  # text codecs only: no tool is run to check data
            original_text = decode.original_text(original, source.encoding)
        except (UnicodeError, LookupError, ValueError, TypeError):
            problems.add(m.get("source").get("encoding").origin, "F002", "source.encoding",
                         f"the original does not decode as {source.encoding}", "write the encoding it is in")
    blocks = parse_blocks(text) if text is not None else ()
    if len(blocks) > MAX_BLOCKS:  # its page alone would be 137 MB at a million, its search file 27 MB
        problems.add(Origin(file=f"{folder}/text.txt"), "R114", "text", f"has {len(blocks):,} paragraphs, over the "
                     f"limit of {MAX_BLOCKS:,} a report", "split the document into reports of its parts, or check that "
                     "its paragraphs are not cut into lines")
    ocr_blocks = parse_blocks(ocr_text) if ocr_text is not None else ()
    if quality is TextQuality.OCR_RESTORED and text is not None and len(ocr_blocks) != len(blocks):
        problems.add(Origin(file=f"{folder}/ocr.txt"), "R110", "text",
                     f"ocr.txt has {len(ocr_blocks)} blocks but text.txt has {len(blocks)}",
                     f"regenerate both: python build.py normalise {folder}")
    if text is not None and not blocks:
        problems.add(Origin(file=f"{folder}/text.txt"), "R101", "text", "the report text is empty",
                     "put the normalised text in text.txt")

    if len(problems.errors()) > before or None in (quality, source) or text is None or doc_type is None and not draft:
        return None
    return Report(
        id=ident, title=title, doc_type=doc_type or _UNKNOWN_TYPE, issuer=issuer, unit=unit, issued=issued,
        period=period, movements=tuple(movements), signatures=signatures, text_quality=quality,
        source=source, review=review,
        text=ReportText(blocks=blocks, ocr_blocks=ocr_blocks, furniture=furniture, original_text=original_text),
        origin=m.origin, status=status, issuer_level=issuer_level, aliases=tuple(aliases), issuer_kind=issuer_kind,
        issuer_parent=fields.text(m, "issuer_parent", problems), **values,
    )


_UNKNOWN_TYPE = DocType(id="", name="Chưa xác định", code="", origin=Origin(file="vocab/doc_types.yml"))


def _parse_signature(s: YMap, problems: Problems) -> Signature:
    fields.check_keys(s, SIGNATURE_KEYS, problems, "signatures.")
    return Signature(**{key: fields.text(s, key, problems, where="signatures.") for key in SIGNATURE_KEYS})


def _parse_review(r: YMap, problems: Problems) -> ReviewFlag:
    fields.check_keys(r, REVIEW_KEYS, problems, "review.")
    return ReviewFlag(**{key: fields.text(r, key, problems, required=True, where="review.") for key in REVIEW_KEYS})


def _parse_period(m: YMap, problems: Problems, draft: bool = False) -> Period | None:
    """The period; None when a draft has none yet, or a report says ``period: ""`` (about no period: a decree)."""
    node = m.get("period")
    if isinstance(node, YStr) and not node.value.strip():
        return None
    p = fields.mapping(m, "period", problems, required=not draft)
    if p is None:
        return None
    if draft and all(isinstance(v, YStr) and not v.value.strip() for _, v in p.entries):
        return None
    fields.check_keys(p, PERIOD_KEYS, problems, "period.")
    year = fields.integer(p, "year", problems, lo=fields.FIRST_YEAR, hi=fields.LAST_YEAR, required=True,
                          where="period.")
    span = fields.choice(p, "span", Span, problems, required=True, where="period.")
    number = fields.integer(p, "number", problems, lo=1, hi=12, where="period.")
    end_year = fields.integer(p, "end_year", problems, lo=fields.FIRST_YEAR, hi=fields.LAST_YEAR, where="period.")
    name = fields.text(p, "name", problems, where="period.")
    if name and span is not Span.EVENT:
        problems.add(p.get("name").origin, "R103", "period.name", "only an event (span: event) has a name",
                     "remove `name`, or write `span: event`")
        return None
    if span is Span.QUARTER and (number is None or number > 4):
        problems.add(p.origin, "R103", "period.number", "a quarter needs a number from 1 to 4", "add `number: 1`")
        return None
    if span is Span.TERM and (end_year is None or year is None or end_year < year):
        problems.add(p.origin, "R103", "period.end_year", "a term needs an end year not before its start",
                     "add `end_year: ...`")
        return None
    if span in (Span.SCHOOL_YEAR, Span.SEMESTER) and (end_year is None or year is None or end_year != year + 1):
        problems.add(p.origin, "R103", "period.end_year", "a school year ends the year after it starts",
                     f"add `end_year: \"{(year or 0) + 1}\"`")
        return None
    if span is Span.SEMESTER and number not in (1, 2):
        problems.add(p.origin, "R103", "period.number", "a semester is 1 or 2", "add `number: \"1\"`")
        return None
    if year is None or span is None:
        return None
    return Period(year=year, span=span, number=number, end_year=end_year, name=name)


def _parse_unit(m: YMap, gazetteer: Gazetteer, issued, period: Period | None, problems: Problems,
                optional: bool = False) -> Unit | None:
    """The unit; may be empty for a draft, or for a central body (``issuer_level: "trung-uong"``)."""
    raw = fields.text(m, "unit", problems, required=not optional)
    if not raw:
        return None
    unit = gazetteer.get(raw)
    if unit is None:
        problems.add(m.get("unit").origin, "R106", "unit", f'"{raw}" is not a unit of the gazetteer',
                     "write <level>-<official code>, e.g. xa-10738, or xa-10675-2025 for a unit from 1/7/2025")
        return None
    when = issued.as_date() if issued else (dt.date(period.year, 1, 1) if period else None)
    if when:
        after = when >= REORGANISATION
        if after and unit.era is Era.BEFORE_2025 or not after and unit.era is Era.FROM_2025:
            problems.add(m.get("unit").origin, "R107", "unit",
                         f"{unit.full_name} ({raw}) did not exist on {when.isoformat()}",
                         "use the unit as it was on the report's date")
            return None
    return unit


def _parse_source(m: YMap, original: bytes | None, folder: str, problems: Problems) -> Source | None:
    s = fields.mapping(m, "source", problems, required=True)
    if s is None:
        return None
    fields.check_keys(s, SOURCE_KEYS, problems, "source.")
    file_name = fields.text(s, "file_name", problems, required=True, where="source.")
    original_name = fields.text(s, "original", problems, required=True, where="source.")
    sha = fields.text(s, "sha256", problems, required=True, where="source.").lower()
    encoding = fields.text(s, "encoding", problems, required=True, where="source.")
    address = fields.text(s, "address", problems, where="source.")
    if address and not WEB_ADDRESS.fullmatch(address):
        problems.add(s.get("address").origin, "R103", "source.address",
                     f"{address!r} is not a web address (http:// or https://, a host, no spaces)",
                     "write the page's address as the browser shows it, or leave it empty")
        address = ""
    if original is None or not (file_name and original_name and sha and encoding):
        return None
    actual = hashlib.sha256(original).hexdigest()
    if actual != sha:
        problems.add(s.get("sha256").origin, "F003", "source.sha256",
                     f"the original's SHA-256 is {actual}, not {sha}",
                     "restore the original file; if the recorded value is wrong, correct it")
        return None
    # the path is relative to the data root, whatever folder the data was read from
    return Source(file_name=file_name, path=f"reports/{folder.rsplit('/', 1)[-1]}/{original_name}", sha256=sha,
                  size=len(original), encoding=encoding, address=address)
