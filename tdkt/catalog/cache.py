"""Report folders → records, not parsed again for a folder whose bytes have not changed.

``load_folders(folders, load, problems, cache=)`` calls ``load(folder, problems)`` for each folder
(``catalog._load_report``) and returns the results in folder order, the problems added in folder
order too, exactly as one loop would. Parsing a report costs ~1.2 ms of CPU and sending it back
from a worker process (pickled, ~45 KB of text) about as much; but a folder not remembered is
parsed and pickled for the cache anyway, so with ``jobs`` > 1 forked workers parse and pickle, and
send the pickle back, which this process unpickles (~0.5 ms) and stores. With a cache (a ``Store`` of
``tdkt/engine/store.py``), each folder's result and problems are kept in a row of the store's one ``Table``
(one SQLite file, read in one query, each row sealed with the cache's secret), named after the folder;
they are used again only when the folder's key is the same: a hash of every entry of the
folder (name, kind and, for each file, its bytes or its stat signature), of the code (every
module of ``tdkt/``), of the vocabularies and of the gazetteer. A file last changed more than
``fingerprint.RACY_NS`` ago is known by its size, inode, modification and change times (as git and make know
files: an edit, a copy or ``touch`` changes them, and the change time cannot be set back), so an
unchanged archive is not read again; a file changed within that window is known by its bytes, since
a second edit in the same clock tick could leave its times as they were. A cache therefore never
changes the result; deleting it only costs time. Measured on 1,000 reports: 0.6 s of CPU from the
cache, 1.2 s parsing, 2.3 s parsing and writing the cache. Reads and writes files (under the cache
folder only).
"""
from __future__ import annotations

import contextlib
import copyreg
import dataclasses
import functools
import gc
import os
import stat
import time
from pathlib import Path
from typing import Callable

from tdkt import model
from tdkt.engine.fingerprint import digest, settled
from tdkt.engine.pool import fork_map, on_remote
from tdkt.engine.store import Store, Table, dumps, keep_recent, loads, open_store, trusted
from tdkt.model import MAX_FILE_BYTES
from tdkt.problems import Problem, Problems, Severity

FORMAT = 4          # what a row holds: (folder key, (record or None, problems)), pickled; a report's text apart
KEEP = 8            # archives whose caches are kept (the most recently used)

FolderCache = Store  # one store per data folder: <cache>/catalog/<hash of the data folder>/


def cache_folder(cache_dir: Path, data_dir: Path, *context: str) -> Store:
    """The cache of ``data_dir``'s report folders, for this code (``fingerprint.code``) and these
    vocabularies/gazetteer."""
    return open_store(Path(cache_dir) / "catalog", digest(str(data_dir.resolve()))[:16], FORMAT, *context)


def _listing(folder: Path) -> list[tuple[str, str, os.stat_result | str | None]]:
    """Every entry of ``folder``, sorted: (name, kind, its stat for a regular file / its target for a link)."""
    if folder.is_symlink():
        return [("", "link", os.readlink(folder))]
    out = []
    with os.scandir(folder) as it:
        for entry in sorted(it, key=lambda e: e.name):
            if entry.is_symlink():
                out.append((entry.name, "link", os.readlink(entry.path)))
            elif entry.is_dir():
                out.append((entry.name, "dir", None))
            else:
                st = entry.stat()
                out.append((entry.name, "file" if stat.S_ISREG(st.st_mode) else "other", st))
    return out


def folder_stat(cache: Store, folder: Path, now_ns: int) -> str | None:
    """Every entry of ``folder`` by name, kind and stat signature; None if a file is not settled
    (``fingerprint.settled``: then only its bytes tell what it holds)."""
    parts = [cache.context, folder.name]
    for name, kind, extra in _listing(folder):
        if isinstance(extra, os.stat_result):
            if not settled(extra, now_ns):
                return None
            extra = f"{extra.st_size}:{extra.st_ino}:{extra.st_mtime_ns}:{extra.st_ctime_ns}:{extra.st_mode}"
        parts += [name, kind, extra or ""]
    return digest(*parts)


def folder_key(cache: Store, folder: Path) -> str:
    """What ``folder`` holds: every entry's name, kind and bytes (a file over the size limit or not regular: its
    size), in the store's context. A record is a function of its folder's key (``Catalog.record_keys``)."""
    parts = [cache.context, folder.name]
    for name, kind, extra in _listing(folder):
        if isinstance(extra, os.stat_result):
            if kind == "file" and extra.st_size <= MAX_FILE_BYTES:
                try:
                    extra = (folder / name).read_bytes()
                except OSError:
                    extra = "unreadable"
            else:
                extra = f"{kind}:{extra.st_size}"
        parts += [name, kind, extra or ""]
    return digest(*parts)


Loaded = tuple[object, tuple[Problem, ...]]  # (the record or None, its problems)
TABLE = "folders"  # the store's tables: a row per report folder, named by the folder: its record without its text,
TEXTS = "texts"    # and its text (``model.StoredText``), read when a page or the search index asks for it


