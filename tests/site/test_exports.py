"""Open data (tdkt/site/exports.py, data_tables.py, data_rows.py): the CSV files read back as Excel reads them
(BOM, Vietnamese headers, labels beside codes, self-contained award rows with their link, unreviewed records
marked), quoting and formula protection, determinism, the datapackage against the CSV files, and every resource
validated with frictionless, offline."""
from __future__ import annotations

import codecs
import csv
import dataclasses
import datetime
import io
import json
import re
import socket
from pathlib import Path

import pytest

from tdkt.model import Status
from tdkt.site import paths
from tdkt.site.data_tables import REVIEWED, UNREVIEWED
from tdkt.site.exports import AWARDS, DATAPACKAGE, REPORTS, TABLES, UNITS, export_files, protect, render_data_page

BAO_CAO_CSV, BAO_CAO_JSON = "du-lieu/bao-cao.csv", "du-lieu/bao-cao.json"
KHEN_THUONG_CSV, KHEN_THUONG_JSON = "du-lieu/khen-thuong.csv", "du-lieu/khen-thuong.json"


def _excel(data: bytes, t) -> list[dict]:
    """The rows as Excel on Windows reads the file: a BOM says UTF-8 (without it, the ANSI code page), then the
    comma-separated, RFC 4180-quoted cells under the first row's headers. Checks the headers are the table's
    Vietnamese names, and returns each row keyed by the column's JSON key."""
    assert data.startswith(codecs.BOM_UTF8) and not data[3:].startswith(codecs.BOM_UTF8)
    reader = csv.reader(io.StringIO(data[3:].decode("utf-8"), newline=""), dialect="excel")
    header = next(reader)
    assert header == [c.name for c in t.columns]
    keys = [c.key for c in t.columns]
    return [dict(zip(keys, cells, strict=True)) for cells in reader]


