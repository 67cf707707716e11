"""Cache: a seed's bytes (and its sidecar's) in, the briefing made from them before out.

A briefing is a function of the seed's bytes, its file name, its sidecar and the code and
rule files, and of nothing else, so the record can be kept under a hash of those and reused
while none of them changes: a second `build`, or `mkdocs serve` after one seed was edited,
re-extracts only the seeds that changed. Records are kept before slugs are made unique
(`corpus.unique_slugs` depends on the other seeds). Beside a record, an entry may keep what
was derived from it alone (its rendered parts, `render.parts`), which the same code
fingerprint makes as stable as the record.

Layout: `FOLDER/FINGERPRINT/briefings.sqlite3`, an SQLite database (Python's `sqlite3`) with
one row per entry: KEY, and KEY again followed by the record and its parts in MessagePack.
FINGERPRINT hashes every `build_tools/**/*.py` and `build_tools/rules/*.yml` (once per
process); KEY hashes the fingerprint, the seed's file name and bytes and the sidecar's bytes,
and is computed from the very bytes the briefing is then made from (`seed_inputs`), so a
seed edited during a build is never kept under the key of another version of it. Beside the
database, `build --out` keeps what its next run needs to make the site again where seeds
changed (`render.incremental`: `site-HASH.msgpack`, one per output folder). Opening the
cache removes the folders of other fingerprints that hold nothing but a cache database and
those, so it holds the records of one version of the code and never deletes a folder it did
not make; `load_corpus` removes the entries of seeds that changed or went away, so it holds
those of one seeds folder (two folders sharing a cache would only make each other's seeds
again). One database rather than a file per entry: on 1,000 seeds, creating the files cost
more than writing the rows (a quarter of a millisecond each, in the kernel).

The cache holds data, never code: an entry is decoded by msgspec into the record types
(`Briefing`, `BriefingParts`) and nothing else, after its stored key was compared with the
wanted one, so a row written by someone else can at worst give a wrong briefing for a seed
whose key it knows, never run anything. Each entry is written in a transaction of its own,
so a reader (another build) sees a whole entry or none, and builds running at once wait for
each other's writes. An entry that cannot be decoded is a miss and is rewritten; a database
file that is not one, or whose pages are damaged, is replaced; a cache that cannot be opened
or written is skipped. None of these is ever an error.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import sqlite3
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TypeVar

import msgspec

from build_tools.errors import BriefingError
from build_tools.overrides import sidecar_path
from build_tools.read.reading import read_input
from build_tools.records import Briefing
from build_tools.render.parts import BriefingParts

PACKAGE_DIR = Path(__file__).resolve().parent
DEFAULT_FOLDER = Path(".cache") / "briefings"
DATABASE = "briefings.sqlite3"
# What a fingerprint folder may hold for `open_cache` to remove it as an old cache.
_CACHE_FILES = {DATABASE, DATABASE + "-wal", DATABASE + "-shm", DATABASE + "-journal"}
# Bumped when the entry format changes, so old entries are never read as new ones.
FORMAT = 4
_FINGERPRINT_DIR = re.compile(r"^[0-9a-f]{16}$")
_SITE_RECORD = re.compile(r"^\.?site-[0-9a-f]{16}\.msgpack(\.\d+)?$")
# How long a build waits for another build's write before it skips the cache for a row.
_BUSY_SECONDS = 10.0
# A key is a SHA-256 in hex: the first bytes of every stored entry.
_KEY_BYTES = 64

Derived = BriefingParts | None
"""What an entry keeps beside its briefing: its rendered parts, or nothing."""
Entry = tuple[Briefing, Derived]
"""A stored briefing and what was derived from it (None if nothing)."""

_ENCODER = msgspec.msgpack.Encoder()
# Typed decoding: only these record types come out, whatever the bytes say.
_DECODER = msgspec.msgpack.Decoder(type=Entry)
T = TypeVar("T")


@cache
def code_fingerprint(package_dir: Path = PACKAGE_DIR) -> str:
    """A hash of the code and rule files of the package (and of the Python version);
    16 hex digits."""
    digest = hashlib.sha256(f"{FORMAT}:{sys.version_info[:2]}".encode())
    files = [*package_dir.rglob("*.py"), *(package_dir / "rules").glob("*.yml")]
    for path in sorted(files):
        if "__pycache__" in path.parts:
            continue
        digest.update(_framed(path.relative_to(package_dir).as_posix().encode()))
        digest.update(_framed(path.read_bytes()))
    return digest.hexdigest()[:16]


def _framed(data: bytes) -> bytes:
    # A length prefix keeps (a, bc) and (ab, c) apart.
    return len(data).to_bytes(8, "big") + data


@dataclass(frozen=True, slots=True)
class SeedInputs:
    """Everything a briefing is made from, read once: the key and the briefing both come
    from these bytes."""

    path: Path
    """The seed file."""
    data: bytes
    """The seed's bytes."""
    sidecar: bytes | None
    """The sidecar's bytes, or None when the seed has none."""


