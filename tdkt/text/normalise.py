"""Normalise a report's extracted text into the ``text.txt`` format, and read its blocks.

Input: the decoded text of one report, as received: any line endings, NFC or NFD, clean
text or English-model OCR, single-spaced (a blank line between paragraphs) or
double-spaced (a blank line after every wrapped line).

Output: ``normalise`` gives a ``Normalised`` record: ``text`` in the data-format.md
``text.txt`` format (NFC, one block per line, blocks separated by one blank line, a single
final newline; ``""`` for a text with no words), ``furniture`` (the lines set aside: page
numbers, digital-signature stamps, symbol-only OCR junk) and ``signatures`` (one
``model.Signature`` per stamp). ``parse_blocks`` reads such a text back as numbered
``model.Block`` records.

How it fails: it does not raise. Every whitespace-separated word of the input (after
control characters and U+FEFF are removed and NFC is applied) is kept, unchanged, in
``text`` or in ``furniture``, and ``normalise`` is idempotent. When its heuristics guess
wrong the cost is a block split or joined in the wrong place (an OCR line that starts
with "- " is taken for a list item), never lost or altered text.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from tdkt import model
from tdkt.text.collate import fold

HEADING, PARAGRAPH, LIST_ITEM = model.BlockKind.HEADING, model.BlockKind.PARAGRAPH, model.BlockKind.LIST_ITEM

# --------------------------------------------------------------------------- block kinds

# How a block's first characters give its kind (data-format.md, "text.txt"): tried in
# order, first match wins, a block matching none is a paragraph. Each entry is
# (kind, heading rank, pattern matched at the start of the block). A numbering marker
# must be followed by whitespace, so "1.068,692 tỷ đồng" and "2025. Phát huy" are text.
BLOCK_PATTERNS: tuple[tuple[model.BlockKind, int, re.Pattern[str]], ...] = (
    # PHẦN I, PHẦN 2, Phần thứ nhất, Phần thứ hai:, OCR "PHAN I": the report's parts.
    # The Roman numeral must be in capitals: "Phan Vĩ" is a name.
    (HEADING, 1, re.compile(r"(?i:ph[aâầ]n)\s+(?:(?i:th[uứ])\s+\w+|[IVXL]+\b|\d{1,2}\b)")),
    # 1.1.1. and deeper (before the shorter forms, which are its prefixes).
    (HEADING, 5, re.compile(r"\d{1,2}(?:\.\d{1,2}){2,}\.?(?=\s)")),
    # 1.1. or 1.1
    (HEADING, 4, re.compile(r"\d{1,2}\.\d{1,2}\.?(?=\s)")),
    # 1.
    (HEADING, 3, re.compile(r"\d{1,2}\.(?=\s)")),
    # I. II- III - IV): sections. OCR reads I as 1 ("I1I."); the group is checked to be
    # a Roman numeral once 1 is read as I, and a block failing that is a paragraph.
    (HEADING, 2, re.compile(r"(?P<roman>[IVXL1]*[IVXL][IVXL1]*)\s*[.\-–)](?=\s)")),
    # - + * • – list items (the seeds also write "*Trong lĩnh vực ..." with no space),
    # and a) b) sub-items. The marker stays part of the block's text.
    (LIST_ITEM, 0, re.compile(r"[-–+*•](?=\s|[^\W\d_])|[a-zđ]\)(?=\s)")),
)
HEADING_MAX = 200  # a longer "1. ..." block is a numbered paragraph, not a heading
_ROMAN = re.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")

# A line starting with one of these always starts a block: the block patterns, and
# "Kính gửi:" (OCR "Kinh gtri:"), matched on the fold key.
_KINH_GUI = re.compile(r"kinh\s+g\w{0,3}i\s*:")
# A marker alone on its line ("1." with the heading on the next line).
_LONE_MARKER = re.compile(r"\d{1,2}(?:\.\d{1,2})*\.|\d{1,2}(?:\.\d{1,2})+|[IVXL1]*[IVXL][IVXL1]*[.\-–)]|[-–+*•]|[a-zđ]\)")

# --------------------------------------------------------------------------- furniture

_PAGE_NUMBER = re.compile(r"\d{1,3}|[-–—]\s*\d{1,3}\s*[-–—]|(?:Trang|trang|TRANG|Page)\s+\d{1,3}(?:\s*/\s*\d{1,3})?")
# The stamp the signing software prints (seed 001): a line naming the certificate
# authority, the signing time, the signer's organisation, then who signed.
_STAMP_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?")
_STAMP_SIGNED = re.compile(  # no sentence punctuation in the name: prose is not a stamp
    r"(?P<signer>[^<>,.;:!?]{0,100}?)\s*<(?P<email>[^<>\s]+@[^<>\s]+)>\s*đã ký lên văn bản này\s*!?", re.I)
_STAMP_AUTHORITY = re.compile(r"cuc\s+chung\s+thuc\s+so\s+va\s+bao\s+mat\s+thong\s+tin\b.*\bemail\b")  # fold key

# --------------------------------------------------------------------------- joining

# Header and signature lines that are a block of their own whatever surrounds them
# (matched on the fold key, from the start of the line). They are whole-line tests:
# that is safe for idempotence because such a line never takes a continuation, so it
# is still the whole block when the output is read again.
_SOLO = re.compile(r"""(?x)
    .*\bcong\s+hoa\s+xa\s+hoi\s+chu\s+nghia\b          # CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM (also glued to the issuer)
  | .*\bdo\s*[-–]\s*hanh\s+phuc\b                      # Độc lập - Tự do - Hạnh phúc (OCR "Dgc 1ap - Tw do - Hanh phuc")
  | s[o06]\s*:                                          # Số: 184/BC-UBND (OCR "S6:")
  | [^\d,]{2,40},\s*ngay\b[\s\d./…]*thang\b[\s\d./…]*nam\s+\d{4}\W{0,3}$   # Mỹ Quý, ngày 26 tháng 12 năm 2023
  | noi\s+nh\w{0,3}n\s*:                                # Nơi nhận: (OCR "Noi nhdn:")
