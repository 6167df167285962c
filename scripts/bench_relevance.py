#!/usr/bin/env python3
"""Relevance of the archive's search: graded judgments, nDCG@10 and best-first, for our search and Pagefind.

    .venv/bin/python scripts/bench_relevance.py [--pagefind] [--part tuning|heldout|all] [--show]

The archive mixes what the site will hold: the five seeds (data/reports), the real corpus as it was judged
(tests/fixtures/real/docs, slices a and b, ingested as drafts with `python build.py ingest`) and 150 synthetic reports
(`python build.py synth --reports 150`, seed 1), made once under /tmp/tdkt-relevance (or --cache).

The queries and their judgments are tests/fixtures/relevance/queries.yml (0-3 per document, unjudged = 0;
the part of each query, tuning or held-out, fixed in the file before any tuning). Documents are named
there as ``seed:<folder>``, ``real:<fixture id>`` (matched to the ingested report by its original's SHA-256)
or ``synth:<folder>``.

Our search runs as the page runs it: the site's index files (`tdkt.search.index.search_files`), then,
under node, search-core.js's parseQuery, clauses, shardFor (only the query's shards loaded), score and
rank; the first ten results. Pagefind (npm, version PAGEFIND below, installed into the cache folder) indexes
the site `python build.py` builds of the same archive and is queried with its own JS API in Debian's
Chromium; its page hits are mapped to reports (a report's page, its original, its OCR text: the report; other
pages dropped), in Pagefind's order, the first ten reports counted.

Per part: nDCG@10 (gains 2^g - 1, ideal from every judged document) and the share of queries whose
first result is a document of the query's highest grade. A benchmark: prints Markdown tables.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import math
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PY = str(ROOT / ".venv" / "bin" / "python")
QUERIES = ROOT / "tests" / "fixtures" / "relevance" / "queries.yml"
REAL = ROOT / "tests" / "fixtures" / "real" / "docs"
# the real documents the judgments were written over (slices a and b of the corpus, 114 documents, 111 of which
# ingest accepts): documents added to the corpus later were never judged, so they stay out of the archive
REAL_SLICES = ("a-", "b-")
SYNTH_REPORTS = 150
PAGEFIND = "1.6.0"
K = 10


# ------------------------------------------------------------------ the archive


def archive(cache: Path) -> Path:
    """The benchmark's archive: synthetic reports, the seeds and their exemplars, the real corpus ingested."""
    data = cache / "archive"
    if (data / ".complete").exists():
        return data
    shutil.rmtree(data, ignore_errors=True)
    subprocess.run([PY, "build.py", "synth", "--reports", str(SYNTH_REPORTS), "--out", str(data)], cwd=ROOT,
                   check=True, capture_output=True)
    for folder in sorted((ROOT / "data" / "reports").iterdir()):
        shutil.copytree(folder, data / "reports" / folder.name)
    for exemplar in sorted((ROOT / "data" / "exemplars").glob("*.yml")):
        shutil.copy(exemplar, data / "exemplars" / exemplar.name)
    sources = sorted(p for p in REAL.glob("*/source.txt") if p.parent.name.startswith(REAL_SLICES))
    subprocess.run([PY, "build.py", "ingest", "--data", str(data), *map(str, sources)],
                   cwd=ROOT, capture_output=True)  # exit 1: a few files are refused (not Vietnamese text)
    (data / ".complete").write_text("")
    return data


def names(data: Path) -> dict[str, str]:
    """The benchmark's name of each report folder: seed:…, real:… (by its original's SHA-256), synth:…."""
    seeds = {p.name for p in (ROOT / "data" / "reports").iterdir()}
    real = {hashlib.sha256(p.read_bytes()).hexdigest(): p.parent.name for p in REAL.glob("*/source.txt")}
    out = {}
    for report in sorted((data / "reports").glob("*/report.yml")):
        folder = report.parent.name
        if folder in seeds:
            out[folder] = f"seed:{folder}"
            continue
        sha = yaml.safe_load(report.read_text(encoding="utf-8"))["source"]["sha256"]
        out[folder] = f"real:{real[sha]}" if sha in real else f"synth:{folder}"
    return out


