#!/usr/bin/env python3
"""Award statements read from real texts nobody tuned on: recall and precision, tuning part and held-out part.

    .venv/bin/python scripts/bench_awards.py [--report] [--show] [--part tuning|heldout|all]

Each document of the real corpus (``tests/fixtures/real/docs/<id>/source.txt``) is normalised as ingest does,
and its award statements are read by ``tdkt.ingest.awards.find_awards``. They are compared with the statements a
person labelled (``awards:`` in ``label.yml``). A statement is **right** when its form, count, recipient kind and
status (granted or proposed) are all the label's; matching is one to one (a multiset), so a statement read
twice counts once right and once wrong. **Recall** = right / labelled, **precision** = right / read. The
authority and the year are reported apart (right among the statements matched).

Forms are compared by their kind, the same rule for every document, fixed before tuning: "Danh hiệu" dropped,
"sỹ" = "sĩ", "cấp cơ sở" = "cơ sở", the authority after "của" dropped (it is compared apart), a Huân chương with
its class, a Cờ thi đua whoever grants it. Exit 0 always: this measures, it does not judge.
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench_headers import heldout_ids  # noqa: E402
from tdkt.ingest import readers  # noqa: E402
from tdkt.ingest.awards import COLLECTIVE, HOUSEHOLD, INDIVIDUAL, find_awards  # noqa: E402
from tdkt.ingest.extract import is_damaged  # noqa: E402
from tdkt.text.collate import fold  # noqa: E402
from tdkt.text.normalise import normalise  # noqa: E402

RECIPIENTS = {INDIVIDUAL: "ca-nhan", COLLECTIVE: "tap-the", HOUSEHOLD: "ho-gia-dinh", None: ""}


def form_key(form: str) -> str:
    k = fold(form or "").replace("“", "").replace("”", "").replace('"', "")
    k = re.sub(r"[^a-z0-9 ]+", " ", k)
    k = re.sub(r"\bsy\b", "si", k)
    k = re.sub(r"^danh hieu\s+", "", k.strip())
    k = re.sub(r"\s+(?:cua|thu tuong|chu tich|ubnd|uy ban)\b.*$", "", k)
    k = re.sub(r"\bcap co so\b", "co so", k)
    k = re.sub(r"\s+", " ", k).strip()
    if k.startswith("co thi dua"):
        return "co thi dua"
    if re.match(r"co (?:don vi )?dan dau", k):
        return "co dan dau"
    return k


def _count(value) -> int | None:
    value = str(value or "").strip()
    return int(value) if value.isdigit() else None


def labelled(label: dict) -> list[tuple]:
    return [(form_key(a.get("form", "")), _count(a.get("count")), a.get("recipient") or "", a.get("status") or "")
            for a in label.get("awards") or []]


def read(path: Path) -> list:
    got = readers.read(path)
    if not isinstance(got, readers.Read):
        return []
    text = normalise(got.text).text
    lines = [(n, line) for n, line in enumerate(text.split("\n"), start=1) if line.strip()]
    return list(find_awards(lines, is_damaged(text)))


def run(corpus: Path) -> dict[str, tuple[list[tuple], list[tuple], list]]:
    out = {}
    for folder in sorted((corpus / "docs").iterdir()):
        label = yaml.safe_load((folder / "label.yml").read_text(encoding="utf-8"))
        awards = read(folder / "source.txt")
        got = [(form_key(a.form), a.count, RECIPIENTS.get(a.recipients, ""), a.status) for a in awards]
        out[folder.name] = (labelled(label), got, awards)
        LABELS[folder.name] = label.get("awards") or []
    return out


LABELS: dict[str, list[dict]] = {}


def years(results, ids, labels) -> tuple[int, int, int]:
    """Among the statements read right: how many the reader gave a year of their own (from the statement's
    sentence), and how many of those equal the label's year; (right, with a year, year equal)."""
    right = stated = equal = 0
    for i in ids:
        want, got, awards = results[i]
        pool = {}
        for key, a in zip(want, labels[i]):
            pool.setdefault(key, []).append(str(a.get("year") or ""))
        for key, a in zip(got, awards):
            if pool.get(key):
                label_year = pool[key].pop(0)
                right += 1
                stated += a.year is not None
                equal += a.year is not None and str(a.year) == label_year
    return right, stated, equal


def score(results, ids) -> tuple[int, int, int]:
    right = wanted = read_ = 0
    for i in ids:
        want, got, _ = results[i]
        right += sum((Counter(want) & Counter(got)).values())
        wanted, read_ = wanted + len(want), read_ + len(got)
    return right, wanted, read_


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--corpus", type=Path, default=ROOT / "tests" / "fixtures" / "real")
    p.add_argument("--report", action="store_true", help="also print the held-out part (the result; not for tuning)")
    p.add_argument("--show", action="store_true", help="list each document's missed and extra statements")
    p.add_argument("--part", choices=("tuning", "heldout", "all"), default="tuning")
    args = p.parse_args(argv)
    results = run(args.corpus)
    held = heldout_ids(args.corpus)
    parts = {"tuning": sorted(i for i in results if i not in held), "heldout": sorted(i for i in results if i in held)}
    print("| part | documents | statements labelled | read | right | recall | precision |")
    print("|---|---|---|---|---|---|---|")
    for name in ("tuning", "heldout") if args.report else ("tuning",):
        right, wanted, got = score(results, parts[name])
        print(f"| {name} | {len(parts[name])} | {wanted} | {got} | {right} | {100 * right / max(1, wanted):.1f}% | "
              f"{100 * right / max(1, got):.1f}% |")
    print("\n| part | statements read right | the reader gave their own year | that year equals the label's |")
    print("|---|---|---|---|")
    for name in ("tuning", "heldout") if args.report else ("tuning",):
        right, stated, equal = years(results, parts[name], LABELS)
        print(f"| {name} | {right} | {stated} | {equal} |")
    if args.show:
        ids = parts.get(args.part) or sorted(results)
        for i in ids:
            want, got, _ = results[i]
            missed, extra = Counter(want) - Counter(got), Counter(got) - Counter(want)
            if missed or extra:
                print(f"\n== {i}")
                for m in missed.elements():
                    print(f"  missed {m}")
                for e in extra.elements():
                    print(f"  extra  {e}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
