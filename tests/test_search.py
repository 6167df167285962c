"""The search index: exactly lunr's weights, split by term without changing a score."""
from __future__ import annotations

import gzip
import json

import pytest
from lunr.builder import Builder

from tdkt import search
from tdkt.search import FIELDS, BOOSTS, lunr_index, lunr_json, search_docs, search_files, shards


def lunr_py(docs):
    builder = Builder()
    builder.pipeline.reset()
    builder.search_pipeline.reset()
    builder.ref("num")
    for field in FIELDS:
        builder.field(field, boost=BOOSTS[field])
    for doc in docs:
        builder.add({"num": doc.num, **doc.terms})
    return builder.build().serialize()


def test_our_builder_gives_lunr_pys_index(fixture_catalog):
    docs = search_docs(fixture_catalog)
    ours, theirs = lunr_json(lunr_index(docs)), lunr_py(docs)
    assert ours["invertedIndex"] == theirs["invertedIndex"]
    # lunr.py also writes empty vectors for empty fields; no query can match those, so we omit them
    assert dict(map(tuple, ours["fieldVectors"])) == {ref: vec for ref, vec in theirs["fieldVectors"] if vec}
    assert ours["fields"] == theirs["fields"]


def test_documents_are_numbered_newest_first(fixture_catalog):
    docs = search_docs(fixture_catalog)
    assert [d.report.id for d in docs] == ["2023-long-xuyen-hd-bc-1", "2024-tp-long-xuyen-kh", "2023-tan-viet-bc-ocr"]


def test_fields_hold_folded_exact_and_pair_terms(fixture_catalog):
    doc = next(d for d in search_docs(fixture_catalog) if d.report.id == "2023-long-xuyen-hd-bc-1")
    assert "chuyen" in doc.terms["words"] and "chuyển" in doc.terms["exact"]
    assert "chuyen_doi" in doc.terms["pairs"] and "doi_so" in doc.terms["pairs"]
    assert "thi" not in doc.terms["exact"]  # no marks: the folded term serves


def test_shards_cover_every_term_once_in_order(fixture_catalog, monkeypatch):
    monkeypatch.setattr(search, "SHARD_BYTES", 300)
    index = lunr_index(search_docs(fixture_catalog))
    firsts, contents = shards(index)
    assert len(firsts) == len(contents) > 3
    terms = [record[0] for content in contents for record in json.loads(content)]
    assert sorted(terms) == sorted(index.postings) and len(terms) == len(set(terms))
    assert firsts == [json.loads(c)[0][0] for c in contents]
    assert terms == sorted(terms, key=lambda t: t.encode("utf-16-be"))


def test_search_files_are_small_json(fixture_catalog):
    files = search_files(fixture_catalog)
    manifest = json.loads(files["tim-kiem/chi-muc/manifest.json"])
    assert manifest["docs"] == 3 and manifest["fields"] == list(FIELDS)
    facets = json.loads(files["tim-kiem/chi-muc/facets.json"])
    assert facets["nam"]["values"] == [["2023", "2023"], ["2024", "2024"]]
    assert facets["tinh"]["values"][0] == ["tinh-30", "Tỉnh Hải Dương"]
    results = json.loads(files["tim-kiem/chi-muc/d/0.json"])
    assert results[0][:3] == ["bao-cao/2023-long-xuyen-hd-bc-1/", "Tổng kết năm 2023", "Báo cáo số 1/BC-UBND"]
    blocks = json.loads(files["tim-kiem/chi-muc/p/0.json"])
    assert blocks[8] == [9, "# 12 cá nhân được khen"]  # raw text: the browser inserts it as text, never HTML
    assert all(len(gzip.compress(content)) < 20_000 for content in files.values())


@pytest.mark.parametrize("query_terms", [["khen"], ["chuyen", "doi"]])
def test_splitting_never_changes_a_posting(fixture_catalog, monkeypatch, query_terms):
    monkeypatch.setattr(search, "SHARD_BYTES", 200)
    index = lunr_index(search_docs(fixture_catalog))
    _, contents = shards(index)
    records = {r[0]: r for c in contents for r in json.loads(c)}
    for term in query_terms:
        if term not in index.postings:
            continue
        record = records[term]
        assert record[1] == index.term_index[term]
        for number, flat in record[2:]:
            docs, weights, num = [], [], 0
            for delta, weight in zip(flat[::2], flat[1::2]):
                num += delta
                docs.append(num)
                weights.append(weight / 1000)
            assert list(zip(docs, weights)) == sorted(index.postings[term][FIELDS[number]])
