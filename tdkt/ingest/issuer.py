"""Who issued a document and its territorial unit: from the header's left column (``column_issuer``), or from
the sentence where a unit names itself (``Units.issuer_and_unit``, the reading tuned on the seeds and OCR text);
the gazetteer decides between units of one name by the evidence the text gives. The authority a decision
names when its header is lost and a news article's place: ``tdkt.ingest.authority``. Pure.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from tdkt.catalog.gazetteer import Gazetteer, _key
from tdkt.ingest import header
from tdkt.ingest.address import AMBIGUOUS, Named
from tdkt.ingest.reading import BODIES, KINDS, RESPACED, SELF_VERBS, Found, caps, sentence, unglue, without_national
from tdkt.model import REORGANISATION, Era, Signature, Unit
from tdkt.text import decode
from tdkt.text.collate import fold
from tdkt.text.decode import Tok, at, keys, tokens


def at_line(lines: list[tuple[int, str]], line: int) -> int:
    """The index in ``lines`` of text line ``line`` (its first piece)."""
    return next((i for i, (n, _) in enumerate(lines) if n == line), -1)


CENTRAL = re.compile(r"^(?:bo (?!chi huy|doi bien phong)|chinh phu|thu tuong|quoc hoi|uy ban thuong vu quoc hoi|ban thi dua khen thuong trung|"
                      r"ban chap hanh trung uong|trung uong|tong lien doan|hoi dong thi dua khen thuong trung uong|"
                      r"van phong chinh phu|chu tich nuoc|vien kiem sat nhan dan toi cao|toa an nhan dan toi cao)")
# The unit's reason when the issuer is a central body (a ministry, the Government): report.yml then says
# issuer_level: "trung-uong" (tdkt.ingest.folders compares the reason with this one).
CENTRAL_WHY = "cơ quan trung ương: không thuộc đơn vị hành chính nào"
FROM_A_SENTENCE = "lấy từ một câu trong nội dung, không phải từ phần đầu văn bản: cần đối chiếu"
UNKNOWN_KIND = ("tên này không mở đầu bằng một loại cơ quan quen thuộc (ủy ban, sở, phòng, trường, hội, đảng ủy…): "
                "có thể không phải tên cơ quan ban hành, cần đối chiếu")
_BARE_BODY = re.compile(r"^(?:uy ban nhan dan|ubnd|hoi dong nhan dan|hdnd|hoi dong thi dua\s*[-–]?\s*khen thuong|"
                        r"hd\s*td\s*[-–]?\s*kt|hoi dong td\s*[-–]?\s*kt|hdtdkt|ban thi dua\s*[-–]?\s*khen thuong|"
                        r"dang uy|ban chap hanh|ban thuong vu|van phong)$")
_PLACELESS = re.compile(r"^(?:so|phong|ban|van phong|trung tam|hoi dong|thanh tra) ")
_KIND_WORD = re.compile(r"\b(?:thi tran|thi xa|thanh pho|dac khu|phuong|xa|huyen|quan|tinh|tp\.?)\s")
# bodies of a school that name it after them: its Pioneers' and Youth Union's branches, its trade union, its Party cell
_IN_SCHOOL = re.compile(r"^(?:lien doi|chi doan|bch doan|ban chap hanh doan|doan|cong doan co so|cong doan|cdcs|cd|"
                        r"chi bo|to chuyen mon [^,]*? )\s*(?=truong\b)")
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
        if key in ("xa", "phuong", "huyen", "quan", "tinh", "tran", "pho", "khu", "thon", "ban", "ap", "to",
                   "thpt", "thcs", "th", "mn", "mg", "ptdtbt", "ptdtnt", "ptth", "tx", "tp", "tt") and n:  # a name after its kind
            proper = key not in ("ban", "to") or fold(words[n - 1]) in ("thon", "khu", "xom")
        if _SCHOOL.match(fold(" ".join(words[:n + 1])) + " "):
            proper = True
        if key in ("uy", "doan") and n and fold(words[n - 1]) in ("huyen", "tinh", "thanh", "quan", "thi"):
            proper = True  # Huyện ủy Thanh Chương, Tỉnh đoàn Quảng Ngãi
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
    name = re.sub(r"\bviệt nam\b", "Việt Nam", " ".join(out))
    return name[:1].upper() + name[1:]


def column_issuer(h: header.Header, units: Units) -> tuple[Found | None, Found | None, Found]:
    """The issuing body from the header's left column: its last line (a body named over two lines is joined:
    ``ỦY BAN NHÂN DÂN`` / ``TỈNH THANH HÓA``; a body the column names without its place takes its parent's:
    ``UBND XÃ VẠN THẮNG`` / ``HỘI ĐỒNG TĐ–KT`` → Hội đồng TĐ–KT xã Vạn Thắng), its territorial unit, and the body
    the column names above it (``UBND TỈNH SƠN LA`` over ``SỞ GIÁO DỤC VÀ ĐÀO TẠO``), as written."""
    column = [c for c in h.column if re.search(r"[A-Za-zÀ-ỹĐđ]{2}", c.value)]
    if not column:
        return None, None, Found()
    texts = [c.value.strip(" -–_*") for c in column]
    last = len(texts) - 1
    issuer_text, line = texts[last], column[last].line
    parent, parent_line = (texts[last - 1], column[last - 1].line) if last >= 1 else ("", 0)
    if last >= 1 and _KIND_WORD.match(fold(texts[last]) + " ") and _BARE_BODY.match(fold(texts[last - 1]).strip()):
        issuer_text = f"{texts[last - 1]} {texts[last]}"
        parent, parent_line = (texts[last - 2], column[last - 2].line) if last >= 2 else ("", 0)
    parent = re.sub(r"^[\d()\[\].\s]+", "", parent)  # a page counter left before the header: "(1)UBND HUYỆN …"
    above = Found(value=display_name(unglue(parent)), line=parent_line,
                  why="dòng trên cơ quan ban hành ở cột trái phần đầu văn bản") if parent else Found()
    key = fold(issuer_text)
    if re.fullmatch(r"(?:ban chap hanh|ban thuong vu|bch|btv)", key.strip()) and parent \
            and not re.match(r"(?:uy ban nhan dan|ubnd)\b", fold(parent)):
        issuer_text = f"{issuer_text} {parent}"  # "HỘI NÔNG DÂN TỈNH HÀ TĨNH" / "BAN THƯỜNG VỤ": the Hội's own
        key = fold(issuer_text)
    if (_BARE_BODY.match(key.strip()) or _PLACELESS.match(key)) and parent and not _KIND_WORD.search(key + " "):
        place = _KIND_WORD.search(fold(parent) + " ")
        if place:
            issuer_text = f"{issuer_text} {parent[place.start():].strip()}"
    issuer_text = unglue(issuer_text)
    name = display_name(issuer_text)
    why = "dòng cuối cột trái phần đầu văn bản" + (f", dưới {parent!r}" if parent else "")
    respaced = RESPACED in column[last].why
    why += f"; {RESPACED}" if respaced else ""
    if CENTRAL.match(fold(issuer_text)):
        return (units.r.found(name, at_line(units.r.lines, line), why, respaced), Found(line=line, why=CENTRAL_WHY),
                above)
    unit = unit_of(issuer_text, parent, h, units, line)
    toks = tokens(issuer_text, False)
    bodies = units.bodies(toks, False)
    if bodies and bodies[0][0] == 0 and unit.value is not None and not _SCHOOL.match(fold(issuer_text) + " "):
        start, end, body, _ = bodies[0]
        rest = fold(" ".join(t.text for t in toks[end:]))
        own_place = rest == "" or rest == fold(f"{unit.value.kind} {unit.value.name}")
        if own_place or _KIND_WORD.match(rest + " "):
            name = f"{body} {unit.value.kind.lower()} {unit.value.name}"
    return units.r.found(name, at_line(units.r.lines, line), why, respaced), unit, above


def unit_of(issuer: str, parent: str, h: header.Header, units: Units, line: int) -> Found:
    """The territorial unit of an issuing body: the place its name gives; a school's commune (by the school's
    name, within the district its parent names); else the parent's place; else the place of the date line."""
    def mentions(text: str) -> list:
        text = spelled_kinds(text)
        return units.scan(tokens(text, units.r.damaged), -1, text) if text else []

    own = mentions(display_name(issuer))
    parent_m = mentions(display_name(parent))
    if own:
        return _picked(units, own[0], line, "tên cơ quan ban hành")
    in_school = " ".join(_IN_SCHOOL.sub("", fold(issuer)).split())  # "Liên đội trường TH …": the school's
    school = _SCHOOL.match(in_school + " ")
    if school:
        name = re.sub(r"\s*(?:so\s*)?\d+$", "", in_school[school.end():].strip())
        district = next((u for m in parent_m for u in m.units if u.level.value == "huyen"), None)
        found = _commune_named(units, name, district, parent)
        if found is not None:
            return Found(value=found, line=line, why=f"nơi trường đóng, {found.kind.lower()} {found.name}, thuộc "
                                                     f"{parent!r}")
    if parent_m:
        picked = _picked(units, parent_m[0], line, "tên cơ quan cấp trên ghi ở phần đầu văn bản")
        if school and picked.value is not None:  # a school's unit is its commune: its parent's is a guess above it
            return Found(value=picked.value, line=line, review=True,
                         why=f"{picked.why}; xã, phường nơi trường đóng chưa xác định: đối chiếu")
        return picked
    for text, where in ((issuer, "tên cơ quan ban hành"), (parent, "tên cơ quan cấp trên ghi ở phần đầu văn bản")):
        named = province_named(text, units.g)
        if named:
            unit, why = units.pick(named)
            if unit is not None:
                return Found(value=unit, line=line, why=f"tên tỉnh {unit.name!r} cuối {where}; {why}")
    if h.place is not None:
        place = mentions(h.place.value)
        if place:
            return _picked(units, place[0], line, "địa danh ở dòng ngày tháng")
        if _BARE_BODY.match(fold(issuer).strip()):  # "ỦY BAN NHÂN DÂN" / "Tuyên Quang, ngày …": a province's
            named = [u for u in units.g.units.values() if u.level.value == "tinh" and fold(u.name) == fold(h.place.value)]
            if named and any(re.search(r"(?:uy ban nhan dan|ubnd) tinh\b", fold(t)) for _, t in units.r.lines[:40]):
                unit, why = units.pick(tuple(named))
                if unit is not None:
                    return Found(value=unit, line=line, review=True,
                                 why=f"địa danh ở dòng ngày tháng, {h.place.value!r}, là tên một tỉnh, và văn bản "
                                     f"có nhắc Ủy ban nhân dân tỉnh; {why}")
    return Found(line=line, why="phần đầu văn bản không ghi đơn vị hành chính", review=True)