def _load_one(folder: Path, load: Callable) -> Loaded:
    local = Problems()
    return (load(folder, local), tuple(local))


def _load_in_worker(shared: tuple, j: int) -> tuple[bytes, bytes | None]:
    """A forked worker's share: key (if not yet known) and parse the ``j``-th folder to load, and send it back
    pickled as it is remembered (parsing and pickling cost ~2.5 ms a report, unpickling ~0.5 ms: the parent keeps
    up): (key and record, the record's text) when texts are kept apart (``apart``), else (key and record, None)."""
    folders, todo, load, keys, cache, apart = shared
    i = todo[j]
    key = keys[i] if keys[i] is not None or cache is None else folder_key(cache, folders[i])
    record, found = _load_one(folders[i], load)
    if apart and isinstance(record, model.Report) and isinstance(record.text, model.ReportText):
        text = record.text
        record = dataclasses.replace(record, text=model.StoredText(name=folders[i].name, key=key, ocr=text.ocr))
        return dumps((key, (record, found))), dumps(text)
    return dumps((key, (record, found))), None


class Texts:
    """Reports' texts read from the store's ``TEXTS`` table, one at a time, as pages ask for them (``fetch``, what
    each ``model.StoredText`` of this catalogue calls). The last few are kept: a report page asks for its blocks,
    its OCR blocks, its furniture and its original in turn. A row that is missing or does not hold its seal (a
    cache deleted or tampered with during the build) is made again from the report folder, if the folder still has
    the record's key; else ``model.TextMissing``. Works in forked workers (a connection per process) and on a cluster's
    workers (pickled without its connection and its loader: there a missing row is ``model.TextMissing``)."""

    KEEP = 4

    def __init__(self, table: Table, folders: dict[str, Path] | None = None, load: Callable | None = None):
        self.table, self.folders, self.load = table, folders or {}, load
        self._con: tuple[int, object] | None = None
        self._recent: dict[tuple[str, str], model.ReportText] = {}

    def __getstate__(self):
        return {"table": self.table}

    def __setstate__(self, state) -> None:
        self.__init__(state["table"])

    def fetch(self, name: str, key: str) -> model.ReportText:
        got = self._recent.get((name, key))
        if got is None:
            if self._con is None or self._con[0] != os.getpid():
                self._con = (os.getpid(), self.table.reader())
            payload = self.table.get(self._con[1], name, key)
            got = loads(payload) if payload is not None else None
            if not isinstance(got, model.ReportText):
                got = self._again(name, key)
            if len(self._recent) >= self.KEEP:
                self._recent.pop(next(iter(self._recent)))
            self._recent[(name, key)] = got
        return got

    def _again(self, name: str, key: str) -> model.ReportText:
        folder = self.folders.get(name)
        if folder is not None and self.load is not None and folder_key(self.table.store, folder) == key:
            record, _ = _load_one(folder, self.load)
            if isinstance(record, model.Report):
                return record.text.get()
        raise model.TextMissing(f"the text of report folder {name} is not in the catalogue's cache ({self.table.path}) "
                          "and its folder changed during the build: build again")


def attach(record, texts: Texts):
    """``record`` with its text readable through ``texts`` (a record remembered or parsed apart from its text)."""
    if isinstance(record, model.Report) and isinstance(record.text, model.StoredText):
        return dataclasses.replace(record, text=dataclasses.replace(record.text, fetch=texts.fetch))
    return record


def _remembered(payload: bytes, key: str) -> Loaded | None:
    saved = loads(payload)
    if not (isinstance(saved, tuple) and len(saved) == 2 and saved[0] == key and isinstance(saved[1], tuple)
            and len(saved[1]) == 2 and isinstance(saved[1][1], tuple)
            and all(isinstance(p, Problem) for p in saved[1][1])):
        return None
    return saved[1]


@trusted
def _rebuild(cls, names: tuple[str, ...], values: tuple):
    obj = object.__new__(cls)
    for set_field, value in zip(_setters.get((cls, names)) or _checked_setters(cls, names), values):
        set_field(obj, value)
    return obj


_setters: dict[tuple, tuple] = {}  # (class, field names) → how each field is set, once the class is checked


def _checked_setters(cls, names: tuple[str, ...]) -> tuple:
    """How ``_rebuild`` sets ``names`` on a ``cls``, once per pair (a report has ~100 objects: checking the class
    and looking each name up for every one of them was a third of the loading): the slots' own setters, or
    ``object.__setattr__`` by name. ``TypeError`` if ``cls`` is not a record of the catalogue."""
    if not (isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__ == model.__name__):
        raise TypeError(f"not a record of the catalogue: {cls!r}")
    slots = [getattr(cls, n, None) if isinstance(n, str) else None for n in names]
    if all(type(slot) is _SLOT for slot in slots):
        found = tuple(slot.__set__ for slot in slots)
    else:
        found = tuple(functools.partial(_set_named, n) for n in names)
    _setters[(cls, names)] = found
    return found


_SLOT = type(model.Block.number)  # a slot's member descriptor


def _set_named(name: str, obj, value) -> None:
    object.__setattr__(obj, name, value)


