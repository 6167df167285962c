"""Whether the words before an award form state an award at all: a target ("Phấn đấu 95% hộ đạt danh hiệu …",
"Chỉ tiêu: 5 tập thể được tặng Cờ thi đua"), a registration ("45 tập thể đăng ký danh hiệu …"), a decision cited
as the basis of another ("Căn cứ Quyết định số … về việc tặng Bằng khen cho 5 tập thể") grant nothing; "khen
thưởng" in the name of the work ("công tác thi đua, khen thưởng", "nghiệp vụ thi đua - khen thưởng") is a noun, not
the verb that commends. Pure, on the tokens of a clause; ``tdkt.ingest.awards`` asks before it records a form.
"""
from __future__ import annotations

import re

from tdkt.ingest.award_words import UPPER
from tdkt.text.collate import fold
from tdkt.text.decode import Tok

# folded words that make what follows them (in their clause, before the form) a target or a registration
_TARGETS = (("phan", "dau"), ("chi", "tieu"), ("muc", "tieu"), ("du", "kien"), ("dang", "ky"), ("dang", "ki"),
            ("so", "luong"))  # … and a quota: "Số lượng Bằng khen … không quá 5 tập thể"
# "phấn đấu" as a noun ("nỗ lực phấn đấu, …", "sự phấn đấu của …", "học tập, phấn đấu và …"): no target
_STRIVING_BEFORE = frozenset({"luc", "su", "gang", "ngung", "trinh", "tap", "luyen", "va", "ca", "nhieu"})
_STRIVING_AFTER = frozenset({"cua", "va", "ren", "vuon", "khong", "het", "nhu"})
# "đạt 100% chỉ tiêu", "hoàn thành các chỉ tiêu": a quota met is a result
_REACHED_BEFORE = frozenset({"dat", "vuot", "thanh", "cac", "nhung", "ve", "so"})
# a target reaches this many words ahead, no further, and never across an ellipsis or a sentence's end
_REACH = 16
# "khen thưởng" after these (folded) is the name of the work: "công tác khen thưởng", "hồ sơ khen thưởng"
_WORK = (("thi", "dua"), ("cong", "tac"), ("nghiep", "vu"), ("ho", "so"), ("quy",), ("kinh", "phi"), ("che", "do"),
         ("chinh", "sach"), ("co", "che"), ("hoi", "dong"), ("quy", "che"), ("quy", "dinh"), ("linh", "vuc"),
         ("muc",), ("hinh", "thuc"))


def _folded(toks: list[Tok], i: int, n: int) -> tuple[str, ...]:
    return tuple(fold(t.text) for t in toks[i:i + n])


def targeted(clause: str, toks: list[Tok], floor: int, start: int) -> bool:
    """Whether a target or a registration between token ``floor`` and the form at ``start`` governs it: "Phấn đấu
    có ít nhất 5 tập thể được tặng Cờ thi đua", "Năm 2024 phấn đấu đạt 20 tập thể …", "Chỉ tiêu: 100% …", "120 cá
    nhân đăng ký thi đua đạt danh hiệu …"; not "Với sự nỗ lực phấn đấu, đơn vị được tặng …"."""
    for i in range(max(floor, start - _REACH), start):
        words = next((w for w in _TARGETS if _folded(toks, i, len(w)) == w), None)
        if words is None:
            continue
        if re.search(r"…|\.\.\.|\.\s+[%s]" % UPPER, clause[toks[i].end:toks[start].start]):
            continue  # "… phấn đấu hoàn thành nhiệm vụ năm học…Tại hội nghị, … tặng Cờ thi đua": said after it
        if words in (("chi", "tieu"), ("muc", "tieu")) and i and (
                toks[i - 1].text.isdigit() or fold(toks[i - 1].text) in _REACHED_BEFORE
                or re.search(r"[%/]", clause[toks[i - 1].start:toks[i].start])):
            continue  # "đạt 100% chỉ tiêu", "vượt 8/10 chỉ tiêu": a result, not a target
        if words == ("phan", "dau"):
            after = i + 2
            if i and fold(toks[i - 1].text) in _STRIVING_BEFORE or after < len(toks) and (
                    fold(toks[after].text) in _STRIVING_AFTER or re.search(r"[,.;:]", clause[toks[after - 1].end:
                                                                                               toks[after].start])):
                continue
        return True
    return False


def cited(clause: str) -> bool:
    """Whether a clause cites the basis of a decision ("Căn cứ Quyết định số … về việc tặng …"): it grants
    nothing itself."""
    return bool(re.match(r"\W*can cu\b", fold(clause)))


def work_noun(toks: list[Tok], i: int) -> bool:
    """Whether the "khen thưởng" at token ``i`` names the work ("công tác thi đua, khen thưởng", "hồ sơ khen
    thưởng"), not the act of commending."""
    return any(i >= len(w) and _folded(toks, i - len(w), len(w)) == w for w in _WORK) \
        or i >= 3 and _folded(toks, i - 3, 3) in (("thi", "dua", "va"),)


def each(toks: list[Tok], floor: int, start: int) -> bool:
    """Whether "mỗi" (each) before the form at ``start`` makes a number before it a quantity per recipient ("Mỗi cá
    nhân là học sinh xuất sắc 1 giấy khen và 5 quyển vở"), not a count of recipients."""
    return any(t.text.lower() == "mỗi" for t in toks[max(floor, start - _REACH):start])  # not "mới"
