"""The search index's cache and worker processes change nothing but the time: after an edit, an
insertion, a removal, or with damaged cache files, a cached build gives byte for byte the files of a
fresh build, and analyses only the reports whose text changed."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tdkt.search import lunr_build

from tdkt.search import index as search

from tdkt.search import cache as search_cache

from tdkt.engine import pool
from tdkt.catalog.load import load_catalog
from tdkt.problems import Problems
from tdkt.synth.archive import write_archive

from tests.conftest import ROOT


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory, gazetteer) -> Path:
    out = tmp_path_factory.mktemp("search-cache") / "archive"
    write_archive(out, 40, 5, ROOT / "data", gazetteer)
    return out


@pytest.fixture
def archive(synthetic, tmp_path) -> Path:
    """A copy of the synthetic archive, to edit."""
    return Path(shutil.copytree(synthetic, tmp_path / "archive"))


@pytest.fixture
def small_runs(monkeypatch):
    monkeypatch.setattr(search, "RUN_AVERAGE", 2)  # twenty runs or so of forty reports (cut by hash: never < 5)


@pytest.fixture
def analysed(monkeypatch) -> list[str]:
    """The texts analysed in this process (in-process builds: fewer than PARALLEL_FROM reports)."""
    texts: list[str] = []
    real = search.analyse

    def counting(text, *rest):
        texts.append(text)
        return real(text, *rest)

    monkeypatch.setattr(search, "analyse", counting)
    return texts


def catalog_of(folder: Path, gazetteer):
    problems = Problems()
    catalog = load_catalog(folder, gazetteer, problems)
    assert not problems.has_errors(), problems.report()
    return catalog


def build(catalog, cache: Path | None = None) -> dict[str, bytes]:
    pairs = list(search.search_files(catalog, cache_dir=cache))
    files = dict(pairs)
    assert len(files) == len(pairs)  # every path once
    return files


def edit(folder: Path, words: str) -> str:
    """Append a paragraph to one report's text; return the report's id."""
    report = sorted((folder / "reports").iterdir())[17]
    text = report / "text.txt"
    text.write_text(text.read_text(encoding="utf-8") + f"\n\n{words}\n", encoding="utf-8")
    return report.name


def runs_on_disk(cache: Path) -> set[str]:
    return {p.name for p in (cache / "runs").iterdir()}


def test_a_rebuild_after_an_edit_analyses_that_report_only(archive, tmp_path, gazetteer, small_runs, analysed):
    cache = tmp_path / "cache"
    before = catalog_of(archive, gazetteer)
    fresh = build(before)
    analysed.clear()
    assert build(before, cache) == fresh  # cold cache
    assert len(analysed) == 40
    analysed.clear()
    assert build(before, cache) == fresh  # warm: nothing analysed
    assert analysed == []

    edit(archive, "Phong trào thi đua xanh hoá đô thị, khen thưởng đột xuất")
    after = catalog_of(archive, gazetteer)
    analysed.clear()
    cached = build(after, cache)
    assert len(analysed) == 1 and "xanh hoá đô thị" in analysed[0]
    assert cached == build(after)  # the same bytes as without the cache
    changed = {path for path in fresh if fresh[path] != cached[path]}
    assert any(path.startswith("tim-kiem/chi-muc/t/") for path in changed)  # the new words are found
    assert b'"xanh_hoa"' in b"".join(cached[p] for p in changed)
    runs = search.plan(search.ordered_reports(after), search_cache.run_cache(cache, search.FIELDS))
    assert len(runs) > 4 and runs_on_disk(cache) == {f"{run.key}.run" for run in runs}  # the old run: removed


def test_inserted_and_removed_reports(archive, tmp_path, gazetteer, small_runs, analysed):
    cache = tmp_path / "cache"
    build(catalog_of(archive, gazetteer), cache)
    folders = sorted((archive / "reports").iterdir())
    shutil.rmtree(folders[3])
    shutil.rmtree(folders[30])
    copy = folders[10].with_name(folders[10].name + "-ban-sao")
    shutil.copytree(folders[10], copy)
    text = (copy / "text.txt").read_text(encoding="utf-8")
    (copy / "text.txt").write_text(text + "\n\nKhen thưởng đột xuất cho tổ dân phố.\n", encoding="utf-8")
    after = catalog_of(archive, gazetteer)
    analysed.clear()
    cached = build(after, cache)
    assert len(analysed) == 1 and "tổ dân phố" in analysed[0]
    assert cached == build(after)
    runs = search.plan(search.ordered_reports(after), search_cache.run_cache(cache, search.FIELDS))
    assert runs_on_disk(cache) == {f"{run.key}.run" for run in runs}


def test_damaged_and_foreign_cache_files_are_not_used(archive, tmp_path, gazetteer, small_runs, analysed):
    cache = tmp_path / "cache"
    catalog = catalog_of(archive, gazetteer)
    fresh = build(catalog, cache)
    files = sorted((cache / "runs").iterdir())
    data = bytearray(files[0].read_bytes())
    data[len(data) // 2] ^= 0xFF  # one flipped bit: the checksum fails
    files[0].write_bytes(bytes(data))
    files[1].write_bytes(files[1].read_bytes()[:-10])  # truncated
    files[2].write_bytes(b"not a run")
    (cache / "runs" / "stray.tmp").write_bytes(b"left by a killed build")
    analysed.clear()
    assert build(catalog, cache) == fresh
    assert 0 < len(analysed) < 40  # the three damaged runs only
    runs = search.plan(search.ordered_reports(catalog), search_cache.run_cache(cache, search.FIELDS))
    assert runs_on_disk(cache) == {f"{run.key}.run" for run in runs}
    assert search_cache.load_run(search_cache.run_cache(cache, search.FIELDS), files[0].stem, len(search.FIELDS)) \
        is not None  # written again


def test_a_cache_that_cannot_be_written_is_only_slower(archive, tmp_path, gazetteer, small_runs, analysed):
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "runs").write_text("a file where the cache wants a folder")
    catalog = catalog_of(archive, gazetteer)
    assert build(catalog, cache) == build(catalog)
    analysed.clear()
    assert build(catalog, cache) == build(catalog)
    assert len(analysed) == 80  # nothing remembered, nothing broken


def test_the_cache_is_keyed_by_the_code(archive, tmp_path, gazetteer, small_runs, analysed, monkeypatch):
    cache = tmp_path / "cache"
    catalog = catalog_of(archive, gazetteer)
    fresh = build(catalog, cache)
    monkeypatch.setattr(search_cache, "CACHE_FORMAT", b"tdkt search run 0\n")  # as if the analysis had changed
    analysed.clear()
    assert build(catalog, cache) == fresh
    assert len(analysed) == 40


def test_worker_processes_give_the_same_bytes(archive, tmp_path, gazetteer, small_runs, monkeypatch):
    catalog = catalog_of(archive, gazetteer)
    fresh = build(catalog)
    monkeypatch.setattr(search, "PARALLEL_FROM", 1)  # workers from the first report
    started = []
    real = pool.Fresh.__init__

    def counting(self, count, handler):
        started.append(count)
        real(self, count, handler)

    monkeypatch.setattr(pool.Fresh, "__init__", counting)
    assert build(catalog) == fresh  # analysed by workers
    assert build(catalog, tmp_path / "cache") == fresh  # analysed by workers, stored
    assert build(catalog, tmp_path / "cache") == fresh  # loaded; merged by a worker while the side files are made
    assert started and 1 in started and max(started) > 1
    edit(archive, "Thêm một câu")
    after = catalog_of(archive, gazetteer)
    assert build(after, tmp_path / "cache") == build(after)


def test_a_worker_failure_is_raised(archive, gazetteer, small_runs, monkeypatch):
    catalog = catalog_of(archive, gazetteer)
    monkeypatch.setattr(search, "PARALLEL_FROM", 1)
    monkeypatch.setattr(search, "_task", lambda *args: "not a task")  # the worker cannot use it
    with pytest.raises(RuntimeError, match="worker failed"):
        build(catalog)


def test_an_empty_catalogue(fixture_catalog, tmp_path):
    import dataclasses

    empty = dataclasses.replace(fixture_catalog, reports=type(fixture_catalog.reports)())
    files = build(empty, tmp_path / "cache")
    assert files["tim-kiem/chi-muc/manifest.json"] == b'{"version":1,"fields":["words","exact","pairs","meta","number"],"docs":0,' \
                                                     b'"chunk":50,"shards":[]}'
    assert not any(path.startswith("tim-kiem/chi-muc/t/") for path in files)


def test_run_files_round_trip_and_refuse_other_bytes(fixture_catalog):
    docs = [search.analyse(*search.analysis_input(r)) for r in search.ordered_reports(fixture_catalog)]
    postings = lunr_build.compact(lunr_build.collect(docs, len(search.FIELDS)))
    keys = [f"{n:040x}" for n in range(postings.count)]
    data = search_cache.encode_run(keys, postings)
    back = search_cache.decode_run(data, len(search.FIELDS))
    assert back.terms == postings.terms and back.count == postings.count
    assert all((a.starts == b.starts).all() and (a.docs == b.docs).all() and (a.tfs == b.tfs).all()
               and (a.lengths == b.lengths).all() for a, b in zip(back.fields, postings.fields))
    assert search_cache.run_keys(data) == set(keys)
    assert [dict(zip(f.terms, f.counts)) for d in lunr_build.split_docs(back) for f in d] == \
        [dict(zip(f.terms, f.counts)) for d in docs for f in d]
    for damaged in (data[:-1], data[:40], data[:100] + b"x" + data[101:], b"", b"tdkt search run 1\n" + b"\0" * 30):
        assert search_cache.decode_run(damaged, len(search.FIELDS)) is None
