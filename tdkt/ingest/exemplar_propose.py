"""Candidate exemplars for a person to confirm: ``python build.py exemplars --propose``.

Three kinds of evidence make a candidate:

- a named recipient of an award record (awards.yml) whose form is a title (danh hiệu) or a form
  above a Giấy khen (Bằng khen, Cờ, Huân chương …): the quote is the paragraph's sentence that
  names the recipient;
- a paragraph that introduces a model or an example by name: ``mô hình “…”``, ``gương …``,
  ``điển hình …`` followed by a quoted name;
- the persons and collectives a line introduces as examples and then lists, after its colon or in the list items
  under it ("Những cá nhân tiêu biểu về điển hình gương người tốt việc tốt năm 2023:" + "Bà Nguyễn Thị Thúy – thôn
  Trại Hồ" …; "Có 04 giáo viên giỏi cơ sở: Cô Nguyễn Thị Bảo Thu (Ngữ văn), cô …").

Every candidate has status ``proposed``: nothing is published until a person edits the file. A
candidate already curated (same report, paragraph and name, whatever its status) is not proposed
again. Pure: the command line writes the files.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from tdkt.ingest.recipients import HONORIFIC, clean_name, named
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


# a line that introduces examples: "tiêu biểu", "điển hình", "gương", "người tốt việc tốt", "xuất sắc", "giỏi", and a
# colon at its end or before the names it lists (on the fold key)
_CUE = re.compile(r"(?:tieu bieu|dien hinh|guong|nguoi tot,? viec tot|xuat sac|\bgioi\b|tuyen duong)[^:.;]{0,120}:")
_ITEM = re.compile(r"^\s*(?:[-+•*]|\d{1,2}[.)]|[a-z][.)])\s*")
# words a collective's name does not hold but a sentence about it does (fold keys)
_PREDICATE = re.compile(r" (?:da|duoc|dat|cung|phat dong|tham gia|cung cap|trien khai|thuc hien|to chuc|nhan|co)"
                        r" ")
_DASH = re.compile(r"\s*[-–]\s+|\s+[-–]\s*")


def _named(item: str) -> tuple[str, str] | None:
    """(name, kind) of the person or collective an item names, without what follows it (a dash, a bracket, a
    comma) and without the person's honorific: "Bà Nguyễn Thị Thúy – thôn Trại Hồ" → "Nguyễn Thị Thúy"."""
    name = clean_name(_DASH.split(_ITEM.sub("", item), maxsplit=1)[0])
    kind = named((name,)) if name else None
    if kind is None or len(name.split()) > 12:
        return None
    if kind != "cá nhân" and (not name[:1].isupper() or _PREDICATE.search(f" {fold(name)} ")):
        return None  # "Hội nghị cũng phát động …", "hội viên … tham gia tích cực": a sentence, not a name
    honorific = HONORIFIC.match(name)
    person = name[honorific.end():] if honorific else name
    return (person, kind) if len(person.split()) >= 2 else None


def _name(item: str) -> str | None:
    found = _named(item)
    return found[0] if found else None


def listed(texts: list[str]) -> list[tuple[int, str]]:
    """(index of the text, name) for each person or collective that a text introduces as an example and then names:
    after its colon on the same line, else in the items of the lines under it (up to 30, until one names no one)."""
    out = []
    for i, text in enumerate(texts):
        m = _CUE.search(fold(text))
        if not m:
            continue
        after = text[m.end():].strip()
        if after:  # the names after the colon, when the words there are mostly names (not a sentence)
            parts = [p for p in re.split(r"[,;]\s*|\s+và\s+", re.split(r"\.\s+[A-ZÀ-ỸĐ]", after)[0]) if p.strip()]
            found = [f for f in (_named(p) for p in parts) if f]
            if any(k == "cá nhân" for _, k in found):  # "bà Trần Thị Hằng, Chi hội trưởng …, phường …": a
                found = [f for f in found if f[1] == "cá nhân"]  # person's position and place are not names
                parts = [p for p in parts if HONORIFIC.match(_ITEM.sub("", p).strip())]
            names = [n for n, _ in found]
            if len(names) >= 2 and len(names) * 3 >= len(parts) * 2:
                out += [(i, n) for n in names]
            continue
        for j in range(i + 1, min(len(texts), i + 31)):
            name = _name(texts[j]) if len(texts[j]) <= 200 else None
            if name is None:
                break
            out.append((j, name))
    return out


def _from_lists(r: Report) -> list[Candidate]:
    blocks = list(r.blocks)
    out = []
    for i, name in listed([b.text for b in blocks]):
        b = blocks[i]
        kind = ExemplarKind.COLLECTIVE if named((name,)) == "tập thể" else ExemplarKind.INDIVIDUAL
        out.append(Candidate(
            exemplar=_exemplar(r, name, kind, "Được văn bản nêu tên là điển hình, gương tiêu biểu.", None,
                               _sentence(b.text, name), block=b.number),
            why=f"{name}: đoạn {b.number}, trong danh sách mà văn bản giới thiệu là tiêu biểu, điển hình.",
        ))
    return out


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
        for c in _from_awards(r) + _from_models(r) + _from_lists(r):
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
