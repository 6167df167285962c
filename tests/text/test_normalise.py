"""Tests for tdkt.text.normalise: line joining, furniture, NFC, block kinds, the seeds, properties."""
from __future__ import annotations

import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tdkt import model
from tdkt.text.normalise import Normalised, classify, normalise, parse_blocks

H, P, L = model.BlockKind.HEADING, model.BlockKind.PARAGRAPH, model.BlockKind.LIST_ITEM
# the seeds are the default archive: their originals are kept byte for byte in data/reports/
DATA = Path(__file__).resolve().parents[2] / "data" / "reports"


def blocks_of(text: str) -> list[str]:
    """The blocks of a normalised text, as the text.txt format lays them out."""
    return text.removesuffix("\n").split("\n\n") if text else []


def words_in(text: str) -> Counter[str]:
    """The words ``normalise`` promises to keep: NFC, controls and U+FEFF removed."""
    kept = "".join(c for c in text if c.isspace() or unicodedata.category(c) != "Cc" and c != "\ufeff")
    return Counter(unicodedata.normalize("NFC", kept).split())


def words_out(result: Normalised) -> Counter[str]:
    return Counter(result.text.split()) + Counter(w for line in result.furniture for w in line.split())


# The opening of seed 004: a blank line after every wrapped line.
DOUBLE_SPACED = (
    " Thực hiện kế hoạch của HĐTĐ khen thưởng huyện Hà Trung về tổng kết \n\n"
    "các phong trào thi đua khen thưởng năm 2023, Hội đồng TĐKT thị trấn Hà \n\n"
    "Trung báo cáo Tổng kết phong trào thi đua, khen thưởng năm 2023, phương \n\n"
    "hướng nhiệm vụ năm 2024 cụ thể như sau: \n\n"
    "2.4. Phong trào thi đua xây dựng hệ thống chính trị trong sạch vững \n\n"
    "mạnh \n\n"
    " Công tác xây dựng Đảng được Đảng bộ đặc biệt quan tâm lãnh đạo toàn \n\n"
    "diện vững chắc. \n"
)

