"""The index pages at 10,000 reports: each stays small, every report is linked from them, and the 2025 boundary
is written beside a name both maps bear."""
from __future__ import annotations

import dataclasses
import posixpath
import random
import re
from collections import Counter

import markdown
import pytest

from tdkt.catalog.load import _units_used
from tdkt.model import DocType, Era, Level, Origin, PartialDate, Period, Span
from tdkt.site import paths
from tdkt.site.exemplar_pages import by_report_and_unit
from tdkt.site.indexes import (PER_PAGE, movement_pages, render_all_reports, render_movement_index, render_unit_index,
                               render_year_index, unit_pages, year_pages)
from tdkt.site.pages import render_home

HTML_BOUND = 300_000  # bytes of a page's HTML, the site's theme included
THEME = 20_000  # what the theme puts around an article (measured: an index page of the fixture, 5 rows, is 14 KB)
LINK = re.compile(r"\]\(([^)\s]+)\)")
EXTENSIONS = ["tables", "attr_list", "md_in_html", "toc"]


def _catalogue(fixture_catalog, gazetteer, n: int, seed: int = 7):
    """``n`` reports made from the fixture's: random units of both maps (a tenth of them on five busy units),
    years 2016–2026, some without a year, some news articles, movements as the fixture's reports name them."""
    rng = random.Random(seed)
    communes = sorted(u.id for u in gazetteer.units.values() if u.level is Level.COMMUNE)
    provinces = sorted(u.id for u in gazetteer.units.values() if u.level is Level.PROVINCE)
    busy = rng.sample(communes, 4) + ["tinh-89"]
    news_type = DocType(id="bai-bao", name="Bài báo", code="", origin=Origin(file="vocab"), news=True)
    with_movements = [r for r in fixture_catalog.reports if r.movements] or list(fixture_catalog.reports)
    reports = []
    for i in range(n):
        base = rng.choice(with_movements if i % 3 else fixture_catalog.reports)
        uid = rng.choice(busy) if i % 10 == 0 else rng.choice(provinces if i % 17 == 0 else communes)
        year = rng.randint(2016, 2026)
        unit = gazetteer.get(uid)
        known = i % 97 != 0
        reports.append(dataclasses.replace(
            base, id=f"{year}-synthetic-{i:05d}", unit=unit, title=f"{base.title} ({i})", aliases=(),
            doc_type=news_type if i % 23 == 0 else base.doc_type,
            issued=PartialDate(year=year, month=rng.randint(1, 12), day=rng.randint(1, 28)) if known else None,
            period=Period(year=year, span=Span.YEAR) if known else None))
    return dataclasses.replace(fixture_catalog, reports=tuple(reports), units=_units_used(reports, gazetteer),
                               exemplars=())


def _index_pages(catalog) -> dict[str, str]:
    _, ex_by_unit = by_report_and_unit(catalog)
    pages = {paths.HOME: render_home(catalog), paths.REPORTS: render_all_reports(catalog),
             paths.UNITS: render_unit_index(catalog), paths.YEARS: render_year_index(catalog),
             paths.MOVEMENTS: render_movement_index(catalog)}
    for made in (unit_pages(catalog, ex_by_unit), year_pages(catalog), movement_pages(catalog)):
        for path, text in made:
            assert path not in pages
            pages[path] = text
    return pages


@pytest.fixture(scope="module")
def big(fixture_catalog, gazetteer):
    catalog = _catalogue(fixture_catalog, gazetteer, 10_000)
    return catalog, _index_pages(catalog)


def test_every_index_page_stays_small_at_ten_thousand_reports(big):
    catalog, pages = big
    largest = sorted(pages, key=lambda p: len(pages[p]), reverse=True)[:8]
    for path in largest + [paths.HOME, paths.REPORTS, paths.UNITS, paths.YEARS, paths.MOVEMENTS]:
        body = pages[path].split("---\n", 2)[2]
        html = markdown.markdown(body, extensions=EXTENSIONS)
        assert len(html.encode("utf-8")) + THEME < HTML_BOUND, (path, len(html))
    # long lists are paged (a movement thousands of reports name, each year's ~900, the five busy units' ~200)
    busiest = max(pages, key=lambda p: int(m.group(1)) if (m := re.search(r"/trang-(\d+)\.md$", p)) else 0)
    assert int(re.search(r"/trang-(\d+)\.md$", busiest).group(1)) > 5


def test_every_report_is_linked_from_the_index_pages_reachable_from_home(big):
    catalog, pages = big
    seen, frontier, reports = {paths.HOME}, [paths.HOME], set()
    while frontier:
        here = frontier.pop()
        for target in LINK.findall(pages[here]):
            path = posixpath.normpath(posixpath.join(posixpath.dirname(here), target.split("#")[0]))
            if path in pages and path not in seen:
                seen.add(path)
                frontier.append(path)
            elif path.startswith("bao-cao/") and path.endswith("/index.md"):
                reports.add(path)
    assert seen == set(pages), sorted(set(pages) - seen)[:5]
    assert reports >= {paths.report(r) for r in catalog.reports}
    no_year = [r for r in catalog.reports if r.year is None]
    assert no_year and paths.NO_YEAR in pages


def test_a_long_list_is_paged_with_news_apart_and_every_page_linked(big):
    catalog, pages = big
    year, count = Counter(r.year for r in catalog.reports if r.year).most_common(1)[0]
    listed = [p for p in pages if p == paths.year(year) or p.startswith(f"nam/{year}/trang-")]
    assert len(listed) == -(-count // PER_PAGE) > 1
    first = pages[paths.year(year)]
    assert f"Trang 1/{len(listed)}: **1** · [2]({year}/trang-2.md)" in first
    last = pages[paths.page(paths.year(year), len(listed))]
    assert "« Trang trước" in last and "Trang sau »" not in last
    assert "## Bài báo về kết quả thi đua, khen thưởng" in last  # news come after every official document
    assert "## Bài báo về kết quả thi đua, khen thưởng" not in first


def test_the_2025_boundary_is_written_where_both_maps_name_a_unit_alike(fixture_catalog, gazetteer):
    old, new = gazetteer.get("tinh-89"), gazetteer.get("tinh-91-2025")
    assert old.full_name == new.full_name == "Tỉnh An Giang" and new.era is Era.FROM_2025
    first = fixture_catalog.reports[0]
    reports = [dataclasses.replace(first, id="2024-an-giang-cu", unit=old),
               dataclasses.replace(first, id="2025-an-giang-moi", unit=new)]
    catalog = dataclasses.replace(fixture_catalog, reports=tuple(reports), units=_units_used(reports, gazetteer),
                                  exemplars=())
    units = render_unit_index(catalog)
    assert "[Tỉnh An Giang (trước 01/7/2025)](tinh-an-giang-89.md)" in units
    assert "[Tỉnh An Giang (từ 01/7/2025)](tinh-an-giang-91-2025.md)" in units
    assert units.index("trước ngày 01/7/2025") < units.index("(trước 01/7/2025)") < units.index(
        "từ ngày 01/7/2025\n") < units.index("(từ 01/7/2025)")
    listing = render_all_reports(catalog)
    assert "Tỉnh An Giang (trước 01/7/2025)](../don-vi/tinh-an-giang-89.md)" in listing  # in the report table too
    year = dict(year_pages(catalog))[paths.year(first.year)]
    assert year.count("(trước 01/7/2025)") == year.count("(từ 01/7/2025)") == 1
    # a name only one map bears is left as it is
    assert "Tỉnh Hải Dương (" not in render_unit_index(fixture_catalog)
