"""The build on Dask's ``distributed`` scheduler: ``python build.py build --cluster local|tcp://HOST:8786``.

The same build as ``python build.py build``, with its heavy, per-report work sent as Dask tasks: while it runs,
``tdkt/engine/pool.py`` hands every map to this module's pool (``pool.remote``) instead of forking, whatever its
size. The tasks are shards of consecutive items in the build's own order (report folders and reports sorted by id,
which begins with the year; pages in MkDocs' order):

- the catalogue's parsing of report folders (``catalog/cache.py``'s ``_load_in_worker``, 32 folders a task);
- the report pages' Markdown (report, original, OCR, former ids: ``site/pages.py``'s ``_report_pages``, 32 reports);
- the search index's runs (``search/index.py``: ~128 reports a run, each a task);
- the pages rendered to HTML (``render/build.py``'s ``_render_chunk``, 24 pages a task), written by the workers
  into the new site's folder beside ``--out``.

What every report feeds (home, report list, unit, year and movement pages, the award finder, the open data, the
search index's merge, the sitemap) is made here, in the client, from what the tasks return, exactly as in a single
build; results come back in order, so the site is byte for byte the single build's (``tests/test_cluster.py``).

What a map shares (the catalogue, say) is scattered to every worker once per map (``Client.scatter``, broadcast);
MkDocs' collected files (``render.mkdocs_api.Collected``) are not sent but made again on each worker from the same
``mkdocs.yml`` and ``site_src/``, which the workers read from the shared file system (checked by a digest of the
pages' names). A worker runs one task at a time (``--nthreads 1``: a task sets the build date in its environment
and captures MkDocs' log). Before the build, every worker must have the client's code (``fingerprint.code``: the
package, Python, the libraries) and see the data folder and the repository: otherwise the build is refused.

A task that fails fails the build: ``ClusterFailed``, one line naming the work and the reason; nothing has been
written into the published site then (the render writes into a folder beside it, swapped in only at the end).
Dask is imported here only, when a build asks for a cluster.
"""
from __future__ import annotations

import contextlib
import copyreg
import importlib
import logging
import os
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from tdkt.engine import fingerprint, pool
from tdkt.engine.fingerprint import digest
from tdkt.problems import printable
from tdkt.render.mkdocs_api import Collected, load_config

ENV = ("SOURCE_DATE_EPOCH",)  # what a task sees of the build's environment (the render's build date)
CONNECT_S = 30                # waiting for a scheduler, and for its first worker

WHAT = {  # the work of each map, as an error names it
    "_load_in_worker": "parsing report folders",
    "_report_pages": "making report pages",
    "_render_chunk": "rendering pages",
    "run": "analysing a run of the search index",
}


class ClusterFailed(RuntimeError):
    """A task failed on the cluster: the build fails (exit 1), the published site is as it was."""


class ClusterRefused(ClusterFailed):
    """No cluster the build can run on (unreachable, workers of other code or not seeing the folders): exit 2."""


# ------------------------------------------------------------------ on the workers

_HANDLERS: dict[str, Any] = {}
_COLLECTED: dict[tuple, Collected] = {}


@contextlib.contextmanager
def _task(env: dict[str, str | None]) -> Iterator[None]:
    """A task's surroundings on a worker: the build's environment (``ENV``), and the mark of a worker process."""
    pool.mark_worker()
    saved = {name: os.environ.get(name) for name in env}
    for name, value in env.items():
        _set_env(name, value)
    try:
        yield
    finally:
        for name, value in saved.items():
            _set_env(name, value)


def _set_env(name: str, value: str | None) -> None:
    if value is None:
        os.environ.pop(name, None)
    else:
        os.environ[name] = value


def _part(fn: Callable[[Any, int], Any], shared: Any, start: int, stop: int, env: dict) -> list:
    """``fn(shared, i)`` for ``i`` in ``start``…``stop - 1``: one shard of a ``fork_map``."""
    with _task(env):
        return [fn(shared, i) for i in range(start, stop)]


def _handle(handler: str, kind: str, value: Any, env: dict) -> list:
    """A request to a ``Fresh`` handler (``package.module:Class``), one instance per worker process."""
    with _task(env):
        if handler not in _HANDLERS:
            module, _, name = handler.partition(":")
            _HANDLERS[handler] = getattr(importlib.import_module(module), name)()
        return list(_HANDLERS[handler].handle(kind, value))


