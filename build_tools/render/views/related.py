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
from build_tools.render.parties import AUTHOR
from build_tools.render.rendering import briefing_path
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
    """The topics of a briefing, then the parties it attributes items to; each once (a
    party named like a topic counts once, so no score exceeds the sum of the weights)."""
    parties = (i.actor for i in (*b.demands, *b.proposals) if i.actor != AUTHOR)
    return tuple(dict.fromkeys((*b.topics, *parties)))


def related_briefings(briefings: tuple[Briefing, ...]) -> dict[str, list[Relation]]:
    """Slug -> up to `MAX_RELATED` related briefings, closest first."""
    feats = {b.slug: features(b) for b in briefings}
    postings: dict[str, list[str]] = {}
    for b in briefings:
        for f in feats[b.slug]:
            postings.setdefault(f, []).append(b.slug)
    weight = {f: 1 + math.log(len(briefings) / len(slugs)) for f, slugs in postings.items()}
    holders = {f: set(slugs) for f, slugs in postings.items()}
    # Equal scores go to the newer briefing, then by slug: one rank number per briefing.
    newest_first = sorted(sorted(briefings, key=lambda b: b.slug), key=_date, reverse=True)
    rank = {b.slug: n for n, b in enumerate(newest_first)}
    by_slug = {b.slug: b for b in briefings}
    out: dict[str, list[Relation]] = {}
    for b in briefings:
        mine = feats[b.slug]
        scores = _candidates(b.slug, mine, postings, holders, weight)
        # The exact score of each contender, summed in the order of the plain definition.
        exact = {s: sum(weight[f] for f in mine if s in holders[f]) for s in _contenders(scores)}
        best = heapq.nsmallest(MAX_RELATED, exact, key=lambda s: (-round(exact[s], 9), rank[s]))
        out[b.slug] = [_relation(mine, by_slug[s], exact[s]) for s in best]
    return out


def _candidates(
    slug: str,
    mine: tuple[str, ...],
    postings: dict[str, list[str]],
    holders: dict[str, set[str]],
    weight: dict[str, float],
) -> dict[str, float]:
    """Every briefing that may be among the `MAX_RELATED` closest to `slug`, with its score.

    The rarest features are read first; once a briefing seen in none of them could not reach
    the best five even with every feature left, the lists of the common ones (a party in
    most briefings) are not read through: the briefings already seen are looked up in them.
    """
    order = sorted(mine, key=lambda f: -weight[f])
    left = [0.0] * (len(order) + 1)
    for i in range(len(order) - 1, -1, -1):
        left[i] = left[i + 1] + weight[order[i]]
    scores: dict[str, float] = {}
    i = 0
    while i < len(order):
        # No score yet exceeds the weight read so far (left[0] - left[i]), nor then the bar.
        if left[i] < left[0] - left[i] and len(scores) >= MAX_RELATED and left[i] < _bar(scores):
            break
        w = weight[order[i]]
        for other in postings[order[i]]:
            scores[other] = scores.get(other, 0.0) + w
        scores.pop(slug, None)
        i += 1
    if i == len(order):
        return scores
    # No other briefing can enter. Feature by feature, drop those that can no longer reach
    # the bar and add the feature's weight to the others that have it.
    for j in range(i, len(order)):
        bar = _bar(scores)
        scores = {s: score for s, score in scores.items() if score + left[j] >= bar}
        w, held = weight[order[j]], holders[order[j]]
        for s in scores:
            if s in held:
                scores[s] += w
    return scores


def _bar(scores: dict[str, float]) -> float:
    """The `MAX_RELATED`-th best score, less a margin for rounding: a briefing that can
    score at least this may still be among the best (ties are broken by date)."""
    return heapq.nlargest(MAX_RELATED, scores.values())[-1] - 1e-6


def _contenders(scores: dict[str, float]) -> list[str]:
    """The briefings that can be among the `MAX_RELATED` best: those scoring at least the
    `MAX_RELATED`-th best score, ties and rounding included. Finding that score compares
    plain numbers; ranking the few contenders by score and date then costs little."""
    if len(scores) <= MAX_RELATED:
        return list(scores)
    bar = _bar(scores)
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
