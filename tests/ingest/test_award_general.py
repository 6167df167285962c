"""Shapes of award statements that hold on text nobody tuned on (issue 11): each rule written from the grammar of the
statement or the award system, on a short sentence written for the test (not taken from the corpus)."""
from __future__ import annotations

from tdkt.ingest.awards import find_awards


def read(*lines: str) -> list[tuple]:
    got = find_awards([(n, text) for n, text in enumerate(lines, start=1)], False)
    return [(a.form, a.recipients, a.count, a.status) for a in got]


def test_what_is_said_of_counted_recipients_before_their_verb_keeps_the_count():
    assert read("Đợt này có 21 đảng viên thuộc Đảng bộ xã Tân Lập được trao tặng Huy hiệu Đảng.") == [
        ("Huy hiệu Đảng", "cá nhân", 21, "granted")]
    assert read("Có 7 giáo viên của các trường tiểu học đạt danh hiệu Chiến sĩ thi đua cơ sở.") == [
        ("Danh hiệu Chiến sĩ thi đua cơ sở", "cá nhân", 7, "granted")]
    # a comma between, or a verb of giving: the count says something else
    assert 7 not in [c for *_, c, _ in read("Có 7 giáo viên của trường Kim Đồng, Lê Lợi đạt danh hiệu Chiến sĩ thi đua.")]
    assert 7 not in [c for *_, c, _ in read("7 giáo viên của trường được tặng quà và đạt danh hiệu Chiến sĩ thi đua.")]


def test_a_form_whose_marks_were_mistyped_is_that_form():
    assert read("Công ty tặng danh hiệu Lao động tiến tiến cho 120 công nhân.") == [
        ("Danh hiệu Lao động tiên tiến", "cá nhân", 120, "granted")]
    # not a flag: "có thi đua" is a verb, not "cờ thi đua"
    assert read("Năm nay có thi đua giữa 12 tập thể.") == []


def test_what_all_years_gave_since_a_year_is_no_award_of_the_text():
    assert read("Riêng từ năm 2010 đến nay, Hội đã trao Giải thưởng Lê Quý Đôn cho 450 học sinh có thành tích xuất sắc... "
                "Dịp này, UBND huyện đã tặng giấy khen cho 9 gia đình.") == [("Giấy khen", "hộ gia đình", 9, "granted")]
    # a year's span that ends before now is the text's own period
    assert len(read("Từ năm 2010 đến năm 2015, UBND huyện đã tặng giấy khen cho 9 gia đình.")) == 1


def test_a_medal_is_named_by_the_name_that_follows_it():
    assert read("Hội Cựu chiến binh tỉnh trao Kỷ niệm chương “Vì sự nghiệp Cựu chiến binh” cho 42 hội viên.") == [
        ("Kỷ niệm chương Vì sự nghiệp Cựu chiến binh", "cá nhân", 42, "granted")]
    assert read("Trung ương Đoàn tặng Huy chương Vì thế hệ trẻ cho 3 cá nhân.") == [
        ("Huy chương Vì thế hệ trẻ", "cá nhân", 3, "granted")]
    # no name after it: the kind alone
    assert read("Bộ trưởng tặng kỷ niệm chương cho 8 cá nhân.") == [("Kỷ niệm chương", "cá nhân", 8, "granted")]


def test_a_verb_before_a_title_commends_with_that_title():
    assert read("Dịp này, 35 đoàn viên được tuyên dương danh hiệu Thanh niên tiên tiến làm theo lời Bác.") == [
        ("Danh hiệu Thanh niên tiên tiến làm theo lời Bác", "cá nhân", 35, "granted")]
    assert read("Huyện Đoàn tuyên dương 25 đoàn viên ưu tú.") == [("Tuyên dương", "cá nhân", 25, "granted")]


def test_considered_and_then_proposed_is_a_proposal():
    assert read("Hội đồng Thi đua - Khen thưởng huyện đã xét, đề nghị UBND tỉnh tặng Bằng khen cho 9 tập thể.") == [
        ("Bằng khen", "tập thể", 9, "proposed")]
    # the basis of a decision is no proposal
    assert read("Xét đề nghị của Trưởng phòng Nội vụ, Chủ tịch UBND huyện tặng Giấy khen cho 9 tập thể.") == [
        ("Giấy khen", "tập thể", 9, "granted")]


