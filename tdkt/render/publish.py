"""Putting the new site in place of the old one: a whole tree swapped in with two renames, never edited in place.

Input: the output folder, the folder the build wrote its new and changed files into (``staging``, beside the
output), which files of the previous site stay as they are, and the cache folder. Effect: the output folder is
the new site; the previous one is gone from it; files are written, linked, moved and removed. Writes files.

Two ways to the new tree, the same bytes:

- *Linked*: every unchanged file of the previous site is hard-linked into ``staging`` beside the new ones, which is
  then swapped in. It makes a directory per page and a link per file: at 10,000 reports 28,000 directories and
  54,000 links, removed again with the old tree.
- *Spare* (``cache_dir`` given): the tree a swap replaced is not removed but kept as the *spare*,
  ``<cache>/render-spare/site-<digest of the output folder>/`` (on the output's file system, else not kept). The
  next build makes the spare into the new site in place (it is not published: nothing reads it) and swaps it in;
  the tree it replaces becomes the spare. The spare holds the site before last: it differs from the site in the
  files the last build changed. Nothing the spare holds is trusted: a file of it stays only when it *is* the file
  of the published site it should equal (same device and inode, by ``lstat``: the same file, so the same bytes);
  every other file is removed, the build's new files are moved in (a rename: files of the spare share their inodes
  with the site, so none is ever written in place), the unchanged files it lacks are linked from the site, folders
  no longer used are removed. A build that fails or is killed while doing so leaves a spare that is simply more
  different from the site (the next build checks every file again); the published site is not touched until the
  swap. Deleting ``.cache/`` is safe as ever. Deleting the spare alone is safe too but costly: its files are the
  site's, and removing a link changes a file's change time, so the next build finds no file of the site as it left
  it and renders every page again.

``swap`` is as before: the output renamed aside, the new tree renamed in, the first undone if the second fails; an
output that cannot be renamed (a mount point) is updated in place, file by file (``sync.mirror``). Leftovers of a
killed build beside the output (``.<name>-new-*``, ``.<name>-old-*``) are removed by the next build.
"""
from __future__ import annotations

import errno
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from tdkt.engine.fingerprint import StatSig, digest, stat_sig
from tdkt.engine.owned import DIR_MODE
from tdkt.engine.sync import mirror

SPARES = "render-spare"  # the spares' folder in the cache folder


class Midway(OSError):
    """Updating an output folder in place (a mount point) failed midway: it holds new and old files."""


def _walk(folder: Path) -> Iterator[tuple[str, os.DirEntry, os.stat_result]]:
    """Every entry under ``folder``, folders before what they hold: (relative POSIX path, entry, its ``lstat``)."""
    stack = [(str(folder), "")]
    while stack:
        path, rel = stack.pop()
        with os.scandir(path) as it:
            for entry in it:
                name = f"{rel}{entry.name}"
                yield name, entry, entry.stat(follow_symlinks=False)
                if entry.is_dir(follow_symlinks=False):
                    stack.append((entry.path, name + "/"))


def scan(folder: Path) -> dict[str, StatSig]:
    """Every file under ``folder`` (relative POSIX path → stat signature, by ``lstat``)."""
    return {name: stat_sig(st) for name, entry, st in _walk(folder) if not entry.is_dir(follow_symlinks=False)}


def carried(out_dir: Path, names: Iterable[str], written: set[str]) -> list[str]:
    """Of the files ``names`` at the root of the previous site, those the new site takes over: regular files (a link
    could point anywhere) the build did not write itself."""
    return [name for name in names if name not in written and (out_dir / name).is_file()
            and not (out_dir / name).is_symlink()]


def link_unchanged(out_dir: Path, staging: Path, unchanged: Iterable[str]) -> None:
    """*Linked*: the unchanged files of the previous site (and the carried ones) into ``staging``."""
    made: set[str] = set()
    root, new = str(out_dir), str(staging)
    for dest in sorted(unchanged):
        parent = os.path.dirname(dest)
        if parent not in made:
            os.makedirs(os.path.join(new, parent), exist_ok=True)
            made.add(parent)
        try:
            os.link(os.path.join(root, dest), os.path.join(new, dest))
        except OSError:
            shutil.copy2(os.path.join(root, dest), os.path.join(new, dest))


# ------------------------------------------------------------------ the spare

def spare_path(cache_dir: Path | None, out_dir: Path) -> Path | None:
    """Where the spare of ``out_dir`` lives, None without a cache or when the cache is on another file system (a
    tree is swapped in by a rename)."""
    if cache_dir is None:
        return None
    folder = Path(cache_dir).resolve() / SPARES
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if os.stat(folder).st_dev != os.stat(out_dir.parent).st_dev:
            return None
    except OSError:
        return None
    return folder / f"site-{digest(str(out_dir))[:16]}"


def usable(spare: Path | None) -> bool:
    return spare is not None and spare.is_dir() and not spare.is_symlink()


class NotUsable(OSError):
    """The spare holds a folder of another file system (a mount point): it is left alone, and the files linked."""


def look(spare: Path, out_dir: Path) -> tuple[dict[str, os.stat_result], list[str], int]:
    """The spare's files (``lstat``) and folders, and the site's device; ``NotUsable`` if a folder in it is on
    another device. Changes nothing."""
    live_dev = os.stat(out_dir).st_dev
    if os.stat(spare).st_dev != live_dev:
        raise NotUsable(f"{spare} is not on the file system of {out_dir}")
    files: dict[str, os.stat_result] = {}
    dirs: list[str] = []
    for name, entry, st in _walk(spare):
        if entry.is_dir(follow_symlinks=False):
            if st.st_dev != live_dev:
                raise NotUsable(f"{entry.path} is a mount point")
            dirs.append(name)
        else:  # a file, a symbolic link, a device: if it is not the site's own file, it goes
            files[name] = st
    return files, dirs, live_dev