JOINING = [
    ("wrapped lines joined", "Năm 2023, phường đã\ntổ chức tốt các phong trào.\n\nĐoạn hai.",
     ["Năm 2023, phường đã tổ chức tốt các phong trào.", "Đoạn hai."]),
    ("wrap before a capital joined when no blank line", "thực hiện Kế hoạch của\nỦy ban nhân dân phường.",
     ["thực hiện Kế hoạch của Ủy ban nhân dân phường."]),
    ("blank line separates paragraphs", "Đoạn một chưa có dấu chấm\n\nĐoạn hai bắt đầu",
     ["Đoạn một chưa có dấu chấm", "Đoạn hai bắt đầu"]),
    ("page break mid-sentence (seed 000)",
     "muc tiéu dén cudi ndm 2023 hoan thanh xuat sic cac nhiém\n\nvu, chi tiéu, ké hoach dé ra.",
     ["muc tiéu dén cudi ndm 2023 hoan thanh xuat sic cac nhiém vu, chi tiéu, ké hoach dé ra."]),
    ("page break with an opening quote (seed 000)", "xay dung x4 h01 s0; Phong trao\n\n“Toan ddn doan két”.",
     ["xay dung x4 h01 s0; Phong trao “Toan ddn doan két”."]),
    ("lower case after a semicolon continues", "tiểu khu Trang Các;\n\nxây dựng trường mầm non.",
     ["tiểu khu Trang Các; xây dựng trường mầm non."]),
    ("sentence end at a line end splits", "đạt tỷ lệ 100%.\nSố học sinh giỏi tăng.",
     ["đạt tỷ lệ 100%.", "Số học sinh giỏi tăng."]),
    ("double-spaced text re-joined, heading kept apart", DOUBLE_SPACED, [
        "Thực hiện kế hoạch của HĐTĐ khen thưởng huyện Hà Trung về tổng kết các phong trào thi đua khen thưởng"
        " năm 2023, Hội đồng TĐKT thị trấn Hà Trung báo cáo Tổng kết phong trào thi đua, khen thưởng năm 2023,"
        " phương hướng nhiệm vụ năm 2024 cụ thể như sau:",
        "2.4. Phong trào thi đua xây dựng hệ thống chính trị trong sạch vững mạnh",
        "Công tác xây dựng Đảng được Đảng bộ đặc biệt quan tâm lãnh đạo toàn diện vững chắc.",
    ]),
    ("header lines stay separate",
     "UBND THỊ TRẤN HÀ TRUNG\nHĐ THI ĐUA – KHENTHƯỞNG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
     "Độc lập - Tự do - Hạnh phúc\nSố: 184/BC-UBND\nMỹ Quý, ngày 26 tháng 12 năm 2023\nBÁO CÁO\n"
     "Tổng kết Thi đua, khen thưởng năm 2023\nvà phương hướng, nhiệm vụ năm 2024\nKính gửi: Ban Thi đua khen thưởng tỉnh.",
     ["UBND THỊ TRẤN HÀ TRUNG", "HĐ THI ĐUA – KHENTHƯỞNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Độc lập - Tự do - Hạnh phúc", "Số: 184/BC-UBND", "Mỹ Quý, ngày 26 tháng 12 năm 2023", "BÁO CÁO",
      "Tổng kết Thi đua, khen thưởng năm 2023 và phương hướng, nhiệm vụ năm 2024",
      "Kính gửi: Ban Thi đua khen thưởng tỉnh."]),
    ("OCR header lines stay separate (seed 000)",
     "PHUONG LONG XUYEN Dgc 1ap - Tw do - Hanh phuc\nS6: 6 /BC-UBND Long Xuyén, ngay 17 thang 01 nam 2024\nBAO CAO\n"
     "Tong két phong trao thi dua",
     ["PHUONG LONG XUYEN Dgc 1ap - Tw do - Hanh phuc", "S6: 6 /BC-UBND Long Xuyén, ngay 17 thang 01 nam 2024",
      "BAO CAO", "Tong két phong trao thi dua"]),
    ("wrapped capitals heading joined",
     "II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ CÔNG TÁC THI ĐUA KHEN\nTHƯỞNG NĂM 2023:\n1. Công tác tham mưu:",
     ["II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ CÔNG TÁC THI ĐUA KHEN THƯỞNG NĂM 2023:", "1. Công tác tham mưu:"]),
    ("capitals heading not joined with its paragraph", "I. PAC PIEM TiNH HINH\nNam 2023 c6 y nghia dac biét.",
     ["I. PAC PIEM TiNH HINH", "Nam 2023 c6 y nghia dac biét."]),
    ("capitals heading not joined with a lower-case line", "I. ĐẶC ĐIỂM TÌNH HÌNH\nnăm 2023 có nhiều sự kiện.",
     ["I. ĐẶC ĐIỂM TÌNH HÌNH", "năm 2023 có nhiều sự kiện."]),
    ("PHẦN label keeps its title apart", "PHẦN I\nTỔNG KẾT PHONG TRÀO THI ĐUA NĂM 2023",
     ["PHẦN I", "TỔNG KẾT PHONG TRÀO THI ĐUA NĂM 2023"]),
    ("list markers start blocks", "Nơi nhận:\n- Thường trực Đảng ủy;\n- Lưu: VP.\na) nội dung một\nb) nội dung hai\n* mục ba\n+ mục bốn",
     ["Nơi nhận:", "- Thường trực Đảng ủy;", "- Lưu: VP.", "a) nội dung một", "b) nội dung hai", "* mục ba", "+ mục bốn"]),
    ("numbered lines start blocks", "Kết quả như sau\n1. Về tập thể\n1.1. Về cá nhân\n2.1.1. Trên lĩnh vực kinh tế",
     ["Kết quả như sau", "1. Về tập thể", "1.1. Về cá nhân", "2.1.1. Trên lĩnh vực kinh tế"]),
    ("a lone number takes its heading", "1.\nCông tác thi đua\nNăm nay.", ["1. Công tác thi đua Năm nay."]),
    ("a big number is no marker", "Tổng giá trị sản xuất ước đạt\n1.068,692 tỷ đồng.", ["Tổng giá trị sản xuất ước đạt 1.068,692 tỷ đồng."]),
    ("spaces, tabs and CRLF", "  Năm\t2023   là năm  \r\nthứ ba.\r\n\r\n", ["Năm 2023 là năm thứ ba."]),
    ("controls removed, form feed is a line break", "Năm\x00 2023\x07 là\x0cnăm thứ ba.", ["Năm 2023 là năm thứ ba."]),
]


@pytest.mark.parametrize(("name", "text", "expected"), JOINING, ids=[j[0] for j in JOINING])
def test_line_joining(name: str, text: str, expected: list[str]) -> None:
    result = normalise(text)
    assert blocks_of(result.text) == expected
    assert result.text.endswith("\n") and not result.text.endswith("\n\n")


