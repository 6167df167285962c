"""Files → report folders of the archive (or JSON): read, decode, normalise, restore, extract, write.

``ingest_files(paths, data_dir)`` takes each file through ``readers.read`` (bytes → text),
``normalise`` (text.txt and furniture), ``tdkt.text.restore`` when the text is damaged OCR and that
module is installed (imported lazily: without it the text stays as printed and ``review`` says
so), and ``extract`` (metadata, each field with its line and why); then writes
``data/reports/<id>/`` with ``original.<ext>`` (the bytes as received), ``text.txt``,
``furniture.txt`` and ``report.yml`` (docs/data-format.md), or with ``as_json`` prints the same
as JSON and writes nothing. ``<id>`` is proposed from year, unit, type and number
(``2023-my-quy-long-xuyen-bc-184``); an existing folder is never overwritten.

``renormalise(folder)`` re-derives a report's text.txt and furniture.txt from its original (named
in its report.yml), restoring it again when report.yml says ``text_quality: ocr-restored``.

Reads and writes files (with ``readers``, the package's edge). A bad file gives a one-line reason
and nothing written for it; the batch goes on. Problems in data/ are collected, never raised.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from tdkt.catalog import fields
from tdkt.engine import files
from tdkt.ingest import readers
from tdkt.catalog import vocab
from tdkt.text.collate import slug
from tdkt.ingest.award_proposals import awards_yml, propose as propose_awards
from tdkt.text.decode import Refused
from tdkt.ingest.extract import Extracted, Vocab, extract, is_damaged
from tdkt.ingest.issuer import CENTRAL_WHY
from tdkt.catalog.gazetteer import Gazetteer
from tdkt.catalog.issuers import kind_of
from tdkt.catalog.load import UNFINISHED, WEB_ADDRESS
from tdkt.model import MAX_FILE_BYTES, Level, Origin, ReviewFlag, Span, TextQuality
from tdkt.text.normalise import Normalised, normalise, parse_blocks
from tdkt.problems import Problems, printable
from tdkt.catalog.yamlread import YMap, quoted, read_yaml

RESTORE_MISSING = ("OCR text with its Vietnamese marks destroyed; the restoration module (tdkt.text.restore) is not "
                   "installed, so the marks were not restored")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
MAX_ID = 100  # characters of a proposed report id (a folder name and a URL that people read)


def _restorer():
    """The module ``tdkt.text.restore`` (``is_damaged(text)``, ``restore(text)``), or None if absent."""
    try:
        from tdkt.text import restore
    except ImportError:
        return None
    return restore if hasattr(restore, "restore") and hasattr(restore, "is_damaged") else None


# --------------------------------------------------------------------------- one file


@dataclass(frozen=True, slots=True, kw_only=True)
class Prepared:
    read: readers.Read
    normalised: Normalised
    text: str  # what text.txt holds: the normalised text, restored when text_quality is ocr-restored
    extracted: Extracted
    review: tuple[ReviewFlag, ...]
    id: str
    awards_yml: str = "[]\n"  # proposed award records, for a person to review (tdkt.ingest.award_proposals)
    source: str = ""  # the web address the file was taken from (``ingest --source``)


def prepare(read: readers.Read, words: Vocab, gazetteer: Gazetteer, restorer=None, source: str = "") -> Prepared:
    """Normalise, restore if damaged and possible, extract; pure given the restorer. ``source``: the web address
    the file was taken from, where a person gave it."""
    normalised = normalise(read.text)
    restored, notes = None, []
    damaged = is_damaged(normalised.text)
    if restorer is not None:
        try:
            if restorer.is_damaged(normalised.text):
                restored = restorer.restore(normalised.text)
        except Exception as exc:  # another module's bug must not lose the batch: say so, go on unrestored
            notes.append(ReviewFlag(field="text", why=f"restoring the marks failed ({type(exc).__name__}: {exc})"))
        if restored is not None and restored.count("\n") != normalised.text.count("\n"):
            notes.append(ReviewFlag(field="text", why="the restored text changed the lines: not used"))
            restored = None
    elif damaged:
        notes.append(ReviewFlag(field="text", why=RESTORE_MISSING))
    if read.ocr and not damaged:
        notes.append(ReviewFlag(field="text", why="read from the image by OCR (Tesseract, Vietnamese model): check "
                                                  "numbers and names against the original"))
    extracted = extract(normalised.text, words, gazetteer, restored=restored, signatures=normalised.signatures,
                        legacy=read.legacy, source=source)
    text = restored if extracted.text_quality is TextQuality.OCR_RESTORED else normalised.text
    awards = awards_yml(propose_awards(extracted.awards, parse_blocks(text), {t.id: t for t in words.award_types}))
    return Prepared(read=read, normalised=normalised, text=text, extracted=extracted,
                    review=tuple(notes) + extracted.review, id=propose_id(extracted, gazetteer, read.data),
                    awards_yml=awards, source=source)


def propose_id(e: Extracted, gazetteer: Gazetteer, data: bytes) -> str:
    """Year, unit (and its district), type code, number or ký hiệu, span: ``2023-cam-xuyen-bc-6-thang``."""
    period, unit = e.period.value, e.unit.value
    year = period.year if period else e.issued.value.year if e.issued.value else None
    parts = [str(year) if year else "khong-ro-nam"]
    if unit:
        parts.append(slug(unit.name))
        parent = gazetteer.get(unit.parent_id) if unit.parent_id else None
        if unit.level is Level.COMMUNE and parent and parent.level is Level.DISTRICT and slug(parent.name) != parts[-1]:
            parts.append(slug(parent.name))
    parts.append(slug(e.doc_type.value.code) if e.doc_type.value else "van-ban")
    number, _, sign = (e.doc_number.value or "").partition("/")
    # ASCII digits only: "²".isdigit() is true, and an id must be a slug
    parts.append(number if number.isascii() and number.isdigit() else slug(sign.partition("-")[2]) if sign else "")
    if period:
        parts.append({Span.FIRST_HALF: "6-thang", Span.SECOND_HALF: "6-thang-cuoi",
                      Span.QUARTER: f"quy-{period.number}", Span.MONTH: f"thang-{period.number}",
                      Span.TERM: f"den-{period.end_year}"}.get(period.span, ""))
    if not unit:
        parts.append(hashlib.sha256(data).hexdigest()[:8])  # two unknown units must not share an id
    ident = "-".join(p for p in parts if p)
    if len(ident) > MAX_ID:  # a 300-digit "number" made a folder name the file system refuses
        ident = ident[:MAX_ID - 9].rstrip("-") + "-" + hashlib.sha256(data).hexdigest()[:8]
    return ident


# --------------------------------------------------------------------------- output


def _clean(value) -> str:
    return _CONTROL.sub("", str(value)).strip() if value is not None else ""


def metadata(p: Prepared, gazetteer: Gazetteer) -> dict:
    """The report's metadata as JSON-ready values (the keys `ingest --json` prints; README, "Adding reports")."""
    e = p.extracted
    unit = e.unit.value
    parent = gazetteer.get(unit.parent_id) if unit and unit.parent_id else None
    province = gazetteer.get(unit.province_id) if unit else None
    period = e.period.value
    fields_ = ("title", "doc_type", "doc_number", "issuer", "issuer_parent", "unit", "issued", "place", "period",
               "recipient", "signer", "signer_title", "theme")
    return {
        "id": p.id,
        "title": e.title.value, "doc_type": e.doc_type.value.name.lower() if e.doc_type.value else None,
        "doc_number": e.doc_number.value, "issuer": e.issuer.value, "issuer_kind": issuer_kind(e),
        "issuer_parent": e.issuer_parent.value,
        "unit": {"name": unit.full_name, "level": unit.level.value, "parent": parent.full_name if parent else None,
                 "province": province.full_name if province else None, "code": unit.code} if unit else None,
        "issued": e.issued.value.iso() if e.issued.value else None, "place": e.place.value,
        "period": {k: v for k, v in (("year", period.year), ("span", period.span.value), ("number", period.number),
                                     ("end_year", period.end_year), ("name", period.name or None))
                   if v is not None} if period else None,
        "recipient": e.recipient.value, "signer": e.signer.value, "signer_title": e.signer_title.value,
        "theme": e.theme.value,
        "movements": [{"id": m.value.id, "name": m.value.name, "line": m.line} for m in e.movements],
        "awards": [{"form": a.form, "authority": a.authority, "recipients": a.recipients, "count": a.count,
                    "names": list(a.names), "status": a.status, "line": a.line} for a in e.awards],
        "signatures": [{"signer": s.signer, "email": s.email, "time": s.time, "organisation": s.organisation}
                       for s in e.signatures],
        "text_quality": e.text_quality.value,
        "review": [{"field": r.field, "why": r.why} for r in p.review],
        "found": {f: {"line": getattr(e, f).line, "why": getattr(e, f).why} for f in fields_},
        "source": {"file_name": p.read.name, "sha256": hashlib.sha256(p.read.data).hexdigest(), "address": p.source,
                   "encoding": p.read.encoding, "size": len(p.read.data)},
        "text": p.text, "furniture": list(p.normalised.furniture),
    }


