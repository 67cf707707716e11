"""Corpus: a seeds folder in, every briefing (and every seed that failed) out.

One bad seed does not stop the others: its `BriefingError` is collected and the rest are
made. A seed's sidecar (`seeds/NAME.yml`, see `overrides`) is applied after the per-article
pipeline, so `make_briefing` stays a function of the seed text alone; a bad sidecar fails
its seed like bad text does, and a sidecar without a seed is an error too. Slugs are made
unique across the corpus (a second article with the same title gets `-2`), in file-name
order so that the same inputs always give the same slugs.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from build_tools.briefing import make_briefing
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


def load_corpus(seeds_dir: Path) -> Corpus:
    """Make the briefing of every seed in `seeds_dir`, each with its sidecar applied."""
    briefings: list[Briefing] = []
    errors: list[BriefingError] = []
    for path in seed_paths(seeds_dir):
        try:
            briefings.append(make_seed_briefing(path))
        except BriefingError as exc:
            errors.append(exc)
    errors.extend(
        BriefingError(str(p), f"sidecar without a seed: no {p.stem}{SEED_SUFFIX} beside it")
        for p in orphan_sidecars(seeds_dir)
    )
    return Corpus(briefings=unique_slugs(briefings), errors=tuple(errors))


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