# the place a body's name gives by its kind: "Huyện ủy Thanh Chương" → huyện, "Tỉnh đoàn" → tỉnh, "TP. Pleiku"
_SPELLED = ((re.compile(r"\b(?:Huyện|HUYỆN) (?:ủy|uỷ|Ủy|Uỷ|ỦY|UỶ|đoàn|Đoàn|ĐOÀN)\s+(?=[A-ZÀ-ỸĐ0-9])"), "huyện "),
            (re.compile(r"\b(?:Quận|QUẬN) (?:ủy|uỷ|Ủy|Uỷ|ỦY|UỶ|đoàn|Đoàn|ĐOÀN)\s+(?=[A-ZÀ-ỸĐ0-9])"), "quận "),
            (re.compile(r"\b(?:Tỉnh|TỈNH) (?:ủy|uỷ|Ủy|Uỷ|ỦY|UỶ|đoàn|Đoàn|ĐOÀN)\s+(?=[A-ZÀ-ỸĐ])"), "tỉnh "),
            (re.compile(r"\b(?:Thành|THÀNH) (?:ủy|uỷ|Ủy|Uỷ|ỦY|UỶ|đoàn|Đoàn|ĐOÀN)\s+(?=[A-ZÀ-ỸĐ])"), "thành phố "),
            (re.compile(r"\b(?:Thị|THỊ) (?:ủy|uỷ|Ủy|Uỷ|ỦY|UỶ|đoàn|Đoàn|ĐOÀN)\s+(?=[A-ZÀ-ỸĐ])"), "thị xã "),
            (re.compile(r"\bTP(?:\.\s*|\s+)(?=[A-ZÀ-ỸĐ])"), "thành phố "),
            (re.compile(r"\bTX(?:\.\s*|\s+)(?=[A-ZÀ-ỸĐ])"), "thị xã "))


