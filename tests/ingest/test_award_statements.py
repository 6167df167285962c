"""Award statements of kinds that recur in real texts, each rule on a short sentence written for the test."""
from __future__ import annotations

from tdkt.ingest.awards import find_awards
from tdkt.ingest.recipients import clean_name


def read(*lines: str) -> list[tuple]:
    got = find_awards([(n, text) for n, text in enumerate(lines, start=1)], False)
    return [(a.form, a.recipients, a.count, a.status) for a in got]


def test_a_count_of_two_kinds_says_no_kind():
    assert read("UBND huyện tặng Giấy khen cho 30 tập thể, cá nhân có thành tích xuất sắc.") == [
        ("Giấy khen", None, 30, "granted")]
    assert read("Sở Tư pháp tặng Giấy khen cho 14 tập thể và cá nhân.") == [("Giấy khen", None, 14, "granted")]
    assert read("Có 9 tập thể, cá nhân được UBND xã tặng Giấy khen.") == [("Giấy khen", None, 9, "granted")]
    # two kinds of one class are one kind; two counts are two statements
    assert read("UBND xã tặng Giấy khen cho 7 cán bộ, công chức.") == [("Giấy khen", "cá nhân", 7, "granted")]
    assert read("UBND xã tặng Giấy khen cho 7 tập thể, 5 cá nhân.") == [
        ("Giấy khen", "tập thể", 7, "granted"), ("Giấy khen", "cá nhân", 5, "granted")]


def test_counts_in_brackets_break_down_the_count_before_them():
    assert read("Đề nghị tặng Huân chương Lao động cho 3 tập thể, 2 cá nhân (hạng nhì 1 tập thể; hạng ba 2 tập thể "
                "và 2 cá nhân).") == [("Huân chương Lao động", "tập thể", 3, "proposed"),
                                      ("Huân chương Lao động", "cá nhân", 2, "proposed")]


def test_a_headline_total_beside_its_parts_is_not_a_statement():
    assert read("Tặng Bằng khen cho 30 tập thể và cá nhân",
                "Chủ tịch UBND tỉnh đã tặng Bằng khen cho 12 tập thể và 18 cá nhân.") == [
        ("Bằng khen", "tập thể", 12, "granted"), ("Bằng khen", "cá nhân", 18, "granted")]
    # a headline total of another form, or that the parts do not add up to, stays
    assert read("Tặng Bằng khen cho 31 tập thể và cá nhân",
                "Chủ tịch UBND tỉnh đã tặng Bằng khen cho 12 tập thể và 18 cá nhân.")[0] == (
        "Bằng khen", None, 31, "granted")


def test_an_award_stated_again_further_on_is_one_award():
    lead = "Có 12 tập thể, 30 cá nhân được Bộ trưởng Bộ Tài chính tặng Bằng khen."
    body = "Thứ trưởng đã trao Bằng khen của Bộ trưởng cho 12 tập thể và 30 cá nhân."
    assert read(lead, body) == [("Bằng khen", "tập thể", 12, "granted"), ("Bằng khen", "cá nhân", 30, "granted")]
    # one small count said twice may be two awards
    assert len(read("Tổng kết năm 2024", "UBND xã tặng Giấy khen cho 2 tập thể.",
                    "Hội Nông dân tặng Giấy khen cho 2 tập thể.")) == 2


def test_who_is_not_a_name():
    assert clean_name("đảng viên đợt 2-9") is None
    assert clean_name("Qua xem xét thành tích của các tập thể") is None
    assert clean_name("Trường THCS Lê Lợi") == "Trường THCS Lê Lợi"


def test_verbs_joined_are_one_form_named_as_printed():
    assert read("Hội nghị đã tuyên dương, khen thưởng 15 học sinh và 4 tập thể lớp.") == [
        ("Tuyên dương, khen thưởng", "cá nhân", 15, "granted"), ("Tuyên dương, khen thưởng", "tập thể", 4, "granted")]
    assert read("Tỉnh biểu dương, tôn vinh 60 tập thể, cá nhân tiêu biểu.") == [
        ("Biểu dương, tôn vinh", None, 60, "granted")]
    assert read("UBND quận khen tặng 5 tập thể, 9 cá nhân.") == [
        ("Khen tặng", "tập thể", 5, "granted"), ("Khen tặng", "cá nhân", 9, "granted")]


def test_the_kinds_of_khen_thuong_the_law_names():
    assert read("UBND huyện khen thưởng đột xuất cho 3 tập thể; khen thưởng theo các chuyên đề cho 11 cá nhân.") == [
        ("Khen thưởng đột xuất", "tập thể", 3, "granted"), ("Khen thưởng theo chuyên đề", "cá nhân", 11, "granted")]