def catalog_of(data: Path):
    from tdkt.catalog.gazetteer import load_gazetteer
    from tdkt.catalog.load import load_catalog
    from tdkt.problems import Problems

    return load_catalog(data, load_gazetteer(), Problems())


def write_index(catalog, out: Path) -> list[str]:
    """The site's search files under ``out``; the report folder of each document number."""
    from tdkt.search.index import INDEX_DIR, ordered_reports, search_files

    shutil.rmtree(out, ignore_errors=True)
    for path, data in search_files(catalog):
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    assert (out / INDEX_DIR / "manifest.json").exists()
    return [r.id for r in ordered_reports(catalog)]


# ------------------------------------------------------------------ our search, as the page runs it

RUNNER = r"""
const fs = require('fs'), path = require('path');
const core = require(process.argv[1]);
const dir = process.argv[2], k = +process.argv[3];
const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
const queries = JSON.parse(fs.readFileSync(0, 'utf8'));
const load = (terms, n) => terms.addShard(JSON.parse(fs.readFileSync(path.join(dir, 't', n + '.json'), 'utf8')));
function run(terms, q) {
  const parsed = core.parseQuery(q), wanted = core.clauses(manifest.fields, parsed);
  new Set(wanted.map(c => core.shardFor(manifest.shards, c.term))).forEach(n => load(terms, n));
  const found = core.score(terms, wanted, manifest.docs);
  return [parsed, Array.from(core.rank(found.docs, found.scores, k))];
}
const out = queries.map(q => {
  const terms = new core.TermIndex(manifest.fields.length);  // a fresh page for each query: only its shards
  const [parsed, ranked] = run(terms, q);
  if (ranked.length) return [ranked, ''];
  // nothing found: the page offers the nearest query the loaded shards can answer; a person follows it
  if (core.neighbourShards) core.neighbourShards(manifest.shards, parsed, terms).forEach(n => load(terms, n));
  const offer = core.suggest(terms, parsed, manifest.fields);
  return offer ? [run(terms, offer)[1], offer] : [[], ''];
});
process.stdout.write(JSON.stringify(out));
"""


def ours(index_dir: Path, queries: list[str], folders: list[str]) -> list[list[str]]:
    from tdkt.search.index import INDEX_DIR

    core = ROOT / "theme" / "assets" / "javascripts" / "search-core.js"
    result = subprocess.run(["node", "-e", RUNNER, str(core), str(index_dir / INDEX_DIR), str(K)],
                            input=json.dumps(queries), capture_output=True, text=True, check=True)
    return [[folders[d] for d in ranked] for ranked, _ in json.loads(result.stdout)]


# ------------------------------------------------------------------ Pagefind on the built site

PAGEFIND_QUERY = """
async (q) => {
  const pagefind = await import('/pagefind/pagefind.js');
  await pagefind.init();
  const search = await pagefind.search(q);
  const data = await Promise.all(search.results.slice(0, 60).map(r => r.data()));
  return data.map(d => d.url);
}
"""


def pagefind(cache: Path, data: Path, queries: list[str]) -> list[list[str]]:
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT / "scripts"))
    from bench_search import chromium, serve

    node = cache / "node"
    binary = node / "node_modules" / ".bin" / "pagefind"
    if not binary.exists():
        node.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--silent", "--prefix", str(node), f"pagefind@{PAGEFIND}"], check=True)
    site = cache / "site"
    subprocess.run([PY, "build.py", "--data", str(data), "--out", str(site), "--docs", str(cache / "site_src")],
                   cwd=ROOT, check=True, capture_output=True)
    shutil.rmtree(site / "pagefind", ignore_errors=True)
    subprocess.run([str(binary), "--site", str(site), "--silent"], check=True)
    server, base = serve(site)
    out = []
    try:
        with sync_playwright() as p:
            browser = chromium(p)
            page = browser.new_page()
            page.goto(base + "/gioi-thieu/")
            for q in queries:
                reports: list[str] = []
                for url in page.evaluate(PAGEFIND_QUERY, q):
                    parts = url.strip("/").split("/")
                    if len(parts) >= 2 and parts[0] == "bao-cao" and parts[1] not in reports:
                        reports.append(parts[1])
                out.append(reports[:K])
            browser.close()
    finally:
        server.shutdown()
    return out


