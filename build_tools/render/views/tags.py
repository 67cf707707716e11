"""Topics: how many briefings, demands and proposals each topic has (`topics.md`), and a
page per topic listing the briefings tagged with it, newest first (`topics/SLUG.md`, cut
into pages like every long list, so that no page grows with the corpus).

A briefing's tags come from `Briefing.topics` (front matter `tags:` on its page, which
Material shows as chips; the MkDocs plugin points each chip at its topic's page); the
lexicon is `rules/topics.yml`.
"""

from __future__ import annotations

from build_tools.records import Briefing
from build_tools.render.markdown_text import escape
from build_tools.render.tables import card_table
from build_tools.render.views.briefing_list import briefing_table, by_date
from build_tools.render.views.pagination import Section, page_title, paginate
from build_tools.render.views.paths import (
    TOPICS,
    count,
    proposal_topic_page,
    relative,
    topic_page,
)
from build_tools.rules import load_rules


def topic_names() -> list[str]:
    """The topics of the lexicon (`rules/topics.yml`) in its order, which breaks ties."""
    topics = load_rules("topics").get("topics")
    return [str(name) for name in topics] if isinstance(topics, dict) else []


def topic_counts(briefings: tuple[Briefing, ...]) -> dict[str, int]:
    """Topic -> number of briefings tagged with it, busiest first (lexicon order on ties)."""
    order = {name: n for n, name in enumerate(topic_names())}
    counts: dict[str, int] = {}
    for b in briefings:
        for topic in b.topics:
            counts[topic] = counts.get(topic, 0) + 1
    ranked = sorted(counts, key=lambda t: (-counts[t], order.get(t, len(order)), t))
    return {t: counts[t] for t in ranked}


def topic_link(from_page: str, topic: str) -> str:
    """A Markdown link to a topic's page, labelled with the topic."""
    return f"[{escape(topic)}]({relative(from_page, topic_page(topic))})"


def item_counts(briefings: tuple[Briefing, ...]) -> dict[str, tuple[int, int]]:
    """Topic -> (demands, proposals) filed under it: an item's first topic."""
    items: dict[str, list[int]] = {}
    for b in briefings:
        for kind, group in ((0, b.demands), (1, b.proposals)):
            for item in group:
                if item.topics:
                    items.setdefault(item.topics[0], [0, 0])[kind] += 1
    return {topic: (n[0], n[1]) for topic, n in items.items()}


def topic_pages(briefings: tuple[Briefing, ...]) -> dict[str, str]:
    """The topics page and one page (or more) per topic a briefing is tagged with."""
    items = item_counts(briefings)
    pages = {TOPICS: render_topics(briefings, items)}
    newest = by_date(briefings)
    for topic in topic_counts(briefings):
        tagged = [b for b in newest if topic in b.topics]
        pages |= _render_topic(topic, tagged, items.get(topic, (0, 0))[1])
    return pages


def render_topics(briefings: tuple[Briefing, ...], items: dict[str, tuple[int, int]]) -> str:
    """The topics page: a table of the topics, each linked to its page, with its counts of
    briefings and of the items filed under it (`item_counts`)."""
    counts = topic_counts(briefings)
    lines = [
        "# Topics",
        "",
        "Each briefing is tagged with the topics its text mentions often enough, from a "
        "list of topics and the words that name them; each topic's page lists its "
        "briefings. Demands and proposals are counted under their topic: the one their own "
        "words name, else the one their sentence names most.",
        "",
    ]
    rows = []
    unlisted = []
    for topic in topic_names():
        n_demands, n_proposals = items.get(topic, (0, 0))
        if not counts.get(topic):
            # No briefing is tagged with it: no page, though a sentence may name it.
            if n_demands or n_proposals:
                unlisted.append(f"{escape(topic)} ({n_demands + n_proposals})")
            continue
        cells = [topic_link(TOPICS, topic), str(counts[topic]), str(n_demands), str(n_proposals)]
        rows.append(cells)
    if not rows:
        lines += ["*No briefing is tagged with a topic.*", ""]
    else:
        header = ["Topic", "Briefings", "Demands", "Proposals"]
        lines += card_table(header, rows, (False, True, True, True))
    if unlisted:
        lines += [
            "Items whose sentence names a topic no briefing is tagged with (the article "
            f"mentions it too rarely): {', '.join(unlisted)}.",
            "",
        ]
    return "\n".join(lines)


def _render_topic(topic: str, tagged: list[Briefing], proposals: int) -> dict[str, str]:
    """The briefings tagged with `topic`, newest first, on pages of at most `PAGE_ENTRIES`."""

    def head(page: str, number: int, pages: int) -> list[str]:
        title = page_title(f"Topic: {escape(topic)}", number, pages)
        about = [
            f"[Topics]({relative(page, TOPICS)})",
            f"{count(len(tagged), 'briefing')} tagged with it, newest first",
        ]
        if proposals:
            # The proposals catalogue has a page for every topic a proposal is filed under.
            target = relative(page, proposal_topic_page(topic))
            about.append(f"[{count(proposals, 'proposal')} filed under it]({target})")
        return [f"# {title}", "", f"{' · '.join(about)}.", ""]

    section = Section((), tagged, lambda page, bs: briefing_table(list(bs), page))
    return paginate(topic_page(topic), head, [section])
