"""Issuers the left column names under another body, and the units their names give (issue 10). Each header is
written for its rule, in the layouts real documents use; the text goes through normalising first, as at ingest,
which joins a column's lines in capitals into one."""
from __future__ import annotations

import pytest

from tdkt.ingest.extract import extract
from tdkt.ingest.folders import load_vocab
from tdkt.ingest.issuer import CENTRAL_WHY, province_named, spelled_kinds
from tdkt.problems import Problems
from tdkt.text.collate import fold
from tdkt.text.normalise import normalise
from tests.ingest.test_extract import ROOT

NATIONAL = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"


@pytest.fixture(scope="module")
def vocab():
    return load_vocab(ROOT, Problems())


def read(text, vocab, gazetteer):
    return extract(normalise(text).text, vocab, gazetteer)


@pytest.mark.parametrize("column,issuer,parent", [
    ("SỞ Y TẾ HÀ TĨNH\nBỆNH VIỆN ĐA KHOA HUYỆN KỲ ANH", "bệnh viện đa khoa huyện kỳ anh", "sở y tế hà tĩnh"),
    ("PHÒNG GD&ĐT HUYỆN YÊN THÀNH\nTRƯỜNG MẦM NON HOA SEN", "trường mầm non hoa sen", "phòng gd&đt huyện yên thành"),
    ("TRƯỜNG THPT LÊ LỢI\nTỔ CHUYÊN MÔN TOÁN - TIN", "tổ chuyên môn toán - tin", "trường thpt lê lợi"),
    ("LIÊN ĐOÀN LAO ĐỘNG TỈNH PHÚ THỌ\nCĐ NGÀNH GIÁO DỤC", "cđ ngành giáo dục", "liên đoàn lao động tỉnh phú thọ"),
])
def test_a_body_under_another_is_the_issuer_even_when_normalising_joined_their_lines(vocab, gazetteer, column,
                                                                                       issuer, parent):
    e = read(f"{column}\nSố: 12/KH-ABC\n{NATIONAL}Vinh, ngày 3 tháng 4 năm 2022\nKẾ HOẠCH\nThi đua năm 2022\n",
             vocab, gazetteer)
    assert e.issuer.value.lower() == issuer
    assert e.issuer_parent.value.lower() == parent


@pytest.mark.parametrize("column", ["SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG", "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI",
                                    "CÔNG ĐOÀN TRƯỜNG THCS KIM ĐỒNG", "BAN CHẤP HÀNH ĐOÀN TRƯỜNG THPT PHAN CHÂU TRINH"])
def test_a_body_whose_name_holds_a_body_word_is_not_cut(vocab, gazetteer, column):
    e = read(f"{column}\nSố: 12/KH-ABC\n{NATIONAL}Vinh, ngày 3 tháng 4 năm 2022\nKẾ HOẠCH\nThi đua năm 2022\n",
             vocab, gazetteer)
    assert fold(e.issuer.value).startswith(fold(column))
    assert e.issuer_parent.value is None


def test_a_cong_van_s_subject_under_its_number_does_not_hide_the_column(vocab, gazetteer):
    e = read(f"UBND TỈNH QUẢNG TRỊ\nSỞ NỘI VỤ\nSố: 1678/SNV-TĐKT\nV/v đăng ký thi đua năm 2022\n{NATIONAL}"
             "Quảng Trị, ngày 15 tháng 02 năm 2022\nKính gửi: Các sở, ban, ngành\n", vocab, gazetteer)
    assert fold(e.issuer.value).startswith("so noi vu")  # not the UBND above it
    assert fold(e.issuer_parent.value) == "ubnd tinh quang tri"
    assert e.unit.value.name == "Quảng Trị"


