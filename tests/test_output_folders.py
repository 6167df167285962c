"""The build writes only into folders it owns (tdkt/engine/owned.py): no mistyped --out or --docs costs anyone data.

Each attack of the issue is built for real: a folder holding someone's files, the clone itself (--out .), the
data folder, the documentation, a link to a folder of other files. Each is refused with exit 2 and a message
naming the folder and the way out, and every file stays as it was. The build's own folders keep the host files
people put there (CNAME, .nojekyll, --keep), are readable by others (0755/0644), and a failed build leaves the
previous site file for file.
"""
from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from tdkt import cli
from tdkt.cli import main
from tdkt.engine.owned import MARKER

from tests.conftest import FIXTURE, ROOT


def snapshot(folder: Path) -> dict[str, bytes | str]:
    """Every entry under ``folder``: a file's bytes, a link's target, a folder's mark."""
    out: dict[str, bytes | str] = {}
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder).as_posix()
        out[rel] = os.readlink(p) if p.is_symlink() else ("<dir>" if p.is_dir() else p.read_bytes())
    return out


@pytest.fixture
def clone(tmp_path, monkeypatch):
    """A stand-in for a checkout of the project (cli.ROOT): its data, its docs, its .git, code; the current dir."""
    root = tmp_path / "clone"
    shutil.copytree(FIXTURE, root / "data")
    (root / "docs").mkdir()
    (root / "docs" / "problems.md").write_text("# Problems\n", encoding="utf-8")
    (root / ".git").mkdir()
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (root / "tdkt").mkdir()
    (root / "tdkt" / "cli.py").write_text("print('code')\n", encoding="utf-8")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "theme", root / "theme")
    monkeypatch.setattr(cli, "ROOT", root)
    monkeypatch.chdir(root)
    return root


def build(*args: str) -> int:
    return main(["build", *args])


def refused(capsys, code: int, *words: str) -> str:
    err = capsys.readouterr().err
    assert code == 2, err
    assert err.startswith("error[O001] ") and "Nothing was written or deleted" in err and "Fix:" in err, err
    for word in words:
        assert word in err, (word, err)
    return err


def test_out_dot_in_a_clone_is_refused_and_the_clone_intact(clone, capsys):
    before = snapshot(clone)
    refused(capsys, build("--data", "data", "--out", ".", "--docs", str(clone.parent / "src")),
            "--out . is the repository")
    assert snapshot(clone) == before
    assert not (clone.parent / "src").exists()  # neither folder was created: both are checked first


def test_out_a_parent_of_the_clone_is_refused(clone, capsys):
    before = snapshot(clone)
    refused(capsys, build("--data", "data", "--out", "..", "--docs", str(clone.parent / "src")),
            "contains the repository")
    assert snapshot(clone) == before


def test_out_the_data_folder_is_refused_and_the_archive_intact(clone, tmp_path, capsys):
    data = tmp_path / "archive"
    shutil.copytree(FIXTURE, data)
    before = snapshot(data)
    refused(capsys, build("--data", str(data), "--out", str(data), "--docs", str(tmp_path / "src")),
            f"--out {data} is the data folder")
    assert snapshot(data) == before
    refused(capsys, build("--data", str(data), "--out", str(data / "site"), "--docs", str(tmp_path / "src")),
            "is inside the data folder")
    assert snapshot(data) == before


def test_docs_the_projects_documentation_is_refused(clone, tmp_path, capsys):
    before = snapshot(clone)
    refused(capsys, build("--data", "data", "--out", str(tmp_path / "site"), "--docs", "docs"),
            "--docs docs holds files the build did not write (problems.md)", MARKER)
    assert snapshot(clone) == before
    assert not (tmp_path / "site").exists()


def test_a_folder_holding_a_file_the_build_did_not_write_is_refused(clone, tmp_path, capsys):
    out = tmp_path / "published"
    out.mkdir()
    (out / "notes.txt").write_text("mine\n", encoding="utf-8")
    refused(capsys, build("--data", "data", "--out", str(out), "--docs", str(tmp_path / "src")),
            f"--out {out} holds files the build did not write (notes.txt)")
    assert snapshot(out) == {"notes.txt": b"mine\n"}


def test_out_and_docs_the_same_folder_is_refused(clone, tmp_path, capsys):
    refused(capsys, build("--data", "data", "--out", str(tmp_path / "x"), "--docs", str(tmp_path / "x")),
            "the folder of --docs")
    refused(capsys, build("--data", "data", "--out", str(tmp_path / "x"), "--docs", str(tmp_path / "x" / "src")),
            "the folder of --docs")


