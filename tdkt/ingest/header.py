"""The header of an administrative document, read as a person reads it, whatever the page did to it.

Input: the normalised text's lines ``[(line number, text)]``. Output: ``Header``: where the header starts,
the lines of its left column (the issuing body, and the body above it), the number (số ký hiệu), the place
and date line, the type heading and the title (trích yếu), and whether the text has an official header at
all (a news article has none). Each value keeps the 1-based line it was read from.

What real pages do to a header, and what is done about it (tests/ingest/test_header.py holds an example of each):
- page furniture before it (visitor counters, menus, "Skip to main content", a legal database's metadata
  block): the header starts at the national title ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") and its left
  column is read upwards from there, stopping at the first line that is no header line;
- the two columns flattened onto one line ("UBND XÃ VẠN THẮNGCỘNG HÒA XÃ HỘI…", "HỘI ĐỒNG TĐ–KT Độc lập – Tự do
  – Hạnh phúc"): split at the national title and the motto;
- the number and the date on one line ("Số: 01 /BC-HĐTĐKT Vạn Thắng, ngày 08 tháng 01 năm 2021");
- missing spaces ("QUYẾTĐỊNH", "22tháng", "ngày22"): matched on fold keys with optional spaces;
- real spellings of the number: "Số 10-KH/LĐ", "SỐ : 63/ 2008 / HYH- HD/TĐKT", "Số: . . . ./BC- THMH" (a
  number left blank keeps its code: "/BC-THMH");
- dates that are not the issue date: a date inside "Căn cứ…", "Xét…", "Thực hiện…" or after "số … ngày"
  (a cited document) is never the header's date line.

Pure; never raises on any text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from tdkt.ingest.reading import RESPACED, unspace
from tdkt.text import decode
from tdkt.text.collate import fold

HEAD_LINES = 45  # a header starts within this many lines (web furniture before it included)

_NATIONAL = re.compile(r"c\s*o\s*n\s*g\s*h\s*o\s*a\s*x\s*a\s*h\s*o\s*i\s*c\s*h\s*u\s*n\s*g\s*h\s*i\s*a\s*"
                       r"v\s*i\s*e\s*t\s*n\s*a\s*m")
_MOTTO = re.compile(r"d\s*o\s*c\s*l\s*a\s*p\s*[-–—,.]*\s*t\s*u\s*d\s*o\s*[-–—,.]*\s*h\s*a\s*n\s*h\s*p\s*h\s*u\s*c")
# "Số:" as a header prints it (capital S: "số" in a sentence cites another document); OCR: "S6:", "s6"
_NUMBER_LABEL = re.compile(r"(?:^|(?<=\s)|(?<=\|))(?:S[ốốỐỐoO0-9éÉ]|SỐ)\s*(?:hiệu)?\s*[:.]?\s*")
_CODE = r"[0-9A-Za-zĐđÀ-ỹ&.]+"
_NUMBER = re.compile(rf"(?P<n>[0-9]+[a-z]?|[\^~?][0-9]*)?\s*(?P<blank>[.…·_\s]*)"
                     rf"(?P<code>(?:\s*[/\-–]\s*{_CODE})+)")
_TYPE_FIRST = re.compile(r"[.…_\s]*([A-ZĐ]{2,4}\s*[-–]\s*[A-ZĐ&]{1,10}\s*/\s*[A-ZĐ&]{1,10}(?:\s*[-–]\s*[A-ZĐ&]{1,10})?)"
                         r"(?![\w/])")
_DATE = re.compile(r"ngay\s*(?P<d>\d{1,2}|[.…_\s]*)\s*thang\s*(?P<m>\d{1,2}|[.…_\s]*)\s*nam\s*(?P<y>(?:19|20)\d\d)\b")
_NUMERIC_DATE_LINE = re.compile(r",\s*ngay\s*(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>(?:19|20)\d\d)\s*\W{0,3}$")
_ISO_DATE = re.compile(r"(?<![\d-])((?:19|20)\d\d)-(\d\d)-(\d\d)(?![\d-])")
_STAMP_BEFORE = re.compile(r"[\s(]*(?:date|dang ngay|ngay dang|cap nhat|thu (?:hai|ba|tu|nam|sau|bay)|chu nhat|"
                           r"\d{1,2}:\d\d(?::\d\d)?)?[\s,:|-]*(?:\d{1,2}:\d\d(?::\d\d)?[\s,|-]*)?")
NUMERIC_DATE = re.compile(r"(?<![\d/])(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*((?:19|20)\d\d)(?![\d/])")
_CITING = re.compile(r"\b(?:can cu|xet |thuc hien|theo |ban hanh kem theo|kem theo|so \S+ ngay|cua |tai |"
                     r"quyet dinh|ke hoach|cong van|thong tu|nghi dinh|chi thi)")
_SIGNATURE_TITLES = ("tm.", "kt.", "tl.", "tuq.", "q.", "chu tich", "giam doc", "hieu truong", "bo truong",
                     "thu truong", "thu tuong", "truong ban", "truong phong", "bi thu", "pho ", "nguoi bao cao",
                     "nguoi lap", "da ky", "(da ky)", "chanh van phong", "tong bi thu", "chu nhiem")
_BODY_START = re.compile(r"^(?:kinh gui|can cu|xet |thuc hien|theo |nham |i\.|1\.|phan |chuong |dieu |a\.|"
                         r"nam \d{4}, |ngay \d)")
_AUTHORITY = re.compile(r"^(?:chu tich|bo truong|thu tuong|giam doc|hieu truong|truong ban|ban chap hanh|"
                        r"uy ban nhan dan|hoi dong|ban thuong vu|chinh phu)\b")


@dataclass(frozen=True, slots=True)
class At:
    """A value read from the text: what, the 1-based line, and how."""

    value: object
    line: int
    why: str


_META = re.compile(r"^\s*(so hieu|so ky hieu|loai van ban|co quan ban hanh|noi ban hanh|ngay ban hanh|nguoi ky)\s*:\s*(.+?)\s*$")


def metadata(lines: list[tuple[int, str]]) -> dict[str, At]:
    """A legal database's block of metadata printed before the document ("Số hiệu: 16/HD-MT", "Cơ quan ban
    hành: …", "Ngày ban hành: 23/08/2016", "Người ký: …"): what the page says of the document, not the document."""
    found: dict[str, At] = {}
    keys = re.compile(r"(?:^|\s)(so hieu|so ky hieu|loai van ban|co quan ban hanh|noi ban hanh|ngay ban hanh|nguoi ky|"
                      r"ngay cap nhat|ngay hieu luc|linh vuc(?: van ban)?|tinh trang|tep dinh kem|trich yeu)\s*:")
    for line, text in lines[:HEAD_LINES]:
        key_text = fold(text)
        hits = list(keys.finditer(key_text))
        if not hits or hits[0].start() > 0:
            continue
        for n, m in enumerate(hits):
            end = hits[n + 1].start() if n + 1 < len(hits) else len(text)
            value = text[m.end():end].strip()
            key = {"so ky hieu": "so hieu", "noi ban hanh": "co quan ban hanh"}.get(m.group(1), m.group(1))
            if value:
                found.setdefault(key, At(value, line, f"phần thông tin trang đăng văn bản ghi kèm "
                                                      f"({text[m.start():end].strip()[:60]!r}), không phải phần đầu "
                                                      "của chính văn bản"))
    return found


