"""Ablation: gold-annotated articles in, what each named step and rule contributes out.

Every cleaning step (`clean/cleaning.py`), every cue rule (`rules/cues.yml`) and every
rejection check (`extract/cues.py`) has a name and can be switched off (`switches.py`). Each is
switched off in turn, the articles' briefings are made again and scored with GOLD.md's rule;
the table gives each name's change against everything on: demand and proposal F1, page junk
left in the body, metadata fields right. A step whose removal makes things worse earns its
place; one whose removal makes them better does harm on these articles.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from build_tools.briefing import make_briefing
from build_tools.clean.cleaning import CLEANING_STEPS
from build_tools.evaluate.evaluation import score_article
from build_tools.evaluate.gold import Gold, load_gold
from build_tools.evaluate.training import Score
from build_tools.extract.cues import rule_names
from build_tools.read.reading import read_seed
from build_tools.records import Source
from build_tools.switches import switched_off


@dataclass(frozen=True, slots=True)
class Row:
    """One switched-off name and the scores without it."""

    name: str
    demands: Score
    proposals: Score
    junk_left: int
    """Gold boilerplate lines found in the cleaned bodies."""
    metadata_right: int
    """Metadata fields right (title, author, date, publication, address)."""


def switch_names() -> list[str]:
    """Every name that can be switched off, in the order the pipeline uses them."""
    return [f"clean:{step}" for step in CLEANING_STEPS] + rule_names()


def load_sources(gold_dir: Path, seeds_dir: Path) -> list[tuple[Gold, Source]]:
    """Each gold file of `gold_dir` with its seed from `seeds_dir`, read once."""
    out = []
    for path in sorted(gold_dir.glob("*.yml")):
        gold = load_gold(path)
        out.append((gold, read_seed(seeds_dir / f"{gold.name}.txt")))
    return out


def score_sources(articles: Sequence[tuple[Gold, Source]], name: str) -> Row:
    """The articles' briefings made and scored with today's switches."""
    items = [[0, 0, 0], [0, 0, 0]]
    junk = metadata = 0
    for gold, source in articles:
        score = score_article(gold, make_briefing(source))
        for t, s in ((items[0], score.demands), (items[1], score.proposals)):
            t[0] += s.matched
            t[1] += s.predicted
            t[2] += s.gold
        junk += len(score.body.leaked)
        metadata += score.metadata_ok
    return Row(name, Score(*items[0]), Score(*items[1]), junk, metadata)


def ablation(articles: Sequence[tuple[Gold, Source]]) -> list[Row]:
    """Everything on (first row, named `all on`), then each name switched off alone."""
    rows = [score_sources(articles, "all on")]
    for name in switch_names():
        with switched_off([name]):
            rows.append(score_sources(articles, name))
    return rows


def render_ablation(rows: Sequence[Row], label: str) -> str:
    """The `docs/ablation.md` page: one line per name, the most useful first."""
    base = rows[0]
    lines = [
        "# What each rule contributes",
        "",
        f"Measured on {label} by `make ablation`: each cleaning step (`clean:`, in "
        "`build_tools/clean/cleaning.py`), each cue rule (`cue:`, in "
        "`build_tools/rules/cues.yml`), each check that rejects a look-alike (`check:`, in "
        "`build_tools/extract/cues.py`) and each decision that overrules a cue rule's kind "
        "(`kind:`) switched off alone, the briefings made again and scored "
        "with the rule on the accuracy page. F1 changes are in points (hundredths); a positive "
        "one means the articles score better *without* the name. The learned model was trained "
        "on these articles, so the F1 with everything on flatters it (the accuracy page gives "
        "the cross-validated figures); the changes compare the steps and rules with each other.",
        "",
        f"With everything on: demands F1 {base.demands.f1:.3f} ({base.demands.matched} of "
        f"{base.demands.gold} found, {base.demands.predicted} listed), proposals F1 "
        f"{base.proposals.f1:.3f} ({base.proposals.matched} of {base.proposals.gold} found, "
        f"{base.proposals.predicted} listed), {base.junk_left} lines of page junk left in the "
        f"bodies, {base.metadata_right} metadata fields right.",
        "",
        "| switched off | demands F1 | proposals F1 | items listed | junk lines left | "
        "metadata right |",
        "|---|---|---|---|---|---|",
    ]

    def harm(row: Row) -> tuple[float, int, int]:
        items = (row.demands.f1 - base.demands.f1) + (row.proposals.f1 - base.proposals.f1)
        return items, base.junk_left - row.junk_left, row.metadata_right - base.metadata_right

    for row in sorted(rows[1:], key=lambda r: (*harm(r), r.name)):
        listed = row.demands.predicted + row.proposals.predicted
        before = base.demands.predicted + base.proposals.predicted
        lines.append(
            f"| `{row.name}` | {_points(row.demands.f1 - base.demands.f1)} | "
            f"{_points(row.proposals.f1 - base.proposals.f1)} | {_count(listed - before)} | "
            f"{_count(row.junk_left - base.junk_left)} | "
            f"{_count(row.metadata_right - base.metadata_right)} |"
        )
    return "\n".join(lines) + "\n"


def _points(delta: float) -> str:
    value = round(delta * 100, 1)
    return "0" if value == 0 else f"{value:+.1f}"


def _count(delta: int) -> str:
    return "0" if delta == 0 else f"{delta:+d}"