FURNITURE = [
    ("page number", "khen thưởng cho\n\n\n\n5\n\nngười lao động.", ["khen thưởng cho người lao động."], ("5",)),
    ("dashed page number", "Đoạn một.\n- 3 -\nĐoạn hai.", ["Đoạn một.", "Đoạn hai."], ("- 3 -",)),
    ("Trang n", "Đoạn một.\n\nTrang 12\n\nĐoạn hai.", ["Đoạn một.", "Đoạn hai."], ("Trang 12",)),
    ("OCR junk with no letters", "phong trao thi dua “Cd nuwde chung sirc xdy\n\n)\n\ndung néng thén méi”.",
     ["phong trao thi dua “Cd nuwde chung sirc xdy dung néng thén méi”."], (")",)),
    ("a signed phrase inside prose is text", "Đoạn một, abc<a@b.vn>\nđã ký lên văn bản này!",
     ["Đoạn một, abc<a@b.vn> đã ký lên văn bản này!"], ()),
    ("a four-digit year is text", "giai đoạn 2021 -\n2025\nvà sau đó.", ["giai đoạn 2021 - 2025 và sau đó."], ()),
]


@pytest.mark.parametrize(("name", "text", "expected", "furniture"), FURNITURE, ids=[f[0] for f in FURNITURE])
def test_furniture(name: str, text: str, expected: list[str], furniture: tuple[str, ...]) -> None:
    result = normalise(text)
    assert blocks_of(result.text) == expected
    assert result.furniture == furniture
    assert result.signatures == ()


STAMPS = (  # as seed 001 prints them, tabs included
    "Noi nhdn:\n\n- Luu: VP.\n\nvu Xuan Hao\n\n\n\n"
    "\t\tCỤC CHỨNG THỰC SỐ VÀ BẢO MẬT THÔNG TIN - ĐT: 0243.7738668; Fax: 0243.7738668; Email: ca@bcy.gov.vn\n"
    "\t2024-01-26T13:28:43+0700\n\tỦY BAN NHÂN DÂN TỈNH HẢI DƯƠNG\n"
    "\tVũ Xuân Hào<vuxuanhao@haiduong.gov.vn> đã ký lên văn bản này!\n\n\n"
    "\t\tCỤC CHỨNG THỰC SỐ VÀ BẢO MẬT THÔNG TIN - ĐT: 0243.7738668; Fax: 0243.7738668; Email: ca@bcy.gov.vn\n"
    "\t2024-01-26T14:20:23+0700\n\tỦY BAN NHÂN DÂN TỈNH HẢI DƯƠNG\n"
    "\tỦY BAN NHÂN DÂN XÃ TÂN VIỆT<tanviet.thanhha@haiduong.gov.vn> đã ký lên văn bản này!\n\n\n"
)


def test_signature_stamps_become_records() -> None:
    result = normalise(STAMPS)
    assert result.text == "Noi nhdn:\n\n- Luu: VP.\n\nvu Xuan Hao\n"
    assert result.signatures == (
        model.Signature(signer="Vũ Xuân Hào", email="vuxuanhao@haiduong.gov.vn",
                        time="2024-01-26T13:28:43+0700", organisation="ỦY BAN NHÂN DÂN TỈNH HẢI DƯƠNG"),
        model.Signature(signer="ỦY BAN NHÂN DÂN XÃ TÂN VIỆT", email="tanviet.thanhha@haiduong.gov.vn",
                        time="2024-01-26T14:20:23+0700", organisation="ỦY BAN NHÂN DÂN TỈNH HẢI DƯƠNG"),
    )
    assert len(result.furniture) == 8
    assert result.furniture[0].startswith("CỤC CHỨNG THỰC SỐ") and result.furniture[1] == "2024-01-26T13:28:43+0700"


def test_signed_line_alone_is_a_signature_without_time() -> None:
    result = normalise("Đoạn cuối.\n\nNguyễn Văn A<a@ubnd.gov.vn> đã ký lên văn bản này!\n")
    assert result.text == "Đoạn cuối.\n"
    assert result.signatures == (model.Signature(signer="Nguyễn Văn A", email="a@ubnd.gov.vn", time="", organisation=""),)