""")
# The same, for lines that must also be in capitals: the title word and the issuer and
# signer-title lines. In lower case these words open ordinary sentences ("UBND phường đã").
_SOLO_CAPS = re.compile(r"""(?x)
    (?:bao\s+cao|ke\s+hoach|to\s+trinh|thong\s+bao|quyet\s+dinh|huong\s+dan|chuong\s+trinh)\W*$
  | (?:ubnd|uy\s+ban\s+nhan\s+dan|hdnd|hoi\s+dong\s+nhan\s+dan|hd\s+thi\s+dua|hoi\s+dong\s+thi\s+dua
     |dang\s+uy|(?:pho\s+)?chu\s+tich)\b
  | (?:tm|kt|tl|tuq)\s*\.                               # TM. UBND, KT. CHỦ TỊCH
""")
# "PHẦN I" / "Phần thứ nhất" alone: its title follows on the next line and stays apart.
_PART_LABEL = re.compile(r"phan\s+(?:thu\s+\w+|[ivxl1]+|\d{1,2})\s*[:.]?")
_TERMINAL = ".:;!?…"  # ./. ends in "." too
_CLOSERS = "”’\"')]}»"  # looked through when finding the last real character
_CONTINUES = ",.;:)]}”’»%…"  # a line starting with these continues the one before
_OPENERS = "“‘\"'(«["
_HEAD = 300  # how much of a block's start the joining rules read


@dataclass(frozen=True, slots=True, kw_only=True)
class Normalised:
    """A normalised text with what was set aside from it."""

    text: str
    furniture: tuple[str, ...]
    signatures: tuple[model.Signature, ...]


def normalise(text: str) -> Normalised:
    """Normalise ``text`` to the text.txt format, setting aside furniture and stamps.

    One pass is idempotent by construction (see ``_continues``), but a pass can join two
    lines into something that is itself furniture (``Tên<a@b>`` + ``đã ký lên văn bản
    này!``); so passes repeat until the text stops changing. Every later pass only joins
    or removes blocks, so this ends after a few passes.
    """
    current = _clean(text)
    furniture: list[str] = []
    signatures: list[model.Signature] = []
    for _ in range(current.count("\n") + 2):
        result, aside, signed = _pass(current)
        furniture += aside
        signatures += signed
        if result == current:
            break
        current = result
    return Normalised(text=current, furniture=tuple(furniture), signatures=tuple(signatures))


def parse_blocks(text: str) -> tuple[model.Block, ...]:
    """Read a normalised text (text.txt format) into blocks numbered from 1.

    A block is a run of non-blank lines; its ``text`` is kept exactly as in the file and
    its ``line`` is the 1-based line it starts on. Kind and rank come from
    ``BLOCK_PATTERNS``.
    """
    blocks: list[model.Block] = []
    lines: list[str] = []
    start = 0
    for number, line in enumerate([*text.split("\n"), ""], start=1):
        line = line.rstrip("\r")
        if line.strip():
            start = start if lines else number
            lines.append(line)
        elif lines:
            body = "\n".join(lines)
            kind, rank = classify(body)
            blocks.append(model.Block(number=len(blocks) + 1, kind=kind, text=body, rank=rank, line=start))
            lines = []
    return tuple(blocks)


def classify(text: str) -> tuple[model.BlockKind, int]:
    """The kind and heading rank (0 for non-headings) of one block's text."""
    stripped = text.strip()
    for kind, rank, pattern in BLOCK_PATTERNS:
        found = pattern.match(stripped)
        if found is None:
            continue
        if kind is HEADING:
            roman = found.groupdict().get("roman")
            if roman is not None and not _ROMAN.fullmatch(roman.replace("1", "I")):
                return PARAGRAPH, 0  # "I1I1." is no numeral: an unknown marker
            if len(stripped) > HEADING_MAX or rank > 1 and not stripped[found.end():].strip():
                return PARAGRAPH, 0
            if rank > 1 and stripped.endswith((";", ",")):  # "1. Ông Nguyễn Văn Hiếu, Giám đốc Sở …;": an item
                return LIST_ITEM, 0
        return kind, rank
    return PARAGRAPH, 0


