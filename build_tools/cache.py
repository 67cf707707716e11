"""Cache: a seed's bytes (and its sidecar's) in, the briefing made from them before out.

A briefing is a function of the seed's bytes, its file name, its sidecar and the code and
rule files, and of nothing else, so the record can be kept under a hash of those and reused
while none of them changes: a second `build`, or `mkdocs serve` after one seed was edited,
re-extracts only the seeds that changed. Records are kept before slugs are made unique
(`corpus.unique_slugs` depends on the other seeds). Beside a record, an entry may keep what
was derived from it alone (its rendered parts, `render.parts`), which the same code
fingerprint makes as stable as the record.

Layout: `FOLDER/FINGERPRINT/briefings.sqlite3`, an SQLite database (Python's `sqlite3`) with
one row per entry: KEY and the pickled (KEY, record, derived). FINGERPRINT hashes every
`build_tools/**/*.py` and `build_tools/rules/*.yml` (once per process); KEY hashes the
fingerprint, the seed's file name and bytes and the sidecar's bytes. Opening the cache
removes the folders of other fingerprints, so it holds the records of one version of the
code; `load_corpus` removes the entries of seeds that changed or went away, so it holds
those of one seeds folder (two folders sharing a cache would only make each other's seeds
again). One database rather than a file per entry: on 1,000 seeds, creating the files cost
more than writing the rows (a quarter of a millisecond each, in the kernel).

Each entry is written in a transaction of its own, so a reader (another build) sees a whole
entry or none, and builds running at once wait for each other's writes. An entry that
cannot be read or unpickled is a miss and is rewritten; a database file that is not one is
replaced; a cache that cannot be opened or written is skipped. None of these is ever an
error. Unpickling runs code named in the data: keep the cache where only you write, as
`.cache/` of a checkout.
"""

from __future__ import annotations

import hashlib
import pickle
import re
import shutil
import sqlite3
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from build_tools.overrides import sidecar_path
from build_tools.records import Briefing

PACKAGE_DIR = Path(__file__).resolve().parent
DEFAULT_FOLDER = Path(".cache") / "briefings"
DATABASE = "briefings.sqlite3"
# Bumped when the entry format changes, so old entries are never read as new ones.
FORMAT = 3
_FINGERPRINT_DIR = re.compile(r"^[0-9a-f]{16}$")
# How long a build waits for another build's write before it skips the cache for a row.
_BUSY_SECONDS = 10.0

Entry = tuple[Briefing, object]
"""A stored briefing and what was derived from it (None if nothing)."""


@cache
def code_fingerprint(package_dir: Path = PACKAGE_DIR) -> str:
    """A hash of the code and rule files of the package (and of the Python version, which
    decides how records pickle); 16 hex digits."""
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


def pack(key: str, briefing: Briefing, derived: object = None) -> bytes:
    """The stored form of an entry: made where the briefing is made (a worker process), so
    that the briefing is pickled once, both to reach this process and to be kept."""
    return pickle.dumps((key, briefing, derived), protocol=pickle.HIGHEST_PROTOCOL)


def unpack(key: str, data: bytes | None) -> Entry | None:
    """The entry `pack` stored under `key`, or None when `data` is not one."""
    if data is None:
        return None
    try:
        stored_key, briefing, derived = pickle.loads(data)
    # Damaged data can fail to unpickle in many ways (UnpicklingError, EOFError, ValueError,
    # AttributeError for a record class that changed, ...): all are a miss.
    except Exception:
        return None
    if stored_key != key or not isinstance(briefing, Briefing):
        return None
    return briefing, derived


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
        digest = hashlib.sha256(self.fingerprint.encode())
        digest.update(_framed(seed.name.encode()))
        try:
            digest.update(_framed(seed.read_bytes()))
            sidecar = sidecar_path(seed)
            if sidecar.is_file():
                digest.update(_framed(sidecar.read_bytes()))
            else:
                digest.update(b"no sidecar")
        except OSError:
            return None
        return digest.hexdigest()

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
            self._open.clear()
            connection.close()

    def keys(self) -> set[str]:
        """The keys of every entry (an entry may still turn out unusable)."""
        with self._connection() as db:
            if db is None:
                return set()
            try:
                return {row[0] for row in db.execute("SELECT key FROM entries")}
            except sqlite3.Error:
                return set()

    def forget(self, keys: Iterable[str]) -> None:
        """Remove the entries of `keys` (a seed since changed or removed); skipped when the
        cache cannot be written."""
        gone = [(key,) for key in keys]
        if not gone:
            return
        with self._connection() as db:
            if db is None:
                return
            try:
                db.executemany("DELETE FROM entries WHERE key = ?", gone)
            except sqlite3.Error:
                return

    def get(self, key: str) -> Briefing | None:
        """The record stored under `key`, or None when there is none or it is unusable."""
        found = self.get_entry(key)
        return found[0] if found is not None else None

    def get_entry(self, key: str) -> Entry | None:
        """The record stored under `key` and what was derived from it, or None when there
        is no usable entry."""
        with self._connection() as db:
            if db is None:
                return None
            try:
                row = db.execute("SELECT data FROM entries WHERE key = ?", (key,)).fetchone()
            except sqlite3.Error:
                return None
        return unpack(key, row[0] if row else None)

    def put(self, key: str, briefing: Briefing, derived: object = None) -> None:
        """Store `briefing` (and what was derived from it, such as its rendered parts)
        under `key`; skipped when the cache cannot be written."""
        self.put_packed(key, pack(key, briefing, derived))

    def put_packed(self, key: str, data: bytes) -> None:
        """Store what `pack` made under `key`; skipped when the cache cannot be written."""
        with self._connection() as db:
            if db is None:
                return
            try:
                db.execute("INSERT OR REPLACE INTO entries (key, data) VALUES (?, ?)", (key, data))
            except sqlite3.Error:
                return

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
        if not retry:
            return None
        for path in (database, *(database.with_name(database.name + s) for s in ("-wal", "-shm"))):
            try:
                path.unlink(missing_ok=True)
            except OSError:
                return None
        return _connect(database, retry=False)


def _close(connection: sqlite3.Connection | None) -> None:
    if connection is not None:
        connection.close()


def open_cache(root: Path = DEFAULT_FOLDER, fingerprint: str | None = None) -> BriefingCache:
    """The cache under `root` for this code version; the folders of other versions are
    removed (best effort: another build may be using them, and then simply misses)."""
    fingerprint = fingerprint or code_fingerprint()
    if root.is_dir():
        for old in root.iterdir():
            if old.name != fingerprint and _FINGERPRINT_DIR.match(old.name) and old.is_dir():
                shutil.rmtree(old, ignore_errors=True)
    return BriefingCache(folder=root / fingerprint, fingerprint=fingerprint)
