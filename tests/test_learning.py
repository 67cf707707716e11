"""The learned item model: features, the classifier, the items it adds, and training.

Training must be deterministic (the same articles give the same bytes, under any hash seed),
and the committed model must be what `make train` makes from today's code and articles: a
change to cleaning or the rules that changes what the model sees is retrained with it. The
real articles are read from `../shared/real/` and the tests that need them skip without it.
"""

from __future__ import annotations

import json
import math
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from build_tools.errors import BriefingError
from build_tools.evaluate.training import fit, load_articles, train_model, training_settings
from build_tools.extract.candidates import find_candidates, sentence_features
from build_tools.extract.classifier import (
    MODEL_PATH,
    ItemModel,
    KindModel,
    item_model,
    model_from_dict,
    model_to_dict,
)
from build_tools.extract.learned import complete_items
from build_tools.records import Paragraph
from tests.conftest import ROOT

REAL = ROOT.parent / "shared" / "real"
NO_REAL = f"skipped: {REAL} is absent (the real annotated articles are read from there)"
OFF = KindModel({}, 1.01, 0)


def test_features_name_words_cues_and_place() -> None:
    features = sentence_features(
        "Moscow demands that Kyiv withdraw its troops.", {"para": 7, "first": 1}
    )
    assert {"w:demands", "g:moscow_demands", "lex:demand", "first", "para:3"} <= features
    assert any(f.startswith("cue:") for f in features)
    assert "bullet" not in features and "question" not in features


def test_a_question_is_marked() -> None:
    assert "question" in sentence_features("Will Moscow demand more?", {"para": 0})


def test_probability_is_the_logistic_of_the_weights() -> None:
    model = KindModel({"a": 1.5, "b": -0.5}, 0.5, 0)
    assert model.probability(frozenset({"a", "b", "c"})) == pytest.approx(1 / (1 + math.e**-1))
    assert model.probability(frozenset()) == 0.5


def test_a_sentence_the_rules_miss_becomes_an_item_of_the_party_it_reports() -> None:
    body = (
        Paragraph("p-1", "The talks resumed on Monday in a hotel by the lake.", 1),
        Paragraph("p-2", "The union still wants a pay rise of ten percent, Hamas said.", 2),
    )
    # A model that knows one thing: a sentence with "pay" is a demand.
    model = ItemModel(KindModel({"w:pay": 5.0, "bias": -2.0}, 0.5, 0), OFF)
    demands, proposals = complete_items(body, (), (), model)
    assert [(d.actor, d.paragraph) for d in demands] == [("Hamas", "p-2")]
    assert "pay rise of ten percent" in demands[0].text
    assert demands[0].evidence == body[1].text
    assert proposals == ()


def test_the_model_adds_no_item_of_a_kind_to_a_sentence_without_that_kinds_words() -> None:
    # "pay" is all the model knows, but neither sentence has a word of the demand lexicon or a
    # demand cue (`gate_by_lexicon` in learning.yml): a narrative sentence is no demand
    body = (
        Paragraph("p-1", "A pay rise of ten percent came into force on Monday, Hamas said.", 1),
        Paragraph("p-2", "Last week the pay board issued its annual report on wages.", 2),
    )
    model = ItemModel(KindModel({"w:pay": 5.0, "bias": -2.0}, 0.5, 0), OFF)
    assert complete_items(body, (), (), model) == ((), ())
    # with a word of the lexicon the same model adds the item
    wanting = (Paragraph("p-1", "The union wants a pay rise of ten percent.", 1),)
    assert [d.actor for d in complete_items(wanting, (), (), model)[0]] == ["union"]


def test_a_rule_item_is_kept_and_not_doubled() -> None:
    body = (Paragraph("p-1", "Russia demands that Ukraine give up Crimea.", 1),)
    everything = ItemModel(KindModel({"bias": 9.0}, 0.5, 0), OFF)
    rules_only = complete_items(body, *_rules(body), ItemModel(OFF, OFF))
    with_model = complete_items(body, *_rules(body), everything)
    assert with_model == rules_only
    assert [d.actor for d in with_model[0]] == ["Russia"]


def test_an_added_item_ends_with_its_quotation() -> None:
    # the model adds a demand to a sentence whose rule item is a proposal; its phrase ends
    # where the quotation ends, the tag after it left out
    body = (
        Paragraph(
            "p-1",
            '"The occupying forces must withdraw from the valley," the statement said.',
            1,
        ),
    )
    everything = ItemModel(KindModel({"bias": 9.0}, 0.5, 0), OFF)
    demands, _ = complete_items(body, *_rules(body), everything)
    assert [d.text for d in demands] == ["withdraw from the valley"]


def _rules(body: tuple[Paragraph, ...]) -> tuple[tuple, tuple]:  # type: ignore[type-arg]
    from build_tools.extract.items import find_items

    return find_items(body)


def test_candidates_are_every_body_sentence_in_order() -> None:
    body = (
        Paragraph("h-1", "Demands", 1, heading=True),
        Paragraph("p-1", "First sentence here. Second one follows.", 2),
        Paragraph("p-2", "- A listed point", 3, list_item=True),
    )
    found = find_candidates(body, (), ())
    assert [c.sentence for c in found] == [
        "First sentence here.",
        "Second one follows.",
        "A listed point",
    ]
    assert all("heading:demands" in c.features for c in found)
    assert "bullet" in found[2].features and "bullet" not in found[0].features


