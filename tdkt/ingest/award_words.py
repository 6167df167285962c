"""The words of award statements: the forms and titles as reports write them, who receives them, the verbs that
grant and propose, and the patterns of sentences, lists and breakdowns; ``words(damaged)`` keys them for
matching (``decode.skeleton`` keys on damaged OCR); ``prepare`` writes counts as people read them. Data and
patterns; ``tdkt.ingest.awards`` reads the statements with them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from tdkt.ingest.recipients import COLLECTIVE, HOUSEHOLD, INDIVIDUAL
from tdkt.text.collate import fold
from tdkt.text.decode import keys

GRANTED, PROPOSED = "granted", "proposed"


def _forms() -> tuple[tuple[str, str], ...]:
    """Forms and titles as reports write them → the name recorded. Longer phrases are matched first."""
    out = [
        ("tập thể lao động xuất sắc", "Danh hiệu Tập thể lao động xuất sắc"),
        ("tập thể lđxs", "Danh hiệu Tập thể lao động xuất sắc"), ("ttlđxs", "Danh hiệu Tập thể lao động xuất sắc"),
        ("lđxs", "Danh hiệu Tập thể lao động xuất sắc"),
        ("tập thể lao động tiên tiến", "Danh hiệu Tập thể lao động tiên tiến"),
        ("tập thể lđtt", "Danh hiệu Tập thể lao động tiên tiến"), ("ttlđtt", "Danh hiệu Tập thể lao động tiên tiến"),
        ("lao động tiên tiến", "Danh hiệu Lao động tiên tiến"), ("lđtt", "Danh hiệu Lao động tiên tiến"),
        ("tập thể tiên tiến", "Danh hiệu Tập thể tiên tiến"),
        ("chiến sĩ thi đua toàn quốc", "Danh hiệu Chiến sĩ thi đua toàn quốc"),
        ("đơn vị quyết thắng", "Danh hiệu Đơn vị quyết thắng"),
        ("anh hùng lao động", "Danh hiệu Anh hùng Lao động"),
        ("anh hùng lực lượng vũ trang nhân dân", "Danh hiệu Anh hùng Lực lượng vũ trang nhân dân"),
        ("cờ thi đua", "Cờ thi đua"), ("cờ đơn vị dẫn đầu", "Cờ dẫn đầu phong trào thi đua"),
        ("cờ đơn vị dẫn đầu phong trào thi đua", "Cờ dẫn đầu phong trào thi đua"),
        ("cờ dẫn đầu phong trào thi đua", "Cờ dẫn đầu phong trào thi đua"),
        ("cờ dẫn đầu", "Cờ dẫn đầu phong trào thi đua"), ("lá cờ đầu", "Cờ dẫn đầu phong trào thi đua"),
        ("bằng lao động sáng tạo", "Bằng Lao động sáng tạo"),
        ("bằng khen", "Bằng khen"), ("giấy khen", "Giấy khen"),
        ("huy hiệu đảng", "Huy hiệu Đảng"), ("huy hiệu 30 năm tuổi đảng", "Huy hiệu Đảng"),
        ("huy hiệu 40 năm tuổi đảng", "Huy hiệu Đảng"), ("huy hiệu 45 năm tuổi đảng", "Huy hiệu Đảng"),
        ("huy hiệu 50 năm tuổi đảng", "Huy hiệu Đảng"), ("huy hiệu 55 năm tuổi đảng", "Huy hiệu Đảng"),
        ("huy hiệu 60 năm tuổi đảng", "Huy hiệu Đảng"), ("huy hiệu 65 năm tuổi đảng", "Huy hiệu Đảng"),
        ("huy hiệu 70 năm tuổi đảng", "Huy hiệu Đảng"), ("huy hiệu 75 năm tuổi đảng", "Huy hiệu Đảng"),
        # "… 3 đảng viên nhận Huy hiệu 60 năm tuổi Đảng; 2 đảng viên nhận Huy hiệu 55 năm; …": the class said short
        *((f"huy hiệu {n} năm", "Huy hiệu Đảng") for n in range(30, 95, 5)),
        # the highest orders and the State's honorary titles (Luật Thi đua, khen thưởng 2022, Điều 33, 59–66)
        ("huân chương sao vàng", "Huân chương Sao vàng"), ("huân chương hồ chí minh", "Huân chương Hồ Chí Minh"),
        ("huân chương quân công", "Huân chương Quân công"), ("huân chương dũng cảm", "Huân chương Dũng cảm"),
        ("bà mẹ việt nam anh hùng", "Danh hiệu Bà mẹ Việt Nam anh hùng"),
        ("nhà giáo nhân dân", "Danh hiệu Nhà giáo nhân dân"), ("nhà giáo ưu tú", "Danh hiệu Nhà giáo ưu tú"),
        ("thầy thuốc nhân dân", "Danh hiệu Thầy thuốc nhân dân"), ("thầy thuốc ưu tú", "Danh hiệu Thầy thuốc ưu tú"),
        ("nghệ sĩ nhân dân", "Danh hiệu Nghệ sĩ nhân dân"), ("nghệ sĩ ưu tú", "Danh hiệu Nghệ sĩ ưu tú"),
        ("nghệ nhân nhân dân", "Danh hiệu Nghệ nhân nhân dân"), ("nghệ nhân ưu tú", "Danh hiệu Nghệ nhân ưu tú"),
        ("giải thưởng hồ chí minh", "Giải thưởng Hồ Chí Minh"), ("giải thưởng nhà nước", "Giải thưởng Nhà nước"),
        ("huân chương", "Huân chương"), ("huy chương", "Huy chương"), ("kỷ niệm chương", "Kỷ niệm chương"),
        ("gia đình văn hóa", "Danh hiệu Gia đình văn hóa"), ("khu dân cư văn hóa", "Danh hiệu Khu dân cư văn hóa"),
        ("tộc họ văn hóa", "Danh hiệu Tộc họ văn hóa"), ("thôn văn hóa", "Danh hiệu Thôn văn hóa"),
        ("làng văn hóa", "Danh hiệu Làng văn hóa"), ("tổ dân phố văn hóa", "Danh hiệu Tổ dân phố văn hóa"),
        ("khu phố văn hóa", "Danh hiệu Khu phố văn hóa"), ("cơ quan văn hóa", "Danh hiệu Cơ quan văn hóa"),
    ]
    for sĩ in ("sĩ", "sỹ"):  # both spellings are in use
        out += [(f"chiến {sĩ} thi đua {lvl}", f"Danh hiệu Chiến sĩ thi đua {name}")
                for lvl, name in (("cấp cơ sở", "cơ sở"), ("cơ sở", "cơ sở"), ("cấp tỉnh", "cấp tỉnh"),
                                  ("cấp bộ", "cấp bộ"), ("cấp ngành", "cấp ngành"), ("toàn quốc", "toàn quốc"))]
        out.append((f"chiến {sĩ} thi đua", "Danh hiệu Chiến sĩ thi đua"))
    out += [("cstđcs", "Danh hiệu Chiến sĩ thi đua cơ sở"), ("cstđ cơ sở", "Danh hiệu Chiến sĩ thi đua cơ sở"),
            ("cstđ cấp cơ sở", "Danh hiệu Chiến sĩ thi đua cơ sở"), ("cstđ cấp tỉnh", "Danh hiệu Chiến sĩ thi đua cấp tỉnh"),
            ("cstđ", "Danh hiệu Chiến sĩ thi đua")]
    classes = (("nhất", "Nhất"), ("nhì", "Nhì"), ("ba", "Ba"), ("1", "Nhất"), ("2", "Nhì"), ("3", "Ba"),
               ("i", "Nhất"), ("ii", "Nhì"), ("iii", "Ba"))
    for kind, name in (("lao động", "Lao động"), ("độc lập", "Độc lập"), ("bảo vệ tổ quốc", "Bảo vệ Tổ quốc"),
                       ("chiến công", "Chiến công"), ("đại đoàn kết dân tộc", "Đại đoàn kết dân tộc"),
                       ("hữu nghị", "Hữu nghị")):
        out += [(f"huân chương {kind} hạng {c}", f"Huân chương {name} hạng {n}") for c, n in classes]
        out.append((f"huân chương {kind}", f"Huân chương {name}"))
    return tuple(out)


FORMS = _forms()


def implied_recipients(form: str) -> str | None:
    """Who a form is for by its definition (Luật Thi đua, khen thưởng): a Cờ thi đua and a "Tập thể …" title go to
    collectives, Lao động tiên tiến, Chiến sĩ thi đua and the State's honorary titles of a profession (Nhà giáo,
    Thầy thuốc, Nghệ sĩ, Nghệ nhân …) to persons; a Bằng khen or Giấy khen to either (None)."""
    if form.startswith(("Cờ", "Danh hiệu Tập thể", "Danh hiệu Khu", "Danh hiệu Đơn vị", "Danh hiệu Tộc họ",
                        "Danh hiệu Thôn", "Danh hiệu Làng", "Danh hiệu Tổ dân phố", "Danh hiệu Cơ quan")):
        return COLLECTIVE
    if form.startswith(("Danh hiệu Lao động", "Danh hiệu Chiến sĩ", "Huy hiệu Đảng", "Danh hiệu Nhà giáo",
                        "Danh hiệu Thầy thuốc", "Danh hiệu Nghệ sĩ", "Danh hiệu Nghệ nhân", "Danh hiệu Bà mẹ")):
        return INDIVIDUAL
    if form.startswith("Danh hiệu Gia đình"):
        return HOUSEHOLD
    return None
# "công nhận 117 liên đội mạnh cấp tỉnh": a title named by what the recipients are recognised as, never "Công nhận"
RECOGNISED = "Công nhận"
# "Khen thưởng 27 tập thể", "biểu dương 54 tập thể và 71 cá nhân", "4 tập thể được biểu dương": a verb that is a form
# only when a count follows it or precedes its "được"; the kinds of khen thưởng the Law names (Luật Thi đua, khen
# thưởng 2022, Điều 7: thường xuyên, theo đợt/chuyên đề, đột xuất, quá trình cống hiến, niên hạn, đối ngoại) are
# named with their kind
VERB_FORMS = (("khen thưởng", "Khen thưởng"), ("biểu dương", "Biểu dương"), ("tuyên dương", "Tuyên dương"),
              ("khen tặng", "Khen tặng"), ("công nhận", RECOGNISED)) + tuple(
    (f"khen thưởng {printed}", f"Khen thưởng {kind}")
    for printed, kind in (("thường xuyên", "thường xuyên"), ("theo đợt", "theo đợt"), ("theo chuyên đề", "theo chuyên đề"),
                          ("theo các chuyên đề", "theo chuyên đề"), ("đột xuất", "đột xuất"), ("niên hạn", "niên hạn"),
                          ("quá trình cống hiến", "quá trình cống hiến"), ("đối ngoại", "đối ngoại")))
# verbs that continue a verb form as one: "tuyên dương, khen thưởng", "biểu dương, tôn vinh", "tuyên dương, trao giải
# thưởng", "biểu dương khen thưởng"
# what a verb form's recipients are commended as ("khen thưởng 2 tập thể và 3 cá nhân điển hình tiên tiến", "biểu
# dương 63 HTX tiêu biểu toàn quốc"): the form's name goes on with it; a quality first, then a scope
QUALITIES = ("điển hình tiên tiến", "điển hình tiêu biểu", "điển hình", "tiên tiến", "tiêu biểu", "xuất sắc", "giỏi",
             "gương mẫu", "dạy giỏi", "vững mạnh", "mạnh")
SCOPES = ("toàn quốc", "toàn tỉnh", "toàn huyện", "toàn trường", "cấp tỉnh", "cấp huyện", "cấp cơ sở", "cấp xã",
          "cấp quốc gia")
# a competition's prizes, counted right before them: "trao 3 giải Nhất, 2 giải Nhì … cho các tập thể lớp"
PRIZE_RANKS = (("nhất", "Nhất"), ("nhì", "Nhì"), ("ba", "Ba"), ("khuyến khích", "Khuyến khích"),
               ("đặc biệt", "Đặc biệt"))
GENERIC = ("khen thuong", "bieu duong", "tuyen duong", "khen tang")  # folded: forms that are only a verb
VERB_CHAIN = ("khen thưởng", "biểu dương", "tuyên dương", "tôn vinh", "khen tặng", "trao giải thưởng")
# Words after a count that say who received it.
RECIPIENT_WORDS = (
    ("hộ gia đình", HOUSEHOLD), ("gia đình", HOUSEHOLD), ("hộ", HOUSEHOLD),
    ("cá nhân", INDIVIDUAL), ("đồng chí", INDIVIDUAL), ("đảng viên", INDIVIDUAL), ("cán bộ", INDIVIDUAL),
    ("công chức", INDIVIDUAL), ("học sinh", INDIVIDUAL), ("giáo viên", INDIVIDUAL), ("người", INDIVIDUAL),
    ("hội viên", INDIVIDUAL), ("đoàn viên", INDIVIDUAL), ("nhân viên", INDIVIDUAL), ("viên chức", INDIVIDUAL),
    ("công nhân", INDIVIDUAL), ("cán bộ quản lý", INDIVIDUAL), ("đội viên", INDIVIDUAL), ("sinh viên", INDIVIDUAL),
    ("học viên", INDIVIDUAL), ("nông dân", INDIVIDUAL), ("nhà giáo", INDIVIDUAL), ("em", INDIVIDUAL),
    ("phụ nữ", INDIVIDUAL), ("thanh niên", INDIVIDUAL), ("thiếu nhi", INDIVIDUAL), ("cựu chiến binh", INDIVIDUAL),
    ("doanh nhân", INDIVIDUAL), ("nghệ nhân", INDIVIDUAL), ("bác sĩ", INDIVIDUAL), ("tình nguyện viên", INDIVIDUAL),
    ("tập thể", COLLECTIVE), ("đơn vị", COLLECTIVE), ("chi bộ", COLLECTIVE), ("cơ quan", COLLECTIVE),
    ("tổ chức", COLLECTIVE), ("đảng bộ", COLLECTIVE), ("công đoàn", COLLECTIVE), ("liên đội", COLLECTIVE),
    ("chi đội", COLLECTIVE), ("lớp", COLLECTIVE), ("khu phố", COLLECTIVE), ("trường", COLLECTIVE), ("sở", COLLECTIVE), ("xã", COLLECTIVE), ("phường", COLLECTIVE),
    ("khu dân cư", COLLECTIVE), ("thôn", COLLECTIVE), ("tổ dân phố", COLLECTIVE), ("chi hội", COLLECTIVE),
    ("chi đoàn", COLLECTIVE), ("doanh nghiệp", COLLECTIVE), ("hợp tác xã", COLLECTIVE), ("tộc họ", COLLECTIVE),
    ("htx", COLLECTIVE), ("dòng họ", COLLECTIVE), ("mẹ", INDIVIDUAL), ("bà mẹ", INDIVIDUAL),
    ("cháu", INDIVIDUAL), ("tổng phụ trách", INDIVIDUAL), ("giáo viên tổng phụ trách", INDIVIDUAL), ("ccb", INDIVIDUAL),
    # persons by work or position, and their usual abbreviations ("24 HS đạt giải", "102 Chủ tịch Hội …")
    ("người lao động", INDIVIDUAL), ("nlđ", INDIVIDUAL), ("vận động viên", INDIVIDUAL), ("vđv", INDIVIDUAL),
    ("hs", INDIVIDUAL), ("gv", INDIVIDUAL), ("hssv", INDIVIDUAL), ("cbcc", INDIVIDUAL), ("cbcnv", INDIVIDUAL),
    ("cbgv", INDIVIDUAL), ("cnvc", INDIVIDUAL), ("đoàn viên công đoàn", INDIVIDUAL), ("y bác sĩ", INDIVIDUAL),
    ("điều dưỡng", INDIVIDUAL), ("tác giả", INDIVIDUAL), ("nhà khoa học", INDIVIDUAL), ("cộng tác viên", INDIVIDUAL),
    ("tuyên truyền viên", INDIVIDUAL), ("hòa giải viên", INDIVIDUAL), ("chủ tịch", INDIVIDUAL), ("bí thư", INDIVIDUAL),
    ("hiệu trưởng", INDIVIDUAL), ("giám đốc", INDIVIDUAL), ("trưởng thôn", INDIVIDUAL), ("chủ hộ", INDIVIDUAL),
    ("dân quân", INDIVIDUAL), ("hộ viên", INDIVIDUAL), ("già làng", INDIVIDUAL), ("người có uy tín", INDIVIDUAL),
    # collectives: territorial units, bodies and groups ("18 tỉnh, thành, đơn vị được tặng …")
    ("tỉnh", COLLECTIVE), ("tỉnh thành", COLLECTIVE), ("thành phố", COLLECTIVE), ("huyện", COLLECTIVE),
    ("quận", COLLECTIVE), ("thị xã", COLLECTIVE), ("thị trấn", COLLECTIVE), ("ấp", COLLECTIVE), ("bản", COLLECTIVE),
    ("xóm", COLLECTIVE), ("khóm", COLLECTIVE), ("làng", COLLECTIVE), ("tổ", COLLECTIVE), ("đội", COLLECTIVE),
    ("nhóm", COLLECTIVE), ("ban", COLLECTIVE), ("phòng", COLLECTIVE), ("câu lạc bộ", COLLECTIVE), ("clb", COLLECTIVE),
    ("công ty", COLLECTIVE), ("nhà trường", COLLECTIVE), ("trường học", COLLECTIVE), ("đoàn cơ sở", COLLECTIVE),
    ("cơ sở đảng", COLLECTIVE), ("tổ chức cơ sở đảng", COLLECTIVE), ("tổ hợp tác", COLLECTIVE), ("cụm", COLLECTIVE),
    ("khối", COLLECTIVE), ("tổ công đoàn", COLLECTIVE), ("công đoàn cơ sở", COLLECTIVE), ("gia đình", HOUSEHOLD),
)
GIVE = ("tặng", "trao tặng", "truy tặng", "khen thưởng", "công nhận", "tặng thưởng", "phong tặng", "trao")
# A proposal: "Đề nghị Chủ tịch UBND tỉnh tặng …", "trình Thủ tướng Chính phủ khen thưởng …", "đề xuất …";
# not the basis of a decision ("Xét đề nghị của …", "Theo đề nghị của …", "trên cơ sở đề nghị …", "Tờ trình").
PROPOSE = ("đề nghị", "đề xuất", "kiến nghị", "trình")
# Words between an authority and its verb that are not part of its name: "Ban Thường vụ Tỉnh ủy còn tặng …"
# ("đã" first: the reader asks for it by place); "UBND tỉnh vừa có quyết định tặng …": the longer phrases first
ADVERBS = ("đã", "ký quyết định", "có quyết định", "ban hành quyết định", "quyết định", "tổ chức lễ", "xem xét", "còn",
           "cũng", "vừa", "đều", "sẽ", "tiếp tục")  # "Ban Thường vụ Thị ủy tổ chức Lễ trao tặng …"
BASIS = ("xét", "theo", "trên cơ sở", "tờ", "căn cứ", "của")  # not "làm cơ sở đề nghị …", which proposes
BEFORE_FORM = ("danh hiệu", "được", "đạt", "nhận", "các", "hình thức", "tặng", "công nhận", "khen thưởng", "trao",
                "đề nghị", "đã", "cũng", "đều", "vừa", "tuyên dương", "biểu dương", "vinh danh")
# … and the adverbs: "144 cá nhân đã được nhận Giải thưởng …"
_ACRONYM = re.compile(r"^(?:[^aăâeêioôơuưyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]+|i|ii|iii)$")
GRANTS = re.compile(r"\b(?:đã|được)\s+(?:\S+\s+){0,6}?(?:tặng|khen thưởng|công nhận|trao)\b|\btrao tặng\b", re.I)
PROPOSAL_TITLE = re.compile(r"(?<!xét )(?<!theo )(?<!sở )\b(?:đề nghị|tờ trình|lấy ý kiến|đề xuất)\b(?! của)", re.I)
# a sentence ends at ". " and a capital, but not after "TP." "TX." "TT." (thành phố, thị xã, thị trấn: "Hội LHPN TP. Nha
# Trang")
# capital letters, Vietnamese ones included (a range "À-Ỹ" would hold the small letters too: "đ", "ư", "ộ" …)
UPPER = "A-Z" + "".join(c for c in map(chr, range(0xC0, 0x1EFA)) if c.isupper() and c.isalpha())
# … and after an ellipsis and a capital ("… có thành tích xuất sắc... Dịp này, UBND huyện …")
SENTENCE = re.compile(r"(?<=[^\s.]{2})(?<!\bTP)(?<!\bTp)(?<!\bTX)(?<!\bTT)\.\s+(?=[%s0-9])|(?<=[^\s.]{2})\.$"
                      r"|(?<=\w)(?:\.\.\.|…)\s+(?=[%s])" % (UPPER, UPPER))
# "1 tập thể được đề nghị Trung ương tặng bằng khen": a proposal for the recipients of its clause, not a proposal
# the clauses after it continue
PROPOSED_ONE = re.compile(r"\bđược\s+(?:xét\s+)?(?:đề nghị|đề xuất)\b", re.I)
PROPOSALS = re.compile(r"\b(?:đề nghị|đề xuất)\b", re.I)
AWARDING = re.compile(r"\b(?:khen thưởng|tặng|danh hiệu|tôn vinh)\b", re.I)
# clauses of a sentence: after ";", a breakdown (", trong đó …"), a table's cell ("| Lễ trao … | Theo thông tin …")
CLAUSE = re.compile(r";|\s\|\s|,\s*(?=trong (?:số )?đó\b)", re.I)
# a sentence that goes on about what was just stated ("Theo đó, …", "Cụ thể, …"): the share of one body, or the
# statement itself when none was stated before
ELABORATION = re.compile(r"^\W*(?:theo đó|cụ thể)\b", re.I)
# what a council heard or considered ("được nghe báo cáo …", "xét duyệt …"): proposals put before it; folded
PRESENTED = re.compile(r"\b(?:duoc nghe|xet duyet)\b")
BREAKDOWN = re.compile(r"^\W*(?:trong (?:số )?(?:đó|do)|(?:bao )?(?:gồm|gom)|cụ thể|chia ra)\b", re.I)
LISTS = re.compile(r"(?:\bcho|:)\s*$")  # a statement whose recipients follow, one a line
SCOPE = re.compile(r":\s*(?=[%s])" % UPPER)  # "… thống nhất: Tặng …": what follows is said anew
LIST_ITEM = re.compile(r"^\s*(?:[-–+•*]|\d{1,2}[.)/]|[a-zđ][.)])\s*")
THOUSANDS = re.compile(r"(?<![\d.,])(\d{1,3})[.](\d{3})(?![\d]|[.,]\d)")
GLUED = re.compile(r"(?<=\d)(?=[A-Za-zÀ-ỹĐđ]{2})")
QUOTE_OPEN, QUOTE_CLOSE = re.compile("[“\"‘']"), re.compile("[”\"’']")
TIMES = re.compile(r"(?<=\d)\s+lượt\s+(?=(?:%s)\b)" % "|".join(sorted({w for w, _ in RECIPIENT_WORDS}, key=len,
                                                                     reverse=True)), re.I)  # "610 lượt nông dân"


@dataclass(frozen=True, slots=True)
class Words:
    damaged: bool  # keys without marks: "phường" ~ "phong", "công nhân" ~ "công nhận"
    forms: tuple[tuple[tuple[str, ...], str], ...]
    loose_forms: tuple[tuple[tuple[str, ...], str], ...]  # folded, of three words or more: marks mistyped
    verb_forms: tuple[tuple[tuple[str, ...], str], ...]
    verb_chain: tuple[tuple[tuple[str, ...], str], ...]
    qualities: tuple[tuple[tuple[str, ...], str], ...]
    scopes: tuple[tuple[tuple[str, ...], str], ...]
    model: tuple[str, ...]
    prize_ranks: tuple[tuple[tuple[str, ...], str], ...]
    prize_word: tuple[str, ...]
    plural: tuple[tuple[str, ...], ...]
    recipients: tuple[tuple[tuple[str, ...], str], ...]
    give: tuple[tuple[str, ...], ...]
    of: tuple[str, ...]
    to: tuple[str, ...]
    propose: tuple[tuple[str, ...], ...]
    basis: tuple[tuple[str, ...], ...]
    by: tuple[str, ...]
    reach: tuple[str, ...]
    reaches: tuple[tuple[str, ...], ...]
    be: tuple[str, ...]
    title: tuple[str, ...]
    prize: tuple[str, ...]
    badge: tuple[str, ...]
    not_titles: frozenset[str]
    not_title_words: frozenset[str]
    considering: frozenset[str]
    own_power: tuple[str, ...]
    submit: tuple[str, ...]
    not_submit_before: frozenset[str]
    not_submit_after: frozenset[str]
    and_: tuple[str, ...]
    made_of: tuple[str, ...]
    done: tuple[tuple[str, ...], ...]
    before_form: tuple[tuple[str, ...], ...]
    about: tuple[tuple[str, ...], ...]


def words(damaged: bool) -> Words:
    def k(p: str) -> tuple[str, ...]:
        return keys(p, damaged)

    def longest_first(table):
        if damaged:  # marks lost, an acronym's or a numeral's key matches anything ("cstđ" ~ "ctia")
            table = [(p, value) for p, value in table if not any(_ACRONYM.match(w) for w in p.split())]
        return tuple(sorted(((k(p), value) for p, value in table), key=lambda f: -len(f[0])))
    return Words(
        damaged=damaged, forms=longest_first(FORMS), loose_forms=() if damaged else loose(FORMS),
        verb_forms=longest_first(VERB_FORMS),
        verb_chain=longest_first([(p, p) for p in VERB_CHAIN]),
        qualities=longest_first([(p, p) for p in QUALITIES]), scopes=longest_first([(p, p) for p in SCOPES]),
        model=k("điển hình"), prize_ranks=longest_first(PRIZE_RANKS), prize_word=k("giải"),
        plural=(k("các"), k("những")),
        # marks lost, "công nhân" (workers) is "công nhận" (recognise): a verb, not recipients
        recipients=tuple(r for r in longest_first(RECIPIENT_WORDS) if r[0] not in {k(g) for g in GIVE}),
        give=tuple(k(p) for p in GIVE), of=k("của"), to=k("cho"), propose=tuple(k(p) for p in PROPOSE),
        basis=tuple(k(p) for p in BASIS), by=k("được"), reach=k("đạt"),
        reaches=(k("đạt"),) if damaged else (k("đạt"), k("được nhận"), k("nhận"), k("được công nhận")),
        be=k("là"), title=k("danh hiệu"), prize=k("giải thưởng"), submit=k("trình"), badge=k("huy hiệu"),
        # what "đạt" reaches that is no title: a prize, a standard, a rank, a share ("đạt Giải Nhất", "đạt Chuẩn …")
        not_titles=frozenset(k("giải chuẩn top hạng loại tỷ tỉ mức kết")),
        # where a title in lower case ends: "danh hiệu nông dân giỏi các cấp", "… năm 2020", "… trong toàn tỉnh"
        not_title_words=frozenset(k("các năm nam trong tại của và hoặc cho được đã")),
        considering=frozenset(k("xét sẽ")),  # "xét tặng", "sẽ trao": considered or to come, not given
        own_power=k("thẩm quyền"),
        # the words that make "trình" another word: chương trình, quá trình, … trình bày, trình độ
        not_submit_before=frozenset(k("chương quá công lộ hành lịch tiến")),
        not_submit_after=frozenset(k("bày độ diễn chiếu")), and_=k("và"), made_of=k("gồm"), done=tuple(k(w) for w in ADVERBS),
        before_form=tuple(sorted((k(p) for p in BEFORE_FORM), key=len, reverse=True)),
        about=(k("về"), k("vì"), k("do"), k("đã có"), k("có thành tích"), k("trong")),
    )


def loose(table) -> tuple[tuple[tuple[str, ...], str], ...]:
    """The forms of three words or more keyed without marks, longest first, for a form whose marks were mistyped
    ("lao động tiến tiến", "Huân chương lao đông hạng Ba"): three folded words name one form only. Not the
    flags: "cờ thi đua" is also "có thi đua" without marks."""
    out = {tuple(fold(p).split()): value for p, value in table if len(p.split()) >= 3 and fold(p).split()[0] != "co"}
    return tuple(sorted(out.items(), key=lambda f: -len(f[0])))


def prepare(text: str) -> str:
    """Counts as people read them: "1.780 cá nhân" → "1780 cá nhân", "cho 15Sở" → "cho 15 Sở", "1.329 lượt cá nhân"
    → "1329 cá nhân" (times a title was won, counted as recipients), "hai tập thể" → "2 tập thể"."""
    text = TIMES.sub(" ", GLUED.sub(" ", THOUSANDS.sub(r"\1\2", text)))
    return _IN_WORDS.sub(lambda m: f"{_NUMBER_WORDS[m.group(1).lower()]} ", text)


# a count in words right before recipients ("cho hai tập thể và năm học sinh"), one to ten, not part of a longer
# number ("hai mươi", "mười hai") nor "ba mẹ", "một số"
_NUMBER_WORDS = {w: n for n, w in enumerate("một hai ba bốn năm sáu bảy tám chín mười".split(), start=1)}
_IN_WORDS = re.compile(r"(?<![\w-])(?<!mươi )(?<!mười )(?<!trăm )(%s)\s+(?!mươi\b|mười\b|mẹ\b|em\b)(?=(?:%s)\b)" % (
    "|".join(_NUMBER_WORDS), "|".join(sorted({w for w, _ in RECIPIENT_WORDS} - {"mẹ", "em", "người"}, key=len,
                                             reverse=True))), re.I)


# "… danh hiệu Lao động tiên tiến năm 2022", "tổng kết năm 2021, tặng …": the year a statement says its awards are for,
# on the fold key; a date ("ngày 5 tháng 1 năm 2023") names when a decision was signed, not the awards' year
AWARD_YEAR = re.compile(r"(?<!thang )(?<!thang \d )(?<!thang \d\d )\bnam\s+((?:19|20)\d\d)\b(?!\s*[-–—]\s*(?:19|20)?\d\d)")
# "… trao bằng khen cho đại diện 40 tập thể": the count of those whose representatives receive what is stated elsewhere
ON_BEHALF = re.compile(r"\bđại diện\s+(?:cho\s+|của\s+)?(\d+)\b", re.I)
_TITLE_YEAR = re.compile(r"\s+năm\s+((?:19|20)\d\d)$", re.I)


def award_year(clause: str) -> int | None:
    """The one year a clause says its awards are for ("… Lao động tiên tiến năm 2022"); None when it states none
    or several. (A clause without one takes the year stated before it in its sentence, never one after it.)"""
    years = {int(y) for y in AWARD_YEAR.findall(fold(clause))}
    return years.pop() if len(years) == 1 else None


def dated_title(form: str) -> tuple[str, int | None]:
    """"Nông dân xuất sắc năm 2020" → ("Nông dân xuất sắc", 2020): a title dated in its name; else (form, None)."""
    m = _TITLE_YEAR.search(form)
    return (form[:m.start()], int(m.group(1))) if m and m.start() else (form, None)
# a running total, all years together: not an award of the text ("Tính đến nay, toàn huyện có 789 gia đình được tặng
# Huân chương Độc lập", "Lũy kế đến nay …", "Từ trước đến nay …"); folded, at a sentence's start
# the heading of a plan, a guidance or a regulation: what it says of forms given to "các tập thể" are rules
RULES_TITLE = re.compile(r"^\W*(?:KẾ HOẠCH|HƯỚNG DẪN|QUY CHẾ|QUY ĐỊNH|THÔNG TƯ|NGHỊ ĐỊNH|LUẬT|CHƯƠNG TRÌNH|ĐIỀU LỆ)\b")
# … also after one or two words ("Riêng từ năm 2004 đến nay, …", "Tính từ năm 2010 đến nay …")
RUNNING_TOTAL = re.compile(r"\W*(?:\w+\W+){0,2}?(?:tinh den (?:nay|thoi diem nay|hien nay)|luy ke"
                           r"|tu truoc (?:toi|den) nay|tu (?:nam )?(?:19|20)\d\d (?:den|toi) (?:nay|hien nay|thoi diem nay))\b")
