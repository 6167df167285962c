"""The search index's cache: the postings of runs of reports, one file each, read and written here.

Used by ``tdkt/search/index.py`` (``search_files(catalog, cache_dir)``), which plans the runs; this module
only names, encodes, checks, stores, finds and prunes them. Reads and writes files under the cache
folder only.
"""
from __future__ import annotations

import struct
import zlib
from pathlib import Path
from typing import Sequence

import numpy as np

from tdkt.engine.fingerprint import digest
from tdkt.engine.store import Store, open_store
from tdkt.search.lunr_build import DocTerms, FieldPostings, Postings, split_docs

# ------------------------------------------------------------------ the cache (reads and writes files)
#
# One file per run of reports, named by the run's key (a hash of its reports' keys), holding the run's
# postings: its terms and, per field, each term's documents and counts, and each document's length — every
# report's analysis, in the form the index merges without analysing or parsing anything. A report's key
# hashes its text and body as analysed and the store's context (the whole package's code, the Unicode and
# Python versions, this format, the index's fields): a changed report gets a new key and its run a new file, so an entry
# is never stale, only unused; after each build the unused ones are removed, once the reports they still
# remember have been taken (an edited report's run is made again from the others' remembered analyses).
# The store (tdkt/engine/store.py) writes atomically and uses an entry only if its digest holds; the run's
# own format is checked again here (its CRC, its counts): a damaged or foreign file is ignored; a file that
# cannot be written (full disk, read-only folder) is skipped.
# Safe to delete; git-ignored (it lives under the build's .cache/, which the command line passes).

CACHE_FORMAT = b"tdkt search run 1\n"  # change when this file format or what it holds changes
FORMAT = 1


RunCache = Store  # <cache_dir>/runs/: one entry per run, in the one cache store (tdkt/engine/store.py)


def run_cache(cache_dir: Path, fields: Sequence[str]) -> Store:
    """The runs' store: keyed by the code (``fingerprint.code``), this format and the index's fields."""
    return open_store(cache_dir, "runs", FORMAT, CACHE_FORMAT, ",".join(fields))


def analysis_key(context: str, text: str, body: str | None, meta: str = "", number: str = "") -> str:
    """What a report's analysis depends on: its text, its body (None: no exact field), its metadata and number
    (``index.analysis_input``), the code."""
    return digest(context, text, "-" if body is None else "+", body or "", meta, number)


_HEAD = struct.Struct("<IIIQ")  # documents, fields, terms, bytes of the terms
_FIELD = struct.Struct("<QB")   # postings, bytes per term frequency (2 or 4)


def encode_run(keys: Sequence[str], postings: Postings) -> bytes | None:
    """A run's keys and postings as bytes (None if they cannot be: a term holding a line break)."""
    if any("\n" in term for term in postings.terms) or postings.count > 0xFFFF:
        return None
    terms = "\n".join(postings.terms).encode("utf-8", "surrogatepass")
    out = [CACHE_FORMAT, _HEAD.pack(postings.count, len(postings.fields), len(postings.terms), len(terms)),
           b"".join(bytes.fromhex(k) for k in keys), terms]
    for field in postings.fields:
        wide = len(field.tfs) and int(field.tfs.max()) > 0xFFFF
        out += (_FIELD.pack(len(field.docs), 4 if wide else 2),
                np.diff(field.starts).astype(np.uint32).tobytes(), field.docs.astype(np.uint16).tobytes(),
                field.tfs.astype(np.uint32 if wide else np.uint16).tobytes(), field.lengths.astype(np.uint32).tobytes())
    body = b"".join(out)
    return body + struct.pack("<I", zlib.crc32(body))


def run_keys(data: bytes) -> set[str]:
    """The report keys a run's file names (unchecked: only a hint of where to look)."""
    at = len(CACHE_FORMAT) + _HEAD.size
    if not data.startswith(CACHE_FORMAT) or len(data) < at:
        return set()
    count = _HEAD.unpack_from(data, len(CACHE_FORMAT))[0]
    return {data[at + 20 * n:at + 20 * n + 20].hex() for n in range(count) if at + 20 * n + 20 <= len(data)}


