"""Candidate exemplars for a person to confirm: ``python build.py exemplars --propose``.

Two kinds of evidence make a candidate:

- a named recipient of an award record (awards.yml) whose form is a title (danh hiệu) or a form
  above a Giấy khen (Bằng khen, Cờ, Huân chương …): the quote is the paragraph's sentence that
  names the recipient;
- a paragraph that introduces a model or an example by name: ``mô hình “…”``, ``gương …``,
  ``điển hình …`` followed by a quoted name.

Every candidate has status ``proposed``: nothing is published until a person edits the file. A
candidate already curated (same report, paragraph and name, whatever its status) is not proposed
again. Pure: the command line writes the files.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from tdkt.text.collate import fold, slug
from tdkt.model import AwardKind, AwardRecord, Catalog, Exemplar, ExemplarKind, ExemplarStatus, Origin, RecipientKind, Report

_MODEL = re.compile(
    r"(?P<what>mô hình|cách làm hay|gương điển hình|điển hình|gương)\s*(?:là\s*)?[“\"](?P<name>[^”\"]{3,120})[”\"]",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+")


@dataclass(frozen=True, slots=True, kw_only=True)
class Candidate:
    exemplar: Exemplar
    why: str  # one line for the file's leading comment


def _is_high(rec: AwardRecord) -> bool:
    return rec.form.kind is AwardKind.TITLE or not rec.form.id.startswith("giay-khen")


def _sentence(text: str, needle: str) -> str:
    """The sentence (or list item) of ``text`` that contains ``needle``; the whole text if none does."""
    for part in _SENTENCE_END.split(text):
        if fold(needle) in fold(part):
            return part.strip().lstrip("-+•*– ").rstrip(";,")
    return text.strip()


def _kind(rec: AwardRecord) -> ExemplarKind:
    return ExemplarKind.INDIVIDUAL if rec.recipients is RecipientKind.INDIVIDUAL else ExemplarKind.COLLECTIVE


def _from_awards(r: Report) -> list[Candidate]:
    blocks = {b.number: b for b in r.blocks}
    out = []
    for rec in r.awards:
        if not _is_high(rec):
            continue
        for name in rec.names:
            quote = _sentence(blocks[rec.block].text, name) if rec.block in blocks else ""
            verb = "được tặng" if rec.form.kind is AwardKind.FORM else "đạt danh hiệu"
            status = "" if rec.status.value == "granted" else " (đề nghị)"
            out.append(Candidate(
                exemplar=_exemplar(r, name, _kind(rec), f"{verb.capitalize()} {rec.form.name}{status}.", rec, quote),
                why=f"{name}: {rec.form.name}, đoạn {rec.block} (bản ghi khen thưởng có tên người nhận).",
            ))
    return out


def named_models(text: str) -> list[str]:
    """The names of the models and examples a paragraph introduces: ``mô hình “…”``, ``gương “…”``."""
    return [" ".join(m.group("name").split()) for m in _MODEL.finditer(text)]


def _from_models(r: Report) -> list[Candidate]:
    out = []
    for b in r.blocks:
        for m in _MODEL.finditer(b.text):
            name = " ".join(m.group("name").split())
            out.append(Candidate(
                exemplar=_exemplar(r, name, ExemplarKind.MODEL, f"Được báo cáo nêu là {m.group('what').lower()}.",
                                   None, _sentence(b.text, m.group("name")),
                                   block=b.number),
                why=f"{name}: đoạn {b.number} giới thiệu {m.group('what').lower()} có tên.",
            ))
    return out


def _exemplar(r: Report, name: str, kind: ExemplarKind, achievement: str, rec: AwardRecord | None, quote: str,
              block: int | None = None) -> Exemplar:
    return Exemplar(
        id="", name=name, kind=kind, year=r.year, achievement=achievement,
        award=rec.form if rec else None, authority=rec.authority if rec else "",
        movements=(rec.movement,) if rec and rec.movement else (), report_id=r.id,
        block=rec.block if rec else block, quote=quote, status=ExemplarStatus.PROPOSED,
        note="Máy đề xuất: kiểm tra tên, thành tích, khen thưởng và đoạn trích với văn bản rồi đổi status "
             "thành published.",
        origin=Origin(file=""),
    )


def propose(catalog: Catalog, existing: tuple[Exemplar, ...], taken_ids: set[str]) -> list[Candidate]:
    """New candidates, each with a fresh id (``<name>-<year>``, ``-2``, ``-3`` … when taken)."""
    known = {(e.report_id, e.block, fold(e.name)) for e in existing}
    taken = set(taken_ids)
    out = []
    for r in catalog.reports:
        for c in _from_awards(r) + _from_models(r):
            e = c.exemplar
            key = (e.report_id, e.block, fold(e.name))
            if key in known:
                continue
            known.add(key)
            base = slug(f"{e.name} {e.year}")[:80].rstrip("-") or "dien-hinh"
            ident, n = base, 1
            while ident in taken:
                n += 1
                ident = f"{base}-{n}"
            taken.add(ident)
            out.append(Candidate(exemplar=dataclasses.replace(e, id=ident), why=c.why))
    return out
