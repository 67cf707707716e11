"""Evaluation reports: `CorpusScore` records in, a terminal table, the `docs/accuracy.md` page
or a JSON-ready mapping out. Nothing here scores; `evaluation.py` does.

The page is a pure function of the scores (no date, no timings), so that a test can tell
whether the committed page is up to date.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from build_tools.errors import BriefingError
from build_tools.evaluate.evaluation import ArticleScore, CorpusScore, ItemScore
from build_tools.evaluate.topic_scores import TopicScore

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

Every briefing on this site is made by a program, not by a person: the demands, proposals,
parties, metadata and cleaned text are extracted automatically from the scraped article. This
page measures how close that comes to what a careful analyst lists, on articles that a person
has annotated by hand (the *gold* annotations). Read the numbers as a guide to how far to trust
a briefing: a missed demand or a wrong party is possible on any page, and the original article
is always linked.

Demands and proposals are found in two steps: hand-written rules (cue words such as "calls
for", "proposes", "must") find and cut items precisely, and a small learned model (a linear
classifier over the sentence's words, word pairs and the rules' own findings) adds the sentences
the rules miss. The model is trained by `make train` on real, published articles.

**The measure of quality is the real articles**: published pieces from many outlets, on the
Russia–Ukraine talks and on other negotiations (Gaza, Iran, North Korea, arms control, strikes,
trade, climate finance), kept outside the project. The *dev* set is what the rules and the model
learn from; the *blind* set is only ever scored, and each score is reported once, with its date.
The project's own annotated articles (the public seeds, the test articles, the two held-out
sets) were written for it in the style the rules expect: they are regression tests, not a
measure of how the tool reads the world, and the model is trained on them too.
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


def render_markdown(
    corpora: Sequence[CorpusScore],
    notes: Mapping[str, str] | None = None,
    model_report: Mapping[str, Any] | None = None,
    topics: TopicScore | None = None,
) -> str:
    """The `docs/accuracy.md` page: overview, how the model was measured, the topics per
    item, one table per set of articles (under each, its `notes` entry: when it was scored,
    what it is), the rule."""
    notes = notes or {}
    parts = [_INTRO, "## Overview\n"]
    parts.append(_overview(corpora))
    if model_report is not None:
        parts.append(_model_section(model_report))
    if topics is not None:
        parts.append(_topic_section(topics))
    for corpus in corpora:
        parts.append(f"## {corpus.label[:1].upper()}{corpus.label[1:]}\n")
        if corpus.label in notes:
            parts.append(notes[corpus.label].strip() + "\n")
        parts.append(
            f"{len(corpus.articles)} articles in `{corpus.seeds_dir}`, annotated in "
            f"`{corpus.gold_dir}`. Precision, recall and F1 are given in that order.\n"
        )
        parts.append(_markdown_table(corpus))
    parts.append(_EXPLANATION)
    return "\n".join(parts)


def _topic_section(t: TopicScore) -> str:
    return (
        "## Topics per item\n\n"
        "Each demand and proposal is filed under topics (`rules/topics.yml`); the Topics and "
        "Proposals pages and the downloads show them. They are scored on hand labels of the "
        f"gold items of real articles (`{t.labels}`, labels only): of {t.labelled} labelled "
        f"items, the {t.matched} the extraction finds are compared over (item, topic) pairs.\n\n"
        "| precision | recall | first topic right |\n|---|---|---|\n"
        f"| {t.precision:.2f} | {t.recall:.2f} | {t.first_right:.2f} |\n\n"
        "*First topic right*: of the items with a topic, how often the one a page files the "
        "item under is one of its labels.\n"
    )


def _model_section(report: Mapping[str, Any]) -> str:
    """What `make train` measured: cross-validated item scores, the rules alone and with the
    model, on the real articles it learns from."""
    lines = [
        "## The learned model, cross-validated\n",
        f"`make train` cut the {report.get('articles_measured')} real dev articles into "
        f"{report.get('folds')} folds and extracted each fold with a model trained on the other "
        f"folds (and on the project's {report.get('articles_extra')} own annotated articles). "
        "These are the scores of that extraction, with the rules alone and with the model "
        "added; they are honest estimates for articles like the dev ones, unlike the dev set's "
        "scores below, which the final model was trained on.\n",
    ]
    rows = [["kind", "rules alone P / R / F1", "rules and model P / R / F1", "model's threshold"]]
    for kind in ("demand", "proposal"):
        part = report.get(kind)
        if not isinstance(part, Mapping):
            continue
        alone, both = part.get("rules_alone", {}), part.get("cross_validated", {})
        rows.append(
            [
                f"{kind}s",
                _rates(alone),
                _rates(both),
                _threshold(part.get("threshold")),
            ]
        )
    return "\n".join(lines) + "\n" + _pipe_table(rows) + "\n"


def _threshold(value: object) -> str:
    """The probability at which the model adds an item; above 1 the kind is left to the rules."""
    if not isinstance(value, int | float):
        return "-"
    return "not used (rules alone)" if value > 1 else f"{value:g}"


def _rates(r: Mapping[str, Any]) -> str:
    return " / ".join(f"{r.get(k, 0):.2f}" for k in ("precision", "recall", "f1"))


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


# --- inputs of the page ------------------------------------------------------------------


def load_notes(path: Path) -> dict[str, str]:
    """What the page shows under each set's heading, as Markdown, from a YAML mapping of each
    set's label to a text, or to `about` (a text) and `scored` (when the set was scored and
    what it showed: a list of `when`, `after`, `result`, each a text), shown as a table."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise BriefingError(str(path), f"cannot read the notes ({exc})") from None
    if not isinstance(data, dict) or not all(isinstance(k, str) for k in data):
        raise BriefingError(str(path), "notes must map each set's label to a text")
    notes: dict[str, str] = {}
    for label, value in data.items():
        note = _note_markdown(value)
        if note is None:
            raise BriefingError(
                str(path),
                f"the note of {label!r} must be a text, or `about` (a text) and `scored` (a "
                "list of `when`, `after` and `result`, each a text)",
            )
        notes[label] = note
    return notes


_SCORED = ("when", "after", "result")


def _note_markdown(value: object) -> str | None:
    """A note (`load_notes`) as Markdown; None when it has neither form."""
    if isinstance(value, str):
        return value
    if not isinstance(value, dict) or set(value) - {"about", "scored"}:
        return None
    about, scored = value.get("about", ""), value.get("scored", [])
    if not isinstance(about, str) or not isinstance(scored, list):
        return None
    rows = []
    for entry in scored:
        if not isinstance(entry, dict) or set(entry) != set(_SCORED):
            return None
        cells = [entry[key] for key in _SCORED]
        if not all(isinstance(cell, str | date) for cell in cells):  # YAML reads a bare date
            return None
        rows.append("| " + " | ".join(_table_cell(str(c)) for c in cells) + " |")
    if not rows:
        return about
    table = "\n".join(["| scored | after | result |", "|:---|:---|:---|", *rows])
    return f"{about.strip()}\n\n{table}\n"


def _table_cell(text: str) -> str:
    """`text` as one cell of a Markdown table: one line, its bars escaped."""
    return " ".join(text.split()).replace("|", "\\|")


def load_model_report(path: Path) -> dict[str, Any]:
    """The training report kept in an item model file (`make train`)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BriefingError(str(path), f"cannot read the item model ({exc})") from None
    report = data.get("report") if isinstance(data, dict) else None
    if not isinstance(report, dict):
        raise BriefingError(str(path), "the item model holds no training report")
    return report
