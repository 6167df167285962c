"""The browser's pure JavaScript cores, run under node against the Python they mirror.

Each page script is split into a core (no DOM, no window, no fetch) and the page code that draws with it:
``khen-thuong-core.js`` counts the precedent finder's records as ``tdkt/site/precedents.py`` does (filters, the
pivot with its totals, "không rõ" and "≥" for records that state no count, the sentence saying what is counted and
what the default filters leave out, the records table of ``tdkt/site/award_page.py``),
and ``search-core.js`` turns a typed query into lunr clauses, finds the shards of its terms, scores, counts
facets and picks snippets over the index files ``tdkt/search/index.py`` writes. The drivers in ``tests/js/`` feed
a core a job as JSON and answer in JSON; here the Python side answers the same job and the two are compared.
(``tests/search/test_rank.py`` checks the scorer against lunr.js and lunr.py clause by clause; here it is
checked from the typed query on, as the page runs it.)
"""
from __future__ import annotations

import bisect
import dataclasses
import json
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from types import SimpleNamespace
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from tdkt.site.award_page import cell_text, records_html, total_text
from tdkt.search.lunr_build import FieldTerms, build_records
from tdkt.model import AwardStatus, RecipientKind, Status
from tdkt.site.paths import unit_slug
from tdkt.site.precedents import DEFAULTS, Coded, Dim, code_records, default_view, finder_json, pivot, scope_text
from tdkt.search.index import (FIELDS, INDEX_DIR, _multi, _single, iter_shards, lunr_json, ordered_reports, search_docs,
                         search_files, shards, term_records)

from tests.search.test_rank import QUERIES, lunr_py_scores, page_clauses

JS = Path(__file__).parent / "js"
NODE = shutil.which("node")


