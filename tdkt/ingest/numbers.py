"""The số ký hiệu ("Số: 184/BC-UBND") against the rest of the header: the document type its code names, and
whether that type and the issuer's code agree with the heading and the issuer read elsewhere. A disagreement
changes no value: both are flagged with the reason, for a person to decide which line is right. Pure.
"""
from __future__ import annotations

import re

from tdkt.ingest.reading import Found
from tdkt.model import DocType
from tdkt.text.collate import fold


def _codes(number: str) -> list[str]:
    """The codes after the number's first slash: "184/BC-UBND" → ["BC", "UBND"]."""
    return [c for c in re.split(r"[/\-–]", number.partition("/")[2]) if c]


def type_of_number(number: Found, doc_types: tuple[DocType, ...], lines: list[tuple[int, str]]) -> Found:
    """The type a số ký hiệu names by its code (``184/BC-UBND``: báo cáo); a number with no type code is a
    công văn's (``455/UBND-NV``), flagged, since other types sometimes omit it too."""
    value = number.value or ""
    codes = [c.upper() for c in _codes(value)]
    by_id = {d.id: d for d in doc_types}
    by_code = {fold(d.code).upper(): d for d in doc_types if d.code}  # QĐ and QD, TTr and TTR alike
    for code in codes[:2]:
        key = fold(code).upper()
        hit = by_code.get(key) or (by_code.get(key[:-2]) if key.endswith("LT") else None)  # HDLT: liên tịch
        if hit is not None:
            return Found(value=hit, line=number.line, why=f"theo ký hiệu {code!r} trong số văn bản")
    if codes and "cong-van" in by_id:
        vv = any(fold(t).startswith(("v/v", "ve viec")) for _, t in lines[:25])
        return Found(value=by_id["cong-van"], line=number.line, review=not vv,
                     why="số ký hiệu không có ký hiệu loại văn bản (công văn được đánh số như vậy)"
                         + ("; có dòng 'V/v' nêu nội dung" if vv else ": cần kiểm tra"))
    return Found()


def type_agrees(number: Found, doc_type: Found, doc_types: tuple[DocType, ...], lines) -> tuple[Found, Found]:
    """Both flagged when the số ký hiệu's type code names another type than the heading does ("Số: 12/BC-UBND"
    over "KẾ HOẠCH"): one of the two lines was misread, or belongs to another document (a cited one)."""
    if not number.value or doc_type.value is None:
        return number, doc_type
    named = type_of_number(number, doc_types, lines).value
    if named is None or named.id == "cong-van" or named.id == doc_type.value.id:
        return number, doc_type
    why = f"ký hiệu trong số văn bản chỉ loại '{named.name}', tên loại văn bản là '{doc_type.value.name}': đối chiếu"
    return (Found(value=number.value, line=number.line, review=True, why=f"{number.why}; {why}"),
            Found(value=doc_type.value, line=doc_type.line, review=True, why=f"{doc_type.why}; {why}"))


def issuer_agrees(number: Found, issuer: Found, doc_types: tuple[DocType, ...]) -> Found:
    """The issuer flagged when the số ký hiệu's issuer code cannot be read out of its name: "180/KH-THCSTrC" under an
    issuer read as "UBND quận Hải An" (the parent body of the school that issued it). The code's letters must come
    in order in the name's letters ("UBND" in "Ủy ban nhân dân", "SGDĐT" in "Sở Giáo dục và Đào tạo")."""
    if not number.value or not issuer.value or issuer.review:
        return issuer
    types = {fold(d.code).upper() for d in doc_types if d.code}
    codes = _codes(number.value)
    if codes and fold(codes[0]).upper() in types:
        codes = codes[1:]
    if not codes or len(codes[0]) < 2 or re.search(r"\d", codes[0]):
        return issuer
    code, letters = fold(codes[0]).upper(), re.sub(r"[^A-Z]", "", fold(issuer.value).upper())
    rest = iter(letters)
    if all(c in rest for c in re.sub(r"[^A-Z]", "", code)):
        return issuer
    return Found(value=issuer.value, line=issuer.line, review=True,
                 why=f"{issuer.why}; ký hiệu cơ quan {codes[0]!r} trong số văn bản không khớp với tên cơ quan: đối chiếu")
