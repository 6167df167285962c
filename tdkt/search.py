"""``Catalog`` → the site's search index: lunr-compatible, split by term, plus its side files.

Input: the catalogue. Output: ``{path under tim-kiem/chi-muc/: bytes}``:

- ``manifest.json``: field names, document count, and the first term of every shard;
- ``t/<n>.json``: shard *n*: for each term (sorted by UTF-16 code units, as JavaScript compares
  strings) its lunr term index and, per field, the documents holding it with their BM25 weight;
- ``d/<n>.json``: what a result shows (title, unit, date, type, link) for documents 100·n…;
- ``p/<doc>.json``: a report's blocks (anchor number and text), for snippets and landing;
- ``facets.json``: facet values and each document's values, for counts and filters.

The weights are exactly those of lunr's Builder (BM25, k1 = 1.2, b = 0.75, three decimals):
``tests/test_search.py`` checks ``lunr_index()`` against lunr.py's own Builder. Because lunr.js
scores a document as the dot product of the query vector with the document's field vectors
divided by the query vector's magnitude only, a browser holding just the shards of the query's
terms computes the same scores as it would with the whole index (see
../shared/search-and-scale-notes.md). We build the index ourselves rather than with lunr.py's
Builder because that one takes minutes and gigabytes at ten thousand reports. Pure.
"""
from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass

from . import paths, search_text
from .model import Catalog, Report
from .present import date_vn, report_label, report_order

FIELDS = ("title", "words", "exact", "pairs")
BOOSTS = {"title": 3, "words": 1, "exact": 1, "pairs": 1}
K1, B = 1.2, 0.75
DOCS_PER_CHUNK = 100
SHARD_BYTES = 24_000  # target size of a shard before compression
INDEX_DIR = "tim-kiem/chi-muc"


@dataclass(frozen=True, slots=True)
class SearchDoc:
    """One report as the index sees it: its number (newest first) and each field's terms."""

    num: int
    report: Report
    terms: dict[str, list[str]]


@dataclass(frozen=True, slots=True)
class LunrIndex:
    """Terms with lunr's term index, and per term and field the (doc, weight) postings."""

    term_index: dict[str, int]
    postings: dict[str, dict[str, list[tuple[int, float]]]]
    doc_count: int


def index_text(report: Report) -> str:
    """The text a report is found by: its title, every block, and the OCR text of a restored report
    (so a query typed the way the OCR spells it finds it too)."""
    return "\n".join([report.title, *(b.text for b in report.blocks), *(b.text for b in report.ocr_blocks)])


def search_docs(catalog: Catalog) -> list[SearchDoc]:
    docs = []
    for num, report in enumerate(sorted(catalog.reports, key=report_order)):
        text = index_text(report)
        body = "\n".join(b.text for b in report.blocks)
        docs.append(SearchDoc(num=num, report=report, terms={
            "title": search_text.words(report.title),
            "words": search_text.words(text),
            # marks as the document itself prints them: not the catalogue's title, which for an
            # OCR report was written by hand (and would make a near-empty field rank first)
            "exact": search_text.exact(body),
            "pairs": search_text.pairs(text),
        }))
    return docs


def lunr_index(docs: list[SearchDoc]) -> LunrIndex:
    """BM25 weights as lunr.Builder computes them, term indexes in lunr's order of first sight."""
    term_index: dict[str, int] = {}
    frequencies: dict[tuple[int, str], Counter] = {}
    lengths: dict[str, int] = Counter()
    doc_freq: Counter = Counter()
    for doc in docs:
        for field in FIELDS:
            terms = doc.terms[field]
            for term in terms:
                if term not in term_index:
                    term_index[term] = len(term_index)
            counts = Counter(terms)
            frequencies[(doc.num, field)] = counts
            lengths[field] += len(terms)
            doc_freq.update(counts.keys())  # lunr's idf counts a document once per field
    n = len(docs)
    average = {field: (lengths[field] / n if n else 0) for field in FIELDS}
    idf = {term: math.log(1 + abs((n - df + 0.5) / (df + 0.5))) for term, df in doc_freq.items()}
    postings: dict[str, dict[str, list[tuple[int, float]]]] = {}
    for (num, field), counts in frequencies.items():
        length = sum(counts.values())
        norm = K1 * (1 - B + B * (length / average[field])) if average[field] else K1
        for term, tf in counts.items():
            score = idf[term] * ((K1 + 1) * tf) / (norm + tf) * BOOSTS[field]
            postings.setdefault(term, {}).setdefault(field, []).append((num, round(score, 3)))
    return LunrIndex(term_index=term_index, postings=postings, doc_count=n)


