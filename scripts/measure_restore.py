#!/usr/bin/env python3
"""Measure tdkt.text.restore on the answer keys in tests/fixtures/restore/{tune,heldout}/.

Each key is a pair of files <name>.ocr.txt / <name>.gold.txt, line for line, with the same
number of whitespace-separated tokens per line. A syllable is a gold token piece made of letters
that is shaped like a Vietnamese syllable (codes, numbers and abbreviations such as UBND are not
counted). It is right when the restored piece equals the gold one with every mark; letter case
and old/new tone placement (hoà/hòa) are ignored (restoration keeps the OCR's case by design).

Prints a Markdown table: restored and baseline ("leave the OCR as is") accuracy per key and
overall, for tune and held-out. Usage: .venv/bin/python scripts/measure_restore.py [--errors]
"""
from __future__ import annotations

import argparse
import collections
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tdkt.text import restore as R  # noqa: E402

KEYS = ROOT / "tests" / "fixtures" / "restore"


def load_key(ocr_path: Path) -> list[tuple[str, str]]:
    gold_path = ocr_path.with_name(ocr_path.name.replace(".ocr.txt", ".gold.txt"))
    ocr = ocr_path.read_text(encoding="utf-8").split("\n")
    gold = gold_path.read_text(encoding="utf-8").split("\n")
    if ocr and ocr[-1] == "":
        ocr, gold = ocr[:-1], gold[:-1]
    assert len(ocr) == len(gold), f"{ocr_path}: {len(ocr)} OCR lines, {len(gold)} gold lines"
    return list(zip(ocr, gold))


def keys(split: str) -> dict[str, list[tuple[str, str]]]:
    return {p.name[: -len(".ocr.txt")]: load_key(p) for p in sorted((KEYS / split).glob("*.ocr.txt"))}


def _pieces(tok: str) -> list[str]:
    _, core, _ = R._strip_token(tok)
    return [p for p in R._pieces(core) if not R._PIECE_SPLIT.fullmatch(p)]


def score_line(pred: str, gold: str, errors: list | None = None) -> tuple[int, int]:
    """(right, total) syllables of one line."""
    right = total = 0
    pt, gt = pred.split(), gold.split()
    if len(pt) != len(gt):
        pt = [""] * len(gt)
    for p, g in zip(pt, gt):
        gp, pp = _pieces(g), _pieces(p)
        if len(pp) != len(gp):
            pp = [""] * len(gp)
        for a, b in zip(pp, gp):
            if not (b.isalpha() and R.is_syllable(b)):
                continue
            total += 1
            if R.canonical(a) == R.canonical(b):
                right += 1
            elif errors is not None:
                errors.append((a, b))
    return right, total


def measure(pairs: list[tuple[str, str]], restore_fn, errors: list | None = None) -> tuple[int, int]:
    right = total = 0
    for ocr, gold in pairs:
        r, t = score_line(restore_fn(ocr), gold, errors)
        right += r
        total += t
    return right, total


def restored(line: str) -> str:
    return R.restore_line(line, damaged=True)


ENGINE_SETS = {  # key name in tests/fixtures/restore/engines/ -> what it is
    "decree-122-2018": "real: a Government decree's OCR by another engine (d-006), hand-restored",
    "rendered-tess-deg": "held-out help files, degraded renders, Tesseract eng",
    "rendered-ocrad": "held-out help files, degraded renders, Ocrad",
    "rendered-gocr": "held-out help files, degraded renders, GOCR",
}


def _set_rows(folder: str, sets: dict, title: str) -> tuple[list[str], dict]:
    """A table's rows for the sets of ``folder`` the key files hold (OCR as is, restored), and their counts."""
    rows = [f"| {title} | lines | syllables | OCR as is | restored |", "|---|---:|---:|---:|---:|"]
    results = {}
    found = keys(folder)
    for name in sets:
        pairs = found.get(name)
        if not pairs:
            continue
        r, t = measure(pairs, restored)
        b, _ = measure(pairs, lambda s: s)
        results[name] = (r, t, b)
        rows.append(f"| {name} | {len(pairs)} | {t} | {b / t:.1%} | **{r / t:.1%}** |")
    return rows, results


