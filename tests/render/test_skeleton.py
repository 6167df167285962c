"""The bulk pages' template skeleton (tdkt/render/skeleton.py): a page filled into its shape's skeleton is byte for
byte what the theme's template writes for it; a page or a theme it does not cover takes the ordinary path."""
from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from tdkt.render import bulk, mkdocs_api, skeleton
from tdkt.site.markdown import Context, escape

from tests.conftest import ROOT
from tests.render.test_bulk import NASTY, original_like, report_like

pytestmark = pytest.mark.slow


def with_description(text: str, description: str) -> str:
    return text.replace("---\n\n", f'description: "{escape(description, Context.HTML)}"\n---\n\n', 1)


def both_ways(config_file: Path, docs: Path, **overrides) -> tuple[dict[str, tuple[bool, bytes, bytes]], dict]:
    """Every bulk page: (filled from a skeleton, the bytes written that way, the bytes of MkDocs' own path)."""
    from mkdocs.commands.build import _build_page

    config = mkdocs_api.load_config(config_file, docs_dir=str(docs), site_dir=tempfile.mkdtemp(), strict=True,
                                    **overrides)
    collected = mkdocs_api.Collected(config)
    out = {}
    for file in collected.doc_files:
        if bulk.bulk_page(file.src_uri):
            collected.populate(file, collected.files)
            filled = collected._build_skeleton(file.page)
            mine = Path(file.abs_dest_path).read_bytes() if filled else b""
            _build_page(file.page, config, collected.doc_files, collected.nav, collected.env)
            out[file.src_uri] = (filled, mine, Path(file.abs_dest_path).read_bytes())
    return out, collected._shapes


