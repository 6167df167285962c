#!/usr/bin/env python3
"""A blind test set for tdkt.text.restore: the held-out real corpus, rendered and read by OCR.

Decided before any model used the real corpus's text beyond its tuning part, and before the set was
looked at (3 Dec 2026, issue 11 part 4): every document listed held out in
tests/fixtures/real/split.yml (slices a-e; never slice f, being added), its source.txt (NFC), every
line with at least three words of which a quarter carry a Vietnamese-only letter (the corpus filter of
build_restore_model.py), de-duplicated. These documents are never used for the model
(build_restore_model.real_official_lines excludes them), so the set is blind.

Written to tests/fixtures/restore/blind/<engine>.{ocr,gold}.txt:

- ``tess``: clean renders read by Tesseract ``eng --psm 6`` (fonts and sizes of the model's training
  renders): the seeds' kind of damage;
- ``tess-deg``, ``ocrad``, ``gocr``: degraded renders read by the other engines
  (scripts/restore_engines.py, the same fonts and degradations as the training pages).

As for the other rendered sets, a line is kept when the OCR gives as many lines per page and as many
tokens per line as the text (the measure is of lines whose words the engine kept apart). Rendering and
OCR are cached under --work. Needs Pillow and the OCR engines (build time only, see
build_restore_model.py).

Usage: PYTHONPATH=/tmp/restore-build .venv/bin/python scripts/restore_blind.py
"""
from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import build_restore_model as B  # noqa: E402
import restore_engines as E  # noqa: E402
from tdkt.text import restore as R  # noqa: E402

OUT = ROOT / "tests" / "fixtures" / "restore" / "blind"


def held_out_ids() -> list[str]:
    """The held-out documents of split.yml, slices a-e."""
    ids = re.findall(r'"([a-z]-\d+)"', (B.REAL / "split.yml").read_text(encoding="utf-8"))
    return [i for i in ids if i[0] in "abcde"]


def blind_lines() -> list[str]:
    out = []
    for doc in held_out_ids():
        text = unicodedata.normalize("NFC", (B.REAL / "docs" / doc / "source.txt").read_text(encoding="utf-8"))
        if R.is_damaged(text):
            continue  # an OCR'd source is no clean gold
        for ln in text.split("\n"):
            ln = " ".join(ln.split())
            words = B.corpus_words(ln)
            if len(words) >= 3 and sum(1 for w in words if any(c in R._VI_ONLY for c in w)) / len(words) >= 0.25:
                out.append(ln)
    return list(dict.fromkeys(out))


def write(name: str, pairs: list[tuple[str, str]]) -> int:
    pairs = [(t, o) for t, o in pairs if len(t.split()) == len(o.split())]
    (OUT / f"{name}.ocr.txt").write_text("".join(o + "\n" for _, o in pairs), encoding="utf-8")
    (OUT / f"{name}.gold.txt").write_text("".join(t + "\n" for t, _ in pairs), encoding="utf-8")
    return len(pairs)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--work", default="/tmp/tdkt-restore-build")
    args = ap.parse_args()
    work = Path(args.work)
    lines = blind_lines()
    print(f"held-out documents {len(held_out_ids())}, lines {len(lines)}", file=sys.stderr)
    OUT.mkdir(parents=True, exist_ok=True)
    n = write("tess", B.render_and_ocr(lines, work / "blind", "blind"))
    print(f"  tess: {n} lines", file=sys.stderr)
    for engine, got in sorted(E.render_and_ocr_engines(lines, work / "blind-engines", "blind").items()):
        print(f"  {engine}: {write(engine, got)} lines", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
