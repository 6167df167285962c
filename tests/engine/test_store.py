"""The one cache store: entries used only when exactly what this context wrote; writes never stop a build;
pickles that cannot run code; the code's fingerprint found recursively."""
from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from tdkt.engine import store as S
from tdkt.engine.fingerprint import code_of
from tdkt.model import Origin


def test_an_entry_round_trips(tmp_path):
    s = S.open_store(tmp_path, "x", 1, "context")
    assert s.write("a.bin", b"payload") and s.read("a.bin") == b"payload"
    assert s.names() == ["a.bin"] and s.failed == []


def test_none_means_no_cache():
    assert S.open_store(None, "x", 1) is None


@pytest.mark.parametrize("damage", [
    lambda b: b[:-1],                                   # truncated
    lambda b: b[:-3] + bytes([b[-3] ^ 1]) + b[-2:],     # one bit of the payload
    lambda b: b[:20] + bytes([b[20] ^ 1]) + b[21:],     # one bit of the header
    lambda b: b"",                                      # empty
    lambda b: b"not ours at all",
])
def test_a_damaged_entry_is_a_miss_not_an_error(tmp_path, damage):
    s = S.open_store(tmp_path, "x", 1)
    s.write("a.bin", b"the payload, long enough to damage")
    path = s.path("a.bin")
    path.write_bytes(damage(path.read_bytes()))
    assert s.read("a.bin") is None


def test_another_context_or_format_is_a_miss(tmp_path):
    S.open_store(tmp_path, "x", 1, "a").write("e", b"v")
    assert S.open_store(tmp_path, "x", 1, "b").read("e") is None
    assert S.open_store(tmp_path, "x", 2, "a").read("e") is None
    assert S.open_store(tmp_path, "x", 1, "a").read("e") == b"v"


def test_a_write_that_fails_is_skipped_and_noted(tmp_path):
    (tmp_path / "x").write_text("a file where the store wants a folder")
    s = S.open_store(tmp_path, "x", 1)
    assert s.write("e", b"v") is False and s.failed == ["e"]
    assert s.read("e") is None
    s.touch()
    s.prune(())  # neither raises
    assert not any(p.name.endswith(".tmp") for p in tmp_path.iterdir())


def test_unsafe_names_are_never_files(tmp_path):
    s = S.open_store(tmp_path, "x", 1)
    assert s.write("../escape", b"v") is False and not (tmp_path / "escape").exists()
    assert s.read("../escape") is None


def test_entry_names_fit_any_file_system():
    assert S.entry_name("2023-ha-trung-bc", ".pickle") == "2023-ha-trung-bc.pickle"
    long = S.entry_name("a" * 300, ".pickle")
    assert len(long.encode()) < 64 and long.endswith(".pickle") and long != S.entry_name("a" * 301, ".pickle")
    assert "/" not in S.entry_name("ý/..", ".x")


def test_prune_keeps_what_it_is_told_and_removes_leftovers(tmp_path):
    s = S.open_store(tmp_path, "x", 1)
    for name in ("a", "b", "c"):
        s.write(name, b"v")
    (s.folder / ".a.123.tmp").write_bytes(b"left by a killed build")
    s.prune({"a"})
    assert sorted(p.name for p in s.folder.iterdir()) == ["a"]


def test_keep_recent_keeps_the_most_recently_used_stores(tmp_path):
    for n in range(5):
        s = S.Store(folder=tmp_path / f"archive-{n}", context="c" * 40)
        s.write("e", b"v")
        os.utime(s.folder, ns=(n * 10**9, n * 10**9))
    S.keep_recent(tmp_path, 2)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["archive-3", "archive-4"]


class _Evil:
    def __reduce__(self):
        return (os.system, ("touch /tmp/tdkt-store-pwned",))


def test_a_pickle_that_would_run_code_is_refused(tmp_path):
    marker = Path("/tmp/tdkt-store-pwned")
    marker.unlink(missing_ok=True)
    assert S.loads(pickle.dumps(_Evil())) is None
    assert S.loads(pickle.dumps((1, [_Evil()]))) is None
    assert not marker.exists()


def test_only_our_records_and_trusted_rebuilders_load():
    origin = Origin(file="data/reports/x/report.yml", line=3)
    assert S.loads(S.dumps({"k": (origin, frozenset({1}), b"x")})) == {"k": (origin, frozenset({1}), b"x")}
    from tdkt.engine import sync

    class Call:  # a pickle calling one of our functions that is not a record's rebuilder
        def __reduce__(self):
            return (sync.check_path, ("x",))

    assert S.loads(pickle.dumps(Call())) is None


def test_the_code_fingerprint_sees_modules_in_sub_packages(tmp_path):
    package = tmp_path / "pkg"
    (package / "stage").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "stage" / "mod.py").write_text("X = 1\n")
    first = code_of(package)
    (package / "stage" / "mod.py").write_text("X = 2\n")
    assert code_of(package) != first
    (package / "stage" / "mod.py").write_text("X = 1\n")
    assert code_of(package) == first
    (package / "stage" / "data.json.gz").write_bytes(b"\0")
    assert code_of(package) != first


# ------------------------------------------------------------------ seals keyed by a secret outside the cache

