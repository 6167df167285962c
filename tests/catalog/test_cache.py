"""The catalogue's cache: the same reports and the same problems as parsing, whatever was remembered."""
from __future__ import annotations

import dataclasses
import shutil

import pytest

from tdkt.catalog.load import load_catalog
from tdkt.model import Origin, TextMissing
from tdkt.problems import Problems

from tests.conftest import FIXTURE


def remembered(cache) -> list[str]:
    """The report folders the catalogue's table remembers (one SQLite file: tdkt/engine/store.py's Table)."""
    import sqlite3

    (table,) = cache.rglob("folders.*.sqlite")
    con = sqlite3.connect(table)
    try:
        return sorted(name for (name,) in con.execute("SELECT name FROM entries"))
    finally:
        con.close()


def held(catalog):
    """The catalogue with every report's text held in its record (a cached catalogue reads them when asked):
    what comparing two catalogues compares."""
    reports = tuple(dataclasses.replace(r, text=r.text.get()) for r in catalog.reports)
    return dataclasses.replace(catalog, reports=reports)


def load(data, gazetteer, cache):
    problems = Problems()
    catalog = load_catalog(data, gazetteer, problems, cache_dir=cache)
    return held(catalog), problems.report()


@pytest.fixture
def archive(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    yml = data / "reports" / "2023-tan-viet-bc-ocr" / "report.yml"
    yml.write_text(yml.read_text(encoding="utf-8") + "colour: red\n", encoding="utf-8")  # a warning to remember
    return data


def test_a_cached_load_is_the_parsed_load(archive, gazetteer, tmp_path):
    plain = load(archive, gazetteer, None)
    assert "warning[Y004]" in plain[1]
    first = load(archive, gazetteer, tmp_path / "cache")
    second = load(archive, gazetteer, tmp_path / "cache")  # every report from the cache
    assert remembered(tmp_path / "cache") == ["2023-long-xuyen-hd-bc-1", "2023-tan-viet-bc-ocr", "2024-tp-long-xuyen-kh"]
    # two files: the records, and their texts apart
    assert sorted(p.name for p in (tmp_path / "cache").rglob("*") if p.is_file()) == ["folders.2.sqlite",
                                                                                      "texts.2.sqlite"]
    assert first == plain and second == plain


def test_an_edited_file_is_parsed_again(archive, gazetteer, tmp_path):
    load(archive, gazetteer, tmp_path / "cache")
    text = archive / "reports" / "2024-tp-long-xuyen-kh" / "text.txt"
    text.write_text(text.read_text(encoding="utf-8").replace("\n", " đã sửa\n", 1), encoding="utf-8")
    catalog, _ = load(archive, gazetteer, tmp_path / "cache")
    report = next(r for r in catalog.reports if r.id == "2024-tp-long-xuyen-kh")
    assert "đã sửa" in report.blocks[0].text
    assert (catalog, _) == load(archive, gazetteer, None)


def test_a_changed_vocabulary_is_seen_by_remembered_reports(archive, gazetteer, tmp_path):
    load(archive, gazetteer, tmp_path / "cache")
    movements = archive / "vocab" / "movements.yml"
    text = movements.read_text(encoding="utf-8")
    movements.write_text(text.replace("- id: dan-van-kheo", "- id: dan-van-kheo-moi"), encoding="utf-8")
    cached = load(archive, gazetteer, tmp_path / "cache")
    assert '"dan-van-kheo" is not in vocab/movements.yml' in cached[1]
    assert cached == load(archive, gazetteer, None)


def test_a_removed_report_is_forgotten(archive, gazetteer, tmp_path):
    load(archive, gazetteer, tmp_path / "cache")
    shutil.rmtree(archive / "reports" / "2023-tan-viet-bc-ocr")
    cached = load(archive, gazetteer, tmp_path / "cache")
    assert cached == load(archive, gazetteer, None)
    assert remembered(tmp_path / "cache") == ["2023-long-xuyen-hd-bc-1", "2024-tp-long-xuyen-kh"]


def test_settled_files_are_known_by_their_stat_signature_and_not_read(archive, gazetteer, tmp_path, monkeypatch):
    import pathlib

    from tdkt.engine import fingerprint
    monkeypatch.setattr(fingerprint, "RACY_NS", 0)  # every file counts as settled
    plain = load(archive, gazetteer, None)
    assert load(archive, gazetteer, tmp_path / "cache") == plain
    real = pathlib.Path.read_bytes

    def guarded(self):
        assert archive / "reports" not in self.parents, f"read again: {self}"
        return real(self)

    monkeypatch.setattr(pathlib.Path, "read_bytes", guarded)
    assert load(archive, gazetteer, tmp_path / "cache") == plain  # no report file read (the vocabularies are)


def test_a_same_size_edit_with_its_time_set_back_is_seen(archive, gazetteer, tmp_path, monkeypatch):
    import os

    from tdkt.engine import fingerprint
    monkeypatch.setattr(fingerprint, "RACY_NS", 0)
    load(archive, gazetteer, tmp_path / "cache")
    text = archive / "reports" / "2024-tp-long-xuyen-kh" / "text.txt"
    before = os.stat(text)
    body = text.read_bytes()
    edited = body.replace("khéo".encode(), "khoé".encode(), 1)  # the same number of bytes
    assert edited != body and len(edited) == len(body)
    text.write_bytes(edited)
    os.utime(text, ns=(before.st_atime_ns, before.st_mtime_ns))  # the modification time as it was
    catalog, _ = load(archive, gazetteer, tmp_path / "cache")
    report = next(r for r in catalog.reports if r.id == "2024-tp-long-xuyen-kh")
    assert any("khoé" in b.text for b in report.blocks)
    assert (catalog, _) == load(archive, gazetteer, None)


def _fake_load(folder, problems):
    text = (folder / "x.txt").read_text(encoding="utf-8")
    if text.endswith("7"):
        problems.add(Origin(file=f"{folder.name}/x.txt", line=1), "Y003", "x", f"ends in 7: {text}", "")
    return text.upper()


def test_forked_workers_give_what_one_process_gives(tmp_path):
    from tdkt.catalog.cache import FolderCache, load_folders

    folders = []
    for i in range(150):
        folder = tmp_path / "data" / f"r{i:03d}"
        folder.mkdir(parents=True)
        (folder / "x.txt").write_text(f"report {i}", encoding="utf-8")
        folders.append(folder)
    runs = {}
    for jobs in (1, 2):
        problems = Problems()
        cache = FolderCache(folder=tmp_path / f"cache-{jobs}", context="c")
        runs[jobs] = (load_folders(folders, _fake_load, problems, cache=cache, jobs=jobs), problems.report())
        assert len(remembered(cache.folder)) == 150
    assert runs[1] == runs[2]
    assert runs[2][0][:2] == ["REPORT 0", "REPORT 1"] and runs[2][1].count("Y003") == 15
    problems = Problems()  # and the second time, from the cache the workers wrote
    cache = FolderCache(folder=tmp_path / "cache-2", context="c")
    assert (load_folders(folders, _fake_load, problems, cache=cache, jobs=2), problems.report()) == runs[1]


def test_a_folder_first_known_by_its_bytes_keeps_its_key_once_settled(archive, gazetteer, tmp_path, monkeypatch):
    """A fresh copy (or checkout) is known by its bytes, later by its stat signature: the record's key is the same
    (pages remembered by it are not made again), it is not parsed again, and from then on not read either."""
    import pathlib

    from tdkt.catalog import load as L
    from tdkt.engine import fingerprint

    monkeypatch.setattr(fingerprint, "RACY_NS", 10**18)  # nothing settled: every file known by its bytes
    problems = Problems()
    first = load_catalog(archive, gazetteer, problems, cache_dir=tmp_path / "cache")
    monkeypatch.setattr(fingerprint, "RACY_NS", 0)       # now all settled
    parsed = []
    real = L._load_report
    monkeypatch.setattr(L, "_load_report", lambda folder, *a, **k: parsed.append(folder) or real(folder, *a, **k))
    second = load_catalog(archive, gazetteer, Problems(), cache_dir=tmp_path / "cache")
    assert parsed == [] and second == first and second.record_keys == first.record_keys and len(first.record_keys) == 3
    real_read = pathlib.Path.read_bytes

    def guarded(self):
        assert archive / "reports" not in self.parents, f"read again: {self}"
        return real_read(self)

    monkeypatch.setattr(pathlib.Path, "read_bytes", guarded)
    third = load_catalog(archive, gazetteer, Problems(), cache_dir=tmp_path / "cache")
    assert parsed == [] and third.record_keys == first.record_keys


def _texts_table(cache):
    (table,) = cache.rglob("texts.*.sqlite")
    return table


def test_a_cached_catalogue_holds_metadata_and_reads_each_text_when_asked(archive, gazetteer, tmp_path):
    """What keeps 100,000 reports in a few GB: a record from the cache holds its text's place, not its text."""
    from tdkt.engine.store import dumps
    from tdkt.model import ReportText, StoredText

    plain = {r.id: r for r in load_catalog(archive, gazetteer, Problems()).reports}
    for attempt in ("parsed", "remembered"):
        catalog = load_catalog(archive, gazetteer, Problems(), cache_dir=tmp_path / "cache")
        for r in catalog.reports:
            assert isinstance(r.text, StoredText) and isinstance(plain[r.id].text, ReportText), attempt
            assert r.blocks == plain[r.id].blocks and r.ocr_blocks == plain[r.id].ocr_blocks
            assert r.original_text == plain[r.id].original_text and r.furniture == plain[r.id].furniture
            assert r.has_ocr == bool(plain[r.id].ocr_blocks)
            last = plain[r.id].blocks[-1].text.encode()
            assert last in dumps(plain[r.id]) and last not in dumps(r), r.id  # the record does not carry it


def test_a_text_garbled_or_gone_from_the_cache_is_read_from_its_folder_again(archive, gazetteer, tmp_path):
    import sqlite3

    plain = load(archive, gazetteer, None)
    catalog = load_catalog(archive, gazetteer, Problems(), cache_dir=tmp_path / "cache")
    con = sqlite3.connect(_texts_table(tmp_path / "cache"))
    con.execute("UPDATE entries SET payload = CAST(zeroblob(40) AS BLOB)")  # every text garbled: seals fail
    con.commit()
    con.close()
    assert held(catalog) == plain[0]
    _texts_table(tmp_path / "cache").unlink()  # gone: the next load parses the folders again and keeps them
    catalog = load_catalog(archive, gazetteer, Problems(), cache_dir=tmp_path / "cache")
    assert held(catalog) == plain[0] and _texts_table(tmp_path / "cache").stat().st_size > 0


def test_a_text_gone_whose_folder_changed_meanwhile_is_an_error_that_says_so(archive, gazetteer, tmp_path):
    import sqlite3

    catalog = load_catalog(archive, gazetteer, Problems(), cache_dir=tmp_path / "cache")
    con = sqlite3.connect(_texts_table(tmp_path / "cache"))
    con.execute("DELETE FROM entries")
    con.commit()
    con.close()
    text = archive / "reports" / "2024-tp-long-xuyen-kh" / "text.txt"
    text.write_text(text.read_text(encoding="utf-8") + "\nThêm một đoạn.\n", encoding="utf-8")
    report = next(r for r in catalog.reports if r.id == "2024-tp-long-xuyen-kh")
    report.text.fetch.__self__._recent.clear()  # the exemplars' check read it while loading: forget it
    with pytest.raises(TextMissing, match="2024-tp-long-xuyen-kh .* changed during the build: build again"):
        report.blocks


def test_texts_the_cache_cannot_keep_are_held_in_memory(archive, gazetteer, tmp_path, monkeypatch):
    from tdkt.engine import store
    from tdkt.model import ReportText

    real = store.TableWriter.put

    def full_disk(self, name, key, payload, tag=""):
        if self.table.name == "texts":
            self.table.store.failed.append(self.table.path.name)
            return
        real(self, name, key, payload, tag)

    monkeypatch.setattr(store.TableWriter, "put", full_disk)
    catalog = load_catalog(archive, gazetteer, Problems(), cache_dir=tmp_path / "cache")
    assert all(isinstance(r.text, ReportText) for r in catalog.reports)
    assert held(catalog) == load(archive, gazetteer, None)[0]
