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
by ``tdkt.lunr_build``): ``tests/test_search.py`` checks them against lunr.py's own Builder. Because lunr.js
scores a document as the dot product of the query vector with the document's field vectors
divided by the query vector's magnitude only, a browser holding just the shards of the query's
terms computes the same scores as it would with the whole index (see
../shared/search-and-scale-notes.md). The browser scores with its own code, not lunr.js
(``theme/assets/javascripts/search.js``); ``tests/test_search_rank.py`` proves it ranks as lunr.js
and lunr.py do. We build the index ourselves rather than with lunr.py's
Builder because that one takes minutes and gigabytes at ten thousand reports.

The work: analysing each report's text into term counts (``analyse``: most of the time) is done by
runs of about 128 reports (``plan``), in worker processes at scale, and remembered in a cache folder
if one is given; the runs' postings are merged and weighted (``lunr_build``). Everything here is pure
but the two marked parts at the end: the worker processes, and the cache's files.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import signal
import struct
import subprocess
import sys
import traceback
import unicodedata
import zlib
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Iterable, Iterator, Sequence

import numpy as np

from . import paths, search_text
from .lunr_build import DocTerms, FieldPostings, FieldTerms, Postings, _utf16, collect, compact, merge, records, split_docs
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
PARALLEL_FROM = 300  # reports to analyse; below this, worker processes cost more than they save
MAX_WORKERS = 4  # worker processes at most (one per core)


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
        analysers = {
            "words": lambda: search_text.words(self.text),
            "exact": lambda: search_text.exact(self.body) if printed(self.report) else [],
            "pairs": lambda: search_text.pairs(self.text),
        }
        return {field: analysers[field]() for field in fields}


_PRINTED = (TextQuality.CLEAN, TextQuality.LEGACY_ENCODING)


def printed(report: Report) -> bool:
    """Whether the report's marks are its own: the exact-mark field holds only marks the document
    itself prints: not the catalogue's title (written by hand, and a near-empty field would rank
    first), nor marks a machine restored (a guess)."""
    return report.text_quality in _PRINTED


def index_text(report: Report) -> str:
    """The text a report is found by: its title, every block, and the OCR text of a restored report
    (so a query typed the way the OCR spells it finds it too)."""
    return "\n".join([report.title, *(b.text for b in report.blocks), *(b.text for b in report.ocr_blocks)])


def body_text(report: Report) -> str:
    """The blocks as the page shows them: the source of exact-mark terms."""
    return "\n".join(b.text for b in report.blocks)


def ordered_reports(catalog: Catalog) -> list[Report]:
    """The reports as the index numbers them: newest first."""
    return sorted(catalog.reports, key=report_order)


def search_docs(catalog: Catalog) -> list[SearchDoc]:
    return [SearchDoc(num=num, report=r) for num, r in enumerate(ordered_reports(catalog))]


def analysis_input(report: Report) -> tuple[str, str | None]:
    """What a report's analysis reads: its text, and its body if its marks are its own (else None)."""
    return index_text(report), body_text(report) if printed(report) else None


def analyse(text: str, body: str | None) -> DocTerms:
    """One document's fields as the index counts them (``FIELDS`` order): the words and pairs of its
    text, the exact marked forms of its body (None: no exact field). Exactly the counts of
    ``SearchDoc.terms``. The expensive part of the index: remembered in the cache (``RunCache``)."""
    words, pairs = search_text.word_and_pair_counts(text)
    exact = search_text.exact_counts(body) if body is not None else {}
    return FieldTerms.of(words), FieldTerms.of(exact), FieldTerms.of(pairs)


def term_records(docs: list[SearchDoc]) -> list[tuple[str, bytes]]:
    """Every term's record (see tdkt.lunr_build), sorted as JavaScript compares strings (one process)."""
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
    key = _utf16(before)
    for end in range(1, len(term) + 1):
        if _utf16(term[:end]) > key:
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


