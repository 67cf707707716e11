"""The evaluation gate (after trafilatura's `eval_gate.py`): extraction quality must not drop.

For the real articles (`../shared/real/`: blind and dev, read from there, never copied into the
project; skipped with one line when absent), for the public seeds, for the project's own test
articles and for the two held-out sets, separately, the F1 of demands and of proposals, the link
F1 and the metadata score must stay at or above the floors in `tests/eval_baseline.yml`. Floors
only move up (`evaluate ... --update-baseline`). The accuracy page `docs/accuracy.md` must show
the current scores (`make eval` rewrites it).
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
from build_tools.evaluate.evaluation_report import (
    load_model_report,
    load_notes,
    render_markdown,
)
from build_tools.evaluate.topic_scores import score_topics
from tests.conftest import ROOT

REAL = ROOT.parent / "shared" / "real"
# The real sets come first, as `make eval` passes them, when they are there.
REAL_CORPORA = (
    ("real articles: blind", "../shared/real/blind/gold", "../shared/real/blind/articles"),
    ("real articles: dev", "../shared/real/dev/gold", "../shared/real/dev/articles"),
)
HAVE_REAL = (REAL / "blind" / "gold").is_dir() and (REAL / "dev" / "gold").is_dir()
NO_REAL = f"skipped: {REAL} is absent (the real annotated articles are read from there)"
# (label, gold folder, articles folder), as `make eval` passes them.
OWN_CORPORA = (
    ("public seeds", "tests/gold", "seeds"),
    ("test articles", "tests/corpus/gold", "tests/corpus/seeds"),
    # Held out: never used to develop rules; their floors are the first (blind) run's scores.
    ("held-out articles", "tests/heldout/gold", "tests/heldout/seeds"),
    ("held-out set B", "tests/heldout_b/gold", "tests/heldout_b/seeds"),
)
CORPORA = (REAL_CORPORA if HAVE_REAL else ()) + OWN_CORPORA
NOTES = ROOT / "tests" / "eval_notes.yml"
MODEL = ROOT / "build_tools" / "models" / "items.json"
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
    labels = {label for label, _, _ in REAL_CORPORA + OWN_CORPORA}
    assert set(load_baseline(BASELINE)) == labels


def test_every_set_has_a_note() -> None:
    labels = {label for label, _, _ in REAL_CORPORA + OWN_CORPORA}
    assert set(load_notes(NOTES)) == labels


@pytest.mark.skipif(not HAVE_REAL, reason=NO_REAL)
def test_accuracy_page_is_up_to_date(corpora: list[CorpusScore]) -> None:
    assert PAGE.exists(), "docs/accuracy.md is missing: run `make eval`"
    topics = None
    if HAVE_REAL:
        with contextlib.chdir(ROOT):
            topics = score_topics("tests/topic_gold.yml", *REAL_CORPORA[1][1:])
    page = render_markdown(corpora, load_notes(NOTES), load_model_report(MODEL), topics)
    assert PAGE.read_text(encoding="utf-8") == page, (
        "docs/accuracy.md does not show the current scores: run `make eval` "
        f"(and, if the scores rose, raise the floors: {UPDATE})"
    )


def test_make_eval_scores_the_same_sets() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^eval:.*\n((?:\t.*\n)+)", makefile, re.MULTILINE)
    assert recipe, "the Makefile has no eval target"
    command = " ".join(recipe.group(1).replace("\\\n", " ").split())
    pairs = " ".join(f"{gold} {seeds}" for _, gold, seeds in OWN_CORPORA)
    labels = " ".join(f'--label "{label}"' for label, _, _ in OWN_CORPORA)
    assert f"evaluate $(REAL_SETS) {pairs} $(REAL_LABELS) {labels}" in command
    assert "--notes tests/eval_notes.yml --model build_tools/models/items.json" in command
    assert "--markdown docs/accuracy.md" in command
    real_labels = " ".join(f'--label "{label}"' for label, _, _ in REAL_CORPORA)
    assert f"REAL_LABELS := $(if $(REAL_SETS),{real_labels})" in makefile
    dev = " ".join(REAL_CORPORA[1][1:]).replace("../shared/real", "$(REAL)")
    assert f"REAL_TOPICS := $(if $(REAL_SETS),--topics tests/topic_gold.yml {dev})" in makefile
    assert "$(REAL_TOPICS)" in command


def test_accuracy_page_is_in_the_navigation() -> None:
    mkdocs = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "- How accurate it is: accuracy.md" in mkdocs


def test_test_articles_are_full_opinion_pieces() -> None:
    # Ten or more articles of 2.5-8 KB: long enough to carry several demands and proposals.
    articles = sorted((ROOT / "tests" / "corpus" / "seeds").glob("*.txt"))
    assert len(articles) >= 10
    for path in articles:
        assert 2500 <= path.stat().st_size <= 8200, path.name


@pytest.mark.parametrize("label, gold, _seeds", OWN_CORPORA, ids=[c[0] for c in OWN_CORPORA])
def test_every_key_term_of_our_gold_files_is_text(label: str, gold: str, _seeds: str) -> None:
    """YAML reads `[85,000 troops]` as two terms, 85 and '000 troops': such terms are quoted.
    (The evaluator itself accepts numbers, as other people's gold files may hold them.)"""
    for path in sorted((ROOT / gold).glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for kind in ("demands", "proposals"):
            for n, item in enumerate(data.get(kind) or [], 1):
                terms = item.get("key_terms") or []
                assert all(isinstance(t, str) for t in terms), f"{path.name}: {kind} {n}: {terms}"
