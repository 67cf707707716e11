"""Cache: a seed's bytes (and its sidecar's) in, the briefing made from them before out.

A briefing is a function of the seed's bytes, its file name, its sidecar and the code and
rule files, and of nothing else, so the record can be kept under a hash of those and reused
while none of them changes: a second `build`, or `mkdocs serve` after one seed was edited,
re-extracts only the seeds that changed. Records are kept before slugs are made unique
(`corpus.unique_slugs` depends on the other seeds).

Layout: `FOLDER/FINGERPRINT/KE/KEY.pickle`. FINGERPRINT hashes every `build_tools/**/*.py`
and `build_tools/rules/*.yml` (once per process); KEY hashes the fingerprint, the seed's file
name and bytes and the sidecar's bytes. Opening the cache removes the folders of other
fingerprints, so it holds the records of one version of the code.

Entries are written to a temporary file and renamed, so a reader (another worker or another
build) sees a whole entry or none. An entry that cannot be read or unpickled is a miss and is
rewritten; a cache that cannot be written is skipped. Neither is ever an error. Unpickling
runs code named in the file: keep the cache where only you write, as `.cache/` of a checkout.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from build_tools.overrides import sidecar_path
from build_tools.records import Briefing

PACKAGE_DIR = Path(__file__).resolve().parent
DEFAULT_FOLDER = Path(".cache") / "briefings"
# Bumped when the entry format changes, so old entries are never read as new ones.
FORMAT = 1
_FINGERPRINT_DIR = re.compile(r"^[0-9a-f]{16}$")


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


@dataclass(frozen=True, slots=True)
class BriefingCache:
    """Briefing records on disk, keyed by what they were made from."""

    folder: Path
    """This code version's folder, `ROOT/FINGERPRINT`."""
    fingerprint: str
    """The code fingerprint every key includes."""

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

    def entry(self, key: str) -> Path:
        """The file of an entry."""
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, key: str) -> Briefing | None:
        """The record stored under `key`, or None when there is none or it is unusable."""
        try:
            data = self.entry(key).read_bytes()
        except OSError:
            return None
        try:
            stored_key, briefing = pickle.loads(data)
        # A damaged file can fail to unpickle in many ways (UnpicklingError, EOFError,
        # ValueError, AttributeError for a record class that changed, ...): all are a miss.
        except Exception:
            return None
        if stored_key != key or not isinstance(briefing, Briefing):
            return None
        return briefing

    def put(self, key: str, briefing: Briefing) -> None:
        """Store `briefing` under `key`, atomically; skipped when the cache cannot be written."""
        target = self.entry(key)
        data = pickle.dumps((key, briefing), protocol=pickle.HIGHEST_PROTOCOL)
        tmp = None
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(tmp, target)
        except OSError:
            if tmp is not None:
                Path(tmp).unlink(missing_ok=True)


def open_cache(root: Path = DEFAULT_FOLDER, fingerprint: str | None = None) -> BriefingCache:
    """The cache under `root` for this code version; the folders of other versions are
    removed (best effort: another build may be using them, and then simply misses)."""
    fingerprint = fingerprint or code_fingerprint()
    if root.is_dir():
        for old in root.iterdir():
            if old.name != fingerprint and _FINGERPRINT_DIR.match(old.name) and old.is_dir():
                shutil.rmtree(old, ignore_errors=True)
    return BriefingCache(folder=root / fingerprint, fingerprint=fingerprint)
