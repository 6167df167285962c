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
from collections import Counter
from dataclasses import dataclass

from tdkt.text import decode
from tdkt.ingest import header
from tdkt.ingest.awards import Award, find_awards
from tdkt.text.collate import fold
from tdkt.text.decode import Tok, at, find, keys, tokens
from tdkt.catalog.gazetteer import Gazetteer, _key
from tdkt.model import (REORGANISATION, AwardType, DocType, Era, Movement, PartialDate, Period, ReviewFlag, Signature, Span,
                    TextQuality, Unit)

OCR_WHY = "OCR text with its Vietnamese marks destroyed: kept as printed; check against the scan"


@dataclass(frozen=True, slots=True, kw_only=True)
class Found:
    value: object = None
    line: int = 0  # 1-based line of the text; 0: not read from one line
    why: str = ""
    review: bool = False


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


REQUIRED = ("title", "doc_type", "issuer", "unit", "period")  # report.yml cannot do without them


def is_damaged(text: str) -> bool:
    """English-model OCR: plenty of words, few with Vietnamese marks (clean text ~85%, OCR ~10%)."""
    share = decode.vietnamese_share(text)
    return share.words >= 10 and share.marked < 0.35


def extract(text: str, vocab: Vocab, gazetteer: Gazetteer, *, restored: str | None = None,
            signatures: tuple[Signature, ...] = (), legacy: bool = False) -> Extracted:
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
            doc_type = r.found(hit, _at_line(lines, h.heading.line), h.heading.why)
            title = r.found(h.title.value, _at_line(lines, h.title.line), h.title.why) if h.title else title
    number, number_end = r.number()
    if h.number is not None:
        number = r.found(h.number.value, _at_line(lines, h.number.line), h.number.why)
        number_end = 0
    if doc_type.value is None and number.value:
        doc_type = _type_of_number(number, vocab, lines)
    if doc_type.value is None:
        doc_type = r.closing_type(vocab)
    news = not damaged and not h.official and doc_type.value is None and bool(lines)
    if news:
        hit = next((t for t in vocab.doc_types if t.news), None)
        if hit is not None:
            doc_type = Found(value=hit, line=lines[0][0] if lines else 0, review=True,
                             why="no national title, number or type heading: a news article about the results, "
                                 "not an official document")
            head = next((i for i, (_, t) in enumerate(lines[:6]) if 15 <= len(t.strip()) <= 200), None)
            title = r.found(lines[head][1].strip(), head, "the headline (the first short line of the page)", True) \
                if head is not None else Found(why="no headline: fill in the title by hand", review=True)
    if h.date is not None:
        year, month, day = h.date.value
        try:
            dt.date(year, month or 1, day or 1)
            issued = Found(value=PartialDate(year=year, month=month, day=day), line=h.date.line,
                           why=h.date.why + ("; the day is left blank" if month and day is None else ""))
        except ValueError:
            issued = Found(line=h.date.line, why=f"{h.date.why} is not a date", review=True)
        place = r.found(h.place.value, _at_line(lines, h.place.line), h.place.why) if h.place else Found()
    elif news and h.news_date is not None:
        year, month, day = h.news_date.value
        issued = Found(value=PartialDate(year=year, month=month, day=day), line=h.news_date.line, review=True,
                       why=h.news_date.why + ": the date the page shows, check it is the article's")
        place = Found()
    elif damaged:
        issued, place = r.date(number, number_end)
    else:
        issued, place = Found(), Found()
    if title.value is None and h.subject is not None:
        title = r.found(h.subject.value, _at_line(lines, h.subject.line), h.subject.why)
    period = _period_of(title, lines, news, r) if not damaged else _period(title, r)
    when = issued.value.as_date() if issued.value else (dt.date(period.value.year, 1, 1) if period.value else None)
    if when is None and not damaged:  # for the era of units only: the latest year the header names
        years = [int(y) for _, t in lines[:30] for y in re.findall(r"\b((?:19|20)\d\d)\b", t) if int(y) <= dt.date.today().year]
        when = dt.date(max(years), 1, 1) if years else None
    units = _Units(r, gazetteer, signatures, when)
    issuer, unit = _column_issuer(h, units) if h.column else (None, None)
    if issuer is None and not damaged:
        issuer, unit = _authority_issuer(lines, h, units)
    if issuer is not None and fold(issuer.value or "") == "chinh phu" and re.search(r"-TTg\b", number.value or ""):
        issuer = Found(value="Thủ tướng Chính phủ", line=issuer.line, why=issuer.why + "; the number's TTg: Thủ tướng")
    if issuer is None:
        issuer, unit = units.issuer_and_unit(heading, number, issued)
    meta = header.metadata(lines) if not damaged else {}
    by_meta = issuer.value is None and "co quan ban hanh" in meta
    number, doc_type, issued, issuer = _from_metadata(meta, number, doc_type, issued, issuer, vocab, lines)
    if by_meta and unit.value is None and issuer.value:
        if _CENTRAL.match(fold(issuer.value)):
            unit = Found(line=issuer.line, why="a central body: no territorial unit")
        else:
            found = _unit_of(issuer.value, "", h, units, issuer.line)
            unit = Found(value=found.value, line=found.line, why=found.why + " (from the metadata block)",
                         review=True) if found.value else unit
    if news:
        issuer = Found(why="a news article: its publisher is the site it was taken from; fill it in by hand",
                       review=True)
        unit = _news_place(lines, units)
    signer, signer_title = r.signer(signatures) if not news else (Found(), Found())
    quality = (TextQuality.OCR_RESTORED if work is restored else TextQuality.OCR if damaged
               else TextQuality.LEGACY_ENCODING if legacy else TextQuality.CLEAN)
    fields = dict(title=title, doc_type=doc_type, doc_number=number, issuer=issuer, unit=unit, issued=issued,
                  place=place, period=period, recipient=r.recipient(), signer=signer, signer_title=signer_title,
                  theme=r.theme())
    movements = r.movements(vocab.movements)
    review = [ReviewFlag(field=k, why=f.why) for k, f in fields.items() if f.review]
    review += [ReviewFlag(field=k, why="not found in the text: fill it in by hand")
               for k in REQUIRED if fields[k].value is None and not fields[k].review]
    if issued.value is None and signatures:
        review.append(ReviewFlag(field="issued", why=f"no date is printed; the digital signatures are dated "
                                 f"{signatures[0].time[:10]}, which is not the issue date"))
    return Extracted(**fields, movements=movements, awards=find_awards(lines, damaged), signatures=signatures,
                     text_quality=quality, review=tuple(review))


