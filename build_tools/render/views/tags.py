"""Topics page: how many briefings, demands and proposals each topic has, then Material's
tags listing (every tag with its briefings), which the `tags` plugin fills in at build time.

A briefing's tags come from `Briefing.topics` (front matter `tags:` on its page); the lexicon
is `rules/topics.yml`.
"""

from __future__ import annotations

from build_tools.records import Briefing
from build_tools.render.markdown_text import escape
from build_tools.render.tables import card_table
from build_tools.rules import load_rules

LISTING = "<!-- material/tags -->"
"""Where Material's tags plugin puts its listing of every tag and the pages carrying it."""


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


def render_topics(briefings: tuple[Briefing, ...]) -> str:
    """The topics page: a count table, then the tags listing."""
    items: dict[str, list[int]] = {}
    for b in briefings:
        for kind, group in ((0, b.demands), (1, b.proposals)):
            for item in group:
                topics = item.topics
                if topics:
                    items.setdefault(topics[0], [0, 0])[kind] += 1
    counts = topic_counts(briefings)
    lines = [
        "# Topics",
        "",
        "Each briefing is tagged with the topics its text mentions often enough, from a "
        "list of topics and the words that name them. Demands and proposals are counted "
        "under their topic: the one their own words name, else the one their sentence "
        "names most.",
        "",
    ]
    rows = []
    unlisted = []
    for topic in topic_names():
        n_demands, n_proposals = items.get(topic, [0, 0])
        if not counts.get(topic):
            # No briefing is tagged with it: not listed, though a sentence may name it.
            if n_demands or n_proposals:
                unlisted.append(f"{escape(topic)} ({n_demands + n_proposals})")
            continue
        rows.append([escape(topic), str(counts[topic]), str(n_demands), str(n_proposals)])
    header = ["Topic", "Briefings", "Demands", "Proposals"]
    lines += card_table(header, rows, (False, True, True, True))
    if unlisted:
        lines += [
            "Items whose sentence names a topic no briefing is tagged with (the article "
            f"mentions it too rarely): {', '.join(unlisted)}.",
            "",
        ]
    lines += ["## Briefings by topic", "", LISTING, ""]
    return "\n".join(lines)
