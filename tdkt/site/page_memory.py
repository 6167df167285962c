"""Report pages remembered: a report's files in ``site_src/`` are made again only when what they are made from changed.

A report's files (its page, its verbatim original's page, its OCR page, the pages at its former ids, its published
original) are a function of:

- its record: the catalogue's folder key (``Catalog.record_keys``: the folder's files, the code, the vocabularies,
  the gazetteer's version);
- the names the gazetteer gives its unit's parents and successors (the only units its page names besides its own);
- the published exemplars drawn from it (the page lists them);
- the reports its citations resolve to (another report's number or date can change which report a citation links);
- the code (``fingerprint.code()``: the store's context).

The memory keeps, per report, the digest of the first three, the numbered citations it looked up and what they
resolved to, and each file's signature as this build left it (inode, size, modification time). Next build, a
report whose digest is the same, whose citations resolve to the same reports, and whose files are still exactly as
left (same signature, and settled when recorded: git's rule for racy files) is not made again: its files go to ``sync_tree`` as ``KEPT``. Anything else (another digest, a
file touched, removed or recorded too fresh, a memory that is missing, damaged or of other code) makes the report
again exactly as a full build does: the memory changes what a build costs, never what it writes
(``tests/test_incremental.py`` compares with a full build byte for byte).

One entry of the store per ``site_src/`` folder (``<cache>/pages/``), read once and written once per build (after
``sync_tree`` has written the files whose signatures it records). Reads file signatures under ``site_src/``;
reads and writes the store.
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from tdkt.engine import fingerprint
from tdkt.engine.fingerprint import digest
from tdkt.engine.store import Store, dumps, loads, open_store
from tdkt.model import Catalog, Exemplar, Report
from tdkt.site.present import parents, successors

FORMAT = 1
KEEP = 8  # site_src/ folders remembered (the most recently built)

# report id → (digest, numbered citations, what they resolved to, ((path, stat signature or None), ...))
Note = tuple[str, tuple, tuple, tuple]


def _sig(st: os.stat_result) -> tuple[int, int, int]:
    """A generated file's signature: inode, size, modification time. Not the change time, which the renderer moves
    when it hard-links a file of ``site_src/`` into the site (a published original, say), build after build."""
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def _settled(st: os.stat_result, now_ns: int) -> bool:
    """Last written more than ``fingerprint.RACY_NS`` before ``now_ns`` (an edit in the same clock tick as the
    build's write could leave the signature as it was: such a file is made again next time)."""
    return st.st_mtime_ns < now_ns - fingerprint.RACY_NS


def _valid(known) -> bool:
    return isinstance(known, dict) and all(
        isinstance(k, str) and isinstance(v, tuple) and len(v) == 4 and isinstance(v[3], tuple) for k, v in known.items())


@dataclass
class PageMemory:
    """What the last build made of each report (``known``) and what this one makes (``notes``)."""

    store: Store
    entry: str
    docs: Path
    gazetteer_source: str
    known: dict[str, Note]
    notes: dict[str, tuple] = field(default_factory=dict)     # report id → (digest, cites, held, paths)
    kept_files: set[str] = field(default_factory=set)          # docs-relative paths passed on as KEPT
    kept_ids: set[str] = field(default_factory=set)            # reports whose files were not made again
    made: int = 0

    # -- in the workers (pure but for the stat calls)
    def key(self, r: Report, catalog: Catalog, exemplars: list[Exemplar]) -> str | None:
        """The digest of what ``r``'s files are made from, but its citations; None: not known (no record key)."""
        record = catalog.record_keys.get(r.id)
        if record is None:
            return None
        units = (parents(r.unit, catalog.units), successors(r.unit, catalog.units)) if r.unit is not None else ()
        return digest(record, self.gazetteer_source, repr(units), repr(tuple(exemplars)))

    def citations(self, r: Report, key: str | None) -> tuple | None:
        """The numbered citations the last build found in ``r`` if it had the same key (they are a function of the
        report), else None."""
        note = self.known.get(r.id)
        return note[1] if key is not None and note is not None and note[0] == key else None

    def unchanged(self, r: Report, key: str | None, held: tuple) -> bool:
        """True if the last build made ``r``'s files from the same inputs and they are still as it left them."""
        note = self.known.get(r.id)
        if key is None or note is None or note[0] != key or note[2] != held:
            return False
        return files_as_left(self.docs, note[3])

    # -- in the parent
    def note(self, report_id: str, note: tuple, kept: bool) -> None:
        """Record what this build made of a report (``note``: digest, cites, held, paths); ``kept``: not made again."""
        self.notes[report_id] = note
        if kept:
            self.kept_ids.add(report_id)
            self.kept_files.update(note[3])
        else:
            self.made += 1

    def save(self) -> None:
        """After ``sync_tree``: each file's signature as it is now, if settled, then the one entry written."""
        now = time.time_ns()
        out: dict[str, Note] = {}
        for rid, (key, cites, held, paths) in self.notes.items():
            old = self.known.get(rid)
            if rid in self.kept_ids and old is not None:
                out[rid] = old
                continue
            out[rid] = (key, cites, held, file_signatures(self.docs, paths, now))
        self.store.write(self.entry, dumps(out))
        self.store.keep_newest(".pages", KEEP)

    def summary(self) -> str:
        return f"trang báo cáo: {self.made} báo cáo tạo lại, {len(self.kept_ids)} giữ nguyên"


def files_as_left(docs: Path, signed) -> bool:
    """True if every file of ``signed`` (``file_signatures``' pairs) is still as the last build left it."""
    for path, sig in signed:
        if sig is None:
            return False
        try:
            if _sig(os.stat(docs / path)) != tuple(sig):
                return False
        except (OSError, TypeError, ValueError):
            return False
    return True


def file_signatures(docs: Path, paths, now: int) -> tuple:
    """Each file's (path, stat signature) as it is now, the signature None for a missing or unsettled file."""
    files = []
    for path in paths:
        try:
            st = os.stat(docs / path)
        except OSError:
            files.append((path, None))
            continue
        files.append((path, _sig(st) if _settled(st, now) else None))
    return tuple(files)


def recall(cache_dir: Path | None, docs: Path, suffix: str):
    """The store, the entry name and what was remembered (None when nothing) of one kind of memory (``suffix``:
    ``.pages``, ``.lists``, ``.rows``) of the files written into ``docs``; None without a cache."""
    store = open_store(cache_dir, "pages", FORMAT)
    if store is None:
        return None
    entry = digest(str(Path(docs).resolve()))[:24] + suffix
    data = store.read(entry)
    return store, entry, loads(data) if data is not None else None


def open_memory(cache_dir: Path | None, docs: Path, gazetteer_source: str) -> PageMemory | None:
    """The memory of the report pages written into ``docs`` (None without a cache)."""
    recalled = recall(cache_dir, docs, ".pages")
    if recalled is None:
        return None
    store, entry, known = recalled
    store.touch()
    return PageMemory(store=store, entry=entry, docs=Path(docs), gazetteer_source=gazetteer_source,
                      known=known if _valid(known) else {})