def node(driver: str, job: dict):
    """Run tests/js/<driver> on ``job`` (JSON on stdin); its JSON answer."""
    if NODE is None:
        pytest.fail("node is needed to run the browser's JavaScript cores (Debian's nodejs; `make setup` installs it)")
    result = subprocess.run([NODE, str(JS / driver)], input=json.dumps(job), capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


# =========================================================================== the precedent finder

def _plain(cell):
    return None if cell is None else [cell.total, cell.records, cell.unknown]


def _filtered(coded: Coded, filters: dict[str, str]) -> Coded:
    """The records under every filter ({dimension key: option code}): what the finder's selects mean."""
    wanted = []
    for key, code in filters.items():
        if code == "":  # "Tất cả"
            continue
        dim = Dim(key)
        index = {o.code: i for i, o in enumerate(coded.options[dim])}
        wanted.append((dim, index.get(code, -1)))
    return Coded(options=coded.options, records=tuple(
        c for c in coded.records if all(i in c.value(dim) for dim, i in wanted)))


def _table_rows(html: str) -> list[dict]:
    """records_html's rows: the nine texts, the link's text and its href."""
    out = []
    for tr in ET.fromstring(html).find("tbody").findall("tr"):
        tds = tr.findall("td")
        a = tds[9].find("a")
        out.append({"cells": ["".join(td.itertext()) for td in tds[:9]], "link": a.text, "href": a.get("href")})
    return out


def python_answer(coded: Coded, query: dict) -> dict:
    """What the finder should show for one query, by tdkt/site/precedents.py and tdkt/site/award_page.py."""
    chosen = _filtered(coded, query["filters"])
    rows, cols = Dim(query["rows"]), Dim(query["cols"])
    p = pivot(chosen, rows, cols)
    cells = [[p.cells.get((i, j)) for j in range(len(p.columns))] for i in range(len(p.rows))]
    newest = sorted(chosen.records, key=lambda c: (-c.report.year, c.report.id, c.record.block))
    return {
        "records": [[c.report.id, c.record.block] for c in newest],
        "table": _table_rows(records_html(chosen, len(chosen.records))),
        "authorities": [c.value(Dim.AUTHORITY) for c in newest],
        "scope": scope_text(coded, {Dim(k): v for k, v in query["filters"].items()}),
        "pivot": {
            "rows": [o.label for o in p.rows], "cols": [o.label for o in p.columns],
            "cells": [[_plain(c) for c in line] for line in cells],
            "rowTotals": [_plain(c) for c in p.row_totals], "colTotals": [_plain(c) for c in p.column_totals],
            "total": _plain(p.total), "totalText": total_text(p.total) if p.total.records else None,
            "texts": [[cell_text(c) for c in line] + [cell_text(p.row_totals[i])] for i, line in enumerate(cells)]
                     + [[cell_text(c) for c in p.column_totals] + [cell_text(p.total)]],
        },
    }


def same_finder(coded: Coded, queries: list[dict]) -> None:
    answers = node("awards.js", {"finder": finder_json(coded), "queries": queries})
    authority = coded.options[Dim.AUTHORITY]
    for query, js in zip(queries, answers):
        py = python_answer(coded, query)
        assert js["pivot"] == py["pivot"], query
        assert js["scope"] == py["scope"], query
        assert js["records"] == py["records"], query  # newest first, as the build prints them
        assert len(js["table"]) == len(py["table"]), query
        for ours, printed, at in zip(js["table"], py["table"], py["authorities"]):
            # The page shows an authority by its group's label (the first spelling met: tdkt/site/precedents.py groups
            # spellings that differ only in case and spacing); the printed table shows each record's own spelling.
            expected = printed["cells"][:2] + ["; ".join(authority[i].label for i in at) or "—"] + printed["cells"][3:]
            assert ours["cells"] == expected, query
            report_id, label, block = ours["source"]
            assert printed["link"] == f"{label} ¶{block}", query
            # the page links "bao-cao/<id>/#p-<block>" from the site root, which is "../" from /khen-thuong/
            assert printed["href"] == f"../bao-cao/{report_id}/#p-{block}", query


def _seed_queries(coded: Coded) -> list[dict]:
    queries = [{"filters": {}, "rows": r.value, "cols": c.value} for r in Dim for c in Dim]  # every pair of axes
    for dim in Dim:  # each option of each dimension alone, under a few axes
        for option in coded.options[dim]:
            for rows, cols in ((Dim.FORM, Dim.YEAR), (Dim.RECIPIENTS, Dim.STATUS), (Dim.MOVEMENT, Dim.AUTHORITY)):
                queries.append({"filters": {dim.value: option.code}, "rows": rows.value, "cols": cols.value})
    queries += [
        {"filters": {"trang-thai": "proposed", "he-thong": coded.options[Dim.SYSTEM][0].code},
         "rows": "doi-tuong", "cols": "cap"},
        {"filters": {"trang-thai": "granted", "nam": "2023"}, "rows": "phong-trao", "cols": "trang-thai"},
        {"filters": {"nam": "1999"}, "rows": "hinh-thuc", "cols": "nam"},  # no record has it: an empty table
        {"filters": {"trang-thai": "granted", "ra-soat": "da-ra-soat"}, "rows": "cap-khen", "cols": "ra-soat"},
        {"filters": {"trang-thai": "", "ra-soat": "chua-ra-soat"}, "rows": "hinh-thuc", "cols": "trang-thai"},
    ]
    return queries


def test_the_finder_counts_the_seeds_as_the_python(seed_catalog):
    coded = code_records(seed_catalog)
    queries = _seed_queries(coded)
    same_finder(coded, queries)


def test_the_seed_cases_the_comparison_must_cover(seed_catalog):
    """The seeds hold what the counting must get right: records with no count (*), proposed and granted,
    records without an authority ("Không ghi"), reports with several movements."""
    coded = code_records(seed_catalog)
    records = [c.record for c in coded.records]
    assert any(r.count is None for r in records) and any(r.count is not None for r in records)
    assert {r.status for r in records} == set(AwardStatus)
    assert any(not r.authority for r in records)
    assert any(len(c.value(Dim.MOVEMENT)) > 1 for c in coded.records)
    answer = node("awards.js", {"finder": finder_json(coded), "queries": [
        {"filters": {}, "rows": "hinh-thuc", "cols": "trang-thai"},
        {"filters": {}, "rows": "co-quan", "cols": "nam"},
        {"filters": {"trang-thai": "proposed"}, "rows": "hinh-thuc", "cols": "trang-thai"}]})
    assert answer[0]["pivot"]["cols"] == ["Đã tặng", "Đề nghị"]
    assert answer[0]["pivot"]["texts"][-1][-1].startswith("≥ ")  # the grand total: some record states no count
    assert answer[0]["pivot"]["totalText"].endswith(" + 1 nội dung không rõ số lượng")
    assert answer[1]["pivot"]["rows"][-1] == "Không ghi"
    assert answer[2]["pivot"]["cols"] == ["Đề nghị"] and answer[2]["records"]


AUTHORITIES = ["", "Chủ tịch UBND tỉnh", "chủ tịch  UBND Tỉnh", "Thủ tướng Chính phủ", "UBND huyện"]


@st.composite
def archives(draw, seed):
    """The seed archive with its award records drawn again: counts (some unstated), statuses, authorities
    (spellings of one group among them), recipients, movements (own, the report's, none), years."""
    pool = [a for r in seed.reports for a in r.awards]
    forms = sorted({a.form for a in pool}, key=lambda t: t.id)
    movements = list(seed.movements)
    reports = []
    for r in seed.reports:
        n = draw(st.integers(0, 5))
        awards = tuple(dataclasses.replace(
            draw(st.sampled_from(pool)), report_id=r.id,
            form=draw(st.sampled_from(forms)),
            count=draw(st.one_of(st.none(), st.integers(0, 3000))),
            status=draw(st.sampled_from(list(AwardStatus))),
            authority=draw(st.sampled_from(AUTHORITIES)),
            recipients=draw(st.one_of(st.none(), st.sampled_from(list(RecipientKind)))),
            movement=draw(st.one_of(st.none(), st.sampled_from(movements))),
            block=draw(st.integers(1, 4)),
            reviewed=draw(st.booleans()),
        ) for k in range(n))
        own = tuple(draw(st.lists(st.sampled_from(movements), max_size=3, unique_by=lambda m: m.id)))
        period = dataclasses.replace(r.period, year=draw(st.integers(2021, 2024)))
        status = draw(st.sampled_from(list(Status)))  # a draft's records are never reviewed
        reports.append(dataclasses.replace(r, awards=awards, movements=own, period=period, status=status))
    return dataclasses.replace(seed, reports=tuple(reports))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_random_records_count_alike(seed_catalog, data):
    coded = code_records(data.draw(archives(seed_catalog)))
    dims = st.sampled_from([d.value for d in Dim])

    @st.composite
    def queries(draw):
        filters = {}
        for dim in draw(st.lists(st.sampled_from(list(Dim)), max_size=3, unique=True)):
            codes = [o.code for o in coded.options[dim]] + ["khong-co"]  # a code no record has matches nothing
            filters[dim.value] = draw(st.sampled_from(codes + [""]))  # "" (all): as the finder's "Tất cả"
        return {"filters": filters, "rows": draw(dims), "cols": draw(dims)}

    same_finder(coded, data.draw(st.lists(queries(), min_size=1, max_size=6)))


def test_the_default_view_and_an_unreviewed_proposal_count_alike(fixture_catalog):
    """The fixture holds a reviewed granted record and an unreviewed proposal: the finder's defaults (ban-ghi.json)
    select the first only, in the core as in the Python, and the sentence above the tables says what is left out."""
    coded = code_records(fixture_catalog)
    finder = finder_json(coded)
    names = [d.value for d in Dim] + ["hang", "cot"]
    got = node("awards.js", {"finder": finder, "defaults": names, "queries": []})
    assert got["defaults"] == {**{n: "" for n in names}, "trang-thai": "granted", "ra-soat": "da-ra-soat",
                               "hang": "hinh-thuc", "cot": "nam"}
    defaults = {d.value: v for d, v in DEFAULTS.items()}
    queries = [{"filters": defaults, "rows": "hinh-thuc", "cols": "nam"},
               {"filters": {**defaults, "ra-soat": ""}, "rows": "ra-soat", "cols": "trang-thai"},
               {"filters": {"trang-thai": "", "ra-soat": ""}, "rows": "cap-khen", "cols": "ra-soat"}]
    same_finder(coded, queries)
    answer = node("awards.js", {"finder": finder, "queries": queries})
    assert answer[0]["records"] == [[c.report.id, c.record.block] for c in default_view(coded).records]
    assert "Không tính vào đây: 1 nội dung đề nghị, chưa rà soát" in answer[0]["scope"]
    assert [row["cells"][7] for row in answer[2]["table"]] == ["Đã rà soát", "Chưa rà soát"]


def test_a_report_s_movements_do_not_come_from_its_first_record(seed_catalog):
    report = next(r for r in seed_catalog.reports if len(r.awards) > 1)
    other = next(m for m in seed_catalog.movements if m not in report.movements)
    first, *rest = report.awards
    awards = (dataclasses.replace(first, movement=other), *(dataclasses.replace(a, movement=None) for a in rest))
    catalog = dataclasses.replace(seed_catalog, reports=tuple(
        dataclasses.replace(r, awards=awards) if r is report else r for r in seed_catalog.reports))
    same_finder(code_records(catalog), [{"filters": {}, "rows": "phong-trao", "cols": "trang-thai"}])


# =========================================================================== search

def _index(catalog) -> dict[str, bytes]:
    """Every file of the search index as the build writes it, by path under the index folder."""
    return {path.removeprefix(INDEX_DIR + "/"): content for path, content in search_files(catalog)}


def _json(data: bytes):
    return json.loads(data.decode("utf-8"))


def test_typed_queries_become_the_same_clauses():
    queries = QUERIES + ['Khen "hoà bình"', 'a "b c" d "e', '""', "  ", "ĐẢNG  ủy,khen", '"thi đua" "khen thưởng"']
    got = node("search.js", {"clauses": {"fields": list(FIELDS), "queries": queries}})["clauses"]
    assert got == [page_clauses(q) for q in queries]


# letters with and without marks, digits, spaces, punctuation and quotes: what people type into the box
QUERY_TEXT = st.text(alphabet=st.sampled_from(list("aăâbcdđeêghiklmnoôơpqrstuưvxyAĐÊÔƯáàảãạắặếệốộớợứựýỳ019 ,.-\"\u00a0'")),
                     max_size=30)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(QUERY_TEXT, min_size=5, max_size=20))
