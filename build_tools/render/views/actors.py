"""Actors: a page per party with its demands and proposals across all briefings, and an index.

A party is whatever an item is attributed to: a canonical party of the gazetteer
(`actors.py`), a name the text gives outside it, or an article's own author, a party of
their own named by the byline (`render/parties.py`), whose page also lists their briefings.
Every item links back to the paragraph it comes from.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from build_tools.briefing import slugify
from build_tools.records import Briefing, Item
from build_tools.render.charts import Series, bar_chart
from build_tools.render.markdown_text import escape, html_text, yaml_string
from build_tools.render.parties import (
    AUTHOR,
    author_slug,
    byline,
    item_party,
    party_name,
    stance_note,
)
from build_tools.render.tables import card_table
from build_tools.render.views.briefing_list import by_date
from build_tools.render.views.pagination import AnySection, Section, page_title, paginate
from build_tools.render.views.paths import (
    ACTORS_INDEX,
    briefing_link,
    count,
    paragraph_ref,
    relative,
)


@dataclass(frozen=True, slots=True)
class PartyTotal:
    """How much one party puts forward across the corpus."""

    party: str
    """The party as pages name it (`Russia`, an author's byline, ...)."""
    demands: int
    """Demands attributed to the party."""
    proposals: int
    """Proposals attributed to the party."""
    briefings: int
    """Briefings with at least one item of the party."""

    @property
    def items(self) -> int:
        return self.demands + self.proposals


def party_label(party: str) -> str:
    """How a party is named on the cross-article pages."""
    return party_name(party)


def party_kinds(briefings: Iterable[Briefing]) -> dict[str, str]:
    """Each party's kind, as its items give it (`Item.party_kind`); a byline's is `author`."""
    briefings = list(briefings)
    kinds: dict[str, str] = {}
    for b in briefings:
        for item in (*b.demands, *b.proposals):
            kinds.setdefault(item_party(b, item), item.party_kind)
    kinds.update(dict.fromkeys(author_parties(briefings), AUTHOR))
    return kinds


def author_parties(briefings: Iterable[Briefing]) -> set[str]:
    """The bylines of every briefing, each a party (`author` for an unnamed one)."""
    return {byline(b.meta) for b in briefings}


def party_totals(briefings: Iterable[Briefing]) -> list[PartyTotal]:
    """Every party with items, busiest first (then by name)."""
    demands: dict[str, int] = {}
    proposals: dict[str, int] = {}
    seen_in: dict[str, set[str]] = {}
    for b in briefings:
        for item in b.demands:
            party = item_party(b, item)
            demands[party] = demands.get(party, 0) + 1
            seen_in.setdefault(party, set()).add(b.slug)
        for item in b.proposals:
            party = item_party(b, item)
            proposals[party] = proposals.get(party, 0) + 1
            seen_in.setdefault(party, set()).add(b.slug)
    totals = [
        PartyTotal(p, demands.get(p, 0), proposals.get(p, 0), len(slugs))
        for p, slugs in seen_in.items()
    ]
    return sorted(totals, key=lambda t: (-t.items, t.party.lower()))


def party_slugs(briefings: Iterable[Briefing]) -> dict[str, str]:
    """A unique page slug for every party with items and every byline, stable for the same
    set of parties. An author's slug comes first and from the byline alone (`by-NAME`), as
    the briefing pages link to it; other parties give way to it."""
    briefings = list(briefings)
    authors = author_parties(briefings)
    parties = {item_party(b, i) for b in briefings for i in (*b.demands, *b.proposals)}
    slugs: dict[str, str] = {}
    taken = {"index"}
    ordered = sorted(authors) + sorted(parties - authors)
    for party in ordered:
        base = author_slug(party) if party in authors else slugify(party) or "party"
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        slugs[party] = slug
    return slugs


def actor_path(party: str, slugs: dict[str, str]) -> str:
    """The page of a party, e.g. `actors/russia.md`."""
    return f"actors/{slugs[party]}.md"


def actor_link(from_page: str, party: str, slugs: dict[str, str]) -> str:
    """A Markdown link to a party's page, labelled with its name."""
    return f"[{escape(party_label(party))}]({relative(from_page, actor_path(party, slugs))})"


def actor_pages(briefings: tuple[Briefing, ...], slugs: dict[str, str]) -> dict[str, str]:
    """The actors index and one page per party."""
    pages = {ACTORS_INDEX: render_actor_index(briefings, slugs)}
    # One pass over the briefings, newest first, sorts every item to its party's page.
    demands: dict[str, list[tuple[Briefing, list[Item]]]] = {party: [] for party in slugs}
    proposals: dict[str, list[tuple[Briefing, list[Item]]]] = {party: [] for party in slugs}
    written: dict[str, list[Briefing]] = {party: [] for party in slugs}
    for b in by_date(briefings):
        written[byline(b.meta)].append(b)
        for groups, items in ((demands, b.demands), (proposals, b.proposals)):
            mine: dict[str, list[Item]] = {}
            for item in items:
                mine.setdefault(item_party(b, item), []).append(item)
            for party, found in mine.items():
                if party in groups:
                    groups[party].append((b, found))
    authors = author_parties(briefings)
    kinds = party_kinds(briefings)
    for party in slugs:
        pages |= render_actor_page(
            party,
            demands[party],
            proposals[party],
            slugs,
            written[party] if party in authors else None,
            kinds.get(party, ""),
        )
    return pages


def render_actor_index(briefings: tuple[Briefing, ...], slugs: dict[str, str]) -> str:
    """Every party with its counts, busiest first."""
    totals = party_totals(briefings)
    lines = [
        "# Actors",
        "",
        f"{count(len(totals), 'party', 'parties')} put forward demands or proposals in "
        f"{count(len(briefings), 'briefing')}. "
        "Names are merged through the actor list (Putin, the Kremlin and Moscow count as "
        "Russia); a name outside that list keeps its own page.",
        "",
    ]
    rows = []
    kinds = party_kinds(briefings)
    for t in totals:
        rows.append(
            [
                actor_link(ACTORS_INDEX, t.party, slugs),
                escape(kinds.get(t.party, "")),
                str(t.demands),
                str(t.proposals),
                str(t.briefings),
            ]
        )
    header = ["Party", "Kind", "Demands", "Proposals", "Briefings"]
    lines += card_table(header, rows, (False, False, True, True, True))
    return "\n".join(lines)


def render_actor_page(
    party: str,
    demands: list[tuple[Briefing, list[Item]]],
    proposals: list[tuple[Briefing, list[Item]]],
    slugs: dict[str, str],
    written: list[Briefing] | None = None,
    kind: str = "",
) -> dict[str, str]:
    """A party's demands and proposals, briefing by briefing, newest first, on pages of at
    most `PAGE_ENTRIES` items: `demands` and `proposals` are the briefings that attribute any
    to the party, with those items; `written`, for an author, the briefings of the articles
    they wrote."""
    first = actor_path(party, slugs)
    n_demands = sum(len(items) for _, items in demands)
    n_proposals = sum(len(items) for _, items in proposals)
    n_briefings = len({b.slug for b, _ in demands} | {b.slug for b, _ in proposals})
    name = party_label(party)

    def head(page: str, number: int, pages: int) -> list[str]:
        title = page_title(name, number, pages)
        lines = [
            # A front-matter title, escaped for HTML: without one the theme takes the page's
            # title from the heading with its tags stripped, which undoes its escaping (a
            # party named in a sidecar may hold "</title><img ...>").
            "---",
            f"title: {yaml_string(html_text(title))}",
            "---",
            "",
            f"# {escape(title)}",
            "",
            f"*{escape(kind) or 'party'}* · {count(n_demands, 'demand')} and "
            f"{count(n_proposals, 'proposal')} in {count(n_briefings, 'briefing')} · "
            f"[all actors]({relative(page, ACTORS_INDEX)})",
            "",
        ]
        return lines + _over_time(page, demands, proposals) if number == 1 else lines

    sections: list[AnySection] = []
    if written is not None:
        heading = [f"## {'Articles' if party == AUTHOR else 'Their articles'}", ""]
        sections.append(Section(heading, written, _written_lines))
    sections += [_section("Demands", demands), _section("Proposals", proposals)]
    return paginate(first, head, sections)


def _written_lines(page: str, written: Sequence[Briefing]) -> list[str]:
    return [*(f"- {briefing_link(page, b)} ({b.meta.date or 'undated'})" for b in written), ""]


def _over_time(
    page: str,
    demands: list[tuple[Briefing, list[Item]]],
    proposals: list[tuple[Briefing, list[Item]]],
) -> list[str]:
    """The party's demands and proposals by the year their briefings were published
    (undated ones last): a chart and the table of the same numbers."""
    years: dict[str, list[int]] = {}
    for kind, groups in ((0, demands), (1, proposals)):
        for b, items in groups:
            year = b.meta.date[:4] if b.meta.date else "undated"
            years.setdefault(year, [0, 0])[kind] += len(items)
    if not years:
        return []
    order = sorted(years, key=lambda y: (y == "undated", y))
    chart = bar_chart(
        "party-over-time",
        "Demands and proposals over time, by the year of their briefing",
        order,
        [
            Series("demands", "series-a", [years[y][0] for y in order]),
            Series("proposals", "series-b", [years[y][1] for y in order]),
        ],
    )
    rows = [[y, str(years[y][0]), str(years[y][1])] for y in order]
    return [
        "## Over time",
        "",
        chart,
        *card_table(["Year", "Demands", "Proposals"], rows, (False, True, True)),
    ]


def _section(title: str, groups: list[tuple[Briefing, list[Item]]]) -> AnySection:
    """A party's demands or proposals, a group per briefing (each counting as its items)."""
    empty = [f"*No {title.lower()} attributed to this party.*", ""]
    return Section([f"## {title}", ""], groups, _group_lines, empty, lambda g: len(g[1]))


def _group_lines(page: str, groups: Sequence[tuple[Briefing, list[Item]]]) -> list[str]:
    lines = []
    for b, items in groups:
        lines.append(f"### {briefing_link(page, b)}")
        lines.append("")
        lines.append(b.meta.date or "undated")
        lines.append("")
        for item in items:
            note = stance_note(item)
            stance = f" *({note})*" if note else ""
            lines.append(
                f"- {escape(item.text)}{stance} — {paragraph_ref(page, b, item.paragraph)}"
            )
        lines.append("")
    return lines
