"""The bulk pages' fast path (tdkt/render/bulk.py): a page's HTML, anchors, links and table of contents are what
MkDocs' own path makes of it; where the fast path cannot prove that, the page takes MkDocs' own path."""
from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from tdkt.cli import main
from tdkt.render import bulk, mkdocs_api
from tdkt.site.markdown import Context, escape

from tests.conftest import FIXTURE, ROOT

pytestmark = pytest.mark.slow

NASTY = [
    "<script>alert('x')</script> & \"quoted\" & 'single' &amp; &#123; literally",
    "*emphasis* _under_ **strong** `code` \\backslash [link](x.md) {: #id .class } [TOC]",
    "# 12 cá nhân được khen | cột | {x} ![img](y.png) <!-- not a comment --> ``` ~~~",
    "Ủy ban nhân dân huyện Cư M'gar: “Đoàn kết, kỷ cương” — 1. 2) + - • \u00a0 non-breaking",
    "\x02placeholder\x03 \u202e bidi \t tab \r return   many    spaces",
]


def text_block(texts: list[str], *, headings: bool, twin: str = "") -> str:
    """A report text block as ``report_page._body`` writes it (same shapes), over ``texts``."""
    out = ['<div class="tdkt-text" markdown="1">' if headings else '<div class="tdkt-text">']
    n = 0
    for i, text in enumerate(texts):
        n += 1
        if headings and i % 3 == 0:
            out.append(f'<h3 id="p-{n}">{escape(text, Context.RAW)}</h3>')
            continue
        link = f'<a class="tdkt-para" href="#p-{n}" title="Đoạn {n}: liên kết để trích dẫn">¶</a>'
        if twin:
            link += f' <a class="tdkt-twin" href="{twin}#p-{n}" title="Đoạn này">OCR</a>'
        if i % 4 == 1:
            out += ["<ul>", f'<li id="p-{n}">{escape(text, Context.RAW)} {link}</li>']
            n += 1
            out += [f'<li id="p-{n}">{escape(text[::-1], Context.RAW)} {link.replace(f"p-{n - 1}", f"p-{n}")}</li>',
                    "</ul>"]
            continue
        cite = f'<a class="tdkt-cite" href="../khac/">Kế hoạch số 22/KH-UBND</a>'
        out.append(f'<p id="p-{n}">{escape(text, Context.RAW)} {cite} {link}</p>')
    out.append("</div>\n")
    return "\n".join(out)


def report_like(title: str, texts: list[str], *, headings: bool = True, twin: str = "") -> str:
    return "\n".join([
        f'---\ntitle: "{escape(title, Context.HTML)}"\n---\n',
        f"# {escape(title)}\n",
        '<div class="tdkt-meta" markdown="1">\n',
        "| Thuộc tính | Nội dung |\n|---|---|\n| Số | [¶ 2](#p-2 \"Đoạn 2\") |\n",
        "\n</div>\n",
        "## Nội dung văn bản {: #noi-dung }\n",
        text_block(texts, headings=headings, twin=twin),
        "## Nguồn gốc văn bản {: #nguon-goc }\n",
        "Xem [đoạn 1](#p-1).\n",
    ])


def original_like(title: str, text: str) -> str:
    return "\n".join([
        f'---\ntitle: "Nguyên văn: {escape(title, Context.HTML)}"\n---\n',
        f"# Nguyên văn: {escape(title)}\n",
        "Nguyên văn tệp **a.txt** · [Trở về văn bản](index.md)\n",
        f'<div class="tdkt-original">\n{escape(text, Context.VERBATIM)}\n</div>\n',
    ])


def snapshot(page) -> tuple:
    def toc(items):
        return [(i.id, i.title, i.level, toc(i.children)) for i in items]

    return (page.content, toc(page.toc), sorted(page.present_anchor_ids or ()), page.title,
            {f.src_uri: dict(v) for f, v in (page.links_to_anchors or {}).items()})


def both_ways(docs: Path, config_file: Path = ROOT / "mkdocs.yml") -> dict[str, tuple[bool, tuple, tuple]]:
    """Every bulk page of ``docs``: (fast path taken, its result, MkDocs' own path's result)."""
    config = mkdocs_api.load_config(config_file, docs_dir=str(docs), site_dir=tempfile.mkdtemp(), strict=True)
    collected = mkdocs_api.Collected(config)
    out = {}
    for file in collected.doc_files:
        if bulk.bulk_page(file.src_uri):
            fast = collected.populate(file, collected.files)
            first = snapshot(file.page)
            assert not collected.populate(file, collected.files, fast=False)
            out[file.src_uri] = (fast, first, snapshot(file.page))
    return out


