"""The precedent finder (/khen-thuong/) and the exemplars (/dien-hinh/) in Debian's Chromium, used as a person would.

What the pages should show is worked out here from data/ as the project's loader reads it
(``tdkt.catalog.load.load_catalog``), counted by this file's own code rather than by tdkt/site/precedents.py,
plus a few facts checked by hand against the awards.yml files. The finder counts by default only granted awards a
person checked; the fixture archive (tests/fixtures/archive: a reviewed granted record and an unreviewed proposal),
built into a site of its own, shows the others appear only when asked, labelled. Screenshots go to tests/_artifacts/.
"""
from __future__ import annotations

import gzip
import json
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from tdkt.text.collate import fold, sort_key
from tdkt.model import AwardStatus, AwardSystem, Era, ExemplarStatus, Level, RecipientKind, TextQuality
from tdkt.site.authorities import AuthorityLevel, record_level
from tdkt.site.present import report_label

from .conftest import CHROMIUM, FIXTURE, FLAGS, ROOT, heading, serve, shot
from .test_accessibility import axe_source, axe_violations, describe  # noqa: F401 - axe_source is a fixture

pytestmark = pytest.mark.slow

DIMS = ("hinh-thuc", "nhom-hinh-thuc", "cap-khen", "co-quan", "he-thong", "doi-tuong", "nam", "cap", "tinh", "phong-trao", "trang-thai",
        "ra-soat")
DIM_LABELS = {"hinh-thuc": "Hình thức, danh hiệu", "nhom-hinh-thuc": "Nhóm hình thức", "cap-khen": "Cấp khen", "co-quan": "Cơ quan khen (như văn bản ghi)",
              "he-thong": "Hệ thống", "doi-tuong": "Đối tượng", "nam": "Năm", "cap": "Cấp đơn vị báo cáo",
              "tinh": "Tỉnh, thành phố", "phong-trao": "Phong trào", "trang-thai": "Trạng thái", "ra-soat": "Rà soát"}
DEFAULT_AXES = {"hang": "hinh-thuc", "cot": "nam"}
DEFAULT_FILTERS = {"trang-thai": "granted", "ra-soat": "da-ra-soat"}  # granted awards a person checked
EVERYTHING = "?trang-thai=&ra-soat="  # "Tất cả" for both
NOT_STATED = "Không ghi"
UNKNOWN = "không rõ"
COLUMNS = ["Năm", "Hình thức, danh hiệu", "Cơ quan khen", "Đối tượng", "Số lượng", "Tên", "Trạng thái", "Rà soát",
           "Đơn vị báo cáo", "Nguồn"]
PAGE_ROWS = 50  # "Xem thêm" adds this many
LONG_XUYEN_REPORT = "2023-long-xuyen-kinh-mon-bc-6"


# --------------------------------------------------------------------------- the expected values, from data/

@dataclass(frozen=True)
class Award:
    """One award record as a reader of awards.yml would tabulate it."""

    values: dict  # dimension → [(code, label)]; empty when the text does not say
    count: int | None
    cells: tuple[str, ...]  # the record table's columns, as printed
    path: str  # the source link, from the site root
    report_id: str
    block: int
    names: tuple[str, ...]


@dataclass(frozen=True)
class Archive:
    catalog: object
    awards: tuple[Award, ...]  # newest year first, then report id, then paragraph


def number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


# The seeds' forms that share a group (what their names begin with); every other form is a group of its own
GROUPS = {"Bằng khen": ("nhom-bang-khen", "Bằng khen, mọi cấp"), "Giấy khen": ("nhom-giay-khen", "Giấy khen, mọi cấp"),
          "Cờ": ("nhom-co", "Cờ thi đua, cờ khen, mọi cấp"),
          "Chiến sĩ thi đua": ("nhom-chien-si-thi-dua", "Chiến sĩ thi đua, mọi cấp")}


def _group(form) -> tuple[str, str]:
    head = next((h for h in GROUPS if form.name.split()[:len(h.split())] == h.split()), None)
    return GROUPS[head] if head else ("hinh-thuc-" + form.id, form.name)


def _award(rec, r, catalog) -> Award:
    province = catalog.units[r.unit.province_id]
    movements = [rec.movement] if rec.movement else list(r.movements)
    level = record_level(rec.authority, rec.form.name)
    checked = rec.reviewed and not r.draft
    review = ("da-ra-soat", "Đã rà soát") if checked else ("chua-ra-soat", "Chưa rà soát")
    values = {
        "hinh-thuc": [(rec.form.id, rec.form.name)],
        "nhom-hinh-thuc": [_group(rec.form)],
        "cap-khen": [(level.value, level.label)] if level else [],
        "co-quan": [(" ".join(rec.authority.lower().split()), rec.authority)] if rec.authority.strip() else [],
        "he-thong": [(rec.form.system.value, rec.form.system.label)],
        "doi-tuong": [(rec.recipients.value, rec.recipients.value.capitalize())] if rec.recipients else [],
        "nam": [(str(rec.year or r.year), str(rec.year or r.year))],  # the statement's own year, else the report's
        "cap": [(r.unit.level.value, r.unit.level.label)],
        # a province of the map from 1 July 2025 is marked as such (Thành phố Cần Thơ exists on both)
        "tinh": [(province.id, province.full_name + (" (từ 01/7/2025)" if province.era is Era.FROM_2025 else ""))],
        "phong-trao": [(m.id, m.name) for m in movements],
        "trang-thai": [(rec.status.value, rec.status.label)],
        "ra-soat": [review],
    }
    cells = (str(r.year), rec.form.name, rec.authority or "—", rec.recipients.value if rec.recipients else "—",
             number(rec.count) if rec.count is not None else UNKNOWN, "; ".join(rec.names) or "—", rec.status.label,
             review[1], r.unit.full_name, f"{report_label(r)} ¶{rec.block}")
    return Award(values=values, count=rec.count, cells=cells, path=f"/bao-cao/{r.id}/#p-{rec.block}",
                 report_id=r.id, block=rec.block, names=rec.names)


def _archive(gazetteer, folder: Path) -> Archive:
    from tdkt.catalog.load import load_catalog
    from tdkt.problems import Problems

    problems = Problems()
    catalog = load_catalog(folder, gazetteer, problems)
    assert not len(problems), problems.report()
    awards = [(r, _award(rec, r, catalog)) for r in catalog.reports for rec in r.awards]
    awards.sort(key=lambda ra: (-int(ra[1].values["nam"][0][0]), ra[0].id, ra[1].block))  # stable: awards.yml order within a paragraph
    return Archive(catalog=catalog, awards=tuple(a for _, a in awards))


@pytest.fixture(scope="module")
def archive(gazetteer) -> Archive:
    return _archive(gazetteer, ROOT / "data")


def matching(awards, filters: dict[str, str]) -> list[Award]:
    """The records the finder selects: the default filters unless ``filters`` names them ("" for all)."""
    chosen = {k: v for k, v in {**DEFAULT_FILTERS, **filters}.items() if v}
    return [a for a in awards if all(code in [c for c, _ in a.values[dim]] for dim, code in chosen.items())]


def defaults(archive: Archive) -> list[Award]:
    return matching(archive.awards, {})


def total_of(awards) -> str:
    """A cell as printed: the stated counts; "không rõ" when no record states one, "≥ n" when some do not."""
    unknown = sum(a.count is None for a in awards)
    if unknown == len(awards):
        return UNKNOWN
    return ("≥ " if unknown else "") + number(sum(a.count or 0 for a in awards))