# --------------------------------------------------------------------------- phrases

def _caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= 0.6 * len(letters)


_NATIONAL = re.compile(r"cong\s*hoa\s*xa\s*hoi\s*chu\s*nghia\s*viet\s*nam"  # and the motto, OCR "Dgc 1ap - Tw do - …"
                       r"|\S+\s+\S+\s*[-–]\s*\S+\s+do\s*[-–]\s*hanh\s+phuc")
_NUMBER_LABEL = re.compile(r"(?:^|\s)s[o0-9eé]\s*:\s*")
_NUMBER = re.compile(r"(\d*)\s*(/\s*[^\s,;]+)|(\d+)(?=\s*$)")
_PREFIXES = ("TM.", "KT.", "TL.", "TUQ.", "Q.")
# Titles printed above a signature, and the fixed phrases whose spelling OCR cannot damage.
TITLE_WORDS = ("phó chủ tịch", "chủ tịch", "bí thư", "giám đốc", "trưởng ban", "trưởng phòng", "hiệu trưởng")
PHRASES = ("ủy ban nhân dân", "hội đồng nhân dân", "hội đồng thi đua khen thưởng", "hội đồng", "thi đua",
           "khen thưởng", "phó chủ tịch", "chủ tịch", "thị trấn", "thị xã", "thành phố", "phường", "xã", "huyện",
           "tỉnh", "bí thư", "đảng ủy")
BODIES = (  # how reports print an issuing body → its name, and the words that show it spelled out
    (("ủy ban nhân dân", "ubnd"), "Ủy ban nhân dân", "ủy ban nhân dân"),
    (("hội đồng thi đua khen thưởng", "hđ thi đua khen thưởng", "hội đồng tđkt", "hđtđkt", "hđ tđkt",
      "hội đồng tđ kt", "hđ tđ kt"), "Hội đồng Thi đua – Khen thưởng", "hội đồng"),
    (("hội đồng nhân dân", "hđnd"), "Hội đồng nhân dân", "hội đồng nhân dân"),
    (("đảng ủy",), "Đảng ủy", "đảng ủy"),
)
SELF_VERBS = ("báo cáo", "ban hành", "xây dựng", "yêu cầu", "tổ chức", "triển khai", "thông báo", "đề nghị")
KINDS = ("thị trấn", "thị xã", "thành phố", "đặc khu", "phường", "xã", "huyện", "quận", "tỉnh")


def _without_national(line: str) -> str:
    """A header line without the national title and motto printed beside the issuer."""
    for m in reversed(list(_NATIONAL.finditer(fold(line)))):
        line = line[:m.start()] + " " + line[m.end():]
    return line.strip()


def _unglue(text: str) -> str:
    """Split words glued by extraction (``KHENTHƯỞNG`` → ``KHEN THƯỞNG``) when both halves are syllables."""
    def split(m: re.Match) -> str:
        w = m.group()
        if len(w) < 5 or decode.is_syllable(w):
            return w
        for k in range(2, len(w) - 1):
            if decode.is_syllable(w[:k]) and decode.is_syllable(w[k:]):
                return f"{w[:k]} {w[k:]}"
        return w
    return decode.WORD.sub(split, text)


