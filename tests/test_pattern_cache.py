"""The pattern cache: patterns an earlier process compiled, taken from the file rather than
compiled again, are the very patterns `re.compile` makes; an edited pattern is compiled
anew; a damaged or foreign file or entry is ignored; builds that use it write the same bytes."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import msgspec
import pytest

from benchmarks.synthetic import load_pool, write_corpus
from build_tools import pattern_cache
from build_tools.corpus import MIN_PARALLEL
from build_tools.pattern_cache import (
    compile_parts,
    keep_new_patterns,
    kept_patterns,
    pattern_of,
    patterns_path,
)
from tests.conftest import ROOT, SEEDS

STDLIB_COMPILE = re._compiler.compile  # type: ignore[attr-defined]


SEED = sorted(SEEDS.glob("*.txt"))[0]


def table(path: Path) -> list[pattern_cache._Compiled]:
    return msgspec.msgpack.decode(path.read_bytes(), type=pattern_cache._Table).patterns


@pytest.fixture
def kept(tmp_path: Path) -> Path:
    """Where a test keeps its patterns."""
    return patterns_path(tmp_path)


def extract(prefix: Path, write: bool = True) -> None:
    """`briefings extract SEED` in a new process, its compiled modules and patterns kept
    under `prefix`."""
    env = {
        **os.environ,
        "PYTHONPYCACHEPREFIX": str(prefix),
        "PYTHONDONTWRITEBYTECODE": "" if write else "1",
    }
    run = [sys.executable, "-m", "build_tools", "extract", str(SEED)]
    subprocess.run(run, cwd=ROOT, env=env, check=True, capture_output=True)


def kept_under(prefix: Path) -> Path:
    """The file of patterns a process kept with `PYTHONPYCACHEPREFIX=prefix`: where the
    package's `.pyc` files go, the package's path below the prefix."""
    name = f"patterns.{sys.implementation.cache_tag}.msgpack"
    return prefix / (ROOT / "build_tools").relative_to(ROOT.anchor) / name


@pytest.fixture(scope="module")
def prefix(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A `PYTHONPYCACHEPREFIX` under which a new process kept its patterns after making a
    briefing."""
    prefix = tmp_path_factory.mktemp("pycache")
    extract(prefix)
    return prefix


def test_every_pattern_a_briefing_needs_is_the_one_re_makes(prefix: Path) -> None:
    entries = table(kept_under(prefix))
    assert len(entries) > 300, "the rule patterns are kept"
    for entry in entries:
        made = pattern_of(entry)
        expected = STDLIB_COMPILE(entry.source, entry.flags)
        assert made == expected, entry.source
        assert made.groupindex == expected.groupindex
        assert made.flags == expected.flags and made.groups == expected.groups


def test_a_second_process_takes_them_from_the_file(prefix: Path) -> None:
    """It compiles nothing new, so it writes nothing."""
    before = kept_under(prefix).stat().st_mtime_ns
    extract(prefix)
    assert kept_under(prefix).stat().st_mtime_ns == before


