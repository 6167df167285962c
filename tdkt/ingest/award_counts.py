"""Counts and recipients in an award clause, on its tokens: "<count> <kind>" pairs before a form ("3 tập thể đạt
danh hiệu …", "2 tập thể và 1 cá nhân nhận …") and after it ("cho 12 tập thể, 50 cá nhân", "4 cá nhân gồm: bà …"),
one count of mixed kinds ("20 tập thể, cá nhân": no kind), the part of a whole ("1.519/1.563 hộ"), the counted
recipients of a passive "được" ("06 tập thể được Liên đoàn Lao động huyện khen thưởng"), and the token
helpers the reader shares (a phrase table matched at a token, the printed text of a span). Pure;
``tdkt.ingest.awards`` reads the statements with them.
"""
from __future__ import annotations

import re

from tdkt.ingest.award_words import QUOTE_OPEN, Words
from tdkt.ingest.recipients import persons_first
from tdkt.text.collate import fold
from tdkt.text.decode import Tok, at


def match(toks: list[Tok], i: int, table) -> tuple[int, str] | None:
    for phrase, value in table:
        if at(toks, i, phrase):
            return len(phrase), value
    return None


def loose_match(toks: list[Tok], i: int, table) -> tuple[int, str] | None:
    """``match`` on the words without their marks (``Words.loose_forms``): "tiến tiến" read as "tiên tiến"."""
    first = fold(toks[i].text) if table and i < len(toks) else None
    for phrase, value in table:
        if phrase[0] == first and len(toks) - i >= len(phrase) \
                and tuple(fold(t.text) for t in toks[i:i + len(phrase)]) == phrase:
            return len(phrase), value
    return None


def form_at(toks: list[Tok], i: int, v: Words) -> tuple[int, str] | None:
    """The form of the table at token ``i`` (its length, its name), as printed or with its marks mistyped."""
    return match(toks, i, v.forms) or loose_match(toks, i, v.loose_forms)


def span(clause: str, toks: list[Tok], a: int, b: int) -> str | None:
    """The printed text of tokens a..b-1, without surrounding punctuation."""
    if a >= b:
        return None
    return clause[toks[a].start:toks[b - 1].end].strip(" ,.:;-–“”\"'") or None


def sep(clause: str, toks: list[Tok], i: int) -> str:
    """The characters between token i-1 and token i."""
    return clause[toks[i - 1].end:toks[i].start] if 0 < i < len(toks) else ""


def short(clause: str, toks: list[Tok], a: int, b: int) -> str | None:
    """A printed name of at most 8 words with no number in it (else not a name: None)."""
    if not 0 < b - a <= 8 or any(t.text.isdigit() for t in toks[a:b]):
        return None
    return span(clause, toks, a, b)


def count_before(clause: str, toks: list[Tok], start: int, floor: int, v: Words) -> list[tuple[int, str]] | None:
    """"3 tập thể đạt danh hiệu 'Tập thể lao động xuất sắc'": [(count, kind)]; "2 tập thể và 1 cá nhân nhận
    Huân chương …": one pair per kind, in the order printed."""
    x = start
    for _ in range(5):  # words between the recipients and the form: đạt, đã được tặng, danh hiệu…
        hit = next((p for p in v.before_form if x - len(p) >= floor and at(toks, x - len(p), p)), None)
        if hit is None:
            break
        x -= len(hit)
    if x == start and not (start > floor and QUOTE_OPEN.search(sep(clause, toks, start))):
        return None  # no verb between: only a form in quotes right after its recipients ("2.417 cá nhân “LĐTT”")
    if x < start and "," in sep(clause, toks, x):
        return None  # "… cho 14 tập thể, tặng Bằng khen …": the count before the comma is the earlier award's
    found = pairs_ending(clause, toks, x, floor, v)
    return found if found is not None or x == start else qualified(clause, toks, x, floor, v)


# what is said of counted recipients between them and their verb reaches this many words at most: where they belong
# ("13 đảng viên thuộc Đảng bộ UBND tỉnh được trao tặng …"), what they did ("15 đảng viên hoàn thành xuất sắc nhiệm
# vụ được Đảng ủy tặng …")
_QUALIFIED_REACH = 10


