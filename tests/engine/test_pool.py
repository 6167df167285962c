"""fork_map: the same results in the same order as a plain loop, whatever the number of workers."""
from __future__ import annotations

import os

import pytest

from tdkt.engine.pool import fork_map


def _square_and_pid(shared, i):
    return shared[i] ** 2, os.getpid()


@pytest.mark.parametrize("jobs,count,chunk", [(1, 10, 2), (2, 3, 2), (2, 101, 4), (3, 64, 8)])
def test_results_come_in_order_and_equal_a_plain_loop(jobs, count, chunk):
    shared = list(range(count))
    got = list(fork_map(_square_and_pid, shared, count, jobs=jobs, chunk=chunk))
    assert [value for value, _ in got] == [i * i for i in range(count)]
    pids = {pid for _, pid in got}
    if jobs > 1 and count >= 2 * chunk:
        assert os.getpid() not in pids  # the work ran in the forked workers
    else:
        assert pids == {os.getpid()}


def _boom(shared, i):
    if i == 5:
        raise ValueError("item 5 is bad")
    return i


def test_an_error_in_a_worker_reaches_the_caller():
    with pytest.raises(ValueError, match="item 5 is bad"):
        list(fork_map(_boom, None, 40, jobs=2, chunk=4))


class Doubler:
    """A handler for fresh processes (imported there by name)."""

    def handle(self, kind, value):
        if kind == "fail":
            raise ValueError("asked to fail")
        yield from (value, value * 2)


def test_fresh_processes_answer_by_name_and_map_tasks():
    from tdkt.engine.pool import Fresh

    with Fresh(2, "tests.engine.test_pool:Doubler") as workers:
        assert list(workers.call(0, "x", 21)) == [21, 42]
        side = list(workers.map("x", iter([(n, n) for n in range(7)]), iter(["a", "b"])))
        assert side == ["a", "b"] and workers.results == {n: [n, 2 * n] for n in range(7)}


def test_a_fresh_process_failure_is_raised_with_its_traceback():
    from tdkt.engine.pool import Fresh

    with pytest.raises(RuntimeError, match="(?s)worker failed.*asked to fail"):
        with Fresh(1, "tests.engine.test_pool:Doubler") as workers:
            list(workers.call(0, "fail", None))


def _in_worker(shared, i):
    from tdkt.engine.pool import in_worker

    return in_worker()


def test_in_worker_tells_a_function_where_it_runs():
    assert set(fork_map(_in_worker, None, 4, jobs=1)) == {False}
    assert set(fork_map(_in_worker, None, 64, jobs=2, chunk=4)) == {True}
