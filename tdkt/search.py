"""``Catalog`` → the site's search index: lunr-compatible, split by term, plus its side files.

Input: the catalogue. Output: ``{path under tim-kiem/chi-muc/: bytes}``:

- ``manifest.json``: field names, document count, and the key of every shard (see ``shards``);
- ``t/<n>.json``: shard *n*: for each term (sorted by UTF-16 code units, as JavaScript compares
  strings) its lunr term index and, per field, the documents holding it with their BM25 weight;
- ``d/<n>.json``: what a result shows (title, unit, date, type, link) for documents 50·n… (browsing);
- ``p/<doc>.json``: the same for one report and its blocks (anchor number and text), for a query's
  results: one file per result shown, snippet included;
- ``facets.json``: facet values and each document's values, for counts and filters (a single-valued
  facet as one character per document, ``codes``; a many-valued one as each document's characters, ``lists``);
- ``f/<province>.json``: the unit facet of one province's documents.

The weights are exactly those of lunr's Builder (BM25, k1 = 1.2, b = 0.75, three decimals; built
by ``tdkt.lunr_build``): ``tests/test_search.py`` checks them against lunr.py's own Builder. Because lunr.js
scores a document as the dot product of the query vector with the document's field vectors
divided by the query vector's magnitude only, a browser holding just the shards of the query's
terms computes the same scores as it would with the whole index (see
../shared/search-and-scale-notes.md). The browser scores with its own code, not lunr.js
(``theme/assets/javascripts/search.js``); ``tests/test_search_rank.py`` proves it ranks as lunr.js
and lunr.py do. We build the index ourselves rather than with lunr.py's
Builder because that one takes minutes and gigabytes at ten thousand reports. Pure.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from . import paths, search_text
from .lunr_build import _utf16, build_records
from .model import Catalog, Report, TextQuality
from .collate import sort_key
from .present import date_vn, report_label, report_order

# The title is indexed with the words (it is part of the text): a title field of its own, boosted,
# barely changed the ranking of reports whose titles all read alike, and it cost a third more
# postings to download and score for every common word (measured at 10,000 reports).
FIELDS = ("words", "exact", "pairs")
BOOSTS = {"words": 1, "exact": 1, "pairs": 1}
DOCS_PER_CHUNK = 50  # a result page of 10 fetches at most 10 small chunks
SHARD_BYTES = 24_000  # target size of a shard before compression
INDEX_DIR = "tim-kiem/chi-muc"
CODE_BASE, MAX_CODE = 0x30, 50_000  # facet codes as characters: from "0", below the surrogates


# fields analysed together may share terms; groups share none (so they can be built apart)
FIELD_GROUPS = (("words", "exact"), ("pairs",))


@dataclass(frozen=True, slots=True)
class SearchDoc:
    """One report as the index sees it: its number (newest first) and the texts it is found by."""

    num: int
    report: Report
    title: str
    text: str  # title, blocks and (restored reports) the OCR text
    body: str  # the blocks as the page shows them: the source of exact-mark terms

    def terms(self, fields=FIELDS) -> dict[str, list[str]]:
        analysers = {
            "words": lambda: search_text.words(self.text),
            # marks as the document itself prints them: not the catalogue's title (written by hand,
            # and a near-empty field would rank first), nor marks a machine restored (a guess)
            "exact": lambda: search_text.exact(self.body) if self.report.text_quality in _PRINTED else [],
            "pairs": lambda: search_text.pairs(self.text),
        }
        return {field: analysers[field]() for field in fields}


_PRINTED = (TextQuality.CLEAN, TextQuality.LEGACY_ENCODING)


def index_text(report: Report) -> str:
    """The text a report is found by: its title, every block, and the OCR text of a restored report
    (so a query typed the way the OCR spells it finds it too)."""
    return "\n".join([report.title, *(b.text for b in report.blocks), *(b.text for b in report.ocr_blocks)])


def search_docs(catalog: Catalog) -> list[SearchDoc]:
    return [SearchDoc(num=num, report=r, title=r.title, text=index_text(r), body="\n".join(b.text for b in r.blocks))
            for num, r in enumerate(sorted(catalog.reports, key=report_order))]


def term_records(docs: list[SearchDoc]) -> list[tuple[str, str]]:
    """Every term's record (see tdkt.lunr_build), sorted as JavaScript compares strings."""
    return build_records(lambda num, fields: docs[num].terms(fields), len(docs), FIELD_GROUPS, FIELDS, BOOSTS)