def _total(rows: list[str], results: dict, parts: list, label: str, key: str) -> None:
    if parts:
        r, t, b = (sum(v[i] for v in parts) for i in range(3))
        rows.append(f"| **{label}** | | {t} | {b / t:.1%} | **{r / t:.1%}** |")
        results[key] = (r, t, b)


def engine_table() -> tuple[str, dict]:
    """OCR of other engines: whole documents never used for the model (scripts/restore_engines.py)."""
    rows, results = _set_rows("engines", ENGINE_SETS, "engine set")
    _total(rows, results, list(results.values()), "all other engines", "all")
    return "\n".join(rows), results


BLIND_SETS = {  # key name in tests/fixtures/restore/blind/ (scripts/restore_blind.py) -> what it is
    "tess": "held-out real corpus, clean renders, Tesseract eng (the seeds' kind)",
    "tess-deg": "held-out real corpus, degraded renders, Tesseract eng",
    "ocrad": "held-out real corpus, degraded renders, Ocrad",
    "gocr": "held-out real corpus, degraded renders, GOCR",
}


def blind_table() -> tuple[str, dict]:
    """The blind set: the real corpus's held-out documents (never in the model), rendered and OCR'd."""
    rows, results = _set_rows("blind", BLIND_SETS, "blind set")
    _total(rows, results, [v for k, v in results.items() if k != "tess"], "other engines", "others")
    return "\n".join(rows), results


VAL_SETS = {  # key name in tests/fixtures/restore/val/ (scripts/restore_validation.py) -> what it is
    "tess-deg": "tuning part's news excerpts, degraded renders, Tesseract eng",
    "ocrad": "tuning part's news excerpts, degraded renders, Ocrad",
    "gocr": "tuning part's news excerpts, degraded renders, GOCR",
}


def val_table() -> tuple[str, dict]:
    """The other engines' validation set (not held out: tune on it): the tuning part's news excerpts."""
    rows, results = _set_rows("val", VAL_SETS, "validation set")
    _total(rows, results, list(results.values()), "other engines", "all")
    return "\n".join(rows), results


