#!/usr/bin/env python3
"""Benchmark the search at scale: index build time and memory, and what a first query costs in a browser.

    .venv/bin/python scripts/bench_search.py [--sizes 1000 10000] [--runs 3] [--query-runs 5] [--phases] [--pagefind]
    .venv/bin/python scripts/bench_search.py --index-cache [--sizes 1000 10000]

For each size N it makes a synthetic archive (`python build.py synth`, cached under
/tmp/tdkt-bench or --cache), then:

- builds the search index N times in a fresh process (median wall time, peak RSS);
- serves the default site with that index in place of its own (the search page and its assets
  are the real ones) and, in Debian's Chromium, runs each query in a fresh browser context
  (--query-runs times; the median run is reported): bytes fetched (gzip-compressed as a static host
  would send them, scripts and styles included), and the time the search script spends once its
  data has arrived (`data-work-ms`: parsing the JSON, scoring, facets, drawing the results; with
  --phases, how that splits); then a second query in the same context (what it adds);
- with --index-cache, only the index step, four times in one fresh process (the catalogue loaded once):
  without a cache, with an empty cache, with the full cache, and after one report's first paragraph is
  edited in memory; that process --runs times: the median wall and CPU seconds (workers included), the
  largest peak memory of the process and its workers (proportional set size: shared pages counted once);
- with --pagefind, builds the real site of the same archive with `python build.py`, runs Pagefind
  (npm package `pagefind`, installed into the cache folder) over it and measures the same queries
  with Pagefind's own JS API in the same browser.

A benchmark, not a test: timings depend on the machine. Prints Markdown tables.
"""
from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path("/tmp/tdkt-bench")
PY = str(ROOT / ".venv" / "bin" / "python")
QUERIES = ["khen thưởng", "chuyen doi so", '"tiên tiến"', "Giấy khen Chủ tịch", "hoà bình", "Tân Việt", '"Đơn vị quyết thắng"',
           "184/BC-UBND"]

BUILD = """
import resource, sys, time
from pathlib import Path
from tdkt.catalog.load import load_catalog
from tdkt.catalog.gazetteer import load_gazetteer
from tdkt.problems import Problems
from tdkt.search.index import search_files
catalog = load_catalog(Path(sys.argv[1]), load_gazetteer(), Problems())
out = Path(sys.argv[2])
elapsed, count, size = 0.0, 0, 0
t = time.perf_counter()
for path, data in search_files(catalog):  # one file at a time; writing them is not timed
    elapsed += time.perf_counter() - t
    target = out / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    count, size = count + 1, size + len(data)
    t = time.perf_counter()
elapsed += time.perf_counter() - t
print(elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, count, size)
"""

# The index step's cases, in one process that loads the catalogue once: the whole index without a cache,
# with an empty cache, again with the full cache, and after one report's first paragraph is edited (in
# memory: what the index sees of an edit). Memory: the peak of this process and its workers together
# (proportional set size, sampled every 0.2 s), against the catalogue's own.
CACHED = """
import dataclasses, os, resource, shutil, sys, threading, time
from pathlib import Path
from tdkt.catalog.load import load_catalog
from tdkt.catalog.gazetteer import load_gazetteer
from tdkt.problems import Problems
from tdkt.search.index import search_files

def tree(pid):
    out = [pid]
    try:
        for child in open(f"/proc/{pid}/task/{pid}/children").read().split():
            out += tree(int(child))
    except OSError:
        pass
    return out

def pss_mb(pid):
    try:
        return next(int(l.split()[1]) for l in open(f"/proc/{pid}/smaps_rollup") if l.startswith("Pss:")) / 1024
    except (OSError, StopIteration):
        return 0.0

def measured(catalog, cache):
    peak, done = [0.0], threading.Event()
    def sample():
        while not done.wait(0.2):
            peak[0] = max(peak[0], sum(pss_mb(p) for p in tree(os.getpid())))
    watcher = threading.Thread(target=sample)
    watcher.start()
    ru0, ch0, t = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    files = size = 0
    for path, data in search_files(catalog, cache_dir=cache):
        files, size = files + 1, size + len(data)
    wall = time.perf_counter() - t
    ru, ch = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    done.set(); watcher.join()
    cpu = sum(getattr(b, f) - getattr(a, f) for a, b in ((ru0, ru), (ch0, ch)) for f in ("ru_utime", "ru_stime"))
    return wall, cpu, peak[0], files, size

catalog = load_catalog(Path(sys.argv[1]), load_gazetteer(), Problems())
cache = Path(sys.argv[2])
shutil.rmtree(cache, ignore_errors=True)
base = pss_mb(os.getpid())
reports = list(catalog.reports)
r = reports[len(reports) // 2]
edited = dataclasses.replace(r, text=dataclasses.replace(r.text.get(), blocks=(
    dataclasses.replace(r.blocks[0], text=r.blocks[0].text + " (sửa)"), *r.blocks[1:])))
after = dataclasses.replace(catalog, reports=type(catalog.reports)(reports[:len(reports) // 2] + [edited] + reports[len(reports) // 2 + 1:]))
for name, cat, folder in (("no cache", catalog, None), ("empty cache", catalog, cache), ("full cache", catalog, cache),
                          ("after one edit", after, cache)):
    wall, cpu, peak, files, size = measured(cat, folder)
    print(name, wall, cpu, base, peak, files, size, flush=True)
"""


