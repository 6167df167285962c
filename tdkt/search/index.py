"""``Catalog`` → the site's search index: lunr-compatible, split by term, plus its side files.

Input: the catalogue (and, optionally, a cache folder). Output: ``search_files`` yields
``(path under tim-kiem/chi-muc/, bytes)`` one file at a time:

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
by ``tdkt.search.lunr_build``): ``tests/test_search.py`` checks them against lunr.py's own Builder. Because lunr.js
scores a document as the dot product of the query vector with the document's field vectors
divided by the query vector's magnitude only, a browser holding just the shards of the query's
terms computes the same scores as it would with the whole index (see
../shared/search-and-scale-notes.md). The browser scores with its own code, not lunr.js
(``theme/assets/javascripts/search-core.js``); ``tests/search/test_rank.py`` proves it ranks as lunr.js
and lunr.py do. We build the index ourselves rather than with lunr.py's
Builder because that one takes minutes and gigabytes at ten thousand reports.

The work: analysing each report's text into term counts (``analyse``: most of the time) is done by
runs of about 128 reports (``plan``), in worker processes at scale, and remembered in a cache folder
if one is given (``tdkt/search/cache.py``); the runs' postings are merged and weighted (``lunr_build``).
Everything here is pure; what the worker processes do is ``tdkt/search/workers.py``.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from tdkt.site import paths
from tdkt.search import analysis as search_text
from tdkt.search.fields import (BOOSTS, FIELDS, analyse, analysis_input, body_text, index_text,
                                meta_text, printed)
from tdkt.search.lunr_build import DocTerms, FieldTerms, Postings, _utf16, collect, compact, merge, records
from tdkt.model import Catalog, Report
from tdkt.text.collate import sort_key
from tdkt.site.present import date_vn, report_heading, report_label, report_order
from tdkt.engine.fingerprint import digest
from tdkt.search.cache import RunCache, analysis_key, load_run, prune, remembered_docs, run_cache, store_run
from tdkt.engine.pool import Fresh, fresh, on_remote, worker_count

DOCS_PER_CHUNK = 50  # a result page of 10 fetches at most 10 small chunks
SHARD_BYTES = 24_000  # target size of a shard before compression
INDEX_DIR = "tim-kiem/chi-muc"
TERMS_SCRIPT = "assets/javascripts/vnterms.js"  # mkdocs.yml loads it before vnsearch.js
CODE_BASE, MAX_CODE = 0x30, 50_000  # facet codes as characters: from "0", below the surrogates
PARALLEL_FROM = 300  # reports to analyse; below this, worker processes cost more than they save
RUN_AVERAGE = 128   # reports per run, on average
RUN_MAX = 1024      # at most (document numbers within a run are stored in 16 bits)


@dataclass(frozen=True, slots=True)
class SearchDoc:
    """One report as the index sees it: its number (newest first) and the texts it is found by."""

    num: int
    report: Report

    @property
    def title(self) -> str:
        return self.report.title

    @property
    def text(self) -> str:
        return index_text(self.report)

    @property
    def body(self) -> str:
        return body_text(self.report)

    def terms(self, fields=FIELDS) -> dict[str, list[str]]:
        """Each field's terms in text order, by the plain analysis (the index counts them: ``analyse``)."""
        meta = meta_text(self.report)
        analysers = {
            "words": lambda: search_text.words(self.text),
            "exact": lambda: search_text.exact(self.body) if printed(self.report) else [],
            "pairs": lambda: search_text.pairs(self.text),
            "meta": lambda: search_text.meta_terms(meta),
            "number": lambda: search_text.numbers(self.report.doc_number),
        }
        return {field: analysers[field]() for field in fields}


def ordered_reports(catalog: Catalog) -> list[Report]:
    """The reports as the index numbers them: newest first."""
    return sorted(catalog.reports, key=report_order)


