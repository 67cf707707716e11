"""Corpus: a seeds folder in, every briefing (and every seed that failed) out.

One bad seed does not stop the others: its `BriefingError` is collected and the rest are
made. Slugs are made unique across the corpus (a second article with the same title gets
`-2`), in file-name order so that the same inputs always give the same slugs.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from build_tools.briefing import make_briefing
from build_tools.errors import BriefingError
from build_tools.reading import SEED_SUFFIX, read_seed
from build_tools.records import Briefing


@dataclass(frozen=True, slots=True)
class Corpus:
    """The briefings of a seeds folder."""

    briefings: tuple[Briefing, ...]
    """One briefing per readable seed, in seed file-name order."""
    errors: tuple[BriefingError, ...]
    """Seeds that could not be made into a briefing, with the reason."""


def seed_paths(seeds_dir: Path) -> list[Path]:
    """The seed files of a folder, sorted by name; an error if the folder is missing."""
    if not seeds_dir.is_dir():
        raise BriefingError(str(seeds_dir), "seeds folder not found")
    return sorted(p for p in seeds_dir.iterdir() if p.suffix == SEED_SUFFIX and p.is_file())


def load_corpus(seeds_dir: Path) -> Corpus:
    """Make the briefing of every seed in `seeds_dir`."""
    briefings: list[Briefing] = []
    errors: list[BriefingError] = []
    for path in seed_paths(seeds_dir):
        try:
            briefings.append(make_briefing(read_seed(path)))
        except BriefingError as exc:
            errors.append(exc)
    return Corpus(briefings=unique_slugs(briefings), errors=tuple(errors))


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
