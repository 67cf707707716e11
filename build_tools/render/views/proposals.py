"""Proposals catalogue: every proposal with proposer, stance, topic and source briefing,
grouped by the first of its topics (`Item.topics`; proposals with none come last).

`proposals/index.md` counts proposals per topic; each topic has its own page listing its
proposals, newest first, so that no page holds the whole catalogue of a large corpus.
"""

from __future__ import annotations

from collections.abc import Sequence

from build_tools.records import Briefing, Item
from build_tools.render.markdown_text import escape
from build_tools.render.parties import item_party, stance_note
from build_tools.render.tables import card_table
from build_tools.render.views.actors import actor_link
from build_tools.render.views.briefing_list import by_date
from build_tools.render.views.pagination import Section, page_title, paginate
from build_tools.render.views.paths import (
    PROPOSALS,
    briefing_href,
    briefing_link,
    count,
    proposal_topic_page,
    relative,
)
from build_tools.render.views.tags import topic_names

NO_TOPIC = "No listed topic"

Row = tuple[Briefing, Item, tuple[str, ...]]


def proposals_by_topic(briefings: tuple[Briefing, ...]) -> dict[str, list[Row]]:
    """Topic -> (briefing, proposal, all its topics), topics in lexicon order, newest first."""
    groups: dict[str, list[Row]] = {t: [] for t in topic_names()}
    groups[NO_TOPIC] = []
    for b in by_date(briefings):
        for item in b.proposals:
            topics = item.topics
            groups[topics[0] if topics else NO_TOPIC].append((b, item, topics))
    return {topic: rows for topic, rows in groups.items() if rows}


def proposal_pages(briefings: tuple[Briefing, ...], slugs: dict[str, str]) -> dict[str, str]:
    """The catalogue index and one page per topic with proposals."""
    groups = proposals_by_topic(briefings)
    pages = {PROPOSALS: _render_index(briefings, groups)}
    for topic, rows in groups.items():
        pages |= _render_topic(topic, rows, slugs)
    return pages


def _render_index(briefings: tuple[Briefing, ...], groups: dict[str, list[Row]]) -> str:
    total = sum(len(rows) for rows in groups.values())
    with_proposals = sum(1 for b in briefings if b.proposals)
    lines = [
        "# Proposals catalogue",
        "",
        f"{count(total, 'proposal')} from {count(with_proposals, 'briefing')}, grouped by "
        "their topic: the one their own words name, else the one their sentence (or its "
        "paragraph) names most. Each topic's page lists its proposals with proposer, "
        "stance and source briefing.",
        "",
    ]
    if not total:
        return "\n".join([*lines, "*No proposals found in any briefing.*", ""])
    cells = [
        [
            f"[{escape(topic)}]({relative(PROPOSALS, proposal_topic_page(topic))})",
            str(len(rows)),
            str(len({b.slug for b, _, _ in rows})),
        ]
        for topic, rows in groups.items()
    ]
    lines += card_table(["Topic", "Proposals", "Briefings"], cells, (False, True, True))
    return "\n".join(lines)


def _render_topic(topic: str, rows: list[Row], slugs: dict[str, str]) -> dict[str, str]:
    """A topic's proposals, newest first, on pages of at most `PAGE_ENTRIES` rows."""

    def head(page: str, number: int, pages: int) -> list[str]:
        title = page_title(f"Proposals: {escape(topic)}", number, pages)
        return [
            f"# {title}",
            "",
            f"[Proposals catalogue]({relative(page, PROPOSALS)}) · "
            f"{count(len(rows), 'proposal')}, newest first. *Other topics* are further topics "
            "the same sentence names; the stance says whether the proposal is the author's own, "
            "or one the author reports and endorses or criticises where the text makes that "
            "clear.",
            "",
        ]

    def table(page: str, shown: Sequence[Row]) -> list[str]:
        cells = []
        for b, item, topics in shown:
            text = escape(item.text) or "proposal"
            cells.append(
                [
                    f"[{text}]({briefing_href(page, b, item.paragraph)})",
                    actor_link(page, item_party(b, item), slugs),
                    stance_note(item) or "—",
                    escape(", ".join(topics[1:])) or "—",
                    f"{briefing_link(page, b)} ({b.meta.date or 'undated'})",
                ]
            )
        header = ["Proposal", "Proposer", "Stance", "Other topics", "Briefing"]
        return card_table(header, cells)

    return paginate(proposal_topic_page(topic), head, [Section((), rows, table)])
