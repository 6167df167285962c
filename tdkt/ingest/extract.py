"""Normalised report text → metadata, each field with the line it was read from and why.

Input: the normalised text (text.txt format: one block per line), the vocabularies and the
gazetteer; optionally the machine-restored text (same lines) and the digital-signature stamps
that normalisation set aside. Output: ``Extracted``, whose every field is a ``Found`` (a value
or None, the 1-based line of the text it comes from, and ``why``: how it was read, or why a
person should check it) and whose ``review`` lists the fields to check.

What the document does not state is None, never guessed: a blank number or day stays blank;
an issuing unit that two units of the gazetteer could be is None with a review flag. OCR text
(few Vietnamese marks) is matched on ``decode.skeleton`` keys and its readings are kept as
printed, flagged for review, except where a fixed phrase or the gazetteer gives the spelling
(``UY BAN NHAN DAN`` → Ủy ban nhân dân; ``phuong Long Xuyén`` → phường Long Xuyên).

How it fails: never raises on any text.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from tdkt.catalog.gazetteer import Gazetteer
from tdkt.catalog.fields import FIRST_YEAR, LAST_YEAR
from tdkt.catalog.issuers import kind_of
from tdkt.ingest import header, webpage
from tdkt.ingest.address import Named, unit_by_address, units_named
from tdkt.ingest.webpage import headline
from tdkt.ingest.awards import Award, find_awards
from tdkt.ingest.authority import authority_issuer, corroborated, news_place
from tdkt.ingest.issuer import CENTRAL, CENTRAL_WHY, UNKNOWN_KIND, Units, at_line, column_issuer, unit_of
from tdkt.ingest.numbers import issuer_agrees, type_agrees, type_of_number
from tdkt.ingest.period import from_ocr_title, period_of
from tdkt.ingest.publisher import publisher
from tdkt.ingest.signer import read_signer
from tdkt.ingest.reading import OCR_WHY, RESTORED_WHY, Found
from tdkt.model import AwardType, DocType, Movement, PartialDate, ReviewFlag, Signature, TextQuality
from tdkt.text import decode
from tdkt.text.collate import fold
from tdkt.text.decode import at, find, keys, tokens

@dataclass(frozen=True, slots=True, kw_only=True)
class Vocab:
    movements: tuple[Movement, ...]
    doc_types: tuple[DocType, ...]
    award_types: tuple[AwardType, ...] = ()  # for ingest's proposed awards.yml (tdkt.ingest.award_proposals)


@dataclass(frozen=True, slots=True, kw_only=True)
class Extracted:
    title: Found
    doc_type: Found  # DocType
    doc_number: Found
    issuer: Found
    issuer_parent: Found  # the body the header names above the issuer (UBND tỉnh … over a Sở), as written
    unit: Found  # Unit
    issued: Found  # PartialDate
    place: Found
    period: Found  # Period
    recipient: Found
    signer: Found
    signer_title: Found
    theme: Found
    movements: tuple[Found, ...]  # Movement each
    awards: tuple[Award, ...]
    signatures: tuple[Signature, ...]
    text_quality: TextQuality
    review: tuple[ReviewFlag, ...]


ALWAYS_CHECKED = {
    "issued": "ngày do máy đọc: đối chiếu với dòng ngày tháng của văn bản",
    "period": "kỳ báo cáo do máy đọc: đối chiếu với trích yếu và nội dung văn bản",
}
REQUIRED = ("title", "doc_type", "issuer", "unit", "period")  # report.yml cannot do without them
NOT_FOUND = "không tìm thấy trong văn bản: cần điền bằng tay"
NOT_A_DATE = "không phải ngày có thật"
DAY_BLANK = "văn bản để trống ngày"


_BASIS_LINE = re.compile(r"(?:Căn cứ|CĂN CỨ|Xét|XÉT|Theo|Thực hiện|THỰC HIỆN|Trên cơ sở|Kính gửi|KÍNH GỬI)\b")


def _day(time: str) -> str:
    """A digital signature's time (``2024-01-26T10:12:00+07:00``) as a date reads: 26/01/2024."""
    m = re.match(r"(\d{4})-(\d\d)-(\d\d)", time)
    return f"{m.group(3)}/{m.group(2)}/{m.group(1)}" if m else time[:10]


