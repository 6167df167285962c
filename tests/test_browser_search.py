"""Search as a person uses it, in Debian's Chromium: the header box, /tim-kiem/, facets, results."""
from __future__ import annotations

import functools
import http.server
import threading
from urllib.parse import quote

import pytest

from tdkt.text.collate import fold

from .conftest import FLAGS, CHROMIUM, shot

pytestmark = pytest.mark.slow


def results(page):
    page.wait_for_selector("#tdkt-search[data-state=done]")
    page.wait_for_function("() => !document.querySelector('.tdkt-results li:not(:has(h3))')")
    return page.locator(".tdkt-result").evaluate_all(
        "lis => lis.map(li => ({title: li.querySelector('h3').textContent, meta: li.querySelector('.tdkt-result-meta').textContent,"
        " href: li.querySelector('a').getAttribute('href'), snippet: (li.querySelector('.tdkt-snippet') || {}).textContent || '',"
        " marks: Array.from(li.querySelectorAll('mark')).map(m => m.textContent)}))")


def search(page, base_url, query, extra=""):
    page.goto(f"{base_url}/tim-kiem/?q={quote(query)}{extra}")
    return results(page)


def test_header_box_leads_to_the_search_page(page, base_url):
    page.goto(base_url + "/don-vi/")
    page.fill("#tdkt-header-q", "khen thưởng")
    page.press("#tdkt-header-q", "Enter")
    page.wait_for_url("**/tim-kiem/?q=*")
    assert page.input_value("#tdkt-q") == "khen thưởng"
    assert len(results(page)) == 5
    shot(page, "search-header")


def test_typing_on_the_search_page_searches_and_keeps_the_url(page, base_url):
    page.goto(base_url + "/tim-kiem/")
    assert len(results(page)) == 5  # an empty query browses everything
    page.fill("#tdkt-q", "Mỹ Quý")
    page.press("#tdkt-q", "Enter")
    page.wait_for_url("**/tim-kiem/?q=*")
    found = results(page)
    assert [report_id(r) for r in found][0] == "2023-my-quy-long-xuyen-bc-184"
    assert all(m in ("Mỹ", "Quý") for r in found for m in r["marks"])
    page.fill("#tdkt-q", "xyzzy")
    page.press("#tdkt-q", "Enter")
    assert results(page) == [] and page.locator(".tdkt-status").inner_text().startswith("0 kết quả")
    page.go_back()
    assert results(page)[0] == found[0]


def report_id(result) -> str:
    return result["href"].split("/bao-cao/")[1].split("/")[0]


@pytest.mark.parametrize("plain, marked", [("khen thuong", "khen thưởng"), ("dang uy", "Đảng ủy"),
                                           ("hoa binh", "hoà bình")])
def test_with_or_without_marks_finds_the_same_reports(page, base_url, plain, marked):
    a = {r["title"] for r in search(page, base_url, plain)}
    b = {r["title"] for r in search(page, base_url, marked.upper())}
    assert a == b and a


@pytest.mark.parametrize("plain, marked, expected", [
    ('"dang uy"', '"Đảng ủy"', {"2023-long-xuyen-kinh-mon-bc-6", "2024-tan-viet-thanh-ha-kh",
                               "2023-my-quy-long-xuyen-bc-184"}),
    ('"hoa binh"', '"hoà bình"', {"2023-my-quy-long-xuyen-bc-184"}),
    # the two OCR reports, found through their restored text and their OCR text
    ('"chuyen doi so"', '"chuyển đổi số"', {"2023-long-xuyen-kinh-mon-bc-6", "2024-tan-viet-thanh-ha-kh"}),
])
def test_the_expected_reports_come_back(page, base_url, plain, marked, expected):
    assert {report_id(r) for r in search(page, base_url, plain)} == expected
    found = search(page, base_url, marked)
    assert {report_id(r) for r in found} == expected
    assert all(r["marks"] for r in found)  # each with the phrase highlighted in its snippet


def test_exact_marks_rank_first(page, base_url):
    found = search(page, base_url, "thưởng")
    kinds = ["OCR" in r["meta"] for r in found]
    assert kinds == sorted(kinds)  # the clean reports, which print "thưởng", come before the OCR ones
    assert kinds[0] is False