def issuer_kind(e) -> str:
    """The kind of the issuing body: a news article's is its publisher's (a newspaper or portal); else as its
    name reads (``tdkt.catalog.issuers``); "" when neither says."""
    if e.doc_type.value is not None and e.doc_type.value.news:
        return "bao"
    return kind_of(e.issuer.value or "")


def _q(value) -> str:
    return quoted(_clean(value))


def report_yml(p: Prepared, original: str) -> str:
    """report.yml in the archive's format (every scalar a quoted string; blanks stay blank)."""
    e, m = p.extracted, metadata(p, _NO_GAZETTEER)
    central = e.unit.value is None and e.unit.why == CENTRAL_WHY
    out = [f"# Tiếp nhận bằng `python build.py ingest` từ {_q(p.read.name)}: thông tin do máy đọc từ văn bản.",
           "# Bản nháp: trang hiện \"chưa rà soát\" cho đến khi một người đối chiếu từng trường với văn bản, điền chỗ",
           "# còn trống (hoặc để trống khi văn bản không ghi) rồi đặt status: \"reviewed\".",
           "# `python build.py review` liệt kê những gì mỗi bản nháp còn thiếu; `python build.py units TÊN` tìm mã đơn vị.",
           'status: "draft"',
           f"title: {_q(e.title.value)}", f"doc_type: {_q(e.doc_type.value.id if e.doc_type.value else '')}",
           f"doc_number: {_q(e.doc_number.value)}", f"issuer: {_q(e.issuer.value)}",
           f"issuer_kind: {_q(issuer_kind(e))}", f"issuer_parent: {_q(e.issuer_parent.value)}",
           *(['issuer_level: "trung-uong"'] if central else []),
           f"unit: {_q(e.unit.value.id if e.unit.value else '')}", f"issued: {_q(m['issued'])}",
           f"place: {_q(e.place.value)}"]
    out += ["period:", *(f"  {k}: {_q(v)}" for k, v in m["period"].items())] if m["period"] else ['period: ""']
    out += [f"{k}: {_q(getattr(e, k).value)}" for k in ("recipient", "signer", "signer_title", "theme")]
    out += ["movements:", *(f"  - {_q(x['id'])}" for x in m["movements"])] if m["movements"] else []
    out += [f"text_quality: {_q(e.text_quality.value)}", "source:", f"  file_name: {_q(p.read.name)}",
            f"  original: {_q(original)}", f"  sha256: {_q(m['source']['sha256'])}", f"  encoding: {_q(p.read.encoding)}",
            *([f"  address: {_q(p.source)}"] if p.source else [])]
    if e.signatures:
        out.append("signatures:")
        for s in m["signatures"]:
            out.append(f"  - signer: {_q(s['signer'])}")
            out += [f"    {k}: {_q(s[k])}" for k in ("email", "time", "organisation")]
    if p.review:
        out.append("review:")
        for r in p.review:
            out += [f"  - field: {_q(r.field)}", f"    why: {_q(r.why)}"]
    out.append('notes: ""  # ghi chú biên mục (hiện trên trang): để trống cho đến khi người rà soát viết')
    return "\n".join(out) + "\n"


