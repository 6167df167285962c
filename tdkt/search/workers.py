"""What the search index's worker processes do (they are ``tdkt.engine.pool.Fresh`` processes).

``IndexWorker.handle("run", task)`` makes a run's postings (``index.run_postings``);
``handle("index", (parts, count))`` merges the runs into the term shards, file by file
(``index._index_files``). ``tdkt/search/index.py`` names this class to the pool by its name only, so
nothing imports back: index → (pool, by name) → workers → index is no import cycle.
"""
from __future__ import annotations

from collections.abc import Iterator

from tdkt.search.index import _index_files, run_postings

HANDLER = "tdkt.search.workers:IndexWorker"


class IndexWorker:
    def handle(self, kind: str, value) -> Iterator:
        if kind == "run":
            yield run_postings(value)
        elif kind == "index":
            parts, count = value
            yield from _index_files(parts, count)
        else:
            raise ValueError(f"unknown request {kind!r}")