@dataclass(frozen=True, slots=True)
class Header:
    official: bool                      # a national title, a "Số:" line or a type heading was found
    start: int                          # index (in the lines given) where the header starts
    column: tuple[At, ...]              # the left column's lines, top to bottom (issuing body last)
    number: At | None                   # "01/BC-HĐTĐKT" (spaces removed), "/BC-THMH" when left blank
    date: At | None                     # (year, month or None, day or None)
    place: At | None
    heading: At | None                  # the line naming the document's type, as printed
    heading_end: int                    # index after the heading (the title starts there)
    title: At | None
    news_date: At | None                # a news page's own date stamp ("Ngày 12/01/2023 16:25:34")
    subject: At | None = None           # a công văn's "V/v …" (về việc): its title


def split_columns(text: str) -> list[str]:
    """A header line as the segments its two columns were flattened into: left column, national title, motto."""
    key = fold(text)
    titles = (*_NATIONAL.finditer(key), *_MOTTO.finditer(key), *_PARTY.finditer(key))
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


def _furniture(text: str) -> bool:
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
    return not caps and not _NUMBER_LABEL.match(t)


def find_number(text: str) -> tuple[str, int, int] | None:
    """(number with spaces removed, start, end) after a "Số" label in ``text``."""
    for label in _NUMBER_LABEL.finditer(text):
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
    for label in _NUMBER_LABEL.finditer(text):  # "SỐ:   BC- TĐ/ HLV": left blank, the type code first
        m = _TYPE_FIRST.match(text, label.end())
        if m and label.group().strip().endswith(":"):
            return re.sub(r"\s+", "", m.group(1)).replace("–", "-"), label.start(), m.end()
    return None


