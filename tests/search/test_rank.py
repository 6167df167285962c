"""The browser's scorer (search-core.js, used by the search page search.js) ranks exactly as lunr does.

search-core.js scores the prebuilt postings itself (typed arrays, no lunr objects) instead of running
lunr.js's Index.query. These tests run both under node on the same index and the same queries and
require the same documents in the same order with bit-for-bit equal scores: lunr.js 2.3.9 on the
whole index in lunr's own form (what the page ran before), and our scorer on the index as the
browser gets it (shards, decoded on demand). lunr.py agrees on the scores too.
"""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from lunr.index import Index
from lunr.query import QueryPresence

from tdkt.search import analysis as search_text
from tdkt.search.lunr_build import FieldTerms, build_records
from tdkt.render.mkdocs_api import lunr_js
from tdkt.search.index import BOOSTS, FIELDS, lunr_json, search_docs, shards, term_records

ROOT = Path(__file__).resolve().parents[2]
SEARCH_JS = ROOT / "theme" / "assets" / "javascripts" / "search-core.js"
NODE = shutil.which("node")

RUNNER = """
const fs = require('fs');
const lunr = require(process.argv[1]);
const core = require(process.argv[2]);
const job = JSON.parse(fs.readFileSync(0, 'utf8'));
const whole = lunr.Index.load(job.whole);
const terms = new core.TermIndex(job.fields.length);
job.shards.forEach(s => terms.addShard(JSON.parse(s)));
const out = job.queries.map(clauses => {
  const theirs = whole.query(q => clauses.forEach(c => q.term(c.term, {
    fields: [job.fields[c.field]], boost: c.boost, usePipeline: false,
    presence: c.required ? lunr.Query.presence.REQUIRED : lunr.Query.presence.OPTIONAL})));
  const found = core.score(terms, clauses, job.docs);
  const ranked = Array.from(core.rank(found.docs, found.scores, found.docs.length));
  [1, 3, 10].forEach(k => {  // the first page is ranked apart, without sorting every match
    const top = Array.from(core.rank(found.docs, found.scores, k));
    if (JSON.stringify(top) !== JSON.stringify(ranked.slice(0, k))) throw new Error('top ' + k + ': ' + top);
  });
  return [theirs.map(r => [+r.ref, r.score]), ranked.map(d => [d, found.scores[d]])];
});
process.stdout.write(JSON.stringify(out));
"""