def _csv_rows(data: bytes, t=REPORTS) -> list[dict]:
    return _excel(data, t)


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
    {"id": "2023-long-xuyen-hd-bc-1", "url": "bao-cao/2023-long-xuyen-hd-bc-1/", "reviewed": "đã rà soát",
     "title": "Tổng kết năm 2023", "doc_type": "bao-cao", "doc_type_name": "Báo cáo", "doc_number": "1/BC-UBND",
     "issuer": "Ủy ban nhân dân phường Long Xuyên", "unit_id": "xa-10738", "unit_name": "Phường Long Xuyên",
     "unit_level": "xa", "unit_level_name": "Cấp xã", "province_id": "tinh-30", "province": "Tỉnh Hải Dương",
     "issued": "2024-01-17", "place": "Long Xuyên", "period": "Năm 2023", "period_year": "2023",
     "period_span": "year", "period_number": "", "period_end_year": "", "period_name": "", "recipient": "",
     "signer": "Nguyễn Văn A", "signer_title": "Chủ tịch", "theme": "Đoàn kết <i>và</i> sáng tạo",
     "movements": "chuyen-doi-so", "movement_names": "Chuyển đổi số", "text_quality": "clean",
     "text_quality_name": "Bản gốc (văn bản số)", "source_file": "bc 1 (bản quét).txt",
     "original_url": "bao-cao/2023-long-xuyen-hd-bc-1/ban-goc.txt",
     "sha256": "e4ed7bb996f9e8a023ca3f38c8dad3b10c82d3cd10d465c713b463ebc6453d44"},
    {"id": "2024-tp-long-xuyen-kh", "url": "bao-cao/2024-tp-long-xuyen-kh/", "reviewed": "đã rà soát",
     "title": "Kế hoạch công tác thi đua năm 2024", "doc_type": "ke-hoach", "doc_type_name": "Kế hoạch",
     "doc_number": "", "issuer": "Ủy ban nhân dân thành phố Long Xuyên", "unit_id": "huyen-883",
     "unit_name": "Thành phố Long Xuyên", "unit_level": "huyen", "unit_level_name": "Cấp huyện",
     "province_id": "tinh-89", "province": "Tỉnh An Giang", "issued": "", "place": "", "period": "Năm 2024",
     "period_year": "2024", "period_span": "year", "period_number": "", "period_end_year": "", "period_name": "", "recipient": "",
     "signer": "", "signer_title": "", "theme": "", "movements": "dan-van-kheo", "movement_names": "Dân vận khéo",
     "text_quality": "ocr-restored", "text_quality_name": "OCR, dấu đã được máy khôi phục", "source_file": "kh.txt", "original_url": "bao-cao/2024-tp-long-xuyen-kh/ban-goc.txt",
     "sha256": "f9d3d7db9b8585906fc6898f6b1437803c7c470f0afa22291ae60ee0bbb3b4f1"},
    {"id": "2023-tan-viet-bc-ocr", "url": "bao-cao/2023-tan-viet-bc-ocr/", "reviewed": "đã rà soát",
     "title": "Sơ kết 6 tháng đầu năm 2023", "doc_type": "bao-cao", "doc_type_name": "Báo cáo",
     "doc_number": "/BC-UBND", "issuer": "Ủy ban nhân dân xã Tân Việt", "unit_id": "xa-10966",
     "unit_name": "Xã Tân Việt", "unit_level": "xa", "unit_level_name": "Cấp xã", "province_id": "tinh-30",
     "province": "Tỉnh Hải Dương", "issued": "2023-06", "place": "", "period": "6 tháng đầu năm 2023",
     "period_year": "2023", "period_span": "first-half", "period_number": "", "period_end_year": "", "period_name": "",
     "recipient": "", "signer": "", "signer_title": "", "theme": "", "movements": "", "movement_names": "",
     "text_quality": "ocr", "text_quality_name": "OCR, mất dấu tiếng Việt", "source_file": "so-ket.txt",
     "original_url": "bao-cao/2023-tan-viet-bc-ocr/ban-goc.txt",
     "sha256": "37f59ef01f639451a297ed8545818f39985e2a101b51649646eefd714099580a"},
]


def test_report_csv_rows_exactly(files):
    assert _csv_rows(files[BAO_CAO_CSV]) == REPORT_ROWS


@pytest.mark.parametrize("n, expected", list(enumerate(REPORT_ROWS)), ids=[r["id"] for r in REPORT_ROWS])
def test_report_json_row_matches_csv_with_nulls_ints_and_lists(files, n, expected):
    row = json.loads(files[BAO_CAO_JSON])[n]
    assert list(row) == [c.key for c in REPORTS.columns]
    for key, value in expected.items():
        got = row[key]
        if key in ("movements", "movement_names"):
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
                  "full_name": "Phường Long Xuyên", "parent_id": "huyen-292", "parent_name": "Thị xã Kinh Môn",
                  "province_id": "tinh-30", "province": "Tỉnh Hải Dương", "level_name": "Cấp xã",
                  "valid_from": "", "valid_to": "2025-06-30", "successor_ids": "xa-10675-2025",
                  "successor_names": "Phường Kinh Môn", "successor_note": "", "report_count": "1"}),
    ("huyen-883", {"level": "huyen", "kind": "Thành phố", "parent_id": "tinh-89", "report_count": "1",
                   "successor_ids": "",
                   "successor_note": "Cấp huyện không còn từ ngày 01/7/2025; các xã, phường được sắp xếp lại."}),
    ("tinh-31-2025", {"level": "tinh", "kind": "Thành phố", "name": "Hải Phòng", "parent_id": "",
                      "province_id": "tinh-31-2025", "valid_from": "2025-07-01", "valid_to": "", "report_count": "0"}),
    ("huyen-292", {"report_count": "0", "valid_to": "2025-06-30"}),
])
def test_unit_rows(files, fixture_catalog, unit_id, expected):
    rows = _csv_rows(files["du-lieu/don-vi.csv"], UNITS)
    assert [r["id"] for r in rows] == sorted(fixture_catalog.units)  # every unit, by id
    row = {r["id"]: r for r in rows}[unit_id]
    assert {k: row[k] for k in expected} == expected