def lunr_json(index: LunrIndex) -> dict:
    """The whole index in lunr.js's own serialised form (for tests and small archives)."""
    vectors: dict[str, list[tuple[int, float]]] = {}
    inverted = []
    for term in sorted(index.postings):
        posting = {"_index": index.term_index[term]}
        for field in FIELDS:
            posting[field] = {str(num): {} for num, _ in index.postings[term].get(field, [])}
            for num, weight in index.postings[term].get(field, []):
                vectors.setdefault(f"{field}/{num}", []).append((index.term_index[term], weight))
        inverted.append([term, posting])
    field_vectors = [[ref, [x for pair in sorted(v) for x in pair]] for ref, v in sorted(vectors.items())]
    return {"version": "2.3.9", "fields": list(FIELDS), "fieldVectors": field_vectors,
            "invertedIndex": inverted, "pipeline": []}


def _utf16(term: str) -> bytes:
    return term.encode("utf-16-be")


def _dump(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _term_record(term: str, index: LunrIndex) -> list:
    """[term, lunr index, [field number, [doc delta, weight×1000, ...]], ...]."""
    record: list = [term, index.term_index[term]]
    for number, field in enumerate(FIELDS):
        entries = index.postings[term].get(field)
        if not entries:
            continue
        flat, previous = [], 0
        for num, weight in sorted(entries):
            flat += [num - previous, round(weight * 1000)]
            previous = num
        record.append([number, flat])
    return record


def shards(index: LunrIndex) -> tuple[list[str], list[bytes]]:
    """Cut the sorted terms into shards of about SHARD_BYTES; return first terms and contents."""
    firsts, contents, current, size = [], [], [], 0
    for term in sorted(index.postings, key=_utf16):
        record = _dump(_term_record(term, index))
        if current and size + len(record) > SHARD_BYTES:
            contents.append(b"[" + b",".join(current) + b"]")
            current, size = [], 0
        if not current:
            firsts.append(term)
        current.append(record)
        size += len(record) + 1
    if current:
        contents.append(b"[" + b",".join(current) + b"]")
    return firsts, contents


def _result_entry(doc: SearchDoc) -> list:
    r = doc.report
    return [paths.report(r).removesuffix("index.md"), r.title, report_label(r), r.unit.full_name,
            date_vn(r.issued), r.doc_type.name, r.text_quality.value]


def _facets(docs: list[SearchDoc], catalog: Catalog) -> dict:
    """Single-valued facets: values + one value index per doc; multi-valued: doc lists per value."""
    def single(key_label):
        values: dict[str, tuple[int, str]] = {}
        column = []
        for doc in docs:
            key, label = key_label(doc.report)
            if key not in values:
                values[key] = (len(values), label)
            column.append(values[key][0])
        return {"values": [[k, label] for k, (_, label) in values.items()], "doc": column}

    def multi(keys_labels):
        values: dict[str, tuple[str, list[int]]] = {}
        for doc in docs:
            for key, label in keys_labels(doc.report):
                values.setdefault(key, (label, []))[1].append(doc.num)
        return {"values": [[k, label] for k, (label, _) in values.items()],
                "docs": [_deltas(nums) for _, nums in values.values()]}

    units = catalog.units
    return {
        "nam": {"label": "Năm", **single(lambda r: (str(r.period.year), str(r.period.year)))},
        "tinh": {"label": "Tỉnh, thành phố", **single(
            lambda r: (units[r.unit.province_id].id, units[r.unit.province_id].full_name))},
        "don-vi": {"label": "Đơn vị", **single(lambda r: (paths.unit_slug(r.unit), r.unit.full_name))},
        "cap": {"label": "Cấp đơn vị", **single(lambda r: (r.unit.level.value, r.unit.level.label))},
        "loai": {"label": "Loại văn bản", **single(lambda r: (r.doc_type.id, r.doc_type.name))},
        "phong-trao": {"label": "Phong trào", **multi(lambda r: [(m.id, m.name) for m in r.movements])},
    }


def _deltas(nums: list[int]) -> list[int]:
    out, previous = [], 0
    for num in nums:
        out.append(num - previous)
        previous = num
    return out


def search_files(catalog: Catalog) -> dict[str, bytes]:
    """Every file of the search index, keyed by docs-relative path."""
    docs = search_docs(catalog)
    index = lunr_index(docs)
    firsts, contents = shards(index)
    files = {f"{INDEX_DIR}/t/{n}.json": content for n, content in enumerate(contents)}
    for start in range(0, len(docs), DOCS_PER_CHUNK):
        chunk = [_result_entry(d) for d in docs[start:start + DOCS_PER_CHUNK]]
        files[f"{INDEX_DIR}/d/{start // DOCS_PER_CHUNK}.json"] = _dump(chunk)
    for doc in docs:
        files[f"{INDEX_DIR}/p/{doc.num}.json"] = _dump([[b.number, b.text] for b in doc.report.blocks])
    files[f"{INDEX_DIR}/facets.json"] = _dump(_facets(docs, catalog))
    files[f"{INDEX_DIR}/manifest.json"] = _dump({
        "version": 1, "fields": list(FIELDS), "docs": len(docs), "chunk": DOCS_PER_CHUNK, "shards": firsts,
    })
    return files