def search_files(catalog: Catalog, cache_dir: Path | None = None) -> Iterator[tuple[str, bytes]]:
    """Every file of the search index: ``(docs-relative path, bytes)``, one at a time; the manifest last.
    The same bytes with or without ``cache_dir``, in any run, however the work is split.

    ``cache_dir``: a folder of the index's own (e.g. ``.cache/search``) where the analyses of runs of
    reports are remembered by what they depend on (see "the cache" below): a rebuild analyses only the
    reports whose text changed. Entries the catalogue no longer needs are removed.

    How, from ``PARALLEL_FROM`` reports: the reports are cut into runs (``plan``); the runs to analyse
    go to worker processes started fresh (``Workers``: they get the texts through a pipe and share no
    memory with this process, whose catalogue a forked child would end up copying) while this process
    writes the result, paragraph and facet files; if those are still to be written once every run is
    known, a worker merges the runs into term shards meanwhile."""
    reports = ordered_reports(catalog)
    cache = run_cache(cache_dir) if cache_dir is not None else None
    runs = plan(reports, cache)
    parts: list[Postings | None] = [load_run(cache, run.key) for run in runs] if cache else [None] * len(runs)
    missing = [n for n, part in enumerate(parts) if part is None]
    remembered = remembered_docs(cache, {k for n in missing for k in runs[n].keys}, {r.key for r in runs}) \
        if cache and missing else {}
    tasks = ((n, _task(runs[n], reports, remembered, cache)) for n in missing)
    side: Iterator[tuple[str, bytes]] | None = _side_files(reports, catalog)
    big = len(reports) >= PARALLEL_FROM and Workers.available()
    to_analyse = sum(run.end - run.start - sum(k in remembered for k in run.keys) for run in (runs[n] for n in missing))
    if big and _workers() > 1 and to_analyse >= PARALLEL_FROM:
        with Workers(min(_workers(), len(missing))) as workers:
            for item in workers.run_all(tasks, side):  # the side files, while the workers analyse
                yield item
            side = None
            for n, postings in workers.results.items():
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
    with Workers(1) as workers:
        index = workers.index_files(parts, len(reports))
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
    return [Run(a, b, tuple(keys[a:b]), _digest(*keys[a:b])) for a, b in cut_runs(keys)]


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
    inputs: tuple[tuple[str, str | None] | DocTerms, ...]  # per report: (text, body) to analyse, or its analysis
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


# ------------------------------------------------------------------ processes (the impure part)
#
# Workers are fresh Python processes (``python -c``), not forks: a forked child shares the catalogue's
# memory page by page, and as soon as either process touches a report (even to read it: reference counts
# are written) that page is copied; at 10,000 reports that cost a gigabyte. Nor multiprocessing's spawn,
# which runs the caller's main module again. They speak pickled messages over their stdin and stdout.

def _workers() -> int:
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(MAX_WORKERS, cpus))