def find_date(text: str, before_ok=lambda prefix: True) -> tuple[tuple[int, int | None, int | None], int, int] | None:
    """The place-and-date of a header in ``text``: ((year, month, day), start, end); blanks are None."""
    key = fold(text)
    for m in _DATE.finditer(key):
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


def _place_prefix(prefix: str) -> bool:
    """What may stand before a header's date on its line: nothing, a place name, a number."""
    p = prefix.strip(" ,|\t")
    if not p:
        return True
    if _CITING.search(p):
        return False
    p = re.sub(r"^.*?s[o0-9e]\s*(?:hieu)?\s*[:.]?\s*[^\s]*(?:\s*[/\-–]\s*\S+)*", "", p).strip(" ,")  # number first
    return len(p.split()) <= 6


_BODY_WORDS = re.compile(r"(?:^|\s)(?:uy ban nhan dan|ubnd|hoi dong|hdnd|hd thi dua|so |phong |truong |dang uy|dang bo|"
                         r"huyen uy|tinh uy|thanh uy|thi uy|quan uy|bo |chinh phu|thu tuong|hoi |chi hoi|lien doi|"
                         r"doan |huyen doan|tinh doan|thanh doan|cong doan|uy ban mat tran|ubmttq|mat tran|"
                         r"trung tam|van phong|cum thi dua|khoi thi dua|tong cuc|cuc |chi bo|ban thi dua|ban chi dao|"
                         r"bch |ban chap hanh|ban thuong vu)")
_PLACE_IN = re.compile(r"\b(?:xa|phuong|thi tran|thi xa|thanh pho|huyen|quan|tinh|tp)\s+\S")
# a body the column names under another without a place of its own ("SỞ Y TẾ NGHỆ AN" / "BỆNH VIỆN …", flattened
# onto one line by normalising): where a new body may start after a complete one that names no place kind
_SUB_BODY = re.compile(r"\s(?:truong (?:mam non|mau giao|tieu hoc|trung hoc|thcs|thpt|th |mn |mg |pt|cao dang|dai hoc)|"
                       r"benh vien|trung tam|cd |cong doan|to chuyen mon|to cong doan|chi bo|dang uy|chi cuc|"
                       r"phong (?:giao duc|gd|noi vu|van hoa|tai chinh|lao dong|y te|nong nghiep|kinh te|tu phap|"
                       r"tai nguyen|cong tac|canh sat|tham muu|to chuc|hanh chinh)|ban thi dua|hoi dong thi dua|"
                       r"lien doi|chi doan|khoa |cong ty|xi nghiep|hoi (?:ccb|cuu chien binh|nong dan|phu nu|lhpn|"
                       r"lien hiep phu nu|khuyen hoc|chu thap do|nguoi cao tuoi|cuu giao chuc|nan nhan|luat gia))")
_SUBJECT = re.compile(r"^(?:v\s*/\s*v|ve viec)\b")
# the title the Party, the Youth Union and the Pioneers print where others print the national title
_PARTY = re.compile(r"d\s*a\s*n\s*g\s*c\s*o\s*n\s*g\s*s\s*a\s*n\s*v\s*i\s*e\s*t\s*n\s*a\s*m|"
                    r"\b(?:doan tncs|doi tntp|doan thanh nien cong san|doi thieu nien tien phong) ho chi minh\b")


def capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= 0.7 * len(letters)