def _register_fast_pickling() -> None:
    """Frozen slotted dataclasses unpickle through ``dataclasses.fields()`` once per object (a report
    has ~90 blocks): rebuilt from their field values instead, the catalogue's records load ~2x faster."""
    for value in vars(model).values():
        if isinstance(value, type) and dataclasses.is_dataclass(value) and "__slots__" in vars(value):
            names = tuple(f.name for f in dataclasses.fields(value))
            copyreg.pickle(value, lambda obj, names=names: (_rebuild, (type(obj), names,
                                                                       tuple(getattr(obj, n) for n in names))))


_REGISTERED: list[bool] = []


def load_folders(folders: list[Path], load: Callable, problems: Problems, *,
                 cache: Store | None = None, jobs: int = 1) -> list:
    """``load(folder, problems)`` for every folder, in order; see the module docstring. With ``jobs`` > 1,
    folders not remembered are parsed in that many forked processes (``tdkt/engine/pool.py``)."""
    return [result for result, _ in load_keyed(folders, load, problems, cache=cache, jobs=jobs)]


def load_keyed(folders: list[Path], load: Callable, problems: Problems, *,
               cache: Store | None = None, jobs: int = 1) -> list[tuple[object, str | None]]:
    """``load_folders`` with each result's folder key (None without a cache): what the record was made from."""
    if not _REGISTERED:  # once, when first needed (not as a side effect of importing this module)
        _register_fast_pickling()
        _REGISTERED.append(True)
    with _gc_paused():
        return _load_folders(folders, load, problems, cache, jobs)


@contextlib.contextmanager
def _gc_paused():
    """The records are immutable and hold no cycles: collecting while 10,000 reports' objects pile
    up only rescans them (a third of the loading time at 10,000 reports)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _load_folders(folders: list[Path], load: Callable, problems: Problems, cache: Store | None,
                  jobs: int) -> list:
    keys: list[str | None] = [None] * len(folders)
    results: dict[int, Loaded] = {}
    table = texts = None
    stats: list[str | None] = [None] * len(folders)
    restamp: list[tuple[str, str, str]] = []
    if cache is not None:
        cache.touch()
        table = Table(cache, TABLE)
        texts = Texts(Table(cache, TEXTS), {f.name: f for f in folders}, load)
        stored = texts.table.keys()
        now = time.time_ns()
        stats = [folder_stat(cache, folder, now) for folder in folders]
        where = {folder.name: i for i, folder in enumerate(folders)}
        for name, key, tag, payload in table.rows():
            i = where.get(name)
            if i is None or i in results:
                continue
            if stats[i] is None or tag != stats[i]:  # not known by its stat: by its bytes, as git does
                keys[i] = folder_key(cache, folders[i])
                if keys[i] != key:
                    continue
                if stats[i] is not None:  # known by its stat from now on
                    restamp.append((name, stats[i], table.seal(name, key, stats[i], payload)))
            hit = _remembered(payload, key)
            if hit is not None and (not isinstance(hit[0], model.Report) or (name, key) in stored):
                keys[i] = key
                results[i] = hit
    todo = [i for i in range(len(folders)) if i not in results]
    writer = text_writer = None
    if table is not None and (todo or restamp or table.seen > len(results)):
        writer, text_writer = table.writer({f.name for f in folders}), texts.table.writer({f.name for f in folders})
    apart = text_writer is not None and text_writer.con is not None  # else the texts are held in memory
    failed = len(cache.failed) if cache is not None else 0
    shared = (folders, todo, load, keys, cache, apart)
    if jobs > 1 or on_remote():  # on a cluster (tdkt/cluster.py), however many there are
        parsed = zip(todo, fork_map(_load_in_worker, shared, len(todo), jobs=jobs))
    else:
        parsed = ((i, _load_in_worker(shared, j)) for j, i in enumerate(todo)) if cache is not None else \
            ((i, None) for i in todo)
    parted = []
    for i, data in parsed:
        if data is None:
            results[i] = _load_one(folders[i], load)
            continue
        record, text = data
        keys[i], results[i] = loads(record)
        if writer is not None:
            writer.put(folders[i].name, keys[i], record, stats[i] or "")
        if text is not None:
            text_writer.put(folders[i].name, keys[i], text)
            parted.append(i)
    if writer is not None:
        for name, tag, seal in restamp:
            writer.retag(name, tag, seal)
        writer.close()
        text_writer.close()
    if parted and len(cache.failed) > failed:  # a text not stored after all: parsed again, held in memory
        for i in parted:
            results[i] = _load_one(folders[i], load)
    for i in range(len(folders)):
        for p in results[i][1]:
            problems.add(p.origin, p.code, p.field, p.message, p.fix, warning=p.severity is Severity.WARNING)
    if cache is not None:
        cache.prune(table.files() | texts.table.files())
        keep_recent(cache.folder.parent, KEEP)
        return [(attach(results[i][0], texts), keys[i]) for i in range(len(folders))]
    return [(results[i][0], keys[i]) for i in range(len(folders))]
