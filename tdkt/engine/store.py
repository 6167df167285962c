"""The one cache store every stage keeps what it remembers in: the catalogue's parsed folders, the search
index's analysed runs, the renderer's record of the last site.

A ``Store`` is a folder ``<cache>/<name>/`` and a context: the digest of the store's name and format, of the
code (``fingerprint.code()``: every module of the package, the Python and Unicode versions, the installed
versions of the libraries the build runs) and of whatever else the caller says every entry depends on. An
entry is one file: a header naming the context and the entry's seal, then the payload; or one row of a
``Table`` (one SQLite file of many entries, read in one query: the catalogue's records).

The seal is a keyed BLAKE2b (a MAC) of the context, the entry's name and its payload, under a secret that is not
in the cache (``secret()``: ``$TDKT_CACHE_KEY``, else a random key made once in ``$XDG_STATE_HOME/tdkt/cache.key``,
mode 0600). An entry edited by anyone without that secret (a same-length edit with its digest recomputed, say),
copied under another name, or restored from another machine's cache (a CI cache) is a miss. A CI job that
restores its cache sets ``TDKT_CACHE_KEY`` from a secret of the CI, so that its own entries hold.

One policy for every cache:
- **Read**: an entry is used only if its header names this context and its seal holds; anything else
  (missing, damaged, truncated, edited, foreign, written by other code or under another secret) is a miss, never
  an error. Pickled payloads are loaded by ``loads``, which refuses every class but the package's own records:
  even an entry sealed with the right secret cannot run code.
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
import sqlite3
import hmac
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from tdkt.engine.fingerprint import code, digest

MAGIC = b"tdkt cache 2\n"
_HEAD = len(MAGIC) + 41 + 41        # magic, context (40 hex + "\n"), seal (40 hex + "\n")
_NAME = re.compile(r"[A-Za-z0-9._~-]{1,200}\Z")
KEY_ENV = "TDKT_CACHE_KEY"


@dataclass(frozen=True, slots=True)
class Store:
    folder: Path
    context: str                                   # 40 hex digits
    failed: list[str] = field(default_factory=list, compare=False)  # entries that could not be written
    key: bytes = field(default=b"", repr=False, compare=False)      # the secret of the seals (``secret()``)

    def seal(self, name: str, payload) -> str:
        """The MAC of entry ``name`` holding ``payload`` in this store's context."""
        h = hashlib.blake2b(digest_size=20, key=self.key[:64])
        for part in (self.context.encode("ascii", "replace"), name.encode("utf-8", "surrogatepass")):
            h.update(len(part).to_bytes(8, "little"))
            h.update(part)
        h.update(payload)
        return h.hexdigest()

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
        return self._checked(name, data)

    def _checked(self, name: str, data: bytes) -> bytes | None:
        if len(data) < _HEAD or not data.startswith(MAGIC):
            return None
        head = data[len(MAGIC):_HEAD]
        if head[:40].decode("ascii", "replace") != self.context or head[40:41] != b"\n" or head[81:82] != b"\n":
            return None
        payload = memoryview(data)[_HEAD:]
        if not hmac.compare_digest(self.seal(name, payload).encode("ascii"), head[41:81]):
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
                f.write(MAGIC + self.context.encode("ascii") + b"\n" + self.seal(name, payload).encode("ascii") + b"\n")
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