def _collected(config_file: str, docs_dir: str, site_dir: str, site_url: str | None, pages: str) -> Collected:
    """MkDocs' collected files made again on a worker, as the client made them (once per worker and build)."""
    recipe = (config_file, docs_dir, site_dir, site_url, pages)
    if recipe not in _COLLECTED:
        _COLLECTED.clear()  # an earlier build's
        made = Collected(load_config(Path(config_file), docs_dir=docs_dir, site_dir=site_dir, site_url=site_url,
                                     strict=True))
        if _pages_digest(made) != pages:
            raise ClusterFailed(f"this worker sees other pages in {docs_dir} than the client: is it on the same shared "
                                "file system, at the same path?")
        _COLLECTED[recipe] = made
    return _COLLECTED[recipe]


def _pages_digest(collected: Collected) -> str:
    return digest(*(f.src_uri for f in collected.doc_files))


def _reduce_collected(collected: Collected):
    """How a ``Collected`` travels to a worker: as what it is made from (see ``_collected``)."""
    config = collected.config
    return _collected, (str(config.config_file_path), config["docs_dir"], config["site_dir"], config["site_url"],
                        _pages_digest(collected))


def _code() -> str:
    """The code's fingerprint as its files are now (``fingerprint.code`` is the first one a process saw), with the
    theme and ``mkdocs.yml`` beside the package: the pages are rendered with them."""
    package = Path(fingerprint.__file__).resolve().parents[1]
    config = package.parent / "mkdocs.yml"
    return digest(fingerprint.code_of(package), fingerprint.code_of(package.parent / "theme"),
                  config.read_bytes() if config.is_file() else b"")


def _look(folders: list[str]) -> tuple[str, list[str]]:
    """What a worker has: its code's fingerprint and which of ``folders`` it cannot see."""
    return _code(), [f for f in folders if not os.path.isdir(f)]


# ------------------------------------------------------------------ in the client

def _one_line(exc: BaseException) -> str:
    return " ".join(f"{type(exc).__name__}: {exc}".split())[:500]


class DaskPool:
    """The pool ``tdkt/engine/pool.py`` uses while a build runs on a cluster (``pool.remote``)."""

    def __init__(self, client) -> None:
        self.client = client
        self.workers = max(1, len(client.scheduler_info(n_workers=-1)["workers"]))

    def _env(self) -> dict[str, str | None]:
        return {name: os.environ.get(name) for name in ENV}

    def result(self, future, what: str):
        try:
            return future.result()
        except ClusterFailed:
            raise
        except Exception as exc:  # noqa: BLE001 - whatever the task raised, said in one line
            raise ClusterFailed(f"a task failed on the cluster ({what}): {_one_line(exc)}") from exc

    def fork_map(self, fn: Callable[[Any, int], Any], shared: Any, count: int, *, chunk: int) -> Iterator:
        """``pool.fork_map`` on the cluster: ``shared`` sent once to every worker, a task per ``chunk`` items."""
        if count == 0:
            return
        what = WHAT.get(fn.__name__, fn.__name__)
        tag = uuid.uuid4().hex[:8]
        [data] = self.client.scatter([shared], broadcast=True, hash=False)
        spans = [(a, min(a + chunk, count)) for a in range(0, count, chunk)]
        env = self._env()
        futures = [self.client.submit(_part, fn, data, a, b, env, key=f"{fn.__name__}-{a}-{tag}", pure=False)
                   for a, b in spans]
        try:
            for n, (a, b) in enumerate(spans):
                yield from self.result(futures[n], f"{what}, items {a}–{b - 1}")
                futures[n] = None  # its result may go from the worker's memory
        finally:
            self.client.cancel([f for f in futures if f is not None] + [data])

    def fresh(self, handler: str) -> _Requests:
        return _Requests(self, handler)


class _Requests:
    """``pool.Fresh``'s interface (``call``, ``map``, ``results``) over the cluster: a request is a task."""

    def __init__(self, dask: DaskPool, handler: str) -> None:
        self.dask, self.handler, self.pending = dask, handler, []
        self.results: dict[int, list] = {}

    def __enter__(self) -> _Requests:
        return self

    def __exit__(self, *exc) -> None:
        if self.pending:
            self.dask.client.cancel(self.pending)

    def _submit(self, kind: str, value: Any, key: str):
        client = self.dask.client
        [data] = client.scatter([value], hash=False)  # straight to a worker, not through the scheduler
        future = client.submit(_handle, self.handler, kind, data, self.dask._env(), key=key, pure=False)
        self.pending += [future, data]
        return future

    def call(self, n: int, kind: str, value: Any) -> Iterator:
        future = self._submit(kind, value, f"{kind}-{uuid.uuid4().hex[:8]}")
        yield from self.dask.result(future, WHAT.get(kind, kind))

    def map(self, kind: str, tasks: Iterator[tuple[int, Any]], meanwhile: Iterator) -> Iterator:
        """Every task submitted at once; ``meanwhile``'s items yielded while they run; then their answers."""
        tag = uuid.uuid4().hex[:8]
        futures = {n: self._submit(kind, value, f"{kind}-{n}-{tag}") for n, value in tasks}
        yield from meanwhile
        for n, future in futures.items():
            self.results[n] = self.dask.result(future, f"{WHAT.get(kind, kind)}, number {n}")


