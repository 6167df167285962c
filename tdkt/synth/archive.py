"""Synthetic archives for benchmarks and scale tests: N realistic reports in the ``data/`` format.

Input: the sample archive (``data/``: ``vocab/`` and each report's ``report.yml`` and ``text.txt``),
the gazetteer, a report count and a ``random.Random``. Output: ``write_archive`` creates
``DIR/vocab/*.yml`` (copied), ``DIR/reports/<id>/{report.yml, original.txt, text.txt,
furniture.txt when lines were set aside}`` and a ``.synth`` marker; ``make_report`` is the pure
part (one report from the material and the rng). Same count and seed → byte-identical files.

A report recombines sections of the samples (clean ones for clean reports, OCR ones for OCR
reports): renumbered, years shifted, the sample's place names replaced by the report's unit (a
real gazetteer unit of the right era); header, movements, award statements and closing are
generated (OCR-damaged in OCR reports). ``original.txt`` is hard-wrapped, single- or
double-spaced or unwrapped, with page numbers and signature stamps; ``text.txt`` is what
``normalise(original).text`` gives. It is built directly, not by calling ``normalise`` (35 ms
a report): a line breaks only before a lower-case word that no rule of ``normalise`` reads as a
marker, header or furniture, after a word ending in a letter, digit or comma, so every wrap is
re-joined; tests check the equality. How it fails: ``SynthRefused`` when DIR is a non-empty
folder without the ``.synth`` marker (nothing is written); ``OSError`` from the disk.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import math
import random
import re
import shutil
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from tdkt.text.collate import slug
from tdkt.catalog.gazetteer import Gazetteer
from tdkt.model import REORGANISATION, BlockKind, Era, Level, Movement, Unit
from tdkt.text.normalise import BLOCK_PATTERNS, parse_blocks
from tdkt.problems import Problems
from tdkt.synth.awards import awards_yml, exemplar_yml, statements
from tdkt.catalog.vocab import parse_movements
from tdkt.catalog.yamlread import YMap, quoted, read_yaml

MARKER, WIDTHS = ".synth", (72, 80, 88)
_STRIP = {cp: b for cp in range(0xC0, 0x2000) if (b := unicodedata.normalize("NFD", chr(cp))[0]) != chr(cp)
          and b.isascii()} | {ord("đ"): "d", ord("Đ"): "D"}
# Folded words that may open a marker or header line of normalise: a wrapped line never starts with one.
_STOP = frozenset("phan so s0 s6 kinh noi cuc trang ubnd uy hdnd hoi hd dang pho chu tm kt tl tuq bao ke to thong "
                  "quyet huong chuong cong doc".split())
_NO_WRAP = re.compile(r"cong\s+hoa\s+xa\s+hoi|do\s*[-–]\s*hanh\s+phuc|@|^(?:s[o06]\s*:|noi\b|kinh\s+g|phan\b"
                      r"|(?:tm|kt|tl|tuq)\s*\.|[^\d,]{2,40},\s*ngay\b)")
_NGAY, _YEAR = re.compile(r",\s*ngay\b"), re.compile(r"(?<!\d)20\d\d(?!\d)")
_CONFUSE = {c: opts for chars, opts in (  # English-model OCR misreadings, as in the seeds (năm → nim, số → s6)
    ("ăằắẳẵặâầấẩẫậ", "aaid"), ("ưừứửữự", ("u", "w", "ir", "u")), ("ơờớởỡợ", "oéd"), ("êềếểễệ", "ée€¢"),
    ("ôồốổỗộ", "o6éd"), ("ã", "a34"), ("ủùúụũ", ("u", "ii", "t")), ("đ", "dd&")) for c in chars}
FAMILY = "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Trịnh Đào Mai Cao Hà Cù Liêu".split()
MIDDLE = "Văn Văn Đức Minh Quốc Hữu Xuân Thanh Ngọc Công Đình Quang Hồng Bá Trọng Mạnh Thị Thị Thị".split()
GIVEN = ("Bình Hào Hân Giang Hùng Dũng Tuấn Nam Sơn Hải Thắng Long Phúc Trung Thành Cường Nghĩa Quý Vinh Lộc Việt".split(),
         "Lan Hoa Hương Mai Linh Thủy Hiền Tâm Hà Nga Huệ Yến Thảo Loan Oanh".split())
THEMES = ("Đoàn kết, kỷ cương, sáng tạo, tăng tốc, hiệu quả",
          "Đoàn kết, đổi mới, sáng tạo, thích ứng linh hoạt, tăng trưởng bứt phá")
FIELDS = ("công tác phòng, chống thiên tai", "công tác phòng, chống dịch bệnh", "phong trào xây dựng nông thôn mới",
          "công tác bảo đảm an ninh, trật tự", "hoạt động văn hóa, thể thao", "công tác cải cách hành chính")
SIGNED = ((("TM. HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", "CHỦ TỊCH"), "TM. Hội đồng Thi đua - Khen thưởng / Chủ tịch"),
          (("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"), "TM. Ủy ban nhân dân / Chủ tịch"), (("CHỦ TỊCH",), "Chủ tịch"),
          (("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"), "KT. Chủ tịch / Phó Chủ tịch"), ((), ""))  # as printed, as in report.yml
STAMP = "CỤC CHỨNG THỰC SỐ VÀ BẢO MẬT THÔNG TIN - ĐT: 0243.7738668; Fax: 0243.7738668; Email: ca@bcy.gov.vn"


class SynthRefused(RuntimeError):
    pass


def _fold(s: str) -> str:
    return s.translate(_STRIP).lower()


def _break_ok(words: list[str]) -> list[bool]:
    """ok[k]: a wrapped line may start at word k (see the module docstring)."""
    text = " ".join(words)
    folded, ok = _fold(text), [False] * len(words)
    if _NO_WRAP.search(folded) or sum(map(str.isupper, text[:300])) * 2 >= sum(map(str.isalpha, text[:300])):
        return ok  # a header, a caps heading, a stamp: never wrapped
    ngays = [m.start() for m in _NGAY.finditer(folded)]
    pos, end, prev = len(words[0]) + 1, len(text) - 30, words[0][-1]
    for k, (w, f) in enumerate(zip(words[1:], folded.split(" ")[1:]), 1):
        ok[k] = (w[0].islower() and (prev.isalnum() or prev == ",") and pos <= end and f.rstrip(":.,;") not in _STOP
                 and not (len(w) == 2 and w[1] == ")") and not (ngays and any(pos <= p < pos + 70 for p in ngays)))
        pos, prev = pos + len(w) + 1, w[-1]
    return ok


def _wrap(words: list[str], ok: list[bool], width: int) -> tuple[tuple[int, int], ...]:
    """Greedy: the longest line up to ``width`` ending at an allowed break (longer if none)."""
    out, start, n = [], 0, len(words)
    while True:
        length, best, k = len(words[start]), None, start + 1
        while k < n and (length <= width or best is None):
            if ok[k]:
                best = k
                if length > width:
                    break
            length, k = length + 1 + len(words[k]), k + 1
        if best is None or k >= n and length <= width:
            return (*out, (start, n))
        out.append((start, best))
        start = best


# --------------------------------------------------------------------------- material


@dataclass(frozen=True, slots=True)
class Piece:
    """A block of a sample's text.txt: its words, wraps by width, and what to rewrite in it."""

    words: tuple[str, ...]
    lines: dict  # width → ((first word, end word), ...)
    seed: int
    subs: tuple  # (first word, end word, lead, trail, role, with kind, in capitals, capitalised): place names
    renumber: bool  # starts "1.1." or deeper: its first number becomes its section's
    size: int
    years: tuple[int, ...]  # the words with a year in them


