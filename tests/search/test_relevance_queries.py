"""The relevance benchmark's queries (tests/fixtures/relevance/queries.yml, read by scripts/bench_relevance.py): at
least 80, of every kind the issue names, graded 0-3, each document named as the benchmark's archive names it, and
split into tuning and held-out by the rule the file states (a query cannot be moved to the other part after tuning)."""
from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
QUERIES = yaml.safe_load((ROOT / "tests" / "fixtures" / "relevance" / "queries.yml").read_text(encoding="utf-8"))["queries"]


def test_the_queries_cover_every_kind_and_are_graded():
    assert len(QUERIES) >= 80 and len({q["q"] for q in QUERIES}) == len(QUERIES)
    kinds = Counter(q["kind"].split("-")[0] for q in QUERIES)
    assert set(kinds) >= {"unit", "person", "number", "award", "movement", "phrase", "abbrev", "variant", "typo"}
    assert sum(q["kind"].endswith("nomarks") for q in QUERIES) >= 5
    seeds = {p.name for p in (ROOT / "data" / "reports").iterdir()}
    real = {p.name for p in (ROOT / "tests" / "fixtures" / "real" / "docs").iterdir()}
    for q in QUERIES:
        assert q["judged"] and max(q["judged"].values()) == 3 and set(q["judged"].values()) <= {1, 2, 3}, q["q"]
        for doc in q["judged"]:
            kind, _, name = doc.partition(":")
            assert (kind == "seed" and name in seeds) or (kind == "real" and name in real) or kind == "synth", doc


def test_the_split_is_the_rule_written_in_the_file():
    for q in QUERIES:
        even = int(hashlib.sha256(q["q"].encode("utf-8")).hexdigest()[:8], 16) % 2 == 0
        assert q["part"] == ("heldout" if even else "tuning"), q["q"]
    assert 0.35 < sum(q["part"] == "heldout" for q in QUERIES) / len(QUERIES) < 0.65