def expected_status(awards) -> str:
    if not awards:
        return "Không có nội dung khen thưởng nào khớp với bộ lọc."
    unknown = sum(a.count is None for a in awards)
    if unknown == len(awards):
        said = "không rõ (văn bản không ghi số lượng)"
    else:
        said = number(sum(a.count or 0 for a in awards)) + (f" + {unknown} nội dung không rõ số lượng" if unknown else "")
    return f"{number(len(awards))} nội dung khen thưởng, tổng số lượng {said}."


def expected_pivot(awards, hang: str, cot: str) -> dict:
    """{cells: {(row, column): text}, rows: {row: text}, columns: {column: text}, total: text}, by label.

    A record with several values on a dimension (movements) counts once under each, and once in the total."""
    cells: dict = {}
    rows: dict = {}
    columns: dict = {}
    for a in awards:
        rs = [label for _, label in a.values[hang]] or [NOT_STATED]
        cs = [label for _, label in a.values[cot]] or [NOT_STATED]
        for x in rs:
            rows.setdefault(x, []).append(a)
            for y in cs:
                cells.setdefault((x, y), []).append(a)
        for y in cs:
            columns.setdefault(y, []).append(a)
    return {"cells": {k: total_of(v) for k, v in cells.items()}, "rows": {k: total_of(v) for k, v in rows.items()},
            "columns": {k: total_of(v) for k, v in columns.items()}, "total": total_of(awards)}


def option_order(dim: str, options: dict[str, str]) -> list[tuple[str, str]]:
    """The order a reader expects: enums in their own order, years newest first, names in Vietnamese order."""
    fixed = {"he-thong": [s.value for s in AwardSystem], "doi-tuong": [k.value for k in RecipientKind],
             "cap": [lv.value for lv in Level], "trang-thai": [s.value for s in AwardStatus],
             "cap-khen": [lv.value for lv in AuthorityLevel], "ra-soat": ["da-ra-soat", "chua-ra-soat"]}
    if dim in fixed:
        codes = [c for c in fixed[dim] if c in options]
    elif dim == "nam":
        codes = sorted(options, reverse=True)
    else:
        codes = sorted(options, key=lambda c: sort_key(options[c]))
    return [(c, options[c]) for c in codes]


# the status and review filters list every option, records or not (their defaults must be selectable)
ALWAYS_LISTED = {"trang-thai": {"granted": "Đã tặng", "proposed": "Đề nghị"},
                 "ra-soat": {"da-ra-soat": "Đã rà soát", "chua-ra-soat": "Chưa rà soát"}}


def expected_options(archive: Archive, dim: str, awards=None) -> list[tuple[str, str]]:
    """The options of a select (``awards`` None: every record's values, and the always listed ones), or of a table
    axis over ``awards`` (only values some of them have)."""
    seen: dict[str, str] = dict(ALWAYS_LISTED.get(dim, {})) if awards is None else {}
    for a in archive.awards if awards is None else awards:
        for code, label in a.values[dim]:
            seen.setdefault(code, label)
    return option_order(dim, seen)


# --------------------------------------------------------------------------- reading the page

def open_finder(page, base_url: str, query: str = "") -> None:
    page.goto(f"{base_url}/khen-thuong/{query}")
    page.wait_for_selector("#tdkt-finder .tdkt-finder-form:not([hidden])")
    page.wait_for_function("() => document.querySelector('#tdkt-finder .tdkt-status').textContent !== ''")


def choose(page, name: str, value: str) -> None:
    page.select_option(f"#tdkt-finder select[name='{name}']", value)


def status(page) -> str:
    return page.locator("#tdkt-finder .tdkt-status").inner_text().strip()


def selected(page) -> dict[str, str]:
    return page.locator("#tdkt-finder form select").evaluate_all("ss => Object.fromEntries(ss.map(s => [s.name, s.value]))")


def url_state(page) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(page.url).query, keep_blank_values=True).items()}


def scope(tab) -> str:
    return tab.locator("#tdkt-finder .tdkt-scope").inner_text().strip()


GRID = "t => ({caption: t.caption ? t.caption.textContent.trim() : null, " \
       "rows: Array.from(t.rows).map(r => Array.from(r.cells).map(c => c.textContent.trim()))})"
RECORDS = "t => ({head: Array.from(t.tHead.rows[0].cells).map(c => c.textContent.trim()), " \
          "rows: Array.from(t.tBodies[0].rows).map(r => ({cells: Array.from(r.cells).map(c => c.textContent.trim()), " \
          "href: r.querySelector('a').href}))})"


def grid(tab, selector: str = "#tdkt-finder .tdkt-pivot table") -> dict:
    return tab.locator(selector).evaluate(GRID)


def parse_pivot(g: dict) -> dict:
    """A totals table as {caption, row_dim, order: (rows, columns), cells, rows, columns, total}; empty cells left out."""
    head, body, foot = g["rows"][0], g["rows"][1:-1], g["rows"][-1]
    assert head[-1] == "Tổng" and foot[0] == "Tổng", g
    cols = head[1:-1]
    assert all(len(r) == len(head) for r in g["rows"]), g
    return {
        "caption": g["caption"], "row_dim": head[0], "order": ([r[0] for r in body], cols),
        "cells": {(r[0], c): t for r in body for c, t in zip(cols, r[1:-1]) if t},
        "rows": {r[0]: r[-1] for r in body}, "columns": dict(zip(cols, foot[1:-1])), "total": foot[-1],
    }


def pivot_shown(page) -> dict:
    return parse_pivot(grid(page))


def records_shown(tab) -> dict:
    return tab.locator("#tdkt-finder .tdkt-records table").evaluate(RECORDS)


def assert_finder_shows(page, base_url, archive, filters: dict[str, str], hang="hinh-thuc", cot="nam"):
    """Status line, totals table and record rows all agree with the records the filters select."""
    want = matching(archive.awards, filters)
    assert status(page) == expected_status(want), filters
    shown = pivot_shown(page)
    exp = expected_pivot(want, hang, cot)
    assert shown["caption"] == f"Số lượng theo {DIM_LABELS[hang].lower()} và {DIM_LABELS[cot].lower()}"
    assert shown["row_dim"] == DIM_LABELS[hang]
    assert (shown["cells"], shown["rows"], shown["columns"], shown["total"]) == \
        (exp["cells"], exp["rows"], exp["columns"], exp["total"]), filters
    recs = records_shown(page)
    assert recs["head"] == COLUMNS
    assert [r["cells"] for r in recs["rows"]] == [list(a.cells) for a in want[:PAGE_ROWS]], filters
    assert [r["href"] for r in recs["rows"]] == [base_url + a.path for a in want[:PAGE_ROWS]]
    assert page.locator("#tdkt-finder .tdkt-more").is_hidden() == (len(want) <= PAGE_ROWS)
    return want


# --------------------------------------------------------------------------- the finder