@dataclass(frozen=True, slots=True)
class Section:
    title: Piece  # heading without its marker
    pieces: tuple[Piece, ...]
    phase: int  # 0 results, 1 assessment, 2 direction, 3 organisation
    plan: bool  # from a kế hoạch
    size: int


@dataclass(frozen=True, slots=True)
class Material:
    sec2: dict  # (ocr, phase) → [Section]: I., II. with their lead blocks
    sec3: dict  # (ocr, phase) → [Section]: 1., 2.
    seeds: tuple  # per sample: (the year it reports on, {role: (kind, name)})
    movements: tuple[Movement, ...]
    units: dict  # "old-xa", "old-huyen", "new-xa" → [Unit]
    gazetteer: Gazetteer
    vocab: Path


def _phase(title: str) -> int:
    t = re.sub(r"[^a-z ]", "", _fold(title))
    for phase, words in ((0, "ket qua"), (3, "to chuc thuc hien|kien nghi|de xuat"), (1, "anh gia|nhan xet|han che"),
                         (2, "phuong huong|nhiem vu|giai phap|muc tieu|noi dung")):
        if re.search(words, t):
            return phase
    return 0


def _piece(text: str, seed: int, roles: dict) -> Piece:
    words = text.split(" ")
    core = [re.sub(r"^\W+|\W+$", "", _fold(w)) for w in words]
    subs, used = [], set()
    for with_kind in (True, False):  # "thị trấn Hà Trung" is the unit, "huyện Hà Trung" its district
        for role, (kind, name) in roles.items():
            nw, kw = _fold(name).split(), _fold(kind).split() if with_kind else []
            for j0 in range(len(words) - len(kw) - len(nw) + 1):
                j1 = j0 + len(kw) + len(nw)
                if core[j0:j1] == kw + nw and not used & set(range(j0, j1)):
                    lead, trail = re.match(r"\W*", words[j0])[0], re.search(r"\W*$", words[j1 - 1])[0]
                    span = " ".join(words[j0:j1])
                    subs.append((j0, j1, lead, trail, role, with_kind, span.upper() == span, span[len(lead):][:1].isupper()))
                    used |= set(range(j0, j1))
    ok = _break_ok(words)
    for j0, j1, *_ in subs:  # a name is replaced whole: no line starts inside it
        ok[j0 + 1:j1] = [False] * (j1 - j0 - 1)
    return Piece(tuple(words), {w: _wrap(words, ok, w) for w in WIDTHS}, seed, tuple(sorted(subs)),
                 bool(re.match(r"\d{1,2}\.\d", text)), len(text.encode()) + 2,
                 tuple(k for k, w in enumerate(words) if _YEAR.search(w)))


