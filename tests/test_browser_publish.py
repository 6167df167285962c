"""Publishing, in Chromium: the 404 page at a domain's root and under a sub-path, originals shown in their charset
when the host follows _headers, and printing (no chrome, tables within the page, the source line to cite).

Screenshots and PDFs go to tests/_artifacts/.
"""
from __future__ import annotations

import datetime as dt
import functools
import http.server
import io
import os
import threading
from pathlib import Path

import pytest

from .conftest import ARTIFACTS, ROOT, shot
from .test_site_address import addressed_site  # noqa: F401  (the site built with https://example.org/kho/)

pytestmark = pytest.mark.slow

SEED_REPORT = "2023-my-quy-long-xuyen-bc-184"


class _Host(http.server.SimpleHTTPRequestHandler):
    """A static host as GitHub Pages, Netlify or Cloudflare Pages behave: the site under ``prefix``, its 404.html
    (status 404) for any address it does not have, and, when ``honour_headers``, the exact-path rules of its
    ``_headers`` file."""

    prefix = ""
    honour_headers = False

    def log_message(self, *args):
        pass

    def translate_path(self, path):
        return super().translate_path(path[len(self.prefix):] or "/")

    def send_head(self):
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        local = self.translate_path(path)
        if not path.startswith(self.prefix + "/") or not os.path.exists(local) or \
                (os.path.isdir(local) and not os.path.exists(os.path.join(local, "index.html"))):
            body = (Path(self.directory) / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return io.BytesIO(body)
        return super().send_head()

    def guess_type(self, path):
        kind = super().guess_type(path)
        if self.honour_headers:
            rules = _rules(Path(self.directory) / "_headers")
            rel = "/" + Path(path).relative_to(Path(self.directory).resolve()).as_posix()
            kind = rules.get(rel, {}).get("Content-Type", kind)
        return kind


def _rules(path: Path) -> dict[str, dict[str, str]]:
    rules, current = {}, None
    for line in path.read_text("utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        if not line[0].isspace():
            current = rules.setdefault(line.strip(), {})
        else:
            name, _, value = line.strip().partition(": ")
            current[name] = value
    return rules


@pytest.fixture
def host():
    servers = []

    def start(site: Path, prefix: str = "", honour_headers: bool = False) -> str:
        handler = type("Host", (_Host,), {"prefix": prefix, "honour_headers": honour_headers})
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}{prefix}"

    yield start
    for server in servers:
        server.shutdown()


def _tab(browser):
    tab = browser.new_page()
    tab.problems = []
    # a resource that fails is counted once, by its response below (the 404 page's own status included)
    tab.on("console", lambda m: tab.problems.append(f"console {m.type}: {m.text}")
           if m.type == "error" and not m.text.startswith("Failed to load resource") else None)
    tab.on("requestfailed", lambda r: None if "ERR_ABORTED" in (r.failure or "") else
           tab.problems.append(f"request failed: {r.url}"))
    tab.on("response", lambda r: tab.problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
    return tab


def _assert_404_page_works(tab, missing: str, base: str, name: str) -> None:
    response = tab.goto(missing)
    assert response.status == 404
    assert tab.title().startswith("Không tìm thấy trang")
    assert tab.locator("article h1").inner_text().strip() == "Không tìm thấy trang"
    assert "Not found" not in tab.locator("body").inner_text()
    assert tab.problems == [f"HTTP 404: {missing}"]  # the page itself: every style, script and image loaded
    # styled: Material's stylesheet and the archive's apply (header in the primary colour, the search box laid out)
    assert tab.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    assert tab.evaluate("getComputedStyle(document.querySelector('.tdkt-search-form')).display") == "flex"
    shot(tab, name)
    tab.locator("article a", has_text="Danh sách báo cáo").click()
    tab.wait_for_url(base + "/bao-cao/")
    assert tab.locator("article h1").inner_text().startswith("Tất cả báo cáo")
    tab.goto(missing)
    tab.fill("#tdkt-404-q", "khen thưởng")
    tab.press("#tdkt-404-q", "Enter")
    tab.wait_for_url(base + "/tim-kiem/?q=*")
    tab.wait_for_selector(".tdkt-result")
    tab.goto(missing)
    tab.locator("article a", has_text="Trang chủ").click()
    tab.wait_for_url(base + "/")
    assert tab.locator(".tdkt-counts").count() == 1
    assert tab.problems == [f"HTTP 404: {missing}"] * 3


def test_404_page_at_the_root(browser, built_site, host):
    base = host(built_site)
    tab = _tab(browser)
    try:
        _assert_404_page_works(tab, base + "/bao-cao/khong-co-bao-cao-nay/", base, "404-root")
    finally:
        tab.close()


def test_404_page_under_a_sub_path(browser, addressed_site, host):
    base = host(addressed_site, "/kho")
    tab = _tab(browser)
    try:
        _assert_404_page_works(tab, base + "/bao-cao/khong-co/ban-goc/", base, "404-sub-path")
    finally:
        tab.close()


def test_originals_show_in_their_charset_when_the_host_follows_headers(browser, built_site, host):
    """Byte for byte as received, and readable: the host declares the charset (_headers), the bytes are the same."""
    original = (ROOT / "data" / "reports" / SEED_REPORT / "original.txt").read_bytes()
    published = built_site / "bao-cao" / SEED_REPORT / "ban-goc.txt"
    assert published.read_bytes() == original
    first = next(line for line in original.decode("utf-8").splitlines() if any(ord(c) > 127 for c in line))
    tab = _tab(browser)
    try:
        for honour, readable in ((True, True), (False, False)):
            base = host(built_site, honour_headers=honour)
            response = tab.goto(f"{base}/bao-cao/{SEED_REPORT}/ban-goc.txt")
            assert ("charset=utf-8" in response.headers["content-type"]) is honour
            assert (first.strip() in tab.locator("body").inner_text()) is readable
    finally:
        tab.close()


def _print_layout(tab) -> dict:
    return tab.evaluate("""() => {
      const shown = s => [...document.querySelectorAll(s)].some(e => getComputedStyle(e).display !== 'none'
                                                                 && e.getBoundingClientRect().height > 0);
      const width = document.documentElement.clientWidth;
      const tables = [...document.querySelectorAll('article table')].filter(t => t.getBoundingClientRect().width > 0);
      return {
        chrome: ['.md-header', '.md-tabs', '.md-sidebar', '.tdkt-header-search', '.md-footer', '.tdkt-finder-form']
                  .filter(shown),
        tables: tables.length,
        overflowing: tables.filter(t => t.getBoundingClientRect().right > width + 1
                                        || t.scrollWidth > t.parentElement.clientWidth + 1).length,
        page: document.documentElement.scrollWidth <= width + 1,
        source: shown('.tdkt-print-source') ? document.querySelector('.tdkt-print-source').innerText : null,
      };
    }""")


@pytest.mark.parametrize("path,name", [(f"/bao-cao/{SEED_REPORT}/", "print-report"),
                                       ("/khen-thuong/", "print-finder")])
def test_printing_hides_chrome_wraps_tables_and_cites_the_source(browser, addressed_site, host, path, name):
    base = host(addressed_site, "/kho")
    tab = _tab(browser)
    try:
        tab.set_viewport_size({"width": 700, "height": 1000})  # A4's printable width at 96 dpi is about 700 px
        tab.goto(base + path)
        if "khen-thuong" in path:
            tab.wait_for_selector(".tdkt-records table tbody tr")
        on_screen = _print_layout(tab)
        assert on_screen["source"] is None  # the source line is for print only
        tab.emulate_media(media="print")
        printed = _print_layout(tab)
        today = dt.date.today().strftime("%d/%m/%Y")
        assert printed["chrome"] == []
        assert printed["tables"] >= 1 and printed["overflowing"] == 0 and printed["page"]
        assert printed["source"] == f"Nguồn: https://example.org/kho{path} · truy cập ngày {today}"
        ARTIFACTS.mkdir(exist_ok=True)
        tab.pdf(path=str(ARTIFACTS / f"{name}.pdf"), format="A4", print_background=True)
        assert tab.problems == []
    finally:
        tab.close()
