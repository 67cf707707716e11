"""A briefing's parts (its page, its rows of the downloads, its dated sentences) made with it,
kept in the cache and used by `generate_pages`: the site is the same byte for byte as when
every part is made at the end, and a part made under another slug is never used."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from benchmarks.synthetic import write_corpus
from build_tools.cache import open_cache
from build_tools.corpus import MIN_PARALLEL, load_corpus, unique_slugs
from build_tools.extract.mentions import dated_mentions
from build_tools.records import Briefing
from build_tools.render import markdown_text
from build_tools.render.downloads import briefing_rows, download_files
from build_tools.render.pages import generate_pages
from build_tools.render.parts import BriefingParts, briefing_parts, parts_by_slug
from build_tools.render.rendering import render_briefing
from build_tools.render.search_fields import render_search_fields
from tests.conftest import SEEDS


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Enough synthetic seeds for a pool, and the public seeds."""
    folder = tmp_path_factory.mktemp("parts") / "seeds"
    write_corpus(folder, MIN_PARALLEL + 6, seed=11)
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, folder / seed.name)
    return folder


@pytest.fixture(scope="module")
def briefings(seeds: Path) -> tuple[Briefing, ...]:
    return load_corpus(seeds).briefings


def test_parts_are_those_of_the_page_downloads_and_timeline(
    briefings: tuple[Briefing, ...],
) -> None:
    b = briefings[0]
    parts = briefing_parts(b)
    assert parts.slug == b.slug
    assert parts.page.decode() == f"{render_briefing(b).rstrip()}\n\n{render_search_fields(b)}"
    assert parts.rows == briefing_rows(b)
    # The timeline's sentences are a field of the record, found when it was made.
    assert b.dated == dated_mentions(b.body) != ()


def test_site_from_parts_made_before_is_the_site_made_at_once(
    briefings: tuple[Briefing, ...],
) -> None:
    made = [briefing_parts(b) for b in briefings]
    assert generate_pages(briefings, made=made) == generate_pages(briefings)


def test_downloads_from_parts_equal_those_made_at_once(
    briefings: tuple[Briefing, ...],
) -> None:
    rows = {b.slug: briefing_rows(b) for b in briefings}
    assert download_files(briefings, made=rows) == download_files(briefings)


def test_parts_made_under_another_slug_are_made_again(briefings: tuple[Briefing, ...]) -> None:
    """Two articles with one title: the corpus renames the second (`-2`) after its parts
    were made under the first slug, which its page and rows name."""
    first, second = briefings[0], briefings[1]
    twin = replace(second, meta=replace(second.meta, title=first.meta.title), slug=first.slug)
    made = [briefing_parts(first), briefing_parts(twin)]
    renamed = unique_slugs([first, twin])
    assert renamed[1].slug == f"{first.slug}-2"
    parts = parts_by_slug(renamed, made)
    assert parts[renamed[1].slug].slug == renamed[1].slug
    assert f"{first.slug}-2".encode() in parts[renamed[1].slug].rows.record
    assert generate_pages(renamed, made=made) == generate_pages(renamed)


@pytest.mark.parametrize("stale", [None, "not parts", 42])
def test_anything_else_in_place_of_parts_is_ignored(
    briefings: tuple[Briefing, ...], stale: object
) -> None:
    made = [stale] * len(briefings)
    assert generate_pages(briefings, made=made) == generate_pages(briefings)
    assert generate_pages(briefings, made=made[:1]) == generate_pages(briefings)


def test_corpus_derives_parts_in_workers_and_keeps_them(seeds: Path, tmp_path: Path) -> None:
    cache = open_cache(tmp_path / "cache")
    cold = load_corpus(seeds, jobs=2, cache=cache, derive=briefing_parts)
    warm = load_corpus(seeds, jobs=2, cache=cache, derive=briefing_parts)
    serial = load_corpus(seeds, jobs=1, derive=briefing_parts)
    assert warm.cached == len(cold.briefings) > MIN_PARALLEL
    assert cold.derived == warm.derived == serial.derived
    parts = [p for p in cold.derived if isinstance(p, BriefingParts)]
    assert [p.slug for p in parts] == [b.slug for b in cold.briefings]
    assert load_corpus(seeds, cache=cache).derived == ()


def test_escapes_are_remembered_only_within_the_block() -> None:
    text = "A *title* <b>with</b> [brackets] & more"
    plain = markdown_text.escape(text)
    with markdown_text.remembering_escapes():
        with markdown_text.remembering_escapes():
            assert markdown_text.escape(text) == plain
        assert markdown_text._memo == {text: plain}
        assert markdown_text.escape(text) == plain
    assert markdown_text._memo is None