def _national_piece(text: str) -> bool:
    """A line that is the national title, the motto, the Party's title, or a piece of one broken over lines
    ("CỘNG" / "HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")."""
    key = re.sub(r"[^a-z ]", "", fold(text)).strip()
    if not key or len(text) > 160:  # a title or motto is a short line, never a paragraph that names the Party
        return False
    if is_national(text) or _PARTY.search(fold(text)):
        return True
    whole = ("cong hoa xa hoi chu nghia viet nam", "doc lap tu do hanh phuc")
    return any(w.startswith(key) or w.endswith(key) for w in whole) and len(key) >= 4


def _bodies(segment: str) -> list[str]:
    """A left-column segment holding several bodies flattened together ("UBND TỈNH SƠN LA SỞ GIÁO DỤC VÀ ĐÀO TẠO")
    cut where a new body starts after a complete one (a body with its place); repeated bodies once."""
    key = fold(segment)
    cuts = [0]
    for m in _BODY_WORDS.finditer(key):
        start = m.start() + (1 if key[m.start()] == " " else 0)
        if start > cuts[-1] and _PLACE_IN.search(key[cuts[-1]:start]):
            cuts.append(start)
    for m in _SUB_BODY.finditer(key):
        start, before = m.start() + 1, key[cuts[-1]:m.start() + 1]
        if start > cuts[-1] and (_complete(before) or _PLACE_IN.search(before)):
            cuts.append(start)
    cuts = sorted(set(cuts))
    parts = [segment[a:b].strip(" -–*|") for a, b in zip(cuts, cuts[1:] + [len(segment)])]
    out: list[str] = []
    for part in parts:
        if part and (not out or fold(out[-1]) != fold(part)):
            out.append(part)
    return out


def _number_apart(segments: list[str]) -> list[str]:
    """A left-column segment that also holds the number ("UBND XÃ HÒA BÌNH Số: 102/BC-UBND", a whole header
    flattened onto one line) as the body and the number."""
    out = []
    for seg in segments:
        m = _NUMBER_LABEL.search(seg)
        body = seg[:m.start()].strip(" |-–") if m and m.start() else ""
        if body and capitals(body) and len(body.split()) >= 2 and find_number(seg[m.start():]):
            out += [body, seg[m.start():]]
        else:
            out.append(seg)
    return out


def _title_case(text: str) -> bool:
    """Most words begin with a capital (a name written as a name, not a sentence)."""
    words = [w for w in text.split() if w[:1].isalpha()]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.5 * len(words)


def _broken_word(before: str, piece: str) -> bool:
    """``piece`` is the end of ``before``'s last word, which the column's width broke ("TỈNH KHÁNH H" / "ÒA")."""
    last = before.split()[-1] if before.split() else ""
    return (len(last) == 1 and last.isalpha() and len(piece.split()) == 1 and piece[:1].lower() in "aăâeêioôơuưy"
            + "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ" and decode.is_syllable(last + piece))


def _rejoined(segment: str) -> str:
    """A column line whose word its width broke, joined again by normalising with a space ("TỈNH KHÁNH H ÒA")."""
    words = segment.split(" ")
    out: list[str] = []
    for w in words:
        if out and len(out) >= 2 and _broken_word(out[-1], w) and out[-1].isupper():
            out[-1] += w
        else:
            out.append(w)
    return " ".join(out)


def _complete(part: str) -> bool:
    """Whether a folded piece of a left column is a whole body that another may follow: it opens with a body
    word, names something after it (three words at least) and does not end on a body word waiting for its name
    ("CÔNG ĐOÀN" before "TRƯỜNG …" is one body)."""
    words = part.split()
    if len(words) < 3 or not _BODY_WORDS.match(part):
        return False
    return not re.search(r"(?:^|\s)(?:doan|cong doan|hoi|chi bo|dang bo|dang uy|ban chap hanh|bch|ban thuong vu|"
                         r"lien doi|ban|va|,|-|–)\s*$", part)


