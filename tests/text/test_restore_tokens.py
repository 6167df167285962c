"""What restoration leaves alone (tdkt.text.restore_tokens): other languages, URLs, e-mail addresses, codes."""
from __future__ import annotations

from pathlib import Path

import pytest

from tdkt.text import restore as R
from tdkt.text.restore_tokens import foreign_pieces, is_code, is_untouchable

REPORTS = Path(__file__).resolve().parents[2] / "data" / "reports"
DAMAGED = ["2023-long-xuyen-kinh-mon-bc-6", "2024-tan-viet-thanh-ha-kh", "2023-cam-xuyen-bc-6-thang"]


@pytest.mark.parametrize("line", [
    "Page 1",
    "Page 1:",
    "View",
    "View 2",
    "Embed Size (px)",
    "Citation preview",
    "Upload others",
    "Download 0",
    "The quick brown fox jumps over the lazy dog",
    "https://thanhphohaiphong.gov.vn/truong-mam-non-sao-sang.html",
    "fdo-datafile.chinhphu.vn/file-remote-v2/DownloadServlet?filePath=vbpq/2",
    "vanphong@hanoi.gov.vn",
    "H5N1 ISO9001",
])
def test_lines_that_are_not_vietnamese_come_back_unchanged(line):
    assert R.restore_line(line, damaged=True) == line


def test_the_issue_s_furniture_line_is_left_alone():
    line = "Upload others View 2 Download 0 Embed Size (px) Citation preview Page 1:"
    assert R.restore_line(line, damaged=True) == line


@pytest.mark.parametrize("ocr, expected", [
    ("Xem tai www.chinhphu.vn hoac lien he vanphong@hanoi.gov.vn", "Xem tại www.chinhphu.vn hoặc liên hệ vanphong@hanoi.gov.vn"),
    ("phong chong dich H5N1 nam 2023", "phòng chống dịch H5N1 năm 2023"),
    ("Nhan nut Download dé tai vé", "Nhấn nút Download để tải về"),
    ("Tong két niim 2023", "Tổng kết năm 2023"),
    ("Page 2: khen thwéng", "Page 2: khen thưởng"),
])
def test_vietnamese_around_them_is_still_restored(ocr, expected):
    assert R.restore_line(ocr, damaged=True) == expected


@pytest.mark.parametrize("word", ["tong", "nam", "ket", "the", "can", "ban", "van", "hoa", "cling", "coO"])
def test_english_looking_damaged_vietnamese_is_not_foreign(word):
    model = R._model()
    line = ["Tong", "két", word, "thi", "dua"]
    assert 2 not in foreign_pieces(line, model.english, model.inv.__contains__)


def test_a_line_mostly_english_keeps_its_english_words_even_those_ocr_could_make():
    model = R._model()
    words = ["Click", "the", "Download", "button"]
    assert "the" in model.english and "the" in model.inv  # 'the' is also OCR of thế/thể
    assert foreign_pieces(words, model.english, model.inv.__contains__) == {0, 1, 2, 3}


@pytest.mark.parametrize("piece, code", [
    ("H5N1", True), ("ISO9001", True), ("2OO3", True), ("A4B2", True),
    ("s6", False), ("c6", False), ("16n", False), ("x3", False), ("thwéng", False),
])
def test_codes_against_ocr_digits(piece, code):
    assert is_code(piece) is code


@pytest.mark.parametrize("token, untouchable", [
    ("http://example.org/a", True), ("www.chinhphu.vn", True), ("a.b@gmail.com", True),
    ("baocao.pdf", True), ("chinhphu.vn/", True),
    ("ngay.", False), ("s6:", False), ("184/BC-UBND", False), ("T.Ư", False),
])
def test_urls_mail_and_files(token, untouchable):
    assert is_untouchable(token) is untouchable


