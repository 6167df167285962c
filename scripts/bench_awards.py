#!/usr/bin/env python3
"""Award statements read from real texts nobody tuned on: recall and precision, tuning part and held-out part.

    .venv/bin/python scripts/bench_awards.py [--report] [--show] [--kinds] [--part tuning|dev|val|heldout|all]

Parts: ``tuning`` (not held out), ``heldout`` (split.yml's rule; the result, printed with ``--report`` only),
and, to check that a rule generalises before it is kept, the tuning part split by slice: ``dev`` (tuning
documents of slices a-d: rules are written from these) and ``val`` (tuning documents of slices e and f: a rule
is kept only when it helps here too, or is plainly general and neutral). Slices after f (``g-`` …) are in neither
dev nor val. ``--kinds`` sorts the chosen part's failures into kinds (count wrong, recipient kind wrong, status
wrong, form named otherwise, read twice, missed, read where none is labelled) and prints the counts; with
``--show`` each failure is listed with its kind.

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

from tdkt.ingest import readers  # noqa: E402
from bench_headers import heldout_ids  # noqa: E402  (one split rule for every bench)
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


def years(results, ids, labels) -> tuple[int, int, int, int]:
    """Among the statements read right: how many the reader gave a year of their own (from the statement's
    sentence), how many of those equal the label's year, and how many name the label's authority (folded, as
    printed; both empty counts as equal); (right, with a year, year equal, authority equal)."""
    right = stated = equal = same = 0
    for i in ids:
        want, got, awards = results[i]
        pool = {}
        for key, a in zip(want, labels[i]):
            pool.setdefault(key, []).append((str(a.get("year") or ""), fold(str(a.get("authority") or ""))))
        for key, a in zip(got, awards):
            if pool.get(key):
                label_year, label_by = pool[key].pop(0)
                right += 1
                stated += a.year is not None
                equal += a.year is not None and str(a.year) == label_year
                same += fold(a.authority or "") == label_by
    return right, stated, equal, same


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
    p.add_argument("--kinds", action="store_true", help="count the chosen part's failures by kind")
    p.add_argument("--part", choices=("tuning", "dev", "val", "heldout", "all"), default="tuning")
    args = p.parse_args(argv)
    results = run(args.corpus)
    parts = split(sorted(results), heldout_ids(args.corpus))
    print("| part | documents | statements labelled | read | right | recall | precision |")
    print("|---|---|---|---|---|---|---|")
    shown = ("tuning", "dev", "val") + (("heldout",) if args.report else ())
    for name in shown:
        right, wanted, got = score(results, parts[name])
        print(f"| {name} | {len(parts[name])} | {wanted} | {got} | {right} | {100 * right / max(1, wanted):.1f}% | "
              f"{100 * right / max(1, got):.1f}% |")
    print("\n| part | statements read right | the reader gave their own year | that year equals the label's "
          "| authority as the label's |")
    print("|---|---|---|---|---|")
    for name in shown:
        right, stated, equal, same = years(results, parts[name], LABELS)
        print(f"| {name} | {right} | {stated} | {equal} | {same} |")
    if args.part == "heldout" and not args.report:
        print("\nthe held-out part is the result: its failures are shown with --report only", file=sys.stderr)
        return 0
    ids = parts.get(args.part) or sorted(results)
    if args.kinds:
        tally = Counter(kind for i in ids for kind, _ in failures(*results[i][:2]))
        print(f"\n| failures of the {args.part} part, by kind | statements |")
        print("|---|---|")
        for kind, n in tally.most_common():
            print(f"| {kind} | {n} |")
    if args.show:
        for i in ids:
            found = failures(*results[i][:2])
            if found:
                print(f"\n== {i}")
                for kind, item in found:
                    print(f"  {kind:<28} {item}")
    return 0


def split(ids: list[str], held: set[str]) -> dict[str, list[str]]:
    """The parts of the corpus: tuning and held-out, and the tuning part by slice, dev (a-d) and val (e, f)."""
    tuning = [i for i in ids if i not in held]
    return {"tuning": tuning, "heldout": [i for i in ids if i in held],
            "dev": [i for i in tuning if i[:2] in ("a-", "b-", "c-", "d-")],
            "val": [i for i in tuning if i[:2] in ("e-", "f-")]}


# a missed and an extra statement that differ in one field only: the field that is wrong (form, count, kind, status)
_FIELDS = ("form named otherwise", "count wrong", "recipient kind wrong", "status wrong")


def failures(want: list[tuple], got: list[tuple]) -> list[tuple[str, tuple]]:
    """One document's failures, each with its kind: a missed statement paired with an extra one that differs in one
    field only (that field is wrong), an extra one equal to a statement read right (read twice), then the rest:
    missed, or read where none is labelled (of the same form as a label: "extra of a labelled form")."""
    missed, extra = list((Counter(want) - Counter(got)).elements()), list((Counter(got) - Counter(want)).elements())
    out = []
    for field, kind in enumerate(_FIELDS):
        for m in list(missed):
            e = next((e for e in extra if sum(a != b for a, b in zip(m, e)) == 1 and m[field] != e[field]), None)
            if e is not None:
                missed.remove(m)
                extra.remove(e)
                out.append((kind, (m, e)))
    for e in list(extra):
        if e in want:
            extra.remove(e)
            out.append(("read twice", e))
    for m in missed:
        near = any(m[0] == e[0] for e in extra)
        out.append(("missed (its form read otherwise)" if near else "missed", m))
    forms = {w[0] for w in want}
    out += [("extra of a labelled form" if e[0] in forms else "extra (form not labelled)", e) for e in extra]
    return out


if __name__ == "__main__":
    sys.exit(main())