@pytest.fixture(scope="module")
def fixture_docs(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("bulk")
    assert main(["build", "--data", str(FIXTURE), "--out", str(tmp / "site"), "--docs", str(tmp / "src"),
                 "--cache", str(tmp / "cache")]) == 0
    return tmp / "src"


def test_every_report_page_of_the_fixture_takes_the_fast_path_and_gives_mkdocs_result(fixture_docs):
    pages = both_ways(fixture_docs)
    assert len(pages) == 7  # three reports: their pages, originals, one OCR text
    for uri, (fast, mine, theirs) in pages.items():
        assert mine == theirs, uri
    assert all(fast for uri, (fast, _, _) in pages.items() if uri.endswith("/index.md")), pages.keys()
    assert "bao-cao/2024-tp-long-xuyen-kh/ocr/index.md" in pages


@pytest.fixture
def docs(tmp_path):
    folder = tmp_path / "docs"
    (folder / "bao-cao").mkdir(parents=True)
    return folder


def write(docs: Path, uri: str, text: str) -> None:
    path = docs / uri
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("headings", [True, False])
def test_hostile_text_and_unusual_ids_and_titles(docs, headings):
    titles = ['Báo cáo <b>số</b> 1 & "2" \'3\' <&"\'>', "Tổng kết thi đua, khen thưởng năm 2023 – Đắk Lắk"]
    for k, title in enumerate(titles):
        ident = ["a.b_c-d~e", "2023-xa-ea-h'leo-đ"][k]
        write(docs, f"bao-cao/{ident}/index.md", report_like(title, NASTY * 2, headings=headings, twin="ocr/"))
        write(docs, f"bao-cao/{ident}/ocr/index.md", report_like(title, NASTY[::-1], headings=headings,
                                                                 twin="../"))
        write(docs, f"bao-cao/{ident}/ban-goc.md", original_like(title, "\n".join(NASTY) + "\n   \n  x\n\t\n```\n~~~\n"))
    pages = both_ways(docs)
    assert len(pages) == 6
    for uri, (fast, mine, theirs) in pages.items():
        assert fast, uri
        assert mine == theirs, uri
    html = pages["bao-cao/a.b_c-d~e/index.md"][1][0]
    assert "&lt;script&gt;" in html and "<script>" not in html  # still escaped, as MkDocs would leave it
    assert "<ul>\n<li id=\"p-2\">" in html


def test_a_heading_numbered_because_of_a_text_id_takes_mkdocs_path(docs):
    # the title's id would be "p-2", the id of a list item of the text: MkDocs numbers the title "p-2_1"
    write(docs, "bao-cao/x/index.md", report_like("P 2", NASTY, headings=True))
    # in a raw block the text's ids are not in the tree (no numbering), but the fast path does not rely on it
    write(docs, "bao-cao/y/index.md", report_like("P 2", NASTY, headings=False))
    cut = bulk.cut((docs / "bao-cao/x/index.md").read_text(encoding="utf-8"))
    assert cut is not None and "p-2" in cut.ids
    pages = both_ways(docs)
    for uri, (fast, mine, theirs) in pages.items():
        assert not fast and mine == theirs, uri
    assert 'id="p-2_1"' in pages["bao-cao/x/index.md"][2][0]
    assert '<h1 id="p-2">' in pages["bao-cao/y/index.md"][2][0]


def test_pages_the_fast_path_does_not_know_take_mkdocs_path(docs):
    report = report_like("Báo cáo", NASTY)
    write(docs, "bao-cao/comment/index.md", report.replace("## Nguồn gốc", "<!-- ghi chú -->\n\n## Nguồn gốc"))
    write(docs, "bao-cao/fence/index.md", report + "\n```\n<p id=\"p-1\">x</p>\n```\n")
    write(docs, "bao-cao/nested/index.md", report.replace('<div class="tdkt-text"', '<div>\n\n<div class="tdkt-text"')
          .replace("## Nguồn gốc", "</div>\n\n## Nguồn gốc"))
    write(docs, "bao-cao/stray/index.md", report.replace("<h3 id=\"p-1\">", "<h3 id=\"p-1\"><em>x</em>"))
    write(docs, "bao-cao/marker/index.md", report + "\ntdktbulkslot0\n")
    write(docs, "bao-cao/fast/index.md", report)
    write(docs, "khac/index.md", report)  # not a report's page
    pages = both_ways(docs)
    assert {uri: fast for uri, (fast, _, _) in pages.items()} == {
        "bao-cao/comment/index.md": False, "bao-cao/fence/index.md": False, "bao-cao/nested/index.md": False,
        "bao-cao/stray/index.md": False, "bao-cao/marker/index.md": False, "bao-cao/fast/index.md": True}
    for uri, (fast, mine, theirs) in pages.items():
        assert mine == theirs, uri


def test_splice_refuses_a_marker_that_is_not_there_exactly_once():
    c = bulk.cut(report_like("T", NASTY))
    assert c is not None and len(c.slots) >= 1
    marker, content = c.slots[0]
    assert bulk.splice(c, f"<div>{marker}</div>", set()) is None or len(c.slots) > 1
    one = bulk.Cut(markdown="", slots=((marker, content),), ids=c.ids)
    assert bulk.splice(one, f"<div>{marker}</div>", set()) == f"<div>{content}</div>"
    assert bulk.splice(one, f"<div>{marker}{marker}</div>", set()) is None
    assert bulk.splice(one, "<div></div>", set()) is None
    assert bulk.splice(one, f"<div>{marker}</div>", {sorted(c.ids)[0]}) is None


def test_with_other_versions_installed_every_page_takes_mkdocs_path(docs, monkeypatch):
    write(docs, "bao-cao/x/index.md", report_like("Báo cáo", NASTY))
    assert [fast for fast, _, _ in both_ways(docs).values()] == [True]
    monkeypatch.setitem(mkdocs_api.SHORTCUTS_TESTED, "markdown", "3.12.0")
    assert [fast for fast, _, _ in both_ways(docs).values()] == [False]
