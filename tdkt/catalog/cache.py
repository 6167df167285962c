"""Report folders → records, not parsed again for a folder whose bytes have not changed.

``load_folders(folders, load, problems, cache=)`` calls ``load(folder, problems)`` for each folder
(``catalog._load_report``) and returns the results in folder order, the problems added in folder
order too, exactly as one loop would. Parsing a report costs ~1.2 ms of CPU and sending it back
from a worker process (pickled, ~45 KB of text) about as much; but a folder not remembered is
parsed and pickled for the cache anyway, so with ``jobs`` > 1 forked workers parse, pickle and
store, and send the pickle back, which this process only unpickles (~0.5 ms). With a
cache (a ``Store`` of ``tdkt/engine/store.py``), each folder's result and problems are kept in an entry named after the
folder; they are used again only when the folder's key is the same: a hash of every entry of the
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
import gc
import os
import time
from pathlib import Path
from typing import Callable

from tdkt import model
from tdkt.engine.fingerprint import digest, settled
from tdkt.engine.pool import fork_map
from tdkt.engine.store import Store, dumps, entry_name, keep_recent, loads, open_store, trusted
from tdkt.model import MAX_FILE_BYTES
from tdkt.problems import Problem, Problems, Severity

FORMAT = 2          # what an entry holds: (folder key, (record or None, problems))
KEEP = 8            # archives whose caches are kept (the most recently used)

FolderCache = Store  # one store per data folder: <cache>/catalog/<hash of the data folder>/


def cache_folder(cache_dir: Path, data_dir: Path, *context: str) -> Store:
    """The cache of ``data_dir``'s report folders, for this code (``fingerprint.code``) and these
    vocabularies/gazetteer."""
    return open_store(Path(cache_dir) / "catalog", digest(str(data_dir.resolve()))[:16], FORMAT, *context)


def folder_key(cache: Store, folder: Path, now_ns: int | None = None) -> str:
    """Every entry of ``folder``: name, kind and bytes or stat signature (files over the size limit: their size)."""
    now = time.time_ns() if now_ns is None else now_ns
    parts = [cache.context, folder.name, "link" if folder.is_symlink() else "dir"]
    if not folder.is_symlink():
        with os.scandir(folder) as it:
            for entry in sorted(it, key=lambda e: e.name):
                if entry.is_symlink():
                    parts += [entry.name, "link", os.readlink(entry.path)]
                elif entry.is_dir():
                    parts += [entry.name, "dir"]
                else:
                    st = entry.stat()
                    if st.st_size > MAX_FILE_BYTES:
                        parts += [entry.name, "big", str(st.st_size)]
                    elif settled(st, now):
                        parts += [entry.name, "stat", f"{st.st_size}:{st.st_ino}:{st.st_mtime_ns}:{st.st_ctime_ns}"]
                    else:
                        parts += [entry.name, "file", Path(entry.path).read_bytes()]
    return digest(*parts)


Loaded = tuple[object, tuple[Problem, ...]]  # (the record or None, its problems)


def _entry(folder: Path) -> str:
    return entry_name(folder.name, ".pickle")


def _load_one(folder: Path, load: Callable, key: str | None, cache: Store | None) -> Loaded:
    local = Problems()
    result = (load(folder, local), tuple(local))
    if cache is not None and key is not None:
        cache.write(_entry(folder), dumps((key, result)))
    return result


def _load_in_worker(shared: tuple, j: int) -> bytes:
    """A forked worker's share: parse the ``j``-th folder to load, remember it, send it back pickled
    (parsing and pickling cost ~2.5 ms a report, unpickling ~0.5 ms: the parent keeps up)."""
    folders, todo, load, keys, cache = shared
    i = todo[j]
    data = dumps((keys[i], _load_one(folders[i], load, None, None)))
    if cache is not None and keys[i] is not None:
        cache.write(_entry(folders[i]), data)
    return data


def _cached(cache: Store, folder: Path, key: str) -> Loaded | None:
    data = cache.read(_entry(folder))
    saved = None if data is None else loads(data)
    if not (isinstance(saved, tuple) and len(saved) == 2 and saved[0] == key):
        return None
    return saved[1]


@trusted
def _rebuild(cls, names: tuple[str, ...], values: tuple):
    if not (isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__ == model.__name__):
        raise TypeError(f"not a record of the catalogue: {cls!r}")
    obj = object.__new__(cls)
    for name, value in zip(names, values):
        object.__setattr__(obj, name, value)
    return obj


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
    if cache is not None:
        cache.touch()
        now = time.time_ns()
        for i, folder in enumerate(folders):
            keys[i] = folder_key(cache, folder, now)
            hit = _cached(cache, folder, keys[i])
            if hit is not None:
                results[i] = hit
    todo = [i for i in range(len(folders)) if i not in results]
    if jobs > 1:
        for i, data in zip(todo, fork_map(_load_in_worker, (folders, todo, load, keys, cache), len(todo), jobs=jobs)):
            results[i] = loads(data)[1]
    else:
        for i in todo:
            results[i] = _load_one(folders[i], load, keys[i], cache)
    for i in range(len(folders)):
        for p in results[i][1]:
            problems.add(p.origin, p.code, p.field, p.message, p.fix, warning=p.severity is Severity.WARNING)
    if cache is not None:
        cache.prune({_entry(f) for f in folders})
        keep_recent(cache.folder.parent, KEEP)
    return [(results[i][0], keys[i]) for i in range(len(folders))]