def test_nfd_input_comes_out_nfc() -> None:
    nfc = "Tổng kết thi đua, khen thưởng năm 2023 của Đảng ủy phường Mỹ Quý."
    nfd = unicodedata.normalize("NFD", nfc)
    assert nfd != nfc
    assert normalise(nfd).text == nfc + "\n"


def test_mark_after_a_control_character_composes() -> None:
    assert normalise("Vie\x00\u0302\u0323t Nam").text == "Việt Nam\n"


@pytest.mark.parametrize("spelling", ["hoà bình", "hòa bình", "thuý", "thúy", "hoá", "hóa", "Uỷ ban", "Ủy ban"])
def test_tone_placement_is_kept(spelling: str) -> None:
    assert normalise(f"diễn biến {spelling} cuối.").text == f"diễn biến {spelling} cuối.\n"


CLASSIFY = [
    ("PHẦN I", H, 1), ("PHAN I", H, 1), ("Phần thứ nhất", H, 1), ("Phần thứ hai:", H, 1),
    ("PHẦN II - PHƯƠNG HƯỚNG NHIỆM VỤ", H, 1), ("Phan Vĩ là tổ trưởng.", P, 0),
    ("I. KẾT QUẢ THỰC HIỆN", H, 2), ("II- MỤC TIÊU, NHIỆM VỤ", H, 2), ("III - ĐÁNH GIÁ CHUNG", H, 2),
    ("IV. TỔ CHỨC THỰC HIỆN", H, 2), ("I1I. PANH GIA CHUNG", H, 2), ("I1. NOI DUNG", H, 2),
    ("IIII. KHÔNG PHẢI SỐ LA MÃ", P, 0), ("I1I1. X", P, 0),
    ("1. Công tác tham mưu:", H, 3), ("12. Mục mười hai", H, 3), ("1. " + "rất dài " * 30, P, 0),
    ("1.1. Tiếp tục triển khai", H, 4), ("2.1 Nhiệm vụ trọng tâm", H, 4),
    ("2.1.1. Trên lĩnh vực kinh tế:", H, 5), ("1.2.3.4. Sâu hơn", H, 5),
    ("- UBND phường Long Xuyên", L, 0), ("+ mục", L, 0), ("* Trong lĩnh vực nông nghiệp", L, 0),
    ("*Trong lĩnh vực Xây dựng", L, 0), ("• mục", L, 0), ("– mục", L, 0), ("a) nội dung", L, 0),
    ("1.068,692 tỷ đồng", P, 0), ("2025. Phát huy kết quả", P, 0), ("Năm 2023 là năm", P, 0), ("1.", P, 0),
    ("I.", P, 0), ("UBND THỊ TRẤN HÀ TRUNG", P, 0),
    ("1. Ông Nguyễn Văn Hiếu, Giám đốc Sở Thủy sản tỉnh Bến Tre;", L, 0), ("2. Trường THCS Lê Lợi,", L, 0),
]


@pytest.mark.parametrize(("text", "kind", "rank"), CLASSIFY, ids=[c[0][:30] for c in CLASSIFY])
def test_block_classification(text: str, kind: model.BlockKind, rank: int) -> None:
    assert classify(text) == (kind, rank)
    (block,) = parse_blocks(text + "\n")
    assert (block.kind, block.rank, block.text, block.number, block.line) == (kind, rank, text, 1, 1)


def test_parse_blocks_numbers_and_lines() -> None:
    blocks = parse_blocks("BÁO CÁO\n\nI. KẾT QUẢ\n\n- UBND phường;\n\n\nĐoạn cuối,\nhai dòng.\n")
    assert [(b.number, b.line, b.kind, b.rank) for b in blocks] == [(1, 1, P, 0), (2, 3, H, 2), (3, 5, L, 0), (4, 8, P, 0)]
    assert blocks[3].text == "Đoạn cuối,\nhai dòng."  # kept exactly as in the file
    assert blocks[2].anchor == "p-3"
    assert parse_blocks("") == () and parse_blocks("\n\n") == ()


# --------------------------------------------------------------------------- the seeds

SEED_IDS = {
    "000": "2023-long-xuyen-kinh-mon-bc-6",
    "001": "2024-tan-viet-thanh-ha-kh",
    "002": "2023-cam-xuyen-bc-6-thang",
    "003": "2023-my-quy-long-xuyen-bc-184",
    "004": "2023-ha-trung-bc-hdtdkt",
}
SEED_FILES = [DATA / folder / "original.txt" for folder in SEED_IDS.values()]