def test_finder_starts_with_granted_checked_records_and_hand_checked_totals(page, base_url, archive):
    open_finder(page, base_url)
    assert heading(page) == "Tra cứu khen thưởng"
    assert selected(page) == {**{d: "" for d in DIMS}, **DEFAULT_FILTERS, **DEFAULT_AXES}
    assert url_state(page) == {}
    assert_finder_shows(page, base_url, archive, {})
    # by hand from the five awards.yml: 9 + 4 + 12 + 3 records; 259 + 12 + 68 + 126 = 465 awarded or proposed;
    # Cẩm Xuyên proposes a Bằng khen of the Prime Minister (1) and of the province (3): 461 granted in 26 records;
    # the Hà Trung "Gia đình văn hóa" record states no count. Every seed record is reviewed.
    assert len(archive.awards) == 28 and len(defaults(archive)) == 26
    assert status(page) == "26 nội dung khen thưởng, tổng số lượng 461 + 1 nội dung không rõ số lượng."
    assert pivot_shown(page)["total"] == "≥ 461"
    assert scope(page) == ("Số liệu dưới đây tính các nội dung khen thưởng đã tặng, đã được người rà soát đối chiếu "
                           "với văn bản. Không tính vào đây: 2 nội dung đề nghị, đã rà soát (chọn ở bộ lọc “Trạng "
                           "thái” và “Rà soát” để xem).")
    assert page.locator("#tdkt-finder .tdkt-records-note").inner_text() == \
        "Hiển thị 26 trong 26 nội dung, năm gần nhất trước; mỗi dòng dẫn đến đoạn văn nêu nội dung đó."
    assert page.locator("#tdkt-finder .tdkt-more").is_hidden()  # 26 rows: one page
    assert {r["cells"][6] for r in records_shown(page)["rows"]} == {"Đã tặng"}


def test_proposals_are_one_choice_away_and_labelled(page, base_url, archive):
    open_finder(page, base_url)
    choose(page, "trang-thai", "proposed")
    assert url_state(page) == {"trang-thai": "proposed"}
    want = assert_finder_shows(page, base_url, archive, {"trang-thai": "proposed"})
    assert status(page) == "2 nội dung khen thưởng, tổng số lượng 4." and len(want) == 2
    assert {r["cells"][6] for r in records_shown(page)["rows"]} == {"Đề nghị"}
    assert scope(page).startswith("Số liệu dưới đây tính các nội dung khen thưởng đề nghị, đã được người rà soát")
    assert "Không tính vào đây: 26 nội dung đã tặng, đã rà soát" in scope(page)
    choose(page, "trang-thai", "")  # "Tất cả": granted and proposed together
    assert url_state(page) == {"trang-thai": ""}
    assert_finder_shows(page, base_url, archive, {"trang-thai": ""})
    assert status(page) == "28 nội dung khen thưởng, tổng số lượng 465 + 1 nội dung không rõ số lượng."
    assert "Không tính" not in scope(page)


@pytest.mark.parametrize("dim", DIMS)
def test_each_filter_narrows_status_totals_and_rows(page, base_url, archive, dim):
    open_finder(page, base_url, EVERYTHING)  # every record, so that every option selects something
    everything = {"trang-thai": "", "ra-soat": ""}
    options = page.locator(f"#tdkt-finder select[name='{dim}'] option").evaluate_all(
        "os => os.map(o => [o.value, o.textContent])")
    assert options[0] == ["", "Tất cả"]
    assert [tuple(o) for o in options[1:]] == expected_options(archive, dim)
    for code, label in options[1:]:
        choose(page, dim, code)
        want = assert_finder_shows(page, base_url, archive, {**everything, dim: code})
        assert want or dim in ALWAYS_LISTED, (dim, code)  # every option offered selects something
        chosen = {**everything, dim: code}  # the URL names what differs from the defaults
        assert url_state(page) == {k: v for k, v in chosen.items() if v != DEFAULT_FILTERS.get(k, "")}
        column = {"hinh-thuc": 1, "co-quan": 2, "doi-tuong": 3, "nam": 0, "trang-thai": 6, "ra-soat": 7}.get(dim)
        if column is not None and want:  # the chosen value is printed on every row
            printed = label.lower() if dim == "doi-tuong" else label
            assert {r["cells"][column] for r in records_shown(page)["rows"]} == {printed}
    choose(page, dim, "")
    assert url_state(page) == everything
    assert status(page) == expected_status(archive.awards)


def test_hand_checked_filters(page, base_url, archive):
    """Facts read off data/reports/*/awards.yml by a person, not computed."""
    open_finder(page, base_url)
    choose(page, "tinh", "tinh-30")  # Tỉnh Hải Dương: the 12 records of Phường Long Xuyên's report
    assert status(page) == "12 nội dung khen thưởng, tổng số lượng 68."
    assert pivot_shown(page)["total"] == "68"
    assert {r["cells"][8] for r in records_shown(page)["rows"]} == {"Phường Long Xuyên"}
    choose(page, "tinh", "")

    choose(page, "hinh-thuc", "don-vi-quyet-thang")
    assert status(page) == "1 nội dung khen thưởng, tổng số lượng 1."
    [row] = records_shown(page)["rows"]
    assert row["cells"] == ["2023", "Đơn vị quyết thắng", "—", "tập thể", "1", "Công an phường Long Xuyên",
                            "Đã tặng", "Đã rà soát", "Phường Long Xuyên", "Báo cáo số 6/BC-UBND ¶20"]
    assert row["href"] == f"{base_url}/bao-cao/{LONG_XUYEN_REPORT}/#p-20"
    choose(page, "hinh-thuc", "")

    # every Bằng khen, whoever gave it: Thủ tướng 1 and UBND tỉnh 8 + 17 (Cẩm Xuyên), Chủ tịch UBND tỉnh Thanh
    # Hóa 1 (Hà Trung), Hội LHPN tỉnh Hải Dương 1 (Long Xuyên); the two proposals of Cẩm Xuyên are not counted
    choose(page, "nhom-hinh-thuc", "nhom-bang-khen")
    assert status(page) == "5 nội dung khen thưởng, tổng số lượng 28."
    assert {r["cells"][1] for r in records_shown(page)["rows"]} == {
        "Bằng khen của Thủ tướng Chính phủ", "Bằng khen cấp bộ, ngành, tỉnh", "Bằng khen của Hội Liên hiệp Phụ nữ tỉnh"}
    choose(page, "nhom-hinh-thuc", "")

    choose(page, "doi-tuong", "hộ gia đình")  # "Gia đình văn hóa" in Hà Trung: the text gives no number
    assert status(page) == "1 nội dung khen thưởng, tổng số lượng không rõ (văn bản không ghi số lượng)."
    assert pivot_shown(page)["cells"] == {("Gia đình văn hóa", "2023"): "không rõ"}
    assert records_shown(page)["rows"][0]["cells"][4] == "không rõ"
    choose(page, "doi-tuong", "")

    # the authority's level: the province's awards, whatever their authority's spelling
    choose(page, "cap-khen", "tinh")  # "Chủ tịch UBND tỉnh Thanh Hóa", "Chủ tịch UBND tỉnh", "UBND tỉnh" (granted)
    assert {r["cells"][2] for r in records_shown(page)["rows"]} == {"Chủ tịch UBND tỉnh Thanh Hóa", "UBND tỉnh"}
    choose(page, "cap-khen", "dang")
    assert {r["cells"][2] for r in records_shown(page)["rows"]} == {"Tỉnh ủy Hải Dương", "Thị ủy Kinh Môn",
                                                                   "Đảng ủy phường"}


