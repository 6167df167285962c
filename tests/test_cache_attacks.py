"""Caches attacked (issue 16, item 6): an edited, garbled or foreign cache entry is a miss, never published and never
the end of a build; a pickle in a cache cannot run code, even one sealed with the right secret.

Every case builds the fixture archive with a cache, attacks the cache as a hostile or careless person would, builds
again and compares the site with a build of the same archive that remembers nothing (tdkt/engine/store.py: seals
keyed by a secret kept outside the cache; tdkt/catalog/cache.py: the catalogue's records in one sealed table)."""
from __future__ import annotations

import os
import pickle
import shutil
import sqlite3
from pathlib import Path

import pytest

from tdkt.cli import main
from tdkt.engine import store as S

from .conftest import FIXTURE

pytestmark = pytest.mark.slow

ONE = "2023-long-xuyen-hd-bc-1"
SIGNER, FORGED = "Nguyễn Văn A", "Nguyễn Văn B"  # the same length in UTF-8
MARKER = Path("/tmp/tdkt-cache-attack-ran")


@pytest.fixture(autouse=True)
def own_secret(tmp_path, monkeypatch):
    """A secret of the test's own; files count as settled at once (as they do 2 s later), so that the second build
    takes every report from the cache when nothing is attacked."""
    from tdkt.engine import fingerprint

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.delenv(S.KEY_ENV, raising=False)
    monkeypatch.setattr(fingerprint, "RACY_NS", 0)


