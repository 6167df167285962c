"""The renderer: byte for byte what `mkdocs build --strict` writes, in parallel, and only what changed."""
from __future__ import annotations

import calendar
import datetime as dt
import os
from pathlib import Path

import pytest

from tdkt.cli import main
from tdkt.render import skeleton
from tdkt.render.build import RenderFailed, render_site

from tests.conftest import FIXTURE, ROOT
from tests.render.test_bulk import NASTY, both_ways, original_like, report_like
from tests.render.test_skeleton import both_ways as skeleton_both_ways

pytestmark = pytest.mark.slow


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def plain_mkdocs_build(config_file: Path, docs: Path, out: Path, date: dt.date) -> None:
    """`mkdocs build --strict` itself, as the reference."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(calendar.timegm(date.timetuple()))
    try:
        build(load_config(str(config_file), site_dir=str(out), docs_dir=str(docs), strict=True))
    finally:
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH")
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_site_is_what_mkdocs_build_strict_writes(tmp_path, jobs, monkeypatch):
    docs = tmp_path / "src"
    assert main(["check", "--data", str(FIXTURE)]) == 0
    assert main(["build", "--data", str(FIXTURE), "--out", str(tmp_path / "first"), "--docs", str(docs),
                 "--cache", str(tmp_path / "unused")]) == 0
    # beside the fixture's report pages (the fast path, tdkt/render/bulk.py), report-shaped pages it must refuse
    # (MkDocs' own path) and one of hostile text it must take
    fallback = {"bao-cao/ghi-chu/index.md": report_like("Ghi chú", NASTY).replace("## Nguồn", "<!-- x -->\n\n## Nguồn"),
                "bao-cao/p-2/index.md": report_like("P 2", NASTY)}  # its title's id is numbered away from p-2
    for uri, text in {**fallback, "bao-cao/a.b_c-đ/index.md": report_like('<&"\' đ', NASTY * 2, twin="ocr/"),
                      "bao-cao/a.b_c-đ/ban-goc.md": original_like("x", "\n".join(NASTY))}.items():
        (docs / uri).parent.mkdir(parents=True, exist_ok=True)
        (docs / uri).write_text(text, encoding="utf-8")
    taken = {uri: fast for uri, (fast, _, _) in both_ways(docs).items()}
    assert {uri for uri, fast in taken.items() if not fast} == set(fallback) and len(taken) == 7 + 4
    # the template's skeleton (tdkt/render/skeleton.py): every page of its class filled, none rendered to verify
    monkeypatch.setattr(skeleton, "VERIFY", 0)
    filled = {uri for uri, (done, _, _) in skeleton_both_ways(ROOT / "mkdocs.yml", docs)[0].items() if done}
    assert len(filled) >= 6 and "bao-cao/a.b_c-đ/index.md" not in filled
    date = dt.date(2024, 5, 1)
    stats = render_site(ROOT / "mkdocs.yml", tmp_path / "ours", docs_dir=docs, build_date=date, jobs=jobs,
                        parallel_from=0, cache_dir=tmp_path / "cache")
    plain_mkdocs_build(ROOT / "mkdocs.yml", docs, tmp_path / "plain", date)
    ours, plain = tree(tmp_path / "ours"), tree(tmp_path / "plain")
    assert sorted(ours) == sorted(plain)
    assert [path for path in ours if ours[path] != plain[path]] == []
    assert (stats.rendered, stats.reused) == (stats.pages, 0) and stats.pages > 20


# ---------------------------------------------------------------- a small hand-made site

CONFIG = """site_name: T
theme:
  name: material
  font: false
nav:
  - Home: index.md
validation:
  omitted_files: info
  anchors: warn
  unrecognized_links: warn
markdown_extensions:
  - attr_list
