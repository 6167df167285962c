"""The search index: exactly lunr's weights, split by term without changing a score."""
from __future__ import annotations

import bisect
import gzip
import json

from hypothesis import given, strategies as st
from lunr.builder import Builder

from tdkt.search import lunr_build

from tdkt.search import index as search

from tdkt.search import analysis as search_text
from tdkt.text.collate import fold
from tdkt.search.lunr_build import FieldTerms
from tdkt.search.index import FIELDS, BOOSTS, lunr_json, search_docs, search_files, shards, term_records


def lunr_py(docs):
    builder = Builder()
    builder.pipeline.reset()
    builder.search_pipeline.reset()
    builder.ref("num")
    for field in FIELDS:
        builder.field(field, boost=BOOSTS[field])
    for doc in docs:
        builder.add({"num": doc.num, **doc.terms()})
    return builder.build().serialize()


def by_term(serialised):
    """Postings and weights keyed by term (term indexes are only names: compare what they name)."""
    names = {posting["_index"]: term for term, posting in serialised["invertedIndex"]}
    assert len(names) == len(serialised["invertedIndex"])  # every term its own index
    postings = {term: {f: sorted(docs) for f, docs in posting.items() if f != "_index" and docs}
                for term, posting in serialised["invertedIndex"]}
    vectors = {}
    for ref, flat in serialised["fieldVectors"]:
        if flat:  # lunr.py also writes empty vectors for empty fields; no query can match those
            vectors[ref] = {names[i]: w for i, w in zip(flat[::2], flat[1::2])}
    return postings, vectors


def test_our_builder_gives_lunr_pys_index(fixture_catalog):
    docs = search_docs(fixture_catalog)
    ours, theirs = lunr_json(term_records(docs)), lunr_py(docs)
    assert by_term(ours) == by_term(theirs)
    assert ours["fields"] == theirs["fields"]


def test_documents_are_numbered_newest_first(fixture_catalog):
    docs = search_docs(fixture_catalog)
    assert [d.report.id for d in docs] == ["2023-long-xuyen-hd-bc-1", "2024-tp-long-xuyen-kh", "2023-tan-viet-bc-ocr"]


def test_fields_hold_folded_exact_and_pair_terms(fixture_catalog):
    doc = next(d for d in search_docs(fixture_catalog) if d.report.id == "2023-long-xuyen-hd-bc-1")
    terms = doc.terms()
    assert "chuyen" in terms["words"] and "chuyển" in terms["exact"]
    assert "chuyen_doi" in terms["pairs"] and "doi_so" in terms["pairs"]
    assert "thi" not in terms["exact"]  # no marks: the folded term serves
    restored = next(d for d in search_docs(fixture_catalog) if d.report.id == "2024-tp-long-xuyen-kh").terms()
    assert {"dan", "kheo", "thuc"} <= set(restored["words"])  # the OCR and the restored text
    assert restored["exact"] == []  # machine-restored marks are not the document's own


def test_shards_cover_every_term_once_in_order(fixture_catalog, monkeypatch):
    monkeypatch.setattr(search, "SHARD_BYTES", 300)
    records = term_records(search_docs(fixture_catalog))
    keys, contents = shards(records)
    assert len(keys) == len(contents) > 3
    terms = [record[0] for content in contents for record in json.loads(content)]
    assert sorted(terms) == sorted(t for t, _ in records) and len(terms) == len(set(terms))
    assert terms == sorted(terms, key=utf16)
    assert keys[0] == "" and keys == sorted(keys, key=utf16)
    for n, content in enumerate(contents):  # the browser's binary search over the keys finds every term's shard
        for term, *_ in json.loads(content):
            assert bisect.bisect_right([utf16(k) for k in keys], utf16(term)) - 1 == n, term
    firsts = [json.loads(c)[0][0] for c in contents]
    assert all(first.startswith(key) for first, key in zip(firsts, keys))
    assert sum(map(len, keys)) < sum(map(len, firsts))  # keys are prefixes, shorter than the terms


def utf16(term: str) -> bytes:
    return term.encode("utf-16-be")


def test_shard_key_is_the_shortest_prefix_after_the_previous_term():
    assert search.separator("khen", "khoa") == "kho"
    assert search.separator("a", "b") == "b"
    assert search.separator("ab", "abc") == "abc"
    # as JavaScript compares: by UTF-16 code units, where U+E000 sorts after the surrogates of U+1F600
    assert search.separator("a\U0001f600", "a\ue000b") == "a\ue000"


