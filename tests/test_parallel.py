"""fork_map: the same results in the same order as a plain loop, whatever the number of workers."""
from __future__ import annotations

import os

import pytest

from tdkt.parallel import fork_map


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