# --------------------------------------------------------------------------- the pass


def _clean(text: str) -> str:
    """Line breaks to \\n, control characters and U+FEFF removed, NFC.

    Controls that Python splits words on (tab, form feed, \\x1c-\\x1f, \\x85) become
    a space or a line break rather than vanishing, so no two words are glued together.
    NFC comes after the removal so a mark that followed a control still composes.
    """
    text = text.replace("\r\n", "\n")
    text = text.translate(_LINE_BREAKS)
    text = "".join(c for c in text if c.isspace() or unicodedata.category(c) != "Cc" and c != "\ufeff")
    return unicodedata.normalize("NFC", text)


_LINE_BREAKS = {ord(c): "\n" for c in "\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"}


def _pass(text: str) -> tuple[str, list[str], list[model.Signature]]:
    """One normalisation pass over a cleaned text: set aside, then join lines into blocks."""
    lines = [re.sub(r"\s+", " ", line).strip() for line in text.split("\n")]
    aside, signatures = _set_aside(lines)
    # Kept lines with the number of blank lines before each; a removed furniture line
    # (a page number between two pages) leaves the wider of the two gaps around it.
    kept: list[tuple[str, int]] = []
    gap = run = 0
    for index, line in enumerate(lines):
        if not line:
            run += 1
        elif index in aside:
            gap, run = max(gap, run), 0
        else:
            kept.append((line, max(gap, run)))
            gap = run = 0
    double = _double_spaced(kept)
    blocks: list[list[str]] = []  # the lines of each block
    heads: list[str] = []  # and its first _HEAD characters, all _continues reads of it
    for line, blanks in kept:
        # Level 0: adjacent lines; 1: one blank line in a double-spaced text (just a
        # wrap there); 2: a real blank line between paragraphs or across a page break.
        level = 0 if blanks == 0 else 1 if double and blanks == 1 else 2
        if blocks and _continues(heads[-1], blocks[-1][-1], line, level):
            blocks[-1].append(line)
            heads[-1] = heads[-1] if len(heads[-1]) >= _HEAD else (heads[-1] + " " + line)[:_HEAD]
        else:
            blocks.append([line])
            heads.append(line[:_HEAD])
    result = "\n\n".join(" ".join(block) for block in blocks) + "\n" if blocks else ""
    return result, [lines[i] for i in sorted(aside)], signatures


def _set_aside(lines: list[str]) -> tuple[set[int], list[model.Signature]]:
    """Indexes of furniture lines, and the signatures read from stamps (in order)."""
    aside: set[int] = set()
    signatures: list[model.Signature] = []
    nonblank = [i for i, line in enumerate(lines) if line]
    for position, index in enumerate(nonblank):
        line = lines[index]
        if _PAGE_NUMBER.fullmatch(line) or not any(c.isalnum() for c in line):
            aside.add(index)
        elif _STAMP_TIME.fullmatch(line) or _STAMP_AUTHORITY.match(fold(line)):
            aside.add(index)
        elif signed := _STAMP_SIGNED.fullmatch(line):
            aside.add(index)
            before = [lines[i] for i in nonblank[max(0, position - 2) : position]]
            time = organisation = ""
            if before and _STAMP_TIME.fullmatch(before[-1]):
                time = before[-1]
            elif len(before) == 2 and _STAMP_TIME.fullmatch(before[0]):
                time, organisation = before
                aside.add(nonblank[position - 1])  # the organisation line
            signatures.append(model.Signature(signer=signed["signer"], email=signed["email"],
                                              time=time, organisation=organisation))
    return aside, signatures