def test_random_typed_queries_become_the_same_clauses(queries):
    got = node("search.js", {"clauses": {"fields": list(FIELDS), "queries": queries}})["clauses"]
    assert got == [page_clauses(q) for q in queries]


def test_typed_queries_rank_as_lunr_on_the_seeds(seed_catalog):
    """From the typed query on, as the page runs it (only the shards its terms are in), against lunr.py on the
    whole index: the same documents in the same order with the same scores."""
    files = _index(seed_catalog)
    manifest = _json(files["manifest.json"])
    job = {"fields": manifest["fields"], "docs": manifest["docs"], "keys": manifest["shards"],
           "shards": [files[f"t/{n}.json"].decode("utf-8") for n in range(len(manifest["shards"]))], "queries": QUERIES}
    got = node("search.js", {"search": job})["search"]
    records = term_records(search_docs(seed_catalog))
    assert lunr_json(records)["fieldVectors"], "an index to search"
    for query, answer in zip(QUERIES, got):
        clauses = page_clauses(query)
        expected = lunr_py_scores(records, clauses) if all(
            c["term"] in {t for t, _ in records} for c in clauses if c["required"]) else {}
        assert dict(map(tuple, answer["ranking"])) == expected, query
        scores = [s for _, s in answer["ranking"]]
        assert scores == sorted(scores, reverse=True), query
        assert len(answer["loaded"]) < len(manifest["shards"]), query  # a query fetches only its shards
    assert sum(bool(a["ranking"]) for a in got) >= len(QUERIES) - 2  # the queries find things


