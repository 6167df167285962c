"""The precedent finder's data and tables: coding, pivots, the JSON the browser reads, the printed page."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import dataclasses

import pytest

from tdkt.model import AwardStatus, Status
from tdkt.site.authorities import AuthorityLevel, authority_level, form_level, record_level
from tdkt.site.award_page import (CHART_LEVELS, CHART_YEARS, DATA_FILE, cell_text, number, pivot_html, records_html,
                                  render_award_page, total_text)
from tdkt.site.precedents import (DEFAULTS, NOT_STATED, REVIEWED, UNREVIEWED, Cell, Dim, code_records, default_view,
                                  finder_json, left_out, pivot, scope_text, select)


def test_every_award_record_is_coded_once(seed_catalog):
    coded = code_records(seed_catalog)
    assert len(coded.records) == sum(len(r.awards) for r in seed_catalog.reports) == 28


def test_the_seed_totals_by_form_and_year(seed_catalog):
    p = pivot(code_records(seed_catalog), Dim.FORM, Dim.YEAR)
    assert [c.label for c in p.columns] == ["2023"]
    rows = {r.label: p.row_totals[i] for i, r in enumerate(p.rows)}
    # hand-checked against the awards.yml files: 1 + 1 (Thủ tướng, granted in 000 and proposed in 002)
    assert rows["Bằng khen của Thủ tướng Chính phủ"] == Cell(total=2, records=2, unknown=0)
    # Cẩm Xuyên: 153 + 66 cá nhân/tập thể, Long Xuyên: 3 cá nhân
    assert rows["Giấy khen của Chủ tịch Ủy ban nhân dân cấp huyện"] == Cell(total=222, records=3, unknown=0)
    assert rows["Gia đình văn hóa"] == Cell(total=0, records=1, unknown=1)  # the text gives a rate, no count
    assert p.total == Cell(total=sum(a.count or 0 for r in seed_catalog.reports for a in r.awards), records=28,
                           unknown=1)
    assert p.total.incomplete
    assert sum(c.total for c in p.row_totals) == p.total.total
    assert sum(c.total for c in p.column_totals) == p.total.total


def test_rows_follow_vietnamese_collation(seed_catalog):
    labels = [o.label for o in code_records(seed_catalog).options[Dim.FORM]]
    assert labels.index("Cờ thi đua cấp bộ, ngành, tỉnh") < labels.index("Đơn vị quyết thắng") < labels.index(
        "Gia đình văn hóa")


def test_a_record_without_a_value_sits_in_the_not_stated_line(seed_catalog):
    p = pivot(code_records(seed_catalog), Dim.AUTHORITY, Dim.STATUS)
    assert p.rows[-1].label == NOT_STATED
    unstated = [a for r in seed_catalog.reports for a in r.awards if not a.authority]
    assert p.row_totals[-1].records == len(unstated) > 0


def test_a_record_counts_under_each_movement_of_its_report_but_once_in_the_total(seed_catalog):
    coded = code_records(seed_catalog)
    p = pivot(coded, Dim.MOVEMENT, Dim.YEAR)
    assert p.total.records == 28
    assert sum(c.records for c in p.row_totals) == sum(
        max(1, len(c.report.movements) if c.record.movement is None else 1) for c in coded.records)


def test_fixed_orders_for_levels_and_statuses(seed_catalog):
    coded = code_records(seed_catalog)
    assert [o.code for o in coded.options[Dim.LEVEL]] == ["huyen", "xa"]
    assert [o.label for o in coded.options[Dim.STATUS]] == ["Đã tặng", "Đề nghị"]


def test_the_finder_json_points_at_paragraphs_that_exist(seed_catalog):
    data = finder_json(code_records(seed_catalog))
    assert [d["key"] for d in data["dims"]] == [d.value for d in Dim]
    reports = {r.id: r for r in seed_catalog.reports}
    size = {d["key"]: len(d["options"]) for d in data["dims"]}
    for row in data["records"]:
        report = data["reports"][row[0]]
        assert row[1] in {b.number for b in reports[report[0]].blocks}
        for key, value in [*zip(data["record_dims"] + ["phong-trao"], row[4:]),
                           *zip(data["report_dims"], report[3:])]:
            assert value is None or all(0 <= i < size[key] for i in (value if isinstance(value, list) else [value]))
    assert len(data["record_dims"]) + len(data["report_dims"]) == len(data["dims"])
    for d in data["dims"]:
        codes = [o[0] for o in d["options"]]
        assert len(codes) == len(set(codes)), d["key"]


def test_a_count_no_text_states_is_never_zero():
    assert cell_text(Cell(total=1234, records=2, unknown=0)) == "1.234"
    assert cell_text(Cell(total=0, records=1, unknown=1)) == "không rõ"
    assert cell_text(Cell(total=0, records=3, unknown=3)) == "không rõ"
    assert cell_text(Cell(total=12, records=3, unknown=1)) == "≥ 12"
    assert cell_text(Cell(total=0, records=2, unknown=1)) == "≥ 0"  # a stated 0 and an unknown: at least 0
    assert cell_text(None) == ""
    assert total_text(Cell(total=465, records=28, unknown=0)) == "465"
    assert total_text(Cell(total=465, records=28, unknown=1)) == "465 + 1 nội dung không rõ số lượng"
    assert total_text(Cell(total=0, records=1, unknown=1)) == "không rõ (văn bản không ghi số lượng)"
    assert number(1234567) == "1.234.567"


def test_pivot_html_is_a_table_with_totals(seed_catalog):
    p = pivot(code_records(seed_catalog), Dim.RECIPIENTS, Dim.STATUS)
    root = ET.fromstring(pivot_html(p, Dim.RECIPIENTS, Dim.STATUS))
    header = [th.text for th in root.find("thead").iter("th")]
    assert header == ["Đối tượng", "Đã tặng", "Đề nghị", "Tổng"]
    footer = [c.text for c in root.find("tfoot").iter() if c.tag in ("th", "td")]
    assert footer[0] == "Tổng" and footer[-1] == cell_text(p.total)
    body_rows = root.find("tbody").findall("tr")
    assert [tr.find("th").text for tr in body_rows] == [o.label for o in p.rows]


def test_the_page_prints_records_escaped_and_linked(fixture_catalog):
    md, files = render_award_page(fixture_catalog)
    assert sorted(files) == sorted(f"khen-thuong/{n}" for n in (DATA_FILE, CHART_YEARS, CHART_LEVELS))
    # the hostile fixture record: escaped, never markup
    assert "Chủ tịch UBND phường &lt;b&gt;x&lt;/b&gt; | *y*" in md
    assert "<b>x</b>" not in md and "javascript:alert" not in md.replace("[Trần](javascript:alert(1))", "")
    assert 'href="../bao-cao/2023-long-xuyen-hd-bc-1/#p-7"' in md
    # the hostile record is an unreviewed proposal: not printed by default; the finder's table escapes it too
    every = records_html(code_records(fixture_catalog), 10)
    assert 'href="../bao-cao/2023-long-xuyen-hd-bc-1/#p-9"' in every and "<b>x</b>" not in every
    assert "Chủ tịch UBND phường &lt;b&gt;x&lt;/b&gt; | *y*" in every
    data = json.loads(files[f"khen-thuong/{DATA_FILE}"])
    assert any("[Trần](javascript:alert(1))" in row[3] for row in data["records"])  # data keeps text as it is
    for name in (CHART_YEARS, CHART_LEVELS):
        svg = ET.fromstring(files[f"khen-thuong/{name}"])
        assert svg.tag.endswith("svg")


# --------------------------------------------------------------------------- what is counted by default


def _with(catalog, report_id: str, **changes):
    """The catalogue with one report changed (its awards, its status...)."""
    return dataclasses.replace(catalog, reports=tuple(
        dataclasses.replace(r, **changes) if r.id == report_id else r for r in catalog.reports))


def test_review_codes_follow_the_record_and_its_report(fixture_catalog):
    coded = code_records(fixture_catalog)
    review = {(c.report.id, c.record.block): coded.options[Dim.REVIEW][c.value(Dim.REVIEW)[0]].code
              for c in coded.records}
    assert review == {("2023-long-xuyen-hd-bc-1", 7): REVIEWED, ("2023-long-xuyen-hd-bc-1", 9): UNREVIEWED}
    # a draft's records are never reviewed, whatever awards.yml says
    draft = _with(fixture_catalog, "2023-long-xuyen-hd-bc-1", status=Status.DRAFT)
    coded_draft = code_records(draft)
    assert {coded_draft.options[Dim.REVIEW][c.value(Dim.REVIEW)[0]].code for c in coded_draft.records} == {UNREVIEWED}
    # the default ("checked by a person") is still an option: in an archive of drafts it selects nothing, and says so
    assert [o.code for o in coded_draft.options[Dim.REVIEW]] == [REVIEWED, UNREVIEWED]
    assert [o.code for o in coded_draft.options[Dim.STATUS]] == ["granted", "proposed"]
    assert default_view(coded_draft).records == ()
    assert "Không tính vào đây:" in scope_text(coded_draft, DEFAULTS)


def test_the_default_view_is_granted_and_reviewed(fixture_catalog, seed_catalog):
    assert DEFAULTS == {Dim.STATUS: "granted", Dim.REVIEW: REVIEWED}
    coded = code_records(fixture_catalog)
    view = default_view(coded)
    assert [(c.record.block, c.record.reviewed, c.record.status) for c in view.records] == \
        [(7, True, AwardStatus.GRANTED)]  # the unreviewed proposal (block 9) is left out
    assert pivot(view, Dim.FORM, Dim.YEAR).total == Cell(total=1, records=1, unknown=0)
    seeds = default_view(code_records(seed_catalog))
    # the seeds: every record reviewed; 26 granted, 2 proposed (Thủ tướng in 002, and one more)
    assert len(seeds.records) == 26
    assert all(c.record.status is AwardStatus.GRANTED and c.record.reviewed for c in seeds.records)


def test_left_out_counts_each_kind_once(fixture_catalog, seed_catalog):
    coded = code_records(fixture_catalog)
    assert left_out(coded, DEFAULTS) == [("proposed", UNREVIEWED, 1)]
    assert left_out(coded, {Dim.STATUS: "proposed", Dim.REVIEW: ""}) == [("granted", REVIEWED, 1)]
    assert left_out(coded, {Dim.STATUS: "", Dim.REVIEW: ""}) == []
    # other filters narrow what is left out too
    assert left_out(coded, {**DEFAULTS, Dim.FORM: "don-vi-quyet-thang"}) == []
    assert left_out(code_records(seed_catalog), DEFAULTS) == [("proposed", REVIEWED, 2)]


def test_the_scope_sentence_is_true_for_what_it_sits_over(fixture_catalog):
    coded = code_records(fixture_catalog)
    assert scope_text(coded, DEFAULTS) == (
        "Số liệu dưới đây tính các nội dung khen thưởng đã tặng, đã được người rà soát đối chiếu với văn bản. "
        "Không tính vào đây: 1 nội dung đề nghị, chưa rà soát (chọn ở bộ lọc “Trạng thái” và “Rà soát” để xem).")
    everything = scope_text(coded, {Dim.STATUS: "", Dim.REVIEW: ""})
    assert everything == ("Số liệu dưới đây tính các nội dung khen thưởng đã tặng và đề nghị, cả nội dung đã và "
                          "chưa được người rà soát.")
    assert "đã được người rà soát" not in scope_text(coded, {Dim.STATUS: "", Dim.REVIEW: UNREVIEWED})


def test_the_printed_page_counts_the_default_view_and_says_so(fixture_catalog):
    md, files = render_award_page(fixture_catalog)
    assert "Các bản ghi đã được người rà soát" not in md
    assert scope_text(code_records(fixture_catalog), DEFAULTS) in md.replace("&ldquo;", "“")
    # the printed records: only the reviewed, granted one; the proposal is in the data file, labelled
    printed = md.split('<div class="tdkt-records">', 1)[1].split("</div>", 1)[0]
    assert "#p-7" in printed and "#p-9" not in printed
    data = json.loads(files[f"khen-thuong/{DATA_FILE}"])
    assert len(data["records"]) == 2 and data["defaults"] == {"trang-thai": "granted", "ra-soat": REVIEWED,
                                                              "hang": "hinh-thuc", "cot": "nam"}
    review = next(d for d in data["dims"] if d["key"] == "ra-soat")
    assert review["options"] == [[REVIEWED, "Đã rà soát"], [UNREVIEWED, "Chưa rà soát"]]


def test_the_charts_count_only_granted_reviewed_records(seed_catalog):
    _, files = render_award_page(seed_catalog)
    svg = files[f"khen-thuong/{CHART_YEARS}"].decode()
    view = default_view(code_records(seed_catalog))
    granted = sum(c.record.count or 0 for c in view.records)
    everything = sum(a.count or 0 for r in seed_catalog.reports for a in r.awards)
    assert granted < everything
    assert f'class="total"' in svg and f">{number(granted)}<" in svg and f">{number(everything)}<" not in svg
    assert "không tính đề nghị" in svg


def test_records_table_says_unknown_and_unreviewed(fixture_catalog):
    coded = code_records(fixture_catalog)
    unknown = dataclasses.replace(coded.records[1].record, count=None)
    one = dataclasses.replace(coded, records=(dataclasses.replace(coded.records[1], record=unknown),))
    row = ET.fromstring(records_html(one, 10)).find("tbody").find("tr")
    cells = ["".join(td.itertext()) for td in row.findall("td")]
    assert cells[4] == "không rõ" and cells[6] == "Đề nghị" and cells[7] == "Chưa rà soát"


# --------------------------------------------------------------------------- the authority's level

@pytest.mark.parametrize("authority,level", [
    ("Thủ tướng Chính phủ", AuthorityLevel.CENTRAL),
    ("Chủ tịch nước", AuthorityLevel.CENTRAL),
    ("Bộ trưởng Bộ Công an", AuthorityLevel.SECTOR),
    ("Giám đốc Công an tỉnh Thanh Hóa", AuthorityLevel.SECTOR),
    ("Giám đốc Sở Nội vụ", AuthorityLevel.SECTOR),
    ("UBND tỉnh", AuthorityLevel.PROVINCE),
    ("Chủ tịch UBND tỉnh Thanh Hóa", AuthorityLevel.PROVINCE),
    ("Chủ tịch UBND thị xã", AuthorityLevel.DISTRICT),
    ("UBND huyện Nông Cống, tỉnh Thanh Hóa", AuthorityLevel.DISTRICT),  # the level named first
    ("Chủ tịch UBND quận Ba Đình", AuthorityLevel.DISTRICT),
    ("Chủ tịch UBND phường", AuthorityLevel.COMMUNE),
    ("UBND thị trấn Hà Trung", AuthorityLevel.COMMUNE),
    ("Tỉnh ủy Hải Dương", AuthorityLevel.PARTY),
    ("Thị ủy Kinh Môn", AuthorityLevel.PARTY),
    ("Đảng ủy phường", AuthorityLevel.PARTY),
    ("Hội LHPN tỉnh Hải Dương", AuthorityLevel.MASS),
    ("Ban Thường vụ Tỉnh đoàn", AuthorityLevel.MASS),
    ("Liên đoàn Lao động tỉnh", AuthorityLevel.MASS),
    ("thủ trưởng cơ quan, đơn vị", None),  # "cơ quan" is no quận
    ("Chủ tịch UBND phường <b>x</b> | *y*", AuthorityLevel.COMMUNE),
    ("", None),
])
def test_authority_levels(authority, level):
    assert authority_level(authority) is level


def test_a_form_names_its_level_only_when_one_fits():
    assert form_level("Bằng khen của Thủ tướng Chính phủ") is AuthorityLevel.CENTRAL
    assert form_level("Giấy khen của Chủ tịch Ủy ban nhân dân cấp huyện") is AuthorityLevel.DISTRICT
    assert form_level("Giấy khen của Huyện ủy, Thị ủy, Thành ủy") is AuthorityLevel.PARTY
    assert form_level("Bằng khen cấp bộ, ngành, tỉnh") is None  # no granter named
    assert form_level("Lao động tiên tiến") is None
    assert form_level("Giấy khen của thủ trưởng cơ quan, đơn vị, doanh nghiệp") is None
    # the authority as written wins over the form
    assert record_level("Chủ tịch UBND phường", "Bằng khen của Thủ tướng Chính phủ") is AuthorityLevel.COMMUNE
    assert record_level("", "Bằng khen của Thủ tướng Chính phủ") is AuthorityLevel.CENTRAL


def test_the_authority_level_filter_keeps_the_text_as_written(seed_catalog):
    coded = code_records(seed_catalog)
    levels = [o.code for o in coded.options[Dim.AUTHORITY_LEVEL]]
    assert levels == [lv.value for lv in AuthorityLevel if lv.value in levels]  # the enum's order
    province = select(coded, {Dim.AUTHORITY_LEVEL: "tinh"})
    assert {c.record.authority for c in province.records} == {"Chủ tịch UBND tỉnh Thanh Hóa", "Chủ tịch UBND tỉnh",
                                                              "UBND tỉnh"}
    party = select(coded, {Dim.AUTHORITY_LEVEL: "dang"})
    assert {c.record.authority for c in party.records} >= {"Tỉnh ủy Hải Dương", "Thị ủy Kinh Môn", "Đảng ủy phường"}


@pytest.mark.parametrize("form_id, name, group", [
    ("bang-khen-thu-tuong", "Bằng khen của Thủ tướng Chính phủ", "Bằng khen, mọi cấp"),
    ("bang-khen-cap-tinh", "Bằng khen cấp bộ, ngành, tỉnh", "Bằng khen, mọi cấp"),
    ("bang-khen-hoi-lhpn-tinh", "Bằng khen của Hội Liên hiệp Phụ nữ tỉnh", "Bằng khen, mọi cấp"),
    ("x", "BẰNG KHEN của Bộ trưởng", "Bằng khen, mọi cấp"),  # case and marks do not matter
    ("giay-khen-tinh-uy", "Giấy khen của Tỉnh ủy", "Giấy khen, mọi cấp"),
    ("co-hoi-khuyen-hoc-tinh", "Cờ của Hội Khuyến học tỉnh", "Cờ thi đua, cờ khen, mọi cấp"),
    ("chien-si-thi-dua-co-so", "Chiến sĩ thi đua cơ sở", "Chiến sĩ thi đua, mọi cấp"),
    ("chien-si-tien-tien", "Chiến sĩ tiên tiến", "Chiến sĩ tiên tiến"),  # not a "Chiến sĩ thi đua"
    ("gia-dinh-van-hoa", "Gia đình văn hóa", "Gia đình văn hóa"),  # a group of its own
    ("co", "Cơ sở", "Cơ sở"),  # "Cơ" is not "Cờ": marks matter
])
def test_form_groups(form_id, name, group):
    from tdkt.site.precedents import form_group
    assert form_group(form_id, name)[1] == group


def test_a_form_group_counts_every_form_under_it(seed_catalog):
    coded = code_records(seed_catalog)
    groups = {o.label: o.code for o in coded.options[Dim.FORM_GROUP]}
    every = select(coded, {Dim.FORM_GROUP: groups["Bằng khen, mọi cấp"]})
    forms = {c.record.form.name for c in every.records}
    assert forms and all(f.startswith("Bằng khen") for f in forms)
    assert len(every.records) == sum(1 for c in coded.records if c.record.form.name.startswith("Bằng khen"))
    assert len(forms) >= 2  # the seeds have Bằng khen of the Prime Minister and of the province
    # every record falls in exactly one group, so the groups' totals are the whole
    p = pivot(coded, Dim.FORM_GROUP, Dim.YEAR)
    assert sum(c.records for c in p.row_totals) == p.total.records == len(coded.records)
    assert NOT_STATED not in [o.label for o in p.rows]


def test_a_record_counts_under_the_year_its_statement_gives(seed_catalog):
    """A statement that says its awards are for another year than its report's counts under that year, in the
    finder's table, its JSON and the open data; the other records keep their report's year."""
    from tdkt.site.data_rows import award_rows
    r = next(r for r in seed_catalog.reports if r.awards)
    moved = dataclasses.replace(r.awards[0], year=r.year - 1)
    report = dataclasses.replace(r, awards=(moved,) + r.awards[1:])
    catalog = dataclasses.replace(seed_catalog, reports=tuple(report if x is r else x for x in seed_catalog.reports))
    coded = code_records(catalog)
    p = pivot(coded, Dim.FORM, Dim.YEAR)
    assert [c.label for c in p.columns] == [str(r.year), str(r.year - 1)]  # newest first
    earlier = select(coded, {Dim.YEAR: str(r.year - 1)})
    assert [(c.report.id, c.record.block) for c in earlier.records] == [(r.id, moved.block)]
    data = finder_json(coded)
    years = next(d for d in data["dims"] if d["key"] == "nam")["options"]
    assert "nam" in data["record_dims"] and "nam" not in data["report_dims"]
    assert sorted(o[0] for o in years) == [str(r.year - 1), str(r.year)]
    rows = [row for row in award_rows(catalog) if row["report_id"] == r.id]
    assert sorted(row["year"] for row in rows)[0] == r.year - 1 and rows.count(rows[0]) == 1
