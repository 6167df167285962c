"""The left column of a header: the issuing body and the bodies above it, as lines however the page flattened,
joined or broke them ("UBND TỈNH SƠN LA SỞ GIÁO DỤC VÀ ĐÀO TẠO", "SỞ Y TẾ NGHỆ AN BỆNH VIỆN …", "TỈNH KHÁNH H" /
"ÒA", "UBND XÃ … Số: 102/BC-UBND"). Pure; ``tdkt.ingest.header`` calls ``column_lines``.
"""
from __future__ import annotations

import re

from tdkt.ingest.header_lines import (NUMBER_LABEL, At, capitals, find_date, find_number, furniture, is_heading_line,
                                      national_piece, place_prefix, split_columns)
from tdkt.ingest.reading import RESPACED, unspace
from tdkt.text import decode
from tdkt.text.collate import fold

_BODY_WORDS = re.compile(r"(?:^|\s)(?:uy ban nhan dan|ubnd|hoi dong|hdnd|hd thi dua|so |phong |truong |dang uy|dang bo|"
                         r"huyen uy|tinh uy|thanh uy|thi uy|quan uy|bo |chinh phu|thu tuong|hoi |chi hoi|lien doi|"
                         r"doan |huyen doan|tinh doan|thanh doan|cong doan|uy ban mat tran|ubmttq|mat tran|"
                         r"trung tam|van phong|cum thi dua|khoi thi dua|tong cuc|cuc |chi bo|ban thi dua|ban chi dao|"
                         r"bch |ban chap hanh|ban thuong vu)")


_PLACE_IN = re.compile(r"\b(?:xa|phuong|thi tran|thi xa|thanh pho|huyen|quan|tinh|tp)\s+\S")


# a body the column names under another without a place of its own ("SỞ Y TẾ NGHỆ AN" / "BỆNH VIỆN …", flattened
# onto one line by normalising): where a new body may start after a complete one that names no place kind
_SUB_BODY = re.compile(r"\s(?:truong (?:mam non|mau giao|tieu hoc|trung hoc|thcs|thpt|th |mn |mg |pt|cao dang|dai hoc)|"
                       r"benh vien|trung tam|cd |cong doan|to chuyen mon|to cong doan|chi bo|dang uy|chi cuc|"
                       r"phong (?:giao duc|gd|noi vu|van hoa|tai chinh|lao dong|y te|nong nghiep|kinh te|tu phap|"
                       r"tai nguyen|cong tac|canh sat|tham muu|to chuc|hanh chinh)|ban thi dua|hoi dong thi dua|"
                       r"lien doi|chi doan|khoa |cong ty|xi nghiep|hoi (?:ccb|cuu chien binh|nong dan|phu nu|lhpn|"
                       r"lien hiep phu nu|khuyen hoc|chu thap do|nguoi cao tuoi|cuu giao chuc|nan nhan|luat gia))")


_SUBJECT = re.compile(r"^(?:v\s*/\s*v|ve viec)\b")


def _bodies(segment: str) -> list[str]:
    """A left-column segment holding several bodies flattened together ("UBND TỈNH SƠN LA SỞ GIÁO DỤC VÀ ĐÀO TẠO")
    cut where a new body starts after a complete one (a body with its place); repeated bodies once."""
    key = fold(segment)
    cuts = [0]
    for m in _BODY_WORDS.finditer(key):
        start = m.start() + (1 if key[m.start()] == " " else 0)
        if start > cuts[-1] and _PLACE_IN.search(key[cuts[-1]:start]):
            cuts.append(start)
    for m in _SUB_BODY.finditer(key):
        start, before = m.start() + 1, key[cuts[-1]:m.start() + 1]
        if start > cuts[-1] and (_complete(before) or _PLACE_IN.search(before)):
            cuts.append(start)
    cuts = sorted(set(cuts))
    parts = [segment[a:b].strip(" -–*|") for a, b in zip(cuts, cuts[1:] + [len(segment)])]
    out: list[str] = []
    for part in parts:
        if part and (not out or fold(out[-1]) != fold(part)):
            out.append(part)
    return out


def _number_apart(segments: list[str]) -> list[str]:
    """A left-column segment that also holds the number ("UBND XÃ HÒA BÌNH Số: 102/BC-UBND", a whole header
    flattened onto one line) as the body and the number."""
    out = []
    for seg in segments:
        m = NUMBER_LABEL.search(seg)
        body = seg[:m.start()].strip(" |-–") if m and m.start() else ""
        if body and capitals(body) and len(body.split()) >= 2 and find_number(seg[m.start():]):
            out += [body, seg[m.start():]]
        else:
            out.append(seg)
    return out


def _title_case(text: str) -> bool:
    """Most words begin with a capital (a name written as a name, not a sentence)."""
    words = [w for w in text.split() if w[:1].isalpha()]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.5 * len(words)


def _broken_word(before: str, piece: str) -> bool:
    """``piece`` is the end of ``before``'s last word, which the column's width broke ("TỈNH KHÁNH H" / "ÒA")."""
    last = before.split()[-1] if before.split() else ""
    return (len(last) == 1 and last.isalpha() and len(piece.split()) == 1 and piece[:1].lower() in "aăâeêioôơuưy"
            + "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ" and decode.is_syllable(last + piece))