class Workers:
    """A few worker processes: ``run_all`` makes run postings, ``index_files`` merges runs into files."""

    def __init__(self, count: int):
        root = str(Path(__file__).resolve().parent.parent)  # this very code, whatever the working folder holds
        command = f"import sys; sys.path.insert(0, {root!r}); from tdkt.search import _serve; _serve()"
        self.processes = [subprocess.Popen([sys.executable, "-c", command], stdin=subprocess.PIPE,
                                           stdout=subprocess.PIPE) for _ in range(count)]
        self.to = [Connection(os.dup(p.stdin.fileno()), readable=False) for p in self.processes]
        self.back = [Connection(os.dup(p.stdout.fileno()), writable=False) for p in self.processes]
        for p in self.processes:
            p.stdin.close()
            p.stdout.close()
        self.results: dict[int, Postings] = {}

    @staticmethod
    def available() -> bool:
        return bool(sys.executable) and os.name == "posix"

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc) -> None:
        for c in self.to + self.back:
            c.close()
        for p in self.processes:
            try:
                p.wait(timeout=5 if exc[0] is None else 0.1)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()

    def _receive(self, n: int):
        try:
            kind, value = self.back[n].recv()
        except EOFError:
            raise RuntimeError(f"a search index worker died (exit code {self.processes[n].wait()})") from None
        if kind == "error":
            raise RuntimeError(f"a search index worker failed:\n{value}")
        return kind, value

    def run_all(self, tasks: Iterator[tuple[int, RunTask]], meanwhile: Iterator) -> Iterator:
        """Every task's postings into ``results`` (by task number), each task sent to a free worker;
        between two items of ``meanwhile`` (which are passed on) the finished tasks are taken back."""
        idle, busy = list(range(len(self.processes))), {}

        def turn(block: bool) -> bool:  # give out tasks, take back what is done; False once all is done
            while idle:
                task = next(tasks, None)
                if task is None:
                    break
                n = idle.pop()
                self.to[n].send(("run", task[1]))
                busy[n] = task[0]
            if not busy:
                return False
            for c in wait([self.back[n] for n in busy], timeout=None if block else 0):
                n = self.back.index(c)
                self.results[busy.pop(n)] = self._receive(n)[1]
                idle.append(n)
            return True

        for item in meanwhile:
            turn(block=False)
            yield item
        while turn(block=True):
            pass

    def index_files(self, parts: list[Postings], count: int) -> Iterator[tuple[str, bytes]]:
        """``_index_files(parts, count)`` in the first worker, which starts as soon as it has the parts."""
        for part in parts:
            self.to[0].send(("part", part))
        self.to[0].send(("index", count))

        def files():
            while (message := self._receive(0))[0] == "file":
                yield message[1]

        return files()


def _serve() -> None:
    """A worker's loop: requests from stdin, answers to stdout (print goes to stderr)."""
    requests, answers = Connection(0, writable=False), Connection(os.dup(1), readable=False)
    os.dup2(2, 1)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the build's to handle: it closes our pipes
    parts: list[Postings] = []
    while True:
        try:
            kind, value = requests.recv()
        except EOFError:
            return
        try:
            if kind == "run":
                answers.send(("postings", run_postings(value)))
            elif kind == "part":
                parts.append(value)
            elif kind == "index":
                for file in _index_files(parts, value):
                    answers.send(("file", file))
                answers.send(("done", None))
                parts = []
        except (BrokenPipeError, EOFError):
            return
        except BaseException:  # noqa: BLE001 - reported to the parent, which raises
            answers.send(("error", traceback.format_exc()))
            return


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
RUN_AVERAGE = 128   # reports per run, on average
RUN_MAX = 1024      # at most (document numbers within a run are stored in 16 bits)
_CODE = ("search.py", "search_text.py", "collate.py", "lunr_build.py")


@dataclass(frozen=True, slots=True)
class RunCache:
    folder: Path   # <cache_dir>/runs/
    context: str   # hash of the analysis code


def run_cache(cache_dir: Path) -> RunCache:
    here = Path(__file__).parent
    code = [(here / name).read_bytes() for name in _CODE]
    context = _digest(CACHE_FORMAT, *code, unicodedata.unidata_version, "%d.%d" % sys.version_info[:2],
                      ",".join(FIELDS))
    return RunCache(folder=cache_dir / "runs", context=context)


def _digest(*parts: bytes | str) -> str:
    h = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def analysis_key(context: str, text: str, body: str | None) -> str:
    """What a report's analysis depends on: its text, its body (None: no exact field), the code."""
    return _digest(context, text, "-" if body is None else "+", body or "")


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


def decode_run(data: bytes) -> Postings | None:
    """``encode_run`` undone; None for bytes it did not write (damaged, truncated, another format)."""
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
        if at != len(data) - 4 or n_fields != len(FIELDS):
            return None
        return Postings(count=count, terms=terms, fields=tuple(fields))
    except (struct.error, UnicodeDecodeError, ValueError):
        return None


def _entry(cache: RunCache, key: str) -> Path:
    return cache.folder / f"{key}.run"


def load_run(cache: RunCache, key: str) -> Postings | None:
    try:
        return decode_run(_entry(cache, key).read_bytes())
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
        postings = decode_run(data)
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
