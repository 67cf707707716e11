"""The evaluation scorer itself, so that its numbers can be trusted.

Most cases are data: `tests/cases/evaluation/NAME.yml` gives a gold annotation, a hand-made
predicted briefing and the scores expected (see the README there). The rest checks the pieces
on their own (matching, party names, labels), reading gold files, and the command line.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from build_tools.cli import main
from build_tools.errors import BriefingError
from build_tools.evaluate.evaluation import (
    Headline,
    evaluate_corpus,
    gate_failures,
    load_baseline,
    maximum_matching,
    raise_floors,
    render_baseline,
    same_party,
    score_article,
    strip_markup,
    strip_title_label,
)
from build_tools.evaluate.evaluation_report import render_markdown, render_table
from build_tools.evaluate.gold import load_gold, parse_gold
from build_tools.extract.links import is_placeholder
from build_tools.records import Briefing, Item, ItemKind, Link, Metadata, Paragraph
from tests.conftest import ROOT, load_yaml

CASES = sorted((ROOT / "tests" / "cases" / "evaluation").glob("*.yml"))
GOLD_DEFAULTS = {"title": "A title", "author": None, "date": None, "publication": None, "url": None}


def _items(kind: ItemKind, entries: list[dict[str, Any]]) -> tuple[Item, ...]:
    return tuple(
        Item(
            kind=kind,
            actor=str(e["actor"]),
            text=str(e["text"]),
            evidence=str(e.get("evidence", e["text"])),
            paragraph="p-1",
            stance=e.get("stance"),
        )
        for e in entries
    )


def _briefing(pred: dict[str, Any]) -> Briefing:
    body = []
    for n, text in enumerate(pred.get("body", []), start=1):
        heading = text.startswith("## ")
        body.append(
            Paragraph(
                anchor=f"p-{n}",
                text=text.removeprefix("## "),
                line=n,
                heading=heading,
                level=2 if heading else 0,
            )
        )
    links = tuple(
        Link(
            text=lk["text"],
            href=lk["href"],
            kind=lk.get("kind", "inline"),
            context="",
            placeholder=is_placeholder(lk["href"]),
        )
        for lk in pred.get("links", [])
    )
    meta = Metadata(
        title=pred.get("title", "A title"),
        authors=tuple(pred.get("authors", [])),
        date=pred.get("date"),
        publication=pred.get("publication"),
        url=pred.get("url"),
    )
    return Briefing(
        source="case.txt",
        slug="case",
        meta=meta,
        summary=pred.get("summary", ""),
        body=tuple(body),
        demands=_items("demand", pred.get("demands", [])),
        proposals=_items("proposal", pred.get("proposals", [])),
        links=links,
    )


def _observed(case_path: Path, case: dict[str, Any]) -> dict[str, Any]:
    gold = parse_gold({**GOLD_DEFAULTS, **case["gold"]}, name=case_path.stem, where=str(case_path))
    score = score_article(gold, _briefing(case.get("predicted") or {}))

    def items(s: Any) -> dict[str, Any]:
        return {
            "gold": s.gold,
            "predicted": s.predicted,
            "matched": s.matched,
            "precision": round(s.precision, 3),
            "recall": round(s.recall, 3),
            "f1": round(s.f1, 3),
            "attributed": s.attributed,
            "stance_checked": s.stance_checked,
            "stance_right": s.stance_right,
            "missed": list(s.missed),
            "spurious": list(s.spurious),
            "not_item_hits": list(s.not_item_hits),
            "pairs": [[m.gold, m.predicted] for m in s.matches],
        }

    links = score.links
    return {
        "demands": items(score.demands),
        "proposals": items(score.proposals),
        "attribution": None if score.attribution is None else round(score.attribution, 3),
        "metadata": {f.name: f.ok for f in score.metadata},
        "links": {
            "gold": links.gold,
            "predicted": links.predicted,
            "matched": links.matched,
            "exact": links.exact,
            "kinds_exact": links.kinds_exact,
            "precision": round(links.precision, 3),
            "recall": round(links.recall, 3),
        },
        "body": {
            "leaked": list(score.body.leaked),
            "not_joined": list(score.body.not_joined),
            "lost": list(score.body.lost),
            "extra": list(score.body.extra),
        },
        "summary_found": score.summary_found,
    }


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_scoring_case(path: Path) -> None:
    case = load_yaml(path)
    observed = _observed(path, case)
    for section, want in case["expected"].items():
        got = observed[section]
        if isinstance(want, dict):
            got = {key: got[key] for key in want}
        assert got == want, f"{path.name}: {section}"


def test_cases_exist() -> None:
    assert len(CASES) >= 10


# --- the pieces --------------------------------------------------------------------------


def test_maximum_matching_recovers_what_greedy_misses() -> None:
    # Row 0 may take column 0 or 1, row 1 only column 0: greedy gives 0->0 and strands row 1.
    assert maximum_matching([[1, 1], [1, 0]]) == {0: 1, 1: 0}
    assert maximum_matching([[0, 0], [0, 1]]) == {1: 1}
    assert len(maximum_matching([[1], [1], [1]])) == 1
    assert maximum_matching([[1, 1, 1]]) in ({0: 0}, {0: 1}, {0: 2})
    assert maximum_matching([]) == {} and maximum_matching([[], []]) == {}


def test_maximum_matching_takes_the_greatest_weight() -> None:
    # Two pairs (3 + 4) outweigh the heaviest single pair (5).
    assert maximum_matching([[5, 3], [4, 0]]) == {0: 1, 1: 0}
    assert maximum_matching([[2, 9], [3, 8]]) == {0: 1, 1: 0}
    assert maximum_matching([[9, 2], [8, 3]]) == {0: 0, 1: 1}


@pytest.mark.parametrize(
    ("gold", "predicted", "same"),
    [
        ("Russia", "Putin", True),
        ("Russia", "the Kremlin", True),
        ("Ukraine", "Kiev", True),
        ("Ukraine", "Zelensky", True),
        ("author", "Jane Roe", True),
        ("Jane Roe", "author", True),
        ("author", "Russia", False),
        ("Russia", "Ukraine", False),
        ("Varga and Novak", "Novak", True),
        ("first camp", "second camp", False),
        ("Western diplomats", "Western officials", True),
        ("Swiss government", "Vatican", False),
        ("IAEA", "iaea", True),
        # an alias the gazetteer lists with its article ("the US") counts bare too
        ("US", "United States", True),
        ("UN", "United States", False),
        # a plural possessive is the same word ("teachers'" and "Teachers")
        ("Oakland Education Association (teachers' union)", "Teachers", True),
    ],
)
def test_same_party(gold: str, predicted: str, same: bool) -> None:
    assert same_party(gold, predicted, authors=("Jane Roe",)) is same


@pytest.mark.parametrize(
    ("title", "stripped"),
    [
        ("Opinion: Start With the Prisoners", "start with the prisoners"),
        ("Analysis | What Guarantees?", "what guarantees?"),
        ("OPINION - Talks", "talks"),
        ("Ukraine: the Case for Talks", "ukraine: the case for talks"),
        ("Talks | The Harbour Post", "talks | the harbour post"),
    ],
)
def test_strip_title_label(title: str, stripped: str) -> None:
    assert strip_title_label(title) == stripped


@pytest.mark.parametrize(
    ("line", "plain"),
    [
        ("By [Jane Roe](#)", "By Jane Roe"),
        ("By [Jane Roe][1] and [Tom Fisk][2]", "By Jane Roe and Tom Fisk"),
        ("![A damaged bridge](https://example.org/b.jpg)", "A damaged bridge"),
        ("**Related article:** [Other](#)", "Related article: Other"),
        (
            "*The views expressed are the author's own.*",
            "The views expressed are the author's own.",
        ),
        ("<https://example.org/a>", "https://example.org/a"),
        ("- Advertisement -", "Advertisement -"),
    ],
)
def test_strip_markup(line: str, plain: str) -> None:
    assert strip_markup(line) == plain


# --- gold files --------------------------------------------------------------------------


def test_every_gold_file_of_the_project_loads() -> None:
    paths = sorted((ROOT / "tests" / "gold").glob("*.yml"))
    paths += sorted((ROOT / "tests" / "corpus" / "gold").glob("*.yml"))
    golds = [load_gold(p) for p in paths]
    assert len(golds) >= 12
    assert all(g.demands and g.proposals for g in golds)


def test_gold_author_strings_split_into_names(tmp_path: Path) -> None:
    path = tmp_path / "a.yml"
    path.write_text(
        "title: T\nauthor: Anna Kowalczyk and Tomás Ferreira\ndate: 2024-03-14\n"
        "publication: null\nurl: null\n",
        encoding="utf-8",
    )
    gold = load_gold(path)
    assert gold.authors == ("Anna Kowalczyk", "Tomás Ferreira")
    assert gold.date == "2024-03-14"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("title: [unclosed\n", "not valid YAML"),
        ("- a list\n", "must be a mapping"),
        ("title: T\nauthor: null\n", "missing date, publication, url"),
        (
            "title: T\nauthor: null\ndate: null\npublication: null\nurl: null\n"
            "demands:\n  - {actor: Russia, demand: x}\n",
            "demands item 1: 'key_terms' must be a non-empty list",
        ),
        (
            "title: T\nauthor: null\ndate: null\npublication: null\nurl: null\n"
            "proposals:\n  - {proposer: X, key_terms: [a], stance: liked}\n",
            "stance 'liked'",
        ),
        (
            "title: T\nauthor: null\ndate: null\npublication: null\nurl: null\n"
            "links:\n  - {text: a, href: '#', kind: footer}\n",
            "link 1: kind 'footer'",
        ),
        (
            "title: T\nauthor: null\ndate: null\npublication: null\nurl: null\n"
            "broken_paragraphs:\n  - [only one]\n",
            "broken_paragraphs 1",
        ),
    ],
)
def test_bad_gold_file_is_one_error_naming_it(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(BriefingError) as info:
        load_gold(path)
    assert str(info.value).startswith(str(path))
    assert message in str(info.value)


# --- corpora, baseline and command line --------------------------------------------------

ARTICLE = """\
# Opinion: Talks Need a Timetable