def test_search_files_are_small_json(fixture_catalog):
    files = dict(search_files(fixture_catalog))
    manifest = json.loads(files["tim-kiem/chi-muc/manifest.json"])
    assert manifest["docs"] == 3 and manifest["fields"] == list(FIELDS)
    facets = json.loads(files["tim-kiem/chi-muc/facets.json"])
    assert facets["nam"]["values"] == [["2024", "2024"], ["2023", "2023"]]  # newest first
    assert facets["nam"]["codes"] == "101"  # one character per document: its value index + "0"
    movements = facets["phong-trao"]
    assert movements["lists"].count(",") == 2  # each document's movements as characters, documents apart
    assert [[movements["values"][ord(c) - 0x30][0] for c in doc] for doc in movements["lists"].split(",")] == \
        [[m.id for m in sorted(d.report.movements, key=lambda m: [v[0] for v in movements["values"]].index(m.id))]
         for d in search_docs(fixture_catalog)]
    assert [v[1] for v in facets["tinh"]["values"]] == ["Tỉnh An Giang", "Tỉnh Hải Dương"]  # Vietnamese order
    assert facets["don-vi"] == {"label": "Đơn vị", "by": "tinh"}  # per province, loaded on demand
    # award forms: a report counts under a form it records, granted or proposed (giay-khen is proposed)
    assert facets["hinh-thuc"] == {"label": "Hình thức khen thưởng", "values": [
        ["don-vi-quyet-thang", "Đơn vị quyết thắng"], ["giay-khen", "Giấy khen"]], "lists": "01,,"}
    units = json.loads(files["tim-kiem/chi-muc/f/tinh-30.json"])
    assert [v[1] for v in units["values"]] == ["Phường Long Xuyên", "Xã Tân Việt"]
    results = json.loads(files["tim-kiem/chi-muc/d/0.json"])
    assert results[0][:3] == ["bao-cao/2023-long-xuyen-hd-bc-1/", "Tổng kết năm 2023", "Báo cáo số 1/BC-UBND"]
    entry, blocks = json.loads(files["tim-kiem/chi-muc/p/0.json"])
    assert entry == results[0]  # a query's result comes in one file: its entry and its blocks
    assert blocks[8] == [9, "# 12 cá nhân được khen"]  # raw text: the browser inserts it as text, never HTML
    assert all(len(gzip.compress(content)) < 20_000 for content in files.values())


def test_postings_decode_to_ascending_documents(fixture_catalog):
    for term, record in term_records(search_docs(fixture_catalog)):
        _, index, *per_field = json.loads(record)
        for number, flat in per_field:
            docs, num = [], 0
            for delta in flat[::2]:
                num += delta
                docs.append(num)
            assert docs == sorted(set(docs)) and all(w > 0 for w in flat[1::2]), term


# The index counts terms by faster paths than the plain analysis (search_text.words/exact/pairs, which
# vnsearch.js mirrors): they must count exactly the same terms, on any text.
PIECES = list("aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữự"
              "ỳýỷỹỵÀÁẢÃẠĐỎÕỌỦŨỤỲÝ0123456789_-.,;:!?\"'()/%“”–—…") + [
    " ", "  ", "\t", "\n", "\r", "\f", "\v", "\u00a0", "\u2003", "\u3000", "\u0300", "\u0301", "\u0323", "\u0303",
    "\u0309", "İ", "ß", "Σ", "ς", "ǅ", "😀", "𝐀", "١", "日本", "ＡＢ", "\ud800", "o\u0300a", "hoà", "hòa", "thuỷ"]
TEXT = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)


@given(TEXT)
def test_fast_analysis_counts_the_plain_analysis(text):
    from collections import Counter

    assert search_text.fold_fast(text) == fold(text)
    words, pairs = search_text.word_and_pair_counts(text)
    assert words == Counter(search_text.words(text)) and pairs == Counter(search_text.pairs(text))
    assert search_text.exact_counts(text) == Counter(search_text.exact(text))


DOCS = st.lists(st.tuples(*(st.lists(st.sampled_from(["a", "b", "c", "á", "à_b", "ß", "z9"]), max_size=8)
                            for _ in FIELDS)), max_size=12)


@given(DOCS, st.lists(st.integers(min_value=0, max_value=12), max_size=4))
def test_runs_merged_are_the_whole(docs, cuts):
    """Postings collected by runs of documents (as workers and the cache make them) and merged are
    those of all the documents at once; and each document's terms can be taken back from them."""
    terms = [tuple(FieldTerms.of_list(field) for field in doc) for doc in docs]
    bounds = sorted({0, len(terms), *(c for c in cuts if c <= len(terms))})
    parts = [lunr_build.compact(lunr_build.collect(terms[a:b], len(FIELDS))) for a, b in zip(bounds, bounds[1:])]
    boosts = [BOOSTS[f] for f in FIELDS]
    whole = lunr_build.collect(terms, len(FIELDS))
    if parts:
        assert list(lunr_build.records(lunr_build.merge(parts), boosts)) == list(lunr_build.records(whole, boosts))
    assert [[dict(zip(f.terms, f.counts)) for f in d] for d in lunr_build.split_docs(whole)] == \
        [[dict(zip(f.terms, f.counts)) for f in d] for d in terms]
    assert [[f.length for f in d] for d in lunr_build.split_docs(whole)] == [[f.length for f in d] for d in terms]
