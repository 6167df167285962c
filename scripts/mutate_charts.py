"""How much the chart parity test is worth: change one character of a chart implementation, run the test, count.

    .venv/bin/python scripts/mutate_charts.py theme/assets/javascripts/charts-core.js 40 1
    .venv/bin/python scripts/mutate_charts.py tdkt/site/charts.py 40 2

Works on a copy of HEAD (``git archive``) in a temporary folder, never on the checkout. Each mutant changes one
character of a code line (not a comment, docstring or Unicode table line: the table test guards those) chosen at
random with the seed: an operator or digit to a neighbour, a letter to the next letter, anything else to "x";
then runs tests/test_js_charts.py's parity tests. Prints how many mutants the tests kill and each survivor, to be
read by a person: a survivor in an error message or a type annotation changes no output.
"""
from __future__ import annotations

import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TESTS = "generated or numbers or measures or tables or errors or finder_s"
SWAP = {"+": "-", "-": "+", "*": "/", "/": "*", "<": ">", ">": "<", "=": "!", "!": "=", "0": "1", "1": "2", "2": "3",
        "5": "6", "6": "5", "(": " ", ")": " ", "&": "|", "|": "&", ".": ",", ",": ".", '"': "'", "'": '"'}
TABLE = re.compile(r"(0x[0-9A-F]+, ?)+(0x[0-9A-F]+)?,?")


def candidates(src: str) -> list[int]:
    """Offsets of the characters a mutant may change: code, roughly (comments and docstrings left out)."""
    out, pos, in_doc = [], 0, False
    for line in src.split("\n"):
        s = line.strip()
        skip = in_doc or s.startswith(("//", "/*", "*", "#")) or TABLE.fullmatch(s) is not None
        if s.startswith('"""') or s.endswith('"""'):
            in_doc = in_doc ^ (s.count('"""') == 1)
            skip = True
        if not skip:
            code = line.split("  //")[0].split("  # ")[0]
            out += [pos + i for i, ch in enumerate(code) if not ch.isspace()]
        pos += len(line) + 1
    return out


def main(relative: str, n: int, seed: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", "HEAD"], capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        (Path(tmp) / ".venv").symlink_to(ROOT / ".venv")
        path = Path(tmp) / relative
        src = path.read_text()
        lines, rng = src.split("\n"), random.Random(seed)
        spots, killed, survived = candidates(src), 0, []
        for _ in range(n):
            at = rng.choice(spots)
            ch = src[at]
            new = SWAP.get(ch) or (chr(ord(ch) + 1) if ch.isalnum() else "x")
            path.write_text(src[:at] + new + src[at + 1:])
            run = subprocess.run([".venv/bin/python", "-m", "pytest", "tests/test_js_charts.py", "-q", "-x", "-p",
                                  "no:cacheprovider", "-k", TESTS], cwd=tmp, capture_output=True, text=True)
            if run.returncode == 0:
                number = src[:at].count("\n") + 1
                survived.append(f"  line {number}: {ch!r} -> {new!r}: {lines[number - 1].strip()[:100]}")
            else:
                killed += 1
        path.write_text(src)
    print(f"{relative}: {killed} of {n} mutants killed")
    print("\n".join(survived))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