def _ranked(catalog, queries: list[str]) -> list[list[str]]:
    """Each query's ranking as the page makes it (search-core.js, only its shards), as report ids."""
    files = _index(catalog)
    manifest = _json(files["manifest.json"])
    job = {"fields": manifest["fields"], "docs": manifest["docs"], "keys": manifest["shards"],
           "shards": [files[f"t/{n}.json"].decode("utf-8") for n in range(len(manifest["shards"]))], "queries": queries}
    ids = [r.id for r in ordered_reports(catalog)]
    return [[ids[d] for d, _ in answer["ranking"]] for answer in node("search.js", {"search": job})["search"]]


def test_a_document_number_brings_up_that_document_first(seed_catalog):
    """The number as clerks write it, with or without its symbol and spaces, finds its report first: every seed
    but one holds 6, BC and UBND somewhere, so "6/BC-UBND" is ranked by the number field alone."""
    my_quy, long_xuyen = "2023-my-quy-long-xuyen-bc-184", "2023-long-xuyen-kinh-mon-bc-6"
    queries = ["184/BC-UBND", "Báo cáo 184", "184 / bc-ubnd", "6/BC-UBND", "Báo cáo số 6/BC-UBND", "báo cáo 6 tháng"]
    got = _ranked(seed_catalog, queries)
    assert [ranking[0] for ranking in got[:5]] == [my_quy] * 3 + [long_xuyen] * 2
    assert len(got[3]) >= 2  # found elsewhere too, ranked below
    assert got[5] and got[5][0] != long_xuyen  # "6 tháng" asks for no number


