"""Open data rows remembered: a report's lines of the open data files are written again only when it changed.

A report's rows in ``du-lieu/bao-cao.*`` and ``du-lieu/khen-thuong.*`` (its CSV line, its JSON object, its award
records' lines and objects, as ``tdkt/site/exports.py`` writes them) are a function of its record
(``Catalog.record_keys``: its folder's files, the code, the vocabularies, the gazetteer's version), of the name of
its unit's province (the one name a row takes from outside the record), of the site's address (``site_url``, for the
links) and of the code (``fingerprint.code()``: the store's context). The memory keeps, per report, the digest of
those and the rows' text; next build a report whose digest is the same gives the same text without making its rows
again, and the files are those texts joined in the tables' order, byte for byte what a build without memory writes
(``tests/site/test_exports.py``, ``tests/test_incremental.py``). Unlike the page memories it holds text, not file
signatures: nothing under ``site_src/`` is trusted, the files are always written whole (and compared by
``sync_tree``).

One entry of the store ``<cache>/pages/`` per ``site_src/`` folder, read once and written once per build (only
when some report's rows were made). Reads and writes the store.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tdkt.engine.fingerprint import digest
from tdkt.engine.store import Store, dumps
from tdkt.site.page_memory import KEEP, recall

# report id → (digest, (report CSV line, report JSON object, award CSV lines, award JSON objects))
Rows = tuple[str, str, tuple[str, ...], tuple[str, ...]]


def _valid(known) -> bool:
    return isinstance(known, dict) and all(
        isinstance(k, str) and isinstance(v, tuple) and len(v) == 2 and isinstance(v[0], str)
        and isinstance(v[1], tuple) and len(v[1]) == 4 and isinstance(v[1][0], str) and isinstance(v[1][1], str)
        and isinstance(v[1][2], tuple) and isinstance(v[1][3], tuple) and len(v[1][2]) == len(v[1][3])
        and all(isinstance(x, str) for x in (*v[1][2], *v[1][3]))
        for k, v in known.items())


@dataclass
class RowMemory:
    """What the last build wrote of each report's rows (``known``) and what this one writes (``notes``)."""

    store: Store
    entry: str
    known: dict[str, tuple[str, Rows]]
    notes: dict[str, tuple[str, Rows]] = field(default_factory=dict)
    made: int = 0

    def rows(self, report_id: str, key: str | None) -> Rows | None:
        """The report's rows as the last build wrote them from the same ``key``, else None."""
        old = self.known.get(report_id)
        if key is None or old is None or old[0] != key:
            return None
        self.notes[report_id] = old
        return old[1]

    def note(self, report_id: str, key: str | None, rows: Rows) -> None:
        self.made += 1
        if key is not None:
            self.notes[report_id] = (key, rows)

    def save(self) -> None:
        """The one entry, written when something changed (a report's rows made, or a report gone)."""
        if self.made or len(self.notes) != len(self.known):
            self.store.write(self.entry, dumps(self.notes))
            self.store.keep_newest(".rows", KEEP)


def open_rows(cache_dir: Path | None, docs: Path) -> RowMemory | None:
    """The memory of the open data rows written into ``docs`` (None without a cache)."""
    recalled = recall(cache_dir, docs, ".rows")
    if recalled is None:
        return None
    store, entry, known = recalled
    return RowMemory(store=store, entry=entry, known=known if _valid(known) else {})


def row_key(record_key: str | None, province: str | None, site_url: str | None) -> str | None:
    """What a report's rows are made from, but the code (the store's context); None without a record key."""
    return None if record_key is None else digest(record_key, province or "", site_url or "")
