"""Forms the table of forms does not know, named by the sentence itself: a title in quotes after "danh hiệu"
("danh hiệu “Trường học thân thiện, học sinh tích cực”"), a prize or title named by its capitalised words ("Giải
thưởng Phụ nữ Việt Nam", "danh hiệu Lao động xuất sắc"), a competition's prizes of a rank handed over ("trao 3 giải
Nhất, 2 giải Nhì …") and who a counted prize goes to. Each gives (start, end, form, is a verb form) on the clause's
tokens, as ``tdkt.ingest.awards`` reads forms. Pure.
"""
from __future__ import annotations

import re

from tdkt.ingest.award_counts import count_before, form_at, match, pairs_ending, sep, span
from tdkt.ingest.award_words import QUOTE_CLOSE, QUOTE_OPEN, RECOGNISED, Words
from tdkt.text.collate import fold
from tdkt.text.decode import Tok, at


def ranked(toks: list[Tok], i: int, v: Words, forms: list) -> tuple[int, int, str, bool] | None:
    """"trao 3 giải Nhất, 2 giải Nhì …": (start, end, "Giải Nhất", False) for a prize of a rank counted right before
    it, handed over ("trao", "tặng" just before the first of the run), or not counted and given to whom "cho" names
    ("trao giải Nhất cho Trường A, giải Nhì cho …"); None otherwise ("đạt giải nhì" counts nothing;
    "71 giải, gồm 2 giải Nhất, 11 giải Nhì …" is a competition's result, not prizes handed over)."""
    rank = match(toks, i + len(v.prize_word), v.prize_ranks) if i and at(toks, i, v.prize_word) else None
    if rank is None:
        return None
    run = forms and forms[-1][2].startswith("Giải ") and forms[-1][1] >= i - 3
    if not toks[i - 1].text.isdigit():  # "trao giải Nhất cho Trường A, giải Nhì cho Trường B": one each, named
        end = i + len(v.prize_word) + rank[0]
        named_after = end < len(toks) and at(toks, end, v.to)
        handed = any(at(toks, j, g) for j in range(max(0, i - 2), i) for g in v.give)
        ranks = forms and forms[-1][2].startswith("Giải ")  # the run of a clause's prizes, each named after "cho"
        return (i, end, f"Giải {rank[1]}", False) if named_after and (handed or ranks) else None
    given = any(at(toks, j, g) for j in range(max(0, i - 4), i - 1) for g in v.give)
    return (i, i + len(v.prize_word) + rank[0], f"Giải {rank[1]}", False) if run or given else None


def prized(toks: list[Tok], end: int, v: Words, reach: int) -> str | None:
    """Who a counted form goes to when the count is before it: the kind after the first "cho (các)" after it, before
    ``reach`` ("… và 4 giải Khuyến khích cho các tập thể lớp" → tập thể; "289 bằng khen cho cá nhân" → cá nhân);
    None when not said."""
    to = next((x for x in range(end, min(reach, len(toks))) if at(toks, x, v.to)
               or toks[x].text.isdigit() and reach < len(toks)), None)  # a run of prizes goes on past its numbers
    if to is None or not at(toks, to, v.to):  # "40 huân chương … của Chủ tịch nước cho các cựu chiến binh"
        return None
    x = to + len(v.to) + next((len(p) for p in v.plural if at(toks, to + len(v.to), p)), 0)
    kind = match(toks, x, v.recipients)
    return kind[1] if kind else None


def quoted_title(clause: str, toks: list[Tok], i: int, v: Words) -> tuple[int, int, str, bool] | None:
    """"danh hiệu “Trường học thân thiện, học sinh tích cực”" at token ``i``: (start, end, "Danh hiệu …", False)
    for a title in quotes that no form of the table starts; None otherwise."""
    n = len(v.title)
    if not at(toks, i, v.title) or i + n >= len(toks) or not QUOTE_OPEN.search(sep(clause, toks, i + n)) \
            or form_at(toks, i + n, v):
        return None
    for j in range(i + n + 1, min(len(toks), i + n + 24) + 1):  # a title's name ends at its closing quote
        after = clause[toks[j - 1].end:toks[j].start] if j < len(toks) else clause[toks[j - 1].end:]
        if QUOTE_CLOSE.search(after):
            name = span(clause, toks, i + n, j)
            return (i, j, f"Danh hiệu {name[:1].upper()}{name[1:]}", False) if name else None
        if re.search(r"[.;:]", after):
            return None
    return None