def test_two_filters_combine(page, base_url, archive):
    open_finder(page, base_url)
    choose(page, "tinh", "tinh-30")
    choose(page, "doi-tuong", "cá nhân")
    want = assert_finder_shows(page, base_url, archive, {"tinh": "tinh-30", "doi-tuong": "cá nhân"})
    # by hand: Tỉnh ủy 2, Thị ủy 2, chiến sĩ thi đua 1, Chủ tịch UBND thị xã 3, Đảng ủy 19,
    # lao động tiên tiến 16, giấy khen of the phường 19
    assert status(page) == "7 nội dung khen thưởng, tổng số lượng 62." and len(want) == 7
    assert url_state(page) == {"tinh": "tinh-30", "doi-tuong": "cá nhân"}
    choose(page, "trang-thai", "proposed")  # Long Xuyên proposes nothing
    assert_finder_shows(page, base_url, archive, {"tinh": "tinh-30", "doi-tuong": "cá nhân", "trang-thai": "proposed"})
    assert status(page) == "Không có nội dung khen thưởng nào khớp với bộ lọc."
    assert records_shown(page)["rows"] == []
    assert page.locator("#tdkt-finder .tdkt-records-note").inner_text() == ""
    shot(page, "finder-empty")


def test_table_axes_can_be_any_two_dimensions(page, base_url, archive):
    open_finder(page, base_url)
    shown_records = defaults(archive)
    for hang in DIMS:
        choose(page, "hang", hang)
        for cot in DIMS:
            choose(page, "cot", cot)
            assert_finder_shows(page, base_url, archive, {}, hang, cot)
            rows, cols = pivot_shown(page)["order"]
            for dim, labels in ((hang, rows), (cot, cols)):  # options in order, "Không ghi" last
                exp = [label for _, label in expected_options(archive, dim, shown_records)]
                if any(not a.values[dim] for a in shown_records):
                    exp.append(NOT_STATED)
                assert labels == exp, (hang, cot)
    assert url_state(page) == {"hang": "ra-soat", "cot": "ra-soat"}
    # movements: a record counts under each movement of its report, and once in the grand total
    choose(page, "hang", "phong-trao")
    choose(page, "cot", "doi-tuong")
    choose(page, "tinh", "tinh-30")
    assert_finder_shows(page, base_url, archive, {"tinh": "tinh-30"}, "phong-trao", "doi-tuong")
    movements = next(r for r in archive.catalog.reports if r.id == LONG_XUYEN_REPORT).movements
    shown = pivot_shown(page)
    assert list(shown["rows"].values()) == ["68"] * len(movements) and shown["total"] == "68"
    shot(page, "finder-filtered")


def test_filters_live_in_the_url_and_a_shared_link_restores_them(page, base_url, archive):
    open_finder(page, base_url)
    state = {"hinh-thuc": "bang-khen-cap-tinh", "ra-soat": "", "hang": "tinh", "cot": "doi-tuong"}
    for name, value in state.items():
        choose(page, name, value)
    assert url_state(page) == state
    before = (status(page), grid(page), records_shown(page), scope(page))
    want = assert_finder_shows(page, base_url, archive, {"hinh-thuc": "bang-khen-cap-tinh", "ra-soat": ""},
                               "tinh", "doi-tuong")
    assert len(want) == 3  # granted: Cẩm Xuyên 8 tập thể + 17 cá nhân, Hà Trung 1 tập thể (and 3 proposed)
    shared = page.url

    page.reload()
    page.wait_for_selector("#tdkt-finder .tdkt-finder-form:not([hidden])")
    assert selected(page) == {**{d: "" for d in DIMS}, **DEFAULT_FILTERS, **state}
    assert (status(page), grid(page), records_shown(page), scope(page)) == before

    page.goto(base_url + "/")  # somebody else opening the link
    open_finder(page, base_url, "?" + urlsplit(shared).query)
    assert (status(page), grid(page), records_shown(page), scope(page)) == before

    # a value the archive does not have is ignored, not an empty list
    open_finder(page, base_url, "?hinh-thuc=khong-co&tinh=tinh-30&hang=xyz")
    assert selected(page) == {**{d: "" for d in DIMS}, **DEFAULT_FILTERS, "tinh": "tinh-30", **DEFAULT_AXES}
    assert_finder_shows(page, base_url, archive, {"tinh": "tinh-30"})


def test_reset_button_clears_filters_and_axes(page, base_url, archive):
    open_finder(page, base_url, "?tinh=tinh-42&trang-thai=proposed&hang=co-quan&cot=tinh")
    assert_finder_shows(page, base_url, archive, {"tinh": "tinh-42", "trang-thai": "proposed"}, "co-quan", "tinh")
    page.get_by_role("button", name="Bỏ lọc").click()
    page.wait_for_function("() => location.search === ''")
    assert selected(page) == {**{d: "" for d in DIMS}, **DEFAULT_FILTERS, **DEFAULT_AXES}
    assert_finder_shows(page, base_url, archive, {})


def test_more_button_pages_through_long_lists(page, base_url, archive):
    """26 records fit on one page (the button stays hidden, see the first test); with the data file
    served five times over, the finder shows 50 rows and each click on "Xem thêm" 50 more."""
    copies = 5

    def bigger(route):
        response = route.fetch()
        data = response.json()
        data["records"] = data["records"] * copies
        route.fulfill(response=response, body=json.dumps(data, ensure_ascii=False),
                      headers={**response.headers, "content-type": "application/json"})

    page.route("**/khen-thuong/ban-ghi.json", bigger)
    open_finder(page, base_url)
    n = copies * len(defaults(archive))
    more = page.locator("#tdkt-finder .tdkt-more")
    note = page.locator("#tdkt-finder .tdkt-records-note")
    rows = page.locator("#tdkt-finder .tdkt-records tbody tr")
    assert status(page).startswith(f"{n} nội dung khen thưởng")
    assert rows.count() == PAGE_ROWS and more.is_visible()
    assert note.inner_text().startswith(f"Hiển thị {PAGE_ROWS} trong {n} nội dung")
    shown = PAGE_ROWS
    while shown < n:
        more.click()
        shown = min(n, shown + PAGE_ROWS)
        assert rows.count() == shown
        assert note.inner_text().startswith(f"Hiển thị {shown} trong {n} nội dung")
    assert more.is_hidden()
    # newest first, then by report and paragraph; nothing lost or doubled by paging
    cells = [r["cells"] for r in records_shown(page)["rows"]]
    order = sorted(defaults(archive) * copies, key=lambda a: (-int(a.cells[0]), a.report_id, a.block))
    assert cells == [list(a.cells) for a in order]
    choose(page, "he-thong", "nha-nuoc")  # a new filter starts again at one page
    k = copies * len(matching(archive.awards, {"he-thong": "nha-nuoc"}))
    assert rows.count() == min(k, PAGE_ROWS) and more.is_visible() == (k > PAGE_ROWS)


def test_a_record_links_to_its_paragraph(page, base_url, archive):
    open_finder(page, base_url, "?hinh-thuc=don-vi-quyet-thang")
    page.locator("#tdkt-finder .tdkt-records tbody a").click()
    page.wait_for_url(f"**/bao-cao/{LONG_XUYEN_REPORT}/#p-20")
    target = page.locator(":target")
    assert target.get_attribute("id") == "p-20"
    assert "Công an phường Long Xuyên đạt danh hiệu đơn vị quyết thắng năm 2023" in target.inner_text()

    # every record: its paragraph exists and states the record's count and names
    by_report: dict[str, list[Award]] = {}
    for a in archive.awards:
        by_report.setdefault(a.report_id, []).append(a)
    for report_id, awards in by_report.items():
        page.goto(f"{base_url}/bao-cao/{report_id}/")
        for a in awards:
            text = page.evaluate("id => { const e = document.getElementById(id); return e && e.textContent; }",
                                 f"p-{a.block}")
            assert text, (report_id, a.block)
            if a.count is not None and a.count != len(a.names):  # named recipients stand for their number
                assert re.search(rf"(?<!\d)0*{a.count}(?!\d)", text), (report_id, a.block, a.count, text)
            for name in a.names:
                assert name.lower() in text.lower(), (report_id, a.block, name)