def seed(prefix: str) -> tuple[Normalised, tuple[model.Block, ...]]:
    path = DATA / SEED_IDS[prefix] / "original.txt"
    result = normalise(path.read_text(encoding="utf-8"))
    return result, parse_blocks(result.text)


def block_starting(blocks: tuple[model.Block, ...], start: str) -> model.Block:
    (block,) = [b for b in blocks if b.text.startswith(start)]
    return block


@pytest.mark.parametrize("path", SEED_FILES, ids=list(SEED_IDS))
def test_seed_keeps_every_word_and_is_idempotent(path: Path) -> None:
    raw = path.read_text(encoding="utf-8")
    result = normalise(raw)
    assert words_out(result) == words_in(raw)
    again = normalise(result.text)
    assert again == Normalised(text=result.text, furniture=(), signatures=())
    assert unicodedata.is_normalized("NFC", result.text)
    assert "\n\n\n" not in result.text and result.text.endswith("\n") and not result.text.endswith("\n\n")
    assert all(line == line.strip() for line in result.text.split("\n"))


def test_seed_001_signatures() -> None:
    result, blocks = seed("001")
    assert len(result.signatures) == 5
    assert result.signatures[0] == model.Signature(
        signer="Vũ Xuân Hào", email="vuxuanhao@haiduong.gov.vn",
        time="2024-01-26T13:28:43+0700", organisation="ỦY BAN NHÂN DÂN TỈNH HẢI DƯƠNG")
    assert [s.time for s in result.signatures[1:]] == [
        "2024-01-26T14:20:23+0700", "2024-01-26T14:20:30+0700", "2024-01-26T14:20:42+0700", "2024-01-26T14:20:55+0700"]
    assert {s.signer for s in result.signatures[1:]} == {"ỦY BAN NHÂN DÂN XÃ TÂN VIỆT"}
    assert {")", "5"} <= set(result.furniture)
    assert "đã ký" not in result.text and "CHỨNG THỰC" not in result.text
    assert blocks[-1].text == "vu Xuan Hao"


def test_seed_003_blocks() -> None:
    _, blocks = seed("003")
    heading = block_starting(blocks, "I. KẾT QUẢ")
    assert (heading.text, heading.kind, heading.rank) == ("I. KẾT QUẢ THỰC HIỆN CÔNG TÁC THI ĐUA, KHEN THƯỞNG NĂM 2023", H, 2)
    assert [b.text for b in blocks[:4]] == [
        "Số: 184/BC-UBND", "Mỹ Quý, ngày 26 tháng 12 năm 2023", "BÁO CÁO",
        "Tổng kết Thi đua, khen thưởng năm 2023 và phương hướng, nhiệm vụ năm 2024"]
    assert "cất nhà tình thương, giúp đỡ" in block_starting(blocks, "Trong năm qua, phường").text  # page break
    assert "“*năng suất, chất* lượng, hiệu quả”" in block_starting(blocks, "Phát động phong trào thi đua lao động").text
    assert block_starting(blocks, "III. PHƯƠNG HƯỚNG").rank == 2
    assert [b.kind for b in blocks if b.text.startswith("- ")] == [L] * 10


def test_seed_004_blocks() -> None:
    result, blocks = seed("004")
    paragraph = block_starting(blocks, "Thực hiện kế hoạch của HĐTĐ khen thưởng huyện Hà Trung")
    assert paragraph.kind is P and paragraph.text.endswith("cụ thể như sau:")
    assert "Hội đồng TĐKT thị trấn Hà Trung báo cáo" in paragraph.text
    assert [b.text for b in blocks[:6]] == [
        "UBND THỊ TRẤN HÀ TRUNG", "HĐ THI ĐUA – KHENTHƯỞNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc", "Số: /BC-HĐTĐKT Thị trấn Hà Trung, ngày tháng 12 năm 2023", "BÁO CÁO"]
    heading = block_starting(blocks, "II. KẾT QUẢ")
    assert (heading.text, heading.rank) == ("II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ CÔNG TÁC THI ĐUA KHEN THƯỞNG NĂM 2023:", 2)
    assert (block_starting(blocks, "Phần thứ nhất").rank, block_starting(blocks, "Phần thứ hai").rank) == (1, 1)
    assert block_starting(blocks, "2.4. Phong trào").text.endswith("trong sạch vững mạnh")
    assert block_starting(blocks, "2.1.1. Trên lĩnh vực kinh tế:").rank == 5
    assert result.furniture == ("9",)