def fill_spare(spare: Path, looked, staging: Path, out_dir: Path, written: set[str],
               same: dict[str, int]) -> dict[str, StatSig]:
    """Make the spare hold exactly the new site: the files ``written`` into ``staging`` (moved in) and the files of
    the previous site ``out_dir`` named in ``same`` (path → the inode the caller found there: the same files).
    ``looked`` is ``look(spare, out_dir)``. Returns the stat signature of every file of the new site that was already
    in place (the others have changed since: the caller stats them after the swap). Raises ``OSError`` on a
    failure (the spare is then what it is: the next build checks it again)."""
    files, dirs, live_dev = looked
    root = str(spare)
    kept: dict[str, StatSig] = {}
    for name, st in files.items():
        if same.get(name) == st.st_ino and st.st_dev == live_dev:
            kept[name] = stat_sig(st)
        elif name not in written:  # a written file replaces it by a rename
            os.unlink(os.path.join(root, name))
    wanted_dirs = {""}
    for name in (*written, *same):
        parent = os.path.dirname(name)
        while parent not in wanted_dirs:
            wanted_dirs.add(parent)
            parent = os.path.dirname(parent)
    there = set(dirs)
    for name in there - wanted_dirs:
        if os.path.dirname(name) in wanted_dirs:  # the topmost folder no longer used (its files are gone above)
            shutil.rmtree(os.path.join(root, name))
    for name in sorted(wanted_dirs - there):
        if name:
            os.makedirs(os.path.join(root, name), exist_ok=True)
    for name in written:
        os.replace(os.path.join(staging, name), os.path.join(root, name))
    for name in same:
        if name not in kept:
            try:
                os.link(os.path.join(out_dir, name), os.path.join(root, name))
            except OSError:
                shutil.copy2(os.path.join(out_dir, name), os.path.join(root, name))
    return kept


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except IsADirectoryError:
        shutil.rmtree(path)


def keep_as_spare(old: Path | None, spare: Path | None) -> None:
    """The tree a swap replaced becomes the spare (whatever spare was there is removed first); without a place for
    a spare, it is removed."""
    if old is None:
        return
    if spare is not None:
        try:
            if os.path.lexists(spare):
                _remove(str(spare))
            os.rename(old, spare)
            return
        except OSError:
            pass
    shutil.rmtree(old, ignore_errors=True)


def make_spare(out_dir: Path, spare: Path | None) -> None:
    """After a build that replaced no tree (a full build): the spare made by linking every file of the site, so
    that the first rebuild after it does not link them. Where a file cannot be linked (another file system), no
    spare."""
    if spare is None:
        return
    forget_spare(spare)
    try:
        if os.stat(out_dir).st_dev != os.stat(spare.parent).st_dev:
            return
        os.mkdir(spare)
        os.chmod(spare, DIR_MODE)  # the site's root, once swapped in
        made = {""}
        root, new = str(out_dir), str(spare)
        for dest in sorted(scan(out_dir)):
            parent = os.path.dirname(dest)
            if parent not in made:
                os.makedirs(os.path.join(new, parent), exist_ok=True)
                made.add(parent)
            os.link(os.path.join(root, dest), os.path.join(new, dest))
    except OSError:
        forget_spare(spare)


def forget_spare(spare: Path | None) -> None:
    """No spare (a build without a previous site: the spare of another site, or of an older one, is no use)."""
    if spare is not None and os.path.lexists(spare):
        try:
            _remove(str(spare))
        except OSError:
            pass


# ------------------------------------------------------------------ leftovers and the swap

def clear_leftovers(out_dir: Path) -> None:
    """The staging and old folders a killed build left beside ``out_dir`` (``.site-new-*``, ``.site-old-*``): the
    command line holds ``out_dir``'s lock (``owned.lock``), so no running build of it owns them (a previous site
    that a build killed mid-swap left as ``.site-old-*`` was put back by ``owned.claim``)."""
    for prefix in (f".{out_dir.name}-new-", f".{out_dir.name}-old-"):
        for path in out_dir.parent.glob(prefix + "*"):
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)


def swap(staging: Path, out_dir: Path) -> Path | None:
    """Replace ``out_dir`` by ``staging`` with two renames; if the second fails, the first is undone. Returns the
    previous tree, renamed aside (``.<name>-old-*``), for the caller to keep or remove; None when there was none. A
    folder that cannot be renamed (a mount point) is updated in place, file by file (``sync.mirror``; ``staging`` is
    then removed), and None is returned."""
    if not os.path.lexists(out_dir):
        staging.rename(out_dir)
        return None
    old = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-old-", dir=out_dir.parent))
    try:
        os.rename(out_dir, old)  # onto the empty folder mkdtemp made: a name nobody else uses
    except OSError as exc:
        os.rmdir(old)
        if exc.errno not in (errno.EBUSY, errno.EXDEV, errno.EPERM, errno.EACCES, errno.EINVAL):
            raise
        try:
            mirror(staging, out_dir)
        except OSError as failure:
            raise Midway(f"the site folder {out_dir} cannot be renamed (a mount point), so it was being updated "
                                f"in place, and that failed midway ({failure.strerror or failure}): it now holds some "
                                "new and some old files. Fix the cause, then build again: the next build repairs it."
                                ) from failure
        return None
    try:
        staging.rename(out_dir)
    except BaseException:
        os.rename(old, out_dir)
        raise
    return old
