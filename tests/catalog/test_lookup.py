"""Finding a unit's id from its name as people write it (``python build.py units``)."""
from __future__ import annotations

import pytest

from tdkt.catalog.lookup import describe, find_units
from tdkt.cli import main


@pytest.mark.parametrize("query,first", [
    ("xã Vạn Thắng, Nông Cống", "xa-16333"),
    ("Vạn Thắng, Nông Cống", "xa-16333"),
    ("van thang nong cong", "xa-16333"),          # no marks, the district after the name
    ("TT Hà Trung", "xa-15271"),                  # an abbreviated kind
    ("P. Long Xuyên, TX Kinh Môn", "xa-10738"),
    ("Vạn Thắng, Thanh Hóa", "xa-16333"),         # a province instead of the district
])
def test_names_as_people_write_them(gazetteer, query, first):
    assert [u.id for u in find_units(query, gazetteer)][:1] == [first]


def test_an_ambiguous_name_lists_every_unit_it_may_be(gazetteer):
    found = [u.id for u in find_units("xã Vạn Thắng", gazetteer)]
    assert "xa-16333" in found and len(found) >= 3
    assert all(u.level.value == "xa" for u in find_units("xã Vạn Thắng", gazetteer))


def test_a_line_says_where_and_when(gazetteer):
    line = describe(find_units("TT Hà Trung", gazetteer)[0], gazetteer)
    assert line.startswith("xa-15271\tThị trấn Hà Trung, Huyện Hà Trung, Tỉnh Thanh Hóa")
    assert "đến 30/06/2025" in line and "từ 01/7/2025: Xã Hà Trung" in line


def test_the_command(capsys):
    assert main(["units", "Vạn", "Thắng,", "Nông", "Cống"]) == 0
    assert capsys.readouterr().out.startswith("xa-16333\t")
    assert main(["units", "Không Có Nơi Này"]) == 1
    assert "Không tìm thấy" in capsys.readouterr().err
