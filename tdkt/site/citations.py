"""The documents a report cites, recognised in its text: "Nghị định số 91/2017/NĐ-CP ngày 31/7/2017",
"Chỉ thị 19/CT-TTg", "Kế hoạch số 013/KH-UBND", "Chỉ thị số 05-CT/TW", "Luật Thi đua, khen thưởng 2022".

``find_citations(text, own_number)`` gives each citation with its span in ``text``: the kind of document
(as the text writes it, capitalised), its number and symbol written without the spaces OCR and typists put
in ("199/CT- UBND" → "199/CT-UBND"), the date when one follows ("ngày 31/7/2017", "ngày 10 tháng 5 năm
2014"), and a key that is the same for two spellings of one document (number: the symbol folded, "Số"/"số"
or none; law: its folded name and year). A number must carry a symbol with a capital letter (a "Kế hoạch
2021-2025" is a period, not a document) and the report's own number is never a citation. A law is
recognised by "Luật" with a capital and a name with a capital ("pháp luật", "luật về thi đua" are not
laws); its name ends where a year, a date, a number, another document or a clause begins. Pure.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from tdkt.text.collate import fold

# kinds of document, longest first (so "Thông tư liên tịch" wins over "Thông tư"); matched case-insensitively
# at a word start, shown with a capital
KINDS = ("Thông tư liên tịch", "Nghị quyết liên tịch", "Bộ luật", "Luật", "Pháp lệnh", "Nghị định", "Nghị quyết",
         "Quyết định", "Chỉ thị", "Thông tư", "Kế hoạch", "Công văn", "Hướng dẫn", "Thông báo", "Kết luận",
         "Quy định", "Quy chế", "Báo cáo", "Tờ trình", "Văn bản", "Công điện")

_W = r"[^\W\d_]"  # a letter
_KIND = "|".join(re.escape(k) for k in KINDS)
# a symbol's part after a separator: letters and digits ("TTg" has a small letter, so only the first counts)
_PART = r"[0-9A-ZĐ][0-9A-Za-zĐđ]*"
_NUMBER = rf"\d+[a-z]?(?:(?:/|-|\s*[/-]\s+)(?:{_PART}))+"
_DATE = (r"(?:,\s*|\s+)(?:ngày|ngay)\s*(?:(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})"
         r"|(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4}))")
_NUMBERED = re.compile(rf"(?<!{_W})(?i:({_KIND}))\s+(?:(?i:số|sồ|sô|sẽ)\s*[:.]?\s*)?({_NUMBER})(?:{_DATE})?")
# the words that end a law's name: a clause, a date, a number, another document
_NAME_STOPS = {"nam", "ngay", "so", "va", "cua", "ve", "duoc", "da", "dang", "hien", "sua", "theo", "voi", "cac",
               "trong", "tai", "co", "de", "moi", "nay", "do", "cung", "nham", "quy", "nhu", "la", "thi", "nhung",
               "hoac", "khi", "tu", "den", "thuoc", "cho", "ma", "bo"}
_LAW = re.compile(rf"(?<!{_W})(Luật|Bộ luật)\s+((?:[A-ZĐ]|[\u00c0-\u00dd\u1ea0-\u1ef8])"
                  rf"{_W}*(?:(?:\s*,\s*|\s+-\s+|\s+){_W}+){{0,9}})")
_YEAR_AFTER = re.compile(rf"\s*(?:năm\s+)?((?:19|20)\d\d)(?!\d)|{_DATE}")
_KIND_FOLDED = {tuple(fold(k).split()) for k in KINDS}


@dataclass(frozen=True)
class Citation:
    kind: str     # "Nghị định", "Luật", …
    number: str   # "91/2017/NĐ-CP"; "" for a law by its name
    name: str     # a law's name as first written ("Thi đua, khen thưởng"); "" for a numbered document
    year: str     # a law's year; "" when not written
    date: str     # "31/7/2017" when the text gives one, else ""
    start: int    # the span of the citation in the text
    end: int

    @property
    def key(self) -> str:
        """The same for every spelling of one document."""
        if self.number:
            return "so:" + number_key(self.number)
        return "luat:" + " ".join(fold(self.name).replace(",", " ").replace("-", " ").split()) + ":" + self.year

    @property
    def label(self) -> str:
        """As a list shows it: "Nghị định số 91/2017/NĐ-CP", "Luật Thi đua, khen thưởng 2022"."""
        if self.number:
            return f"{self.kind} số {self.number}"
        # with a date the year is the date's: "Luật Thi đua khen thưởng" (ngày 26/11/2003, shown beside it)
        return f"{self.kind} {self.name}" + (f" {self.year}" if self.year and not self.date else "")


def number_key(number: str) -> str:
    """A document number as a key: no spaces, folded ("184/BC-UBND" and "184/bc-ubnd " are one)."""
    return fold("".join(number.split()))


def _kind(written: str) -> str:
    for kind in KINDS:
        if kind.lower() == written.lower():
            return kind
    return written[:1].upper() + written[1:]


def _date(m: re.Match, first: int) -> str:
    d, mo, y = (m.group(first), m.group(first + 1), m.group(first + 2)) if m.group(first) else \
        (m.group(first + 3), m.group(first + 4), m.group(first + 5))
    return f"{int(d)}/{int(mo)}/{y}" if d else ""


def _law_name(words: str) -> str:
    """A law's name: ``words`` up to the first word that ends it, without a trailing comma or dash."""
    pieces = re.split(r"(\s*,\s*|\s+-\s+|\s+)", words)
    tokens = pieces[0::2]
    folded = [fold(t) for t in tokens]
    keep = len(tokens)
    for i in range(1, len(tokens)):
        if folded[i] in _NAME_STOPS or any(tuple(folded[i:i + len(k)]) == k for k in _KIND_FOLDED):
            keep = i
            break
    return "".join(pieces[:2 * keep - 1]).rstrip(" ,-")