class Table:
    """Many entries of a store in one SQLite file (``<store>/<name>.<schema>.sqlite``), read in one query. A row is a
    name, a key, a tag (what the caller knows the key by, say a stat signature) and a payload, sealed together
    under the store's context and secret, as an entry file is.

    For the catalogue's records: 10,000 entry files cost 10,000 opens; one table, one read. The policy is the
    store's: a row whose seal does not hold is skipped (a miss), a file that is not a database (garbled, truncated)
    is a table with no rows and is made again at the next write; a write that fails is counted in
    ``Store.failed``. Rows are written by this process only (workers send theirs back), in one transaction."""

    SCHEMA = 2

    def __init__(self, store: Store, name: str):
        self.store, self.name = store, name
        self.path = store.folder / f"{name}.{self.SCHEMA}.sqlite"
        self.seen = 0  # rows the last ``rows`` read, used or not

    def _connect(self) -> sqlite3.Connection:
        con = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        con.execute("PRAGMA synchronous=OFF")  # a cache: a torn file after a crash is a garbled one, a miss
        con.execute("CREATE TABLE IF NOT EXISTS entries (name TEXT PRIMARY KEY, key TEXT NOT NULL, tag TEXT NOT NULL, "
                    "seal TEXT NOT NULL, payload BLOB NOT NULL)")
        return con

    def seal(self, name: str, key: str, tag: str, payload) -> str:
        return self.store.seal("\0".join((self.name, name, key, tag)), payload)

    def rows(self) -> Iterator[tuple[str, str, str, bytes]]:
        """(name, key, tag, payload) of each row whose seal holds, one at a time (never all held at once)."""
        self.seen = 0
        if not self.path.is_file():
            return
        try:
            con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=30)
            try:
                for row in con.execute("SELECT name, key, tag, seal, payload FROM entries"):
                    self.seen += 1
                    name, key, tag, seal, payload = row
                    if (all(isinstance(x, str) for x in (name, key, tag, seal)) and isinstance(payload, bytes)
                            and hmac.compare_digest(self.seal(name, key, tag, payload), seal)):
                        yield name, key, tag, payload
            finally:
                con.close()
        except sqlite3.Error:
            return

    def reader(self) -> sqlite3.Connection | None:
        """A read-only connection for ``get`` (one per process: a connection does not cross a fork), or None when
        the table cannot be read."""
        try:
            return sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=30, check_same_thread=False)
        except sqlite3.Error:
            return None

    def get(self, con: sqlite3.Connection | None, name: str, key: str) -> bytes | None:
        """Row ``name``'s payload if its key is ``key`` and its seal holds, else None (a miss)."""
        if con is None:
            return None
        try:
            row = con.execute("SELECT key, tag, seal, payload FROM entries WHERE name = ?", (name,)).fetchone()
        except sqlite3.Error:
            return None
        if row is None or row[0] != key or not all(isinstance(x, str) for x in row[:3]) \
                or not isinstance(row[3], bytes) or not hmac.compare_digest(self.seal(name, row[0], row[1], row[3]), row[2]):
            return None
        return row[3]

    def keys(self) -> set[tuple[str, str]]:
        """(name, key) of every row, seals unchecked (``get`` checks them): what the table holds, without reading
        its payloads."""
        if not self.path.is_file():
            return set()
        try:
            con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=30)
            try:
                return {(name, key) for name, key in con.execute("SELECT name, key FROM entries")}
            finally:
                con.close()
        except sqlite3.Error:
            return set()

    def writer(self, keep: set[str]) -> "TableWriter":
        """Rows written as they come (``put``), in one transaction committed by ``close``, which also drops every
        row whose name is not in ``keep``."""
        return TableWriter(self, keep)

    def files(self) -> set[str]:
        """The file names this table may have in the store's folder (for ``Store.prune``)."""
        return {self.path.name, f"{self.path.name}-journal"}


class TableWriter:
    """See ``Table.writer``. Never raises: a table that cannot be written (read-only, full disk, a garbled file that
    cannot be made again) is noted in ``Store.failed`` and the rows are dropped."""

    def __init__(self, table: Table, keep: set[str]):
        self.table, self.keep, self.con = table, keep, None
        for attempt in (1, 2):
            try:
                table.store.folder.mkdir(parents=True, exist_ok=True)
                self.con = table._connect()
                self.con.execute("BEGIN")
                return
            except (sqlite3.Error, OSError):
                self._drop()
                if attempt == 1:  # not a database (garbled), or locked for too long: make it again
                    for suffix in ("", "-journal"):
                        try:
                            os.remove(f"{table.path}{suffix}")
                        except OSError:
                            pass
        table.store.failed.append(table.path.name)

    def _drop(self) -> None:
        if self.con is not None:
            try:
                self.con.close()
            except sqlite3.Error:
                pass
            self.con = None

    def put(self, name: str, key: str, payload: bytes, tag: str = "") -> None:
        self._run("INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?, ?)",
                  lambda: (name, key, tag, self.table.seal(name, key, tag, payload), payload), name)

    def retag(self, name: str, tag: str, seal: str) -> None:
        """Give row ``name`` another tag (``seal``: ``Table.seal`` of the row with it)."""
        self._run("UPDATE entries SET tag = ?, seal = ? WHERE name = ?", lambda: (tag, seal, name), name)

    def _run(self, sql: str, values, name: str) -> None:
        if self.con is None:
            return
        try:
            self.con.execute(sql, values())
        except ValueError:  # a name SQLite cannot hold (a lone surrogate of an undecodable file name): that row only
            self.table.store.failed.append(name.encode("utf-8", "backslashreplace").decode("ascii", "replace"))
        except sqlite3.Error:
            self._drop()
            self.table.store.failed.append(self.table.path.name)

    def close(self) -> bool:
        """Commit (stale rows dropped); True if the table now holds what was put."""
        if self.con is None:
            return False
        try:
            stale = [(n,) for (n,) in self.con.execute("SELECT name FROM entries") if n not in self.keep]
            self.con.executemany("DELETE FROM entries WHERE name = ?", stale)
            self.con.execute("COMMIT")
            return True
        except sqlite3.Error:
            self.table.store.failed.append(self.table.path.name)
            return False
        finally:
            self._drop()


