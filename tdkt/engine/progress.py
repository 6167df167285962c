"""Progress of a long build, on standard error: a bar on a terminal, plain periodic lines elsewhere (CI).

``Progress.stage(name, total)`` starts a stage (``total`` None: a stage shown by its name only),
``advance(n)`` counts work done, ``finish()`` closes the bar. On a terminal the bar is redrawn at most ten times a second; otherwise a line
``trang: 12000/27000 (44%), 31 giây`` is printed when a stage starts, every ``every`` seconds,
and when it ends. The clock and the stream are parameters, so tests need no real time.
"""
from __future__ import annotations

import sys
import time
from typing import Callable, TextIO


class Progress:
    def __init__(self, stream: TextIO | None = None, *, tty: bool | None = None, every: float = 10.0,
                 clock: Callable[[], float] = time.monotonic, width: int = 30) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.tty = self.stream.isatty() if tty is None else tty
        self.every, self.clock, self.width = every, clock, width
        self.started = clock()
        self.name, self.total, self.done = "", None, 0
        self._last = float("-inf")
        self._open = False

    def stage(self, name: str, total: int | None = None) -> None:
        """Start counting a new stage of ``total`` items."""
        self.finish()
        self.name, self.total, self.done = name, total, 0
        self._last = float("-inf")
        if total is None:  # a stage without a count: its name, once
            self.stream.write(f"\r{name}…, {self.elapsed():.0f} giây" if self.tty else f"{name}…\n")
            self._open = self.tty
            self.stream.flush()
        elif total:  # an empty stage shows nothing
            self._show(force=True)

    def advance(self, n: int = 1) -> None:
        self.done += n
        if self.total is not None:
            self._show(force=self.done >= self.total)

    def finish(self) -> None:
        """End the current stage (the bar's line is closed)."""
        if self._open:
            self.stream.write("\n")
            self.stream.flush()
            self._open = False

    def elapsed(self) -> float:
        return self.clock() - self.started

    def _show(self, force: bool) -> None:
        now = self.clock()
        if not force and now - self._last < (0.1 if self.tty else self.every):
            return
        self._last = now
        count, share = f"{self.done}/{self.total}", f" ({100 * self.done // self.total}%)"
        if self.tty:
            filled = self.width * self.done // self.total
            bar = "█" * filled + "·" * (self.width - filled)
            self.stream.write(f"\r{self.name:>9} {bar} {count}{share}, {self.elapsed():.0f} giây")
            self._open = True
        else:
            self.stream.write(f"{self.name}: {count}{share}, {self.elapsed():.0f} giây\n")
        self.stream.flush()


class Silent(Progress):
    """Counts nothing, shows nothing."""

    def __init__(self) -> None:
        super().__init__(stream=sys.stderr, tty=False)

    def _show(self, force: bool) -> None:
        pass
