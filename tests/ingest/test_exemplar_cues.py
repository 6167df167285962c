"""The rules that read exemplars out of a text's words (tdkt/ingest/exemplar_cues.py), each on sentences written
for the test, never copied from the real corpus."""
from __future__ import annotations

import pytest

from tdkt.ingest.exemplar_cues import Found, from_texts, item_name, person, plausible
from tdkt.model import ExemplarKind

I, C = ExemplarKind.INDIVIDUAL, ExemplarKind.COLLECTIVE


def names(texts: list[str]) -> list[tuple[int, str, ExemplarKind]]:
    return [(f.index, f.name, f.kind) for f in from_texts(texts)]


@pytest.mark.parametrize("text, name", [
    ("Phó Bí thư Đoàn trường Lý Thị Hoa", "Lý Thị Hoa"),  # the surname nearest the last four capitalised words
    ("Giám đốc Sở Nông nghiệp Việt Nam Trần Quốc Bảo", "Trần Quốc Bảo"),
    ("Hà Nội", None),  # two words alone read as often as a place
    ("Trường THCS Kim Đồng", None),  # no surname opens its last words
    ("ông Nguyễn Văn", None),  # a name ends the text, not a lowercase word
])
def test_a_person_is_the_full_name_the_words_end_with(text, name):
    assert person(text) == name


def test_a_list_item_names_a_person_without_title_occupation_or_what_follows():
    assert item_name("- Cô Đặng Thu Trang – tổ Toán") == ("Đặng Thu Trang", I)
    assert item_name("sinh viên Mai Quốc Việt (Khoa Cơ khí)") == ("Mai Quốc Việt", I)
    assert item_name("Phạm Hữu Lộc") == ("Phạm Hữu Lộc", I)  # a full name without a title
    assert item_name("Chi bộ Trạm Y tế") == ("Chi bộ Trạm Y tế", C)  # "Chi" opens a body, not the title "chị"
    assert item_name("Lạng Sơn") is None  # a place is a name only under a strong cue (lenient)
    assert item_name("Lạng Sơn", lenient=True) == ("Lạng Sơn", C)
    assert item_name("đã hoàn thành tốt nhiệm vụ", lenient=True) is None


def test_names_after_a_cue_and_gom_without_a_colon():
    text = ("Năm nay có 12 chi bộ hoàn thành tốt nhiệm vụ gồm Chi bộ thôn Bắc; Chi bộ thôn Nam; Chi bộ Trường Mầm non. "
            "Trong đó có 3 chi bộ hoàn thành xuất sắc nhiệm vụ tiêu biểu gồm Chi bộ thôn Bắc; Đông Sơn; "
            "Chi bộ Trạm Y tế.")
    assert names([text]) == [(0, "Chi bộ thôn Bắc", C), (0, "Đông Sơn", C), (0, "Chi bộ Trạm Y tế", C)]
    # the same list without a word that makes its members examples: nothing
    assert names(["Năm nay có 12 chi bộ hoàn thành tốt nhiệm vụ gồm Chi bộ thôn Bắc; Chi bộ thôn Nam."]) == []


def test_places_listed_after_a_strong_cue_and_only_there():
    assert names(["Những huyện được tuyên dương gồm: Mường Tè, Sìn Hồ, TP. Lai Châu, Tam Đường."]) == [
        (0, "Mường Tè", C), (0, "Sìn Hồ", C), (0, "TP. Lai Châu", C), (0, "Tam Đường", C)]
    # "xuất sắc" alone is a weaker cue: bare capitalised words after it are not taken for names
    assert names(["Các chỉ tiêu xuất sắc gồm: Thu ngân sách, Giao thông, Y tế."]) == []


def test_faces_introduced_by_their_occupation_after_la():
    text = ("Ba gương mặt đạt điểm cao nhất là học sinh Vũ Minh Khang (lớp 9A), đạt 29 điểm, và Tô Ngọc Diệp (lớp 9C "
            "Trường THCS Kim")
    assert names([text]) == [(0, "Vũ Minh Khang", I), (0, "Tô Ngọc Diệp", I)]


def test_one_the_text_calls_an_example_whatever_their_position():
    text = ("Tại lễ kỷ niệm, Ban Chấp hành tặng bằng khen cho nhiều tập thể; Trưởng phòng Kế toán Công ty Điện lực "
            "Hoàng Văn Tùng vinh dự là một trong những gương điển hình tiên tiến được tuyên dương.")
    found = from_texts([text])
    assert [(f.name, f.kind) for f in found] == [("Hoàng Văn Tùng", I)]
    assert "gương" in found[0].cue  # the cue says why: the words that call him an example
    assert names(["Năm 2022, tổ dân phố Đồng Tâm dẫn đầu phong trào thi đua của phường."]) == [
        (0, "tổ dân phố Đồng Tâm", C)]
    # a flag "dẫn đầu phong trào thi đua" handed out: its giver is no example
    assert names(["Dịp này, Ban Thường vụ Hội Nông dân huyện tặng cờ dẫn đầu phong trào thi đua cho 3 chi hội."]) == []