def _double_spaced(kept: list[tuple[str, int]]) -> bool:
    """Whether single blank lines are mere wraps: many of them split a sentence mid-way.

    Counted with the level-2 joining rule itself, so a normalised text (in which no such
    pair is left) is never taken for double-spaced: that keeps ``normalise`` idempotent.
    """
    pairs = [(a, b) for (a, _), (b, blanks) in zip(kept, kept[1:]) if blanks == 1]
    wraps = sum(_continues(a[:_HEAD], a, b, 2) for a, b in pairs)
    return wraps >= 3 and wraps * 4 >= len(pairs)


def _continues(head: str, last: str, line: str, level: int) -> bool:
    """Whether ``line`` continues the block so far, given the gap ``level``.

    Only the block's start (``head``, its first _HEAD characters), its end (the end of
    its ``last`` line) and the start of ``line`` are looked at, never line lengths.
    Re-reading the output then meets each boundary as (the same head and end, a line
    starting the same way, level 2), and level 2 joins no more than levels 0 and 1 do:
    so the output is left as it is. (Reading only the head also keeps a pass linear.)

    Rules, in order: a header or signature line, a line opening with a marker and a
    lone "PHẦN I" never join; a lone "1." takes the next line; a block ending a sentence
    takes only a lower-case line after ";" or ":"; a block in capitals takes only a line
    in capitals (a wrapped heading), and not across a real blank line; a line in capitals
    starts a block of its own after a block that is not (a web page's text before a header); across a real
    blank line only a line starting in lower case or with closing punctuation continues
    (a page break mid-sentence); otherwise a line continues, except that in a
    double-spaced text a sentence-case line after a numbered heading starts the
    heading's paragraph.
    """
    folded_head = fold(head)
    if _solo(head, folded_head) or _solo(line[:_HEAD], fold(line[:_HEAD])) or _marker(line):
        return False
    if _PART_LABEL.fullmatch(folded_head):
        return False
    if _LONE_MARKER.fullmatch(head):  # "1." alone: its heading is on the next line
        return level < 2
    end = last.rstrip(_CLOSERS)[-1:]
    if end in tuple(_TERMINAL):
        # "…tiểu khu Trang Các;" + "xây dựng trường …": a line in lower case after a
        # semicolon or colon is still the same sentence; after a full stop it is not.
        return end in ";:" and line[0].islower() and not _capitals(head)
    if _capitals(head):
        return level < 2 and _capitals_start(line)
    if _capitals(line[:_HEAD]) and _capitals_start(line):
        return False  # a line in capitals (a header's body, a heading) never ends a sentence-case block
    first = line[0]
    if level == 2:
        if first.islower() or first in _CONTINUES:
            return True
        return first in _OPENERS and (end.isalnum() or end == ",") and not _heading_start(head)
    if level == 1 and _heading_start(head):
        word = line.split()[0].lstrip(_OPENERS)
        return not (word[:1].isupper() and any(c.islower() for c in word))
    return True


def _solo(line: str, folded: str) -> bool:
    return bool(_SOLO.match(folded) or (_SOLO_CAPS.match(folded) and _capitals(line)))


def _marker(line: str) -> bool:
    """Whether ``line`` opens with a block marker (a prefix test: see ``_continues``)."""
    if _KINH_GUI.match(fold(line[:20])):
        return True
    return any(p.match(line) for _, _, p in BLOCK_PATTERNS) or bool(
        _LONE_MARKER.fullmatch(line.split()[0])
    )


def _heading_start(block: str) -> bool:
    return any(p.match(block) for kind, _, p in BLOCK_PATTERNS if kind is HEADING)


def _capitals(text: str) -> bool:
    """Mostly capitals (OCR lets a stray lower-case letter into headings: "TiNH")."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _capitals_start(line: str) -> bool:
    """The line's first two words have no lower-case letters to speak of."""
    for word in line.split()[:2]:
        letters = [c for c in word if c.isalpha()]
        if letters and sum(c.isupper() for c in letters) < 0.75 * len(letters):
            return False
    return True
