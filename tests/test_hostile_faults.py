"""Issue 16's faults and visitors: the site readable and buildable into a mount point, a lock between builds, the
leftovers of killed runs, the machine's faults as one line, and addresses a visitor may forge or keep too long.
Helpers are test_hostile_limits.py's. No test times anything."""
from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
from pathlib import Path

import pytest

from tdkt.cli import main
from tdkt.engine import owned
from tdkt.engine.owned import MARKER

from .test_hostile_limits import CLEAN, archive_copy, build, replace_in

# --------------------------------------------------------------------------- faults: hosting, locks, leftovers (7, Low)

def tree_of(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.relative_to(folder).as_posix(): (p.read_bytes() if p.is_file() else b"/", stat.S_IMODE(p.stat().st_mode))
            for p in sorted(folder.rglob("*"))}


@pytest.mark.slow
def test_an_output_folder_that_cannot_be_renamed_is_updated_in_place(tmp_path, monkeypatch):
    """A mount point (a Docker volume, NFS) cannot be renamed: every build failed. Now the site is written into it
    file by file; the result is the site a swap would have made (files, bytes, modes), and the folder is the same."""
    from tdkt.render import build as render

    data = archive_copy(tmp_path)
    reference = tmp_path / "reference"
    assert main(["build", "--data", str(data), "--out", str(reference), "--docs", str(tmp_path / "src2"),
                 "--cache", str(tmp_path / "cache2")]) == 0
    out = tmp_path / "site"
    assert build(tmp_path, data) == 0
    inode = out.stat().st_ino
    (out / "CNAME").write_text("archive.example.org\n", encoding="utf-8")
    (out / "stale.html").write_text("cũ\n", encoding="utf-8")
    real = os.rename

    def mounted(source, dest, *a, **kw):
        if Path(source) == out:
            raise OSError(errno.EBUSY, "Device or resource busy", str(source))
        return real(source, dest, *a, **kw)

    monkeypatch.setattr(render.os, "rename", mounted)
    replace_in(data / "reports" / CLEAN / "text.txt", "Đoạn cuối.", "Đoạn cuối, sửa.")
    replace_in(data / "reports" / CLEAN / "original.txt", "Đoạn cuối.", "Đoạn cuối, sửa.")
    yml = data / "reports" / CLEAN / "report.yml"
    raw = (data / "reports" / CLEAN / "original.txt").read_bytes()
    yml.write_text(re.sub(r"sha256: [0-9a-f]+", "sha256: " + hashlib.sha256(raw).hexdigest(),
                          yml.read_text(encoding="utf-8")), encoding="utf-8")
    for cache in (True, False):
        args = [] if cache else ["--cache", str(tmp_path / "cache-none")]
        assert build(tmp_path, data, *args) == 0
        assert out.stat().st_ino == inode and not list(tmp_path.glob(".site-*"))
        got = tree_of(out)
        assert got.pop("CNAME")[0] == b"archive.example.org\n" and "stale.html" not in got
        monkeypatch.setattr(render.os, "rename", real)
        assert main(["build", "--data", str(data), "--out", str(reference), "--docs", str(tmp_path / "src2"),
                     "--cache", str(tmp_path / "cache2")]) == 0
        monkeypatch.setattr(render.os, "rename", mounted)
        assert got == tree_of(reference)


@pytest.mark.slow
def test_leftovers_of_a_killed_build_are_cleared_and_a_killed_ingest_does_not_block(tmp_path, capsys):
    """A build killed mid-swap left .site-new-* and .site-old-* for ever; a killed ingest's .ingest-* folder made
    every build fail (not a valid report id). Now the next build clears the first and leaves out the second,
    with a warning."""
    data = archive_copy(tmp_path)
    for name in (".site-new-k1ll3d", ".site-old-k1ll3d"):
        (tmp_path / name / "bao-cao").mkdir(parents=True)
        (tmp_path / name / "bao-cao" / "index.html").write_text("x\n", encoding="utf-8")
    stopped = data / "reports" / ".ingest-2024-bao-cao-4242"
    stopped.mkdir()
    (stopped / "original.txt").write_text("nửa chừng\n", encoding="utf-8")
    capsys.readouterr()
    assert build(tmp_path, data) == 0
    err = capsys.readouterr().err
    assert ("data/reports/.ingest-2024-bao-cao-4242: warning[F006] is the folder of an ingest that did not finish (it "
            "was stopped): not a report, left out. Fix: delete it, then ingest the file again") in err.splitlines()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".site")) == []
    assert stopped.is_dir()  # the contributor's: reported, never deleted


