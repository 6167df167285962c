"""The built site as a whole: deterministic bytes, and every internal link and anchor resolves."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

import pytest

from tdkt.cli import main

from .conftest import FIXTURE, ROOT

pytestmark = pytest.mark.slow


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_same_data_gives_byte_identical_sites(tmp_path, monkeypatch):
    first, second = tmp_path / "a", tmp_path / "b"
    assert main(["build", "--data", str(FIXTURE), "--out", str(first), "--docs", str(tmp_path / "src-a")]) == 0
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1900000000")  # as if built on another day
    assert main(["build", "--data", str(FIXTURE), "--out", str(second), "--docs", str(tmp_path / "src-b")]) == 0
    a, b = tree(first), tree(second)
    assert sorted(a) == sorted(b)
    assert [path for path in a if a[path] != b[path]] == []


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        for name in ("href", "src"):
            if attrs.get(name):
                self.links.append(attrs[name])


def parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def resolve(site: Path, page: Path, link: str) -> tuple[Path | None, str]:
    url, fragment = urldefrag(link)
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or link.startswith(("mailto:", "javascript:", "data:")):
        return None, ""
    target = page if not parts.path else (site / parts.path.lstrip("/") if parts.path.startswith("/")
                                           else page.parent / unquote(parts.path))
    target = target.resolve()
    if target.is_dir():
        target = target / "index.html"
    return target, fragment


@pytest.mark.parametrize("which", ["default", "fixture"])
def test_every_internal_link_and_anchor_resolves(which, built_site, tmp_path):
    site = built_site
    if which == "fixture":
        site = tmp_path / "site"
        assert main(["build", "--data", str(FIXTURE), "--out", str(site), "--docs", str(tmp_path / "src")]) == 0
    site = site.resolve()
    pages = {p.resolve(): parse(p) for p in site.rglob("*.html")}
    broken = []
    checked = 0
    for page, parsed in pages.items():
        for link in parsed.links:
            target, fragment = resolve(site, page, link)
            if target is None:
                continue
            checked += 1
            if not str(target).startswith(str(site)):
                broken.append(f"{page.relative_to(site)}: {link} leaves the site")
            elif not target.exists():
                broken.append(f"{page.relative_to(site)}: {link} → missing {target.relative_to(site)}")
            elif fragment and target.suffix == ".html" and unquote(fragment) not in pages[target].ids:
                broken.append(f"{page.relative_to(site)}: {link} → no #{fragment}")
    assert broken == []
    assert checked > 100


def test_no_page_links_outside_the_site(built_site):
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        external = [u for u in re.findall(r'(?:src|href)="(https?://[^"]+)"', html)
                    if "squidfunk.github.io" not in u and "mkdocs.org" not in u]  # the footer's credit links
        assert external == [], page


def test_builds_in_separate_processes_with_different_hash_seeds_are_byte_identical(tmp_path):
    """Set and dict-of-set orders change with PYTHONHASHSEED from one process to the next: nothing the
    build writes may depend on them (a province list once did)."""
    import os
    import subprocess
    import sys

    sites = []
    for seed in ("1", "2"):
        out = tmp_path / f"site-{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "build.py", "--data", "data", "--out", str(out), "--docs",
                        str(tmp_path / f"src-{seed}"), "--cache", str(tmp_path / f"cache-{seed}")],
                       cwd=ROOT, env=env, check=True, capture_output=True)
        sites.append(tree(out))
    a, b = sites
    assert sorted(a) == sorted(b) and len(a) > 100
    assert [path for path in a if a[path] != b[path]] == []