def test_a_verb_form_after_duoc_takes_the_count_before_it():
    assert read("Có 5 tập thể và 21 cá nhân được Công đoàn ngành biểu dương.") == [
        ("Biểu dương", "tập thể", 5, "granted"), ("Biểu dương", "cá nhân", 21, "granted")]
    got = find_awards([(1, "Có 8 đoàn viên được Ban Chấp hành Huyện đoàn tuyên dương.")], False)
    assert [(a.form, a.authority, a.count) for a in got] == [("Tuyên dương", "Ban Chấp hành Huyện đoàn", 8)]
    # without a count before "được", a verb is no statement
    assert read("Các tập thể được biểu dương đã nhận hoa.") == []


def test_a_headline_total_of_some_of_the_statements_in_a_row():
    assert read("Khen thưởng 20 tập thể, cá nhân",
                "Dịp này, Hội Nông dân tỉnh khen thưởng 8 cá nhân, 12 tập thể; Hội Nông dân huyện khen thưởng 9 cá "
                "nhân.") == [("Khen thưởng", "cá nhân", 8, "granted"), ("Khen thưởng", "tập thể", 12, "granted"),
                             ("Khen thưởng", "cá nhân", 9, "granted")]


def test_a_count_the_breakdown_names_the_forms_of_is_not_a_statement():
    assert read("Hội đồng đề nghị 6 tập thể, cá nhân được khen thưởng cấp Nhà nước. Trong đó, có 2 tập thể nhận "
                "Huân chương Lao động hạng Ba; 4 cá nhân nhận Bằng khen của Thủ tướng Chính phủ.") == [
        ("Huân chương Lao động hạng Ba", "tập thể", 2, "proposed"), ("Bằng khen", "cá nhân", 4, "proposed")]


def test_a_recipient_proposed_in_its_clause_does_not_make_the_next_clause_proposed():
    assert read("Năm qua, 1 tập thể được đề nghị Bộ tặng Bằng khen; UBND tỉnh tặng Bằng khen cho 3 cá nhân.") == [
        ("Bằng khen", "tập thể", 1, "proposed"), ("Bằng khen", "cá nhân", 3, "granted")]
    # an active proposal in the clause carries on
    assert [s for *_, s in read("Đề nghị UBND tỉnh tặng Bằng khen cho 2 tập thể được đề nghị; Giấy khen cho 3 cá "
                                "nhân.")] == ["proposed", "proposed"]


def test_what_recipients_are_commended_as_names_the_verb_form():
    # a noun ("điển hình …") is said of every kind counted; the form's name goes on with it
    assert read("UBND xã khen thưởng 4 tập thể và 6 cá nhân điển hình tiên tiến năm 2024.") == [
        ("Khen thưởng điển hình tiên tiến", "tập thể", 4, "granted"),
        ("Khen thưởng điển hình tiên tiến", "cá nhân", 6, "granted")]
    # a quality is said of its one kind: "Biểu dương hợp tác xã tiêu biểu toàn quốc"
    assert read("Trung ương Hội biểu dương 40 HTX tiêu biểu toàn quốc.") == [
        ("Biểu dương HTX tiêu biểu toàn quốc", "tập thể", 40, "granted")]
    # of two kinds, or not right after the count, it names nothing
    assert [f for f, *_ in read("Huyện biểu dương 5 tập thể, 9 cá nhân xuất sắc; tuyên dương 12 cá nhân có thành "
                                "tích xuất sắc.")] == ["Biểu dương", "Biểu dương", "Tuyên dương"]


def test_prizes_of_a_rank_handed_over():
    assert read("Ban tổ chức đã trao 2 giải Nhất, 3 giải Nhì và 5 giải Khuyến khích cho các chi đội.") == [
        ("Giải Nhất", "tập thể", 2, "granted"), ("Giải Nhì", "tập thể", 3, "granted"),
        ("Giải Khuyến khích", "tập thể", 5, "granted")]
    # a competition's result ("đạt … gồm …") hands nothing over
    assert read("Đội tuyển của tỉnh đạt 20 giải, gồm 2 giải Nhất, 8 giải Nhì và 10 giải Ba.") == []


def test_party_badges_named_by_their_class_alone_are_the_parts_of_their_total():
    assert read("Đảng bộ xã trao Huy hiệu Đảng cho 12 đảng viên. Trong đó, 5 đảng viên nhận Huy hiệu 55 năm; 7 đảng "
                "viên nhận Huy hiệu 30 năm tuổi Đảng.") == [("Huy hiệu Đảng", "cá nhân", 12, "granted")]


