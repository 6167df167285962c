"""Kỳ báo cáo: the period a document is about, read from its title (a news article's from its headline and
opening lines): a year, a half, nine months, a quarter, a school year, a semester, several years. Anniversaries,
dates and the years of cited documents or laws are never a period. Pure.
"""
from __future__ import annotations

import re

from tdkt.ingest.reading import Found
from tdkt.model import Period, Span
from tdkt.text.collate import fold
from tdkt.text.decode import find, tokens


def from_ocr_title(title: Found, r) -> Found:
    """Kỳ báo cáo from an OCR title (``r``: its reader, for OCR-tolerant keys): its first year and first span."""
    if not title.value:
        return Found()
    text = title.value
    years = re.findall(r"\b(?:19|20)\d\d\b", text)
    if not years:
        return Found(line=title.line, why="trích yếu không ghi năm", review=True)
    toks = tokens(text, r.damaged)
    spans = ((Span.FIRST_HALF, "6 tháng đầu năm"), (Span.SECOND_HALF, "6 tháng cuối năm"), (Span.QUARTER, "quý"),
             (Span.TERM, "giai đoạn"), (Span.TERM, "nhiệm kỳ"))
    found = sorted((find(toks, r.k(p)), span, p) for span, p in spans if find(toks, r.k(p)) >= 0)
    year = int(years[0])
    if found and found[0][1] is Span.QUARTER:
        q = re.search(r"qu\S*\s+(I{1,3}V?|IV|[1-4])\b", text, re.I)
        number = {"I": 1, "II": 2, "III": 3, "IV": 4}.get(q.group(1).upper(), None) if q else None
        number = number or (int(q.group(1)) if q and q.group(1).isdigit() else None)
        if number:
            return Found(value=Period(year=year, span=Span.QUARTER, number=number), line=title.line, why="trích yếu")
    elif found and found[0][1] is Span.TERM and len(years) >= 2:
        return Found(value=Period(year=year, span=Span.TERM, end_year=int(years[1])), line=title.line, why="trích yếu")
    elif found and found[0][1] in (Span.FIRST_HALF, Span.SECOND_HALF):
        return Found(value=Period(year=year, span=found[0][1]), line=title.line, why=f"trích yếu ghi {found[0][2]!r}")
    return Found(value=Period(year=year, span=Span.YEAR), line=title.line, why=f"trích yếu ghi năm {year}")


_PERIODS = [  # (pattern on the fold key, span), tried at each position; the earliest match wins
    (re.compile(r"hoc ky\s*(i{1,2}|[12])\b[^.;]{0,40}?nam hoc\s*((?:19|20)\d\d)\s*[-–—]\s*((?:19|20)?\d\d)"),
     Span.SEMESTER),
    (re.compile(r"nam hoc\s*((?:19|20)\d\d)\s*[-–—/]?\s*((?:19|20)?\d\d)\b"), Span.SCHOOL_YEAR),
    (re.compile(r"(?:6 thang dau nam|so ket 6 thang)[^.;]{0,80}?((?:19|20)\d\d)"), Span.FIRST_HALF),
    (re.compile(r"6 thang cuoi nam\s*((?:19|20)\d\d)"), Span.SECOND_HALF),
    (re.compile(r"9 thang(?: dau)? nam\s*((?:19|20)\d\d)"), Span.NINE_MONTHS),
    (re.compile(r"quy\s*(i{1,3}v?|iv|[1-4])\b(?:[^.;]{0,12}?nam\s*|\s*[/-]\s*)((?:19|20)\d\d)"), Span.QUARTER),
    (re.compile(r"(?:giai doan|nhiem ky|thoi ky|tu nam)?\s*((?:19|20)\d\d)\s*(?:[-–—]|den(?: nam)?)\s*((?:19|20)\d\d)"),
     Span.TERM),
    (re.compile(r"nam\s*((?:19|20)\d\d)\b"), Span.YEAR),
]
# brackets holding dates or a range of years ("(20/11/1982 - 20/11/2022)", "(1930 - 2020)"), not one year alone:
# "(tổng kết năm 2019)" names the period
_NOT_A_PERIOD = re.compile(r"\([^()]*(?:\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}|\d{4}\s*[-–—]\s*\d{4})[^()]*\)|\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}|"
                           r"ngay\s*\d{0,2}\s*thang\s*\d{0,2}\s*nam\s*\d{4}|\d+/\d{4}/\S+|"
                           r"(?:ky niem|thanh lap|ngay truyen thong)[^.;,()]{0,60}(?:\([^()]*\))?|luat [^.;,]{0,60}?nam \d{4}|"
                           r"\b(?:sinh|nam sinh)\s*(?:nam\s*)?\d{4}(?:\s*[/,-]\s*\d{2,4})*|"  # a person's birth year(s)
                           # a document cited by its number and year ("Quyết định 4306/QĐ-UBND năm 2021 về …"), a
                           # horizon ("giai đoạn đến năm 2030", "tầm nhìn đến năm 2045"): never the period's one year
                           r"(?<![a-z])(?:quyet dinh|nghi dinh|nghi quyet|thong tu|chi thi|ke hoach|cong van|luat|thong bao|"
                           r"huong dan)\s+(?:so\s*)?\d+\s*/\s*\S+\s+nam\s*\d{4}|"
                           r"\b(?:giai doan|tam nhin|dinh huong|muc tieu)\s+den nam\s*\d{4}")


