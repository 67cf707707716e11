"""Actors: a page per party with its demands and proposals across all briefings, and an index.

A party is whatever an item is attributed to: a canonical party of the gazetteer
(`actors.py`), a name the text gives outside it, or `author` (each article's own author,
gathered on one page and labelled with the author's name per briefing). Every item links
back to the paragraph it comes from.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from build_tools.briefing import slugify
from build_tools.extract.actors import party_kind
from build_tools.records import Briefing, Item
from build_tools.render.markdown_text import escape, html_text, yaml_string
from build_tools.render.views.briefing_list import by_date
from build_tools.render.views.paths import (
    ACTORS_INDEX,
    briefing_link,
    count,
    paragraph_ref,
    relative,
)

AUTHOR = "author"
AUTHOR_LABEL = "The articles' authors"
AUTHOR_SLUG = "article-authors"


@dataclass(frozen=True, slots=True)
class PartyTotal:
    """How much one party puts forward across the corpus."""

    party: str
    """The party as items name it (`Russia`, `author`, ...)."""
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
    return AUTHOR_LABEL if party == AUTHOR else party


def party_totals(briefings: Iterable[Briefing]) -> list[PartyTotal]:
    """Every party with items, busiest first (then by name)."""
    demands: dict[str, int] = {}
    proposals: dict[str, int] = {}
    seen_in: dict[str, set[str]] = {}
    for b in briefings:
        for item in b.demands:
            demands[item.actor] = demands.get(item.actor, 0) + 1
            seen_in.setdefault(item.actor, set()).add(b.slug)
        for item in b.proposals:
            proposals[item.actor] = proposals.get(item.actor, 0) + 1
            seen_in.setdefault(item.actor, set()).add(b.slug)
    totals = [
        PartyTotal(p, demands.get(p, 0), proposals.get(p, 0), len(slugs))
        for p, slugs in seen_in.items()
    ]
    return sorted(totals, key=lambda t: (-t.items, t.party.lower()))


def party_slugs(briefings: Iterable[Briefing]) -> dict[str, str]:
    """A unique page slug for every party with items, stable for the same set of parties."""
    parties = sorted({i.actor for b in briefings for i in (*b.demands, *b.proposals)})
    slugs: dict[str, str] = {}
    taken = {"index"}
    for party in parties:
        base = AUTHOR_SLUG if party == AUTHOR else slugify(party) or "party"
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
    for b in by_date(briefings):
        for groups, items in ((demands, b.demands), (proposals, b.proposals)):
            mine: dict[str, list[Item]] = {}
            for item in items:
                mine.setdefault(item.actor, []).append(item)
            for party, found in mine.items():
                if party in groups:
                    groups[party].append((b, found))
    for party in slugs:
        pages[actor_path(party, slugs)] = render_actor_page(
            party, demands[party], proposals[party], slugs
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
        "| Party | Kind | Demands | Proposals | Briefings |",
        "|---|---|--:|--:|--:|",
    ]
    for t in totals:
        cells = [
            actor_link(ACTORS_INDEX, t.party, slugs),
            _kind(t.party),
            str(t.demands),
            str(t.proposals),
            str(t.briefings),
        ]
        lines.append(f"| {' | '.join(cells)} |")
    lines.append("")
    return "\n".join(lines)


def render_actor_page(
    party: str,
    demands: list[tuple[Briefing, list[Item]]],
    proposals: list[tuple[Briefing, list[Item]]],
    slugs: dict[str, str],
) -> str:
    """A party's demands and proposals, briefing by briefing, newest first: `demands` and
    `proposals` are the briefings that attribute any to the party, with those items."""
    page = actor_path(party, slugs)
    n_demands = sum(len(items) for _, items in demands)
    n_proposals = sum(len(items) for _, items in proposals)
    n_briefings = len({b.slug for b, _ in demands} | {b.slug for b, _ in proposals})
    lines = [
        # A front-matter title, escaped for HTML: without one the theme takes the page's
        # title from the heading with its tags stripped, which undoes its escaping (a party
        # named in a sidecar may hold "</title><img ...>").
        "---",
        f"title: {yaml_string(html_text(party_label(party)))}",
        "---",
        "",
        f"# {escape(party_label(party))}",
        "",
        f"*{_kind(party)}* · {count(n_demands, 'demand')} and {count(n_proposals, 'proposal')} "
        f"in {count(n_briefings, 'briefing')} · [all actors]({relative(page, ACTORS_INDEX)})",
        "",
    ]
    lines += _section(page, "Demands", demands, party)
    lines += _section(page, "Proposals", proposals, party)
    return "\n".join(lines)


def _section(
    page: str, title: str, groups: list[tuple[Briefing, list[Item]]], party: str
) -> list[str]:
    lines = [f"## {title}", ""]
    if not groups:
        return [*lines, f"*No {title.lower()} attributed to this party.*", ""]
    for b, items in groups:
        lines.append(f"### {briefing_link(page, b)}")
        lines.append("")
        lines.append(_briefing_note(b, party))
        lines.append("")
        for item in items:
            stance = f" *({item.stance})*" if item.stance else ""
            lines.append(
                f"- {escape(item.text)}{stance} — {paragraph_ref(page, b, item.paragraph)}"
            )
        lines.append("")
    return lines


def _briefing_note(b: Briefing, party: str) -> str:
    date = b.meta.date or "undated"
    if party == AUTHOR:
        names = ", ".join(b.meta.authors) or "author not given"
        return f"{date} · by {escape(names)}"
    return date


def _kind(party: str) -> str:
    return "the article's own author" if party == AUTHOR else escape(party_kind(party))
