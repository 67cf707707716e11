"""The briefing cache and the process pool: a hit, a miss after a seed, sidecar or rule
change, damaged entries ignored and rewritten, parallel results equal to serial ones, and the
CLI and MkDocs hook using both."""

from __future__ import annotations

import logging
import multiprocessing
import re
import shutil
import sqlite3
import sys
from pathlib import Path

import msgspec
import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from benchmarks.synthetic import load_pool, write_corpus
from build_tools import cache as cache_module
from build_tools import cli, corpus, hook
from build_tools.cache import BriefingCache, code_fingerprint, open_cache
from build_tools.corpus import MIN_PARALLEL, load_corpus
from build_tools.render.parts import briefing_parts
from tests.conftest import ROOT, SEEDS

SIDECAR = "title: A Title Set By Hand\n"


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    """The public seeds, one with a sidecar, and a seed that cannot be read."""
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    first = sorted(folder.glob("*.txt"))[0]
    first.with_suffix(".yml").write_text(SIDECAR, encoding="utf-8")
    (folder / "zz_empty.txt").write_bytes(b"")
    return folder


@pytest.fixture(scope="module")
def pooled_seeds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Enough seeds for `load_corpus` to start a pool: synthetic ones, the public seeds,
    a sidecar and an unreadable seed."""
    folder = tmp_path_factory.mktemp("pooled")
    write_corpus(folder, MIN_PARALLEL + 4, pool=load_pool())
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, folder / seed.name)
    (folder / "synthetic_00003.yml").write_text(SIDECAR, encoding="utf-8")
    (folder / "synthetic_00009.txt").write_bytes(b"\x00\x01binary")
    return folder


NEW_WORDS = "Zanzibar wants a new hat"


def edit_seed(seed: Path) -> Path:
    """Put a sentence at the start of the seed's last body paragraph."""
    text = seed.read_text(encoding="utf-8")
    last = load_corpus(seed.parent).briefings
    start = next(b for b in last if b.source == seed.name).paragraphs[-1].text[:40]
    assert text.count(start) == 1
    seed.write_text(text.replace(start, f"{NEW_WORDS} {start}"), encoding="utf-8")
    return seed


def entries(c: BriefingCache) -> list[str]:
    """The keys of the cache's entries."""
    with sqlite3.connect(c.database) as db:
        return sorted(row[0] for row in db.execute("SELECT key FROM entries"))


def damage_entry(c: BriefingCache, key: str, data: bytes) -> None:
    with sqlite3.connect(c.database) as db:
        db.execute("UPDATE entries SET data = ? WHERE key = ?", (data, key))
    db.close()


def entry_data(c: BriefingCache, key: str) -> bytes:
    with sqlite3.connect(c.database) as db:
        data: bytes = db.execute("SELECT data FROM entries WHERE key = ?", (key,)).fetchone()[0]
    db.close()
    return data


def test_second_run_takes_every_briefing_from_the_cache(seeds: Path, tmp_path: Path) -> None:
    c = open_cache(tmp_path / "cache")
    first = load_corpus(seeds, cache=c)
    second = load_corpus(seeds, cache=c)
    assert first.cached == 0
    assert second.cached == len(first.briefings)
    assert second.briefings == first.briefings
    assert [str(e) for e in second.errors] == [str(e) for e in first.errors]
    assert second.briefings == load_corpus(seeds).briefings
    assert len(entries(c)) == len(first.briefings)  # failed seeds are not kept


def test_changed_seed_is_made_again(seeds: Path, tmp_path: Path) -> None:
    c = open_cache(tmp_path / "cache")
    before = load_corpus(seeds, cache=c)
    seed = edit_seed(sorted(seeds.glob("*.txt"))[1])
    after = load_corpus(seeds, cache=c)
    assert after.cached == len(before.briefings) - 1
    changed = next(b for b in after.briefings if b.source == seed.name)
    assert NEW_WORDS in " ".join(p.text for p in changed.body)
    assert after.briefings == load_corpus(seeds).briefings


def test_entries_of_changed_or_removed_seeds_are_dropped(seeds: Path, tmp_path: Path) -> None:
    c = open_cache(tmp_path / "cache")
    first = load_corpus(seeds, cache=c)
    before = set(entries(c))
    edit_seed(sorted(seeds.glob("*.txt"))[1])
    load_corpus(seeds, cache=c)
    after = set(entries(c))
    assert len(after) == len(before) == len(first.briefings)
    assert len(before - after) == 1, "the edited seed's old entry is gone"
    removed = sorted(seeds.glob("*.txt"))[0]
    removed.unlink()
    removed.with_suffix(".yml").unlink()
    again = load_corpus(seeds, cache=c)
    assert again.cached == len(again.briefings) == len(first.briefings) - 1
    assert len(entries(c)) == len(again.briefings)