def entry_name(name: str, suffix: str) -> str:
    """An entry's file name for ``name``: the name itself when it is a safe, short file name, else a digest of
    it (report ids can be longer than a file name may be, or hold characters a file system refuses)."""
    plain = f"{name}{suffix}"
    if _NAME.match(plain) and len(plain) <= 160 and not plain.startswith("."):
        return plain
    return "~" + digest(name)[:32] + suffix


def open_store(cache_dir: Path | None, name: str, fmt: int, *context: bytes | str) -> Store | None:
    """The store ``name`` under ``cache_dir`` (None: no cache) for format ``fmt``, this code and ``context``."""
    if cache_dir is None:
        return None
    return Store(folder=Path(cache_dir) / name, context=digest(name, str(fmt), code(), *context), key=secret())


def secret() -> bytes:
    """The secret the seals are keyed with: ``$TDKT_CACHE_KEY`` (any text), else the key file in
    ``$XDG_STATE_HOME/tdkt/`` (``~/.local/state/tdkt/``), made once (32 random bytes, mode 0600). Where no key can be
    kept, a key for this process only: every entry is then a miss next time (it costs time, never the build)."""
    given = os.environ.get(KEY_ENV)
    if given:
        return hashlib.blake2b(given.encode("utf-8", "surrogatepass"), digest_size=32, person=b"tdkt-cache").digest()
    state = os.environ.get("XDG_STATE_HOME") or os.path.join(os.path.expanduser("~"), ".local", "state")
    path = Path(state) / "tdkt" / "cache.key"
    try:
        key = path.read_bytes()
        if len(key) == 32:
            return key
    except OSError:
        pass
    key = os.urandom(32)
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        temporary = path.with_name(f".cache.key.{os.getpid()}")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(key)
        os.link(temporary, path)  # the first key made wins; a second build at the same moment reads it
        os.unlink(temporary)
    except FileExistsError:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        try:
            key = path.read_bytes()
        except OSError:
            pass
    except OSError:
        pass
    return _PROCESS_KEY.setdefault(path, key) if len(key) == 32 else os.urandom(32)


_PROCESS_KEY: dict[Path, bytes] = {}  # a key that could not be kept: the same for this process's stores


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
        approved = _APPROVED.get((module, name)) if isinstance(module, str) and isinstance(name, str) else None
        if approved is not None:
            return approved
        if (module == "builtins" and name in _BUILTINS) or \
                (module == "datetime" and name in ("date", "datetime", "time", "timedelta", "timezone")):
            return _approve(module, name, super().find_class(module, name))
        if module.startswith("tdkt.") and "." not in name and not name.startswith("__"):
            found = super().find_class(module, name)
            if isinstance(found, type) and (dataclasses.is_dataclass(found) or issubclass(found, enum.Enum)):
                return _approve(module, name, found)
            if (module, name) in _TRUSTED:
                return _approve(module, name, found)
        raise pickle.UnpicklingError(f"a cache entry names {module}.{name}, which no cache of ours holds")


_APPROVED: dict[tuple[str, str], object] = {}  # what find_class allowed, by name: looked up and checked once


def _approve(module: str, name: str, found):
    _APPROVED[(module, name)] = found
    return found


def dumps(value) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def loads(data: bytes):
    """``dumps`` undone; None for anything that is not one of our records (see ``_Unpickler``)."""
    try:
        return _Unpickler(io.BytesIO(data)).load()
    except Exception:  # noqa: BLE001 - a cache entry that cannot be read is a miss, whatever broke
        return None
