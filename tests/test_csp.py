"""The Content-Security-Policy: only the site's own scripts and styles, on every page, and nothing breaks.

The policy is set by theme/main.html (a <meta http-equiv>); Material's inline scripts live in files
(theme/partials/javascripts/, theme/assets/javascripts/tdkt-md-*.js). README "Hosting" shows the same
policy as HTTP headers.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.slow

POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
          "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-src 'none'; "
          "worker-src 'self'; manifest-src 'self'")
# what a <meta> cannot carry; the HTTP header adds it
HEADER_POLICY = POLICY + "; frame-ancestors 'none'"

RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation",
  e => window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + e.sourceFile + ":" + e.lineNumber));
"""


class _Page(HTMLParser):
    """What a CSP without 'unsafe-inline' would block, and the policy the page declares."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.policies: list[str] = []
        self.inline: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "content-security-policy":
            self.policies.append(attrs.get("content") or "")
        if tag == "script" and "src" not in attrs and attrs.get("type") != "application/json":
            self.inline.append(f"inline <script> {self.getpos()}")
        if tag == "style":
            self.inline.append(f"<style> {self.getpos()}")
        for name, value in attrs.items():
            if name == "style" or name.startswith("on"):
                self.inline.append(f"{tag} {name}={value!r} {self.getpos()}")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith("javascript:"):
                self.inline.append(f"{tag} {name}={value!r} {self.getpos()}")


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_page_declares_the_policy_and_has_nothing_inline(built_site):
    pages = html_pages(built_site)
    assert len(pages) > 20
    for path in pages:
        parser = _Page()
        parser.feed(path.read_text(encoding="utf-8"))
        rel = path.relative_to(built_site)
        assert parser.policies == [POLICY], rel
        assert parser.inline == [], rel


def test_the_policy_comes_before_any_script_or_style(built_site):
    head = (built_site / "index.html").read_text(encoding="utf-8").split("</head>")[0]
    policy_at = head.index('http-equiv="Content-Security-Policy"')
    assert policy_at < head.index("<script") and policy_at < head.index("<link rel=\"stylesheet\"")


def _hosting_section() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return readme.split("\n## Hosting\n", 1)[1].split("\n## ", 1)[0]


def test_the_readme_headers_carry_the_same_policy():
    section = _hosting_section()
    blocks = re.findall(r"```(\w*)\n(.*?)```", section, re.S)
    assert [kind for kind, _ in blocks] == ["", "nginx", "apache", "caddyfile"]  # Netlify's _headers, then the servers
    for kind, body in blocks:
        assert body.count(HEADER_POLICY) == 1, kind
        for header in ("X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options"):
            assert header in body, (kind, header)
    for host in ("Netlify", "Nginx", "Apache", "Caddy", "GitHub Pages"):
        assert host in section


def test_the_template_policy_is_the_tested_one():
    template = (ROOT / "theme" / "main.html").read_text(encoding="utf-8")
    assert f'{{% set tdkt_csp = "{POLICY}" %}}' in template


# --------------------------------------------------------------------------- in Chromium

def _kinds(site: Path) -> dict[tuple, str]:
    """One URL per kind of page: a path with its slugs replaced by * (fixed names such as ban-goc, ocr kept)."""
    fixed = {"ban-goc", "ocr", "index.html"}
    out: dict[tuple, str] = {}
    for path in html_pages(site):
        parts = path.relative_to(site).parts
        if parts[0] == "assets":
            continue
        kind = tuple(p if i == 0 or p in fixed else "*" for i, p in enumerate(parts))
        out.setdefault(kind, "/" + "/".join(parts[:-1]) + ("/" if len(parts) > 1 else ""))
    return out


def test_every_kind_of_page_is_visited(built_site):
    kinds = _kinds(built_site)
    urls = set(kinds.values())
    for needed in ("/", "/bao-cao/", "/don-vi/", "/nam/", "/phong-trao/", "/tim-kiem/", "/du-lieu/"):
        assert needed in urls
    for needed in [("bao-cao", "*", "index.html"), ("bao-cao", "*", "ban-goc", "index.html"),
                   ("bao-cao", "*", "ocr", "index.html"), ("don-vi", "*", "index.html"),
                   ("nam", "*", "index.html"), ("phong-trao", "*", "index.html")]:
        assert needed in kinds


def _visit(page, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.classList.contains('js')"), url  # Material's bundle ran
    assert page.evaluate("window.__csp") == [], url


def test_no_page_breaks_the_policy(page, base_url, built_site):
    page.add_init_script(RECORD_VIOLATIONS)
    for url in sorted(set(_kinds(built_site).values())):
        _visit(page, base_url + url)
    # a paragraph anchor (Material's moved content script reads the hash) and a search with its results
    report = next(u for k, u in _kinds(built_site).items() if k == ("bao-cao", "*", "index.html"))
    _visit(page, base_url + report + "?q=khen#p-3")
    _visit(page, base_url + "/tim-kiem/?q=" + quote("khen thưởng"))
    page.wait_for_selector("#tdkt-search[data-state=done]")
    assert page.locator(".tdkt-result").count() > 0
    assert page.evaluate("window.__csp") == []


def test_search_and_navigation_work_under_the_policy(page, base_url):
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto(base_url + "/")
    page.locator(".md-tabs__link", has_text="Đơn vị").click()
    page.wait_for_url("**/don-vi/")
    page.fill("#tdkt-header-q", "thi đua")
    page.press("#tdkt-header-q", "Enter")
    page.wait_for_url("**/tim-kiem/?q=*")
    page.wait_for_selector("#tdkt-search[data-state=done]")
    first = page.locator(".tdkt-result a").first
    first.click()
    page.wait_for_url("**/bao-cao/**")
    assert page.evaluate("window.__csp") == []


def test_one_palette_no_palette_control(page, base_url):
    """One colour scheme, so no palette control and no palette script: mkdocs.yml gives the palette as a mapping.

    (As a one-item list, Material put a radio button in the header that was hidden from sight and from screen
    readers yet a Tab stop: WCAG 2.1 AA, tests/test_accessibility.py. Its script, moved to a file for this
    policy, is kept in theme/partials/javascripts/palette.html for a site that offers a choice again.) A palette
    stored in the browser by that control earlier no longer changes the colours.
    """
    page.add_init_script(RECORD_VIOLATIONS + """