def test_a_second_build_of_the_same_folders_is_refused_while_the_first_runs(tmp_path, capsys):
    """Two builds at once made one crash. The first holds its folders (a lock on their marker, released when it
    ends, however it ends); the second is refused at once with the reason, nothing written."""
    data = archive_copy(tmp_path)
    out, docs = tmp_path / "site", tmp_path / "src"
    owned.claim(out, "--out")
    holder = owned.lock(out, "--out")  # as the first build holds it
    try:
        capsys.readouterr()
        assert main(["check", "--data", str(data), "--cache", str(tmp_path / "cache")]) == 0  # check writes nothing
        assert build(tmp_path, data) == 2
        err = capsys.readouterr().err
        assert err == (f"error[O001] --out {out} is being written by another build that is still running. Nothing "
                       "was written or deleted. Fix: wait for it to finish, then build again (or give this build "
                       "other folders).\n")
        assert sorted(p.name for p in out.iterdir()) == [MARKER]
    finally:
        os.close(holder)
    assert build(tmp_path, data) == 0
    fd = owned.lock(out, "--out")  # the finished build let go of it
    os.close(fd)


@pytest.mark.parametrize("option", ["--out", "--docs"])
def test_an_output_folder_that_cannot_be_made_is_one_line_not_a_traceback(tmp_path, capsys, option):
    """A read-only or missing parent of --out or --docs gave a traceback. /proc refuses a new folder even to
    root (tests may run as root, for whom file modes do not stop a write)."""
    data = archive_copy(tmp_path)
    capsys.readouterr()
    assert build(tmp_path, data, option, "/proc/tdkt-no/site") == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("error: /proc/tdkt-no") and "The published site was not changed" in err


def test_a_full_disk_while_generating_is_one_line_and_the_site_stays(tmp_path, capsys, monkeypatch):
    from tdkt.engine import sync

    data = archive_copy(tmp_path)
    assert build(tmp_path, data, "--cache", str(tmp_path / "no-cache")) == 0
    before = tree_of(tmp_path / "site")
    replace_in(data / "reports" / CLEAN / "report.yml", 'title: "', 'title: "Sửa: ')

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(args[-1]))

    monkeypatch.setattr(sync.os, "replace", full)
    capsys.readouterr()
    assert build(tmp_path, data, "--cache", str(tmp_path / "no-cache")) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[-1].startswith(f"error: {tmp_path / 'src'}/") and "No space left on device." in err[-1]
    assert tree_of(tmp_path / "site") == before


# --------------------------------------------------------------------------- visitors' addresses (Low)

@pytest.mark.slow
@pytest.mark.parametrize("tinh", ["tinh-99", "..%2F..%2Fbao-cao%2F2023-cam-xuyen-bc-6-thang%2Fban-goc", "%00"])
def test_a_stale_or_forged_province_in_the_address_loads_nothing_and_breaks_nothing(page, base_url, tinh):
    """A stale ?tinh= in a shared link broke the whole search page (its unit file is gone: HTTP 404, the promise
    rejected); ?tinh=../../… loaded a published original as a facet. Now only a province the index lists names a
    file; the page searches as usual (``page`` fails on any console error or failed request)."""
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(f"{base_url}/tim-kiem/?q=thi%20%C4%91ua&tinh={tinh}")
    page.wait_for_selector("#tdkt-search[data-state=done]")
    assert page.locator("#tdkt-search .tdkt-facet-hint").count() == 1  # the unit facet waits for a real province
    assert not [u for u in map(lambda u: u.split("?")[0], requested) if "/chi-muc/f/" in u or "ban-goc" in u]


@pytest.mark.slow
def test_a_malformed_fragment_throws_nothing(page, base_url):
    """A malformed #… (a lone %) threw URIError in the highlighter of a report opened from a search."""
    page.goto(f"{base_url}/bao-cao/2023-cam-xuyen-bc-6-thang/?q=thi#%E0%A4%A")
    page.wait_for_load_state("load")
    page.goto(f"{base_url}/bao-cao/2023-cam-xuyen-bc-6-thang/?q=thi#p-1%")
    page.wait_for_load_state("load")


@pytest.mark.slow
def test_a_build_killed_between_the_swaps_renames_gets_its_previous_site_back(tmp_path, monkeypatch):
    """Killed between the swap's two renames, a build left no site/ (the previous one as .site-old-*). The next
    build puts it back before anything else, so that a failure of its own leaves the previous site in place."""
    from tdkt.render import build as render

    data = archive_copy(tmp_path)
    assert build(tmp_path, data) == 0
    before = tree_of(tmp_path / "site")
    os.rename(tmp_path / "site", tmp_path / ".site-old-k1ll3d")  # the first rename done, then the kill
    (tmp_path / ".site-new-k1ll3d").mkdir()

    def fails(*args, **kwargs):
        raise render.RenderFailed("the disk failed")

    monkeypatch.setattr(render, "_build", fails)
    assert build(tmp_path, data) == 1
    assert tree_of(tmp_path / "site") == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".site")) == []
