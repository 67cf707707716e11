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
from dataclasses import dataclass, replace

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
    index = index_related(briefings)
    return {b.slug: index.relations(b.slug) for b in briefings}


@dataclass(frozen=True, slots=True)
class RelatedIndex:
    """The related briefings of every briefing of a corpus, with the posting lists they were
    found through, kept so that they can be found again after a few briefings changed
    (`update_related`)."""

    briefings: dict[str, Briefing]
    """Every briefing, by slug, in corpus order."""
    feats: dict[str, tuple[str, ...]]
    """The `features` of each briefing."""
    holders: dict[str, set[str]]
    """Feature -> the briefings that have it."""
    weight: dict[str, float]
    """Feature -> its weight, 1 + log(N / briefings with it)."""
    dates: dict[str, str]
    """Slug -> its briefing's date ("" when undated)."""
    rank: dict[str, int]
    """Slug -> its place newest first (then by slug): the tie-break of equal scores."""
    best: dict[str, tuple[tuple[str, float], ...]]
    """Slug -> the related briefings' slugs and exact scores, closest first."""

    def relations(self, slug: str) -> list[Relation]:
        """The related briefings of `slug`, closest first."""
        mine = self.feats[slug]
        return [_relation(mine, self.briefings[s], score) for s, score in self.best[slug]]


def index_related(briefings: tuple[Briefing, ...]) -> RelatedIndex:
    """The related briefings of every briefing, found through posting lists: each
    briefing's candidates are the others that share a feature with it."""
    index, postings = _postings(briefings, {})
    best = {b.slug: _closest(b.slug, index, postings) for b in briefings}
    return replace(index, best=best)


def update_related(
    old: RelatedIndex, briefings: tuple[Briefing, ...], changed: set[str]
) -> tuple[RelatedIndex, set[str]]:
    """The index of `briefings`, where only the briefings of the slugs `changed` differ
    from those of `old`, and the slugs whose related briefings may show differently: a
    changed list, or a changed briefing in it. The same as `index_related(briefings)`.

    Only the briefings whose scores may have moved are searched again: the changed ones
    and every holder of a feature whose weight changed (one a changed briefing gained or
    lost). Any other briefing's scores changed only against the changed briefings, so its
    list is its old one with those scored again, unless one of them was in the list and
    fell (then the next one is unknown and it is searched again). Another set of slugs
    (a briefing added, removed or renamed) changes every weight: all are searched again.
    """
    if list(old.feats) != [b.slug for b in briefings]:
        return index_related(briefings), {b.slug for b in briefings}
    index, postings = _postings(briefings, old.feats, changed)
    moved = {f for s in changed for f in set(old.feats[s]).symmetric_difference(index.feats[s])}
    again = set(changed).union(*(index.holders.get(f, ()) for f in moved))
    again.update(s for f in moved for s in old.holders.get(f, ()))
    best = dict(old.best)
    touched: set[str] = set()
    near = set().union(*(index.holders[f] for s in changed for f in index.feats[s]))
    for x in sorted(near - again):
        kept = _rescored(x, old, index, changed)
        if kept is None:
            again.add(x)
        elif kept != old.best[x] or any(s in changed for s, _ in old.best[x]):
            best[x] = kept
            touched.add(x)
    for x in again:
        best[x] = _closest(x, index, postings)
    return replace(index, best=best), touched | again


def _postings(
    briefings: tuple[Briefing, ...],
    feats_before: dict[str, tuple[str, ...]],
    changed: set[str] | None = None,
) -> tuple[RelatedIndex, dict[str, list[str]]]:
    """The index of `briefings` without their related briefings (`best` empty), and the
    posting lists; the features of briefings not `changed` are taken from `feats_before`."""
    feats = {
        b.slug: features(b)
        if changed is None or b.slug in changed or b.slug not in feats_before
        else feats_before[b.slug]
        for b in briefings
    }
    dates = {b.slug: _date(b) for b in briefings}
    index, postings = _lookup(feats, dates)
    return replace(index, briefings={b.slug: b for b in briefings}), postings


def _lookup(
    feats: dict[str, tuple[str, ...]], dates: dict[str, str]
) -> tuple[RelatedIndex, dict[str, list[str]]]:
    """The index of briefings with these features and dates, without the briefings
    themselves and their related briefings; and the posting lists."""
    postings: dict[str, list[str]] = {}
    for slug, mine in feats.items():
        for f in mine:
            postings.setdefault(f, []).append(slug)
    weight = {f: 1 + math.log(len(feats) / len(slugs)) for f, slugs in postings.items()}
    holders = {f: set(slugs) for f, slugs in postings.items()}
    # Equal scores go to the newer briefing, then by slug: one rank number per briefing.
    newest_first = sorted(sorted(feats), key=lambda s: dates[s], reverse=True)
    rank = {s: n for n, s in enumerate(newest_first)}
    return RelatedIndex({}, feats, holders, weight, dates, rank, {}), postings


def stored_index(
    feats: dict[str, tuple[str, ...]],
    dates: dict[str, str],
    best: dict[str, tuple[tuple[str, float], ...]],
) -> RelatedIndex:
    """An index kept by an earlier run (its features, dates and related briefings, in
    corpus order), to be brought up to date by `update_related`; it holds no briefings."""
    return replace(_lookup(feats, dates)[0], best=best)


def _score(index: RelatedIndex, mine: tuple[str, ...], other: str) -> float:
    """The exact score of `other`, summed in the order of the plain definition."""
    return sum(index.weight[f] for f in mine if other in index.holders[f])


def _closest(
    slug: str, index: RelatedIndex, postings: dict[str, list[str]]
) -> tuple[tuple[str, float], ...]:
    """The `MAX_RELATED` closest briefings to `slug` and their exact scores."""
    mine = index.feats[slug]
    scores = _candidates(slug, mine, postings, index.holders, index.weight)
    exact = {s: _score(index, mine, s) for s in _contenders(scores)}
    best = heapq.nsmallest(MAX_RELATED, exact, key=lambda s: (-round(exact[s], 9), index.rank[s]))
    return tuple((s, exact[s]) for s in best)


def _rescored(
    slug: str, old: RelatedIndex, index: RelatedIndex, changed: set[str]
) -> tuple[tuple[str, float], ...] | None:
    """The closest briefings to `slug`, whose scores against all but the `changed`
    briefings are those of `old`: its old list with the changed ones scored again. None
    when a changed briefing of a full list now ranks lower, so that the one after the list
    (not kept) may take its place."""
    before = old.best[slug]
    mine = index.feats[slug]
    listed = dict(before)
    entries = [(s, score) for s, score in before if s not in changed]
    for c in sorted(changed):
        score = _score(index, mine, c) if c != slug else 0.0
        if c in listed and len(before) == MAX_RELATED:
            # Every briefing after the list ranked below the old score; an unchanged one's
            # place against the changed one moves only with its score or its date.
            now, was = round(score, 9), round(listed[c], 9)
            if now < was or (now == was and old.dates[c] != index.dates[c]):
                return None
        if score > 0:
            entries.append((c, score))
    entries.sort(key=lambda e: (-round(e[1], 9), index.rank[e[0]]))
    return tuple(entries[:MAX_RELATED])


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
