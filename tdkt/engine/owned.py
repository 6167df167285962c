"""The folders the build owns: the one rule for where it may write and delete.

The build replaces everything in its output folders (``--docs``: ``site_src/``; ``--out``: ``site/``), so it
writes only into a folder it made itself. ``claim`` holds a folder to that before anything is written:

- a folder that does not exist, or is empty, is created (mode 0755) and marked: ``MARKER`` is written into it;
- a folder holding the marker is the build's own, from an earlier build;
- any other folder that holds something is refused (``NotOurs``): it holds files the build did not write;
- a folder that is, or contains, a protected path (the repository, the data folder, the current directory,
  the other output folder) is refused whatever it holds, and so is one inside a path it must stay out of
  (the data folder, the other output folder).

A symbolic link is followed: the folder checked is the one that would be written. Host files a person puts
in the published folder survive a build when they are named in ``KEPT`` or by ``--keep``
(``tdkt/render/build.py`` carries them over; a file the build writes itself is never kept: its own wins);
the marker is carried over the same way. Writes only the marker (and the empty folder it creates); puts back a
previous site a build killed mid-swap left beside the folder (``_put_back``); ``lock`` holds a folder for one build.
"""
from __future__ import annotations

import fcntl
import os
from collections.abc import Iterable
from pathlib import Path

MARKER = ".tdkt-output"
MARKER_TEXT = (
    "Thư mục này do python build.py tạo ra: mỗi lần dựng, mọi thứ trong đó được thay thế.\n"
    "Đừng để tệp của bạn ở đây (trừ CNAME, .nojekyll và các tệp ghi trong --keep).\n"
    "This folder is written by python build.py, which replaces everything in it at every build.\n"
)
# host files people put at the root of the published folder, kept across builds (GitHub Pages' custom domain and
# its switch that turns Jekyll off); --keep names more
KEPT = ("CNAME", ".nojekyll")
DIR_MODE = 0o755  # the published folder is read by a web server running as another user


class NotOurs(ValueError):
    """The folder is not the build's to write: the message says which, why, and how to proceed."""


class Busy(NotOurs):
    """Another build is writing the folder now."""


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check(folder: Path, option: str, *, protected: Iterable[tuple[str, Path]] = (),
          outside: Iterable[tuple[str, Path]] = ()) -> Path:
    """The folder (resolved, links followed) if the build may own it, or ``NotOurs``; writes nothing.

    ``option`` names the setting that chose it (``--out``), for the message. ``protected``: (what, path) the
    folder may neither be nor contain; ``outside``: (what, path) the folder may not be inside of."""
    target = folder.resolve()
    for what, path in protected:
        path = path.resolve()
        if _inside(path, target):
            relation = "is" if path == target else "contains"
            raise NotOurs(f"{option} {folder} {relation} {what} ({path}): the build replaces everything in "
                          f"{option}, so it would delete it. Nothing was written or deleted. Fix: give {option} a "
                          "folder of its own (a new or empty one), e.g. site/ beside the data.")
    for what, path in outside:
        path = path.resolve()
        if _inside(target, path) and target != path:
            raise NotOurs(f"{option} {folder} is inside {what} ({path}): the build replaces everything in "
                          f"{option}. Nothing was written or deleted. Fix: give {option} a folder outside it.")
    if target.exists():
        if not target.is_dir():
            raise NotOurs(f"{option} {folder} is a file, not a folder. Nothing was written or deleted. Fix: give "
                          f"{option} a new or empty folder.")
        if not (target / MARKER).is_file():
            found = sorted(p.name for p in target.iterdir())
            if found:
                shown = ", ".join(found[:5]) + (f" and {len(found) - 5} more" if len(found) > 5 else "")
                raise NotOurs(
                    f"{option} {folder} holds files the build did not write ({shown}). The build replaces "
                    f"everything in its folder, so it writes only into a new or empty folder, or one an earlier "
                    f"build made (marked by the file {MARKER}). Nothing was written or deleted. Fix: give "
                    f"{option} a new or empty folder, or move those files away; if {folder} is a site this "
                    "program built before it marked its folders, delete that folder and build again (the build "
                    f"then keeps the host files {', '.join(KEPT)} and those named by --keep that you put there).")
    return target


def claim(folder: Path, option: str, *, protected: Iterable[tuple[str, Path]] = (),
          outside: Iterable[tuple[str, Path]] = ()) -> Path:
    """``check``, then the folder created if need be (mode 0755) and marked as the build's."""
    target = check(folder, option, protected=protected, outside=outside)
    if not os.path.lexists(target):
        _put_back(target)
    if not target.exists():
        target.mkdir(parents=True, mode=DIR_MODE)
        target.chmod(DIR_MODE)  # whatever the umask took away: the web server must read it
    marker = target / MARKER
    if not marker.is_file():
        marker.write_text(MARKER_TEXT, encoding="utf-8")
    return target


def check_keep(names: Iterable[str]) -> list[str]:
    """The names ``--keep`` gives, each a plain file name at the folder's root, or ``NotOurs``."""
    out = []
    for name in names:
        if not name or "/" in name or "\\" in name or name in (".", "..") or "\x00" in name:
            raise NotOurs(f"--keep {name!r}: name a file at the root of the published folder, e.g. --keep CNAME")
        out.append(name)
    return out


def lock(folder: Path, option: str) -> int:
    """Hold ``folder`` (claimed: its marker exists) for this build until the returned descriptor is closed, or
    ``Busy`` when another build holds it. The lock is on the marker, which the render carries into the new site
    as a hard link (the same file): it holds across the swap, and ends with the process however it ends."""
    fd = os.open(folder / MARKER, os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0))
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise Busy(f"{option} {folder} is being written by another build that is still running. Nothing was written "
                   "or deleted. Fix: wait for it to finish, then build again (or give this build other folders)."
                   ) from None
    return fd


def _put_back(target: Path) -> None:
    """A build killed between its swap's two renames (``tdkt/render/build.py``) left no ``target``, and the previous
    site beside it as ``.<name>-old-*``, marked: the newest is put back, unless a build still running holds it."""
    olds = [p for p in target.parent.glob(f".{target.name}-old-*")
            if p.is_dir() and not p.is_symlink() and (p / MARKER).is_file() and not (p / MARKER).is_symlink()]
    for old in sorted(olds, key=lambda p: p.stat().st_mtime_ns, reverse=True):
        try:
            fd = lock(old, "")
        except Busy:  # mid-swap in a build that is still running: its own
            return
        try:
            os.rename(old, target)
        finally:
            os.close(fd)
        return