def test_every_term_is_looked_for_in_its_shard(seed_catalog):
    records = term_records(search_docs(seed_catalog))
    keys, contents = shards(records)
    assert len(keys) > 3
    held = [(rec[0], n) for n, c in enumerate(contents) for rec in json.loads(c)]  # each term, in its shard
    terms, expected = [t for t, _ in held], [n for _, n in held]
    assert node("search.js", {"shardFor": {"keys": keys, "terms": terms}})["shardFor"] == expected


# terms sorted as Python sorts them (by code point) and cut into shards as JavaScript compares them (UTF-16):
# characters above U+FFFF sort below U+E000-U+FFFF in UTF-16
TERM = st.text(alphabet=st.sampled_from(["a", "b", "z", "é", "đ", "\ue000", "\uffee", "😀", "𝐀", "_"]), min_size=1,
               max_size=4)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(TERM, min_size=1, max_size=6), min_size=1, max_size=12), st.lists(TERM, max_size=10))
def test_random_terms_are_looked_for_in_their_shard(docs, strangers):
    records = build_records([(FieldTerms.of_list(words), FieldTerms.of_list([]), FieldTerms.of_list([]))
                             for words in docs], [1, 1, 1])
    with mock.patch.dict(iter_shards.__globals__, {"SHARD_BYTES": 40}):  # small shards: many of them
        pairs = list(iter_shards(records))
    keys = [k for k, _ in pairs]
    holder = {rec[0]: n for n, (_, c) in enumerate(pairs) for rec in json.loads(c)}
    terms = list(holder) + strangers
    got = node("search.js", {"shardFor": {"keys": keys, "terms": terms}})["shardFor"]
    for term, shard in zip(terms, got):
        if term in holder:
            assert shard == holder[term], (term, keys)
        else:  # a term the index lacks: its shard, had it one, must not hold it either
            assert term not in {rec[0] for rec in json.loads(pairs[shard][1])}


def _report_facets(report) -> dict[str, set[str]]:
    """Each facet's value keys for one report, as tdkt/search/index.py's _facets defines them."""
    return {
        "nam": {str(report.period.year)}, "tinh": {report.unit.province_id}, "cap": {report.unit.level.value},
        "loai": {report.doc_type.id}, "phong-trao": {m.id for m in report.movements},
        "hinh-thuc": {a.form.id for a in report.awards}, "don-vi": {unit_slug(report.unit)},
    }


def expected_counts(values: list[dict[str, set[str]]], names: list[str], sel: dict[str, list[str]],
                    matches: list[int] | None) -> dict:
    """Kept documents and counts, straight from each document's values: a document is kept when it has a
    chosen value of every facet chosen; a facet's counts are over the matches that pass the *other* facets."""
    matches = list(range(len(values))) if matches is None else matches

    def passes(doc: int, skip: str | None) -> bool:
        return all(values[doc][name] & set(keys) for name, keys in sel.items() if name != skip)

    counts = {}
    for name in names:
        c: dict[str, int] = {}
        for doc in matches:
            if passes(doc, name):
                for key in values[doc][name]:
                    c[key] = c.get(key, 0) + 1
        counts[name] = c
    return {"kept": [d for d in matches if passes(d, None)], "counts": counts}