def _sentence(fragment: str, damaged: bool) -> str:
    """``TM. HỘI ĐỒNG TĐ-KT`` → ``TM. Hội đồng TĐ-KT``: lower case but prefixes and acronyms;
    in OCR text, fixed phrases take their spelling (``CHﬁ TICH`` → ``Chủ tịch``)."""
    words = fragment.split()
    out = []
    for w in words:
        core = w.strip(".,;:()")
        acronym = core and all(not decode.is_syllable(p) for p in re.split(r"[-–]", core) if p) and core.upper() == core
        out.append(w if w in _PREFIXES or acronym else w.lower())
    text = " ".join(out)
    if damaged:
        toks = tokens(text, True)
        for phrase in sorted(PHRASES, key=len, reverse=True):
            pk = keys(phrase, True)
            i = find(toks, pk)
            while i >= 0:
                text = text[:toks[i].start] + phrase + text[toks[i + len(pk) - 1].end:]
                toks = tokens(text, True)
                i = find(toks, pk, i + len(pk))
    first = next((m.start() for m in re.finditer(r"\S+", text) if m.group() not in _PREFIXES), None)
    return text if first is None else text[:first] + text[first].upper() + text[first + 1:]


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
            why, doubtful = f"{why}; read from machine-restored text", True
        return Found(value=value, line=self.lines[index][0] if index >= 0 else 0, why=why, review=doubtful)

    def heading_and_title(self, vocab: Vocab) -> tuple[int, Found, Found]:
        for i, (_, text) in enumerate(self.lines[:12]):
            for d in vocab.doc_types:
                # a line that is just the type's name (in capitals, or lower case from a TCVN3 .VnTimeH font)
                if tuple(t.key for t in self.toks[i]) == self.k(d.name) and len(text.strip()) <= len(d.name) + 3:
                    nxt = i + 1 if i + 1 < len(self.lines) else -1
                    ok = nxt >= 0 and len(self.lines[nxt][1]) <= 400 and not self.kinh_gui(nxt)
                    title = self.found(self.lines[nxt][1].strip() if ok else None, nxt, "the line after the heading")
                    return i, title, Found(value=d, line=self.lines[i][0], why=f"heading {text.strip()!r}")
                # "báo cáo Tổng kết …": a heading in lower case (TCVN3 capitals) that normalise joined to the title
                name = self.k(d.name)
                head = text[:self.toks[i][len(name) - 1].end] if len(self.toks[i]) > len(name) else ""
                rest = text[len(head):].strip()
                ascii_letters = [c for c in head if c.isascii() and c.isalpha()]  # "BáO CáO": á has no capital
                if (at(self.toks[i], 0, name) and head and rest[:1].isupper() and len(text) <= 300
                        and (all(map(str.isupper, ascii_letters)) or all(map(str.islower, ascii_letters)))
                        and all(len(t) <= 200 for _, t in self.lines[:i])):
                    return i, self.found(rest, i, "after the heading"), Found(value=d, line=self.lines[i][0],
                                                                              why=f"heading {head!r}")
        if self.lines:  # the header is lost: a short first line naming a year is the title
            text = self.lines[0][1].strip()
            if len(text) <= 200 and not text.endswith(".") and re.search(r"\b(19|20)\d\d\b", text):
                return -1, self.found(text, 0, "the first line (the header is missing from the text)", True), Found()
        return -1, Found(), Found()

    def closing_type(self, vocab: Vocab) -> Found:
        """``Trên đây là Kế hoạch ...`` names the document's type."""
        lead = self.k("trên đây là")
        for i, toks in enumerate(self.toks):
            j = find(toks, lead)
            for d in vocab.doc_types if j >= 0 else ():
                if at(toks, j + len(lead), self.k(d.name)):
                    return Found(value=d, line=self.lines[i][0], why="named in the closing sentence 'Trên đây là …'")
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
                return self.found(value, i, f"after 'Số:' in {text[label.start():m.end()].strip()!r}"), m.end()
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
                return Found(value=None, line=line, why=f"{m.group()!r} is not a date", review=True), Found()
            start = number_end if line == number.line else 0
            place = text[start:first.start].strip(" ,")
            why = f"the date line {text[start:].strip()!r}" + ("; the day is left blank" if day is None else "")
            return (Found(value=issued, line=line, why=why),
                    self.found(place if 0 < len(place.split()) <= 6 else None, i, "before the date"))
        return Found(), Found()

    def recipient(self) -> Found:
        for i in range(min(25, len(self.lines))):
            offset = self.kinh_gui(i)
            if offset:
                return self.found(self.lines[i][1][offset:].strip().rstrip(".;").strip() or None, i, "after 'Kính gửi:'")
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
                return self.found(value or None, i, "after 'Chủ đề thi đua'")
        return Found()

    def movements(self, movements: tuple[Movement, ...]) -> tuple[Found, ...]:
        out = []
        for m in movements:
            patterns = {m.name, *m.variants}
            patterns |= {re.split(r"\s+giai đoạn|\s*\(|\s+ở khu dân cư", p)[0] for p in patterns}
            hits = [(i, p) for p in patterns for i, toks in enumerate(self.toks)
                    if len(self.k(p)) >= (3 if self.damaged else 2) and find(toks, self.k(p)) >= 0]
            if hits:
                i, p = min(hits)
                out.append(Found(value=m, line=self.lines[i][0], why=f"names {p!r}"))
        return tuple(sorted(out, key=lambda f: f.line))

    def signer(self, signatures: tuple[Signature, ...]) -> tuple[Found, Found]:
        people = [s for s in signatures if not any(w in fold(s.signer) for w in ("uy ban", "ubnd", "hoi dong"))]
        name_at = -1
        for i in range(len(self.lines) - 1, max(-1, len(self.lines) - 13), -1):
            if self._name_like(i) and (self.damaged or header.signature_context(self.lines, i)):
                name_at = i
                break
            if len(self.lines[i][1]) > 150:
                break
        printed = self.lines[name_at][1].strip() if name_at >= 0 else None
        stamp = next((s.signer for s in people if printed and fold(s.signer) == fold(printed)), None)
        if stamp:
            signer = Found(value=stamp, line=self.lines[name_at][0],
                           why="printed name, spelled as in the digital signature")
        elif printed:
            junk = [w for w in printed.split() if not decode.is_syllable(w)]
            why = "the name under the signature" + (f"; {' '.join(junk)!r} is no Vietnamese syllable" if junk else "")
            signer = self.found(printed, name_at, why, bool(junk))
        elif people:
            signer = Found(value=people[0].signer, why="from the digital-signature stamp")
        else:
            signer = Found()
        return signer, self._title(name_at)

    def _name_like(self, i: int) -> bool:
        text = self.lines[i][1].strip()
        words = text.split()
        if not 2 <= len(words) <= 5 or re.search(r"[:;/()\[\]\-–+*•.,\"“”]", text) or _caps(text) and self.damaged:
            return False
        if any(c.isdigit() for w in words[1:] for c in w) or not all(w[-1].isalpha() for w in words):
            return False
        if any(find(self.toks[i], self.k(t)) >= 0 for t in (*TITLE_WORDS, "nơi nhận")):
            return False
        first_ok = self.damaged or words[0][0].isupper()
        return first_ok and all(w[0].isupper() for w in words[1:]) and sum(map(decode.is_syllable, words)) >= 2

    def _title(self, name_at: int) -> Found:
        """``TM. …`` and the titles in capitals between ``Nơi nhận`` and the signer's name."""
        if name_at < 0:
            return Found()
        start = next((i for i in range(name_at - 1, max(-1, name_at - 16), -1)
                      if at(self.toks[i], 0, self.k("nơi nhận"))), None)
        if start is None:  # no distribution list: only the lines just above the name
            start = name_at
            while start > 0 and name_at - start < 3 and _caps(self.lines[start - 1][1]) and len(
                    self.lines[start - 1][1]) < 60:
                start -= 1
        fragments = []
        for i in range(start, name_at):
            text = self.lines[i][1]
            tm = re.search(r"\b(?:TM|KT|TL|TUQ)\s*\.", text)
            if tm:
                fragments.append(text[tm.start():].strip())
                continue
            words = re.findall(r"\S+", text.lstrip("-+*• "))
            run = []
            for w in reversed(words):
                if not (_caps(w) or not any(c.isalpha() for c in w)) or w.endswith((";", ",", ":")):
                    break
                run.insert(0, w)
            fragment = " ".join(run).strip(" *")
            ftoks = tokens(fragment, self.damaged)
            if len(ftoks) >= 2 and any(find(ftoks, self.k(t)) >= 0 for t in TITLE_WORDS):
                fragments.append(fragment)
        if not fragments:
            return Found()
        value = " / ".join(_sentence(f, self.damaged) for f in fragments)
        return Found(value=value, line=self.lines[start][0], why="the titles printed above the signer's name")