class _NoGazetteer:
    def get(self, _):
        return None


_NO_GAZETTEER = _NoGazetteer()


def write_folder(reports: Path, p: Prepared) -> Path | Refused:
    """data/reports/<id>/ with the original byte for byte; written whole or not at all."""
    folder = reports / p.id
    if folder.exists():
        return Refused(reason=f"{folder} already exists: refusing to overwrite it (remove that folder first, "
                              "or rename it if it holds a different report)")
    original = f"original{p.read.suffix}"
    tmp = reports / f"{UNFINISHED}{p.id}-{os.getpid()}"
    try:
        tmp.mkdir(parents=True)
        (tmp / original).write_bytes(p.read.data)
        (tmp / "text.txt").write_text(p.text, encoding="utf-8")
        if p.text != p.normalised.text:  # restored: keep the OCR text as it was, block for block
            (tmp / "ocr.txt").write_text(p.normalised.text, encoding="utf-8")
        if p.normalised.furniture:
            (tmp / "furniture.txt").write_text("".join(line + "\n" for line in p.normalised.furniture), encoding="utf-8")
        (tmp / "report.yml").write_text(report_yml(p, original), encoding="utf-8")
        (tmp / "awards.yml").write_text(p.awards_yml, encoding="utf-8")
        tmp.rename(folder)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        return Refused(reason=f"cannot write {folder} ({exc.strerror or exc})")
    return folder