def run_node(records, count: int, queries: list[list[dict]]) -> list:
    if NODE is None:
        pytest.fail("node is needed to run the browser's search code (Debian's nodejs)")
    lunr_file = Path(__file__).resolve().parents[1] / "_artifacts" / "lunr.js"
    lunr_file.parent.mkdir(exist_ok=True)
    lunr_file.write_bytes(lunr_js())  # its UMD wrapper exports lunr under node
    _, contents = shards(records)
    job = {"whole": lunr_json(records), "fields": list(FIELDS), "docs": count,
           "shards": [c.decode("utf-8") for c in contents], "queries": queries}
    result = subprocess.run([NODE, "-e", RUNNER, str(lunr_file), str(SEARCH_JS)], input=json.dumps(job),
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def lunr_py_scores(records, clauses: list[dict]) -> dict[int, float]:
    index = Index.load(lunr_json(records))

    def build(q):
        for c in clauses:
            q.term(c["term"], fields=[FIELDS[c["field"]]], boost=c["boost"], use_pipeline=False,
                   presence=QueryPresence.REQUIRED if c["required"] else QueryPresence.OPTIONAL)

    return {int(r["ref"]): r["score"] for r in index.query(callback=build)}


def page_clauses(query: str) -> list[dict]:
    """The clauses search.js makes of a typed query (parseQuery + clauses), here in Python."""
    phrases = []
    rest = query
    while '"' in rest:
        before, _, after = rest.partition('"')
        phrase, _, rest_after = after.partition('"')
        phrases.append(phrase)
        rest = before + " " + rest_after
    words = [t for t, _, _ in search_text.tokens(rest)] + [t for p in phrases for t, _, _ in search_text.tokens(p)]
    out = []
    f = {name: FIELDS.index(name) for name in FIELDS}
    for token in words:
        read = search_text.words(token)  # its variants: "UBND" reads as four words, "sỹ" as "si"
        out += [{"term": w, "field": f["words"], "boost": 1, "required": True} for w in read]
        if len(read) == 1 and (marked := search_text.exact(token)):
            out.append({"term": marked[0], "field": f["exact"], "boost": 2, "required": False})
    quoted = [pair for p in phrases for pair in search_text.pairs(p)]
    out += [{"term": p, "field": f["pairs"], "boost": 1, "required": True} for p in quoted]
    # unquoted words side by side: their pairs optional, boosted (a word of several syllables ranks first)
    near = [p for p in search_text.pairs(rest) if p not in quoted]
    out += [{"term": p, "field": f["pairs"], "boost": 3, "required": False} for p in near]
    # every pair again, optional, in the metadata field; the numbers asked for in the number field
    out += [{"term": p, "field": f["meta"], "boost": 1, "required": False} for p in quoted + near]
    out += [{"term": n, "field": f["number"], "boost": 1, "required": False} for n in search_text.query_numbers(query)]
    return out


def same_ranking(records, count, queries):
    for clauses, (theirs, ours) in zip(queries, run_node(records, count, queries)):
        assert ours == theirs, clauses  # same documents, same order, same scores to the last bit
        if all(c["term"] in {t for t, _ in records} for c in clauses if c["required"]):
            py = lunr_py_scores(records, clauses)
            assert py == dict(ours), clauses


QUERIES = ["khen thưởng", "chuyen doi so", '"tiên tiến"', "Giấy khen Chủ tịch", "hoà bình", "Tân Việt",
           '"Đơn vị quyết thắng"', "thi đua thi đua", '"hòa bình" khen', "Liêu Quốc Bình", "đảng ủy",
           "xyzzy khen", "năm 2023", '"chuyển đổi số"', "chiến sỹ thi đua", "CSTĐ", "UBND phường", '"UBND xã"',
           "LĐTT", "184/BC-UBND", "Báo cáo 184", "Quyết định số 184", "6/BC-UBND", "năm 2023 khen"]


def test_same_ranking_as_lunr_on_the_archive(gazetteer):
    from tdkt.catalog.load import load_catalog
    from tdkt.problems import Problems

    catalog = load_catalog(ROOT / "data", gazetteer, Problems())
    docs = search_docs(catalog)
    records = term_records(docs)
    queries = [page_clauses(q) for q in QUERIES]
    assert all(queries)
    same_ranking(records, len(docs), queries)


def test_page_clauses_match_the_scripts_analysis():
    assert page_clauses('Khen "hoà bình"') == [
        {"term": "khen", "field": 0, "boost": 1, "required": True},
        {"term": "hoa", "field": 0, "boost": 1, "required": True},
        {"term": "hòa", "field": 1, "boost": 2, "required": False},
        {"term": "binh", "field": 0, "boost": 1, "required": True},
        {"term": "bình", "field": 1, "boost": 2, "required": False},
        {"term": "hoa_binh", "field": 2, "boost": 1, "required": True},
        {"term": "hoa_binh", "field": 3, "boost": 1, "required": False},
    ]
    # a document's number: its symbol and its leading number, optional, in the number field
    assert page_clauses("Báo cáo 184/BC-UBND")[-2:] == [
        {"term": "184/bc-ubnd", "field": 4, "boost": 1, "required": False},
        {"term": "184", "field": 4, "boost": 1, "required": False},
    ]


# Random archives: a few words over many documents, so that postings are long, weights repeat
# (ties) and common words' weights round to 0 — the cases where an order of operations would show.
WORDS = ["a", "b", "c", "d", "e", "f"]
EXACT = ["á", "à", "ả", "ạ"]
PAIRS = ["a_b", "b_c", "c_d", "d_e"]
NUMBERS = ["1", "1/a", "2", "2/b"]
doc_strategy = st.fixed_dictionaries({
    "words": st.lists(st.sampled_from(WORDS), min_size=1, max_size=12),
    "exact": st.lists(st.sampled_from(EXACT), max_size=4),
    "pairs": st.lists(st.sampled_from(PAIRS), max_size=5),
    "meta": st.lists(st.sampled_from(WORDS + PAIRS), max_size=4),
    "number": st.lists(st.sampled_from(NUMBERS), max_size=2, unique=True),
})
clause_strategy = st.one_of(
    st.builds(lambda t: {"term": t, "field": 0, "boost": 1, "required": True}, st.sampled_from(WORDS + ["zz"])),
    st.builds(lambda t, b: {"term": t, "field": 1, "boost": b, "required": False}, st.sampled_from(EXACT + ["ẽ"]),
              st.sampled_from([1, 2])),
    st.builds(lambda t: {"term": t, "field": 2, "boost": 1, "required": True}, st.sampled_from(PAIRS)),
    st.builds(lambda t: {"term": t, "field": 3, "boost": 1, "required": False}, st.sampled_from(WORDS + PAIRS)),
    st.builds(lambda t: {"term": t, "field": 4, "boost": 1, "required": False}, st.sampled_from(NUMBERS + ["9"])),
)
query_strategy = st.builds(lambda first, rest: [first, *rest],
                           st.builds(lambda t: {"term": t, "field": 0, "boost": 1, "required": True},
                                     st.sampled_from(WORDS)),
                           st.lists(clause_strategy, max_size=5))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(doc_strategy, min_size=1, max_size=150), st.lists(query_strategy, min_size=1, max_size=8))
