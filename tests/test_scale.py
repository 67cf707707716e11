"""Scale: with 1,000 generated briefings the site builds with `--strict`, and a briefing
page's HTML is no bigger than with 10 briefings plus 10% (no page lists every briefing or
actor in its navigation).

Article `i` of a generated corpus is the same whatever its size, so the first ten briefing
pages of both builds are the same articles and can be compared byte for byte.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.synthetic import load_pool, write_corpus
from build_tools.briefing import briefing_from_path
from tests.sitebuild import build_site

pytestmark = pytest.mark.slow

SMALL, LARGE = 10, 1000
GROWTH = 1.10


def page_sizes(site: Path, seeds: list[Path]) -> dict[str, int]:
    """Slug -> byte size of the built briefing page, for the given seeds."""
    sizes = {}
    for seed in seeds:
        slug = briefing_from_path(seed).slug
        sizes[slug] = (site / "briefings" / slug / "index.html").stat().st_size
    return sizes


def test_briefing_page_does_not_grow_with_the_corpus(tmp_path: Path) -> None:
    pool = load_pool()
    small_seeds = write_corpus(tmp_path / "small-seeds", SMALL, pool=pool)
    large_seeds = write_corpus(tmp_path / "large-seeds", LARGE, pool=pool)
    assert [p.read_bytes() for p in small_seeds] == [p.read_bytes() for p in large_seeds[:SMALL]]

    small_site = build_site(tmp_path / "small", tmp_path / "small-seeds")
    large_site = build_site(tmp_path / "large", tmp_path / "large-seeds")

    built = list((large_site / "briefings").glob("*/index.html"))
    assert len(built) == LARGE
    small = page_sizes(small_site, small_seeds)
    large = page_sizes(large_site, small_seeds)
    for slug, size in small.items():
        assert large[slug] <= size * GROWTH, f"{slug}: {size} -> {large[slug]} bytes"
    home_links = (large_site / "index.html").read_text(encoding="utf-8").count('href="briefings/')
    assert home_links < 2 * SMALL + 5, "the home page lists the latest briefings only"
