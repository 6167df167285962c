"""The signer of a document and the title printed above the name: the last name-like line near the end of the
text, under a signature's title (``TM. …``, ``CHỦ TỊCH``, ``(Đã ký)``). Pure: reads the lines of extract's reader.

A name is taken as the signer with a title above it: ``KT. THỦ TƯỚNG`` / ``Phó Thủ tướng`` / ``(Đã ký)`` /
name, or ``HIỆU TRƯỞNG`` before the distribution list (``Nơi nhận``) that a flattened page put between the title
and the name. A name under no title is still read, but flagged: the line may be a heading, a list entry or an
author's byline rather than the person who signed.
"""
from __future__ import annotations

import re

from tdkt.ingest import header
from tdkt.ingest.reading import TITLE_WORDS, Found, caps, sentence
from tdkt.model import Signature
from tdkt.text import decode
from tdkt.text.collate import fold
from tdkt.text.decode import at, find, tokens

# "(Đã ký)" or "(Ký, ghi rõ họ tên)" that normalising joined to the signer's name below it
SIGNED = re.compile(r"^\s*(?:\(\s*(?:[đĐ]ã\s+ký|[kK]ý)[^)]{0,40}\)|[đĐ]ã\s+ký\s*[:.]?)\s*")
_SIGNED_AFTER = re.compile(r"\s*\(\s*(?:[đĐ]ã\s+ký|ĐÃ\s+KÝ)\s*\)\s*$")
_DELEGATION = re.compile(r"\b(?:TM|KT|TL|TUQ)\s*\.")
# a title line of its own, in any case: "Phó Thủ tướng", "HIỆU TRƯỞNG", "Q. GIÁM ĐỐC"
_TITLE_LINE = re.compile(r"^(?:q\. ?)?(?:pho )?(?:chu tich|thu tuong|bo truong|thu truong|giam doc|hieu truong|"
                         r"pho hieu truong|truong ban|truong phong|bi thu|chanh van phong|chu nhiem|tong bi thu|"
                         r"thu truong co quan|truong khoa|vien truong|tong giam doc|tong cuc truong|cuc truong|"
                         r"phu trach|tong phu trach)\b")
NO_TITLE = "không thấy chức danh người ký ở trên tên: dòng này có thể không phải tên người ký, cần đối chiếu"


def read_signer(r, signatures: tuple[Signature, ...]) -> tuple[Found, Found]:
    """The signer and the signer's title; ``r`` is extract's line reader (lines, tokens, damaged, found)."""
    people = [s for s in signatures if not any(w in fold(s.signer) for w in ("uy ban", "ubnd", "hoi dong"))]
    name_at = -1
    for i in range(len(r.lines) - 1, max(-1, len(r.lines) - 13), -1):
        if _name_like(r, i) and (r.damaged or SIGNED.match(r.lines[i][1]) or header.signature_context(r.lines, i)):
            name_at = i
            break
        if len(r.lines[i][1]) > 150:
            break
    printed = SIGNED.sub("", r.lines[name_at][1]).strip() if name_at >= 0 else None
    title = _title(r, name_at)
    stamp = next((s.signer for s in people if printed and fold(s.signer) == fold(printed)), None)
    if stamp:
        signer = Found(value=stamp, line=r.lines[name_at][0], why="tên in dưới chữ ký, viết như trong chữ ký số")
    elif printed:
        junk = [w for w in printed.split() if not decode.is_syllable(w)]
        why = "tên dưới chữ ký" + (f"; {' '.join(junk)!r} không phải chữ tiếng Việt" if junk else "")
        signer = r.found(printed, name_at, why, bool(junk))
        if title.value is None:
            signer = Found(value=signer.value, line=signer.line, why=f"{signer.why}; {NO_TITLE}", review=True)
    elif people:
        signer = Found(value=people[0].signer, why="lấy từ chữ ký số")
    else:
        signer = Found()
    return signer, title


def _name_like(r, i: int) -> bool:
    text = SIGNED.sub("", r.lines[i][1]).strip()
    words = text.split()
    if not 2 <= len(words) <= 5 or re.search(r"[:;/()\[\]\-–+*•.,\"“”]", text) or caps(text) and r.damaged:
        return False
    if any(c.isdigit() for w in words[1:] for c in w) or not all(w[-1].isalpha() for w in words):
        return False
    if any(find(r.toks[i], r.k(t)) >= 0 for t in (*TITLE_WORDS, "nơi nhận")):
        return False
    first_ok = r.damaged or words[0][0].isupper()
    return first_ok and all(w[0].isupper() for w in words[1:]) and sum(map(decode.is_syllable, words)) >= 2


def _title(r, name_at: int) -> Found:
    """``TM. …`` and the titles in capitals between ``Nơi nhận`` and the signer's name; failing those, the title
    lines just above the name or just above the distribution list."""
    if name_at < 0:
        return Found()
    start = next((i for i in range(name_at - 1, max(-1, name_at - 16), -1)
                  if at(r.toks[i], 0, r.k("nơi nhận"))), None)
    nhan = start
    if start is None:  # no distribution list: only the lines just above the name
        start = name_at
        while start > 0 and name_at - start < 3 and caps(r.lines[start - 1][1]) and len(r.lines[start - 1][1]) < 60:
            start -= 1
    fragments = []
    for i in range(start, name_at):
        text = r.lines[i][1]
        tm = _DELEGATION.search(text)
        if tm:
            fragments.append(text[tm.start():].strip())
            continue
        words = re.findall(r"\S+", text.lstrip("-+*• "))
        run = []
        for w in reversed(words):
            if not (caps(w) or not any(c.isalpha() for c in w)) or w.endswith((";", ",", ":")):
                break
            run.insert(0, w)
        fragment = " ".join(run).strip(" *")
        ftoks = tokens(fragment, r.damaged)
        if len(ftoks) >= 2 and any(find(ftoks, r.k(t)) >= 0 for t in TITLE_WORDS):
            fragments.append(fragment)
    if not fragments:
        found = _title_lines(r, name_at, nhan)
        if found is None:
            return Found()
        start, fragments = found
    value = " / ".join(sentence(f, r.damaged) if caps(f) or _DELEGATION.match(f) else f for f in fragments)
    return Found(value=value, line=r.lines[start][0], why="chức danh in trên tên người ký")


def _title_lines(r, name_at: int, nhan: int | None) -> tuple[int, list[str]] | None:
    """Title lines of their own above the name, skipping "(Đã ký)" and the distribution list's entries, or just
    above ``Nơi nhận`` when a flattened page put the list between the title and the name."""
    picked: list[tuple[int, str]] = []
    i = name_at - 1
    while i >= max(0, name_at - 10):
        text = _SIGNED_AFTER.sub("", SIGNED.sub("", r.lines[i][1])).strip(" *")
        key = fold(text)
        if i == nhan:  # the lines above the list: its title, if the page put it there
            i -= 1
            continue
        if not text or text.startswith(("-", "+", "•")) or (nhan is not None and nhan < i):
            i -= 1
            continue
        if len(text) > 60:
            break
        tm = _DELEGATION.search(text)
        if tm:
            picked.append((i, text[tm.start():]))
        elif _TITLE_LINE.match(key):
            picked.append((i, text))
        elif picked:
            break
        i -= 1
    if not picked:
        return None
    picked.reverse()
    return picked[0][0], [t for _, t in picked]