@pytest.mark.parametrize("column,name,level", [
    ("HUYỆN ỦY NGHI LỘC", "Nghi Lộc", "huyen"),
    ("TỈNH ĐOÀN QUẢNG NAM\nBAN CHẤP HÀNH", "Quảng Nam", "tinh"),
    ("BỘ CHỈ HUY QUÂN SỰ TỈNH GIA LAI", "Gia Lai", "tinh"),
    ("SỞ Y TẾ NGHỆ AN\nTRUNG TÂM Y TẾ", "Nghệ An", "tinh"),
    ("PHÒNG GD&ĐT TP. PLEIKU\nTRƯỜNG TIỂU HỌC KIM ĐỒNG", "Pleiku", "huyen"),
    ("PHÒNG GD&ĐT TP. PLEIKU\nTRƯỜNG TIỂU HỌC HOA LƯ", "Hoa Lư", "xa"),  # a school named after its ward
])
def test_the_unit_a_body_s_name_gives(vocab, gazetteer, column, name, level):
    e = read(f"{column}\nSố: 45-BC/XYZ\n{NATIONAL}ngày 12 tháng 12 năm 2020\nBÁO CÁO\nCông tác thi đua năm 2020\n",
             vocab, gazetteer)
    assert (e.unit.value.name, e.unit.value.level.value) == (name, level)
    assert e.unit.why != CENTRAL_WHY



def test_ban_thuong_vu_takes_its_association_s_name(vocab, gazetteer):
    e = read(f"HỘI NÔNG DÂN TỈNH HÀ TĨNH\n\nBAN THƯỜNG VỤ\nSố: 215/HD-HNDT\n{NATIONAL}"
             "Hà Tĩnh, ngày 20 tháng 10 năm 2021\nHƯỚNG DẪN\nCông tác thi đua năm 2021\n", vocab, gazetteer)
    assert fold(e.issuer.value) == "ban thuong vu hoi nong dan tinh ha tinh"


def test_spelled_kinds_and_province_names(gazetteer):
    assert spelled_kinds("Huyện ủy Thanh Chương") == "huyện Thanh Chương"
    assert spelled_kinds("Phòng GD&ĐT TX. Hương Thủy") == "Phòng GD&ĐT thị xã Hương Thủy"
    assert spelled_kinds("TPHCM") == "TPHCM"
    assert {u.name for u in province_named("Sở Y tế Nghệ An", gazetteer)} == {"Nghệ An"}
    assert province_named("Sở Y tế", gazetteer) == ()
    assert province_named("Trường THCS Nghệ An mới", gazetteer) == ()


def test_a_province_s_military_command_is_not_central(vocab, gazetteer):
    e = read(f"BỘ CHỈ HUY QUÂN SỰ TỈNH KON TUM\nSố: 310/QĐ-BCH\n{NATIONAL}Kon Tum, ngày 22 tháng 12 năm 2021\n"
             "QUYẾT ĐỊNH\nVề việc khen thưởng năm 2021\n", vocab, gazetteer)
    assert e.unit.value is not None and e.unit.value.name == "Kon Tum"


def test_a_header_flattened_onto_one_line_with_its_number(vocab, gazetteer):
    e = read("UBND XÃ NGHI PHONG Số: 102/BC-UBND CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc "
             "Nghi Phong, ngày 10 tháng 12 năm 2023\nBÁO CÁO\nTổng kết công tác thi đua năm 2023\n", vocab, gazetteer)
    assert e.issuer.value == "UBND xã Nghi Phong" and e.doc_number.value == "102/BC-UBND"
    assert e.issued.value.iso() == "2023-12-10"


def test_a_party_header_flattened_beside_the_party_s_title(vocab, gazetteer):
    e = read("BAN CHẤP HÀNH TRUNG ƯƠNG\nĐẢNG CỘNG SẢN VIỆT NAM\nSố 34-QĐ/TW\nHà Nội, ngày 14 tháng 11 năm 2016\n"
             "QUY ĐỊNH\nvề việc xét tặng Huy hiệu Đảng\n", vocab, gazetteer)
    assert fold(e.issuer.value) == "ban chap hanh trung uong"
    assert e.unit.value is None and e.unit.why == CENTRAL_WHY
    assert "unit" not in [r.field for r in e.review]  # a central body has no unit: nothing for a person to fill