def _column_lines(head: list[tuple[int, str]], anchor: int) -> tuple[list[At], int]:
    """The left column of the header around ``anchor`` (the national title's line), top to bottom, and the
    index where the header starts."""
    cells: list[tuple[int, int, str, str]] = []  # (index, line, kind, text)
    respaced: set[int] = set()  # lines typed letter by letter, whose words were put back together
    for i in range(max(0, anchor - 8), min(len(head), anchor + 8)):
        line, text = head[i]
        text = re.sub(r"<[^>]{0,200}>|^\s*\(\d+\)", "", text)  # HTML left by a document site, "(1)" page counters
        text = re.sub(r"^(?:Trang|Page)\s*\d+\s*(?=\S)", "", text)  # a page marker glued to the header
        spaced, text = text, unspace(text)
        if text != spaced:
            respaced.add(line)
        for seg in _number_apart(split_columns(text)) or [""]:
            if not seg.strip(" |-–_=*."):
                kind = "rule"
            elif _SUBJECT.match(fold(seg.strip())):
                kind = "subject"  # a công văn's "V/v …" under its number, in the left column
            elif _national_piece(seg):
                kind = "national"
            elif find_number(seg) or re.fullmatch(r"(?:S[ốỐoO]|SỐ)\s*(?:hiệu)?\s*[:.]?", seg.strip()):
                kind = "number"
            elif find_date(seg, _place_prefix) or fold(seg).startswith(("ngay ", "thang ")):
                kind = "date"
            elif _is_heading_line(seg.strip()) and i > anchor:
                kind = "heading"
            elif _is_heading_line(seg.strip()):
                kind = "other"  # a page's title above the header ("BÁO CÁO CÔNG TÁC … CỦA HỘI LVVN"): no body
            elif capitals(seg) and len(seg) <= 110 and not _furniture(seg):
                kind = "body"
            elif i > anchor and _BODY_WORDS.match(fold(seg.strip())) and _title_case(seg) and len(seg) <= 70:
                kind = "body"  # "Liên đội trường TH Quảng Thạch" under "HỘI ĐỒNG ĐỘI HUYỆN …", written as a name
            else:
                kind = "other"
            cells.append((i, line, kind, seg))
    column: list[tuple[int, int, str]] = []
    start = anchor
    # upwards from the anchor: body lines (rules, numbers, dates and national pieces skipped), until anything else
    before = [c for c in cells if c[0] < anchor]
    for i, line, kind, seg in reversed(before):
        if kind in ("rule", "national", "number", "date", "subject"):
            continue
        if kind != "body":
            break
        column.insert(0, (i, line, seg))
        start = i
    # the anchor's line and the next ones: left segments beside a national piece, until the number, date or heading
    by_line: dict[int, list[tuple[str, str]]] = {}
    for i, line, kind, seg in cells:
        if i >= anchor:
            by_line.setdefault(i, []).append((kind, seg))
    for i in sorted(by_line):
        kinds = [k for k, _ in by_line[i]]
        if any(k in ("number", "date", "heading") for k in kinds) and not any(k == "national" for k in kinds):
            break
        beside = any(k == "national" for k in kinds)
        for n, (kind, seg) in enumerate(by_line[i]):
            if kind == "body" and (beside or _BODY_WORDS.match(fold(seg))):
                column.append((i, head[i][0], seg))
            elif kind in ("number", "date", "heading"):
                break
    # flattened bodies apart; a one-word piece ("ỦY") joined to the next ("BAN NHÂN DÂN")
    pieces: list[tuple[int, str]] = []
    for _, line, seg in column:
        for body in _bodies(_rejoined(seg)):
            pieces.append((line, body))
    joined: list[tuple[int, str]] = []
    for line, body in pieces:
        body = body.strip(" .,;")
        if joined and _broken_word(joined[-1][1], body):
            joined[-1] = (joined[-1][0], joined[-1][1] + body)
        elif joined and (len(joined[-1][1].split()) == 1 and not re.search(r"\d", joined[-1][1])
                       or fold(joined[-1][1]) == "thu tuong" and fold(body) == "chinh phu"):
            joined[-1] = (joined[-1][0], f"{joined[-1][1]} {body}")
        elif not joined or fold(joined[-1][1]) != fold(body):
            joined.append((line, body))
    return [At(body, line, "cột trái phần đầu văn bản" + (f"; {RESPACED}" if line in respaced else ""))
            for line, body in joined], start