def seed_inputs(seed: Path) -> SeedInputs:
    """The bytes of a seed and its sidecar; a `BriefingError` when either cannot be read."""
    data = read_input(seed)
    sidecar = sidecar_path(seed)
    if not _file_or_link(sidecar):
        return SeedInputs(seed, data, None)
    return SeedInputs(seed, data, read_input(sidecar))


def _file_or_link(path: Path) -> bool:
    # `path.is_file() or path.is_symlink()` in one look-up: most seeds have no sidecar.
    try:
        mode = path.lstat().st_mode
    except OSError:
        return False
    return stat.S_ISREG(mode) or stat.S_ISLNK(mode)


def entry_key(fingerprint: str, inputs: SeedInputs) -> str:
    """The key of an entry made from `inputs` by the code of `fingerprint`."""
    digest = hashlib.sha256(fingerprint.encode())
    digest.update(_framed(inputs.path.name.encode("utf-8", "surrogateescape")))
    digest.update(_framed(inputs.data))
    digest.update(b"no sidecar" if inputs.sidecar is None else _framed(inputs.sidecar))
    return digest.hexdigest()


def pack(key: str, briefing: Briefing, derived: Derived = None) -> bytes:
    """The stored form of an entry: its key, then the briefing and its parts in MessagePack.
    Made where the briefing is made (a worker process), so that it is encoded once, both to
    reach this process and to be kept."""
    return key.encode("ascii") + _ENCODER.encode((briefing, derived))


def unpack(key: str, data: bytes | None) -> Entry | None:
    """The entry `pack` stored under `key`, or None when `data` is not one. The stored key
    is compared before a byte of the rest is decoded."""
    if data is None or len(key) != _KEY_BYTES or data[:_KEY_BYTES] != key.encode("ascii"):
        return None
    try:
        return _DECODER.decode(memoryview(data)[_KEY_BYTES:])
    # Damaged or foreign data: not MessagePack, or not these record types.
    except msgspec.DecodeError:
        return None


@dataclass(frozen=True, slots=True)
class BriefingCache:
    """Briefing records on disk, keyed by what they were made from."""

    folder: Path
    """This code version's folder, `ROOT/FINGERPRINT`."""
    fingerprint: str
    """The code fingerprint every key includes."""
    _open: list[sqlite3.Connection] = field(default_factory=list, compare=False, repr=False)
    """The connection of the `session` in progress, if any."""

    @property
    def database(self) -> Path:
        """The database file."""
        return self.folder / DATABASE

    def key(self, seed: Path) -> str | None:
        """The entry key of a seed file and its sidecar; None when either cannot be read
        (the pipeline then reports why)."""
        try:
            return entry_key(self.fingerprint, seed_inputs(seed))
        except BriefingError:
            return None

    @contextmanager
    def session(self) -> Iterator[BriefingCache]:
        """Within the block, every read and write uses one connection (opening one costs
        more than reading an entry)."""
        if self._open:
            yield self
            return
        connection = _connect(self.database)
        if connection is None:
            yield self
            return
        self._open.append(connection)
        try:
            yield self
        finally:
            # The connection in use: another one if a damaged database was replaced.
            current = self._open[0] if self._open else connection
            self._open.clear()
            connection.close()
            current.close()

    def keys(self) -> set[str]:
        """The keys of every entry (an entry may still turn out unusable)."""
        rows = self._run(lambda db: db.execute("SELECT key FROM entries").fetchall())
        return {row[0] for row in rows or ()}

    def forget(self, keys: Iterable[str]) -> None:
        """Remove the entries of `keys` (a seed since changed or removed); skipped when the
        cache cannot be written."""
        gone = [(key,) for key in keys]
        if gone:
            self._run(lambda db: db.executemany("DELETE FROM entries WHERE key = ?", gone))

    def get(self, key: str) -> Briefing | None:
        """The record stored under `key`, or None when there is none or it is unusable."""
        found = self.get_entry(key)
        return found[0] if found is not None else None

    def get_entry(self, key: str) -> Entry | None:
        """The record stored under `key` and what was derived from it, or None when there
        is no usable entry."""
        row = self._run(
            lambda db: db.execute("SELECT data FROM entries WHERE key = ?", (key,)).fetchone()
        )
        return unpack(key, row[0] if row else None)

    def put(self, key: str, briefing: Briefing, derived: Derived = None) -> None:
        """Store `briefing` (and what was derived from it, such as its rendered parts)
        under `key`; skipped when the cache cannot be written."""
        self.put_packed(key, pack(key, briefing, derived))

    def put_packed(self, key: str, data: bytes) -> None:
        """Store what `pack` made under `key`; skipped when the cache cannot be written."""
        self._run(
            lambda db: db.execute(
                "INSERT OR REPLACE INTO entries (key, data) VALUES (?, ?)", (key, data)
            )
        )

    def _run(self, query: Callable[[sqlite3.Connection], T]) -> T | None:
        """`query` on the database; None when the cache cannot be used this time. A database
        whose pages are damaged ("database disk image is malformed") opens and then fails
        every query: it is replaced by an empty one, which this run's briefings fill."""
        with self._connection() as db:
            if db is None:
                return None
            try:
                return query(db)
            except sqlite3.OperationalError:
                return None  # busy, read-only, full disk: skip
            except sqlite3.DatabaseError:
                fresh = _replace(self.database, db)
                if fresh is not None and self._open:
                    self._open[0] = fresh
                elif fresh is not None:
                    fresh.close()
                return None

    @contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection | None]:
        if self._open:
            yield self._open[0]
            return
        connection = _connect(self.database)
        try:
            yield connection
        finally:
            if connection is not None:
                connection.close()