window.__schemes = [];
new MutationObserver(records => records.forEach(r => window.__schemes.push(r.target.getAttribute(r.attributeName))))
  .observe(document, {subtree: true, attributes: true, attributeFilter: ["data-md-color-scheme"]});
""")
    page.goto(base_url + "/nam/")
    assert page.locator("body").get_attribute("data-md-color-scheme") == "default"
    assert page.locator("[data-md-component=palette], input[name=__palette]").count() == 0
    assert page.locator("script[src*=palette]").count() == 0
    page.evaluate("__md_set('__palette', {index: 0, color: {scheme: 'slate', primary: 'indigo', accent: 'amber'}})")
    page.reload()
    page.wait_for_load_state("load")
    assert "slate" not in page.evaluate("window.__schemes")
    assert page.locator("body").get_attribute("data-md-color-primary") == "red"
    page.evaluate("localStorage.clear()")
    assert page.evaluate("window.__csp") == []


def test_the_policy_is_enforced(browser, base_url):
    """The policy really blocks: an inline script added to a page does not run and is reported."""
    tab = browser.new_page()  # not the `page` fixture: this tab's console error is the expected one
    try:
        tab.add_init_script(RECORD_VIOLATIONS)
        tab.goto(base_url + "/")
        tab.evaluate("""() => { const s = document.createElement('script');
                                s.textContent = 'window.__ran = true'; document.body.appendChild(s); }""")
        tab.wait_for_function("window.__csp.length > 0")
        assert tab.evaluate("window.__ran") is None
        assert tab.evaluate("window.__csp")[0].startswith("script-src-elem inline")
    finally:
        tab.close()
