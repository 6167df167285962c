"""The build on a Dask cluster (``build --cluster``, ``tdkt/cluster.py``): the single build's bytes (a synthetic archive
of 40 reports on a cluster of two worker processes; the fixture archive on the local cluster the command starts),
the work sent as tasks, and a failed task failing the build in one line with the previous site left as it was."""
from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

from tdkt.cli import main

from .conftest import FIXTURE

pytestmark = pytest.mark.slow

distributed = pytest.importorskip("distributed")


HTTP = {"dashboard_address": "127.0.0.1:0"}  # the scheduler's health routes on a free port: 8787 may be taken


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def cluster():
    """Two worker processes, one thread each, no dashboard; the tests' own client beside the build's."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=logging.ERROR, scheduler_kwargs=HTTP) as local, distributed.Client(local) as client:
        yield local.scheduler_address, client


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    """40 synthetic reports (OCR texts, awards, exemplars): several tasks to each map."""
    data = tmp_path_factory.mktemp("cluster") / "data"
    assert main(["synth", "--reports", "40", "--out", str(data), "--seed", "3"]) == 0
    return data


def build(data: Path, base: Path, name: str, *cluster: str, cache: str | None = None) -> int:
    return main(["build", "--data", str(data), "--out", str(base / name), "--docs", str(base / f"{name}-src"),
                 "--cache", str(base / (cache or f"{name}-cache")), *cluster])


def test_a_build_on_a_local_cluster_is_byte_identical_to_a_single_build(archive, cluster, tmp_path):
    address, client = cluster
    assert build(archive, tmp_path, "single") == 0
    with distributed.get_task_stream(client) as stream:
        assert build(archive, tmp_path, "sharded", "--cluster", address) == 0
    single, sharded = tree(tmp_path / "single"), tree(tmp_path / "sharded")
    assert len(single) > 350 and sorted(sharded) == sorted(single)
    assert [path for path in single if sharded[path] != single[path]] == []
    # the per-report work ran there, as tasks: folders parsed, report pages made, search runs, pages rendered
    tasks: dict[str, int] = {}
    for task in stream.data:
        name = task["key"].split("-")[0] if isinstance(task["key"], str) else str(task["key"])
        tasks[name] = tasks.get(name, 0) + 1
    assert tasks.get("_load_in_worker", 0) >= 2 and tasks.get("_report_pages", 0) >= 2
    assert tasks.get("_render_chunk", 0) >= 5 and tasks.get("run", 0) >= 1, tasks


def test_the_same_build_with_the_local_cluster_the_command_starts(tmp_path):
    assert build(FIXTURE, tmp_path, "single") == 0
    assert build(FIXTURE, tmp_path, "local", "--cluster", "local", "--workers", "1") == 0
    assert tree(tmp_path / "local") == tree(tmp_path / "single")


@pytest.mark.parametrize("module,name,work", [
    ("tdkt.site.pages", "render_report_page", "making report pages"),
    ("tdkt.render.build", "_render_chunk", "rendering pages"),
])
def test_a_failed_task_fails_the_build_in_one_line_and_leaves_the_previous_site(module, name, work, cluster,
                                                                                  tmp_path, capsys):
    address, client = cluster
    assert build(FIXTURE, tmp_path, "site") == 0
    before = tree(tmp_path / "site")

    def broken(*args, **kwargs):
        raise ValueError("disk on fire on the worker")

    def patch(restore: bool = False):
        import importlib

        target = importlib.import_module(module)
        saved = getattr(target, "_saved_by_test", None)
        if restore:
            if saved is not None:
                setattr(target, name, saved)
            return
        target._saved_by_test = getattr(target, name)
        setattr(target, name, broken)

    client.run(patch)
    try:
        capsys.readouterr()
        # another cache: no report page is remembered, every one is made (and rendered) again
        assert build(FIXTURE, tmp_path, "site", "--cluster", address, cache="other-cache") == 1
    finally:
        client.run(patch, True)
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith(f"error: a task failed on the cluster ({work}, items ")
    assert err[-1].endswith("ValueError: disk on fire on the worker. The published site was not changed.")
    assert tree(tmp_path / "site") == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site-")] == []


def test_workers_for_a_scheduler_are_refused(tmp_path, capsys):
    assert build(FIXTURE, tmp_path, "site", "--cluster", "tcp://127.0.0.1:9", "--workers", "2") == 2
    assert "--workers N (1 or more) is for --cluster local" in capsys.readouterr().err
    assert not (tmp_path / "site").exists()


def test_a_cluster_whose_workers_run_several_threads_is_refused(tmp_path, capsys):
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=True, dashboard_address=None,
                                  silence_logs=logging.ERROR, scheduler_kwargs=HTTP) as local:
        assert build(FIXTURE, tmp_path, "site", "--cluster", local.scheduler_address) == 2
    err = capsys.readouterr().err
    assert "the cluster's workers run 2 threads: the build needs one task at a time per worker process" in err
    assert not (tmp_path / "site").exists()
