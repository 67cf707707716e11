"""The benchmark's memory of a whole build: MkDocs and the Pagefind process it starts are
summed (`sites.TreeMemory`), beside the largest process alone (`ru_maxrss`)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks import sites
from benchmarks.report import Search, search_section

PARENT_AND_CHILD = """
import subprocess, sys
held = bytearray(100 * 2**20)
code = "import sys, time; held = bytearray(100 * 2**20); print(flush=True); time.sleep(3)"
child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE)
child.stdout.readline()
print(flush=True)
child.wait()
"""


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc")
def test_the_tree_is_summed(tmp_path: Path) -> None:
    parent = subprocess.Popen([sys.executable, "-c", PARENT_AND_CHILD], stdout=subprocess.PIPE)
    try:
        assert parent.stdout is not None
        parent.stdout.readline()  # both hold their 100 MB now
        alone = sites.tree_rss(parent.pid)
        with open(f"/proc/{parent.pid}/statm", encoding="ascii") as statm:
            parent_only = int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        assert parent_only < 150 * 2**20
        assert alone >= parent_only + 100 * 2**20  # the child's 100 MB too
    finally:
        parent.wait()


def test_a_run_keeps_the_largest_process_and_the_tree_apart(tmp_path: Path) -> None:
    run = sites.run([sys.executable, "-c", PARENT_AND_CHILD], tmp_path)
    assert run.peak_mb >= 100
    assert run.tree_mb >= run.peak_mb


def test_the_search_section_says_what_the_memory_is_and_where_the_time_went() -> None:
    small = Search(1000, 1000, 2.3, 31, 300, 3_580_000, 74_000, 166_000, 40_000, 142_000, 1)
    large = Search(10_000, 10_000, 29, 300, 2500, 29_360_000, 74_000, 285_000, 40_000, 181_000, 1)
    large = Search(**{**_fields(large), "largest_mb": 1900.0, "hook_s": 70.0})
    text = search_section([small, large])
    assert "300 s, 2,500 MB (1,900 MB)" in text
    assert "whole process tree summed" in text
    assert "70 s, MkDocs and Material rendering and writing the pages" in text
    assert "201 s (67%)" in text  # 300 - 70 - 29


def _fields(s: Search) -> dict[str, object]:
    return {name: getattr(s, name) for name in Search.__slots__}