plugins: []
"""


@pytest.fixture
def small(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (tmp_path / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    (docs / "index.md").write_text("# Home\n\n[B](b.md#x) and [C](c.md)\n", encoding="utf-8")
    (docs / "b.md").write_text("# B\n\nText\n{: #x }\n", encoding="utf-8")
    (docs / "c.md").write_text("# C\n\n[back](index.md)\n", encoding="utf-8")
    (docs / "data.txt").write_bytes(b"static\n")

    def build(**kw):
        return render_site(tmp_path / "mkdocs.yml", tmp_path / "site", docs_dir=docs, build_date=dt.date(2024, 1, 1),
                           cache_dir=tmp_path / "cache", **kw)

    def reference():
        out = tmp_path / f"plain-{len(list(tmp_path.glob('plain-*')))}"
        plain_mkdocs_build(tmp_path / "mkdocs.yml", docs, out, dt.date(2024, 1, 1))
        return tree(out)

    return docs, tmp_path / "site", build, reference


def test_a_second_build_renders_nothing_and_changes_nothing(small):
    docs, site, build, reference = small
    first = build()
    assert (first.rendered, first.incremental) == (3, False)
    before = {p: os.stat(p).st_mtime_ns for p in site.rglob("*") if p.is_file()}
    second = build()
    assert (second.rendered, second.reused, second.files_copied, second.incremental) == (0, 3, 0, True)
    assert {p: os.stat(p).st_mtime_ns for p in site.rglob("*") if p.is_file()}.keys() == before.keys()
    assert tree(site) == reference()


def test_an_edited_page_is_rendered_again_and_the_rest_reused(small):
    docs, site, build, reference = small
    build()
    (docs / "c.md").write_text("# C changed\n\n[back](index.md)\n", encoding="utf-8")
    stats = build()
    assert (stats.rendered, stats.reused) == (1, 2)
    assert "C changed" in (site / "c" / "index.html").read_text(encoding="utf-8")
    assert tree(site) == reference()


def test_a_reused_page_whose_link_target_vanished_fails_as_mkdocs_would(small):
    docs, site, build, reference = small
    build()
    before = tree(site)
    (docs / "c.md").unlink()  # index.md is unchanged, but its link to c.md no longer resolves
    with pytest.raises(RenderFailed, match="index.md' contains a link 'c.md'"):
        build()
    assert tree(site) == before  # a failed build leaves the previous site as it was
    (docs / "c.md").write_text("# C\n\n[back](index.md)\n", encoding="utf-8")
    assert build().rendered == 0  # as the last successful build left it: nothing to redo
    assert tree(site) == reference()


def test_an_anchor_removed_from_another_page_fails_the_reused_page(small):
    docs, site, build, reference = small
    build()
    (docs / "b.md").write_text("# B\n\nText without the anchor\n", encoding="utf-8")
    with pytest.raises(RenderFailed, match="does not contain an anchor '#x'"):
        build()


def test_a_tampered_or_deleted_output_file_is_written_again(small):
    docs, site, build, reference = small
    build()
    (site / "c" / "index.html").write_text("defaced", encoding="utf-8")
    (site / "data.txt").unlink()
    (site / "extra.html").write_text("not ours", encoding="utf-8")
    stats = build()
    assert (stats.rendered, stats.files_copied, stats.removed) == (1, 1, 1)
    assert tree(site) == reference()


def test_without_a_cache_everything_is_rendered_and_swapped_in(small):
    docs, site, build, reference = small
    build()
    stats = render_site(site.parent / "mkdocs.yml", site, docs_dir=docs, build_date=dt.date(2024, 1, 1))
    assert (stats.rendered, stats.incremental) == (3, False)
    assert tree(site) == reference()
    assert not list(site.parent.glob(".site-new-*")) and not list(site.parent.glob(".site-old*"))


def test_a_new_build_date_renders_every_page_again(small):
    docs, site, build, reference = small
    build()
    stats = render_site(site.parent / "mkdocs.yml", site, docs_dir=docs, build_date=dt.date(2025, 1, 1),
                        cache_dir=site.parent / "cache")
    assert stats.rendered == 3


def test_settled_sources_are_known_by_their_stat_signature_and_edits_still_seen(small, monkeypatch):
    import pathlib

    from tdkt.engine import fingerprint
    docs, site, build, reference = small
    monkeypatch.setattr(fingerprint, "RACY_NS", 0)  # every file counts as settled
    build()
    real = pathlib.Path.read_bytes

    def guarded(self):
        assert self.name != "b.md", "an unchanged, settled page was read again"
        return real(self)

    monkeypatch.setattr(pathlib.Path, "read_bytes", guarded)
    assert build().rendered == 0
    monkeypatch.setattr(pathlib.Path, "read_bytes", real)
    before = os.stat(docs / "c.md")
    (docs / "c.md").write_text("# D\n\n[back](index.md)\n", encoding="utf-8")  # the same size
    os.utime(docs / "c.md", ns=(before.st_atime_ns, before.st_mtime_ns))  # and the same modification time
    assert build().rendered == 1
    assert tree(site) == reference()