def test_patterns_kept_are_not_compiled_again(kept: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sources = [r"(?P<who>\w+) (?:demands|wants)", r"\bcease-?fire\b"]
    with kept_patterns(kept):
        re.purge()
        first = [re.compile(s, re.IGNORECASE) for s in sources]
    compiled: list[str] = []
    real = pattern_cache.compile_parts
    monkeypatch.setattr(
        pattern_cache, "compile_parts", lambda s, f: compiled.append(s) or real(s, f)
    )
    with kept_patterns(kept):
        re.purge()
        again = [re.compile(s, re.IGNORECASE) for s in sources]
    assert compiled == []
    assert again == first
    assert re._compiler.compile is STDLIB_COMPILE, "re is left as it was"  # type: ignore[attr-defined]


def test_an_edited_pattern_is_compiled_from_its_new_source(kept: Path) -> None:
    """An entry is keyed by its source: a rule edited since is another source."""
    with kept_patterns(kept):
        re.purge()
        re.compile(r"\bceasefire\b", re.IGNORECASE)
    with kept_patterns(kept):
        re.purge()
        edited = re.compile(r"\bcease-?fire\b", re.IGNORECASE)
    assert edited.search("a cease-fire now")
    assert edited == STDLIB_COMPILE(r"\bcease-?fire\b", re.IGNORECASE)
    assert {e.source for e in table(kept)} >= {r"\bceasefire\b", r"\bcease-?fire\b"}


@pytest.mark.parametrize("content", [b"", b"not msgpack at all", b"\x93\x01\x02\x03"])
def test_a_damaged_file_is_ignored_and_replaced(kept: Path, content: bytes) -> None:
    kept.write_bytes(content)
    with kept_patterns(kept):
        re.purge()
        made = re.compile(r"(?P<who>\w+) demands")
    assert made == STDLIB_COMPILE(r"(?P<who>\w+) demands", 0)
    assert [e.source for e in table(kept)] == [r"(?P<who>\w+) demands"]


def test_a_file_of_another_python_is_ignored(kept: Path) -> None:
    entry = compile_parts(r"talks?", re.IGNORECASE)
    other = pattern_cache._Table("2.7.18 (elsewhere)", 0, [entry])
    kept.write_bytes(msgspec.msgpack.encode(other))
    with kept_patterns(kept):
        assert pattern_cache._state is not None and pattern_cache._state.known == {}


def test_an_entry_the_engine_refuses_is_compiled_anew(kept: Path) -> None:
    source = r"\d+ troops"
    good = compile_parts(source, 0)
    damaged = pattern_cache._Compiled(
        source, 0, good.final_flags, bytes([255, 1, 2, 3]) * 3, good.groups, {}, good.indexgroup
    )
    stored = pattern_cache._Table(sys.version, pattern_cache._sre.MAGIC, [damaged])
    kept.write_bytes(msgspec.msgpack.encode(stored))
    with kept_patterns(kept):
        re.purge()
        made = re.compile(source)
    assert made == STDLIB_COMPILE(source, 0)
    assert made.search("5000 troops")


def test_a_worker_keeps_what_it_compiled_once(kept: Path) -> None:
    """`keep_new_patterns(once=True)` writes after a process's first briefing only."""
    with kept_patterns(kept):
        re.purge()
        re.compile("first")
        keep_new_patterns(once=True)
        assert [e.source for e in table(kept)] == ["first"]
        re.compile("second")
        keep_new_patterns(once=True)
        assert [e.source for e in table(kept)] == ["first"]
    assert sorted(e.source for e in table(kept)) == ["first", "second"]


def test_a_full_file_keeps_what_the_process_used(
    kept: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Patterns of older code are dropped once the file is full, those in use kept."""
    monkeypatch.setattr(pattern_cache, "MAX_PATTERNS", 3)
    with kept_patterns(kept):
        re.purge()
        for word in ("old", "older", "oldest"):
            re.compile(word)
    with kept_patterns(kept):
        re.purge()
        re.compile("older")
        re.compile("new")
    assert sorted(e.source for e in table(kept)) == ["new", "older"]


def test_a_source_without_utf8_form_is_compiled_and_not_kept(kept: Path) -> None:
    with kept_patterns(kept):
        re.purge()
        made = re.compile("[\ud800-\udfff]")
        re.compile("kept")
    assert made == STDLIB_COMPILE("[\ud800-\udfff]", 0)
    assert [e.source for e in table(kept)] == ["kept"]


def test_a_bad_pattern_raises_what_re_raises(kept: Path) -> None:
    with kept_patterns(kept), pytest.raises(re.error, match="missing \\), unterminated"):
        re.purge()
        re.compile("(unclosed")
    sources = {e.source for e in table(kept)} if kept.exists() else set()
    assert "(unclosed" not in sources


def test_nothing_is_written_when_told_not_to(kept: Path) -> None:
    with kept_patterns(kept, write=False):
        re.purge()
        re.compile("unwritten")
    assert not kept.exists()


def test_the_command_line_obeys_pythondontwritebytecode(tmp_path: Path) -> None:
    extract(tmp_path, write=False)
    assert list(tmp_path.rglob("patterns.*")) == []
    extract(tmp_path)
    assert list(tmp_path.rglob("patterns.*")) == [kept_under(tmp_path)]


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_builds_in_new_processes_write_the_same_bytes_with_and_without_it(
    tmp_path: Path,
) -> None:
    """The first build keeps the patterns, the second (one seed edited, made by a forked
    worker) takes them from the file; both write what a build without them writes."""
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    prefix = tmp_path / "pycache"
    env = {**os.environ, "PYTHONPYCACHEPREFIX": str(prefix), "PYTHONDONTWRITEBYTECODE": ""}

    def build(*args: str, environment: dict[str, str] = env) -> None:
        subprocess.run(
            [sys.executable, "-m", "build_tools", "-q", "build", "--seeds", str(seeds), *args],
            cwd=ROOT,
            env=environment,
            check=True,
        )

    out, cache = tmp_path / "out", tmp_path / "cache"
    build("--out", str(out), "--cache-dir", str(cache))
    assert len(table(kept_under(prefix))) > 300
    seed = sorted(seeds.glob("*.txt"))[0]
    seed.write_text(seed.read_text(encoding="utf-8") + "\nThe envoys met again.\n", "utf-8")
    build("--out", str(out), "--cache-dir", str(cache))
    whole = tmp_path / "whole"
    # Nothing kept to read: every pattern compiled by `re`.
    without = {
        **env,
        "PYTHONPYCACHEPREFIX": str(tmp_path / "elsewhere"),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    build("--out", str(whole), "--no-cache", environment=without)
    assert _tree(out) == _tree(whole)


def test_a_builds_workers_keep_what_they_compiled(prefix: Path, tmp_path: Path) -> None:
    """With a pool, the briefings are made (and the rule patterns compiled) in forked
    workers: each keeps its patterns after its first briefing."""
    seeds = tmp_path / "seeds"
    write_corpus(seeds, MIN_PARALLEL + 4, pool=load_pool())
    elsewhere = tmp_path / "pycache"
    env = {**os.environ, "PYTHONPYCACHEPREFIX": str(elsewhere), "PYTHONDONTWRITEBYTECODE": ""}
    run = [sys.executable, "-m", "build_tools", "-q", "build", "--seeds", str(seeds)]
    run += ["--out", str(tmp_path / "out"), "--no-cache", "--jobs", "2"]
    subprocess.run(run, cwd=ROOT, env=env, check=True)
    by_a_build = {e.source for e in table(kept_under(elsewhere))}
    by_one_briefing = {e.source for e in table(kept_under(prefix))}
    assert len(by_one_briefing - by_a_build) < len(by_one_briefing) / 10