def is_damaged(text: str) -> bool:
    """English-model OCR: plenty of words, few with Vietnamese marks (clean text ~85%, OCR ~10%)."""
    share = decode.vietnamese_share(text)
    return share.words >= 10 and share.marked < 0.35


def extract(text: str, vocab: Vocab, gazetteer: Gazetteer, *, restored: str | None = None,
            signatures: tuple[Signature, ...] = (), legacy: bool = False, source: str = "") -> Extracted:
    """The fields a text gives; ``source``, the web address the text was taken from where a person gave it, helps
    decide the unit (``tdkt.ingest.address``)."""
    damaged = is_damaged(text)
    work = restored if restored and restored.count("\n") == text.count("\n") else text
    lines = [(n, line) for n, line in enumerate(work.split("\n"), start=1) if line.strip()]
    r = _Reader(lines, damaged, bool(work is restored))
    # English-model OCR (marks destroyed) keeps the reading tuned on it; the header reader is for text as printed
    h = header.read(lines) if not damaged else header.Header(
        official=True, start=0, column=(), number=None, date=None, place=None, heading=None, heading_end=0,
        title=None, news_date=None)
    heading, title, doc_type = r.heading_and_title(vocab)
    names = {re.sub(r"\s+", "", fold(d.name)): d for d in vocab.doc_types}
    if h.heading is not None:
        d = header.heading_type(h.heading.value, {k: v.id for k, v in names.items()})
        hit = next((t for t in vocab.doc_types if t.id == d), None)
        if hit is not None:
            doc_type = r.found(hit, at_line(lines, h.heading.line), h.heading.why)
            title = r.found(h.title.value, at_line(lines, h.title.line), h.title.why) if h.title else title
    number, number_end = r.number()
    if h.number is not None:
        number = r.found(h.number.value, at_line(lines, h.number.line), h.number.why, header.JOINED in h.number.why)
        number_end = 0
    if doc_type.value is None and number.value:
        doc_type = type_of_number(number, vocab.doc_types, lines)
    if number.value and not number.review and ("-" not in number.value.split("/", 1)[-1] or "/-" in number.value):
        number = Found(value=number.value, line=number.line, review=True,
                       why=f"{number.why}; ký hiệu không có mã loại văn bản sau dấu gạch: đối chiếu với văn bản")
    if doc_type.value is not None and not doc_type.review and not number.value and h.date is None:
        doc_type = Found(value=doc_type.value, line=doc_type.line, review=True,
                         why=f"{doc_type.why}; không kèm số ký hiệu và ngày tháng: có thể là tin đăng lại, cần kiểm tra")
    if doc_type.value is None:
        doc_type = r.closing_type(vocab)
    number, doc_type = type_agrees(number, doc_type, vocab.doc_types, lines)
    notice = webpage.reposted(lines, tuple(fold(d.name) for d in vocab.doc_types if not d.news)) \
        if doc_type.value is None and not damaged and not h.official else None
    if notice is not None:  # an official document a web page reposts without its header: not a news article
        doc_type = Found(value=next(d for d in vocab.doc_types if fold(d.name) == notice.type_name and not d.news),
                         line=lines[notice.line][0], why=notice.why, review=True)
        if notice.title and (title.value is None or title.line == lines[notice.line][0]):  # not the whole line
            title = Found(value=notice.title, line=lines[notice.line][0], review=True,
                          why="phần sau cơ quan ban hành trong dòng nêu văn bản")
        elif title.value is None and notice.issuer is None:
            title = r.found(headline(lines[notice.line][1]), notice.line, "dòng tiêu đề của trang đăng văn bản", True)
        number = number if number.value else webpage.listed_number(notice, lines) or number
    news = not damaged and not h.official and doc_type.value is None and bool(lines)
    if news:
        hit = next((t for t in vocab.doc_types if t.news), None)
        if hit is not None:
            doc_type = Found(value=hit, line=lines[0][0] if lines else 0, review=True,
                             why="không có quốc hiệu, số ký hiệu hay tên loại văn bản: đây là bài báo đưa tin, "
                                 "không phải văn bản hành chính")
            head = next((i for i, (_, t) in enumerate(lines[:6]) if 15 <= len(headline(t)) <= 200
                         and webpage.vietnamese(headline(t)) and not webpage.breadcrumb(t)), None)
            title = r.found(headline(lines[head][1]), head, "tiêu đề bài báo (dòng ngắn đầu tiên của trang)", True) \
                if head is not None else Found(why="không tìm thấy tiêu đề bài báo: cần điền trích yếu bằng tay", review=True)
    if h.date is not None:
        year, month, day = h.date.value
        try:
            dt.date(year, month or 1, day or 1)
            issued = Found(value=PartialDate(year=year, month=month, day=day), line=h.date.line,
                           why=h.date.why + (f"; {DAY_BLANK}" if month and day is None else ""))
        except ValueError:
            issued = Found(line=h.date.line, why=f"{h.date.why}: {NOT_A_DATE}", review=True)
        place = r.found(h.place.value, at_line(lines, h.place.line), h.place.why) if h.place else Found()
    elif news and h.news_date is not None:
        year, month, day = h.news_date.value
        issued = Found(value=PartialDate(year=year, month=month, day=day), line=h.news_date.line, review=True,
                       why=h.news_date.why + ": cần kiểm tra đó có đúng là ngày của bài báo không")
        place = Found()
    elif damaged:
        issued, place = r.date(number, number_end)
    elif notice is not None and notice.date is not None:
        issued, place = webpage.listed_date(notice, lines), Found()
    else:
        issued, place = Found(), Found()
    if title.value is None and h.subject is not None:
        title = r.found(h.subject.value, at_line(lines, h.subject.line), h.subject.why)
    decision = doc_type.value is not None and doc_type.value.id == "quyet-dinh"
    period = period_of(title, lines, news or notice is not None, r, decision) if not damaged else from_ocr_title(title, r)
    when = issued.value.as_date() if issued.value else (dt.date(period.value.year, 1, 1) if period.value else None)
    if when is None and not damaged:  # for the era of units only: the latest year the header names
        years = [int(y) for _, t in lines[:30] for y in re.findall(r"\b((?:19|20)\d\d)\b", t) if int(y) <= dt.date.today().year]
        when = dt.date(max(years), 1, 1) if years else None
    named = units_named(source, gazetteer, when) if source else Named((), ())
    units = Units(r, gazetteer, signatures, when, named, source)
    issuer, unit, parent = column_issuer(h, units) if h.column else (None, None, Found())
    if issuer is None and not damaged:
        issuer, unit = authority_issuer(lines, h, units)
    if issuer is not None and fold(issuer.value or "") == "chinh phu" and re.search(r"-TTg\b", number.value or ""):
        issuer = Found(value="Thủ tướng Chính phủ", line=issuer.line, why=issuer.why + "; ký hiệu 'TTg' trong số văn bản: Thủ tướng")
    if issuer is None:
        issuer, unit = units.issuer_and_unit(heading, number, issued)
    if issuer.value is None and notice is not None and notice.issuer:
        issuer = Found(value=notice.issuer, line=lines[notice.issuer_line][0], review=True,
                       why=notice.issuer_why
                       or f"cơ quan nói 'thông báo' trong bài đăng lại văn bản: {notice.issuer!r}, cần đối chiếu")
        found = unit_of(notice.issuer, "", h, units, issuer.line) if unit.value is None else unit
        unit = Found(value=found.value, line=found.line, review=True, why=found.why) if found.value else unit
    meta = header.metadata(lines) if not damaged else {}
    by_meta = issuer.value is None and "co quan ban hanh" in meta
    number, doc_type, issued, issuer = _from_metadata(meta, number, doc_type, issued, issuer, vocab, lines)
    if by_meta and unit.value is None and issuer.value:
        if CENTRAL.match(fold(issuer.value)):
            unit = Found(line=issuer.line, why=CENTRAL_WHY)
        else:
            found = unit_of(issuer.value, "", h, units, issuer.line)
            unit = Found(value=found.value, line=found.line, review=True,
                         why=found.why + " (theo phần thông tin trang đăng văn bản ghi kèm)") if found.value else unit
    issuer = issuer_agrees(number, issuer, vocab.doc_types)
    issuer = corroborated(issuer, unit, place)
    if issuer.value and not issuer.review and not kind_of(issuer.value):  # "Tổ chuyên môn", a heading, a slogan
        issuer = Found(value=issuer.value, line=issuer.line, why=f"{issuer.why}; {UNKNOWN_KIND}", review=True)
    if news:
        issuer = publisher(lines, gazetteer, source, named)  # the paper or portal that published it
        unit = news_place(lines, units)
    unit = unit_by_address(unit, named, source) if unit.why != CENTRAL_WHY else unit
    signer, signer_title = read_signer(r, signatures) if not news else (Found(), Found())
    quality = (TextQuality.OCR_RESTORED if work is restored else TextQuality.OCR if damaged
               else TextQuality.LEGACY_ENCODING if legacy else TextQuality.CLEAN)
    if news:
        parent = Found()
    issued, period = _archived(issued), _archived(period)
    fields = dict(title=title, doc_type=doc_type, doc_number=number, issuer=issuer, issuer_parent=parent, unit=unit,
                  issued=issued,
                  place=place, period=period, recipient=r.recipient(), signer=signer, signer_title=signer_title,
                  theme=r.theme())
    movements = r.movements(vocab.movements)
    review = [ReviewFlag(field=k, why=f.why) for k, f in fields.items() if f.review]
    review += [ReviewFlag(field=k, why=NOT_FOUND)
               for k in REQUIRED if fields[k].value is None and not fields[k].review
               and not (k == "unit" and unit.why == CENTRAL_WHY)]  # a central body has no unit: nothing to fill
    # an issue date or a period read by machine can always be another date of the text (a citation, a banner,
    # an anniversary): a person checks every one, even where the reading was plain
    review += [ReviewFlag(field=k, why=f"{fields[k].why}; {ALWAYS_CHECKED[k]}")
               for k in ALWAYS_CHECKED if fields[k].value is not None and not fields[k].review]
    if issued.value is None and signatures:
        review.append(ReviewFlag(field="issued", why=f"văn bản không in ngày; chữ ký số ghi ngày "
                                 f"{_day(signatures[0].time)}, đó không phải ngày ban hành"))
    return Extracted(**fields, movements=movements, awards=find_awards(lines, damaged), signatures=signatures,
                     text_quality=quality, review=tuple(review))