def test_several_counts_at_the_head_of_a_clause_before_their_verb():
    assert read("Nhân dịp này, 12 tập thể và 25 cá nhân có thành tích xuất sắc trong phong trào được UBND huyện "
                "tặng giấy khen.") == [("Giấy khen", "tập thể", 12, "granted"), ("Giấy khen", "cá nhân", 25, "granted")]


def test_what_each_recipient_gets_is_a_rule_not_a_grant():
    assert read("Điều 1. Tặng Giấy khen cho 03 tập thể có thành tích xuất sắc.",
                "Điều 2. Mỗi tập thể được tặng Giấy khen kèm theo tiền thưởng 500.000 đồng.") == [
        ("Giấy khen", "tập thể", 3, "granted")]


def test_an_authority_that_has_decided_is_named_without_its_decision():
    got = find_awards([(1, "UBND tỉnh vừa có quyết định tặng Bằng khen cho 45 tập thể.")], False)
    assert [(a.authority, a.count) for a in got] == [("UBND tỉnh", 45)]


def test_what_counted_recipients_did_before_their_verb_keeps_the_count():
    assert read("Kết quả, có 98% đảng viên hoàn thành tốt nhiệm vụ, 15 đảng viên hoàn thành xuất sắc nhiệm vụ được "
                "Đảng ủy tặng giấy khen.") == [("Giấy khen", "cá nhân", 15, "granted")]
    # a count after "cho" is the earlier form's; a proposal between says something else
    assert read("Đề nghị tặng Bằng khen 1 tập thể, đề nghị Chủ tịch nước tặng Huân chương Lao động hạng Ba đối với "
                "1 cá nhân.") == [("Bằng khen", "tập thể", 1, "proposed"),
                                  ("Huân chương Lao động hạng Ba", "cá nhân", 1, "proposed")]
    assert [c for *_, c, _ in read("Danh sách 30 hộ đề nghị UBND xã tặng giấy khen.")] != [30, 30]


def test_the_words_of_receiving_are_not_the_recipients_name():
    got = find_awards([(1, "Trường THPT Phan Bội Châu vinh dự đón nhận Cờ thi đua của Chính phủ.")], False)
    assert [(a.names, a.count) for a in got] == [(("Trường THPT Phan Bội Châu",), 1)]


def test_a_title_written_with_capitals_as_the_noun_of_counted_recipients():
    assert read("Thành đoàn tuyên dương 20 Thanh niên tiêu biểu năm 2023.") == [
        ("Danh hiệu Thanh niên tiêu biểu", "cá nhân", 20, "granted")]
    assert read("Lễ tôn vinh và trao danh hiệu cho 50 Doanh nhân Việt Nam tiêu biểu.") == [
        ("Danh hiệu Doanh nhân Việt Nam tiêu biểu", "cá nhân", 50, "granted")]
    # no verb of commending before it, a post and its body, an abbreviation: no title
    assert read("Có 100 Nông dân Việt Nam tham dự hội nghị.") == []
    assert [f for f, *_ in read("Hội biểu dương 12 Chủ tịch Hội Phụ nữ cấp xã tiêu biểu.")] != [
        "Danh hiệu Chủ tịch Hội Phụ nữ cấp xã tiêu biểu"]


def test_one_bodys_share_of_totals_just_stated_is_not_stated_again():
    assert read("Toàn huyện có 8 tập thể được tặng giấy khen, 20 cá nhân đạt danh hiệu Lao động tiên tiến.",
                "Theo đó, Trường THCS Lê Lợi được tặng giấy khen và 3 giáo viên của trường đạt danh hiệu Lao động "
                "tiên tiến.") == [("Giấy khen", "tập thể", 8, "granted"),
                                  ("Danh hiệu Lao động tiên tiến", "cá nhân", 20, "granted")]
    # with nothing stated before, "Theo đó" states the award
    assert read("Chủ tịch UBND huyện vừa ký quyết định khen thưởng.",
                "Theo đó, 3 tập thể được tặng giấy khen.") == [("Giấy khen", "tập thể", 3, "granted")]


