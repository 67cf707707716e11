"""Evaluation reports: `CorpusScore` records in, a terminal table, the `docs/accuracy.md` page
or a JSON-ready mapping out. Nothing here scores; `evaluation.py` does.

The page is a pure function of the scores (no date, no timings), so that a test can tell
whether the committed page is up to date.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from build_tools.evaluate.evaluation import ArticleScore, CorpusScore, ItemScore

_COLUMNS = (
    "article",
    "demands P R F1",
    "proposals P R F1",
    "attribution",
    "stance",
    "metadata",
    "links P R",
    "links exact",
    "junk removed",
    "joined",
    "headings",
)


# --- terminal ----------------------------------------------------------------------------


def render_table(corpora: Sequence[CorpusScore], details: bool = False) -> str:
    """One aligned table per corpus (articles, then the overall row); `details` lists misses."""
    out = []
    for corpus in corpora:
        count = len(corpus.articles)
        out.append(f"{corpus.label}: {count} article{'s' * (count != 1)} ({corpus.gold_dir})")
        rows = [list(_COLUMNS)] + [_row(a) for a in corpus.articles] + [_row(corpus.total)]
        widths = [max(len(r[i]) for r in rows) for i in range(len(_COLUMNS))]
        for n, row in enumerate(rows):
            if n == len(rows) - 1:
                out.append("  ".join("-" * w for w in widths))
            out.append("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)))
        if details:
            out.extend(_details(a) for a in corpus.articles)
        out.append("")
    return "\n".join(line.rstrip() for line in "\n".join(out).splitlines()) + "\n"


def _details(a: ArticleScore) -> str:
    lines = [f"  {a.name}:"]
    for score in (a.demands, a.proposals):
        lines += [f"    missed {score.kind}: {x}" for x in score.missed]
        lines += [f"    extra {score.kind}: {x}" for x in score.spurious]
        lines += [f"    {score.kind} matches a not_item: {x}" for x in score.not_item_hits]
        lines += [
            f"    {score.kind} party: {m.predicted_party!r} for {m.gold_party!r}: {m.predicted}"
            for m in score.matches
            if not m.attribution_ok
        ]
    lines += [f"    {f.name}: {f.found!r}, expected {f.expected!r}" for f in a.metadata if not f.ok]
    lines += [f"    junk in body: {x}" for x in a.body.leaked]
    lines += [f"    not joined: {x}" for x in a.body.not_joined]
    lines += [f"    heading lost: {x}" for x in a.body.lost]
    lines += [f"    heading not in gold: {x}" for x in a.body.extra]
    return "\n".join(lines if len(lines) > 1 else [f"  {a.name}: nothing to report"])


def _row(a: ArticleScore) -> list[str]:
    links = a.links
    return [
        a.name,
        _prf(a.demands),
        _prf(a.proposals),
        _ratio(
            a.demands.attributed + a.proposals.attributed, a.demands.matched + a.proposals.matched
        ),
        _ratio(a.proposals.stance_right, a.proposals.stance_checked),
        _ratio(a.metadata_ok, len(a.metadata)),
        f"{links.precision:.2f} {links.recall:.2f}",
        _ratio(links.exact, links.articles),
        _ratio(a.body.clean, a.body.boilerplate),
        _ratio(a.body.joined, a.body.broken),
        _ratio(a.body.kept, a.body.headings),
    ]


def _prf(score: ItemScore) -> str:
    return f"{score.precision:.2f} {score.recall:.2f} {score.f1:.2f}"


def _ratio(part: int, whole: int) -> str:
    return f"{part}/{whole}" if whole else "-"


# --- the docs page -----------------------------------------------------------------------

_INTRO = """\
# How accurate it is

Every briefing on this site is made by rules, not by a person: the demands, proposals, parties,
metadata and cleaned text are extracted automatically from the scraped article. This page
measures how close that comes to what a careful analyst lists, on articles that a person has
annotated by hand (the *gold* annotations). Read the numbers as a guide to how far to trust a
briefing: a missed demand or a wrong party is possible on any page, and the original article is
always linked.

Each set of annotated articles is scored and reported on its own: the articles a set of rules
was developed on tend to score higher than articles it has never seen, and the difference is
worth knowing. The public seeds and the project's test articles (other scrape formats, other
bylines, dates and page junk, demands given as quotes, lists or interview answers) are the
articles the rules were developed on. The held-out sets were written in yet other formats and
never used to develop a rule: their scores are the better guide to an article from an outlet
the tool has not seen.
"""

_EXPLANATION = """\
## How the scores are computed

The rule is the same for every annotated article; text is compared after making it lower case,
turning curly quotes and long dashes into plain ones and white space runs into one space.

- **Demands and proposals.** Each gold item lists a few *key terms*, words from the article's
  own sentence. An extracted item matches a gold item when at least half of those key terms
  (rounded up) occur in the item's phrase. Each gold item can be matched at most once, and the
  pairing is chosen to match as many items as possible. **Precision** is the share of extracted
  items that match a gold item (how much of what a briefing lists is right); **recall** is the
  share of gold items that were found (how much of what matters a briefing lists); **F1**
  combines the two (their harmonic mean). An extracted item that contains a phrase the gold marks
  as *not* an item (a negated, opposed or merely restated one) counts as wrong.
- **Attribution.** Among matched items, the share whose party is right. Aliases count (Putin,
  the Kremlin and Moscow are Russia; Zelensky and Kyiv are Ukraine), the author's name is the
  author, and for other parties one shared distinctive word is enough.
