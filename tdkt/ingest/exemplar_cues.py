"""Exemplars a text puts forward in words, read from its paragraphs (or lines), each with the cue that makes it one.

- a model or an example introduced by a quoted name: ``mô hình “…”``, ``gương “…”``;
- the persons and collectives a line introduces as examples and then lists, after its colon, after "gồm"/"là" in
  the same sentence, or in the items under it ("Những cá nhân tiêu biểu …:", "… tiêu biểu gồm Đảng bộ xã Tr’Hy;
  Lăng; …", "Các đơn vị có công trình được tuyên dương gồm: Hòa Bình, Bắc Kạn, …");
- the one a sentence calls an example: "… Dương Văn Thắng vinh dự là một trong những gương điển hình tiên tiến",
  "Khối phố Hà Trung dẫn đầu phong trào thi đua …";
- a decision's recipients listed under its grant above a Giấy khen ("Điều 1. Tặng thưởng Bằng khen … cho:");
- in a text about exemplars (its headline or lead names them: "tiêu biểu", "xuất sắc", "giỏi" …) or in a paragraph
  that honours examples and the one after it, the persons introduced by a title or occupation and full name
  ("Nông dân Phan Khắc Nhật Tiến đến từ …", "ông Nguyễn Háo Văn (TP. Biên Hòa) … được bằng khen"), and the person
  a profile's headline opens with; never an official (a position before or after the name) nor one who speaks,
  hands out or attends.

Pure: ``from_texts`` reads a list of texts and says which text names whom; ``tdkt.ingest.exemplar_propose`` turns
that into candidates for a person to confirm.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from tdkt.ingest.recipients import HONORIFIC, clean_name, named
from tdkt.model import ExemplarKind
from tdkt.text.collate import fold


@dataclass(frozen=True, slots=True)
class Found:
    index: int  # of the text that names it
    name: str
    kind: ExemplarKind
    cue: str  # why it is proposed (Vietnamese, one line)


_MODEL = re.compile(
    r"(?P<what>mô hình|cách làm hay|gương điển hình|điển hình|gương)\s*(?:là\s*)?[“\"](?P<name>[^”\"]{3,120})[”\"]",
    re.IGNORECASE,
)


def named_models(text: str) -> list[tuple[str, str]]:
    """(name, what) of the models and examples a paragraph introduces: ``mô hình “…”``, ``gương “…”``."""
    return [(" ".join(m.group("name").split()), m.group("what").lower()) for m in _MODEL.finditer(text)]


# --- names -----------------------------------------------------------------------------------------------------

_SURNAMES = frozenset(unicodedata.normalize("NFC", s).lower() for s in (  # marks kept: "Đặng", not "Đảng"
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Đào Đoàn Lâm Trịnh Trương Lưu Tạ "
    "Tô Vương Chu Châu Lương Quách Kiều Khuất Tăng Triệu Lục Mạc Phùng Từ Nông Hứa Thân Âu Lại Hầu Diệp Tống Doãn "
    "Khúc Lò Đàm Nghiêm Thạch Bạch Chế Lã Cù Cao Hà Mai Thái Kim Giang Văn La Quan Phí Hàn Viên Ninh Đồng Lạc "
    "Y H’ Ksor Rơ Siu Nay Vi Bế Ma Cầm Sầm Quàng Mẫn Khổng Giáp Trình Tôn Ung Lường").split())


def _up(word: str) -> bool:
    """A capitalised word of a name: "Thắng", "Tr’Hy" (not "BHXH", not "ở": the range À-Ỹ holds both cases)."""
    return word[:1].isupper() and (len(word) == 1 or word[1:].replace("’", "").replace("'", "").islower())


def _run(text: str, pos: int) -> str:
    """The capitalised words from ``pos`` on (at most four), as a name prints them: "Phan Khắc Nhật Tiến"."""
    words = []
    for w in text[pos:].split():
        core = (re.match(r"[^\W\d_][\w’']*", w) or re.match("", w)).group()  # "Duy-", "Thắng,": the word
        if not _up(core) or len(words) == 4:
            break
        words.append(core)
        if core != w:
            break
    return " ".join(words)


# what introduces a person by a title or an occupation; "đồng chí" opens officials far more often
_ROLE = ("ông|bà|anh|chị|em|cô|thầy|cháu|bé|cụ|học sinh|sinh viên|nông dân|giáo viên|cô giáo|thầy giáo|cựu chiến binh|"
         "đoàn viên|hội viên|đội viên|đảng viên|bác sĩ|y sĩ|chiến sĩ|nghệ nhân|doanh nhân|công nhân|kỹ sư|điều dưỡng|"
         "thượng úy|trung úy|đại úy|thiếu tá|trung tá|thượng tá|đại tá|thượng sĩ|trung sĩ|hạ sĩ|nữ sinh|nam sinh|"
         "nhà giáo|người lao động|thanh niên")
_ROLED_ANY = re.compile(rf"(?<!\w)(?:{_ROLE}) ", re.IGNORECASE)


def _roled(text: str, pos: int = 0) -> re.Match[str] | None:
    """A title or an occupation at ``pos`` followed by a capitalised word: "học sinh Đỗ …", not "Chi bộ …"."""
    m = _ROLED_ANY.match(text, pos)
    return m if m and _up(text[m.end():].split(" ", 1)[0].rstrip(",.;:)")) else None


def _roles(text: str) -> list[re.Match[str]]:
    return [m for m in _ROLED_ANY.finditer(text) if _roled(text, m.start())]


# a position: before the name or after its comma, it makes the person an official
_POSITION = re.compile(r"\b(?:chu tich|bi thu|giam doc|truong (?:ban|phong|thon|khoa|cong an)|hieu truong|bo truong|"
                       r"thu truong|thu tuong|chanh (?:an|van phong|thanh tra)|uy vien|pho truong|lanh dao|dai dien|"
                       r"tu lenh|chinh uy|tong bien tap)\b")
# what an official or a guest does in the clause after the name (fold keys)
_NOT_EXAMPLE = re.compile(r"\b(?:phat bieu|cho biet|trao|chuc mung|nhan manh|khang dinh|chu tri|du (?:buoi|le|hoi)|"
                          r"chi dao|de nghi|ky|yeu cau|ghi nhan|danh gia|tham du|thay mat|bao cao)\b")
_GUEST = re.compile(r"\b(?:tham du|du|co mat|chu tri|chung kien|cung|voi)\b")  # before the name: a guest
# a position that opens like a body's name: "Chi hội trưởng Chi hội …", "Tổ trưởng tổ …" (fold keys)
_HOLDER = re.compile(r"(?:chi hoi truong|chi doan truong|to truong|doi truong|hoi truong|chi hoi pho|to pho)\b")
_BODY_MORE = re.compile(r"^(?:khối phố|khối|tổ dân phố|xóm|khóm|buôn|chi hội|chi đoàn|hợp tác xã|nhóm|đội)\b",
                        re.IGNORECASE)
# words a name does not hold but a sentence does: verbs and dates, in lower case as a sentence prints them ("Cơ quan",
# "Ban Tổ chức" are names)
_PREDICATE = re.compile(r" (?:đã|được|đạt|cũng|phát động|tham gia|cung cấp|triển khai|thực hiện|tổ chức|nhận|có|là|"
                        r"vinh dự|dẫn đầu|từ|năm|ngày|đợt|tặng|trao)(?= |$)")


def person(text: str, least: int = 3) -> str | None:
    """The full name ``text`` ends with, when it is a person's: a surname first ("… BHXH Việt Nam Dương Văn Thắng"
    → "Dương Văn Thắng"), at least three words (two read as often as a place, "Hà Nội"; ``least=2`` after a title,
    "ông Hồ Sáu"), at most four."""
    words = text.rstrip(" ,").split()
    run = 0
    while run < len(words) and _up(words[len(words) - 1 - run]):
        run += 1
    tail = words[len(words) - min(run, 4):]
    for k in range(len(tail) - least + 1):  # the surname nearest the start of the last four capitalised words
        if unicodedata.normalize("NFC", tail[k]).lower() in _SURNAMES:
            return " ".join(tail[k:])
    return None


def collective(text: str) -> str | None:
    """The name of a collective (a body, a unit, a village) ``text`` is, cut to the name; None when it is a
    sentence or a person."""
    name = clean_name(text.strip())
    if not name or HONORIFIC.match(name) or len(name.split()) > 14 or re.search(r"\d", name):
        return None
    if named((name,)) != "tập thể" and not _BODY_MORE.match(name) or _HOLDER.match(fold(name)):
        return None
    return None if _PREDICATE.search(f" {name}") else name


def plausible(name: str) -> bool:
    """A recipient an award statement names looks like a name: a person's or a collective's, no sentence, count
    or date ("Qua xem xét thành tích của các tập thể", "Đến ngày 20/01/2020", "đảng viên từ" are not)."""
    if re.search(r"[\d:]", name) or _PREDICATE.search(f" {name}"):
        return False
    if not any(ch.isupper() for ch in name):
        return False  # "tập thể", "các đơn vị": no proper name
    if HONORIFIC.match(name) or named((name,)):
        return True
    return all(w[:1].isupper() or fold(w) in ("va", "-", "–") for w in name.split())


def _bare(text: str) -> str | None:
    """A short name in capitals, as lists under a cue print places and units: "Hòa Bình", "TP.HCM", "Lăng",
    "Thừa Thiên - Huế"."""
    words = text.split()
    if not 1 <= len(words) <= 5 or re.search(r"\d", text):
        return None
    ok = all(w[:1].isupper() or w in ("-", "–") for w in words)
    return " ".join(words) if ok and words[0][:1].isupper() else None


_DASH = re.compile(r"\s*[-–]\s+|\s+[-–]\s*")
_ITEM = re.compile(r"^\s*(?:[-+•*]|\d{1,2}[.)]|[a-z][.)])\s*")
_BRACKET = re.compile(r"\([^)]*\)?")
_MERIT = re.compile(r",\s+(?=(?:đã|đạt|có|vì|về|trong|được)\s)")  # a name's merit clause after its comma


def item_name(item: str, lenient: bool = False) -> tuple[str, ExemplarKind] | None:
    """(name, kind) of the person or collective a list item names, without what follows it (a dash, a bracket, a
    comma) and without the person's title: "Bà Nguyễn Thị Thúy – thôn Trại Hồ" → "Nguyễn Thị Thúy";
    "học sinh Đỗ Phú Quốc (lớp 12 …)" → "Đỗ Phú Quốc". ``lenient``: also a short name in capitals ("Hòa Bình")."""
    item = _BRACKET.sub(" ", _ITEM.sub("", item)).strip(" .,;")
    item = _MERIT.split(item, maxsplit=1)[0]  # "…, tỉnh Quảng Ninh, đã hoàn thành xuất sắc …": the name only
    roled = _roled(item)
    if roled and not HONORIFIC.match(item):  # "học sinh Đỗ Phú Quốc": the occupation is not the name
        run = _run(item, roled.end())
        found = person(run, least=2)
        return (found, ExemplarKind.INDIVIDUAL) if found and run.startswith(found) else None
    if person(item) == item:  # "Lê Thảo Ngân": a full name without a title
        return item, ExemplarKind.INDIVIDUAL
    if lenient and (bare := _bare(item)):
        kind = ExemplarKind.INDIVIDUAL if person(bare) == bare else ExemplarKind.COLLECTIVE
        return bare, kind
    name = clean_name(_DASH.split(item, maxsplit=1)[0])
    kind = named((name,)) if name else None
    if kind is None or len(name.split()) > 12:
        return None
    if kind != "cá nhân" and (not name[:1].isupper() or _PREDICATE.search(f" {name} ")):
        return None  # "Hội nghị cũng phát động …", "hội viên … tham gia tích cực": a sentence, not a name
    honorific = HONORIFIC.match(name)
    bare_name = name[honorific.end():] if honorific else name
    if len(bare_name.split()) < 2:
        return None
    return bare_name, ExemplarKind.INDIVIDUAL if kind == "cá nhân" else ExemplarKind.COLLECTIVE


# --- lists ---------------------------------------------------------------------------------------------------------

# a line that introduces examples: "tiêu biểu", "điển hình", "gương", "người tốt việc tốt", "xuất sắc", "giỏi", and a
# colon at its end or before the names it lists (on the fold key)
_CUE = re.compile(r"(?:tieu bieu|dien hinh|guong|nguoi tot,? viec tot|xuat sac|\bgioi\b|tuyen duong)[^:.;]{0,120}:")
# the same cue without a colon, the names after "gồm"/"là" in the same sentence (on the fold key)
_INLINE = re.compile(r"(?:tieu bieu|dien hinh|guong mat|guong|duoc tuyen duong|duoc bieu duong|duoc ton vinh)"
                     r"[^.;:()]{0,60}?\b(?:gom co|gom|la|nhu)\s+(?=\S)")
# a decision's grant above a Giấy khen, its recipients under it: "Điều 1. Tặng thưởng Bằng khen của Thủ tướng Chính
# phủ cho:", "Phong tặng danh hiệu Chiến sĩ thi đua toàn quốc cho" (fold keys)
_GRANT = re.compile(r"(?:phong tang|tang thuong|trao tang|trao|tang|cong nhan)\s+(?:danh hieu\s+)?[“\"']?(?:bang khen|"
                    r"co thi dua|co dan dau|huan chuong|chien si thi dua|anh hung|nha giao|thay thuoc|nghe nhan|"
                    r"giai thuong)[^:;]{0,160}?(?:\bcho\s*:?\s*$|:\s*)")
_PROPOSED = re.compile(r"\b(?:de nghi|trinh|xet tang|ho so)\b")
_HEADING = re.compile(r"tieu bieu|dien hinh|guong|nguoi tot,? viec tot")
_STRONG = re.compile(r"tuyen duong|bieu duong|ton vinh|tieu bieu|dien hinh")
_SENTENCE = re.compile(r"(?<!\bTP)(?<!\bTp)(?<!\bTX)(?<!\bTT)(?<![\s.][A-ZĐ])\.\s+(?=[A-ZÀ-ỸĐ])")


def _names_after(after: str, lenient: bool, least: int) -> list[tuple[str, ExemplarKind]]:
    """The names a cue lists after it, up to its sentence's end, when they are mostly names (not a sentence)."""
    sentence = _BRACKET.sub(" ", _SENTENCE.split(after)[0])
    parts = [p for p in re.split(r"[,;]\s*(?:và\s+)?|\s+và\s+", sentence) if p.strip(" .")]
    found = [f for f in (item_name(p, lenient) for p in parts) if f]
    if any(k is ExemplarKind.INDIVIDUAL for _, k in found):  # "bà Trần Thị Hằng, Chi hội trưởng …, phường …":
        found = [f for f in found if f[1] is ExemplarKind.INDIVIDUAL]  # a person's position and place are no names
        parts = [p for p in parts if HONORIFIC.match(_ITEM.sub("", p).strip()) or _roled(p.strip())] or parts
    if len(found) >= least and len(found) * 3 >= len(parts) * 2:
        return list(dict.fromkeys(found))
    return []