def test_unit_json_lists_and_counts(files, fixture_catalog):
    rows = {r["id"]: r for r in json.loads(files["du-lieu/don-vi.json"])}
    assert rows["xa-10738"]["successor_ids"] == ["xa-10675-2025"] and rows["xa-10738"]["report_count"] == 1
    assert rows["tinh-31-2025"]["parent_id"] is None and rows["tinh-31-2025"]["valid_from"] == "2025-07-01"
    assert sum(r["report_count"] for r in rows.values()) == len(fixture_catalog.reports)


AWARD_ROWS = [
    # as Excel shows them: every column readable, every row self-contained
    {"report_id": "2023-long-xuyen-hd-bc-1", "report": "Báo cáo số 1/BC-UBND", "report_title": "Tổng kết năm 2023",
     "url": "bao-cao/2023-long-xuyen-hd-bc-1/#p-7", "anchor": "p-7", "reviewed": "đã rà soát",
     "form_id": "don-vi-quyet-thang", "form": "Đơn vị quyết thắng", "authority": "", "system": "nha-nuoc",
     "system_name": "Nhà nước", "recipients": "tập thể", "count": "1", "names": "Công an phường",
     "status": "granted", "status_name": "Đã tặng", "year": "2023", "unit_id": "xa-10738",
     "unit_name": "Phường Long Xuyên", "unit_level_name": "Cấp xã", "province_id": "tinh-30",
     "province": "Tỉnh Hải Dương", "movement": "", "movement_name": ""},
    {"report_id": "2023-long-xuyen-hd-bc-1", "report": "Báo cáo số 1/BC-UBND", "report_title": "Tổng kết năm 2023",
     "url": "bao-cao/2023-long-xuyen-hd-bc-1/#p-9", "anchor": "p-9", "reviewed": "chưa rà soát",  # reviewed: "no"
     "form_id": "giay-khen", "form": "Giấy khen", "authority": "Chủ tịch UBND phường <b>x</b> | *y*",
     "system": "nha-nuoc", "system_name": "Nhà nước", "recipients": "cá nhân", "count": "12",
     "names": "'=Nguyễn Văn A;[Trần](javascript:alert(1))", "status": "proposed", "status_name": "Đề nghị",
     "year": "2023", "unit_id": "xa-10738", "unit_name": "Phường Long Xuyên", "unit_level_name": "Cấp xã",
     "province_id": "tinh-30", "province": "Tỉnh Hải Dương", "movement": "chuyen-doi-so",
     "movement_name": "Chuyển đổi số"},
]


def test_award_rows_as_excel_reads_them(files):
    assert _excel(files[KHEN_THUONG_CSV], AWARDS) == AWARD_ROWS
    assert len(json.loads(files[KHEN_THUONG_JSON])) == 2  # the fixture's awards.yml (rows: test_award_records)


def test_excel_sees_vietnamese_headers_and_text(files):
    """The first bytes are the BOM, then the Vietnamese header: what makes Excel decode UTF-8, not cp1258."""
    data = files[KHEN_THUONG_CSV]
    assert data.startswith(codecs.BOM_UTF8 + "Mã báo cáo,Báo cáo,Trích yếu báo cáo,".encode("utf-8"))
    with pytest.raises(UnicodeDecodeError):  # what Excel did without the BOM: the bytes read as the ANSI page
        data[3:].decode("ascii")
    for t in TABLES:
        for c in t.columns:
            assert not c.name.isascii(), c.name  # a Vietnamese header
        assert len({c.name for c in t.columns}) == len(t.columns)