def test_old_and_new_tone_placement_match(page, base_url):
    assert [r["title"] for r in search(page, base_url, '"hòa bình"')] == \
        [r["title"] for r in search(page, base_url, '"hoà bình"')]


def test_quoted_phrases_are_phrases(page, base_url):
    loose = search(page, base_url, "hòa bình")
    phrase = search(page, base_url, '"hòa bình"')
    assert len(phrase) == 1 < len(loose)
    assert phrase[0]["title"].startswith("Tổng kết Thi đua, khen thưởng năm 2023")
    assert "hoà bình" in phrase[0]["snippet"]
    tien_tien = search(page, base_url, '"tiên tiến"')
    assert tien_tien and all("tien tien" in fold(r["snippet"]) for r in tien_tien)
    shot(page, "search-phrase")


def test_ocr_reports_are_found(page, base_url):
    found = search(page, base_url, '"chuyển đổi số"')
    assert any("Phường Long Xuyên" in r["meta"] and "OCR" in r["meta"] for r in found)


def test_facets_filter_combine_and_live_in_the_url(page, base_url):
    search(page, base_url, "thi đua")
    page.locator("fieldset[data-facet=tinh] input[value='tinh-30']").check()
    page.wait_for_url("**tinh=tinh-30*")
    assert {r["meta"].split(" · ")[1] for r in results(page)} == {"Phường Long Xuyên", "Xã Tân Việt"}
    counts = [c.strip() for c in page.locator("fieldset[data-facet=nam] label").all_inner_texts()]
    assert counts == ["2024 (1)", "2023 (1)"]  # counted within Hải Dương, newest first
    tinh = [c.strip() for c in page.locator("fieldset[data-facet=tinh] label").all_inner_texts()]
    assert "Tỉnh An Giang (1)" in tinh  # a facet's own counts ignore its own filter
    page.locator("fieldset[data-facet=nam] input[value='2024']").check()
    page.wait_for_url("**nam=2024*")
    assert [r["title"] for r in results(page)] == ["Công tác Thi đua, Khen thưởng năm 2024"]
    shot(page, "search-facets")
    page.go_back()
    assert len(results(page)) == 2
    units = [c.strip() for c in page.locator("fieldset[data-facet=don-vi] label").all_inner_texts()]
    assert units == ["Phường Long Xuyên (1)", "Xã Tân Việt (1)"]  # the units of the chosen province
    page.locator("fieldset[data-facet=don-vi] input[value='xa-tan-viet-10825']").check()
    page.wait_for_url("**don-vi=xa-tan-viet-10825*")
    assert [r["meta"].split(" · ")[1] for r in results(page)] == ["Xã Tân Việt"]
    page.go_back()
    page.reload()
    assert len(results(page)) == 2 and page.locator("fieldset[data-facet=tinh] input[value='tinh-30']").is_checked()


def test_units_are_offered_once_a_province_is_chosen(page, base_url):
    search(page, base_url, "thi đua")
    assert page.locator("fieldset[data-facet=don-vi]").count() == 0
    assert "Chọn tỉnh" in page.locator(".tdkt-facet-hint").inner_text()


def test_empty_query_browses_with_facets(page, base_url):
    page.goto(f"{base_url}/tim-kiem/?tinh=tinh-30")
    found = results(page)
    assert len(found) == 2 and all(r["snippet"] == "" for r in found)
    assert page.locator("fieldset[data-facet=tinh] input[value='tinh-30']").is_checked()


def test_a_result_lands_on_its_paragraph_highlighted(page, base_url):
    found = search(page, base_url, "Liêu Quốc Bình")
    assert found[0]["marks"] == ["Liêu", "Quốc", "Bình"]
    page.locator(".tdkt-result a").first.click()
    page.wait_for_load_state()
    assert "#p-" in page.url and "?q=" in page.url
    target = page.locator(":target")
    assert target.inner_text().startswith("Liêu Quốc Bình")
    assert target.locator("mark.tdkt-hit").all_inner_texts() == ["Liêu", "Quốc", "Bình"]
    shot(page, "search-landing")