def test_changed_sidecar_is_applied_again(seeds: Path, tmp_path: Path) -> None:
    c = open_cache(tmp_path / "cache")
    load_corpus(seeds, cache=c)
    sidecar = next(seeds.glob("*.yml"))
    sidecar.write_text("title: Another Title\n", encoding="utf-8")
    after = load_corpus(seeds, cache=c)
    assert after.cached == len(after.briefings) - 1
    assert any(b.meta.title == "Another Title" for b in after.briefings)


def test_rule_change_changes_the_fingerprint_and_misses(seeds: Path, tmp_path: Path) -> None:
    package = tmp_path / "package"
    shutil.copytree(ROOT / "build_tools", package, ignore=shutil.ignore_patterns("__pycache__"))
    code_fingerprint.cache_clear()
    before = code_fingerprint(package)
    rules = package / "rules" / "cues.yml"
    rules.write_text(rules.read_text(encoding="utf-8") + "\n# a new comment\n")
    code_fingerprint.cache_clear()
    after = code_fingerprint(package)
    code = package / "briefing.py"
    code.write_text(code.read_text(encoding="utf-8") + "\n# a new comment\n")
    code_fingerprint.cache_clear()
    assert len({before, after, code_fingerprint(package)}) == 3

    root = tmp_path / "cache"
    load_corpus(seeds, cache=open_cache(root, before))
    assert load_corpus(seeds, cache=open_cache(root, before)).cached > 0
    assert load_corpus(seeds, cache=open_cache(root, after)).cached == 0
    assert [p.name for p in root.iterdir()] == [after], "other code versions are removed"


def test_fingerprint_is_of_this_package_by_default() -> None:
    code_fingerprint.cache_clear()
    assert code_fingerprint() == code_fingerprint(ROOT / "build_tools")
    assert len(code_fingerprint()) == 16


@pytest.mark.redteam
@pytest.mark.parametrize(
    "damage",
    [
        b"",  # empty
        b"not MessagePack at all",
        b"KEY\x92\x85",  # an entry cut short
        b"KEY" + msgspec.msgpack.encode(["a list", "of strings"]),  # not the record types
        b"KEY" + msgspec.msgpack.encode([{"source": 1}, None]),  # a field of the wrong type
        b"0" * 64 + b"\x92\xc0\xc0",  # the key of another entry
    ],
)
def test_damaged_entry_is_a_miss_and_is_rewritten(
    seeds: Path, tmp_path: Path, damage: bytes
) -> None:
    c = open_cache(tmp_path / "cache")
    good = load_corpus(seeds, cache=c)
    key = entries(c)[0]
    damage_entry(c, key, damage.replace(b"KEY", key.encode(), 1))
    again = load_corpus(seeds, cache=c)
    assert again.cached == len(good.briefings) - 1
    assert again.briefings == good.briefings
    assert entry_data(c, key) != damage
    assert load_corpus(seeds, cache=c).cached == len(good.briefings)


@pytest.mark.parametrize("content", [b"", b"not a database, just text\n" * 100])
def test_damaged_database_is_replaced(seeds: Path, tmp_path: Path, content: bytes) -> None:
    c = open_cache(tmp_path / "cache")
    good = load_corpus(seeds, cache=c)
    c.database.write_bytes(content)
    again = load_corpus(seeds, cache=c)
    assert again.briefings == good.briefings
    assert load_corpus(seeds, cache=c).cached == len(good.briefings)