def lunr_json(records: list[tuple[str, str]]) -> dict:
    """The whole index in lunr.js's own serialised form (for tests and small archives)."""
    vectors: dict[str, list[tuple[int, float]]] = {}
    inverted = []
    for term, record in records:
        _, index, *per_field = json.loads(record)
        posting = {"_index": index, **{field: {} for field in FIELDS}}
        for number, flat in per_field:
            field, num = FIELDS[number], 0
            for delta, weight in zip(flat[::2], flat[1::2]):
                num += delta
                posting[field][str(num)] = {}
                vectors.setdefault(f"{field}/{num}", []).append((index, weight / 1000))
        inverted.append([term, posting])
    inverted.sort(key=lambda item: item[0])
    field_vectors = [[ref, [x for pair in sorted(v) for x in pair]] for ref, v in sorted(vectors.items())]
    return {"version": "2.3.9", "fields": list(FIELDS), "fieldVectors": field_vectors,
            "invertedIndex": inverted, "pipeline": []}


def _dump(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def separator(before: str, term: str) -> str:
    """The shortest prefix of ``term`` that sorts after ``before`` (as JavaScript compares strings)."""
    key = _utf16(before)
    for end in range(1, len(term) + 1):
        if _utf16(term[:end]) > key:
            return term[:end]
    return term


def shards(records: list[tuple[str, str]]) -> tuple[list[str], list[bytes]]:
    """Cut the sorted records into shards of about SHARD_BYTES; return their keys and contents.

    Shard n holds the terms from key n (included) to key n + 1: key 0 is "", key n the shortest
    prefix of the shard's first term that sorts after the previous shard's last term (so the
    manifest stays small: a browser finds a term's shard by binary search over the keys)."""
    keys, contents, current, size, previous = [], [], [], 0, None
    for term, record in records:
        data = record.encode("utf-8")
        if current and size + len(data) > SHARD_BYTES:
            contents.append(b"[" + b",".join(current) + b"]")
            current, size = [], 0
        if not current:
            keys.append("" if previous is None else separator(previous, term))
        current.append(data)
        size += len(data) + 1
        previous = term
    if current:
        contents.append(b"[" + b",".join(current) + b"]")
    return keys, contents


def _result_entry(doc: SearchDoc) -> list:
    r = doc.report
    return [paths.report(r).removesuffix("index.md"), r.title, report_label(r), r.unit.full_name,
            date_vn(r.issued), r.doc_type.name, r.text_quality.value]


def _single(docs: list[SearchDoc], key_label, order) -> dict:
    """A facet with one value per document: values (in display order) and each doc's value index."""
    labels = {}
    for doc in docs:
        key, label = key_label(doc.report)
        labels.setdefault(key, label)
    keys = sorted(labels, key=lambda k: order(k, labels[k]))
    index = {k: i for i, k in enumerate(keys)}
    codes = [index[key_label(d.report)[0]] for d in docs]
    if len(keys) > MAX_CODE:
        return {"values": [[k, labels[k]] for k in keys], "doc": codes}
    # one character per document (value index + CODE_BASE): a tenth of the bytes of a list, and no parsing
    return {"values": [[k, labels[k]] for k in keys], "codes": "".join(chr(CODE_BASE + c) for c in codes)}


def _multi(docs: list[SearchDoc], keys_labels, order, per_doc: bool = False) -> dict:
    """A facet with any number of values per document: values and, per value, its docs (deltas);
    or (per_doc, for a facet of every document) each document's values as characters (value index
    + CODE_BASE), documents separated by commas: what the browser counts with, without reshaping."""
    labels, members, of_doc = {}, {}, []
    for doc in docs:
        pairs = keys_labels(doc.report)
        of_doc.append([key for key, _ in pairs])
        for key, label in pairs:
            labels.setdefault(key, label)
            members.setdefault(key, []).append(doc.num)
    keys = sorted(labels, key=lambda k: order(k, labels[k]))
    values = [[k, labels[k]] for k in keys]
    if per_doc and len(keys) <= MAX_CODE:
        index = {k: i for i, k in enumerate(keys)}
        return {"values": values, "lists": ",".join("".join(chr(CODE_BASE + index[k]) for k in sorted(
            set(d), key=index.get)) for d in of_doc)}
    return {"values": values, "docs": [_deltas(members[k]) for k in keys]}


def _facets(docs: list[SearchDoc], catalog: Catalog) -> tuple[dict, dict[str, dict]]:
    """facets.json, and the unit facet of each province (loaded once that province is chosen:
    thousands of units would make the first query too heavy and the list unusable)."""
    units = catalog.units
    province = lambda r: units[r.unit.province_id]  # noqa: E731
    by_name = lambda key, label: sort_key(label)  # noqa: E731
    facets = {
        "nam": {"label": "Năm", **_single(docs, lambda r: (str(r.period.year),) * 2, lambda k, _: -int(k))},
        "tinh": {"label": "Tỉnh, thành phố", **_single(
            docs, lambda r: (province(r).id, province(r).full_name), lambda k, label: sort_key(province_name(label)))},
        "cap": {"label": "Cấp đơn vị", **_single(docs, lambda r: (r.unit.level.value, r.unit.level.label), by_name)},
        "loai": {"label": "Loại văn bản", **_single(docs, lambda r: (r.doc_type.id, r.doc_type.name), by_name)},
        "phong-trao": {"label": "Phong trào", **_multi(
            docs, lambda r: [(m.id, m.name) for m in r.movements], by_name, per_doc=True)},
        # a report counts under an award form if it records an award of that form (granted or proposed)
        "hinh-thuc": {"label": "Hình thức khen thưởng", **_multi(
            docs, lambda r: [(a.form.id, a.form.name) for a in r.awards], by_name, per_doc=True)},
        "don-vi": {"label": "Đơn vị", "by": "tinh"},
    }
    per_province: dict[str, list[SearchDoc]] = {}
    for doc in docs:
        per_province.setdefault(doc.report.unit.province_id, []).append(doc)
    unit_files = {
        pid: _multi(members, lambda r: [(paths.unit_slug(r.unit), r.unit.full_name)], by_name)
        for pid, members in per_province.items()
    }
    return facets, unit_files


def province_name(full_name: str) -> str:
    """Sort provinces by name, not by kind: ``Thành phố Hải Phòng`` among the H's."""
    for kind in ("Thành phố ", "Tỉnh "):
        if full_name.startswith(kind):
            return full_name[len(kind):]
    return full_name


def _deltas(nums: list[int]) -> list[int]:
    out, previous = [], 0
    for num in nums:
        out.append(num - previous)
        previous = num
    return out


def search_files(catalog: Catalog) -> dict[str, bytes]:
    """Every file of the search index, keyed by docs-relative path."""
    docs = search_docs(catalog)
    keys, contents = shards(term_records(docs))
    files = {f"{INDEX_DIR}/t/{n}.json": content for n, content in enumerate(contents)}
    for start in range(0, len(docs), DOCS_PER_CHUNK):
        chunk = [_result_entry(d) for d in docs[start:start + DOCS_PER_CHUNK]]
        files[f"{INDEX_DIR}/d/{start // DOCS_PER_CHUNK}.json"] = _dump(chunk)
    for doc in docs:
        # what a result of a query shows, in one file: its entry and its blocks (for the snippet)
        files[f"{INDEX_DIR}/p/{doc.num}.json"] = _dump([_result_entry(doc), [[b.number, b.text] for b in doc.report.blocks]])
    facets, unit_files = _facets(docs, catalog)
    files[f"{INDEX_DIR}/facets.json"] = _dump(facets)
    for pid, facet in unit_files.items():
        files[f"{INDEX_DIR}/f/{pid}.json"] = _dump(facet)
    files[f"{INDEX_DIR}/manifest.json"] = _dump({
        "version": 1, "fields": list(FIELDS), "docs": len(docs), "chunk": DOCS_PER_CHUNK, "shards": keys,
    })
    return files
