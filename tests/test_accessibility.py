"""WCAG 2.1 AA in Debian's Chromium: axe-core on every kind of page at desktop and phone width, and the keyboard.

axe-core is test-only JavaScript, pinned in package.json/package-lock.json (version and integrity hash) and
installed by `make setup`/`make test` (`npm ci`); nothing is fetched here. It is put into each page through the
DevTools protocol (Playwright's evaluate), which the site's Content-Security-Policy does not govern, so the pages
are tested exactly as served. axe checks what a machine can: contrast, names, roles, landmarks, focusable hidden
content, scrollable regions. What it cannot (the tab order makes sense, focus is visible) the keyboard tests do.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import shot

pytestmark = pytest.mark.slow

AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}

SEED_REPORT = "2023-my-quy-long-xuyen-bc-184"
OCR_REPORT = "2023-cam-xuyen-bc-6-thang"

# every kind of page, and what shows it is ready (the pages that fill themselves in with JavaScript)
PAGES = {
    "home": ("/", None),
    "report-list": ("/bao-cao/", None),
    "report": (f"/bao-cao/{SEED_REPORT}/", None),
    "report-with-ocr": (f"/bao-cao/{OCR_REPORT}/", None),
    "ocr": (f"/bao-cao/{OCR_REPORT}/ocr/", None),
    "original": (f"/bao-cao/{SEED_REPORT}/ban-goc/", None),
    "unit-index": ("/don-vi/", None),
    "unit": ("/don-vi/phuong-long-xuyen-10738/", None),
    "year-index": ("/nam/", None),
    "year": ("/nam/2023/", None),
    "movement-index": ("/phong-trao/", None),
    "movement": ("/phong-trao/hoc-tap-lam-theo-bac/", None),
    "finder": ("/khen-thuong/", "() => document.querySelector('#tdkt-finder .tdkt-status').textContent !== ''"),
    "exemplars": ("/dien-hinh/", "() => !document.querySelector('form.tdkt-card-filters[hidden]')"),
    "exemplar": ("/dien-hinh/cong-an-phuong-long-xuyen-2023/", None),
    "search": ("/tim-kiem/?q=khen%20th%C6%B0%E1%BB%9Fng",
               "() => document.querySelector('#tdkt-search[data-state=done]')"
               " && !document.querySelector('.tdkt-results li:not(:has(h3))')"),
    "open-data": ("/du-lieu/", None),
    "about": ("/gioi-thieu/", None),
    "not-found": ("/404.html", None),
}


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail("axe-core is not installed; `make test` (or `make setup`) installs it with `npm ci`")
    return AXE.read_text("utf-8")


def open_page(tab, base_url: str, name: str, width: str) -> None:
    w, h = WIDTHS[width]
    tab.set_viewport_size({"width": w, "height": h})
    path, ready = PAGES[name]
    tab.goto(base_url + path)
    tab.wait_for_load_state("load")
    if ready:
        tab.wait_for_function(ready)


def axe_violations(tab, axe_source: str) -> list[dict]:
    """axe's WCAG 2.0/2.1 A and AA violations on the page as it is now, each with its nodes."""
    if not tab.evaluate("() => typeof window.axe === 'object'"):
        tab.evaluate(axe_source)
    return tab.evaluate("""async tags => {
        const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
        return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary}))}));
    }""", TAGS)


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} — {len(v['nodes'])} element(s)")
        for n in v["nodes"][:8]:
            summary = " ".join(n["summary"].split())
            lines.append(f"    {n['target']}: {summary}")
        if len(v["nodes"]) > 8:
            lines.append(f"    … and {len(v['nodes']) - 8} more")
    return "\n".join(lines)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_page_meets_wcag_21_aa(page, base_url, axe_source, name, width):
    open_page(page, base_url, name, width)
    violations = axe_violations(page, axe_source)
    assert not violations, f"{PAGES[name][0]} at {width} width:\n{describe(violations)}"


# --------------------------------------------------------------------------- the keyboard

# the focused element as a person sees it once its transitions (Material fades focus in) have run
FOCUSED = """async () => {
  const el = document.activeElement;
  const running = [];
  for (let e = el; e && e.getAnimations; e = e.parentElement)
    running.push(...e.getAnimations().filter(a => !a.transitionProperty || /^(opacity|visibility|transform)$/.test(a.transitionProperty)));
  await Promise.race([Promise.all(running.map(a => a.finished.catch(() => null))),
                      new Promise(done => setTimeout(done, 1000))]);
  if (!el || el === document.body || el === document.documentElement) return null;
  const r = el.getBoundingClientRect(), cs = getComputedStyle(el);
  let opacity = 1;
  for (let e = el; e; e = e.parentElement) opacity *= parseFloat(getComputedStyle(e).opacity);
  const where = el.closest('.md-header') ? 'header' : el.closest('.md-tabs') ? 'tabs'
    : el.closest('.md-sidebar') ? 'sidebar' : el.closest('.md-content') ? 'content'
    : el.closest('.md-footer') ? 'footer' : 'other';
  const name = (el.getAttribute('aria-label') || el.innerText || el.value || el.getAttribute('title') || '')
    .replace(/\\s+/g, ' ').trim().slice(0, 50);
  return {
    what: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.classList.length ? '.' + Array.from(el.classList).join('.') : '')
          + (name ? ' "' + name + '"' : ''),
    where,
    skip: el.classList.contains('md-skip'), search: el.id === 'tdkt-header-q',
    shown: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth
           && cs.visibility === 'visible' && opacity >= 0.9,
    ring: (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2) || cs.boxShadow !== 'none',
  };
}"""


