"""The new site put in place: through the spare (the tree the last swap replaced, kept in the cache and made into the
new site in place) the site is byte for byte a fresh build's, whatever the spare holds, and a failure leaves the
previous site as it was."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from tdkt.render import publish
from tdkt.render.build import RenderFailed

from tests.render.test_build import small, tree  # noqa: F401 - the fixture

pytestmark = pytest.mark.slow


def spare_of(site: Path) -> Path:
    return publish.spare_path(site.parent / "cache", site.resolve())


def inodes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_ino for p in folder.rglob("*") if p.is_file()}


def no_linking(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the unchanged files were linked one by one: the spare was not used")

    monkeypatch.setattr(publish, "link_unchanged", refuse)


def test_from_the_second_build_the_spare_is_made_into_the_site(small, monkeypatch):
    docs, site, build, reference = small
    build()
    assert inodes(spare_of(site)) == inodes(site)  # a first build links its files into the spare once
    no_linking(monkeypatch)
    (docs / "c.md").write_text("# C, sửa\n\n[back](index.md)\n", encoding="utf-8")
    build()  # the spare made into the site, the tree it replaced now the spare
    assert tree(site) == reference()
    assert (spare_of(site) / "c" / "index.html").read_bytes() != (site / "c" / "index.html").read_bytes()
    no_linking(monkeypatch)
    steps = [
        lambda: (docs / "c.md").write_text("# C, lần hai\n\n[back](index.md)\n", encoding="utf-8"),
        lambda: (docs / "d.md").write_text("# D\n\n[C](c.md)\n", encoding="utf-8"),  # a page added
        lambda: (docs / "extra").mkdir() or (docs / "extra" / "e.txt").write_bytes(b"e\n"),  # a static in a folder
        lambda: (docs / "d.md").unlink(),  # a page removed: its folder goes
        lambda: (docs / "extra" / "e.txt").unlink() or (docs / "extra").rmdir() or
        (docs / "extra.md").write_text("# Extra\n", encoding="utf-8"),  # where a folder was, a page
        lambda: None,  # nothing changed
    ]
    for step in steps:
        before = inodes(site)
        step()
        stats = build()
        assert stats.incremental
        assert tree(site) == reference()
        now = inodes(site)
        assert now["b/index.html"] == before["b/index.html"]  # an unchanged file is the same file, not a copy
        assert not [p.name for p in site.parent.iterdir() if p.name.startswith(".site")]


def test_whatever_the_spare_holds_the_site_is_a_fresh_builds(small, monkeypatch):
    docs, site, build, reference = small
    build()
    (docs / "c.md").write_text("# C, sửa\n\n[back](index.md)\n", encoding="utf-8")
    build()
    spare = spare_of(site)
    (spare / "b" / "index.html").unlink()  # a file replaced: another inode, other bytes
    (spare / "b" / "index.html").write_text("not the site's", encoding="utf-8")
    (spare / "data.txt").unlink()  # a file missing
    (spare / "stray.html").write_text("stray", encoding="utf-8")  # a file the site does not have
    (spare / "deep" / "er").mkdir(parents=True)  # folders the site does not have
    (spare / "deep" / "er" / "x").write_text("x", encoding="utf-8")
    (spare / "c").rename(spare / "c-moved")
    (spare / "c").write_text("a file where a folder is", encoding="utf-8")
    (spare / "link.html").symlink_to(site / "index.html")  # a symbolic link
    (spare / "404.html").unlink()
    (spare / "404.html").mkdir()  # a folder where a file is
    no_linking(monkeypatch)
    (docs / "index.md").write_text("# Home, sửa\n\n[B](b.md#x) and [C](c.md)\n", encoding="utf-8")
    build()
    assert tree(site) == reference()
    assert not (site / "link.html").exists() and not (site / "deep").exists()


def test_a_file_shared_with_the_spare_edited_in_place_is_written_again(small):
    """The spare and the site share their unchanged files: an edit of one in place is an edit of the site's, seen
    by its signature, and the page is rendered again."""
    docs, site, build, reference = small
    build()
    (docs / "c.md").write_text("# C, sửa\n\n[back](index.md)\n", encoding="utf-8")
    build()
    with open(spare_of(site) / "b" / "index.html", "r+b") as f:
        f.write(b"XX")
    assert (site / "b" / "index.html").read_bytes().startswith(b"XX")
    stats = build()
    assert stats.rendered == 1
    assert tree(site) == reference()


def test_a_failure_while_the_spare_is_filled_leaves_the_site_and_the_next_build_repairs(small, monkeypatch):
    docs, site, build, reference = small
    build()
    (docs / "c.md").write_text("# C, sửa\n\n[back](index.md)\n", encoding="utf-8")
    build()
    before, before_inodes = tree(site), inodes(site)
    (docs / "b.md").write_text("# B, sửa\n\nText\n{: #x }\n", encoding="utf-8")
    real = os.replace
    calls = []

    def fails(src, dst, *a, **k):  # the first new file moved into the spare, then the disk fails
        if str(dst).startswith(str(spare_of(site))):
            calls.append(dst)
        if len(calls) > 1:
            raise OSError(28, "No space left on device")
        return real(src, dst, *a, **k)

    monkeypatch.setattr(publish.os, "replace", fails)
    with pytest.raises(RenderFailed):
        build()
    monkeypatch.setattr(publish.os, "replace", real)
    assert len(calls) == 2  # it failed there
    assert tree(site) == before and inodes(site) == before_inodes
    assert not [p.name for p in site.parent.iterdir() if p.name.startswith(".site")]
    build()
    assert tree(site) == reference()


def test_without_the_spare_the_files_are_linked_and_the_site_the_same(small):
    import shutil

    docs, site, build, reference = small
    build()
    (docs / "c.md").write_text("# C, sửa\n\n[back](index.md)\n", encoding="utf-8")
    build()
    shutil.rmtree(spare_of(site))
    (docs / "c.md").write_text("# C, lần hai\n\n[back](index.md)\n", encoding="utf-8")
    build()
    assert tree(site) == reference() and spare_of(site).is_dir()


def test_link_look_ups_are_checked_again_only_when_the_files_changed(small, monkeypatch):
    """A look-up's answer depends only on which files there are (cache.files_key): with the same files, the
    remembered look-ups are not made again; a file added or removed, they are, and a page whose link changes its
    answer still fails as MkDocs would."""
    from tdkt.render import build as render

    docs, site, build, reference = small
    build()
    checked = []
    real = render.lookups_hold
    monkeypatch.setattr(render, "lookups_hold", lambda entry, resolve: checked.append(1) or real(entry, resolve))
    (docs / "c.md").write_text("# C, sửa\n\n[back](index.md)\n", encoding="utf-8")
    assert build().rendered == 1 and checked == []
    (docs / "more.txt").write_bytes(b"more\n")
    assert build().rendered == 0 and len(checked) == 3
    assert tree(site) == reference()
    (docs / "c.md").unlink()
    with pytest.raises(RenderFailed, match="index.md' contains a link 'c.md'"):
        build()
