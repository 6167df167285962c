"""Benchmark the site build: full, incremental after one edit, peak memory; against the floor and MkDocs.

    .venv/bin/python scripts/bench_build.py --sizes 1000 10000 --runs 3

For each size, synthetic archives from ``python build.py synth`` (made if missing, under --archives):

- full: ``python build.py`` with an empty cache and no previous site (nothing remembered);
- incremental: one report's title and first paragraph edited, then ``python build.py`` again (the archive was
  copied just before the full build, so this first rebuild also finds every file's stat signature new: the
  catalogue compares their bytes once, as git does after a checkout);
- again: another report edited, ``python build.py`` again (the steady state: every file known by its stat);
- floor: the same ``site_src/`` Markdown rendered by Python-Markdown alone (the site's extensions,
  one process: the least any Markdown renderer in Python pays);
- mkdocs: plain ``mkdocs build --strict`` of the same ``site_src/`` (one process);
- render: our renderer alone (``tdkt.render.build.render_site``, no cache) on the same ``site_src/``.

``--phases``: the incremental and again builds run through ``PHASES`` (``tdkt.cli.main`` with its steps wrapped),
which prints the CPU seconds of the build's own process per step (reading the catalogue, rendering) and per top
folder of ``site_src/`` (the time spent making its files), and its worker processes' together; printed on stderr.

Each run is a fresh process; wall time, CPU time (user + system, the process and its children) and
peak RSS (``resource.getrusage(RUSAGE_CHILDREN)``, the largest process) are measured around it.
Medians over --runs. Prints a Markdown table. Timings on a shared machine are upper bounds: the
CPU column says what the work costs whatever else runs. ``--root`` measures the code of another checkout (a
``git worktree`` of an earlier commit: the "before" of a change) with this script.
"""
from __future__ import annotations

import argparse
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

FLOOR = r"""
import sys, markdown
from pathlib import Path
from mkdocs.config import load_config
from mkdocs.utils import meta
config = load_config(sys.argv[2], docs_dir=sys.argv[1])  # the site's extensions, as MkDocs reads them
for path in sorted(Path(sys.argv[1]).rglob("*.md")):
    body, _ = meta.get_data(path.read_text(encoding="utf-8"))
    markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs).convert(body)
"""

RENDER = r"""
import datetime as dt, os, sys
from pathlib import Path
from tdkt.render.build import render_site
render_site(Path(sys.argv[3]), Path(sys.argv[2]), docs_dir=Path(sys.argv[1]), build_date=dt.date(2023, 11, 14),
            jobs=os.cpu_count() or 1)
"""

PLAIN = r"""
import os, sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
os.environ["SOURCE_DATE_EPOCH"] = "1700000000"
build(load_config(sys.argv[3], docs_dir=sys.argv[1], site_dir=sys.argv[2], strict=True))
"""


PHASES = r"""
import collections, os, resource, sys
sys.path.insert(0, os.getcwd())
import tdkt.cli as cli
def cpu():
    s = resource.getrusage(resource.RUSAGE_SELF)
    return s.ru_utime + s.ru_stime
spent, count = collections.Counter(), collections.Counter()
def kind(path):
    return path.split("/")[0] if "/" in path else path
making = cli._site_files
def timed(*a, **k):
    files = making(*a, **k)
    while True:
        t = cpu()
        try:
            path, data = next(files)
        except StopIteration:
            return
        spent[kind(path)] += cpu() - t
        count[kind(path)] += 1
        yield path, data
cli._site_files = timed
for name in ("_load", "render_site"):
    def step(*a, _f=getattr(cli, name), _n=name, **k):
        t = cpu()
        try:
            return _f(*a, **k)
        finally:
            spent["step " + _n] += cpu() - t
    setattr(cli, name, step)
start = cpu()
code = cli.main(sys.argv[1:])
spent["build process"] = cpu() - start
c = resource.getrusage(resource.RUSAGE_CHILDREN)
spent["worker processes"] = c.ru_utime + c.ru_stime
for k, v in sorted(spent.items(), key=lambda kv: -kv[1]):
    if v >= 0.05:
        print(f"phase: {k}: {v:.2f} s of CPU" + (f" ({count[k]} files)" if count[k] else ""), file=sys.stderr)
sys.exit(code)
"""


def measured(cmd: list[str], **kw) -> tuple[float, float, float, str]:
    """(wall s, CPU s, peak RSS MB, stderr) of one child process (its own children included)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, **kw)
    _, err = proc.communicate()
    wall = time.monotonic() - start
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{err[-3000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, after.ru_maxrss / 1024, err


def edit_one_report(archive: Path, run: int, which: int = 0) -> None:
    folders = sorted((archive / "reports").iterdir())
    folder = folders[(len(folders) // 2 + which) % len(folders)]
    yml = folder / "report.yml"
    text = yml.read_text(encoding="utf-8")
    yml.write_text(re.sub(r'^title: "?(.*?)"?$', lambda m: f'title: "{m.group(1).split(" [sửa")[0]} [sửa {run}]"',
                          text, count=1, flags=re.M), encoding="utf-8")
    body = folder / "text.txt"
    lines = body.read_text(encoding="utf-8").split("\n")
    lines[0] = lines[0].split(" [sửa")[0] + f" [sửa {run}]"
    body.write_text("\n".join(lines), encoding="utf-8")


def _summary(err: str) -> str:
    """The build's last line of summary (``Tóm tắt: …``)."""
    return next((line for line in reversed(err.strip().splitlines()) if not line.startswith("phase: ")), "")


