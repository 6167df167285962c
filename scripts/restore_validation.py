#!/usr/bin/env python3
"""A validation set for tdkt.text.restore on other OCR engines, for tuning (not a held-out set).

Until 3 Dec 2026 the other engines had no validation split: their only sets were held out (the held-out
help files' renders, the decree, the blind set). This set is the real corpus's news excerpts of the
tuning part (slices a-e, not held out in tests/fixtures/real/split.yml, kind ``news`` in SOURCES-*.md):
in-domain report wording, never in the model (news excerpts are kept for testing only, so the build
never reads them unless ``--news``), never in a held-out or blind set. Its lines are chosen by the
corpus filter of the build (at least three words, a quarter with a Vietnamese-only letter), rendered,
degraded and read by Tesseract ``eng``, Ocrad and GOCR exactly as the model's training pages
(scripts/restore_engines.py), under their own page names, so other fonts and degradations fall on them.

Written to tests/fixtures/restore/val/<engine>.{ocr,gold}.txt; lines kept where the OCR kept the token
count. Tune on this set; measure the held-out and blind sets once at the end.

Usage: PYTHONPATH=/tmp/restore-build .venv/bin/python scripts/restore_validation.py
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import restore_engines as E  # noqa: E402
import restore_sources as S  # noqa: E402

OUT = ROOT / "tests" / "fixtures" / "restore" / "val"


def validation_lines() -> list[str]:
    """The tuning part's news lines (the filter of restore_sources.real_official_lines)."""
    return S.real_official_lines(("news",))


def write(name: str, pairs: list[tuple[str, str]]) -> int:
    pairs = [(t, o) for t, o in pairs if len(t.split()) == len(o.split())]
    (OUT / f"{name}.ocr.txt").write_text("".join(o + "\n" for _, o in pairs), encoding="utf-8")
    (OUT / f"{name}.gold.txt").write_text("".join(t + "\n" for t, _ in pairs), encoding="utf-8")
    return len(pairs)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--work", default="/tmp/tdkt-restore-build")
    args = ap.parse_args()
    lines = validation_lines()
    print(f"validation lines {len(lines)} from {len(S.real_model_docs(('news',)))} news documents", file=sys.stderr)
    OUT.mkdir(parents=True, exist_ok=True)
    for engine, got in sorted(E.render_and_ocr_engines(lines, Path(args.work) / "val-engines", "val").items()):
        print(f"  {engine}: {write(engine, got)} lines", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