def test_facets_count_the_seeds_as_their_reports_say(seed_catalog):
    files = _index(seed_catalog)
    facets = _json(files["facets.json"])
    units = {p.removeprefix("f/").removesuffix(".json"): _json(c) for p, c in files.items() if p.startswith("f/")}
    reports = ordered_reports(seed_catalog)
    values = [_report_facets(r) for r in reports]
    provinces = sorted({r.unit.province_id for r in reports})
    assert len(provinces) > 1
    first = reports[0]
    cases = [
        {"sel": {}, "matches": None},
        {"sel": {"nam": ["2023"]}, "matches": None},
        {"sel": {"nam": ["2023", "2024"], "cap": [first.unit.level.value]}, "matches": None},
        {"sel": {"tinh": provinces[:1]}, "matches": None},
        {"sel": {"tinh": provinces, "don-vi": [unit_slug(first.unit)]}, "matches": None},
        {"sel": {"phong-trao": [first.movements[0].id, "khong-co"]}, "matches": [0, 2, 3]},
        {"sel": {"hinh-thuc": [a.form.id for a in first.awards][:2]}, "matches": None},
        {"sel": {"loai": [first.doc_type.id], "hinh-thuc": ["khong-co"]}, "matches": None},
        {"sel": {"nam": ["1999"]}, "matches": [1]},
    ]
    got = node("search.js", {"facets": {"docs": len(reports), "facets": facets, "units": units, "cases": cases}})
    for case, answer in zip(cases, got["facets"]):
        names = [n for n in facets if n != "don-vi"] + (["don-vi"] if "tinh" in case["sel"] else [])
        sel = {n: keys for n, keys in case["sel"].items() if n != "don-vi" or "tinh" in case["sel"]}
        assert answer == expected_counts(values, names, sel, case["matches"]), case


@st.composite
def facet_archives(draw):
    """Documents with one value of a single-valued facet and any values of two many-valued ones; the Python
    writes them in each of the four forms the browser reads (codes, doc, lists, docs)."""
    n = draw(st.integers(1, 40))
    keys = ["a", "b", "c", "d", "e"]
    single = [draw(st.sampled_from(keys)) for _ in range(n)]
    multi = [set(draw(st.lists(st.sampled_from(keys), max_size=3))) for _ in range(n)]
    return single, multi


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(facet_archives(), st.data())
def test_random_facets_count_alike(archive, data):
    single, multi = archive
    n = len(single)
    docs = [SimpleNamespace(num=i, report=i) for i in range(n)]
    label = lambda k: (k, k.upper())  # noqa: E731
    few = data.draw(st.sampled_from([1, 2, 3, 50_000]))  # values above it take the longer forms
    with mock.patch.dict(_single.__globals__, {"MAX_CODE": few}):
        facets = {
            "one": {"label": "One", **_single(docs, lambda i: label(single[i]), lambda k, _: k)},
            "many": {"label": "Many", **_multi(docs, lambda i: [label(k) for k in sorted(multi[i])], lambda k, _: k,
                                               per_doc=True)},
            "deltas": {"label": "Deltas", **_multi(docs, lambda i: [label(k) for k in sorted(multi[i])],
                                                   lambda k, _: k)},
        }
    values = [{"one": {single[i]}, "many": multi[i], "deltas": multi[i]} for i in range(n)]
    keys = st.lists(st.sampled_from(["a", "b", "c", "d", "e", "z"]), min_size=1, max_size=3, unique=True)
    cases = data.draw(st.lists(st.fixed_dictionaries({
        "sel": st.dictionaries(st.sampled_from(["one", "many", "deltas"]), keys, max_size=3),
        "matches": st.one_of(st.none(), st.lists(st.integers(0, n - 1), unique=True).map(sorted)),
    }), min_size=1, max_size=5))
    got = node("search.js", {"facets": {"docs": n, "facets": facets, "units": {}, "cases": cases}})["facets"]
    for case, answer in zip(cases, got):
        assert answer == expected_counts(values, list(facets), case["sel"], case["matches"]), (case, facets)