def _period(title: Found, r: _Reader) -> Found:
    """Kỳ báo cáo from the title: its first year, and the first span it names."""
    if not title.value:
        return Found()
    text = title.value
    years = re.findall(r"\b(?:19|20)\d\d\b", text)
    if not years:
        return Found(line=title.line, why="the title names no year", review=True)
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
            return Found(value=Period(year=year, span=Span.QUARTER, number=number), line=title.line, why="the title")
    elif found and found[0][1] is Span.TERM and len(years) >= 2:
        return Found(value=Period(year=year, span=Span.TERM, end_year=int(years[1])), line=title.line, why="the title")
    elif found and found[0][1] in (Span.FIRST_HALF, Span.SECOND_HALF):
        return Found(value=Period(year=year, span=found[0][1]), line=title.line, why=f"the title names {found[0][2]!r}")
    return Found(value=Period(year=year, span=Span.YEAR), line=title.line, why=f"the title names the year {year}")


def _at_line(lines: list[tuple[int, str]], line: int) -> int:
    """The index in ``lines`` of text line ``line`` (its first piece)."""
    return next((i for i, (n, _) in enumerate(lines) if n == line), -1)


_TYPE_CODES = {"BC": "bao-cao", "KH": "ke-hoach", "QĐ": "quyet-dinh", "QD": "quyet-dinh", "HD": "huong-dan",
               "HDLT": "huong-dan", "CV": "cong-van", "TTR": "to-trinh", "CT": "chi-thi", "TB": "thong-bao",
               "NĐ": "nghi-dinh", "NQ": "nghi-quyet", "TT": "thong-tu", "QC": "quy-che", "KL": "ket-luan",
               "CTR": "chuong-trinh", "KHLT": "ke-hoach", "BB": "bien-ban", "GM": "giay-moi"}


def _type_of_number(number: Found, vocab: Vocab, lines: list[tuple[int, str]]) -> Found:
    """The type a số ký hiệu names by its code (``184/BC-UBND``: báo cáo); a number with no type code is a
    công văn's (``455/UBND-NV``), flagged, since other types sometimes omit it too."""
    value = number.value or ""
    codes = [c.upper() for c in re.split(r"[/\-–]", value.partition("/")[2]) if c]
    by_id = {d.id: d for d in vocab.doc_types}
    for code in codes[:2]:
        ident = _TYPE_CODES.get(code) or next((d.id for d in vocab.doc_types if d.code and d.code.upper() == code), None)
        if ident in by_id:
            return Found(value=by_id[ident], line=number.line, why=f"from the code {code} of the number")
    if codes and "cong-van" in by_id:
        vv = any(fold(t).startswith(("v/v", "ve viec")) for _, t in lines[:25])
        return Found(value=by_id["cong-van"], line=number.line, review=not vv,
                     why="the number names no type (công văn are numbered so)" + ("; 'V/v' names its subject" if vv
                                                                                    else ": check"))
    return Found()


_NEWS_SIGNS = re.compile(r"\b(?:cho biet|phat bieu|to chuc hoi nghi|da dien ra|tin va anh|bao [a-z]+|pv|ctv|"
                         r"tin:|anh:|nguon:|chia se|dong chi [a-z]+ [a-z]+ .*(?:phat bieu|chu tri)|"
                         r"sang (?:ngay|nay)|chieu (?:ngay|nay)|vua qua|hom nay)")


def _news(lines: list[tuple[int, str]]) -> bool:
    """A page with no official header that reads like a report of an event (a date stamp, reported speech)."""
    text = " ".join(fold(t) for _, t in lines[:40])
    return len(_NEWS_SIGNS.findall(text)) >= 1


_PERIODS = [  # (pattern on the fold key, span), tried at each position; the earliest match wins
    (re.compile(r"hoc ky\s*(i{1,2}|[12])\b[^.;]{0,40}?nam hoc\s*((?:19|20)\d\d)\s*[-–—]\s*((?:19|20)?\d\d)"),
     Span.SEMESTER),
    (re.compile(r"nam hoc\s*((?:19|20)\d\d)\s*[-–—/]?\s*((?:19|20)?\d\d)\b"), Span.SCHOOL_YEAR),
    (re.compile(r"(?:6 thang dau nam|so ket 6 thang)[^.;]{0,80}?((?:19|20)\d\d)"), Span.FIRST_HALF),
    (re.compile(r"6 thang cuoi nam\s*((?:19|20)\d\d)"), Span.SECOND_HALF),
    (re.compile(r"9 thang(?: dau)? nam\s*((?:19|20)\d\d)"), Span.NINE_MONTHS),
    (re.compile(r"quy\s*(i{1,3}v?|iv|[1-4])\b[^.;]{0,12}?nam\s*((?:19|20)\d\d)"), Span.QUARTER),
    (re.compile(r"(?:giai doan|nhiem ky|thoi ky|tu nam)?\s*((?:19|20)\d\d)\s*(?:[-–—]|den(?: nam)?)\s*((?:19|20)\d\d)"),
     Span.TERM),
    (re.compile(r"nam\s*((?:19|20)\d\d)\b"), Span.YEAR),
]
_NOT_A_PERIOD = re.compile(r"\([^()]*\d{4}[^()]*\)|\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}|"
                           r"ngay\s*\d{0,2}\s*thang\s*\d{0,2}\s*nam\s*\d{4}|\d+/\d{4}/\S+|"
                           r"(?:ky niem|thanh lap|ngay truyen thong)[^.;,]{0,60}|luat [^.;,]{0,60}?nam \d{4}")


