"""The one exception the package raises for bad input, and how it reads as one line."""

from __future__ import annotations


class BriefingError(Exception):
    """A problem with one input file: the CLI prints it as `path[:line]: message`."""

    def __init__(self, path: str, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.message = message
        self.line = line

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"
