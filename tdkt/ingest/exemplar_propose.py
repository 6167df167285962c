"""Candidate exemplars for a person to confirm: ``python build.py exemplars --propose``.

Two kinds of evidence make a candidate:

- a named recipient of an award record (awards.yml) whose form is a title (danh hiệu) or a form
  above a Giấy khen (Bằng khen, Cờ, Huân chương …), when it reads as a name (``exemplar_cues.plausible``): the
  quote is the paragraph's sentence that names the recipient;
- what the paragraphs put forward in words (``tdkt.ingest.exemplar_cues.from_texts``): models introduced by a
  quoted name, the persons and collectives a cue lists ("Những cá nhân tiêu biểu …:", "… tiêu biểu gồm …"), the
  one a sentence calls an example ("… vinh dự là một trong những gương điển hình"), the persons a text about
  exemplars introduces by title and full name; the quote is the sentence or list item, the file's comment the cue.

A name already proposed from the same report ("Hồ Sáu" after "ông Hồ Sáu") is proposed once. An exemplar's year
is its report's, else the first year its quote or the report's title states; with none (a draft whose period and
date are not yet filled in) nothing is proposed from the report until review gives it a year.
Every candidate has status ``proposed``: nothing is published until a person edits the file. A
candidate already curated (same report, paragraph and name, whatever its status) is not proposed
again. Pure: the command line writes the files.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from tdkt.ingest.exemplar_cues import from_texts, listed, plausible, same_name  # noqa: F401 (listed: re-exported)
from tdkt.text.collate import fold, slug
from tdkt.model import AwardKind, AwardRecord, Catalog, Exemplar, ExemplarKind, ExemplarStatus, Origin, RecipientKind, Report

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
        for name in (n for n in rec.names if plausible(n)):
            quote = _sentence(blocks[rec.block].text, name) if rec.block in blocks else ""
            verb = "được tặng" if rec.form.kind is AwardKind.FORM else "đạt danh hiệu"
            status = "" if rec.status.value == "granted" else " (đề nghị)"
            out.append(Candidate(
                exemplar=_exemplar(r, name, _kind(rec), f"{verb.capitalize()} {rec.form.name}{status}.", rec, quote),
                why=f"{name}: {rec.form.name}, đoạn {rec.block} (bản ghi khen thưởng có tên người nhận).",
            ))
    return out


def _from_texts(r: Report) -> list[Candidate]:
    """What the report's paragraphs put forward in words (``exemplar_cues.from_texts``), each quoting the sentence
    or list item that names it."""
    blocks = list(r.blocks)
    out = []
    for f in from_texts([b.text for b in blocks], r.title):
        b = blocks[f.index]
        what = "mô hình" if f.kind is ExemplarKind.MODEL else "điển hình, gương tiêu biểu"
        out.append(Candidate(
            exemplar=_exemplar(r, f.name, f.kind, f"Được văn bản nêu là {what}.", None, _sentence(b.text, f.name),
                               block=b.number),
            why=f"{f.name}: đoạn {b.number}, {f.cue}.",
        ))
    return out


_YEAR = re.compile(r"(?<![\d/.-])(19[4-9]\d|20\d\d)(?![\d/])")


def stated_year(text: str) -> int | None:
    """The first year a text states outside a date ("năm 2020", "2023-2024" → 2020, 2023; not "14/10/1930")."""
    m = _YEAR.search(text)
    return int(m.group(1)) if m else None


def _exemplar(r: Report, name: str, kind: ExemplarKind, achievement: str, rec: AwardRecord | None, quote: str,
              block: int | None = None) -> Exemplar:
    return Exemplar(
        id="", name=name, kind=kind, year=r.year or stated_year(quote) or stated_year(r.title), achievement=achievement,
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
        here: list[str] = []  # the names proposed from this report: "Hồ Sáu" after "ông Hồ Sáu" is the same person
        for c in _from_awards(r) + _from_texts(r):
            e = c.exemplar
            key = (e.report_id, e.block, fold(e.name))
            if e.year is None or key in known or any(same_name(e.name, n) for n in here):
                continue
            known.add(key)
            here.append(e.name)
            base = slug(f"{e.name} {e.year}")[:80].rstrip("-") or "dien-hinh"
            ident, n = base, 1
            while ident in taken:
                n += 1
                ident = f"{base}-{n}"
            taken.add(ident)
            out.append(Candidate(exemplar=dataclasses.replace(e, id=ident), why=c.why))
    return out