def read_period(text: str) -> tuple[Period, str] | None:
    """The period a title (or headline) is about: a school year, a semester, a half, nine months, a quarter,
    several years or a year. Anniversaries ("kỷ niệm 40 năm … (20/11/1982 – 20/11/2022)"), full dates and
    parenthesised dates are never a period."""
    key = _NOT_A_PERIOD.sub(lambda m: " " * len(m.group()), fold(text))
    best = None
    for pattern, span in _PERIODS:
        m = pattern.search(key)
        if m and (best is None or m.start() < best[0].start()):
            best = (m, span)
    if best is None:
        return None
    m, span = best
    g = m.groups()
    if span is Span.SEMESTER:
        start, end = int(g[1]), _full_year(g[1], g[2])
        return Period(year=start, span=span, number=1 if g[0] in ("i", "1") else 2, end_year=end), m.group()
    if span is Span.SCHOOL_YEAR:
        return Period(year=int(g[0]), span=span, end_year=_full_year(g[0], g[1])), m.group()
    if span is Span.QUARTER:
        number = {"i": 1, "ii": 2, "iii": 3, "iv": 4}.get(g[0]) or int(g[0])
        return Period(year=int(g[1]), span=span, number=number), m.group()
    if span is Span.TERM:
        start, end = int(g[0]), int(g[1])
        return (Period(year=start, span=span, end_year=end), m.group()) if start < end <= start + 10 else None
    return Period(year=int(g[0]), span=span), m.group()


def _full_year(start: str, end: str) -> int:
    return int(end) if len(end) == 4 else int(start[:2] + end)


def _period_of(title: Found, lines: list[tuple[int, str]], news: bool, r: _Reader) -> Found:
    """Kỳ báo cáo from the title; a news article's from its headline and first lines."""
    texts = [(title.value, title.line, "the title")] if title.value else []
    if news:
        texts += [(t, n, "the article's first lines") for n, t in lines[:6]]
    for text, line, where in texts:
        found = read_period(text)
        if found:
            period, words = found
            return Found(value=period, line=line, why=f"{where} names {words.strip()!r}", review=news or r.ocr)
    return Found(line=title.line, why="the title names no period", review=bool(title.value) and not news)


_CENTRAL = re.compile(r"^(?:bo |chinh phu|thu tuong|quoc hoi|uy ban thuong vu quoc hoi|ban thi dua khen thuong trung|"
                      r"ban chap hanh trung uong|trung uong|tong lien doan|hoi dong thi dua khen thuong trung uong|"
                      r"van phong chinh phu|chu tich nuoc|vien kiem sat nhan dan toi cao|toa an nhan dan toi cao)")
_BARE_BODY = re.compile(r"^(?:uy ban nhan dan|ubnd|hoi dong nhan dan|hdnd|hoi dong thi dua\s*[-–]?\s*khen thuong|"
                        r"hd\s*td\s*[-–]?\s*kt|hoi dong td\s*[-–]?\s*kt|hdtdkt|ban thi dua\s*[-–]?\s*khen thuong|"
                        r"dang uy|ban chap hanh|ban thuong vu|van phong)$")
_PLACELESS = re.compile(r"^(?:so|phong|ban|van phong|trung tam|hoi dong|thanh tra) ")
_KIND_WORD = re.compile(r"\b(?:thi tran|thi xa|thanh pho|dac khu|phuong|xa|huyen|quan|tinh|tp\.?)\s")
_SCHOOL = re.compile(r"^truong\s+(?:mam non|mau giao|tieu hoc|trung hoc co so|trung hoc pho thong|thcs|thpt|th|mn|"
                     r"ptdtbt|ptdtnt|pt|t\.?\s*h\.?|tieu hoc va trung hoc co so|th\s*&\s*thcs|th va thcs)\.?\s+")


def display_name(text: str) -> str:
    """A header line in capitals as a name reads: ``UBND XÃ VẠN THẮNG`` → ``UBND xã Vạn Thắng``: acronyms kept,
    the words of a place or school name capitalised, the rest in lower case."""
    words = text.split()
    out, proper = [], False
    for n, w in enumerate(words):
        core = w.strip(".,;:()")
        letters = [c for c in core if c.isalpha()]
        acronym = core and core.upper() == core and (len(letters) <= 5 and not decode.is_syllable(core)
                                                     or "&" in core or "." in core.strip("."))
        key = fold(core)
        if acronym:
            out.append(w)
        elif proper:
            out.append(w[:1].upper() + w[1:].lower())
        else:
            out.append(w.lower())
        if key in ("xa", "phuong", "huyen", "quan", "tinh", "tran", "pho", "khu", "thon", "ban", "ap", "to") and n:
            proper = key not in ("ban", "to") or fold(words[n - 1]) in ("thon", "khu", "xom")
        if _SCHOOL.match(fold(" ".join(words[:n + 1])) + " "):
            proper = True
    # an agency's name after its kind: its first word, and each after "," or "và" (Bộ Văn hóa, Thể thao và Du lịch)
    keys = [fold(w.strip(".,;:()")) for w in words]
    agency = False
    for n, key in enumerate(keys):
        if agency and out[n] == out[n].lower() and (fold(words[n - 1]) in ("bo", "so", "phong", "cuc", "vu", "ban")
                                                    or words[n - 1].endswith(",") or keys[n - 1] == "va"):
            out[n] = out[n][:1].upper() + out[n][1:]
        agency = agency or key in ("bo", "so", "phong", "cuc", "vu") or key == "ban" and n == 0
        if key == "chinh" and n + 1 < len(keys) and keys[n + 1] == "phu":
            out[n] = out[n][:1].upper() + out[n][1:]
    name = " ".join(out)
    return name[:1].upper() + name[1:]