def listed(texts: list[str]) -> list[tuple[int, str]]:
    """(index of the text, name) for each person or collective that a text introduces as an example and then names:
    after its colon on the same line, else in the items of the lines under it (up to 30, until one names no one)."""
    return [(f.index, f.name) for f in _lists(texts)]


def _lists(texts: list[str]) -> list[Found]:
    out = []
    for i, text in enumerate(texts):
        m = _CUE.search(fold(text))
        cue = "đoạn văn giới thiệu danh sách tiêu biểu, điển hình"
        if not m and (g := _GRANT.search(fold(text))):
            if _PROPOSED.search(fold(text)[:g.start()]):
                continue  # "đề nghị Thủ tướng tặng …", "hồ sơ đề nghị xét tặng …, gồm:": nominees, not yet honoured
            if text[g.end():].strip():  # "… trao Giải thưởng … cho 3 nông dân: ông …, bà …"
                out += [Found(i, n, k, "văn bản nêu tên người được khen thưởng")
                        for n, k in _names_after(text[g.end():], False, 2)]
            else:
                out += _under(texts, i, "mục trong danh sách được khen thưởng mà quyết định nêu tên", merits=True)
            continue
        if not m and (m := _INLINE.search(fold(text))):
            out += [Found(i, n, k, cue) for n, k in _names_after(text[m.end():], bool(_STRONG.search(m.group())), 1)]
            continue
        if not m:  # a heading without its colon ("Danh sách điển hình tiên tiến năm 2024"), two names or more under it
            heading = len(text) <= 120 and not text.rstrip().endswith(".") and _HEADING.search(fold(text))
            under = _under(texts, i, "mục trong danh sách mà văn bản giới thiệu là tiêu biểu, điển hình")
            out += under if heading and len(under) >= 2 else []
            continue
        after = text[m.end():].strip()
        if after:  # the names after the colon, when the words there are mostly names (not a sentence)
            out += [Found(i, n, k, cue) for n, k in _names_after(after, bool(_STRONG.search(m.group())), 2)]
            continue
        out += _under(texts, i, "mục trong danh sách mà văn bản giới thiệu là tiêu biểu, điển hình")
    return out


