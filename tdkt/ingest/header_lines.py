"""What one line of a header is: the national title and motto (or the Party's, the Youth Union's, the Pioneers'
title printed in their place), a number after "Số", a place-and-date line, a type heading, page furniture. The
pieces ``tdkt.ingest.column`` and ``tdkt.ingest.header`` read a header with. Pure; never raises on any text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from tdkt.text.collate import fold

# the Socialist Republic's title, and the Democratic Republic's (1945–1976: "VIỆT NAM DÂN CHỦ CỘNG HÒA")
_NATIONAL = re.compile(r"c\s*o\s*n\s*g\s*h\s*o\s*a\s*x\s*a\s*h\s*o\s*i\s*c\s*h\s*u\s*n\s*g\s*h\s*i\s*a\s*"
                       r"v\s*i\s*e\s*t\s*n\s*a\s*m|"
                       r"v\s*i\s*e\s*t\s*n\s*a\s*m\s*d\s*a\s*n\s*c\s*h\s*u\s*c\s*o\s*n\s*g\s*h\s*o\s*a")


_MOTTO = re.compile(r"d\s*o\s*c\s*l\s*a\s*p\s*[-–—,.]*\s*t\s*u\s*d\s*o\s*[-–—,.]*\s*h\s*a\s*n\s*h\s*p\s*h\s*u\s*c")


# "Số:" as a header prints it (capital S: "số" in a sentence cites another document); OCR: "S6:", "s6"
NUMBER_LABEL = re.compile(r"(?:^|(?<=\s)|(?<=\|))(?:S[ốốỐỐoO0-9éÉ]|SỐ)\s*(?:hiệu)?\s*[:.]?\s*")


_CODE = r"[0-9A-Za-zĐđÀ-ỹ&.]+"


_NUMBER = re.compile(rf"(?P<n>[0-9]+[a-z]?|[\^~?][0-9]*)?\s*(?P<blank>[.…·_\s]*)"
                     rf"(?P<code>(?:\s*[/\-–]\s*{_CODE})+)")


_TYPE_FIRST = re.compile(r"[.…_\s]*([A-ZĐ]{2,4}\s*[-–]\s*[A-ZĐ&]{1,10}\s*/\s*[A-ZĐ&]{1,10}(?:\s*[-–]\s*[A-ZĐ&]{1,10})?)"
                         r"(?![\w/])")


DATE_WORDS = re.compile(r"ngay\s*(?P<d>\d{1,2}|[.…_\s]*)\s*thang\s*(?P<m>\d{1,2}|[.…_\s]*)\s*nam\s*(?P<y>(?:19|20)\d\d)\b")


_NUMERIC_DATE_LINE = re.compile(r",\s*ngay\s*(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>(?:19|20)\d\d)\s*\W{0,3}$")


_CITING = re.compile(r"\b(?:can cu|xet |thuc hien|theo |ban hanh kem theo|kem theo|so \S+ ngay|cua |tai |"
                     r"quyet dinh|ke hoach|cong van|thong tu|nghi dinh|chi thi)")


@dataclass(frozen=True, slots=True)
class At:
    """A value read from the text: what, the 1-based line, and how."""

    value: object
    line: int
    why: str


def split_columns(text: str) -> list[str]:
    """A header line as the segments its two columns were flattened into: left column, national title, motto."""
    key = fold(text)
    titles = (*_NATIONAL.finditer(key), *_MOTTO.finditer(key), *PARTY.finditer(key))
    cuts = sorted({m.start() for m in titles} | {m.end() for m in titles})
    parts, last = [], 0
    for cut in cuts:
        if cut > last:
            parts.append(text[last:cut])
        last = cut
    parts.append(text[last:])
    return [p.strip(" |\t\u00a0") for p in parts if p.strip(" |\t\u00a0-–_=*")]


def is_national(text: str) -> bool:
    key = fold(text)
    return bool(_NATIONAL.search(key) or _MOTTO.search(key))


def furniture(text: str) -> bool:
    """A line no header holds: long prose, a time stamp, a counter, a menu item, metadata "Key: value"."""
    t = text.strip(" |\t\u00a0")
    key = fold(t)
    if not t or len(t) > 90 or re.fullmatch(r"[\d\s:./,-]+", t):
        return True
    if re.search(r"\d{1,2}:\d\d", t) or re.match(r"(?:thang|ngay) \S+ \d{1,2}, \d{4}", key):
        return True
    if re.match(r"(?:so hieu|loai van ban|noi ban hanh|nguoi ky|ngay ban hanh|ngay hieu luc|tinh trang|"
                r"linh vuc|you are|ban dang xem|tai ban|skip|trang chu|tin tuc|chia se|luot xem|truy cap)", key):
        return True
    letters = [c for c in t if c.isalpha()]
    caps = letters and sum(c.isupper() for c in letters) >= 0.7 * len(letters)
    return not caps and not NUMBER_LABEL.match(t)


def find_number(text: str) -> tuple[str, int, int] | None:
    """(number with spaces removed, start, end) after a "Số" label in ``text``."""
    for label in NUMBER_LABEL.finditer(text):
        m = _NUMBER.match(text, label.end())
        if not m or not (m.group("n") or m.group("blank") is not None):
            continue
        code = re.sub(r"\s+", "", m.group("code")).rstrip(".")
        if not re.search(r"[A-Za-zĐđ]", code):
            continue
        number = (m.group("n") or "") + code
        if number.startswith(("-", "–")) and not m.group("n"):
            number = number  # "-BC/HU": the number left blank before a dash
        return number.replace("–", "-"), label.start(), m.end()
    for label in NUMBER_LABEL.finditer(text):  # "SỐ:   BC- TĐ/ HLV": left blank, the type code first
        m = _TYPE_FIRST.match(text, label.end())
        if m and label.group().strip().endswith(":"):
            return re.sub(r"\s+", "", m.group(1)).replace("–", "-"), label.start(), m.end()
    return None


def find_date(text: str, before_ok=lambda prefix: True) -> tuple[tuple[int, int | None, int | None], int, int] | None:
    """The place-and-date of a header in ``text``: ((year, month, day), start, end); blanks are None."""
    key = fold(text)
    for m in DATE_WORDS.finditer(key):
        if not before_ok(key[:m.start()]):
            continue
        day = int(m.group("d")) if m.group("d").strip(" .…_") else None
        month = int(m.group("m")) if m.group("m").strip(" .…_") else None
        return (int(m.group("y")), month, day if month else None), m.start(), m.end()
    m = _NUMERIC_DATE_LINE.search(key)  # "Hà Nội, ngày 30/6/2021": a place and the date in figures, the whole line
    if m and before_ok(key[:m.start()]) and key[:m.start()].strip(" ,|\t") and 1 <= int(m["m"]) <= 12 \
            and 1 <= int(m["d"]) <= 31:
        return (int(m["y"]), int(m["m"]), int(m["d"])), m.start(), m.end()
    return None


def place_prefix(prefix: str) -> bool:
    """What may stand before a header's date on its line: nothing, a place name, a number."""
    p = prefix.strip(" ,|\t")
    if not p:
        return True
    if _CITING.search(p):
        return False
    p = re.sub(r"^.*?s[o0-9e]\s*(?:hieu)?\s*[:.]?\s*[^\s]*(?:\s*[/\-–]\s*\S+)*", "", p).strip(" ,")  # number first
    return len(p.split()) <= 6


