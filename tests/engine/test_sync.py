import os

import pytest

from tdkt.engine.sync import DuplicatePath, UnsafePath, check_path, sync_tree


def test_only_changed_files_are_rewritten_and_stale_ones_removed(tmp_path):
    assert sync_tree(tmp_path, {"a.md": b"1", "d/b.md": b"2", "d/e/c.md": b"3"}).written == 3
    before = os.stat(tmp_path / "a.md").st_mtime_ns
    os.utime(tmp_path / "a.md", ns=(1, 1))
    stats = sync_tree(tmp_path, {"a.md": b"1", "d/b.md": b"changed"})
    assert (stats.written, stats.unchanged, stats.removed) == (1, 1, 1)
    assert os.stat(tmp_path / "a.md").st_mtime_ns == 1  # untouched
    assert (tmp_path / "d" / "b.md").read_bytes() == b"changed"
    assert not (tmp_path / "d" / "e").exists()  # emptied folder pruned
    assert before


@pytest.mark.parametrize("bad", ["../x.md", "/etc/passwd", "a/../../x", "a\\b", "", ".", "a//b", "a\x00"])
def test_paths_that_escape_are_refused_before_writing(tmp_path, bad):
    with pytest.raises(UnsafePath):
        sync_tree(tmp_path / "out", {"ok.md": b"1", bad: b"x"})
    assert not (tmp_path / "out" / "ok.md").exists()


def test_check_path_accepts_plain_relative_paths():
    assert check_path("bao-cao/x/index.md") == "bao-cao/x/index.md"


def test_a_stream_of_pairs_is_written_as_it_comes_and_checked_as_it_comes(tmp_path):
    out = tmp_path / "out"
    sync_tree(out, {"old.md": b"0"})

    def stream():
        yield "a.md", b"1"
        yield "d/b.md", b"2"

    stats = sync_tree(out, stream())
    assert (stats.written, stats.unchanged, stats.removed) == (2, 0, 1)
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == ["a.md", "d/b.md"]

    def hostile():
        yield "a.md", b"1"
        yield "../escaped.md", b"x"

    with pytest.raises(UnsafePath):
        sync_tree(out, hostile())
    assert not (tmp_path / "escaped.md").exists()
    assert (out / "d" / "b.md").read_bytes() == b"2"  # a refused run removes nothing


def test_a_path_generated_twice_is_a_bug_that_stops_the_run(tmp_path):
    with pytest.raises(DuplicatePath, match="generated twice: x/a.md"):
        sync_tree(tmp_path, iter([("x/a.md", b"1"), ("x/a.md", b"2")]))
