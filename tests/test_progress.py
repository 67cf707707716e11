"""Progress lines (build_tools/progress.py): on a terminal a line redrawn in place with count,
rate and time left; elsewhere one line per stage; and the commands that show them."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

from build_tools.corpus import load_corpus
from build_tools.progress import Progress
from tests.conftest import ROOT, SEEDS


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_terminal_line_gives_count_rate_and_time_left() -> None:
    out, clock = io.StringIO(), Clock()
    progress = Progress("briefings", 1000, out, interactive=True, clock=clock)
    clock.now += 2.0
    progress.advance(400)
    assert out.getvalue() == "\rbriefings: 400/1,000 (200/s, 3 s left)\x1b[K"
    clock.now += 0.05
    progress.advance(10)  # within a tenth of a second: not redrawn
    assert out.getvalue().count("\r") == 1
    clock.now += 2.95
    progress.advance(590)
    progress.finish()
    progress.finish()  # once only
    last = out.getvalue().rsplit("\r", 1)[1]
    assert last == "briefings: 1,000 in 5.0 s, 200/s\x1b[K\n"


def test_without_a_terminal_each_stage_is_one_line_at_its_end() -> None:
    out, clock = io.StringIO(), Clock()
    with Progress("briefings", 3, out, clock=clock) as progress:
        for _ in range(3):
            clock.now += 0.5
            progress.advance()
        assert out.getvalue() == ""  # nothing drawn while it runs
    with Progress("pages", stream=out, clock=clock):
        clock.now += 0.25
    assert out.getvalue() == "briefings: 3 in 1.5 s, 2/s\npages: 0.2 s\n"


def test_quiet_stages_write_nothing() -> None:
    out = io.StringIO()
    with Progress("briefings", 3, out, interactive=False, lines=False) as progress:
        progress.advance(3)
    assert out.getvalue() == ""


def test_load_corpus_reports_every_seed_made_or_cached() -> None:
    seeds = sorted(SEEDS.glob("*.txt"))
    done: list[int] = []
    load_corpus(SEEDS, progress=done.append)
    assert sum(done) == len(seeds)


def test_build_and_check_print_one_line_per_stage_in_a_log(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    n = len(list(seeds.glob("*.txt")))
    command = ["build", "--out", str(tmp_path / "out"), "--seeds", str(seeds), "--no-cache"]
    build = subprocess.run(
        [sys.executable, "-m", "build_tools", *command],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    stages = [line.split(":")[0] for line in build.stderr.splitlines()]
    assert stages == ["briefings", "pages", "writing"], build.stderr
    assert build.stderr.startswith(f"briefings: {n} in ")
    assert "\r" not in build.stderr
    check = subprocess.run(
        [sys.executable, "-m", "build_tools", "check", "--seeds", str(seeds)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert check.stderr.startswith(f"checking: {n} in "), check.stderr
    quiet = subprocess.run(
        [sys.executable, "-m", "build_tools", "-q", "check", "--seeds", str(seeds)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert "checking:" not in quiet.stderr


def test_a_failed_stage_writes_no_line_of_its_time() -> None:
    out = io.StringIO()
    try:
        with Progress("writing", stream=out, interactive=False):
            raise OSError("disk full")
    except OSError:
        pass
    assert out.getvalue() == ""


def test_the_plugin_logs_the_start_and_end_of_each_stage(tmp_path: Path) -> None:
    from tests.sitebuild import prepare_project, run_mkdocs_build

    result = run_mkdocs_build(prepare_project(tmp_path, sorted(SEEDS.glob("*.txt"))))
    assert result.returncode == 0, result.stderr
    log = [line.split("-  ", 1)[-1] for line in result.stderr.splitlines()]
    stages = [
        r"Briefings: making 2 briefings from ",
        r"Pages: putting the site together",
        r"Pages: \d+ made in ",
        r"Briefings: 2 made from ",
        r"Search index: indexing the briefing pages with Pagefind",
        r"Search index: 2 pages in ",
    ]
    found = [next(i for i, line in enumerate(log) if re.match(s, line)) for s in stages]
    assert found == sorted(found), log
