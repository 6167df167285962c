"""The level of a granting authority (cấp khen), read from the authority as the text writes it. Pure.

The precedent finder filters by level: Chủ tịch nước, Chính phủ, Thủ tướng; bộ, ngành; tỉnh; huyện; xã; Đảng;
đoàn thể, hội. The authority as written stays on the record (and is its own filter); the level is only a
grouping of it. Read on the folded text (``tdkt.text.collate.fold``): the Party and mass organisations first
("Tỉnh ủy Hải Dương" is the Party, "Hội LHPN tỉnh" a mass organisation, not the province), then the central
government, then sectors (a ministry, the police, the army, a department: "Giám đốc Công an tỉnh" is a sector),
then the territorial level the text names first ("UBND huyện A, tỉnh B" is the district). An authority none of
these words fit has no level ("Không ghi" in the tables), never a guessed one.

When a record names no authority, its form may: "Bằng khen của Thủ tướng Chính phủ", "Giấy khen của Chủ tịch
Ủy ban nhân dân cấp huyện" (only the part after "của", and only when one level fits: "Cờ thi đua cấp bộ, ngành,
tỉnh" names no granter and gets none).
"""
from __future__ import annotations

import re
from enum import Enum

from tdkt.text.collate import fold


class AuthorityLevel(Enum):
    CENTRAL = "trung-uong"
    SECTOR = "bo-nganh"
    PROVINCE = "tinh"
    DISTRICT = "huyen"
    COMMUNE = "xa"
    PARTY = "dang"
    MASS = "doan-the"

    @property
    def label(self) -> str:
        return {
            "trung-uong": "Chủ tịch nước, Chính phủ, Thủ tướng", "bo-nganh": "Bộ, ngành, sở",
            "tinh": "Cấp tỉnh", "huyen": "Cấp huyện", "xa": "Cấp xã", "dang": "Đảng",
            "doan-the": "Đoàn thể, hội",
        }[self.value]


def _words(*phrases: str) -> re.Pattern:
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(phrases) + r")(?![a-z0-9])")


# In this order: the first kind that matches decides (territorial levels: see _TERRITORIAL).
_KINDS = (
    (AuthorityLevel.PARTY, _words(r"dang uy", r"tinh uy", r"thanh uy", r"thi uy", r"huyen uy", r"quan uy",
                                  r"dang bo", r"chi bo", r"ban chap hanh trung uong", r"bch trung uong",
                                  r"dang cong san", r"trung uong dang")),
    (AuthorityLevel.MASS, _words(r"hoi", r"doan thanh nien", r"tinh doan", r"thanh doan", r"huyen doan",
                                 r"trung uong doan", r"doan tncs", r"mat tran", r"mttq", r"cong doan",
                                 r"lien doan lao dong", r"ldld", r"hoi lhpn", r"phu nu", r"cuu chien binh",
                                 r"nong dan", r"khuyen hoc", r"chu thap do")),
    (AuthorityLevel.CENTRAL, _words(r"thu tuong", r"chinh phu", r"chu tich nuoc", r"nha nuoc")),
    (AuthorityLevel.SECTOR, _words(r"(?<!can )bo(?! phan)", r"bo truong", r"nganh", r"cong an", r"quan doi", r"quan khu",
                                   r"bo chi huy", r"bo doi bien phong", r"(?<!co )so", r"giam doc so",
                                   r"ngan hang nha nuoc", r"toa an", r"vien kiem sat", r"kiem toan")),
)
_TERRITORIAL = (
    (AuthorityLevel.DISTRICT, _words(r"thi xa", r"huyen", r"(?:ubnd|uy ban nhan dan|chu tich) quan",
                                     r"thanh pho thuoc tinh")),
    (AuthorityLevel.COMMUNE, _words(r"xa", r"phuong", r"thi tran", r"dac khu")),
    (AuthorityLevel.PROVINCE, _words(r"tinh", r"thanh pho ha noi", r"thanh pho ho chi minh", r"tp hcm",
                                     r"thanh pho hai phong", r"thanh pho da nang", r"thanh pho can tho",
                                     r"thanh pho hue")),
)


def _matches(folded: str) -> list[AuthorityLevel]:
    for level, pattern in _KINDS:
        if pattern.search(folded):
            return [level]
    found = []
    for level, pattern in _TERRITORIAL:
        m = pattern.search(folded)
        if m:
            found.append((m.start(), level))
    return [level for _, level in sorted(found, key=lambda f: f[0])]


def authority_level(authority: str) -> AuthorityLevel | None:
    """The level of an authority as written; None when no word of it says."""
    found = _matches(fold(authority).replace(".", " "))
    return found[0] if found else None


def form_level(form_name: str) -> AuthorityLevel | None:
    """The level a form's name gives its granting authority ("Bằng khen của Thủ tướng Chính phủ"), if one only."""
    folded = fold(form_name)
    if " cua " not in folded:
        return None
    granter = folded.split(" cua ", 1)[1]
    found = _matches(granter)
    return found[0] if len(found) == 1 else None


def record_level(authority: str, form_name: str) -> AuthorityLevel | None:
    """A record's authority level: from the authority as written, else from its form's name."""
    return authority_level(authority) if authority.strip() else form_level(form_name)
