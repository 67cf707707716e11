"""Pattern cache: the regular expressions an earlier process compiled, kept where Python keeps
the compiled modules, so that a new process does not compile them again.

A process that makes briefings compiles some 700 patterns (the rule files' cue words, junk
lines, actor names and dates, and the code's own), about 0.15 s: a quarter of a `build --out`
after one seed changed. Python's `re` compiles a pattern in two steps: it parses the source
and generates the matcher's code, in Python (nearly all of the time), then `_sre.compile`, in
C, makes the pattern object from that code. This module keeps what the first step made, by
the pattern's source and flags, and hands it to `_sre.compile` as `re` does: the same pattern
object, equal to the one `re.compile` makes (`tests/test_pattern_cache.py` checks every
pattern the briefings compile).

An entry is a function of the source, the flags and the Python that compiled it alone, so it
is never stale: an edited rule is another source, compiled as before and then kept. Like a
module's `.pyc`, the file is in the package's `__pycache__` (`PYTHONPYCACHEPREFIX` moves it,
`PYTHONDONTWRITEBYTECODE` leaves it unwritten), named by the Python (`cpython-311`) and holding
its version and the regex engine's (`_sre.MAGIC`): a file of another Python, or one that
cannot be read, is ignored and replaced. It holds data, decoded by type, never code; an entry
that `_sre.compile` refuses is compiled anew. Patterns of older code stay until the file
outgrows `MAX_PATTERNS`; it then keeps only those the process that writes it used.

`kept_patterns()` installs the cache for the length of a block (the command line: every
subcommand), in `re` below its own in-memory cache; processes forked meanwhile (a build's
workers) inherit it, and each keeps what it compiled with `keep_new_patterns()`.
"""

from __future__ import annotations

import importlib.util
import os
import re
import sys
from array import array
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from functools import cache
from pathlib import Path
from typing import Any

import msgspec

try:  # CPython's regex engine; elsewhere the cache is not used
    import _sre  # type: ignore[import-not-found]
    from re import _compiler, _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - other Python implementations
    _sre = None

PACKAGE_DIR = Path(__file__).resolve().parent
# Several times the patterns of the code and the rules: room for those of a few older
# versions of them before the file is trimmed to what one process used.
MAX_PATTERNS = 5000


class _Compiled(msgspec.Struct, array_like=True, frozen=True):
    """What `re` hands `_sre.compile` for one source and flags."""

    source: str
    flags: int
    """The flags `re.compile` was given."""
    final_flags: int
    """Those and the inline flags of the source (`(?i)`)."""
    code: bytes
    """The matcher's code, unsigned 32-bit numbers in this machine's order (read at once,
    where a list of numbers is decoded one by one)."""
    groups: int
    groupindex: dict[str, int]
    indexgroup: list[str | None]


class _Table(msgspec.Struct, frozen=True):
    python: str
    """`sys.version` of the Python that compiled them."""
    engine: int
    """`_sre.MAGIC`."""
    patterns: list[_Compiled]


_DECODER = msgspec.msgpack.Decoder(type=_Table)
# The type code of an unsigned 32-bit number: the size of a code word (`_sre.CODESIZE`).
_CODE = "I"
_ENCODER = msgspec.msgpack.Encoder()


class _State:
    """The cache installed in this process: its file, the entries read from it and those
    compiled since."""

    def __init__(self, path: Path, known: dict[tuple[str, int], _Compiled], write: bool):
        self.path = path
        self.known = known
        self.write = write
        self.new: dict[tuple[str, int], _Compiled] = {}
        self.used: set[tuple[str, int]] = set()
        """The known entries this process took."""
        self.saved_by: int | None = None
        """The process that last kept the new entries (a forked worker is another)."""


_state: _State | None = None
_stdlib_compile: Callable[..., Any] | None = None


def patterns_path(folder: Path | None = None) -> Path:
    """The file of this Python's patterns in `folder`, by default the package's
    `__pycache__` (where its `.pyc` files go)."""
    name = f"patterns.{sys.implementation.cache_tag}.msgpack"
    if folder is not None:
        return folder / name
    module = importlib.util.cache_from_source(str(PACKAGE_DIR / "__init__.py"))
    return Path(module).parent / name


@contextmanager
def kept_patterns(path: Path | None = None, write: bool = True) -> Iterator[None]:
    """Within the block, patterns compiled in this process (and processes forked from it)
    are taken from the file at `path` (default `patterns_path()`) where it holds them; those
    it lacks are kept there at the end, unless `write` is false. Does nothing where the
    cache cannot be used (another Python, or a regex engine that does not compile as this
    module expects), or when already in use."""
    global _state
    if _state is not None or not _engine_works() or sys.implementation.cache_tag is None:
        yield
        return
    path = path or patterns_path()
    _state = _State(path, _read(path), write)
    _install()
    try:
        yield
        keep_new_patterns()
    finally:
        _uninstall()
        _state = None