# --------------------------------------------------------------------------- the command


def load_vocab(data_dir: Path, problems: Problems) -> Vocab:
    parsed = {}
    for name, parse in (("movements", vocab.parse_movements), ("doc_types", vocab.parse_doc_types),
                        ("award_types", vocab.parse_award_types)):
        path = data_dir / "vocab" / f"{name}.yml"
        try:
            root = read_yaml(path.read_text(encoding="utf-8"), str(path), problems)
        except (OSError, UnicodeDecodeError) as exc:
            problems.add(Origin(file=str(path)), "F001", "", f"cannot be read ({exc})", "restore the file")
            root = None
        parsed[name] = parse(root, str(path), problems)
    return Vocab(movements=parsed["movements"], doc_types=parsed["doc_types"], award_types=parsed["award_types"])


def ingest_files(paths: list[Path], data_dir: Path, gazetteer: Gazetteer, *, as_json: bool = False,
                 out: TextIO | None = None, err: TextIO | None = None, source: str = "") -> int:
    """Ingest each file; 0 when all were ingested, 1 when any was refused (the others are still done).
    ``source``: the web address the files were taken from (recorded in report.yml; it helps find the unit)."""
    out, err = out or sys.stdout, err or sys.stderr
    if source and not WEB_ADDRESS.fullmatch(source):
        print(printable(f"error: --source {source!r}: not a web address (http:// or https://, a host, no spaces)"),
              file=err)
        return 2
    problems = Problems()
    words = load_vocab(data_dir, problems)
    if problems.has_errors():
        print(problems.report(), file=err)
        return 1
    restorer, done, results = _restorer(), 0, []
    for path in paths:
        read = readers.read(path)
        if isinstance(read, Refused):
            print(printable(f"error: {path}: {read.reason}"), file=err)
            continue
        p = prepare(read, words, gazetteer, restorer, source=source)
        if as_json:
            results.append({"file": str(path), **metadata(p, gazetteer)})
            done += 1
            continue
        folder = write_folder(data_dir / "reports", p)
        if isinstance(folder, Refused):
            print(printable(f"error: {path}: {folder.reason}"), file=err)
            continue
        done += 1
        missing = [f for f in ("title", "doc_type", "issuer", "unit", "period") if getattr(p.extracted, f).value is None
                   and not (f == "unit" and p.extracted.unit.why == CENTRAL_WHY)]  # a central body has no unit
        print(printable(f"{path} → {folder}/ ({p.extracted.text_quality.value}; {len(p.review)} mục cần kiểm tra"
                        + (f"; cần điền bằng tay: {', '.join(missing)}" if missing else "") + ")"), file=out)
    if as_json:
        print(json.dumps(results, ensure_ascii=False, indent=2), file=out)
    else:
        print(f"Đã tiếp nhận {done}/{len(paths)} tệp.", file=out)
    return 0 if done == len(paths) else 1