def _replace(database: Path, damaged: sqlite3.Connection) -> sqlite3.Connection | None:
    """A connection to a new, empty database in place of a damaged one (None if it cannot
    be made)."""
    damaged.close()
    if not _remove_database(database):
        return None
    return _connect(database, retry=False)


def _remove_database(database: Path) -> bool:
    for path in (database, *(database.with_name(database.name + s) for s in ("-wal", "-shm"))):
        try:
            path.unlink(missing_ok=True)
        except OSError:
            return False
    return True


def _connect(database: Path, retry: bool = True) -> sqlite3.Connection | None:
    """A connection to the cache database, made if missing; None when it cannot be opened
    or made. A file there that is not a database (damaged, or something else) is replaced."""
    try:
        database.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    connection = None
    try:
        # Autocommit: each write is a transaction of its own.
        connection = sqlite3.connect(database, timeout=_BUSY_SECONDS, isolation_level=None)
        # Write-ahead logging lets builds read while another writes; `NORMAL` syncs at
        # checkpoints only, which is enough for a cache (a lost entry is made again).
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")
        connection.execute(
            "CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, data BLOB NOT NULL)"
        )
        return connection
    except sqlite3.OperationalError:
        # Cannot be opened or written (a read-only folder, a path through a file), or
        # another build holds it too long: skip the cache this time.
        _close(connection)
        return None
    except sqlite3.DatabaseError:
        # "file is not a database": damaged. Replace it once.
        _close(connection)
        if not retry or not _remove_database(database):
            return None
        return _connect(database, retry=False)


def _close(connection: sqlite3.Connection | None) -> None:
    if connection is not None:
        connection.close()


def _is_cache_file(name: str) -> bool:
    # The database, and the sites builds kept beside it (`render.incremental`).
    return name in _CACHE_FILES or bool(_SITE_RECORD.match(name))


def open_cache(root: Path = DEFAULT_FOLDER, fingerprint: str | None = None) -> BriefingCache:
    """The cache under `root` for this code version; the folders of other versions are
    removed (best effort: another build may be using them, and then simply misses). `root`
    may be any folder (`--cache-dir`): only a folder this module made is removed."""
    fingerprint = fingerprint or code_fingerprint()
    if root.is_dir():
        for old in root.iterdir():
            if old.name != fingerprint and _is_old_cache(old):
                shutil.rmtree(old, ignore_errors=True)
    return BriefingCache(folder=root / fingerprint, fingerprint=fingerprint)


def _is_old_cache(folder: Path) -> bool:
    """A folder of another code version: named by a fingerprint, a real folder (not a link)
    and holding nothing but a cache database's files."""
    if not _FINGERPRINT_DIR.match(folder.name) or folder.is_symlink() or not folder.is_dir():
        return False
    try:
        return all(_is_cache_file(p.name) and p.is_file() for p in folder.iterdir())
    except OSError:
        return False
