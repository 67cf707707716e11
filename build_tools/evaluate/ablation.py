"""Ablation: gold-annotated articles in, what each named rule contributes out.

Every cue rule and every rejection check has a name (`extract/cues.py`, `rules/cues.yml`) and
can be switched off (`extract/switches.py`). Each is switched off in turn, the articles' items
are extracted again (rules, then the learned model) and scored with GOLD.md's rule; the table
gives each name's change of F1 against everything on. A rule whose removal lowers F1 earns its
place; one whose removal raises it does harm on these articles.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from build_tools.article_cache import forget_article
from build_tools.clean.cleaning import clean
from build_tools.evaluate.evaluation import score_items
from build_tools.evaluate.gold import Gold, load_gold
from build_tools.extract.cues import rule_names
from build_tools.extract.items import find_items
from build_tools.extract.learned import complete_items
from build_tools.extract.switches import switched_off
from build_tools.read.reading import read_seed
from build_tools.records import Paragraph


@dataclass(frozen=True, slots=True)
class Counts:
    """Matched, predicted and gold items of one kind over a set of articles."""

    matched: int
    predicted: int
    gold: int

    @property
    def f1(self) -> float:
        total = self.predicted + self.gold
        return 2 * self.matched / total if total else 0.0


@dataclass(frozen=True, slots=True)
class Row:
    """One switched-off name and the scores without it."""

    name: str
    demands: Counts
    proposals: Counts


def load_bodies(gold_dir: Path, seeds_dir: Path) -> list[tuple[Gold, tuple[Paragraph, ...]]]:
    """Each gold file of `gold_dir` with its seed's cleaned body (cleaning has no switches)."""
    out = []
    for path in sorted(gold_dir.glob("*.yml")):
        gold = load_gold(path)
        forget_article()
        out.append((gold, clean(read_seed(seeds_dir / f"{gold.name}.txt")).body))
    return out


def score_bodies(articles: Sequence[tuple[Gold, tuple[Paragraph, ...]]]) -> tuple[Counts, Counts]:
    """Demand and proposal counts of the articles, extracted with today's switches."""
    totals = [[0, 0, 0], [0, 0, 0]]
    for gold, body in articles:
        forget_article()
        demands, proposals = complete_items(body, *find_items(body))
        for t, kind, predicted, wanted in (
            (totals[0], "demand", demands, gold.demands),
            (totals[1], "proposal", proposals, gold.proposals),
        ):
            s = score_items(kind, wanted, predicted, gold.not_items, gold.authors)  # type: ignore[arg-type]
            t[0] += s.matched
            t[1] += s.predicted
            t[2] += s.gold
    return Counts(*totals[0]), Counts(*totals[1])


def ablation(articles: Sequence[tuple[Gold, tuple[Paragraph, ...]]]) -> list[Row]:
    """Everything on (first row, named `all on`), then each name switched off alone."""
    rows = [Row("all on", *score_bodies(articles))]
    for name in rule_names():
        with switched_off([name]):
            rows.append(Row(name, *score_bodies(articles)))
    return rows


def render_ablation(rows: Sequence[Row], label: str) -> str:
    """The `docs/ablation.md` page: one line per name, sorted by what it contributes."""
    base = rows[0]
    lines = [
        "# What each rule contributes",
        "",
        f"Measured on {label} by `make ablation`: each cue rule (`cue:`, in "
        "`build_tools/rules/cues.yml`) and each check that rejects a look-alike (`check:`, in "
        "`build_tools/extract/cues.py`) switched off alone, the items extracted again and scored "
        "with the rule on the accuracy page. A positive change means the articles score better "
        "*without* it. Changes are of F1, in points (hundredths). The learned model was "
        "trained on these articles, so the F1 with everything on flatters it (the accuracy page "
        "gives the cross-validated figures); the changes compare the rules with each other.",
        "",
        f"With everything on: demands F1 {base.demands.f1:.3f} "
        f"({base.demands.matched} of {base.demands.gold} found, {base.demands.predicted} listed), "
        f"proposals F1 {base.proposals.f1:.3f} ({base.proposals.matched} of "
        f"{base.proposals.gold} found, {base.proposals.predicted} listed).",
        "",
        "| switched off | demands F1 change | proposals F1 change | items listed |",
        "|---|---|---|---|",
    ]

    def change(row: Row) -> float:
        return (row.demands.f1 - base.demands.f1) + (row.proposals.f1 - base.proposals.f1)

    for row in sorted(rows[1:], key=lambda r: (change(r), r.name)):
        listed = row.demands.predicted + row.proposals.predicted
        before = base.demands.predicted + base.proposals.predicted
        lines.append(
            f"| `{row.name}` | {_points(row.demands.f1 - base.demands.f1)} | "
            f"{_points(row.proposals.f1 - base.proposals.f1)} | {listed - before:+d} |"
        )
    return "\n".join(lines) + "\n"


def _points(delta: float) -> str:
    value = round(delta * 100, 1)
    return "0" if value == 0 else f"{value:+.1f}"