HEADLINE = "Tuyên dương 20 nông dân sản xuất giỏi năm 2024"


def test_persons_of_a_text_about_exemplars_introduced_by_title_and_full_name():
    texts = [HEADLINE,
             "Sáng 5/3, Hội Nông dân tỉnh tổ chức lễ tuyên dương. Ông Đặng Văn Phúc, Phó Chủ tịch Hội Nông dân tỉnh, "
             "phát biểu khai mạc.",  # an official: a position after his comma
             "Tham dự buổi lễ có bà Lưu Thị Mến – Trưởng ban Dân vận Huyện ủy.",  # a guest: a position after a dash
             "Nông dân Kiều Văn Thạch ở xã Tân Phú đã mở rộng trang trại lên 12 ha.",
             "Anh Tạ Quang Huy, ở thôn Bình An, đã cứu hai em nhỏ khỏi đuối nước.",
             "Chủ tịch UBND tỉnh trao bằng khen cho các nông dân; anh Huy chia sẻ kinh nghiệm."]
    assert names(texts) == [(3, "Kiều Văn Thạch", I), (4, "Tạ Quang Huy", I)]
    assert names([HEADLINE, "Ông Ngô Bá Thành trao bằng khen cho các hộ."]) == []  # a giver
    # the same persons in a text that is not about exemplars: not proposed
    assert names(["Hội nghị sơ kết công tác quý I", "Thông tin chung", "Kết quả", *texts[3:5]]) == []


@pytest.mark.parametrize("name, ok", [
    ("ông Hồ Văn Sáu", True), ("Công an huyện", True), ("Trường THPT Lê Lợi", True),
    ("tập thể", False),  # no proper name
    ("Đến ngày 15/02/2021", False),  # a date
    ("Qua xem xét thành tích của các tập thể", False),  # a sentence
    ("Phòng Văn hóa nhận", False),  # a verb glued to the name
])
def test_plausible_recipient_names(name, ok):
    assert plausible(name) is ok


def test_each_name_once_with_the_cue_of_the_first_rule_that_found_it():
    texts = ["Những cá nhân tiêu biểu năm 2023:", "- Ông Đoàn Văn Lực – thôn Hạ",
             "Ông Đoàn Văn Lực vinh dự là một trong những gương điển hình của xã."]
    found = from_texts(texts)
    assert found == [Found(1, "Đoàn Văn Lực", I, "mục trong danh sách mà văn bản giới thiệu là tiêu biểu, điển hình")]


def test_a_decisions_recipients_under_its_grant_above_a_giay_khen():
    texts = ["Điều 1. Tặng thưởng Bằng khen của Chủ tịch UBND tỉnh cho:",
             "1. Trường Tiểu học Hòa Phú, huyện Krông Pắc, đã có thành tích xuất sắc trong năm học 2022-2023;",
             "2. Bà Y Bình Niê, giáo viên Trường Tiểu học Hòa Phú, đã có thành tích xuất sắc;",
             "Điều 2. Chánh Văn phòng UBND tỉnh, Giám đốc Sở Nội vụ chịu trách nhiệm thi hành Quyết định này."]
    found = from_texts(texts)
    assert [(f.index, f.name, f.kind) for f in found] == [(1, "Trường Tiểu học Hòa Phú, huyện Krông Pắc", C),
                                                           (2, "Y Bình Niê", I)]
    assert "quyết định" in found[0].cue
    # a Giấy khen is not high enough to make an exemplar
    assert names(["Điều 1. Tặng Giấy khen của Chủ tịch UBND xã cho:", "1. Chi hội Phụ nữ thôn Hạ;"]) == []


def test_good_deeds_listed_with_what_each_did():
    text = ("Dịp này, xã biểu dương các gương người tốt, việc tốt: anh Lê Văn Tâm (thôn 2) nhặt được của rơi trả lại "
            "người mất; chị Trần Thị Bé (thôn 5) hiến 200 m2 đất làm đường.")
    assert names([text]) == [(0, "Lê Văn Tâm", I), (0, "Trần Thị Bé", I)]


def test_a_profile_whose_headline_opens_with_its_person():
    texts = ["Lò Văn Pành – người giữ rừng tiêu biểu của bản Phiêng", "Hơn 20 năm nay, ông Pành tự nguyện giữ rừng."]
    assert names(texts) == [(0, "Lò Văn Pành", I)]
    assert names(["Hà Nội – nơi hội tụ những gương sáng", "Hôm nay thành phố tuyên dương 10 gương."]) == []


def test_examples_after_nhu():
    text = "Nhiều hộ hiến đất làm đường, tiêu biểu như ông Vi Văn Sáng, bà Hoàng Thị Lụa ở bản Nà Hin."
    assert names([text]) == [(0, "Vi Văn Sáng", I), (0, "Hoàng Thị Lụa", I)]