def load_material(data: Path, gazetteer: Gazetteer) -> Material:
    """Read the samples and the movements of ``data`` (the input edge) and cut them into sections."""
    problems, sec2, sec3, seeds = Problems(), {}, {}, []
    path = data / "vocab" / "movements.yml"
    movements = parse_movements(read_yaml(path.read_text(encoding="utf-8"), str(path), problems), str(path), problems)
    for folder in sorted(p for p in (data / "reports").iterdir() if (p / "text.txt").is_file()):
        meta = read_yaml((folder / "report.yml").read_text(encoding="utf-8"), str(folder), problems)
        value = lambda key, m=meta: getattr(m.get(key), "value", "")  # noqa: E731
        if not isinstance(meta, YMap) or not (unit := gazetteer.get(value("unit"))):
            continue
        ocr, plan, seed = value("text_quality") != "clean", value("doc_type") == "ke-hoach", len(seeds)
        parent = gazetteer.get(unit.parent_id)
        district = unit if unit.level is Level.DISTRICT else parent if parent.level is Level.DISTRICT else None
        roles = {role: (u.kind, u.name) for role, u in (("unit", unit), ("district", district),
                                                         ("province", gazetteer.get(unit.province_id))) if u}
        seeds.append((int(meta.get("period").get("year").value), roles))
        blocks = parse_blocks((folder / "text.txt").read_text(encoding="utf-8"))
        start = next((i for i, b in enumerate(blocks) if b.kind is BlockKind.HEADING and b.rank <= 2), len(blocks))
        cur2 = cur3 = None  # [title, pieces, phase, plan]: the open section and subsection
        for b in blocks[start:]:
            if re.match(r"tren day|noi nh", _fold(b.text)):
                break  # the closing is generated
            if b.kind is BlockKind.HEADING and (b.rank <= 2 or b.rank == 3 and cur2):
                marker = next(m for k, r, p in BLOCK_PATTERNS if k is b.kind and r == b.rank and (m := p.match(b.text)))
                title = _piece(b.text[marker.end():].strip(), seed, roles)
                cur3 = [title, [], cur2[2] if b.rank == 3 else _phase(b.text), plan]
                if b.rank <= 2:  # a PHẦN only closes what is open
                    cur2, cur3 = (cur3 if b.rank == 2 else None), None
                if b.rank == 2 or cur3 and not re.match(r"(cong tac |ket qua )?khen th", _fold(" ".join(title.words))):
                    (sec2 if b.rank == 2 else sec3).setdefault((ocr, (cur3 or cur2)[2]), []).append(cur3 or cur2)
                continue  # (award sections are left out: awards are generated)
            letters = [c for c in b.text if c.isalpha()]
            if cur2 is None or b.kind is BlockKind.PARAGRAPH and (
                    sum(c.isupper() for c in letters) * 2 > len(letters) or not (b.text[0].isupper() or b.text[0].isdigit())):
                continue  # outside a section, a part title in capitals, or a block normalise could join to another
            (cur3 or cur2)[1].append(_piece(b.text, seed, roles))
    sized = lambda d: {k: [Section(t, tuple(ps), phase, plan, sum(p.size for p in ps) + t.size)  # noqa: E731
                           for t, ps, phase, plan in v] for k, v in d.items()}
    units = {"old-xa": [], "old-huyen": [], "new-xa": []}
    for u in gazetteer.units.values():
        if u.level is not Level.PROVINCE:
            units[f"{'old' if u.era is Era.BEFORE_2025 else 'new'}-{u.level.value}"].append(u)
    return Material(sized(sec2), sized(sec3), tuple(seeds), movements, units, gazetteer, data / "vocab")


# --------------------------------------------------------------------------- one report


