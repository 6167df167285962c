"""Hostile and careless input (README, "Tests"): each gets an inert rendering or a precise error, never a crash.

The corpus is tests/fixtures/hostile/ (written by its corpus.py): a valid archive whose every metadata field
and paragraph (an exemplar's too) tries HTML, script, Markdown, Jinja, control and bidi characters, NFD, a
legacy encoding and very long lines. It is built for real (plus a generated 1 MB report) and read in
Chromium: nothing runs, no element is added, the text shows literally. Inputs that must be refused are
edits of it below, each with its message word for word. Property tests: test_hostile_properties.py.
"""
from __future__ import annotations

import functools
import hashlib
import html
import http.server
import importlib.util
import re
import shutil
import signal
import threading
import unicodedata
from pathlib import Path

import pytest

from tdkt.catalog.load import load_catalog
from tdkt.cli import main
from tdkt.engine.owned import MARKER
from tdkt.site.markdown import _INERT
from tdkt.model import MAX_FILE_BYTES
from tdkt.problems import Problems

from .test_csp import POLICY, RECORD_VIOLATIONS, _Page

HOSTILE = Path(__file__).parent / "fixtures" / "hostile"
_spec = importlib.util.spec_from_file_location("hostile_corpus", HOSTILE / "corpus.py")
corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(corpus)

LARGE = "2023-hostile-large"
LONG_LINE = 200_000
LARGE_BLOCKS = 8_000


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.suffix != ".py" and "__pycache__" not in p.parts}


def test_the_committed_fixture_is_what_the_corpus_writes(tmp_path):
    corpus.write(tmp_path)
    assert tree(tmp_path) == tree(HOSTILE)


def visible(text: str) -> str:
    """What a reader must see for ``text`` in a paragraph: marks for invisible controls, spaces collapsed."""
    return " ".join(_INERT.sub(lambda m: f"[U+{ord(m.group(0)):04X}]", unicodedata.normalize("NFC", text)).split())