def qualified(clause: str, toks: list[Tok], x: int, floor: int, v: Words) -> list[tuple[int, str]] | None:
    """The "<count> <kind>" pairs before what is said of them, which ends just before token ``x`` (a verb: "được",
    "đạt", "nhận"): "13 đảng viên thuộc Đảng bộ UBND tỉnh được …" → [(13, cá nhân)]; None when none, when the
    words between hold a number, a punctuation mark, a verb of giving or proposing or "được" (then they say something
    else), or when the count follows "cho" or a verb of giving (it is an earlier form's: "tặng Giấy khen cho 6 tập
    thể có …")."""
    for y in range(x - 1, max(floor, x - _QUALIFIED_REACH) - 1, -1):
        if toks[y].text.isdigit() or re.search(r"[^\s]", sep(clause, toks, y + 1) if y + 1 < x else "") \
                or any(at(toks, y, g) for g in v.give + v.propose) or at(toks, y, v.by):
            return None
        if y > floor and not re.search(r"[^\s]", sep(clause, toks, y)):
            pairs = pairs_ending(clause, toks, y, floor, v)
            first = _pair_ending(clause, toks, y, floor, v)
            if pairs is not None and first is not None:
                start = first[2]
                while start > floor and (at(toks, start - 1, v.and_) or "," in sep(clause, toks, start)):
                    more = _pair_ending(clause, toks, start - 1 if at(toks, start - 1, v.and_) else start, floor, v)
                    if more is None:
                        break
                    start = more[2]
                if start and (at(toks, start - 1, v.to) or any(at(toks, start - len(g), g) for g in v.give
                                                                if start >= len(g))):
                    return None
                return pairs
    return None


def pairs_ending(clause: str, toks: list[Tok], x: int, floor: int, v: Words) -> list[tuple[int, str]] | None:
    """The "<count> <kind>" pairs that end just before token ``x``, joined by "và" or commas ("01 tập thể và 17 cá
    nhân"), one per kind in the order printed; None when none ends there."""
    first = _pair_ending(clause, toks, x, floor, v)
    if first is None:
        return None
    pairs, x = [first[:2]], first[2]
    while x - 1 > floor and (at(toks, x - 1, v.and_) or "," in sep(clause, toks, x)):  # "2 tập thể và 1 cá nhân"
        more = _pair_ending(clause, toks, x - 1 if at(toks, x - 1, v.and_) else x, floor, v)
        if more is None or more[2] and at(toks, more[2] - len(v.to), v.to):
            break  # "tặng Giấy khen cho 6 tập thể, 8 tập thể đạt …": the count after "cho" is the earlier form's
        pairs.insert(0, more[:2])
        x = more[2]
    return [(c, kind) for c, kind, _ in _by_kind([(c, kind, ()) for c, kind in pairs])]


# before a number, words that make it no count of recipients: a year ("năm 2022, đơn vị …"), a cap ("tối đa 10 tập
# thể", "không quá 15 cá nhân"); folded keys
_NOT_COUNT_BEFORE = (("toi", "da"), ("khong", "qua"))


def is_count(clause: str, toks: list[Tok], i: int, quoted: bool = False) -> bool:
    """Whether number token ``i`` counts the recipients (or, ``quoted``, the form in quotes) named right after it:
    only spaces between ("95% hộ", "năm 2022, đơn vị", "Năm 2021: Bằng khen" and the decimals of "92,5 %" count
    nothing), not a share ("95 phần trăm"), a year or a cap."""
    between = sep(clause, toks, i + 1) if i + 1 < len(toks) else ""
    if not toks[i].text.isdigit() or (re.sub(r"[“”\"'‘’]", "", between) if quoted else between).strip():
        return False
    if tuple(fold(t.text) for t in toks[i + 1:i + 3]) == ("phan", "tram"):
        return False
    if i and toks[i - 1].text.isdigit() and sep(clause, toks, i) == ",":
        return False  # "92,5": a decimal's part
    if i and fold(toks[i - 1].text) == "nam" and not sep(clause, toks, i).strip() and re.fullmatch(
            r"(?:19|20)\d\d", toks[i].text):
        return False  # "năm 2022 đơn vị …": a year (not "Trong 5 năm, 1 tập thể …")
    return not any(i >= len(w) and tuple(fold(t.text) for t in toks[i - len(w):i]) == w for w in _NOT_COUNT_BEFORE)


