"""Tests for tdkt.text.decode: encodings, legacy tables, the syllable model, refusals, properties."""
from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tdkt.text import decode
from tdkt.text.decode import Decoded, Refused

DATA = Path(__file__).resolve().parents[2] / "data" / "reports"
CLEAN = unicodedata.normalize("NFC", (DATA / "2023-my-quy-long-xuyen-bc-184" / "original.txt").read_text("utf-8"))
TONES = ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
LETTERS = {unicodedata.normalize("NFC", b + t) for b in "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY" for t in TONES} | {"đ", "Đ"}
NON_ASCII = {c for c in LETTERS if ord(c) > 0x7F}  # the 134 precomposed Vietnamese letters


def as_cp1258(text: str) -> bytes:
    """Windows-1258 writes tones as combining marks after a base letter (ê, ơ, ă ... precomposed)."""
    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in parts if c in decode._TONE_MARKS)
        out.append(unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones)) + tones)
    return "".join(out).encode("cp1258")


def without_quotes(text: str) -> str:
    """VISCII has no curly quotes, dashes or ellipsis: a VISCII document would use ASCII ones."""
    return text.translate(str.maketrans({"“": '"', "”": '"', "…": "...", "–": "-"}))


def tcvn3_view(text: str) -> str:
    """TCVN3 (VN3) has no upper-case toned letters: a .VnTimeH font draws them from lower-case codes."""
    return "".join(c.lower() if c in NON_ASCII and c not in decode.TCVN3.values() else c for c in text)


def test_viscii_is_a_bijection_onto_the_134_letters():
    high = {c for b, c in decode.VISCII.items() if ord(c) > 0x7F}
    assert high == NON_ASCII and len(high) == 134
    assert [decode.VISCII[b] for b in (0x02, 0x80, 0xA0, 0xBD, 0xD0, 0xF0, 0xFF)] == list("ẲẠÕơĐđỮ")


def test_tcvn3_has_the_lower_case_letters_and_seven_capitals():
    assert len(decode.TCVN3) == 74
    assert set(decode.TCVN3.values()) == {c for c in NON_ASCII if c.islower()} | set("ĂÂÊÔƠƯĐ")
    assert [decode.TCVN3[b] for b in (0xA7, 0xAE, 0xB5, 0xB8, 0xCA, 0xD5, 0xFE)] == list("Đđàáấếỵ")


def test_vni_covers_every_letter():
    assert NON_ASCII <= set(decode.VNI.values())


LEGACY_EXAMPLES = [
    ("VNI bytes (domain.md)", "Côø thi ñua xuaát saéc".encode("cp1252"), "Cờ thi đua xuất sắc", "vni"),
    ("VNI shown as Latin-1, saved as UTF-8", "Côø thi ñua xuaát saéc cuûa Ñaûng".encode("utf-8"),
     "Cờ thi đua xuất sắc của Đảng", "vni-in-utf-8"),
    ("VNI capitals", "COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM".encode("cp1252"),
     "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "vni"),
    ("TCVN3 bytes", "Cê thi ®ua xuÊt s¾c cña §¶ng".encode("latin-1"), "Cờ thi đua xuất sắc của Đảng", "tcvn3"),
    ("VISCII bytes", decode.encode_legacy("Cờ thi đua xuất sắc của Đảng", "viscii"), "Cờ thi đua xuất sắc của Đảng",
     "viscii"),
]


@pytest.mark.parametrize("name,data,text,encoding", LEGACY_EXAMPLES, ids=[e[0] for e in LEGACY_EXAMPLES])
def test_legacy_examples(name, data, text, encoding):
    result = decode.decode(data)
    assert isinstance(result, Decoded) and result.legacy
    assert (result.text, result.encoding) == (text, encoding)
    assert data.decode(encoding) == text  # the registered codec reads what report.yml records


ENCODED_SEED = [
    ("utf-8", lambda t: t.encode("utf-8"), CLEAN, "utf-8"),
    ("utf-8 with BOM", lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), CLEAN, "utf-8-sig"),
    ("utf-16 with BOM", lambda t: t.encode("utf-16"), CLEAN, "utf-16"),
    ("utf-16-le, no BOM", lambda t: t.encode("utf-16-le"), CLEAN, "utf-16-le"),
    ("utf-16-be, no BOM", lambda t: t.encode("utf-16-be"), CLEAN, "utf-16-be"),
    ("windows-1258", as_cp1258, CLEAN, "windows-1258"),
    ("vni", lambda t: decode.encode_legacy(t, "vni"), CLEAN, "vni"),
    ("viscii", lambda t: decode.encode_legacy(t, "viscii"), without_quotes(CLEAN), "viscii"),
    ("tcvn3", lambda t: decode.encode_legacy(t, "tcvn3"), tcvn3_view(CLEAN), "tcvn3"),
]


@pytest.mark.parametrize("name,encode,text,encoding", ENCODED_SEED, ids=[e[0] for e in ENCODED_SEED])
def test_a_clean_seed_in_every_encoding_decodes_to_the_same_text(name, encode, text, encoding):
    data = encode(text)
    result = decode.decode(data)
    assert isinstance(result, Decoded), result
    assert result.encoding == encoding
    assert result.text == text.removeprefix("\ufeff")
    assert unicodedata.normalize("NFC", data.decode(encoding)) == result.text


