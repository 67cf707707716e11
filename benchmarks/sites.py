"""Processes and sites for the benchmark, all run from a snapshot of the project.

`snapshot` copies `build_tools/`, `benchmarks/`, `mkdocs.yml`, `docs/`, `overrides/` and the
seeds into the work folder, and every command runs there: the figures are of one version of
the code even when files of the checkout are saved while the benchmark runs (the cache's
code fingerprint stays the same too). A site is the snapshot's `mkdocs.yml`, `docs/` and
`overrides/` copied next to a corpus, built with the hook, or with the hook switched off
over pages `build --out` wrote.

Every command runs as a child process timed with `time.perf_counter` and reaped with
`os.wait4`, whose resource usage gives the peak resident memory of the largest process of
the child's tree (its own, or of a worker it waited for). On Linux the resident memory of
the whole tree (the child and every process below it, summed) is also sampled from `/proc`
every 0.1 s while it runs (`TreeMemory`): MkDocs and the Pagefind binary it starts hold
their memory at the same time, which the largest process alone does not show. No tool
beyond Python is needed.
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Folders a site project needs beside its mkdocs.yml (`theme.custom_dir: overrides`).
PROJECT_PARTS = ("docs", "overrides")
# The seeds are what the synthetic corpora are made from.
SNAPSHOT_PARTS = ("build_tools", "benchmarks", "mkdocs.yml", "seeds", "tests/corpus/seeds")
SNAPSHOT_PARTS += PROJECT_PARTS
# The plugin entry in mkdocs.yml: the snapshot's build_tools is first on the module path of
# `python -m mkdocs` run in the snapshot, so the entry point loads the snapshot's plugin.
PLUGIN_LINE = "  - briefings\n"
# What servers typically send: gzip at its default level.
GZIP_LEVEL = 6
_SEARCH_LOG = re.compile(r"Search index: (\d+) pages(?: \(in \d+ parts\))? in ([\d.]+) s")
_HOOK_LOG = re.compile(r"Briefings: (\d+) made from .*?\((\d+) from the cache\).* in ([\d.]+) s")


@dataclass(frozen=True, slots=True)
class Run:
    """One finished child process."""

    seconds: float
    """Wall time from start to exit."""
    peak_mb: float
    """Peak resident memory of the largest process of its tree, in MB."""
    stdout: str
    stderr: str
    tree_mb: float
    """Peak of the resident memory of its whole tree summed, sampled (`TreeMemory`), in MB;
    `peak_mb` where /proc cannot be read."""
    tree_pss_mb: float | None = None
    """Peak of its whole tree's proportional memory summed (each page shared by k processes
    counted 1/k in each), sampled, in MB; None where /proc cannot tell it."""


@dataclass(frozen=True, slots=True)
class HookLog:
    """What the hook's log line says about one build."""

    briefings: int
    cached: int
    seconds: float
    """The hook's own time: making briefings, generating pages, adding them."""


def snapshot(dest: Path) -> Path:
    """A copy of the code, docs and config the benchmark measures; returns its folder."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for part in SNAPSHOT_PARTS:
        source = ROOT / part
        (dest / part).parent.mkdir(parents=True, exist_ok=True)
        if not source.exists():
            continue
        if source.is_dir():
            shutil.copytree(source, dest / part, ignore=ignore)
        else:
            shutil.copy2(source, dest / part)
    return dest


def run(cmd: list[str], code: Path, env: dict[str, str] | None = None) -> Run:
    """Run `cmd` in the snapshot `code` to its end; a failure stops the benchmark with the
    command's output."""
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    full_env.update(env or {})
    # Output goes to files, not pipes, so that nothing has to read it while the child runs,
    # and the child is reaped here with wait4, whose resource usage is the point.
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        child = subprocess.Popen(cmd, cwd=code, env=full_env, stdout=out, stderr=err, text=True)
        tree = TreeMemory(child.pid)
        tree.start()
        _pid, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        tree.stop()
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if child.returncode != 0:
        raise SystemExit(
            f"benchmark: {' '.join(cmd)} failed ({child.returncode}):\n{stdout}\n{stderr}"
        )
    # ru_maxrss is in kilobytes on Linux (bytes on macOS).
    scale = 1 / 1024 if sys.platform != "darwin" else 1 / 1024 / 1024
    largest = usage.ru_maxrss * scale
    tree_mb = max(tree.peak / 2**20, largest)
    pss_mb = tree.peak_pss / 2**20 if tree.peak_pss else None
    return Run(seconds, largest, stdout, stderr, tree_mb, pss_mb)