def _number(clause: str, toks: list[Tok], i: int) -> int:
    """The count a number token states: "1.519/1.563 hộ đạt …" is 1,519 of 1,563 (the part, not the whole)."""
    if i > 0 and toks[i - 1].text.isdigit() and sep(clause, toks, i).strip() == "/":
        return int(toks[i - 1].text)
    return int(toks[i].text)


def _pair_ending(clause: str, toks: list[Tok], x: int, floor: int, v: Words) -> tuple[int, str, int] | None:
    """The "<count> <kind>" that ends just before token ``x`` ("64 cán bộ, công chức"): (count, kind, its start)."""
    kinds: set[str] = set()
    for _ in range(4):  # "64 cán bộ, công chức đạt danh hiệu …": the kinds listed after the count
        ending = next((length for length in (4, 3, 2, 1) if x - length - 1 >= floor
                       and match(toks, x - length, v.recipients) == (length, _kind(toks, x - length, v))), None)
        if ending is None and kinds and x - 2 > floor and at(toks, x - 1, v.and_) \
                and not toks[x - 2].text.isdigit():
            x -= 1  # "46 tập thể và cá nhân": one count of two kinds
            continue
        if ending is None:
            break
        x -= ending
        kinds.add(_kind(toks, x, v))
        if is_count(clause, toks, x - 1):  # "122 tập thể, cá nhân": a count of mixed kinds says no kind (None)
            return _number(clause, toks, x - 1), kinds.pop() if len(kinds) == 1 else None, x - 1
    return None


def _by_kind(found: list[tuple[int, str, tuple]]) -> list[tuple[int, str, tuple]]:
    """One (count, kind, names) per kind, in the order first printed: "1 đảng bộ, 10 chi bộ" are 11 tập thể."""
    out: dict[str, tuple[int, str, tuple]] = {}
    for count, kind, names in found:
        c, _, ns = out.get(kind, (0, kind, ()))
        out[kind] = (c + count, kind, ns + names)
    return list(out.values())


def _kind(toks: list[Tok], a: int, v: Words) -> str:
    hit = match(toks, a, v.recipients)
    return hit[1] if hit else ""


def counts(clause: str, toks: list[Tok], start: int, limit: int, v: Words) -> list[tuple[int, str, tuple]]:
    """(count, recipient kind, names) for each "<number> <kind>" between ``start`` and ``limit``; a count
    followed by "đạt"/"được" belongs to the form right after it ("…, 8 tập thể đạt danh hiệu …"), if one follows."""
    found = []
    x = start
    while x < limit:
        if "(" in sep(clause, toks, x):  # "cho 5 tập thể, 5 cá nhân (hạng nhất 1 tập thể; …)": a breakdown
            x = next((y for y in range(x + 1, limit) if ")" in sep(clause, toks, y)), limit)
            continue
        kind = match(toks, x + 1, v.recipients) if is_count(clause, toks, x) and x + 1 < limit else None
        if kind:  # "155 đảng viên của 13/15 đảng bộ": the bodies they belong to, not recipients; nor where from
            first = x - 1 if x and toks[x - 1].text.isdigit() and sep(clause, toks, x).strip() == "/" else x
            kind = None if first and at(toks, first - len(v.of), v.of) else kind
            kind = None if first and fold(toks[first - 1].text) == "tu" else kind  # "hồ sơ từ 66 tỉnh": a source
        if not kind:
            x += 1
            continue
        after = x + 1 + kind[0]
        if after < len(toks) and (at(toks, after, v.reach) or at(toks, after, v.by)) and found \
                and after < limit < len(toks) and limit - after <= 6:
            break  # … but "cho 5 tập thể và 12 cá nhân đạt thành tích xuất sắc" (no form after): this form's
        if not found and x > start and not at(toks, x - len(v.to), v.to) and limit < len(toks) \
                and _verb_of_next(clause, toks, after, limit, v):
            break  # "… được tặng giấy khen và 3 giáo viên của trường đạt danh hiệu …": not after "cho", the next's
        if found and x > start + 1 and at(toks, x - 1, v.to):
            break  # "Cờ thi đua cho 6 tập thể, danh hiệu … cho 14 tập thể": another "cho", another award
        count, x, recipients = _number(clause, toks, x), after, kind[1]
        while x < limit:  # "cho 20 tập thể, cá nhân", "46 tập thể và cá nhân": one count of mixed kinds (None)
            joined = 1 if at(toks, x, v.and_) else 0
            more = match(toks, x + joined, v.recipients) if x + joined < limit else None
            if more is None or not joined and "," not in sep(clause, toks, x):
                break
            x += joined + more[0]
            recipients = recipients if more[1] == recipients else None
        names: tuple[str, ...] = ()
        if x < limit and at(toks, x, v.made_of) and x + 1 < limit and ":" in sep(clause, toks, x + 1):
            x += len(v.made_of)  # "4 cá nhân gồm: bà Trần Thị Hằng, …"
        if x < limit and ":" in sep(clause, toks, x):  # "02 tập thể: Chi bộ 1, chi bộ 3 và 19 đảng viên"
            stop = next((y for y in range(x, limit) if toks[y].text.isdigit() and match(toks, y + 1, v.recipients)
                         and toks[y - 1].text.lower() in ("và", "va")), limit)
            stop -= 1 if stop < limit else 0
            listed = clause[toks[x].start:toks[stop - 1].end] if stop > x else ""
            names = persons_first(tuple(p.strip(" .") for p in re.split(r",|\s+và\s+|\s+va\s+", listed)
                                         if p.strip(" .")))
            x = stop
        found.append((count, recipients, names))
    return _by_kind(found)



