"""The one exception the package raises for bad input, and how it reads as one line."""

from __future__ import annotations

import re

# What would break a line of output or make it read otherwise than it is: line breaks and
# other controls, bidirectional overrides, and the lone surrogates that a file name which is
# not UTF-8 decodes to (printing one fails). A file name may hold any of them.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def one_line(text: str) -> str:
    """`text` with what would break its line or its reading escaped (`\\n`, `\\u202e`)."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


class BriefingError(Exception):
    """A problem with one input file: the CLI prints it as `path[:line]: message`."""

    def __init__(self, path: str, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.message = message
        self.line = line

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return one_line(f"{where}: {self.message}")