def search_docs(catalog: Catalog) -> list[SearchDoc]:
    return [SearchDoc(num=num, report=r) for num, r in enumerate(ordered_reports(catalog))]


def term_records(docs: list[SearchDoc]) -> list[tuple[str, bytes]]:
    """Every term's record (see tdkt.search.lunr_build), sorted as JavaScript compares strings (one process)."""
    postings = collect((analyse(*analysis_input(d.report)) for d in docs), len(FIELDS))
    return list(records(postings, [BOOSTS[f] for f in FIELDS]))


def lunr_json(records: list[tuple[str, bytes]]) -> dict:
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
    b, t = _utf16(before), _utf16(term)
    n = min(len(b), len(t))
    low, high = 0, n // 2  # the first UTF-16 code unit where they differ: log n comparisons of prefixes, in C
    while low < high:
        middle = (low + high) // 2
        if b[:2 * middle + 2] == t[:2 * middle + 2]:
            low = middle + 1
        else:
            high = middle
    if t[2 * low:2 * low + 2] <= b[2 * low:2 * low + 2]:
        return term  # ``term`` sorts before ``before`` or is a prefix of it: no prefix sorts after
    units = 0  # the shortest prefix, in characters, that takes in code unit ``low``
    for end, char in enumerate(term, 1):
        units += 2 if ord(char) > 0xFFFF else 1
        if units > low:
            return term[:end]
    return term


def shards(records: Iterable[tuple[str, bytes]]) -> tuple[list[str], list[bytes]]:
    """``iter_shards`` as two lists: the shards' keys and contents."""
    pairs = list(iter_shards(records))
    return [key for key, _ in pairs], [content for _, content in pairs]


def iter_shards(records: Iterable[tuple[str, bytes]]) -> Iterator[tuple[str, bytes]]:
    """Cut the sorted records into shards of about SHARD_BYTES; yield each one's key and content.

    Shard n holds the terms from key n (included) to key n + 1: key 0 is "", key n the shortest
    prefix of the shard's first term that sorts after the previous shard's last term (so the
    manifest stays small: a browser finds a term's shard by binary search over the keys)."""
    key, current, size, previous = "", [], 0, None
    for term, data in records:
        if current and size + len(data) > SHARD_BYTES:
            yield key, b"[" + b",".join(current) + b"]"
            current, size = [], 0
        if not current:
            key = "" if previous is None else separator(previous, term)
        current.append(data)
        size += len(data) + 1
        previous = term
    if current:
        yield key, b"[" + b",".join(current) + b"]"


