"""Who issues documents: the kinds of issuing body (cơ quan, tổ chức ban hành) a report's ``issuer_kind`` names.

Not every issuer is a territorial unit's People's Committee: the Government and the Prime Minister, ministries,
Sở and Phòng, schools, associations, Party committees, the Youth Union and the Pioneers, emulation clusters, and
the newspapers and portals that publish news articles. Each kind has a Vietnamese label for the site and says
``kind_of`` classifies an issuer's name as
written, by its leading words; a name it does not recognise gets "" (never a guess). Pure.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from tdkt.text.collate import fold


@dataclass(frozen=True, slots=True)
class IssuerKind:
    id: str
    label: str  # Vietnamese, as the site shows it
    pattern: str  # a regular expression over the folded name (lower case, no marks, đ→d)


# Order matters: the first kind whose pattern matches the start of the folded name wins.
KINDS: tuple[IssuerKind, ...] = (
    IssuerKind("quoc-hoi", "Quốc hội", r"(?:quoc hoi|uy ban thuong vu quoc hoi)\b"),
    IssuerKind("chu-tich-nuoc", "Chủ tịch nước", r"chu tich nuoc\b"),
    IssuerKind("thu-tuong", "Thủ tướng Chính phủ", r"(?:thu tuong|chu tich hoi dong bo truong|pho thu tuong)\b"),
    IssuerKind("chinh-phu", "Chính phủ", r"(?:chinh phu|hoi dong bo truong|van phong chinh phu)\b"),
    IssuerKind("hoi-dong-tdkt", "Hội đồng Thi đua – Khen thưởng",
               r"(?:hoi dong thi dua|hoi dong td|hd\s*td\s*[-–]?\s*kt|hdtdkt)"),
    IssuerKind("ban", "Ban Thi đua – Khen thưởng", r"(?:tieu )?ban (?:thi dua|td\s*[-–]?\s*kt)"),
    IssuerKind("cum-thi-dua", "Cụm, khối thi đua", r"(?:cum|khoi) thi dua\b"),
    IssuerKind("bo", "Bộ, ngành trung ương", r"(?:bo|bo truong bo) (?!chi huy)"),
    IssuerKind("ubnd", "Ủy ban nhân dân", r"(?:chu tich |pho chu tich )?(?:uy ban nhan dan|ubnd)\b"),
    IssuerKind("hdnd", "Hội đồng nhân dân", r"(?:hoi dong nhan dan|hdnd)\b"),
    IssuerKind("so", "Sở, ban, ngành cấp tỉnh", r"(?:so|giam doc so) "),
    IssuerKind("phong", "Phòng, ban cấp huyện", r"phong "),
    IssuerKind("doi", "Đội Thiếu niên Tiền phong", r"(?:hoi dong doi|lien doi|chi doi)\b"),
    IssuerKind("truong", "Trường học", r"(?:truong|hieu truong truong) "),
    IssuerKind("dang", "Tổ chức Đảng",
               r"(?:dang uy|dang bo|huyen uy|tinh uy|thanh uy|quan uy|thi uy|chi bo|ban chap hanh dang)\b"),
    IssuerKind("mat-tran", "Mặt trận Tổ quốc", r"(?:uy ban )?(?:mat tran|mttq)\b"),
    IssuerKind("doan", "Đoàn Thanh niên",
               r"(?:doan thanh nien|tinh doan|thanh doan|huyen doan|quan doan|doan xa|doan phuong|doan truong|"
               r"(?:ban chap hanh|bch) doan|chi doan)\b"),
    IssuerKind("cong-doan", "Công đoàn", r"(?:cong doan|cdcs|tong lien doan|lien doan lao dong)\b"),
    IssuerKind("hoi", "Hội, đoàn thể", r"(?:chi hoi|hoi|ban chi dao|ban van dong) "),
    IssuerKind("bao", "Báo, cổng thông tin",
               r"(?:bao|tap chi|cong thong tin|trang thong tin|dai phat thanh|truyen hinh)\b"),
)
BY_ID = {k.id: k for k in KINDS}
_COMPILED = tuple((k, re.compile(k.pattern)) for k in KINDS)


def kind_of(name: str) -> str:
    """The kind of issuing body a name as written is (``Sở Nội vụ tỉnh Sơn La`` → ``so``); "" if unknown."""
    key = re.sub(r"\s+", " ", fold(name).replace("&", " va ")).strip(" .,-–")
    for kind, pattern in _COMPILED:
        if pattern.match(key):
            return kind.id
    return ""


def label(kind: str) -> str:
    """The kind's Vietnamese label ("" for an unknown or empty kind)."""
    k = BY_ID.get(kind)
    return k.label if k else ""