def _rejoined(segment: str) -> str:
    """A column line whose word its width broke, joined again by normalising with a space ("TỈNH KHÁNH H ÒA")."""
    words = segment.split(" ")
    out: list[str] = []
    for w in words:
        if out and len(out) >= 2 and _broken_word(out[-1], w) and out[-1].isupper():
            out[-1] += w
        else:
            out.append(w)
    return " ".join(out)


def _complete(part: str) -> bool:
    """Whether a folded piece of a left column is a whole body that another may follow: it opens with a body
    word, names something after it (three words at least) and does not end on a body word waiting for its name
    ("CÔNG ĐOÀN" before "TRƯỜNG …" is one body)."""
    words = part.split()
    if len(words) < 3 or not _BODY_WORDS.match(part):
        return False
    return not re.search(r"(?:^|\s)(?:doan|cong doan|hoi|chi bo|dang bo|dang uy|ban chap hanh|bch|ban thuong vu|"
                         r"lien doi|ban|va|,|-|–)\s*$", part)


def column_lines(head: list[tuple[int, str]], anchor: int) -> tuple[list[At], int]:
    """The left column of the header around ``anchor`` (the national title's line), top to bottom, and the
    index where the header starts."""
    cells: list[tuple[int, int, str, str]] = []  # (index, line, kind, text)
    respaced: set[int] = set()  # lines typed letter by letter, whose words were put back together
    for i in range(max(0, anchor - 8), min(len(head), anchor + 8)):
        line, text = head[i]
        text = re.sub(r"<[^>]{0,200}>|^\s*\(\d+\)", "", text)  # HTML left by a document site, "(1)" page counters
        text = re.sub(r"^(?:Trang|Page)\s*\d+\s*(?=\S)", "", text)  # a page marker glued to the header
        spaced, text = text, unspace(text)
        if text != spaced:
            respaced.add(line)
        for seg in _number_apart(split_columns(text)) or [""]:
            if not seg.strip(" |-–_=*."):
                kind = "rule"
            elif _SUBJECT.match(fold(seg.strip())):
                kind = "subject"  # a công văn's "V/v …" under its number, in the left column
            elif national_piece(seg):
                kind = "national"
            elif find_number(seg) or re.fullmatch(r"(?:S[ốỐoO]|SỐ)\s*(?:hiệu)?\s*[:.]?", seg.strip()):
                kind = "number"
            elif find_date(seg, place_prefix) or fold(seg).startswith(("ngay ", "thang ")):
                kind = "date"
            elif is_heading_line(seg.strip()) and i > anchor:
                kind = "heading"
            elif is_heading_line(seg.strip()):
                kind = "other"  # a page's title above the header ("BÁO CÁO CÔNG TÁC … CỦA HỘI LVVN"): no body
            elif capitals(seg) and len(seg) <= 110 and not furniture(seg):
                kind = "body"
            elif i > anchor and _BODY_WORDS.match(fold(seg.strip())) and _title_case(seg) and len(seg) <= 70:
                kind = "body"  # "Liên đội trường TH Quảng Thạch" under "HỘI ĐỒNG ĐỘI HUYỆN …", written as a name
            else:
                kind = "other"
            cells.append((i, line, kind, seg))
    column: list[tuple[int, int, str]] = []
    start = anchor
    # upwards from the anchor: body lines (rules, numbers, dates and national pieces skipped), until anything else
    before = [c for c in cells if c[0] < anchor]
    for i, line, kind, seg in reversed(before):
        if kind in ("rule", "national", "number", "date", "subject"):
            continue
        if kind != "body":
            break
        column.insert(0, (i, line, seg))
        start = i
    # the anchor's line and the next ones: left segments beside a national piece, until the number, date or heading
    by_line: dict[int, list[tuple[str, str]]] = {}
    for i, line, kind, seg in cells:
        if i >= anchor:
            by_line.setdefault(i, []).append((kind, seg))
    for i in sorted(by_line):
        kinds = [k for k, _ in by_line[i]]
        if any(k in ("number", "date", "heading") for k in kinds) and not any(k == "national" for k in kinds):
            break
        beside = any(k == "national" for k in kinds)
        for n, (kind, seg) in enumerate(by_line[i]):
            if kind == "body" and (beside or _BODY_WORDS.match(fold(seg))):
                column.append((i, head[i][0], seg))
            elif kind in ("number", "date", "heading"):
                break
    # flattened bodies apart; a one-word piece ("ỦY") joined to the next ("BAN NHÂN DÂN")
    pieces: list[tuple[int, str]] = []
    for _, line, seg in column:
        for body in _bodies(_rejoined(seg)):
            pieces.append((line, body))
    joined: list[tuple[int, str]] = []
    for line, body in pieces:
        body = body.strip(" .,;")
        if joined and _broken_word(joined[-1][1], body):
            joined[-1] = (joined[-1][0], joined[-1][1] + body)
        elif joined and (len(joined[-1][1].split()) == 1 and not re.search(r"\d", joined[-1][1])
                       or fold(joined[-1][1]) == "thu tuong" and fold(body) == "chinh phu"):
            joined[-1] = (joined[-1][0], f"{joined[-1][1]} {body}")
        elif not joined or fold(joined[-1][1]) != fold(body):
            joined.append((line, body))
    return [At(body, line, "cột trái phần đầu văn bản" + (f"; {RESPACED}" if line in respaced else ""))
            for line, body in joined], start
