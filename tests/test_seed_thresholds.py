"""Demands and proposals of the public seeds against their gold: recall >= 0.9 and
precision >= 0.8 for each kind in each seed, scored by `build_tools.evaluate.evaluation` (the
rule of ../shared/GOLD.md: an item matches when at least half, rounded up, of the gold key
terms occur in its own text; one-to-one; a `not_items` phrase makes an item a false positive).

These floors are per article and stricter than the evaluation gate's corpus-wide F1 floors.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.briefing import briefing_from_path
from build_tools.evaluate.evaluation import ItemScore, score_article
from build_tools.evaluate.gold import load_gold
from tests.conftest import gold_pairs

RECALL_FLOOR = 0.9
PRECISION_FLOOR = 0.8
PAIRS = gold_pairs()


def describe(score: ItemScore) -> str:
    return (
        f"{score.matched} of {score.gold} gold found, {score.predicted} predicted"
        f"\n  missed: {list(score.missed)}\n  spurious: {list(score.spurious)}"
    )


@pytest.mark.parametrize(("seed", "gold"), PAIRS, ids=[s.stem for s, _ in PAIRS])
@pytest.mark.parametrize("kind", ["demands", "proposals"])
def test_seed_meets_floors(seed: Path, gold: Path, kind: str) -> None:
    article = score_article(load_gold(gold), briefing_from_path(seed))
    score: ItemScore = getattr(article, kind)
    assert score.recall >= RECALL_FLOOR, f"{kind} recall {score.recall:.2f}: {describe(score)}"
    assert score.precision >= PRECISION_FLOOR, (
        f"{kind} precision {score.precision:.2f}: {describe(score)}"
    )


def test_both_public_seeds_are_scored() -> None:
    assert len(PAIRS) >= 2
