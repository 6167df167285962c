"""Documents' term counts → lunr's index (terms, postings, BM25 weights) as compact per-term records.

Input: for every document (in order), each field's distinct terms with their counts and the field's
length (``FieldTerms``). Output: ``[(term, record)]`` sorted as JavaScript compares strings (UTF-16
code units), where ``record`` is the UTF-8 JSON text
``["term", lunrIndex, [fieldNumber, [docDelta, weight×1000, ...]], ...]`` that the browser scores.

The weights are lunr.Builder's: BM25 with k1 = 1.2, b = 0.75, the field's boost, three decimals;
a term's idf counts a document once per field holding it, as lunr does. A term's index is its rank
in that order (lunr numbers terms as it first meets them; only their uniqueness matters to its scoring).

Why not lunr.py's Builder: it keeps every posting as nested Python dicts (5 GB and many minutes at
ten thousand reports). Here the postings of a range of documents are numpy columns grouped by term
(``collect``); runs of documents collected apart (in other processes, or remembered) are merged
without sorting (``merge``); the weights and their decimal text are computed by blocks of terms
(``records``). Pure; deterministic.
"""
from __future__ import annotations

import json
from array import array
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Iterator, Mapping, Sequence

import numpy as np

K1, B = 1.2, 0.75
CHUNK = 1 << 19  # postings whose weights and text are made at once (bounds the memory they take)


def _utf16(term: str) -> bytes:
    return term.encode("utf-16-be")


@dataclass(frozen=True, slots=True)
class FieldTerms:
    """One field of one document as lunr counts it: its distinct terms, how often each occurs (in
    the same order), and the field's length (its number of terms, repeats included)."""

    terms: tuple[str, ...]
    counts: tuple[int, ...]
    length: int

    @staticmethod
    def of(counts: Mapping[str, int]) -> FieldTerms:
        return FieldTerms(tuple(counts), tuple(counts.values()), sum(counts.values()))

    @staticmethod
    def of_list(terms: Sequence[str]) -> FieldTerms:
        return FieldTerms.of(Counter(terms))


DocTerms = tuple[FieldTerms, ...]  # one per field, in field order


@dataclass(frozen=True, slots=True, eq=False)
class FieldPostings:
    """One field's postings, grouped by term: term t's are ``docs[starts[t]:starts[t + 1]]`` (ascending)
    with their term frequencies ``tfs``; ``lengths[d]`` is the field length of document d."""

    starts: np.ndarray   # int64, one more than the terms
    docs: np.ndarray     # unsigned (16 or 32 bits), document numbers from 0
    tfs: np.ndarray      # unsigned (16 or 32 bits)
    lengths: np.ndarray  # uint32, one per document


@dataclass(frozen=True, slots=True, eq=False)
class Postings:
    """The postings of documents 0 … count - 1 (a whole index, or a run of its documents): their terms
    (sorted by UTF-16 code units; a term's number is its position here) and each field's postings."""

    count: int
    terms: tuple[str, ...]
    fields: tuple[FieldPostings, ...]


def collect(doc_terms: Iterable[DocTerms], field_count: int) -> Postings:
    """The postings of documents given in order as their fields' terms (numbered from 0)."""
    vocabulary: dict[str, int] = {}
    ids = [array("I") for _ in range(field_count)]
    tfs = [array("I") for _ in range(field_count)]
    sizes = [array("I") for _ in range(field_count)]  # distinct terms per document
    lengths = [array("I") for _ in range(field_count)]
    count = 0
    for fields in doc_terms:
        for f, field in enumerate(fields):
            for term in set(field.terms).difference(vocabulary):  # new terms (in any order: ranks come later)
                vocabulary[term] = len(vocabulary)
            ids[f].extend(map(vocabulary.__getitem__, field.terms))
            tfs[f].extend(field.counts)
            sizes[f].append(len(field.terms))
            lengths[f].append(field.length)
        count += 1
    terms = sorted(vocabulary, key=_utf16)
    rank = np.empty(len(terms), dtype=np.int32)
    rank[np.fromiter(map(vocabulary.__getitem__, terms), dtype=np.int64, count=len(terms))] = np.arange(len(terms))
    fields = []
    for f in range(field_count):
        term = rank[np.frombuffer(ids[f], dtype=np.uint32)] if len(ids[f]) else np.zeros(0, dtype=np.int32)
        docs = np.repeat(np.arange(count, dtype=np.uint32), np.frombuffer(sizes[f], dtype=np.uint32))
        order = np.argsort(term, kind="stable")  # stable: documents stay ascending within a term
        starts = np.zeros(len(terms) + 1, dtype=np.int64)
        np.cumsum(np.bincount(term, minlength=len(terms)), out=starts[1:])
        fields.append(FieldPostings(starts=starts, docs=docs[order], tfs=np.frombuffer(tfs[f], dtype=np.uint32)[order],
                                    lengths=np.frombuffer(lengths[f], dtype=np.uint32).copy()))
    return Postings(count=count, terms=tuple(terms), fields=tuple(fields))