# ------------------------------------------------------------------ the measures


def ndcg(ranked: list[str], grades: dict[str, int], k: int = K) -> float:
    gain = lambda g: 2 ** g - 1  # noqa: E731
    dcg = sum(gain(grades.get(d, 0)) / math.log2(i + 2) for i, d in enumerate(ranked[:k]))
    ideal = sorted(grades.values(), reverse=True)[:k]
    best = sum(gain(g) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / best if best else 0.0


def best_first(ranked: list[str], grades: dict[str, int]) -> bool:
    top = max(grades.values())
    return bool(ranked) and grades.get(ranked[0], 0) == top


def load_queries() -> list[dict]:
    items = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))["queries"]
    for q in items:
        assert q["part"] in ("tuning", "heldout"), q
        assert q["judged"] and max(q["judged"].values()) > 0, q
    return items


def table(label: str, items: list[dict], rankings: list[list[str]], parts: list[str]) -> list[str]:
    rows = []
    for part in parts:
        chosen = [(q, r) for q, r in zip(items, rankings) if part == "all" or q["part"] == part]
        n = len(chosen)
        if not n:
            continue
        mean = sum(ndcg(r, q["judged"]) for q, r in chosen) / n
        first = sum(best_first(r, q["judged"]) for q, r in chosen) / n
        rows.append(f"| {label} | {part} ({n}) | {mean:.3f} | {first:.1%} |")
    return rows


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cache", type=Path, default=Path("/tmp/tdkt-relevance"))
    parser.add_argument("--pagefind", action="store_true", help="Pagefind too (builds the site: minutes)")
    parser.add_argument("--show", action="store_true", help="each query's first results and its measures")
    parser.add_argument("--part", choices=["tuning", "heldout", "all"], default=None)
    parser.add_argument("--by-kind", action="store_true", help="also each kind of query (unit, person, number…)")
    args = parser.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    data = archive(args.cache)
    named = names(data)
    items = load_queries()
    if args.part and args.part != "all":
        items = [q for q in items if q["part"] == args.part]
    known = set(named.values())
    for q in items:
        missing = set(q["judged"]) - known
        assert not missing, f"{q['q']}: not in the archive: {missing}"
    texts = [q["q"] for q in items]
    folders = write_index(catalog_of(data), args.cache / "index")
    results = {"this search": [[named[f] for f in r] for r in ours(args.cache / "index", texts, folders)]}
    if args.pagefind:
        results[f"Pagefind {PAGEFIND}"] = [[named[f] for f in r if f in named]
                                           for r in pagefind(args.cache, data, texts)]
    if args.show:
        for label, rankings in results.items():
            print(f"## {label}")
            for q, r in zip(items, rankings):
                mark = "ok " if best_first(r, q["judged"]) else "MISS"
                print(f"{mark} {ndcg(r, q['judged']):.2f} [{q['part'][0]}] {q['q']!r}: "
                      + ", ".join(f"{d}({q['judged'].get(d, 0)})" for d in r[:5]))
    parts = [args.part] if args.part else ["tuning", "heldout", "all"]
    print(f"{len(named)} reports; {len(items)} queries")
    print("| search | part (queries) | nDCG@10 | best document first |")
    print("|---|---|---|---|")
    for label, rankings in results.items():
        print("\n".join(table(label, items, rankings, parts)))
    if args.by_kind:
        print("\n| search | kind | part (queries) | nDCG@10 | best document first |\n|---|---|---|---|---|")
        kinds = sorted({q["kind"].split("-")[0] for q in items})
        for label, rankings in results.items():
            for kind in kinds:
                chosen = [(q, r) for q, r in zip(items, rankings) if q["kind"].split("-")[0] == kind]
                for row in table(label, [q for q, _ in chosen], [r for _, r in chosen], parts):
                    print(row.replace(f"| {label} |", f"| {label} | {kind} |", 1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