# the title the Party, the Youth Union and the Pioneers print where others print the national title
PARTY = re.compile(r"d\s*a\s*n\s*g\s*c\s*o\s*n\s*g\s*s\s*a\s*n\s*v\s*i\s*e\s*t\s*n\s*a\s*m|"
                    r"\b(?:doan tncs|doi tntp|doan thanh nien cong san|doi thieu nien tien phong) ho chi minh\b")


def capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= 0.7 * len(letters)


def national_piece(text: str) -> bool:
    """A line that is the national title, the motto, the Party's title, or a piece of one broken over lines
    ("CỘNG" / "HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")."""
    key = re.sub(r"[^a-z ]", "", fold(text)).strip()
    if not key or len(text) > 160:  # a title or motto is a short line, never a paragraph that names the Party
        return False
    if is_national(text) or PARTY.search(fold(text)):
        return True
    whole = ("cong hoa xa hoi chu nghia viet nam", "doc lap tu do hanh phuc", "viet nam dan chu cong hoa")
    return any(w.startswith(key) or w.endswith(key) for w in whole) and len(key) >= 4


TYPE_WORDS = ("bao cao", "ke hoach", "quyet dinh", "huong dan", "cong van", "thong bao", "to trinh", "chi thi",
               "nghi dinh", "nghi quyet", "thong tu", "luat", "quy che", "tieu chi", "ban tin", "ket luan",
               "chuong trinh", "quy dinh", "phuong an", "de an", "giay moi", "bien ban", "lenh", "thong tri")


def is_heading_line(text: str) -> bool:
    key = re.sub(r"\s+", "", fold(text))
    letters = [c for c in text if c.isalpha()]
    caps = letters and sum(c.isupper() for c in letters) >= 0.8 * len(letters)
    return bool(caps and len(text) <= 160 and any(key.startswith(w.replace(" ", "")) for w in TYPE_WORDS))