def spelled_kinds(text: str) -> str:
    """A body's name with the kind of its place spelled out, for the gazetteer's look-up (not for display)."""
    for pattern, kind in _SPELLED:
        text = pattern.sub(kind, text)
    return text


def province_named(text: str, g: Gazetteer) -> tuple[Unit, ...]:
    """The provinces whose name ends a body's name with no kind before it ("Sở Y tế Nghệ An", "CĐGD Quảng Trị");
    empty when the name ends otherwise."""
    key = fold(text).strip(" .,")
    if not key:
        return ()
    return tuple(u for u in g.units.values() if u.level.value == "tinh" and len(fold(u.name).split()) >= 2
                 and key.endswith(" " + fold(u.name)))


def _picked(units: Units, m, line: int, where: str) -> Found:
    unit, why = units.pick(m.units)
    if unit is None:
        return Found(line=line, why=f"{m.text!r} trong {where}: {why}", review=True)
    return Found(value=unit, line=line, why=f"{m.text!r} trong {where}; {why}")


def _commune_named(units: Units, name: str, district, parent: str):
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


class Units:
    """The units a text names, and how to pick one; ``r`` is extract's reader of the text (lines, tokens, damage)."""

    def __init__(self, r, g: Gazetteer, signatures: tuple[Signature, ...], when: dt.date | None,
                 address: Named = Named((), ()), source: str = ""):
        self.r, self.g, self.signatures, self.when = r, g, signatures, when
        self.address, self.source = address, source  # the units the page's web address names (tdkt.ingest.address)
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
                    if units and all(t.text[:1].isupper() or t.text.isdigit() for t in name):  # "Quận 6"
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
            fragment = without_national(r.lines[i][1])
            toks = tokens(unglue(fragment) if not r.damaged else fragment, r.damaged)
            bodies = self.bodies(toks, r.damaged)
            if bodies:
                start, end, body, _ = bodies[-1]
                mentions = [m for m in self.scan(toks, i, fragment) if m.end > end]
                for j in range(i + 1, stop):  # "ỦY BAN NHÂN DÂN" / "PHƯỜNG LONG XUYÊN"
                    mentions += self.scan(r.toks[j], j, r.lines[j][1]) if not mentions else []
                for j in range(i, -1, -1):  # "UBND THỊ TRẤN HÀ TRUNG" / "HĐ THI ĐUA – KHEN THƯỞNG"
                    mentions += self.scan(r.toks[j], j, r.lines[j][1]) if not mentions else []
                if mentions:
                    return self.resolve(body, mentions[0], "phần đầu văn bản")
                return Found(value=sentence(fragment, r.damaged), line=r.lines[i][0], why="phần đầu văn bản",
                             review=True), Found(why="phần đầu văn bản không ghi đơn vị hành chính", review=True)
        for s, toks in self.stamp_toks:  # "ỦY BAN NHÂN DÂN XÃ TÂN VIỆT<…@…> đã ký"
            for start, end, body, _ in self.bodies(toks, False):
                clean = _index(self.g, False)
                mentions = [m for m in self.scan(toks, -1, s.signer, clean) if m.end > end]
                if mentions:
                    return self.resolve(body, mentions[0], "chữ ký số")
        verbs = [keys(v, r.damaged) for v in SELF_VERBS]
        nameless = None
        for i, toks in enumerate(r.toks):  # "Ủy ban nhân dân phường Mỹ Quý báo cáo …"
            for start, end, body, _ in self.bodies(toks, r.damaged):
                m = self.mention_at(toks, end, i, r.lines[i][1])
                after = m.end if m else end
                kind = next((k for kk, k in self.kinds if at(toks, end, kk)), None)
                if m and any(at(toks, after, v) for v in verbs):  # a sentence of the body, not the header: checked
                    issuer, unit = self.resolve(body, m, "câu đơn vị tự nêu tên mình")
                    return Found(value=issuer.value, line=issuer.line, review=True,
                                 why=f"{issuer.why}; {FROM_A_SENTENCE}"), unit
                if not m and kind and any(at(toks, end + len(keys(kind, r.damaged)), v) for v in verbs):
                    nameless = nameless or (body, kind, i)
        if nameless:  # "UBND huyện báo cáo …": the unit of that kind the text names most
            body, kind, i = nameless
            counts = Counter(m.units for m in self.mentions if m.units[0].kind.lower() == kind)
            ranked = counts.most_common(2)
            if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
                best = next(m for m in self.mentions if m.units == ranked[0][0])
                return self.resolve(body, best, f"câu '{body} {kind} …' (văn bản nhắc {kind} này nhiều nhất)",
                                    guessed=True)
        return Found(why="văn bản không nêu tên cơ quan ban hành", review=True), Found(
            why="văn bản không nêu đơn vị hành chính của cơ quan ban hành", review=True)

    def resolve(self, body: str, m: _Mention, where: str, guessed: bool = False) -> tuple[Found, Found]:
        """The body and unit a mention gives; ``guessed``: the text does not say it is this unit's (the unit it
        names most), so both are flagged."""
        line = self.r.lines[m.index][0] if m.index >= 0 else 0
        unit, why = self.pick(m.units)
        printed = " ".join(w if i else w.lower() for i, w in enumerate(m.text.split()))
        if unit is None:
            kind, name = printed.split(" ", 1) if " " in printed else (printed, "")
            issuer = Found(value=f"{body} {kind.lower()} {name.title() if caps(name) else name}", line=line,
                           why=f"nêu trong {where}", review=True)
            return issuer, Found(line=line, why=f"{m.text!r} trong {where}: {why}", review=True)
        issuer = Found(value=f"{body} {unit.kind.lower()} {unit.name}", line=line, why=f"nêu trong {where}",
                       review=guessed)
        return issuer, Found(value=unit, line=line, why=f"{m.text!r} trong {where}; {why}", review=guessed)

    def pick(self, units: tuple[Unit, ...]) -> tuple[Unit | None, str]:
        """The unit the evidence points to, or None when it cannot decide."""
        if self.when:
            era = Era.FROM_2025 if self.when >= REORGANISATION else Era.BEFORE_2025
            units = tuple(u for u in units if u.era is era)
        if not units:
            return None, "vào ngày của văn bản không có đơn vị hành chính nào tên này"
        scored = sorted(((self.evidence(u), u) for u in units), key=lambda x: -x[0][0])
        (score, why), unit = scored[0]
        if len(scored) > 1 and scored[1][0][0] == score:
            names = "; ".join(f"{u.full_name} ({u.id}, {self._parents(u)})" for (s, _), u in scored if s == score)
            return None, f"{AMBIGUOUS} trong số: {names}"
        return unit, why or "đơn vị hành chính duy nhất có tên này trong danh mục"

    def _parents(self, u: Unit) -> str:
        chain = [self.g.get(u.parent_id), self.g.get(u.province_id) if u.province_id != u.parent_id else None]
        return ", ".join(p.full_name for p in chain if p) or "cấp tỉnh"

    def evidence(self, u: Unit) -> tuple[int, str]:
        parent, province = self.g.get(u.parent_id) if u.parent_id else None, self.g.get(u.province_id)
        score, why = 0, []
        if parent and parent.id in self.mentioned and parent.id != u.id:
            score, why = score + 3, why + [f"văn bản có nhắc {parent.full_name}"]
        if province and province.id in self.mentioned and province.id != u.id:
            score, why = score + 2, why + [f"văn bản có nhắc {province.full_name}"]
        named = {a.id for a in self.address.units}
        if named & {u.id, parent.id if parent else "", province.id if province else ""}:
            score, why = score + 4, why + [f"địa chỉ trang nguồn {self.source!r} có tên "
                                           + ", ".join(a.full_name for a in self.address.units)]
        for s in self.signatures:
            local, _, domain = s.email.lower().partition("@")
            parts = set(local.split(".")) | set(domain.split("."))
            if parent and _key(parent.name) in parts and _key(u.name) in parts:
                score, why = score + 4, why + [f"địa chỉ thư điện tử {s.email!r} có tên {u.name} và {parent.name}"]
                break
        return score, "; ".join(why)
