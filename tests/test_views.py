"""Cross-article views on the seeds and on a generated corpus: every page says what the
briefings say, every link resolves, seed text stays text, and nothing grows with the corpus
where it must not (the navigation, the home page).
"""

from __future__ import annotations

import math
import random
import re
from dataclasses import replace
from pathlib import Path

import pytest

from benchmarks.synthetic import write_corpus
from build_tools.briefing import briefing_from_path
from build_tools.corpus import load_corpus
from build_tools.records import Briefing, Item, Link
from build_tools.render.downloads import FEED_FILE, JSON_FILE, LINKS_CSV
from build_tools.render.markdown_text import escape
from build_tools.render.pages import generate_pages
from build_tools.render.parties import AUTHOR, byline, item_party
from build_tools.render.rendering import briefing_path
from build_tools.render.views import matrix, paths, timeline
from build_tools.render.views.actors import actor_path, party_slugs, party_totals
from build_tools.render.views.home import LATEST
from build_tools.render.views.matrix import CELL_TEXT, MAX_COLUMNS, shorten
from build_tools.render.views.matrix import year_page as matrix_year_page
from build_tools.render.views.pagination import page_path
from build_tools.render.views.paths import proposal_topic_page as topic_page
from build_tools.render.views.proposals import NO_TOPIC, proposals_by_topic
from build_tools.render.views.related import MAX_RELATED, features, related_briefings
from build_tools.render.views.sources import citations_by_domain, link_domain
from build_tools.render.views.timeline import find_events, year_path
from tests.conftest import CASES, ROOT, SEEDS, load_yaml
from tests.sitebuild import plugin_names, site_config

VIEW_PAGES = [
    paths.HOME,
    paths.BRIEFINGS_INDEX,
    paths.ACTORS_INDEX,
    paths.MATRIX,
    paths.PROPOSALS,
    paths.TOPICS,
    paths.TIMELINE,
    paths.SOURCES,
    paths.DOWNLOADS,
]
# A Markdown link to a page of the site: `](target)`; outbound links are written `](<url>)`.
INTERNAL_LINK = re.compile(r"\]\(([^)<>\s]+)\)")


def seed_briefings() -> tuple[Briefing, ...]:
    return load_corpus(SEEDS).briefings


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> tuple[Briefing, ...]:
    folder = tmp_path_factory.mktemp("synthetic") / "seeds"
    write_corpus(folder, 40, seed=3)
    corpus = load_corpus(folder)
    assert not corpus.errors
    return corpus.briefings


@pytest.fixture(scope="module", params=["seeds", "synthetic"])
def corpus(request: pytest.FixtureRequest, synthetic: tuple[Briefing, ...]) -> tuple[Briefing, ...]:
    return seed_briefings() if request.param == "seeds" else synthetic


_PAGES: dict[int, tuple[tuple[Briefing, ...], dict[str, str]]] = {}


def site_pages(corpus: tuple[Briefing, ...]) -> dict[str, str]:
    """`generate_pages(corpus)`, made once per corpus of this module (it is a pure function)."""
    if id(corpus) not in _PAGES:
        _PAGES[id(corpus)] = (corpus, generate_pages(corpus))
    return _PAGES[id(corpus)][1]


def anchors_of(markdown: str) -> set[str]:
    """Anchors a generated page defines (`{: #p-3 style="--p: '3'" }`, `{ #h-1 }`)."""
    return set(re.findall(r"\{:? #([\w-]+)(?: style=\"--p: '\d+'\")? \}", markdown))


def resolve(page: str, target: str) -> tuple[str, str]:
    path, _, fragment = target.partition("#")
    if not path:
        return page, fragment
    parts: list[str] = page.split("/")[:-1]
    for part in path.split("/"):
        if part == "..":
            parts.pop()
        elif part != ".":
            parts.append(part)
    return "/".join(parts), fragment


# --- every view, every link ------------------------------------------------------------


def test_every_view_and_download_is_generated(corpus: tuple[Briefing, ...]) -> None:
    pages = site_pages(corpus)
    for path in [*VIEW_PAGES, JSON_FILE, LINKS_CSV, FEED_FILE]:
        assert path in pages, path
    for b in corpus:
        assert briefing_path(b) in pages


