"""Shapes of award statements read by structure, not by one text's wording: counts in words, persons listed after
"cho", a title named by what recipients are recognised as, a title written with a capital after "đạt", a badge
named by its capitalised words. Each rule on a short sentence written for the test (not taken from the corpus)."""
from __future__ import annotations

from tdkt.ingest.award_words import prepare
from tdkt.ingest.awards import find_awards


def read(*lines: str) -> list[tuple]:
    got = find_awards([(n, text) for n, text in enumerate(lines, start=1)], False)
    return [(a.form, a.recipients, a.count, a.status) for a in got]


def test_a_count_in_words_before_recipients_is_a_count():
    assert read("Nhà trường tặng Giấy khen cho hai tập thể lớp và năm học sinh.") == [
        ("Giấy khen", "tập thể", 2, "granted"), ("Giấy khen", "cá nhân", 5, "granted")]
    # not a year, not part of a longer number, not "ba mẹ"
    assert prepare("năm học 2022-2023, hai mươi tập thể, mười hai cá nhân, ba mẹ") == \
        "năm học 2022-2023, hai mươi tập thể, mười hai cá nhân, ba mẹ"


def test_persons_listed_after_cho_are_each_a_recipient():
    got = find_awards([(1, "UBND tỉnh tặng Bằng khen cho ông Trần Văn Cường và bà Lê Thị Dung.")], False)
    assert [(a.form, a.recipients, a.count, a.names) for a in got] == [
        ("Bằng khen", "cá nhân", 2, ("ông Trần Văn Cường", "bà Lê Thị Dung"))]
    # a collective's name with a comma in it stays one name
    got = find_awards([(1, "UBND tỉnh tặng Bằng khen cho Trường THCS Lê Lợi, huyện Hòa Vang.")], False)
    assert [(a.count, a.names) for a in got] == [(1, ("Trường THCS Lê Lợi, huyện Hòa Vang",))]


def test_what_recipients_are_recognised_as_is_the_title():
    assert read("UBND huyện công nhận 17 liên đội vững mạnh xuất sắc.") == [
        ("Liên đội vững mạnh xuất sắc", "tập thể", 17, "granted")]
    assert read("Phòng Giáo dục công nhận và khen thưởng 40 giáo viên dạy giỏi cấp huyện.") == [
        ("Giáo viên dạy giỏi cấp huyện", "cá nhân", 40, "granted")]
    # recognised with a commendation of its own: that verb stays the form
    assert read("Trường công nhận và biểu dương 8 cá nhân tiêu biểu.") == [
        ("Biểu dương cá nhân tiêu biểu", "cá nhân", 8, "granted")]
    # recognised as what the sentence does not say, or a standard: no title
    assert read("UBND tỉnh công nhận 3 xã đạt chuẩn nông thôn mới.") == []
    assert read("UBND huyện công nhận 12 thôn đạt danh hiệu Thôn văn hóa.") == [
        ("Danh hiệu Thôn văn hóa", "tập thể", 12, "granted")]
    # "được công nhận <form>" is that form, once
    assert read("Có 18 giáo viên được công nhận Lao động tiên tiến.") == [
        ("Danh hiệu Lao động tiên tiến", "cá nhân", 18, "granted")]


def test_a_title_written_with_a_capital_after_dat():
    assert read("Năm học này, 12 giáo viên đạt danh hiệu Giáo viên dạy giỏi cấp huyện, 3 giáo viên đạt Giáo viên "
                "dạy giỏi cấp tỉnh.") == [("Danh hiệu Giáo viên dạy giỏi cấp huyện", "cá nhân", 12, "granted"),
                                          ("Danh hiệu Giáo viên dạy giỏi cấp tỉnh", "cá nhân", 3, "granted")]
    # a prize or a standard reached is no title; nor is a capital with no count before "đạt"
    assert read("Có 15 học sinh đạt Giải Nhất cấp tỉnh.") == []
    assert read("Trường đạt Chuẩn quốc gia mức độ 2.") == []


def test_a_badge_named_by_its_capitalised_words():
    assert read("Tỉnh đoàn tặng Huy hiệu Tuổi trẻ sáng tạo cho 3 đoàn viên.") == [
        ("Huy hiệu Tuổi trẻ sáng tạo", "cá nhân", 3, "granted")]
    assert read("Đảng ủy trao Huy hiệu 40 năm tuổi Đảng cho 3 đồng chí.") == [("Huy hiệu Đảng", "cá nhân", 3, "granted")]


def test_a_small_letter_after_a_colon_or_a_full_stop_goes_on_with_what_was_said():
    # "đề nghị: ủy ban …" goes on proposing (a range À-Ỹ had taken "ủ" for a capital and started anew)
    assert read("Hội đồng thống nhất đề nghị: ủy ban tỉnh tặng Bằng khen cho 3 tập thể.") == [
        ("Bằng khen", "tập thể", 3, "proposed")]