def named_prize(clause: str, toks: list[Tok], i: int, v: Words) -> tuple[int, int, str, bool] | None:
    """"Giải thưởng Phụ nữ Việt Nam", "danh hiệu Lao động xuất sắc", "Huy hiệu Tuổi trẻ sáng tạo": (start, end,
    "Giải thưởng …" / "Danh hiệu …" / "Huy hiệu …", False) for a prize, title or badge the table does not know,
    named by capitalised words after "giải thưởng", "danh hiệu" or "huy hiệu" (at most six, a title's eight; a
    prize's name ends on a capitalised word); None otherwise."""
    word = v.prize if at(toks, i, v.prize) else v.title if at(toks, i, v.title) else v.badge if at(toks, i, v.badge) \
        else None
    n = len(word) if word else 0
    if not word or i + n >= len(toks) or form_at(toks, i + n, v) or not toks[i + n].text[:1].isalpha():
        return None
    if not toks[i + n].text[:1].isupper():
        return lower_title(clause, toks, i, v) if word == v.title else None
    last = i + n  # the name ends on its last capitalised word: "Phụ nữ Việt Nam"
    for j in range(i + n + 1, min(len(toks), i + n + (6 if word == v.prize else 9))):  # "… làm theo lời Bác"
        if toks[j].text.isdigit() or re.search(r"[,.;:(]", sep(clause, toks, j)) or at(toks, j, v.to) \
                or toks[j].text in ("năm", "nam") or any(at(toks, j, a) for a in v.about):
            break
        if toks[j].text[:1].isupper() or word != v.prize:  # a title's, a badge's words after the first: lower case
            last = j
    name = span(clause, toks, i + n, last + 1)
    kind = "Giải thưởng" if word == v.prize else "Huy hiệu" if word == v.badge else "Danh hiệu"
    return (i, last + 1, f"{kind} {name}", False) if name else None


# forms of the table whose own name may follow them: "Kỷ niệm chương “Cựu chiến binh Việt Nam”", "Kỷ niệm chương Vì
# sự nghiệp nông dân Việt Nam", "Huy chương Vì thế hệ trẻ"
_NAMED_BY_WHAT_FOLLOWS = ("Kỷ niệm chương", "Huy chương")


def medal_name(clause: str, toks: list[Tok], end: int, form: str, v: Words) -> tuple[int, str] | None:
    """A medal's own name after its kind, in quotes or opening with a capital (at most eight words, to a
    punctuation mark, a number, "cho", "của", "năm" or a reason): (its end, "Kỷ niệm chương …"); None otherwise."""
    if form not in _NAMED_BY_WHAT_FOLLOWS or end >= len(toks) or not toks[end].text[:1].isalpha():
        return None
    quoted = bool(QUOTE_OPEN.search(sep(clause, toks, end)))
    if not quoted and not toks[end].text[:1].isupper():
        return None
    last = end
    for k in range(end + 1, min(len(toks), end + 8)):
        after = sep(clause, toks, k)
        if quoted and QUOTE_CLOSE.search(after):
            break
        if toks[k].text.isdigit() or re.search(r"[,.;:(]", after) or at(toks, k, v.to) or at(toks, k, v.of) \
                or toks[k].text in ("năm", "nam") or any(at(toks, k, a) for a in v.about) \
                or at(toks, k, v.by) or any(at(toks, k, w) for w in v.give + v.done):  # "… được trao cho …"
            break
        last = k
    name = span(clause, toks, end, last + 1)
    return (last + 1, f"{form} {name}") if name else None