def damage_pages(database: Path) -> None:
    """Overwrite every page of the database but the first (its header and schema), as a
    disk error or a copy cut short would: the file opens, every query of the table fails."""
    data = bytearray(database.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    assert len(data) > 2 * page, "the table fills more than one page"
    data[page:] = b"\xa5" * (len(data) - page)
    database.write_bytes(bytes(data))


@pytest.mark.redteam
def test_database_with_damaged_pages_is_replaced(seeds: Path, tmp_path: Path) -> None:
    """Issue 15, item 13: a damaged table was never replaced, so every later build reported
    0 from the cache, silently and forever."""
    c = open_cache(tmp_path / "cache")
    good = load_corpus(seeds, cache=c)
    with sqlite3.connect(c.database) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    damage_pages(c.database)
    with sqlite3.connect(c.database) as db, pytest.raises(sqlite3.DatabaseError):
        db.execute("SELECT key, data FROM entries").fetchall()
    db.close()
    again = load_corpus(seeds, cache=c)
    assert again.briefings == good.briefings
    assert [p.name for p in c.folder.iterdir()] == [cache_module.DATABASE], "all closed"
    assert load_corpus(seeds, cache=c).cached == len(good.briefings)


class _Payload:
    """What an attacker stores: a pickle that runs a command when loaded."""

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (print, ("the cache ran code",))


@pytest.mark.redteam
def test_the_cache_never_runs_code(seeds: Path, tmp_path: Path, capsys) -> None:
    """Issue 15, item 3: a crafted row ran a shell command on the next build, since the
    pickle was loaded before its key was compared. Entries are now MessagePack decoded into
    the record types only, the key compared first; a pickle is a damaged entry."""
    import pickle

    c = open_cache(tmp_path / "cache")
    good = load_corpus(seeds, cache=c)
    for key in entries(c):
        for data in (pickle.dumps(_Payload()), key.encode() + pickle.dumps(_Payload())):
            damage_entry(c, key, data)
            assert c.get_entry(key) is None
    assert "the cache ran code" not in capsys.readouterr().out
    again = load_corpus(seeds, cache=c)
    assert again.cached == 0 and again.briefings == good.briefings
    assert "the cache ran code" not in capsys.readouterr().out
    assert not any(b"pickle" in entry_data(c, key) for key in entries(c))


def test_an_entry_is_its_key_then_messagepack(seeds: Path, tmp_path: Path) -> None:
    c = open_cache(tmp_path / "cache")
    good = load_corpus(seeds, cache=c, derive=briefing_parts)
    key = entries(c)[0]
    data = entry_data(c, key)
    assert data[:64] == key.encode()
    briefing, parts = msgspec.msgpack.decode(data[64:])
    assert briefing["source"] in [b.source for b in good.briefings]
    assert isinstance(parts["page"], bytes)
    # The entry as the load used it, before the slug record renamed any briefing (the
    # seed with the sidecar keeps its recorded slug, not its new title's).
    assert c.get_entry(key) == good.entries[key]


@pytest.mark.redteam
def test_seed_changed_during_a_build_is_kept_under_its_own_key(
    seeds: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 15, item 8: the key hashed one read of the seed and the briefing was made from a
    second read, so a seed changed between them (an editor saving, a `git checkout`) left the
    new briefing under the old bytes' key, shown whenever the old bytes came back. Now a
    seed is read once, and its key and briefing both come from that read."""
    c = open_cache(tmp_path / "cache")
    seed = sorted(seeds.glob("*.txt"))[1]
    old = seed.read_bytes()
    real_key = BriefingCache.key

    def key_then_edit(self: BriefingCache, path: Path) -> str | None:
        found = real_key(self, path)
        if path == seed:
            edit_seed_bytes(seed)  # saved right after this build hashed it
        return found

    monkeypatch.setattr(BriefingCache, "key", key_then_edit)
    during = load_corpus(seeds, cache=c)
    monkeypatch.setattr(BriefingCache, "key", real_key)
    made = next(b for b in during.briefings if b.source == seed.name)
    assert NEW_WORDS in " ".join(p.text for p in made.body)
    seed.write_bytes(old)  # the edit is undone (git checkout)
    after = load_corpus(seeds, cache=c)
    shown = next(b for b in after.briefings if b.source == seed.name)
    assert NEW_WORDS not in " ".join(p.text for p in shown.body)
    assert after.briefings == load_corpus(seeds).briefings


def edit_seed_bytes(seed: Path) -> None:
    text = seed.read_text(encoding="utf-8")
    paragraph = next(line for line in text.split("\n") if len(line) > 200)
    seed.write_text(text.replace(paragraph, f"{NEW_WORDS}. {paragraph}", 1), encoding="utf-8")


@pytest.mark.redteam
def test_cache_dir_removes_only_folders_it_made(seeds: Path, tmp_path: Path) -> None:
    """Issue 15, item 9: `--cache-dir DIR` deleted any folder of DIR named by 16 hex digits."""
    root = tmp_path / "shared"
    theirs = root / "0123456789abcdef"
    theirs.mkdir(parents=True)
    (theirs / "notes.txt").write_text("someone's notes")
    (root / "fedcba9876543210").symlink_to(theirs)
    old = open_cache(root, "00000000000000aa")
    load_corpus(seeds, cache=old)
    assert old.folder.is_dir()
    load_corpus(seeds, cache=open_cache(root, "00000000000000bb"))
    assert not old.folder.exists(), "an old version's cache is removed"
    assert (theirs / "notes.txt").read_text() == "someone's notes"
    assert (root / "fedcba9876543210").is_symlink()


def test_unwritable_cache_is_skipped(seeds: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    c = open_cache(blocker)
    made = load_corpus(seeds, cache=c)
    assert made.briefings == load_corpus(seeds).briefings
    assert made.cached == 0
    assert blocker.read_text() == "not a folder"


def test_the_cache_is_one_database_file(seeds: Path, tmp_path: Path) -> None:
    """Entries are rows, not files; once the build is done no journal is left beside it."""
    c = open_cache(tmp_path / "cache")
    load_corpus(seeds, jobs=2, cache=c)
    assert [p.name for p in c.folder.iterdir()] == [cache_module.DATABASE]


def test_a_build_reads_while_another_writes(seeds: Path, tmp_path: Path) -> None:
    """Two builds at once (`mkdocs serve` and `make site`): a write in progress neither
    blocks a reader nor shows it half an entry."""
    c = open_cache(tmp_path / "cache")
    first = load_corpus(seeds, cache=c)
    with sqlite3.connect(c.database, isolation_level=None) as writer:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("UPDATE entries SET data = ?", (b"half written",))
        during = load_corpus(seeds, cache=open_cache(tmp_path / "cache"))
        writer.execute("ROLLBACK")
    writer.close()
    assert during.cached == len(first.briefings)
    assert during.briefings == first.briefings


def test_parallel_results_equal_serial_results(pooled_seeds: Path) -> None:
    serial = load_corpus(pooled_seeds, jobs=1)
    parallel = load_corpus(pooled_seeds, jobs=2)
    assert len(serial.briefings) >= MIN_PARALLEL
    assert parallel.briefings == serial.briefings  # same records, same order
    assert [b.slug for b in parallel.briefings] == [b.slug for b in serial.briefings]
    assert [str(e) for e in parallel.errors] == [str(e) for e in serial.errors]
    assert any("synthetic_00009.txt" in str(e) for e in serial.errors)
    assert any(b.meta.title == "A Title Set By Hand" for b in parallel.briefings)


def test_parallel_workers_fill_the_cache(pooled_seeds: Path, tmp_path: Path) -> None:
    c = open_cache(tmp_path / "cache")
    cold = load_corpus(pooled_seeds, jobs=2, cache=c)
    warm = load_corpus(pooled_seeds, jobs=1, cache=c)
    assert cold.cached == 0
    assert warm.cached == len(cold.briefings)
    assert warm.briefings == cold.briefings


def test_jobs_zero_means_every_core(monkeypatch: pytest.MonkeyPatch, pooled_seeds: Path) -> None:
    sizes: list[int] = []
    real = corpus.ProcessPoolExecutor

    def spy(max_workers: int, **kwargs: object) -> object:
        sizes.append(max_workers)
        return real(max_workers, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(corpus, "ProcessPoolExecutor", spy)
    monkeypatch.setattr(corpus, "available_cores", lambda: 2)
    load_corpus(pooled_seeds, jobs=0)
    assert sizes == [2]


@pytest.mark.skipif(sys.platform != "linux", reason="workers fork only on Linux")
@pytest.mark.parametrize(("start", "pools"), [("fork", [1]), ("forkserver", [])])
def test_changed_seed_is_made_by_a_worker_while_stored_ones_are_read(
    pooled_seeds: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, start: str, pools: list
) -> None:
    """Where workers fork (this process runs no other thread), the one changed seed goes to
    a worker while the stored briefings are read; where they would start from a clean
    interpreter (`mkdocs serve`, or a test run whose browser tests left threads behind),
    starting one costs more than it saves, so this process makes it. The start method is
    fixed here: which one `_pool_context` picks depends on the threads alive at the time."""
    seeds = tmp_path / "seeds"
    shutil.copytree(pooled_seeds, seeds)
    (seeds / "synthetic_00009.txt").unlink()  # unreadable: never stored, made on every run
    c = open_cache(tmp_path / "cache")
    load_corpus(seeds, jobs=1, cache=c)
    edit_seed(seeds / "synthetic_00004.txt")
    sizes: list[int] = []
    real = corpus.ProcessPoolExecutor

    def spy(max_workers: int, **kwargs: object) -> object:
        sizes.append(max_workers)
        return real(max_workers, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(corpus, "ProcessPoolExecutor", spy)
    context = multiprocessing.get_context(start)
    monkeypatch.setattr(corpus, "_pool_context", lambda: context)
    after = load_corpus(seeds, jobs=2, cache=c)
    assert sizes == pools, "one worker for the one seed to make, where workers fork"
    assert after.cached == len(after.briefings) - 1
    assert after.briefings == load_corpus(seeds).briefings
    assert load_corpus(seeds, jobs=1, cache=c).cached == len(after.briefings)
    assert sizes == pools, "nothing to make: no pool"


def test_cli_build_uses_and_skips_the_cache(seeds: Path, tmp_path: Path, capsys) -> None:
    cache_dir = tmp_path / "cache"
    args = ["build", "--seeds", str(seeds), "--out", str(tmp_path / "out")]
    assert cli.main([*args, "--cache-dir", str(cache_dir), "--jobs", "1"]) == 0
    assert "0 from the cache" in capsys.readouterr().out
    assert cli.main([*args, "--cache-dir", str(cache_dir)]) == 0
    assert "2 from the cache" in capsys.readouterr().out
    no_cache = tmp_path / "unused"
    assert cli.main([*args, "--cache-dir", str(no_cache), "--no-cache"]) == 0
    assert "0 from the cache" in capsys.readouterr().out
    assert not no_cache.exists()


def test_cli_build_refuses_a_negative_job_count(tmp_path: Path, capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["build", "--out", str(tmp_path / "out"), "--jobs", "-2"])
    assert exit_info.value.code == 2
    assert "expected a whole number >= 0, got '-2'" in capsys.readouterr().err


def hook_config(tmp_path: Path) -> MkDocsConfig:
    config = MkDocsConfig(config_file_path=str(tmp_path / "mkdocs.yml"))
    config.load_dict({"site_name": "t", "docs_dir": str(tmp_path / "docs")})
    (tmp_path / "docs").mkdir(exist_ok=True)
    errors, _warnings = config.validate()
    assert not errors, errors
    config.plugins._current_plugin = "hook"  # as MkDocs sets it while a hook runs
    return config


def test_hook_rebuild_makes_only_the_changed_seed(
    seeds: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog
) -> None:
    monkeypatch.setenv(hook.SEEDS_ENV, str(seeds))
    monkeypatch.setenv(hook.JOBS_ENV, "1")
    monkeypatch.delenv(hook.CACHE_ENV, raising=False)
    made: list[str] = []
    real = corpus.briefing_of
    monkeypatch.setattr(corpus, "briefing_of", lambda i: made.append(i.path.name) or real(i))
    config = hook_config(tmp_path)
    caplog.set_level(logging.INFO, logger="mkdocs.hooks.briefings")

    hook.on_files(Files([]), config)
    assert len(made) == 3  # two seeds and the unreadable one
    assert (tmp_path / ".cache" / "briefings").is_dir(), "the cache is beside mkdocs.yml"

    seed = edit_seed(sorted(seeds.glob("*.txt"))[1])
    made.clear()
    files = hook.on_files(Files([]), config)
    assert made == [seed.name, "zz_empty.txt"]
    pages = [f.content_string for f in files if f.src_uri.startswith("briefings/")]
    assert any(NEW_WORDS in page for page in pages)
    assert "(1 from the cache)" in caplog.text
    assert re.search(r"\d+ pages in \d+\.\d\d s", caplog.text)


def test_hook_cache_can_be_moved_or_switched_off(
    seeds: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(hook.SEEDS_ENV, str(seeds))
    monkeypatch.setenv(hook.JOBS_ENV, "1")
    config = hook_config(tmp_path)
    monkeypatch.setenv(hook.CACHE_ENV, str(tmp_path / "elsewhere"))
    hook.on_files(Files([]), config)
    assert (tmp_path / "elsewhere").is_dir()
    monkeypatch.setenv(hook.CACHE_ENV, "off")
    assert hook.briefing_cache(config) is None
    hook.on_files(Files([]), config)
    assert not (tmp_path / ".cache").exists()


def test_hook_refuses_a_bad_job_count(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(hook.JOBS_ENV, "many")
    with pytest.raises(hook.PluginError, match="BRIEFINGS_JOBS='many'"):
        hook.job_count()
