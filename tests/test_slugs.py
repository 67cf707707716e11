"""Stable slugs (issue 15, item 17): the slug record `seeds/slugs.json` keeps a published
briefing's URL when a seed is added, removed or renamed, in every build path (`build`, the
MkDocs plugin, `build --dask`); without a record the slugs are those of file-name order;
a record that cannot be read is a one-line error naming it, never a traceback."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from build_tools import cli
from build_tools.checking import check_seeds
from build_tools.corpus import load_corpus
from build_tools.errors import BriefingError
from build_tools.slugs import RECORD_NAME, assign_slugs, load_record, record_text
from tests.conftest import CASES, SEEDS

ARTICLE = CASES / "bad_input" / "same-title-a.txt"  # titled "Talks Resume in Geneva"
OTHER = CASES / "bad_input" / "non-english.txt"
SLUG = "talks-resume-in-geneva"


def slugs_of(seeds: Path) -> dict[str, str]:
    return {b.source: b.slug for b in load_corpus(seeds).briefings}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = cli.main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def published(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A seeds folder with one briefing, its slug recorded by `briefings slugs`."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(ARTICLE, seeds / "m-published.txt")
    assert run(capsys, "slugs", "--seeds", str(seeds), "--no-cache")[0] == 0
    return seeds


@pytest.mark.redteam
def test_an_earlier_named_seed_with_the_same_title_leaves_the_published_url(
    published: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(ARTICLE, published / "a-earlier.txt")
    assert slugs_of(published) == {"a-earlier.txt": f"{SLUG}-2", "m-published.txt": SLUG}
    out = tmp_path / "out"
    assert run(capsys, "build", "--seeds", str(published), "--out", str(out), "--no-cache")[0] == 0
    page = (out / "briefings" / f"{SLUG}.md").read_text(encoding="utf-8")
    assert "m-published.txt" in page
    assert "a-earlier.txt" in (out / "briefings" / f"{SLUG}-2.md").read_text(encoding="utf-8")
    # `briefings slugs` records the new seed with the slug the build gave it.
    status, printed, _ = run(capsys, "slugs", "--seeds", str(published), "--no-cache")
    assert status == 0
    assert printed == (
        f"recorded: a-earlier.txt: {SLUG}-2\n{published / RECORD_NAME}: written, 2 seeds\n"
    )
    assert load_record(published) == {"a-earlier.txt": f"{SLUG}-2", "m-published.txt": SLUG}


def test_without_a_record_the_slugs_are_those_of_file_name_order(tmp_path: Path) -> None:
    for name in ("m-published.txt", "a-earlier.txt"):
        shutil.copy(ARTICLE, tmp_path / name)
    assert slugs_of(tmp_path) == {"a-earlier.txt": SLUG, "m-published.txt": f"{SLUG}-2"}
    assert not (tmp_path / RECORD_NAME).exists()  # a build never writes the record


def test_the_record_of_the_public_seeds_is_up_to_date(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "slugs", "--check", "--seeds", str(SEEDS), "--no-cache")
    assert (status, out, err) == (0, "", "")
    assert slugs_of(SEEDS) == load_record(SEEDS)


def test_a_recorded_slug_stays_when_the_title_changes(published: Path) -> None:
    (published / "m-published.yml").write_text("title: Talks Moved to Vienna\n", encoding="utf-8")
    (briefing,) = load_corpus(published).briefings
    assert (briefing.meta.title, briefing.slug) == ("Talks Moved to Vienna", SLUG)


def test_a_removed_seed_frees_its_slug_and_a_renamed_one_keeps_its_url(
    published: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (published / "m-published.txt").rename(published / "z-renamed.txt")
    shutil.copy(OTHER, published / "b-other.txt")
    assert slugs_of(published)["z-renamed.txt"] == SLUG
    status, out, _ = run(capsys, "slugs", "--check", "--seeds", str(published), "--no-cache")
    assert status == 1
    assert f"gone: m-published.txt: {SLUG} (seed gone)" in out
    assert run(capsys, "slugs", "--seeds", str(published), "--no-cache")[0] == 0
    assert sorted(load_record(published) or {}) == ["b-other.txt", "z-renamed.txt"]


def test_a_seed_that_cannot_be_made_keeps_its_slug_reserved(
    published: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (published / "m-published.txt").write_bytes(b"")
    shutil.copy(ARTICLE, published / "z-new.txt")
    corpus = load_corpus(published)
    assert [(b.source, b.slug) for b in corpus.briefings] == [("z-new.txt", f"{SLUG}-2")]
    assert run(capsys, "slugs", "--seeds", str(published), "--no-cache")[0] == 0
    assert load_record(published) == {"m-published.txt": SLUG, "z-new.txt": f"{SLUG}-2"}


def test_the_record_is_written_only_when_it_changes(
    published: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record = published / RECORD_NAME
    assert record.read_text(encoding="utf-8") == '{\n  "m-published.txt": "' + SLUG + '"\n}\n'
    before = record.stat()
    status, out, _ = run(capsys, "slugs", "--seeds", str(published), "--no-cache")
    assert (status, out) == (0, f"{record}: up to date, 1 seed\n")
    assert (record.stat().st_ino, record.stat().st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert sorted(p.name for p in published.iterdir()) == sorted(["m-published.txt", RECORD_NAME])


def test_check_warns_of_a_seed_the_record_lacks(published: Path) -> None:
    shutil.copy(ARTICLE, published / "a-earlier.txt")
    report = check_seeds(published)
    found = [str(f) for f in report.findings if "slug" in f.message]
    assert found == [
        f"{published / 'a-earlier.txt'}: warning: no slug recorded, so its URL may change; "
        f"run `briefings slugs` and commit {published / RECORD_NAME}"
    ]


def test_record_text_is_sorted_and_the_same_for_the_same_slugs() -> None:
    text = record_text({"b.txt": "b", "a.txt": "talks-2", "é.txt": "e"})
    assert text == '{\n  "a.txt": "talks-2",\n  "b.txt": "b",\n  "é.txt": "e"\n}\n'
    assert json.loads(text) == {"a.txt": "talks-2", "b.txt": "b", "é.txt": "e"}


def test_assign_slugs_takes_the_next_free_slug_past_recorded_ones(tmp_path: Path) -> None:
    shutil.copy(ARTICLE, tmp_path / "a.txt")
    (briefing,) = load_corpus(tmp_path).briefings
    recorded = {"x.txt": SLUG, "y.txt": f"{SLUG}-2"}
    assert assign_slugs([briefing], recorded)[0].slug == f"{SLUG}-3"
    assert assign_slugs([briefing], {"a.txt": "kept-slug"})[0].slug == "kept-slug"
    # Two files shown under one name ("a\u202e.txt" is shown as "a.txt"): one slug each.
    both = assign_slugs([briefing, briefing], {"a.txt": SLUG})
    assert [b.slug for b in both] == [SLUG, f"{SLUG}-2"]


# A record that cannot be read: its text, and the one line every build path prints.
MALFORMED = {
    "invalid-json": ('{\n  "a.txt": "x",\n  "b.txt" "y"\n}\n', ":3: not valid JSON: Expecting ':'"),
    "not-an-object": ('["a.txt"]\n', ": expected one JSON object of seed file names and slugs"),
    "not-a-string": ('{"a.txt": 3}\n', ": a.txt: 3 is not a slug (lower-case a-z, 0-9"),
    "upper-case": ('{"a.txt": "Talks"}\n', ": a.txt: 'Talks' is not a slug"),
    "path-in-slug": ('{"a.txt": "../x"}\n', ": a.txt: '../x' is not a slug"),
    "index": ('{"a.txt": "index"}\n', ": a.txt: the slug 'index' is reserved for a site page"),
    "same-slug": ('{"a.txt": "x", "b.txt": "x"}\n', ": a.txt and b.txt are both given 'x'"),
    "same-seed": ('{"a.txt": "x", "a.txt": "y"}\n', ": 'a.txt' is recorded twice"),
    "not-a-seed": ('{"sub/a.txt": "x"}\n', ": 'sub/a.txt' is not a seed file name (NAME.txt)"),
    "not-txt": ('{"a.md": "x"}\n', ": 'a.md' is not a seed file name (NAME.txt)"),
    "surrogate": ('{"\\ud800.txt": "x"}\n', ": '\\ud800.txt' is not a seed file name"),
    "bidi": ('{"a\\u202e.txt": "x"}\n', ": 'a\\u202e.txt' is not a seed file name"),
    "deep": ("[" * 100_000 + "]" * 100_000, ": not valid JSON: nested too deep"),
    "not-utf8": (b'{"a.txt": "\xff"}\n', ": not UTF-8 text (byte 11)"),
}


def malformed_folder(tmp_path: Path, case: str) -> tuple[Path, str]:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(ARTICLE, seeds / "a.txt")
    text, message = MALFORMED[case]
    record = seeds / RECORD_NAME
    record.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return seeds, f"{record}{message}"


@pytest.mark.redteam
@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_a_malformed_record_is_one_line_naming_it(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seeds, message = malformed_folder(tmp_path, case)
    with pytest.raises(BriefingError) as raised:
        load_corpus(seeds)
    assert str(raised.value).startswith(message)
    for command in (["build", "--out", str(tmp_path / "out")], ["slugs"]):
        status, out, err = run(capsys, *command, "--seeds", str(seeds), "--no-cache")
        assert status == 1
        assert err.startswith(f"error: {message}") and err.count("\n") == 1, err
        assert "Traceback" not in out + err
    assert not (tmp_path / "out").exists()
    (finding,) = [f for f in check_seeds(seeds).findings if f.severity == "error"]
    assert str(BriefingError(finding.path, finding.message, finding.line)).startswith(message)


def test_a_record_that_is_a_folder_is_an_error(tmp_path: Path) -> None:
    shutil.copy(ARTICLE, tmp_path / "a.txt")
    (tmp_path / RECORD_NAME).mkdir()
    with pytest.raises(BriefingError, match="cannot read the slug record"):
        load_corpus(tmp_path)


def test_the_plugin_keeps_the_recorded_slug_and_names_a_bad_record(
    published: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from build_tools import plugin
    from tests.test_plugin import load, run_files

    monkeypatch.setenv(plugin.SEEDS_ENV, str(published))
    monkeypatch.setenv(plugin.CACHE_ENV, "off")
    monkeypatch.setenv(plugin.JOBS_ENV, "1")
    shutil.copy(ARTICLE, published / "a-earlier.txt")
    config, _errors = load(tmp_path, {})
    files = run_files(config)
    page = files.get_file_from_path(f"briefings/{SLUG}.md")
    assert page is not None and "m-published.txt" in page.content_string
    (published / RECORD_NAME).write_text('{"a.txt": "index"}\n', encoding="utf-8")
    config, _errors = load(tmp_path, {})
    with pytest.raises(plugin.PluginError, match=r"slugs.json: a.txt: the slug 'index' is reser"):
        run_files(config)


def test_the_dask_build_keeps_the_recorded_slug(published: Path) -> None:
    distributed = pytest.importorskip("distributed", reason="needs the dask extra")
    from build_tools.cluster import load_corpus_on_dask

    shutil.copy(ARTICLE, published / "a-earlier.txt")
    with distributed.Client(processes=False, n_workers=1, dashboard_address=None) as client:
        corpus = load_corpus_on_dask(published, client)
    assert {b.source: b.slug for b in corpus.briefings} == slugs_of(published)
    assert slugs_of(published)["m-published.txt"] == SLUG
