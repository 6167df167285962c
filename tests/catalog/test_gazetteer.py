"""Units from the vietnamadminunits package, checked against the seeds' units (domain.md §3)."""
import datetime as dt

import pytest

from tdkt.model import Era, Level


@pytest.mark.parametrize(
    "uid, name, parent, province, successors",
    [
        ("xa-10738", "Phường Long Xuyên", "Thị xã Kinh Môn", "Tỉnh Hải Dương", ["Phường Kinh Môn"]),
        ("xa-10825", "Xã Tân Việt", "Huyện Thanh Hà", "Tỉnh Hải Dương", ["Xã Hà Bắc"]),
        ("xa-10966", "Xã Tân Việt", "Huyện Bình Giang", "Tỉnh Hải Dương", ["Xã Bình Giang"]),
        ("xa-30298", "Phường Mỹ Quý", "Thành phố Long Xuyên", "Tỉnh An Giang", ["Phường Long Xuyên"]),
        ("xa-15271", "Thị trấn Hà Trung", "Huyện Hà Trung", "Tỉnh Thanh Hóa", ["Xã Hà Trung", "Xã Hoạt Giang"]),
        ("huyen-446", "Huyện Cẩm Xuyên", "Tỉnh Hà Tĩnh", "Tỉnh Hà Tĩnh", []),
    ],
)
def test_seed_units(gazetteer, uid, name, parent, province, successors):
    unit = gazetteer.get(uid)
    assert unit.full_name == name
    assert gazetteer.get(unit.parent_id).full_name == parent
    assert gazetteer.get(unit.province_id).full_name == province
    assert [gazetteer.get(s).full_name for s in unit.successor_ids] == successors
    assert unit.era is Era.BEFORE_2025 and unit.valid_to == dt.date(2025, 6, 30) and unit.valid_from is None


def test_successors_are_in_the_new_provinces(gazetteer):
    kinh_mon = gazetteer.get(gazetteer.get("xa-10738").successor_ids[0])
    assert kinh_mon.id == "xa-10675-2025" and kinh_mon.era is Era.FROM_2025
    assert gazetteer.get(kinh_mon.province_id).full_name == "Thành phố Hải Phòng"
    assert kinh_mon.valid_from == dt.date(2025, 7, 1) and kinh_mon.valid_to is None


def test_reused_codes_are_distinct_units(gazetteer):
    old, new = gazetteer.get("xa-15271"), gazetteer.get("xa-15271-2025")
    assert (old.full_name, new.full_name) == ("Thị trấn Hà Trung", "Xã Hà Trung")


def test_districts_have_no_successor_but_a_note(gazetteer):
    district = gazetteer.get("huyen-292")
    assert district.level is Level.DISTRICT and district.successor_ids == ()
    assert "Cấp huyện không còn" in district.successor_note


def test_counts_match_the_package(gazetteer):
    units = gazetteer.units.values()
    count = lambda level, era: sum(1 for u in units if u.level is level and u.era is era)  # noqa: E731
    assert count(Level.PROVINCE, Era.BEFORE_2025) == 63
    assert count(Level.PROVINCE, Era.FROM_2025) == 34
    assert count(Level.COMMUNE, Era.FROM_2025) == 3321
    assert count(Level.DISTRICT, Era.BEFORE_2025) == 696
    assert gazetteer.source == "vietnamadminunits 1.0.4"


def test_a_kind_the_package_capitalises_is_still_the_kind(gazetteer):
    # the package writes 'Thị Xã Việt Yên' and 'Thành Phố Đồng Hới': the name is 'Việt Yên', not 'Thị Xã Việt Yên'
    assert (gazetteer.get("huyen-222").kind, gazetteer.get("huyen-222").name) == ("Thị xã", "Việt Yên")
    assert gazetteer.get("huyen-450").full_name == "Thành phố Đồng Hới"
    assert gazetteer.get("xa-19780").name == "Phường Đúc"  # the ward is called 'Phường Đúc': phường Phường Đúc
    assert not [u.id for u in gazetteer.units.values() if u.kind and u.name.lower().startswith(u.kind.lower() + " ")
                and u.id != "xa-19780"]