def test_every_code_column_has_its_label_beside_it(files):
    """A clerk reads every column: each column of codes is followed by one of Vietnamese words."""
    pairs = {REPORTS.name: [("doc_type", "doc_type_name"), ("unit_level", "unit_level_name"), ("period_span", None),
                       ("movements", "movement_names"), ("text_quality", "text_quality_name")],
             UNITS.name: [("level", "level_name"), ("successor_ids", "successor_names"), ("parent_id", "parent_name"),
                     ("province_id", "province")],
             AWARDS.name: [("system", "system_name"), ("status", "status_name"), ("movement", "movement_name"),
                      ("unit_id", "unit_name"), ("form_id", "form")]}
    for t in TABLES:
        columns = pairs[t.name]
        keys = [c.key for c in t.columns]
        for code, label in columns:
            if label is None:  # the period: its words are the column "Kỳ báo cáo" before the codes
                assert keys.index("period") < keys.index(code)
                continue
            assert keys.index(label) == keys.index(code) + 1 or keys.index(label) == keys.index(code) - 1, (code, label)
    row = _excel(files[KHEN_THUONG_CSV], AWARDS)[0]
    assert (row["system"], row["system_name"], row["status"], row["status_name"]) == \
        ("nha-nuoc", "Nhà nước", "granted", "Đã tặng")


def test_an_award_row_links_to_its_paragraph(files, fixture_catalog):
    reports = {r.id: r for r in fixture_catalog.reports}
    for row in _excel(files[KHEN_THUONG_CSV], AWARDS):
        report = reports[row["report_id"]]
        assert row["url"] == f"bao-cao/{report.id}/#{row['anchor']}"  # the page MkDocs serves, its ¶ anchor
        assert paths.served(paths.report(report)) + "#" + row["anchor"] == row["url"]
        assert int(row["anchor"][2:]) in {b.number for b in report.blocks}


def test_links_are_absolute_when_the_site_address_is_given(fixture_catalog):
    files = export_files(fixture_catalog, site_url="https://thiduakhenthuong.example.vn/kho")
    row = _excel(files[KHEN_THUONG_CSV], AWARDS)[0]
    assert row["url"] == "https://thiduakhenthuong.example.vn/kho/bao-cao/2023-long-xuyen-hd-bc-1/#p-7"
    report = _csv_rows(files[BAO_CAO_CSV])[0]
    assert report["url"] == "https://thiduakhenthuong.example.vn/kho/bao-cao/2023-long-xuyen-hd-bc-1/"
    assert report["original_url"] == \
        "https://thiduakhenthuong.example.vn/kho/bao-cao/2023-long-xuyen-hd-bc-1/ban-goc.txt"
    page = render_data_page(fixture_catalog, site_url="https://thiduakhenthuong.example.vn/kho/")
    assert "là địa chỉ đầy đủ" in page and "ghép địa chỉ trang chủ phía trước để mở, ví dụ" not in page
    assert "ghép địa chỉ trang chủ phía trước để mở, ví dụ" in render_data_page(fixture_catalog)
    assert export_files(fixture_catalog, site_url=None) == export_files(fixture_catalog, site_url="")


def _replace_report(catalog, report_id, **changes):
    reports = tuple(dataclasses.replace(r, **changes) if r.id == report_id else r for r in catalog.reports)
    return dataclasses.replace(catalog, reports=reports)


def test_an_unreviewed_record_is_never_shown_reviewed(files):
    rows = _excel(files[KHEN_THUONG_CSV], AWARDS)
    assert [(r["anchor"], r["reviewed"]) for r in rows] == [("p-7", REVIEWED), ("p-9", UNREVIEWED)]
    assert [r["reviewed"] for r in json.loads(files[KHEN_THUONG_JSON])] == [REVIEWED, UNREVIEWED]