def test_forms_joined_share_the_recipient_they_name_not_a_count():
    assert read("Nhiều năm liền, Hội Nông dân xã được UBND tỉnh tặng Bằng khen và Cờ thi đua.") == [
        ("Bằng khen", "tập thể", 1, "granted"), ("Cờ thi đua", "tập thể", 1, "granted")]
    assert read("UBND tỉnh tặng Bằng khen và Cờ thi đua cho Trường THCS Lê Lợi.") == [
        ("Bằng khen", "tập thể", 1, "granted"), ("Cờ thi đua", "tập thể", 1, "granted")]
    # a count before two forms counts both together: not given to the second as well
    assert [a[0] for a in read("Có 40 đơn vị nhận Cờ thi đua và Bằng khen của Chủ tịch UBND tỉnh.")] == ["Cờ thi đua"]


def test_a_breakdown_after_a_comma_is_not_counted_again():
    assert read("Trong 5 năm qua, có 150 tập thể và 320 cá nhân được khen thưởng, trong đó cấp Nhà nước khen thưởng 5 "
                "tập thể, 12 cá nhân.") == [("Khen thưởng", "tập thể", 150, "granted"),
                                            ("Khen thưởng", "cá nhân", 320, "granted")]
    # … but a part of another form is a statement of its own
    assert read("UBND huyện công nhận 300 cá nhân đạt danh hiệu Lao động tiên tiến, trong đó 40 cá nhân đạt danh hiệu "
                "Chiến sĩ thi đua cơ sở.") == [("Danh hiệu Lao động tiên tiến", "cá nhân", 300, "granted"),
                                               ("Danh hiệu Chiến sĩ thi đua cơ sở", "cá nhân", 40, "granted")]


def test_recipients_by_work_position_abbreviation_or_territory():
    assert read("Sở đã tuyên dương, khen thưởng 24 HS đạt giải quốc gia.") == [
        ("Tuyên dương, khen thưởng", "cá nhân", 24, "granted")]
    assert read("Hội cũng biểu dương 60 Chủ tịch Hội cơ sở.") == [("Biểu dương", "cá nhân", 60, "granted")]
    assert read("Hội LHPN tỉnh là một trong 12 tỉnh, thành được tặng Cờ thi đua.") == [
        ("Cờ thi đua", "tập thể", 12, "granted")]


def test_where_nominations_come_from_is_no_count_of_recipients():
    assert read("Giải thưởng Lý Tự Trọng nhận được 150 hồ sơ từ 60 tỉnh, thành.") == []


def test_a_tables_cells_are_said_apart():
    assert read("| Lễ trao Giải thưởng Lý Tự Trọng | 45 đoàn viên tham gia hội thao.") == []


def test_a_recommendation_proposes():
    assert read("Kiến nghị UBND tỉnh khen thưởng 5 tập thể và 7 cá nhân.") == [
        ("Khen thưởng", "tập thể", 5, "proposed"), ("Khen thưởng", "cá nhân", 7, "proposed")]


def test_a_title_in_lower_case_that_a_count_reaches():
    assert read("Có 63 cá nhân đạt danh hiệu thi đua cấp tỉnh.") == [
        ("Danh hiệu thi đua cấp tỉnh", "cá nhân", 63, "granted")]
    assert read("Toàn tỉnh có 2.500 gia đình đạt danh hiệu gia đình hiếu học trong năm.") == [
        ("Danh hiệu gia đình hiếu học", "hộ gia đình", 2500, "granted")]
    assert read("Trong đó 856 hộ đạt danh hiệu sản xuất, kinh doanh giỏi các cấp.") == [
        ("Danh hiệu sản xuất, kinh doanh giỏi", "hộ gia đình", 856, "granted")]
    # no count reaches it: a mention
    assert read("Các tập thể đạt danh hiệu thi đua được xét khen thưởng.") == []


def test_times_a_title_was_won_count_recipients_of_any_kind():
    assert read("Có 610 lượt nông dân đạt danh hiệu nông dân giỏi các cấp.") == [
        ("Danh hiệu nông dân giỏi", "cá nhân", 610, "granted")]


def test_a_long_title_in_quotes_ends_at_its_closing_quote():
    assert read("Có 2.000 hộ đạt danh hiệu “Nông dân sản xuất, kinh doanh giỏi, đoàn kết giúp nhau làm giàu và giảm "
                "nghèo bền vững” các cấp.") == [
        ("Danh hiệu Nông dân sản xuất, kinh doanh giỏi, đoàn kết giúp nhau làm giàu và giảm nghèo bền vững",
         "hộ gia đình", 2000, "granted")]