def _column_issuer(h: header.Header, units: _Units) -> tuple[Found | None, Found | None]:
    """The issuing body from the header's left column: its last line (a body named over two lines is joined:
    ``ỦY BAN NHÂN DÂN`` / ``TỈNH THANH HÓA``; a body the column names without its place takes its parent's:
    ``UBND XÃ VẠN THẮNG`` / ``HỘI ĐỒNG TĐ–KT`` → Hội đồng TĐ–KT xã Vạn Thắng), and its territorial unit."""
    column = [c for c in h.column if re.search(r"[A-Za-zÀ-ỹĐđ]{2}", c.value)]
    if not column:
        return None, None
    texts = [c.value.strip(" -–_*") for c in column]
    last = len(texts) - 1
    issuer_text, line = texts[last], column[last].line
    parent = texts[last - 1] if last >= 1 else ""
    if last >= 1 and _KIND_WORD.match(fold(texts[last]) + " ") and _BARE_BODY.match(fold(texts[last - 1]).strip()):
        issuer_text, parent = f"{texts[last - 1]} {texts[last]}", texts[last - 2] if last >= 2 else ""
    key = fold(issuer_text)
    if (_BARE_BODY.match(key.strip()) or _PLACELESS.match(key)) and parent and not _KIND_WORD.search(key + " "):
        place = _KIND_WORD.search(fold(parent) + " ")
        if place:
            issuer_text = f"{issuer_text} {parent[place.start():].strip()}"
    issuer_text = _unglue(issuer_text)
    name = display_name(issuer_text)
    why = "the last line of the header's left column" + (f", under {parent!r}" if parent else "")
    if _CENTRAL.match(fold(issuer_text)):
        return units.r.found(name, _at_line(units.r.lines, line), why), Found(
            line=line, why="a central body: no territorial unit")
    unit = _unit_of(issuer_text, parent, h, units, line)
    toks = tokens(issuer_text, False)
    bodies = units.bodies(toks, False)
    if bodies and bodies[0][0] == 0 and unit.value is not None and not _SCHOOL.match(fold(issuer_text) + " "):
        start, end, body, _ = bodies[0]
        rest = fold(" ".join(t.text for t in toks[end:]))
        own_place = rest == "" or rest == fold(f"{unit.value.kind} {unit.value.name}")
        if own_place or _KIND_WORD.match(rest + " "):
            name = f"{body} {unit.value.kind.lower()} {unit.value.name}"
    return units.r.found(name, _at_line(units.r.lines, line), why), unit


_AUTHORITY_LINE = re.compile(r"^(?:(chu tich|pho chu tich) )?(uy ban nhan dan (?:tinh|thanh pho|huyen|quan|thi xa|xa|phuong|"
                             r"thi tran) .+)$|^(thu tuong chinh phu)$|^bo truong (bo .+)$|^giam doc (so .+)$|"
                             r"^hieu truong (truong .+)$|^(chinh phu)$")


def _authority_issuer(lines: list[tuple[int, str]], h: header.Header, units: _Units) -> tuple[Found | None, Found | None]:
    """A decision whose header is lost still names who decides, in capitals after its title: ``THỦ TƯỚNG CHÍNH
    PHỦ``, ``BỘ TRƯỞNG BỘ THƯƠNG MẠI``, ``CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH CÀ MAU``: the body it speaks for."""
    start = h.heading_end if h.heading is not None else 0
    for i in range(start, min(start + 8, len(lines))):
        line, text = lines[i]
        t = text.strip(" _-–")
        if not t or not header._caps(t) or len(t) > 120:
            continue
        m = _AUTHORITY_LINE.match(fold(t))
        if not m:
            continue
        body_key = next(g for g in m.groups()[1:] if g)
        words = t.split()
        body = " ".join(words[len(words) - len(body_key.split()):])
        name = display_name(body)
        why = f"the authority that decides, {t!r}, after the title (the header is missing)"
        issuer = Found(value=name, line=line, why=why, review=True)
        if _CENTRAL.match(fold(body)):
            return issuer, Found(line=line, why="a central body: no territorial unit")
        return issuer, _unit_of(body, "", h, units, line)
    return None, None


def _news_place(lines: list[tuple[int, str]], units: _Units) -> Found:
    """The unit a news article is about: the first one its headline or opening lines name (flagged)."""
    for i, (line, text) in enumerate(lines[:8]):
        for m in units.scan(tokens(text, False), i, text):
            unit, why = units.pick(m.units)
            if unit is not None:
                return Found(value=unit, line=line, review=True,
                             why=f"the first unit the article names, {m.text!r}: the place it is about? {why}")
    return Found(why="the article names no unit in its first lines", review=True)


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
        m = header._NUMERIC_DATE.search(meta["ngay ban hanh"].value)
        if m:
            try:
                d = dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
                issued = flagged(meta["ngay ban hanh"], PartialDate(year=d.year, month=d.month, day=d.day))
            except ValueError:
                pass
    if issuer.value is None and "co quan ban hanh" in meta:
        issuer = flagged(meta["co quan ban hanh"], meta["co quan ban hanh"].value)
    return number, doc_type, issued, issuer


