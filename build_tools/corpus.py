"""Corpus: a seeds folder in, every briefing (and every seed that failed) out.

One bad seed does not stop the others: its `BriefingError` is collected and the rest are
made. A seed's sidecar (`seeds/NAME.yml`, see `overrides`) is applied after the per-article
pipeline, so `make_briefing` stays a function of the seed text alone; a bad sidecar fails
its seed like bad text does, and a sidecar without a seed is an error too. Slugs are made
unique across the corpus (a second article with the same title gets `-2`) and kept stable
by the folder's slug record (see `slugs`): a recorded seed keeps its slug, the others take
free ones in file-name order, so that the same inputs always give the same slugs.

Seeds are independent, so `jobs` > 1 maps the per-seed pipeline over a process pool in
chunks; the result is the same as with one process, in the same order. With a `cache`, a
seed whose bytes, sidecar and code are unchanged is not made again (see `cache`). A
`derive` function (the site's `render.parts.briefing_parts`) runs where each briefing is
made, so its work is spread over the pool too, and its result is cached with the briefing;
a worker hands both back encoded as the cache keeps them, encoded once. A seed and its
sidecar are read once, and both the cache key and the briefing are made from those bytes.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from build_tools.briefing import make_briefing
from build_tools.cache import (
    BriefingCache,
    Derived,
    Entry,
    SeedInputs,
    entry_key,
    pack,
    seed_inputs,
    unpack,
)
from build_tools.errors import BriefingError
from build_tools.overrides import SIDECAR_SUFFIX, apply_sidecar, load_sidecar_data, sidecar_path
from build_tools.read.reading import SEED_SUFFIX, decode_seed
from build_tools.records import Briefing
from build_tools.slugs import assign_slugs, recorded_slugs


@dataclass(frozen=True, slots=True)
class Corpus:
    """The briefings of a seeds folder."""

    briefings: tuple[Briefing, ...]
    """One briefing per readable seed, in seed file-name order."""
    errors: tuple[BriefingError, ...]
    """Seeds that could not be made into a briefing, with the reason."""
    cached: int = 0
    """How many of the briefings were taken from the cache rather than made."""
    derived: tuple[Derived, ...] = ()
    """With a `derive` function: what it made of each briefing (None where nothing),
    in the order of `briefings`."""
    keys: tuple[str | None, ...] = ()
    """With a cache: the cache key each briefing was made from (what it depends on), in
    the order of `briefings`; the site is made again only where they changed."""
    entries: Mapping[str, Entry] = field(default_factory=dict)
    """With a cache: each cache key's entry as the cache holds it (before slugs were made
    unique), for the next `load_corpus(..., known=...)` of the same process."""


# Below this many seeds to make, a pool costs more to start than it saves.
MIN_PARALLEL = 40


def seed_paths(seeds_dir: Path) -> list[Path]:
    """The seed files of a folder, sorted by name; an error if the folder is missing.

    Every name ending in `.txt` (in any case: `UPPER.TXT` too) is a seed, whatever it is: a
    folder or a broken link so named is reported as a seed that cannot be read rather than
    skipped without a word."""
    if not seeds_dir.is_dir():
        raise BriefingError(str(seeds_dir), "seeds folder not found")
    return sorted(p for p in seeds_dir.iterdir() if p.suffix.lower() == SEED_SUFFIX)


def orphan_sidecars(seeds_dir: Path) -> list[Path]:
    """Sidecar files of the folder with no seed file of the same name."""
    seeds = {p.with_suffix(SIDECAR_SUFFIX) for p in seed_paths(seeds_dir)}
    return sorted(
        p
        for p in seeds_dir.iterdir()
        if p.suffix == SIDECAR_SUFFIX and p.is_file() and p not in seeds
    )


def load_corpus(
    seeds_dir: Path,
    jobs: int = 1,
    cache: BriefingCache | None = None,
    derive: Callable[[Briefing], Derived] | None = None,
    progress: Callable[[int], None] | None = None,
    known: Mapping[str, Entry] | None = None,
) -> Corpus:
    """Make the briefing of every seed in `seeds_dir`, each with its sidecar applied.

    `jobs` is the number of processes (0: one per available core); `cache`, when given,
    supplies the briefings of unchanged seeds and keeps the ones made. `derive`, a function
    of one briefing (a module-level one, for the pool), is run on each briefing made, in the
    process that made it, and its result kept in the cache beside the briefing
    (`Corpus.derived`). `progress`, when given, is called with the number of seeds done as
    they are done (those read from the cache at once). `known`, with a cache: the entries a
    load of this process read before (`Corpus.entries`), taken by key rather than read and
    decoded again (what `mkdocs serve` does on each rebuild).
    """
    paths = seed_paths(seeds_dir)
    # Read first: a record that cannot be read stops the build before any work is done.
    recorded = recorded_slugs(seeds_dir, paths)
    keys: list[str | None] = [None] * len(paths)
    if cache is None:
        outcomes, cached = _outcomes(paths, keys, jobs, None, derive, progress)
    else:
        with cache.session():
            keys = [cache.key(p) for p in paths]
            outcomes, cached = _outcomes(paths, keys, jobs, cache, derive, progress, known)
    kept = [o for o in outcomes if isinstance(o, tuple)]
    briefings = [briefing for briefing, _derived in kept]
    errors = [BriefingError(o.path, o.message, o.line) for o in outcomes if isinstance(o, _Failure)]
    errors.extend(
        BriefingError(str(p), f"sidecar without a seed: no {p.stem}{SEED_SUFFIX} beside it")
        for p in orphan_sidecars(seeds_dir)
    )
    return Corpus(
        briefings=unique_slugs(briefings, recorded),
        errors=tuple(errors),
        cached=cached,
        derived=tuple(derived for _briefing, derived in kept) if derive else (),
        keys=tuple(k for k, o in zip(keys, outcomes, strict=True) if isinstance(o, tuple))
        if cache is not None
        else (),
        entries={k: o for k, o in zip(keys, outcomes, strict=True) if k and isinstance(o, tuple)}
        if cache is not None
        else {},
    )


def _outcomes(
    paths: list[Path],
    keys: list[str | None],
    jobs: int,
    cache: BriefingCache | None,
    derive: Callable[[Briefing], Derived] | None,
    progress: Callable[[int], None] | None = None,
    known: Mapping[str, Entry] | None = None,
) -> tuple[list[_Made | _Failure], int]:
    """The briefing (with what `derive` made of it) or the failure of each seed, in order,
    each from the cache where it holds it, else made and kept there; and how many came from
    the cache."""
    have = cache.keys() if cache is not None else set()
    todo = [i for i, key in enumerate(keys) if key not in have]
    outcomes: list[_Made | _Failure | None] = [None] * len(paths)
    with _pool(jobs, len(todo), len(paths) - len(todo)) as pool:
        # The seeds to make go to the pool first, so that its workers make them while this
        # process reads the stored briefings of the others.
        fingerprint = cache.fingerprint if cache is not None else None
        made = _make_all(pool, [paths[i] for i in todo], fingerprint, derive, jobs)
        for i, key in enumerate(keys):
            if cache is not None and key is not None and key in have:
                outcomes[i] = known[key] if known and key in known else cache.get_entry(key)
        if progress is not None and len(todo) < len(paths):
            progress(len(paths) - len(todo))
        for i, (key, outcome) in zip(todo, made, strict=True):
            outcomes[i] = _keep(outcome, key, cache)
            if progress is not None:
                progress(1)
    cached = len(paths) - len(todo) - outcomes.count(None)
    # A stored briefing that could not be read is made again (and its entry rewritten).
    done = [
        o if o is not None else _keep(*_swap(_make(paths[i], fingerprint, derive)), cache)
        for i, o in enumerate(outcomes)
    ]
    if cache is not None:
        # Entries of seeds since changed or removed: the cache holds this folder's seeds only,
        # so a long `mkdocs serve` session does not grow it with every edit.
        cache.forget(have.difference(keys))
    return done, cached


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity where the system tells it)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1  # pragma: no cover - systems without affinity (macOS, Windows)


@dataclass(frozen=True, slots=True)
class _Failure:
    """A `BriefingError` as plain data: the exception itself does not survive pickling
    between processes (its constructor takes more than the message)."""

    path: str
    message: str
    line: int | None


# A briefing made or read from the cache, and what `derive` made of it (None if nothing).
_Made = tuple[Briefing, Derived]


@contextmanager
def _pool(jobs: int, to_make: int, stored: int) -> Iterator[ProcessPoolExecutor | None]:
    """A process pool for making `to_make` briefings, or None where this process should
    make them itself: `jobs` is 1, or a pool would cost more to start than it saves. It
    saves when there are many to make; and, where workers fork cheaply from a process that
    runs no other thread, when this process has many `stored` briefings to read meanwhile."""
    workers = min(jobs or available_cores(), to_make)
    context = _pool_context()
    overlap = stored >= MIN_PARALLEL and context.get_start_method() == "fork"
    if (jobs or available_cores()) <= 1 or workers < 1 or (to_make < MIN_PARALLEL and not overlap):
        yield None
        return
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        yield pool


def _make_all(
    pool: ProcessPoolExecutor | None,
    paths: list[Path],
    fingerprint: str | None,
    derive: Callable[[Briefing], Derived] | None,
    jobs: int,
) -> Iterator[tuple[str | None, _Made | bytes | _Failure]]:
    """The cache key (with a `fingerprint`) and outcome of each seed, in order. With a pool,
    every seed is handed to it before this returns, and a worker hands back an entry packed
    for the cache where one is kept; without, each is made as the result is read."""
    if pool is None:
        return (_make(path, fingerprint, derive) for path in paths)
    # Chunks of a few dozen seeds keep the workers busy without a message per seed.
    workers = min(jobs or available_cores(), len(paths))
    chunk = max(1, min(64, len(paths) // (workers * 4)))
    n = len(paths)
    return pool.map(_make, paths, [fingerprint] * n, [derive] * n, [True] * n, chunksize=chunk)


def _pool_context() -> multiprocessing.context.BaseContext:
    # `fork` starts workers fastest and needs no `if __name__ == "__main__":` guard in the
    # caller's script; but forking a process that runs other threads (`mkdocs serve`) can
    # copy a lock one of them holds, so there workers start from a clean `forkserver`.
    methods = multiprocessing.get_all_start_methods()
    if threading.active_count() == 1 and "fork" in methods and sys.platform != "darwin":
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _make(
    path: Path,
    fingerprint: str | None,
    derive: Callable[[Briefing], Derived] | None,
    packed: bool = False,
) -> tuple[str | None, _Made | bytes | _Failure]:
    """Make one seed's briefing, and what `derive` makes of it, with the cache key of the
    bytes it was made from (None without a `fingerprint`, or when the seed cannot be read);
    `packed` (in a worker, where the cache is kept): as the cache stores it, so that it is
    encoded only once."""
    try:
        inputs = seed_inputs(path)
    except BriefingError as exc:
        return None, _Failure(exc.path, exc.message, exc.line)
    key = entry_key(fingerprint, inputs) if fingerprint else None
    try:
        briefing = briefing_of(inputs)
    except BriefingError as exc:
        return key, _Failure(exc.path, exc.message, exc.line)
    derived = derive(briefing) if derive is not None else None
    if packed and key is not None:
        return key, pack(key, briefing, derived)
    return key, (briefing, derived)


def _swap(
    made: tuple[str | None, _Made | bytes | _Failure],
) -> tuple[_Made | bytes | _Failure, str | None]:
    return made[1], made[0]


def _keep(
    outcome: _Made | bytes | _Failure, key: str | None, cache: BriefingCache | None
) -> _Made | _Failure:
    """A briefing just made, stored in the cache where one is kept under the key of the
    bytes it was made from (a seed that could not be read has no key, and a failure is not
    kept)."""
    if isinstance(outcome, bytes):  # packed by a worker: only where there is a key
        if cache is not None and key is not None:
            cache.put_packed(key, outcome)
        entry = unpack(key or "", outcome)
        if entry is None:
            raise RuntimeError(f"a worker's briefing for cache key {key} did not decode")
        return entry
    if cache is not None and key is not None and not isinstance(outcome, _Failure):
        cache.put(key, *outcome)
    return outcome


def make_seed_briefing(path: Path) -> Briefing:
    """The briefing of one seed file, with its sidecar applied when there is one."""
    return briefing_of(seed_inputs(path))


def briefing_of(inputs: SeedInputs) -> Briefing:
    """The briefing made from a seed's bytes and its sidecar's, read once."""
    source = decode_seed(inputs.data, str(inputs.path))
    briefing = make_briefing(source)
    if inputs.sidecar is None:
        return briefing
    where = str(sidecar_path(inputs.path))
    return apply_sidecar(briefing, source, load_sidecar_data(inputs.sidecar, where))


def unique_slugs(
    briefings: list[Briefing], recorded: Mapping[str, str] | None = None
) -> tuple[Briefing, ...]:
    """The briefings with clashing slugs made distinct (`title`, `title-2`, ...): a seed
    with a slug in `recorded` (the folder's slug record) keeps it, the others take the
    first free one in file-name order (see `slugs.assign_slugs`)."""
    return assign_slugs(briefings, recorded)
