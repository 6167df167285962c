"""What the readers of a document's text share: ``Found`` (a value, the line it was read from and why) and the
fixed phrases of headers and signatures (issuing bodies, unit kinds, titles), with the small helpers that read
them in printed or OCR-damaged text, and a line typed letter by letter read as words (``unspace``). Pure.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from tdkt.text import decode
from tdkt.text.collate import fold
from tdkt.text.decode import find, keys, tokens

# Reasons are shown to commendation-office staff (report.yml's review list, ``python build.py review``): written in
# plain Vietnamese; document text inside one is quoted as the document prints it.
OCR_WHY = "văn bản do máy đọc từ bản quét, mất hết dấu tiếng Việt: giữ nguyên như máy đọc; cần đối chiếu với bản quét"
RESTORED_WHY = "đọc từ văn bản do máy khôi phục dấu tiếng Việt"


@dataclass(frozen=True, slots=True, kw_only=True)
class Found:
    value: object = None
    line: int = 0  # 1-based line of the text; 0: not read from one line
    why: str = ""
    review: bool = False


def caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= 0.6 * len(letters)


_NATIONAL = re.compile(r"cong\s*hoa\s*xa\s*hoi\s*chu\s*nghia\s*viet\s*nam"  # and the motto, OCR "Dgc 1ap - Tw do - …"
                       r"|\S+\s+\S+\s*[-–]\s*\S+\s+do\s*[-–]\s*hanh\s+phuc")
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


def without_national(line: str) -> str:
    """A header line without the national title and motto printed beside the issuer."""
    for m in reversed(list(_NATIONAL.finditer(fold(line)))):
        line = line[:m.start()] + " " + line[m.end():]
    return line.strip()


def unglue(text: str) -> str:
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


def sentence(fragment: str, damaged: bool) -> str:
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


RESPACED = "dòng in chữ cách rời từng chữ cái, máy ghép lại thành từ: cần đối chiếu"


def unspace(text: str) -> str:
    """A line typed letter by letter, as headers in spaced capitals reach the web ('T H  Ủ   T  Ư Ớ N G   C H  Í  N H
    P H Ủ'), as its words ('THỦ TƯỚNG CHÍNH PHỦ'): where the gaps differ, the widest part the words; where they are
    all one width (normalised text), the letters are cut into the fewest Vietnamese syllables, those with an initial
    consonant preferred ('BỘ NỘI VỤ', not 'BỘN ỘI VỤ'), and the line is left as it is when they do not all cut so."""
    toks = text.split()
    if len(toks) < 4 or sum(len(t) == 1 for t in toks) < 0.8 * len(toks):
        return text
    gaps = [len(g) for g in re.findall(r"(?<=\S) +(?=\S)", text.strip())]
    if max(gaps) > min(gaps):
        return " ".join(w.replace(" ", "") for w in re.split(" {%d,}" % max(gaps), text.strip()))
    letters = "".join(toks)
    best: list[tuple[float, int] | None] = [(0.0, 0)] + [None] * len(letters)  # (cost, where the last word starts)
    for end in range(1, len(letters) + 1):
        for start in range(max(0, end - 7), end):
            word = letters[start:end]
            if best[start] is not None and decode.is_syllable(word):
                cost = best[start][0] + 1 + 0.5 * (fold(word[0]) in "aeiouy")
                if best[end] is None or cost < best[end][0]:
                    best[end] = (cost, start)
    if best[-1] is None:
        return text
    words, end = [], len(letters)
    while end:
        start = best[end][1]
        words.insert(0, letters[start:end])
        end = start
    return " ".join(words)
