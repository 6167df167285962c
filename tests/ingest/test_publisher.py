"""tdkt.ingest.publisher: a news article's publisher, from what the page says and from its address (lines and
addresses written for these tests, not taken from the real corpus)."""
from __future__ import annotations

from pathlib import Path

import pytest

from tdkt.ingest.extract import extract
from tdkt.ingest.folders import issuer_kind, load_vocab
from tdkt.ingest.publisher import by_address, publisher
from tdkt.problems import Problems

DATA = Path(__file__).resolve().parents[2] / "data"

BODY = ["Xã Cẩm Hà tuyên dương 12 gia đình hiếu học năm 2023",
        "Sáng 5/9, UBND xã Cẩm Hà tổ chức lễ tuyên dương các gia đình hiếu học tiêu biểu.",
        "Dịp này, Chủ tịch UBND xã tặng giấy khen cho 12 gia đình có thành tích trong phong trào khuyến học.",
        "Các gia đình được tuyên dương đều có con em đạt thành tích cao trong học tập.",
        "Phát biểu tại buổi lễ, lãnh đạo xã đề nghị các gia đình tiếp tục quan tâm đến việc học của con em.",
        "Phong trào khuyến học của xã trong những năm qua đã có nhiều chuyển biến tích cực.",
        "Năm học vừa qua, toàn xã có 35 học sinh đạt giải học sinh giỏi các cấp.",
        "Hội Khuyến học xã đã vận động được nhiều suất học bổng cho học sinh nghèo vượt khó.",
        "Buổi lễ khép lại trong không khí phấn khởi.",
        "MINH AN"]


def numbered(*texts: str) -> list[tuple[int, str]]:
    return list(enumerate(texts, start=1))


@pytest.fixture(scope="module")
def vocab():
    problems = Problems()
    words = load_vocab(DATA, problems)
    assert not len(problems), problems.report()
    return words


@pytest.mark.parametrize("address,name", [
    ("https://tuoitre.vn/tuyen-duong-x.htm", "Báo Tuổi Trẻ"),  # a national paper of the table
    ("https://www.nhandan.vn/x", "Báo Nhân Dân"),  # www. left out
    ("https://baonghean.vn/khen-thuong-x.html", "Báo Nghệ An"),  # bao + a province's name
    ("http://www.baohatinh.vn/x", "Báo Hà Tĩnh"),
    ("https://baothuathienhue.vn/x", "Báo Thừa Thiên Huế"),  # a paper named after the province's former name
    ("https://hatinh.gov.vn/tin-tuc/x", "Cổng thông tin điện tử tỉnh Hà Tĩnh"),  # a province's portal
    ("http://nongcong.thanhhoa.gov.vn/x", "Cổng thông tin điện tử huyện Nông Cống"),  # a district's
    ("http://vanthang.nongcong.gov.vn/web/x.html", "Trang thông tin điện tử xã Vạn Thắng"),  # a commune's: Trang
    ("https://moet.gov.vn/tintuc/x", "Cổng thông tin điện tử Bộ Giáo dục và Đào tạo"),  # a ministry's
    ("https://sonoivu.hatinh.gov.vn/x", "Sở Nội vụ tỉnh Hà Tĩnh"),  # a body's own site under its province's name
    ("https://tinhdoannghean.org.vn/x", "Tỉnh đoàn Nghệ An"),
    ("https://nghean.dcs.vn/x", "Cổng thông tin điện tử Đảng bộ tỉnh Nghệ An"),  # a Party committee's
    ("https://sgdhatinh.edu.vn/x", "Sở Giáo dục và Đào tạo tỉnh Hà Tĩnh"),  # education offices' own sites
    ("http://pgdnongcong.edu.vn/x", "Phòng Giáo dục và Đào tạo huyện Nông Cống"),
    ("http://thquangchau.pgdvietyen.edu.vn/x", "thquangchau.pgdvietyen.edu.vn"),  # a school under it: its host
    ("https://m.tin-nong-nghiep.vn/x", "tin-nong-nghiep.vn"),  # a site nothing names: its host, never a guess
    ("https://baomoinhat.net.vn/x", "baomoinhat.net.vn"),  # 'bao' + no province
    ("https://tintuc.hatinh.com.vn/x", "tintuc.hatinh.com.vn"),  # a province in a private host is not its portal
])
def test_the_address_names_the_publisher(gazetteer, address, name):
    read = by_address(address, gazetteer)
    assert read is not None and read[0] == name
    assert read[1]  # with its reason


def test_no_host_no_reading(gazetteer):
    assert by_address("not an address", gazetteer) is None
    assert by_address("", gazetteer) is None


@pytest.mark.parametrize("line,name", [
    ("Báo Hà Tĩnh điện tử", "Báo Hà Tĩnh điện tử"),  # a masthead above the article
    ("BÁO NGHỆ AN ĐIỆN TỬ | Tiếng Việt", "Báo Nghệ An điện tử"),
    ("CỔNG THÔNG TIN ĐIỆN TỬ HUYỆN NÔNG CỐNG", "Cổng thông tin điện tử huyện Nông Cống"),
    ("TRANG THÔNG TIN ĐIỆN TỬ ĐẢNG BỘ THỊ XÃ KỲ ANH", "Trang thông tin điện tử Đảng bộ thị xã Kỳ Anh"),
    ("Theo dõi Báo Hà Tĩnh trên", "Báo Hà Tĩnh"),  # a news reader's widget
])
def test_the_site_names_itself_at_the_top(gazetteer, line, name):
    found = publisher(numbered(line, *BODY), gazetteer)
    assert (found.value, found.line, found.review) == (name, 1, True)
    assert line in found.why