def merge(parts: Sequence[Postings]) -> Postings:
    """Runs of documents, in order, as one index: part p's document d becomes the number of documents
    before part p, plus d."""
    if len(parts) == 1:
        return parts[0]
    offsets = np.cumsum([0] + [p.count for p in parts[:-1]])
    terms = sorted(set().union(*(p.terms for p in parts)), key=_utf16)
    rank = {term: n for n, term in enumerate(terms)}
    # each part's term numbers in the merged list: increasing, since both lists are sorted the same way
    where = [np.fromiter(map(rank.__getitem__, p.terms), dtype=np.int64, count=len(p.terms)) for p in parts]
    fields = []
    for f in range(len(parts[0].fields)):
        counts = [np.diff(p.fields[f].starts) for p in parts]
        total = np.zeros(len(terms), dtype=np.int64)
        for w, c in zip(where, counts):
            total[w] += c
        starts = np.zeros(len(terms) + 1, dtype=np.int64)
        np.cumsum(total, out=starts[1:])
        docs = np.empty(starts[-1], dtype=np.uint32)
        tfs = np.empty(starts[-1], dtype=np.result_type(*(p.fields[f].tfs.dtype for p in parts)))
        before = starts[:-1].copy()  # where the next part's postings of each term go
        for p, w, c, offset in zip(parts, where, counts, offsets):
            local = np.repeat(np.arange(len(p.terms)), c)  # each posting's term, in the part's numbering
            target = before[w][local] + (np.arange(len(local)) - p.fields[f].starts[local])
            docs[target], tfs[target] = p.fields[f].docs + np.uint32(offset), p.fields[f].tfs
            before[w] += c
        lengths = np.concatenate([p.fields[f].lengths for p in parts])
        fields.append(FieldPostings(starts=starts, docs=docs, tfs=tfs, lengths=lengths))
    return Postings(count=sum(p.count for p in parts), terms=tuple(terms), fields=tuple(fields))


def compact(postings: Postings) -> Postings:
    """The same postings in 16-bit columns where their values fit (half the bytes to keep or send)."""
    def narrow(values: np.ndarray) -> np.ndarray:
        return values.astype(np.uint16) if len(values) == 0 or int(values.max()) <= 0xFFFF else values

    return Postings(count=postings.count, terms=postings.terms, fields=tuple(
        FieldPostings(starts=f.starts, docs=narrow(f.docs), tfs=narrow(f.tfs), lengths=f.lengths)
        for f in postings.fields))


def split_docs(postings: Postings) -> list[DocTerms]:
    """Each document's terms, counts and field lengths: what ``collect`` was given (terms in their
    sorted order rather than the order given)."""
    per_field = []
    for field in postings.fields:
        term = np.repeat(np.arange(len(postings.terms)), np.diff(field.starts))
        order = np.argsort(field.docs, kind="stable")  # by document, terms ascending within each
        bounds = np.searchsorted(field.docs[order], np.arange(postings.count + 1)).tolist()
        term, tfs = term[order].tolist(), field.tfs[order].tolist()
        per_field.append((bounds, term, tfs, field.lengths.tolist()))
    names = postings.terms
    return [tuple(FieldTerms(tuple(names[t] for t in term[bounds[d]:bounds[d + 1]]), tuple(tfs[bounds[d]:bounds[d + 1]]),
                             lengths[d]) for bounds, term, tfs, lengths in per_field)
            for d in range(postings.count)]


