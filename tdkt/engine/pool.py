"""The one worker pool: where the build's pure functions run. Two kinds of worker, one module.

**Forked** (``fork_map``): a pure function over many items in forked worker processes, the results in order.

``fork_map(fn, shared, count, jobs=)`` yields ``fn(shared, i)`` for ``i`` in ``range(count)``.
``shared`` (the catalogue, say) is not sent to the workers: they are forked after it is set and
inherit it, so only the indexes go out and only the results come back. ``fn`` must be a
module-level function (it is sent by name). With one job, or too few items to pay for the
forks, everything runs in this process, in the same order, with the same results. The build's
stages stay pure; this module only decides where they run. ``in_worker()`` tells a function whether
it runs in a forked worker (whose copy of what it made is thrown away) or in the caller.

**Fresh** (``Fresh``, ``serve``): see below.

**Remote** (``remote``): while a build runs on a cluster (``tdkt/cluster.py``, Dask's ``distributed``), the pool it
installs takes every ``fork_map`` and ``fresh`` instead, whatever their size: the same functions, the same results
in the same order, run as tasks on the cluster's workers. This module imports nothing of it.
"""
from __future__ import annotations

import contextlib
import importlib
import multiprocessing
import os
import signal
import subprocess
import sys
import traceback
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

CHUNK = 32               # items per message: enough to hide the messaging, few enough to balance the load
_SHARED: list[Any] = []  # what the forked workers inherit, set only while a pool is being forked


_IN_WORKER: list[bool] = []


def in_worker() -> bool:
    return bool(_IN_WORKER)


def _started() -> None:
    _IN_WORKER.append(True)


def mark_worker() -> None:
    """This process only runs the build's tasks (a cluster's worker): ``in_worker()`` is true from now on."""
    if not _IN_WORKER:
        _started()


_REMOTE: list[Any] = []  # the cluster's pool while a build runs on one (``remote``)


@contextlib.contextmanager
def remote(pool: Any) -> Iterator[Any]:
    """Within this block, ``fork_map`` and ``fresh`` go to ``pool`` (its ``fork_map(fn, shared, count, chunk=)`` and
    ``fresh(handler)``) and ``worker_count`` is its ``workers``."""
    _REMOTE.append(pool)
    try:
        yield pool
    finally:
        _REMOTE.remove(pool)


def on_remote() -> bool:
    return bool(_REMOTE)


def _run(task: tuple[Callable[[Any, int], T], int, int]) -> list[T]:
    fn, start, stop = task
    shared = _SHARED[0]
    return [fn(shared, i) for i in range(start, stop)]


def fork_map(fn: Callable[[Any, int], T], shared: Any, count: int, *, jobs: int, chunk: int = CHUNK,
             parallel_from: int | None = None) -> Iterator[T]:
    """``fn(shared, i)`` for ``i`` in ``range(count)``, in order; see the module docstring. Runs in this
    process when ``jobs`` < 2 or ``count`` < ``parallel_from`` (default: two chunks); on a cluster (``remote``), there,
    whatever ``jobs`` and ``count``."""
    if _REMOTE:
        yield from _REMOTE[-1].fork_map(fn, shared, count, chunk=chunk)
        return
    if jobs < 2 or count < (2 * chunk if parallel_from is None else parallel_from):
        for i in range(count):
            yield fn(shared, i)
        return
    tasks = [(fn, start, min(start + chunk, count)) for start in range(0, count, chunk)]
    _SHARED[:] = [shared]
    try:
        pool = multiprocessing.get_context("fork").Pool(jobs, initializer=_started)
    finally:
        _SHARED.clear()  # the workers have their copy; this process keeps no reference
    with pool:
        for results in pool.imap(_run, tasks):
            yield from results


def worker_count(most: int = 4) -> int:
    """Workers worth starting: one per core this process may use, at most ``most``; on a cluster, its workers."""
    if _REMOTE:
        return _REMOTE[-1].workers
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(most, cpus))