def read(lines: list[tuple[int, str]]) -> Header:
    head = lines[:HEAD_LINES]
    national = next((i for i, (_, t) in enumerate(head) if _national_piece(t)), None)
    number_at = next((i for i, (_, t) in enumerate(head) if find_number(t)), None)
    anchor = national if national is not None else number_at
    column: list[At] = []
    start = anchor if anchor is not None else 0
    if anchor is not None:
        column, start = _column_lines(head, anchor)
    # number: in the header, else anywhere in the first lines ("Số hiệu:" of a metadata block last)
    number = None
    for i in range(start, min(start + 16, len(head))) if anchor is not None else range(len(head)):
        text = head[i][1]
        if re.fullmatch(r"\s*(?:S[ốỐoO]|SỐ)\s*(?:hiệu)?\s*[:.]?\s*", text) and i + 1 < len(head):
            text = text.strip() + " " + head[i + 1][1]
        hit = find_number(text)
        if hit:
            number = At(hit[0], head[i][0], f"sau chữ 'Số:' trong {text[hit[1]:hit[2]].strip()!r}")
            rest = next((t.strip() for _, t in head[i + 1:i + 3] if _CODE_LINE.fullmatch(t.strip())), None)
            broken = re.fullmatch(r"\s*-\s*", text[hit[2]:]) or text[hit[1]:hit[2]].rstrip().endswith("-")
            if broken and rest:  # a ký hiệu the column's width broke: "Số: 255 / BC-BCĐPCGD-" … "XMC"
                number = At(hit[0].rstrip("-") + "-" + rest, head[i][0],
                            f"{number.why} và dòng {rest!r} nối tiếp ký hiệu; {JOINED}")
            break
    # the place and date line
    date = place = None
    for i in range(start, min(start + 16, len(head))):
        line, full = head[i]
        hit, text = None, full
        for seg in split_columns(full) or [full]:
            hit = find_date(seg, _place_prefix)
            if hit:
                text = seg
                break
        if hit:
            key_prefix = text[:hit[1]]
            num = find_number(key_prefix)
            date = At(hit[0], line, f"dòng ngày tháng {text[num[2] if num else 0:].strip()!r}")
            p = key_prefix[num[2]:] if num else key_prefix
            p = p.strip(" ,|\t")
            place = At(p, line, "địa danh trước ngày tháng") if p and len(p.split()) <= 6 else None
            break
    # the type heading and the title
    heading, heading_end, title = None, start, None
    scan_from = start
    for i in range(scan_from, min(scan_from + 24, len(head))):
        line, text = head[i]
        t = text.strip(" |\t")
        if t and _is_heading_line(t) and not is_national(t) and i not in (anchor,):
            if column and any(c.line == line and c.value == t for c in column):
                continue
            heading, heading_end = At(t, line, f"tên loại văn bản {t!r}"), i + 1
            break
    if heading is not None:
        parts = []
        for i in range(heading_end, min(heading_end + 4, len(lines))):
            line, text = lines[i]
            t = text.strip()
            key = fold(t)
            if not t or _BODY_START.match(key) or len(t) > 300 or (parts and _AUTHORITY.match(key) and t.isupper()):
                break
            if parts and not (t.isupper() or key.startswith(("ve viec", "v/v", "phuong huong", "nhiem vu")) or
                              _continues(parts[-1]) or _PERIOD_LINE.match(key)):
                break
            parts.append(t)
            if len(" ".join(parts)) > 250:
                break
        text = re.split(r"\s(?=(?:Căn cứ|CĂN CỨ|Xét đề nghị|XÉT ĐỀ NGHỊ|Thực hiện|Kính gửi)\b)", " ".join(parts))[0]
        if parts and text.strip():
            title = At(text.strip(), lines[heading_end][0], "các dòng sau tên loại văn bản")
    official = national is not None or number is not None
    news_date = None
    for i in range(min(15, len(head))):
        line, text = head[i]
        m = NUMERIC_DATE.search(text) or _ISO_DATE.search(text)
        short = len(text.strip()) <= 60 and not re.search(r"[a-zà-ỹ]{3,}\s+[a-zà-ỹ]{3,}\s+[a-zà-ỹ]{3,}", text)
        # a page's stamp that normalising joined to the lead after it: "18/10/2020 Trong chương trình …",
        # "10:05, 18/05/2012", "Thứ sáu - 14/05/2021 08:30", "Đăng ngày: 14/05/2018", "(29/07/2024)"
        if m and (short or _STAMP_BEFORE.fullmatch(fold(text[:m.start()]))):
            try:
                d, mo, y = (int(m.group(1)), int(m.group(2)), int(m.group(3))) if m.re is NUMERIC_DATE else (
                    int(m.group(3)), int(m.group(2)), int(m.group(1)))
                if 1 <= mo <= 12 and 1 <= d <= 31:
                    stamp = text.strip() if short else text[:m.end()].strip()
                    news_date = At((y, mo, d), line, f"ngày ghi trên trang đăng bài {stamp!r}")
                    break
            except ValueError:
                pass
    subject = None
    for i in range(start, min(start + 16, len(head))):
        m = re.search(r"(?:^|\s)(?:V/v|V/V|v/v|Về việc|VỀ VIỆC)\s*:?\s*(.+)", head[i][1])
        if m:
            text = re.split(r"\s(?=(?:CỘNG HÒA|CỘNG HOÀ|Độc lập|Kính gửi|Căn cứ)\b)", m.group(1))[0].strip()
            subject = At(text, head[i][0], "dòng trích yếu 'V/v …'") if text else None
            break
    return Header(subject=subject, official=official or heading is not None and number is not None, start=start,
                  column=tuple(column), number=number, date=date, place=place, heading=heading,
                  heading_end=heading_end, title=title, news_date=news_date)