@pytest.mark.parametrize("seed", DAMAGED)
def test_the_guard_costs_nothing_on_the_seeds_ocr(seed, monkeypatch):
    """Restoring each OCR seed with and without the English word list gives the same text: no damaged
    Vietnamese word of the archive's OCR is taken for English."""
    folder = REPORTS / seed
    text = (folder / ("ocr.txt" if (folder / "ocr.txt").exists() else "text.txt")).read_text(encoding="utf-8")
    with_guard = R.restore(text)
    model = R._model()
    assert len(model.english) > 20000
    monkeypatch.setattr(model, "english", frozenset())
    model._cand_cache.clear()
    assert R.restore(text) == with_guard


@pytest.mark.parametrize("core, pieces", [
    ("B(J", ["B(J"]),            # Bộ: a misread mark, one piece
    ("hi?u", ["hi?u"]),          # hiệu
    ("N(Ji,ngay", ["N(Ji", ",", "ngay"]),
    ("(sau", ["(", "sau"]),
    ("a(b)", ["a", "(", "b", ")"]),  # a bracket that closes is punctuation
    ("ca.nh", ["ca.nh"]),        # GOCR's nặng dot: cạnh
    ("l_.nh", ["l_.nh"]),        # lệnh
    ("v.v", ["v", ".", "v"]),    # vân vân
    ("T.Ư", ["T", ".", "Ư"]),
    ("Dim.Nếu", ["Dim", ".", "Nếu"]),
    ("tu.ong", ["tu.ong"]),      # Ocrad's and GOCR's horn after a vowel: tương
    ("du.o.c", ["du.o.c"]),      # được
    ("sú.a", ["sú.a"]),          # sửa
    ("ta.i", ["ta.i"]),          # GOCR's nặng after a vowel: tại
    ("li_.u", ["li_.u"]),        # liệu
    ("lại.các", ["lại", ".", "các"]),  # two words a dot joins
    ("ông.bà", ["ông", ".", "bà"]),
    ("x.a", ["x", ".", "a"]),
])
def test_misread_marks_inside_a_word_stay_in_the_word(core, pieces):
    assert R._pieces(core) == pieces


@pytest.mark.parametrize("ocr, expected", [
    ("Doc l~p - Tu do", "Độc lập - Tự do"),
    ("xet t~ng danh hi~u", "xét tặng danh hiệu"),
    ("danh hi?u", "danh hiệu"),
])
def test_characters_vietnamese_does_not_write_stand_for_a_vowel(ocr, expected):
    assert R.restore_line(ocr, damaged=True) == expected


@pytest.mark.parametrize("syl, possible", [
    ("tập", True), ("tấp", True), ("tâm", True), ("bắc", True), ("sách", True),
    ("tâp", False), ("bac", False), ("sàch", False), ("tổt", False),
])
def test_a_stop_coda_takes_the_sac_or_nang_tone_only(syl, possible):
    from tdkt.text.restore_tokens import is_possible
    assert is_possible(syl) is possible
    model = R._model()
    if not possible and syl in model.index:
        assert all(model.vocab[i] != syl for form in (syl, "tap", "bac") for i, _ in model.candidates(form))


@pytest.mark.parametrize("skel, reading", [
    ("kllell", "khen"),      # Ocrad on heavy print: ll for h, then for n
    ("dillll", "dinh"),
    ("thlrdng", "thudng"),   # lr for ư
    ("tlyong", "tuong"),     # ly for ư
])
def test_ocrad_letter_groups_are_read_in_the_skeleton(skel, reading):
    from tdkt.text.restore_tokens import _skeleton_variants
    assert reading in _skeleton_variants(skel)


def test_a_skeleton_without_ll_gets_no_ll_readings():
    from tdkt.text.restore_tokens import _ll_readings, _skeleton_variants
    assert _ll_readings("kllell") == {"kheh", "khen", "kneh", "knen"}
    assert not any("n" in v for v in _skeleton_variants("tai"))