# ------------------------------------------------------------------ fresh processes
#
# For work whose inputs are small beside the parent's memory: fresh Python processes (``python -c``), not
# forks. A forked child shares the parent's memory page by page, and as soon as either process touches an
# object (even to read it: reference counts are written) that page is copied; at 10,000 reports the
# catalogue cost a gigabyte that way. Nor multiprocessing's spawn, which runs the caller's main module
# again. Each process imports a handler class by name ("package.module:Class") and answers requests
# (kind, value) with any number of items, then an end mark; messages are pickled over stdin and stdout.

class Fresh:
    """``count`` fresh processes each running ``serve(handler)``; ``call`` asks one, ``map`` spreads tasks."""

    def __init__(self, count: int, handler: str):
        root = str(Path(__file__).resolve().parents[2])  # this very code, whatever the working folder holds
        command = (f"import sys; sys.path.insert(0, {root!r}); from tdkt.engine.pool import serve; "
                   f"serve({handler!r})")
        self.processes = [subprocess.Popen([sys.executable, "-c", command], stdin=subprocess.PIPE,
                                           stdout=subprocess.PIPE) for _ in range(count)]
        self.to = [Connection(os.dup(p.stdin.fileno()), readable=False) for p in self.processes]
        self.back = [Connection(os.dup(p.stdout.fileno()), writable=False) for p in self.processes]
        for p in self.processes:
            p.stdin.close()
            p.stdout.close()

    @staticmethod
    def available() -> bool:
        return bool(sys.executable) and os.name == "posix"

    def __enter__(self) -> Fresh:
        return self

    def __exit__(self, *exc) -> None:
        for c in self.to + self.back:
            c.close()
        for p in self.processes:
            try:
                p.wait(timeout=5 if exc[0] is None else 0.1)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()

    def _next(self, n: int):
        try:
            kind, value = self.back[n].recv()
        except EOFError:
            raise RuntimeError(f"a worker died (process {n}, exit code {self.processes[n].wait()})") from None
        if kind == "error":
            raise RuntimeError(f"a worker failed (process {n}):\n{value}")
        return kind, value

    def call(self, n: int, kind: str, value) -> Iterator:
        """Send process ``n`` a request; its answers, as they come."""
        self.to[n].send((kind, value))
        return self._answers(n)

    def _answers(self, n: int) -> Iterator:
        while (message := self._next(n))[0] == "item":
            yield message[1]

    def map(self, kind: str, tasks: Iterator[tuple[int, Any]], meanwhile: Iterator) -> Iterator:
        """Each task ``(number, value)`` to a free process; yields the items of ``meanwhile`` (passed on),
        taking back finished answers between two of them. The answers (a list per task) end in
        ``self.results[number]``."""
        self.results: dict[int, list] = {}
        idle, busy = list(range(len(self.processes))), {}

        def turn(block: bool) -> bool:  # give out tasks, take back what is done; False once all is done
            while idle:
                task = next(tasks, None)
                if task is None:
                    break
                n = idle.pop()
                self.to[n].send((kind, task[1]))
                busy[n] = task[0]
            if not busy:
                return False
            for c in wait([self.back[n] for n in busy], timeout=None if block else 0):
                n = self.back.index(c)
                self.results[busy.pop(n)] = list(self._answers(n))
                idle.append(n)
            return True

        for item in meanwhile:
            turn(block=False)
            yield item
        while turn(block=True):
            pass


def fresh(count: int, handler: str):
    """``Fresh(count, handler)``, or on a cluster (``remote``) its pool of the same interface (``call``, ``map``)."""
    return _REMOTE[-1].fresh(handler) if _REMOTE else Fresh(count, handler)


def serve(handler: str) -> None:
    """A fresh process's loop: requests from stdin, answers to stdout (print goes to stderr)."""
    module, _, name = handler.partition(":")
    worker = getattr(importlib.import_module(module), name)()
    requests, answers = Connection(0, writable=False), Connection(os.dup(1), readable=False)
    os.dup2(2, 1)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it closes our pipes
    while True:
        try:
            kind, value = requests.recv()
        except EOFError:
            return
        try:
            for item in worker.handle(kind, value):
                answers.send(("item", item))
            answers.send(("end", None))
        except (BrokenPipeError, EOFError):
            return
        except BaseException:  # noqa: BLE001 - reported to the parent, which raises
            answers.send(("error", traceback.format_exc()))
            return
