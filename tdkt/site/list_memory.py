"""List pages remembered: a unit's, a year's or a movement's pages are made again only when what they show changed.

A list (a unit's pages, a year's, a movement's: all its pages ``trang-N/``) is a function of:

- the records of the reports it lists (``Catalog.record_keys``: a record is a function of its folder's key, which
  holds the code, the vocabularies and the gazetteer's version);
- what it shows besides them, given by the caller as ``extra`` (its unit or movement record, the names the
  gazetteer gives its unit's parents and successors, a province's member units with theirs, the published
  exemplars it lists);
- the code (``fingerprint.code()``: the store's context).

The memory keeps, per list, the digest of those and the signature of each of its files as this build left them
(inode, size, modification time; ``page_memory``'s rule). Next build, a list whose digest is the same and whose files
are still exactly as left (settled when recorded) is not made again: its files go to ``sync_tree`` as ``KEPT``.
Anything else (another digest, a file touched or removed, a memory missing, damaged or of other code) makes the list
again exactly as a full build does: the memory changes what a build costs, never what it writes
(``tests/test_incremental.py`` compares with a full build byte for byte).

One entry of the store ``<cache>/pages/`` per ``site_src/`` folder (beside ``page_memory``'s), read once and written
once per build, after ``sync_tree``. Reads file signatures under ``site_src/``; reads and writes the store.
"""
from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from tdkt.engine.fingerprint import digest
from tdkt.engine.store import Store, dumps
from tdkt.model import Catalog, Report
from tdkt.site.page_memory import KEEP, file_signatures, files_as_left, recall

# list name ("unit:<id>", "year:<year>", "movement:<id>") → (digest, ((path, stat signature or None), ...))
Note = tuple[str, tuple]


def _valid(known) -> bool:
    return isinstance(known, dict) and all(
        isinstance(k, str) and isinstance(v, tuple) and len(v) == 2 and isinstance(v[1], tuple)
        for k, v in known.items())


@dataclass
class ListMemory:
    """What the last build made of each list (``known``) and what this one makes (``notes``)."""

    store: Store
    entry: str
    docs: Path
    gazetteer_source: str
    known: dict[str, Note]
    notes: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)  # name → (digest, paths)
    kept: set[str] = field(default_factory=set)
    made: int = 0

    def key(self, catalog: Catalog, reports: Iterable[Report], extra: object) -> str | None:
        """The digest of what a list is made from: its reports' record keys and ``extra``'s ``repr`` (frozen
        records and strings: their ``repr`` is their value). None: not known (a report without a record key)."""
        keys = []
        for r in reports:
            k = catalog.record_keys.get(r.id)
            if k is None:
                return None
            keys.append(k)
        return digest(self.gazetteer_source, repr(extra), *keys)

    def kept_files(self, name: str, key: str | None) -> tuple[str, ...] | None:
        """The list's files if the last build made them from the same ``key`` and they are still as it left them
        (then noted as kept), else None (the caller makes the list and calls ``note``)."""
        old = self.known.get(name)
        if key is None or old is None or old[0] != key or not files_as_left(self.docs, old[1]):
            return None
        self.notes[name] = (key, tuple(path for path, _ in old[1]))
        self.kept.add(name)
        return self.notes[name][1]

    def note(self, name: str, key: str | None, files: Iterable[str]) -> None:
        """This build made the list ``name`` from ``key`` into ``files``."""
        self.made += 1
        if key is not None:
            self.notes[name] = (key, tuple(files))

    def save(self) -> None:
        """After ``sync_tree``: each file's signature as it is now, if settled, then the one entry written."""
        now = time.time_ns()
        out: dict[str, Note] = {}
        for name, (key, paths) in self.notes.items():
            if name in self.kept:
                out[name] = self.known[name]
                continue
            out[name] = (key, file_signatures(self.docs, paths, now))
        self.store.write(self.entry, dumps(out))
        self.store.keep_newest(".lists", KEEP)

    def summary(self) -> str:
        return f"danh sách: {self.made} tạo lại, {len(self.kept)} giữ nguyên"


def open_lists(cache_dir: Path | None, docs: Path, gazetteer_source: str) -> ListMemory | None:
    """The memory of the list pages written into ``docs`` (None without a cache)."""
    recalled = recall(cache_dir, docs, ".lists")
    if recalled is None:
        return None
    store, entry, known = recalled
    return ListMemory(store=store, entry=entry, docs=Path(docs), gazetteer_source=gazetteer_source,
                      known=known if _valid(known) else {})