class TreeMemory(threading.Thread):
    """Samples the resident memory of a process and of every process below it, summed
    (Linux `/proc`; elsewhere it measures nothing and `peak` stays 0). A page two processes
    share counts in both, so the sum is an upper bound (the render workers the plugin forks
    share most of MkDocs' memory); `peak_pss` sums the proportional set sizes instead, in
    which a page k processes share counts 1/k in each, the memory the tree takes. A peak
    shorter than `interval` may be missed."""

    def __init__(self, pid: int, interval: float = 0.1) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.interval = interval
        self.peak = 0
        """The largest sum seen, in bytes."""
        self.peak_pss = 0
        """The largest sum of proportional set sizes seen, in bytes (0: none known)."""
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.is_set():
            rss, pss = tree_memory(self.pid)
            self.peak = max(self.peak, rss)
            self.peak_pss = max(self.peak_pss, pss)
            self._done.wait(self.interval)

    def stop(self) -> None:
        self._done.set()
        self.join()


_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def tree_rss(pid: int) -> int:
    """Resident bytes of process `pid` and its descendants now (0 without /proc)."""
    return tree_memory(pid)[0]


def tree_memory(pid: int) -> tuple[int, int]:
    """Resident and proportional bytes of process `pid` and its descendants now, each
    summed (0 without /proc; the second 0 where the kernel has no `smaps_rollup`)."""
    total, proportional, stack = 0, 0, [pid]
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/statm", encoding="ascii") as statm:
                total += int(statm.read().split()[1]) * _PAGE
            proportional += _pss(current)
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children", encoding="ascii") as kids:
                    stack.extend(int(k) for k in kids.read().split())
        except (OSError, ValueError, IndexError):
            continue  # the process ended meanwhile, or no /proc
    return total, proportional


def _pss(pid: int) -> int:
    """The proportional set size of process `pid`, in bytes (0 when not known)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def python(code: Path, *args: str, env: dict[str, str] | None = None) -> Run:
    """`python -m ...` with this interpreter, the snapshot first on the module path (the
    working folder of `python -m` is the first place it looks)."""
    return run([sys.executable, *args], code, env)


def hook_project(code: Path, dest: Path) -> Path:
    """The snapshot's docs and mkdocs.yml in `dest`, with the briefings plugin; seeds and
    cache are given by BRIEFINGS_SEEDS and BRIEFINGS_CACHE. Returns the mkdocs.yml."""
    config = _project_config(code)
    return _write_project(code, dest, config)


def plain_project(code: Path, dest: Path, pages: Path) -> Path:
    """The snapshot's docs plus the pages `build --out` wrote to `pages`, with the hook
    switched off: the same site, made without our code running in MkDocs."""
    config = _project_config(code).replace(PLUGIN_LINE, "")
    config_file = _write_project(code, dest, config)
    shutil.copytree(pages, dest / "docs", dirs_exist_ok=True)
    return config_file


def _project_config(code: Path) -> str:
    config = (code / "mkdocs.yml").read_text(encoding="utf-8")
    if PLUGIN_LINE not in config:
        raise SystemExit(f"benchmark: mkdocs.yml no longer lists `{PLUGIN_LINE.strip()}`")
    return config


def _write_project(code: Path, dest: Path, config: str) -> Path:
    if dest.exists():
        shutil.rmtree(dest)
    for part in PROJECT_PARTS:
        if (code / part).is_dir():
            shutil.copytree(code / part, dest / part)
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
    return dest / "mkdocs.yml"


def mkdocs_build(code: Path, config_file: Path, env: dict[str, str] | None = None) -> Run:
    """`mkdocs build` of a project (strict, as the project's mkdocs.yml says)."""
    return python(code, "-m", "mkdocs", "build", "-f", str(config_file), env=env)


def hook_log(build: Run) -> HookLog:
    """The figures of the hook's log line in a build's output."""
    match = _HOOK_LOG.search(build.stderr + build.stdout)
    if not match:
        raise SystemExit(
            f"benchmark: no 'Briefings: ...' line in the build output:\n{build.stderr}"
        )
    return HookLog(int(match[1]), int(match[2]), float(match[3]))


def gzip_size(data: bytes) -> int:
    """Bytes after gzip at the level servers typically use."""
    return len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))


def search_log(build: Run) -> tuple[int, float]:
    """Pages and seconds of the plugin's Pagefind line (`Search index: N pages in X s`)."""
    match = _SEARCH_LOG.search(build.stderr + build.stdout)
    if not match:
        raise SystemExit(
            f"benchmark: no 'Search index: ...' line in the build output:\n{build.stderr}"
        )
    return int(match[1]), float(match[2])
