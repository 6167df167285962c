"""Who published a news article: what the page itself says, else what its web address names. Pure.

A news article (type *Bài báo*) has no issuing body; its issuer is its publisher, the paper or portal whose page
it is. The text sometimes names it: the site's own name in the page's furniture at the top or bottom ("Báo Đồng
Nai điện tử", "TRANG THÔNG TIN ĐIỆN TỬ UBND HUYỆN HỮU LŨNG", "© 2020 Báo Bình Dương", "Theo dõi Báo Tây Ninh
trên" of a news-reader widget, "Cổng Thông tin điện tử Bộ Nội vụ trân trọng thông báo …") or a source line
("Nguồn: Báo Nghệ An", "(Theo Báo Quảng Ninh)", "Theo baoquangnam.vn"). Where a person gave the page's address
(``ingest --source URL``), the host names it: a national paper of the table below, a provincial paper
``bao<province>`` (the gazetteer's province names), a unit's portal on ``.gov.vn`` (the units
``tdkt.ingest.address`` reads: "Cổng thông tin điện tử" of a province or district, "Trang thông tin điện tử" of a
commune, the words Decree 42/2022/NĐ-CP gives each level's site), a Party committee's on ``.dcs.vn``, a body's
own site (``sonoivu.sonla.gov.vn``: Sở Nội vụ tỉnh Sơn La; ``tinhdoankhanhhoa.org.vn``: Tỉnh đoàn Khánh Hòa), and
otherwise the host itself ("baomoi.net.vn"): where the page was published is a fact, its owner's full name is not
guessed.

Order: the site's own name in the text, then the address, then a source line (a source line names where the
text came from, which a page that reprints it is not). Every reading is flagged for review with its reason in
Vietnamese; nothing read gives an empty value with the reason.

The national papers' names are their mastheads (general knowledge of the national press, not read from the
test corpus); the ministries' hosts are their portals' addresses.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from tdkt.catalog.gazetteer import Gazetteer, _key
from tdkt.ingest.address import Named, units_named
from tdkt.ingest.reading import Found, caps
from tdkt.model import Level, Unit
from tdkt.text.collate import fold

NOT_STATED = ("bài báo: không tìm thấy tên tờ báo hoặc trang thông tin điện tử đăng bài trong văn bản"
              "{}: cần điền nơi đăng bài bằng tay")
CHECK = "nơi đăng bài do máy đọc, cần kiểm tra"

# host (without www.) → the paper's or site's name as its masthead prints it
NATIONAL = {
    "nhandan.vn": "Báo Nhân Dân", "qdnd.vn": "Báo Quân đội nhân dân", "cand.com.vn": "Báo Công an nhân dân",
    "laodong.vn": "Báo Lao Động", "tuoitre.vn": "Báo Tuổi Trẻ", "thanhnien.vn": "Báo Thanh Niên",
    "tienphong.vn": "Báo Tiền Phong", "nld.com.vn": "Báo Người Lao Động", "sggp.org.vn": "Báo Sài Gòn Giải Phóng",
    "hanoimoi.vn": "Báo Hà Nội mới", "hanoimoi.com.vn": "Báo Hà Nội mới", "dantri.com.vn": "Báo Dân trí",
    "vnexpress.net": "Báo VnExpress", "vietnamnet.vn": "Báo VietNamNet", "congly.vn": "Báo Công lý",
    "congthuong.vn": "Báo Công Thương", "baotintuc.vn": "Báo Tin tức", "vietnamplus.vn": "Báo điện tử VietnamPlus",
    "daidoanket.vn": "Báo Đại Đoàn Kết", "giaoducthoidai.vn": "Báo Giáo dục và Thời đại",
    "nongnghiep.vn": "Báo Nông nghiệp Việt Nam", "phunuvietnam.vn": "Báo Phụ nữ Việt Nam",
    "tuoitrethudo.vn": "Báo Tuổi trẻ Thủ đô", "kinhtedothi.vn": "Báo Kinh tế & Đô thị",
    "laodongthudo.vn": "Báo Lao động Thủ đô", "baoxaydung.com.vn": "Báo Xây dựng", "bienphong.com.vn": "Báo Biên phòng",
    "baochinhphu.vn": "Báo Điện tử Chính phủ", "chinhphu.vn": "Cổng Thông tin điện tử Chính phủ",
    "vov.vn": "Đài Tiếng nói Việt Nam (VOV)", "vtv.vn": "Đài Truyền hình Việt Nam (VTV)",
    "baodongkhoi.vn": "Báo Đồng Khởi", "huengaynay.vn": "Báo Huế ngày nay",  # Bến Tre's and Huế's papers
}
# ministries' portals (host label before .gov.vn)
MINISTRIES = {
    "moha": "Bộ Nội vụ", "moet": "Bộ Giáo dục và Đào tạo", "mof": "Bộ Tài chính", "moh": "Bộ Y tế",
    "mod": "Bộ Quốc phòng", "mps": "Bộ Công an", "mofa": "Bộ Ngoại giao", "moj": "Bộ Tư pháp",
    "mpi": "Bộ Kế hoạch và Đầu tư", "moit": "Bộ Công Thương", "mard": "Bộ Nông nghiệp và Phát triển nông thôn",
    "mt": "Bộ Giao thông vận tải", "moc": "Bộ Xây dựng", "monre": "Bộ Tài nguyên và Môi trường",
    "mic": "Bộ Thông tin và Truyền thông", "molisa": "Bộ Lao động - Thương binh và Xã hội",
    "bvhttdl": "Bộ Văn hóa, Thể thao và Du lịch", "most": "Bộ Khoa học và Công nghệ", "ubdt": "Ủy ban Dân tộc",
}
# a body's own site under its province's or district's name: its label → its name ({unit}: "tỉnh Sơn La",
# {name}: "Sơn La")
BODIES = {
    "sonoivu": "Sở Nội vụ {unit}", "snv": "Sở Nội vụ {unit}", "sogddt": "Sở Giáo dục và Đào tạo {unit}",
    "sgddt": "Sở Giáo dục và Đào tạo {unit}", "soyte": "Sở Y tế {unit}", "sotuphap": "Sở Tư pháp {unit}",
    "sotaichinh": "Sở Tài chính {unit}", "baohiemxahoi": "Bảo hiểm xã hội {unit}",
    "btctu": "Ban Tổ chức Tỉnh ủy {name}", "btgtu": "Ban Tuyên giáo Tỉnh ủy {name}",
    "bdvtu": "Ban Dân vận Tỉnh ủy {name}", "tinhuy": "Tỉnh ủy {name}", "tinhdoan": "Tỉnh đoàn {name}",
    "thanhdoan": "Thành đoàn {name}",
}
_OLD_PROVINCES = {"thuathienhue": "Thừa Thiên Huế"}  # papers named after a province's former name


def _host(address: str) -> str:
    try:
        host = urlsplit(address if "//" in address else "//" + address).hostname or ""
    except ValueError:
        return ""
    host = host.lower().rstrip(".")
    while re.match(r"(?:www\d?|m|mobile)\.", host) and host.count(".") >= 2:
        host = host.split(".", 1)[1]
    return host if re.fullmatch(r"[a-z0-9-]+(?:\.[a-z0-9-]+)+", host) else ""


def _place(unit: Unit) -> str:
    """``tỉnh Sơn La``, ``huyện Phong Thổ``, ``quận 12``: the kind in lower case, as a name is written after a body."""
    return f"{unit.kind.lower()} {unit.name}"


_PROVINCES: dict[int, tuple[Gazetteer, dict[str, str]]] = {}


def _provinces(g: Gazetteer) -> dict[str, str]:
    """Province names by their key without marks (both maps, and former names papers keep)."""
    held = _PROVINCES.get(id(g))
    if held is not None and held[0] is g:
        return held[1]
    names = {_key(u.name): u.name for u in g.units.values() if u.level is Level.PROVINCE}
    names.update(_OLD_PROVINCES)
    _PROVINCES[id(g)] = (g, names)
    return names


def by_address(address: str, g: Gazetteer, named: Named | None = None) -> tuple[str, str] | None:
    """(the publisher the host names, why) or None when there is no readable host."""
    host = _host(address)
    if not host:
        return None
    parts = host.split(".")
    why = f"địa chỉ trang nguồn {host!r}"
    if host in NATIONAL:
        return NATIONAL[host], f"{why}: trang của {NATIONAL[host]!r}"
    gov = host.endswith(".gov.vn")
    if gov and len(parts) == 3 and parts[0] in MINISTRIES:
        name = f"Cổng thông tin điện tử {MINISTRIES[parts[0]]}"
        return name, f"{why}: cổng thông tin điện tử của {MINISTRIES[parts[0]]!r}"
    provinces = _provinces(g)
    m = re.fullmatch(r"bao(\w+)", parts[0])
    if m and m.group(1) in provinces:
        name = f"Báo {provinces[m.group(1)]}"
        return name, f"{why}: tên miền 'bao' + tên tỉnh {provinces[m.group(1)]}, tờ báo của tỉnh"
    m = re.fullmatch(r"(tinhdoan|thanhdoan)(\w+)", parts[0])
    if m and m.group(2) in provinces:
        return BODIES[m.group(1)].format(name=provinces[m.group(2)]), f"{why}: tên miền mang tên cơ quan và tỉnh"
    m = re.fullmatch(r"(pgd|sgd|sogd)(?:dt)?(\w+)", parts[0])  # an education office's or department's own site
    if m and m.group(1) != "pgd" and m.group(2) in provinces:
        return (f"Sở Giáo dục và Đào tạo tỉnh {provinces[m.group(2)]}",
                f"{why}: tên miền 'sgd' + tên tỉnh, trang của sở giáo dục và đào tạo")
    office = units_named(".".join([m.group(2), *parts[1:]]), g).smallest if m and m.group(1) == "pgd" else None
    if office is not None and office.level is Level.DISTRICT:
        return (f"Phòng Giáo dục và Đào tạo {_place(office)}",
                f"{why}: tên miền 'pgd' + tên {office.full_name}, trang của phòng giáo dục và đào tạo")
    named = named if named is not None and named.units else units_named(address, g)
    chain = named.units
    if chain:
        smallest = chain[-1]
        body = next((p for p in parts if p in BODIES), None)
        if body is not None and (gov or host.endswith(".dcs.vn")):
            name = BODIES[body].format(unit=_place(smallest), name=smallest.name)
            return name, f"{why}: trang của cơ quan {body!r} thuộc {smallest.full_name}"
        # the host is the unit's own: its labels, left of the domain, are all units' or words of no place
        own = parts[0] == named.labels[0] and all(p in named.labels or p in _DOMAIN for p in parts)
        if own and host.endswith(".dcs.vn"):
            word = "Cổng" if smallest.level is Level.PROVINCE else "Trang"
            return (f"{word} thông tin điện tử Đảng bộ {_place(smallest)}",
                    f"{why}: trang của Đảng bộ {smallest.full_name} (tên miền '.dcs.vn'); '{word} thông tin điện tử' "
                    f"theo cấp")
        kind_and_name = parts[0] == _key(smallest.kind + smallest.name)  # huyendamha.vn
        if own and (gov or kind_and_name):
            word = "Trang" if smallest.level is Level.COMMUNE else "Cổng"
            return (f"{word} thông tin điện tử {_place(smallest)}",
                    f"{why} mang tên {smallest.full_name}: cổng hoặc trang thông tin điện tử của đơn vị "
                    f"('{word}' theo cấp, trang không tự ghi)")
    return host, f"{why}: không rõ tên đầy đủ của cơ quan đăng bài, ghi theo tên miền"


_DOMAIN = frozenset({"vn", "com", "net", "org", "gov", "edu", "dcs", "info", "portal"})

_COPYRIGHT = r"(?:(?:©|\(c\)|copyright|ban quyen(?: thuoc(?: ve)?)?)\s*(?:\d{4}\s*[-–]?\s*)?[:.]?\s*)"
# a portal's own name, alone on its line or followed by what it does ("… trân trọng thông báo") or the page's rest
_PORTAL = re.compile(rf"^{_COPYRIGHT}?(?P<name>(?:cong|trang)\s+thong\s+tin\s+dien\s+tu\s+\S.{{0,70}}?)\s*"
                     rf"(?P<tail>(?:tran trong|[.|]|-\s|–).*)?$")
# a paper's masthead: "Báo Đồng Nai điện tử", "© 2020 Báo Bình Dương. All rights reserved"
_PAPER = re.compile(rf"^(?P<copy>{_COPYRIGHT})?(?P<name>bao(?: \S+){{1,5}}? dien tu\b|bao(?: \S+){{1,5}}?(?=\s*(?:[.|].*)?$))")
_FOLLOW = re.compile(r"^theo doi (?P<name>.{3,60}?) tren\b")  # a news reader's widget: "Theo dõi Báo Tây Ninh trên"
_SOURCE = re.compile(r"^[(\[]?\s*(?:nguon|theo)\s*:?\s*(?P<name>(?:bao|cong|trang|dai|truyen hinh|tap chi|ttxvn|vov|vtv)"
                     r"\b[^,;:]{1,60}?|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:vn|com|net|org))\s*[)\]]?\s*\.?$")
_KINDS = frozenset({"tinh", "huyen", "xa", "phuong", "quan"})
_TWO_WORD_KINDS = {("thi", "tran"), ("thi", "xa"), ("thanh", "pho")}
_ACRONYMS = frozenset({"ubnd", "hdnd", "mttq", "lhpn", "tw", "tp", "tx", "tt", "ccb", "vov", "vtv", "thvl"})


def _name_of(printed: str) -> str:
    """A name as printed, or, printed in capitals, in sentence case with the capitals of the names in it
    ("TRANG THÔNG TIN ĐIỆN TỬ UBND HUYỆN HỮU LŨNG" → "Trang thông tin điện tử UBND huyện Hữu Lũng"; "BÁO BÌNH DƯƠNG
    ĐIỆN TỬ" → "Báo Bình Dương điện tử")."""
    printed = " ".join(printed.split()).strip(" .,;:|-–")
    if not caps(printed):
        return printed
    words = printed.split()
    keys = [fold(w) for w in words]
    proper = keys[0] == "bao"  # a paper's name is all proper
    out = []
    i = 0
    while i < len(words):
        w, k = words[i], keys[i]
        pair = (k, keys[i + 1]) if i + 1 < len(words) else None
        if k in _ACRONYMS:
            out.append(w)
        elif pair == ("dang", "bo"):  # "Đảng bộ huyện …"
            out += [w[:1] + w[1:].lower(), words[i + 1].lower()]
            i += 2
            continue
        elif pair in _TWO_WORD_KINDS:
            out += [w.lower(), words[i + 1].lower()]
            i, proper = i + 2, True
            continue
        elif k in _KINDS:
            out.append(w.lower())
            proper = True
        elif i == 0 or k in ("bo", "so") or (proper and k not in ("dien", "tu")) or (out and fold(out[-1]) in ("bo", "so")):
            out.append(w[:1] + w[1:].lower())
        else:
            out.append(w.lower())
        i += 1
    return " ".join(out)


def _upper_at(text: str, start: int) -> bool:
    return text[start:start + 1].isupper()


def _site(lines: list[tuple[int, str]]) -> tuple[str, int, str] | None:
    """The site's own name in the page's furniture (name, line, why): a portal's name in the first or last lines, a
    paper's masthead in the first lines or after a copyright sign, a news reader's widget naming it."""
    for n, (line, text) in enumerate(lines):
        top, bottom = n < 4, n >= len(lines) - 6
        t = text.strip()
        if not (top or bottom) or not 3 <= len(t) <= 300:
            continue
        key = fold(t)
        m = _FOLLOW.match(key) if len(t) <= 120 else None
        if m and _upper_at(t, m.start("name")):
            return _name_of(t[m.start("name"):m.end("name")]), line, f"trang ghi 'Theo dõi … trên': {t!r}"
        m = _PORTAL.match(key)
        if m and _upper_at(t, m.start("name")) and (len(t) <= 120 or (m.group("tail") or "").startswith("tran trong")):
            return _name_of(t[m.start("name"):m.end("name")]), line, f"tên trang in ở đầu hoặc cuối trang: {t!r}"
        m = _PAPER.match(key) if len(t) <= 80 else None
        if m and t[m.start("name"):m.start("name") + 3] in ("Báo", "BÁO") and _upper_at(t, m.start("name") + 4) \
                and (top or m.group("copy")):
            return _name_of(t[m.start("name"):m.end("name")]), line, f"tên tờ báo in ở đầu hoặc cuối trang: {t!r}"
    return None


def _source_line(lines: list[tuple[int, str]]) -> tuple[str, int, str] | None:
    """A line naming where the text came from ("Nguồn: Báo Nghệ An", "(Theo Báo Quảng Ninh)", "Theo
    baoquangnam.vn"), or a paper's name alone after the article (its credit)."""
    for line, text in lines[-8:]:
        t = text.strip()
        m = _SOURCE.match(fold(t)) if len(t) <= 90 else None
        if m and (_upper_at(t, m.start("name")) or " " not in m.group("name")):
            return t[m.start("name"):m.end("name")], line, f"dòng ghi nguồn {t!r}"
    for line, text in lines[-3:]:
        t = text.strip()
        m = _PAPER.match(fold(t)) if len(t) <= 60 else None
        if m and not m.group("copy") and t[:3] in ("Báo", "BÁO") and _upper_at(t, 4):
            return _name_of(t), line, f"tên tờ báo ghi cuối bài: {t!r}"
    return None


def publisher(lines: list[tuple[int, str]], g: Gazetteer, source: str = "", named: Named | None = None) -> Found:
    """A news article's publisher, flagged with its reason; empty (and flagged) when neither the page nor its
    address says."""
    site = _site(lines)
    if site is not None:
        name, line, why = site
        return Found(value=name, line=line, review=True, why=f"{why}; {CHECK}")
    if source:
        read = by_address(source, g, named)
        if read is not None:
            return Found(value=read[0], line=0, review=True, why=f"{read[1]}; {CHECK}")
    credit = _source_line(lines)
    if credit is not None:
        name, line, why = credit
        if re.fullmatch(r"[a-z0-9.-]+\.[a-z]+", name):  # "Theo baoquangnam.vn": the paper its host names
            name = (by_address(name, g) or (name,))[0]
        return Found(value=name, line=line, review=True,
                     why=f"{why}: nơi bài viết lấy từ, có thể không phải trang đăng lại bài; {CHECK}")
    return Found(review=True, why=NOT_STATED.format(" và không có địa chỉ trang nguồn" if not source else
                                                     " và địa chỉ trang nguồn không cho biết"))
