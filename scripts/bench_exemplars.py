#!/usr/bin/env python3
"""Exemplar candidates read from real texts nobody tuned on: does a text that names exemplars yield a proposal a
person would accept, and how many of the exemplars a person named are proposed.

    .venv/bin/python scripts/bench_exemplars.py [--report] [--show] [--corpus DIR]

The real corpus's labels name the exemplars a text puts forward (``exemplars:`` in ``label.yml``: persons,
collectives, models; ``[]`` when the text names none). Each text goes through what ingest and ``python build.py
exemplars --propose`` do with it: its award statements (``tdkt.ingest.awards``) give the named recipients of a form
above a Giấy khen, its paragraphs the examples it introduces (``tdkt.ingest.exemplar_propose.from_texts``).

A labelled exemplar is **found** when a candidate's name, folded, holds it as whole words or is held in it; a
candidate that matches no label is **extra** (a person would refuse it, or the label left it out). The done-when
of issue 11 is read per text: a text that names exemplars **yields an accepted proposal** when at least one of its
labelled exemplars is found. Candidates in texts whose label names no exemplar are counted apart (all of them are
extra). Tuning and held-out parts as the other benchmarks (scripts/bench_headers.py's split); ``--show`` prints the
tuning part's texts only. Exit 0 always.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench_headers import heldout_ids  # noqa: E402
from tdkt.ingest import readers  # noqa: E402
from tdkt.ingest.awards import find_awards  # noqa: E402
from tdkt.ingest.exemplar_cues import from_texts, plausible, same_name  # noqa: E402
from tdkt.ingest.extract import is_damaged  # noqa: E402
from tdkt.text.collate import fold  # noqa: E402
from tdkt.text.normalise import normalise  # noqa: E402


def candidates(path: Path) -> list[str]:
    got = readers.read(path)
    if not isinstance(got, readers.Read):
        return []
    text = normalise(got.text).text
    lines = [(n, line) for n, line in enumerate(text.split("\n"), start=1) if line.strip()]
    names = [n for a in find_awards(lines, is_damaged(text)) if not a.form.startswith("Giấy khen") for n in a.names
             if plausible(n)]
    names += [f.name for f in from_texts([line for _, line in lines])]
    out: list[str] = []  # each once, as the proposer does: "Hồ Sáu" after "ông Hồ Sáu" is the same person
    for n in names:
        if not any(same_name(n, o) for o in out):
            out.append(n)
    return out


def _holds(longer: str, shorter: str) -> bool:
    """``shorter`` is in ``longer`` as whole words, both folded."""
    return re.search(rf"(?<!\w){re.escape(fold(shorter).strip())}(?!\w)", fold(longer)) is not None


def matches(label: str, candidate: str) -> bool:
    return _holds(candidate, label) or _holds(label, candidate)


def score(wanted: list[str], got: list[str]) -> tuple[list[str], list[str]]:
    """(labelled exemplars found, candidates matching no label)."""
    return ([w for w in wanted if any(matches(w, g) for g in got)],
            [g for g in got if not any(matches(w, g) for w in wanted)])


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--corpus", type=Path, default=ROOT / "tests" / "fixtures" / "real")
    p.add_argument("--report", action="store_true", help="also print the held-out part (totals only)")
    p.add_argument("--show", action="store_true", help="the tuning part's texts: exemplars and candidates")
    args = p.parse_args(argv)
    held = heldout_ids(args.corpus)
    keys = ("texts", "accepted", "labelled", "found", "extra", "quiet", "noisy", "noise")
    rows = {part: dict.fromkeys(keys, 0) for part in ("tuning", "heldout")}
    for folder in sorted(f for f in (args.corpus / "docs").iterdir() if (f / "label.yml").exists()):
        part = "heldout" if folder.name in held else "tuning"
        if part == "heldout" and not args.report:
            continue
        label = yaml.safe_load((folder / "label.yml").read_text(encoding="utf-8"))
        wanted = label.get("exemplars") or []
        got = candidates(folder / "source.txt")
        row = rows[part]
        if not wanted:  # a text that names no exemplar: every candidate is one a person refuses
            row["quiet"] += 1
            row["noisy"] += bool(got)
            row["noise"] += len(got)
            if args.show and part == "tuning" and got:
                print(f"{folder.name}: names none\n    candidates {got}")
            continue
        found, extra = score(wanted, got)
        row["texts"] += 1
        row["accepted"] += bool(found)
        row["labelled"] += len(wanted)
        row["found"] += len(found)
        row["extra"] += len(extra)
        if args.show and part == "tuning":
            print(f"{folder.name}: {'yields' if found else 'NONE'} {len(found)}/{len(wanted)}\n"
                  f"    missed {[w for w in wanted if w not in found]}\n    extra {extra}")
    print("| part | texts naming exemplars | texts yielding an accepted proposal | texts yielding none | exemplars "
          "labelled | found | candidates matching no label | texts naming none: with candidates (candidates) |")
    print("|---|---|---|---|---|---|---|---|")
    for part in ("tuning", "heldout") if args.report else ("tuning",):
        r = rows[part]
        accepted, found = 100 * r["accepted"] / max(1, r["texts"]), 100 * r["found"] / max(1, r["labelled"])
        print(f"| {part} | {r['texts']} | {r['accepted']} ({accepted:.0f}%) | {r['texts'] - r['accepted']} | "
              f"{r['labelled']} | {r['found']} ({found:.0f}%) | {r['extra']} | {r['noisy']} of {r['quiet']} ({r['noise']}) |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
