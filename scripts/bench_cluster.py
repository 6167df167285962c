"""Benchmark the build on Dask's distributed scheduler against the single build (``build --cluster``, tdkt/cluster.py).

    .venv/bin/python scripts/bench_cluster.py --reports 1000 --runs 2

On a synthetic archive (``python build.py synth --reports N --seed 1``, made if missing under --archives), full builds
(empty cache, no previous site), each a fresh process, taken in turn so that the machine's load falls on each alike:

- single: ``python build.py`` (forked workers, one per core);
- local-K: ``python build.py --cluster local --workers K`` (a LocalCluster of K worker processes, one thread each,
  started and stopped by the build itself, its start-up included), for each K of --workers.

Wall time and CPU time (user + system of the build and of every process it started and waited for: the local
cluster's nannies and workers are its children) are measured around each run, with the load average before it;
every cluster build's site is compared byte for byte with the single build's. The build's own process reports its
CPU seconds (the client's share: the aggregates, MkDocs' collecting and checks, what a cluster cannot share out). Prints a Markdown table of the
medians over --runs, the speed-up of each against the single build and against local-1, and CPU per report.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


# the build, then its own CPU seconds (the client's: what a cluster does not share out) on stderr
BUILD = ("import resource, sys; from tdkt.cli import main; code = main(sys.argv[1:]); "
         "me = resource.getrusage(resource.RUSAGE_SELF); "
         "print(f'client CPU {me.ru_utime + me.ru_stime:.2f}', file=sys.stderr); sys.exit(code)")


def measured(cmd: list[str]) -> tuple[float, float, str]:
    """(wall s, CPU s, stderr) of one child process, its own children included."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    proc = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.monotonic() - start
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{proc.stderr[-3000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), proc.stderr


def digests(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in folder.rglob("*") if p.is_file()}


def phases(stderr: str) -> str:
    """The build's own phases from its summary line: reading the data, generating site_src/, rendering."""
    found = re.search(r"(\d+\.\d) giây \(đọc dữ liệu (\d+\.\d), tạo site_src/ (\d+\.\d), dựng trang (\d+\.\d)\)",
                      stderr)
    return "" if found is None else f"build {found[1]} s: data {found[2]}, site_src {found[3]}, render {found[4]}"


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--reports", type=int, default=1000)
    p.add_argument("--runs", type=int, default=2)
    p.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="local clusters of these many workers")
    p.add_argument("--archives", type=Path, default=Path("/tmp/tdkt-bench-cluster"))
    args = p.parse_args()
    archive = args.archives / f"archive-{args.reports}"
    if not archive.is_dir():
        subprocess.run([PY, "build.py", "synth", "--reports", str(args.reports), "--out", str(archive), "--seed", "1"],
                       cwd=ROOT, check=True)
    work = args.archives / "work"
    kinds = {"single": []} | {f"local-{k}": ["--cluster", "local", "--workers", str(k)] for k in args.workers}
    rows: dict[str, list[tuple[float, float, float]]] = {kind: [] for kind in kinds}
    loads: list[float] = []
    reference: dict[str, str] | None = None
    print(f"{args.reports} reports, {os.cpu_count()} cores; load average before: {os.getloadavg()[0]:.1f}",
          file=sys.stderr)
    for run in range(args.runs):
        for kind, extra in kinds.items():
            out = work / kind
            shutil.rmtree(work, ignore_errors=True)
            work.mkdir(parents=True)
            load = os.getloadavg()[0]
            loads.append(load)
            wall, cpu, err = measured([PY, "-c", BUILD, "build", "--data", str(archive), "--out", str(out),
                                       "--docs", str(work / f"{kind}-src"), "--cache", str(work / f"{kind}-cache"),
                                       *extra])
            client = float(re.search(r"client CPU (\d+\.\d+)", err)[1])
            rows[kind].append((wall, cpu, client))
            made = digests(out)
            if reference is None:
                reference = made
            same = made == reference
            print(f"  run {run + 1} {kind}: {wall:.1f} s wall, {cpu:.1f} s CPU ({client:.1f} s in the build's own "
                  f"process), load {load:.1f} before; {phases(err)};"
                  f" {'same bytes as the single build' if same else 'DIFFERENT BYTES'}", file=sys.stderr, flush=True)
            if not same:
                raise SystemExit(f"{kind}: the site differs from the single build's")
    shutil.rmtree(work, ignore_errors=True)
    med = {kind: tuple(statistics.median(x[i] for x in v) for i in range(3)) for kind, v in rows.items()}
    base = med["single"][0]
    one = med.get("local-1", (float("nan"),))[0]
    print(f"load average during the runs: {min(loads):.1f}–{max(loads):.1f} (before each run); after: "
          f"{os.getloadavg()[0]:.1f}", file=sys.stderr)
    print("| build | wall s | CPU s | of which the build's own process | CPU ms per report | speed-up vs single | "
          "speed-up vs local-1 | runs |")
    print("|---|---|---|---|---|---|---|---|")
    for kind, (wall, cpu, client) in med.items():
        print(f"| {kind} | {wall:.1f} | {cpu:.1f} | {client:.1f} | {1000 * cpu / args.reports:.0f} | "
              f"{base / wall:.2f} | {one / wall:.2f} | {len(rows[kind])} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
