"""tdkt.ingest.address: the units a portal's web address names (real portals' addresses)."""
from __future__ import annotations

import datetime as dt

import pytest

from tdkt.catalog.gazetteer import load_gazetteer
from tdkt.ingest.address import labels, units_named

BEFORE = dt.date(2022, 6, 1)


@pytest.fixture(scope="module")
def g():
    return load_gazetteer()


def names(address, g, when=BEFORE):
    return [u.full_name for u in units_named(address, g, when).units]


def test_labels_leave_out_domains_and_portal_words():
    assert labels("http://vanthang.nongcong.gov.vn/web/trang-chu/x.html") == ["vanthang", "nongcong"]
    assert labels("https://www.quangnam.gov.vn/webcenter/portal") == ["quangnam"]
    assert labels("not a url at all") == []


@pytest.mark.parametrize("address,expected", [
    ("http://vanthang.nongcong.gov.vn/web/x.html", ["Huyện Nông Cống", "Xã Vạn Thắng"]),
    ("http://xacamha.hatinh.gov.vn/vi/laws/detail/x", ["Tỉnh Hà Tĩnh", "Xã Cẩm Hà"]),
    ("https://baoninhthuan.com.vn/news/1", ["Tỉnh Ninh Thuận"]),
    ("https://phongtho.laichau.gov.vn/tin-tuc", ["Tỉnh Lai Châu", "Huyện Phong Thổ"]),
    ("http://thanhba.phutho.gov.vn/x", ["Tỉnh Phú Thọ", "Huyện Thanh Ba"]),  # the huyện, not its thị trấn
    ("http://quan12.hochiminhcity.gov.vn/tintuc", ["Thành phố Hồ Chí Minh", "Quận 12"]),
    ("http://thquangchau.pgdvietyen.edu.vn/ket-qua", ["Thị xã Việt Yên", "Phường Quang Châu"]),
])
def test_portals_name_their_units(g, address, expected):
    assert names(address, g) == expected


@pytest.mark.parametrize("address", [
    "https://baomoi.net.vn/x",                    # a national site names no unit
    "https://123doc.top/document/1-doi-tntp",      # a document store
    "http://an.gov.vn/x",                          # too short to be read inside a label, and many units are 'An'
])
def test_an_address_that_names_no_unit_gives_none(g, address):
    assert names(address, g) == []


def test_a_name_several_units_share_is_left(g):
    # 'vanthang' alone: xã Vạn Thắng of Nông Cống, of Ba Vì and of Vạn Ninh; nothing to its right decides
    assert names("http://vanthang.gov.vn/", g) == []


def test_the_map_of_the_documents_date(g):
    after = dt.date(2025, 9, 1)
    assert [u.id for u in units_named("https://tayninh.gov.vn/x", g, after).units] == ["tinh-80-2025"]
    assert [u.id for u in units_named("https://tayninh.gov.vn/x", g, BEFORE).units] == ["tinh-72"]
    # Quảng Nam is not a province of the new map: an address of its old portal names nothing after 1 July 2025
    assert names("https://quangnam.gov.vn/x", g, after) == []