# --------------------------------------------------------------------------- renormalise


def renormalise(folder: Path, problems: Problems, display: str | None = None) -> bool:
    """Rewrite ``text.txt``, ``ocr.txt`` (when restored) and ``furniture.txt`` from the original. Files are read
    and written by the archive's one rule (``tdkt/engine/files.py``): no link is read or written through."""
    display = display or str(folder)
    if folder.is_symlink():
        problems.add(Origin(file=display), "F004", "", "is a symbolic link",
                     "put the report folder itself there: normalise writes only inside the archive")
        return False
    yml = _read(folder / "report.yml", f"{display}/report.yml", problems)
    if yml is None:
        return False
    try:
        yml = yml.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.add(Origin(file=f"{display}/report.yml"), "F002", "", f"is not UTF-8 (byte {exc.start})",
                     "save it as UTF-8")
        return False
    root = read_yaml(yml, f"{display}/report.yml", problems)
    source = fields.mapping(root, "source", problems, required=True) if isinstance(root, YMap) else None
    if source is None:
        return False
    name = fields.text(source, "original", problems, required=True, where="source.")
    encoding = fields.text(source, "encoding", problems, required=True, where="source.") or "utf-8"
    if not name or "/" in name or "\\" in name or name.startswith("."):
        problems.add(source.origin, "F001", "source.original", f"the original {name!r} is not in {display}",
                     "put the original file in the report folder")
        return False
    raw = _read(folder / name, f"{display}/{name}", problems)
    if raw is None:
        return False
    try:
        text = raw.decode(encoding)
    except (UnicodeError, LookupError, ValueError):  # readers' codecs raise ValueError on a damaged file
        problems.add(source.origin, "F002", "source.encoding", f"the original does not decode as {encoding}",
                     "write the encoding it is in")
        return False
    result = normalise(text)
    body = result.text
    if fields.text(root, "text_quality", problems) == TextQuality.OCR_RESTORED.value:
        restorer = _restorer()
        if restorer is None:
            problems.add(root.get("text_quality").origin, "F001", "text_quality",
                         "the text was restored by tdkt.text.restore, which is not installed",
                         "install it, or write text_quality: ocr")
            return False
        body = restorer.restore(result.text)
    files.write_file(folder / "text.txt", body.encode("utf-8"))
    ocr_path = folder / "ocr.txt"
    if body != result.text:  # restored: keep the OCR text as it was, block for block
        files.write_file(ocr_path, result.text.encode("utf-8"))
    elif os.path.lexists(ocr_path):
        ocr_path.unlink()
    furniture = "".join(line + "\n" for line in result.furniture)
    furniture_path = folder / "furniture.txt"
    if furniture:
        files.write_file(furniture_path, furniture.encode("utf-8"))
    elif os.path.lexists(furniture_path):
        furniture_path.unlink()
    return True


def _read(path: Path, display: str, problems: Problems) -> bytes | None:
    """A file of the report folder by the archive's one rule, or None with its problem."""
    try:
        return files.read_file(path, MAX_FILE_BYTES)
    except files.FileRefused as refused:
        problems.add(Origin(file=display), refused.code, "", refused.reason, refused.fix)
    except FileNotFoundError:
        problems.add(Origin(file=display), "F001", "", "file is missing", "a report folder needs it")
    except OSError as exc:
        problems.add(Origin(file=display), "F001", "", f"cannot be read ({exc.strerror or exc})", "check the file")
    return None