def test_report_text_never_becomes_html(page, base_url):
    found = search(page, base_url, "Liêu Quốc Bình")
    assert page.locator(".tdkt-results script").count() == 0 and found


def test_without_javascript_the_page_says_so(browser, base_url):
    context = browser.browser.new_context(java_script_enabled=False) if browser.browser else None
    if context is None:
        pytest.skip("persistent context has no browser handle")
    tab = context.new_page()
    tab.goto(base_url + "/tim-kiem/?q=thi+đua")
    assert "Trang tìm kiếm cần JavaScript" in tab.locator("article").inner_text()
    context.close()


class _Prefixed(http.server.SimpleHTTPRequestHandler):
    """Serves the site under /luu-tru/, as a host serving it from a sub-path would."""

    def log_message(self, *args):
        pass

    def translate_path(self, path):
        if not path.startswith("/luu-tru/"):
            return "/nonexistent"
        return super().translate_path(path[len("/luu-tru"):])


def test_search_works_under_a_sub_path(built_site, browser):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(_Prefixed, directory=str(built_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/luu-tru"
    tab = browser.new_page()
    failed = []
    tab.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    try:
        found = search(tab, base, "khen thưởng")
        assert len(found) == 5 and all(r["href"].startswith("/luu-tru/bao-cao/") for r in found)
        tab.goto(base + "/don-vi/")
        tab.fill("#tdkt-header-q", "Mỹ Quý")
        tab.press("#tdkt-header-q", "Enter")
        tab.wait_for_url("**/luu-tru/tim-kiem/?q=*")
        assert results(tab)
        assert failed == []
    finally:
        tab.close()
        server.shutdown()


AWARD_FORMS = "fieldset[data-facet=hinh-thuc]"


def test_award_form_facet_filters_counts_and_combines(page, base_url):
    """The award forms the reports record (data/reports/*/awards.yml): a report counts under a form
    if it records an award of that form."""
    page.goto(base_url + "/tim-kiem/")
    results(page)
    box = page.locator(AWARD_FORMS)
    assert box.locator("legend").inner_text() == "Hình thức khen thưởng"
    box.locator(".tdkt-facet-all").click()  # 18 forms: the first 8 show, the rest on request
    counts = [c.strip() for c in box.locator("label").all_inner_texts()]
    assert len(counts) == 18
    assert counts[:3] == ["Bằng khen cấp bộ, ngành, tỉnh (2)", "Giấy khen của Chủ tịch Ủy ban nhân dân cấp huyện (2)",
                          "Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã (2)"]
    assert "Lao động tiên tiến (2)" in counts and "Đơn vị quyết thắng (1)" in counts
    box.locator("input[value='lao-dong-tien-tien']").check()
    page.wait_for_url("**hinh-thuc=lao-dong-tien-tien*")
    assert {report_id(r) for r in results(page)} == {"2023-long-xuyen-kinh-mon-bc-6", "2023-my-quy-long-xuyen-bc-184"}
    page.locator(AWARD_FORMS + " input[value='bang-khen-cap-tinh']").check()  # two forms: either
    page.wait_for_url("**hinh-thuc=bang-khen-cap-tinh*")
    assert {report_id(r) for r in results(page)} == {"2023-long-xuyen-kinh-mon-bc-6", "2023-my-quy-long-xuyen-bc-184",
                                                     "2023-ha-trung-bc-hdtdkt", "2023-cam-xuyen-bc-6-thang"}
    tinh = [c.strip() for c in page.locator("fieldset[data-facet=tinh] label").all_inner_texts()]
    assert tinh == ["Tỉnh An Giang (1)", "Tỉnh Hà Tĩnh (1)", "Tỉnh Hải Dương (1)", "Tỉnh Thanh Hóa (1)"]
    shot(page, "search-award-forms")
    # with a query and another facet: Lao động tiên tiến, in Hải Dương, about "chuyển đổi số"
    page.goto(f"{base_url}/tim-kiem/?q={quote('chuyển đổi số')}&hinh-thuc=lao-dong-tien-tien&tinh=tinh-30")
    assert [report_id(r) for r in results(page)] == ["2023-long-xuyen-kinh-mon-bc-6"]
    # a chosen value shows even when it is not among the most frequent (11 forms count 1 here)
    assert page.locator(AWARD_FORMS + " input[value='lao-dong-tien-tien']").is_checked()
    forms = [c.strip() for c in page.locator(AWARD_FORMS + " label").all_inner_texts()]
    assert "Lao động tiên tiến (1)" in forms  # counted within the query and the province
    assert not any(f.startswith("Gia đình văn hóa") for f in forms)  # Hà Trung's form is not in Hải Dương
    page.goto(f"{base_url}/tim-kiem/?hinh-thuc=khong-co-hinh-thuc-nay")
    assert results(page) == []  # a form the index does not know matches nothing


def test_abbreviations_and_i_y_spellings_find_the_words(page, base_url):
    """A clerk types "CSTĐ" or "chiến sỹ thi đua" where the reports write "chiến sĩ thi đua" (and the reverse):
    the same reports, the words highlighted where they stand (tdkt/search/terms.json, in the browser)."""
    def reports(found):
        return {r["href"].split("?")[0] for r in found}

    written = search(page, base_url, "chiến sĩ thi đua")
    assert written
    assert reports(search(page, base_url, "chiến sỹ thi đua")) == reports(written)
    short = search(page, base_url, "CSTĐ")
    assert reports(short) == reports(written)
    assert any(fold(m) in ("chien", "si", "sy", "thi", "dua") for r in short for m in r["marks"])
    ubnd = search(page, base_url, '"ủy ban nhân dân"')
    assert ubnd and reports(search(page, base_url, '"UBND"')) == reports(ubnd)


@pytest.mark.parametrize("query, first", [
    ("Cẩm Xuyên", "2023-cam-xuyen-bc-6-thang"), ("cam xuyen", "2023-cam-xuyen-bc-6-thang"),
    ("Tân Việt", "2024-tan-viet-thanh-ha-kh"), ("Hà Trung", "2023-ha-trung-bc-hdtdkt"),
    ("Mỹ Quý", "2023-my-quy-long-xuyen-bc-184"),
])
def test_a_unit_s_name_brings_up_its_own_report_first(page, base_url, query, first):
    """Unquoted words typed side by side rank the report where they stand side by side above one holding the
    same syllables scattered (the issue: "Cẩm Xuyên" put Hà Trung's report first)."""
    found = search(page, base_url, query)
    assert report_id(found[0]) == first, [report_id(r) for r in found]


@pytest.mark.parametrize("query, first", [
    ("184/BC-UBND", "2023-my-quy-long-xuyen-bc-184"), ("Báo cáo 184", "2023-my-quy-long-xuyen-bc-184"),
    ("Báo cáo số 6/BC-UBND", "2023-long-xuyen-kinh-mon-bc-6"), ("6 / bc-ubnd", "2023-long-xuyen-kinh-mon-bc-6"),
])
def test_a_document_number_brings_up_that_document_first(page, base_url, query, first):
    """A document's number, as clerks type it, ranks that document first (the number field: without it
    "Báo cáo số 6/BC-UBND" put Hà Trung's report first, which holds 6, BC and UBND elsewhere)."""
    found = search(page, base_url, query)
    assert report_id(found[0]) == first, [report_id(r) for r in found]


def test_nothing_found_offers_the_nearest_query_and_the_indexes(page, base_url):
    """"khen thuogn" (a typo) finds nothing: the page offers "khen thuong" as a link that finds the reports, and
    links to the lists; a query that finds something shows no such help."""
    assert search(page, base_url, "khen thuogn") == []
    help_box = page.locator(".tdkt-none")
    assert help_box.is_visible()
    offer = page.locator(".tdkt-suggest a")
    assert offer.inner_text() == "khen thuong"
    assert {a.get_attribute("href") for a in help_box.locator("p:not(.tdkt-suggest) a").all()} >= {
        "../bao-cao/", "../don-vi/", "../nam/", "../phong-trao/"}
    shot(page, "search-nothing-found")
    offer.click()
    page.wait_for_url("**/tim-kiem/?q=khen+thuong*")
    assert len(results(page)) == 5 and not page.locator(".tdkt-none").is_visible()
