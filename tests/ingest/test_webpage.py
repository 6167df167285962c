"""Official documents reposted on a web page without their header (tdkt.ingest.webpage, and through extract)."""
from pathlib import Path

import pytest

from tdkt.ingest import webpage
from tdkt.ingest.extract import extract
from tdkt.ingest.folders import load_vocab
from tdkt.problems import Problems
from tdkt.text.collate import fold

TYPES = ("bao cao", "ke hoach", "thong bao", "huong dan", "to trinh", "quyet dinh")


def lines(text: str) -> list[tuple[int, str]]:
    return [(n, t) for n, t in enumerate(text.split("\n"), start=1) if t.strip()]


def test_a_headline_that_begins_with_a_type_names_it():
    n = webpage.reposted(lines("Hướng dẫn xét tặng danh hiệu thi đua năm học 2023-2024\n\nĐể phong trào thi đua …"), TYPES)
    assert (n.type_name, n.line, n.issuer) == ("huong dan", 0, None)
    assert "tên loại văn bản" in n.why


def test_an_issuer_that_announces_names_the_type_and_the_issuer():
    text = ("Căn cứ Nghị định số 98/2023/NĐ-CP của Chính phủ;\n"
            "Để việc đề nghị khen thưởng được công khai, Sở Nội vụ thông báo, nếu tổ chức, cá nhân có ý kiến …")
    n = webpage.reposted(lines(text), TYPES)
    assert (n.type_name, n.issuer, n.issuer_line) == ("thong bao", "Sở Nội vụ", 1)


def test_a_news_article_is_no_notice():
    text = ("Xã Hòa Bình tổng kết phong trào thi đua năm 2023\n"
            "Ngày 20/12, UBND xã tổ chức hội nghị tổng kết; đồng chí Chủ tịch thông tin kết quả …")
    assert webpage.reposted(lines(text), TYPES) is None


def test_a_type_the_vocabulary_lacks_is_not_named():
    assert webpage.reposted(lines("Hướng dẫn xét tặng danh hiệu thi đua năm 2024\n"), ("bao cao",)) is None


@pytest.fixture(scope="module")
def vocab():
    problems = Problems()
    words = load_vocab(Path(__file__).resolve().parents[2] / "data", problems)
    assert not len(problems), problems.report()
    return words


def test_extract_files_a_reposted_notice_as_an_official_document_for_review(vocab, gazetteer):
    text = ("Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31-12-2023 của Chính phủ;\n\n"
            "Hiện Sở Nội vụ đang xác lập hồ sơ trình cấp có thẩm quyền khen thưởng Huân chương Lao động hạng Ba.\n\n"
            "Để đảm bảo công khai, minh bạch, Sở Nội vụ thông báo, nếu tổ chức, cá nhân có ý kiến xin gửi về Sở.\n")
    e = extract(text, vocab, gazetteer)
    assert not e.doc_type.value.news and fold(e.doc_type.value.name) == "thong bao"
    assert e.issuer.value == "Sở Nội vụ"
    assert e.title.value is None  # the first line cites a decree: it is no title ("Căn cứ …;")
    flagged = {r.field for r in e.review}
    assert {"doc_type", "issuer"} <= flagged



def test_a_first_line_taken_as_title_leaves_the_page_s_words_out(vocab, gazetteer):
    text = ("date 2026-01-30 Xã Hòa Bình tổng kết phong trào thi đua năm 2025\n\n"
            "Ngày 28/01, UBND xã Hòa Bình tổ chức hội nghị tổng kết phong trào thi đua năm 2025.\n")
    e = extract(text, vocab, gazetteer)
    assert e.title.value == "Xã Hòa Bình tổng kết phong trào thi đua năm 2025"


@pytest.mark.parametrize("line, crumb", [
    ("Reports / Mô hình kinh tế", True),
    ("Trang chủ » Tin tức » Thi đua khen thưởng", True),
    ("Trang chủ > Tin tức", True),
    ("63 nông dân xuất sắc được tuyên dương", False),
    ("Kế hoạch số 12/KH-UBND về phong trào thi đua năm 2023", False),  # a slash inside a number
    ("Tổng kết phong trào thi đua / khen thưởng năm 2023 của huyện Đầm Hà và các xã, thị trấn trên địa bàn", False),
])
def test_a_breadcrumb_is_no_headline(line, crumb):
    from tdkt.ingest.webpage import breadcrumb
    assert breadcrumb(line) is crumb


def test_a_document_listed_by_type_number_and_issuer(vocab, gazetteer):
    """How portals list a decision: type, number, date, issuer, then what it does; a long line, still a headline."""
    e = extract("Quyết định số 1960/QĐ-UBND ngày 5/9/2019 của Chủ tịch UBND tỉnh tặng Bằng khen cho 03 tập thể, 05 cá "
                "nhân đã có thành tích xuất sắc trong tham mưu, triển khai thực hiện Đề án thí điểm tuyển chọn trí thức "
                "trẻ tình nguyện về các xã tham gia phát triển nông thôn, miền núi\n", vocab, gazetteer)
    assert e.doc_type.value.id == "quyet-dinh" and e.doc_type.review
    assert e.doc_number.value == "1960/QĐ-UBND" and e.doc_number.review
    assert e.issued.value.iso() == "2019-09-05" and e.issued.review
    assert e.issuer.value == "Chủ tịch UBND tỉnh" and e.issuer.review
    assert e.title.value.startswith("Tặng Bằng khen cho 03 tập thể") and e.title.review
    # a line that only cites a decision inside a sentence is not a listing
    e = extract("Căn cứ Quyết định số 12/QĐ-UBND của UBND tỉnh về việc khen thưởng, huyện đã tổ chức hội nghị.\n",
                vocab, gazetteer)
    assert e.doc_number.value is None


def test_a_listing_after_the_page_s_trail_on_the_line_normalising_made(vocab, gazetteer):
    """A portal's trail of sections, the listing's headline, a view counter and the body, joined into one line by
    normalising (web text has no blank lines between them): the listing is read, its title ends at the counter."""
    e = extract("Trang chủ | Tin tức | Văn bản Kế hoạch số 45/KH-UBND ngày 12/3/2023 của UBND huyện Đức Thọ về việc "
                "tổ chức phong trào thi đua năm 2023 Lượt xem: 1250 Thực hiện Kế hoạch số 30/KH-UBND ngày 20/02/2023 "
                "của UBND tỉnh Hà Tĩnh, UBND huyện ban hành Kế hoạch như sau:\n", vocab, gazetteer)
    assert e.doc_type.value.id == "ke-hoach" and e.doc_type.review
    assert e.doc_number.value == "45/KH-UBND" and e.issued.value.iso() == "2023-03-12"
    assert e.title.value == "Về việc tổ chức phong trào thi đua năm 2023"
    # a sentence that carries out a plan cites it: no listing
    e = extract("Hôm nay, thực hiện Kế hoạch số 45/KH-UBND ngày 12/3/2023 của UBND huyện Đức Thọ về việc tổ chức "
                "phong trào thi đua năm 2023, xã đã tổ chức hội nghị.\n", vocab, gazetteer)
    assert e.doc_number.value is None