def _unit_of(issuer: str, parent: str, h: header.Header, units: _Units, line: int) -> Found:
    """The territorial unit of an issuing body: the place its name gives; a school's commune (by the school's
    name, within the district its parent names); else the parent's place; else the place of the date line."""
    def mentions(text: str) -> list:
        return units.scan(tokens(text, units.r.damaged), -1, text) if text else []

    own = mentions(display_name(issuer))
    parent_m = mentions(display_name(parent))
    if own:
        return _picked(units, own[0], line, "the issuing body's name")
    school = _SCHOOL.match(fold(issuer) + " ")
    if school:
        name = re.sub(r"\s*(?:so\s*)?\d+$", "", fold(issuer)[school.end():].strip())
        district = next((u for m in parent_m for u in m.units if u.level.value == "huyen"), None)
        found = _commune_named(units, name, district, parent)
        if found is not None:
            return Found(value=found, line=line, why=f"the school's commune, {found.kind.lower()} {found.name}, in "
                                                     f"{parent!r}")
    if parent_m:
        return _picked(units, parent_m[0], line, "the body above it in the header")
    if h.place is not None:
        place = mentions(h.place.value)
        if place:
            return _picked(units, place[0], line, "the place of the date line")
        if _BARE_BODY.match(fold(issuer).strip()):  # "ỦY BAN NHÂN DÂN" / "Tuyên Quang, ngày …": a province's
            named = [u for u in units.g.units.values() if u.level.value == "tinh" and fold(u.name) == fold(h.place.value)]
            if named and any(re.search(r"(?:uy ban nhan dan|ubnd) tinh\b", fold(t)) for _, t in units.r.lines[:40]):
                unit, why = units.pick(tuple(named))
                if unit is not None:
                    return Found(value=unit, line=line, review=True,
                                 why=f"the place of the date line, {h.place.value!r}, names a province, and the text "
                                     f"speaks of its provincial committee; {why}")
    return Found(line=line, why="the header names no territorial unit", review=True)


def _picked(units: _Units, m, line: int, where: str) -> Found:
    unit, why = units.pick(m.units)
    if unit is None:
        return Found(line=line, why=f"{m.text!r} in {where}: {why}", review=True)
    return Found(value=unit, line=line, why=f"{m.text!r} in {where}; {why}")


def _commune_named(units: _Units, name: str, district, parent: str):
    """The commune of a school's name within ``district`` (or the district its parent names by name alone)."""
    if not name:
        return None
    parent_key = fold(parent)
    found = []
    for u in units.g.units.values():
        if u.level.value != "xa" or fold(u.name) != name:
            continue
        up = units.g.get(u.parent_id) if u.parent_id else None
        if district is not None and up is not None and up.id == district.id:
            found.append(u)
        elif district is None and up is not None and fold(up.name) and fold(up.name) in parent_key:
            found.append(u)
    if units.when:
        era = Era.FROM_2025 if units.when >= REORGANISATION else Era.BEFORE_2025
        found = [u for u in found if u.era is era] or found
    return found[0] if len(found) == 1 else None


# --------------------------------------------------------------------------- the issuing unit


@dataclass(frozen=True, slots=True)
class _Mention:
    units: tuple[Unit, ...]
    index: int  # line index
    end: int  # token after the name
    text: str  # as printed: "phuong Long Xuyén"


_INDEXES: dict[tuple[int, bool], tuple] = {}


def _index(g: Gazetteer, damaged: bool) -> tuple[tuple, dict]:
    """(kind words as keys → kind, {(kind, name keys): units}), built once per gazetteer and mode."""
    cache_key = (id(g.units), damaged)
    if cache_key not in _INDEXES:
        names: dict[tuple, list[Unit]] = {}
        for u in g.units.values():
            names.setdefault((u.kind.lower(), keys(u.name, damaged)), []).append(u)
        kinds = tuple(sorted(((keys(k, damaged), k) for k in KINDS), key=lambda x: -len(x[0])))
        _INDEXES[cache_key] = (kinds, {k: tuple(v) for k, v in names.items()})
    return _INDEXES[cache_key]