def _under(texts: list[str], i: int, cue: str, merits: bool = False) -> list[Found]:
    """The persons and collectives the lines under ``texts[i]`` name (up to 30, until one names no one); a line of
    over 200 characters is a paragraph, not an item, unless ``merits`` (a decision's item: the name and its merit
    clause, "…, đã hoàn thành xuất sắc …")."""
    out = []
    for j in range(i + 1, min(len(texts), i + 31)):
        item = _MERIT.split(texts[j], maxsplit=1)[0] if merits else texts[j]
        found = item_name(item) if len(item) <= 200 else None
        if found is None:
            break
        out.append(Found(j, found[0], found[1], cue))
    return out


# --- one named as an example ------------------------------------------------------------------------------------

# "<name> (vinh dự) là (một trong những) gương/điển hình …", "<collective> dẫn đầu phong trào thi đua" (fold keys)
_CALLED = re.compile(r"\s*(?:(?:vinh du |da )?(?:duoc (?:cong nhan|binh chon|chon|ton vinh|tuyen duong) )?la "
                     r"(?:mot trong (?:nhung|so|cac) |1 trong (?:nhung|so|cac) )?(?:\d+ )?"
                     r"(?:tam guong|guong|dien hinh|ca nhan tieu bieu|tap the tieu bieu|la co dau)"
                     r"|(?:da )?dan dau (?:cac )?phong trao thi dua|la la co dau)")
