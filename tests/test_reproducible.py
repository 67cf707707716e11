"""Reproducible, safe output: two builds of the same inputs give byte-identical site trees,
and `make site` swaps in a new site only when the build succeeded."""

from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS
from tests.sitebuild import build_site, prepare_project

pytestmark = pytest.mark.slow

EPOCH = 1700000000  # the SOURCE_DATE_EPOCH of tests/sitebuild.py
# Pagefind 1.5 writes the values of a filter in an order of its own choosing (upstream issue
# Pagefind/pagefind#638: fragments and word chunks are stable, filter chunks not), so these
# files, whose names are hashes of the filter chunks, vary between two builds.
UNFIXED_ORDER = re.compile(r"pagefind/(filter/.*|pagefind-entry\.json|pagefind\..*\.pf_meta)")


def tree(site: Path) -> dict[str, bytes]:
    """Every file of the site by path, less Pagefind's filter chunks and the two files that
    name them (`UNFIXED_ORDER`)."""
    return {
        str(p.relative_to(site)): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file() and not UNFIXED_ORDER.fullmatch(str(p.relative_to(site)))
    }


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    """Built in two folders of different names, so no path or time may leak into a file."""
    seeds = [
        *sorted(SEEDS.glob("*.txt")),
        ROOT / "tests" / "cases" / "bad_input" / "non-english.txt",
    ]
    first = tree(build_site(tmp_path / "one", seeds))
    second = tree(build_site(tmp_path / "second-build", seeds))
    assert sorted(first) == sorted(second)
    differing = [name for name in first if first[name] != second[name]]
    assert differing == []
    for name in ("sitemap.xml", "sitemap.xml.gz", "pagefind/pagefind.js", "index.html"):
        assert name in first
    assert sum(1 for name in first if name.startswith("briefings/")) >= len(seeds)


@pytest.mark.redteam
def test_pages_are_byte_identical_under_any_hash_seed(tmp_path: Path) -> None:
    """Issue 15: a float sum over a set (the summary's scores) rounded differently with the
    hash seed, so two runs could pick different sentences. `build --out` in two processes
    with different PYTHONHASHSEEDs writes the same bytes."""
    from benchmarks.synthetic import load_pool, write_corpus

    seeds = tmp_path / "seeds"
    write_corpus(seeds, 80, pool=load_pool())
    for seed in [*SEEDS.glob("*.txt"), ROOT / "tests" / "cases" / "bad_input" / "non-english.txt"]:
        shutil.copy(seed, seeds / seed.name)
    trees = []
    for hash_seed in ("1", "14"):
        out = tmp_path / f"out-{hash_seed}"
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        command = [sys.executable, "-m", "build_tools", "build", "--seeds", str(seeds)]
        command += ["--out", str(out), "--no-cache", "--jobs", "1"]
        result = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, check=False)
        assert result.returncode == 0, result.stderr
        trees.append(tree(out))
    assert sorted(trees[0]) == sorted(trees[1])
    assert [name for name in trees[0] if trees[0][name] != trees[1][name]] == []


def test_sitemap_dates_come_from_source_date_epoch(tmp_path: Path) -> None:
    site = build_site(tmp_path, sorted(SEEDS.glob("*.txt")))
    day = datetime.fromtimestamp(EPOCH, UTC).strftime("%Y-%m-%d")
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert sitemap.count("<lastmod>") == sitemap.count(f"<lastmod>{day}</lastmod>") > 0
    with gzip.open(site / "sitemap.xml.gz") as packed:
        assert packed.read().decode("utf-8") == sitemap
    # The gzip header's time is the build day's midnight, not the time of the build.
    midnight = int(datetime.strptime(day, "%Y-%m-%d").replace(tzinfo=UTC).timestamp())
    assert int.from_bytes((site / "sitemap.xml.gz").read_bytes()[4:8], "little") == midnight


def make_site(project: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """`make site` in a copy of the project, with the checkout's venv (no set-up step)."""
    environ = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    return subprocess.run(
        ["make", "--no-print-directory", "site", f"BIN={Path(sys.executable).parent}", "STAMP="],
        cwd=project,
        env={**environ, **env},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the site project with the public seeds, as a git repository of one commit."""
    prepare_project(tmp_path, SEEDS)
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    shutil.copytree(ROOT / "scripts", tmp_path / "scripts")
    git_env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_AUTHOR_DATE": "2024-02-29T12:00:00+00:00",
        "GIT_COMMITTER_DATE": "2024-02-29T12:00:00+00:00",
    }
    for args in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "seeds"]):
        subprocess.run(["git", *args], cwd=tmp_path, env=git_env, check=True)
    return tmp_path


def test_make_site_dates_from_last_commit(project: Path) -> None:
    result = make_site(project)
    assert result.returncode == 0, result.stderr
    assert "SOURCE_DATE_EPOCH=1709208000" in result.stdout
    assert "<lastmod>2024-02-29</lastmod>" in (project / "site" / "sitemap.xml").read_text()
    assert not list((project / "build").glob("site-*"))


def test_make_site_honours_a_given_source_date_epoch(project: Path) -> None:
    result = make_site(project, SOURCE_DATE_EPOCH=str(EPOCH))
    assert result.returncode == 0, result.stderr
    assert "<lastmod>2023-11-14</lastmod>" in (project / "site" / "sitemap.xml").read_text()


def test_failed_make_site_keeps_the_previous_site(project: Path) -> None:
    assert make_site(project).returncode == 0
    before = tree(project / "site")
    # A hand-written page at a generated page's path fails the strict build.
    (project / "docs" / "index.md").write_text("# My own home page\n", encoding="utf-8")
    result = make_site(project)
    assert result.returncode != 0
    assert "docs/index.md: a hand-written page has the path of a generated page" in result.stderr
    assert tree(project / "site") == before
    assert not list((project / "build").glob("site-*"))


@pytest.mark.redteam
def test_two_make_site_at_once_take_turns(project: Path) -> None:
    """Issue 15, item 12: two `make site` at once nested one site inside the other
    (`site/site-new.XXXX/`) while both printed "site/ replaced"."""
    environ = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    command = ["make", "--no-print-directory", "site", f"BIN={Path(sys.executable).parent}"]
    runs = [
        subprocess.Popen(
            [*command, "STAMP="], cwd=project, env=environ, stdout=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    outputs = [run.communicate()[0] for run in runs]
    assert [run.returncode for run in runs] == [0, 0]
    assert all("site/ replaced" in out for out in outputs)
    assert (project / "site" / "index.html").is_file()
    assert not [p.name for p in (project / "site").iterdir() if p.name.startswith("site-new")]
    assert not list((project / "build").glob("site-*"))


@pytest.mark.redteam
def test_the_new_site_takes_the_old_ones_place_in_one_step(tmp_path: Path) -> None:
    """`scripts/swap-dirs.py NEW site` exchanges the two folders (renameat2), so site/ is
    never missing, even for a moment; NEW then holds the old site."""
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "old.html").write_text("old")
    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "new.html").write_text("new")
    script = ROOT / "scripts" / "swap-dirs.py"
    subprocess.run([sys.executable, str(script), "new", "site"], cwd=tmp_path, check=True)
    assert [p.name for p in (tmp_path / "site").iterdir()] == ["new.html"]
    assert [p.name for p in (tmp_path / "new").iterdir()] == ["old.html"]
    shutil.rmtree(tmp_path / "site")
    subprocess.run([sys.executable, str(script), "new", "site"], cwd=tmp_path, check=True)
    assert [p.name for p in (tmp_path / "site").iterdir()] == ["old.html"]
    assert not (tmp_path / "new").exists()