def test_the_records_of_a_draft_report_are_unreviewed(fixture_catalog):
    """A draft's records are proposals: even one marked reviewed: "yes" is not shown as reviewed."""
    catalog = _replace_report(fixture_catalog, "2023-long-xuyen-hd-bc-1", status=Status.DRAFT)
    files = export_files(catalog)
    assert [r["reviewed"] for r in _excel(files[KHEN_THUONG_CSV], AWARDS)] == [UNREVIEWED, UNREVIEWED]
    reports = {r["id"]: r["reviewed"] for r in _csv_rows(files[BAO_CAO_CSV])}
    assert reports == {"2023-long-xuyen-hd-bc-1": UNREVIEWED, "2024-tp-long-xuyen-kh": REVIEWED,
                       "2023-tan-viet-bc-ocr": REVIEWED}
    assert "Hiện có 1 báo cáo và 2 nội dung khen thưởng chưa rà soát." in render_data_page(catalog)


def test_a_count_the_text_does_not_state_is_empty_not_zero(fixture_catalog):
    report = {r.id: r for r in fixture_catalog.reports}["2023-long-xuyen-hd-bc-1"]
    awards = (dataclasses.replace(report.awards[0], count=None), dataclasses.replace(report.awards[1], count=0))
    files = export_files(_replace_report(fixture_catalog, report.id, awards=awards))
    assert [r["count"] for r in _excel(files[KHEN_THUONG_CSV], AWARDS)] == ["", "0"]
    assert [r["count"] for r in json.loads(files[KHEN_THUONG_JSON])] == [None, 0]


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
            assert text.startswith("\ufeff") and text.count("\ufeff") == 1  # one BOM, first
            assert text.endswith("\n") and "\r\n" not in text
        else:
            assert not data.startswith(codecs.BOM_UTF8)  # JSON: RFC 8259 forbids a BOM


def test_deterministic_whatever_the_input_order(fixture_catalog, files):
    shuffled = dataclasses.replace(
        fixture_catalog,
        reports=tuple(reversed(fixture_catalog.reports)),
        units=dict(reversed(list(fixture_catalog.units.items()))),
    )
    assert export_files(shuffled) == files == export_files(fixture_catalog)
    assert render_data_page(shuffled) == render_data_page(fixture_catalog)


# --------------------------------------------------------------------------- the data package


def _check_cell(field: dict, value: str) -> None:
    """One CSV cell against its field of datapackage.json, as a validator reads it (blank is null)."""
    constraints = field.get("constraints", {})
    if value == "":
        assert not constraints.get("required"), field["name"]
        return
    if field["type"] == "integer":
        assert re.fullmatch(r"-?[0-9]+", value), (field["name"], value)
    elif field["type"] == "date":
        datetime.date.fromisoformat(value)
    else:
        assert field["type"] == "string", field
    if "enum" in constraints:
        assert value in constraints["enum"], (field["name"], value)
    if "pattern" in constraints:
        assert re.fullmatch(constraints["pattern"], value), (field["name"], value)