JOINED = "máy ghép lại: cần đối chiếu"
_CODE_LINE = re.compile(r"[A-ZĐ][A-ZĐ0-9&.]{1,11}")  # what is left of a ký hiệu on a line of its own

# a title's last line that names only its period, centred under it ("Năm học 2020 - 2021", "giai đoạn 2016-2020")
_PERIOD_LINE = re.compile(r"(?:(?:hoc ky|quy) [ivx1-4]+\s*[,-]?\s*)?(?:nam hoc|nam|giai doan|nhiem ky|dot|"
                          r"\d+ thang (?:dau |cuoi )?nam)\s*"
                          r"[^a-z]{0,3}(?:19|20)\d\d(?:\s*[-–/]\s*(?:19|20)?\d\d)?\s*\)?\s*$")


def _continues(previous: str) -> bool:
    """A title line that the next line carries on (it ends on a word that needs more)."""
    return bool(re.search(r"(?:\b(?:và|của|về|cho|năm|tại|trong|các|phong trào)|[,;–-])\s*$", previous, re.I))


_TYPE_WORDS = ("bao cao", "ke hoach", "quyet dinh", "huong dan", "cong van", "thong bao", "to trinh", "chi thi",
               "nghi dinh", "nghi quyet", "thong tu", "luat", "quy che", "tieu chi", "ban tin", "ket luan",
               "chuong trinh", "quy dinh", "phuong an", "de an", "giay moi", "bien ban", "lenh", "thong tri")


def _is_heading_line(text: str) -> bool:
    key = re.sub(r"\s+", "", fold(text))
    letters = [c for c in text if c.isalpha()]
    caps = letters and sum(c.isupper() for c in letters) >= 0.8 * len(letters)
    return bool(caps and len(text) <= 160 and any(key.startswith(w.replace(" ", "")) for w in _TYPE_WORDS))


def heading_type(heading: str, names: dict[str, str]) -> str | None:
    """The id of the type a heading names (``names``: type name's fold key without spaces → id), longest first."""
    key = re.sub(r"\s+", "", fold(heading))
    for name in sorted(names, key=len, reverse=True):
        if key.startswith(name):
            return names[name]
    return None


def signature_context(lines: list[tuple[int, str]], i: int) -> bool:
    """True when line ``i`` stands under a signature's title (``TM. …``, ``CHỦ TỊCH``, ``(Đã ký)``): a name there
    is the signer; elsewhere a short line of capitalised words is a heading, not a person."""
    for j in range(i - 1, max(-1, i - 5), -1):
        key = fold(lines[j][1]).strip(" ()*")
        if len(key) <= 80 and (any(re.match(rf"{re.escape(t.strip('() '))}(?:\b|$)", key) for t in _SIGNATURE_TITLES)
                               or re.search(r"\bda ky\b", key)):
            return True
    return False