def use_cache(folder: Path) -> None:
    global CACHE
    CACHE = folder


def archive(n: int) -> Path:
    folder = CACHE / f"archive-{n}"
    if not (folder / "reports").is_dir():
        shutil.rmtree(folder, ignore_errors=True)
        subprocess.run([PY, "build.py", "synth", "--reports", str(n), "--out", str(folder)], cwd=ROOT, check=True)
    return folder


def build_index(data: Path, out: Path, runs: int) -> dict:
    times, rss = [], []
    for _ in range(runs):
        shutil.rmtree(out, ignore_errors=True)
        result = subprocess.run([PY, "-c", BUILD, str(data), str(out)], cwd=ROOT, check=True, capture_output=True,
                                text=True)
        elapsed, peak, count, size = result.stdout.split()
        times.append(float(elapsed))
        rss.append(int(peak) / 1024)
    index = out / "tim-kiem" / "chi-muc"
    shards = list((index / "t").glob("*.json"))
    gz = [len(gzip.compress(p.read_bytes(), 6)) for p in shards]
    return {"build_s": statistics.median(times), "peak_mb": max(rss), "files": int(count), "bytes": int(size),
            "shards": len(shards), "largest_shard_gz": max(gz), "total_gz": sum(
                len(gzip.compress(p.read_bytes(), 6)) for p in index.rglob("*.json"))}


def build_cached(data: Path, cache: Path) -> list[list[str]]:
    result = subprocess.run([PY, "-c", CACHED, str(data), str(cache)], cwd=ROOT, check=True, capture_output=True,
                            text=True)
    return [line.rsplit(" ", 6) for line in result.stdout.splitlines()]


def serve(folder: Path):
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def chromium(p):
    """Debian's Chromium, headless, as the tests start it."""
    return p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                             args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])