# the first words of a post, not of a kind of person a title names: "Chủ tịch", "Bí thư", "Hiệu trưởng" … (folded)
_POSITIONS = frozenset({"chu", "bi", "hieu", "giam", "truong", "pho", "tong"})


def capital_title(clause: str, toks: list[Tok], i: int, v: Words) -> tuple[int, int, str, bool] | None:
    """"tôn vinh 100 Nông dân Việt Nam xuất sắc", "trao danh hiệu cho 20 Thanh niên tiêu biểu": (start, end,
    "Danh hiệu …", False) for a title written with a capital as the counted recipients' noun (a recipient word
    first, two words or more after it, one of them capitalised or a quality), right after a count that a verb of
    commending or giving (or "danh hiệu … cho") precedes within four words; the title ends before a punctuation
    mark, a number, "và", "cho", "của", "năm" or a reason (at most eight words). None otherwise."""
    if not (0 < i < len(toks) and toks[i - 1].text.isdigit() and toks[i].text[:1].isupper()
            and not toks[i].text.isupper()  # "63 HTX tiêu biểu": an abbreviation, no title
            and not sep(clause, toks, i).strip()) or not match(toks, i, v.recipients) \
            or fold(toks[i].text) in _POSITIONS:  # "102 Chủ tịch Hội Liên hiệp Phụ nữ …": a post and its body
        return None
    before = range(max(0, i - 6), i - 1)
    if not any(at(toks, x, g) for x in before for g in v.give + tuple(p for p, _ in v.verb_chain) + (v.title,)):
        return None
    last = i + match(toks, i, v.recipients)[0] - 1
    capital = False
    for k in range(last + 1, min(len(toks), i + 8)):
        if toks[k].text.isdigit() or re.search(r"[,.;:(“”\"]", sep(clause, toks, k)) or at(toks, k, v.to) \
                or at(toks, k, v.of) or at(toks, k, v.and_) or toks[k].text in ("năm", "nam") \
                or any(at(toks, k, a) for a in v.about):
            break
        capital = capital or toks[k].text[:1].isupper() or match(toks, k, v.qualities) is not None
        last = k
    if last - i < 2 or not capital:
        return None
    return i, last + 1, f"Danh hiệu {span(clause, toks, i, last + 1)}", False


def recognised_title(clause: str, toks: list[Tok], i: int, v: Words) -> tuple[int, int, str, bool] | None:
    """"12 chi hội được công nhận chi hội vững mạnh", "5 trường được công nhận trường tiên tiến cấp huyện": (start,
    end, "Danh hiệu …", False) for what counted recipients are recognised as, said as a kind and its quality (a
    scope may follow) right after "được công nhận" at token ``i``; None otherwise."""
    hit = match(toks, i, v.verb_forms)
    if hit is None or hit[1] != RECOGNISED or not i or not at(toks, i - 1, v.by) \
            or pairs_ending(clause, toks, i - 1, 0, v) is None:
        return None
    j = i + hit[0]
    kind = match(toks, j, v.recipients) if j < len(toks) and not sep(clause, toks, j).strip() else None
    end = j + kind[0] if kind else len(toks)
    if end >= len(toks) or sep(clause, toks, end).strip() or match(toks, end, v.qualities) is None:
        return None
    while end < len(toks) and not sep(clause, toks, end).strip() \
            and (more := match(toks, end, v.qualities) or match(toks, end, v.scopes)):
        end += more[0]
    name = span(clause, toks, j, end)
    return (j, end, f"Danh hiệu {name[:1].upper()}{name[1:]}", False) if name else None


