"""Synthetic archives (tdkt.synth.archive): deterministic, valid, realistic, and careful with existing folders."""
from __future__ import annotations

import random
import re
import statistics
from collections import Counter

import pytest

from tdkt.catalog.load import load_catalog
from tdkt.cli import main
from tdkt.text.collate import fold, is_slug
from tdkt.model import BlockKind, Era, Level, REORGANISATION, TextQuality
from tdkt.text.normalise import normalise
from tdkt.problems import Problems
from tdkt.synth.archive import MARKER, WIDTHS, SynthRefused, load_material, make_report, write_archive

from tests.conftest import ROOT

DATA = ROOT / "data"
N = 160


@pytest.fixture(scope="module")
def material(gazetteer):
    return load_material(DATA, gazetteer)


@pytest.fixture(scope="module")
def archive(tmp_path_factory, gazetteer):
    out = tmp_path_factory.mktemp("synth") / "archive"
    stats = write_archive(out, N, 7, DATA, gazetteer)
    assert stats["reports"] == N
    return out


@pytest.fixture(scope="module")
def catalog(archive, gazetteer):
    problems = Problems()
    catalog = load_catalog(archive, gazetteer, problems)
    assert not len(problems), problems.report()  # no errors and no warnings
    return catalog


def _files(root):
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_same_seed_gives_the_same_bytes_and_another_seed_other_bytes(tmp_path, gazetteer):
    for name, seed in (("a", 3), ("b", 3), ("c", 4)):
        write_archive(tmp_path / name, 30, seed, DATA, gazetteer)
    a, b, c = (_files(tmp_path / name) for name in "abc")
    assert a.keys() == b.keys() and all(a[k] == b[k] for k in a)
    originals = lambda files: {v for k, v in files.items() if k.endswith("/original.txt")}  # noqa: E731
    assert len(originals(a)) == len(originals(c)) == 30 and not originals(a) & originals(c)
    assert {k: v for k, v in a.items() if k.startswith("vocab/")} == {
        f"vocab/{p.name}": p.read_bytes() for p in (DATA / "vocab").glob("*.yml")}


def test_make_report_is_pure(material):
    one, two = (make_report(material, 5, random.Random(11)) for _ in range(2))
    assert one == two and one.files["original.txt"] != make_report(material, 5, random.Random(12)).files["original.txt"]


def test_the_catalogue_accepts_the_archive(catalog, archive, capsys):
    assert len(catalog.reports) == N
    assert main(["check", "--strict", "--data", str(archive)]) == 0
    assert f"Dữ liệu hợp lệ: {N} báo cáo." in capsys.readouterr().out
    assert all(is_slug(r.id) and re.fullmatch(r"20\d\d-[a-z0-9-]+-(bc|kh)-\d+", r.id) for r in catalog.reports)


def test_text_is_what_normalising_the_original_gives(archive, catalog):
    signatures = {r.id: r.signatures for r in catalog.reports}
    for folder in sorted((archive / "reports").iterdir()):
        result = normalise((folder / "original.txt").read_text(encoding="utf-8"))
        assert (folder / "text.txt").read_text(encoding="utf-8") == result.text, folder.name
        furniture = folder / "furniture.txt"
        assert (furniture.read_text(encoding="utf-8").splitlines() if furniture.exists() else []) == \
            list(result.furniture), folder.name
        assert signatures[folder.name] == result.signatures, folder.name


def test_every_sample_block_rejoins_at_every_width(material):
    """The wraps precomputed for the samples' blocks: normalise joins each back, single- or double-spaced."""
    pieces = [p for table in (material.sec2, material.sec3) for sections in table.values() for s in sections
              for p in (s.title, *s.pieces)]
    assert len(pieces) > 200
    for piece in pieces:
        text = " ".join(piece.words) + "\n"
        for width in WIDTHS:
            lines = [" ".join(piece.words[a:b]) for a, b in piece.lines[width]]
            for gap in ("\n", "\n\n"):
                assert normalise(gap.join(lines)).text == text, (width, gap, lines)


def test_the_archive_looks_like_the_samples(catalog):
    reports = catalog.reports
    sizes = sorted(len("\n\n".join(b.text for b in r.blocks).encode()) for r in reports)
    assert 6_500 <= sizes[0] and sizes[-1] <= 37_000 and 11_000 <= statistics.median(sizes) <= 20_000
    ocr = sum(r.text_quality is TextQuality.OCR for r in reports) / len(reports)
    assert 0.3 <= ocr <= 0.5
    levels = Counter(r.unit.level for r in reports)
    assert levels[Level.COMMUNE] >= 0.7 * len(reports) and levels[Level.DISTRICT] >= 5
    assert len({r.unit.province_id for r in reports}) >= 30
    assert len({r.year for r in reports}) >= 10 and all(2015 <= r.year <= 2026 for r in reports)
    assert {r.unit.era for r in reports} == {Era.BEFORE_2025, Era.FROM_2025}
    for r in reports:
        when = r.issued.as_date() if r.issued else None
        assert when is None or (r.unit.era is Era.FROM_2025) == (when >= REORGANISATION)
    assert Counter(r.doc_type.id for r in reports).keys() == {"bao-cao", "ke-hoach"}
    assert Counter(r.period.span.value for r in reports).keys() == {"year", "first-half"}
    assert any(r.doc_number.startswith("/") for r in reports) and any(r.doc_number[:1].isdigit() for r in reports)
    assert any(r.issued and r.issued.day is None for r in reports) and any(r.issued is None for r in reports)
    assert any(r.furniture for r in reports) and any(r.signatures for r in reports)
    assert all(1 <= len(r.movements) <= 6 for r in reports) and len({m.id for r in reports for m in r.movements}) >= 15


