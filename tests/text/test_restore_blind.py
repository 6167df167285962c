"""The restoration's blind set (scripts/restore_blind.py): the real corpus's held-out documents, never in
the model, rendered and read by OCR; and the rule that keeps them out of the model
(scripts/build_restore_model.py)."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _script(name: str):
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        return mod
    finally:
        sys.path.remove(str(ROOT / "scripts"))


def test_the_model_reads_no_held_out_document_and_every_slice_s_official_rows():
    build = _script("build_restore_model")
    held = build.real_held_out()
    docs = build.real_model_docs()
    assert held and docs
    assert not set(docs) & held
    assert all(d[0] in "abcde" for d in docs)  # slice f (being added) never
    kinds = build.real_kinds()
    # both row styles of SOURCES-*.md: '| a-001 | url | official |' and slice b's '- b-001 | url | official |'
    assert kinds["a-001"] == "official" and kinds["b-001"] == "official" and kinds["c-001"] == "news"
    assert any(d.startswith("b-") for d in docs) and any(d.startswith("e-") for d in docs)
    assert {"e-015", "e-021", "b-004"} <= held  # held-out official documents of slices b and e
    assert all(kinds[d] == "official" for d in docs)  # news excerpts are kept for testing only


def test_the_blind_set_is_the_held_out_documents():
    blind = _script("restore_blind")
    build = _script("build_restore_model")
    ids = blind.held_out_ids()
    assert set(ids) == {d for d in build.real_held_out() if d[0] in "abcde"}
    assert len(ids) >= 85


def test_blind_accuracy():
    """Floors a little under the figures of docs/restore.md (scripts/measure_restore.py --only blind)."""
    spec = importlib.util.spec_from_file_location("measure_restore", ROOT / "scripts" / "measure_restore.py")
    m = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(m)
    _, results = m.blind_table()
    r, t, base = results["tess"]
    assert t >= 15000 and r / t >= 0.93 and base / t < 0.2, f"blind, Tesseract eng {r / t:.3f}"
    r, t, base = results["others"]
    assert t >= 25000 and r / t >= 0.88 and base / t < 0.3, f"blind, other engines {r / t:.3f}"


def test_the_validation_set_is_tuning_part_news_never_held_out_nor_in_the_model():
    val = _script("restore_validation")
    build = _script("build_restore_model")
    news = build.real_model_docs(("news",))
    assert news and not set(news) & build.real_held_out()
    assert not set(news) & set(build.real_model_docs())
    lines = set(val.validation_lines())
    assert lines and not lines & set(build.real_official_lines())


def test_case_counts_count_capitals_inside_a_sentence_only():
    build = _script("build_restore_model")
    index = {"nam": 0, "năm": 1, "việt": 2}
    got = build.case_counts(["Việt Nam năm nay. Nam về", "VIỆT NAM NĂM"], index)
    assert got == {"0": [1, 1], "1": [0, 1]}  # 'Nam' after a dot and the capitals line say nothing
