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

from tdkt.ingest.column import column_lines
from tdkt.ingest.header_lines import (At, find_date, find_number, is_heading_line, is_national, national_piece,
                                      place_prefix, split_columns)
from tdkt.text.collate import fold

HEAD_LINES = 45  # a header starts within this many lines (web furniture before it included)

_ISO_DATE = re.compile(r"(?<![\d-])((?:19|20)\d\d)-(\d\d)-(\d\d)(?![\d-])")
_STAMP_BEFORE = re.compile(r"[\s(]*(?:date|dang ngay|ngay dang|cap nhat|thu (?:hai|ba|tu|nam|sau|bay)|chu nhat|"
                           r"\d{1,2}:\d\d(?::\d\d)?)?[\s,:|-]*(?:\d{1,2}:\d\d(?::\d\d)?[\s,|-]*)?")
NUMERIC_DATE = re.compile(r"(?<![\d/])(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*((?:19|20)\d\d)(?![\d/])")
_SIGNATURE_TITLES = ("tm.", "kt.", "tl.", "tuq.", "q.", "chu tich", "giam doc", "hieu truong", "bo truong",
                     "thu truong", "thu tuong", "truong ban", "truong phong", "bi thu", "pho ", "nguoi bao cao",
                     "nguoi lap", "da ky", "(da ky)", "chanh van phong", "tong bi thu", "chu nhiem")
_BODY_START = re.compile(r"^(?:kinh gui|can cu|xet |thuc hien|theo |nham |i\.|1\.|phan |chuong |dieu |a\.|"
                         r"nam \d{4}, |ngay \d)")
_AUTHORITY = re.compile(r"^(?:chu tich|bo truong|thu tuong|giam doc|hieu truong|truong ban|ban chap hanh|"
                        r"uy ban nhan dan|hoi dong|ban thuong vu|chinh phu)\b")


_META = re.compile(r"^\s*(so hieu|so ky hieu|loai van ban|co quan ban hanh|noi ban hanh|ngay ban hanh|nguoi ky)\s*:\s*(.+?)\s*$")


def metadata(lines: list[tuple[int, str]]) -> dict[str, At]:
    """A legal database's block of metadata printed before the document ("Số hiệu: 16/HD-MT", "Cơ quan ban
    hành: …", "Ngày ban hành: 23/08/2016", "Người ký: …"): what the page says of the document, not the document."""
    found: dict[str, At] = {}
    bare_day = None
    keys = re.compile(r"(?:^|\s)(so hieu|so ky hieu|van ban so|loai van ban|co quan ban hanh|noi ban hanh|ngay ban hanh|"
                      r"nguoi ky|ngay cap nhat|ngay hieu luc|linh vuc(?: van ban)?|tinh trang|tep dinh kem|trich yeu|"
                      r"ngay)\s*:")
    for line, text in lines[:HEAD_LINES]:
        key_text = fold(text)
        hits = list(keys.finditer(key_text))
        if not hits or hits[0].start() > 0:
            continue
        for n, m in enumerate(hits):
            end = hits[n + 1].start() if n + 1 < len(hits) else len(text)
            value = text[m.end():end].strip()
            key = {"so ky hieu": "so hieu", "van ban so": "so hieu", "noi ban hanh": "co quan ban hanh",
                   "ngay": "ngay ban hanh"}.get(m.group(1), m.group(1))
            if value and m.group(1) == "ngay" and "ngay ban hanh" not in found:
                bare_day = line
            if value:
                found.setdefault(key, At(value, line, f"phần thông tin trang đăng văn bản ghi kèm "
                                                      f"({text[m.start():end].strip()[:60]!r}), không phải phần đầu "
                                                      "của chính văn bản"))
    # a bare "Ngày:" belongs to a block only when the block says more ("Văn bản số: …", "Người ký: …")
    return found if len(found) > 1 or bare_day is None else {}


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


def read(lines: list[tuple[int, str]]) -> Header:
    head = lines[:HEAD_LINES]
    national = next((i for i, (_, t) in enumerate(head) if national_piece(t)), None)
    number_at = next((i for i, (_, t) in enumerate(head) if find_number(t)), None)
    anchor = national if national is not None else number_at
    column: list[At] = []
    start = anchor if anchor is not None else 0
    if anchor is not None:
        column, start = column_lines(head, anchor)
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
            hit = find_date(seg, place_prefix)
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
        if t and is_heading_line(t) and not is_national(t) and i not in (anchor,):
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
