"""Beyond one machine: `build --dask` on a LocalCluster of two worker processes writes the
same bytes as `build --out` on one machine, and reports every seed that failed."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.synthetic import load_pool, write_corpus
from build_tools import cli, cluster
from build_tools.errors import BriefingError
from tests.conftest import SEEDS

distributed = pytest.importorskip("distributed", reason="needs the dask extra")

SYNTHETIC = 300


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """The address of a LocalCluster of two single-threaded worker processes (this machine
    has two cores, shared)."""
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as local:
        yield local.scheduler_address


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Synthetic seeds, the public seeds (one with a sidecar), an unreadable seed and a
    sidecar without a seed."""
    folder = tmp_path_factory.mktemp("cluster") / "seeds"
    write_corpus(folder, SYNTHETIC, pool=load_pool())
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, folder / seed.name)
    first = sorted(SEEDS.glob("*.txt"))[0]
    (folder / f"{first.stem}.yml").write_text("publication: Set by hand\n", encoding="utf-8")
    (folder / "zz_binary.txt").write_bytes(b"\x00\x01\x02 not text")
    (folder / "zz_orphan.yml").write_text("title: nobody\n", encoding="utf-8")
    return folder


def errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error: ")]


@pytest.mark.slow
def test_dask_build_writes_the_same_bytes_as_the_local_build(
    scheduler: str, seeds: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    local, remote = tmp_path / "local", tmp_path / "dask"
    common = ["build", "--seeds", str(seeds), "--site-url", "https://x.example/"]
    assert cli.main([*common, "--out", str(local), "--no-cache", "--jobs", "2"]) == 0
    local_err = capsys.readouterr().err
    assert cli.main([*common, "--out", str(remote), "--dask", scheduler]) == 0
    out, remote_err = capsys.readouterr()
    assert f"{SYNTHETIC + 2} briefings (" in out
    # Every failed seed, with its error, as on one machine (the stages' progress lines,
    # with their times, aside).
    assert errors(remote_err) == errors(local_err) != []
    assert "zz_binary.txt" in remote_err and "zz_orphan.yml: sidecar without a seed" in remote_err
    local_files, remote_files = tree(local), tree(remote)
    assert len(local_files) > SYNTHETIC
    assert sorted(remote_files) == sorted(local_files)
    assert [name for name in local_files if local_files[name] != remote_files[name]] == []


@pytest.mark.slow
def test_partitions_are_sized_to_the_cluster(scheduler: str, seeds: Path) -> None:
    with distributed.Client(scheduler) as client:
        corpus = cluster.load_corpus_on_dask(seeds, client)
        assert client.status == "running", "a client given is left open"
    assert len(corpus.briefings) == SYNTHETIC + 2
    assert corpus.derived == ()
    assert cluster.partition_count(len(corpus.briefings), 2) == 8


def test_partition_count() -> None:
    assert cluster.partition_count(0, 4) == 1
    assert cluster.partition_count(3, 4) == 3
    assert cluster.partition_count(10_000, 16) == 64


def test_an_unexpected_exception_is_reported_with_its_seed(monkeypatch, tmp_path: Path) -> None:
    def broken(path: Path) -> None:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(cluster, "make_seed_briefing", broken)
    outcome = cluster.seed_outcome(str(tmp_path / "a.txt"), None)
    assert outcome == cluster.SeedFailure(
        str(tmp_path / "a.txt"), "unexpected ZeroDivisionError: division by zero", None
    )


def test_a_briefing_error_keeps_its_path_and_line(monkeypatch) -> None:
    def bad(path: Path) -> None:
        raise BriefingError("seeds/a.yml", "there is no demand 7", 4)

    monkeypatch.setattr(cluster, "make_seed_briefing", bad)
    assert cluster.seed_outcome("seeds/a.txt", None) == cluster.SeedFailure(
        "seeds/a.yml", "there is no demand 7", 4
    )
