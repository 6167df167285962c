"""Kinds of issuing body: a name as written → its kind, never a guess."""
import pytest

from tdkt.catalog.issuers import BY_ID, kind_of, label


@pytest.mark.parametrize("name, kind", [
    ("Thủ tướng Chính phủ", "thu-tuong"),
    ("Chính phủ", "chinh-phu"),
    ("Bộ Nội vụ", "bo"),
    ("Ủy ban nhân dân tỉnh Cà Mau", "ubnd"),
    ("UBND xã Vạn Thắng", "ubnd"),
    ("Hội đồng TĐ–KT xã Vạn Thắng", "hoi-dong-tdkt"),
    ("Ban Thi đua-Khen thưởng Trung ương", "ban"),
    ("Sở Giáo dục và Đào tạo tỉnh Sơn La", "so"),
    ("Phòng Giáo dục và Đào tạo Diễn Châu", "phong"),
    ("Trường THCS Tràng Cát", "truong"),
    ("Liên đội trường THCS Thường Thới Hậu A", "doi"),
    ("Đảng ủy xã Xuân Phú", "dang"),
    ("Tỉnh đoàn Bắc Giang", "doan"),
    ("BCH Đoàn tỉnh Phú Yên", "doan"),
    ("Uỷ ban MTTQ Việt Nam tỉnh Bắc Giang", "mat-tran"),
    ("CĐCS TTYT Lâm Hà", "cong-doan"),
    ("Chi hội PN thôn Đông Mai", "hoi"),
    ("Cụm thi đua số 4", "cum-thi-dua"),
    ("Báo Quảng Nam", "bao"),
    ("Cổng thông tin điện tử huyện Phong Thổ", "bao"),
])
def test_kind_of_a_name_as_written(name, kind):
    assert kind_of(name) == kind
    assert label(kind) and label(kind) == BY_ID[kind].label


@pytest.mark.parametrize("name", ["", "Ban Chấp hành Trung ương", "CCS TTYT Lm H", "Nguyễn Văn A"])
def test_a_name_that_says_no_kind_gets_none(name):
    """"Ban Chấp hành Trung ương" could be the Party's or the Youth Union's: unknown, not a guess."""
    assert kind_of(name) == ""
    assert label("") == ""
