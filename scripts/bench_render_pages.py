"""CPU per page, by kind of page, of MkDocs' own path and of the bulk pages' shortcuts, in one process.

    .venv/bin/python scripts/bench_render_pages.py SITE_SRC [--runs 3]

SITE_SRC is a generated ``site_src/`` (``python build.py --docs SITE_SRC ...``). For every page: its Markdown
through MkDocs' ``_populate_page`` and through ``tdkt/render/bulk.py`` (``Collected.populate``), its template
through MkDocs' ``_build_page`` and through ``tdkt/render/skeleton.py`` (bulk pages; the first pages of each
shape are rendered both ways to verify, as in a build). Process time, so what else runs on the machine changes
the figures less than wall time would. Prints a Markdown table: per kind of page, the median over --runs of the
mean milliseconds a page.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def kind(uri: str) -> str:
    from tdkt.render import bulk

    if not bulk.bulk_page(uri):
        return "other pages"
    return "OCR text" if uri.endswith("ocr/index.md") else "original" if uri.endswith("ban-goc.md") else "report"


def one_run(src: Path) -> dict[str, list[float]]:
    from mkdocs.commands.build import _build_page

    from tdkt.render import mkdocs_api

    os.environ["SOURCE_DATE_EPOCH"] = "1700000000"
    config = mkdocs_api.load_config(ROOT / "mkdocs.yml", docs_dir=str(src), site_dir=tempfile.mkdtemp(), strict=True)
    c = mkdocs_api.Collected(config)
    acc: dict[str, list[float]] = {}
    for f in c.doc_files:
        k = kind(f.src_uri)
        t0 = time.process_time()
        c.populate(f, c.files, fast=False)
        t1 = time.process_time()
        c.populate(f, c.files)
        t2 = time.process_time()
        _build_page(f.page, config, c.doc_files, c.nav, c.env)
        t3 = time.process_time()
        filled = k != "other pages" and c._build_skeleton(f.page)
        t4 = time.process_time()
        a = acc.setdefault(k, [0, 0.0, 0.0, 0.0, 0.0, 0])
        a[0] += 1
        a[1] += t1 - t0
        a[2] += t2 - t1
        a[3] += t3 - t2
        a[4] += (t4 - t3) if filled else (t3 - t2)
        a[5] += filled
    return acc


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("src", type=Path)
    p.add_argument("--runs", type=int, default=3)
    args = p.parse_args()
    runs = [one_run(args.src.resolve()) for _ in range(args.runs)]
    print("| pages | count | Markdown, MkDocs' path (ms) | Markdown, bulk.py (ms) | template, MkDocs' path (ms) | "
          "template, skeleton.py (ms) | page, before → after (ms) |")
    print("|---|---|---|---|---|---|---|")
    for k in runs[0]:
        n = runs[0][k][0]
        med = [statistics.median(1000 * r[k][i] / n for r in runs) for i in (1, 2, 3, 4)]
        print(f"| {k} | {n:,} | {med[0]:.1f} | {med[1]:.1f} | {med[2]:.1f} | {med[3]:.1f} | "
              f"{med[0] + med[2]:.1f} → {med[1] + med[3]:.1f} |")
    print(f"load average after: {os.getloadavg()[0]:.1f}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