def speed(runs: int = 5) -> None:
    """CPU seconds to restore a 20 KB report (seed Cẩm Xuyên's OCR repeated) after the model has loaded: with
    the model's candidate and LM caches emptied, and again warm; medians of ``runs``."""
    import statistics
    t0 = time.process_time()
    model = R._model()
    load = time.process_time() - t0
    folder = ROOT / "data" / "reports" / "2023-cam-xuyen-bc-6-thang"
    path = folder / "ocr.txt" if (folder / "ocr.txt").exists() else folder / "text.txt"
    text = path.read_text(encoding="utf-8")
    text = (text * (20000 // len(text.encode()) + 1))[:20000]
    cold, warm = [], []
    for _ in range(runs):
        model._cand_cache.clear()
        model._lm_cache.clear()
        model._lm3_cache.clear()
        t = time.process_time()
        R.restore(text)
        cold.append(time.process_time() - t)
        t = time.process_time()
        R.restore(text)
        warm.append(time.process_time() - t)
    print(f"model load {load:.2f} s of CPU; 20 KB: {statistics.median(cold):.2f} s with empty caches, "
          f"{statistics.median(warm):.2f} s warm (CPU, median of {runs})")


def print_errors(errs: list) -> None:
    """The wrong syllables, most frequent first: "  3  tong -> should be tổng"."""
    for (got, gold), n in collections.Counter(errs).most_common():
        print(f"{n:3d}  {got} -> should be {gold}")


def _path_score(model, nodes: list[tuple], sids: list) -> float:
    """The decoder's score of one choice of syllables for a line's nodes (LM + channel weight x channel)."""
    lam, bound = model.params["channel_weight"], model.index[R._BOUND]
    p2 = p1 = bound
    score = 0.0
    case_w = float(model.params.get("case_weight", 0.0)) if model.case_logp else 0.0
    for n_i, (node, sid) in enumerate(zip(nodes, sids)):
        ch = 0.0
        if node[0] == "fixed":
            sid = model.index.get(node[1], bound)
        else:
            ch = dict(model.candidates(node[3].lower())).get(sid)
            if ch is None:
                ch = R._channel_dp(model.emit, model.vocab[sid], node[3].lower()) + model.params.get("fallback_penalty", -2.0)
            side = R._case_side(node[3], nodes[n_i - 1] if n_i else None) if case_w else None
            if side is not None:  # the decoder's case channel (restore._viterbi)
                ch += case_w / lam * model.case_logp.get(sid, model.case_default)[side]
        score += model.lm3_logp(p2, p1, sid) + lam * ch
        p2, p1 = p1, sid
    return score + model.lm3_logp(p2, p1, bound)


def classify_line(model, ocr: str, gold: str, counts: collections.Counter) -> None:
    """Add each gold syllable of the line to ``counts`` by what became of it: right; split/merge (the
    restored token has another number of pieces); left alone (an all-caps abbreviation, a foreign word or
    code, a digit-only or unreadable piece); candidate missing (the gold syllable is not among the form's
    candidates, or not in the vocabulary); a model error (the model scores the chosen line above the line
    with the gold syllable: marks only or letters differ) or a search error (it scores it below)."""
    parts, tokens, fixed, nodes = R._line_nodes(model, ocr)
    choice = R._viterbi(model, nodes)
    pred = R._write_back(model, parts, tokens, fixed, nodes, choice).split()
    node_of = {(n[1], n[2]): i for i, n in enumerate(nodes) if n[0] == "word"}
    for t, g in enumerate(gold.split()):
        gp, pp = _pieces(g), _pieces(pred[t]) if t < len(pred) else []
        word_idx = [i for i, x in enumerate(tokens[t][2]) if not R._PIECE_SPLIT.fullmatch(x)] if t < len(tokens) else []
        for j, b in enumerate(gp):
            if not (b.isalpha() and R.is_syllable(b)):
                continue
            counts["syllables"] += 1
            if len(pp) != len(gp) or len(word_idx) != len(gp):
                counts["split/merge"] += 1
                continue
            if R.canonical(pp[j]) == R.canonical(b):
                counts["right"] += 1
                continue
            form = tokens[t][2][word_idx[j]]
            gid = model.index.get(R.canonical(b))
            if (t, word_idx[j]) not in node_of:
                kind = ("left alone: all-caps abbreviation" if form.isupper() and len(form) > 1 else
                        "left alone: foreign word or code" if (t, word_idx[j]) in fixed else "left alone: digits or no candidate")
            elif gid is None or gid not in dict(model.candidates(form.lower())):
                kind = "candidate missing"
            else:
                sids = [model.index.get(c) if c is not None else None for c in choice]
                alt = list(sids)
                alt[node_of[(t, word_idx[j])]] = gid
                search = _path_score(model, nodes, alt) > _path_score(model, nodes, sids) + 1e-9
                kind = ("search error" if search else "model chose wrong") + (
                    ", marks only" if R.fold(pp[j]) == R.fold(b) else ", letters")
            counts[kind] += 1


def classify(pairs: list[tuple[str, str]]) -> None:
    """Print the wrong syllables of ``pairs`` by kind (classify_line), most frequent first."""
    counts: collections.Counter = collections.Counter()
    model = R._model()
    for ocr, gold in pairs:
        classify_line(model, ocr, gold, counts)
    n = counts.pop("syllables", 0)
    print(f"{n} syllables, {counts.pop('right', 0)} right")
    for kind, k in counts.most_common():
        print(f"{k:5d}  {kind}")


def held_document(seed: str, errors: str | None, classify_errors: bool = False) -> int:
    """Every key line of one OCR seed (tune and heldout), for a model built with --hold-doc SEED."""
    pairs = keys("tune").get(seed, []) + keys("heldout").get(seed, [])
    errs: list = []
    r, t = measure(pairs, restored, errs)
    b, _ = measure(pairs, lambda s: s)
    print(f"| document held out | {seed} | {len(pairs)} | {t} | {b / t:.1%} | **{r / t:.1%}** |")
    print(f"RESULT {seed} {r} {t} {b}")
    if errors:
        print_errors(errs)
    if classify_errors:
        classify(pairs)
    return 0


def table() -> tuple[str, dict]:
    rows = ["| set | key | lines | syllables | OCR as is | restored |", "|---|---|---:|---:|---:|---:|"]
    results = {}
    for split in ("tune", "heldout"):
        sums = {"seeds": [0, 0, 0, 0]}
        for name, pairs in keys(split).items():
            r, t = measure(pairs, restored)
            b, _ = measure(pairs, lambda s: s)
            results[(split, name)] = (r, t, b)
            rows.append(f"| {split} | {name} | {len(pairs)} | {t} | {b / t:.1%} | **{r / t:.1%}** |")
            if name != "rendered":
                acc = sums["seeds"]
                acc[0] += r
                acc[1] += t
                acc[2] += b
                acc[3] += len(pairs)
        r, t, b, n = sums["seeds"]
        if t:
            results[(split, "seeds")] = (r, t, b)
            rows.append(f"| {split} | **all seed keys** | {n} | {t} | {b / t:.1%} | **{r / t:.1%}** |")
    return "\n".join(rows), results


def cross_validation(parity: int, errors: str | None) -> int:
    right = total = base = 0
    errs: list = []
    for name, pairs in keys("tune").items():
        sel = [p for i, p in enumerate(pairs) if i % 2 == parity]
        r, t = measure(sel, restored, errs)
        b, _ = measure(sel, lambda s: s)
        right, total, base = right + r, total + t, base + b
        print(f"| tune lines {parity} mod 2 | {name} | {len(sel)} | {t} | {b / t:.1%} | **{r / t:.1%}** |")
    print(f"| tune lines {parity} mod 2 | all | | {total} | {base / total:.1%} | **{right / total:.1%}** |")
    if errors:
        print_errors(errs)
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--errors", choices=["tune", "heldout", "engines", "val"], help="list the wrong syllables of one split")
    ap.add_argument("--model", help="measure another model file")
    ap.add_argument("--classify", metavar="SET",
                    help="the wrong syllables of a set by kind: tune, heldout, engines, blind, or FOLDER/NAME "
                         "(with --hold-doc: that seed's lines)")
    ap.add_argument("--speed", action="store_true", help="time a 20 KB report (CPU seconds, medians)")
    ap.add_argument("--only", choices=["blind", "engines", "val"], help="print only this table")
    ap.add_argument("--cv-parity", type=int, choices=[0, 1], default=None,
                    help="only the tune lines of this parity (cross-validation, see build_restore_model.py)")
    ap.add_argument("--hold-doc", default=None,
                    help="measure every key line of this OCR seed (a model built with --hold-doc SEED)")
    args = ap.parse_args()
    if args.model:
        R.MODEL_PATH = Path(args.model)
    if args.cv_parity is not None:
        return cross_validation(args.cv_parity, args.errors)
    if args.hold_doc:
        return held_document(args.hold_doc, args.errors, bool(args.classify))
    if args.classify:
        folder, _, name = args.classify.partition("/")
        classify([p for n, v in keys(folder).items() if (n == name if name else n != "rendered") for p in v])
        return 0
    if args.speed:
        speed()
        return 0
    if args.only:
        print({"blind": blind_table, "engines": engine_table, "val": val_table}[args.only]()[0])
        return 0
    t0 = time.perf_counter()
    R._model()
    t1 = time.perf_counter()
    text, _ = table()
    print(text)
    text, _ = engine_table()
    print("\nOther OCR engines (documents never used for the model):\n")
    print(text)
    text, _ = blind_table()
    print("\nBlind: the real corpus's held-out documents rendered (scripts/restore_blind.py):\n")
    print(text)
    print(f"\nmodel load {t1 - t0:.2f} s; {R.MODEL_PATH.stat().st_size / 1e6:.2f} MB")
    if args.errors:
        errs: list = []
        for name, pairs in keys(args.errors).items():
            if name == "rendered":
                continue
            measure(pairs, restored, errs)
        print_errors(errs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