def decode_run(data: bytes, n_expected: int) -> Postings | None:
    """``encode_run`` undone; None for bytes it did not write (damaged, truncated, another format, or
    not ``n_expected`` fields)."""
    if len(data) < len(CACHE_FORMAT) + _HEAD.size + 4 or not data.startswith(CACHE_FORMAT):
        return None
    if zlib.crc32(memoryview(data)[:-4]) != struct.unpack("<I", data[-4:])[0]:
        return None
    try:
        at = len(CACHE_FORMAT)
        count, n_fields, n_terms, n_bytes = _HEAD.unpack_from(data, at)
        at += _HEAD.size + 20 * count
        terms = tuple(data[at:at + n_bytes].decode("utf-8", "surrogatepass").split("\n")) if n_terms else ()
        at += n_bytes
        if len(terms) != n_terms:
            return None

        def take(dtype, n):
            nonlocal at
            array_ = np.frombuffer(data, dtype=dtype, count=n, offset=at)
            at += array_.nbytes
            return array_

        fields = []
        for _ in range(n_fields):
            n_postings, width = _FIELD.unpack_from(data, at)
            at += _FIELD.size
            starts = np.zeros(n_terms + 1, dtype=np.int64)
            np.cumsum(take(np.uint32, n_terms), out=starts[1:])
            docs = take(np.uint16, n_postings)
            tfs = take(np.uint32 if width == 4 else np.uint16, n_postings)
            fields.append(FieldPostings(starts=starts, docs=docs, tfs=tfs, lengths=take(np.uint32, count)))
            if starts[-1] != n_postings:
                return None
        if at != len(data) - 4 or n_fields != n_expected:
            return None
        return Postings(count=count, terms=terms, fields=tuple(fields))
    except (struct.error, UnicodeDecodeError, ValueError):
        return None


def _entry(key: str) -> str:
    return f"{key}.run"


def load_run(cache: Store, key: str, fields: int) -> Postings | None:
    data = cache.read(_entry(key))
    return None if data is None else decode_run(data, fields)


def store_run(cache: Store, key: str, keys: Sequence[str], postings: Postings) -> None:
    data = encode_run(keys, postings)
    if data is not None:
        cache.write(_entry(key), data)  # a write that fails costs time on the next build, nothing else


def remembered_docs(cache: Store, fields: int, wanted: set[str], current: set[str]) -> dict[str, DocTerms]:
    """The analyses of the ``wanted`` report keys that runs of the cache other than ``current`` remember."""
    found: dict[str, DocTerms] = {}
    for name in cache.names(".run"):
        if name[:-4] in current or len(found) == len(wanted):
            continue
        head = cache.peek(name, len(CACHE_FORMAT) + _HEAD.size)
        if head is None or len(head) < len(CACHE_FORMAT) + _HEAD.size or not head.startswith(CACHE_FORMAT):
            continue
        count = _HEAD.unpack_from(head, len(CACHE_FORMAT))[0]
        hint = cache.peek(name, len(CACHE_FORMAT) + _HEAD.size + 20 * count)
        if hint is None or not (run_keys(hint) & (wanted - found.keys())):
            continue
        data = cache.read(name)
        postings = None if data is None else decode_run(data, fields)
        if postings is None:
            continue
        order = [data[len(CACHE_FORMAT) + _HEAD.size + 20 * n:][:20].hex() for n in range(postings.count)]
        for key, terms in zip(order, split_docs(postings)):
            if key in wanted:
                found.setdefault(key, terms)
    return found


def prune(cache: Store, keep: set[str]) -> None:
    """Remove every file of the cache folder but the runs of ``keep`` (leftover temporary files too)."""
    cache.prune({_entry(key) for key in keep})