def find_citations(text: str, own_number: str = "") -> list[Citation]:
    """Every document ``text`` cites, in the order they are written; never ``own_number`` (the report's own)."""
    own = number_key(own_number) if re.match(r"\d", own_number or "") else ""
    found: list[Citation] = []
    for m in _NUMBERED.finditer(text):
        number = "".join(m.group(2).split())
        if not re.search(r"[A-ZĐ]", number) or (own and number_key(number) == own):
            continue
        found.append(Citation(_kind(m.group(1)), number, "", "", _date(m, 3), m.start(), m.end()))
    for m in _LAW.finditer(text):
        if any(c.start <= m.start() < c.end for c in found):
            continue
        name = _law_name(m.group(2))
        end = m.start(2) + len(name)
        year, date = "", ""
        after = _YEAR_AFTER.match(text, end)
        if after:
            date = _date(after, 2)
            year = after.group(1) or date.rsplit("/", 1)[-1]
            end = after.end()
        found.append(Citation(_kind(m.group(1)), "", name, year, date, m.start(), end))
    return sorted(found, key=lambda c: c.start)


@dataclass(frozen=True)
class Cited:
    """One document a report cites, and the paragraphs that cite it (block numbers, in order)."""

    key: str
    label: str   # as the first citation spells it
    date: str    # the first date written beside it, or ""
    number: str  # "" for a law by its name
    blocks: tuple[int, ...]


def cited_documents(texts: list[tuple[int, str]], own_number: str = "") -> list[Cited]:
    """``texts``: (block number, text) of a report; the documents cited, in order of first citation."""
    seen: dict[str, list] = {}
    for number, text in texts:
        for c in find_citations(text, own_number):
            entry = seen.setdefault(c.key, [c.label, c.date, c.number, []])
            entry[1] = entry[1] or c.date
            if number not in entry[3]:
                entry[3].append(number)
    return [Cited(key, label, date, num, tuple(blocks)) for key, (label, date, num, blocks) in seen.items()]
