"""Totals, parts and restatements among the award statements of one text: what a person counts once.

A news item states an award several times (headline, lead, caption, body) and states totals beside their parts
("544 đảng viên được trao tặng và truy tặng Huy hiệu Đảng" in the headline, "524 … và 20 …" in the body;
"Huy hiệu Đảng cho 637 đảng viên. … 24 đồng chí nhận Huy hiệu 75 năm …; 5 đồng chí …"). These functions take the
statements ``tdkt.ingest.awards`` read, in text order, and leave one record per award. Pure.
"""
from __future__ import annotations

from collections import Counter
from itertools import combinations

from tdkt.ingest.award_words import GENERIC, GRANTED
from tdkt.text.collate import fold


def without_parts(out: list) -> list:
    """A total and then its parts ("… Huy hiệu Đảng cho 637 đảng viên. … có 24 đồng chí nhận Huy hiệu 75 năm tuổi
    Đảng; 5 đồng chí …; … và 121 đồng chí …"): two or more statements of the same form and recipients within the
    next lines, naming no other authority, whose counts add up to the total are its breakdown, not statements of
    their own."""
    drop: set[int] = set()
    for i, whole in enumerate(out):
        if whole.count is None or i in drop:
            continue
        parts = [j for j in range(i + 1, len(out)) if out[j].line - whole.line <= 3 and j not in drop
                 and (out[j].form, out[j].recipients) == (whole.form, whole.recipients) and out[j].count is not None
                 and out[j].authority in (None, whole.authority)]  # a part names no other authority
        total = 0
        for n, j in enumerate(parts):
            total += out[j].count
            if total == whole.count and n >= 1:
                drop.update(parts[:n + 1])
                break
            if total > whole.count:
                break
    return [a for k, a in enumerate(out) if k not in drop]


def without_headline_totals(out: list, head: int) -> list:
    """A headline states what its article states: once, where the article states it. A headline statement is
    dropped when a later statement says the same (form, count, recipients), or when its count is the sum of two or
    more later statements in a row, of its form and one authority (of any form and authority when the headline
    names only a verb: "Khen thưởng 20 tập thể, cá nhân …" over "… giấy khen cho 8 … và 12 …"), whose recipients it
    covers, or the sum of two to four later statements of two forms or more, its own among them, of its recipients
    ("117 đơn vị nhận cờ thi đua và bằng khen" over 48 Cờ thi đua and 69 Bằng khen; "Tặng bằng khen cho 46 tập thể và
    cá nhân" over
    "… cho 23 tập the và 23 cá nhân"; "544 đảng viên …" over "524 đảng viên … và 20 đảng viên …")."""
    def total(a, later) -> bool:  # the sum of two or more statements in a row ("34 …" over "17 cá nhân, 17 tập thể")
        generic = fold(a.form).startswith(GENERIC)  # "Khen thưởng 20 tập thể, cá nhân …": parts of any form
        parts = [b for b in later if (b.form == a.form or generic) and b.count is not None
                 and (a.recipients is None or b.recipients == a.recipients)]
        return a.count is not None and any(sum(b.count for b in parts[i:j]) == a.count  # of one authority
                                           and (generic or len({b.authority for b in parts[i:j]}) == 1)
                                           for i in range(len(parts)) for j in range(i + 2, len(parts) + 1))

    def across(a, later) -> bool:  # "117 đơn vị nhận cờ thi đua và bằng khen …" over "… cờ thi đua … cho 48 đơn vị;
        # … bằng khen … cho 69 đơn vị": the sum of statements of two forms or more, its own form among them
        parts = [b for b in later if b.count is not None and b.recipients == a.recipients][:8]
        return a.count is not None and a.recipients is not None and any(
            sum(b.count for b in group) == a.count and any(b.form == a.form for b in group)
            and len({b.form for b in group}) >= 2
            for n in range(2, min(4, len(parts)) + 1) for group in combinations(parts, n))

    def again(a, later) -> bool:
        return any((b.form, b.count, b.recipients) == (a.form, a.count, a.recipients) for b in later)

    return [a for i, a in enumerate(out) if a.line != head or not (again(a, out[i + 1:]) or total(a, out[i + 1:])
                                                                    or across(a, out[i + 1:]))]


