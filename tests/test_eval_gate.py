"""The evaluation gate (after trafilatura's `eval_gate.py`): extraction quality must not drop.

For the public seeds, for the project's own test articles and for the two held-out sets
(tests/heldout and tests/heldout_b, never tuned on), separately, the F1 of demands and of
proposals, the link F1 and the metadata score must stay at or above the floors in
`tests/eval_baseline.yml`. Floors only move up (`evaluate ... --update-baseline`). The accuracy
page `docs/accuracy.md` must show the current scores (`make eval` rewrites it).
"""

from __future__ import annotations

import contextlib
import re

import pytest
import yaml

from build_tools.evaluate.evaluation import (
    CorpusScore,
    evaluate_corpus,
    gate_failures,
    load_baseline,
)
from build_tools.evaluate.evaluation_report import render_markdown
from tests.conftest import ROOT

# (label, gold folder, articles folder), as `make eval` passes them.
CORPORA = (
    ("public seeds", "tests/gold", "seeds"),
    ("test articles", "tests/corpus/gold", "tests/corpus/seeds"),
    # Held out: never used to develop rules; their floors are the first (blind) run's scores.
    ("held-out articles", "tests/heldout/gold", "tests/heldout/seeds"),
    ("held-out set B", "tests/heldout_b/gold", "tests/heldout_b/seeds"),
)
BASELINE = ROOT / "tests" / "eval_baseline.yml"
PAGE = ROOT / "docs" / "accuracy.md"
UPDATE = (
    ".venv/bin/python -m build_tools evaluate "
    + " ".join(f"{gold} {seeds}" for _, gold, seeds in CORPORA)
    + " "
    + " ".join(f'--label "{label}"' for label, _, _ in CORPORA)
    + " --update-baseline tests/eval_baseline.yml"
)


@pytest.fixture(scope="module")
def corpora() -> list[CorpusScore]:
    # Relative folder names, as the page shows them.
    with contextlib.chdir(ROOT):
        return [evaluate_corpus(gold, seeds, label) for label, gold, seeds in CORPORA]


def test_scores_are_not_below_the_floors(corpora: list[CorpusScore]) -> None:
    failures = gate_failures(load_baseline(BASELINE), corpora)
    assert not failures, (
        "extraction quality dropped:\n  "
        + "\n  ".join(failures)
        + "\nSee what changed with `make eval` and `evaluate ... --details`. "
        "Lowering a floor is a deliberate edit of tests/eval_baseline.yml."
    )


def test_every_set_has_floors() -> None:
    assert set(load_baseline(BASELINE)) == {label for label, _, _ in CORPORA}


def test_accuracy_page_is_up_to_date(corpora: list[CorpusScore]) -> None:
    assert PAGE.exists(), "docs/accuracy.md is missing: run `make eval`"
    assert PAGE.read_text(encoding="utf-8") == render_markdown(corpora), (
        "docs/accuracy.md does not show the current scores: run `make eval` "
        f"(and, if the scores rose, raise the floors: {UPDATE})"
    )


def test_make_eval_scores_the_same_sets() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^eval:.*\n((?:\t.*\n)+)", makefile, re.MULTILINE)
    assert recipe, "the Makefile has no eval target"
    command = " ".join(recipe.group(1).replace("\\\n", " ").split())
    pairs = " ".join(f"{gold} {seeds}" for _, gold, seeds in CORPORA)
    labels = " ".join(f'--label "{label}"' for label, _, _ in CORPORA)
    assert f"evaluate {pairs} {labels} --markdown docs/accuracy.md" in command


def test_accuracy_page_is_in_the_navigation() -> None:
    mkdocs = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "- How accurate it is: accuracy.md" in mkdocs


def test_test_articles_are_full_opinion_pieces() -> None:
    # Ten or more articles of 2.5-8 KB: long enough to carry several demands and proposals.
    articles = sorted((ROOT / "tests" / "corpus" / "seeds").glob("*.txt"))
    assert len(articles) >= 10
    for path in articles:
        assert 2500 <= path.stat().st_size <= 8200, path.name


@pytest.mark.parametrize("label, gold, _seeds", CORPORA, ids=[c[0] for c in CORPORA])
def test_every_key_term_of_our_gold_files_is_text(label: str, gold: str, _seeds: str) -> None:
    """YAML reads `[85,000 troops]` as two terms, 85 and '000 troops': such terms are quoted.
    (The evaluator itself accepts numbers, as other people's gold files may hold them.)"""
    for path in sorted((ROOT / gold).glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for kind in ("demands", "proposals"):
            for n, item in enumerate(data.get(kind) or [], 1):
                terms = item.get("key_terms") or []
                assert all(isinstance(t, str) for t in terms), f"{path.name}: {kind} {n}: {terms}"