def test_the_snippet_is_the_best_paragraph_around_its_first_hit():
    """No Python twin: what the page shows, pinned on small cases."""
    long = "Mở đầu " + "chữ " * 40 + "phong trào thi đua khen thưởng năm 2023 " + "tiếp " * 80
    cases = [
        {"query": "khen thưởng", "blocks": [[1, "Không có gì"], [2, "Công tác khen thuong"], [3, "Khen thưởng, khen"]]},
        {"query": '"hoà bình" khen', "blocks": [[4, "hòa, bình, khen"], [5, "Hoà Bình được khen"]]},
        {"query": "xyz", "blocks": [[1, "abc"]]},
        {"query": "khen", "blocks": [[7, long]]},
    ]
    got = node("search.js", {"snippets": cases})["snippets"]
    assert got[0] == {"block": 2, "parts": [["", False], ["Công tác ", False], ["khen", True], [" ", False],
                                              ["thuong", True], ["", False]]}
    assert got[1] == {"block": 5, "parts": [["", False], ["", False], ["Hoà", True], [" ", False], ["Bình", True],
                                              [" được ", False], ["khen", True], ["", False]]}
    assert got[2] == {"block": None, "parts": None}
    # a long paragraph: the 260 characters from 80 before the first hit, less the word cut at the start
    hit = long.index("khen")
    start, end = long.index(" ", hit - 80) + 1, hit - 80 + 260
    assert got[3] == {"block": 7, "parts": [["… ", False], [long[start:hit], False], ["khen", True],
                                             [long[hit + 4:end] + " …", False]]}


def test_edits_count_swaps_as_one_and_stop_past_the_limit():
    cases = [["thuogn", "thuong", 2], ["khen", "khen", 1], ["khen", "kehn", 1], ["abc", "xyz", 1],
             ["thuong", "thuo", 2], ["dua", "duaxyz", 2], ["", "ab", 2], ["chien", "chieng", 1]]
    assert node("search.js", {"edits": cases})["edits"] == [1, 0, 1, 2, 2, 3, 2, 1]


def test_a_query_that_finds_nothing_is_offered_the_nearest_the_index_holds(seed_catalog):
    """"khen thuogn" finds nothing; the words the index holds nearest it are offered (folded), never a word
    more than two edits away, and nothing when the query already finds something."""
    files = _index(seed_catalog)
    manifest = _json(files["manifest.json"])
    shard_texts = [files[f"t/{n}.json"].decode("utf-8") for n in range(len(manifest["shards"]))]
    # words typed with two letters swapped so that they sort into the shard before the word's: only that
    # neighbouring shard, which the page loads when nothing is found, holds the word
    keys, words = manifest["shards"], manifest["fields"].index("words")
    held = {rec[0] for text in shard_texts for rec in json.loads(text)}
    swapped = {}
    for n, text in enumerate(shard_texts[1:], 1):
        for rec in json.loads(text):
            w = rec[0]
            if not (w.isalpha() and len(w) > 4 and any(f[0] == words for f in rec[2:])):
                continue
            for i in range(1, len(w) - 1):
                typo = w[:i] + w[i + 1] + w[i] + w[i + 2:]
                if typo not in held and bisect.bisect_right(keys, typo) - 1 == n - 1:
                    swapped[typo] = w
    assert swapped
    job = {"fields": manifest["fields"], "docs": manifest["docs"], "keys": manifest["shards"], "shards": shard_texts,
           "queries": ["khen thuogn", "thi dau", "khen thưởng", "xyzzyqq", "Cẩm Xuyênn", *swapped]}
    got = node("search.js", {"suggest": job})["suggest"]
    assert got[0] == "khen thuong"
    assert got[2] == ""  # found as typed: nothing to offer
    assert got[3] == ""  # nothing near
    assert got[4] == "cam xuyen"
    assert any(offer == word for offer, word in zip(got[5:], swapped.values())), swapped


def test_a_draft_without_title_or_unit_is_a_link_with_a_plain_line_under_it(fixture_catalog):
    """A draft whose title is not yet known still has link text (what its page's heading says), and the line under
    it leaves out the unit it lacks instead of printing "· ·"."""
    from tdkt.search.index import _result_entry
    r = dataclasses.replace(fixture_catalog.reports[0], title="", unit=None, status=Status.DRAFT)
    entry = _result_entry(SimpleNamespace(report=r))
    assert entry[1] and entry[1].endswith("(chưa xác định trích yếu)")
    line = node("search.js", {"meta": [entry]})["meta"][0]
    assert all(part.strip() for part in line.split("·")) and line.startswith(entry[2] + " · ")