def assert_links_resolve(pages: dict[str, str]) -> int:
    """Every internal link of `pages` leads to one of them or to a hand-written page, and a
    paragraph anchor of a briefing to one its page defines; returns the links checked."""
    hand_written = {str(p.relative_to(ROOT / "docs")) for p in (ROOT / "docs").rglob("*.md")}
    checked = 0
    for page, text in pages.items():
        if not page.endswith(".md"):
            continue
        for target in INTERNAL_LINK.findall(text):
            path, fragment = resolve(page, target)
            assert path in pages or path in hand_written, f"{page}: {target}"
            if fragment and path.startswith("briefings/") and path in pages:
                assert fragment in anchors_of(pages[path]), f"{page}: {target}"
            checked += 1
    return checked


def test_every_internal_link_resolves(corpus: tuple[Briefing, ...]) -> None:
    assert assert_links_resolve(site_pages(corpus)) > len(corpus) * 5


def test_navigation_lists_index_pages_only() -> None:
    def entries(node: object) -> list[str]:
        if isinstance(node, str):
            return [node]
        if isinstance(node, list):
            return [e for item in node for e in entries(item)]
        if isinstance(node, dict):
            return [e for value in node.values() for e in entries(value)]
        return []

    listed = entries(site_config()["nav"])
    for page in VIEW_PAGES:
        assert page in listed, page
    for page in listed:
        assert not re.match(r"[\w-]+/(?!index\.md$)", page), page
    assert "tags" in plugin_names(site_config())


# --- actors --------------------------------------------------------------------------


def test_actor_pages_hold_every_item_with_its_paragraph(corpus: tuple[Briefing, ...]) -> None:
    pages = site_pages(corpus)
    slugs = party_slugs(corpus)
    for b in corpus:
        for item in (*b.demands, *b.proposals):
            page = actor_path(item_party(b, item), slugs)
            href = paths.briefing_href(page, b, item.paragraph)
            assert f"{escape(item.text)}" in pages[page]
            assert f"]({href})" in pages[page]
    for party in slugs:
        page = pages[actor_path(party, slugs)]
        n_items = sum(
            1 for b in corpus for i in (*b.demands, *b.proposals) if item_party(b, i) == party
        )
        assert page.count("— [¶ ") == n_items


def test_actor_index_counts_add_up(corpus: tuple[Briefing, ...]) -> None:
    totals = party_totals(corpus)
    assert sum(t.demands for t in totals) == sum(len(b.demands) for b in corpus)
    assert sum(t.proposals for t in totals) == sum(len(b.proposals) for b in corpus)
    assert [t.items for t in totals] == sorted((t.items for t in totals), reverse=True)
    index = site_pages(corpus)[paths.ACTORS_INDEX]
    for t in totals:
        assert f"| {t.demands} | {t.proposals} | {t.briefings} |" in index


def test_each_author_is_a_party_of_their_own_with_their_briefings() -> None:
    briefings = seed_briefings()
    slugs = party_slugs(briefings)
    pages = generate_pages(briefings)
    bylines = {byline(b.meta) for b in briefings}
    assert len(bylines) == len(briefings) == 2  # Henrik Larsen, Mary Dumoulin
    for b in briefings:
        party = byline(b.meta)
        assert slugs[party] == f"by-{re.sub(r'[^a-z]+', '-', party.lower())}"
        page = pages[actor_path(party, slugs)]
        assert page.startswith(f'---\ntitle: "{party}"')
        assert paths.briefing_link(actor_path(party, slugs), b) in page
        own = [i for i in b.proposals if i.actor == AUTHOR]
        assert own and page.count("*(the author's proposal)*") == len(own)
        assert "endorsed" not in page
        # The briefing page's link to the author's page resolves.
        briefing_page = pages[briefing_path(b)]
        assert f"(../actors/{slugs[party]}.md) (the author)" in briefing_page
    assert "The articles' authors" not in pages[paths.ACTORS_INDEX]


def test_party_slugs_are_unique_even_when_names_clash() -> None:
    b = seed_briefings()[0]
    clash = [Item("demand", name, "t", "e.", "p-1") for name in ("U.S.", "US", "Us", "Ж")]
    slugs = party_slugs([replace(b, demands=tuple(clash))])
    assert len(set(slugs.values())) == len(slugs)
    assert all(re.fullmatch(r"[a-z0-9-]+", s) for s in slugs.values())


