"""Extracted award statements → proposed ``awards.yml`` records, for a person to review.

``tdkt.ingest.awards`` reads statements as printed ("Giấy khen", "Chủ tịch UBND phường", 12 tập thể). The
archive records an award *type* (an id of ``vocab/award_types.yml``), so this module names the type a
statement means, from its form and its authority ("Giấy khen" of a commune chairman is
``giay-khen-chu-tich-ubnd-xa``; a "Danh hiệu Lao động tiên tiến" of a collective is
``tap-the-lao-dong-tien-tien``). When the text does not settle it (a Giấy khen with no authority, a
Chiến sĩ thi đua of no stated level) nothing is guessed: the statement is listed for the reviewer
instead of recorded. A bare mention (no count, recipient kind or name: "Huân chương" in a list of
forms) is left out the same way. Every record is ``reviewed: "no"``. Pure: ingest writes the file.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from tdkt.ingest.awards import Award
from tdkt.text.collate import fold
from tdkt.model import AwardKind, AwardType, Block
from tdkt.catalog.yamlread import quoted

# authority (folded) → the Giấy khen / Bằng khen / Cờ it grants; checked in order, first match wins
_BY_AUTHORITY = (
    ("giay khen", r"giam doc cong an tinh|gd cong an tinh", "giay-khen-giam-doc-cong-an-tinh"),
    ("giay khen", r"tinh uy", "giay-khen-tinh-uy"),
    ("giay khen", r"huyen uy|thi uy|thanh uy|quan uy", "giay-khen-cap-uy-cap-huyen"),
    ("giay khen", r"dang uy", "giay-khen-dang-uy-co-so"),
    ("giay khen", r"(chu tich|ct) (ubnd|uy ban nhan dan) (xa|phuong|thi tran)", "giay-khen-chu-tich-ubnd-xa"),
    ("giay khen", r"(chu tich|ct) (ubnd|uy ban nhan dan) (huyen|thi xa|thanh pho|quan)",
     "giay-khen-chu-tich-ubnd-huyen"),
    ("bang khen", r"thu tuong", "bang-khen-thu-tuong"),
    ("bang khen", r"lhpn|lien hiep phu nu", "bang-khen-hoi-lhpn-tinh"),
    ("bang khen", r"(ubnd|uy ban nhan dan) tinh|bo |nganh", "bang-khen-cap-tinh"),
    ("co thi dua", r"chinh phu", "co-thi-dua-chinh-phu"),
    ("co thi dua", r"(ubnd|uy ban nhan dan) tinh|bo |nganh", "co-thi-dua-cap-tinh"),
)


# forms whose type their name settles, whoever the text says grants them (a Huân chương is the President's)
_BY_FORM = (("huan chuong", "huan-chuong"), ("huy chuong", "huy-chuong"), ("ky niem chuong", "ky-niem-chuong"))


class Proposal(NamedTuple):
    record: dict | None  # awards.yml keys → values, or None when the type is not settled
    why: str  # for a statement left out: what the reviewer should look at


def award_type(a: Award, types: dict[str, AwardType]) -> str | None:
    """The id of the award type statement ``a`` means, or None when the text does not settle it."""
    form = fold(a.form)
    if form.startswith("danh hieu "):
        title = form.removeprefix("danh hieu ")
        matches = [t for t in types.values() if t.kind is AwardKind.TITLE
                   and title in {fold(n) for n in (t.name, *t.variants)}]
        if a.recipients:
            matches = [t for t in matches if any(r.value == a.recipients for r in t.recipients)] or \
                [t for t in types.values() if t.kind is AwardKind.TITLE and fold(t.name) == f"tap the {title}"
                 and a.recipients == "tập thể"]
        return matches[0].id if len(matches) == 1 else None
    for prefix, ident in _BY_FORM:
        if form.startswith(prefix) and ident in types:
            return ident
    authority = fold(a.authority or "")
    for prefix, pattern, ident in _BY_AUTHORITY:
        if form.startswith(prefix) and authority and re.search(pattern, authority) and ident in types:
            return ident
    return None


def propose(awards: tuple[Award, ...], blocks: tuple[Block, ...], types: dict[str, AwardType]) -> list[Proposal]:
    """One proposal per statement, in text order, each citing the block its line falls in."""
    out = []
    for a in awards:
        block = max((b for b in blocks if b.line <= a.line), key=lambda b: b.line, default=None)
        where = f"dòng {a.line}" + (f", đoạn {block.number}" if block else "")
        if a.count is None and not a.recipients and not a.names:
            out.append(Proposal(None, f"{where}: “{a.form}” được nhắc đến, không có số lượng hay đối tượng"))
            continue
        ident = award_type(a, types)
        if ident is None or block is None:
            out.append(Proposal(None, f"{where}: “{a.form}” của “{a.authority or 'không ghi'}”: chưa xác định "
                                      "được loại khen thưởng trong vocab/award_types.yml"))
            continue
        out.append(Proposal({
            "form": ident, "authority": a.authority or "", "recipients": a.recipients or "",
            "count": "" if a.count is None else str(a.count), "names": list(a.names), "status": a.status,
            "block": str(block.number), "reviewed": "no",
            **({"year": str(a.year)} if a.year else {}),
        }, ""))
    return out


def awards_yml(proposals: list[Proposal]) -> str:
    """The file: a header for the reviewer, the statements left out as comments, then the records."""
    q = quoted
    out = ["# Award statements proposed by `python build.py ingest` (tdkt.ingest.awards, tdkt.ingest.award_proposals):",
           "# check each against the text, correct it, and set reviewed to \"yes\" (docs/data-format.md)."]
    left = [p.why for p in proposals if p.record is None]
    if left:
        out += ["#", "# Not recorded (write them below by hand if they are award statements):"]
        out += [f"#   {why}" for why in left]
    records = [p.record for p in proposals if p.record is not None]
    if not records:
        return "\n".join(out + ["[]"]) + "\n"
    for r in records:
        out.append("")
        out += [f"{'- ' if i == 0 else '  '}{k}: {'[' + ', '.join(q(n) for n in v) + ']' if k == 'names' else q(v)}"
                for i, (k, v) in enumerate(r.items())]
    return "\n".join(out) + "\n"
