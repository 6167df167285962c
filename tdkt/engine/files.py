"""The one rule for the files the program reads from an archive and writes back into it.

A file is read only when it is a regular file, not a symbolic link, and at most ``limit`` bytes: a link in the
archive could publish any file of the machine that builds it, a device or a pipe (``/dev/zero``) could be read
until memory runs out. The checks are made on the open file (``O_NOFOLLOW``, ``fstat``), and at most ``limit``
bytes are read whatever the size said, so a file that is swapped or grows between look and read is refused too.
A file written back into the archive replaces what was at its name (written beside, then renamed): a link there
is replaced, never written through. Everything here reads or writes files.
"""
from __future__ import annotations

import errno
import os
import stat
from pathlib import Path


class FileRefused(Exception):
    """Why a file is not read: ``code`` (docs/problems.md), the reason and the way out, for a problem."""

    def __init__(self, code: str, reason: str, fix: str):
        super().__init__(f"{reason}. Fix: {fix}")
        self.code, self.reason, self.fix = code, reason, fix


def link() -> FileRefused:
    return FileRefused("F004", "is a symbolic link",
                       "put the file itself there: the archive publishes what its folders hold")


def not_regular() -> FileRefused:
    return FileRefused("F004", "is not a regular file (a folder, a device or a pipe)", "put a file there")


def too_large(limit: int) -> FileRefused:
    return FileRefused("F005", f"is larger than {limit} bytes ({limit // (1024 * 1024)} MB)",
                       "split the report, or keep only its text")


def read_file(path: Path, limit: int) -> bytes:
    """The bytes of ``path`` if it is a regular file of at most ``limit`` bytes, not a link; else ``FileRefused``.
    ``FileNotFoundError`` when nothing is there; other ``OSError`` as the system raises them."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        if exc.errno == errno.ELOOP or (exc.errno == errno.ENXIO and os.path.islink(path)):
            raise link() from None
        if exc.errno in (errno.ENXIO, errno.EISDIR):
            raise not_regular() from None
        raise
    with os.fdopen(fd, "rb") as f:
        info = os.fstat(f.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise not_regular()
        if info.st_size > limit:
            raise too_large(limit)
        data = f.read(limit + 1)
    if len(data) > limit:
        raise too_large(limit)
    return data


def write_file(path: Path, data: bytes) -> None:
    """``data`` at ``path``, replacing whatever was there (a link itself, never the file it points to)."""
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        with open(tmp, "xb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