@contextlib.contextmanager
def on_cluster(address: str, workers: int | None, folders: list[Path]) -> Iterator[DaskPool]:
    """The build's maps go to a Dask cluster within this block: ``address`` ``local`` starts a ``LocalCluster`` of
    ``workers`` processes (default: one per core), one thread each, no dashboard; else the scheduler there
    (``tcp://host:8786``), whose workers must have this code and see ``folders``. ``ClusterRefused`` if not."""
    from distributed import Client, LocalCluster

    quiet = logging.getLogger("distributed")
    level = quiet.level
    quiet.setLevel(logging.ERROR)  # its warnings (a slow GC, a large graph) are not the build's
    copyreg.pickle(Collected, _reduce_collected)
    try:
        with contextlib.ExitStack() as stack:
            if address == "local":
                cluster = stack.enter_context(LocalCluster(
                    n_workers=workers or pool.worker_count(), threads_per_worker=1, processes=True,
                    dashboard_address=None, silence_logs=logging.ERROR,
                    # its HTTP routes (health, metrics) on a free port of this machine only, not 8787 for all
                    scheduler_kwargs={"dashboard_address": "127.0.0.1:0"}))
                client = stack.enter_context(Client(cluster))
            else:
                try:
                    client = stack.enter_context(Client(address, timeout=CONNECT_S))
                    client.wait_for_workers(1, timeout=CONNECT_S)
                except (OSError, TimeoutError) as exc:
                    raise ClusterRefused(f"cannot use the Dask scheduler at {address}: {_one_line(exc)}. Fix: start "
                                         f"it (dask scheduler) and its workers (dask worker {address} --nthreads 1), "
                                         "or build without --cluster") from exc
                _check(client, folders)
            with pool.remote(DaskPool(client)) as dask:
                yield dask
    finally:
        copyreg.dispatch_table.pop(Collected, None)
        quiet.setLevel(level)


def build_on_cluster(args, run: Callable[[Any], int], root: Path) -> int:
    """The command line's build (``run(args)``) on ``args.cluster``; a failed task or a refused cluster in one line
    (exit 1 or 2)."""
    if args.workers is not None and (args.workers < 1 or args.cluster != "local"):
        print("error: --workers N (1 or more) is for --cluster local; a scheduler's workers are started with it "
              "(dask worker ADDRESS --nthreads 1 --nworkers N)", file=sys.stderr)
        return 2
    if not args.data.is_dir():  # said as the single build says it, without starting a cluster
        return run(args)
    seen = [args.data, root, _existing(args.out.resolve().parent), _existing(args.docs.resolve().parent)]
    try:
        with on_cluster(args.cluster, args.workers, seen):
            return run(args)
    except ClusterFailed as exc:
        print(printable(f"error: {exc}. The published site was not changed."), file=sys.stderr)
        return 2 if isinstance(exc, ClusterRefused) else 1


def _existing(folder: Path) -> Path:
    """``folder`` or, if it is still to be made (the build makes it), its nearest parent that exists."""
    while not folder.is_dir() and folder.parent != folder:
        folder = folder.parent
    return folder


def _check(client, folders: list[Path]) -> None:
    """Every worker runs one task at a time, has this code and sees ``folders``; else ``ClusterRefused``."""
    info = client.scheduler_info(n_workers=-1)["workers"]
    threads = sorted({w.get("nthreads", 1) for w in info.values()})
    if threads != [1]:
        raise ClusterRefused(f"the cluster's workers run {'/'.join(map(str, threads))} threads: the build needs one "
                             "task at a time per worker process. Fix: start them with dask worker ADDRESS "
                             "--nthreads 1 [--nworkers N]")
    code = _code()
    for worker, (theirs, unseen) in client.run(_look, [str(f.resolve()) for f in folders]).items():
        if theirs != code:
            raise ClusterRefused(f"the worker {worker} runs other code than this build (another commit of the "
                                 "archive, or other library versions). Fix: the same checkout and make setup on "
                                 "every machine")
        if unseen:
            raise ClusterRefused(f"the worker {worker} does not see {', '.join(unseen)}: the workers read the data, "
                                 "the cache and the output folders at the same paths (a shared file system)")
