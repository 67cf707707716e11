"""Sidecars (`seeds/NAME.yml`): each case under tests/cases/overrides/ is a folder with a
`sidecar.yml` for the seed `talks.txt` and an `expect.yml`: either the one-line `error` the
build reports for the seed, or what the briefing must show once the sidecar is applied.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from build_tools.briefing import briefing_from_path
from build_tools.corpus import load_corpus
from build_tools.errors import BriefingError
from build_tools.overrides import apply_sidecar, load_sidecar, parse_sidecar, parse_yaml
from build_tools.read.reading import read_seed
from build_tools.records import Briefing, Item
from build_tools.render.rendering import render_briefing
from tests.conftest import CASES, load_yaml

CASE_DIR = CASES / "overrides"
SEED = CASE_DIR / "talks.txt"
CASE_NAMES = sorted(p.name for p in CASE_DIR.iterdir() if p.is_dir())


def briefing_with_sidecar(tmp_path: Path, sidecar: Path) -> Briefing | BriefingError:
    """The seed and the case's sidecar in a seeds folder, made into a corpus."""
    shutil.copy(SEED, tmp_path / "talks.txt")
    shutil.copy(sidecar, tmp_path / "talks.yml")
    corpus = load_corpus(tmp_path)
    assert len(corpus.briefings) + len(corpus.errors) == 1
    return corpus.briefings[0] if corpus.briefings else corpus.errors[0]


def matches(item: Item, wanted: dict[str, Any]) -> bool:
    return all(getattr(item, key) == value for key, value in wanted.items() if key != "kind")


def all_items(b: Briefing) -> list[Item]:
    return [*b.demands, *b.proposals]


@pytest.mark.parametrize("name", CASE_NAMES)
def test_sidecar_case(name: str, tmp_path: Path) -> None:
    expect = load_yaml(CASE_DIR / name / "expect.yml")
    result = briefing_with_sidecar(tmp_path, CASE_DIR / name / "sidecar.yml")
    if "error" in expect:
        assert isinstance(result, BriefingError), "expected an error, got a briefing"
        assert str(result).replace(f"{tmp_path}/", "") == expect["error"]
        return
    assert isinstance(result, Briefing), str(result)
    b = result
    page = render_briefing(b)
    for field in ("title", "slug", "date", "publication", "url"):
        if field in expect:
            assert (b.slug if field == "slug" else getattr(b.meta, field)) == expect[field]
    if "authors" in expect:
        assert list(b.meta.authors) == expect["authors"]
    if "meta_edited" in expect:
        assert list(b.meta.edited) == expect["meta_edited"]
    for wanted in expect.get("items", []):
        assert any(matches(i, wanted) for i in all_items(b) if i.kind == wanted["kind"]), wanted
    for unwanted in expect.get("no_items", []):
        assert not any(matches(i, unwanted) for i in all_items(b) if i.kind == unwanted["kind"])
    for wanted in expect.get("links", []):
        assert any(all(getattr(lk, k) == v for k, v in wanted.items()) for lk in b.links), wanted
    body = " ".join(p.text for p in b.body)
    for text in expect.get("body_has", []):
        assert text in body
    for text in expect.get("body_lacks", []):
        assert text not in body
    for text in expect.get("removed_has", []):
        assert any(text in line for line in b.removed)
    for text in expect.get("page_has", []):
        assert text in page


def test_unedited_parts_stay_as_extracted(tmp_path: Path) -> None:
    """A sidecar that sets the date changes the date and nothing else."""
    plain = briefing_from_path(SEED)
    sidecar = tmp_path / "side.yml"
    sidecar.write_text("date: 2020-01-31\n", encoding="utf-8")
    edited = apply_sidecar(plain, read_seed(SEED), load_sidecar(sidecar))
    assert edited.meta.date == "2020-01-31"
    assert (edited.body, edited.demands, edited.proposals, edited.links) == (
        plain.body,
        plain.demands,
        plain.proposals,
        plain.links,
    )
    assert edited.edits == ("date set",)


def test_dropping_an_item_leaves_the_others(tmp_path: Path) -> None:
    plain = briefing_from_path(SEED)
    assert len(plain.proposals) >= 2
    sidecar = tmp_path / "side.yml"
    sidecar.write_text("proposals:\n  drop: [1]\n", encoding="utf-8")
    edited = apply_sidecar(plain, read_seed(SEED), load_sidecar(sidecar))
    assert edited.proposals == plain.proposals[1:]
    assert edited.edits == ("proposal 1 dropped",)


def test_line_marks_keep_every_link_listed(tmp_path: Path) -> None:
    """Marking a body line as junk moves it out of the body, not out of the link list."""
    plain = briefing_from_path(SEED)
    sidecar = tmp_path / "side.yml"
    sidecar.write_text("lines:\n  junk: [12]\n", encoding="utf-8")
    edited = apply_sidecar(plain, read_seed(SEED), load_sidecar(sidecar))
    assert [(lk.text, lk.href) for lk in edited.links] == [(lk.text, lk.href) for lk in plain.links]
    assert len(edited.paragraphs) == len(plain.paragraphs) - 1


def test_redundant_line_mark_is_a_warning(tmp_path: Path) -> None:
    sidecar = tmp_path / "side.yml"
    sidecar.write_text("lines:\n  body: [7]\n", encoding="utf-8")
    plain = briefing_from_path(SEED)
    edited = apply_sidecar(plain, read_seed(SEED), load_sidecar(sidecar))
    assert edited.body == plain.body
    assert edited.warnings[-1] == "sidecar line 2: line 7 is in the body; the entry changes nothing"


def test_sidecar_without_seed_is_an_error(tmp_path: Path) -> None:
    shutil.copy(SEED, tmp_path / "talks.txt")
    (tmp_path / "other.yml").write_text("date: 2022-01-01\n", encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert [b.source for b in corpus.briefings] == ["talks.txt"]
    assert [str(e) for e in corpus.errors] == [
        f"{tmp_path / 'other.yml'}: sidecar without a seed: no other.txt beside it"
    ]


def test_bad_sidecar_stops_only_its_seed(tmp_path: Path) -> None:
    shutil.copy(SEED, tmp_path / "talks.txt")
    shutil.copy(SEED, tmp_path / "again.txt")
    (tmp_path / "talks.yml").write_text("titel: Talks\n", encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert [b.source for b in corpus.briefings] == ["again.txt"]
    assert len(corpus.errors) == 1 and corpus.errors[0].line == 1


def test_deep_nesting_is_refused() -> None:
    with pytest.raises(BriefingError, match="nested more than 20 levels deep"):
        parse_yaml("a: " + "[" * 5000 + "]" * 5000, "deep.yml")


def test_empty_sidecar_changes_nothing(tmp_path: Path) -> None:
    sidecar = tmp_path / "side.yml"
    sidecar.write_text("# nothing to correct yet\n", encoding="utf-8")
    plain = briefing_from_path(SEED)
    assert apply_sidecar(plain, read_seed(SEED), load_sidecar(sidecar)) == plain


def test_readme_example_is_a_valid_sidecar() -> None:
    readme = (CASE_DIR.parent.parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Overriding an extraction", 1)[1]
    example = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    sidecar = parse_sidecar(parse_yaml(example, "README.md"), "README.md")
    assert [c.field for c in sidecar.meta] == ["title", "authors", "date", "publication", "url"]
    assert len(sidecar.lines) == 2 and len(sidecar.links) == 1
    assert (len(sidecar.demands.drop), len(sidecar.demands.edit), len(sidecar.demands.add)) == (
        2,
        1,
        1,
    )