@dataclass(slots=True)
class _Block:
    lines: list[str]  # as printed in the original
    text: str  # as in text.txt
    tight: bool = False  # no blank line before it (single-spaced layouts)


class Synth(NamedTuple):
    id: str  # the report folder's name
    files: dict  # file name → bytes
    quality: str
    exemplars: dict = {}  # exemplar id → its data/exemplars/<id>.yml bytes


def _ocr(text: str, rng: random.Random, rate: float) -> str:
    """English-model OCR damage: marks dropped, some letters misread (never a word's first)."""
    out = []
    for word in text.split(" "):
        if word and rate and rng.random() < rate:
            out.append(("P" if word[0] == "Đ" else word[0].translate(_STRIP)) + "".join(
                rng.choice(_CONFUSE[c]) if c in _CONFUSE else c.translate(_STRIP) for c in word[1:]))
        else:
            out.append(word.translate(_STRIP))
    return " ".join(out)


class _Writer:
    """The blocks of one report: each printed as lines, and kept as its normalised text."""

    def __init__(self, mat: Material, rng: random.Random, ocr: bool, style: str, year: int, roles: dict):
        self.mat, self.rng, self.ocr, self.style, self.year, self.roles = mat, rng, ocr, style, year, roles
        self.width, self.blocks, self.splits = rng.choice(WIDTHS), [], 2
        self.placed: dict[str, int] = {}  # generated sentence → its block number

    def plain(self, text: str) -> str:  # as an OCR report prints it: no marks
        return text.translate(_STRIP) if self.ocr else text

    def line(self, raw: str, tight: bool = False) -> None:
        self.blocks.append(_Block([raw], re.sub(r"\s+", " ", raw).strip(), tight))

    def text(self, sentence: str, tight: bool = False, rate: float = 0.25, keep: str = "") -> None:
        """A generated block, OCR-damaged in an OCR report (``keep`` only loses its marks)."""
        if self.ocr:
            sentence = _ocr(sentence.replace(keep, "\x00") if keep else sentence, self.rng, rate)
            sentence = sentence.replace("\x00", keep.translate(_STRIP))
        words = sentence.split(" ")
        self._add(words, _wrap(words, _break_ok(words), self.width), tight)

    def piece(self, piece: Piece, number: int | None = None) -> None:
        self._add(self._render(piece, number), piece.lines[self.width], False)

    def heading(self, marker: str, title: Piece | str) -> None:
        words = self.plain(title).split(" ") if isinstance(title, str) else self._render(title, None)
        self.line(" ".join([marker, *(w for w in words if w)]))

    def _render(self, piece: Piece, number: int | None) -> list[str]:
        words, base = list(piece.words), self.mat.seeds[piece.seed][0]
        if shift := self.year - base:  # the sample's year and the years either side follow the report's
            for k in piece.years:
                words[k] = _YEAR.sub(lambda m: str(int(m[0]) + shift) if abs(int(m[0]) - base) <= 1 else m[0], words[k])
        for j0, j1, lead, trail, role, with_kind, upper, cap in piece.subs:
            kind, name = self.roles[role]
            rep = f"{kind.lower()} {name}" if with_kind else name
            rep = rep.upper() if upper else rep[0].upper() + rep[1:] if cap else rep
            words[j0:j1] = [lead + self.plain(rep) + trail] + [""] * (j1 - j0 - 1)
        if number is not None and piece.renumber:
            words[0] = re.sub(r"^\d{1,2}", str(number), words[0])
        return words

    def _add(self, words: list[str], spans, tight: bool) -> None:
        lines = [" ".join(w for w in words[a:b] if w) if "" in words[a:b] else " ".join(words[a:b]) for a, b in spans]
        if self.style == "flat":  # one line a block, but a page break may cut a paragraph (as in seed 003)
            cut = len(lines) // 2 if len(lines) > 2 and self.splits and self.rng.random() < 0.05 else 0
            self.splits -= bool(cut)
            lines = [" ".join(lines[:cut]), " ".join(lines[cut:])] if cut else [" ".join(lines)]
        self.blocks.append(_Block(lines, " ".join(lines), tight))