By Jane Roe

2024-05-02

Moscow demands a neutral status for Ukraine. The authors argue that talks should follow a fixed
timetable.
"""
GOLD = """\
title: Talks Need a Timetable
author: Jane Roe
date: 2024-05-02
publication: null
url: null
demands:
  - {actor: Russia, demand: neutrality, key_terms: [neutral status]}
  - {actor: Ukraine, demand: a withdrawal the extractor cannot find, key_terms: [full withdrawal]}
proposals:
  - {proposer: author, proposal: a timetable, key_terms: [fixed timetable]}
boilerplate: ["By Jane Roe"]
"""


@pytest.fixture
def tiny_corpus(tmp_path: Path) -> tuple[Path, Path]:
    gold, seeds = tmp_path / "gold", tmp_path / "seeds"
    gold.mkdir()
    seeds.mkdir()
    (gold / "talks.yml").write_text(GOLD, encoding="utf-8")
    (seeds / "talks.txt").write_text(ARTICLE, encoding="utf-8")
    (seeds / "unannotated.txt").write_text("Not scored.\n", encoding="utf-8")
    return gold, seeds


def test_evaluate_corpus_scores_each_gold_file(tiny_corpus: tuple[Path, Path]) -> None:
    corpus = evaluate_corpus(*tiny_corpus, label="tiny")
    assert corpus.label == "tiny"
    assert [a.name for a in corpus.articles] == ["talks"]
    total = corpus.total
    assert (total.demands.gold, total.proposals.gold) == (2, 1)
    assert total.demands.recall <= 0.5
    assert total.body.boilerplate == 1
    assert len(total.metadata) == 5


def test_evaluate_corpus_without_seed_names_the_gold_file(tiny_corpus: tuple[Path, Path]) -> None:
    gold, seeds = tiny_corpus
    (seeds / "talks.txt").unlink()
    with pytest.raises(BriefingError, match=r"talks\.yml: no article"):
        evaluate_corpus(gold, seeds)


def test_cli_evaluate_prints_a_table(
    tiny_corpus: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    gold, seeds = tiny_corpus
    assert main(["evaluate", str(gold), str(seeds), "--label", "tiny", "--details"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("tiny: 1 article")
    assert "demands P R F1" in out
    assert "\ntalks " in out and "\noverall " in out


def test_cli_evaluate_json_matches_the_records(
    tiny_corpus: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    gold, seeds = tiny_corpus
    assert main(["evaluate", str(gold), str(seeds), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    corpus = evaluate_corpus(gold, seeds)
    (entry,) = data["corpora"]
    assert entry["label"] == seeds.as_posix()
    assert entry["overall"]["demands"]["matched"] == corpus.total.demands.matched
    assert entry["overall"]["proposals"]["f1"] == round(corpus.total.proposals.f1, 4)
    assert [f["name"] for f in entry["articles"][0]["metadata"]["fields"]] == [
        "title",
        "author",
        "date",
        "publication",
        "url",
    ]


def test_cli_evaluate_writes_page_and_raises_floors(
    tiny_corpus: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gold, seeds = tiny_corpus
    page, baseline = tmp_path / "accuracy.md", tmp_path / "baseline.yml"
    note = "# 'tiny' demands floor set by hand: the reason, kept when the floors rise.\n"
    baseline.write_text(
        render_baseline({"tiny": Headline(1.0, 0.0, 0.0, 0.0)}, note),
        encoding="utf-8",
    )
    args = ["evaluate", str(gold), str(seeds), "--label", "tiny"]
    assert main([*args, "--markdown", str(page), "--update-baseline", str(baseline)]) == 0
    corpus = evaluate_corpus(gold, seeds, label="tiny")
    assert page.read_text(encoding="utf-8") == render_markdown([corpus])
    floors = load_baseline(baseline)["tiny"]
    assert floors.demands_f1 == 1.0  # never lowered, even if the score is lower
    assert floors.proposals_f1 <= corpus.total.proposals.f1
    assert floors.proposals_f1 > corpus.total.proposals.f1 - 0.001
    text = baseline.read_text(encoding="utf-8")
    assert text.startswith("# Quality floors") and note in text.split("\ntiny:")[0]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["evaluate", "gold"], "error: gold: expected GOLD_DIR SEEDS_DIR pairs"),
        (["evaluate", "no/such/gold", "seeds"], "error: no/such/gold: no such folder"),
    ],
)
def test_cli_evaluate_bad_input_is_one_line(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(args) == 1
    err = capsys.readouterr().err
    assert err.startswith(message)
    assert err.count("\n") == 1


def test_cli_evaluate_bad_gold_file_is_one_line(
    tiny_corpus: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    gold, seeds = tiny_corpus
    (gold / "talks.yml").write_text("title: [unclosed\n", encoding="utf-8")
    assert main(["evaluate", str(gold), str(seeds)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: {gold / 'talks.yml'}:")
    assert "not valid YAML" in err
    assert err.count("\n") == 1


def test_floors_only_move_up(tiny_corpus: tuple[Path, Path]) -> None:
    corpus = evaluate_corpus(*tiny_corpus, label="tiny")
    high = {"tiny": Headline(1.0, 1.0, 1.0, 1.0)}
    assert raise_floors(high, [corpus]) == high
    raised = raise_floors({"tiny": Headline(0.0, 0.0, 0.0, 0.0)}, [corpus])["tiny"]
    assert raised.metadata == pytest.approx(corpus.total.metadata_score, abs=0.001)
    assert gate_failures(raise_floors({}, [corpus]), [corpus]) == []
    failures = gate_failures(high, [corpus])
    assert failures and all(f.startswith("tiny: ") for f in failures)
    assert gate_failures({}, [corpus]) == ["tiny: no floors in the baseline file"]


def test_reports_are_deterministic(tiny_corpus: tuple[Path, Path]) -> None:
    first = evaluate_corpus(*tiny_corpus, label="tiny")
    second = evaluate_corpus(*tiny_corpus, label="tiny")
    assert render_markdown([first]) == render_markdown([second])
    assert render_table([first]) == render_table([second])


def _best_by_brute_force(weights: list[list[int]]) -> int:
    rows, cols = len(weights), len(weights[0]) if weights else 0
    best = 0
    for columns in itertools.permutations(range(max(rows, cols)), rows):
        best = max(
            best, sum(weights[i][j] for i, j in enumerate(columns) if j < cols and weights[i][j])
        )
    return best


@given(
    st.integers(min_value=1, max_value=4).flatmap(
        lambda cols: st.lists(
            st.lists(st.integers(min_value=0, max_value=6), min_size=cols, max_size=cols),
            min_size=0,
            max_size=4,
        )
    )
)
def test_maximum_matching_is_optimal(weights: list[list[int]]) -> None:
    pairs = maximum_matching(weights)
    assert len(set(pairs.values())) == len(pairs)
    assert all(weights[i][j] > 0 for i, j in pairs.items())
    assert sum(weights[i][j] for i, j in pairs.items()) == _best_by_brute_force(weights)


# --- the notes under each set's heading (tests/eval_notes.yml) --------------------------


def test_a_note_is_a_text_or_a_table_of_when_a_set_was_scored(tmp_path: Path) -> None:
    from build_tools.evaluate.evaluation_report import load_notes

    notes = tmp_path / "notes.yml"
    notes.write_text(
        "plain: Written for the project.\n"
        "dated:\n"
        "  about: Never read to write a rule.\n"
        "  scored:\n"
        "    - when: 2026-01-02\n"
        "      after: a rule for A | B\n"
        "      result: >-\n"
        "        demands 0.40\n"
        "        to 0.45\n",
        encoding="utf-8",
    )
    loaded = load_notes(notes)
    assert loaded["plain"] == "Written for the project."
    assert loaded["dated"] == (
        "Never read to write a rule.\n\n"
        "| scored | after | result |\n|:---|:---|:---|\n"
        "| 2026-01-02 | a rule for A \\| B | demands 0.40 to 0.45 |\n"
    )


def test_a_note_of_neither_form_is_an_error_naming_the_file_and_the_set(tmp_path: Path) -> None:
    from build_tools.evaluate.evaluation_report import load_notes

    notes = tmp_path / "notes.yml"
    notes.write_text("dated:\n  about: x\n  scored:\n    - when: 2026-01-02\n", encoding="utf-8")
    with pytest.raises(BriefingError, match="the note of 'dated' must be a text") as raised:
        load_notes(notes)
    assert raised.value.path == str(notes)