def test_datapackage_describes_every_csv(files):
    """Without frictionless: each resource's fields are the CSV's headers, in order, and every cell fits its type
    and constraints; keys name real headers; the encoding is the IANA name UTF-8 (the BOM is its signature)."""
    package = json.loads(files[DATAPACKAGE])
    assert package["profile"] == "tabular-data-package"
    resources = {r["name"]: r for r in package["resources"]}
    assert sorted(resources) == sorted(t.name for t in TABLES)
    for t in TABLES:
        res = resources[t.name]
        data = files[f"du-lieu/{res['path']}"]
        assert (res["format"], res["encoding"], res["mediatype"]) == ("csv", "utf-8", "text/csv")
        assert "BOM" in res["description"]
        fields = res["schema"]["fields"]
        reader = csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""))
        header = next(reader)
        assert header == [f["name"] for f in fields] == [c.name for c in t.columns]
        rows = list(reader)
        assert rows
        for cells in rows:
            assert len(cells) == len(fields)
            for field, value in zip(fields, cells):
                _check_cell(field, value)
        for field, column in zip(fields, t.columns):
            assert f"JSON key: {column.key}." in field["description"]
            if field["type"] == "string":
                assert "formula injection" in field["description"]
        for key in res["schema"].get("primaryKey", []):
            assert key in header
        for fk in res["schema"].get("foreignKeys", []):
            other = resources[fk["reference"]["resource"] or t.name]
            assert fk["fields"] in header and fk["reference"]["fields"] in [f["name"] for f in other["schema"]["fields"]]
    assert resources["bao-cao"]["schema"]["primaryKey"] == ["Mã báo cáo"]
    assert {"fields": "Mã đơn vị", "reference": {"resource": "don-vi", "fields": "Mã đơn vị"}} in \
        resources["bao-cao"]["schema"]["foreignKeys"]
    assert {"fields": "Mã báo cáo", "reference": {"resource": "bao-cao", "fields": "Mã báo cáo"}} in \
        resources["khen-thuong"]["schema"]["foreignKeys"]
    licenses = [x["name"] for x in package["licenses"]]
    assert "other-pd" in licenses and "MIT" in licenses
    assert resources["don-vi"]["licenses"][0]["name"] == "MIT"
    assert "Điều 15" in resources["bao-cao"]["licenses"][0]["title"]


def test_the_json_twins_have_the_same_rows_under_ascii_keys(files):
    for t in TABLES:
        rows = json.loads(files[f"du-lieu/{t.json_path}"])
        assert all(list(row) == [c.key for c in t.columns] for row in rows)
        assert all(c.key.isascii() for c in t.columns)
        assert len(rows) == len(_excel(files[f"du-lieu/{t.csv_path}"], t))


def test_every_resource_validates_offline(files, tmp_path, offline):
    _validate(_write(files, tmp_path))


def test_frictionless_reads_the_bom_as_utf8(files, tmp_path, offline):
    """The declared encoding "utf-8" and the BOM: frictionless reads the first header without the BOM."""
    from frictionless import Resource

    folder = _write(files, tmp_path)
    resource = Resource(str(folder / "khen-thuong.csv"))
    with resource:
        assert resource.header[0] == "Mã báo cáo" and resource.encoding == "utf-8-sig"


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


