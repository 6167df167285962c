"""Issuers read outside the header's left column: the authority a decision names before its basis when its header
is lost ("HIỆU TRƯỞNG TRƯỜNG …", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …"), the unit a news article is about, and an
issuer read from a sentence of the body, taken without a flag only when the date line names the same unit. Pure.
"""
from __future__ import annotations

import re

from tdkt.ingest import header
from tdkt.ingest.header_lines import capitals
from tdkt.ingest.issuer import CENTRAL, CENTRAL_WHY, FROM_A_SENTENCE, Units, display_name, unit_of
from tdkt.ingest.reading import Found
from tdkt.text.collate import fold
from tdkt.text.decode import tokens


_AUTHORITY_LINE = re.compile(r"^(?:(chu tich|pho chu tich) )?(uy ban nhan dan (?:tinh|thanh pho|huyen|quan|thi xa|xa|phuong|"
                             r"thi tran) .+)$|^(thu tuong chinh phu)$|^bo truong (bo .+)$|^giam doc (so .+)$|"
                             r"^hieu truong (truong .+)$|^(chinh phu)$")


def authority_issuer(lines: list[tuple[int, str]], h: header.Header, units: Units) -> tuple[Found | None, Found | None]:
    """A decision whose header is lost still names who decides, in capitals after its title: ``THỦ TƯỚNG CHÍNH
    PHỦ``, ``BỘ TRƯỞNG BỘ THƯƠNG MẠI``, ``CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH CÀ MAU``: the body it speaks for."""
    # "QUYẾT ĐỊNH:" with its colon is the enacting formula after the basis, not the document's heading
    headed = h.heading is not None and not h.heading.value.rstrip().endswith(":")
    start = h.heading_end if headed else 0
    for i in range(start, min(start + (8 if headed else 16), len(lines))):
        line, text = lines[i]
        t = text.strip(" _-–")
        if not t or not capitals(t) or len(t) > 120:
            continue
        after = next((fold(x).lstrip() for _, x in lines[i + 1:i + 4] if x.strip()), "")
        if not headed and not after.startswith(("can cu", "xet ")):  # no heading: the basis must follow
            continue
        m = _AUTHORITY_LINE.match(fold(t))
        if not m:
            continue
        body_key = next(g for g in m.groups()[1:] if g)
        words = t.split()
        body = " ".join(words[len(words) - len(body_key.split()):])
        name = display_name(body)
        why = f"người có thẩm quyền quyết định, {t!r}, ghi sau trích yếu (văn bản không có phần đầu)"
        issuer = Found(value=name, line=line, why=why, review=True)
        if CENTRAL.match(fold(body)):
            return issuer, Found(line=line, why=CENTRAL_WHY)
        return issuer, unit_of(body, "", h, units, line)
    return None, None


def news_place(lines: list[tuple[int, str]], units: Units) -> Found:
    """The unit a news article is about: the first one its headline or opening lines name (flagged)."""
    for i, (line, text) in enumerate(lines[:8]):
        for m in units.scan(tokens(text, False), i, text):
            unit, why = units.pick(m.units)
            if unit is not None:
                return Found(value=unit, line=line, review=True,
                             why=f"đơn vị đầu tiên bài báo nêu, {m.text!r}: có đúng là nơi bài báo nói đến? {why}")
    return Found(why="các dòng đầu bài báo không nêu đơn vị hành chính nào", review=True)


def corroborated(issuer: Found, unit: Found, place: Found) -> Found:
    """An issuer read from a sentence of the body ("Ủy ban nhân dân phường Mỹ Quý báo cáo …") is taken without a
    flag when the place of the header's date line is that unit ("Mỹ Quý, ngày 26 tháng 12 năm 2023"): two
    readings agree; otherwise it stays flagged."""
    if not (issuer.review and issuer.why.endswith(FROM_A_SENTENCE) and unit.value is not None and place.value):
        return issuer
    if fold(place.value).strip() != fold(unit.value.name).strip():
        return issuer
    why = issuer.why[: -len(FROM_A_SENTENCE)] + f"đúng với địa danh ở dòng ngày tháng {place.value!r}"
    return Found(value=issuer.value, line=issuer.line, why=why, review=False)