_CLAUSE = re.compile(r"[.;:!?]\s+|,\s+|^")
_OPENERS = re.compile(r"^(?:trong do|dac biet|ngoai ra|nam qua|nam \d{4}|qua do|tai (?:dai|hoi)[^ ]*)\s+", re.I)


def _called(texts: list[str]) -> list[Found]:
    out = []
    for i, text in enumerate(texts):
        key = fold(text)
        for m in _CALLED.finditer(key):
            start = max((c.end() for c in _CLAUSE.finditer(key, 0, m.start())), default=0)
            subject = _OPENERS.sub("", text[start:m.start()].strip())
            cue = f"văn bản nêu là {text[m.start():m.end()].strip()}"
            sentence = max((c.end() for c in re.finditer(r"[.;:!?]\s+", key[:m.start()])), default=0)
            opener = _OPENERS.sub("", text[sentence:m.start()].strip())
            head = _roled(opener) or HONORIFIC.match(opener)  # "chị Lê Thị Bảy, Chi hội trưởng …, là một trong …"
            if head and (who := person(_run(opener, head.end()), least=2)) and _run(opener, head.end()) == who:
                out.append(Found(i, who, ExemplarKind.INDIVIDUAL, cue))
            elif who := person(subject):
                out.append(Found(i, who, ExemplarKind.INDIVIDUAL, cue))
            elif body := collective(subject):
                out.append(Found(i, body, ExemplarKind.COLLECTIVE, cue))
    return out