- **Stance.** Among matched proposals whose gold says whether the article endorses, criticises or
  only reports them, the share where the briefing says the same.
- **Metadata.** Title, author, date, outlet and original address, each right or wrong. A title
  may drop a section label such as "Opinion:"; an outlet matches when one name contains the
  other; a date counts only as year-month-day.
- **Links.** The article's hyperlinks are compared with the gold list in order (the original
  address at the foot of a scrape is scored as metadata, not as a link). *Precision* and
  *recall* count the longest run of links both lists share in the same order; *exact* counts
  articles whose list is exactly right.
- **Junk removed.** Gold lines that are page furniture (bylines, "Advertisement", newsletter
  prompts, headlines of other articles...) and must not appear in the briefing's text.
- **Joined.** Paragraphs the scrape split mid-sentence, which the briefing must put back together.
- **Headings.** Real section headings of the article, which must stay headings.

Totals add up the counts of all articles of a set (so a long article weighs more than a short
one). A dash means there was nothing to count.

This page is generated by `make eval`; the test suite fails when it is out of date, and when a
change lowers a score below the floors kept in `tests/eval_baseline.yml`.
"""


def render_markdown(corpora: Sequence[CorpusScore]) -> str:
    """The `docs/accuracy.md` page: overview, one table per set of articles, the rule."""
    parts = [_INTRO, "## Overview\n"]
    parts.append(_overview(corpora))
    for corpus in corpora:
        parts.append(f"## {corpus.label[:1].upper()}{corpus.label[1:]}\n")
        parts.append(
            f"{len(corpus.articles)} articles in `{corpus.seeds_dir}`, annotated in "
            f"`{corpus.gold_dir}`. Precision, recall and F1 are given in that order.\n"
        )
        parts.append(_markdown_table(corpus))
    parts.append(_EXPLANATION)
    return "\n".join(parts)


def _overview(corpora: Sequence[CorpusScore]) -> str:
    header = ["articles", "demands F1", "proposals F1", "attribution", "metadata", "links exact"]
    rows = [["set", *header]]
    for corpus in corpora:
        t = corpus.total
        matched = t.demands.matched + t.proposals.matched
        attributed = t.demands.attributed + t.proposals.attributed
        rows.append(
            [
                corpus.label,
                str(len(corpus.articles)),
                f"{t.demands.f1:.2f}",
                f"{t.proposals.f1:.2f}",
                _percent(attributed, matched),
                _percent(t.metadata_ok, len(t.metadata)),
                _ratio(t.links.exact, t.links.articles),
            ]
        )
    return _pipe_table(rows) + "\n"


def _markdown_table(corpus: CorpusScore) -> str:
    rows = [list(_COLUMNS)] + [_row(a) for a in corpus.articles]
    total = _row(corpus.total)
    rows.append([f"**{cell}**" if cell != "-" else cell for cell in total])
    return _pipe_table(rows) + "\n"


def _pipe_table(rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
    lines += ["| " + " | ".join(row) + " |" for row in rows[1:]]
    return "\n".join(lines)


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "-"


# --- JSON --------------------------------------------------------------------------------


def scores_to_dict(corpora: Sequence[CorpusScore]) -> dict[str, Any]:
    """The JSON object of `evaluate --json`: per corpus, the overall scores and each article's."""
    return {
        "corpora": [
            {
                "label": c.label,
                "gold_dir": c.gold_dir,
                "seeds_dir": c.seeds_dir,
                "overall": _article_dict(c.total),
                "articles": [_article_dict(a) for a in c.articles],
            }
            for c in corpora
        ]
    }


def _article_dict(a: ArticleScore) -> dict[str, Any]:
    return {
        "name": a.name,
        "demands": _items_dict(a.demands),
        "proposals": _items_dict(a.proposals),
        "attribution": _round(a.attribution),
        "metadata": {
            "score": _round(a.metadata_score),
            "fields": [
                {"name": f.name, "ok": f.ok, "expected": f.expected, "found": f.found}
                for f in a.metadata
            ],
        },
        "links": {
            "gold": a.links.gold,
            "predicted": a.links.predicted,
            "matched": a.links.matched,
            "precision": _round(a.links.precision),
            "recall": _round(a.links.recall),
            "f1": _round(a.links.f1),
            "exact": a.links.exact,
            "kinds_exact": a.links.kinds_exact,
            "articles": a.links.articles,
        },
        "body": {
            "boilerplate": a.body.boilerplate,
            "leaked": list(a.body.leaked),
            "broken_paragraphs": a.body.broken,
            "not_joined": list(a.body.not_joined),
            "headings": a.body.headings,
            "headings_lost": list(a.body.lost),
            "headings_extra": list(a.body.extra),
        },
        "summary": {"key_terms": a.summary_terms, "found": a.summary_found},
    }


def _items_dict(s: ItemScore) -> dict[str, Any]:
    return {
        "gold": s.gold,
        "predicted": s.predicted,
        "matched": s.matched,
        "precision": _round(s.precision),
        "recall": _round(s.recall),
        "f1": _round(s.f1),
        "attribution": _round(s.attribution),
        "stance_checked": s.stance_checked,
        "stance_right": s.stance_right,
        "missed": list(s.missed),
        "spurious": list(s.spurious),
        "not_item_hits": list(s.not_item_hits),
        "matches": [
            {
                "gold": m.gold,
                "predicted": m.predicted,
                "gold_party": m.gold_party,
                "predicted_party": m.predicted_party,
                "attribution_ok": m.attribution_ok,
                "stance_ok": m.stance_ok,
            }
            for m in s.matches
        ],
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
