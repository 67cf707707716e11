"""Command-line options of issue 16: --version, -v/-q, build --site-url, check --format, and
the `briefings` console script."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from build_tools import cli
from build_tools.checking import Finding
from tests.conftest import SEEDS

BROKEN = b"\x00\x01binary"


def seeds_with_a_bad_one(tmp_path: Path) -> Path:
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    (seeds / "zz_bad.txt").write_bytes(BROKEN)
    return seeds


def test_version_is_the_installed_package_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli.main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out == f"python -m build_tools {version('negotiation-briefings')}\n"


def test_console_script_is_installed_beside_python() -> None:
    script = Path(sys.executable).parent / "briefings"
    result = subprocess.run([script, "--version"], capture_output=True, text=True, check=True)
    assert result.stdout == f"briefings {version('negotiation-briefings')}\n"


@pytest.mark.parametrize("where", ["before", "after"])
def test_quiet_build_prints_errors_only(
    tmp_path: Path, where: str, capsys: pytest.CaptureFixture[str]
) -> None:
    seeds = seeds_with_a_bad_one(tmp_path)
    args = ["build", "--out", str(tmp_path / "out"), "--seeds", str(seeds), "--no-cache"]
    args += ["--jobs", "1"]
    argv = ["-q", *args] if where == "before" else [*args, "-q"]
    assert cli.main(argv) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("error: ") and "zz_bad.txt" in err
    assert (tmp_path / "out" / "index.md").is_file()


def test_verbose_build_adds_timings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["build", "-v", "--out", str(tmp_path / "out"), "--seeds", str(SEEDS), "--no-cache"]
    assert cli.main([*args, "--jobs", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-2].startswith("2 briefings (")
    assert lines[-1].startswith("briefings made in ") and lines[-1].endswith(" s")


def test_site_url_makes_the_feed_absolute(tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ["-q", "build", "--out", str(out), "--seeds", str(SEEDS), "--no-cache", "--jobs", "1"]
    assert cli.main([*args, "--site-url", "https://x.example/talks/"]) == 0
    feed = (out / "downloads" / "feed.xml").read_text(encoding="utf-8")
    assert '<link rel="self" href="https://x.example/talks/downloads/feed.xml"/>' in feed
    assert 'href="https://x.example/talks/briefings/' in feed


@pytest.mark.parametrize("url", ["example.org", "ftp://example.org/", "https://"])
def test_site_url_must_be_an_address(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli.main(["build", "--out", "x", "--site-url", url])
    assert exit_.value.code == 2
    assert "--site-url: expected an address such as https://example.org/" in capsys.readouterr().err


def test_check_json_lists_every_finding(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seeds = seeds_with_a_bad_one(tmp_path)
    assert cli.main(["check", "--seeds", str(seeds), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert (report["seeds"], report["sidecars"], report["errors"]) == (3, 0, 1)
    assert report["warnings"] == len(report["findings"]) - 1 >= 1
    (error,) = [f for f in report["findings"] if f["severity"] == "error"]
    assert error["path"].endswith("zz_bad.txt")
    assert set(error) == {"path", "line", "severity", "message"}


def test_check_github_prints_workflow_commands(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seeds = seeds_with_a_bad_one(tmp_path)
    assert cli.main(["check", "--seeds", str(seeds), "--format", "github", "-q"]) == 1
    (line,) = capsys.readouterr().out.splitlines()  # -q: the error alone, no summary
    assert line.startswith(f"::error file={seeds / 'zz_bad.txt'},title=briefings check::")


def test_github_annotation_escapes_what_the_runner_reads() -> None:
    finding = Finding("seeds/a,b:c.yml", "error", "100% wrong\nsecond line", line=4)
    assert cli._github_annotation(finding) == (
        "::error file=seeds/a%2Cb%3Ac.yml,line=4,title=briefings check::100%25 wrong%0Asecond line"
    )
