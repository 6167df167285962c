"""Documents' terms → lunr's index (terms, postings, BM25 weights) as compact per-term records.

Input: for every document (in order), each field's list of terms. Output: ``[(term, record)]``
sorted as JavaScript compares strings (UTF-16 code units), where ``record`` is the JSON text
``["term", lunrIndex, [fieldNumber, [docDelta, weight×1000, ...]], ...]`` that the browser turns
back into lunr.js's ``invertedIndex`` and ``fieldVectors``.

The weights are lunr.Builder's: BM25 with k1 = 1.2, b = 0.75, the field's boost, three decimals;
a term's idf counts a document once per field holding it, as lunr does. Term indexes are unique
but not lunr's first-sight numbering (only their uniqueness matters to lunr's scoring).

Why not lunr.py's Builder: it keeps every posting as nested Python dicts (5 GB and many minutes
at ten thousand reports). Here postings are numpy columns, and fields that share no terms are
built in separate processes (both cores). Pure apart from that parallelism; deterministic.
"""
from __future__ import annotations

import json
import multiprocessing
from array import array
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from itertools import repeat
from typing import Callable, Sequence

import numpy as np

K1, B = 1.2, 0.75
PARALLEL_FROM = 300  # documents; below this, forking costs more than it saves

# set by build_records before forking, read by the workers (fork shares it copy-on-write)
_JOB: dict = {}


def _utf16(term: str) -> bytes:
    return term.encode("utf-16-be")


def _columns(analyse, count: int, fields: Sequence[str], term_ids: dict[str, int]):
    """Per field: (term id, doc, tf) columns and the field length of every document."""
    cols = {f: (array("I"), array("I"), array("I"), array("I")) for f in fields}
    for doc in range(count):
        term_lists = analyse(doc, fields)
        for field in fields:
            ids, docs, tfs, lengths = cols[field]
            terms = term_lists[field]
            counts = Counter(terms)
            ids.extend([term_ids.setdefault(t, len(term_ids)) for t in counts])
            tfs.extend(counts.values())
            docs.extend(repeat(doc, len(counts)))
            lengths.append(len(terms))
    as_np = lambda a: np.frombuffer(a, dtype=np.uint32).astype(np.int64)  # noqa: E731
    return {f: tuple(as_np(a) for a in cols[f]) for f in fields}


def group_records(analyse: Callable[[int, Sequence[str]], dict[str, list[str]]], count: int, fields: Sequence[str],
                  field_numbers: dict[str, int], boosts: dict[str, float], group: int,
                  groups: int) -> list[tuple[bytes, str, str]]:
    """Records of the terms of ``fields`` (which share terms), over documents 0…count-1.

    ``analyse(doc, fields)`` gives a document's term lists; term indexes are ``local × groups + group``,
    so groups built apart never collide. Returns (UTF-16 sort key, term, record JSON).
    """
    term_ids: dict[str, int] = {}
    columns = _columns(analyse, count, fields, term_ids)
    n_terms = len(term_ids)
    df = np.zeros(n_terms, dtype=np.int64)
    for ids, _, _, _ in columns.values():
        df += np.bincount(ids, minlength=n_terms)
    idf = np.log1p(np.abs((count - df + 0.5) / (df + 0.5)))
    segments = {}
    for field, (ids, docs, tfs, lengths) in columns.items():
        average = lengths.sum() / count if count else 0
        norm = K1 * (1 - B + B * (lengths[docs] / average)) if average else np.full(len(docs), K1)
        score = idf[ids] * ((K1 + 1) * tfs) / (norm + tfs) * boosts[field]
        weight = np.rint(np.round(score, 3) * 1000).astype(np.int64)
        order = np.argsort(ids, kind="stable")  # stable: docs stay ascending within a term
        ids, docs, weight = ids[order], docs[order], weight[order]
        starts = np.searchsorted(ids, np.arange(n_terms + 1))
        deltas = np.diff(docs, prepend=0)
        first = starts[:-1][np.diff(starts) > 0]  # where each term's postings begin: absolute doc
        deltas[first] = docs[first]
        flat = np.empty(2 * len(docs), dtype=np.int64)
        flat[0::2], flat[1::2] = deltas, weight
        segments[field] = (starts, flat)
    records = []
    for term, local in term_ids.items():
        parts = [json.dumps(term, ensure_ascii=False), str(local * groups + group)]
        for field in fields:
            starts, flat = segments[field]
            a, b = starts[local], starts[local + 1]
            if a < b:
                numbers = ",".join(map(str, flat[2 * a:2 * b].tolist()))
                parts.append(f"[{field_numbers[field]},[{numbers}]]")
        records.append((_utf16(term), term, "[" + ",".join(parts) + "]"))
    records.sort()
    return records


def _run_group(group: int) -> list[tuple[bytes, str, str]]:
    job = _JOB
    fields = job["groups"][group]
    return group_records(job["analyse"], job["count"], fields, job["field_numbers"], job["boosts"], group,
                         len(job["groups"]))


def build_records(analyse: Callable[[int, Sequence[str]], dict[str, list[str]]], count: int,
                  groups: Sequence[Sequence[str]], fields: Sequence[str],
                  boosts: dict[str, float]) -> list[tuple[str, str]]:
    """All term records, sorted by UTF-16 code units; field groups built in parallel when worth it."""
    _JOB.update(analyse=analyse, count=count, groups=[tuple(g) for g in groups],
                field_numbers={f: i for i, f in enumerate(fields)}, boosts=boosts)
    try:
        if count >= PARALLEL_FROM and len(groups) > 1 and "fork" in multiprocessing.get_all_start_methods():
            with ProcessPoolExecutor(max_workers=min(len(groups), 2),
                                     mp_context=multiprocessing.get_context("fork")) as pool:
                parts = list(pool.map(_run_group, range(len(groups))))
        else:
            parts = [_run_group(g) for g in range(len(groups))]
    finally:
        _JOB.clear()
    merged = sorted((r for part in parts for r in part))
    return [(term, record) for _, term, record in merged]