def copy_archive(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(HOSTILE, data, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return data


def add_large_report(data: Path) -> None:
    """A 1 MB report: thousands of paragraphs and one line of 200,000 letters (no spaces)."""
    folder = data / "reports" / LARGE
    folder.mkdir()
    blocks = ["BÁO CÁO", "x" * LONG_LINE] + [f"Đoạn {n}: thi đua <b>{n}</b> *khen* thưởng." for n in range(LARGE_BLOCKS)]
    text = "\n\n".join(blocks) + "\n"
    (folder / "text.txt").write_text(text, encoding="utf-8")
    (folder / "original.txt").write_text(text, encoding="utf-8")
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    (folder / "report.yml").write_text(
        'title: "Báo cáo rất dài"\ndoc_type: bao-cao\nissuer: "UBND"\nunit: xa-10738\nissued: "2023-12-01"\n'
        'period:\n  year: "2023"\n  span: year\ntext_quality: clean\n'
        f'source:\n  file_name: "dai.txt"\n  original: original.txt\n  sha256: {sha}\n  encoding: utf-8\n',
        encoding="utf-8")


class _Deadline:
    """Fail (not hang) if the block takes longer than ``seconds``: quadratic work on long input shows as this."""

    def __init__(self, seconds: int):
        self.seconds = seconds

    def __enter__(self):
        def expire(*_):
            raise TimeoutError(f"took longer than {self.seconds} s")
        self.previous = signal.signal(signal.SIGALRM, expire)
        signal.alarm(self.seconds)

    def __exit__(self, *exc):
        signal.alarm(0)
        signal.signal(signal.SIGALRM, self.previous)


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    """The hostile archive (with the large report) built by `python build.py`; the folder it was built in."""
    root = tmp_path_factory.mktemp("hostile")
    data = copy_archive(root)
    add_large_report(data)
    data_before = tree(data)
    with _Deadline(240):  # about 10 s; a 200,000-letter line once made the search index take minutes
        code = main(["build", "--data", str(data), "--out", str(root / "site"), "--docs", str(root / "site_src")])
    assert code == 0
    assert tree(data) == data_before  # the build never writes into data/
    return root


@pytest.fixture(scope="module")
def hostile_site(hostile_build):
    return hostile_build / "site"


pytestmark = pytest.mark.slow


HOST_FILES = {"_headers", ".htaccess"}  # tdkt/site/hosting.py: Netlify/Cloudflare Pages headers, Apache config
OWN_FILES = HOST_FILES | {MARKER}  # and the mark of a folder the build owns (tdkt/engine/owned.py)


def test_the_build_writes_only_its_two_folders_with_safe_names(hostile_build):
    assert sorted(p.name for p in hostile_build.iterdir()) == ["data", "site", "site_src"]
    for folder in ("site", "site_src"):
        for path in (hostile_build / folder).rglob("*"):
            rel = path.relative_to(hostile_build / folder).as_posix()
            if rel in OWN_FILES:  # the host's configuration and the build's mark, written under fixed names
                continue
            assert re.fullmatch(r"[a-z0-9][a-z0-9._/-]*", rel, re.I) and ".." not in rel, rel
            assert not path.is_symlink()


def test_no_page_has_inline_code_or_injected_markup(hostile_site):
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        parser = _Page()
        source = path.read_text(encoding="utf-8")
        parser.feed(source)
        assert parser.policies == [POLICY], path
        assert parser.inline == [], path
        for tag in ("<img src=x", "<iframe", "<svg onload", "<textarea", "<style", "<div markdown"):
            assert tag not in source.replace("<svg xmlns", ""), (path, tag)


def test_the_original_is_one_pre_block_holding_every_line(hostile_site):
    page = (hostile_site / "bao-cao" / "2023-hostile" / "ban-goc" / "index.html").read_text(encoding="utf-8")
    original = (HOSTILE / "reports" / "2023-hostile" / "original.txt").read_text(encoding="utf-8")
    pre = re.findall(r"<pre><code>(.*?)</code></pre>", page, re.S)
    shown = html.unescape(pre[0])
    expected = _INERT.sub(lambda m: f"[U+{ord(m.group(0)):04X}]", original)  # tabs kept
    assert shown == expected  # one block: the lines `</div>` and `    </div>` did not close the page's div
    assert len(pre) == 2 and "Trang 1 &lt;script&gt;" in pre[1]  # the furniture, verbatim too


def test_a_legacy_encoded_original_is_shown_decoded(hostile_site):
    page = (hostile_site / "bao-cao" / "2023-hostile-vni" / "ban-goc" / "index.html").read_text(encoding="utf-8")
    assert html.unescape(re.findall(r"<pre><code>(.*?)</code></pre>", page, re.S)[0]) == corpus.LEGACY_TEXT
    assert (hostile_site / "bao-cao" / "2023-hostile-vni" / "ban-goc.txt").read_bytes() == \
        corpus.LEGACY_TEXT.encode("vni")  # the download stays byte for byte


def test_charts_are_inert_svg(hostile_site):
    """The charts carry award names: well-formed SVG, text escaped, nothing that could run."""
    import xml.etree.ElementTree as ET

    charts = sorted(hostile_site.rglob("*.svg"))
    charts = [c for c in charts if "assets" not in c.parts]
    assert charts
    for chart in charts:
        root = ET.fromstring(chart.read_bytes())
        for element in root.iter():
            tag = element.tag.rsplit("}", 1)[-1]
            assert tag not in ("script", "foreignObject", "iframe", "image", "use", "a"), (chart, tag)
            assert not [name for name in element.attrib if name.lower().startswith("on") or "href" in name], chart
    assert any("window.__pwned='award-type'" in "".join(ET.fromstring(c.read_bytes()).itertext()) for c in charts)


def test_search_files_of_the_long_report_are_written(hostile_site):
    chunks = list((hostile_site / "tim-kiem" / "chi-muc").rglob("*.json"))
    assert chunks and any(LONG_LINE * "x" in p.read_text(encoding="utf-8") for p in chunks if "/p/" in p.as_posix())


# --------------------------------------------------------------------------- in Chromium

WATCH = RECORD_VIOLATIONS + """
window.alert = window.confirm = window.prompt = () => { window.__pwned = "dialog"; };
"""

# elements report text could smuggle in; none may appear in a page's content
FORBIDDEN = {"script", "iframe", "frame", "style", "object", "embed", "textarea", "link", "meta", "base",
             "video", "audio", "math", "svg", "template"}
# what the report text itself becomes: paragraphs, headings, list items, and the page's own ¶ links
TEXT_TAGS = {"p", "h3", "h4", "h5", "h6", "ul", "li", "a"}
# the finder's charts as its script draws them (charts-core.js: the site's own SVG, award names as text only)
CHART_TAGS = {"svg", "title", "desc", "defs", "pattern", "rect", "circle", "g", "text", "line"}


@pytest.fixture(scope="module")
def hostile_url(hostile_site):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(hostile_site))
    handler.log_message = lambda *a: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def _article_check(page) -> dict:
    return page.evaluate("""() => {
        const article = document.querySelector("article");
        return {
            pwned: window.__pwned === undefined ? null : String(window.__pwned),
            csp: window.__csp,
            tags: Array.from(new Set(Array.from(article.querySelectorAll("*"))
                .filter(e => !e.closest("figure.tdkt-chart > svg.tdkt-chart-drawn")).map(e => e.localName))),
            chart_tags: Array.from(new Set(Array.from(article.querySelectorAll(
                "figure.tdkt-chart > svg.tdkt-chart-drawn, figure.tdkt-chart > svg.tdkt-chart-drawn *")).map(e => e.localName))),
            chart_text: Array.from(article.querySelectorAll("figure.tdkt-chart > svg.tdkt-chart-drawn")).map(s => s.textContent),
            text_tags: Array.from(new Set(Array.from(document.querySelectorAll(".tdkt-text *")).map(e => e.localName))),
            handlers: Array.from(document.querySelectorAll("*")).flatMap(e => Array.from(e.attributes))
                .filter(a => a.name.startsWith("on") || a.value.trim().toLowerCase().startsWith("javascript:"))
                .map(a => a.name + "=" + a.value),
            injected: document.querySelectorAll(".evil, #e, #id, [onclick], [onerror], [onload]").length,
            // the site's own images (charts) only: same origin, loaded
            images: Array.from(document.querySelectorAll("article img"))
                .filter(i => new URL(i.src).origin !== location.origin || !i.complete || !i.naturalWidth)
                .map(i => i.outerHTML),
        };
    }""")


def test_every_page_is_inert_in_the_browser(page, hostile_url, hostile_site):
    page.add_init_script(WATCH)
    urls = sorted({"/" + p.parent.relative_to(hostile_site).as_posix() + "/"
                   for p in hostile_site.rglob("index.html") if "assets" not in p.parts})
    urls = [u.replace("/./", "/") for u in urls]
    assert "/bao-cao/2023-hostile/ocr/" not in urls and "/bao-cao/2023-hostile-ocr/ocr/" in urls
    for url in urls + ["/tim-kiem/?q=" + "script%20window", "/bao-cao/2023-hostile/?q=script#p-1"]:
        page.goto(hostile_url + url)
        page.wait_for_load_state("load")
        if url.startswith("/tim-kiem/"):
            page.wait_for_selector("#tdkt-search[data-state=done]")
            assert page.locator(".tdkt-result").count() >= 2
        if url == "/khen-thuong/":  # the script draws the charts again, award names in them
            page.wait_for_function("() => document.querySelectorAll('svg.tdkt-chart-drawn').length === 2")
        found = _article_check(page)
        assert found["pwned"] is None and found["csp"] == [] and found["handlers"] == [], url
        assert found["injected"] == 0 and found["images"] == [], url
        assert FORBIDDEN.isdisjoint(found["tags"]), (url, FORBIDDEN & set(found["tags"]))
        assert set(found["chart_tags"]) <= CHART_TAGS, (url, found["chart_tags"])
        if url == "/khen-thuong/":
            assert any("window.__pwned='award-type'" in text for text in found["chart_text"])


def _block_texts(page) -> dict[str, str]:
    """Each cited block's visible text, without its ¶, twin and permalink links."""
    return page.evaluate("""() => Object.fromEntries(Array.from(document.querySelectorAll("[id^='p-']")).map(e => {
        const copy = e.cloneNode(true);
        copy.querySelectorAll("a.tdkt-para, a.tdkt-twin, a.headerlink").forEach(a => a.remove());
        return [e.id, copy.textContent.split(/\\s+/).filter(Boolean).join(" ")];
    }))""")


def _list_text(block: str) -> str:
    for marker in ("- ", "+ ", "• ", "* ", "– "):
        if block.startswith(marker):
            return block[len(marker):]
    return block


@pytest.mark.parametrize("report, blocks", [
    ("2023-hostile", corpus.BLOCKS),
    ("2023-hostile-ocr", corpus.RESTORED_BLOCKS),
    ("2023-hostile-ocr/ocr", corpus.OCR_BLOCKS),
    ("2023-hostile-vni", corpus.LEGACY_TEXT.strip().split("\n\n")),
])
def test_every_paragraph_shows_its_text_literally(page, hostile_url, report, blocks):
    page.add_init_script(WATCH)
    page.goto(f"{hostile_url}/bao-cao/{report}/")
    shown = _block_texts(page)
    assert shown == {f"p-{n}": visible(_list_text(b)) for n, b in enumerate(blocks, start=1)}
    found = _article_check(page)
    assert found["pwned"] is None and found["csp"] == [] and found["injected"] == 0
    assert set(found["text_tags"]) <= TEXT_TAGS


# field → the pages that show it (the report page unless said otherwise)
SHOWN = {
    "title": ["bao-cao/2023-hostile/", "bao-cao/2023-hostile/ban-goc/", "bao-cao/", "nam/2023/"],
    "doc_number": ["bao-cao/2023-hostile/", "bao-cao/"],
    "issuer": ["bao-cao/2023-hostile/"], "place": ["bao-cao/2023-hostile/"],
    "recipient": ["bao-cao/2023-hostile/"], "signer": ["bao-cao/2023-hostile/"],
    "signer_title": ["bao-cao/2023-hostile/"], "theme": ["bao-cao/2023-hostile/"], "notes": ["bao-cao/2023-hostile/"],
    "file_name": ["bao-cao/2023-hostile/", "bao-cao/2023-hostile/ban-goc/"],
    "sig-signer": ["bao-cao/2023-hostile/"], "sig-email": ["bao-cao/2023-hostile/"],
    "sig-time": ["bao-cao/2023-hostile/"], "sig-organisation": ["bao-cao/2023-hostile/"],
    "review-field": ["bao-cao/2023-hostile/"], "review-why": ["bao-cao/2023-hostile/"],
    "review-why-signer": ["bao-cao/2023-hostile/"],
    "authority": ["bao-cao/2023-hostile/"], "name": ["bao-cao/2023-hostile/"],
    "movement-name": ["bao-cao/2023-hostile/", "phong-trao/", "phong-trao/hostile-movement/"],
    "launched_by": ["phong-trao/"], "period": ["phong-trao/"],
    "ocr-title": ["bao-cao/2023-hostile-ocr/", "bao-cao/2023-hostile-ocr/ocr/"],
    "ocr-issuer": ["bao-cao/2023-hostile-ocr/"],
    "exemplar-name": ["dien-hinh/", "dien-hinh/hostile-exemplar/", "bao-cao/2023-hostile/"],
    "exemplar-achievement": ["dien-hinh/hostile-exemplar/", "don-vi/phuong-long-xuyen-10738/"],
    "exemplar-authority": ["dien-hinh/hostile-exemplar/"], "exemplar-note": ["dien-hinh/hostile-exemplar/"],
    "award-type": ["bao-cao/2023-hostile/", "khen-thuong/"],
}


def test_every_metadata_field_shows_literally(page, hostile_url):
    page.add_init_script(WATCH)
    texts: dict[str, str] = {}
    for url in sorted({u for urls in SHOWN.values() for u in urls}):
        page.goto(f"{hostile_url}/{url}")
        texts[url] = " ".join(page.locator("article.md-content__inner").inner_text().split())
        assert page.evaluate("window.__pwned") is None, url
    missing = [(field, url) for field, urls in SHOWN.items() for url in urls
               if visible(corpus.payload(field)) not in texts[url]]
    assert missing == []


def test_page_titles_show_the_title_literally(page, hostile_url):
    page.goto(f"{hostile_url}/bao-cao/2023-hostile/")
    assert visible(corpus.payload("title")) in page.title()
    assert page.locator("meta[name=description]").get_attribute("content") == visible(corpus.payload("title"))


# --------------------------------------------------------------------------- refused, with file, line and field

REPORT = "data/reports/2023-hostile/report.yml"


def load(data: Path, gazetteer):
    problems = Problems()
    catalog = load_catalog(data, gazetteer, problems)
    return catalog, [p.format() for p in problems]


def edit(data: Path, name: str, old: str, new: str, report: str = "2023-hostile") -> None:
    path = data / "reports" / report / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def with_original(data: Path, raw: bytes, report: str = "2023-hostile") -> None:
    """Replace the original and record its true SHA-256, so only its content is at fault."""
    folder = data / "reports" / report
    (folder / "original.txt").write_bytes(raw)
    yml = (folder / "report.yml").read_text(encoding="utf-8")
    yml = re.sub(r"sha256: [0-9a-f]+", "sha256: " + hashlib.sha256(raw).hexdigest(), yml)
    (folder / "report.yml").write_text(yml, encoding="utf-8")


def huge_text(data: Path) -> None:
    with open(data / "reports" / "2023-hostile" / "text.txt", "r+b") as f:
        f.truncate(MAX_FILE_BYTES + 1)  # sparse: nothing written


REFUSED = [
    ("a text over 20 MB, refused unread", huge_text,
     "data/reports/2023-hostile/text.txt: error[F005] is larger than 20971520 bytes (20 MB). "
     "Fix: split the report, or keep only its text"),
    ("yaml anchor and alias",
     lambda d: edit(d, "report.yml", "doc_type: bao-cao\n", "doc_type: &t bao-cao\nplace: *t\n"),
     f"{REPORT}:2:11: error[Y002] anchors and aliases are not allowed. Fix: write the value out in full"),
    ("yaml tag that would run code in an unsafe loader",
     lambda d: edit(d, "report.yml", "doc_type: bao-cao", 'doc_type: !!python/object/apply:os.system ["id"]'),
     f"{REPORT}:2:11: error[Y002] explicit tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed. "
     "Fix: remove the tag; every value is read as text"),
    ("yaml alias in awards.yml",
     lambda d: edit(d, "awards.yml", "- form: giay-khen", "- form: &f giay-khen\n  note2: *f"),
     "data/reports/2023-hostile/awards.yml:1:9: error[Y002] anchors and aliases are not allowed. "
     "Fix: write the value out in full"),
    ("yaml nested a thousand levels deep",
     lambda d: edit(d, "report.yml", "doc_type: bao-cao", "doc_type: " + "[" * 1000 + "]" * 1000),
     f"{REPORT}:2:30: error[Y003] values are nested more than 20 levels deep. "
     "Fix: the format nests at most three levels; remove the extra brackets"),
    ("a raw control character in report.yml",
     lambda d: edit(d, "report.yml", 'issued: "2024-01-17"', 'issued: "2024-01-17"\nplace: Long\x02Xuyên'),
     f"{REPORT}:7:12: error[Y001] YAML cannot be read: unacceptable character #x0002: control characters are not "
     "allowed. Fix: check indentation and quoting"),
    ("two yaml documents",
     lambda d: edit(d, "report.yml", "doc_type: bao-cao", "doc_type: bao-cao\n---\nx: y"),
     f"{REPORT}:3:1: error[Y001] YAML cannot be read: but found another document. Fix: check indentation and quoting"),
    ("a key written twice",
     lambda d: edit(d, "report.yml", "doc_type: bao-cao", "doc_type: bao-cao\ndoc_type: ke-hoach"),
     f"{REPORT}:3:1: error[Y005] doc_type: this key appears twice. Fix: keep one of them"),
    ("bidi override in a metadata field",
     lambda d: edit(d, "report.yml", "unit: xa-10738", 'unit: xa-10738\nplace: "Long \\u202eXuyên"'),
     f"{REPORT}:6:8: error[R109] place: contains control or bidirectional-override characters. Fix: remove them"),
    ("terminal escape and line break in a metadata field",
     lambda d: edit(d, "report.yml", "unit: xa-10738", 'unit: xa-10738\nrecipient: "\\e[2J\\e[31mđỏ\\n# x"'),
     f"{REPORT}:6:12: error[R109] recipient: contains control or bidirectional-override characters. Fix: remove them"),
    ("control character in an award name",
     lambda d: edit(d, "awards.yml", '"=1+1"', '"=1\\x00+1"'),
     "data/reports/2023-hostile/awards.yml:5:270: error[R109] names: contains control or bidirectional-override "
     "characters. Fix: remove them"),
    ("unknown unit with a line break, echoed on one line",
     lambda d: edit(d, "report.yml", "unit: xa-10738", 'unit: "xa-10738\\n\\u2028error: forged"'),
     f'{REPORT}:5:7: error[R106] unit: "xa-10738[U+000A][U+2028]error: forged" is not a unit of the gazetteer. '
     "Fix: write <level>-<official code>, e.g. xa-10738, or xa-10675-2025 for a unit from 1/7/2025"),
    ("unknown unit named like a path",
     lambda d: edit(d, "report.yml", "unit: xa-10738", 'unit: "../../../etc/passwd"'),
     f'{REPORT}:5:7: error[R106] unit: "../../../etc/passwd" is not a unit of the gazetteer. '
     "Fix: write <level>-<official code>, e.g. xa-10738, or xa-10675-2025 for a unit from 1/7/2025"),
    ("unknown movement with markup",
     lambda d: edit(d, "report.yml", "[chuyen-doi-so, hostile-movement]", '[chuyen-doi-so, "<script>x</script>"]'),
     f'{REPORT}:15:28: error[R106] movements: "<script>x</script>" is not in vocab/movements.yml. '
     "Fix: use an id from that file, or add the movement there"),
    ("unknown award form",
     lambda d: edit(d, "awards.yml", "- form: giay-khen", '- form: "giay-khen/../../x"'),
     'data/reports/2023-hostile/awards.yml:1:9: error[R106] form: "giay-khen/../../x" is not in '
     "vocab/award_types.yml. Fix: use an id from that file, or add the award form there"),
    ("award citing a paragraph the report lacks",
     lambda d: edit(d, "awards.yml", 'block: "2"', 'block: "9999"'),
     'data/reports/2023-hostile/awards.yml:7:10: error[R111] block: the report has no block 9999 (text.txt has '
     f'{len(corpus.BLOCKS)} blocks). Fix: cite the number of the paragraph in text.txt, as in #p-<number> on the '
     "report page"),
    ("original named by an absolute path",
     lambda d: edit(d, "report.yml", "original: original.txt", "original: /etc/passwd"),
     f'{REPORT}:19:13: error[R104] source.original: "/etc/passwd" must be a file name in the report folder. '
     "Fix: write e.g. original.txt"),
    ("original in a mix of UTF-8 and Windows-1258",
     lambda d: with_original(d, "Báo cáo ".encode("utf-8") + "thi đua".encode("cp1258")),
     f"{REPORT}:21:13: error[F002] source.encoding: the original does not decode as utf-8. "
     "Fix: write the encoding it is in"),
    ("an encoding that is no text encoding",
     lambda d: edit(d, "report.yml", "encoding: utf-8", "encoding: rot13"),
     f"{REPORT}:21:13: error[F002] source.encoding: the original does not decode as rot13. "
     "Fix: write the encoding it is in"),
    ("report.yml in Windows-1258",
     lambda d: (d / "reports" / "2023-hostile" / "report.yml").write_bytes(
         'title: "Báo cáo"\n'.encode("cp1258")),
     f"{REPORT}: error[F002] is not UTF-8 (byte 9). Fix: save it as UTF-8"),
    ("report.yml in UTF-16",
     lambda d: (d / "reports" / "2023-hostile" / "report.yml").write_bytes('title: "Báo cáo"\n'.encode("utf-16")),
     f"{REPORT}: error[F002] is not UTF-8 (byte 0). Fix: save it as UTF-8"),
    ("report.yml is a list",
     lambda d: (d / "reports" / "2023-hostile" / "report.yml").write_text("- title: x\n", encoding="utf-8"),
     f"{REPORT}:1:1: error[Y003] report.yml must be a mapping of fields."),
    ("a report folder named with dots",
     lambda d: (d / "reports" / "2023-hostile").rename(d / "reports" / "..2023-hostile.."),
     'data/reports/..2023-hostile..: error[R105] id: folder name "..2023-hostile.." is not a valid report id. '
     "Fix: rename the folder to lowercase ASCII letters, digits and hyphens"),
    ("a vocabulary id used twice",
     lambda d: (d / "vocab" / "doc_types.yml").write_text(
         (d / "vocab" / "doc_types.yml").read_text(encoding="utf-8") + '- id: bao-cao\n  name: "Lần hai"\n  code: "X"\n',
         encoding="utf-8"),
     'data/vocab/doc_types.yml:8:7: error[V103] id: "bao-cao" is used twice. Fix: give each entry its own id'),
    ("a vocabulary id with a path in it",
     lambda d: (d / "vocab" / "doc_types.yml").write_text(
         (d / "vocab" / "doc_types.yml").read_text(encoding="utf-8") + '- id: "../x"\n  name: "X"\n  code: "X"\n',
         encoding="utf-8"),
     'data/vocab/doc_types.yml:8:7: error[V102] id: "../x" is not a slug. '
     "Fix: use lowercase ASCII letters, digits and hyphens"),
]


@pytest.mark.parametrize("name, damage, message", REFUSED, ids=[r[0] for r in REFUSED])
def test_refused_with_file_line_and_field(tmp_path, capsys, name, damage, message):
    """`python build.py` on the damaged archive: exit 1, the message word for word, nothing generated."""
    data = copy_archive(tmp_path)
    damage(data)
    capsys.readouterr()
    out, docs = tmp_path / "site", tmp_path / "site_src"
    assert main(["build", "--data", str(data), "--out", str(out), "--docs", str(docs)]) == 1
    err = capsys.readouterr().err
    assert message in err.splitlines() and "\x1b" not in err
    assert err.endswith("Dữ liệu có lỗi: chưa tạo trang nào; trang web cũ giữ nguyên.\n")
    assert not out.exists() and not docs.exists()


def assert_reported(tmp_path: Path, gazetteer, damage, message: str):
    """The catalogue of the damaged hostile archive, after checking ``message`` is among its problems."""
    data = copy_archive(tmp_path)
    damage(data)
    catalog, messages = load(data, gazetteer)
    assert message in messages
    assert all(problem.count("\n") == 0 and "\x1b" not in problem for problem in messages)
    return catalog


def test_a_refused_report_is_not_published(tmp_path, gazetteer):
    data = copy_archive(tmp_path)
    edit(data, "report.yml", "doc_type: bao-cao", "doc_type: &t bao-cao")
    catalog, _ = load(data, gazetteer)
    assert "2023-hostile" not in {r.id for r in catalog.reports} and len(catalog.reports) == 2


WARNED = [
    ("NFD metadata is read as NFC",
     lambda d: edit(d, "report.yml", "unit: xa-10738", 'unit: xa-10738\nplace: "Tie\u0302\u0301n Vie\u0323\u0302t"'),
     f"{REPORT}:6:8: warning[R109] place: is not in Unicode NFC form. "
     "Fix: re-save the file as NFC (composed characters)"),
    ("NFD paragraph", lambda d: None,
     "data/reports/2023-hostile/text.txt:55: warning[R109] text: is not in Unicode NFC form (read as NFC). "
     "Fix: re-save the file as NFC (composed characters)"),
    ("a movement listed twice",
     lambda d: edit(d, "report.yml", "[chuyen-doi-so, hostile-movement]", "[chuyen-doi-so, chuyen-doi-so]"),
     f'{REPORT}:15:28: warning[R108] movements: "chuyen-doi-so" is listed twice. Fix: keep one of them'),
    ("a key with a terminal escape",
     lambda d: edit(d, "report.yml", "unit: xa-10738", 'unit: xa-10738\n"\\e[2Jx": y'),
     f"{REPORT}:6:1: warning[Y004] [U+001B][2Jx: unknown key. Fix: remove it, or use one of: title, doc_type, "
     "doc_number, issuer, unit, issued, place, period, recipient, signer, signer_title, theme, movements, "
     "text_quality, source, signatures, review, notes, status, issuer_level, aliases, issuer_kind, issuer_parent"),
]


@pytest.mark.parametrize("name, damage, message", WARNED, ids=[r[0] for r in WARNED])
def test_warned_and_still_published_cleaned(tmp_path, gazetteer, name, damage, message):
    catalog = assert_reported(tmp_path, gazetteer, damage, message)
    report = {r.id: r for r in catalog.reports}["2023-hostile"]
    assert all(unicodedata.is_normalized("NFC", b.text) for b in report.blocks)
    assert unicodedata.is_normalized("NFC", report.place)
    assert len({m.id for m in report.movements}) == len(report.movements)


# --------------------------------------------------------------------------- files that are not what they seem

def test_symbolic_links_are_refused(tmp_path, gazetteer):
    """A link in data/ would publish a file of the machine that builds the site."""
    data = copy_archive(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text("mật khẩu\n", encoding="utf-8")
    folder = data / "reports" / "2023-hostile"
    (folder / "text.txt").unlink()
    (folder / "text.txt").symlink_to(secret)
    ocr = data / "reports" / "2023-hostile-ocr"
    (ocr / "original.txt").unlink()
    (ocr / "original.txt").symlink_to(secret)
    (data / "reports" / "2024-linked").symlink_to(tmp_path)
    catalog, messages = load(data, gazetteer)
    assert "data/reports/2023-hostile/text.txt: error[F004] is a symbolic link. " \
           "Fix: put the file itself there: the archive publishes what its folders hold" in messages
    assert "data/reports/2023-hostile-ocr/original.txt: error[F004] is a symbolic link. " \
           "Fix: put the file itself there: the archive publishes what its folders hold" in messages
    assert "data/reports/2024-linked: error[F004] is a symbolic link. " \
           "Fix: put the file itself there: the archive publishes what its folders hold" in messages
    assert [r.id for r in catalog.reports] == ["2023-hostile-vni"]


# --------------------------------------------------------------------------- contributors' files never run

ACTIVE_ORIGINALS = {  # what a contributor's file could be, to run on the archive's own origin if published as such
    "html": b"<p>B\xc3\xa1o c\xc3\xa1o</p><script>window.__pwned='html'</script>\n",
    "svg": b'<svg xmlns="http://www.w3.org/2000/svg" onload="window.__pwned=\'svg\'"><script>alert(1)</script></svg>\n',
    "js": b"window.__pwned = 'js'; // loaded by <script src=../x/ban-goc.js> from another report\n",
    "xhtml": b'<html xmlns="http://www.w3.org/1999/xhtml"><script>window.__pwned="xhtml"</script></html>\n',
    "shtml": b"<!--#exec cmd=\"id\" --><script>window.__pwned='shtml'</script>\n",
}


def test_originals_of_active_types_are_published_inert_and_no_page_links_to_an_active_type(tmp_path):
    """An original named .html, .svg, .js... was published as bao-cao/<id>/ban-goc.<ext>: a page or a script of
    the site itself. Now it is ban-goc.bin (a download, byte for byte), the host files send it as an attachment,
    and no page of the site links to a file of a type a browser renders or runs, but the site's own."""
    from tdkt.site.paths import INERT_EXTENSIONS

    data = tmp_path / "data"
    shutil.copytree(Path(__file__).parent / "fixtures" / "archive", data)
    base = data / "reports" / "2023-long-xuyen-hd-bc-1"
    for ext, payload in ACTIVE_ORIGINALS.items():
        folder = data / "reports" / f"2023-active-{ext}"
        shutil.copytree(base, folder)
        (folder / "original.txt").unlink()
        (folder / f"original.{ext}").write_bytes(payload)
        yml = folder / "report.yml"
        text = yml.read_text(encoding="utf-8").replace("original: original.txt", f"original: original.{ext}")
        text = re.sub(r"sha256: [0-9a-f]{64}", f"sha256: {hashlib.sha256(payload).hexdigest()}", text)
        yml.write_text(text, encoding="utf-8")
    site = tmp_path / "site"
    assert main(["build", "--data", str(data), "--out", str(site), "--docs", str(tmp_path / "src")]) == 0
    for ext, payload in ACTIVE_ORIGINALS.items():
        folder = site / "bao-cao" / f"2023-active-{ext}"
        assert sorted(p.name for p in folder.iterdir()) == ["ban-goc", "ban-goc.bin", "index.html"]
        assert (folder / "ban-goc.bin").read_bytes() == payload  # byte for byte
        page = (folder / "index.html").read_text(encoding="utf-8")
        assert 'href="ban-goc.bin"' in page and "chỉ để tải về" in page
    published = [p for p in site.rglob("ban-goc.*") if p.is_file()]
    assert published and all(p.suffix in INERT_EXTENSIONS + (".bin",) for p in published)
    for page in site.rglob("*.html"):
        for href in re.findall(r'(?:href|src)="([^"#?]+)', page.read_text(encoding="utf-8")):
            if "ban-goc." in href:  # an original: only an inert type
                assert Path(href).suffix in INERT_EXTENSIONS + (".bin",), (page, href)
    headers = (site / "_headers").read_text(encoding="utf-8").split("\n/")
    for ext in ACTIVE_ORIGINALS:
        rule = next(r for r in headers if r.startswith(f"bao-cao/2023-active-{ext}/ban-goc.bin\n"))
        assert "  Content-Disposition: attachment" in rule.splitlines()
        assert "  Content-Type: text/plain; charset=utf-8" in rule.splitlines()  # read as text: shown as text
    assert '<FilesMatch "^ban-goc\\.(?!txt$)[a-z0-9]+$">' in (site / ".htaccess").read_text(encoding="utf-8")
    assert not [p for p in site.rglob("*") if p.suffix in {".xhtml", ".shtml"}]
