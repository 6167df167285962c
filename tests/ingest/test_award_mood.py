"""What states no award: targets, registrations, shares, caps, a cited decision, the name of the work; each rule
on a short sentence written for the test (not taken from the corpus)."""
from __future__ import annotations

from tdkt.ingest.awards import find_awards


def read(*lines: str) -> list[tuple]:
    got = find_awards([(n, text) for n, text in enumerate(lines, start=1)], False)
    return [(a.form, a.recipients, a.count, a.status) for a in got]


def test_a_target_grants_nothing():
    assert read("Phấn đấu có ít nhất 5 tập thể được tặng Cờ thi đua của UBND tỉnh.") == []
    assert read("Năm 2025 phấn đấu đạt 20 tập thể được tặng Bằng khen.") == []
    assert read("Chỉ tiêu: 12 tập thể đạt danh hiệu Tập thể lao động tiên tiến.") == []
    # striving as a noun is no target: what follows was granted
    assert read("Với sự nỗ lực phấn đấu, năm 2023 có 3 tập thể được tặng Cờ thi đua.") == [
        ("Cờ thi đua", "tập thể", 3, "granted")]
    # a target said before an ellipsis does not reach what is said after it
    assert read("Trường phấn đấu hoàn thành nhiệm vụ…Tại hội nghị, UBND huyện tặng Giấy khen cho 4 tập thể.") == [
        ("Giấy khen", "tập thể", 4, "granted")]


def test_a_registration_grants_nothing():
    assert read("Có 120 cá nhân đăng ký thi đua đạt danh hiệu Lao động tiên tiến.") == []
    assert read("Toàn xã có 800 hộ đăng ký đạt danh hiệu Gia đình văn hóa, 7 thôn đăng ký Thôn văn hóa.") == []


def test_a_share_is_no_count():
    assert read("Năm 2023 có 92% hộ gia đình đạt danh hiệu Gia đình văn hóa.") == []
    assert read("Phấn đấu 95% hộ gia đình đạt danh hiệu Gia đình văn hóa.") == []
    assert read("Năm 2023, tỷ lệ hộ đạt danh hiệu Gia đình văn hóa là 92,5%.") == []
    assert read("Tỷ lệ đảng viên được tặng Huy hiệu Đảng đúng hạn đạt 100%.") == []
    # the part of a whole stays a count, its share beside it is not another
    assert read("Toàn xã có 1.200/1.300 hộ đạt danh hiệu Gia đình văn hóa (đạt 92%).") == [
        ("Danh hiệu Gia đình văn hóa", "hộ gia đình", 1200, "granted")]


def test_a_year_before_a_comma_is_no_count():
    assert read("Năm 2022, đơn vị được Chủ tịch UBND tỉnh tặng Cờ thi đua.") == []  # not 2022 tập thể
    assert read("Năm 2022, 3 đơn vị được Chủ tịch UBND tỉnh tặng Cờ thi đua.") == [
        ("Cờ thi đua", "tập thể", 3, "granted")]
    assert read("Giấy khen cho tối đa 10 tập thể.") == []  # a cap


def test_a_rule_about_a_kind_names_no_recipient():
    assert read("Tập thể đạt danh hiệu Tập thể lao động xuất sắc được thưởng 1,5 lần mức lương cơ sở.") == []
    assert read("Cá nhân được tặng Bằng khen của Thủ tướng Chính phủ được thưởng 1,0 lần mức lương cơ sở.") == []


def test_a_cited_decision_grants_nothing_here():
    assert read("Căn cứ Quyết định số 125/QĐ-UBND ngày 5/3/2024 của UBND tỉnh về việc tặng Bằng khen cho 5 tập "
                "thể;") == []


def test_the_work_of_commending_is_not_a_commendation():
    assert read("Tổ chức 3 lớp tập huấn nghiệp vụ thi đua, khen thưởng cho 250 cán bộ làm công tác thi đua.") == []
    assert read("Đề nghị cấp trên có cơ chế khen thưởng 3 cá nhân tiêu biểu.") == []
    # the verb stays a form
    assert read("UBND tỉnh khen thưởng 12 tập thể và 20 cá nhân.") == [
        ("Khen thưởng", "tập thể", 12, "granted"), ("Khen thưởng", "cá nhân", 20, "granted")]


def test_a_count_that_reached_a_merit_and_no_form_is_this_forms():
    assert read("Tặng Giấy khen cho 5 tập thể và 12 cá nhân đạt thành tích xuất sắc.") == [
        ("Giấy khen", "tập thể", 5, "granted"), ("Giấy khen", "cá nhân", 12, "granted")]
    # … but one that reaches a form after it is that form's, and the count after "cho" the earlier form's only
    assert read("UBND huyện tặng Giấy khen cho 6 tập thể, 8 tập thể đạt danh hiệu Tập thể lao động xuất sắc.") == [
        ("Giấy khen", "tập thể", 6, "granted"), ("Danh hiệu Tập thể lao động xuất sắc", "tập thể", 8, "granted")]


def test_a_quota_grants_nothing():
    assert read("Số lượng Bằng khen của Chủ tịch UBND tỉnh không quá 5 tập thể và 10 cá nhân.") == []


def test_a_year_heading_an_item_is_no_count():
    assert read("Năm 2021: Bằng khen của Chủ tịch UBND tỉnh (Quyết định số 123/QĐ-UBND).") == []
    # a number of years before a comma does not hide the count after it
    assert read("Trong 5 năm, 1 tập thể được tặng Huân chương Lao động hạng Ba, 3 tập thể được tặng Bằng khen.") == [
        ("Huân chương Lao động hạng Ba", "tập thể", 1, "granted"), ("Bằng khen", "tập thể", 3, "granted")]


def test_a_number_per_recipient_is_no_count():
    assert read("Mỗi cá nhân là học sinh xuất sắc 1 giấy khen và 5 quyển vở.") == []
    assert read("Hội đồng mới trao 2 Cờ thi đua cho Trường A và Trường B.")[0][2] == 2  # "mới" is not "mỗi"
