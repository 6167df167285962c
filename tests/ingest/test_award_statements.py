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