def _archived(found: Found) -> Found:
    """A date or a period whose year the archive cannot hold (before 1945, after 2100: a birth year, a founding
    date) is not written, so that the draft still builds; the reason says what was read."""
    value = found.value
    years = [y for y in (getattr(value, "year", None), getattr(value, "end_year", None)) if y is not None]
    if all(FIRST_YEAR <= y <= LAST_YEAR for y in years):
        return found
    return Found(line=found.line, review=True, why=f"{found.why}; năm {years[0]} nằm ngoài khoảng {FIRST_YEAR}–"
                                                    f"{LAST_YEAR} mà kho lưu trữ nhận: để trống, cần điền bằng tay")


_NUMBER_LABEL = re.compile(r"(?:^|\s)s[o0-9eé]\s*:\s*")
_NUMBER = re.compile(r"(\d*)\s*(/\s*[^\s,;]+)|(\d+)(?=\s*$)")


# --------------------------------------------------------------------------- fields read from lines


class _Reader:
    def __init__(self, lines: list[tuple[int, str]], damaged: bool, restored: bool):
        self.lines, self.damaged, self.restored = lines, damaged, restored
        self.toks = [tokens(t, damaged) for _, t in lines]
        self.k = lambda phrase: keys(phrase, damaged)
        self.ocr = damaged and not restored  # readings stay as printed

    def found(self, value, index: int, why: str, doubtful: bool = False) -> Found:
        if value is not None and self.ocr and not doubtful:
            why, doubtful = f"{why}; {OCR_WHY}", True
        elif value is not None and self.restored:
            why, doubtful = f"{why}; {RESTORED_WHY}", True
        return Found(value=value, line=self.lines[index][0] if index >= 0 else 0, why=why, review=doubtful)

    def heading_and_title(self, vocab: Vocab) -> tuple[int, Found, Found]:
        for i, (_, text) in enumerate(self.lines[:12]):
            for d in vocab.doc_types:
                # a line that is just the type's name (in capitals, or lower case from a TCVN3 .VnTimeH font)
                if tuple(t.key for t in self.toks[i]) == self.k(d.name) and len(text.strip()) <= len(d.name) + 3:
                    nxt = i + 1 if i + 1 < len(self.lines) else -1
                    ok = nxt >= 0 and len(self.lines[nxt][1]) <= 400 and not self.kinh_gui(nxt)
                    title = self.found(self.lines[nxt][1].strip() if ok else None, nxt, "dòng ngay sau tên loại văn bản")
                    return i, title, Found(value=d, line=self.lines[i][0], why=f"tên loại văn bản {text.strip()!r}")
                # "báo cáo Tổng kết …": a heading in lower case (TCVN3 capitals) that normalise joined to the title
                name = self.k(d.name)
                head = text[:self.toks[i][len(name) - 1].end] if len(self.toks[i]) > len(name) else ""
                rest = text[len(head):].strip()
                ascii_letters = [c for c in head if c.isascii() and c.isalpha()]  # "BáO CáO": á has no capital
                if (at(self.toks[i], 0, name) and head and rest[:1].isupper() and len(text) <= 300
                        and (all(map(str.isupper, ascii_letters)) or all(map(str.islower, ascii_letters)))
                        and all(len(t) <= 200 for _, t in self.lines[:i])):
                    return i, self.found(rest, i, "phần sau tên loại văn bản"), Found(value=d, line=self.lines[i][0],
                                                                              why=f"tên loại văn bản {head!r}")
        if self.lines:  # the header is lost: a short first line naming a year is the title
            text = headline(self.lines[0][1].strip())  # without a page's words stuck to it ("date 2026-01-30 …")
            if len(text) <= 200 and not text.endswith((".", ";")) and re.search(r"\b(19|20)\d\d\b", text) \
                    and not _BASIS_LINE.match(text):  # "Căn cứ Nghị định số 91/2017/NĐ-CP …;" is no title
                return -1, self.found(text, 0, "dòng đầu tiên (văn bản không có phần đầu)", True), Found()
        return -1, Found(), Found()

    def closing_type(self, vocab: Vocab) -> Found:
        """``Trên đây là Kế hoạch ...`` names the document's type."""
        lead = self.k("trên đây là")
        for i, toks in enumerate(self.toks):
            j = find(toks, lead)
            for d in vocab.doc_types if j >= 0 else ():
                if at(toks, j + len(lead), self.k(d.name)):
                    return Found(value=d, line=self.lines[i][0], why="nêu trong câu kết 'Trên đây là …'")
        return Found()

    def kinh_gui(self, i: int) -> int:
        """Offset after ``Kính gửi:`` when line i starts with it, else 0."""
        toks, text = self.toks[i], self.lines[i][1]
        if len(toks) > 2 and at(toks, 0, self.k("kính gửi")) and text[toks[1].end:].lstrip().startswith(":"):
            return text.index(":", toks[1].end) + 1
        return 0

    def number(self) -> tuple[Found, int]:
        for i, (_, text) in enumerate(self.lines[:12]):
            label = _NUMBER_LABEL.search(fold(text))
            m = _NUMBER.match(text, label.end()) if label else None
            if m:
                value = re.sub(r"\s+", "", m.group(0))
                return self.found(value, i, f"sau chữ 'Số:' trong {text[label.start():m.end()].strip()!r}"), m.end()
        return Found(), 0

    def date(self, number: Found, number_end: int) -> tuple[Found, Found]:
        # matched on OCR-tolerant keys in any text: an unmarked "ngay 17 thang 01 nam 2024" is still a date
        ngay, thang, nam = (re.escape(" ".join(keys(w, True))) for w in ("ngày", "tháng", "năm"))
        pattern = re.compile(rf"(?:^| ){ngay}(?: (\d{{1,2}}))? {thang}(?: (\d{{1,2}}))? {nam} (\d{{4}})")
        for i, (line, text) in enumerate(self.lines[:14]):
            toks = tokens(text, True)
            joined = " ".join(t.key for t in toks)
            m = pattern.search(joined)
            if not m or len(toks) - joined[:m.end()].count(" ") > 3:
                continue  # a date in a sentence, not the header's place and date
            first = toks[joined[:m.start()].count(" ") + (m.start() > 0)]
            day, month, year = (int(g) if g else None for g in m.groups())
            try:
                dt.date(year, month or 1, day or 1)
                issued = PartialDate(year=year, month=month, day=day if month else None)
            except ValueError:
                return Found(value=None, line=line, why=f"{text[first.start:].strip()!r}: {NOT_A_DATE}",
                             review=True), Found()
            start = number_end if line == number.line else 0
            place = text[start:first.start].strip(" ,")
            why = f"dòng ngày tháng {text[start:].strip()!r}" + (f"; {DAY_BLANK}" if day is None else "")
            return (Found(value=issued, line=line, why=why),
                    self.found(place if 0 < len(place.split()) <= 6 else None, i, "địa danh trước ngày tháng"))
        return Found(), Found()

    def recipient(self) -> Found:
        for i in range(min(25, len(self.lines))):
            offset = self.kinh_gui(i)
            if offset:
                return self.found(self.lines[i][1][offset:].strip().rstrip(".;").strip() or None, i, "sau 'Kính gửi:'")
        return Found()

    def theme(self) -> Found:
        lead = self.k("chủ đề thi đua")
        for labelled in (True, False):
            for i, toks in enumerate(self.toks):
                j = find(toks, lead)
                if j < 0:
                    continue
                text = self.lines[i][1]
                rest = text[toks[j + len(lead) - 1].end:].lstrip()
                if labelled and rest.startswith(":"):
                    value = rest[1:].strip().strip("\"“”'‘’").rstrip(".").strip("\"“”'‘’ ")
                elif not labelled and rest[:1] in "\"“" and re.search("[\"”]", rest[1:201]):
                    value = re.split("[\"”]", rest[1:], maxsplit=1)[0].strip()
                else:
                    continue
                return self.found(value or None, i, "sau 'Chủ đề thi đua'")
        return Found()

    def movements(self, movements: tuple[Movement, ...]) -> tuple[Found, ...]:
        out = []
        for m in movements:
            patterns = {m.name, *m.variants}
            patterns |= {re.split(r"\s+giai đoạn|\s*\(|\s+ở khu dân cư", p)[0] for p in patterns}
            hits = [(i, p) for p in patterns for i, toks in enumerate(self.toks)
                    if len(self.k(p)) >= (3 if self.damaged else 2) and find(toks, self.k(p)) >= 0
                    and not fold(self.lines[i][1]).lstrip(" -–+*•").startswith("can cu")]  # a legal basis cited
            if hits:
                i, p = min(hits)
                out.append(Found(value=m, line=self.lines[i][0], why=f"văn bản nêu {p!r}"))
        return tuple(sorted(out, key=lambda f: f.line))


