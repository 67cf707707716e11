"""Progress of long work: a stage's name and count in, lines on a stream out.

On a terminal, a stage with a known total is one line redrawn in place at most ten times a
second: its count, rate and time left (`briefings: 2,345/10,000 (812/s, 9 s left)`). Where
the output is no terminal (CI logs, a pipe, a file), nothing is drawn: each stage writes one
line when it ends (`briefings: 10,000 in 12.3 s (812/s)`). So a 10,000-article build is never
silent for long on a terminal, and a log gets one line per stage, never a bar.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

REDRAW_S = 0.1
"""Least time between two redraws of a terminal line."""
_CLEAR = "\x1b[K"
"""Clears the rest of a terminal line (a shorter line over a longer one)."""


class Progress:
    """The progress of one stage; `advance` as work is done, `finish` (or leave the `with`
    block) when it ends."""

    def __init__(
        self,
        stage: str,
        total: int | None = None,
        stream: TextIO | None = None,
        *,
        interactive: bool | None = None,
        lines: bool = True,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """`interactive`: redraw a line in place (default: when `stream` is a terminal);
        `lines`: write the stage's line at its end when not interactive."""
        self.stage = stage
        self.total = total
        self.stream = stream if stream is not None else sys.stderr
        self.interactive = _is_terminal(self.stream) if interactive is None else interactive
        self.lines = lines
        self.clock = clock
        self.done = 0
        self.started = clock()
        self._drawn = float("-inf")
        self._finished = False

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, kind: object, *exc: object) -> None:
        if kind is None:
            self.finish()
        else:  # the stage failed: its error says so, not a line of its time
            self._finished = True
            if self.interactive:
                self._write(f"\r{_CLEAR}")

    def advance(self, count: int = 1) -> None:
        """`count` more units done."""
        self.done += count
        if self.interactive:
            now = self.clock()
            if now - self._drawn >= REDRAW_S:
                self._drawn = now
                self._write(f"\r{self.status(now)}{_CLEAR}")

    def status(self, now: float | None = None) -> str:
        """The stage's line as it is now: count, total, rate and time left where known."""
        seconds = (self.clock() if now is None else now) - self.started
        rate = self.done / seconds if seconds > 0 else 0.0
        count = f"{self.done:,}/{self.total:,}" if self.total else f"{self.done:,}"
        if rate <= 0:
            return f"{self.stage}: {count}"
        left = ""
        if self.total:
            left = f", {_duration((self.total - self.done) / rate)} left"
        return f"{self.stage}: {count} ({rate:,.0f}/s{left})"

    def finish(self) -> None:
        """End the stage: its last line, with its time (once)."""
        if self._finished:
            return
        self._finished = True
        seconds = self.clock() - self.started
        rate = f", {self.done / seconds:,.0f}/s" if self.done and seconds > 0 else ""
        count = f"{self.done:,} in " if self.total is not None or self.done else ""
        line = f"{self.stage}: {count}{seconds:.1f} s{rate}"
        if self.interactive:
            self._write(f"\r{line}{_CLEAR}\n")
        elif self.lines:
            self._write(f"{line}\n")

    def _write(self, text: str) -> None:
        self.stream.write(text)
        self.stream.flush()


def stage(stage: str, total: int | None = None, *, quiet: bool = False) -> Progress:
    """A `Progress` on standard error, silent when `quiet` (the CLI's `-q`)."""
    return Progress(stage, total, interactive=False if quiet else None, lines=not quiet)


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.0f} s"
    return f"{seconds / 60:.0f} min"


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or unusual stream
        return False