class _Units:
    def __init__(self, r: _Reader, g: Gazetteer, signatures: tuple[Signature, ...], when: dt.date | None):
        self.r, self.g, self.signatures, self.when = r, g, signatures, when
        self.kinds, self.names = _index(g, r.damaged)
        self.mentions = [m for i in range(len(r.lines)) for m in self.scan(r.toks[i], i, r.lines[i][1])]
        self.stamp_toks = [(s, tokens(s.signer, False)) for s in signatures]
        self.mentioned = {u.id for m in self.mentions for u in m.units}
        clean_kinds, clean_names = _index(g, False)
        for s, toks in self.stamp_toks:
            self.mentioned |= {u.id for m in self.scan(toks, -1, s.signer, (clean_kinds, clean_names)) for u in m.units}
        self.spelled = " ".join(" ".join(t.key for t in toks) for toks in r.toks)

    def scan(self, toks: list[Tok], index: int, text: str, index_=None) -> list[_Mention]:
        out, i = [], 0
        while i < len(toks):
            hit = self.mention_at(toks, i, index, text, index_)
            out += [hit] if hit else []
            i = hit.end if hit else i + 1
        return out

    def mention_at(self, toks: list[Tok], i: int, index: int, text: str, index_=None) -> _Mention | None:
        """A unit named from token i on: a kind word and a capitalised name the gazetteer has."""
        kinds, names = index_ or (self.kinds, self.names)
        for kk, kind in kinds if i < len(toks) and toks[i].text[:1].isalpha() else ():
            if at(toks, i, kk):
                j = i + len(kk)
                for n in (4, 3, 2, 1):
                    name = toks[j:j + n]
                    units = names.get((kind, tuple(t.key for t in name))) if len(name) == n else None
                    if units and all(t.text[:1].isupper() for t in name):
                        return _Mention(units, index, j + n, text[toks[i].start:name[-1].end])
                return None
        return None

    def bodies(self, toks: list[Tok], damaged: bool) -> list[tuple[int, int, str, str]]:
        out = []
        for i in range(len(toks)):
            for forms, name, spelled in BODIES:
                fk = next((keys(f, damaged) for f in forms if at(toks, i, keys(f, damaged))), None)
                if fk and not any(a <= i < b for a, b, _, _ in out):
                    abbreviated = len(fk) < len(keys(name, damaged))
                    spelled_out = " ".join(keys(spelled, self.r.damaged)) in self.spelled
                    printed = " ".join(t.text for t in toks[i:i + len(fk)])
                    out.append((i, i + len(fk), name if not abbreviated or spelled_out else printed, name))
        return out

    def issuer_and_unit(self, heading: int, number: Found, issued: Found) -> tuple[Found, Found]:
        r = self.r
        stop = next((i for i, (line, _) in enumerate(r.lines[:12])
                     if i == heading or line in (number.line, issued.line)), 0)
        for i in range(stop - 1, -1, -1):  # the header, last body first
            fragment = _without_national(r.lines[i][1])
            toks = tokens(_unglue(fragment) if not r.damaged else fragment, r.damaged)
            bodies = self.bodies(toks, r.damaged)
            if bodies:
                start, end, body, _ = bodies[-1]
                mentions = [m for m in self.scan(toks, i, fragment) if m.end > end]
                for j in range(i + 1, stop):  # "ỦY BAN NHÂN DÂN" / "PHƯỜNG LONG XUYÊN"
                    mentions += self.scan(r.toks[j], j, r.lines[j][1]) if not mentions else []
                for j in range(i, -1, -1):  # "UBND THỊ TRẤN HÀ TRUNG" / "HĐ THI ĐUA – KHEN THƯỞNG"
                    mentions += self.scan(r.toks[j], j, r.lines[j][1]) if not mentions else []
                if mentions:
                    return self.resolve(body, mentions[0], "the header")
                return Found(value=_sentence(fragment, r.damaged), line=r.lines[i][0], why="the header",
                             review=True), Found(why="the header names no territorial unit", review=True)
        for s, toks in self.stamp_toks:  # "ỦY BAN NHÂN DÂN XÃ TÂN VIỆT<…@…> đã ký"
            for start, end, body, _ in self.bodies(toks, False):
                clean = _index(self.g, False)
                mentions = [m for m in self.scan(toks, -1, s.signer, clean) if m.end > end]
                if mentions:
                    return self.resolve(body, mentions[0], "the digital-signature stamp")
        verbs = [keys(v, r.damaged) for v in SELF_VERBS]
        nameless = None
        for i, toks in enumerate(r.toks):  # "Ủy ban nhân dân phường Mỹ Quý báo cáo …"
            for start, end, body, _ in self.bodies(toks, r.damaged):
                m = self.mention_at(toks, end, i, r.lines[i][1])
                after = m.end if m else end
                kind = next((k for kk, k in self.kinds if at(toks, end, kk)), None)
                if m and any(at(toks, after, v) for v in verbs):
                    return self.resolve(body, m, "the sentence where the unit names itself")
                if not m and kind and any(at(toks, end + len(keys(kind, r.damaged)), v) for v in verbs):
                    nameless = nameless or (body, kind, i)
        if nameless:  # "UBND huyện báo cáo …": the unit of that kind the text names most
            body, kind, i = nameless
            counts = Counter(m.units for m in self.mentions if m.units[0].kind.lower() == kind)
            ranked = counts.most_common(2)
            if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
                best = next(m for m in self.mentions if m.units == ranked[0][0])
                return self.resolve(body, best, f"'{body} {kind}' reports, and the text names this {kind} most")
        return Found(why="the issuing body is not named in the text", review=True), Found(
            why="the issuing unit is not named in the text", review=True)

    def resolve(self, body: str, m: _Mention, where: str) -> tuple[Found, Found]:
        line = self.r.lines[m.index][0] if m.index >= 0 else 0
        unit, why = self.pick(m.units)
        printed = " ".join(w if i else w.lower() for i, w in enumerate(m.text.split()))
        if unit is None:
            kind, name = printed.split(" ", 1) if " " in printed else (printed, "")
            issuer = Found(value=f"{body} {kind.lower()} {name.title() if _caps(name) else name}", line=line,
                           why=f"named in {where}", review=True)
            return issuer, Found(line=line, why=f"{m.text!r} in {where}: {why}", review=True)
        issuer = Found(value=f"{body} {unit.kind.lower()} {unit.name}", line=line, why=f"named in {where}")
        return issuer, Found(value=unit, line=line, why=f"{m.text!r} in {where}; {why}")

    def pick(self, units: tuple[Unit, ...]) -> tuple[Unit | None, str]:
        """The unit the evidence points to, or None when it cannot decide."""
        if self.when:
            era = Era.FROM_2025 if self.when >= REORGANISATION else Era.BEFORE_2025
            units = tuple(u for u in units if u.era is era)
        if not units:
            return None, "no unit of that name existed on the report's date"
        scored = sorted(((self.evidence(u), u) for u in units), key=lambda x: -x[0][0])
        (score, why), unit = scored[0]
        if len(scored) > 1 and scored[1][0][0] == score:
            names = "; ".join(f"{u.full_name} ({u.id}, {self._parents(u)})" for (s, _), u in scored if s == score)
            return None, f"cannot decide between {names}"
        return unit, why or "the only unit of that name in the gazetteer"

    def _parents(self, u: Unit) -> str:
        chain = [self.g.get(u.parent_id), self.g.get(u.province_id) if u.province_id != u.parent_id else None]
        return ", ".join(p.full_name for p in chain if p) or "a province"

    def evidence(self, u: Unit) -> tuple[int, str]:
        parent, province = self.g.get(u.parent_id) if u.parent_id else None, self.g.get(u.province_id)
        score, why = 0, []
        if parent and parent.id in self.mentioned and parent.id != u.id:
            score, why = score + 3, why + [f"the text names {parent.full_name}"]
        if province and province.id in self.mentioned and province.id != u.id:
            score, why = score + 2, why + [f"the text names {province.full_name}"]
        for s in self.signatures:
            local, _, domain = s.email.lower().partition("@")
            parts = set(local.split(".")) | set(domain.split("."))
            if parent and _key(parent.name) in parts and _key(u.name) in parts:
                score, why = score + 4, why + [f"the e-mail {s.email} names {u.name} and {parent.name}"]
                break
        return score, "; ".join(why)