def test_a_damaged_model_file_is_one_error_naming_it(tmp_path: Path) -> None:
    bad = tmp_path / "items.json"
    bad.write_text('{"format": 1, "demand": {"weights": {"a": "x"}, "threshold": 0.5}}')
    with pytest.raises(BriefingError, match=re.escape(str(bad))):
        item_model.__wrapped__(bad)
    bad.write_text("{not json")
    with pytest.raises(BriefingError, match="cannot read the item model"):
        item_model.__wrapped__(bad)


def test_the_model_file_round_trips() -> None:
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    model = model_from_dict(data, str(MODEL_PATH))
    again = model_to_dict(model, data["report"])
    assert model_from_dict(again, "again") == model


def test_fit_learns_a_separable_feature_and_is_deterministic() -> None:
    examples = [("bias", "w:yes"), ("bias", "w:no")] * 10
    labels = [1, 0] * 10
    settings = training_settings()
    weights = fit(examples, labels, settings)
    assert weights["w:yes"] > 0 > weights["w:no"]
    assert fit(examples, labels, settings) == weights


def _make_train_args() -> list[str]:
    """The arguments `make train` passes, read from the Makefile (so they cannot drift)."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^train:.*\n((?:\t.*\n)+)", makefile, re.MULTILINE)
    assert recipe, "the Makefile has no train target"
    text = " ".join(recipe.group(1).replace("\\\n", " ").split())
    call = re.search(r"build_tools train (.*?)--out build_tools/models/items.json", text)
    assert call, "make train does not write build_tools/models/items.json"
    return shlex.split(call.group(1).replace("$(REAL)", str(REAL)))


def test_training_is_byte_identical_under_any_hash_seed(tmp_path: Path) -> None:
    # The project's own articles, so that this runs without ../shared/real.
    args = [
        "--measure",
        "tests/corpus/gold",
        "tests/corpus/seeds",
        "--keep",
        "tests/gold",
        "seeds",
    ]
    outputs = []
    for seed in ("1", "4242"):
        out = tmp_path / f"model-{seed}.json"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(
            [sys.executable, "-m", "build_tools", "train", *args, "--out", str(out)],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    report = json.loads(outputs[0])["report"]
    assert report["articles_measured"] == 28 and report["articles_extra"] == 2


def test_keep_articles_never_score_lower_than_the_rules_alone() -> None:
    measured = load_articles(ROOT / "tests/heldout/gold", ROOT / "tests/heldout/seeds")
    keep = load_articles(ROOT / "tests/gold", ROOT / "seeds")
    model, report = train_model(measured, [], training_settings(), keep)
    from build_tools.evaluate.training import _score

    alone = _score(keep, [ItemModel(OFF, OFF)] * len(keep))
    now = _score(keep, [model] * len(keep))
    for kind in ("demand", "proposal"):
        assert now[kind].f1 >= alone[kind].f1  # type: ignore[index]
        assert report[kind]["cross_validated"]["f1"] >= report[kind]["rules_alone"]["f1"]  # type: ignore[index]


@pytest.mark.skipif(not (REAL / "dev" / "gold").is_dir(), reason=NO_REAL)
def test_the_committed_model_is_what_make_train_makes(tmp_path: Path) -> None:
    out = tmp_path / "items.json"
    subprocess.run(
        [sys.executable, "-m", "build_tools", "train", *_make_train_args(), "--out", str(out)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    assert out.read_bytes() == MODEL_PATH.read_bytes(), (
        "build_tools/models/items.json is not what `make train` makes from today's code and "
        "articles: run `make train`, then `make eval`, and commit both"
    )


def test_a_cue_rule_switched_off_finds_nothing_and_comes_back() -> None:
    from build_tools.extract.cues import find_cues, rule_names
    from build_tools.switches import switched_off

    sentence = "Moscow demands that Kyiv withdraw its troops."
    names = {c.rule.switch for c in find_cues(sentence)}
    assert names and names <= set(rule_names())
    with switched_off(names):
        assert find_cues(sentence) == []
    assert {c.rule.switch for c in find_cues(sentence)} == names


def test_a_check_switched_off_lets_its_look_alike_through() -> None:
    from build_tools.extract.cues import find_cues, why_not
    from build_tools.switches import switched_off

    sentence = "Should Moscow demand that Kyiv withdraw its troops?"
    cue = find_cues(sentence)[0]
    assert why_not(sentence, cue) == "question"
    with switched_off(["check:question"]):
        assert why_not(sentence, cue) != "question"


def test_every_switch_has_a_unique_name() -> None:
    from build_tools.extract.cues import rule_names

    names = rule_names()
    assert len(names) == len(set(names))
    assert all(n.startswith(("cue:", "check:", "kind:")) for n in names)


def test_ablation_lists_every_name_with_its_change() -> None:
    from build_tools.evaluate.ablation import ablation, load_sources, render_ablation, switch_names

    rows = ablation(load_sources(ROOT / "tests" / "gold", ROOT / "seeds"))
    assert [r.name for r in rows] == ["all on", *switch_names()]
    page = render_ablation(rows, "the public seeds")
    assert all(f"| `{name}` |" in page for name in switch_names())
    by_name = {r.name: r for r in rows}
    # Switching off the rule behind the seeds' proposals costs proposals; switching off the
    # step that finds the title costs metadata.
    assert by_name["cue:call for"].proposals.f1 < rows[0].proposals.f1
    assert by_name["clean:title"].metadata_right < rows[0].metadata_right
    assert rows[0].junk_left == 0 and by_name["clean:judged-lines"].junk_left > 0
