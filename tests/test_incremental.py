"""The site made again after a few briefings changed is the site made from scratch.

The related briefings are found again only for the briefings whose scores may have moved
(`views.related.update_related`), checked against a whole search on corpora where two parties
are everywhere, after random edits of topics, parties and dates. The site made again
(`render.incremental`) after a sentence added, a title changed, a seed added or removed is
`generate_pages`'s, and `build --out` after an edit writes the tree a build without the cache
writes, with new files only where bytes changed.
"""

from __future__ import annotations

import random
import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from benchmarks import serve_edit
from benchmarks.synthetic import write_corpus
from build_tools.cache import open_cache
from build_tools.cli import main
from build_tools.corpus import load_corpus
from build_tools.records import Briefing
from build_tools.render.incremental import make_site, remake_site, view_digest
from build_tools.render.markdown_text import remembering_escapes
from build_tools.render.pages import MARKER, generate_pages, list_pages
from build_tools.render.parts import briefing_parts
from build_tools.render.rendering import briefing_path
from build_tools.render.views import pagination
from build_tools.render.views.home import ABOUT
from build_tools.render.views.related import index_related, stored_index, update_related
from tests.conftest import SEEDS
from tests.sitebuild import prepare_project
from tests.test_views import seed_briefings

TOPICS = [f"topic {n}" for n in range(12)]
# One party has a topic's name: it counts once where a briefing has both.
PARTIES = ["Russia", "Ukraine", "topic 0", *(f"Party {n}" for n in range(15))]


def _briefing(base: Briefing, n: int, rng: random.Random) -> Briefing:
    actors = ["Russia", *rng.sample(PARTIES[1:], rng.randint(0, 3))]
    return replace(
        base,
        slug=f"b-{n:03d}",
        meta=replace(base.meta, date=f"2024-{rng.randint(1, 6):02d}-01"),
        topics=tuple(rng.sample(TOPICS, rng.randint(0, 3))),
        demands=tuple(replace(base.demands[0], actor=a) for a in actors),
        proposals=(),
    )


def _edit(b: Briefing, rng: random.Random) -> Briefing:
    """Another topic, party or date, or the same features (a changed sentence)."""
    kind = rng.choice(["topics", "party", "date", "same"])
    if kind == "topics":
        return replace(b, topics=tuple(rng.sample(TOPICS, rng.randint(0, 3))))
    if kind == "party":
        actors = rng.sample(PARTIES, rng.randint(1, 3))
        return replace(b, demands=tuple(replace(b.demands[0], actor=a) for a in actors))
    if kind == "date":
        return replace(b, meta=replace(b.meta, date=f"2024-{rng.randint(1, 6):02d}-01"))
    return replace(b, meta=replace(b.meta, title=b.meta.title + " (updated)"))


def _lists(index: object) -> dict[str, tuple[tuple[str, float], ...]]:
    return index.best  # type: ignore[attr-defined,no-any-return]


@pytest.mark.parametrize("seed", range(6))
def test_related_found_again_after_edits_are_those_found_from_scratch(seed: int) -> None:
    rng = random.Random(seed)
    base = seed_briefings()[0]
    briefings = [_briefing(base, n, rng) for n in range(200)]
    index = index_related(tuple(briefings))
    for _ in range(12):
        changed = set()
        for i in rng.sample(range(len(briefings)), rng.choice([1, 1, 1, 3])):
            briefings[i] = _edit(briefings[i], rng)
            changed.add(briefings[i].slug)
        before = index
        index, touched = update_related(before, tuple(briefings), changed)
        whole = index_related(tuple(briefings))
        assert _lists(index) == _lists(whole)
        assert index.feats == whole.feats and index.weight == whole.weight
        # Every briefing whose foot may show differently is reported.
        for slug, best in _lists(whole).items():
            if best != _lists(before)[slug] or any(s in changed for s, _ in best):
                assert slug in touched, (slug, best, _lists(before)[slug], changed)


def test_a_new_slug_searches_everything_again() -> None:
    rng = random.Random(7)
    base = seed_briefings()[0]
    briefings = tuple(_briefing(base, n, rng) for n in range(30))
    index = index_related(briefings[:-1])
    index, touched = update_related(index, briefings, set())
    assert touched == {b.slug for b in briefings}
    assert _lists(index) == _lists(index_related(briefings))


def test_related_found_again_from_a_kept_index_are_those_found_from_scratch() -> None:
    """A later build has only what the earlier one kept on disk: features, dates, lists."""
    rng = random.Random(11)
    base = seed_briefings()[0]
    briefings = [_briefing(base, n, rng) for n in range(120)]
    whole = index_related(tuple(briefings))
    kept = stored_index(whole.feats, whole.dates, whole.best)
    briefings[4] = _edit(_edit(briefings[4], rng), rng)
    index, _touched = update_related(kept, tuple(briefings), {briefings[4].slug})
    assert _lists(index) == _lists(index_related(tuple(briefings)))