@pytest.fixture
def state(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.delenv(S.KEY_ENV, raising=False)
    return tmp_path / "state" / "tdkt" / "cache.key"


def test_the_secret_is_made_once_outside_the_cache_and_kept_private(tmp_path, state, monkeypatch):
    first = S.secret()
    assert state.read_bytes() == first and len(first) == 32 and state.stat().st_mode & 0o077 == 0
    assert S.secret() == first
    monkeypatch.setenv(S.KEY_ENV, "a secret of the CI")
    assert S.secret() not in (first, b"") and S.secret() == S.secret()


def test_an_entry_edited_and_its_unkeyed_digest_put_back_is_a_miss(tmp_path, state):
    import hashlib

    s = S.open_store(tmp_path / "cache", "x", 1)
    s.write("a", b"signer: Nguyen Van A")
    path = s.path("a")
    body = path.read_bytes()
    payload = body[S._HEAD:].replace(b"Van A", b"Van B")
    forged = hashlib.blake2b(payload, digest_size=20).hexdigest().encode()  # what the seal was before it was keyed
    path.write_bytes(body[:S._HEAD - 41] + forged + b"\n" + payload)
    assert s.read("a") is None
    path.write_bytes(body)
    assert s.read("a") == b"signer: Nguyen Van A"


def test_an_entry_copied_under_another_name_or_sealed_elsewhere_is_a_miss(tmp_path, state, monkeypatch):
    s = S.open_store(tmp_path / "cache", "x", 1)
    s.write("a", b"for a")
    s.path("b").write_bytes(s.path("a").read_bytes())
    assert s.read("b") is None
    monkeypatch.setenv(S.KEY_ENV, "another machine")
    assert S.open_store(tmp_path / "cache", "x", 1).read("a") is None


def test_a_table_keeps_rows_sealed_and_in_one_file(tmp_path, state):
    s = S.open_store(tmp_path / "cache", "x", 1)
    t = S.Table(s, "t")
    w = t.writer({"a", "b"})
    w.put("a", "k1", b"payload a", "stat a")
    w.put("b", "k2", b"payload b")
    w.put("c", "k3", b"dropped at close: not kept")
    assert w.close()
    assert list(t.rows()) == [("a", "k1", "stat a", b"payload a"), ("b", "k2", "", b"payload b")] and t.seen == 2
    assert sorted(p.name for p in s.folder.iterdir()) == [t.path.name]
    w = t.writer({"a", "b"})
    w.retag("b", "stat b", t.seal("b", "k2", "stat b", b"payload b"))
    w.retag("a", "stat forged", "0" * 40)  # a tag whose seal does not hold
    assert w.close()
    assert list(t.rows()) == [("b", "k2", "stat b", b"payload b")] and t.seen == 2
    import sqlite3

    con = sqlite3.connect(t.path)
    con.execute("UPDATE entries SET payload = ? WHERE name = 'b'", (b"payload B",))  # same length, seal kept
    con.commit()
    con.close()
    assert list(t.rows()) == []


def test_a_garbled_table_has_no_rows_and_is_made_again(tmp_path, state):
    s = S.open_store(tmp_path / "cache", "x", 1)
    t = S.Table(s, "t")
    w = t.writer({"a"})
    w.put("a", "k", b"v")
    w.close()
    t.path.write_bytes(b"\x00garbled" * 512)
    assert list(t.rows()) == []
    w = t.writer({"a"})
    w.put("a", "k", b"v")
    assert w.close() and list(t.rows()) == [("a", "k", "", b"v")] and s.failed == []


def test_a_table_that_cannot_be_written_is_noted_not_raised(tmp_path, state):
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "x").write_text("a file where the store wants a folder")
    s = S.open_store(tmp_path / "cache", "x", 1)
    w = S.Table(s, "t").writer(set())
    w.put("a", "k", b"v")
    assert w.close() is False and s.failed


def test_what_was_allowed_once_lets_nothing_else_in():
    """find_class remembers what it allowed, by name: a refused name stays refused after allowed ones loaded, and the
    catalogue's rebuilder, once it has set a record's fields, still refuses a class that is not a record."""
    import dataclasses as dc

    from tdkt.catalog import cache
    from tdkt.engine import sync
    from tdkt.model import Block, BlockKind

    cache._register_fast_pickling()
    block = Block(number=1, kind=BlockKind.PARAGRAPH, text="Đoạn một.", rank=0, line=3)
    for _ in range(2):  # the second time from what was remembered
        assert S.loads(S.dumps((block, Origin(file="x")))) == (block, Origin(file="x"))

    class Call:
        def __reduce__(self):
            return (sync.check_path, ("x",))

    assert S.loads(pickle.dumps(Call())) is None
    names = tuple(f.name for f in dc.fields(Block))

    class Forged:  # the rebuilder called with a class that is not a record, under a record's field names
        def __reduce__(self):
            return (cache._rebuild, (sync.SyncStats, names, (1, 2, 3, 4, 5)))

    class Named:  # a record's class with names that are not its slots: set by name, as before
        def __reduce__(self):
            return (cache._rebuild, (Block, ("number", "text"), (7, "x")))

    assert S.loads(pickle.dumps(Forged())) is None
    rebuilt = S.loads(pickle.dumps(Named()))
    assert (rebuilt.number, rebuilt.text) == (7, "x")
    assert S.loads(pickle.dumps(Call())) is None and S.loads(pickle.dumps(_Evil())) is None
