"""Who an award statement names: persons ("ông Hồ Sáu") and collectives ("Trường THCS …"), cut to the name as
printed, without the position, place or caption around it. Pure; ``tdkt.ingest.awards`` reads the statements.
"""
from __future__ import annotations

import re

from tdkt.text.collate import fold

INDIVIDUAL, COLLECTIVE, HOUSEHOLD = "cá nhân", "tập thể", "hộ gia đình"

_BODY = re.compile(r"^(?:ubnd|ủy ban|uỷ ban|hđnd|trường|sở|phòng|ban|hội|công an|chi bộ|chi hội|chi đoàn|đảng|đoàn|"
                   r"cơ quan|xã|phường|thị trấn|thôn|huyện|tỉnh|quận|công ty|trung tâm|khu|tổ|nhân dân|liên đội|"
                   r"bệnh viện|trạm|cục|bộ|viện|văn phòng|tập thể|lớp|câu lạc bộ|clb|hợp tác xã|htx|mttq|mặt trận|"
                   r"tạp chí|báo|đài|nhà xuất bản|liên đoàn|công đoàn|tổng công ty|tập đoàn|ngân hàng|chi cục|"
                   r"thanh tra|tòa án|toà án|viện kiểm sát|kho bạc|bộ chỉ huy|đồn|lữ đoàn|trung đoàn|tiểu đoàn|"
                   r"liên đội|chi đội|đảng bộ|đảng ủy|đảng uỷ|huyện ủy|huyện uỷ|tỉnh ủy|tỉnh uỷ|ấp|bản|làng|"
                   r"khu phố|tộc họ|gia đình|tổng cục|tổng liên đoàn|tổng lđlđ|tổng công ty)\b",
                   re.I)

_LEAD = re.compile(r"^(?:đó là|đó|là|gồm có|gồm|cho|trong đó có|đại diện)\s+", re.I)
_TAIL = re.compile(r"(?:\s+(?:vinh dự|tự hào|đã|cũng|đều|vừa|đón|được))+$", re.I)
HONORIFIC = re.compile(r"^(ông|bà|anh|chị|em|cô|thầy|đồng chí|đ/c|đc\.?)\s+", re.I)
def _bare_person(name: str) -> bool:
    """"Hồ Sơn Tư", "Nguyễn Thị Kim Mai": two to four words, each a capital then small letters (not "Giám đốc Sở":
    the range À-Ỹ of a pattern holds small letters too, so each word's case is asked)."""
    parts = name.split()
    return 2 <= len(parts) <= 4 and all(w.isalpha() and w[0].isupper() and w[1:].islower() for w in parts)
_NOT_A_NAME = ("trong", "tong", "nhung", "cac", "moi", "nhieu", "mot")
# what opens a sentence before the recipient: "Theo đó, năm 2021, Ban Tổ chức Huyện ủy được tặng …"
_OPENER = re.compile(r"^(?:theo do|theo|dip nay|nhan dip|ngoai ra|ben canh do|dong thoi|tai (?:buoi|le|hoi)|nam \d+|"
                     r"ket qua|sau khi|vua qua|hien nay|qua do|cung dip)\b")


# "đảng viên đợt 2-9", "(đại diện) tập thể có thành tích …", "các tập thể và các cá nhân được đề nghị …", "… thành tích của …": who, not a name
_NO_NAME = re.compile(r"^(?:đảng viên|cá nhân|tập thể|học sinh|giáo viên|hội viên|đoàn viên|đội viên|cán bộ|công chức|"
                      r"người)\b|\b(?:các|những)\s+(?:tập thể|cá nhân|đơn vị|đảng viên|hộ)\b|\bthành tích\b|"
                      r"\b\d{1,2}/\d{1,2}/\d{2,4}\b")  # "Đến ngày 20/01/2020": a date is no name
# what says how many or what share, not who: "95% hộ gia đình", "Có 120 cá nhân đăng ký …", "Tỷ lệ đảng viên …",
# "Số hộ …"; and a kind alone at a sentence's start ("Tập thể đạt danh hiệu … được thưởng …": a rule, not a name)
# a decision's article, clause or part ("Điều 2. Mỗi tập thể …"): no name
_ARTICLE = re.compile(r"^(?:Điều|Khoản|Mục|Chương|Phần)\s+(?:\d+|[IVX]+)\b")
_NO_NAME_EITHER_CASE = re.compile(r"\d\s*%|\d+\s+(?:cá nhân|tập thể|hộ|đơn vị|người|đảng viên|gia đình)\b|"
                                  r"^(?:có|tỷ lệ|tỉ lệ|số|tổng số|phấn đấu|chỉ tiêu|mục tiêu|đến|từ|trong|sau|trước)\s|"
                                  r"^(?:mỗi\s+|các\s+|những\s+)?(?:cá nhân|tập thể|hộ gia đình|đơn vị|đảng viên)$", re.I)