@pytest.mark.parametrize("line,name", [
    ("© 2023 Báo Nghệ An. Giấy phép số 123/GP-BTTTT", "Báo Nghệ An"),
    ("Bản quyền thuộc về Cổng thông tin điện tử tỉnh Hà Tĩnh", "Cổng thông tin điện tử tỉnh Hà Tĩnh"),
    ("CỔNG THÔNG TIN ĐIỆN TỬ THÀNH PHỐ HÀ NỘI", "Cổng thông tin điện tử thành phố Hà Nội"),
])
def test_the_site_names_itself_at_the_bottom(gazetteer, line, name):
    found = publisher(numbered(*BODY, line), gazetteer)
    assert (found.value, found.line, found.review) == (name, len(BODY) + 1, True)


@pytest.mark.parametrize("line,name", [
    ("Nguồn: Báo Nghệ An", "Báo Nghệ An"),
    ("(Theo Báo Quảng Ninh)", "Báo Quảng Ninh"),
    ("Theo baohatinh.vn", "Báo Hà Tĩnh"),  # a host in a source line: the paper it names
    ("Báo Hà Tĩnh", "Báo Hà Tĩnh"),  # a paper's name alone after the byline: its credit
])
def test_a_source_line_names_where_the_text_came_from(gazetteer, line, name):
    found = publisher(numbered(*BODY, line), gazetteer)
    assert (found.value, found.review) == (name, True)
    assert "có thể không phải trang đăng lại bài" in found.why


def test_the_address_beats_a_source_line_and_the_page_beats_the_address(gazetteer):
    """A page that reprints a paper's article credits the paper; the page is the address's site. The site's own
    name in the page is more precise than what its host says (a district's page on its province's portal)."""
    credited = numbered(*BODY, "Theo Báo Nghệ An")
    assert publisher(credited, gazetteer, "https://tinhdoanhatinh.org.vn/x").value == "Tỉnh đoàn Hà Tĩnh"
    footer = numbered(*BODY, "TRANG THÔNG TIN ĐIỆN TỬ UBND HUYỆN NÔNG CỐNG")
    assert publisher(footer, gazetteer, "https://thanhhoa.gov.vn/nongcong/x").value == \
        "Trang thông tin điện tử UBND huyện Nông Cống"


@pytest.mark.parametrize("line", [
    "Báo cáo tổng kết năm học 2022-2023",  # báo cáo, not a paper
    "Theo báo cáo của UBND xã, năm 2023 toàn xã có 1.200 hộ gia đình văn hóa",
    "Theo đó, năm 2023 xã được tặng Bằng khen",
    "Bảo hiểm xã hội huyện tặng giấy khen cho 3 tập thể",
    "Trên Cổng thông tin điện tử của tỉnh đã đăng tải danh sách 45 tập thể, cá nhân được đề nghị khen thưởng Huân "
    "chương Lao động để lấy ý kiến Nhân dân trong thời hạn 03 ngày kể từ ngày đăng",  # a sentence, not the site
])
def test_what_names_no_publisher(gazetteer, line):
    for lines in (numbered(line, *BODY), numbered(*BODY, line)):
        found = publisher(lines, gazetteer)
        assert found.value is None and found.review
        assert "cần điền nơi đăng bài bằng tay" in found.why


def test_nothing_said_is_left_empty_with_its_reason(gazetteer):
    found = publisher(numbered(*BODY), gazetteer)
    assert (found.value, found.review) == (None, True)
    assert "không có địa chỉ trang nguồn" in found.why


def test_every_reason_is_vietnamese(gazetteer):
    from tests.reasons import foreign_words, place_words

    places = place_words(gazetteer)
    whys = [publisher(numbered(*BODY), gazetteer).why, publisher(numbered(*BODY), gazetteer, "x.vn").why]
    whys += [publisher(numbered(line, *BODY), gazetteer).why
             for line in ("Báo Hà Tĩnh điện tử", "CỔNG THÔNG TIN ĐIỆN TỬ HUYỆN NÔNG CỐNG", "Theo dõi Báo Hà Tĩnh trên")]
    whys += [publisher(numbered(*BODY, line), gazetteer).why for line in ("Nguồn: Báo Nghệ An", "Báo Hà Tĩnh")]
    whys += [publisher(numbered(*BODY), gazetteer, address).why for address in (
        "https://tuoitre.vn/x", "https://vnexpress.net/x", "https://baonghean.vn/x", "https://hatinh.gov.vn/x",
        "http://vanthang.nongcong.gov.vn/x", "https://moet.gov.vn/x", "https://sonoivu.hatinh.gov.vn/x",
        "https://tinhdoannghean.org.vn/x", "https://nghean.dcs.vn/x", "https://kyanh.hatinh.dcs.vn/x",
        "https://m.tin-nong-nghiep.vn/x", "https://sgdhatinh.edu.vn/x", "http://pgdnongcong.edu.vn/x")]
    assert all(whys)
    assert [w for w in whys if foreign_words(w, places)] == []


def test_a_news_article_s_issuer_is_its_publisher(vocab, gazetteer):
    text = "\n".join(BODY)
    e = extract(text, vocab, gazetteer, source="https://baonghean.vn/tuyen-duong-x.html")
    assert e.doc_type.value is not None and e.doc_type.value.news
    assert e.issuer.value == "Báo Nghệ An" and issuer_kind(e) == "bao"
    assert any(r.field == "issuer" and "baonghean.vn" in r.why for r in e.review)
    alone = extract(text, vocab, gazetteer)
    assert alone.issuer.value is None
    assert any(r.field == "issuer" and "cần điền nơi đăng bài bằng tay" in r.why for r in alone.review)