def test_seed_000_blocks() -> None:
    _, blocks = seed("000")
    assert block_starting(blocks, "Ngay sau Hoi nghi").text.endswith("cac nhiém vu, chi tiéu, ké hoach dé ra.")
    assert (block_starting(blocks, "I1I. PANH GIA CHUNG").kind, block_starting(blocks, "I1I.").rank) == (H, 2)
    assert [b.text for b in blocks if b.rank == 1] == ["PHAN I", "PHAN I - PHUONG HUONG, NHIEM \\4Y NAM 2023"]
    assert block_starting(blocks, "I. PAC PIEM TiNH HINH").text == "I. PAC PIEM TiNH HINH"


# --------------------------------------------------------------------------- properties

VIETNAMESE = ["Năm", "thi", "đua", "khen", "thưởng", "hoà", "hòa", "Đảng", "ủy", "phường", "xã", "Việt", "Nam",
              "của", "được", "những", "người", "UBND", "HĐND", "nước.", "sau:", "đó;", "“Toàn", "dân”", "./."]
OCR = ["thwéng", "nhiém", "s6", "c6", "x3", "Pang", "PUA", "chirc", "dugc", "cta", "¢", "I1I.", "niim", "16n"]
LINES = ["PHẦN I", "Phần thứ hai:", "I.", "II-", "III -", "1.", "1.1.", "2.1.1.", "-", "+", "*", "•", "a)",
         "5", "- 3 -", "Trang 2", ")", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
         "Số: 184/BC-UBND", "BÁO CÁO", "UBND THỊ TRẤN HÀ TRUNG", "KẾT QUẢ THI ĐUA", "Nơi nhận:", "Kính gửi:",
         "2024-01-26T13:28:43+0700", "Vũ Xuân Hào<vuxuanhao@haiduong.gov.vn> đã ký lên văn bản này!",
         "Mỹ Quý, ngày 26 tháng 12 năm 2023", "Vũ Xuân Hào<vuxuanhao@haiduong.gov.vn>", "đã ký lên văn bản này!",
         "Trang", "3/10", "ỦY BAN NHÂN DÂN TỈNH HẢI DƯƠNG"]
SEPARATORS = [" ", " ", " ", "  ", "\t", "\n", "\n", "\n\n", "\n\n\n", "\r\n", "\r", "\x0c", "\x00", "\x85",
              "\u00a0", "\u2028", "\x1f", " \x07", "\ufeff"]
pieces = st.one_of(
    st.sampled_from(VIETNAMESE),
    st.sampled_from(OCR),
    st.sampled_from(LINES),
    st.sampled_from(VIETNAMESE).map(lambda w: unicodedata.normalize("NFD", w)),
    st.text(max_size=4),
)
texts = st.lists(st.tuples(pieces, st.sampled_from(SEPARATORS)), max_size=80).map(
    lambda parts: "".join(piece + sep for piece, sep in parts)
)
PROPERTY = settings(max_examples=200, deadline=None)


@PROPERTY
@given(texts)
def test_property_idempotent(text: str) -> None:
    once = normalise(text)
    assert normalise(once.text) == Normalised(text=once.text, furniture=(), signatures=())


@PROPERTY
@given(texts)
def test_property_no_word_lost(text: str) -> None:
    assert words_out(normalise(text)) == words_in(text)


@PROPERTY
@given(texts)
def test_property_output_is_nfc_without_controls(text: str) -> None:
    result = normalise(text)
    for part in (result.text, *result.furniture):
        assert unicodedata.is_normalized("NFC", part)
        assert all(c == "\n" or unicodedata.category(c) != "Cc" for c in part)
        assert "\ufeff" not in part


@PROPERTY
@given(st.one_of(texts, st.text()))
def test_property_never_raises_and_keeps_the_format(text: str) -> None:
    result = normalise(text)
    assert isinstance(result, Normalised)
    if result.text:
        assert result.text.endswith("\n") and not result.text.endswith("\n\n") and "\n\n\n" not in result.text
        lines = result.text[:-1].split("\n\n")
        assert all(line and line == line.strip() and "\n" not in line for line in lines)
        blocks = parse_blocks(result.text)
        assert [b.text for b in blocks] == lines
        assert [b.line for b in blocks] == [2 * n - 1 for n in range(1, len(lines) + 1)]
    else:  # nothing left in the text: every word went to furniture
        assert words_out(result) == words_in(text)
