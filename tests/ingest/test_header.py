"""tdkt.ingest.header and the header fields extract reads with it: one example of each layout real pages
make of a header (constructed here; the real corpus is measured by scripts/bench_headers.py)."""
from __future__ import annotations

import pytest

from tdkt.ingest import header, header_lines
from tdkt.ingest.reading import RESPACED, unspace
from tdkt.ingest.extract import extract
from tdkt.ingest.issuer import display_name
from tdkt.ingest.period import read_period
from tdkt.ingest.folders import load_vocab
from tdkt.problems import Problems
from tdkt.text.collate import fold
from tests.ingest.test_extract import ROOT


@pytest.fixture(scope="module")
def vocab():
    return load_vocab(ROOT, Problems())


def lines(text: str) -> list[tuple[int, str]]:
    return [(n, t) for n, t in enumerate(text.split("\n"), start=1) if t.strip()]


def test_flattened_columns_split_at_the_national_title_and_motto():
    assert header_lines.split_columns("UBND XÃ VẠN THẮNGCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") == [
        "UBND XÃ VẠN THẮNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]
    assert header_lines.split_columns("HỘI ĐỒNG TĐ–KT Độc lập – Tự do – Hạnh phúc") == [
        "HỘI ĐỒNG TĐ–KT", "Độc lập – Tự do – Hạnh phúc"]


@pytest.mark.parametrize("text,number", [
    ("Số: 01 /BC-HĐTĐKT Vạn Thắng, ngày 08 tháng 01 năm 2021", "01/BC-HĐTĐKT"),
    ("Số 10-KH/LĐ", "10-KH/LĐ"),
    ("SỐ : 63/ 2008 / HYH- HD/TĐKT", "63/2008/HYH-HD/TĐKT"),
    ("Số: . . . ./BC- THMH Minh Hòa, ngày 13 tháng 01 năm 2012", "/BC-THMH"),
    ("Số       - BC/HU", "-BC/HU"),
    ("Căn cứ Quyết định số 1632/QĐ-UBND ngày 5/5/2020", None),  # "số" in a sentence cites another document
])
def test_real_spellings_of_the_number(text, number):
    found = header_lines.find_number(text)
    assert (found[0] if found else None) == number


@pytest.mark.parametrize("text,date", [
    ("Đông Mai, ngày 22tháng 01 năm 2022", (2022, 1, 22)),
    ("Xuân Phú, ngày       tháng 7 năm 2023", (2023, 7, None)),
    ("Vạn Thắng, ngày tháng năm 2023", (2023, None, None)),
    ("Căn cứ Luật Tổ chức Chính phủ ngày 25 tháng 12 năm 2001;", None),
    ("Thực hiện Kế hoạch số 223/KH-UBND ngày 17 tháng 10 năm 2022 của UBND quận", None),
])
def test_the_date_line_and_never_a_citation(text, date):
    found = header_lines.find_date(text, header_lines.place_prefix)
    assert (found[0] if found else None) == date


PAGE = """Truy cập
Hôm nay:
26
Tất cả:
174316
Tổng kết phong trào thi đua năm 2022
Ngày 12/01/2023 16:25:34
UBND XÃ VẠN THẮNGCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
HỘI ĐỒNG TĐ–KT Độc lập – Tự do – Hạnh phúc
Số: 01 /BC-HĐTĐKT Vạn Thắng, ngày tháng năm 2023
BÁO CÁO
Tổng kết phong trào Thi đua – Công tác Khen thưởng năm 2022
PHẦN THỨ NHẤT
I. NHỮNG KHÓ KHĂN VÀ THUẬN LỢI
"""


def test_a_commune_report_behind_web_furniture(vocab, gazetteer):
    e = extract(PAGE, vocab, gazetteer)
    assert e.doc_number.value == "01/BC-HĐTĐKT" and e.doc_type.value.id == "bao-cao"
    assert e.issued.value.iso() == "2023"  # the page's posting date is not the document's
    assert e.issuer.value == "Hội đồng Thi đua – Khen thưởng xã Vạn Thắng" or "Vạn Thắng" in e.issuer.value
    assert (e.period.value.year, e.period.value.span.value) == (2022, "year")
    assert e.signer.value is None  # "PHẦN THỨ NHẤT" is a heading, not a person


SCHOOL = """PHÒNG GD&ĐT TÁNH LINH CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM TRƯỜNG TH ĐỒNG KHO 1 Độc lập - Tự do - Hạnh phúc
Số: 14/TTr-ĐK1 Đồng Kho, ngày 10 tháng 10 năm 2010
TỜ TRÌNH
Về việc công nhận trường đạt danh hiệu Trường học thân thiện năm học 2009 – 2010
Kính gởi: Lãnh đạo phòng Giáo dục và Đào tạo huyện Tánh Linh
"""


def test_a_school_under_its_department(vocab, gazetteer):
    e = extract(SCHOOL, vocab, gazetteer)
    assert e.doc_type.value.id == "to-trinh" and e.doc_number.value == "14/TTr-ĐK1"
    assert e.issuer.value.startswith("Trường TH Đồng Kho")  # not the Phòng above it
    assert e.issued.value.iso() == "2010-10-10"
    assert (e.period.value.span.value, e.period.value.year, e.period.value.end_year) == ("school-year", 2009, 2010)


DECREE = """Sign In
QUYẾT ĐỊNH
Về việc phong tặng danh hiệu chiến sĩ thi đua toàn quốc
THỦ TƯỚNG CHÍNH PHỦ
Căn cứ Luật Tổ chức Chính phủ ngày 25 tháng 12 năm 2001;
Căn cứ Luật Thi đua, Khen thưởng ngày 26 tháng 11 năm 2003;
"""


def test_a_decision_whose_header_is_lost(vocab, gazetteer):
    e = extract(DECREE, vocab, gazetteer)
    assert e.doc_type.value.id == "quyet-dinh"
    assert e.issued.value is None  # the dates of the laws it cites are not its date
    assert e.issuer.value == "Thủ tướng Chính phủ" and e.issuer.review
    assert e.unit.value is None and not e.unit.review  # a central body has no territorial unit


NEWS = """Hội nghị tổng kết phong trào thi đua yêu nước năm 2021 của huyện Đầm Hà
Sáng ngày 6/1, UBND huyện Đầm Hà tổ chức hội nghị tổng kết phong trào thi đua năm 2021.
Dịp này, UBND huyện tặng giấy khen cho 12 tập thể và 20 cá nhân.
"""


def test_a_news_article_is_not_filed_as_an_official_document(vocab, gazetteer):
    e = extract(NEWS, vocab, gazetteer)
    assert e.doc_type.value.id == "bai-bao" and e.doc_type.value.news and e.doc_type.review
    assert e.issuer.value is None and e.issuer.review  # its publisher is the site, not a line of the text
    assert e.signer.value is None


@pytest.mark.parametrize("text,expected", [
    ("Tổng kết năm học 2017-2018", ("school-year", 2017, 2018, None)),
    ("Sơ kết học kỳ I năm học 2011 - 2012", ("semester", 2011, 2012, 1)),
    ("Báo cáo 6 tháng đầu năm, nhiệm vụ 6 tháng cuối năm 2023", ("first-half", 2023, None, None)),
    ("Kế hoạch thi đua giai đoạn 2021 – 2025", ("term", 2021, 2025, None)),
    # an anniversary is an occasion of its second year, never a term 1982-2022 nor the year 1982
    ("Kỷ niệm 40 năm ngày Nhà giáo Việt Nam (20/11/1982 - 20/11/2022)", ("event", 2022, None, None)),
    ("chào mừng kỉ niệm 39 năm ngày Nhà Giáo Việt Nam 20/11/1982- 20/11/2021", ("event", 2021, None, None)),
    ("Kỷ niệm 90 năm Ngày thành lập Công đoàn Việt Nam (28.7.1929 - 28.7.2019)", ("event", 2019, None, None)),
    ("Kỷ niệm 90 năm Ngày thành lập Đảng (1930 - 2021)", None),  # 1930 + 90 is not 2021: not read
    ("Kỷ niệm 70 năm Ngày Bác Hồ ra Lời kêu gọi thi đua ái quốc", None),  # no year stated
    ("Trao tặng huy hiệu Đảng Đợt 19/5/2015", ("event", 2015, None, None)),
    ("Kế hoạch kỷ niệm 40 năm ngày Nhà giáo Việt Nam (1982 - 2022) năm học 2022-2023", ("school-year", 2022, 2023, None)),
    ("Sửa đổi Quyết định số 13/2018/QĐ-UBND ngày 27 tháng 4 năm 2018", None),
    ("Đại hội đại biểu Hội Liên hiệp Phụ nữ tỉnh lần thứ XIII, nhiệm kỳ 2016 - 2021 bế mạc", ("event", 2016, None, None)),
    ("Tuyên truyền cuộc bầu cử đại biểu Hội đồng nhân dân các cấp, nhiệm kỳ 2021- 2026", ("event", 2021, None, None)),
    ("Báo cáo tổng kết công tác thi đua nhiệm kỳ 2015 - 2020", ("term", 2015, 2020, None)),  # no congress: the term
    # a person's birth year is never a period (a news lead on Party badges: "sinh năm 1936/1937")
    ("Hai đảng viên sinh năm 1936/1937 được trao Huy hiệu 70 năm tuổi Đảng", None),
    ("Cụ Nguyễn Văn Ba (sinh năm 1930) nhận Huy hiệu Đảng năm 2023", ("year", 2023, None, None)),
    # a database's page title cites the document by number and year; a plan's horizon is no one year
    ("- 3Quyết định 4306/QĐ-UBND năm 2021 về Quy chế tổ chức và hoạt động của Hội đồng", None),
    ("Kế hoạch triển khai Chiến lược giai đoạn đến năm 2030 và tầm nhìn đến năm 2045", None),
    ("Kế hoạch giai đoạn 2021 - 2025 và định hướng đến năm 2030", ("term", 2021, 2025, None)),
    ("thành tích xuất sắc từ năm 2016 đến năm 2020", ("term", 2016, 2020, None)),  # a span, not a horizon
])
def test_periods_as_titles_state_them(text, expected):
    found = read_period(text)
    got = (found[0].span.value, found[0].year, found[0].end_year, found[0].number) if found else None
    assert got == expected


def test_an_occasion_keeps_its_name_as_printed():
    period, words = read_period("Tổ chức các hoạt động chào mừng kỷ niệm 40 năm ngày Nhà giáo Việt Nam (20/11/1982 - "
                                "20/11/2022)")
    assert period.name == "kỷ niệm 40 năm ngày Nhà giáo Việt Nam"
    assert period.label() == "Kỷ niệm 40 năm ngày Nhà giáo Việt Nam, năm 2022"
    assert words.startswith("kỷ niệm 40 năm") and "20/11/2022" in words
    assert read_period("Đợt 19/5/2015")[0].label() == "Đợt 19/5/2015"


def test_names_read_as_names():
    assert display_name("UBND XÃ VẠN THẮNG") == "UBND xã Vạn Thắng"
    assert display_name("TRƯỜNG THCS TRÀNG CÁT") == "Trường THCS Tràng Cát"


CROSSED = """UBND QUẬN HẢI AN
Số: 180/BC-THCSTrC
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hải An, ngày 18 tháng 10 năm 2022
KẾ HOẠCH
Tổ chức các hoạt động chào mừng ngày Nhà giáo Việt Nam năm 2022
"""


def test_a_number_that_disagrees_with_the_heading_and_the_issuer_is_flagged(vocab, gazetteer):
    """The code 'BC' says báo cáo under a heading KẾ HOẠCH, and 'THCSTrC' cannot be read out of 'UBND quận Hải An':
    the values stay as read, each flagged with the reason (a person decides which line is right)."""
    e = extract(CROSSED, vocab, gazetteer)
    assert e.doc_type.value.id == "ke-hoach" and e.doc_number.value == "180/BC-THCSTrC"
    flags = {r.field: r.why for r in e.review}
    assert "chỉ loại 'Báo cáo', tên loại văn bản là 'Kế hoạch'" in flags["doc_type"]
    assert "chỉ loại 'Báo cáo'" in flags["doc_number"]
    assert fold(e.issuer.value) == "ubnd quan hai an"
    assert "ký hiệu cơ quan 'THCSTrC' trong số văn bản không khớp với tên cơ quan" in flags["issuer"]


@pytest.mark.parametrize("number, issuer", [
    ("12/BC-UBND", "UBND xã Vạn Thắng"), ("12/BC-UBND", "Ủy ban nhân dân xã Vạn Thắng"),
    ("5/KH-SGDĐT", "Sở Giáo dục và Đào tạo tỉnh Lạng Sơn"), ("180/KH-THCSTrC", "Trường THCS Tràng Cát"),
    ("10-KH/LĐ", "Liên đội trường THCS Thường Thới Hậu A"),
])
def test_an_issuer_whose_code_is_in_its_name_is_not_flagged(vocab, gazetteer, number, issuer):
    from tdkt.ingest.numbers import issuer_agrees
    from tdkt.ingest.reading import Found
    assert not issuer_agrees(Found(value=number), Found(value=issuer, why="x"), vocab.doc_types).review


@pytest.mark.parametrize("period_line", ["Năm học 2020 - 2021", "Học kỳ I năm học 2019-2020", "giai đoạn 2016 – 2020",
                                         "6 tháng đầu năm 2022", "năm 2023"])
def test_a_title_line_that_names_only_the_period_belongs_to_the_title(period_line):
    text = ("TRƯỜNG TIỂU HỌC AN BÌNH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Số: 12/QĐ-TH\nAn Bình, ngày 20 tháng 5 năm 2021\nQUYẾT ĐỊNH\n"
            f"Về việc khen thưởng học sinh có thành tích trong học tập\n\n{period_line}\n\n"
            "HIỆU TRƯỞNG TRƯỜNG TIỂU HỌC AN BÌNH\nCăn cứ Điều lệ trường tiểu học;")
    h = header.read(lines(text))
    assert h.title.value == f"Về việc khen thưởng học sinh có thành tích trong học tập {period_line}"


def test_a_title_is_not_carried_on_by_a_body_line_with_a_year():
    text = ("UBND XÃ AN BÌNH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Số: 12/BC-UBND\nAn Bình, ngày 20 tháng 12 năm 2021\nBÁO CÁO\nTổng kết công tác thi đua, khen thưởng\n"
            "Năm 2021, được sự quan tâm của Đảng ủy, phong trào thi đua phát triển mạnh mẽ.")
    assert header.read(lines(text)).title.value == "Tổng kết công tác thi đua, khen thưởng"


DECISION = """THỦ TƯỚNG CHÍNH PHỦ
CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 100/QĐ-TTg
Hà Nội, ngày 3 tháng 4 năm 2009
QUYẾT ĐỊNH
Về việc tặng thưởng Cờ thi đua của Chính phủ
THỦ TƯỚNG CHÍNH PHỦ
Căn cứ Luật Thi đua, Khen thưởng ngày 26 tháng 11 năm 2003;
Xét đề nghị của Bộ trưởng Bộ Giáo dục và Đào tạo (Tờ trình số 5/TTr-BGDĐT ngày 2 tháng 3 năm 2009),
QUYẾT ĐỊNH:
Điều 1. Tặng thưởng Cờ thi đua của Chính phủ cho 05 tập thể, đã dẫn đầu phong trào thi đua {clause}.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký, năm 2009."""


@pytest.mark.parametrize("clause,period", [
    ("yêu nước năm học 2007-2008 của ngành giáo dục", ("school-year", 2007, 2008)),
    ("yêu nước năm 2008", ("year", 2008, None)),
    ("giai đoạn 2001 - 2008", ("term", 2001, 2008)),
])
def test_a_decision_on_awards_without_a_period_in_its_title_reads_it_from_article_one(vocab, gazetteer, clause,
                                                                                     period):
    e = extract(DECISION.format(clause=clause), vocab, gazetteer)
    p = e.period.value
    assert (p.span.value, p.year, p.end_year) == period
    assert "Điều 1" in e.period.why and e.period.review  # a machine reading of the body: a person checks it


def test_article_one_without_a_year_gives_no_period(vocab, gazetteer):
    e = extract(DECISION.format(clause="yêu nước của ngành giáo dục"), vocab, gazetteer)
    assert e.period.value is None  # never Điều 2's year, nor a date of the Căn cứ lines


@pytest.mark.parametrize("spaced,words", [
    ("T H  Ủ   T  Ư Ớ N G   C H  Í  N H   P H Ủ", "THỦ TƯỚNG CHÍNH PHỦ"),   # the widest gaps part the words
    ("T H Ủ T Ư Ớ N G C H Í N H P H Ủ", "THỦ TƯỚNG CHÍNH PHỦ"),           # one width: cut into syllables
    ("B Ộ N Ộ I V Ụ", "BỘ NỘI VỤ"),                                         # not 'BỘN ỘI VỤ'
    ("Ủ Y B A N N H Â N D Â N T Ỉ N H T H A N H H Ó A", "ỦY BAN NHÂN DÂN TỈNH THANH HÓA"),
    ("S Ở G I Á O D Ụ C V À Đ À O T Ạ O", "SỞ GIÁO DỤC VÀ ĐÀO TẠO"),
    ("A B C D 1 2", "A B C D 1 2"),                                         # no syllables: left as it is
    ("UBND XÃ VẠN THẮNG", "UBND XÃ VẠN THẮNG"),                             # not typed letter by letter
])
def test_a_line_typed_letter_by_letter_reads_as_words(spaced, words):
    assert unspace(spaced) == words


def test_an_issuer_typed_letter_by_letter_is_read_and_flagged(vocab, gazetteer):
    text = ("T H Ủ T Ư Ớ N G C H Í N H P H Ủ\nSố: 263/QĐ-TTg\nCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Độc lập – Tự do – Hạnh phúc\nHà Nội, ngày 22 tháng 02 năm 2011\nQUYẾT ĐỊNH\n"
            "Về việc tặng thưởng Bằng khen của Thủ tướng Chính phủ\nTHỦ TƯỚNG CHÍNH PHỦ\nCăn cứ Luật Thi đua, Khen thưởng;")
    e = extract(text, vocab, gazetteer)
    assert e.issuer.value == "Thủ tướng Chính phủ"
    assert any(f.field == "issuer" and RESPACED in f.why for f in e.review)


@pytest.mark.parametrize("stamp,date", [
    ("18/10/2020\nTrong chương trình lễ kỷ niệm, Hội đã trao giải thưởng cho các tập thể.", (2020, 10, 18)),
    ("10:05, 18/05/2012\n(ĐN)- Ông Lê Văn A cho biết, tỉnh đã chọn 5 nông dân xuất sắc.", (2012, 5, 18)),
    ("Thứ sáu - 14/05/2021 08:30 769 0\nSau 01 năm phấn đấu, xã đã hoàn thành xuất sắc nhiệm vụ.", (2021, 5, 14)),
    ("date 2026-01-30 Trao tặng Huy hiệu Đảng cho các đảng viên", (2026, 1, 30)),
    ("Sáng ngày 17/01/2024, Hội đồng thi đua khen thưởng huyện họp xét khen thưởng năm 2024.", None),  # an event's day
])
def test_a_news_page_s_date_stamp_joined_to_its_lead(stamp, date):
    text = f"{stamp}\n\nNội dung tiếp theo của bài." if stamp.startswith("date") else \
        f"Hội nghị tổng kết công tác thi đua khen thưởng của huyện\n\n{stamp}\n\nNội dung tiếp theo của bài."
    from tdkt.text.normalise import normalise
    h = header.read(lines(normalise(text).text))
    assert (h.news_date.value if h.news_date else None) == date


def test_a_number_the_column_broke_is_joined_and_flagged(vocab, gazetteer):
    text = ("UBND HUYỆN NGA SƠN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nBAN CHỈ ĐẠO PCGD, XMC\n"
            "Độc lập – Tự do – Hạnh phúc\nSố: 255 / BC-BCĐPCGD-\nNga Sơn, ngày 13 tháng 11 năm 2020\nXMC\n"
            "BÁO CÁO\nTình hình thực hiện công tác phổ cập giáo dục năm 2020")
    e = extract(text, vocab, gazetteer)
    assert e.doc_number.value == "255/BC-BCĐPCGD-XMC"
    assert any(f.field == "doc_number" and header.JOINED in f.why for f in e.review)
    whole = text.replace("BC-BCĐPCGD-\n", "BC-BCĐPCGD\n")  # a number that ends where it should takes nothing after it
    assert extract(whole, vocab, gazetteer).doc_number.value == "255/BC-BCĐPCGD"


def test_a_numbered_unit_in_the_date_line_and_a_union_s_executive_committee(vocab, gazetteer):
    text = ("BCH QUẬN ĐOÀN – QUẬN 6\nBCH ĐOÀN THPT PHÚ LÂM\nSố: 80 /KH-ĐTN\nĐOÀN TNCS HỒ CHÍ MINH\n"
            "Quận 6, ngày 16 tháng 10 năm 2019\nKẾ HOẠCH\nĐại hội đại biểu Đoàn trường nhiệm kỳ 2019 – 2020")
    e = extract(text, vocab, gazetteer)
    assert e.issuer.value == "BCH đoàn THPT Phú Lâm"   # 'BCH' starts a body: not left on the line above
    assert e.unit.value.full_name == "Quận 6"           # a unit named by a number
    assert e.period.value.span.value == "event" and e.period.value.year == 2019


@pytest.mark.parametrize("written,shown", [("PHÒNG GD&ĐT TX HƯƠNG THỦY", "Phòng GD&ĐT TX Hương Thủy"),
                                           ("TRƯỜNG MN THỦY DƯƠNG", "Trường MN Thủy Dương")])
def test_a_name_after_an_abbreviated_kind_is_a_proper_name(written, shown):
    assert display_name(written) == shown


@pytest.mark.parametrize("title,expected", [
    ("Xét tặng danh hiệu thi đua quý I/2020", ("quarter", 2020, None, 1)),
    ("Sơ kết công tác thi đua quý 3-2021", ("quarter", 2021, None, 3)),
    ("tổng kết 5 năm thực hiện Chỉ thị 05-CT/TW (2016 - 2021)", ("term", 2016, 2021, None)),
    ("tổng kết 10 năm phong trào (2010 - 2021)", None),  # the bracket is not the ten years it reviews
])
def test_quarters_by_slash_and_reviews_of_years_in_brackets(title, expected):
    found = read_period(title)
    got = (found[0].span.value, found[0].year, found[0].end_year, found[0].number) if found else None
    assert got == expected


def test_a_year_the_archive_cannot_hold_is_left_empty_and_flagged(vocab, gazetteer):
    """Ingest never writes a year the archive refuses (R102/R103: 1945 to 2100), so the draft still builds."""
    e = extract("UBND XÃ AN BÌNH\nSố: 3/BC-UBND\n" + "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
                "An Bình, ngày 2 tháng 9 năm 1930\nBÁO CÁO\nKết quả thi đua năm 1930\n", vocab, gazetteer)
    assert e.issued.value is None and e.period.value is None
    reasons = {r.field: r.why for r in e.review}
    assert "năm 1930 nằm ngoài khoảng 1945–2100" in reasons["issued"] and "1930" in reasons["period"]


def test_the_democratic_republics_title_anchors_a_header(vocab, gazetteer):
    e = extract("BỘ GIÁO DỤC\n*******\nVIỆT NAM DÂN CHỦ CỘNG HOÀ\nĐộc lập - Tự do - Hạnh phúc\n*******\n"
                "Số : 509-QĐ\nHà Nội, ngày 29 tháng 08 năm 1963\nQUYẾT ĐỊNH\nVề việc ban hành chế độ khen thưởng\n",
                vocab, gazetteer)
    assert e.issuer.value == "Bộ Giáo dục" and e.issued.value.iso() == "1963-08-29"


def test_a_portals_block_with_van_ban_so_and_ngay_and_the_authority_before_the_enacting_formula(vocab, gazetteer):
    e = extract("Quyết định về việc ban hành Bộ tiêu chuẩn thi đua năm 2013\n\n"
                "Văn bản số: 3773/QĐ-ĐHKT-TCHC\nNgày: 22/11/2013\nNgười ký: Hiệu trưởng\n\n"
                "HIỆU TRƯỞNG TRƯỜNG ĐẠI HỌC KINH TẾ TP. HỒ CHÍ MINH\n\nCăn cứ Luật Thi đua, Khen thưởng năm 2003;\n\n"
                "QUYẾT ĐỊNH:\n\nĐiều 1. Ban hành kèm theo quyết định này Bộ tiêu chuẩn.\n", vocab, gazetteer)
    assert e.doc_number.value == "3773/QĐ-ĐHKT-TCHC"
    assert e.issued.value.iso() == "2013-11-22" and e.issued.review
    assert e.issuer.value.lower() == "trường đại học kinh tế tp. hồ chí minh" and e.issuer.review


def test_a_bare_ngay_line_alone_is_no_metadata_block(vocab, gazetteer):
    e = extract("Tin hoạt động\n\nNgày: 22/11/2013\n\nSáng nay, xã tổ chức hội nghị.\n", vocab, gazetteer)
    assert e.issued.value is None or "thông tin trang đăng" not in e.issued.why
