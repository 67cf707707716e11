"""The benchmark runs on tiny corpora and writes the Performance page with every row; the
targets are judged by the figures. Timings themselves are never checked."""

from __future__ import annotations

import os
import re
from dataclasses import replace

import pytest

from benchmarks import run
from benchmarks.report import (
    ArticleTime,
    Figures,
    Incremental,
    Machine,
    Preprocessing,
    Search,
    SiteBuild,
    Target,
    render_report,
    splice_search,
    targets,
)
from tests.conftest import ROOT, SEEDS
from tests.sitebuild import site_config

SIZES = (2, 3, 5)
SECTIONS = [
    "Targets",
    "Preprocessing",
    "Incremental runs",
    "Rebuilding after an edit",
    "MkDocs build",
    "Search",
    "Extraction per article",
    "Pathological input",
]


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("bench")
    page = folder / "performance.md"
    sizes = ",".join(map(str, SIZES))
    args = ["--sizes", sizes, "--out", str(folder / "out"), "--report", str(page)]
    assert run.main([*args, "--speed-runs", "3", "--pathological-size", "1000"]) == 0
    return page.read_text(encoding="utf-8")


def table_rows(page: str, section: str) -> list[list[str]]:
    """The body rows of the first table under `## section`, as cells."""
    body = page.split(f"\n## {section}\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in body.splitlines() if line.startswith("|")]
    return [[cell.strip() for cell in row.strip("|").split("|")] for row in rows[2:]]


@pytest.mark.slow
def test_report_has_every_section_and_row(report: str) -> None:
    assert report.startswith("# Performance\n")
    for section in [*SECTIONS, "How it is measured"]:
        assert f"\n## {section}\n" in report
    # The seeds hold a 7 KB article; a rebuild target per size measured (medium, large); the
    # largest pages of the sites the search was measured on.
    assert len(table_rows(report, "Targets")) == 16
    articles = [row[0] for row in table_rows(report, "Extraction per article")]
    real = [*SEEDS.glob("*.txt"), *(ROOT / "tests" / "corpus" / "seeds").glob("*.txt")]
    assert sorted(articles) == sorted(p.name for p in real)
    assert [row[0] for row in table_rows(report, "Preprocessing")] == ["2", "3", "5"]
    assert [row[0] for row in table_rows(report, "MkDocs build")] == ["2", "3"]
    assert [row[0] for row in table_rows(report, "Search")] == ["3", "5"]
    for section in SECTIONS[1:]:
        for row in table_rows(report, section):
            assert all(cell for cell in row), row


@pytest.mark.slow
def test_dask_build_is_timed_beside_build_out_and_gives_the_same_bytes(report: str) -> None:
    for row in table_rows(report, "Preprocessing"):
        assert re.fullmatch(r"\d+\.\d s \(\d+ workers\), same bytes", row[-1]), row


@pytest.mark.slow
def test_report_names_the_machine(report: str) -> None:
    assert f"**Machine:** {os.cpu_count()} cores (`os.cpu_count()`" in report


@pytest.mark.slow
def test_incremental_run_remakes_one_briefing(report: str) -> None:
    rows = table_rows(report, "Incremental runs")
    assert rows[0][-1] == "2 of 3"  # the probe pins the code fingerprint
    assert re.fullmatch(r"\d of 3", rows[1][-1])


@pytest.mark.slow
def test_search_rows_count_pages_and_bytes(report: str) -> None:
    for row in table_rows(report, "Search"):
        assert row[1] == row[0]  # every briefing page indexed
        # first searches (ukraine, referendum, the, quillwort), a later query
        assert all(re.fullmatch(r"[\d,]+ kB", cell) for cell in row[-6:-1]), row
        assert row[-1] == "n/a"  # one part at these sizes: no "Search all" to press


def figures(**changes: object) -> Figures:
    """Figures that meet every target; `changes` replaces parts of them."""
    pre = [
        Preprocessing(n, n / 400, 90, 2, n / 800, 90, 60, n / 8000, n / 300, n / 10)
        for n in (100, 1000, 10000)
    ]
    sites = [
        SiteBuild(n, n / 50, 200, n / 48, 250, n / 600, n / 49, 240, n / 1000, n, 31000, 10, 310000)
        for n in (100, 1000)
    ]
    search = [
        Search(n, n, n / 400, n / 50, n / 10, n * 3000, 70_000, 150_000 + n, 40_000, 90_000, n)
        for n in (1000, 10000)
    ]
    base = Figures(
        machine=Machine(2, 2, "3.11.7", "Linux", "2026-01-01 00:00 UTC", "abc", 0.5, 0.7, 300),
        sizes=(100, 1000, 10000),
        preprocessing=tuple(pre),
        incremental=Incremental(1000, 6.0, 4.0, 0.3, 999, 4.0, 2.0, 0.1, 999),
        sites=tuple(sites),
        search=tuple(search),
        articles=(
            ArticleTime("seven.txt", 7_100, 4.6, 5.0, 1.0),
            ArticleTime("three.txt", 3_000, 3.0, 3.2, 0.3),
        ),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def test_targets_met() -> None:
    assert [t.met for t in targets(figures())] == [True] * 13
    assert "**not met**" not in render_report(figures())


def test_each_target_can_fail() -> None:
    good = figures()
    slow = replace(good.preprocessing[2], serial_s=60.0, parallel_s=45.0)
    big = replace(good.preprocessing[2], serial_mb=1100.0)
    heavy_hook = replace(good.sites[1], warm_s=good.sites[1].plain_s * 1.2)
    grown = replace(good.sites[1], first_pages_bytes=good.sites[0].first_pages_bytes * 2)
    slow_rerun = replace(good.incremental, load_changed_s=1.0)
    big_first = replace(good.search[1], first_search_bytes=310_000)
    grown_first = replace(good.search[0], first_search_bytes=100_000)
    big_later = replace(good.search[1], later_query_bytes=110_000)
    slow_index = replace(good.search[1], index_s=good.search[1].build_s * 0.4)
    slow_build = replace(good.search[1], build_s=250.0)
    big_build = replace(good.search[1], build_mb=2100.0)
    failing = {
        0: figures(preprocessing=(*good.preprocessing[:2], slow)),
        1: figures(preprocessing=(*good.preprocessing[:2], slow)),
        2: figures(preprocessing=(*good.preprocessing[:2], slow)),
        3: figures(preprocessing=(*good.preprocessing[:2], big)),
        4: figures(sites=(good.sites[0], heavy_hook)),
        5: figures(sites=(good.sites[0], grown)),
        6: figures(incremental=slow_rerun),
        7: figures(search=(good.search[0], big_first)),
        8: figures(search=(good.search[0], big_later)),
        9: figures(search=(good.search[0], slow_index)),
        10: figures(search=(good.search[0], slow_build)),
        11: figures(search=(replace(good.search[0], build_s=15.0), good.search[1])),
        12: figures(articles=(replace(good.articles[0], median_ms=25.0), good.articles[1])),
    }
    for index, f in failing.items():
        assert not targets(f)[index].met, targets(f)[index]
    assert not targets(figures(search=(grown_first, good.search[1])))[7].met
    assert not targets(figures(search=(good.search[0], big_build)))[10].met
    # Where the tree's proportional memory is measured, it is the one compared: the workers
    # share MkDocs' pages, which the sum of resident memory counts once per process.
    shared = replace(good.search[1], build_mb=3400.0, build_pss_mb=1900.0)
    assert targets(figures(search=(good.search[0], shared)))[10].met
    assert "1,900 MB (the whole process tree, each page" in (
        targets(figures(search=(good.search[0], shared)))[10].measured
    )
    over = replace(shared, build_pss_mb=2100.0)
    assert not targets(figures(search=(good.search[0], over)))[10].met
    # A rerun that made more than the one changed seed again fails however fast it was.
    remade = figures(incremental=replace(good.incremental, load_cached=990))
    assert not targets(remade)[6].met


def test_page_size_target_compares_the_largest_pages() -> None:
    good = figures()
    mid = replace(
        good.search[0],
        largest_pages=(("topics/index.html", 700_000), ("actors/a/index.html", 190_000)),
    )
    big = replace(
        good.search[1],
        largest_pages=(("topics/index.html", 7_000_000), ("actors/b/index.html", 195_000)),
    )

    def row(f: Figures) -> Target:
        (found,) = [t for t in targets(f) if "grows with N" in t.name]
        return found

    grown = row(figures(search=(mid, big)))
    assert not grown.met
    assert "`topics/index.html`, 7,000 kB, against `topics/index.html`, 700 kB" in grown.measured
    flat = row(
        figures(
            search=(
                replace(mid, largest_pages=mid.largest_pages[1:]),
                replace(big, largest_pages=big.largest_pages[1:]),
            )
        )
    )
    assert flat.met
    assert "`actors/b/index.html`, 195 kB, against `actors/a/index.html`, 190 kB" in flat.measured
    # Figures measured before the pages were kept have no such row.
    assert not [t for t in targets(good) if "grows with N" in t.name]


def test_extraction_target_reads_the_7_kb_articles_only() -> None:
    slow_small = figures(articles=(figures().articles[0], ArticleTime("s.txt", 3_000, 9, 9, 1)))
    assert targets(slow_small)[12].met
    assert "4.60 ms (seven.txt, 7,100 bytes" in targets(slow_small)[12].measured
    assert len(targets(figures(articles=()))) == 12  # no such article: no such target


def test_sizes_must_grow(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        run.main(["--sizes", "100,50,1000"])
    assert "expected three growing sizes" in capsys.readouterr().err


def test_performance_page_is_in_the_nav() -> None:
    assert (ROOT / "docs" / "performance.md").is_file()
    about = next(entry["About"] for entry in site_config()["nav"] if "About" in entry)
    assert {"Performance": "performance.md"} in about


def test_search_only_replaces_the_search_section_and_rows() -> None:
    good = figures()
    page = render_report(replace(good, search=()))
    assert "| a first search downloads" not in page
    old = page.replace("## Targets\n\n| Target", "## Targets\n\n| Target", 1).replace(
        "|:---|:---|---:|\n",
        "|:---|:---|---:|\n| a first search downloads under 3 MB | 2 MB | met |\n",
    )
    spliced = splice_search(old, good.sizes, good.search, "*Measured alone.*\n\n")
    assert "under 3 MB" not in spliced
    assert len(table_rows(spliced, "Targets")) == len(table_rows(page, "Targets")) + 5
    assert "## Search\n\n*Measured alone.*\n\nThe search is Pagefind's" in spliced
    assert [row[0] for row in table_rows(spliced, "Search")] == ["1,000", "10,000"]
    assert spliced.split("\n## Search\n", 1)[1].count("\n## Extraction per article\n") == 1
    # Spliced again, with the largest pages measured too: every search row once.
    pages = (("actors/a/index.html", 190_000),)
    sized = tuple(replace(s, largest_pages=pages) for s in good.search)
    twice = splice_search(splice_search(spliced, good.sizes, sized, ""), good.sizes, sized, "")
    assert twice.count("| no page's HTML grows") == 1
    assert len(table_rows(twice, "Targets")) == len(table_rows(spliced, "Targets")) + 1


@pytest.mark.slow
def test_rebuild_rows_make_one_briefing_and_give_a_whole_build_s_bytes(report: str) -> None:
    rows = table_rows(report, "Rebuilding after an edit")
    assert [row[0] for row in rows[:2]] == ["3", "5"]
    for row in rows[:2]:
        n = int(row[0])
        assert row[4] == f"{n - 1} of {n}"
        assert row[-1] == "yes"
    serve = report.split("`mkdocs serve`: edit shown", 1)[1].splitlines()[2:3]
    assert serve and serve[0].startswith("| 3 |")


def test_splice_rebuilds_puts_the_section_after_incremental_runs_and_replaces_it() -> None:
    from benchmarks.rebuilds import Rebuild, ServeEdit, splice_rebuilds

    page = (
        "# Performance\n\n## Targets\n\n| Target | Measured |  |\n|:---|:---|---:|\n"
        "| a | b | met |\n\n## Incremental runs\n\ntext\n\n## MkDocs build\n\nmore\n"
    )
    first = splice_rebuilds(
        page,
        [Rebuild(1000, 4.0, 0.5, 999, 20, 1400, True)],
        [ServeEdit(1000, 30.0, 20.0, 0.3, 2.0, 1400, 3.0, 0.3, 2.0, 5)],
        "*note*\n\n",
    )
    assert first.index("## Incremental runs") < first.index("## Rebuilding after an edit")
    assert first.index("## Rebuilding after an edit") < first.index("## MkDocs build")
    assert "| a | b | met |\n| the whole `build --out` after one seed changed" in first
    assert "0.50 s of 4.0 s (12%)" in first and "**not met**" in first
    again = splice_rebuilds(first, [Rebuild(1000, 4.0, 0.3, 999, 20, 1400, True)], [], "")
    assert again.count("## Rebuilding after an edit") == 1
    assert again.count("the whole `build --out` after one seed changed") == 1
    assert "0.30 s of 4.0 s (8%)," in again and "| met |" in again
    assert "more\n" in again and "text\n" in again
