"""The site's address as a setting: with it, canonical links, a sitemap of every page, robots.txt naming it and
a 404 page whose addresses carry the address's path; without it, the build still works (README, "The site's
address")."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tdkt.cli import main, parse, site_address

pytestmark = pytest.mark.slow

ADDRESS = "https://example.org/kho/"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(scope="session")
def addressed_site(tmp_path_factory) -> Path:
    """The default archive built with the site's address https://example.org/kho/ (a project site's sub-path)."""
    tmp = tmp_path_factory.mktemp("addressed")
    out = tmp / "site"
    assert main(["build", "--out", str(out), "--docs", str(tmp / "site_src"), "--cache", str(tmp / "cache"),
                 "--site-url", "https://example.org/kho"]) == 0
    return out


def _pages(site: Path) -> dict[str, Path]:
    """Each page's address from the site's root (directory URLs) → its file; 404.html is not a page."""
    found = {}
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel == "404.html":
            continue
        found[rel.removesuffix("index.html")] = path
    return found


def _canonicals(html: str) -> list[str]:
    return re.findall(r'<link rel="canonical" href="([^"]*)">', html)


def test_every_page_has_its_canonical_address(addressed_site):
    pages = _pages(addressed_site)
    assert len(pages) > 40
    for rel, path in pages.items():
        assert _canonicals(path.read_text("utf-8")) == [ADDRESS + rel], rel


def test_the_sitemap_lists_every_page(addressed_site):
    urls = [u.findtext(f"{SITEMAP}loc") for u in ET.parse(addressed_site / "sitemap.xml").getroot()]
    assert sorted(urls) == sorted(ADDRESS + rel for rel in _pages(addressed_site))
    assert any("/bao-cao/2023-my-quy-long-xuyen-bc-184/" in u for u in urls)  # report pages, outside the nav, too


def test_robots_txt_names_the_sitemap(addressed_site, built_site):
    assert (addressed_site / "robots.txt").read_text("utf-8") == \
        f"User-agent: *\nAllow: /\nSitemap: {ADDRESS}sitemap.xml\n"
    assert (built_site / "robots.txt").read_text("utf-8") == "User-agent: *\nAllow: /\n"


def test_the_404_page_addresses_carry_the_sites_path(addressed_site, built_site):
    for site, base in ((addressed_site, "/kho/"), (built_site, "/")):
        html = (site / "404.html").read_text("utf-8")
        assert "<h1>Không tìm thấy trang</h1>" in html and "404 - Not found" not in html
        assert '<meta name="robots" content="noindex">' in html
        refs = re.findall(r'(?:href|src|action)="([^"#]+)"', html)
        assert refs and all(ref.startswith(base) for ref in refs), [r for r in refs if not r.startswith(base)]
        for target in ("bao-cao/", "tim-kiem/"):
            assert f'href="{base}{target}"' in html
        assert f'action="{base}tim-kiem/"' in html


def test_without_the_address_the_build_works_without_canonical_links_or_sitemap(built_site):
    assert not any(_canonicals(p.read_text("utf-8")) for p in _pages(built_site).values())
    assert list(ET.parse(built_site / "sitemap.xml").getroot()) == []
    assert (built_site / "404.html").exists()


def test_the_address_is_a_setting(monkeypatch, capsys, tmp_path):
    monkeypatch.delenv("TDKT_SITE_URL", raising=False)
    assert parse(["build"]).site_url is None
    assert parse(["--site-url", "https://a.example/x/"]).site_url == "https://a.example/x/"
    monkeypatch.setenv("TDKT_SITE_URL", "https://b.example/")
    assert parse(["build"]).site_url == "https://b.example/"
    assert parse(["build", "--site-url", "https://c.example/"]).site_url == "https://c.example/"
    assert site_address("https://a.example/kho") == "https://a.example/kho/"
    for wrong in ("a.example/kho/", "ftp://a.example/", "https:///kho/", "https://a.example/?x=1", "/kho/"):
        assert site_address(wrong) is None, wrong
    assert main(["build", "--site-url", "kho", "--out", str(tmp_path / "s"), "--docs", str(tmp_path / "d")]) == 2
    assert "is not an http(s) address" in capsys.readouterr().err
    assert not (tmp_path / "s").exists()
