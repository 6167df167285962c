"""What a web page's text says of the document it carries: a news article's headline without the page's own words,
and the type and issuer of an official document reposted without its header.

A portal often prints only a notice's body ("… Sở Nội vụ thông báo, nếu tổ chức, cá nhân có ý kiến …") or a
headline that begins with the document's type ("Hướng dẫn đề nghị … năm 2019", "Tờ trình V/v đề nghị tặng thưởng
…"). Such a page has no national title, no "Số:" line and no type heading, so it would be read as a news article;
what it says is an official document's. Both readings are flagged for review: a person checks the type and the
issuer against the page. Pure; ``tdkt.ingest.extract`` calls ``reposted`` and ``headline``.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from tdkt.ingest.reading import Found
from tdkt.model import PartialDate
from tdkt.text import decode
from tdkt.text.collate import fold

# types a reposted document's headline or body names (fold keys) → the vocabulary's type names (fold keys)
_HEADLINE_TYPES = ("huong dan", "thong bao", "ke hoach", "to trinh", "quyet dinh", "cong van", "chi thi",
                   "quy che", "quy dinh", "nghi quyet")
# "<issuer> thông báo": the bodies that announce (a Sở, a council, a committee, a department)
_ANNOUNCER = re.compile(
    r"(?:^|[,.;:]\s+|\s)((?:Sở|Hội đồng|Ban|UBND|Ủy ban|Uỷ ban|Phòng|Văn phòng|Cục|Bộ)\b[^,.;:()]{1,70}?)\s+thông báo"
    r"(?=\s*(?:,|:|nếu|như sau|về|lấy|đến|cho|trên))")


@dataclass(frozen=True, slots=True)
class Notice:
    type_name: str  # the fold key of the type ("thong bao", "huong dan", …)
    line: int  # index into the lines given
    why: str
    issuer: str | None  # as printed, when the body names who announces
    issuer_line: int
    issuer_why: str = ""
    # a document listed by its type, number and issuer ("Quyết định số 1960/QĐ-UBND của Chủ tịch UBND tỉnh tặng …")
    number: str | None = None
    date: tuple[int, int, int] | None = None  # (year, month, day) as the line states it
    title: str | None = None


# "<Type> số 1960/QĐ-UBND (ngày 5/9/2019) của <issuer> <what it does>": how portals and legal databases list a
# document; the text after the type
_LISTING = re.compile(
    r"\s+số\s*:?\s*(?P<number>\d+[^\s,;]*/[^\s,;]+)(?:\s+ngày\s+(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*"
    r"(?P<y>(?:19|20)\d\d))?\s+của\s+(?P<issuer>[^,;:]{3,80}?)\s+(?P<title>(?:về việc|về|v/v|tặng|truy tặng|"
    r"phong tặng|công nhận|phê duyệt|ban hành|quy định|khen thưởng|hướng dẫn|tổ chức|triển khai)\b.{5,})$",
    re.IGNORECASE)


def listed_number(notice: Notice, lines: list[tuple[int, str]]) -> Found | None:
    """The number of a listed document, flagged; None when the line gives none."""
    return Found(value=notice.number, line=lines[notice.line][0], review=True,
                 why="sau chữ 'số' trong dòng nêu văn bản, cần đối chiếu") if notice.number else None


def listed_date(notice: Notice, lines: list[tuple[int, str]]) -> Found:
    """The date of a listed document, flagged; nothing when it is no date (31/2)."""
    year, month, day = notice.date or (0, 0, 0)
    try:
        dt.date(year, month, day)
    except ValueError:
        return Found()
    return Found(value=PartialDate(year=year, month=month, day=day), line=lines[notice.line][0], review=True,
                 why="sau chữ 'ngày' trong dòng nêu văn bản, cần đối chiếu")


# where a listing's headline ends when normalising joined the page's next lines to it
_AFTER_HEADLINE = re.compile(r"\s+(?:Lượt xem|Lượt đọc|Ngày đăng|Ngày cập nhật|Cập nhật|Tác giả|Người đăng|Nguồn|"
                             r"Thực hiện|Căn cứ|Xem chi tiết|Tải về|Tải xuống)\b.*$|(?<=[.!?])\s+[A-ZĐÀ-Ỹ].*$")
# a page's words before a listing's headline on its line: a trail of sections ("Trang chủ | Tin tức | Văn bản")
_BEFORE_HEADLINE = re.compile(r"^(?:.{0,80}(?:\||>|»|›|:)\s*)?(?:(?:Văn bản|Tin tức|Thông báo|Tin tức - Sự kiện|"
                              r"Văn bản chỉ đạo điều hành|Chỉ đạo điều hành)\s+)?$")


def _listing(text: str, hit: str, i: int, start: int = 0) -> Notice | None:
    """A document listed by its type, number and issuer (``_LISTING``), whatever the line's length, from
    ``start`` (after the page's words before it)."""
    m = _LISTING.match(text, start + len(hit))
    if not m:
        return None
    date = (int(m["y"]), int(m["m"]), int(m["d"])) if m["y"] else None
    title = _AFTER_HEADLINE.sub("", m["title"].strip())
    return Notice(type_name=hit, line=i, issuer=m["issuer"].strip(), issuer_line=i, number=m["number"], date=date,
                  title=title[:1].upper() + title[1:],
                  why=f"dòng đầu trang nêu văn bản theo loại, số và cơ quan: {text.strip()[:80]!r}; trang đăng lại "
                      f"văn bản không kèm phần đầu, cần đối chiếu",
                  issuer_why=f"cơ quan sau 'của' trong dòng nêu văn bản: {m['issuer'].strip()!r}, cần đối chiếu")


def reposted(lines: list[tuple[int, str]], type_names: tuple[str, ...]) -> Notice | None:
    """The type (and issuer) of a document reposted without its header, from its headline (one of the first
    three lines) or from an "<issuer> thông báo" sentence of its first twelve lines; None when neither says."""
    known = set(type_names)
    for i, (_, text) in enumerate(lines[:3]):
        key = fold(text.strip())
        hit = next((t for t in _HEADLINE_TYPES if t in known and re.match(rf"{t}\b", key)), None)
        listed = _listing(text.strip(), hit, i) if hit else None
        if listed is None and not hit:  # the headline after the page's trail, on one line with it
            listed = next((_listing(text.strip(), t, i, m.start()) for t in _HEADLINE_TYPES if t in known
                           for m in re.finditer(rf"\b{t}\b", key[:200])
                           if _BEFORE_HEADLINE.match(text.strip()[:m.start()])), None)
        if listed is not None:
            return listed
        if hit and 15 <= len(text.strip()) <= 250:
            return Notice(type_name=hit, line=i, issuer=None, issuer_line=-1,
                          why=f"dòng tiêu đề của trang bắt đầu bằng tên loại văn bản: {text.strip()[:80]!r}; trang "
                              f"đăng lại văn bản không kèm phần đầu, cần đối chiếu")
    if "thong bao" not in known:
        return None
    for i, (_, text) in enumerate(lines[:12]):
        m = _ANNOUNCER.search(text)
        if m:
            return Notice(type_name="thong bao", line=i, issuer=m.group(1).strip(), issuer_line=i,
                          why=f"câu '{m.group(0).strip(' ,.;:')}' trong bài đăng: văn bản thông báo đăng lại không "
                              f"kèm phần đầu, cần đối chiếu")
    return None


_FURNITURE_WORD = re.compile(r"^(?:[a-z]+|\d{4}-\d{2}(?:-\d{2})?)$")


def headline(line: str) -> str:
    """A page's headline without the web page's words stuck in it ("null Phú Hựu tổng kết …", "date 2022-01
    UBND huyện …"): lower-case Latin words that are not Vietnamese syllables, and ISO dates."""
    if line.isascii():  # written without marks: its words cannot be told from a page's
        return " ".join(line.split())
    words = [w for w in line.split() if not (_FURNITURE_WORD.match(w) and not decode.is_syllable(w))]
    return " ".join(words)


_CRUMB = re.compile(r"\s+(?:/|>|»|›|\|)\s+")


def breadcrumb(line: str) -> bool:
    """A page's trail of sections ("Reports / Mô hình kinh tế", "Trang chủ » Tin tức » Thi đua"): short parts
    between separators with spaces around them; never a headline."""
    parts = _CRUMB.split(line.strip())
    return len(parts) >= 2 and all(0 < len(p) <= 40 for p in parts)


def vietnamese(text: str) -> bool:
    """Mostly Vietnamese syllables (not "Skip to main content", a menu, a counter)."""
    words = [w for w in re.findall(r"[^\W\d_]+", text)]
    return bool(words) and sum(decode.is_syllable(w) for w in words) >= 0.6 * len(words)