_DATE = r"(?:\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*)?"
# "kỷ niệm 40 năm Ngày Nhà giáo Việt Nam (20/11/1982 - 20/11/2022)": an anniversary whose two years the text states
_ANNIVERSARY = re.compile(r"(k[iy] niem\s+(\d{1,3})\s+nam\b[^()]{0,90}?)[\s(]*" + _DATE + r"((?:19|20)\d\d)\s*[-–—]\s*"
                          + _DATE + r"((?:19|20)\d\d)\b")
# a congress or an election for a term: the occasion, in the term's first year ("Đại hội đại biểu Hội LHPN tỉnh lần
# thứ XIII, nhiệm kỳ 2016 - 2021" is held in 2016), not the five years of the term
_CONGRESS = re.compile(r"((?:dai hoi|bau cu)\b[^.;()]{0,140}?nhiem ky\s*((?:19|20)\d\d)\s*[-–—]\s*((?:19|20)\d\d))")
# "tổng kết 5 năm thực hiện Chỉ thị 05 (2016 - 2021)": a review of N years whose bracket states them
_REVIEW = re.compile(r"(?:tong ket|so ket)\s+(\d{1,2})\s+nam\b[^()]{0,120}?\(\s*((?:19|20)\d\d)\s*[-–—]\s*"
                     r"((?:19|20)\d\d)\s*\)")
_ROUND = re.compile(r"\bdot\s+\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*((?:19|20)\d\d)\b")  # "Đợt 19/5/2015"


def _event(text: str) -> tuple[Period, str] | None:
    """An occasion a title is about, where the text states its year: an anniversary with both its years, the
    second being the first plus the number of years ("kỷ niệm 39 năm … 20/11/1982- 20/11/2021" → 2021), or a
    round of awards by its date ("Đợt 19/5/2015")."""
    key = fold(text)
    same = len(key) == len(text)  # the words as printed, where folding kept the length
    m = _ANNIVERSARY.search(key)
    if m and int(m.group(4)) - int(m.group(3)) == int(m.group(2)):
        name = (text if same else key)[m.start(1):m.end(1)].strip(" ,;:–-“”\"")
        return Period(year=int(m.group(4)), span=Span.EVENT, name=name), (text if same else key)[m.start():m.end()]
    m = _ROUND.search(key)
    if m:
        words = (text if same else key)[m.start():m.end()]
        return Period(year=int(m.group(1)), span=Span.EVENT, name=words), words
    return None