def _append(path: Path, cells: list[str]) -> None:
    with open(path, "a", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerow(cells)


def test_the_award_schema_accepts_a_record_and_its_references(files, tmp_path, offline):
    """A row like the fixture's must validate; a wrong report id, an unknown review value must not."""
    folder = _write(files, tmp_path)
    row = dict(AWARD_ROWS[0], anchor="p-3", url="bao-cao/2023-long-xuyen-hd-bc-1/#p-3", count="")
    _append(folder / "khen-thuong.csv", [row[c.key] for c in AWARDS.columns])
    _validate(folder)
    for bad in ({"report_id": "khong-co"}, {"reviewed": "đã duyệt"}, {"count": "0,5"}):
        folder = _write(files, tmp_path / next(iter(bad)))
        _append(folder / "khen-thuong.csv", [dict(row, **bad)[c.key] for c in AWARDS.columns])
        with pytest.raises(AssertionError):
            _validate(folder)


# --------------------------------------------------------------------------- the page

ENGLISH = re.compile(r"\b(the|of|and|with|report|reports|unit|units|award|relative|formula|status|reviewed|"
                     r"draft|encoding|header|column|file|files)\b", re.IGNORECASE)


def test_data_page_links_every_file_and_counts(fixture_catalog, files):
    page = render_data_page(fixture_catalog)
    targets = set(re.findall(r"\]\(([^)\s]+)\)", page))
    local = {t for t in targets if not t.startswith("http")}
    assert local == {paths.rel(paths.DATA, p) for p in files}
    assert "| Báo cáo | Mỗi dòng" in page and "| 3 |" in page and "| 2 |" in page
    assert "frictionless validate datapackage.json" in page and "Điều 15" in page and "MIT" in page


def test_data_page_explains_every_column_in_vietnamese(fixture_catalog):
    page = render_data_page(fixture_catalog)
    for t in TABLES:
        for c in t.columns:
            assert f"| {c.name} | `{c.key}` |" in page.replace("&lt;", "<").replace("&gt;", ">"), c.name
    for phrase in ("UTF-8 có BOM", "Tình trạng rà soát", "chưa rà soát", "để trống (không phải 0)",
                   "Liên kết đến đoạn văn", "Từ Văn bản/CSV"):
        assert phrase in page, phrase
    assert "Hiện có 0 báo cáo và 1 nội dung khen thưởng chưa rà soát." in page
    prose = re.sub(r"`[^`]*`|\([^)]*\.(?:csv|json)\)", "", page)  # code spans and file links aside
    assert not ENGLISH.findall(prose), ENGLISH.findall(prose)
    assert "/ Reports" not in page and " / " not in prose


def test_every_description_is_vietnamese_then_english():
    """The page shows the part before " / ": there must be exactly one."""
    for t in TABLES:
        for c in t.columns:
            assert c.description.count(" / ") == 1, (t.name, c.key)
            assert not ENGLISH.findall(c.vietnamese), (t.name, c.key, c.vietnamese)


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


# --------------------------------------------------------------------------- rows remembered (row_memory)


def test_the_json_files_are_laid_out_as_json_writes_them(fixture_catalog):
    """The files are joined from each row's text (``json_object``): exactly ``json.dumps(rows, indent=1)``, hostile
    text included."""
    catalog, _ = _hostile(fixture_catalog, title='dòng một\ndòng hai "x" \\ \u2028 \t', theme="{[,]}: \n ")
    for files in (export_files(catalog), export_files(dataclasses.replace(catalog, reports=()))):
        for path, data in files.items():
            if path.endswith(".json"):
                assert data == (json.dumps(json.loads(data), ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _keyed(catalog, **keys):
    return dataclasses.replace(catalog, record_keys={**{r.id: f"key-{r.id}" for r in catalog.reports}, **keys})


def test_remembered_rows_give_the_same_bytes_and_only_a_changed_report_is_made_again(fixture_catalog, tmp_path):
    from tdkt.site.row_memory import open_rows

    def memory():
        return open_rows(tmp_path / "cache", tmp_path / "docs")

    catalog = _keyed(fixture_catalog)
    fresh = export_files(catalog)
    first = memory()
    assert export_files(catalog, memory=first) == fresh and first.made == len(catalog.reports)
    first.save()
    again = memory()
    assert export_files(catalog, memory=again) == fresh and again.made == 0
    edited, rid = _hostile(catalog, title="Tiêu đề đã sửa")
    # the same record key says the same record: the remembered text is what is written (so the memory is used)
    assert export_files(edited, memory=memory()) == fresh
    edited = _keyed(edited, **{rid: "key-edited"})
    changed = memory()
    assert export_files(edited, memory=changed) == export_files(edited) != fresh and changed.made == 1
    changed.save()
    elsewhere = memory()  # another site address: every link changes, every row is made again
    url = "https://thiduakhenthuong.example.vn/kho"
    assert export_files(edited, site_url=url, memory=elsewhere) == export_files(edited, site_url=url)
    assert elsewhere.made == len(catalog.reports)


def test_rows_without_a_record_key_are_never_remembered(fixture_catalog, tmp_path):
    from tdkt.site.row_memory import open_rows

    first = open_rows(tmp_path / "cache", tmp_path / "docs")
    export_files(fixture_catalog, memory=first)
    first.save()
    again = open_rows(tmp_path / "cache", tmp_path / "docs")
    assert export_files(fixture_catalog, memory=again) == export_files(fixture_catalog)
    assert again.made == len(fixture_catalog.reports) and again.known == {}
