"""The search index's cache: the postings of runs of reports, one file each, read and written here.

Used by ``tdkt/search.py`` (``search_files(catalog, cache_dir)``), which plans the runs; this module
only names, encodes, checks, stores, finds and prunes them. Reads and writes files under the cache
folder only.
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import struct
import sys
import unicodedata
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

from .lunr_build import DocTerms, FieldPostings, Postings, split_docs

# ------------------------------------------------------------------ the cache (reads and writes files)
#
# One file per run of reports, named by the run's key (a hash of its reports' keys), holding the run's
# postings: its terms and, per field, each term's documents and counts, and each document's length — every
# report's analysis, in the form the index merges without analysing or parsing anything. A report's key
# hashes its text and body as analysed and the code (search.py, search_text.py, collate.py, lunr_build.py,
# the Unicode and Python versions): a changed report gets a new key and its run a new file, so an entry
# is never stale, only unused; after each build the unused ones are removed, once the reports they still
# remember have been taken (an edited report's run is made again from the others' remembered analyses).
# Files are written under a temporary name and renamed, and used only if their checksum holds: a damaged
# or foreign file is ignored; a file that cannot be written (full disk, read-only folder) is skipped.
# Safe to delete; git-ignored (it lives under the build's .cache/, which the command line passes).

CACHE_FORMAT = b"tdkt search run 1\n"  # change when this file format or what it holds changes
_CODE = ("search.py", "search_cache.py", "search_text.py", "collate.py", "lunr_build.py")


@dataclass(frozen=True, slots=True)
class RunCache:
    folder: Path   # <cache_dir>/runs/
    context: str   # hash of the analysis code
    fields: int    # fields of the index (a remembered run with another number is foreign)


def run_cache(cache_dir: Path, fields: Sequence[str]) -> RunCache:
    here = Path(__file__).parent
    code = [(here / name).read_bytes() for name in _CODE]
    context = digest_of(CACHE_FORMAT, *code, unicodedata.unidata_version, "%d.%d" % sys.version_info[:2],
                      ",".join(fields))
    return RunCache(folder=cache_dir / "runs", context=context, fields=len(fields))


def digest_of(*parts: bytes | str) -> str:
    h = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def analysis_key(context: str, text: str, body: str | None) -> str:
    """What a report's analysis depends on: its text, its body (None: no exact field), the code."""
    return digest_of(context, text, "-" if body is None else "+", body or "")


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


def _entry(cache: RunCache, key: str) -> Path:
    return cache.folder / f"{key}.run"


def load_run(cache: RunCache, key: str) -> Postings | None:
    try:
        return decode_run(_entry(cache, key).read_bytes(), cache.fields)
    except OSError:
        return None


def store_run(cache: RunCache, key: str, keys: Sequence[str], postings: Postings) -> None:
    data = encode_run(keys, postings)
    if data is None:
        return
    path = _entry(cache, key)
    temporary = path.with_name(f"{key}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except OSError:  # a full disk or a read-only cache costs time on the next build, nothing else
        with contextlib.suppress(OSError):
            temporary.unlink()


def remembered_docs(cache: RunCache, wanted: set[str], current: set[str]) -> dict[str, DocTerms]:
    """The analyses of the ``wanted`` report keys that runs of the cache other than ``current`` remember."""
    found: dict[str, DocTerms] = {}
    if not cache.folder.is_dir():
        return found
    for entry in sorted(os.scandir(cache.folder), key=lambda e: e.name):
        if not entry.name.endswith(".run") or entry.name[:-4] in current or len(found) == len(wanted):
            continue
        try:
            with open(entry.path, "rb") as f:
                head = f.read(len(CACHE_FORMAT) + _HEAD.size)
                count = _HEAD.unpack_from(head, len(CACHE_FORMAT))[0] if len(head) == len(CACHE_FORMAT) + _HEAD.size else 0
                keys = run_keys(head + f.read(20 * count))
                if not (keys & (wanted - found.keys())):
                    continue
                f.seek(0)
                data = f.read()
        except OSError:
            continue
        postings = decode_run(data, cache.fields)
        if postings is None:
            continue
        order = [data[len(CACHE_FORMAT) + _HEAD.size + 20 * n:][:20].hex() for n in range(postings.count)]
        for key, terms in zip(order, split_docs(postings)):
            if key in wanted:
                found.setdefault(key, terms)
    return found


def prune(cache: RunCache, keep: set[str]) -> None:
    """Remove every file of the cache folder but the runs of ``keep`` (leftover temporary files too)."""
    if not cache.folder.is_dir():
        return
    with os.scandir(cache.folder) as entries:
        stale = [e.path for e in entries if e.name.removesuffix(".run") not in keep or not e.name.endswith(".run")]
    for path in stale:
        try:
            os.remove(path)
        except OSError:
            pass
