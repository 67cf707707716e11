"""Related briefings: for each briefing, the few others that share the most parties and
topics with it, shown at the foot of its page.

A shared topic or party counts more the fewer briefings have it (1 + log(N / briefings
with it)), so two pieces on the Minsk agreements are closer than two that both mention
Russia. Parties are those the briefing attributes demands or proposals to (its own author
excluded). Ties go to the newer briefing, then by slug, so the choice is reproducible.
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass

from build_tools.records import Briefing
from build_tools.render.markdown_text import escape
from build_tools.render.rendering import briefing_path
from build_tools.render.views.actors import AUTHOR
from build_tools.render.views.paths import briefing_link

MAX_RELATED = 5


@dataclass(frozen=True, slots=True)
class Relation:
    """Another briefing related to one briefing, and why."""

    briefing: Briefing
    """The related briefing."""
    shared: tuple[str, ...]
    """Topics and parties the two share, topics first."""
    score: float
    """Sum of the weights of what they share."""


def features(b: Briefing) -> tuple[str, ...]:
    """The topics of a briefing, then the parties it attributes items to."""
    parties = dict.fromkeys(i.actor for i in (*b.demands, *b.proposals) if i.actor != AUTHOR)
    return (*dict.fromkeys(b.topics), *parties)


def related_briefings(briefings: tuple[Briefing, ...]) -> dict[str, list[Relation]]:
    """Slug -> up to `MAX_RELATED` related briefings, closest first."""
    feats = {b.slug: features(b) for b in briefings}
    postings: dict[str, list[str]] = {}
    for b in briefings:
        for f in feats[b.slug]:
            postings.setdefault(f, []).append(b.slug)
    weight = {f: 1 + math.log(len(briefings) / len(slugs)) for f, slugs in postings.items()}
    # Equal scores go to the newer briefing, then by slug: one rank number per briefing.
    newest_first = sorted(sorted(briefings, key=lambda b: b.slug), key=_date, reverse=True)
    rank = {b.slug: n for n, b in enumerate(newest_first)}
    by_slug = {b.slug: b for b in briefings}
    out: dict[str, list[Relation]] = {}
    for b in briefings:
        scores: dict[str, float] = {}
        for f in feats[b.slug]:
            for other in postings[f]:
                scores[other] = scores.get(other, 0.0) + weight[f]
        scores.pop(b.slug, None)
        best = heapq.nsmallest(
            MAX_RELATED, _contenders(scores), key=lambda s: (-round(scores[s], 9), rank[s])
        )
        out[b.slug] = [_relation(feats[b.slug], by_slug[s], scores[s]) for s in best]
    return out


def _contenders(scores: dict[str, float]) -> list[str]:
    """The briefings that can be among the `MAX_RELATED` best: those scoring at least the
    `MAX_RELATED`-th best score, ties and rounding included. Finding that score compares
    plain numbers; ranking the few contenders by score and date then costs little."""
    if len(scores) <= MAX_RELATED:
        return list(scores)
    bar = heapq.nlargest(MAX_RELATED, scores.values())[-1] - 1e-6
    return [s for s, score in scores.items() if score >= bar]


def _date(b: Briefing) -> str:
    return b.meta.date or ""


def _relation(mine: tuple[str, ...], other: Briefing, score: float) -> Relation:
    theirs = set(features(other))
    return Relation(other, tuple(f for f in mine if f in theirs), score)


def render_related(b: Briefing, relations: list[Relation]) -> str:
    """The "Related briefings" section for the foot of a briefing page ("" when none)."""
    if not relations:
        return ""
    page = briefing_path(b)
    lines = ["## Related briefings", ""]
    for r in relations:
        date = r.briefing.meta.date or "undated"
        shared = escape(", ".join(r.shared))
        lines.append(f"- {briefing_link(page, r.briefing)} · {date} · shared: {shared}")
    lines.append("")
    return "\n".join(lines)