def bench_size(n: int, runs: int, archives: Path, work: Path, skip_plain: bool, full_only: bool,
               no_reference: bool = False, root: Path = ROOT, phases: bool = False) -> dict:
    archive = archives / f"archive-{n}"
    if not archive.is_dir():
        subprocess.run([PY, "build.py", "synth", "--reports", str(n), "--out", str(archive)], cwd=ROOT, check=True)
    mine = work / f"edit-{n}"  # a copy we may edit
    shutil.rmtree(mine, ignore_errors=True)
    shutil.copytree(archive, mine)
    site, src, cache = work / f"site-{n}", work / f"src-{n}", work / f"cache-{n}"
    build = [PY, "build.py", "--data", str(mine), "--out", str(site), "--docs", str(src), "--cache", str(cache)]
    rebuild = [PY, "-c", PHASES, "build", *build[2:]] if phases else build
    rows: dict[str, list] = {"full": [], "incremental": [], "again": [], "floor": [], "mkdocs": [], "render": []}
    summaries = []
    for run in range(runs):
        for folder in (site, src, cache):
            shutil.rmtree(folder, ignore_errors=True)
        rows["full"].append(measured(build, cwd=root)[:3])
        if full_only:
            summaries.append("")
            continue
        edit_one_report(mine, run)
        wall, cpu, rss, err = measured(rebuild, cwd=root)
        rows["incremental"].append((wall, cpu, rss))
        summaries.append(_summary(err))
        edit_one_report(mine, run, which=1)
        again = measured(rebuild, cwd=root)
        rows["again"].append(again[:3])
        summaries.append(_summary(again[3]))
        for label, text in (("incremental", err), ("again", again[3])):
            for line in text.splitlines():
                if line.startswith("phase: "):
                    print(f"  {n}: run {run + 1}: {label}: {line[7:]}", file=sys.stderr)
        print(f"  {n}: run {run + 1}: full {rows['full'][-1][0]:.1f} s, incremental {wall:.1f} s, "
              f"again {again[0]:.1f} s", file=sys.stderr)
        if not no_reference and (run == 0 or not skip_plain):
            rows["floor"].append(measured([PY, "-c", FLOOR, str(src), str(root / "mkdocs.yml")], cwd=root)[:3])
            plain = work / f"plain-{n}"
            shutil.rmtree(plain, ignore_errors=True)
            rows["mkdocs"].append(measured([PY, "-c", PLAIN, str(src), str(plain), str(root / "mkdocs.yml")],
                                           cwd=root)[:3])
            shutil.rmtree(plain, ignore_errors=True)
            rows["render"].append(measured([PY, "-c", RENDER, str(src), str(plain), str(root / "mkdocs.yml")],
                                           cwd=root)[:3])
            shutil.rmtree(plain, ignore_errors=True)
    nothing = (float("nan"),) * 3
    med = {k: tuple(statistics.median(x[i] for x in v) for i in range(3)) if v else nothing for k, v in rows.items()}
    med["pages"] = sum(1 for _ in src.rglob("*.md"))
    med["summary"] = " | ".join(summaries[-2:])
    med["runs"] = {k: len(v) for k, v in rows.items()}
    return med


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 30000])
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--archives", type=Path, default=Path("/tmp/tdkt-bench"))
    p.add_argument("--work", type=Path, default=Path("/tmp/tdkt-bench/build-bench"))
    p.add_argument("--plain-once", action="store_true", help="floor and mkdocs: one run per size (they are slow)")
    p.add_argument("--full-only", action="store_true", help="only the full build (for the largest sizes)")
    p.add_argument("--no-reference", action="store_true", help="without the floor and plain mkdocs runs")
    p.add_argument("--root", type=Path, default=ROOT, help="the checkout whose code is measured (default: this one)")
    p.add_argument("--phases", action="store_true", help="the rebuilds' CPU per step and per folder of site_src/")
    args = p.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    print(f"load average before: {os.getloadavg()[0]:.1f}, {os.cpu_count()} cores", file=sys.stderr)
    print(f"code: {args.root}", file=sys.stderr)
    print("| reports | pages | full build s (CPU s) | peak RSS MB | incremental s (CPU s) | again s (CPU s) | floor: "
          "Python-Markdown s (CPU s) | plain mkdocs build s (CPU s) | our render alone s (CPU s) | render / mkdocs | "
          "render / floor | runs |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for n in args.sizes:
        m = bench_size(n, args.runs, args.archives, args.work, args.plain_once, args.full_only, args.no_reference,
                       args.root.resolve(), args.phases)
        f, i, a, fl, mk, r = m["full"], m["incremental"], m["again"], m["floor"], m["mkdocs"], m["render"]
        print(f"| {n:,} | {m['pages']:,} | {f[0]:.0f} ({f[1]:.0f}) | {f[2]:.0f} | {i[0]:.1f} ({i[1]:.1f}) | "
              f"{a[0]:.1f} ({a[1]:.1f}) | "
              f"{fl[0]:.0f} ({fl[1]:.0f}) | {mk[0]:.0f} ({mk[1]:.0f}) | {r[0]:.0f} ({r[1]:.0f}) | {r[0] / mk[0]:.2f} | "
              f"{r[0] / fl[0]:.2f} | {m['runs']['full']}/{m['runs']['floor']} |", flush=True)
        print(f"  {n}: last incremental, again: {m['summary']}", file=sys.stderr)
    print(f"load average after: {os.getloadavg()[0]:.1f}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