def test_same_ranking_as_lunr_on_random_archives(docs, queries):
    # the page's queries are ordered: words (each with its exact form), then pairs, then metadata, then numbers;
    # lunr's field order per document depends on it, so the random ones keep that order too
    queries = [[q[0]] + sorted(q[1:], key=lambda c: max(c["field"] - 1, 0)) for q in queries]
    records = build_records([tuple(FieldTerms.of_list(doc[f]) for f in FIELDS) for doc in docs],
                            [BOOSTS[f] for f in FIELDS])
    same_ranking(records, len(docs), queries)


def _doc(text: str, meta: str, number: str = "") -> tuple:
    """A report's fields as tdkt/search/fields.py analyses them, from its metadata, number and text (the words field
    reads all three, as ``index_text`` has it)."""
    from tdkt.search.fields import analyse

    return analyse("\n".join([meta, number, text]), None, meta, number)


def test_the_unit_whose_name_it_is_ranks_first():
    """A commune's report that writes its district's name twice in its header ranks above the district's own report
    on a bag of words and pairs; the meta field (the district's name is its unit and issuer) puts the district first,
    and its number field the report whose number it is. Without those fields (both emptied) the order flips."""
    commune = _doc("Kính gửi: Ủy ban nhân dân huyện Cẩm Xuyên. Báo cáo gửi huyện Cẩm Xuyên, số 184/BC-UBND.",
                   "Xã Cẩm Hà\nỦy ban nhân dân xã Cẩm Hà", "12/BC-UBND")
    district = _doc("Công tác thi đua, khen thưởng của huyện Cẩm Xuyên năm 2023, phong trào thi đua yêu nước, "
                    "các đơn vị, địa phương tổ chức sơ kết, tổng kết, khen thưởng kịp thời các tập thể, cá nhân.",
                    "Huyện Cẩm Xuyên\nỦy ban nhân dân huyện Cẩm Xuyên", "184/BC-UBND")
    boosts = [BOOSTS[f] for f in FIELDS]
    meta, number = FIELDS.index("meta"), FIELDS.index("number")
    bare = [tuple(FieldTerms.of_list([]) if n in (meta, number) else f for n, f in enumerate(d)) for d in (commune, district)]
    queries = [page_clauses("Cẩm Xuyên"), page_clauses("184/BC-UBND")]
    with_fields = run_node(build_records([commune, district], boosts), 2, queries)
    without = run_node(build_records(bare, boosts), 2, queries)
    assert all(theirs == ours for theirs, ours in with_fields + without)  # lunr.js ranks them alike
    assert [ours[0][0] for _, ours in with_fields] == [1, 1]  # the district's report
    assert [ours[0][0] for _, ours in without] == [0, 0]  # the commune's, which says the name and number more
