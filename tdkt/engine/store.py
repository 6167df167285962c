"""The one cache store every stage keeps what it remembers in: the catalogue's parsed folders, the search
index's analysed runs, the renderer's record of the last site.

A ``Store`` is a folder ``<cache>/<name>/`` and a context: the digest of the store's name and format, of the
code (``fingerprint.code()``: every module of the package, the Python and Unicode versions, the installed
versions of the libraries the build runs) and of whatever else the caller says every entry depends on. An
entry is one file: a header naming the context and the digest of the payload, then the payload.

One policy for every cache:
- **Read**: an entry is used only if its header names this context and its payload has its digest; anything
  else (missing, damaged, truncated, foreign, written by other code) is a miss, never an error. Pickled
  payloads are loaded by ``loads``, which refuses every class but the package's own records: a cache
  file from an untrusted place cannot run code.
- **Write**: atomic (a temporary file, then a rename); a write that fails (full disk, read-only or missing
  folder, too long a name) is skipped and counted in ``Store.failed``: it costs time on the next build,
  never the build.
- **Forget**: ``prune`` removes what a build did not use; ``keep_recent`` the stores of all but the most
  recently used archives. Deleting ``.cache/`` is always safe.

Reads and writes files under the store's folder only.
"""
from __future__ import annotations

import dataclasses
import enum
import hashlib
import io
import os
import pickle
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from tdkt.engine.fingerprint import code, digest

MAGIC = b"tdkt cache 1\n"
_HEAD = len(MAGIC) + 41 + 41        # magic, context (40 hex + "\n"), payload digest (40 hex + "\n")
_NAME = re.compile(r"[A-Za-z0-9._~-]{1,200}\Z")