@pytest.fixture
def docs(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    return folder


def write(docs: Path, uri: str, text: str) -> None:
    (docs / uri).parent.mkdir(parents=True, exist_ok=True)
    (docs / uri).write_text(text, encoding="utf-8")


@pytest.mark.parametrize("site_url", [None, "https://example.org/kho/"])
def test_filled_pages_are_the_templates_bytes_and_pages_it_does_not_cover_take_the_ordinary_path(
        docs, monkeypatch, site_url):
    monkeypatch.setattr(skeleton, "VERIFY", 0)  # every fill written as it is, to be compared here
    vietnamese = "Tổng kết phong trào thi đua năm 2023 – Ủy ban nhân dân tỉnh Đắk Lắk (lần 2)"
    cases = {  # uri → (text, filled from the skeleton)
        "bao-cao/2023-xa-ea-h-leo-bc-1/index.md": (with_description(report_like(vietnamese, NASTY), vietnamese), True),
        "bao-cao/2023-xa-ea-h-leo-bc-1/ban-goc.md": (original_like(vietnamese, "a\nb"), True),
        "bao-cao/2023-xa-ea-h-leo-bc-1/ocr/index.md": (report_like("Bản OCR: " + vietnamese, NASTY), True),
        "bao-cao/2024-b/index.md": (with_description(report_like("Kế hoạch số 2", NASTY), "Mô tả khác"), True),
        "bao-cao/2024-c/ban-goc.md": (original_like("Nguyên văn khác, ngắn", "x"), True),
        # outside the class: markup characters in the title or the description, an id not a slug, spaces
        "bao-cao/2024-d/index.md": (with_description(report_like('Báo cáo <b>&"\'</b>', NASTY), "Mô tả"), False),
        "bao-cao/2024-e/index.md": (with_description(report_like("Báo cáo", NASTY), "Huyện Cư M'gar"), False),
        "bao-cao/a.b_c-d~e/index.md": (with_description(report_like("Báo cáo", NASTY), "Mô tả"), False),
        "bao-cao/2024-f/ban-goc.md": (original_like("Hai  dấu cách", "x").replace("Hai dấu", "Hai  dấu"), False),
        "bao-cao/2024-g/index.md": (report_like("Báo cáo", NASTY).replace("---\n\n", "hide: [toc]\n---\n\n", 1),
                                    False),
    }
    for uri, (text, _) in cases.items():
        write(docs, uri, text)
    overrides = {"site_url": site_url} if site_url else {}
    pages, shapes = both_ways(ROOT / "mkdocs.yml", docs, **overrides)
    assert set(pages) == set(cases)
    for uri, (filled, mine, theirs) in pages.items():
        assert filled == cases[uri][1], uri
        if filled:
            assert mine == theirs, uri
    assert len(shapes) == 3 and all(shapes.values())
    page = pages["bao-cao/2023-xa-ea-h-leo-bc-1/index.md"][1].decode("utf-8")
    assert f"<title>{escape(vietnamese, Context.HTML)} - " in page and "tdktskel" not in page
    assert (f'<link rel="canonical" href="{site_url}bao-cao/2023-xa-ea-h-leo-bc-1/">' in page) == bool(site_url)


THEME = """site_name: T
theme:
  name: material
  custom_dir: overrides
  font: false
nav:
  - Home: index.md
validation:
  omitted_files: info
plugins: []
"""


@pytest.mark.parametrize("block, made", [
    ("{{ page.file.src_uri }}", True),       # the page beyond the slots: the skeleton is made, verification fails
    ("{{ page.title | truncate(30) }}", False),  # a slot's value changed: the two sentinel sets disagree
    ("{{ page.url | length }}", False),
])
def test_a_theme_that_reads_more_of_the_page_turns_the_shape_off(tmp_path, docs, block, made):
    (tmp_path / "mkdocs.yml").write_text(THEME, encoding="utf-8")
    (tmp_path / "overrides").mkdir()
    (tmp_path / "overrides" / "main.html").write_text(
        '{% extends "base.html" %}{% block footer %}{{ super() }}<p>' + block + "</p>{% endblock %}", encoding="utf-8")
    write(docs, "index.md", "# Home\n")
    for k in range(5):
        write(docs, f"bao-cao/bao-cao-{k}/ban-goc.md", original_like(f"Văn bản số {k} của đơn vị", "x"))
    pages, shapes = both_ways(tmp_path / "mkdocs.yml", docs)
    assert len(pages) == 5
    (shape, made_skeleton), = shapes.items()
    assert made_skeleton is None
    verified = skeleton.VERIFY if made else 0
    assert [filled for filled, _, _ in pages.values()] == [True] * verified + [False] * (5 - verified)
    # the verified pages were written by the template itself
    assert all(mine == theirs for filled, mine, theirs in pages.values() if filled)


def test_fill_puts_each_value_in_its_slot():
    made = skeleton.Skeleton(("<t>", 0, "</t><d>", 1, "</d>", -1, "<a href='#", 4, "'>", 2, "</a>/", 3, "/"))
    values = skeleton.Values(title="T", description="D", content="<p>C</p>", ident="id-1", toc_id="p-1")
    assert skeleton.fill(made, values, "<nav/>") == "<t>T</t><d>D</d><nav/><a href='#p-1'><p>C</p></a>/id-1/"


def test_a_page_the_nav_shows_is_not_filled(tmp_path, docs):
    (tmp_path / "mkdocs.yml").write_text(THEME.replace("  - Home: index.md", "  - Home: index.md\n  - B: bao-cao/b/ban-goc.md")
                                         .replace("  custom_dir: overrides\n", ""), encoding="utf-8")
    write(docs, "index.md", "# Home\n")
    for k in "abc":
        write(docs, f"bao-cao/{k}/ban-goc.md", original_like(f"Văn bản {k}", "x"))
    pages, shapes = both_ways(tmp_path / "mkdocs.yml", docs)
    assert {uri: filled for uri, (filled, _, _) in pages.items()} == {
        "bao-cao/a/ban-goc.md": True, "bao-cao/b/ban-goc.md": False, "bao-cao/c/ban-goc.md": True}
    assert all(mine == theirs for filled, mine, theirs in pages.values() if filled)