def test_an_association_s_branch_under_the_national_association(vocab, gazetteer):
    e = read("HỘI CỰU CHIẾN BINH VIỆT NAM\nHỘI CCB HUYỆN NAM ĐÀN\n*\nSố: 35 /BC-CCB\nNam Đàn, ngày 20 tháng 11 năm 2023"
             "\nBÁO CÁO\nKết quả phong trào thi đua năm 2023\n", vocab, gazetteer)
    assert fold(e.issuer.value) == "hoi ccb huyen nam dan"
    assert fold(e.issuer_parent.value) == "hoi cuu chien binh viet nam"
    assert e.unit.value.name == "Nam Đàn"


@pytest.mark.parametrize("signed", ["(Đã ký)", "(Ký, ghi rõ họ tên)", "Đã ký"])
def test_the_signer_whose_name_normalising_joined_to_a_signed_note(vocab, gazetteer, signed):
    e = read(f"UBND XÃ NGHI PHONG\nSố: 102/BC-UBND\n{NATIONAL}Nghi Phong, ngày 10 tháng 12 năm 2023\nBÁO CÁO\n"
             f"Tổng kết năm 2023\nNăm 2023, xã đã làm tốt.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n{signed}\nLê Văn Toàn\n",
             vocab, gazetteer)
    assert e.signer.value == "Lê Văn Toàn"


def test_a_party_style_number_left_blank_with_its_code_first_and_a_date_in_figures(vocab, gazetteer):
    e = read("HỘI NUÔI ONG VIỆT NAM                 CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
             "SỐ:       BC- TĐ/ HNO                 Độc lập – Tự do – Hạnh phúc\n"
             "                                      Hà nội, ngày 30/6/2021\n\nBÁO CÁO CÔNG TÁC THI ĐUA\n"
             "6 THÁNG ĐẦU NĂM 2021\n", vocab, gazetteer)
    assert e.doc_number.value == "BC-TĐ/HNO" and e.doc_number.review
    assert fold(e.issuer.value) == "hoi nuoi ong viet nam"  # never the number's line
    assert e.issued.value.iso() == "2021-06-30"


def test_a_page_s_title_above_the_header_is_no_body(vocab, gazetteer):
    e = read("KẾ HOẠCH THI ĐUA NĂM 2022 CỦA HỘI NUÔI ONG\n\nHỘI NUÔI ONG VIỆT NAM\nSố: 12/KH-HNO\n"
             f"{NATIONAL}Hà Nội, ngày 3 tháng 3 năm 2022\nKẾ HOẠCH\nThi đua năm 2022\n", vocab, gazetteer)
    assert fold(e.issuer.value) == "hoi nuoi ong viet nam" and e.issuer_parent.value is None


def test_a_word_the_column_broke_is_joined(vocab, gazetteer):
    e = read("ỦY BAN NHÂN DÂN\nTỈNH KHÁNH H\nÒA\n-------\n"
             f"{NATIONAL}Số: 4341/KH-UBND\nKhánh Hòa, ngày 16 tháng 5 năm 2022\nKẾ HOẠCH\nThi đua năm 2022\n",
             vocab, gazetteer)
    assert fold(e.issuer.value) == "uy ban nhan dan tinh khanh hoa" and e.unit.value.name == "Khánh Hòa"


def test_the_pioneers_title_is_a_header_s_anchor_and_a_branch_s_school_gives_its_commune(vocab, gazetteer):
    e = read("Chương trình công tác đội năm học 2017 – 2018\n\n"
             "HỘI ĐỒNG ĐỘI HUYỆN QUẢNG TRẠCH                    ĐỘI TNTP HỒ CHÍ MINH\n\n"
             "Liên đội trường TH Quảng  Thạch\n\nKế hoạch\n\nCông tác Đội năm học 2017 – 2018\n", vocab, gazetteer)
    assert fold(e.issuer.value) == "lien doi truong th quang thach"
    assert fold(e.issuer_parent.value) == "hoi dong doi huyen quang trach"
    assert (e.unit.value.name, e.unit.value.level.value) == ("Quảng Thạch", "xa")


def test_a_school_s_unit_taken_from_its_department_is_flagged(vocab, gazetteer):
    e = read(f"PHÒNG GD&ĐT HUYỆN YÊN THÀNH\nTRƯỜNG MẦM NON HOA SEN\nSố: 12/KH-MN\n{NATIONAL}"
             "Yên Thành, ngày 3 tháng 9 năm 2022\nKẾ HOẠCH\nThi đua năm học 2022-2023\n", vocab, gazetteer)
    assert e.unit.value.name == "Yên Thành" and e.unit.review


