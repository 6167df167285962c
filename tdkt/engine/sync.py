"""Write the generated tree into the folder the build owns, touching only what changed.

Input: a folder and ``{relative path: bytes}``, or any iterable of ``(relative path, bytes)`` pairs
(a generator: the build streams its files through here, so they are never all held at once); ``KEPT`` for
bytes says the file there is already what it should be (it is kept, not read).
Effect: files whose bytes differ are rewritten (atomically: write beside, then rename), files no
longer generated are removed, empty folders pruned; unchanged files keep their modification time,
so ``mkdocs serve`` and static hosts only see real changes. The folder's ownership marker is kept
(``tdkt/engine/owned.py``: the command line claims the folder before anything is written). A path that
is absolute or climbs out of the folder is a bug and raises ``UnsafePath`` before it is written (for a
dict, before anything is written); a path given twice raises ``DuplicatePath``. Either way nothing is removed. Writes files.
"""
from __future__ import annotations

import os
import posixpath
import shutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from tdkt.engine.owned import MARKER


class UnsafePath(ValueError):
    pass


class _Kept:
    """In place of a file's bytes: the file is what the caller last wrote there, byte for byte (the caller has
    checked, by its stat signature: ``tdkt/site/page_memory.py``), so it is neither read nor written again."""

    def __repr__(self) -> str:
        return "KEPT"


KEPT = _Kept()


class DuplicatePath(ValueError):
    """Two generated files were given the same path: a bug in the slug scheme, never bad data."""


@dataclass(frozen=True, slots=True)
class SyncStats:
    written: int
    unchanged: int
    removed: int

    def summary(self) -> str:
        return f"{self.written} tệp ghi mới, {self.unchanged} không đổi, {self.removed} xoá"


def check_path(rel: str) -> str:
    """The normalised relative POSIX path, or ``UnsafePath``."""
    norm = posixpath.normpath(rel)
    if (not rel or rel.startswith("/") or "\\" in rel or norm.startswith("..") or norm == "."
            or "\x00" in rel or norm != rel):
        raise UnsafePath(f"refusing to write outside the output folder: {rel!r}")
    return norm


def sync_tree(root: Path, files: Mapping[str, bytes] | Iterable[tuple[str, bytes]]) -> SyncStats:
    """Make ``root`` hold exactly ``files``; see the module docstring."""
    if isinstance(files, Mapping):
        files = [(check_path(rel), data) for rel, data in files.items()]
    root.mkdir(parents=True, exist_ok=True)
    wanted: set[str] = set()
    written = unchanged = removed = 0
    for rel, data in files:
        rel = check_path(rel)
        if rel in wanted:
            raise DuplicatePath(f"generated twice: {rel}")
        wanted.add(rel)
        path = root / rel
        if data is KEPT:
            unchanged += 1
            continue
        try:
            if path.read_bytes() == data:
                unchanged += 1
                continue
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            pass
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp-write")
        tmp.write_bytes(data)
        os.replace(tmp, path)
        written += 1
    for dirpath, dirnames, filenames in os.walk(root, topdown=False):
        for name in filenames:
            full = Path(dirpath) / name
            rel = full.relative_to(root).as_posix()
            if rel not in wanted and rel != MARKER:
                full.unlink()
                removed += 1
        if Path(dirpath) != root and not os.listdir(dirpath):
            os.rmdir(dirpath)
    return SyncStats(written=written, unchanged=unchanged, removed=removed)


def mirror(source: Path, target: Path) -> None:
    """Make the folder ``target`` hold exactly ``source``'s files, file by file (each written beside, then renamed),
    then remove ``source``: for an output folder that cannot itself be replaced by a rename (a mount point: a Docker
    volume, NFS). Not atomic as a whole: a failure midway leaves some files new and some old, which the next build
    repairs. Modes are the source's (the site's 0644/0755); a file already there as a hard link of the source's is
    left as it is."""
    wanted = set()
    for dirpath, dirnames, filenames in os.walk(source):
        here = Path(dirpath)
        rel_dir = here.relative_to(source)
        (target / rel_dir).mkdir(exist_ok=True)
        os.chmod(target / rel_dir, os.stat(here).st_mode & 0o7777)
        wanted.add(rel_dir.as_posix())
        for name in filenames:
            rel = (rel_dir / name).as_posix()
            wanted.add(rel)
            dest = target / rel
            if dest.is_file() and not dest.is_symlink() and os.path.samefile(here / name, dest):
                continue  # the same file (an unchanged one, linked into the new site; the marker and its lock)
            if dest.is_dir() and not dest.is_symlink():
                shutil.rmtree(dest)
            tmp = dest.with_name(f".{name}.tmp-mirror")
            shutil.copy2(here / name, tmp)
            os.replace(tmp, dest)
    for dirpath, dirnames, filenames in os.walk(target, topdown=False):
        here = Path(dirpath)
        for name in filenames + [d for d in dirnames if (here / d).is_symlink()]:
            if (here / name).relative_to(target).as_posix() not in wanted:
                (here / name).unlink()
        if here != target and here.relative_to(target).as_posix() not in wanted:
            shutil.rmtree(here, ignore_errors=True)
    shutil.rmtree(source)