def _body(w: _Writer, rng: random.Random, plan: bool, extra: dict) -> None:
    """Sections of the samples by phase (results, assessment, direction, organisation), renumbered."""
    target = min(31000, max(8500, math.exp(rng.gauss(math.log(14500), 0.38)))) - 2000  # less header and closing
    shares = {0: 0.3, 2: 0.6, 3: 0.1} if plan else {0: 0.55, 1: 0.15, 2: 0.25, 3: 0.05}
    fits = lambda s: plan or not s.plan  # noqa: E731  (a plan's aims and tasks only go in a plan)
    picked, pools = {}, {}
    for phase in shares:
        heads = [s for s in w.mat.sec2.get((w.ocr, phase), []) if fits(s)]
        if heads and not (phase in (1, 3) and phase not in extra and rng.random() < 0.3):
            picked[phase] = (rng.choice(heads), [])
            pool = [s for s in w.mat.sec3.get((w.ocr, phase), []) if fits(s)]
            pools[phase] = rng.sample(pool, len(pool))
    total = sum(head.size for head, _ in picked.values())
    for final in (False, True):  # each phase its share of the target, then whatever gets nearer to it
        for phase, (head, chosen) in picked.items():
            budget = target * 1.1 if final else target * shares[phase]
            for section in list(pools[phase]):
                used = total if final else head.size + sum(s.size for s in chosen)
                if used >= (target * 0.9 if final else budget) or total + section.size > 30000:
                    continue
                if used + section.size < budget * 1.25 or not final and not chosen and section.size < budget * 2:
                    chosen.append(section)
                    pools[phase].remove(section)
                    total += section.size
    parts, roman = not plan and rng.random() < 0.35, 0
    for phase, (head, chosen) in picked.items():
        if parts and phase in (0, 2):
            label = ("I", "KẾT QUẢ CÔNG TÁC THI ĐUA, KHEN THƯỞNG") if phase == 0 else ("II", "PHƯƠNG HƯỚNG, NHIỆM VỤ")
            title, alone, roman = f"{label[1]} NĂM {w.year + (phase == 2)}", rng.random() < 0.5, 0
            w.line(w.plain(f"PHẦN {label[0]}" if alone else f"PHẦN {label[0]}. {title}"))
            if alone:
                w.line(w.plain(title), tight=True)
        roman += 1
        w.heading(f"{'I II III IV V VI'.split()[roman - 1]}.", head.title)
        for piece in head.pieces:
            w.piece(piece)
        for item in extra.get(phase, ()):
            chosen.insert(rng.randint(0, len(chosen)), item)
        for number, section in enumerate(chosen, 1):
            w.heading(f"{number}.", section.title if isinstance(section, Section) else section[0])
            for piece in section.pieces if isinstance(section, Section) else ():
                w.piece(piece, number)
            for sentence, keep in () if isinstance(section, Section) else section[1]:
                w.text(sentence, keep=keep)
                w.placed[sentence] = len(w.blocks)  # its paragraph number (one block each)


def _generated(rng: random.Random, mat: Material, short: str, year: int, plan: bool) -> tuple[list[Movement], list]:
    """The movements the report names (1–6), and the sentences naming them, as (sentence, unmarked part)."""
    chosen = rng.sample(mat.movements, rng.choices(range(1, 7), (10, 20, 25, 20, 15, 10))[0])
    items = [(f"Năm {year}, {'tập trung' if plan else short + ' đã phát động và'} tổ chức thực hiện các phong trào "
              "thi đua sau:", "")] + [(rng.choice((
                  f"- Phong trào “{m.name}”: được triển khai sâu rộng, thu hút đông đảo cán bộ, đảng viên và Nhân dân "
                  "tham gia, đạt nhiều kết quả tích cực.",
                  f"Hưởng ứng phong trào thi đua “{m.name}”, {short} đã xây dựng kế hoạch, tổ chức phát động đến các "
                  "thôn, khu dân cư, cơ quan, đơn vị và định kỳ sơ kết, đánh giá kết quả thực hiện.",
                  f"Tiếp tục đẩy mạnh phong trào “{m.name}” gắn với thực hiện nhiệm vụ chính trị của địa phương.")),
                  m.name) for m in chosen]
    return chosen, items