# --- the whole site ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_seeds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("incremental") / "seeds"
    write_corpus(folder, 60, seed=5)
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, folder / seed.name)
    return folder


def _edits(seeds: Path) -> list[tuple[str, Callable[[Path], None]]]:
    """Edits a maintainer makes: a sentence added, a new title, a seed added, one removed."""
    paths = sorted(seeds.glob("*.txt"))

    def sentence(folder: Path) -> None:
        with (folder / paths[3].name).open("a", encoding="utf-8") as out:
            out.write("\nThe envoys met again the next morning.\n")

    def title(folder: Path) -> None:
        path = folder / paths[8].name
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        path.write_text("".join(["Title: A New Title for Talks\n", *lines]), encoding="utf-8")

    def added(folder: Path) -> None:
        shutil.copy(paths[10], folder / "zz_added.txt")

    def removed(folder: Path) -> None:
        (folder / paths[12].name).unlink()

    return [("sentence", sentence), ("title", title), ("added", added), ("removed", removed)]


@pytest.fixture(params=["views whole", "views cut"])
def views(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """The views as this corpus has them (one page each), or cut into pages of three
    entries, so that an edit adds, removes and shifts pages of a view."""
    if request.param == "views cut":
        monkeypatch.setattr(pagination, "PAGE_ENTRIES", 3)
    return str(request.param)


@pytest.mark.parametrize("edit", range(4))
def test_site_made_again_after_an_edit_is_the_site_made_whole(
    corpus_seeds: Path, tmp_path: Path, edit: int, views: str
) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(corpus_seeds, seeds)
    cache = open_cache(tmp_path / "cache")
    first = load_corpus(seeds, cache=cache, derive=briefing_parts)
    site = make_site(first.briefings, first.derived, keys=first.keys)
    assert dict(site.pages) == generate_pages(first.briefings)
    _name, change = _edits(corpus_seeds)[edit]
    change(seeds)
    again = load_corpus(seeds, cache=cache, derive=briefing_parts)
    for keys in (again.keys, ()):  # by cache key, or comparing the records
        remade = remake_site(site, again.briefings, again.derived, keys=keys)
        assert dict(remade.site.pages) == generate_pages(again.briefings)
        # A sentence added: all but the briefing and the few that show it are carried over.
        if edit == 0:
            assert len(remade.kept) > len(again.briefings) - 10


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize("edit", [0, 3])
def test_build_after_one_seed_changed_writes_the_tree_a_whole_build_writes(
    corpus_seeds: Path, tmp_path: Path, edit: int, views: str
) -> None:
    """`build --out` with a cache, a seed edited (or removed, which takes pages off the cut
    views), `build` again: the same files, byte for byte, as a build without the cache; only
    pages whose bytes changed are new files."""
    seeds = tmp_path / "seeds"
    shutil.copytree(corpus_seeds, seeds)
    out, cache = tmp_path / "out", tmp_path / "cache"
    build = ["-q", "build", "--seeds", str(seeds), "--out", str(out), "--jobs", "1"]
    assert main([*build, "--cache-dir", str(cache)]) == 0
    inodes = {p: (out / p).stat().st_ino for p in _tree(out)}
    _edits(corpus_seeds)[edit][1](seeds)
    assert main([*build, "--cache-dir", str(cache)]) == 0
    whole = tmp_path / "whole"
    assert main(["-q", "build", "--seeds", str(seeds), "--out", str(whole), "--no-cache"]) == 0
    assert _tree(out) == _tree(whole)
    same = [p for p, ino in inodes.items() if (out / p).exists() and (out / p).stat().st_ino == ino]
    new = set(_tree(out)) - set(same)
    if edit == 0:  # (a seed removed moves every later entry of a cut view up a place)
        assert len(same) > len(inodes) * 0.8
    assert "downloads/briefings.json" in new
    # Twice the same: nothing new is written.
    inodes = {p: (out / p).stat().st_ino for p in _tree(out)}
    assert main([*build, "--cache-dir", str(cache)]) == 0
    assert {p: (out / p).stat().st_ino for p in _tree(out) if p != MARKER} == {
        p: ino for p, ino in inodes.items() if p != MARKER
    }


def test_a_folder_written_since_is_built_whole(corpus_seeds: Path, tmp_path: Path) -> None:
    """The kept site is of the folder as the last build wrote it: a build to it without the
    cache in between makes the next one whole (and right)."""
    seeds = tmp_path / "seeds"
    shutil.copytree(corpus_seeds, seeds)
    out, cache = tmp_path / "out", tmp_path / "cache"
    build = ["-q", "build", "--seeds", str(seeds), "--out", str(out), "--jobs", "1"]
    assert main([*build, "--cache-dir", str(cache)]) == 0
    _edits(corpus_seeds)[1][1](seeds)
    assert main([*build, "--no-cache"]) == 0
    _edits(corpus_seeds)[0][1](seeds)
    assert main([*build, "--cache-dir", str(cache)]) == 0
    whole = tmp_path / "whole"
    assert main(["-q", "build", "--seeds", str(seeds), "--out", str(whole), "--no-cache"]) == 0
    assert _tree(out) == _tree(whole)


def test_lists_and_views_read_no_text(corpus_seeds: Path) -> None:
    """What `view_digest` leaves out (the text, warnings, edits) changes no list or view:
    so an edit of text alone carries them over."""
    briefings = load_corpus(corpus_seeds).briefings
    quiet = tuple(
        replace(
            b,
            summary="Another summary.",
            body=b.body[:1],
            related=("Another headline",),
            removed=("a removed line",),
            warnings=("a warning",),
            edits=("title",),
        )
        for b in briefings
    )
    assert {b.slug: view_digest(b) for b in quiet} == {b.slug: view_digest(b) for b in briefings}
    with remembering_escapes():
        assert list_pages(quiet, ABOUT) == list_pages(briefings, ABOUT)


def test_an_edit_of_text_alone_carries_the_lists_over(corpus_seeds: Path) -> None:
    briefings = load_corpus(corpus_seeds).briefings
    site = make_site(briefings)
    edited = (replace(briefings[0], summary="Another summary."), *briefings[1:])
    remade = remake_site(site, edited)
    assert set(site.lists) <= remade.kept
    assert briefing_path(edited[0]) not in remade.kept
    assert dict(remade.site.pages) == generate_pages(edited)


# --- mkdocs serve ----------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("dirty", [False, True])
def test_serve_shows_an_edit_and_dirty_builds_only_changed_pages(
    tmp_path: Path, dirty: bool
) -> None:
    """MkDocs' serve loop (`benchmarks.serve_edit`): the plugin kept between builds shows an
    edit; under `--dirty` MkDocs writes only the pages whose Markdown changed, and Pagefind
    indexes at the first build only."""
    seeds = tmp_path / "seeds"
    write_corpus(seeds, 6, seed=9)
    config = prepare_project(tmp_path / "project", seeds)
    figures = serve_edit.measure(config, seeds, tmp_path / "cache", dirty, edits=1)
    (rebuild,) = figures["rebuilds"]
    if dirty:
        assert 1 <= rebuild["html_written"] <= 3  # the edited briefing, a related one
        assert rebuild["index_s"] is None
    else:
        assert rebuild["html_written"] > 30  # every page
        assert rebuild["index_s"] is not None
    assert rebuild["hook_s"] is not None


def test_a_load_takes_the_entries_it_knows_rather_than_reading_the_cache(
    corpus_seeds: Path, tmp_path: Path
) -> None:
    """`mkdocs serve` hands each rebuild the entries of the last (`Corpus.entries`)."""
    cache = open_cache(tmp_path / "cache")
    first = load_corpus(corpus_seeds, cache=cache, derive=briefing_parts)
    assert set(first.entries) == set(first.keys)
    key = first.keys[0]
    briefing, parts = first.entries[key]
    marked = {**first.entries, key: (replace(briefing, summary="Known."), parts)}
    again = load_corpus(corpus_seeds, cache=cache, derive=briefing_parts, known=marked)
    assert again.briefings[0].summary == "Known."
    assert again.briefings[1:] == first.briefings[1:]
    assert again.cached == len(first.briefings)


def test_a_page_removed_from_the_output_makes_the_next_build_whole(
    corpus_seeds: Path, tmp_path: Path
) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(corpus_seeds, seeds)
    out, cache = tmp_path / "out", tmp_path / "cache"
    build = ["-q", "build", "--seeds", str(seeds), "--out", str(out), "--jobs", "1"]
    assert main([*build, "--cache-dir", str(cache)]) == 0
    page = next((out / "briefings").glob("*.md"))
    page.unlink()
    _edits(corpus_seeds)[0][1](seeds)
    assert main([*build, "--cache-dir", str(cache)]) == 0
    whole = tmp_path / "whole"
    assert main(["-q", "build", "--seeds", str(seeds), "--out", str(whole), "--no-cache"]) == 0
    assert _tree(out) == _tree(whole)
