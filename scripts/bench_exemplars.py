#!/usr/bin/env python3
"""Exemplar candidates read from real texts nobody tuned on: how many of the exemplars a person named are proposed.

    .venv/bin/python scripts/bench_exemplars.py [--report] [--show]

The real corpus's labels name the exemplars a text puts forward (``exemplars:`` in ``label.yml``: persons,
collectives, models). Each text goes through what ingest and ``python build.py exemplars --propose`` do with it:
its award statements (``tdkt.ingest.awards``) give the named recipients of a form above a Giấy khen, its
paragraphs give the models and examples introduced by name (``tdkt.ingest.exemplar_propose``). A labelled exemplar
is **found** when a candidate's name, folded, contains it or is contained in it; a candidate that matches no label
is **extra** (a person would refuse it, or the label left it out). Tuning and held-out parts as the other
benchmarks (scripts/bench_headers.py's split). Exit 0 always.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench_headers import heldout_ids  # noqa: E402
from tdkt.ingest import readers  # noqa: E402
from tdkt.ingest.awards import find_awards  # noqa: E402
from tdkt.ingest.exemplar_propose import listed, named_models  # noqa: E402
from tdkt.ingest.extract import is_damaged  # noqa: E402
from tdkt.text.collate import fold  # noqa: E402
from tdkt.text.normalise import normalise  # noqa: E402


def candidates(path: Path) -> list[str]:
    got = readers.read(path)
    if not isinstance(got, readers.Read):
        return []
    text = normalise(got.text).text
    lines = [(n, line) for n, line in enumerate(text.split("\n"), start=1) if line.strip()]
    names = [n for a in find_awards(lines, is_damaged(text)) if not a.form.startswith("Giấy khen") for n in a.names]
    names += [name for _, line in lines for name in named_models(line)]
    names += [name for _, name in listed([line for _, line in lines])]
    return list(dict.fromkeys(names))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--corpus", type=Path, default=ROOT / "tests" / "fixtures" / "real")
    p.add_argument("--report", action="store_true", help="also print the held-out part")
    p.add_argument("--show", action="store_true", help="each labelled text's exemplars and candidates")
    args = p.parse_args(argv)
    held = heldout_ids(args.corpus)
    rows = {"tuning": [0, 0, 0, 0], "heldout": [0, 0, 0, 0]}  # texts, labelled, found, extra
    for folder in sorted((args.corpus / "docs").iterdir()):
        label = yaml.safe_load((folder / "label.yml").read_text(encoding="utf-8"))
        wanted = label.get("exemplars") or []
        if not wanted:
            continue
        part = "heldout" if folder.name in held else "tuning"
        if part == "heldout" and not args.report:
            continue
        got = candidates(folder / "source.txt")
        found = [w for w in wanted if any(fold(w) in fold(g) or fold(g) in fold(w) for g in got)]
        extra = [g for g in got if not any(fold(w) in fold(g) or fold(g) in fold(w) for w in wanted)]
        row = rows[part]
        row[0], row[1], row[2], row[3] = row[0] + 1, row[1] + len(wanted), row[2] + len(found), row[3] + len(extra)
        if args.show and part == "tuning":
            print(f"{folder.name}: labelled {wanted}\n    candidates {got}")
    print("| part | texts naming exemplars | exemplars labelled | found | candidates matching no label |")
    print("|---|---|---|---|---|")
    for part in ("tuning", "heldout") if args.report else ("tuning",):
        t, w, f, e = rows[part]
        print(f"| {part} | {t} | {w} | {f} ({100 * f / max(1, w):.0f}%) | {e} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
