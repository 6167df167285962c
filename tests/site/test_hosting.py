"""Host configuration at the site's root: each original's charset declared (bytes untouched), the security headers."""
from __future__ import annotations

from pathlib import Path

import pytest

from tdkt.catalog.load import load_catalog
from tdkt.problems import Problems
from tdkt.site.hosting import HEADERS_FILE, HTACCESS_FILE, POLICY, SECURITY_HEADERS, host_files, http_charset

HOSTILE = Path(__file__).resolve().parents[1] / "fixtures" / "hostile"


@pytest.mark.parametrize("encoding,charset", [
    ("utf-8", "utf-8"), ("utf-8-sig", "utf-8"), ("UTF-8", "utf-8"),
    ("utf-16", "utf-16"), ("utf-16-le", "utf-16le"), ("utf-16-be", "utf-16be"),
    ("windows-1258", "windows-1258"),
    ("vni", "windows-1252"), ("tcvn3", "windows-1252"),  # font encodings: what a browser can show of the bytes
    ("vni-in-utf-8", "utf-8"), ("tcvn3-in-windows-1258", "windows-1258"),
    ("viscii", None), ("utf-32", None),  # no browser decodes them: declaring one would not help
    ("docx", None), ("pdftotext", None), ("tesseract-vie", None),  # not text
])
def test_an_originals_charset_is_the_encoding_it_was_read_with(encoding, charset):
    assert http_charset(encoding) == charset


def test_headers_file_declares_every_text_original_and_the_security_headers(fixture_catalog):
    text = host_files(fixture_catalog)[HEADERS_FILE].decode("utf-8")
    rules = _rules(text)
    assert rules["/*"] == dict(SECURITY_HEADERS)
    assert rules["/*"]["Content-Security-Policy"].endswith("frame-ancestors 'none'")
    originals = {f"/bao-cao/{r.id}/ban-goc.txt" for r in fixture_catalog.reports}
    assert set(rules) - {"/*"} == originals
    for path in originals:
        assert rules[path] == {"Content-Type": "text/plain; charset=utf-8"}


def test_a_legacy_original_gets_its_own_charset(gazetteer):
    problems = Problems()
    catalog = load_catalog(HOSTILE, gazetteer, problems)
    vni = next(r for r in catalog.reports if r.source.encoding == "vni")
    files = host_files(catalog, "https://example.org/kho/")
    rules = _rules(files[HEADERS_FILE].decode("utf-8"))
    assert rules[f"/bao-cao/{vni.id}/ban-goc.txt"] == {"Content-Type": "text/plain; charset=windows-1252"}
    htaccess = files[HTACCESS_FILE].decode("utf-8")
    escaped = vni.id.replace(".", "\\.")
    assert (f'<If "%{{REQUEST_URI}} =~ m#/bao-cao/{escaped}/ban-goc\\.txt$#">\n'
            '  ForceType "text/plain; charset=windows-1252"\n</If>\n') in htaccess
    assert htaccess.count("<If ") == sum(1 for r in catalog.reports if http_charset(r.source.encoding) not in
                                         (None, "utf-8"))


def test_htaccess_declares_utf8_the_404_page_and_the_headers(fixture_catalog):
    at_root = host_files(fixture_catalog)[HTACCESS_FILE].decode("utf-8").splitlines()
    assert "ErrorDocument 404 /404.html" in at_root
    assert "AddDefaultCharset utf-8" in at_root
    assert any(line.startswith("AddCharset utf-8 ") and " .txt" in line and " .html" in line for line in at_root)
    assert f'  Header always set Content-Security-Policy "{POLICY}"' in at_root
    assert '  Header always set X-Content-Type-Options "nosniff"' in at_root
    assert "<If " not in "\n".join(at_root)  # every original of the fixture is UTF-8
    under = host_files(fixture_catalog, "https://example.org/kho/")[HTACCESS_FILE].decode("utf-8").splitlines()
    assert "ErrorDocument 404 /kho/404.html" in under


def test_host_files_are_published_and_originals_are_byte_for_byte(built_site):
    root = Path(__file__).resolve().parents[2]
    assert (built_site / ".htaccess").read_text("utf-8").startswith("# Cấu hình Apache")
    rules = _rules((built_site / HEADERS_FILE).read_text("utf-8"))
    for folder in sorted((root / "data" / "reports").iterdir()):
        published = built_site / "bao-cao" / folder.name / "ban-goc.txt"
        assert published.read_bytes() == (folder / "original.txt").read_bytes()
        assert rules[f"/bao-cao/{folder.name}/ban-goc.txt"] == {"Content-Type": "text/plain; charset=utf-8"}


def _rules(text: str) -> dict[str, dict[str, str]]:
    """A ``_headers`` file as Netlify reads it: a path, then its headers indented."""
    rules: dict[str, dict[str, str]] = {}
    path = None
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not line[0].isspace():
            path = line.strip()
            assert path not in rules, f"{path} twice"
            rules[path] = {}
        else:
            name, _, value = line.strip().partition(": ")
            assert path is not None and name not in rules[path]
            rules[path][name] = value
    return rules


def test_the_readme_shows_what_the_build_writes(fixture_catalog):
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text("utf-8")
    hosting = readme.split("\n## Hosting\n", 1)[1].split("\n## ", 1)[0]
    netlify = hosting.split("```\n", 2)[1]
    written = host_files(fixture_catalog)[HEADERS_FILE].decode("utf-8").splitlines()
    assert netlify.splitlines() == written[1:2 + len(SECURITY_HEADERS)]
    apache = hosting.split("```apache\n", 1)[1].split("```", 1)[0].splitlines()
    htaccess = host_files(fixture_catalog)[HTACCESS_FILE].decode("utf-8").splitlines()
    assert apache[:3] == htaccess[1:4] and [line for line in apache if line.startswith("  Header")] == \
        [line for line in htaccess if line.startswith("  Header")]