@dataclass(frozen=True, slots=True)
class Store:
    folder: Path
    context: str                                   # 40 hex digits
    failed: list[str] = field(default_factory=list, compare=False)  # entries that could not be written

    # -- entries
    def path(self, name: str) -> Path:
        return self.folder / name

    def read(self, name: str) -> bytes | None:
        """The payload of entry ``name``, or None if it is missing or not exactly what this context wrote."""
        if not _NAME.match(name):
            return None
        try:
            with open(self.folder / name, "rb") as f:
                data = f.read()
        except OSError:
            return None
        return self._checked(data)

    def _checked(self, data: bytes) -> bytes | None:
        if len(data) < _HEAD or not data.startswith(MAGIC):
            return None
        head = data[len(MAGIC):_HEAD]
        if head[:40].decode("ascii", "replace") != self.context or head[40:41] != b"\n" or head[81:82] != b"\n":
            return None
        payload = memoryview(data)[_HEAD:]
        if _payload_digest(payload).encode("ascii") != head[41:81]:
            return None
        return bytes(payload)

    def peek(self, name: str, size: int) -> bytes | None:
        """The first ``size`` bytes of entry ``name``'s payload, UNCHECKED (a hint of what to read, never a
        value to use): None if the entry is missing or of another context."""
        try:
            with open(self.folder / name, "rb") as f:
                head = f.read(_HEAD + size)
        except OSError:
            return None
        if len(head) < _HEAD or not head.startswith(MAGIC) or head[len(MAGIC):len(MAGIC) + 40] != self.context.encode():
            return None
        return head[_HEAD:]

    def write(self, name: str, payload: bytes) -> bool:
        """Store ``payload`` as entry ``name`` atomically; False (and noted in ``failed``) if it could not be."""
        if not _NAME.match(name):
            self.failed.append(name)
            return False
        path = self.folder / name
        temporary = self.folder / f".{name[:180]}.{os.getpid()}.tmp"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with open(temporary, "wb") as f:
                f.write(MAGIC + self.context.encode("ascii") + b"\n" +
                        _payload_digest(payload).encode("ascii") + b"\n")
                f.write(payload)
            os.replace(temporary, path)
            return True
        except OSError:
            try:
                temporary.unlink()
            except OSError:
                pass
            self.failed.append(name)
            return False

    def remove(self, name: str) -> None:
        try:
            (self.folder / name).unlink()
        except OSError:
            pass

    def names(self, suffix: str = "") -> list[str]:
        """The entries of the store (sorted), those ending in ``suffix``; temporary files are not entries."""
        try:
            with os.scandir(self.folder) as it:
                return sorted(e.name for e in it if e.name.endswith(suffix) and not e.name.startswith("."))
        except OSError:
            return []

    # -- forgetting
    def touch(self) -> None:
        """Mark the store as just used (``keep_recent`` keeps the most recently used ones)."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            os.utime(self.folder)
        except OSError:
            pass

    def prune(self, keep: Iterable[str]) -> None:
        """Remove every file of the folder but the entries named in ``keep`` (leftover temporary files too)."""
        keep = set(keep)
        try:
            with os.scandir(self.folder) as it:
                stale = [e.path for e in it if e.name not in keep and e.is_file(follow_symlinks=False)]
        except OSError:
            return
        for path in stale:
            try:
                os.remove(path)
            except OSError:
                pass

    def keep_newest(self, suffix: str, keep: int) -> None:
        """Keep only the ``keep`` most recently written entries ending in ``suffix``."""
        entries = []
        for name in self.names(suffix):
            try:
                entries.append((os.stat(self.folder / name).st_mtime_ns, name))
            except OSError:
                pass
        for _, name in sorted(entries, reverse=True)[keep:]:
            self.remove(name)


def entry_name(name: str, suffix: str) -> str:
    """An entry's file name for ``name``: the name itself when it is a safe, short file name, else a digest of
    it (report ids can be longer than a file name may be, or hold characters a file system refuses)."""
    plain = f"{name}{suffix}"
    if _NAME.match(plain) and len(plain) <= 160 and not plain.startswith("."):
        return plain
    return "~" + digest(name)[:32] + suffix


def _payload_digest(payload) -> str:
    return hashlib.blake2b(payload, digest_size=20).hexdigest()


def open_store(cache_dir: Path | None, name: str, fmt: int, *context: bytes | str) -> Store | None:
    """The store ``name`` under ``cache_dir`` (None: no cache) for format ``fmt``, this code and ``context``."""
    if cache_dir is None:
        return None
    return Store(folder=Path(cache_dir) / name, context=digest(name, str(fmt), code(), *context))


def keep_recent(parent: Path, keep: int) -> None:
    """Of the stores in ``parent`` (one per archive, say), remove all but the ``keep`` most recently used."""
    try:
        folders = [(p.stat().st_mtime_ns, p) for p in parent.iterdir() if p.is_dir() and not p.is_symlink()]
    except OSError:
        return
    for _, old in sorted(folders, key=lambda t: t[0], reverse=True)[keep:]:
        Store(folder=old, context="").prune(())
        try:
            old.rmdir()
        except OSError:
            pass


# ------------------------------------------------------------------ pickles that cannot run code

_BUILTINS = frozenset({"frozenset", "set", "tuple", "list", "dict", "bytes", "bytearray", "str", "int", "float",
                       "bool", "complex"})
_TRUSTED: set[tuple[str, str]] = set()  # functions a pickle may call: the records' own rebuilders


def trusted(fn):
    """Let cache entries call ``fn`` when loaded (a record's rebuilder, say); nothing else of ours is callable."""
    _TRUSTED.add((fn.__module__, fn.__qualname__))
    return fn


class _Unpickler(pickle.Unpickler):
    """Only the package's own records (its dataclasses and enums), the standard containers, dates and
    the rebuilders marked ``trusted`` may be made: no other function of ours or of anyone's can be called."""

    def find_class(self, module: str, name: str):
        if (module == "builtins" and name in _BUILTINS) or \
                (module == "datetime" and name in ("date", "datetime", "time", "timedelta", "timezone")):
            return super().find_class(module, name)
        if module.startswith("tdkt.") and "." not in name and not name.startswith("__"):
            found = super().find_class(module, name)
            if isinstance(found, type) and (dataclasses.is_dataclass(found) or issubclass(found, enum.Enum)):
                return found
            if (module, name) in _TRUSTED:
                return found
        raise pickle.UnpicklingError(f"a cache entry names {module}.{name}, which no cache of ours holds")


def dumps(value) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def loads(data: bytes):
    """``dumps`` undone; None for anything that is not one of our records (see ``_Unpickler``)."""
    try:
        return _Unpickler(io.BytesIO(data)).load()
    except Exception:  # noqa: BLE001 - a cache entry that cannot be read is a miss, whatever broke
        return None