def test_a_site_link_to_a_folder_of_other_files_is_refused_and_the_folder_intact(clone, tmp_path, capsys):
    elsewhere = tmp_path / "home-pages"
    elsewhere.mkdir()
    (elsewhere / "index.html").write_text("<p>my own page</p>", encoding="utf-8")
    (clone / "site").symlink_to(elsewhere, target_is_directory=True)
    refused(capsys, build("--data", "data", "--out", "site", "--docs", str(tmp_path / "src")),
            "--out site holds files the build did not write (index.html)")
    assert snapshot(elsewhere) == {"index.html": b"<p>my own page</p>"}
    assert (clone / "site").is_symlink()


@pytest.mark.slow
def test_a_site_link_to_the_builds_own_folder_is_built_through(clone, tmp_path):
    target = tmp_path / "www"
    (clone / "site").symlink_to(target, target_is_directory=True)
    assert build("--data", "data", "--out", "site", "--docs", str(tmp_path / "src")) == 0
    assert (clone / "site").is_symlink() and (target / "index.html").is_file() and (target / MARKER).is_file()
    assert build("--data", "data", "--out", "site", "--docs", str(tmp_path / "src")) == 0
    assert (clone / "site").is_symlink() and (target / "index.html").is_file()


@pytest.mark.slow
def test_host_files_are_kept_and_others_are_not(clone, tmp_path):
    out, docs, cache = tmp_path / "site", tmp_path / "src", tmp_path / "cache"
    args = ["--data", "data", "--out", str(out), "--docs", str(docs), "--cache", str(cache), "--keep", "google1.html"]
    assert build(*args) == 0
    own = snapshot(out)
    (out / "CNAME").write_text("archive.example.org\n", encoding="utf-8")
    (out / ".nojekyll").write_bytes(b"")
    (out / "google1.html").write_text("google-site-verification: google1.html", encoding="utf-8")
    (out / "stray.txt").write_text("not kept\n", encoding="utf-8")
    for how in ("incremental", "full"):
        if how == "full":
            shutil.rmtree(cache)  # no memory of the last build: the site is swapped whole
        assert build(*args) == 0
        after = snapshot(out)
        assert after.pop("CNAME") == b"archive.example.org\n"
        assert after.pop(".nojekyll") == b""
        assert after.pop("google1.html").startswith(b"google-site-verification")
        assert after == own, how  # stray.txt is gone, everything else is the build's own
        (out / "stray.txt").write_text("not kept\n", encoding="utf-8")
    assert MARKER in own and (docs / MARKER).is_file()


@pytest.mark.slow
def test_the_site_is_readable_by_others(clone, tmp_path):
    previous = os.umask(0o022)
    try:
        out = tmp_path / "site"
        assert build("--data", "data", "--out", str(out), "--docs", str(tmp_path / "src"),
                     "--cache", str(tmp_path / "cache")) == 0
        text = clone / "data" / "reports" / "2023-tan-viet-bc-ocr" / "text.txt"
        text.write_text(text.read_text(encoding="utf-8") + "\nThêm.\n", encoding="utf-8")
        for _ in range(2):  # full, then incremental
            modes = {p.relative_to(out).as_posix(): stat.S_IMODE(p.stat().st_mode) for p in [out, *out.rglob("*")]}
            assert modes["."] == 0o755
            wrong = {rel: oct(m) for rel, m in modes.items() if m != (0o755 if (out / rel).is_dir() else 0o644)}
            assert wrong == {}
            assert build("--data", "data", "--out", str(out), "--docs", str(tmp_path / "src"),
                         "--cache", str(tmp_path / "cache")) == 0
    finally:
        os.umask(previous)


@pytest.mark.slow
def test_a_failed_incremental_render_leaves_the_previous_site_file_for_file(clone, tmp_path, monkeypatch):
    from tdkt.render import build as render

    out, docs, cache = tmp_path / "site", tmp_path / "src", tmp_path / "cache"
    args = ["--data", "data", "--out", str(out), "--docs", str(docs), "--cache", str(cache)]
    assert build(*args) == 0
    (out / "CNAME").write_text("archive.example.org\n", encoding="utf-8")
    before = snapshot(out)
    inodes = {p: p.stat().st_ino for p in out.rglob("*") if p.is_file()}
    text = clone / "data" / "reports" / "2023-tan-viet-bc-ocr" / "text.txt"
    text.write_text(text.read_text(encoding="utf-8") + "\nMột đoạn mới.\n", encoding="utf-8")
    real = render._swap

    def crash(staging, out_dir):  # the build got as far as it can go, then the disk failed
        raise OSError("disk full")

    monkeypatch.setattr(render, "_swap", crash)
    assert build(*args) == 1
    assert snapshot(out) == before
    assert {p: p.stat().st_ino for p in out.rglob("*") if p.is_file()} == inodes
    assert not list(tmp_path.glob(".site-new-*")) and not list(tmp_path.glob(".site-old-*"))
    monkeypatch.setattr(render, "_swap", real)
    assert build(*args) == 0
    assert (out / "CNAME").read_bytes() == b"archive.example.org\n"