def _verb_of_next(clause: str, toks: list[Tok], after: int, limit: int, v: Words) -> bool:
    """Whether "được" or "đạt" follows counted recipients ending at ``after`` (what is said of them between: at most
    ten words, no number or punctuation mark) and the next form at ``limit`` follows it within six words."""
    for y in range(after, min(limit, after + 10)):
        if y > after and (toks[y].text.isdigit() or re.search(r"[^\s]", sep(clause, toks, y))):
            return False
        if at(toks, y, v.reach) or at(toks, y, v.by):
            return limit - y <= 6
    return False


def described(clause: str, toks: list[Tok], start: int, limit: int, v: Words) -> str | None:
    """What the counted recipients after a verb form are commended as, for the form's name: "khen thưởng 2 tập thể
    và 3 cá nhân điển hình tiên tiến" → "điển hình tiên tiến" (a noun: said alone); "biểu dương 63 HTX tiêu biểu
    toàn quốc" → "HTX tiêu biểu toàn quốc" (a quality: said of its one kind); None when the count's kind is followed by
    no quality ("… 17 tập thể có thành tích xuất sắc")."""
    x = start
    while x < limit and not (toks[x].text.isdigit() and match(toks, x + 1, v.recipients)):
        if x > start + 2:  # the count comes right after the verb ("khen thưởng cho 12 …")
            return None
        x += 1
    kinds, pairs = None, 0
    while x + 1 < limit and toks[x].text.isdigit() and (kind := match(toks, x + 1, v.recipients)):
        kinds, x, pairs = x + 1, x + 1 + kind[0], pairs + 1
        while x < limit:  # "tập thể, cá nhân", "tập thể và cá nhân"
            joined = len(v.and_) if at(toks, x, v.and_) else 0
            more = match(toks, x + joined, v.recipients) if x + joined < limit else None
            if more is None or not joined and "," not in sep(clause, toks, x):
                break
            x, pairs = x + joined + more[0], pairs + 1  # kinds said together count as more than one
        y = x + (len(v.and_) if at(toks, x, v.and_) else 0)
        if not (y + 1 < limit and toks[y].text.isdigit() and (y > x or "," in sep(clause, toks, y))):
            break
        x = y  # "2 tập thể và 3 cá nhân …": the next pair
    if kinds is None or x >= limit or sep(clause, toks, x).strip():
        return None
    quality = match(toks, x, v.qualities)
    if quality is None:
        return None
    end = x + quality[0]
    while end < limit and not sep(clause, toks, end).strip() \
            and (more := match(toks, end, v.qualities) or match(toks, end, v.scopes)):
        end += more[0]
    if at(toks, x, v.model):
        return span(clause, toks, x, end)
    return span(clause, toks, kinds, end) if pairs == 1 else None  # "54 tập thể, 71 cá nhân xuất sắc": of two


