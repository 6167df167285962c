"""A pure function over many items in forked worker processes, the results in order.

``fork_map(fn, shared, count, jobs=)`` yields ``fn(shared, i)`` for ``i`` in ``range(count)``.
``shared`` (the catalogue, say) is not sent to the workers: they are forked after it is set and
inherit it, so only the indexes go out and only the results come back. ``fn`` must be a
module-level function (it is sent by name). With one job, or too few items to pay for the
forks, everything runs in this process, in the same order, with the same results. The build's
stages stay pure; this module only decides where they run.
"""
from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")

CHUNK = 32               # items per message: enough to hide the messaging, few enough to balance the load
_SHARED: list[Any] = []  # what the forked workers inherit, set only while a pool is being forked


def _run(task: tuple[Callable[[Any, int], T], int, int]) -> list[T]:
    fn, start, stop = task
    shared = _SHARED[0]
    return [fn(shared, i) for i in range(start, stop)]


def fork_map(fn: Callable[[Any, int], T], shared: Any, count: int, *, jobs: int, chunk: int = CHUNK) -> Iterator[T]:
    """``fn(shared, i)`` for ``i`` in ``range(count)``, in order; see the module docstring."""
    if jobs < 2 or count < 2 * chunk:
        for i in range(count):
            yield fn(shared, i)
        return
    tasks = [(fn, start, min(start + chunk, count)) for start in range(0, count, chunk)]
    _SHARED[:] = [shared]
    try:
        pool = multiprocessing.get_context("fork").Pool(jobs)
    finally:
        _SHARED.clear()  # the workers have their copy; this process keeps no reference
    with pool:
        for results in pool.imap(_run, tasks):
            yield from results