def measure_ours(site: Path, queries: list[str], repeat: int = 1) -> list[dict]:
    """Each query `repeat` times, each time in a fresh browser context: the median run's figures."""
    from playwright.sync_api import sync_playwright

    server, base = serve(site)
    rows = []
    with sync_playwright() as p:
        browser = chromium(p)
        for q in queries:
            runs = [_one_query(browser, base, q) for _ in range(repeat)]
            runs.sort(key=lambda r: r["work_ms"])
            row = dict(runs[len(runs) // 2])
            row["work_range"] = (runs[0]["work_ms"], runs[-1]["work_ms"])
            rows.append(row)
        browser.close()
    server.shutdown()
    return rows


def _one_query(browser, base: str, q: str) -> dict:
    context = browser.new_context()
    page = context.new_page()
    fetched: list[tuple[str, int, int]] = []

    def record(response, fetched=fetched):
        try:
            body = response.body()
        except Exception:
            return
        fetched.append((response.url, len(body), len(gzip.compress(body, 6))))

    page.on("response", record)
    page.goto(f"{base}/tim-kiem/?q={quote(q)}")
    page.wait_for_function("() => ['done', 'error'].includes(document.querySelector('#tdkt-search')"
                           "?.dataset.state)", timeout=120_000)
    if page.get_attribute("#tdkt-search", "data-state") != "done":
        raise RuntimeError(page.locator(".tdkt-status").inner_text())
    work = float(page.get_attribute("#tdkt-search", "data-work-ms"))
    phases = page.get_attribute("#tdkt-search", "data-work") or ""
    count = page.locator(".tdkt-status").inner_text()
    first = sum(gz for _, _, gz in fetched)
    scripts = sum(gz for url, _, gz in fetched if url.endswith((".js", ".css", "/tim-kiem/")) or "?q=" in url)
    before = len(fetched)
    runs = page.get_attribute("#tdkt-search", "data-runs")
    page.fill("#tdkt-q", "thi đua khen thưởng")
    page.press("#tdkt-q", "Enter")
    page.wait_for_function(f"() => document.querySelector('#tdkt-search').dataset.runs === '{int(runs) + 1}'")
    second = sum(gz for _, _, gz in fetched[before:])
    context.close()
    return {"query": q, "results": count.split(" ")[0], "first_kb": first / 1024,
            "page_and_scripts_kb": scripts / 1024, "index_kb": (first - scripts) / 1024,
            "work_ms": work, "phases": phases, "second_kb": second / 1024}


def search_site(n_index: Path) -> Path:
    """The default site with its search index replaced by the benchmark's."""
    site = CACHE / "site-default"
    if True:  # always: the page and scripts must be the current ones
        subprocess.run([PY, "build.py", "--out", str(site), "--docs", str(CACHE / "src-default")], cwd=ROOT,
                       check=True)
    target = CACHE / f"site-search-{n_index.name}"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(site, target)
    shutil.rmtree(target / "tim-kiem" / "chi-muc")
    shutil.copytree(n_index / "tim-kiem" / "chi-muc", target / "tim-kiem" / "chi-muc")
    return target


PAGEFIND_QUERY = """
async (q) => {
  const pagefind = await import('/pagefind/pagefind.js');
  await pagefind.init();
  const t = performance.now();
  const search = await pagefind.search(q);
  const data = await Promise.all(search.results.slice(0, 20).map(r => r.data()));
  return [search.results.length, performance.now() - t, data.length];
}
"""


def measure_pagefind(n: int, data: Path, queries: list[str]) -> tuple[float, list[dict]]:
    from playwright.sync_api import sync_playwright

    node = CACHE / "node"
    if not (node / "node_modules" / ".bin" / "pagefind").exists():
        node.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--silent", "--prefix", str(node), "pagefind@1.5"], check=True)
    site = CACHE / f"site-full-{n}"
    if not (site / "index.html").exists():
        subprocess.run([PY, "build.py", "--data", str(data), "--out", str(site), "--docs", str(CACHE / f"src-{n}")],
                       cwd=ROOT, check=True)
    shutil.rmtree(site / "pagefind", ignore_errors=True)
    t = time.perf_counter()
    subprocess.run([str(node / "node_modules" / ".bin" / "pagefind"), "--site", str(site), "--silent"], check=True)
    index_s = time.perf_counter() - t
    server, base = serve(site)
    rows = []
    with sync_playwright() as p:
        browser = chromium(p)
        for q in queries:
            context = browser.new_context()
            page = context.new_page()
            fetched = []
            page.on("response", lambda r, f=fetched: f.append(len(gzip.compress(r.body(), 6)))
                    if "/pagefind/" in r.url else None)
            page.goto(base + "/gioi-thieu/")
            count, ms, _ = page.evaluate(PAGEFIND_QUERY, q)
            rows.append({"query": q, "results": count, "first_kb": sum(fetched) / 1024, "work_ms": ms})
            context.close()
        browser.close()
    server.shutdown()
    return index_s, rows


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pagefind", action="store_true")
    parser.add_argument("--query-runs", type=int, default=5,
                        help="run each query this many times (fresh context each), report the median")
    parser.add_argument("--browser-only", action="store_true", help="reuse the indexes of an earlier run")
    parser.add_argument("--phases", action="store_true", help="also print where the script time goes (median run)")
    parser.add_argument("--index-cache", action="store_true",
                        help="only the index step: without a cache, with an empty one, with a full one, after one edit")
    parser.add_argument("--cache", type=Path, default=CACHE,
                        help=f"where generated archives, indexes and sites are kept (default {CACHE})")
    args = parser.parse_args()
    use_cache(args.cache)
    CACHE.mkdir(exist_ok=True)
    if args.index_cache:
        print(f"| reports | index build | wall (s, median of {args.runs}) | CPU (s, with workers, median) | catalogue PSS (MB) "
              "| peak PSS, with workers (MB) | of which the index step (MB) | files | MB |")
        print("|---|---|---|---|---|---|---|---|---|")
        for n in args.sizes:
            runs = [build_cached(archive(n), CACHE / f"search-cache-{n}") for _ in range(args.runs)]
            for case in zip(*runs):  # the same case in every run: median times, largest memory
                name, files, size = case[0][0], case[0][5], case[0][6]
                wall, cpu = (statistics.median(float(c[i]) for c in case) for i in (1, 2))
                base, peak = max(float(c[3]) for c in case), max(float(c[4]) - float(c[3]) for c in case)
                print(f"| {n:,} | {name} | {wall:.1f} | {cpu:.1f} | {base:.0f} | {base + peak:.0f} | {peak:.0f} | "
                      f"{int(files):,} | {int(size) / 2**20:.1f} |", flush=True)
        return 0
    print("| reports | index build (median s) | peak RSS (MB) | files | index size (MB) | gzip (MB) | shards | largest shard gz (KB) |")
    print("|---|---|---|---|---|---|---|---|")
    built = {}
    for n in args.sizes:
        data = archive(n)
        out = CACHE / f"index-{n}"
        built[n] = (data, out)
        if args.browser_only and out.is_dir():
            continue
        r = build_index(data, out, args.runs)
        print(f"| {n:,} | {r['build_s']:.1f} | {r['peak_mb']:.0f} | {r['files']:,} | {r['bytes'] / 2**20:.1f} | "
              f"{r['total_gz'] / 2**20:.1f} | {r['shards']} | {r['largest_shard_gz'] / 1024:.0f} |", flush=True)
    print()
    print("| reports | query | results | first query, all fetched (KB gz) | of which page, scripts, styles | "
          f"index and results | script time after data (ms, median of {args.query_runs}) | fastest–slowest | "
          "second query adds (KB gz) |" + (" phases of the median run (ms) |" if args.phases else ""))
    print("|---|---|---|---|---|---|---|---|---|" + ("---|" if args.phases else ""))
    for n, (data, out) in built.items():
        for row in measure_ours(search_site(out), QUERIES, args.query_runs):
            low, high = row["work_range"]
            print(f"| {n:,} | `{row['query']}` | {row['results']} | {row['first_kb']:.0f} | "
                  f"{row['page_and_scripts_kb']:.0f} | {row['index_kb']:.0f} | {row['work_ms']:.0f} | "
                  f"{low:.0f}–{high:.0f} | {row['second_kb']:.0f} |" + (f" {row['phases']} |" if args.phases else ""),
                  flush=True)
    if args.pagefind:
        print()
        print("| reports | Pagefind index (s) | query | results | first query, pagefind files (KB gz) | search + 20 results (ms) |")
        print("|---|---|---|---|---|---|")
        for n, (data, _) in built.items():
            index_s, rows = measure_pagefind(n, data, QUERIES)
            for row in rows:
                print(f"| {n:,} | {index_s:.1f} | `{row['query']}` | {row['results']} | {row['first_kb']:.0f} | "
                      f"{row['work_ms']:.0f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
