"""The rule files' schema (`build_tools/schema/rules.yml`): every rule file is checked against it
when loaded, and a file that breaks it is one error naming the file and the key."""

from __future__ import annotations

import pytest

from build_tools import rules
from build_tools.errors import BriefingError
from tests.conftest import ROOT

RULE_FILES = sorted(p.stem for p in (ROOT / "build_tools" / "rules").glob("*.yml"))


def test_the_schema_knows_every_rule_file_and_no_other() -> None:
    assert sorted(rules.rules_schema()) == RULE_FILES


@pytest.mark.parametrize("name", RULE_FILES)
def test_every_rule_file_keeps_to_the_schema(name: str) -> None:
    rules.load_rules.cache_clear()
    assert isinstance(rules.load_rules(name), dict)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(abbreviationz=["x"]), "unknown key 'abbreviationz'"),
        (lambda d: d.pop("abbreviations"), "missing key 'abbreviations' (a list of strings)"),
        (lambda d: d.update(abbreviations="etc"), "'abbreviations' must be a list of strings"),
        (lambda d: d.update(abbreviations=[1, 2]), "'abbreviations' must be a list of strings"),
    ],
)
def test_a_file_that_breaks_it_is_one_error_naming_file_and_key(change, message) -> None:  # type: ignore[no-untyped-def]
    data = {"abbreviations": ["etc", "e.g"]}
    change(data)
    with pytest.raises(BriefingError) as error:
        rules.check_rules("sentences", data, "build_tools/rules/sentences.yml")
    assert str(error.value).startswith("build_tools/rules/sentences.yml")
    assert message in str(error.value)
    assert "\n" not in str(error.value)


def test_a_number_where_a_whole_number_is_wanted_is_refused() -> None:
    data = dict(rules.load_rules("summary"))
    data["max_sentences"] = 2.5
    with pytest.raises(BriefingError, match="'max_sentences' must be a whole number"):
        rules.check_rules("summary", data, "summary.yml")


def test_a_rule_file_the_schema_does_not_know_is_refused() -> None:
    with pytest.raises(BriefingError, match="no schema for this rule file"):
        rules.check_rules("newfile", {}, "build_tools/rules/newfile.yml")