# --------------------------------------------------------------------------- unreviewed records (the fixture archive)

@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory):
    """tests/fixtures/archive built for real: a reviewed granted record (¶7) and an unreviewed proposal (¶9)."""
    from tdkt.cli import main

    tmp = tmp_path_factory.mktemp("fixture-site")
    out, docs = tmp / "site", tmp / "site_src"
    assert main(["build", "--data", str(FIXTURE), "--out", str(out), "--docs", str(docs)]) == 0
    with serve(out) as url:
        yield url


@pytest.fixture(scope="module")
def fixture_archive(gazetteer) -> Archive:
    return _archive(gazetteer, FIXTURE)


def test_unreviewed_records_are_counted_only_when_asked_and_labelled(page, fixture_site, fixture_archive):
    base = fixture_site
    report = "2023-long-xuyen-hd-bc-1"
    assert [(a.block, a.values["ra-soat"][0][0], a.values["trang-thai"][0][0]) for a in fixture_archive.awards] == \
        [(7, "da-ra-soat", "granted"), (9, "chua-ra-soat", "proposed")]

    # by default: the reviewed, granted record only; the other one is counted apart, in words
    open_finder(page, base)
    assert_finder_shows(page, base, fixture_archive, {})
    assert status(page) == "1 nội dung khen thưởng, tổng số lượng 1."
    assert [r["cells"][7] for r in records_shown(page)["rows"]] == ["Đã rà soát"]
    assert scope(page) == ("Số liệu dưới đây tính các nội dung khen thưởng đã tặng, đã được người rà soát đối chiếu "
                           "với văn bản. Không tính vào đây: 1 nội dung đề nghị, chưa rà soát (chọn ở bộ lọc “Trạng "
                           "thái” và “Rà soát” để xem).")
    assert "Chưa rà soát" not in page.locator("#tdkt-finder .tdkt-pivot").inner_text()
    shot(page, "finder-fixture-default")

    # unreviewed records asked for: a granted one would show; this one is a proposal, so nothing yet
    choose(page, "ra-soat", "chua-ra-soat")
    assert_finder_shows(page, base, fixture_archive, {"ra-soat": "chua-ra-soat"})
    assert status(page) == "Không có nội dung khen thưởng nào khớp với bộ lọc."
    assert "đã được người rà soát" not in scope(page)
    assert scope(page).endswith("Không tính vào đây: 1 nội dung đã tặng, đã rà soát; 1 nội dung đề nghị, chưa rà "
                                "soát (chọn ở bộ lọc “Trạng thái” và “Rà soát” để xem).")
    # and proposals too: the unreviewed proposal, labelled on its row
    choose(page, "trang-thai", "")
    want = assert_finder_shows(page, base, fixture_archive, {"ra-soat": "chua-ra-soat", "trang-thai": ""})
    assert [a.block for a in want] == [9]
    assert status(page) == "1 nội dung khen thưởng, tổng số lượng 12."
    [row] = records_shown(page)["rows"]
    assert row["cells"][6:8] == ["Đề nghị", "Chưa rà soát"]
    assert scope(page).startswith("Số liệu dưới đây tính các nội dung khen thưởng đã tặng và đề nghị, chưa được "
                                  "người rà soát")
    assert url_state(page) == {"ra-soat": "chua-ra-soat", "trang-thai": ""}
    # everything: both, and the table by review says which is which
    choose(page, "ra-soat", "")
    choose(page, "cot", "ra-soat")
    assert_finder_shows(page, base, fixture_archive, {"ra-soat": "", "trang-thai": ""}, "hinh-thuc", "ra-soat")
    assert status(page) == "2 nội dung khen thưởng, tổng số lượng 13."
    assert pivot_shown(page)["columns"] == {"Đã rà soát": "1", "Chưa rà soát": "12"}
    shot(page, "finder-fixture-everything")

    # the report page marks the unreviewed record and says so above its table
    page.goto(f"{base}/bao-cao/{report}/")
    section = page.locator("h2#khen-thuong")
    assert heading(page, "h2#khen-thuong") == "Khen thưởng trong báo cáo"
    intro = section.locator("xpath=following-sibling::p[1]").inner_text()
    assert "1 trong 2 dòng chưa rà soát" in intro
    rows = section.locator("xpath=following::table[1]").locator("tbody tr").evaluate_all(
        "rs => rs.map(r => Array.from(r.cells).map(c => c.textContent.trim()))")
    assert [r[5] for r in rows] == ["Đã tặng", "Đề nghị · chưa rà soát"]


# --------------------------------------------------------------------------- without JavaScript