def _decimals(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each (non-negative) value in decimal followed by a comma, all concatenated (uint8 ASCII); and
    each one's length, comma included."""
    if len(values) == 0:
        return np.zeros(0, dtype=np.uint8), np.zeros(0, dtype=np.uint8)
    top = int(values.max())
    values = values.astype(np.uint32 if top <= 0xFFFFFFFF else np.uint64)
    width = len(str(top))
    digits = np.empty((len(values), width + 1), dtype=np.uint8)
    rest = values
    for column in range(width - 1, -1, -1):
        quotient = rest // 10
        digits[:, column] = rest - quotient * 10
        rest = quotient
    digits[:, :width] += ord("0")
    digits[:, width] = ord(",")
    size = np.ones(len(values), dtype=np.uint8)
    for power in range(1, width):
        size += values >= 10 ** power
    keep = np.arange(width + 1) >= (width - size)[:, None]
    return digits[keep], size + 1


def _block_text(field: FieldPostings, first: int, last: int, idf: np.ndarray, lengths: np.ndarray, average: float,
                boost: float) -> tuple[np.ndarray, np.ndarray]:
    """The postings of terms first … last - 1 in one field as text, ``delta,weight,`` each (uint8
    ASCII), and where each of those terms' text starts in it (one more offset than terms)."""
    a, b = field.starts[first], field.starts[last]
    sizes = np.diff(field.starts[first:last + 1])
    term = np.repeat(np.arange(first, last), sizes)
    docs, tfs = field.docs[a:b].astype(np.int64), field.tfs[a:b].astype(np.int64)
    # lunr.Builder's arithmetic, in its order
    norm = K1 * (1 - B + B * (lengths[docs] / average)) if average else np.full(len(docs), K1)
    score = idf[term] * ((K1 + 1) * tfs) / (norm + tfs) * boost
    weight = np.rint(np.round(score, 3) * 1000).astype(np.int64)
    delta = np.diff(docs, prepend=0)
    begins = (field.starts[first:last] - a)[sizes > 0]  # a term's first posting: its document itself
    delta[begins] = docs[begins]
    flat = np.empty(2 * len(docs), dtype=np.int64)
    flat[0::2], flat[1::2] = delta, weight
    text, size = _decimals(flat)
    starts = np.zeros(last - first + 1, dtype=np.int64)
    np.cumsum(_sum_by_term(size[0::2] + size[1::2], field.starts[first:last + 1] - a), out=starts[1:])
    return text, starts


def _sum_by_term(values: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """values summed over each term's postings (0 for a term without any)."""
    out = np.zeros(len(starts) - 1, dtype=np.int64)
    present = np.diff(starts) > 0
    if present.any():
        out[present] = np.add.reduceat(values, starts[:-1][present], dtype=np.int64)
    return out


def records(postings: Postings, boosts: Sequence[float]) -> Iterator[tuple[str, bytes]]:
    """Every term's record, in the terms' order (UTF-16 code units); made by blocks of terms holding
    about ``CHUNK`` postings, so the text of only one block is held at a time."""
    count, n_terms = postings.count, len(postings.terms)
    df = np.zeros(n_terms, dtype=np.int64)
    for field in postings.fields:
        df += np.diff(field.starts)
    idf = np.log1p(np.abs((count - df + 0.5) / (df + 0.5)))
    lengths = [field.lengths.astype(np.int64) for field in postings.fields]
    averages = [length.sum() / count if count else 0 for length in lengths]
    heads = [f"[{number},[".encode() for number in range(len(postings.fields))]
    ends = sum(field.starts for field in postings.fields)  # postings of terms before t, all fields
    first = 0
    while first < n_terms:
        last = min(n_terms, max(first + 1, int(np.searchsorted(ends, ends[first] + CHUNK, side="right")) - 1))
        texts = [_block_text(field, first, last, idf, length, average, boost)
                 for field, length, average, boost in zip(postings.fields, lengths, averages, boosts)]
        for n in range(first, last):
            parts = [b"[", json.dumps(postings.terms[n], ensure_ascii=False).encode("utf-8"), b",", str(n).encode()]
            for head, (text, starts) in zip(heads, texts):
                a, b = starts[n - first], starts[n - first + 1]
                if a < b:
                    parts += (b",", head, text[a:b - 1].tobytes(), b"]]")  # b - 1: without the last comma
            parts.append(b"]")
            yield postings.terms[n], b"".join(parts)
        first = last


def build_records(docs: Sequence[DocTerms], boosts: Sequence[float]) -> list[tuple[str, bytes]]:
    """All term records of these documents (numbered from 0), in one process."""
    return list(records(collect(docs, len(boosts)), boosts))