# --- persons of a text about exemplars --------------------------------------------------------------------------

_ABOUT = re.compile(r"tieu bieu|xuat sac|dien hinh|guong|tuyen duong|ton vinh|nguoi tot,? viec tot|\bgioi\b")


def _introduced(texts: list[str], title: str = "") -> list[Found]:
    about = any(_ABOUT.search(fold(t)) for t in [title, *texts[:3]])
    out = []
    head = _run(texts[0], 0) if texts else ""  # a profile's headline opens with its person: "Lò Văn Pành – …"
    if about and (who := person(head)) and head == who and texts[0][len(head):].lstrip()[:1] in ("-", "–", ":", ","):
        out.append(Found(0, who, ExemplarKind.INDIVIDUAL, "tiêu đề bài viết về gương tiêu biểu mở đầu bằng họ tên"))
    for i, text in enumerate(texts):
        key = fold(text)
        if not about and not any(_STRONG.search(fold(t)) for t in texts[max(0, i - 1):i + 1]):
            continue  # elsewhere, a paragraph that names examples ("tuyên dương", "tiêu biểu") or follows one
        for m in _roles(text):
            run = _run(text, m.end())
            who = person(run, least=2)
            if not who or not run.startswith(who):
                continue
            end = m.end() + len(run)
            clause_start = max((c.end() for c in re.finditer(r"[.;:!?]\s+", key[:m.start()])), default=0)
            before = key[max(clause_start, m.start() - 50):m.start()]
            rest = re.split(r"[.;]\s", key[end:] + " ")[0]
            after = _BRACKET.sub("", rest).lstrip(" ")
            if _POSITION.search(before) or _GUEST.search(before) or _NOT_EXAMPLE.search(after[:60]) \
                    or after[:1] in ",-–" and _POSITION.match(after[1:].lstrip()):
                continue  # an official, a guest or a speaker, not an example
            out.append(Found(i, who, ExemplarKind.INDIVIDUAL, "văn bản viết về gương tiêu biểu và giới thiệu người này "
                             "bằng họ tên" if about else "đoạn văn biểu dương giới thiệu người này bằng họ tên"))
    return out


def from_texts(texts: list[str], title: str = "") -> list[Found]:
    """Every exemplar the texts (a document's paragraphs or lines, in order; ``title``, its headline when the texts
    do not hold it) put forward, each once: the first rule to find a name in a text gives its cue."""
    models = [Found(i, n, ExemplarKind.MODEL, f"đoạn văn giới thiệu {what} có tên")
              for i, t in enumerate(texts) for n, what in named_models(t)]
    out: list[Found] = []
    for f in models + _lists(texts) + _called(texts) + _introduced(texts, title):
        if not any(same_name(f.name, g.name) for g in out):
            out.append(f)
    return out


def same_name(a: str, b: str) -> bool:
    """One name holds the other as whole words, titles aside ("ông Hồ Sáu", "Hồ Sáu")."""
    a, b = (" " + " ".join(re.sub(r"[^\w’']", " ", unicodedata.normalize("NFC", HONORIFIC.sub("", n.strip())).lower())
                            .split()) + " " for n in (a, b))  # marks kept: "Tám" is not "Tâm"
    return a in b or b in a
