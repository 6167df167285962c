"""The catalogue: valid data becomes records; bad data becomes precise messages, all in one run."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tdkt.catalog.load import load_catalog
from tdkt.model import BlockKind, Era, Span, TextQuality
from tdkt.problems import Problems

from tests.conftest import FIXTURE


def copy_fixture(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    shutil.copytree(FIXTURE, root)
    return root


def load(root, gazetteer):
    problems = Problems()
    catalog = load_catalog(root, gazetteer, problems)
    return catalog, [p.format() for p in problems]


def edit(root: Path, report: str, old: str, new: str) -> None:
    path = root / "reports" / report / "report.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_fixture_loads_into_typed_records(fixture_catalog):
    reports = {r.id: r for r in fixture_catalog.reports}
    r = reports["2023-long-xuyen-hd-bc-1"]
    assert r.unit.full_name == "Phường Long Xuyên" and r.unit.era is Era.BEFORE_2025
    assert r.issued.iso() == "2024-01-17" and r.period.span is Span.YEAR and r.period.year == 2023
    assert r.text_quality is TextQuality.CLEAN
    assert [m.id for m in r.movements] == ["chuyen-doi-so"]
    assert r.source.sha256.startswith("e4ed7bb9") and r.source.path == "reports/2023-long-xuyen-hd-bc-1/original.txt"
    assert r.blocks[4].kind is BlockKind.HEADING and r.blocks[4].text == "I. KẾT QUẢ"
    assert reports["2023-tan-viet-bc-ocr"].issued.iso() == "2023-06"
    assert reports["2024-tp-long-xuyen-kh"].issued is None  # not stated: not guessed


def test_units_include_parents_and_successors(fixture_catalog):
    names = {u.full_name for u in fixture_catalog.units.values()}
    assert {"Thị xã Kinh Môn", "Tỉnh Hải Dương", "Phường Kinh Môn", "Thành phố Hải Phòng"} <= names


BAD_EDITS = [
    ('issued: "2024-01-17"', 'issued: "32/13/2023"',
     'data/reports/2023-long-xuyen-hd-bc-1/report.yml:7:9: error[R102] issued: "32/13/2023" is not a date. '
     "Fix: write YYYY-MM-DD, or YYYY-MM when the day is blank"),
    ("unit: xa-10738", "unit: xa-99999",
     'data/reports/2023-long-xuyen-hd-bc-1/report.yml:6:7: error[R106] unit: "xa-99999" is not a unit of the '
     "gazetteer. Fix: write <level>-<official code>, e.g. xa-10738, or xa-10675-2025 for a unit from 1/7/2025"),
    ("unit: xa-10738", "unit: xa-10675-2025",
     "data/reports/2023-long-xuyen-hd-bc-1/report.yml:6:7: error[R107] unit: Phường Kinh Môn (xa-10675-2025) did "
     "not exist on 2024-01-17. Fix: use the unit as it was on the report's date"),
    ("movements: [chuyen-doi-so]", "movements: [chuyen-doi]",
     'data/reports/2023-long-xuyen-hd-bc-1/report.yml:16:13: error[R106] movements: "chuyen-doi" is not in '
     "vocab/movements.yml. Fix: use an id from that file, or add the movement there"),
    ("doc_type: bao-cao", "doc_type: bc",
     'data/reports/2023-long-xuyen-hd-bc-1/report.yml:3:11: error[R106] doc_type: "bc" is not in '
     "vocab/doc_types.yml. Fix: use one of: bao-cao, ke-hoach"),
    ('  year: "2023"', '  year: "năm 2023"',
     'data/reports/2023-long-xuyen-hd-bc-1/report.yml:10:9: error[R103] period.year: "năm 2023" is not a whole '
     "number from 1945 to 2100. Fix: write a number such as 1945"),
    ("  span: year", "  span: annual",
     'data/reports/2023-long-xuyen-hd-bc-1/report.yml:11:9: error[R104] period.span: "annual" is not one of: '
     "year, first-half, second-half, quarter, month, term, nine-months, school-year, semester, event. Fix: use one of the "
     "listed values"),
    ("  span: year", '  span: year\n  name: "kỷ niệm 40 năm Ngày Nhà giáo Việt Nam"',
     'data/reports/2023-long-xuyen-hd-bc-1/report.yml:12:9: error[R103] period.name: only an event (span: event) has a '
     "name. Fix: remove `name`, or write `span: event`"),
    ("text_quality: clean", "text_quality: good",
     'data/reports/2023-long-xuyen-hd-bc-1/report.yml:17:15: error[R104] text_quality: "good" is not one of: '
     "clean, ocr, ocr-restored, legacy-encoding. Fix: use one of the listed values"),
    ('title: "Tổng kết năm 2023"', 'title: ""',
     "data/reports/2023-long-xuyen-hd-bc-1/report.yml:2:8: error[R101] title: is required but missing or empty. "
     "Fix: add `title: ...`"),
    ("sha256: e4ed7bb9", "sha256: 00ed7bb9",
     "data/reports/2023-long-xuyen-hd-bc-1/report.yml:21:11: error[F003] source.sha256: the original's SHA-256 is "
     "e4ed7bb996f9e8a023ca3f38c8dad3b10c82d3cd10d465c713b463ebc6453d44, not "
     "00ed7bb996f9e8a023ca3f38c8dad3b10c82d3cd10d465c713b463ebc6453d44. "
     "Fix: restore the original file; if the recorded value is wrong, correct it"),
    ("issuer:", "isuer:",
     "data/reports/2023-long-xuyen-hd-bc-1/report.yml:2:1: error[R101] issuer: is required but missing or empty. "
     "Fix: add `issuer: ...`"),
]


@pytest.mark.parametrize("old, new, message", BAD_EDITS)
def test_bad_metadata_is_reported_precisely(tmp_path, gazetteer, old, new, message):
    root = copy_fixture(tmp_path)
    edit(root, "2023-long-xuyen-hd-bc-1", old, new)
    catalog, messages = load(root, gazetteer)
    assert message in messages
    assert "2023-long-xuyen-hd-bc-1" not in {r.id for r in catalog.reports}  # never published half-valid


def test_an_event_period_keeps_its_name(tmp_path, gazetteer):
    root = copy_fixture(tmp_path)
    edit(root, "2023-long-xuyen-hd-bc-1", "  span: year", '  span: event\n  name: "kỷ niệm 40 năm Ngày Nhà giáo Việt Nam"')
    catalog, messages = load(root, gazetteer)
    assert messages == []
    r = next(r for r in catalog.reports if r.id == "2023-long-xuyen-hd-bc-1")
    assert r.period.span.value == "event" and r.period.year == 2023
    assert r.period.label() == "Kỷ niệm 40 năm Ngày Nhà giáo Việt Nam, năm 2023"


def test_every_problem_of_a_run_is_reported_together(tmp_path, gazetteer):
    root = copy_fixture(tmp_path)
    edit(root, "2023-long-xuyen-hd-bc-1", 'issued: "2024-01-17"', 'issued: "2024-13-01"')
    edit(root, "2023-tan-viet-bc-ocr", "unit: xa-10966", "unit: tinh-99")
    (root / "reports" / "2024-tp-long-xuyen-kh" / "text.txt").unlink()
    _, messages = load(root, gazetteer)
    codes = sorted(m.split("[")[1][:4] for m in messages)
    assert codes == ["F001", "R102", "R106"]


def test_unknown_key_is_a_warning_with_a_suggestion(tmp_path, gazetteer):
    root = copy_fixture(tmp_path)
    edit(root, "2023-long-xuyen-hd-bc-1", "notes:", "signertitle: x\nnotes:")
    catalog, messages = load(root, gazetteer)
    assert ("data/reports/2023-long-xuyen-hd-bc-1/report.yml:28:1: warning[Y004] signertitle: unknown key. "
            "Fix: did you mean 'signer_title'?") in messages
    assert len(catalog.reports) == 3  # a warning does not drop the report


def test_folder_name_must_be_a_slug(tmp_path, gazetteer):
    root = copy_fixture(tmp_path)
    (root / "reports" / "2023-tan-viet-bc-ocr").rename(root / "reports" / "Bad Name")
    _, messages = load(root, gazetteer)
    assert ('data/reports/Bad Name: error[R105] id: folder name "Bad Name" is not a valid report id. '
            "Fix: rename the folder to lowercase ASCII letters, digits and hyphens") in messages


def test_original_outside_the_folder_is_refused(tmp_path, gazetteer):
    root = copy_fixture(tmp_path)
    edit(root, "2023-tan-viet-bc-ocr", "original: original.txt", "original: ../../vocab/movements.yml")
    _, messages = load(root, gazetteer)
    assert any("error[R104] source.original:" in m and "must be a file name in the report folder" in m
               for m in messages)


def test_not_utf8_text_is_reported(tmp_path, gazetteer):
    root = copy_fixture(tmp_path)
    (root / "reports" / "2023-tan-viet-bc-ocr" / "text.txt").write_bytes("Báo cáo".encode("cp1258"))
    _, messages = load(root, gazetteer)
    assert ("data/reports/2023-tan-viet-bc-ocr/text.txt: error[F002] is not UTF-8 (byte 1). "
            "Fix: save it as UTF-8") in messages


def test_issuer_kind_is_read_from_the_name_unless_written(tmp_path, gazetteer):
    root = copy_fixture(tmp_path)
    catalog, _ = load(root, gazetteer)
    before = {r.id: r for r in catalog.reports}["2023-long-xuyen-hd-bc-1"]
    assert before.issuer_kind == "ubnd" and before.issuer_parent == ""  # "Ủy ban nhân dân phường …"
    edit(root, "2023-long-xuyen-hd-bc-1", "issuer:", 'issuer_kind: "so"\nissuer_parent: "UBND tỉnh Hải Dương"\nissuer:')
    catalog, messages = load(root, gazetteer)
    after = {r.id: r for r in catalog.reports}["2023-long-xuyen-hd-bc-1"]
    assert (after.issuer_kind, after.issuer_parent) == ("so", "UBND tỉnh Hải Dương")
    assert not [m for m in messages if "issuer" in m]


def test_an_unknown_issuer_kind_is_an_error(tmp_path, gazetteer):
    root = copy_fixture(tmp_path)
    edit(root, "2023-long-xuyen-hd-bc-1", "issuer:", 'issuer_kind: "ministry"\nissuer:')
    catalog, messages = load(root, gazetteer)
    assert any('error[R104] issuer_kind: "ministry" is not one of: quoc-hoi' in m for m in messages)
    assert "2023-long-xuyen-hd-bc-1" not in {r.id for r in catalog.reports}


def test_the_source_address_is_kept_and_shown(tmp_path, gazetteer):
    from tdkt.site.report_page import _provenance
    root = copy_fixture(tmp_path)
    edit(root, "2023-long-xuyen-hd-bc-1", "  encoding: utf-8", '  encoding: utf-8\n  address: "https://x.gov.vn/a?b=1&c=2"')
    catalog, messages = load(root, gazetteer)
    assert messages == []
    r = next(r for r in catalog.reports if r.id == "2023-long-xuyen-hd-bc-1")
    assert r.source.address == "https://x.gov.vn/a?b=1&c=2"
    shown = "".join(_provenance(r, "bao-cao/x/index.md"))
    assert '<a href="https://x.gov.vn/a?b=1&amp;c=2" rel="nofollow">https://x.gov.vn/a?b=1&amp;c=2</a>' in shown


@pytest.mark.parametrize("address", ["javascript:alert(1)", "https://a b.vn/", "x.gov.vn", 'https://x.vn/"><script>'])
def test_a_source_address_that_is_not_a_web_address_is_an_error(tmp_path, gazetteer, address):
    root = copy_fixture(tmp_path)
    edit(root, "2023-long-xuyen-hd-bc-1", "  encoding: utf-8", f"  encoding: utf-8\n  address: '{address}'")
    catalog, messages = load(root, gazetteer)
    assert any("R103" in m and "source.address" in m and "not a web address" in m for m in messages), messages