def plural_kind(toks: list[Tok], x: int, v: Words) -> tuple[int, str | None] | None:
    """"các tập thể, cá nhân có thành tích …", "những học sinh đoạt giải": recipients named by their kind alone,
    not counted, at token ``x``; (where they end, the kind, None when of two kinds); None otherwise."""
    plural = next((p for p in v.plural if at(toks, x, p)), None)
    kind = match(toks, x + len(plural), v.recipients) if plural else None
    if kind is None:
        return None
    end, found = x + len(plural) + kind[0], kind[1]
    while True:  # "các tập thể, cá nhân", "các tập thể và cá nhân"
        joined = len(v.and_) if at(toks, end, v.and_) else 0
        more = match(toks, end + joined, v.recipients)
        if more is None:
            return end, found
        end, found = end + joined + more[0], found if more[1] == found else None


def uncounted(toks: list[Tok], j: int, limit: int, v: Words, verb: bool) -> tuple[bool, str | None] | None:
    """Whom a form goes to when they are named by kind and not counted: right after a verb form ("khen thưởng các
    tập thể, cá nhân"), after "cho" or "tặng" within a few words of a form ("trao Bằng khen cho các cá nhân …",
    "trao bằng khen và tiền thưởng tặng các học sinh …"); (True, kind or None) or None."""
    if verb:
        hit = plural_kind(toks, j, v)
        return (True, hit[1]) if hit else None
    for x in range(j, min(limit, j + 8)):
        if at(toks, x, v.to) or at(toks, x, v.give[0]):
            hit = plural_kind(toks, x + 1, v)
            return (True, hit[1]) if hit else None
    return None


def passive_by(clause: str, toks: list[Tok], i: int, v: Words) -> int | None:
    """"4 tập thể và 12 cá nhân được biểu dương", "06 tập thể được Liên đoàn Lao động huyện khen thưởng": the
    "được" before the verb form at ``i`` (at most 8 words before) that counted recipients precede; None otherwise."""
    by = next((x for x in range(i - 1, max(-1, i - 9), -1) if at(toks, x, v.by)), None)
    return by if by is not None and counted_before(clause, toks, by, 0, v) is not None else None


def counted_before(clause: str, toks: list[Tok], by: int, floor: int, v: Words) -> list[tuple[int, str]] | None:
    """The counted recipients of a passive "được" at ``by``: right before it ("01 tập thể và 17 cá nhân được …"),
    or at the head of the clause before what is said of them ("Dịp này, 02 tập thể đã có thành tích xuất sắc … cũng
    được tặng …", "20 cán bộ đoàn xuất sắc, có nhiều cống hiến … cũng được tuyên dương": at most 4 words in, at
    most 16 words before "được", no other number between)."""
    pairs = pairs_ending(clause, toks, by, floor, v)
    if pairs is None:  # "13 đảng viên thuộc Đảng bộ UBND tỉnh được trao tặng …"
        pairs = qualified(clause, toks, by, floor, v)
    if pairs is not None:
        return pairs
    head = next((x for x in range(floor, min(by, floor + 5)) if toks[x].text.isdigit()
                 and match(toks, x + 1, v.recipients)), None)
    if head is None:
        return None
    end = head + 1 + match(toks, head + 1, v.recipients)[0]
    while end + 2 < by and (at(toks, end, v.and_) or "," in sep(clause, toks, end)):  # "12 tập thể và 25 cá nhân"
        x = end + (len(v.and_) if at(toks, end, v.and_) else 0)
        more = match(toks, x + 1, v.recipients) if toks[x].text.isdigit() else None
        if more is None:
            break
        end = x + 1 + more[0]
    if by - end > 16 or ";" in clause[toks[end].start:toks[by].start] or any(
            toks[y].text.isdigit() and not re.fullmatch(r"(?:19|20)\d\d", toks[y].text) for y in range(end, by)):
        return None  # another count between (a year is none: "… trong công tác năm 2019 cũng được tặng …")
    while end < by and (more := match(toks, end, v.recipients)):  # "… cá nhân, tập thể …"
        end += more[0]
    return pairs_ending(clause, toks, end, floor, v)
