"""The search index's worker processes (the impure part of ``tdkt/search.py``'s work).

``Workers(n)`` starts ``n`` fresh Python processes running ``serve()``; ``run_all`` gives them runs of
reports to analyse (``search.run_postings``), ``index_files`` has the first merge the runs into the
term shards (``search._index_files``). Messages are pickled over the workers' stdin and stdout.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import traceback
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from .lunr_build import Postings

if TYPE_CHECKING:
    from .search import RunTask

MAX_WORKERS = 4  # worker processes at most (one per core)


# ------------------------------------------------------------------ processes (the impure part)
#
# Workers are fresh Python processes (``python -c``), not forks: a forked child shares the catalogue's
# memory page by page, and as soon as either process touches a report (even to read it: reference counts
# are written) that page is copied; at 10,000 reports that cost a gigabyte. Nor multiprocessing's spawn,
# which runs the caller's main module again. They speak pickled messages over their stdin and stdout.

def worker_count() -> int:
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(MAX_WORKERS, cpus))


class Workers:
    """A few worker processes: ``run_all`` makes run postings, ``index_files`` merges runs into files."""

    def __init__(self, count: int):
        root = str(Path(__file__).resolve().parent.parent)  # this very code, whatever the working folder holds
        command = f"import sys; sys.path.insert(0, {root!r}); from tdkt.search_workers import serve; serve()"
        self.processes = [subprocess.Popen([sys.executable, "-c", command], stdin=subprocess.PIPE,
                                           stdout=subprocess.PIPE) for _ in range(count)]
        self.to = [Connection(os.dup(p.stdin.fileno()), readable=False) for p in self.processes]
        self.back = [Connection(os.dup(p.stdout.fileno()), writable=False) for p in self.processes]
        for p in self.processes:
            p.stdin.close()
            p.stdout.close()
        self.results: dict[int, Postings] = {}

    @staticmethod
    def available() -> bool:
        return bool(sys.executable) and os.name == "posix"

    def __enter__(self) -> Workers:
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

    def _receive(self, n: int):
        try:
            kind, value = self.back[n].recv()
        except EOFError:
            raise RuntimeError(f"a search index worker died (exit code {self.processes[n].wait()})") from None
        if kind == "error":
            raise RuntimeError(f"a search index worker failed:\n{value}")
        return kind, value

    def run_all(self, tasks: Iterator[tuple[int, RunTask]], meanwhile: Iterator) -> Iterator:
        """Every task's postings into ``results`` (by task number), each task sent to a free worker;
        between two items of ``meanwhile`` (which are passed on) the finished tasks are taken back."""
        idle, busy = list(range(len(self.processes))), {}

        def turn(block: bool) -> bool:  # give out tasks, take back what is done; False once all is done
            while idle:
                task = next(tasks, None)
                if task is None:
                    break
                n = idle.pop()
                self.to[n].send(("run", task[1]))
                busy[n] = task[0]
            if not busy:
                return False
            for c in wait([self.back[n] for n in busy], timeout=None if block else 0):
                n = self.back.index(c)
                self.results[busy.pop(n)] = self._receive(n)[1]
                idle.append(n)
            return True

        for item in meanwhile:
            turn(block=False)
            yield item
        while turn(block=True):
            pass

    def index_files(self, parts: list[Postings], count: int) -> Iterator[tuple[str, bytes]]:
        """``_index_files(parts, count)`` in the first worker, which starts as soon as it has the parts."""
        for part in parts:
            self.to[0].send(("part", part))
        self.to[0].send(("index", count))

        def files():
            while (message := self._receive(0))[0] == "file":
                yield message[1]

        return files()


def serve() -> None:
    """A worker's loop: requests from stdin, answers to stdout (print goes to stderr)."""
    from .search import _index_files, run_postings  # the worker's own process: no import cycle

    requests, answers = Connection(0, writable=False), Connection(os.dup(1), readable=False)
    os.dup2(2, 1)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the build's to handle: it closes our pipes
    parts: list[Postings] = []
    while True:
        try:
            kind, value = requests.recv()
        except EOFError:
            return
        try:
            if kind == "run":
                answers.send(("postings", run_postings(value)))
            elif kind == "part":
                parts.append(value)
            elif kind == "index":
                for file in _index_files(parts, value):
                    answers.send(("file", file))
                answers.send(("done", None))
                parts = []
        except (BrokenPipeError, EOFError):
            return
        except BaseException:  # noqa: BLE001 - reported to the parent, which raises
            answers.send(("error", traceback.format_exc()))
            return


