"""Corpus: a seeds folder in, every briefing (and every seed that failed) out.

One bad seed does not stop the others: its `BriefingError` is collected and the rest are
made. A seed's sidecar (`seeds/NAME.yml`, see `overrides`) is applied after the per-article
pipeline, so `make_briefing` stays a function of the seed text alone; a bad sidecar fails
its seed like bad text does, and a sidecar without a seed is an error too. Slugs are made
unique across the corpus (a second article with the same title gets `-2`), in file-name
order so that the same inputs always give the same slugs.

Seeds are independent, so `jobs` > 1 maps the per-seed pipeline over a process pool in
chunks; the result is the same as with one process, in the same order. With a `cache`, a
seed whose bytes, sidecar and code are unchanged is not made again (see `cache`).
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from build_tools.briefing import make_briefing
from build_tools.cache import BriefingCache
from build_tools.errors import BriefingError
from build_tools.overrides import SIDECAR_SUFFIX, apply_sidecar, load_sidecar, sidecar_path
from build_tools.reading import SEED_SUFFIX, read_seed
from build_tools.records import Briefing


@dataclass(frozen=True, slots=True)
class Corpus:
    """The briefings of a seeds folder."""

    briefings: tuple[Briefing, ...]
    """One briefing per readable seed, in seed file-name order."""
    errors: tuple[BriefingError, ...]
    """Seeds that could not be made into a briefing, with the reason."""
    cached: int = 0
    """How many of the briefings were taken from the cache rather than made."""


# Below this many seeds to make, a pool costs more to start than it saves.
MIN_PARALLEL = 40


def seed_paths(seeds_dir: Path) -> list[Path]:
    """The seed files of a folder, sorted by name; an error if the folder is missing."""
    if not seeds_dir.is_dir():
        raise BriefingError(str(seeds_dir), "seeds folder not found")
    return sorted(p for p in seeds_dir.iterdir() if p.suffix == SEED_SUFFIX and p.is_file())


def orphan_sidecars(seeds_dir: Path) -> list[Path]:
    """Sidecar files of the folder with no seed file of the same name."""
    return sorted(
        p
        for p in seeds_dir.iterdir()
        if p.suffix == SIDECAR_SUFFIX and p.is_file() and not p.with_suffix(SEED_SUFFIX).is_file()
    )


def load_corpus(seeds_dir: Path, jobs: int = 1, cache: BriefingCache | None = None) -> Corpus:
    """Make the briefing of every seed in `seeds_dir`, each with its sidecar applied.

    `jobs` is the number of processes (0: one per available core); `cache`, when given,
    supplies the briefings of unchanged seeds and keeps the ones made.
    """
    paths = seed_paths(seeds_dir)
    keys = [cache.key(p) if cache else None for p in paths]
    found = [cache.get(k) if cache and k else None for k in keys]
    todo = [i for i, b in enumerate(found) if b is None]
    made = _make_all([(paths[i], keys[i]) for i in todo], cache, jobs)
    outcomes: list[Briefing | _Failure | None] = list(found)
    for i, outcome in zip(todo, made, strict=True):
        outcomes[i] = outcome
    briefings = [o for o in outcomes if isinstance(o, Briefing)]
    errors = [BriefingError(o.path, o.message, o.line) for o in outcomes if isinstance(o, _Failure)]
    errors.extend(
        BriefingError(str(p), f"sidecar without a seed: no {p.stem}{SEED_SUFFIX} beside it")
        for p in orphan_sidecars(seeds_dir)
    )
    return Corpus(
        briefings=unique_slugs(briefings),
        errors=tuple(errors),
        cached=len(paths) - len(todo),
    )


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


def _make_all(
    work: list[tuple[Path, str | None]], cache: BriefingCache | None, jobs: int
) -> Iterator[Briefing | _Failure]:
    """The outcome of each (seed, cache key), in order, made by `jobs` processes."""
    jobs = min(jobs or available_cores(), len(work))
    if jobs <= 1 or len(work) < MIN_PARALLEL:
        yield from (_make_and_keep(path, key, cache) for path, key in work)
        return
    # Chunks of a few dozen seeds keep the pool busy without a message per seed.
    chunk = max(1, min(64, len(work) // (jobs * 4)))
    with ProcessPoolExecutor(jobs, mp_context=_pool_context()) as pool:
        paths, keys = zip(*work, strict=True)
        yield from pool.map(_make_and_keep, paths, keys, [cache] * len(work), chunksize=chunk)


def _pool_context() -> multiprocessing.context.BaseContext:
    # `fork` starts workers fastest and needs no `if __name__ == "__main__":` guard in the
    # caller's script; but forking a process that runs other threads (`mkdocs serve`) can
    # copy a lock one of them holds, so there workers start from a clean `forkserver`.
    methods = multiprocessing.get_all_start_methods()
    if threading.active_count() == 1 and "fork" in methods and sys.platform != "darwin":
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _make_and_keep(path: Path, key: str | None, cache: BriefingCache | None) -> Briefing | _Failure:
    try:
        briefing = make_seed_briefing(path)
    except BriefingError as exc:
        return _Failure(exc.path, exc.message, exc.line)
    if cache is not None and key is not None:
        cache.put(key, briefing)
    return briefing


def make_seed_briefing(path: Path) -> Briefing:
    """The briefing of one seed file, with its sidecar applied when there is one."""
    source = read_seed(path)
    briefing = make_briefing(source)
    sidecar = sidecar_path(path)
    if not sidecar.is_file():
        return briefing
    return apply_sidecar(briefing, source, load_sidecar(sidecar))


def unique_slugs(briefings: list[Briefing]) -> tuple[Briefing, ...]:
    """The briefings with clashing slugs made distinct (`title`, `title-2`, ...)."""
    seen: set[str] = set()
    out = []
    for b in briefings:
        slug = b.slug
        n = 2
        while slug in seen:
            slug = f"{b.slug}-{n}"
            n += 1
        seen.add(slug)
        out.append(b if slug == b.slug else replace(b, slug=slug))
    return tuple(out)