def test_the_states_titles_of_a_profession_go_to_persons():
    assert read("Đề nghị xét tặng danh hiệu Nhà giáo ưu tú cho 3 nhà giáo.")[0][1] == "cá nhân"
    assert read("Hội đồng đề nghị danh hiệu Thầy thuốc ưu tú cho ông Lê Văn An.") == [
        ("Danh hiệu Thầy thuốc ưu tú", "cá nhân", 1, "proposed")]


def test_who_receives_something_counted_before_the_form_is_not_its_recipient():
    got = find_awards([(1, "Đến ngày 15/3/2024, Phòng Nội vụ nhận được 04 hồ sơ đề nghị xét tặng danh hiệu Nghệ nhân "
                           "ưu tú.")], False)
    assert [(a.names, a.count) for a in got] == []
    assert clean_name("Đến ngày 15/3/2024") is None


def test_a_recipient_named_twice_for_one_form_received_it_once():
    got = read("Tổng kết năm 2024", "Chủ tịch UBND tỉnh tặng Bằng khen cho ông Trần Văn Bình.",
               "Dịp này, Chủ tịch UBND tỉnh tặng Bằng khen cho ông Trần Văn Bình, Giám đốc Sở.")
    assert got == [("Bằng khen", "cá nhân", 1, "granted")]


def test_a_ceremony_of_a_named_title_is_not_a_second_award():
    assert read("Sở tổ chức lễ tuyên dương 120 học sinh đạt danh hiệu “Học sinh xuất sắc toàn diện”.") == [
        ("Danh hiệu Học sinh xuất sắc toàn diện", "cá nhân", 120, "granted")]


def test_the_kind_said_after_a_count_before_its_form():
    assert read("Liên đoàn Lao động tỉnh tặng 40 bằng khen cho cá nhân.") == [("Bằng khen", "cá nhân", 40, "granted")]


def test_the_count_at_the_head_of_a_clause_is_what_a_passive_grant_is_for():
    got = find_awards([(1, "Dịp này, 03 tập thể đã có thành tích xuất sắc trong công tác năm 2023 cũng được tặng "
                           "Bằng khen của Chủ tịch UBND tỉnh.")], False)
    assert [(a.form, a.recipients, a.count) for a in got] == [("Bằng khen", "tập thể", 3)]
    # another count between is another thing counted
    assert [a.count for a in find_awards([(1, "Có 5 tập thể đạt 100% chỉ tiêu và 2 đơn vị được tặng Giấy khen.")],
                                         False)] == [2]


def test_a_large_count_said_twice_in_one_paragraph_is_one_award():
    assert read("Tổng kết năm 2024", "Có 45 đoàn viên được trao Giải thưởng Lý Tự Trọng. Ảnh: 45 đoàn viên được trao "
                "Giải thưởng Lý Tự Trọng năm 2024.") == [("Giải thưởng Lý Tự Trọng", "cá nhân", 45, "granted")]
    # two authorities give the same number: two awards
    assert len(read("Tổng kết năm 2024", "Đảng ủy phường tặng Giấy khen cho 19 đảng viên; Chủ tịch UBND phường tặng "
                    "Giấy khen cho 19 cá nhân.")) == 2


def test_adverbs_between_a_count_and_its_form():
    assert read("Đến nay, 12 tập thể và 30 cá nhân đã được nhận Giải thưởng Võ Trường Toản.") == [
        ("Giải thưởng Võ Trường Toản", "tập thể", 12, "granted"), ("Giải thưởng Võ Trường Toản", "cá nhân", 30, "granted")]
    assert clean_name("tập thể có thành tích xuất sắc") is None


def test_a_running_total_of_all_years_is_not_an_award_of_the_text():
    got = read("Lãnh đạo huyện trao Huân chương Độc lập cho 6 gia đình và truy tặng danh hiệu “Bà mẹ Việt Nam anh "
               "hùng” cho 9 mẹ. Tính đến nay, toàn huyện có 789 gia đình được tặng Huân chương Độc lập; 1.980 mẹ được "
               "truy tặng danh hiệu “Bà mẹ Việt Nam anh hùng”.")
    assert [(c, k) for _, k, c, _ in got] == [(6, "hộ gia đình"), (9, "cá nhân")]  # "mẹ" are persons
    assert read("Lũy kế đến nay, xã có 120 hộ được công nhận Gia đình văn hóa.") == []