def make_report(mat: Material, number: int, rng: random.Random) -> Synth:
    """Report ``number`` of an archive: its folder name and files. Pure (``rng`` is the only state)."""
    gz, ocr, plan = mat.gazetteer, rng.random() < 0.4, rng.random() < 0.15
    half, year = not plan and rng.random() < 0.25, rng.randint(2015, 2026)
    if plan:  # issued: a plan early in its year, a half-year report in June or July, a year's at its turn
        y, m = (year - 1, 12) if rng.random() < 0.3 else (year, rng.randint(1, 2))
    else:
        y, m = (year, rng.choice((6, 6, 7))) if half else (year, 12) if year == 2026 or rng.random() < 0.6 else (year + 1, 1)
    day, lost, day_blank = rng.randint(10 if m == 12 else 1, 28), ocr and rng.random() < 0.3, rng.random() < 0.12
    old = (dt.date(year, 1, 1) if lost else dt.date(y, m, 1 if day_blank else day)) < REORGANISATION  # as catalog
    unit: Unit = rng.choice(mat.units["new-xa" if not old else "old-huyen" if rng.random() < 0.18 else "old-xa"])
    parent, province, kind, name = gz.get(unit.parent_id), gz.get(unit.province_id), unit.kind.lower(), unit.name
    district = unit if unit.level is Level.DISTRICT else parent if parent.level is Level.DISTRICT else province
    place, council = unit.full_name if name[:1].isdigit() else name, unit.level is Level.COMMUNE and rng.random() < 0.15
    body = "Hội đồng Thi đua - Khen thưởng" if council else "Ủy ban nhân dân"
    issuer, short, code = f"{body} {kind} {name}", f"{'UBND' if body[0] == 'Ủ' else body} {kind}", "KH" if plan else "BC"
    doc_number = "" if lost else ("" if rng.random() < 0.1 else str(rng.randint(1, 60 if plan else 420))) + \
        f"/{code}-{'HĐTĐKT' if council else 'UBND'}"
    higher = parent if unit.level is Level.COMMUNE and old else province
    hk = f"{higher.kind.lower()} {higher.name}"
    span = f"{'6 tháng đầu năm' if half else 'năm'} {year}"
    title = rng.choice([f"Công tác thi đua, khen thưởng năm {year}", f"Tổ chức các phong trào thi đua yêu nước năm {year}"]
                       if plan else [f"Sơ kết công tác thi đua, khen thưởng {span}, phương hướng, nhiệm vụ 6 tháng cuối "
                                     f"năm {year}", f"Công tác thi đua, khen thưởng 6 tháng đầu năm, nhiệm vụ 6 tháng "
                                     f"cuối năm {year}"] if half else
                       [f"{lead} năm {year}{tail} năm {year + 1}" for lead, tail in (
                           ("Tổng kết công tác thi đua, khen thưởng", " và phương hướng, nhiệm vụ"),
                           ("Tổng kết phong trào thi đua, khen thưởng", ", phương hướng nhiệm vụ"),
                           ("Công tác thi đua, khen thưởng", " và phương hướng, nhiệm vụ"))])
    recipient = "" if rng.random() < 0.45 else rng.choice((f"Ủy ban nhân dân {hk}", f"Hội đồng Thi đua - Khen thưởng {hk}",
                                                            f"{'Phòng' if higher is parent else 'Sở'} Nội vụ {hk}"))
    middle = rng.choice(MIDDLE)
    signer = f"{rng.choice(FAMILY)} {middle} {rng.choice(GIVEN[middle == 'Thị'])}"
    printed, signer_title = rng.choice(SIGNED[:1] if council else SIGNED[1:])
    theme = rng.choice(THEMES) if rng.random() < 0.3 else ""
    style = "single" if ocr else rng.choice(("single", "single", "double", "flat"))
    w = _Writer(mat, rng, ocr, style, year, {"unit": (unit.kind, name), "district": (district.kind, district.name),
                                             "province": (province.kind, province.name)})
    S = w.plain

    upper = f"{kind} {name}".upper()  # the header, which an OCR'd scan may have lost
    if not lost and ocr and rng.random() < 0.5:  # the two header columns read across
        w.line(S("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
        w.line(S(f"{upper} Độc lập - Tự do - Hạnh phúc"), tight=True)
    elif not lost:
        first = f"UBND {upper}" if council or rng.random() < 0.4 else "ỦY BAN NHÂN DÂN"
        w.line(S(first))
        if council or first == "ỦY BAN NHÂN DÂN":
            w.line(S("HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG" if council else upper), tight=True)
        w.line(S("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
        w.line(S("Độc lập - Tự do - Hạnh phúc"), tight=True)
    if not lost:
        so = f"{rng.choice(('S6:', 'So:')) if ocr else 'Số:'} {' ' * rng.randint(5, 9) * doc_number.startswith('/')}"
        date = f"{place}, ngày {' ' * rng.randint(4, 8) if day_blank else f'{day:02d}'} tháng {m:02d} năm {y}"
        for k, line in enumerate([f"{so}{doc_number}   {date}"] if rng.random() < 0.3 else [so + doc_number, date]):
            w.line(S(line))
    if not lost or rng.random() < 0.5:
        w.line(S("KẾ HOẠCH" if plan else "BÁO CÁO"))
    words = (_ocr(title, rng, 0.25) if ocr else title).split(" ")
    cuts = [k for k, good in enumerate(_break_ok(words)) if good and (words[k] in ("và", "va", "phương", "phuong")
                                                                      or words[k - 1][-1] == ",")]
    cut = rng.choice(cuts) if cuts and rng.random() < 0.6 else len(words)
    w.blocks.append(_Block([" ".join(words[:cut]), " ".join(words[cut:])][:1 + (cut < len(words))],
                           " ".join(words), bool(w.blocks)))
    if recipient:
        w.text(f"Kính gửi: {recipient}.", rate=0)
    law = ("Luật Thi đua, khen thưởng năm 2022" if year >= 2024 else "Luật Thi đua, Khen thưởng năm 2003 và Luật "
           "sửa đổi, bổ sung một số điều của Luật Thi đua, Khen thưởng năm 2013")
    verb = f"ban hành Kế hoạch công tác thi đua, khen thưởng năm {year}" if plan else \
        f"báo cáo kết quả công tác thi đua, khen thưởng {span}"
    w.text(f"Căn cứ {law} và các văn bản hướng dẫn thi hành; thực hiện Kế hoạch số {rng.randint(5, 300)}/KH-UBND ngày "
           f"{rng.randint(1, 28)}/{rng.randint(1, 12 if plan else max(1, m - 1))}/{year - plan} của Ủy ban nhân dân "
           f"{hk}, {issuer} {verb} như sau:")
    if theme:
        w.text(f"Chủ đề thi đua năm {year}: “{theme}”.", keep=theme)
    chosen, items = _generated(rng, mat, short, year, plan)
    forms = {Level.COMMUNE: "giay-khen-chu-tich-ubnd-xa", Level.DISTRICT: "giay-khen-chu-tich-ubnd-huyen"}
    awards = statements(rng, kind, name, hk, span, rng.choice(FIELDS), forms[unit.level], forms[Level.DISTRICT], (
        unit.level is Level.COMMUNE and old, unit.level is Level.DISTRICT))
    _body(w, rng, plan, {2 if plan else 0: [
        (rng.choice(("Kết quả thực hiện các phong trào thi đua", "Tổ chức các phong trào thi đua")), items),
        (rng.choice(("Công tác khen thưởng", "Kết quả công tác khen thưởng")), [(a.sentence, "") for a in awards])]})
    w.text(f"Trên đây là {'Kế hoạch' if plan else 'báo cáo'} {title[0].lower() + title[1:]} của {issuer}./.")
    w.line(S("Nơi nhận:"))
    for item in ["- Như trên;"] * bool(recipient) + [f"- UBND {hk};", f"- TT Đảng ủy, HĐND {kind};",
                                                     "- Các ban, ngành, đoàn thể;", "- Lưu: VT."]:
        w.text(item, tight=True, rate=0)
    for k, line in enumerate(printed):
        w.line(S(line), tight=k > 0)
    shown = S(signer)
    shown = shown[0].lower() + shown[1:] if ocr and rng.random() < 0.2 else shown
    w.line(shown, tight=bool(printed) and rng.random() < 0.5)
    stamps = []
    if year >= 2019 and rng.random() < 0.15:  # digital-signature stamps (set aside by normalise)
        mail, org = f"@{slug(province.name).replace('-', '')}.gov.vn", f"{body} {province.kind} {province.name}".upper()
        time = f"{y}-{m:02d}-{day:02d}T{rng.randint(7, 17):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}+0700"
        stamps = [(signer, slug(signer).replace("-", "") + mail, time, org.replace("HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG",
                                                                                    "ỦY BAN NHÂN DÂN")),
                  (issuer.upper(), slug(f"{name} {parent.name}").replace("-", "") + mail, time, org)][:rng.randint(1, 2)]
    original, furniture = _layout(w.blocks, style, rng, stamps, ocr)
    sha = hashlib.sha256(raw := original.encode()).hexdigest()
    meta = {"title": title, "doc_type": "ke-hoach" if plan else "bao-cao", "doc_number": doc_number, "issuer": issuer,
            "unit": unit.id, "issued": "" if lost else f"{y:04d}-{m:02d}" + ("" if day_blank else f"-{day:02d}"),
            "place": "" if lost else place, "period": {"year": str(year), "span": "first-half" if half else "year"},
            "recipient": recipient, "signer": signer, "signer_title": signer_title, "theme": theme,
            "movements": [mv.id for mv in chosen], "text_quality": "ocr" if ocr else "clean",
            "source": {"file_name": f"synth_{number:06d}_{sha[:16]}.txt", "original": "original.txt", "sha256": sha,
                       "encoding": "utf-8"},
            "signatures": [dict(zip(("signer", "email", "time", "organisation"), s)) for s in stamps],
            "review": [{"field": "signer", "why": f"bản OCR in '{shown}' (mất dấu): đối chiếu tên với bản quét."}]
            * ocr, "notes": f"Báo cáo tổng hợp số {number}, do máy ghép từ các đoạn của báo cáo mẫu, với phần đầu, "
                            "phong trào, khen thưởng và chữ ký tạo ngẫu nhiên để thử nghiệm: không phải văn bản thật."}
    files = {"report.yml": _yaml(meta).encode(), "original.txt": raw,
             "text.txt": ("\n\n".join(b.text for b in w.blocks) + "\n").encode()}
    if furniture:
        files["furniture.txt"] = "".join(line + "\n" for line in furniture).encode()
    ident = f"{year}-{slug(unit.full_name)}-{code.lower()}-{number}"
    placed = [(a, w.placed[a.sentence]) for a in awards]
    files["awards.yml"] = awards_yml(placed).encode()
    exemplars = {f"{slug(a.named)}-{number}": exemplar_yml(a, ident, block, year).encode()
                 for a, block in placed if a.named and not ocr and rng.random() < 0.5}
    return Synth(ident, files, meta["text_quality"], exemplars)


def _layout(blocks: list[_Block], style: str, rng: random.Random, stamps: list, ocr: bool) -> tuple[str, list[str]]:
    """The original as a unit sends it: wrapped lines, blank lines, page numbers, OCR junk, signature stamps."""
    between, within = ("\n\n\n", "\n\n") if style == "double" else ("\n\n", "\n" if style == "single" else "\n\n")
    every, fmt = (rng.randint(2600, 3400) if rng.random() < 0.35 else 0), rng.choice(("{}", "- {} -", "Trang {}"))
    junk, out, furniture, since, page = ocr and rng.random() < 0.2, [], [], 0, 1
    for i, block in enumerate(blocks):
        if i and (every and since > every and style == "flat" or junk and rng.random() < 0.03):
            page, since = (page + 1, 0) if every and since > every and style == "flat" else (page, since)
            furniture.append(fmt.format(page) if since == 0 else rng.choice(")*‘|—"))
            out.append(between + furniture[-1])
        out.append(("\n" if block.tight and style != "double" else between) if i else "")
        for j, line in enumerate(block.lines):
            if j and every and since > every:  # a page number where a wrapped paragraph goes on
                page, since = page + 1, 0
                furniture.append(fmt.format(page))
                out.append(within + furniture[-1])
            out.append((within if j else "") + line)
            since += len(line)
    for signer, email, time, org in stamps:
        furniture += [STAMP, time, org, f"{signer}<{email}> đã ký lên văn bản này!"]
        out.append("\n\n\n" + "\n".join("\t" + line for line in furniture[-4:]))
    return "".join(out) + "\n", furniture


def _yaml(meta: dict) -> str:
    q = quoted
    out = ["# Synthetic report (tdkt.synth.archive): not a real document."]
    for key, value in meta.items():
        if isinstance(value, dict):
            out += [f"{key}:", *(f"  {k}: {q(v)}" for k, v in value.items())]
        elif isinstance(value, list):
            out += [f"{key}:"] * bool(value) + [line for item in value for line in (
                [f"  {'- ' if i == 0 else '  '}{k}: {q(v)}" for i, (k, v) in enumerate(item.items())]
                if isinstance(item, dict) else [f"  - {q(item)}"])]
        else:
            out.append(f"{key}: {q(value)}")
    return "\n".join(out) + "\n"


def write_archive(out: Path, count: int, seed: int, data: Path, gazetteer: Gazetteer) -> dict:
    """Create ``out`` with ``count`` reports made from ``data``'s samples (the output edge)."""
    if out.exists() and (not out.is_dir() or any(out.iterdir()) and (
            not (out / MARKER).is_file() or {p.name for p in out.iterdir()} - {MARKER, "reports", "vocab", "exemplars"})):
        raise SynthRefused(f"{out} is not empty and is not a synthetic archive (a {MARKER} file beside reports/ "
                           "and vocab/ only): refusing to write into it")
    mat = load_material(data, gazetteer)
    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER).write_text(f"tdkt.synth.archive reports={count} seed={seed}\n", encoding="utf-8")
    for name in ("reports", "vocab", "exemplars"):  # a previous synthetic archive: replaced
        shutil.rmtree(out / name, ignore_errors=True)
        (out / name).mkdir()
    for path in sorted(mat.vocab.glob("*.yml")):
        (out / "vocab" / path.name).write_bytes(path.read_bytes())
    rng, stats = random.Random(seed), {"reports": 0, "ocr": 0, "bytes": 0}
    for number in range(1, count + 1):
        report = make_report(mat, number, rng)
        (folder := out / "reports" / report.id).mkdir()
        for name, content in report.files.items():
            (folder / name).write_bytes(content)
        for ident, content in report.exemplars.items():
            (out / "exemplars" / f"{ident}.yml").write_bytes(content)
        stats = {"reports": number, "ocr": stats["ocr"] + (report.quality == "ocr"),
                 "bytes": stats["bytes"] + sum(map(len, report.files.values()))}
    return stats
