"""Beyond one machine: the briefings of a seeds folder made on a Dask cluster.

A seeds folder (on a file system every worker can read) in, a `Corpus` out, the same as
`corpus.load_corpus` gives on one machine: one briefing per readable seed in file-name
order, slugs made unique (those of the folder's slug record kept), each briefing's rendered
parts (`render.parts`) beside it, and every seed that failed with its error. The per-seed
work (read, extract, apply the sidecar, render the briefing's own page and rows) runs on
the workers, in partitions sized to the cluster (a few per worker thread, so that a slow
partition does not hold the others up); what depends on every briefing (slugs, views,
related briefings) is then made on the calling machine by `generate_pages`, so the pages
are byte for byte those of a local build.

Needs the `dask` extra (`pip install ".[dask]"`: dask and distributed of matching
versions). The cache is not used: every briefing is made on the cluster.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from build_tools.cache import Derived
from build_tools.corpus import Corpus, make_seed_briefing, orphan_sidecars, seed_paths, unique_slugs
from build_tools.errors import BriefingError
from build_tools.read.reading import SEED_SUFFIX
from build_tools.records import Briefing
from build_tools.slugs import recorded_slugs

if TYPE_CHECKING:
    from distributed import Client

# Partitions per worker thread: enough that one slow partition leaves the others work.
PARTITIONS_PER_THREAD = 4


@dataclass(frozen=True, slots=True)
class SeedFailure:
    """A seed that could not be made, as plain data: a `BriefingError` does not survive
    pickling between processes (its constructor takes more than the message)."""

    path: str
    message: str
    line: int | None


def seed_outcome(
    path: str, derive: Callable[[Briefing], Derived] | None
) -> tuple[Briefing, Derived] | SeedFailure:
    """One seed's briefing and what `derive` makes of it, or why it failed; runs on a worker.

    A `BriefingError` fails the seed as on one machine. Any other exception is a bug, which
    on one machine stops the build: here it is reported with the seed that raised it, so
    that one bad seed does not lose the work of the whole cluster without saying where."""
    try:
        briefing = make_seed_briefing(Path(path))
    except BriefingError as exc:
        return SeedFailure(exc.path, exc.message, exc.line)
    except Exception as exc:  # a bug: reported with its seed (see the docstring)
        return SeedFailure(path, f"unexpected {type(exc).__name__}: {exc}", None)
    return briefing, derive(briefing) if derive is not None else None


def partition_count(seeds: int, threads: int) -> int:
    """How many partitions `seeds` seeds are cut into on a cluster of `threads` threads."""
    return max(1, min(seeds, threads * PARTITIONS_PER_THREAD))


def load_corpus_on_dask(
    seeds_dir: Path,
    scheduler: str | Client,
    derive: Callable[[Briefing], Derived] | None = None,
) -> Corpus:
    """Make the briefing of every seed of `seeds_dir` on the Dask cluster at `scheduler`
    (an address such as `tcp://10.0.0.5:8786`, or a `distributed.Client`); see the module's
    docstring. `derive` (the site's `render.parts.briefing_parts`) runs on the workers."""
    import dask.bag
    from distributed import Client

    paths = seed_paths(seeds_dir)
    recorded = recorded_slugs(seeds_dir, paths)  # a bad record fails before the cluster works
    client = scheduler
    if not isinstance(client, Client):
        client = Client(scheduler)  # type: ignore[no-untyped-call]
    try:
        threads = sum(client.nthreads().values()) or 1  # type: ignore[no-untyped-call]
        bag = dask.bag.from_sequence(  # type: ignore[no-untyped-call]
            [str(p) for p in paths], npartitions=partition_count(len(paths), threads)
        )
        outcomes: list[Any] = bag.map(seed_outcome, derive).compute(scheduler=client)
    finally:
        if client is not scheduler:
            client.close()  # type: ignore[no-untyped-call]
    made = [o for o in outcomes if isinstance(o, tuple)]
    errors = [
        BriefingError(o.path, o.message, o.line) for o in outcomes if not isinstance(o, tuple)
    ]
    errors.extend(
        BriefingError(str(p), f"sidecar without a seed: no {p.stem}{SEED_SUFFIX} beside it")
        for p in orphan_sidecars(seeds_dir)
    )
    return Corpus(
        briefings=unique_slugs([briefing for briefing, _derived in made], recorded),
        errors=tuple(errors),
        derived=tuple(derived for _briefing, derived in made) if derive else (),
    )