def named(names: tuple[str, ...]) -> str | None:
    """Persons ("ông Hồ Sáu") or collectives ("Trường THCS …", "Công an huyện"); None when names do not say."""
    if names and HONORIFIC.match(names[0]) and all(HONORIFIC.match(n) or _bare_person(n) and not _BODY.match(n)
                                                    for n in names):
        return INDIVIDUAL  # "ông Võ Hữu Thời và Hồ Sơn Tư": the second without his honorific
    if names and all(_BODY.match(n) for n in names):
        return COLLECTIVE
    return None


def clean_name(name: str | None) -> str | None:
    """A recipient's name as printed, without what follows it: "ông Hồ Sáu (huyện Trảng Bom)" → "ông Hồ Sáu",
    "bà Nguyễn Thị Nhung - nguyên Chủ tịch …" → "bà Nguyễn Thị Nhung"; None when it is no name ("Trong đó",
    "các tập thể …", a count)."""
    if not name:
        return None
    name = _LEAD.sub("", _LEAD.sub("", name.strip()))
    name = re.split(r"\s*[(|]|\s+[-–]\s+|(?<!\bTP)(?<!\bTp)(?<!\bTX)(?<!\bTT)\.\s", name)[0].strip(" .,;:-–")
    name = _TAIL.sub("", name)  # "Công ty vinh dự đón (nhận …)": the words of receiving are not the name
    honorific = HONORIFIC.match(name)
    if honorific:  # a person: the honorific and the capitalised words of the name after it
        run = []
        for w in name[honorific.end():].split():
            if not w[:1].isupper():
                break
            run.append(w.rstrip(",;"))
            if w[-1] in ",;":  # "Ông Nguyễn Văn Hiếu, Giám đốc Sở …": the position follows
                break
        return f"{honorific.group(1)} {' '.join(run)}" if run else None
    if not (name[:1].isupper() or _BODY.match(name)) or fold(name.split()[0]) in _NOT_A_NAME and not _BODY.match(name) \
            or _OPENER.match(fold(name)) or re.match(r"ảnh\s*:", name, re.I) \
            or " là " in name or _NO_NAME.search(name) or _NO_NAME_EITHER_CASE.search(name) or _ARTICLE.match(name):
        return None
    return name


def persons_first(parts: tuple[str, ...]) -> tuple[str, ...]:
    """Names listed with their positions ("bà Trần Thị Hằng, Chi hội trưởng …, bà …"): when some are persons
    (an honorific), only the persons, each cleaned; else the parts as they are."""
    persons = []
    for p in parts:
        name = clean_name(p)
        if name and (HONORIFIC.match(p.strip()) or _bare_person(name) and not _BODY.match(name)):
            persons.append(name)  # "ông Võ Hữu Thời và Hồ Sơn Tư": the second without his honorific
    return tuple(persons) or parts


def split_names(text: str | None) -> tuple[str, ...]:
    """"Ban Tuyên giáo Huyện ủy và Ủy ban Kiểm tra Huyện ủy" → both, each cleaned (``clean_name``) and at most
    10 words; what is not a name is left out."""
    if not text:
        return ()
    raw = tuple(p for p in re.split(r",|\s+và\s+", text) if p.strip(" .,;:"))
    if any(HONORIFIC.match(p.strip()) for p in raw):
        return persons_first(raw)
    parts = [clean_name(p) for p in raw]
    return tuple(p for p in parts if p and len(p.split()) <= 10)


def split_bodies(text: str | None) -> tuple[str, ...] | None:
    """"Trường THCS Lê Lợi, Trường TH Kim Đồng và Trường MN Hoa Sen" → the three, when every part is a body named
    with a capital ("UBND xã Hòa Phú và UBND xã Hòa Ninh"); None otherwise ("Trường THCS Lê Lợi, huyện Hòa Vang":
    a place after a comma, in lower case, is part of the name)."""
    if not text:
        return None
    def body(p: str) -> bool:
        return bool(p[:1].isupper() and _BODY.match(p))
    parts = []
    for p in (p.strip(" .;:") for p in text.split(",") if p.strip(" .;:")):
        pair = re.split(r"\s+và\s+", p, maxsplit=1)  # "… và UBND xã Hòa Ninh"; not "Giáo dục và Đào tạo"
        parts += pair if len(pair) == 2 and body(pair[0]) and body(pair[1]) else [p]
    if len(parts) < 2 or not all(body(p) for p in parts):
        return None
    names = tuple(clean_name(p) for p in parts)
    return names if all(names) else None