def test_a_number_without_its_type_code_is_flagged(vocab, gazetteer):
    e = read(f"ỦY BAN NHÂN DÂN\nTỈNH HÀ TĨNH\nSố: 1281/-UBND\n{NATIONAL}Hà Tĩnh, ngày 13 tháng 5 năm 2014\n"
             "QUYẾT ĐỊNH\nVề việc công bố thủ tục\n", vocab, gazetteer)
    assert e.doc_number.value == "1281/-UBND" and e.doc_number.review


def test_an_issuer_taken_from_the_unit_the_text_names_most_is_flagged(vocab, gazetteer):
    """"UBND huyện báo cáo …" with no name: the district the text names most is a guess, flagged with its unit."""
    e = read("BÁO CÁO\nKết quả phong trào thi đua năm 2022\nNăm 2022, UBND huyện báo cáo kết quả như sau: huyện Đức Thọ "
             "có 20 xã; huyện Đức Thọ đã tổ chức hội nghị; tỉnh Hà Tĩnh khen thưởng.\n", vocab, gazetteer)
    assert e.issuer.value == "UBND huyện Đức Thọ" and e.issuer.review
    assert e.unit.value.name == "Đức Thọ" and e.unit.review


def test_a_movement_named_only_in_a_legal_basis_is_not_the_document_s(vocab, gazetteer):
    text = (f"ỦY BAN NHÂN DÂN\nTỈNH KHÁNH HÒA\nSố: 4341/KH-UBND\n{NATIONAL}Khánh Hòa, ngày 16 tháng 5 năm 2022\n"
            "KẾ HOẠCH\nĐẩy mạnh phong trào học tập suốt đời\n\n"
            "Căn cứ Quyết định số 12/QĐ-UBND của Ủy ban nhân dân tỉnh ban hành Kế hoạch chuyển đổi số tỉnh;\n")
    assert not any(fold(m.value.name).startswith("chuyen doi so") for m in read(text, vocab, gazetteer).movements)
    text += "\nTỉnh đẩy mạnh chuyển đổi số trong công tác thi đua.\n"
    assert any(fold(m.value.name).startswith("chuyen doi so") for m in read(text, vocab, gazetteer).movements)


def test_an_issuer_read_from_a_sentence_is_flagged_unless_the_date_line_names_its_unit(vocab, gazetteer):
    body = ("Ủy ban nhân dân phường Mỹ Quý báo cáo kết quả công tác thi đua, khen thưởng năm 2023 như sau:\n"
            "I. KẾT QUẢ\nNăm 2023, phong trào thi đua được triển khai rộng khắp.\n")
    plain = read(f"Số: 184/BC-UBND\n\nNgày 26 tháng 12 năm 2023\n\nBÁO CÁO\nTổng kết năm 2023\n\n{body}",
                 vocab, gazetteer)
    assert plain.issuer.value == "Ủy ban nhân dân phường Mỹ Quý" and plain.issuer.review
    agreed = read(f"Số: 184/BC-UBND\n\nMỹ Quý, ngày 26 tháng 12 năm 2023\n\nBÁO CÁO\nTổng kết năm 2023\n\n{body}",
                  vocab, gazetteer)
    assert agreed.issuer.value == "Ủy ban nhân dân phường Mỹ Quý" and not agreed.issuer.review
    assert "Mỹ Quý" in agreed.issuer.why


def test_a_header_line_that_names_no_kind_of_body_is_flagged_as_issuer(vocab, gazetteer):
    e = read(f"TỔ CHUYÊN MÔN TOÁN - TIN\nSố: 12/KH-TCM\n{NATIONAL}Vinh, ngày 3 tháng 4 năm 2022\nKẾ HOẠCH\n"
             "Thi đua năm 2022\n", vocab, gazetteer)
    assert e.issuer.value and e.issuer.review and "loại cơ quan quen thuộc" in e.issuer.why