def without_restatements(out: list) -> list:
    """The same award stated again further on (a lead, then the body: "40 tập thể, 65 cá nhân được Bộ trưởng …
    tặng bằng khen" … "trao bằng khen của Bộ trưởng … cho 40 tập thể và 65 cá nhân"): when a later line states every
    granted (form, count, recipients) of an earlier line again, two or more of them or one count of at least 10,
    those are not stated anew; the rest of the later line is. One count of 10 or more granted twice (form,
    count, recipients) by one authority (or one not named) is one award wherever it is said again."""
    def said(stated) -> Counter:
        return Counter((a.form, a.count, a.recipients) for a in stated if a.count is not None and a.status == GRANTED)

    lines: dict[int, list] = {}
    for a in out:
        lines.setdefault(a.line, []).append(a)
    earlier: list[Counter] = []
    again: dict[int, Counter] = {}
    for line, stated in lines.items():
        own = said(stated)
        before = next((e for e in earlier if (e.total() >= 2 or max(k[1] for k in e) >= 10) and not e - own), None)
        if before:
            again[line] = Counter(before)
        if own:
            earlier.append(own)
    kept, large = [], {}
    for a in out:
        left, key = again.get(a.line), (a.form, a.count, a.recipients)
        if left and left[key] and a.status == GRANTED:
            left[key] -= 1
            continue
        if a.status == GRANTED and any(a.authority in (None, by) or by is None for by in large.get(key, ())):
            continue  # … and one count of 10 or more said twice anywhere (a caption glued to its paragraph)
        if a.count is not None and a.count >= 10 and a.status == GRANTED:
            large.setdefault(key, []).append(a.authority)
        kept.append(a)
    return kept


def without_named_twice(out: list) -> list:
    """A recipient named twice for one form (a caption, then the body: "… tặng bằng khen cho bà Nguyễn Thị Nhung"
    twice) received it once: a later statement of the same form whose every name begins as an earlier one's is
    not counted again."""
    seen: dict[str, list[str]] = {}
    kept = []
    for a in out:
        earlier = seen.setdefault(a.form, [])
        if a.names and all(any(fold(n).startswith(e) for e in earlier) for n in a.names):
            continue
        earlier += [fold(n) for n in a.names]
        kept.append(a)
    return kept


def without_verb_restatements(out: list) -> list:
    """"Lễ tuyên dương 367 học sinh đạt danh hiệu 'Học sinh Danh dự toàn trường'": a count of at least 3 commended
    by a verb only ("Tuyên dương") that a statement of a named form gives the same recipients is that award, said
    as a ceremony: not counted again."""
    named = {(a.count, a.recipients) for a in out if a.count is not None and not fold(a.form).startswith(GENERIC)}
    return [a for a in out if not (fold(a.form).startswith(GENERIC) and a.count is not None and a.count >= 3
                                   and (a.count, a.recipients) in named)]


def without_uncounted_again(out: list) -> list:
    """A form given to recipients named by kind only ("trao Bằng khen cho các tập thể, cá nhân …", a caption) is the
    award a counted or named statement of the same form states, when there is one; and said twice, it is once."""
    stated = {a.form for a in out if not getattr(a, "uncounted", False)}
    kept, seen = [], set()
    for a in out:
        if getattr(a, "uncounted", False):
            if a.form in stated or (a.form, a.recipients) in seen:
                continue
            seen.add((a.form, a.recipients))
        kept.append(a)
    return kept


def without_superseded(out: list, presented: set[int]) -> list:
    """What was put before a council ("Hội đồng được nghe báo cáo … xét duyệt cờ thi đua … cho 69 đơn vị …") and then
    agreed in other figures ("… thống nhất thông qua đề nghị … cho 48 đơn vị"): the agreed statements only. A
    presented statement (its id in ``presented``) is dropped when a later one that was not presented, of its form and
    recipients, follows within three lines."""
    return [a for i, a in enumerate(out) if id(a) not in presented or not any(
        id(b) not in presented and (b.form, b.recipients) == (a.form, a.recipients) and 0 <= b.line - a.line <= 3
        for b in out[i + 1:])]