def keep_new_patterns(once: bool = False) -> None:
    """Write the patterns this process compiled that the file lacks into it (best effort: a
    file that cannot be written only makes the next process compile them). `once`: only the
    first time in this process, which is when a process making briefings compiles the rule
    patterns (later briefings add a few made from their own words)."""
    state = _state
    if state is None or not state.write or (once and state.saved_by == os.getpid()):
        return
    state.saved_by = os.getpid()
    if not state.new:
        return
    merged = {**_read(state.path), **state.known, **state.new}
    if len(merged) > MAX_PATTERNS:
        merged = {k: e for k, e in merged.items() if k in state.used or k in state.new}
    state.known.update(state.new)
    state.used.update(state.new)
    state.new.clear()
    table = _Table(sys.version, _sre.MAGIC, list(merged.values()))
    staged = state.path.with_name(f".{state.path.name}.{os.getpid()}")
    try:
        data = _ENCODER.encode(table)
        state.path.parent.mkdir(parents=True, exist_ok=True)
        staged.write_bytes(data)
        staged.replace(state.path)
    except (OSError, ValueError, msgspec.EncodeError):
        with suppress(OSError):
            staged.unlink(missing_ok=True)


def compile_parts(source: str, flags: int) -> _Compiled:
    """What `re` compiles `source` with `flags` into before `_sre.compile` (as
    `re._compiler.compile` does it)."""
    parsed = _parser.parse(source, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    return _Compiled(
        source,
        flags,
        flags | parsed.state.flags,
        array(_CODE, code).tobytes(),
        parsed.state.groups - 1,
        groupindex,
        indexgroup,
    )


def pattern_of(entry: _Compiled) -> re.Pattern[str]:
    """The pattern object `re.compile(entry.source, entry.flags)` makes."""
    return _sre.compile(  # type: ignore[no-any-return]
        entry.source,
        entry.final_flags,
        array(_CODE, entry.code).tolist(),
        entry.groups,
        entry.groupindex,
        tuple(entry.indexgroup),
    )


def _compile(source: Any, flags: int = 0) -> Any:
    """`re._compiler.compile`, from the cache where it holds the pattern."""
    state = _state
    if state is None or not isinstance(source, str) or flags & re.DEBUG:
        return _stdlib_compile(source, flags)  # type: ignore[misc]
    key = (source, int(flags))
    entry = state.known.get(key)
    if entry is None:
        entry = state.new.get(key)
    if entry is not None:
        try:
            made = pattern_of(entry)
            state.used.add(key)
            return made
        except (RuntimeError, TypeError, ValueError, OverflowError):
            # Code the engine refuses ("invalid SRE code"): a damaged entry.
            state.known.pop(key, None)
    try:
        entry = compile_parts(source, int(flags))
        made = pattern_of(entry)
    except Exception:  # a bad pattern: `re`'s own error, as without the cache
        return _stdlib_compile(source, flags)  # type: ignore[misc]
    if source.isascii() or _is_utf8(source):
        state.new[key] = entry
    return made


def _is_utf8(text: str) -> bool:
    # A source with a lone surrogate ("[\ud800-\udfff]" written out) has no UTF-8 form.
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _install() -> None:
    global _stdlib_compile
    _stdlib_compile = _compiler.compile
    _compiler.compile = _compile


def _uninstall() -> None:
    if _stdlib_compile is not None:
        _compiler.compile = _stdlib_compile


def _read(path: Path) -> dict[tuple[str, int], _Compiled]:
    """The entries of the file at `path`; none when it is missing, of another Python or
    not a table."""
    try:
        table = _DECODER.decode(path.read_bytes())
    except (OSError, msgspec.DecodeError):
        return {}
    if table.python != sys.version or table.engine != _sre.MAGIC:
        return {}
    return {(p.source, p.flags): p for p in table.patterns}


# Named groups, inline flags, a back reference, a lookbehind, a character set and a repeat.
_PROBE = r"(?i)(?P<word>\b[a-zé]+)\s+(?:(?P=word)|x{2,5})(?<!q)\d*"


@cache
def _engine_works() -> bool:
    """Whether this Python compiles patterns as `compile_parts` expects: the same pattern
    object for a probe."""
    if _sre is None or array(_CODE).itemsize != _sre.CODESIZE:
        return False
    try:
        made = pattern_of(compile_parts(_PROBE, re.MULTILINE))
        expected = _compiler.compile(_PROBE, re.MULTILINE)
    except Exception:  # any difference of the engine's internals
        return False
    return bool(made == expected and made.groupindex == expected.groupindex)