def test_an_authority_is_a_body_named_without_the_words_around_it():
    def by(text):
        return [a.authority for a in find_awards([(1, text)], False)]
    assert by("Trường THPT Lê Lợi được tặng Cờ thi đua của Chính phủ.") == ["Chính phủ"]  # as written
    assert by("Hội LHPN Việt Nam đã tổ chức trao Bằng khen cho 12 cá nhân.") == ["Hội LHPN Việt Nam"]
    assert by("Huyện đã đề nghị cấp có thẩm quyền tặng Bằng khen cho 3 tập thể.") == [None]
    assert by("Năm nay, lần đầu tiên Bộ Nông nghiệp trao Bằng khen cho 5 cá nhân.") == ["Bộ Nông nghiệp"]
    assert by("Chủ tịch UBND huyện tặng giấy khen cho 9 tập thể.") == ["Chủ tịch UBND huyện"]
    assert by("Nhà trường tặng giấy khen cho 9 học sinh.") == ["Nhà trường"]


def test_a_headline_total_of_several_forms_is_said_again_by_its_parts():
    assert read("25 đơn vị nhận cờ thi đua và bằng khen của UBND tỉnh",
                "UBND tỉnh tặng cờ thi đua cho 10 đơn vị dẫn đầu và bằng khen cho 15 đơn vị.") == [
        ("Cờ thi đua", "tập thể", 10, "granted"), ("Bằng khen", "tập thể", 15, "granted")]
    # parts that do not make it up: the headline stays
    assert len(read("26 đơn vị nhận cờ thi đua và bằng khen của UBND tỉnh",
                    "UBND tỉnh tặng cờ thi đua cho 10 đơn vị dẫn đầu và bằng khen cho 15 đơn vị.")) == 3


def test_what_a_council_heard_and_then_agreed_in_other_figures_is_what_it_agreed():
    assert read("Hội đồng được nghe báo cáo xét duyệt bằng khen của Chủ tịch UBND tỉnh cho 30 đơn vị. Qua thảo luận, "
                "bỏ phiếu, Hội đồng thống nhất đề nghị tặng bằng khen của Chủ tịch UBND tỉnh cho 24 đơn vị.") == [
        ("Bằng khen", "tập thể", 24, "proposed")]
    # heard, and nothing agreed after it: proposed, kept
    assert read("Hội đồng đã xét duyệt bằng khen cho 30 đơn vị.") == [("Bằng khen", "tập thể", 30, "proposed")]


def test_prizes_of_a_rank_given_each_to_whom_cho_names():
    got = find_awards([(1, "Ban Tổ chức trao giải Nhất cho Trường THCS Lê Lợi, giải Nhì cho Trường THCS Kim Đồng.")],
                      False)
    assert [(a.form, a.count, a.names, a.authority) for a in got] == [
        ("Giải Nhất", 1, ("Trường THCS Lê Lợi",), "Ban Tổ chức"), ("Giải Nhì", 1, ("Trường THCS Kim Đồng",), "Ban Tổ chức")]
    # a rank reached, not handed over: none
    assert read("Đội tuyển của trường đạt giải Nhì cấp tỉnh.") == []


def test_children_counted_as_chau_are_persons():
    assert read("Nhà trường tặng giấy khen cho 25 cháu ngoan Bác Hồ.") == [("Giấy khen", "cá nhân", 25, "granted")]


def test_a_heading_in_capitals_with_a_year_states_no_award():
    assert read("TRƯỜNG THCS LÊ LỢI NHẬN CỜ THI ĐUA NĂM 2023",
                "Năm 2023, toàn ngành có 5 tập thể được tặng cờ thi đua.") == [("Cờ thi đua", "tập thể", 5, "granted")]


def test_what_counted_recipients_are_recognised_as_after_duoc_cong_nhan():
    assert read("Năm qua, 12 chi hội được công nhận chi hội vững mạnh.") == [
        ("Danh hiệu Chi hội vững mạnh", "tập thể", 12, "granted")]
    # a standard met is no title
    assert read("Có 5 trường được công nhận đạt chuẩn quốc gia.") == []


def test_a_medals_name_ends_before_its_verb_and_more_recipients():
    assert read("Kỷ niệm chương Vì sự nghiệp giáo dục được trao cho 12 nhà giáo.") == [
        ("Kỷ niệm chương Vì sự nghiệp giáo dục", "cá nhân", 12, "granted")]
    assert read("Hội đồng Đội Trung ương tặng Huy hiệu Măng non cho 4 tổng phụ trách Đội giỏi.") == [
        ("Huy hiệu Măng non", "cá nhân", 4, "granted")]