@pytest.fixture
def data(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    return data


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def build(data: Path, base: Path, name: str = "site", cache: str = "cache") -> None:
    assert main(["build", "--data", str(data), "--out", str(base / name), "--docs", str(base / f"{name}-src"),
                 "--cache", str(base / cache)]) == 0


def as_fresh(data: Path, base: Path) -> None:
    """The site is what a build that remembers nothing makes of the same archive."""
    build(data, base, "fresh", "fresh-cache")
    assert tree(base / "site") == tree(base / "fresh")
    assert tree(base / "site-src") == tree(base / "fresh-src")


def forged_in(base: Path) -> list[str]:
    """The files of the site that show the forged signer's name."""
    return [path for path, body in tree(base / "site").items() if FORGED.encode() in body]


def catalogue_table(base: Path) -> Path:
    (table,) = (base / "cache").rglob("folders.*.sqlite")
    return table


def edit_row(data: Path, base: Path, name: str, edit, seal_key: bytes | None) -> None:
    """Change row ``name`` of the catalogue's table: its payload by ``edit``, sealed again as one holding
    ``seal_key`` would (None: the seal left as it was)."""
    context = catalogue_context(data, base)
    con = sqlite3.connect(catalogue_table(base))
    try:
        key, tag, seal, payload = con.execute("SELECT key, tag, seal, payload FROM entries WHERE name = ?",
                                              (name,)).fetchone()
        payload = edit(payload)
        if seal_key is not None:
            seal = S.Table(S.Store(folder=base, context=context, key=seal_key), "folders").seal(name, key, tag, payload)
        con.execute("UPDATE entries SET payload = ?, seal = ? WHERE name = ?", (payload, seal, name))
        con.commit()
    finally:
        con.close()


def catalogue_context(data: Path, base: Path) -> str:
    """The catalogue store's context, as the build computes it (the code, the vocabularies, the gazetteer)."""
    from tdkt.catalog import cache as C
    from tdkt.catalog.gazetteer import load_gazetteer
    from tdkt.catalog.load import load_catalog
    from tdkt.problems import Problems

    seen = []

    class Spy(C.Table):
        def __init__(self, store, name):
            seen.append(store)
            super().__init__(store, name)

    real, C.Table = C.Table, Spy
    try:
        load_catalog(data, load_gazetteer(), Problems(), cache_dir=base / "spy-cache")
    finally:
        C.Table = real
    return seen[0].context


def same_length(old: str, new: str):
    def edit(payload: bytes) -> bytes:
        assert old.encode() in payload and len(old.encode()) == len(new.encode())
        return payload.replace(old.encode(), new.encode())
    return edit


# ------------------------------------------------------------------ a same-length edit inside an entry

def test_a_same_length_edit_resealed_without_the_secret_is_not_published(data, tmp_path):
    build(data, tmp_path)
    # the attack of the issue: the signer's name changed in place, the unkeyed digest an attacker can compute put back
    edit_row(data, tmp_path, ONE, same_length(SIGNER, FORGED), seal_key=b"")
    build(data, tmp_path)
    assert forged_in(tmp_path) == []
    as_fresh(data, tmp_path)


def test_the_edit_would_be_published_if_its_seal_held(data, tmp_path):
    """What the secret guards: the same edit sealed with the secret itself is believed (whoever holds the secret,
    the one who builds, is trusted); so the case above fails if seals are not checked."""
    build(data, tmp_path)
    edit_row(data, tmp_path, ONE, same_length(SIGNER, FORGED), seal_key=S.secret())
    build(data, tmp_path)
    assert forged_in(tmp_path) != []


def test_a_cache_restored_from_another_machine_is_not_believed(data, tmp_path, monkeypatch):
    monkeypatch.setenv(S.KEY_ENV, "the other machine's secret")
    build(data, tmp_path)
    edit_row(data, tmp_path, ONE, same_length(SIGNER, FORGED), seal_key=S.secret())  # sealed over there
    monkeypatch.setenv(S.KEY_ENV, "this machine's secret")
    build(data, tmp_path)
    assert forged_in(tmp_path) == []
    as_fresh(data, tmp_path)


# ------------------------------------------------------------------ one garbled byte

def _cache_files(base: Path) -> dict[str, Path]:
    files = {p.parent.parent.name if p.parent.parent != base / "cache" else p.parent.name: p
             for p in (base / "cache").rglob("*") if p.is_file()}
    return files


@pytest.mark.parametrize("where", [0, 1 / 2, -100])
@pytest.mark.parametrize("which", ["catalog", "pages", "render", "search"])
def test_one_garbled_byte_in_any_cache_is_a_miss_and_the_cache_recovers(data, tmp_path, which, where):
    build(data, tmp_path)
    files = _cache_files(tmp_path)
    assert set(files) >= {"catalog", "pages", "render", "search"}, files
    path = files[which]
    body = bytearray(path.read_bytes())
    at = int(len(body) * where) if isinstance(where, float) else (where % len(body))
    body[at] ^= 0x5A
    path.write_bytes(bytes(body))
    build(data, tmp_path)
    as_fresh(data, tmp_path)
    if which == "catalog":  # made again: the table is whole and used
        con = sqlite3.connect(catalogue_table(tmp_path))
        try:
            assert con.execute("SELECT count(*) FROM entries").fetchone()[0] == 3
        finally:
            con.close()


def test_a_cache_file_that_is_not_a_database_is_replaced(data, tmp_path):
    build(data, tmp_path)
    catalogue_table(tmp_path).write_bytes(b"not a database at all" * 100)
    build(data, tmp_path)
    as_fresh(data, tmp_path)


# ------------------------------------------------------------------ a pickle that would run code

class _Evil:
    def __reduce__(self):
        return (os.system, (f"touch {MARKER}",))


def test_a_sealed_pickle_that_would_run_code_does_not_run(data, tmp_path):
    """Even sealed with the secret (a cache restored with its key from an untrusted place), nothing is run."""
    MARKER.unlink(missing_ok=True)
    build(data, tmp_path)
    evil = pickle.dumps(("key", (_Evil(), ())))
    edit_row(data, tmp_path, ONE, lambda _: evil, seal_key=S.secret())
    for which, path in _cache_files(tmp_path).items():  # every entry file of every store, sealed as its store would
        if which == "catalog" or not path.read_bytes().startswith(S.MAGIC):
            continue
        context = path.read_bytes()[len(S.MAGIC):len(S.MAGIC) + 40].decode()
        S.Store(folder=path.parent, context=context, key=S.secret()).write(path.name, pickle.dumps(_Evil()))
    build(data, tmp_path)
    assert not MARKER.exists()
    as_fresh(data, tmp_path)
    assert not MARKER.exists()
