"""The home page as a dashboard: totals, the latest briefings, the busiest parties and
topics, and links to every view and download.

It shows the latest `LATEST` briefings, never all of them, so that it stays one screen with
thousands of briefings; `briefings/index.md` is the full list.
"""

from __future__ import annotations

from build_tools.records import Briefing
from build_tools.render.downloads import (
    DEMANDS_CSV,
    FEED_FILE,
    JSON_FILE,
    LINKS_CSV,
    PROPOSALS_CSV,
    SCHEMA_FILE,
)
from build_tools.render.tables import card_table
from build_tools.render.views.actors import actor_link, party_totals
from build_tools.render.views.briefing_list import briefing_table, by_date
from build_tools.render.views.paths import (
    ACTORS_INDEX,
    BRIEFINGS_INDEX,
    DOWNLOADS,
    HOME,
    MATRIX,
    PROPOSALS,
    SOURCES,
    TIMELINE,
    TOPICS,
    count,
)
from build_tools.render.views.tags import topic_counts, topic_link

NUMBERS = (False, True, True, True)

LATEST = 10
# The hand-written page on how a briefing is made (docs/about.md), from the home page.
ABOUT = "about.md"
BUSIEST = 8

VIEWS = [
    (ACTORS_INDEX, "Actors", "every party's demands and proposals across the briefings"),
    (MATRIX, "Demands matrix", "parties against briefings"),
    (PROPOSALS, "Proposals catalogue", "every proposal, by topic"),
    (TOPICS, "Topics", "briefings by topic tag"),
    (TIMELINE, "Timeline", "publication dates and the dates the articles mention"),
    (SOURCES, "Sources", "outbound links by domain, and lost link targets"),
]
FILES = [
    (JSON_FILE, "all records as JSON"),
    (SCHEMA_FILE, "its JSON Schema"),
    (DEMANDS_CSV, "demands"),
    (PROPOSALS_CSV, "proposals"),
    (LINKS_CSV, "links"),
    (FEED_FILE, "Atom feed"),
]


def render_home(
    briefings: tuple[Briefing, ...], slugs: dict[str, str], about: str | None = ABOUT
) -> str:
    """The home page; `about` is the link to the page that says how a briefing is made,
    relative to it (None: the site has no such page)."""
    made = f"see [how a briefing is made]({about})" if about else "check it against the original"
    # No front matter: the navigation stays visible (it reaches About, Accuracy and
    # Performance), and the page's title is the site's name, unlike the list of all
    # briefings ("All briefings").
    lines = [
        "# Negotiation briefings",
        "",
        "What each opinion and analysis piece on the Russia–Ukraine negotiations says: **who "
        "demands what, who proposes what, and what sources it rests on.** Each briefing is "
        f"made automatically from a scraped article; {made}.",
        "",
        _totals(briefings, len(party_totals(briefings))),
        "",
        "## Latest briefings",
        "",
    ]
    latest = by_date(briefings)[:LATEST]
    if latest:
        lines += briefing_table(latest, HOME)
    else:
        lines.append("*No briefings yet: add seed files to `seeds/`.*")
    lines += [f"[All {count(len(briefings), 'briefing')}]({BRIEFINGS_INDEX})", ""]
    lines += _busiest_parties(briefings, slugs)
    lines += _busiest_topics(briefings)
    lines += ["## Views", ""]
    lines += [f"- [{title}]({path}): {what}" for path, title, what in VIEWS]
    if about:
        lines += [
            f"- [How a briefing is made]({about}), how accurate it is and how fast: under "
            "*About* in the navigation"
        ]
    lines += ["", "## Downloads", ""]
    files = " · ".join(f"[`{p.rsplit('/', 1)[1]}`]({p}) ({what})" for p, what in FILES)
    lines += [f"{files} — [what each file holds]({DOWNLOADS})", ""]
    return "\n".join(lines)


def _totals(briefings: tuple[Briefing, ...], parties: int) -> str:
    dates = sorted(b.meta.date for b in briefings if b.meta.date)
    span = ""
    if dates:
        span = (
            f" · published {dates[0]}"
            if dates[0] == dates[-1]
            else f" · published {dates[0]} to {dates[-1]}"
        )
    counts = [
        (len(briefings), "briefing", "briefings"),
        (sum(len(b.demands) for b in briefings), "demand", "demands"),
        (sum(len(b.proposals) for b in briefings), "proposal", "proposals"),
        (sum(len(b.links) for b in briefings), "link", "links"),
        (parties, "party", "parties"),
    ]
    return " · ".join(f"**{n}** {one if n == 1 else many}" for n, one, many in counts) + span


def _busiest_parties(briefings: tuple[Briefing, ...], slugs: dict[str, str]) -> list[str]:
    totals = party_totals(briefings)[:BUSIEST]
    if not totals:
        return []
    rows = [
        [actor_link(HOME, t.party, slugs), str(t.demands), str(t.proposals), str(t.briefings)]
        for t in totals
    ]
    lines = ["## Busiest parties", ""]
    lines += card_table(["Party", "Demands", "Proposals", "Briefings"], rows, NUMBERS)
    return [*lines, f"[All actors]({ACTORS_INDEX})", ""]


def _busiest_topics(briefings: tuple[Briefing, ...]) -> list[str]:
    counts = list(topic_counts(briefings).items())[:BUSIEST]
    if not counts:
        return []
    listed = " · ".join(f"{topic_link(HOME, topic)} ({n})" for topic, n in counts)
    return [
        "## Busiest topics",
        "",
        f"Briefings per topic: {listed}",
        "",
        f"[All topics]({TOPICS})",
        "",
    ]
