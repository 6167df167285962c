"""Simulate a national build: independent shards (by year) built in parallel, then merged into one tree.

    .venv/bin/python scripts/simulate_shards.py --archive /tmp/tdkt-bench/archive-1000 --shards 4 --parallel 2

Splits the archive's reports into ``--shards`` groups of whole years, builds each group as its own
archive (``python build.py --data SHARD``, a separate process, ``--parallel`` at a time, as separate
CI jobs would), then merges the shards' per-report folders (``bao-cao/<id>/``: the report page, the
original, the OCR page) into one tree with hard links. What is shared by all reports (home, unit,
year and movement pages, the search index split by term, the open-data files) needs every report;
in a sharded build it is made once by a final job from the catalogue: the script times that job's
share too, as the whole archive's build minus the report folders' render share is not separable
here. Prints wall and CPU seconds per shard, the merge, and the whole archive built in one job.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(cmd: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one process (children included), run in its own process group."""
    start = time.monotonic()
    pid = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).pid
    _, status, usage = os.wait4(pid, 0)
    if status != 0:
        raise SystemExit(f"{cmd} failed")
    return time.monotonic() - start, usage.ru_utime + usage.ru_stime


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--archive", type=Path, required=True)
    p.add_argument("--shards", type=int, default=4)
    p.add_argument("--parallel", type=int, default=2)
    p.add_argument("--work", type=Path, default=Path("/tmp/tdkt-bench/shards"))
    args = p.parse_args()
    shutil.rmtree(args.work, ignore_errors=True)
    reports = sorted((args.archive / "reports").iterdir())
    years = sorted({r.name[:4] for r in reports})
    groups = [years[i::args.shards] for i in range(args.shards)]
    py = sys.executable
    jobs = []
    for i, group in enumerate(groups):
        shard = args.work / f"data-{i}"
        (shard / "reports").mkdir(parents=True)
        shutil.copytree(args.archive / "vocab", shard / "vocab")
        for r in reports:
            if r.name[:4] in group:
                shutil.copytree(r, shard / "reports" / r.name, copy_function=os.link)
        jobs.append([py, "build.py", "--data", str(shard), "--out", str(args.work / f"site-{i}"),
                     "--docs", str(args.work / f"src-{i}"), "--cache", str(args.work / f"cache-{i}")])
    start = time.monotonic()
    with ThreadPoolExecutor(args.parallel) as pool:
        results = list(pool.map(run, jobs))
    shards_wall = time.monotonic() - start
    for i, (wall, cpu) in enumerate(results):
        n = sum(1 for _ in (args.work / f"data-{i}" / "reports").iterdir())
        print(f"shard {i} ({n} reports, years {','.join(groups[i])}): {wall:.1f} s wall, {cpu:.1f} s CPU")
    print(f"{args.shards} shards, {args.parallel} at a time: {shards_wall:.1f} s wall, "
          f"{sum(c for _, c in results):.1f} s CPU in all")
    start = time.monotonic()
    merged = args.work / "merged" / "bao-cao"
    merged.mkdir(parents=True)
    for i in range(args.shards):
        for folder in (args.work / f"site-{i}" / "bao-cao").iterdir():
            if folder.is_dir():
                shutil.copytree(folder, merged / folder.name, copy_function=os.link)
    print(f"merge of the report folders (hard links): {time.monotonic() - start:.1f} s, "
          f"{sum(1 for _ in merged.iterdir())} reports")
    wall, cpu = run([py, "build.py", "--data", str(args.archive), "--out", str(args.work / "whole"),
                     "--docs", str(args.work / "whole-src"), "--cache", str(args.work / "whole-cache")])
    print(f"the whole archive in one job: {wall:.1f} s wall, {cpu:.1f} s CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main())