# --- demands matrix and proposals catalogue -------------------------------------------


def year_of(b: Briefing) -> str:
    return b.meta.date[:4] if b.meta.date else "undated"


def matrix_page_of(b: Briefing, pages: dict[str, str]) -> str:
    """The matrix page holding a briefing's row: its year's, or the index when not split."""
    page = matrix_year_page(year_of(b))
    return page if page in pages else paths.MATRIX


@pytest.fixture(params=["one page", "by year"])
def matrix_split(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """The matrix on one page (the corpora are small), or split by year (as a large one)."""
    if request.param == "by year":
        monkeypatch.setattr(matrix, "PAGE_ROWS", 1)
    return str(request.param)


def test_matrix_is_split_by_year_only_beyond_a_page(
    corpus: tuple[Briefing, ...], matrix_split: str
) -> None:
    pages = generate_pages(corpus)
    year_pages = [p for p in pages if p.startswith("demands/") and p != paths.MATRIX]
    assert bool(year_pages) == (matrix_split == "by year")


def test_matrix_has_a_row_per_briefing_with_demands(
    corpus: tuple[Briefing, ...], matrix_split: str
) -> None:
    pages = generate_pages(corpus)
    matrix_pages = {p: t for p, t in pages.items() if p.startswith("demands/")}
    for b in corpus:
        page = matrix_page_of(b, pages)
        row = f"| {paths.briefing_link(page, b)}<br>"
        found = sum(text.count(row) for text in matrix_pages.values())
        assert found == (1 if b.demands else 0), b.slug
        if b.demands:
            assert row in pages[page]
    hrefs = [h for t in matrix_pages.values() for h in re.findall(r"\]\(([^)]+#p-\d+)\)", t)]
    assert len(hrefs) == sum(len(b.demands) for b in corpus)
    for page, text in matrix_pages.items():
        for header in (line for line in text.splitlines() if line.startswith("| Briefing |")):
            assert header.count("|") - 1 <= MAX_COLUMNS + 2, page


def test_matrix_index_counts_demands_per_party_and_year(
    corpus: tuple[Briefing, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(matrix, "PAGE_ROWS", 1)
    index = generate_pages(corpus)[paths.MATRIX]
    years = {year_of(b) for b in corpus if b.demands}
    for year in years:
        in_year = [b for b in corpus if b.demands and year_of(b) == year]
        link = f"[{year}]({year}.md)"
        row = next(line for line in index.splitlines() if line.startswith(f"| {link} |"))
        counts = [int(c) for c in row.strip("| ").split(" | ")[1:]]
        assert counts[0] == len(in_year)
        assert sum(counts[1:]) == sum(len(b.demands) for b in in_year)


def test_matrix_cell_is_in_the_party_column(
    corpus: tuple[Briefing, ...], matrix_split: str
) -> None:
    pages = generate_pages(corpus)
    for b in corpus:
        if not b.demands:
            continue
        page = matrix_page_of(b, pages)
        lines = pages[page].splitlines()
        row = next(line for line in lines if paths.briefing_link(page, b) in line)
        header = next(line for line in lines if line.startswith("| Briefing |"))
        columns = [c.strip() for c in header.strip("|").split(" | ")]
        cells = [c.strip() for c in row.strip("|").split(" | ")]
        for item in b.demands:
            href = paths.briefing_href(page, b, item.paragraph)
            text = escape(shorten(item.text, CELL_TEXT))
            owner = [n for n, cell in enumerate(cells) if f"{text}]({href})" in cell]
            assert owner, item
            label = columns[owner[0]]
            slug = party_slugs(corpus)[item_party(b, item)]
            assert label == "Other parties" or f"actors/{slug}.md" in label


def test_proposals_catalogue_lists_each_proposal_once(corpus: tuple[Briefing, ...]) -> None:
    pages = site_pages(corpus)
    groups = proposals_by_topic(corpus)
    listed = 0
    for topic, rows in groups.items():
        page = pages[topic_page(topic)]
        assert page.startswith(f"# Proposals: {escape(topic)}\n")
        hrefs = re.findall(r"\]\(([^)]+#p-\d+)\) \| \[", page)
        assert len(hrefs) == len(rows)
        listed += len(rows)
        for b, item, topics in rows:
            assert (topics[0] if topics else NO_TOPIC) == topic
            assert topics == item.topics
            assert paths.briefing_href(topic_page(topic), b, item.paragraph) in hrefs
        assert f"]({Path(topic_page(topic)).name}) | {len(rows)} |" in pages[paths.PROPOSALS]
    assert listed == sum(len(b.proposals) for b in corpus)


def test_each_topic_page_lists_its_tagged_briefings_once(corpus: tuple[Briefing, ...]) -> None:
    pages = site_pages(corpus)
    tagged = {t for b in corpus for t in b.topics}
    assert tagged
    for topic in tagged:
        first = paths.topic_page(topic)
        assert pages[first].startswith(f"# Topic: {escape(topic)}\n")
        shown: list[str] = []
        number = 1
        while page_path(first, number) in pages:  # every page of the topic's list
            page = page_path(first, number)
            shown += [
                href.rsplit("/", 1)[-1].removesuffix(".md")
                for href in re.findall(r"\]\((\.\./(?:\.\./)*briefings/[^)#]+\.md)\)", pages[page])
            ]
            number += 1
        assert sorted(shown) == sorted(b.slug for b in corpus if topic in b.topics), topic
        # The topics page links to it, with its count of briefings.
        label = f"[{escape(topic)}]({paths.relative(paths.TOPICS, first)})"
        assert f"| {label} | {len(set(shown))} |" in pages[paths.TOPICS]
    untagged = [p for p in pages if p.startswith("topics/") and p.endswith(".md")]
    assert len({p.split("/")[1].removesuffix(".md") for p in untagged}) == len(tagged)


# --- timeline -------------------------------------------------------------------------


@pytest.mark.parametrize("case", sorted((CASES / "periods").glob("*.yml")), ids=lambda p: p.stem)
def test_period_case(case: Path) -> None:
    from build_tools.extract.mentions import find_periods

    data = load_yaml(case)
    assert [p.when for p in find_periods(data["text"])] == data["periods"]


@pytest.fixture(params=["one page", "by year"])
def timeline_split(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """The timeline on one page (the corpora are small), or split by year."""
    if request.param == "by year":
        monkeypatch.setattr(timeline, "PAGE_ENTRIES", 1)
    return str(request.param)


def timeline_page_of(year: str, pages: dict[str, str]) -> str:
    return year_path(year) if year_path(year) in pages else paths.TIMELINE


def test_timeline_lists_undated_briefings_apart(
    corpus: tuple[Briefing, ...], timeline_split: str
) -> None:
    pages = generate_pages(corpus)
    index = pages[paths.TIMELINE]
    assert any(p.startswith("timeline/2") for p in pages) == (timeline_split == "by year")
    undated_part = index.split("## Undated briefings", 1)[1]
    for b in corpus:
        link = paths.briefing_link(paths.TIMELINE, b)
        if b.meta.date:
            assert link not in undated_part
            page = timeline_page_of(b.meta.date[:4], pages)
            text = pages[page]
            if page == paths.TIMELINE:
                text = text.split(f"## {b.meta.date[:4]} {{ #y-", 1)[1]
            published = text.split("# Events mentioned")[0]
            assert f"{b.meta.date} · {paths.briefing_link(page, b)}" in published
        else:
            assert link in undated_part


def test_timeline_events_link_to_the_sentence_paragraph(
    corpus: tuple[Briefing, ...], timeline_split: str
) -> None:
    pages = generate_pages(corpus)
    events = find_events(corpus)
    assert events, "the corpus mentions dates"
    for e in events:
        paragraph = next(p for p in e.briefing.paragraphs if p.anchor == e.paragraph)
        assert e.sentence in paragraph.text
        page = timeline_page_of(e.when[:4], pages)
        ref = paths.paragraph_ref(page, e.briefing, e.paragraph)
        assert f"**{e.when}** — {escape(e.sentence)} — " in pages[page]
        assert ref in pages[page]
    assert [e.when for e in events] == sorted(e.when for e in events)


# --- sources --------------------------------------------------------------------------


def test_link_domain() -> None:
    assert link_domain("https://www.Example.org/a?b=c") == "example.org"
    assert link_domain("mailto:desk@news.example.com") == "news.example.com"
    assert link_domain("#") is None
    assert link_domain("javascript:void(0)") is None
    assert link_domain("/relative/path") is None


def test_sources_group_every_outbound_link(corpus: tuple[Briefing, ...]) -> None:
    groups = citations_by_domain(corpus)
    outbound = [lk for b in corpus for lk in b.links if not lk.placeholder and link_domain(lk.href)]
    assert sum(len(c) for c in groups.values()) == len(outbound)
    page = site_pages(corpus)[paths.SOURCES]
    for domain, cites in groups.items():
        assert f"## {escape(domain)}" in page
        assert f"| {escape(domain)} | {len(cites)} |" in page


def test_sources_count_lost_targets_per_briefing() -> None:
    briefings = seed_briefings()
    page = generate_pages(briefings)[paths.SOURCES]
    section = page.split("## Unresolved link targets", 1)[1]
    for b in briefings:
        lost = sum(1 for lk in b.links if lk.placeholder)
        link = paths.briefing_link(paths.SOURCES, b)
        if lost:
            row = next(line for line in section.splitlines() if link in line)
            assert f"| {lost} | 0 | {len(b.links)} |" in row
        else:
            assert link not in section


# --- related briefings ----------------------------------------------------------------


def test_related_briefings_share_something_and_are_ranked(corpus: tuple[Briefing, ...]) -> None:
    related = related_briefings(corpus)
    for b in corpus:
        rels = related[b.slug]
        assert len(rels) <= MAX_RELATED
        assert all(r.briefing.slug != b.slug and r.shared for r in rels)
        # Scores equal to 9 places are ties (broken by date), whatever their last digits.
        scores = [round(r.score, 9) for r in rels]
        assert scores == sorted(scores, reverse=True)
        for r in rels:
            mine = set(b.topics) | {i.actor for i in (*b.demands, *b.proposals)}
            assert set(r.shared) <= mine - {AUTHOR}


def test_related_section_is_at_the_foot_of_each_briefing_page(
    corpus: tuple[Briefing, ...],
) -> None:
    pages = site_pages(corpus)
    related = related_briefings(corpus)
    for b in corpus:
        page = pages[briefing_path(b)]
        if related[b.slug]:
            foot = page.split("## Related briefings", 1)[1]
            assert page.index("## Full text") < page.index("## Related briefings")
            for r in related[b.slug]:
                assert f"]({r.briefing.slug}.md)" in foot
        else:
            assert "## Related briefings" not in page


def test_seeds_are_related_to_each_other() -> None:
    briefings = seed_briefings()
    related = related_briefings(briefings)
    first, second = briefings
    assert [r.briefing.slug for r in related[first.slug]] == [second.slug]
    assert "NATO membership" in related[first.slug][0].shared


# --- home page ------------------------------------------------------------------------


def test_home_shows_the_latest_briefings_only(synthetic: tuple[Briefing, ...]) -> None:
    home = site_pages(synthetic)[paths.HOME]
    linked = re.findall(r"\]\(briefings/(?!index\.md)([a-z0-9-]+)\.md\)", home)
    assert len(linked) == LATEST < len(synthetic)
    newest = sorted((b for b in synthetic if b.meta.date), key=lambda b: b.meta.date or "")
    assert newest[-1].slug in linked
    assert f"[All {len(synthetic)} briefings](briefings/index.md)" in home
    for page in [*VIEW_PAGES[2:], JSON_FILE, LINKS_CSV, FEED_FILE]:
        assert f"]({page})" in home, page


def test_home_totals(corpus: tuple[Briefing, ...]) -> None:
    home = site_pages(corpus)[paths.HOME]
    assert f"**{len(corpus)}** briefing" in home
    assert f"**{sum(len(b.demands) for b in corpus)}** demand" in home
    assert f"**{sum(len(b.proposals) for b in corpus)}** proposal" in home


# --- seed text stays text -------------------------------------------------------------

HOSTILE = "<script>alert(1)</script> **bold** [x](javascript:alert(2)) !!! note | pipe"


def hostile_briefing() -> Briefing:
    b = seed_briefings()[0]
    item = Item("demand", HOSTILE, HOSTILE, HOSTILE, b.paragraphs[0].anchor)
    proposal = replace(item, kind="proposal", stance="reported")
    link = Link(HOSTILE, "javascript:alert(3)", "inline", HOSTILE, False, b.paragraphs[0].anchor)
    evil = Link("x", "https://evil.example/<script>", "inline", HOSTILE, False, None)
    meta = replace(b.meta, title=HOSTILE, authors=(HOSTILE,), publication=HOSTILE)
    return replace(
        b, meta=meta, demands=(item,), proposals=(proposal,), links=(link, evil), summary=HOSTILE
    )


def test_seed_text_never_becomes_markup_in_views() -> None:
    b = hostile_briefing()
    pages = generate_pages((b, seed_briefings()[1]))
    for path, text in pages.items():
        if not path.endswith(".md") or path == briefing_path(b):
            continue
        if text.startswith("---\n"):  # front matter: YAML the theme writes into HTML as is
            _, front, text = text.split("---\n", 2)
            assert "<" not in front, path
        assert "<script" not in text, path
        assert not re.search(r"(?<!\\)\]\(javascript:", text), path  # a link, not "\\](" text
        assert "**bold**" not in text, path
        assert "\n!!! note" not in text, path


def test_views_do_not_depend_on_input_order(synthetic: tuple[Briefing, ...]) -> None:
    assert generate_pages(synthetic) == generate_pages(tuple(reversed(synthetic)))


def test_empty_corpus_still_has_every_view() -> None:
    pages = generate_pages(())
    for path in VIEW_PAGES:
        assert path in pages
    assert "No demands found" in pages[paths.MATRIX]
    assert "No proposals found" in pages[paths.PROPOSALS]


def test_year_pages_exist_for_publication_and_event_years(monkeypatch: pytest.MonkeyPatch) -> None:
    b = briefing_from_path(SEEDS / "000_a67e73254438302a.txt")
    assert year_path("2021") not in generate_pages((b,))  # a few entries: one page
    monkeypatch.setattr(timeline, "PAGE_ENTRIES", 1)
    pages = generate_pages((b,))
    assert year_path("2021") in pages
    assert any(year_path(e.when[:4]) in pages for e in find_events((b,)))


def _related_by_reading_everything(briefings: tuple[Briefing, ...]) -> dict[str, list[str]]:
    """The plain definition: score every other briefing, keep the best five."""
    feats = {b.slug: features(b) for b in briefings}
    held = {f: sum(f in fs for fs in feats.values()) for fs in feats.values() for f in fs}
    weight = {f: 1 + math.log(len(briefings) / n) for f, n in held.items()}
    # Ties: the newer briefing first, then by slug.
    newest = sorted(
        sorted(briefings, key=lambda b: b.slug), key=lambda b: b.meta.date or "", reverse=True
    )
    rank = {b.slug: n for n, b in enumerate(newest)}
    out = {}
    for b in briefings:
        scores = {
            o.slug: sum(weight[f] for f in feats[b.slug] if f in feats[o.slug])
            for o in briefings
            if o.slug != b.slug and set(feats[b.slug]) & set(feats[o.slug])
        }
        ranked = sorted(scores, key=lambda s: (-round(scores[s], 9), rank[s]))
        out[b.slug] = ranked[:MAX_RELATED]
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_related_briefings_are_those_of_reading_every_briefing(seed: int) -> None:
    """The posting-list search picks what scoring every pair by the plain definition picks
    (ties to the newer briefing, then by slug), on corpora where two parties are everywhere."""
    rng = random.Random(seed)
    topics = [f"topic {n}" for n in range(15)]
    # One party has a topic's name: it counts once where a briefing has both.
    parties = ["Russia", "Ukraine", "topic 0", *(f"Party {n}" for n in range(20))]
    base = seed_briefings()[0]
    corpus = []
    for n in range(300):
        actors = ["Russia", "Ukraine", *rng.sample(parties[2:], rng.randint(0, 3))]
        corpus.append(
            replace(
                base,
                slug=f"b-{n:03d}",
                meta=replace(base.meta, date=f"2024-{rng.randint(1, 12):02d}-01"),
                topics=tuple(rng.sample(topics, rng.randint(0, 3))),
                demands=tuple(replace(base.demands[0], actor=a) for a in actors),
                proposals=(),
            )
        )
    briefings = tuple(corpus)
    related = related_briefings(briefings)
    expected = _related_by_reading_everything(briefings)
    assert {s: [r.briefing.slug for r in rels] for s, rels in related.items()} == expected
