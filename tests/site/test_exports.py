"""Open data (tdkt/site/exports.py): rows of the fixture archive, CSV quoting and formula protection,
determinism, and every resource validated against datapackage.json with frictionless, offline."""
from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
import socket
from pathlib import Path

import pytest

from tdkt.site import paths
from tdkt.site.exports import AWARDS, DATAPACKAGE, REPORTS, TABLES, UNITS, export_files, protect, render_data_page

BAO_CAO_CSV, BAO_CAO_JSON = "du-lieu/bao-cao.csv", "du-lieu/bao-cao.json"


def _csv_rows(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


@pytest.fixture(scope="module")
def files(fixture_catalog):
    return export_files(fixture_catalog)


@pytest.fixture
def offline(monkeypatch):
    """Any attempt to open a network connection fails the test."""
    def refuse(*args, **kwargs):
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def _validate(folder: Path) -> None:
    from frictionless import Package

    package = Package(str(folder / "datapackage.json"))
    report = package.validate()
    assert report.valid, report.flatten(["title", "rowNumber", "fieldName", "type", "note"])


def _write(files: dict[str, bytes], root: Path) -> Path:
    for path, data in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_bytes(data)
    return root / "du-lieu"


# --------------------------------------------------------------------------- rows of the fixture archive

REPORT_ROWS = [
    # CSV values, newest first (report_order: issue date, else the period's year)
    {"id": "2023-long-xuyen-hd-bc-1", "url": "bao-cao/2023-long-xuyen-hd-bc-1/", "title": "Tổng kết năm 2023",
     "doc_type": "bao-cao", "doc_number": "1/BC-UBND", "issuer": "Ủy ban nhân dân phường Long Xuyên",
     "unit_id": "xa-10738", "unit_name": "Phường Long Xuyên", "unit_level": "xa", "province_id": "tinh-30",
     "province": "Tỉnh Hải Dương", "issued": "2024-01-17", "place": "Long Xuyên", "period_year": "2023",
     "period_span": "year", "period_number": "", "period_end_year": "", "recipient": "",
     "signer": "Nguyễn Văn A", "signer_title": "Chủ tịch", "theme": "Đoàn kết <i>và</i> sáng tạo",
     "movements": "chuyen-doi-so", "text_quality": "clean", "source_file": "bc 1 (bản quét).txt",
     "original_url": "bao-cao/2023-long-xuyen-hd-bc-1/ban-goc.txt",
     "sha256": "e4ed7bb996f9e8a023ca3f38c8dad3b10c82d3cd10d465c713b463ebc6453d44"},
    {"id": "2024-tp-long-xuyen-kh", "url": "bao-cao/2024-tp-long-xuyen-kh/",
     "title": "Kế hoạch công tác thi đua năm 2024", "doc_type": "ke-hoach", "doc_number": "",
     "issuer": "Ủy ban nhân dân thành phố Long Xuyên", "unit_id": "huyen-883", "unit_name": "Thành phố Long Xuyên",
     "unit_level": "huyen", "province_id": "tinh-89", "province": "Tỉnh An Giang", "issued": "", "place": "",
     "period_year": "2024", "period_span": "year", "period_number": "", "period_end_year": "", "recipient": "",
     "signer": "", "signer_title": "", "theme": "", "movements": "dan-van-kheo", "text_quality": "ocr-restored",
     "source_file": "kh.txt", "original_url": "bao-cao/2024-tp-long-xuyen-kh/ban-goc.txt",
     "sha256": "f9d3d7db9b8585906fc6898f6b1437803c7c470f0afa22291ae60ee0bbb3b4f1"},
    {"id": "2023-tan-viet-bc-ocr", "url": "bao-cao/2023-tan-viet-bc-ocr/", "title": "Sơ kết 6 tháng đầu năm 2023",
     "doc_type": "bao-cao", "doc_number": "/BC-UBND", "issuer": "Ủy ban nhân dân xã Tân Việt",
     "unit_id": "xa-10966", "unit_name": "Xã Tân Việt", "unit_level": "xa", "province_id": "tinh-30",
     "province": "Tỉnh Hải Dương", "issued": "2023-06", "place": "", "period_year": "2023",
     "period_span": "first-half", "period_number": "", "period_end_year": "", "recipient": "", "signer": "",
     "signer_title": "", "theme": "", "movements": "", "text_quality": "ocr", "source_file": "so-ket.txt",
     "original_url": "bao-cao/2023-tan-viet-bc-ocr/ban-goc.txt",
     "sha256": "37f59ef01f639451a297ed8545818f39985e2a101b51649646eefd714099580a"},
]


def test_report_csv_rows_exactly(files):
    assert _csv_rows(files[BAO_CAO_CSV]) == REPORT_ROWS


@pytest.mark.parametrize("n, expected", list(enumerate(REPORT_ROWS)), ids=[r["id"] for r in REPORT_ROWS])
def test_report_json_row_matches_csv_with_nulls_ints_and_lists(files, n, expected):
    row = json.loads(files[BAO_CAO_JSON])[n]
    assert list(row) == [c.name for c in REPORTS.columns]
    for key, value in expected.items():
        got = row[key]
        if key == "movements":
            assert got == (value.split(";") if value else [])
        elif key in ("period_year", "period_number", "period_end_year"):
            assert got == (int(value) if value else None)
        else:
            assert got == (value or None), key


@pytest.mark.parametrize("report_id, doc_number, issued", [
    ("2023-tan-viet-bc-ocr", "/BC-UBND", "2023-06"),  # blank number and blank day stay blank
    ("2024-tp-long-xuyen-kh", "", ""),  # no number, no date: empty, never guessed
    ("2023-long-xuyen-hd-bc-1", "1/BC-UBND", "2024-01-17"),
])
def test_blank_number_and_day_stay_blank(files, report_id, doc_number, issued):
    row = {r["id"]: r for r in _csv_rows(files[BAO_CAO_CSV])}[report_id]
    assert (row["doc_number"], row["issued"]) == (doc_number, issued)


@pytest.mark.parametrize("unit_id, expected", [
    ("xa-10738", {"code": "10738", "level": "xa", "kind": "Phường", "name": "Long Xuyên",
                  "full_name": "Phường Long Xuyên", "parent_id": "huyen-292", "province_id": "tinh-30",
                  "valid_from": "", "valid_to": "2025-06-30", "successor_ids": "xa-10675-2025", "successor_note": "",
                  "report_count": "1"}),
    ("huyen-883", {"level": "huyen", "kind": "Thành phố", "parent_id": "tinh-89", "report_count": "1",
                   "successor_ids": "",
                   "successor_note": "Cấp huyện không còn từ ngày 01/7/2025; các xã, phường được sắp xếp lại."}),
    ("tinh-31-2025", {"level": "tinh", "kind": "Thành phố", "name": "Hải Phòng", "parent_id": "",
                      "province_id": "tinh-31-2025", "valid_from": "2025-07-01", "valid_to": "", "report_count": "0"}),
    ("huyen-292", {"report_count": "0", "valid_to": "2025-06-30"}),
])
def test_unit_rows(files, fixture_catalog, unit_id, expected):
    rows = _csv_rows(files["du-lieu/don-vi.csv"])
    assert [r["id"] for r in rows] == sorted(fixture_catalog.units)  # every unit, by id
    row = {r["id"]: r for r in rows}[unit_id]
    assert {k: row[k] for k in expected} == expected


def test_unit_json_lists_and_counts(files, fixture_catalog):
    rows = {r["id"]: r for r in json.loads(files["du-lieu/don-vi.json"])}
    assert rows["xa-10738"]["successor_ids"] == ["xa-10675-2025"] and rows["xa-10738"]["report_count"] == 1
    assert rows["tinh-31-2025"]["parent_id"] is None and rows["tinh-31-2025"]["valid_from"] == "2025-07-01"
    assert sum(r["report_count"] for r in rows.values()) == len(fixture_catalog.reports)


def test_awards_have_their_columns_and_the_fixture_rows(files):
    header = files["du-lieu/khen-thuong.csv"].decode("utf-8").splitlines(keepends=True)[0]
    assert header == ("report_id,anchor,form,authority,system,recipients,count,names,status,year,unit_id,"
                      "movement\n")
    assert [c.name for c in AWARDS.columns] == header.strip().split(",")
    assert len(json.loads(files["du-lieu/khen-thuong.json"])) == 2  # the fixture's awards.yml (rows: test_award_records)


# --------------------------------------------------------------------------- quoting, injection, determinism


def _hostile(catalog, **changes):
    first = sorted(catalog.reports, key=lambda r: r.id)[0]
    reports = tuple(dataclasses.replace(r, **changes) if r is first else r for r in catalog.reports)
    return dataclasses.replace(catalog, reports=reports), first.id


@pytest.mark.parametrize("field, value, in_csv, raw", [
    ("title", 'Tổng kết, "năm" 2023', 'Tổng kết, "năm" 2023', '"Tổng kết, ""năm"" 2023"'),
    ("title", "dòng một\ndòng hai", "dòng một\ndòng hai", '"dòng một\ndòng hai"'),
    ("theme", 'a "b", c\r\nd', 'a "b", c\r\nd', '"a ""b"", c\r\nd"'),
    ("theme", '=HYPERLINK("http://x.invalid","bấm")', '\'=HYPERLINK("http://x.invalid","bấm")',
     '"\'=HYPERLINK(""http://x.invalid"",""bấm"")"'),
    ("signer", "+84 912", "'+84 912", "'+84 912"),
    ("place", "-1+2", "'-1+2", "'-1+2"),
    ("recipient", "@SUM(A1:A9)", "'@SUM(A1:A9)", "'@SUM(A1:A9)"),
    ("signer_title", "'=1", "''=1", "''=1"),  # a leading ' is protected too, so dropping one ' always restores
    ("issuer", "\t=1", "'\t=1", "'\t=1"),
    ("issuer", "Ủy ban = 1", "Ủy ban = 1", "Ủy ban = 1"),  # only the first character matters
])
def test_csv_quoting_and_formula_protection(fixture_catalog, field, value, in_csv, raw):
    catalog, rid = _hostile(fixture_catalog, **{field: value})
    files = export_files(catalog)
    data = files[BAO_CAO_CSV]
    row = {r["id"]: r for r in _csv_rows(data)}[rid]
    assert row[field] == in_csv
    assert raw.encode("utf-8") in data
    assert row[field][1:] == value if in_csv != value else True
    assert {r["id"]: r for r in json.loads(files[BAO_CAO_JSON])}[rid][field] == value  # JSON keeps the value


@pytest.mark.parametrize("value, expected", [
    ("=1", "'=1"), ("+1", "'+1"), ("-1", "'-1"), ("@a", "'@a"), ("'x", "''x"), ("\rx", "'\rx"),
    ("", ""), ("a=1", "a=1"), ("Số 1", "Số 1"), ("/BC-UBND", "/BC-UBND"),
])
def test_protect(value, expected):
    assert protect(value) == expected


def test_line_endings_and_encoding(files):
    for path, data in files.items():
        if path.endswith(".csv"):
            text = data.decode("utf-8")
            assert not text.startswith("\ufeff") and text.endswith("\n") and "\r\n" not in text


def test_deterministic_whatever_the_input_order(fixture_catalog, files):
    shuffled = dataclasses.replace(
        fixture_catalog,
        reports=tuple(reversed(fixture_catalog.reports)),
        units=dict(reversed(list(fixture_catalog.units.items()))),
    )
    assert export_files(shuffled) == files == export_files(fixture_catalog)
    assert render_data_page(shuffled) == render_data_page(fixture_catalog)


# --------------------------------------------------------------------------- the data package


def test_datapackage_describes_every_csv(files):
    package = json.loads(files[DATAPACKAGE])
    assert package["profile"] == "tabular-data-package"
    resources = {r["name"]: r for r in package["resources"]}
    assert sorted(resources) == sorted(t.name for t in TABLES)
    for t in TABLES:
        res = resources[t.name]
        assert f"du-lieu/{res['path']}" in files
        assert (res["format"], res["encoding"], res["mediatype"]) == ("csv", "utf-8", "text/csv")
        assert [f["name"] for f in res["schema"]["fields"]] == [c.name for c in t.columns]
        header = files[f"du-lieu/{res['path']}"].decode("utf-8").split("\n", 1)[0]
        assert header.split(",") == [c.name for c in t.columns]
        for f in res["schema"]["fields"]:
            assert f["description"]
            if f["type"] == "string":
                assert "formula injection" in f["description"]
    assert resources["bao-cao"]["schema"]["primaryKey"] == ["id"]
    assert {"fields": "unit_id", "reference": {"resource": "don-vi", "fields": "id"}} in \
        resources["bao-cao"]["schema"]["foreignKeys"]
    licenses = [x["name"] for x in package["licenses"]]
    assert "other-pd" in licenses and "MIT" in licenses
    assert resources["don-vi"]["licenses"][0]["name"] == "MIT"
    assert "Điều 15" in resources["bao-cao"]["licenses"][0]["title"]


def test_every_resource_validates_offline(files, tmp_path, offline):
    _validate(_write(files, tmp_path))


def test_hostile_values_still_validate(fixture_catalog, tmp_path, offline):
    catalog, _ = _hostile(fixture_catalog, title='a, "b"\nc', theme="=1+1", signer="@x", place="-")
    _validate(_write(export_files(catalog), tmp_path))


def test_a_broken_file_fails_validation(files, tmp_path, offline):
    """The validation above can fail: a report pointing to a unit missing from don-vi.csv is caught."""
    folder = _write(files, tmp_path)
    units = (folder / "don-vi.csv").read_text(encoding="utf-8").split("\n")
    (folder / "don-vi.csv").write_text("\n".join(u for u in units if not u.startswith("xa-10738,")), encoding="utf-8")
    with pytest.raises(AssertionError):
        _validate(folder)


def test_the_award_schema_accepts_a_record_and_its_references(files, tmp_path, offline):
    """When award records exist, a row like this one must validate (and a wrong report id must not)."""
    folder = _write(files, tmp_path)
    good = "2023-long-xuyen-hd-bc-1,p-3,Giấy khen,Chủ tịch UBND phường,nha-nuoc,tập thể,12,,granted,2023,xa-10738,"
    with open(folder / "khen-thuong.csv", "a", encoding="utf-8") as f:
        f.write(good + "chuyen-doi-so\n")
    _validate(folder)
    with open(folder / "khen-thuong.csv", "a", encoding="utf-8") as f:
        f.write("khong-co,p-1,Bằng khen,,nha-nuoc,cá nhân,3,,granted,2023,,\n")
    with pytest.raises(AssertionError):
        _validate(folder)


# --------------------------------------------------------------------------- the page


def test_data_page_links_every_file_and_counts(fixture_catalog, files):
    page = render_data_page(fixture_catalog)
    targets = set(re.findall(r"\]\(([^)\s]+)\)", page))
    local = {t for t in targets if not t.startswith("http")}
    assert local == {paths.rel(paths.DATA, p) for p in files}
    assert "| Báo cáo / Reports |" in page and "| 3 |" in page and "| 2 |" in page
    assert "frictionless validate datapackage.json" in page and "Điều 15" in page and "MIT" in page


# --------------------------------------------------------------------------- the built site


@pytest.mark.slow
def test_built_site_serves_the_data_and_its_page(built_site, offline):
    folder = built_site / "du-lieu"
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    for res in package["resources"]:
        assert (folder / res["path"]).is_file()
    for name in ("bao-cao.json", "don-vi.json", "khen-thuong.json"):
        json.loads((folder / name).read_text(encoding="utf-8"))
    page = (folder / "index.html").read_text(encoding="utf-8")
    hrefs = set(re.findall(r'href="([^"#]+\.(?:csv|json))"', page))
    assert {"bao-cao.csv", "bao-cao.json", "don-vi.csv", "don-vi.json", "khen-thuong.csv", "khen-thuong.json",
            "datapackage.json"} <= hrefs
    for href in hrefs:
        assert (folder / href).is_file(), href
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'href="du-lieu/"' in home
    _validate(folder)  # the real archive, not just the fixture