def _from_metadata(meta: dict, number: Found, doc_type: Found, issued: Found, issuer: Found, vocab: Vocab,
                   lines) -> tuple[Found, Found, Found, Found]:
    """What a legal database's metadata block says, where the document's own header says nothing: flagged."""
    def flagged(at: header.At, value) -> Found:
        return Found(value=value, line=at.line, why=at.why, review=True)

    if number.value is None and "so hieu" in meta:
        number = flagged(meta["so hieu"], re.sub(r"\s+", "", meta["so hieu"].value))
    if doc_type.value is None and "loai van ban" in meta:
        key = re.sub(r"\s+", "", fold(meta["loai van ban"].value))
        hit = next((d for d in vocab.doc_types if re.sub(r"\s+", "", fold(d.name)) == key), None)
        doc_type = flagged(meta["loai van ban"], hit) if hit else doc_type
    if issued.value is None and "ngay ban hanh" in meta:
        m = header.NUMERIC_DATE.search(meta["ngay ban hanh"].value)
        if m:
            try:
                d = dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
                issued = flagged(meta["ngay ban hanh"], PartialDate(year=d.year, month=d.month, day=d.day))
            except ValueError:
                pass
    if issuer.value is None and "co quan ban hanh" in meta:
        issuer = flagged(meta["co quan ban hanh"], meta["co quan ban hanh"].value)
    return number, doc_type, issued, issuer