def _result_entry(doc: SearchDoc) -> list:
    r = doc.report
    return [paths.report(r).removesuffix("index.md"), report_heading(r), report_label(r),
            r.unit.full_name if r.unit else "", date_vn(r.issued), r.doc_type.name, r.text_quality.value]


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
    none = ("-", "Không có hoặc chưa xác định")  # central bodies, drafts not yet completed: listed last
    province = lambda r: (units[r.unit.province_id].id, units[r.unit.province_id].full_name) if r.unit else none  # noqa: E731
    by_name = lambda key, label: (key == "-", sort_key(label))  # noqa: E731
    facets = {
        "nam": {"label": "Năm", **_single(docs, lambda r: (str(r.year),) * 2 if r.year else none,
                                          lambda k, _: (k == "-", -int(k) if k != "-" else 0))},
        "tinh": {"label": "Tỉnh, thành phố", **_single(
            docs, province, lambda k, label: (k == "-", sort_key(province_name(label))))},
        "cap": {"label": "Cấp đơn vị", **_single(
            docs, lambda r: (r.unit.level.value, r.unit.level.label) if r.unit else none, by_name)},
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
        if doc.report.unit is not None:
            per_province.setdefault(doc.report.unit.province_id, []).append(doc)
    slugs: dict[str, str] = {}  # by unit id: a unit's slug is worked out once, not once per report
    unit_of = lambda r: [(slugs.get(r.unit.id) or slugs.setdefault(r.unit.id, paths.unit_slug(r.unit)),  # noqa: E731
                          r.unit.full_name)]
    unit_files = {pid: _multi(members, unit_of, by_name) for pid, members in per_province.items()}
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


WORKER = "tdkt.search.workers:IndexWorker"  # named, not imported: the workers import this module


def search_files(catalog: Catalog, cache_dir: Path | None = None) -> Iterator[tuple[str, bytes]]:
    """Every file of the search index: ``(docs-relative path, bytes)``, one at a time; the manifest last.
    The same bytes with or without ``cache_dir``, in any run, however the work is split.

    ``cache_dir``: a folder of the index's own (e.g. ``.cache/search``) where the analyses of runs of
    reports are remembered by what they depend on (see "the cache" below): a rebuild analyses only the
    reports whose text changed. Entries the catalogue no longer needs are removed.

    How, from ``PARALLEL_FROM`` reports: the reports are cut into runs (``plan``); the runs to analyse
    go to worker processes started fresh (``tdkt.engine.pool.Fresh`` running ``workers.IndexWorker``: they get the texts through a pipe and share no
    memory with this process, whose catalogue a forked child would end up copying) while this process
    writes the result, paragraph and facet files; if those are still to be written once every run is
    known, a worker merges the runs into term shards meanwhile."""
    reports = ordered_reports(catalog)
    cache = run_cache(cache_dir, FIELDS) if cache_dir is not None else None
    runs = plan(reports, cache)
    parts: list[Postings | None] = [load_run(cache, run.key, len(FIELDS)) for run in runs] if cache else [None] * len(runs)
    missing = [n for n, part in enumerate(parts) if part is None]
    remembered = remembered_docs(cache, len(FIELDS), {k for n in missing for k in runs[n].keys}, {r.key for r in runs}) \
        if cache and missing else {}
    tasks = ((n, _task(runs[n], reports, remembered, cache)) for n in missing)
    side: Iterator[tuple[str, bytes]] | None = _side_files(reports, catalog)
    big = len(reports) >= PARALLEL_FROM and Fresh.available()
    to_analyse = sum(run.end - run.start - sum(k in remembered for k in run.keys) for run in (runs[n] for n in missing))
    # on a cluster (tdkt/cluster.py) every run to analyse is a task there, whatever their number; merged here after
    if on_remote() or (big and worker_count() > 1 and to_analyse >= PARALLEL_FROM):
        with fresh(min(worker_count(), len(missing)), WORKER) as workers:
            for item in workers.map("run", tasks, side):  # the side files, while the workers analyse
                yield item
            side = None
            for n, (postings,) in workers.results.items():
                parts[n] = postings
    else:
        for n, task in tasks:
            parts[n] = run_postings(task)
    del remembered
    if cache is not None:
        prune(cache, {run.key for run in runs})
    if side is None or not big:  # nothing left to do meanwhile
        index = _index_files(parts, len(reports))
        del parts
        yield from side or ()
        yield from index
        return
    with Fresh(1, WORKER) as workers:
        index = workers.call(0, "index", (parts, len(reports)))  # merging starts as soon as it has the parts
        del parts
        yield from side
        yield from index


def _side_files(reports: Sequence[Report], catalog: Catalog) -> Iterator[tuple[str, bytes]]:
    """Results by chunk (``d/``), each result with its paragraphs (``p/``), the facets (``facets.json``, ``f/``)."""
    docs = [SearchDoc(num=num, report=r) for num, r in enumerate(reports)]
    for start in range(0, len(docs), DOCS_PER_CHUNK):
        chunk = [_result_entry(d) for d in docs[start:start + DOCS_PER_CHUNK]]
        yield f"{INDEX_DIR}/d/{start // DOCS_PER_CHUNK}.json", _dump(chunk)
    for doc in docs:
        # what a result of a query shows, in one file: its entry and its blocks (for the snippet)
        yield f"{INDEX_DIR}/p/{doc.num}.json", _dump([_result_entry(doc), [[b.number, b.text] for b in doc.report.blocks]])
    facets, unit_files = _facets(docs, catalog)
    yield TERMS_SCRIPT, search_text.terms_script()  # the variants the index was read with, for every page's queries
    yield f"{INDEX_DIR}/facets.json", _dump(facets)
    for pid, facet in unit_files.items():
        yield f"{INDEX_DIR}/f/{pid}.json", _dump(facet)


def _index_files(parts: list[Postings], count: int) -> Iterator[tuple[str, bytes]]:
    """The term shards (``t/``) of the runs' postings, and the manifest."""
    postings = merge(parts) if parts else collect([], len(FIELDS))
    del parts[:]
    keys = []
    for n, (key, content) in enumerate(iter_shards(records(postings, [BOOSTS[f] for f in FIELDS]))):
        keys.append(key)
        yield f"{INDEX_DIR}/t/{n}.json", content
    yield f"{INDEX_DIR}/manifest.json", _dump({
        "version": 1, "fields": list(FIELDS), "docs": count, "chunk": DOCS_PER_CHUNK, "shards": keys,
    })


@dataclass(frozen=True, slots=True)
class Run:
    """Reports start … end - 1, analysed together (and remembered together, under ``key``)."""

    start: int
    end: int
    keys: tuple[str, ...] = ()  # each report's analysis key (with a cache)
    key: str = ""               # the run's: a hash of its reports' keys


def plan(reports: Sequence[Report], cache: RunCache | None) -> list[Run]:
    """The runs of reports the index is made of: about ``RUN_AVERAGE`` reports each. With a cache they
    are cut where a report's key says so (``cut_runs``), so an edited, inserted or removed report
    changes only its own run; without one, every ``RUN_AVERAGE`` reports. The index does not depend on
    the cut."""
    if cache is None:
        return [Run(a, min(a + RUN_AVERAGE, len(reports))) for a in range(0, len(reports), RUN_AVERAGE)]
    keys = [analysis_key(cache.context, *analysis_input(r)) for r in reports]
    return [Run(a, b, tuple(keys[a:b]), digest(*keys[a:b])) for a, b in cut_runs(keys)]


def cut_runs(keys: Sequence[str]) -> list[tuple[int, int]]:
    """Where runs of reports begin and end: after a report whose key, as a number, is a multiple of
    ``RUN_AVERAGE`` (a choice made by the report alone), or after ``RUN_MAX`` reports."""
    runs, start = [], 0
    for n, key in enumerate(keys):
        if int(key[:8], 16) % RUN_AVERAGE == 0 or n + 1 - start >= RUN_MAX:
            runs.append((start, n + 1))
            start = n + 1
    if start < len(keys):
        runs.append((start, len(keys)))
    return runs


@dataclass(frozen=True, slots=True)
class RunTask:
    """What a worker needs to make a run's postings: its reports' texts (or their remembered analyses)."""

    run: Run
    inputs: tuple[tuple[str, str | None, str, str] | DocTerms, ...]  # per report: analysis_input, or its analysis
    cache: RunCache | None


def _task(run: Run, reports: Sequence[Report], remembered: dict[str, DocTerms], cache: RunCache | None) -> RunTask:
    inputs = []
    for n in range(run.start, run.end):
        known = remembered.get(run.keys[n - run.start]) if run.keys else None
        inputs.append(known if known is not None else analysis_input(reports[n]))
    return RunTask(run, tuple(inputs), cache)


def run_postings(task: RunTask) -> Postings:
    """A run's postings (its reports analysed unless remembered), stored in the cache if there is one."""
    postings = compact(collect((x if isinstance(x[0], FieldTerms) else analyse(*x) for x in task.inputs),
                               len(FIELDS)))
    if task.cache is not None:
        store_run(task.cache, task.run.key, task.run.keys, postings)
    return postings
