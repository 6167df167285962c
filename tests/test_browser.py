"""The built site in a real browser (Debian's Chromium, driven by Playwright), used as a person would.

Screenshots go to tests/_artifacts/ (git-ignored) for a person to look at.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from tdkt.text.collate import sort_key

from .conftest import heading, shot

pytestmark = pytest.mark.slow

SEED_REPORT = "2023-my-quy-long-xuyen-bc-184"


def test_home_page_leads_everywhere(page, base_url):
    page.goto(base_url + "/")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert heading(page) == "Lưu trữ báo cáo thi đua, khen thưởng"
    counts = page.locator(".tdkt-counts li").all_inner_texts()
    assert counts[0].startswith("5") and "báo cáo" in counts[0]
    for tab in ("Báo cáo", "Đơn vị", "Năm", "Phong trào"):
        assert page.locator(".md-tabs__link", has_text=tab).count() == 1
    assert page.locator("table a[href*='bao-cao/']").count() == 5  # the latest reports
    shot(page, "home")


def test_report_page_shows_metadata_and_cites_a_paragraph(page, base_url):
    page.goto(f"{base_url}/bao-cao/{SEED_REPORT}/")
    panel = page.locator(".tdkt-meta table")
    rows = dict(zip(panel.locator("td:first-child").all_inner_texts(), panel.locator("td:nth-child(2)").all_inner_texts()))
    assert rows["Số ký hiệu"] == "184/BC-UBND"
    assert rows["Ngày ban hành"] == "26/12/2023"
    assert rows["Người ký"].startswith("Liêu Quốc Bình")
    assert rows["Đơn vị"].startswith("Phường Mỹ Quý")
    assert "Phường Long Xuyên" in rows["Đơn vị"]  # its successor from 1/7/2025
    assert page.locator(".tdkt-provenance").inner_text().count("SHA-256") == 1

    # follow the ¶ link of the fifth paragraph: the URL carries the anchor, the paragraph is highlighted
    target = page.locator(".tdkt-text [id^='p-']").nth(4)
    anchor = target.get_attribute("id")
    target.hover()
    target.locator("a.tdkt-para").click()
    assert page.url.endswith(f"#{anchor}")
    highlighted = page.evaluate("() => getComputedStyle(document.querySelector(':target')).backgroundColor")
    assert highlighted == "rgb(255, 243, 176)"
    shot(page, "report")

    # a cited passage opened directly lands on it
    page.goto(f"{base_url}/bao-cao/{SEED_REPORT}/#{anchor}")
    assert page.evaluate("() => document.querySelector(':target').id") == anchor
    in_view = page.evaluate("() => { const r = document.querySelector(':target').getBoundingClientRect();"
                            " return r.top >= 0 && r.top < window.innerHeight; }")
    assert in_view


def test_original_is_one_click_away_verbatim(page, base_url):
    page.goto(f"{base_url}/bao-cao/{SEED_REPORT}/")
    page.locator("a", has_text="Xem nguyên văn").first.click()  # in the metadata panel (and in Nguồn gốc)
    page.wait_for_url("**/ban-goc/")
    original = (Path(__file__).parent.parent / "data" / "reports" / SEED_REPORT / "original.txt").read_text("utf-8")
    shown = page.locator(".tdkt-original pre code").inner_text()
    assert [line.rstrip() for line in shown.splitlines() if line.strip()] == \
        [line.rstrip() for line in original.splitlines() if line.strip()]


def test_unit_page_and_index(page, base_url):
    page.goto(base_url + "/")
    page.locator(".md-tabs__link", has_text="Đơn vị").click()
    page.wait_for_url("**/don-vi/")
    assert [h.rstrip("#") for h in page.locator("article h2").all_inner_texts()][0] == \
        "Theo địa giới hành chính trước ngày 01/7/2025"
    provinces = page.locator("article table").first.locator("a").all_inner_texts()
    assert provinces == sorted(provinces, key=sort_key) and "Tỉnh Hải Dương" in provinces
    page.locator("article table a", has_text="Tỉnh Hải Dương").click()  # a province's page lists its units
    assert heading(page) == "Tỉnh Hải Dương"
    page.locator("article table a", has_text="Phường Long Xuyên").first.click()
    assert heading(page) == "Phường Long Xuyên"
    text = page.locator(".tdkt-meta").inner_text()
    assert "10738" in text and "Tỉnh Hải Dương" in text and "Phường Kinh Môn" in text
    assert page.locator("article table a[href*='bao-cao/']").count() >= 1
    shot(page, "unit")


def test_every_page_is_reachable_from_home_in_three_clicks(page, base_url, built_site):
    """Breadth-first over the links of the home page: every page the build wrote within three clicks."""
    from urllib.parse import urldefrag, urljoin

    seen = {base_url + "/"}
    frontier = [base_url + "/"]
    for _ in range(3):
        next_frontier = []
        for url in frontier:
            page.goto(url)
            for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
                href = urldefrag(urljoin(url, href))[0]
                if href.startswith(base_url) and href.endswith("/") and href not in seen:
                    seen.add(href)
                    next_frontier.append(href)
        frontier = next_frontier
    pages = {base_url + "/" + p.parent.relative_to(built_site).as_posix() + "/"
             for p in built_site.rglob("index.html")}
    pages = {p.replace("/./", "/") for p in pages}
    assert pages - seen == set()
