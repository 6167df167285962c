"""Shared fixtures: the fixture archive, and a site built from it once per test session."""
from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import threading
from pathlib import Path

import pytest
from hypothesis import settings

# shared, noisy machines: a slow example is not a failure (speed is measured by benchmarks, not tests)
settings.register_profile("archive", deadline=None)
settings.load_profile("archive")

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "archive"
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def gazetteer():
    from tdkt.catalog.gazetteer import load_gazetteer

    return load_gazetteer()


@pytest.fixture(scope="session")
def fixture_catalog(gazetteer):
    from tdkt.catalog.load import load_catalog
    from tdkt.problems import Problems

    problems = Problems()
    catalog = load_catalog(FIXTURE, gazetteer, problems)
    assert not len(problems), problems.report()
    return catalog


@pytest.fixture(scope="session")
def seed_catalog(gazetteer):
    """The default archive (data/: the five seeds), loaded and valid."""
    from tdkt.catalog.load import load_catalog
    from tdkt.problems import Problems

    problems = Problems()
    catalog = load_catalog(ROOT / "data", gazetteer, problems)
    assert not len(problems), problems.report()
    return catalog


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The default archive (data/) built for real by `python build.py` into a temporary folder."""
    from tdkt.cli import main

    tmp = tmp_path_factory.mktemp("site")
    out, docs = tmp / "site", tmp / "site_src"
    assert main(["build", "--out", str(out), "--docs", str(docs)]) == 0
    return out


# --------------------------------------------------------------------------- the browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).parent / "_artifacts"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(folder):
    """A built site served on a free local port, for the browser: its base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


@pytest.fixture(scope="module")
def base_url(built_site):
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed; `make test` installs it (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, headless=True, args=FLAGS, viewport={"width": 1280, "height": 900},
            locale="vi-VN",
        )
        yield context
        context.close()


@pytest.fixture
def page(browser):
    """A fresh tab that records console errors and failed requests; the test fails if any occur."""
    tab = browser.new_page()
    problems: list[str] = []
    tab.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None)
    tab.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    # A request the browser cancels because the test navigated away (net::ERR_ABORTED) is not a site defect;
    # a missing file still fails the test through the HTTP status below.
    tab.on("requestfailed", lambda r: None if "ERR_ABORTED" in (r.failure or "") else
           problems.append(f"request failed: {r.url} ({r.failure})"))
    tab.on("response", lambda r: problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
    yield tab
    tab.close()
    assert problems == []


def heading(tab, selector: str = "h1") -> str:
    """A heading's text without its permalink sign."""
    return tab.locator(selector).first.evaluate(
        "h => Array.from(h.childNodes).filter(n => !(n.classList && n.classList.contains('headerlink')))"
        ".map(n => n.textContent).join('').trim()")


def shot(tab, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    tab.screenshot(path=str(path), full_page=True)
    return path