def read_period(text: str) -> tuple[Period, str] | None:
    """The period a title (or headline) is about: a congress or an election for a term (an occasion, in the term's
    first year); a school year, a semester, a half, nine months, a quarter, several years or a year; failing those,
    an occasion whose year the text states (``_event``). An anniversary's
    years ("kỷ niệm 40 năm … (20/11/1982 – 20/11/2022)"), full dates and parenthesised dates are never a year or a
    term."""
    review = _REVIEW.search(fold(text))
    if review and int(review.group(3)) - int(review.group(2)) == int(review.group(1)):
        words = (text if len(fold(text)) == len(text) else fold(text))[review.start():review.end()]
        return Period(year=int(review.group(2)), span=Span.TERM, end_year=int(review.group(3))), words
    key = _NOT_A_PERIOD.sub(lambda m: " " * len(m.group()), fold(text))
    congress = _CONGRESS.search(key)
    if congress and int(congress.group(2)) < int(congress.group(3)) <= int(congress.group(2)) + 10:
        words = (text if len(fold(text)) == len(text) else key)[congress.start():congress.end()]
        return Period(year=int(congress.group(2)), span=Span.EVENT, name=words.strip()), words
    best = None
    for pattern, span in _PERIODS:
        m = pattern.search(key)
        if m and (best is None or m.start() < best[0].start()):
            best = (m, span)
    if best is None:
        return _event(text)
    m, span = best
    g = m.groups()
    # the words as the title prints them, for the reason (the fold key when folding changed the text's length)
    words = text[m.start():m.end()] if len(fold(text)) == len(text) else m.group()
    if span is Span.SEMESTER:
        start, end = int(g[1]), _full_year(g[1], g[2])
        return Period(year=start, span=span, number=1 if g[0] in ("i", "1") else 2, end_year=end), words
    if span is Span.SCHOOL_YEAR:
        return Period(year=int(g[0]), span=span, end_year=_full_year(g[0], g[1])), words
    if span is Span.QUARTER:
        number = {"i": 1, "ii": 2, "iii": 3, "iv": 4}.get(g[0]) or int(g[0])
        return Period(year=int(g[1]), span=span, number=number), words
    if span is Span.TERM:
        start, end = int(g[0]), int(g[1])
        return (Period(year=start, span=span, end_year=end), words) if start < end <= start + 10 else None
    return Period(year=int(g[0]), span=span), words


def _full_year(start: str, end: str) -> int:
    return int(end) if len(end) == 4 else int(start[:2] + end)


_AWARDING = re.compile(r"\b(?:tang|khen thuong|cong nhan|truy tang)\b")


def article_one(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The lines of a decision's Điều 1, up to Điều 2 (at most 12 lines)."""
    start = next((i for i, (_, t) in enumerate(lines) if re.match(r"\s*Điều\s*1\b", t)), None)
    if start is None:
        return []
    out = []
    for n, t in lines[start:start + 12]:
        if out and re.match(r"\s*Điều\s*2\b", t):
            break
        out.append((n, t))
    return out


def period_of(title: Found, lines: list[tuple[int, str]], news: bool, r, decision: bool = False) -> Found:
    """Kỳ báo cáo from the title; a news article's from its headline and first lines; a decision on awards whose
    title names none, from its Điều 1 (the year or school year its merit clause names: "… dẫn đầu phong trào thi
    đua năm học 2006-2007"), flagged."""
    texts = [(title.value, title.line, "trích yếu")] if title.value else []
    if news:
        texts += [(t, n, "các dòng đầu bài báo") for n, t in lines[:6]]
    if decision and title.value and _AWARDING.search(fold(title.value)):
        texts += [(t, n, "Điều 1 (năm của thành tích được khen)") for n, t in article_one(lines)]
    for text, line, where in texts:
        found = read_period(text)
        if found:
            period, words = found
            return Found(value=period, line=line, why=f"{where} ghi {words.strip()!r}",
                         review=news or r.ocr or where != "trích yếu")
    return Found(line=title.line, why="trích yếu không ghi kỳ báo cáo", review=bool(title.value) and not news)