def test_the_person_a_sentence_calls_an_example_not_the_position_in_apposition():
    text = "Chị Lê Thị Bảy, Chi hội trưởng Chi hội phụ nữ thôn 3, là một trong những điển hình của huyện."
    assert names([text]) == [(0, "Lê Thị Bảy", I)]
    assert names(["Năm qua, Chi hội trưởng Chi hội phụ nữ thôn Tây là một trong những điển hình của xã."]) == []


def test_a_report_title_says_its_text_is_about_exemplars():
    texts = ["Sáng nay, xã tổ chức lễ.", "Thông tin chung", "Kết quả",
             "Nông dân Kiều Văn Thạch ở xã Tân Phú đã mở rộng trang trại lên 12 ha."]
    assert names(texts) == []
    assert [(f.index, f.name) for f in from_texts(texts, title=HEADLINE)] == [(3, "Kiều Văn Thạch")]


def test_a_name_glued_to_a_dash_and_one_name_once():
    from tdkt.ingest.exemplar_cues import same_name
    texts = [HEADLINE, "Ông Cù Văn Tám- Tổ trưởng tổ tự quản, đã vận động bà con làm đường."]
    assert names(texts) == [(1, "Cù Văn Tám", I)]
    assert same_name("ông Cù Văn Tám", "Cù Văn Tám-") and not same_name("Cù Văn Tám", "Cù Văn Tâm")


def test_a_heading_without_its_colon_and_the_names_under_it():
    texts = ["DANH SÁCH ĐIỂN HÌNH TIÊN TIẾN GIAI ĐOẠN 2020 - 2025", "1. Hội Cựu chiến binh xã Tân Lập",
             "2. Ông Hứa Văn Páo, thôn Khuổi Luông", "Các điển hình được khen thưởng tại Đại hội."]
    assert names(texts) == [(1, "Hội Cựu chiến binh xã Tân Lập", C), (2, "Hứa Văn Páo", I)]
    # one line under it, or a sentence: not a list
    assert names(["Điển hình tiên tiến", "Trường THCS Tân Lập đã có nhiều đổi mới trong dạy học."]) == []
    assert names(["Điển hình tiên tiến", "Hội Cựu chiến binh xã Tân Lập", "Năm qua, xã có nhiều đổi mới."]) == []


def test_a_count_of_persons_honoured_then_their_names():
    text = "Hội nghị tuyên dương 3 cá nhân tiêu biểu: ông Lò Văn Hặc, bà Cầm Thị Ún và anh Quàng Văn Pâng."
    assert names([text]) == [(0, "Lò Văn Hặc", I), (0, "Cầm Thị Ún", I), (0, "Quàng Văn Pâng", I)]


def test_persons_in_a_paragraph_that_honours_them_in_a_text_about_something_else():
    texts = ["Hội nghị tổng kết công tác năm 2024", "Thông tin chung", "Kết quả thu ngân sách đạt 105%.",
             "Dịp này, UBND xã biểu dương những người tốt, việc tốt trong năm. Anh Tạ Quang Huy, ở thôn Bình An, đã "
             "cứu hai em nhỏ khỏi đuối nước.",
             "Chị Mạc Thị Hoa, ở thôn Đông, đã nhặt được ví tiền trả lại người mất.",  # the paragraph after the cue
             "Ông Lê Văn Sơn ở thôn Tây vừa xây nhà mới."]  # two paragraphs after it: not proposed
    assert names(texts) == [(3, "Tạ Quang Huy", I), (4, "Mạc Thị Hoa", I)]


def test_a_surname_is_read_with_its_marks():
    assert person("Đặng Văn Lâm") == "Đặng Văn Lâm" and person("người đảng viên Đảng Cộng Sản") is None


def test_names_after_the_colon_of_a_grant():
    text = ("Dịp này, Trung ương Hội trao Giải thưởng Bông lúa vàng cho 3 nông dân: ông Phùng Văn Lợi (Hà Nam), bà "
            "Triệu Thị Mai (Cao Bằng), anh Hầu A Lềnh (Lào Cai).")
    assert names([text]) == [(0, "Phùng Văn Lợi", I), (0, "Triệu Thị Mai", I), (0, "Hầu A Lềnh", I)]
    assert names(["UBND xã trao Giấy khen cho 3 hộ: ông Phùng Văn Lợi, bà Triệu Thị Mai."]) == []  # a Giấy khen
    assert names(["Ban tổ chức trao giải thưởng cho các đội: Đội nhảy đã nhận cúp, đội bóng đá nhận cờ."]) == []


def test_nominees_of_a_proposal_are_not_yet_exemplars():
    texts = ["Sở Nội vụ đề nghị Thủ tướng Chính phủ tặng Bằng khen cho 2 tập thể thuộc Sở:", "1. Phòng Tổ chức biên chế;",
             "2. Phòng Cải cách hành chính."]
    assert names(texts) == []
    assert names(["Phòng nhận được 02 hồ sơ đề nghị xét tặng danh hiệu “Nhà giáo Ưu tú”, gồm:",
                  "1. Bà Vũ Thị Lan - Hiệu trưởng Trường Mầm non Hoa Sen.", "2. Bà Đỗ Thị Hà - Hiệu trưởng Trường"]) == []
