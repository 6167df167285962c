"""awards.yml → AwardRecord: parsing, problems word for word, and the seeds' reviewed records."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from tdkt.catalog.award_records import parse_awards
from tdkt.text.collate import fold
from tdkt.model import AwardStatus, AwardSystem, RecipientKind
from tdkt.text.normalise import parse_blocks
from tdkt.problems import Problems
from tdkt.catalog.yamlread import read_yaml

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
FILE = "data/reports/x/awards.yml"
TEXT = "Tiêu đề\n\nChủ tịch UBND phường đã tặng giấy khen cho 12 tập thể, 50 cá nhân.\n\nĐoạn ba.\n"


@pytest.fixture(scope="module")
def vocabs():
    from tdkt.catalog import vocab
    problems = Problems()
    types = vocab.parse_award_types(read_yaml((DATA / "vocab/award_types.yml").read_text(encoding="utf-8"),
                                              "award_types.yml", problems), "award_types.yml", problems)
    movements = vocab.parse_movements(read_yaml((DATA / "vocab/movements.yml").read_text(encoding="utf-8"),
                                                "movements.yml", problems), "movements.yml", problems)
    assert not len(problems), problems.report()
    return {t.id: t for t in types}, {m.id: m for m in movements}


def parse(yml: str, vocabs, text: str = TEXT):
    problems = Problems()
    types, movements = vocabs
    root = read_yaml(yml, FILE, problems)
    records = parse_awards(root, "x", parse_blocks(text), FILE, types, movements, problems)
    return records, [p.format() for p in problems]


GOOD = '''\
- form: "giay-khen-chu-tich-ubnd-xa"
  authority: "Chủ tịch UBND phường"
  recipients: "tập thể"
  count: "12"
  names: []
  status: "granted"
  block: "2"
  reviewed: "yes"
'''


def record(**changes) -> str:
    lines = GOOD.splitlines()
    out = []
    for line in lines:
        key = line.strip().lstrip("- ").split(":")[0]
        if key in changes:
            prefix = line[: line.index(key)]
            value = changes.pop(key)
            if value is not None:
                out.append(f"{prefix}{key}: {value}")
        else:
            out.append(line)
    out += [f"  {k}: {v}" for k, v in changes.items()]
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- parsing


def test_a_good_record(vocabs):
    records, problems = parse(GOOD, vocabs)
    assert problems == []
    (r,) = records
    assert r.report_id == "x" and r.form.id == "giay-khen-chu-tich-ubnd-xa"
    assert r.authority == "Chủ tịch UBND phường" and r.system is AwardSystem.STATE
    assert r.recipients is RecipientKind.COLLECTIVE and r.count == 12 and r.names == ()
    assert r.status is AwardStatus.GRANTED and r.block == 2 and r.anchor == "p-2"
    assert r.movement is None and r.reviewed is True and r.origin.line == 1 and r.origin.file == FILE


def test_blank_values_stay_unknown(vocabs):
    yml = record(authority='""', recipients='""', count='""', names='["Chi bộ 1", "Chi bộ 3"]',
                 status='"proposed"', reviewed='"no"', movement='""', note='"ghi chú"')
    (r,), problems = parse(yml, vocabs)
    assert problems == []
    assert (r.authority, r.recipients, r.count, r.names, r.status, r.reviewed, r.note) == (
        "", None, None, ("Chi bộ 1", "Chi bộ 3"), AwardStatus.PROPOSED, False, "ghi chú")


def test_an_empty_list_has_no_records(vocabs):
    assert parse("# nothing stated\n[]\n", vocabs) == ((), [])


def test_a_mapping_is_not_a_list(vocabs):
    records, problems = parse('form: "x"\n', vocabs)
    assert records == ()
    assert problems == [
        f"{FILE}:1:1: error[Y003] {FILE} must be a list of records (each starting with `- form:`). "
        "Fix: write `[]` when the report states no award"]


@pytest.mark.parametrize("changes, expected", [
    ({"form": '"giay-khen-cua-ai"'},
     f'{FILE}:1:9: error[R106] form: "giay-khen-cua-ai" is not in vocab/award_types.yml. '
     "Fix: use an id from that file, or add the award form there"),
    ({"count": '"mười hai"'},
     f'{FILE}:4:10: error[R103] count: "mười hai" is not a whole number from 0 to 1000000. '
     "Fix: write a number such as 0"),
    ({"block": '"9"'},
     f"{FILE}:7:10: error[R111] block: the report has no block 9 (text.txt has 3 blocks). "
     "Fix: cite the number of the paragraph in text.txt, as in #p-<number> on the report page"),
    ({"block": '"p-2"'},
     f'{FILE}:7:10: error[R103] block: "p-2" is not a whole number from 1 to 1000000. '
     "Fix: write a number such as 1"),
    ({"status": '"đã tặng"'},
     f'{FILE}:6:11: error[R104] status: "đã tặng" is not one of: granted, proposed. '
     "Fix: use one of the listed values"),
    ({"recipients": '"cán bộ"'},
     f'{FILE}:3:15: error[R104] recipients: "cán bộ" is not one of: cá nhân, tập thể, hộ gia đình. '
     "Fix: use one of the listed values"),
    ({"reviewed": '"true"'},
     f'{FILE}:8:13: error[R104] reviewed: "true" is not one of: yes, no. '
     'Fix: write "yes" when a person checked the record against the text, "no" otherwise'),
    ({"block": None},
     f"{FILE}:1:3: error[R101] block: is required but missing or empty. Fix: add `block: ...`"),
    ({"movement": '"phong-trao-khong-co"'},
     f'{FILE}:9:13: error[R106] movement: "phong-trao-khong-co" is not in vocab/movements.yml. '
     "Fix: use an id from that file, or add the movement there"),
])
def test_bad_fields_are_named_word_for_word(vocabs, changes, expected):
    records, problems = parse(record(**changes), vocabs)
    assert records == ()
    assert problems == [expected]


def test_an_unknown_key_is_a_warning_and_the_record_stays(vocabs):
    records, problems = parse(record(cout='"3"'), vocabs)
    assert len(records) == 1
    assert problems == [f"{FILE}:9:3: warning[Y004] cout: unknown key. Fix: remove it, or use one of: form, "
                        "authority, recipients, count, names, status, block, movement, note, reviewed, year"]


def test_the_awards_own_year_is_read_and_checked(vocabs):
    [rec], problems = parse(record(year='"2022"'), vocabs)
    assert rec.year == 2022 and problems == []
    [rec], _ = parse(record(), vocabs)
    assert rec.year is None  # not stated: the record counts under its report's year
    records, problems = parse(record(year='"22"'), vocabs)
    assert records == () and "error[R103] year: \"22\" is not a whole number from 1945 to 2100" in problems[0]


def test_one_bad_record_does_not_hide_the_others(vocabs):
    records, problems = parse(GOOD + record(form='"khong-co"'), vocabs)
    assert len(records) == 1 and len(problems) == 1 and "R106" in problems[0]


def test_the_catalogue_reports_a_bad_awards_file_and_the_cli_refuses_to_publish(tmp_path, gazetteer):
    import shutil

    from tdkt.catalog.load import load_catalog

    data = tmp_path / "data"
    shutil.copytree(DATA / "vocab", data / "vocab")
    shutil.copytree(DATA / "reports" / "2023-my-quy-long-xuyen-bc-184", data / "reports" / "2023-my-quy-long-xuyen-bc-184")
    path = data / "reports" / "2023-my-quy-long-xuyen-bc-184" / "awards.yml"
    path.write_text(record(block='"999"'), encoding="utf-8")
    problems = Problems()
    catalog = load_catalog(data, gazetteer, problems)
    assert [p.format() for p in problems] == [
        "data/reports/2023-my-quy-long-xuyen-bc-184/awards.yml:7:10: error[R111] block: the report has no block "
        "999 (text.txt has 38 blocks). Fix: cite the number of the paragraph in text.txt, as in #p-<number> on "
        "the report page"]
    assert problems.has_errors()
    assert catalog.reports[0].awards == ()


# --------------------------------------------------------------------------- the seeds


@pytest.fixture(scope="module")
def seeds(gazetteer):
    from tdkt.catalog.load import load_catalog

    problems = Problems()
    catalog = load_catalog(DATA, gazetteer, problems)
    assert not problems.has_errors(), problems.report()
    return {r.id: r for r in catalog.reports}


def rows(report):
    return [(a.form.id, a.authority, a.recipients.value if a.recipients else None, a.count, a.status.value, a.block)
            for a in report.awards]


def test_every_seed_has_reviewed_awards(seeds):
    for report in seeds.values():
        assert (Path(DATA / "reports" / report.id / "awards.yml")).is_file(), report.id
        assert all(a.reviewed for a in report.awards), report.id


def test_seed_003_my_quy(seeds):
    assert rows(seeds["2023-my-quy-long-xuyen-bc-184"]) == [
        ("lao-dong-tien-tien", "Chủ tịch UBND phường", "cá nhân", 64, "granted", 14),
        ("giay-khen-chu-tich-ubnd-xa", "Chủ tịch UBND phường", "tập thể", 12, "granted", 16),
        ("giay-khen-chu-tich-ubnd-xa", "Chủ tịch UBND phường", "cá nhân", 50, "granted", 16),
    ]


def test_seed_002_cam_xuyen(seeds):
    assert rows(seeds["2023-cam-xuyen-bc-6-thang"]) == [
        ("bang-khen-thu-tuong", "Thủ tướng Chính phủ", "cá nhân", 1, "granted", 40),
        ("co-thi-dua-cap-tinh", "UBND tỉnh", "tập thể", 4, "granted", 40),
        ("tap-the-lao-dong-xuat-sac", "UBND tỉnh", "tập thể", 6, "granted", 40),
        ("bang-khen-cap-tinh", "UBND tỉnh", "tập thể", 8, "granted", 40),
        ("bang-khen-cap-tinh", "UBND tỉnh", "cá nhân", 17, "granted", 40),
        ("bang-khen-thu-tuong", "Thủ tướng Chính phủ", "cá nhân", 1, "proposed", 41),
        ("bang-khen-cap-tinh", "Chủ tịch UBND tỉnh", "cá nhân", 3, "proposed", 42),
        ("giay-khen-chu-tich-ubnd-huyen", "", "cá nhân", 153, "granted", 43),
        ("giay-khen-chu-tich-ubnd-huyen", "", "tập thể", 66, "granted", 43),
    ]
    report = seeds["2023-cam-xuyen-bc-6-thang"]
    for a in report.awards:  # proposals are exactly the "Đề nghị" paragraphs
        assert (a.status is AwardStatus.PROPOSED) == report.blocks[a.block - 1].text.startswith("Đề nghị")


def test_seed_004_ha_trung(seeds):
    report = seeds["2023-ha-trung-bc-hdtdkt"]
    assert rows(report) == [
        ("gia-dinh-van-hoa", "", "hộ gia đình", None, "granted", 36),
        ("thon-to-dan-pho-van-hoa", "", "tập thể", 10, "granted", 36),
        ("bang-khen-cap-tinh", "Chủ tịch UBND tỉnh Thanh Hóa", "tập thể", 1, "granted", 52),
        ("giay-khen-giam-doc-cong-an-tinh", "Giám đốc Công an tỉnh Thanh Hóa", "tập thể", 1, "granted", 52),
    ]
    assert report.awards[2].names == ("UBND thị trấn Hà Trung",)
    assert report.awards[3].system is AwardSystem.SECTOR


def test_seed_000_long_xuyen(seeds):
    report = seeds["2023-long-xuyen-kinh-mon-bc-6"]
    got = rows(report)
    assert ("giay-khen-cap-uy-cap-huyen", "Thị ủy Kinh Môn", "cá nhân", 2, "granted", 25) in got
    assert ("giay-khen-dang-uy-co-so", "Đảng ủy phường", "tập thể", 2, "granted", 29) in got
    assert ("giay-khen-dang-uy-co-so", "Đảng ủy phường", "cá nhân", 19, "granted", 29) in got
    assert ("lao-dong-tien-tien", "Chủ tịch UBND phường", "cá nhân", 16, "granted", 30) in got
    assert ("giay-khen-chu-tich-ubnd-xa", "Chủ tịch UBND phường", "cá nhân", 19, "granted", 30) in got
    assert len(got) == 12
    assert not any(a.form.id == "huan-chuong" for r in seeds.values() for a in r.awards)  # the extractor's invention
    assert {a.system for a in report.awards} == {AwardSystem.STATE, AwardSystem.PARTY, AwardSystem.MASS_ORGANISATION}


def test_the_plan_states_no_award(seeds):
    assert seeds["2024-tan-viet-thanh-ha-kh"].awards == ()


# --------------------------------------------------------------------------- guard against wrong citations


def _heads(award_type) -> set[str]:
    """The words a statement of this form must contain: its name (and variants) before "của", "cấp", "cơ sở"."""
    out = set()
    for name in (award_type.name, *award_type.variants):
        head = re.split(r" của | cấp | cơ sở$| \(", name)[0]
        head = re.sub(r"^(Tập thể|Danh hiệu) ", "", head)
        out.add(_key(head))
    return out


def _key(text: str) -> str:
    # fold marks and case; "sỹ" and "sĩ" are one word spelt two ways
    return " " + re.sub(r"\bsy\b", "si", re.sub(r"[^a-z0-9]+", " ", fold(text))).strip() + " "


def test_every_record_cites_a_block_that_names_its_form(seeds):
    checked = 0
    for report in seeds.values():
        for a in report.awards:
            assert 1 <= a.block <= len(report.blocks), (report.id, a.block)
            block = _key(report.blocks[a.block - 1].text)
            assert any(head in block for head in _heads(a.form)), (report.id, a.block, a.form.id)
            for name in a.names:
                # names are as the text gives them, or their restoration is explained in the note
                assert _key(name) in block or a.note, (report.id, a.block, name)
            checked += 1
    assert checked == 28


# --------------------------------------------------------------------------- open data rows and the report page


def test_award_rows_of_the_fixture(fixture_catalog):
    from tdkt.site.exports import award_rows

    rows = award_rows(fixture_catalog)
    kept = ("report_id", "anchor", "form", "authority", "system", "recipients", "count", "names", "status", "year",
            "unit_id", "movement", "reviewed")
    assert [{k: row[k] for k in kept} for row in rows] == [
        {"report_id": "2023-long-xuyen-hd-bc-1", "anchor": "p-7", "form": "Đơn vị quyết thắng", "authority": None,
         "system": "nha-nuoc", "recipients": "tập thể", "count": 1, "names": ["Công an phường"], "status": "granted",
         "year": 2023, "unit_id": "xa-10738", "movement": None, "reviewed": "đã rà soát"},
        {"report_id": "2023-long-xuyen-hd-bc-1", "anchor": "p-9", "form": "Giấy khen",
         "authority": "Chủ tịch UBND phường <b>x</b> | *y*", "system": "nha-nuoc", "recipients": "cá nhân",
         "count": 12, "names": ["=Nguyễn Văn A", "[Trần](javascript:alert(1))"], "status": "proposed",
         "year": 2023, "unit_id": "xa-10738", "movement": "chuyen-doi-so", "reviewed": "chưa rà soát"},
    ]
    # self-contained: the report, the unit's name, the province and the paragraph's link are in the row
    assert {k: rows[1][k] for k in ("report", "unit_name", "province", "url", "status_name", "system_name")} == {
        "report": "Báo cáo số 1/BC-UBND", "unit_name": "Phường Long Xuyên", "province": "Tỉnh Hải Dương",
        "url": "bao-cao/2023-long-xuyen-hd-bc-1/#p-9", "status_name": "Đề nghị", "system_name": "Nhà nước"}


def test_award_csv_protects_formulas(fixture_catalog):
    from tdkt.site.exports import export_files

    csv_text = export_files(fixture_catalog)["du-lieu/khen-thuong.csv"].decode("utf-8-sig")
    assert csv_text.splitlines()[2] == (
        "2023-long-xuyen-hd-bc-1,Báo cáo số 1/BC-UBND,Tổng kết năm 2023,bao-cao/2023-long-xuyen-hd-bc-1/#p-9,p-9,"
        "chưa rà soát,giay-khen,Giấy khen,Chủ tịch UBND phường <b>x</b> | *y*,nha-nuoc,Nhà nước,cá nhân,12,"
        "'=Nguyễn Văn A;[Trần](javascript:alert(1)),proposed,Đề nghị,2023,xa-10738,Phường Long Xuyên,Cấp xã,"
        "tinh-30,Tỉnh Hải Dương,chuyen-doi-so,Chuyển đổi số")


def test_the_seeds_award_rows_total(seeds, gazetteer):
    from tdkt.catalog.load import load_catalog
    from tdkt.site.exports import award_rows

    catalog = load_catalog(DATA, gazetteer, Problems())
    rows = award_rows(catalog)
    assert len(rows) == 28
    by_report = {}
    for row in rows:
        by_report[row["report_id"]] = by_report.get(row["report_id"], 0) + (row["count"] or 0)
        report = seeds[row["report_id"]]
        assert row["year"] == report.period.year and row["unit_id"] == report.unit.id
        assert int(row["anchor"][2:]) <= len(report.blocks)
    assert by_report == {"2023-cam-xuyen-bc-6-thang": 259, "2023-ha-trung-bc-hdtdkt": 12,
                         "2023-long-xuyen-kinh-mon-bc-6": 68, "2023-my-quy-long-xuyen-bc-184": 126}


def test_the_report_page_lists_the_awards_with_links(seeds, gazetteer):
    from tdkt.catalog.load import load_catalog
    from tdkt.site.report_page import render_report_page

    catalog = load_catalog(DATA, gazetteer, Problems())
    report = {r.id: r for r in catalog.reports}["2023-my-quy-long-xuyen-bc-184"]
    page = render_report_page(report, catalog)
    assert "## Khen thưởng trong báo cáo {: #khen-thuong }" in page
    assert ("| Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã | Chủ tịch UBND phường | tập thể | 12 | — | Đã tặng | "
            '[¶ 16](#p-16 "Đoạn 16") |') in page
    assert page.index("#khen-thuong") > page.index("#noi-dung")
    plan = {r.id: r for r in catalog.reports}["2024-tan-viet-thanh-ha-kh"]
    assert "#khen-thuong" not in render_report_page(plan, catalog)