def _read_without_javascript(url: str, out: dict) -> None:
    """Runs in its own thread: a Playwright sync session cannot nest in the one the `browser` fixture holds."""
    from playwright.sync_api import sync_playwright

    try:
        with sync_playwright() as p:
            chromium = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
            try:
                context = chromium.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900},
                                               locale="vi-VN")
                tab = context.new_page()
                failed: list[str] = []
                tab.on("response", lambda r: failed.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
                tab.goto(url)
                out["form_visible"] = tab.locator("#tdkt-finder form").is_visible()
                out["status"] = tab.locator("#tdkt-finder .tdkt-status").inner_text()
                out["scope"] = tab.locator("#tdkt-finder .tdkt-scope").inner_text()
                out["pivot"] = grid(tab)
                out["records"] = records_shown(tab)
                out["more_visible"] = tab.locator("#tdkt-finder .tdkt-more").is_visible()
                out["note"] = tab.locator("#tdkt-finder .tdkt-records-note").inner_text()
                out["charts"] = tab.locator("figure.tdkt-chart img").evaluate_all(
                    "imgs => imgs.map(i => [i.getAttribute('src'), i.alt, i.naturalWidth])")
                out["failed"] = failed
                shot(tab, "finder-no-javascript")
                context.close()
            finally:
                chromium.close()
    except Exception as e:  # noqa: BLE001 - reported to the test in the main thread
        out["error"] = repr(e)


@pytest.fixture(scope="module")
def without_javascript(base_url) -> dict:
    out: dict = {}
    worker = threading.Thread(target=_read_without_javascript, args=(base_url + "/khen-thuong/", out))
    worker.start()
    worker.join(timeout=120)
    assert not worker.is_alive(), "the browser without JavaScript did not finish"
    assert "error" not in out, out.get("error")
    return out


def test_without_javascript_the_printed_tables_show_everything(without_javascript, base_url, archive):
    page = without_javascript
    assert page["failed"] == []
    assert not page["form_visible"] and page["status"] == ""  # nothing ran: the filters stay hidden
    # the printed page counts what the script counts by default, under the same sentence
    assert page["scope"].startswith("Số liệu dưới đây tính các nội dung khen thưởng đã tặng, đã được người rà soát")
    assert "Không tính vào đây: 2 nội dung đề nghị, đã rà soát" in page["scope"]
    shown = parse_pivot(page["pivot"])
    exp = expected_pivot(defaults(archive), "hinh-thuc", "nam")
    assert shown["caption"] == "Số lượng theo hình thức, danh hiệu và năm"
    assert (shown["cells"], shown["rows"], shown["columns"], shown["total"]) == \
        (exp["cells"], exp["rows"], exp["columns"], exp["total"])
    assert shown["total"] == "≥ 461"
    printed = defaults(archive)[:100]
    assert page["records"]["head"] == COLUMNS
    assert [r["cells"] for r in page["records"]["rows"]] == [list(a.cells) for a in printed]
    assert [r["href"] for r in page["records"]["rows"]] == [base_url + a.path for a in printed]
    assert page["note"].startswith(f"{len(printed)} nội dung mới nhất.")
    assert not page["more_visible"]
    assert [src for src, _, _ in page["charts"]] == ["bieu-do-theo-nam.svg", "bieu-do-theo-cap.svg"]
    assert all(alt.strip() and width > 0 for _, alt, width in page["charts"])


def test_script_draws_the_same_tables_as_the_printed_page(without_javascript, page, base_url):
    open_finder(page, base_url)
    assert grid(page) == without_javascript["pivot"]  # cell for cell, caption and headers included
    assert records_shown(page) == without_javascript["records"]
    assert scope(page) == without_javascript["scope"].strip()


# --------------------------------------------------------------------------- the charts

CHART_FILES = ("bieu-do-theo-nam.svg", "bieu-do-theo-cap.svg")
# the drawn charts, as a screen reader and a person read them: each <svg>'s name and description (through
# aria-labelledby), each bar's <title> ("2023: 68"), the figure's caption and its link, what draws "no data"
CHARTS = """figs => figs.map(f => {
  const svg = f.querySelector('svg'), byId = id => document.getElementById(id);
  const named = svg ? svg.getAttribute('aria-labelledby').split(' ').map(id => byId(id) && byId(id).textContent) : null;
  return {img: !!f.querySelector('img'), role: svg && svg.getAttribute('role'), named: named,
          inside: svg ? svg.getAttribute('aria-labelledby').split(' ').every(id => svg.contains(byId(id))) : false,
          bars: svg ? Array.from(svg.querySelectorAll('g.bar > title')).map(t => t.textContent) : [],
          segments: svg ? Array.from(svg.querySelectorAll('rect.segment > title')).map(t => t.textContent) : [],
          empty: svg ? !!svg.querySelector('text.no-data') : null,
          styled: svg ? !!svg.querySelector('[style], style, script') : null,
          caption: f.querySelector('figcaption').textContent, link: f.querySelector('figcaption a').href};
})"""


def charts_shown(page) -> list[dict]:
    return page.locator("figure.tdkt-chart").evaluate_all(CHARTS)


def bars_of(svg: str) -> list[str]:
    """The bars' <title>s of an SVG file ("2023: 461")."""
    return re.findall(r'<g class="bar"><title>([^<]*)</title>', svg)


def expected_bars(awards, dim: str) -> list[str]:
    """'label: total' per option of ``dim`` that some of ``awards`` have, stated counts only (years oldest first)."""
    totals: dict[str, int] = {}
    labels: dict[str, str] = {}
    for a in awards:
        for code, label in a.values[dim] or [("", NOT_STATED)]:
            totals[code] = totals.get(code, 0) + (a.count or 0)
            labels[code] = label
    order = option_order(dim, {c: labels[c] for c in labels if c}) + ([("", NOT_STATED)] if "" in labels else [])
    order = order[::-1] if dim == "nam" else order
    return [f"{label}: {number(totals[code])}" for code, label in order]


def level_table(page) -> dict:
    return parse_pivot(grid(page, "details.tdkt-chart-data table"))


def assert_level_table(page, awards) -> None:
    shown, exp = level_table(page), expected_pivot(awards, "hinh-thuc", "cap")
    assert (shown["cells"], shown["rows"], shown["columns"], shown["total"]) == \
        (exp["cells"], exp["rows"], exp["columns"], exp["total"])


def test_charts_load_with_text_alternatives_and_data_table(page, base_url, archive):
    """With JavaScript the build's two SVG files (the default view) are drawn again in the page, from the records,
    and say so; the files stay linked. Without JavaScript: test_without_javascript_the_printed_tables_show_everything."""
    open_finder(page, base_url)
    files = []
    for name in CHART_FILES:
        response = page.request.get(f"{base_url}/khen-thuong/{name}")
        assert response.status == 200 and response.headers["content-type"].startswith("image/svg+xml"), name
        files.append(response.text())
        assert files[-1].startswith("<?xml")
    by_year = files[0]
    assert bars_of(by_year) == expected_bars(defaults(archive), "nam")
    assert sum(int(b.rsplit(": ", 1)[1].replace(".", "")) for b in bars_of(by_year)) == 461  # every stated count granted
    assert ">465<" not in by_year  # proposals are not drawn

    page.wait_for_function("() => document.querySelectorAll('figure.tdkt-chart svg').length === 2")
    drawn = charts_shown(page)
    assert [c["img"] for c in drawn] == [False, False]
    for chart, name, svg in zip(drawn, CHART_FILES, files):
        assert chart["role"] == "img" and chart["inside"] and not chart["styled"]
        title, desc = chart["named"]
        assert title == re.search(r'<title id="chart-title">([^<]*)</title>', svg).group(1)  # the file's title
        assert desc.startswith("Theo bộ lọc đang chọn: tổng số lượng mà các báo cáo ghi nhận")
        assert "Biểu đồ tính các nội dung khen thưởng đã tặng, đã được người rà soát" in desc
        assert chart["bars"] == bars_of(svg)  # the default view: the file's bars
        assert chart["link"] == f"{base_url}/khen-thuong/{name}"  # the caption still links the file
        assert "theo bộ lọc đang chọn" in chart["caption"] and "không theo bộ lọc" not in chart["caption"]
        assert "cách xem mặc định" in chart["caption"]  # the file is the default view's
    assert drawn[1]["bars"] == expected_bars(defaults(archive), "cap")
    ids = page.evaluate("() => Array.from(document.querySelectorAll('[id]'), e => e.id)")
    assert len(ids) == len(set(ids))  # two charts in one page: no id twice
    page.set_viewport_size({"width": 390, "height": 844})  # a phone: the charts shrink, keeping their shape
    for w, h, vw, vh in page.locator("figure.tdkt-chart svg").evaluate_all(
            "ss => ss.map(s => { const r = s.getBoundingClientRect(), v = s.viewBox.baseVal;"
            " return [r.width, r.height, v.width, v.height]; })"):
        assert 300 < w <= 390 and abs(h / w - vh / vw) < 0.03, (w, h, vw, vh)
    page.set_viewport_size({"width": 1280, "height": 900})

    details = page.locator("details.tdkt-chart-data")
    assert details.count() == 1 and details.locator("table").is_hidden()
    details.locator("summary").click()
    assert details.locator("table").is_visible()
    assert_level_table(page, defaults(archive))


def test_charts_follow_the_filters(page, base_url, archive, axe_source):
    open_finder(page, base_url)
    page.wait_for_function("() => document.querySelectorAll('figure.tdkt-chart svg').length === 2")
    default_bars = [c["bars"] for c in charts_shown(page)]
    choose(page, "tinh", "tinh-30")  # Tỉnh Hải Dương: the 12 records of Phường Long Xuyên's report, 68 in 2023
    assert status(page) == "12 nội dung khen thưởng, tổng số lượng 68."
    years, levels = charts_shown(page)
    assert years["bars"] == ["2023: 68"]  # by hand, as test_hand_checked_filters
    assert levels["bars"] == [f"{Level.COMMUNE.label}: 68"]
    assert sum(int(t.rsplit(": ", 1)[1]) for t in years["segments"]) == 68
    for chart in (years, levels):
        assert "(Tỉnh, thành phố: Tỉnh Hải Dương)" in chart["named"][1]
        assert "Tổng cộng: 68." in chart["named"][1]
    details = page.locator("details.tdkt-chart-data")
    details.locator("summary").click()
    assert_level_table(page, matching(archive.awards, {"tinh": "tinh-30"}))
    assert level_table(page)["total"] == "68"
    shot(page, "finder-charts-filtered")
    violations = axe_violations(page, axe_source)
    assert not violations, describe(violations)

    choose(page, "doi-tuong", "cá nhân")  # by hand: 7 records, 62 (test_two_filters_combine)
    assert [c["bars"] for c in charts_shown(page)] == [["2023: 62"], [f"{Level.COMMUNE.label}: 62"]]
    assert "(Đối tượng: Cá nhân; Tỉnh, thành phố: Tỉnh Hải Dương)" in charts_shown(page)[0]["named"][1]
    assert_level_table(page, matching(archive.awards, {"tinh": "tinh-30", "doi-tuong": "cá nhân"}))

    choose(page, "trang-thai", "proposed")  # Long Xuyên proposes nothing: both charts draw no data, no table
    assert [(c["bars"], c["empty"]) for c in charts_shown(page)] == [([], True), ([], True)]
    assert page.locator("details.tdkt-chart-data table").is_hidden()

    page.locator("#tdkt-finder button[type=reset]").click()  # the default view's charts are back
    page.wait_for_function("() => document.querySelector('#tdkt-finder select[name=tinh]').value === ''"
                           " && document.querySelector('figure.tdkt-chart g.bar') !== null")
    page.wait_for_function("() => !document.querySelector('figure.tdkt-chart desc').textContent.includes('Hải Dương')")
    shown = charts_shown(page)
    assert [c["bars"] for c in shown] == default_bars
    assert [c["bars"] for c in shown] == [expected_bars(defaults(archive), "nam"), expected_bars(defaults(archive), "cap")]
    assert all(c["named"][1].startswith("Theo bộ lọc đang chọn: ") for c in shown)
    assert_level_table(page, defaults(archive))


# --------------------------------------------------------------------------- exemplars

def published(archive: Archive):
    shown = [e for e in archive.catalog.exemplars if e.status is ExemplarStatus.PUBLISHED]
    return sorted(shown, key=lambda e: (-e.year, sort_key(e.name), e.id))


def hidden_exemplars(archive: Archive):
    return [e for e in archive.catalog.exemplars if e.status is not ExemplarStatus.PUBLISHED]


def listed_after(page, heading_start: str) -> list[dict]:
    """The links of the list following the h2 that starts with ``heading_start``."""
    return page.evaluate(
        """start => {
             const h = Array.from(document.querySelectorAll('article h2')).find(h => h.textContent.trim().startsWith(start));
             if (!h) return null;
             let e = h.nextElementSibling;
             while (e && e.tagName !== 'UL' && e.tagName !== 'H2') e = e.nextElementSibling;
             if (!e || e.tagName !== 'UL') return [];
             return Array.from(e.children).map(li => ({text: li.textContent.trim(), name: li.querySelector('a').textContent,
                                                       href: li.querySelector('a').href}));
           }""", heading_start)


def test_curated_exemplars_are_as_described(archive):
    statuses = sorted(e.status.value for e in archive.catalog.exemplars)
    assert statuses == ["proposed", "published", "published", "published", "published", "rejected"]


def test_home_features_exemplars_and_leads_to_one(page, base_url, archive):
    page.goto(base_url + "/")
    featured = listed_after(page, "Điển hình tiên tiến")
    shown = published(archive)
    assert [f["name"] for f in featured] == [e.name for e in shown[:3]]
    assert [f["href"] for f in featured] == [f"{base_url}/dien-hinh/{e.id}/" for e in shown[:3]]
    for f, e in zip(featured, shown):
        assert f["text"] == f"{e.name} ({e.year}): {e.achievement}"
    everything = page.get_by_role("link", name="Xem tất cả điển hình tiên tiến")
    assert everything.evaluate("a => a.href") == f"{base_url}/dien-hinh/"
    page.get_by_role("link", name="Công an phường Long Xuyên", exact=True).first.click()
    page.wait_for_url("**/dien-hinh/cong-an-phuong-long-xuyen-2023/")
    assert heading(page) == "Công an phường Long Xuyên"
    page.get_by_role("link", name="Tất cả điển hình tiên tiến", exact=True).click()
    page.wait_for_url("**/dien-hinh/")
    assert heading(page) == "Điển hình tiên tiến"


def _exemplar_ids(archive, status=ExemplarStatus.PUBLISHED):
    return [e.id for e in archive.catalog.exemplars if e.status is status]


@pytest.mark.parametrize("exemplar_id", ["cong-an-phuong-long-xuyen-2023", "hoi-lhpn-phuong-long-xuyen-2023",
                                         "ubnd-phuong-long-xuyen-2023", "ubnd-thi-tran-ha-trung-2023"])
def test_exemplar_page_quotes_and_cites_its_paragraph(page, base_url, archive, exemplar_id):
    assert exemplar_id in _exemplar_ids(archive)
    e = next(x for x in archive.catalog.exemplars if x.id == exemplar_id)
    report = next(r for r in archive.catalog.reports if r.id == e.report_id)
    page.goto(f"{base_url}/dien-hinh/{e.id}/")
    assert heading(page) == e.name
    quote = page.locator("article blockquote")
    assert quote.count() == 1
    assert f"“{e.quote}”" in quote.inner_text()
    meta = dict(zip(page.locator(".tdkt-meta td:first-child").all_inner_texts(),
                    page.locator(".tdkt-meta td:nth-child(2)").all_inner_texts()))
    assert meta["Điển hình"] == e.name and meta["Năm"] == str(e.year) and meta["Thành tích"] == e.achievement
    assert meta["Đơn vị báo cáo"].startswith(report.unit.full_name)
    warning = page.locator(".admonition.warning")
    ocr = report.text_quality is TextQuality.OCR_RESTORED
    assert warning.count() == (1 if ocr else 0)
    if e.id == "cong-an-phuong-long-xuyen-2023":
        shot(page, "exemplar")

    cite = quote.get_by_role("link", name=f"{report_label(report)}, đoạn {e.block}")
    cite.click()
    page.wait_for_url(f"**/bao-cao/{report.id}/#p-{e.block}")
    target = page.locator(":target")
    assert target.get_attribute("id") == f"p-{e.block}"
    assert e.quote in " ".join(target.inner_text().split())

    if ocr:
        page.go_back()
        page.wait_for_url(f"**/dien-hinh/{e.id}/")
        assert "máy khôi phục dấu" in warning.inner_text()
        warning.get_by_role("link", name="Xem đoạn này trong bản OCR").click()
        page.wait_for_url(f"**/bao-cao/{report.id}/ocr/#p-{e.block}")
        target = page.locator(":target")
        assert target.get_attribute("id") == f"p-{e.block}"
        # the OCR text has no marks and a few misread letters ("ting" for "tặng"): most words must match
        words, ocr_words = fold(e.quote).split(), set(fold(target.inner_text()).split())
        assert sum(w in ocr_words for w in words) >= 0.8 * len(words), target.inner_text()


def cards(page) -> list[str]:
    return page.locator(".tdkt-card:not([hidden]) h3 a:not(.headerlink)").all_inner_texts()


def test_exemplar_cards_filter_and_write_the_url(page, base_url, archive):
    page.goto(base_url + "/dien-hinh/")
    form = page.locator("form.tdkt-card-filters")
    form.wait_for(state="visible")
    shown = published(archive)
    everyone = [e.name for e in shown]
    assert cards(page) == everyone
    assert page.locator(".tdkt-card-status").inner_text() == f"{len(shown)} điển hình."
    reports = {r.id: r for r in archive.catalog.reports}
    province_of = {e.id: reports[e.report_id].unit.province_id for e in shown}

    options = {name: page.locator(f"form.tdkt-card-filters select[name='{name}'] option").evaluate_all(
        "os => os.map(o => o.value).filter(v => v)") for name in ("nam", "phong-trao", "tinh")}
    assert options["nam"] == sorted({str(e.year) for e in shown}, reverse=True)
    assert set(options["tinh"]) == set(province_of.values()) == {"tinh-30", "tinh-38"}
    assert set(options["phong-trao"]) == {m.id for e in shown for m in e.movements}

    for tinh in options["tinh"]:
        page.select_option("select[name='tinh']", tinh)
        want = [e.name for e in shown if province_of[e.id] == tinh]
        assert cards(page) == want and want
        assert page.locator(".tdkt-card-status").inner_text() == f"Hiển thị {len(want)} trong {len(shown)} điển hình."
        assert url_state(page) == {"tinh": tinh}
    page.select_option("select[name='nam']", options["nam"][0])
    assert url_state(page) == {"tinh": options["tinh"][-1], "nam": options["nam"][0]}
    shared = page.url
    page.goto(base_url + "/")
    page.goto(shared)
    form.wait_for(state="visible")
    assert page.input_value("select[name='tinh']") == options["tinh"][-1]
    assert cards(page) == [e.name for e in shown if province_of[e.id] == options["tinh"][-1]]
    page.select_option("select[name='tinh']", "")
    assert cards(page) == everyone and url_state(page) == {"nam": options["nam"][0]}
    shot(page, "exemplars")


def test_exemplar_movement_filter(page, base_url, archive):
    """No published exemplar names a movement yet (so the build prints no movement select), so the page is
    served with two movements added to the first card and a select for them, to show the filter works."""
    def with_movements(route):
        response = route.fetch()
        body = response.text()
        body = body.replace('data-phong-trao=""', 'data-phong-trao="nong-thon-moi chuyen-doi-so"', 1)
        assert 'name="phong-trao"' not in body  # no movement to choose from: the build prints no select
        body = body.replace('<label>Tỉnh, thành phố',
                            '<label>Phong trào<select name="phong-trao"><option value="">Tất cả</option>'
                            '<option value="nong-thon-moi">Nông thôn mới</option>'
                            '<option value="chuyen-doi-so">Chuyển đổi số</option></select></label>'
                            '<label>Tỉnh, thành phố', 1)
        route.fulfill(response=response, body=body)

    page.route(f"{base_url}/dien-hinh/", with_movements)
    page.goto(base_url + "/dien-hinh/")
    page.locator("form.tdkt-card-filters").wait_for(state="visible")
    everyone = [e.name for e in published(archive)]
    assert cards(page) == everyone
    page.select_option("select[name='phong-trao']", "chuyen-doi-so")
    assert cards(page) == everyone[:1] and url_state(page) == {"phong-trao": "chuyen-doi-so"}
    page.select_option("select[name='phong-trao']", "nong-thon-moi")
    assert cards(page) == everyone[:1]
    page.select_option("select[name='tinh']", "tinh-38")  # the first card is in Hải Dương
    assert cards(page) == [] and page.locator(".tdkt-card-status").inner_text() == \
        f"Hiển thị 0 trong {len(everyone)} điển hình."


def _site_text(built_site: Path):
    for f in sorted(built_site.rglob("*")):
        if not f.is_file():
            continue
        data = f.read_bytes()
        if f.suffix == ".gz":
            data = gzip.decompress(data)
        text = data.decode("utf-8", errors="replace")
        if f.suffix == ".json":  # in case a file escapes non-ASCII
            text += json.dumps(json.loads(text), ensure_ascii=False)
        yield f.relative_to(built_site).as_posix(), text


def test_proposed_and_rejected_exemplars_never_reach_the_site(built_site, archive):
    hidden = hidden_exemplars(archive)
    assert {e.status for e in hidden} == {ExemplarStatus.PROPOSED, ExemplarStatus.REJECTED}
    found = {}
    control = published(archive)[0]
    control_hits = []
    for where, text in _site_text(built_site):
        for e in hidden:
            for needle in (e.id, e.achievement, e.note):
                if needle and needle in text:
                    found.setdefault(e.id, []).append((where, needle))
        if control.id in text and control.achievement in text:
            control_hits.append(where)
    assert found == {}
    assert control_hits  # the same search finds a published one
    for e in hidden:
        assert not (built_site / "dien-hinh" / e.id).exists()


def test_hidden_exemplars_are_in_no_exemplar_list(page, base_url, archive):
    names = {e.name for e in published(archive)}
    hidden = {e.name for e in hidden_exemplars(archive)}
    page.goto(base_url + "/dien-hinh/")
    assert set(page.locator(".tdkt-card h3 a:not(.headerlink)").all_inner_texts()) == names
    for url, title in ((base_url + "/", "Điển hình tiên tiến"),
                       (f"{base_url}/don-vi/phuong-long-xuyen-10738/", "Điển hình tiên tiến"),
                       (f"{base_url}/bao-cao/{LONG_XUYEN_REPORT}/", "Điển hình tiên tiến")):
        page.goto(url)
        listed = {item["name"] for item in listed_after(page, title)}
        assert listed and listed <= names and not listed & hidden, url


def test_unit_and_report_pages_list_their_exemplars(page, base_url, archive):
    reports = {r.id: r for r in archive.catalog.reports}
    here = [e for e in published(archive) if reports[e.report_id].unit.id == "xa-10738"]
    assert "Công an phường Long Xuyên" in [e.name for e in here]

    page.goto(f"{base_url}/don-vi/phuong-long-xuyen-10738/")
    assert heading(page) == "Phường Long Xuyên"
    listed = listed_after(page, f"Điển hình tiên tiến ({len(here)})")
    assert [i["name"] for i in listed] == [e.name for e in here]
    assert [i["href"] for i in listed] == [f"{base_url}/dien-hinh/{e.id}/" for e in here]

    page.goto(f"{base_url}/bao-cao/{LONG_XUYEN_REPORT}/")
    listed = listed_after(page, "Điển hình tiên tiến từ báo cáo này")
    assert [i["name"] for i in listed] == [e.name for e in here if e.report_id == LONG_XUYEN_REPORT]
    page.locator("#dien-hinh ~ ul a", has_text="Công an phường Long Xuyên").click()
    page.wait_for_url("**/dien-hinh/cong-an-phuong-long-xuyen-2023/")
    assert heading(page) == "Công an phường Long Xuyên"