@pytest.mark.parametrize("folder", sorted(p.name for p in DATA.iterdir()))
def test_the_seeds_stay_utf8_even_when_ocr_is_full_of_latin1_letters(folder):
    raw = (DATA / folder / "original.txt").read_bytes()
    result = decode.decode(raw)
    assert (result.encoding, result.legacy, result.text) == ("utf-8", False, unicodedata.normalize("NFC", raw.decode()))


REFUSED = [
    ("no bytes", b"", "the file is empty"),
    ("only white space", b"  \r\n\t\n", "the file is empty"),
    ("only a BOM", codecs.BOM_UTF8, "the file is empty"),
    ("NUL bytes", b"Bao cao\x00\x01\x02 nam 2023", "the file is not text: it contains NUL bytes (the first at byte 7)"),
    ("control characters", "Báo cáo \x01\x02\x03\x04\x05 năm".encode() * 3,
     "the file is not text: it contains control characters"),
    ("bytes no encoding reads as Vietnamese", bytes(range(0x80, 0x100)) * 4,
     "cannot decode the text: it is not UTF-8 or UTF-16, and no Vietnamese 8-bit encoding (Windows-1258, VNI, "
     "TCVN3, VISCII) reads it as Vietnamese"),
    ("Cyrillic in Windows-1251", "Доклад о работе комиссии за год".encode("cp1251"),
     "cannot decode the text: it is not UTF-8 or UTF-16, and no Vietnamese 8-bit encoding (Windows-1258, VNI, "
     "TCVN3, VISCII) reads it as Vietnamese"),
]


@pytest.mark.parametrize("name,data,reason", REFUSED, ids=[r[0] for r in REFUSED])
def test_refusals_word_for_word(name, data, reason):
    assert decode.decode(data) == Refused(reason=reason)


SYLLABLES = [
    ("thưởng", True), ("nghiêng", True), ("quyết", True), ("gì", True), ("khuya", True), ("Nguyễn", True),
    ("hoà", True), ("hòa", True), ("ĐƯỢC", True), ("xoong", True),
    ("thwéng", False), ("and", False), ("les", False), ("mát́", False), ("tặc", True), ("tằc", False), ("", False),
]


@pytest.mark.parametrize("word,valid", SYLLABLES)
def test_is_syllable(word, valid):
    assert decode.is_syllable(word) is valid


SKELETONS = [  # domain.md §2: what English-model OCR does to Vietnamese, and the key both share
    ("thwéng", "thưởng"), ("Pang", "Đảng"), ("s6", "số"), ("1a", "là"), ("dugc", "được"), ("cta", "của"),
    ("chirc", "chức"), ("nhitng", "những"), ("16n", "lớn"), ("x3", "xã"), ("Chuyén", "Chuyển"), ("déi", "đổi"),
    ("¢6", "có"), ("2023", "2023"),
]


@pytest.mark.parametrize("ocr,word", SKELETONS)
def test_skeleton_matches_ocr_damage(ocr, word):
    assert decode.skeleton(ocr) == decode.skeleton(word)


def test_skeleton_keeps_consonants_apart():
    assert decode.skeleton("thưởng") != decode.skeleton("thường" + "c")
    assert decode.skeleton("2023") != decode.skeleton("2024")


def test_vietnamese_share_tells_vietnamese_ocr_from_english():
    ocr = (DATA / "2023-long-xuyen-kinh-mon-bc-6" / "original.txt").read_text("utf-8")
    english = "The committee reviewed the annual report and recommended awards for twelve collectives."
    assert decode.vietnamese_share(ocr).valid > 0.65 > decode.MIN_VIETNAMESE
    assert decode.vietnamese_share(english).valid < decode.MIN_VIETNAMESE
    assert decode.vietnamese_share(CLEAN).marked > 0.8 > 0.2 > decode.vietnamese_share(ocr).marked


def test_fix_legacy_leaves_unicode_alone():
    assert decode.fix_legacy(CLEAN) == (CLEAN, None)
    assert decode.fix_legacy("Le comité a examiné le rapport annuel.") == ("Le comité a examiné le rapport annuel.", None)


def test_encode_legacy_names_what_it_cannot_write():
    with pytest.raises(ValueError, match="VISCII has no code for '“'"):
        decode.encode_legacy("“Đoàn kết”", "viscii")
    with pytest.raises(ValueError, match="TCVN3 has no code for 'Ắ'"):
        decode.encode_legacy("Ắ", "tcvn3")


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_decode_never_raises(data):
    result = decode.decode(data)
    assert isinstance(result, (Decoded, Refused))
    if isinstance(result, Decoded):
        assert result.text == unicodedata.normalize("NFC", result.text) and 0 <= result.quality <= 1


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_text_functions_never_raise(text):
    fixed, legacy = decode.fix_legacy(text)
    assert legacy is None or fixed == unicodedata.normalize("NFC", fixed)
    decode.vietnamese_share(text)
    for word in text.split():
        decode.skeleton(word), decode.is_syllable(word)
