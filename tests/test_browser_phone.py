"""The site on a phone (390×844) in Debian's Chromium: what a reader needs is on the first screen.

Search results before the facets (shut behind "Lọc kết quả"), the finder's totals before its filters and its
records readable without scrolling sideways, a report's original to download on the first screen, and the
site's name in the header whole. Screenshots go to tests/_artifacts/phone-*.png.
"""
from __future__ import annotations

import pytest

from .conftest import shot

pytestmark = pytest.mark.slow

PHONE = {"width": 390, "height": 844}
SEED_REPORT = "2023-my-quy-long-xuyen-bc-184"
NO_SIDE_SCROLL = "() => document.documentElement.scrollWidth <= window.innerWidth"


def top(tab, selector: str) -> float:
    return tab.locator(selector).first.evaluate("e => e.getBoundingClientRect().top + window.scrollY")


def test_search_results_come_first_and_the_facets_open_on_demand(page, base_url):
    page.set_viewport_size(PHONE)
    page.goto(base_url + "/tim-kiem/?q=khen%20th%C6%B0%E1%BB%9Fng")
    page.wait_for_selector(".tdkt-results li h3")
    assert top(page, ".tdkt-results li") < PHONE["height"]
    filters = page.locator("details.tdkt-filters")
    assert filters.locator("summary").inner_text().strip() == "Lọc kết quả"
    assert not filters.evaluate("d => d.open") and not page.locator(".tdkt-facet input").first.is_visible()
    shot(page, "phone-search")
    filters.locator("summary").click()
    assert page.locator(".tdkt-facet input").first.is_visible()
    assert page.evaluate(NO_SIDE_SCROLL)
    # on a wide screen the facets stand open beside the results
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(base_url + "/tim-kiem/?q=khen%20th%C6%B0%E1%BB%9Fng")
    page.wait_for_selector(".tdkt-results li h3")
    assert filters.evaluate("d => d.open") and page.locator(".tdkt-facet input").first.is_visible()


def test_finder_shows_its_totals_first_and_records_without_side_scrolling(page, base_url):
    page.set_viewport_size(PHONE)
    page.goto(base_url + "/khen-thuong/")
    page.wait_for_function("() => document.querySelector('#tdkt-finder .tdkt-status').textContent !== ''")
    status = page.locator(".tdkt-status")
    assert "tổng số lượng 461" in status.inner_text()
    assert top(page, ".tdkt-status") + status.bounding_box()["height"] < PHONE["height"]
    assert top(page, ".tdkt-status") < top(page, "details.tdkt-filters")
    assert not page.locator("details.tdkt-filters").evaluate("d => d.open")
    assert not page.locator(".tdkt-finder-form select").first.is_visible()
    # each record a card: its source link within the screen's width, its values named
    source = page.locator(".tdkt-records tbody tr").first.locator("a")
    source.scroll_into_view_if_needed()
    box = source.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    label = page.locator(".tdkt-records tbody td").first.evaluate(
        "td => getComputedStyle(td, '::before').content")
    assert label == '"Năm: "'
    assert page.evaluate(NO_SIDE_SCROLL)
    shot(page, "phone-finder")
    # the filters are one tap away and still filter
    page.locator("details.tdkt-filters summary").click()
    page.select_option("select[name=nam]", "2023")
    assert "nam=2023" in page.url


def test_report_page_puts_the_original_on_the_first_screen(page, base_url):
    page.set_viewport_size(PHONE)
    page.goto(f"{base_url}/bao-cao/{SEED_REPORT}/")
    download = page.locator(".tdkt-meta a", has_text="Tải văn bản gốc")
    box = download.bounding_box()
    assert box["y"] + box["height"] < PHONE["height"]
    assert download.get_attribute("href").endswith("ban-goc.txt")
    # values get the width: the signer's name on one line, not one word a line
    cell = page.locator(".tdkt-meta td", has_text="Liêu Quốc Bình").first.bounding_box()
    assert cell["height"] < 30
    assert page.evaluate(NO_SIDE_SCROLL)
    # a table of contents on the page where Material shows none
    contents = page.locator("details.tdkt-onpage")
    assert contents.is_visible()
    contents.locator("summary").click()
    contents.locator("a", has_text="Văn bản liên quan").click()
    assert page.url.endswith("#van-ban-lien-quan")
    assert page.locator("#van-ban-lien-quan ~ ul li").first.inner_text().startswith("Công văn số 455/UBND-NV")
    shot(page, "phone-report")


def test_the_site_name_is_whole_in_the_header(page, base_url):
    page.set_viewport_size(PHONE)
    page.goto(base_url + "/")
    name = page.locator(".md-header__topic").first.locator(".md-ellipsis")
    assert name.inner_text().strip() == "Lưu trữ báo cáo thi đua, khen thưởng"
    fits = name.evaluate("e => e.scrollWidth <= e.clientWidth + 1 && e.scrollHeight <= e.clientHeight + 1")
    assert fits, "the site's name is cut in the header"
    box, header = name.bounding_box(), page.locator(".md-header").bounding_box()
    assert box["y"] >= header["y"] and box["y"] + box["height"] <= header["y"] + header["height"]
    assert page.locator(".tdkt-header-search button").is_visible()