def tab_stops(tab, limit: int = 250) -> list[dict]:
    """Every Tab stop from the top of the page, in order, until focus leaves the page or comes round again."""
    stops: list[dict] = []
    for _ in range(limit):
        tab.keyboard.press("Tab")
        stop = tab.evaluate(FOCUSED)
        if stop is None or (stops and stop["what"] == stops[0]["what"]):
            break
        stops.append(stop)
    return stops


@pytest.mark.parametrize("width", WIDTHS)
def test_keyboard_order_and_visible_focus_on_a_report_page(page, base_url, width):
    open_page(page, base_url, "report-with-ocr", width)
    stops = tab_stops(page)
    order = [s["what"] for s in stops]
    skip = next(i for i, s in enumerate(stops) if s["skip"])
    search = next(i for i, s in enumerate(stops) if s["search"])
    content = next(i for i, s in enumerate(stops) if s["where"] == "content")
    assert skip == 0, order[:5]  # the first Tab offers to skip the header and the navigation
    assert skip < search < content, order[:content + 1]
    assert {"header", "content"} <= {s["where"] for s in stops}
    assert [s["what"] for s in stops if s["where"] == "other" and not s["skip"]] == [], order
    assert [s["what"] for s in stops if not s["shown"]] == []  # no invisible Tab stop
    assert [s["what"] for s in stops if not s["ring"]] == []  # every focus shows (2px outline or a shadow)

    # the skip link lands in the report: the next Tab is in its text, past the header and the sidebars
    page.goto(page.url)
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED)["where"] == "content"
    shot(page, f"keyboard-report-{width}")


def test_wide_finder_table_scrolls_with_the_arrow_keys(page, base_url):
    open_page(page, base_url, "finder", "phone")
    page.wait_for_function("() => document.querySelector('[data-tdkt-scroll]')")
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.hasAttribute('data-tdkt-scroll')"):
            break
    else:
        pytest.fail("no wide table of /khen-thuong/ is a Tab stop")
    box = page.evaluate_handle("() => document.activeElement")
    label = box.evaluate("b => b.getAttribute('aria-label')")
    assert "cuộn ngang bằng phím mũi tên" in label, label
    assert page.evaluate(FOCUSED)["ring"] and page.evaluate(FOCUSED)["shown"]
    assert box.evaluate("b => b.scrollLeft") == 0
    width = box.evaluate("b => b.scrollWidth - b.clientWidth")
    assert width > 0
    for _ in range(2 + width // 40):  # an arrow key scrolls 40px
        page.keyboard.press("ArrowRight")
    page.wait_for_function("b => b.scrollLeft >= b.scrollWidth - b.clientWidth - 1", arg=box)  # to its end
    page.keyboard.press("ArrowLeft")
    page.wait_for_function("b => b.scrollLeft < b.scrollWidth - b.clientWidth - 1", arg=box)  # and back
    shot(page, "keyboard-finder-table")


def test_a_table_that_fits_is_no_tab_stop(page, base_url):
    """Only a box that really scrolls becomes a Tab stop: at desktop width the home page's table fits."""
    open_page(page, base_url, "home", "desktop")
    page.wait_for_timeout(100)
    assert page.locator("[data-tdkt-scroll]").count() == 0
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_function("() => document.querySelector('[data-tdkt-scroll]')")
    assert page.locator("[data-tdkt-scroll]").first.get_attribute("role") == "region"


def test_the_menu_button_opens_the_drawer_by_keyboard(page, base_url):
    """Below 1220px wide the tabs give way to a drawer: its button is a Tab stop, Enter opens it, its links are
    then reachable and visible, Escape closes it and returns to the button; closed, its links are no Tab stops."""
    open_page(page, base_url, "report", "phone")
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")
    button = page.locator("label[for=__drawer][role=button]")
    assert page.evaluate("() => document.activeElement.getAttribute('aria-label')") == "Trình đơn điều hướng"
    assert button.get_attribute("aria-expanded") == "false"
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    for _ in range(6):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUSED)
        if stop["where"] == "sidebar":
            break
    assert stop["where"] == "sidebar" and stop["shown"] and stop["ring"], stop
    shot(page, "keyboard-drawer")
    page.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false"
    assert page.evaluate("() => document.activeElement.getAttribute('for')") == "__drawer"
    page.keyboard.press(" ")
    assert button.get_attribute("aria-expanded") == "true"