def test_texts_have_the_structure_movements_and_awards_of_a_report(catalog):
    award = re.compile(r"tặng (Giấy|Bằng) khen cho \d+ (tập thể|cá nhân)")
    for r in catalog.reports:
        text = " ".join(b.text for b in r.blocks)
        ranks = {b.rank for b in r.blocks if b.kind is BlockKind.HEADING}
        assert {2, 3} <= ranks and any(b.kind is BlockKind.LIST_ITEM for b in r.blocks), r.id
        for movement in r.movements:  # OCR reports print the names without their marks
            assert (movement.name in text) if r.text_quality is TextQuality.CLEAN else fold(movement.name) in fold(text)
        if r.text_quality is TextQuality.CLEAN:
            assert award.search(text) and r.title in text and "Số:" in text or r.issued is None, r.id
            assert ("BÁO CÁO" if r.doc_type.id == "bao-cao" else "KẾ HOẠCH") in text, r.id
    assert sum(any(b.rank == 1 for b in r.blocks) for r in catalog.reports) >= 10


def test_award_records_cite_the_paragraph_that_states_them(catalog):
    """Every generated award sentence with a form has records (reviewed: no) citing its own paragraph."""
    assert all(r.awards for r in catalog.reports)
    for r in catalog.reports:
        blocks = {b.number: b.text for b in r.blocks}
        for a in r.awards:
            assert not a.reviewed
            text = blocks[a.block]
            if r.text_quality is TextQuality.CLEAN:
                if a.names:  # one named collective: the count is the name
                    assert a.count == 1 and all(text.startswith(n) for n in a.names), (r.id, text)
                else:
                    assert re.search(rf"(?<!\d)0?{a.count}(?!\d)", text), (r.id, a.block, a.count, text)
                assert not a.authority or a.authority in text, (r.id, a.authority, text)
            else:  # OCR damage may misread digits, never the paragraph
                assert "khen" in fold(text) or "danh hieu" in fold(text), (r.id, text)


def test_some_clean_reports_give_published_exemplars_that_quote_them(catalog):
    assert 3 <= len(catalog.exemplars) < len(catalog.reports)
    reports = {r.id: r for r in catalog.reports}
    for e in catalog.exemplars:
        assert reports[e.report_id].text_quality is TextQuality.CLEAN and e.status.value == "published"
        assert e.quote.startswith(e.name)  # the catalogue has checked the quote is in paragraph e.block


def test_refuses_a_folder_that_is_not_a_synthetic_archive(tmp_path, gazetteer, capsys):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("keep me", encoding="utf-8")
    assert main(["synth", "--reports", "3", "--out", str(folder)]) == 2
    assert "refusing to write into it" in capsys.readouterr().err
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]
    with pytest.raises(SynthRefused):
        write_archive(folder / "notes.txt", 3, 1, DATA, gazetteer)
    assert main(["synth", "--out", str(tmp_path / "new")]) == 2  # --reports is required
    assert main(["synth", "--reports", "3"]) == 2  # --out is required (not site/)


def test_replaces_a_previous_synthetic_archive(tmp_path, gazetteer):
    out = tmp_path / "synth"
    write_archive(out, 6, 1, DATA, gazetteer)
    write_archive(out, 4, 2, DATA, gazetteer)
    assert len(list((out / "reports").iterdir())) == 4 and (out / MARKER).read_text().endswith("reports=4 seed=2\n")
    (out / "other.txt").write_text("", encoding="utf-8")
    with pytest.raises(SynthRefused):
        write_archive(out, 4, 2, DATA, gazetteer)


@pytest.mark.slow
def test_a_synthetic_archive_builds(tmp_path, capsys):
    data, site, docs = tmp_path / "data", tmp_path / "site", tmp_path / "src"
    assert main(["synth", "--reports", "20", "--out", str(data), "--seed", "5"]) == 0
    assert "Đã tạo 20 báo cáo tổng hợp" in capsys.readouterr().out
    assert main(["build", "--data", str(data), "--out", str(site), "--docs", str(docs)]) == 0
    for report in (data / "reports").iterdir():
        assert (site / "bao-cao" / report.name / "index.html").is_file()
        assert (site / "bao-cao" / report.name / "ban-goc.txt").read_bytes() == (report / "original.txt").read_bytes()
