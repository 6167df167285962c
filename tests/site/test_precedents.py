"""The precedent finder's data and tables: coding, pivots, the JSON the browser reads, the printed page."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from tdkt.site.award_page import CHART_LEVELS, CHART_YEARS, DATA_FILE, cell_text, number, pivot_html, render_award_page
from tdkt.site.precedents import NOT_STATED, Cell, Dim, code_records, finder_json, pivot


def test_every_award_record_is_coded_once(seed_catalog):
    coded = code_records(seed_catalog)
    assert len(coded.records) == sum(len(r.awards) for r in seed_catalog.reports) == 28


def test_the_seed_totals_by_form_and_year(seed_catalog):
    p = pivot(code_records(seed_catalog), Dim.FORM, Dim.YEAR)
    assert [c.label for c in p.columns] == ["2023"]
    rows = {r.label: p.row_totals[i] for i, r in enumerate(p.rows)}
    # hand-checked against the awards.yml files: 1 + 1 (Thủ tướng, granted in 000 and proposed in 002)
    assert rows["Bằng khen của Thủ tướng Chính phủ"] == Cell(total=2, records=2, incomplete=False)
    # Cẩm Xuyên: 153 + 66 cá nhân/tập thể, Long Xuyên: 3 cá nhân
    assert rows["Giấy khen của Chủ tịch Ủy ban nhân dân cấp huyện"] == Cell(total=222, records=3, incomplete=False)
    assert rows["Gia đình văn hóa"] == Cell(total=0, records=1, incomplete=True)  # the text gives a rate, no count
    assert p.total == Cell(total=sum(a.count or 0 for r in seed_catalog.reports for a in r.awards), records=28,
                           incomplete=True)
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


def test_cell_text_marks_missing_counts():
    assert cell_text(Cell(total=1234, records=2, incomplete=False)) == "1.234"
    assert cell_text(Cell(total=0, records=1, incomplete=True)) == "0*"
    assert cell_text(None) == ""
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
    assert 'href="../bao-cao/2023-long-xuyen-hd-bc-1/#p-9"' in md
    data = json.loads(files[f"khen-thuong/{DATA_FILE}"])
    assert any("[Trần](javascript:alert(1))" in row[3] for row in data["records"])  # data keeps text as it is
    for name in (CHART_YEARS, CHART_LEVELS):
        svg = ET.fromstring(files[f"khen-thuong/{name}"])
        assert svg.tag.endswith("svg")