def test_a_form_given_to_recipients_named_by_kind_alone_is_a_statement_with_no_count():
    assert read("Ông Nguyễn Văn Hải, Chủ tịch Hội, trao Bằng khen của UBND tỉnh cho các cá nhân có thành tích.") == [
        ("Bằng khen", "cá nhân", None, "granted")]
    assert read("Dịp này, Hội Nông dân tỉnh đã khen thưởng các tập thể, cá nhân có thành tích xuất sắc.") == [
        ("Khen thưởng", None, None, "granted")]
    assert read("UBND tỉnh đã trao bằng khen và tiền thưởng tặng các học sinh đoạt giải.") == [
        ("Bằng khen", "cá nhân", None, "granted")]
    # … not what was considered, passive, to come, proposed, or the rule of a plan
    assert read("Các tập thể được tặng Bằng khen cho các cá nhân.") == []
    assert read("Hội đồng xét tặng Giấy khen cho các cá nhân tiêu biểu.") == []
    assert read("Đề nghị UBND huyện khen thưởng các tập thể, cá nhân có thành tích.") == []
    assert read("KẾ HOẠCH", "Tổ chức hội nghị, tặng Giấy khen cho các tập thể có thành tích.") == []
    # … and the same form counted elsewhere is that award: said once
    assert read("Lãnh đạo huyện trao Giấy khen cho các tập thể có thành tích.",
                "UBND huyện đã tặng Giấy khen cho 12 tập thể.") == [("Giấy khen", "tập thể", 12, "granted")]


def test_who_a_counted_form_goes_to_past_its_authority():
    assert read("Bộ Chỉ huy Quân sự tỉnh trao 30 huân chương chiến công của Chủ tịch nước cho các cựu chiến binh.") == [
        ("Huân chương Chiến công", "cá nhân", 30, "granted")]


def test_a_headline_that_names_only_a_verb_totals_statements_of_any_form():
    assert read("Khen thưởng 15 tập thể, cá nhân có thành tích phục vụ đại hội",
                "Ban Thường vụ Đảng ủy Khối đã tặng giấy khen cho 6 tổ chức cơ sở đảng và 9 cá nhân.") == [
        ("Giấy khen", "tập thể", 6, "granted"), ("Giấy khen", "cá nhân", 9, "granted")]
    # a headline total the statements do not make up stays
    assert len(read("Khen thưởng 16 tập thể, cá nhân có thành tích phục vụ đại hội",
                    "Ban Thường vụ Đảng ủy Khối đã tặng giấy khen cho 6 tổ chức cơ sở đảng và 9 cá nhân.")) == 3


def test_collectives_listed_after_cho_or_gom_are_each_a_recipient():
    got = find_awards([(1, "UBND huyện tặng Giấy khen cho Trường THCS Lê Lợi, Trường TH Kim Đồng và Trường MN Hoa "
                           "Sen.")], False)
    assert [(a.count, a.names) for a in got] == [(3, ("Trường THCS Lê Lợi", "Trường TH Kim Đồng", "Trường MN Hoa Sen"))]
    got = find_awards([(1, "Các đơn vị được tặng Cờ thi đua gồm: Công an huyện, Phòng Giáo dục và Đào tạo, UBND xã "
                           "Tân An.")], False)
    assert [(a.count, a.names) for a in got] == [(3, ("Công an huyện", "Phòng Giáo dục và Đào tạo", "UBND xã Tân An"))]
    # a place after a comma is part of the name; a body that gives the next award is no recipient
    got = find_awards([(1, "UBND tỉnh tặng Bằng khen cho Trường THCS Lê Lợi, huyện Hòa Vang.")], False)
    assert [(a.count, a.names) for a in got] == [(1, ("Trường THCS Lê Lợi, huyện Hòa Vang",))]
    got = find_awards([(1, "Hội nghị cụm thi đua"), (2, "Đề nghị Bộ tặng Cờ thi đua cho Trường THPT Lê Duẩn và UBND "
                                                        "tỉnh tặng Cờ thi đua cho Trường THPT Nguyễn Du.")], False)
    assert [a.count for a in got] == [1, 1] and got[1].names == ("Trường THPT Nguyễn Du",)


def test_words_between_a_verb_form_and_its_count_and_what_one_grants_by_its_own_power():
    assert read("Hội nghị đã khen thưởng kịp thời 5 cá nhân.") == [("Khen thưởng", "cá nhân", 5, "granted")]
    assert read("UBND xã đã đề nghị cấp trên khen thưởng 5 tập thể; khen thưởng theo thẩm quyền 8 tập thể.") == [
        ("Khen thưởng", "tập thể", 5, "proposed"), ("Khen thưởng", "tập thể", 8, "granted")]
    # a comma between is another thing said
    assert read("Hội nghị đã khen thưởng theo quy định, 5 cá nhân phát biểu.") == []