def reached_title(clause: str, toks: list[Tok], i: int, v: Words) -> tuple[int, int, str, bool] | None:
    """"3 giáo viên đạt Giáo viên dạy giỏi cấp tỉnh": (start, end, "Danh hiệu …", False) for a title the table does
    not know, written with a capital right after "đạt" that counted recipients precede (its words after the first
    in lower case, at most six, to a comma, a number, "năm", "cho" or a reason); not a prize ("đạt Giải Nhất"), a
    standard ("đạt Chuẩn …") or a form the table knows; None otherwise."""
    n = len(v.reach)
    j = i + n
    if not at(toks, i, v.reach) or j >= len(toks) or not toks[j].text[:1].isupper() or form_at(toks, j, v) \
            or at(toks, j, v.title) or toks[j].key in v.not_titles or pairs_ending(clause, toks, i, 0, v) is None:
        return None
    last = j
    for k in range(j + 1, min(len(toks), j + 6)):
        if toks[k].text.isdigit() or re.search(r"[,.;:(]", sep(clause, toks, k)) or at(toks, k, v.to) \
                or toks[k].text in ("năm", "nam") or any(at(toks, k, a) for a in v.about):
            break
        last = k
    name = span(clause, toks, j, last + 1)
    return (j, last + 1, f"Danh hiệu {name}", False) if name else None


def lower_title(clause: str, toks: list[Tok], i: int, v: Words) -> tuple[int, int, str, bool] | None:
    """"63 cá nhân đạt danh hiệu thi đua cấp tỉnh", "21.883 gia đình đạt danh hiệu gia đình hiếu học": (start, end,
    "Danh hiệu …", False) for a title in lower case after "danh hiệu" that counted recipients reach (at most eight
    words, to a punctuation mark but a comma, a number, "năm", "cho", "của", "các", "được" or a reason); None when no
    count reaches it ("các danh hiệu thi đua" said of nobody counted is a mention)."""
    n = len(v.title)
    if count_before(clause, toks, i, 0, v) is None:
        return None
    last = None
    for k in range(i + n, min(len(toks), i + n + 8)):  # a comma may be inside: "sản xuất, kinh doanh giỏi"
        if toks[k].text.isdigit() or k > i + n and re.search(r"[.;:(“”\"]", sep(clause, toks, k)) \
                or at(toks, k, v.to) or at(toks, k, v.of) or toks[k].key in v.not_title_words \
                or any(at(toks, k, a) for a in v.about):
            break
        last = k
    name = span(clause, toks, i + n, last + 1) if last is not None else None
    return (i, last + 1, f"Danh hiệu {name}", False) if name else None


# bodies written in lower case that grant ("nhà trường tặng giấy khen …"); folded
_LOWER_BODIES = ("nha truong", "truong", "cong ty", "don vi", "hoi", "xa", "phuong", "huyen", "tinh", "ubnd")
# words of doing at the end of an authority: "Hội LHPN Việt Nam đã tổ chức (trao …)"
_DOING = re.compile(r"(?:\s+(?:đã|vừa|cũng|tổ chức|long trọng))+$")  # in small letters: not "Ban Tổ chức"


def authority_name(authority: str | None) -> str | None:
    """An authority as printed, without the words around it that are not its name: "lần đầu tiên Bộ …" → "Bộ …",
    "Hội LHPN Việt Nam đã tổ chức" → "Hội LHPN Việt Nam"; the body itself as written ("Chính phủ" stays "Chính phủ":
    the record keeps the text's words, the finder's level groups it with the Prime Minister); None when no body is
    named ("cấp có thẩm quyền", "xét", "học tốt và")."""
    if not authority:
        return None
    name = _DOING.sub("", authority.strip())
    words = name.split()
    first = next((n for n, w in enumerate(words) if w[:1].isupper()), None)
    if first is None:
        return name if fold(name) in _LOWER_BODIES or fold(name).startswith(_LOWER_BODIES[:4]) else None
    if first and not fold(" ".join(words[:first])).startswith(_LOWER_BODIES) \
            and fold(words[first - 1]) not in ("chu", "tich", "bi", "thu", "giam", "doc", "truong"):
        name = " ".join(words[first:])  # "lần đầu tiên Bộ …"; not "đồng chí Bí thư", "Chủ tịch"
    return name or None
