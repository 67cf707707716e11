"""Downloads: every file is well-formed and says what the briefings say.

briefings.json against its JSON Schema (shipped in the package and in the site), the CSV
files parsed back with their columns and row counts, the Atom feed parsed with its required
elements; all reproducible from the same briefings.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest

from benchmarks.synthetic import write_corpus
from build_tools.briefing import briefing_to_dict
from build_tools.corpus import load_corpus
from build_tools.records import Briefing, Item
from build_tools.render import downloads
from build_tools.render.pages import generate_pages
from build_tools.render.views.briefing_list import by_date
from build_tools.render.views.sources import link_domain
from tests.conftest import ROOT, SEEDS

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> tuple[Briefing, ...]:
    folder = tmp_path_factory.mktemp("synthetic") / "seeds"
    write_corpus(folder, 60, seed=5)
    return load_corpus(folder).briefings


@pytest.fixture(scope="module", params=["seeds", "synthetic"])
def corpus(request: pytest.FixtureRequest, synthetic: tuple[Briefing, ...]) -> tuple[Briefing, ...]:
    return load_corpus(SEEDS).briefings if request.param == "seeds" else synthetic


def schema() -> dict[str, object]:
    return json.loads(downloads.schema_text())  # type: ignore[no-any-return]


def rows(text: str | bytes) -> list[dict[str, str]]:
    if isinstance(text, bytes):
        text = text.decode("utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


# --- briefings.json and its schema --------------------------------------------------------


def test_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(schema())


def test_briefings_json_validates_against_the_schema(corpus: tuple[Briefing, ...]) -> None:
    files = generate_pages(corpus)
    records = json.loads(files[downloads.JSON_FILE])
    jsonschema.validate(records, schema(), cls=jsonschema.Draft202012Validator)
    assert records == [briefing_to_dict(b) for b in by_date(corpus)]
    assert files[downloads.SCHEMA_FILE] == downloads.schema_text()


def test_schema_rejects_a_broken_record() -> None:
    record = briefing_to_dict(load_corpus(SEEDS).briefings[0])
    validator = jsonschema.Draft202012Validator(schema())
    for key, bad in [("date", "8 December 2021"), ("slug", "Not A Slug"), ("demands", [{}])]:
        assert not validator.is_valid([{**record, key: bad}]), key
    assert not validator.is_valid([{k: v for k, v in record.items() if k != "title"}])
    link = {**record["links"][0], "kind": "footnote"}
    assert not validator.is_valid([{**record, "links": [link]}])


def test_extract_output_matches_the_schema_record() -> None:
    # The record of `python -m build_tools extract` is the schema's `briefing`.
    seed = sorted(SEEDS.glob("*.txt"))[0]
    out = subprocess.run(
        [sys.executable, "-m", "build_tools", "extract", str(seed)],
        capture_output=True,
        check=True,
        cwd=ROOT,
    ).stdout
    record_schema = {**schema(), "$ref": "#/$defs/briefing"}
    record_schema.pop("type")
    record_schema.pop("items")
    jsonschema.validate(json.loads(out), record_schema, cls=jsonschema.Draft202012Validator)


def test_schema_ships_with_the_package() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    data = config["tool"]["setuptools"]["package-data"]["build_tools"]
    assert "schema/*.json" in data
    assert downloads.SCHEMA_SOURCE == ROOT / "build_tools" / "schema" / "briefings.schema.json"


# --- CSV files ----------------------------------------------------------------------------


def test_demands_csv(corpus: tuple[Briefing, ...]) -> None:
    table = rows(generate_pages(corpus)[downloads.DEMANDS_CSV])
    expected = [(b, i) for b in by_date(corpus) for i in b.demands]
    assert len(table) == len(expected)
    for row, (b, item) in zip(table, expected, strict=True):
        assert list(row) == downloads.DEMAND_COLUMNS
        assert (row["briefing"], row["actor"], row["paragraph"]) == (
            b.slug,
            item.actor,
            item.paragraph,
        )
        assert row["text"].lstrip("'") == item.text
        assert row["date"] == (b.meta.date or "")


def test_proposals_csv(corpus: tuple[Briefing, ...]) -> None:
    table = rows(generate_pages(corpus)[downloads.PROPOSALS_CSV])
    expected = [(b, i) for b in by_date(corpus) for i in b.proposals]
    assert len(table) == len(expected)
    for row, (b, item) in zip(table, expected, strict=True):
        assert list(row) == downloads.PROPOSAL_COLUMNS
        assert row["briefing"] == b.slug
        assert row["proposer"] == item.actor
        assert row["stance"] == (item.stance or "")
        assert row["evidence"].lstrip("'") == item.evidence


def test_links_csv(corpus: tuple[Briefing, ...]) -> None:
    table = rows(generate_pages(corpus)[downloads.LINKS_CSV])
    expected = [(b, n, lk) for b in by_date(corpus) for n, lk in enumerate(b.links, 1)]
    assert len(table) == len(expected)
    for row, (b, n, lk) in zip(table, expected, strict=True):
        assert list(row) == downloads.LINK_COLUMNS
        assert (row["briefing"], row["position"], row["kind"]) == (b.slug, str(n), lk.kind)
        assert row["placeholder"] == ("true" if lk.placeholder else "false")
        assert row["href"].lstrip("'") == lk.href
        assert row["domain"] == ("" if lk.placeholder else link_domain(lk.href) or "")


def test_csv_keeps_commas_quotes_and_line_breaks_in_one_cell() -> None:
    b = load_corpus(SEEDS).briefings[0]
    text = 'A "quoted", comma\nand a line break; ünïcödé'
    item = Item("demand", "Russia", text, text, b.paragraphs[0].anchor)
    table = rows(downloads.items_csv([replace(b, demands=(item,))], "demand"))
    assert [r["text"] for r in table] == [text]


def test_csv_cells_never_start_a_spreadsheet_formula() -> None:
    b = load_corpus(SEEDS).briefings[0]
    items = tuple(
        Item("demand", "Russia", t, t, b.paragraphs[0].anchor)
        for t in ("=HYPERLINK(1)", "+1", "-2", "@SUM(A1)", "plain")
    )
    table = rows(downloads.items_csv([replace(b, demands=items)], "demand"))
    assert [r["text"] for r in table] == ["'=HYPERLINK(1)", "'+1", "'-2", "'@SUM(A1)", "plain"]


# --- Atom feed ----------------------------------------------------------------------------


def test_feed_is_atom_with_required_elements(corpus: tuple[Briefing, ...]) -> None:
    feed = ET.fromstring(generate_pages(corpus)[downloads.FEED_FILE].encode("utf-8"))
    assert feed.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{name}") is not None, name
    dated = [b for b in by_date(corpus) if b.meta.date][: downloads.FEED_SIZE]
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == len(dated)
    assert feed.findtext(f"{ATOM}updated") == f"{dated[0].meta.date}T00:00:00Z"
    ids = set()
    for entry, b in zip(entries, dated, strict=True):
        for name in ("id", "title", "updated"):
            assert entry.findtext(f"{ATOM}{name}"), name
        assert entry.findtext(f"{ATOM}title") == b.meta.title
        assert entry.findtext(f"{ATOM}updated") == f"{b.meta.date}T00:00:00Z"
        link = entry.find(f"{ATOM}link")
        assert link is not None
        assert link.get("href") == f"../briefings/{b.slug}/"
        ids.add(entry.findtext(f"{ATOM}id"))
    assert len(ids) == len(entries)


def test_feed_leaves_out_undated_briefings_and_is_capped(synthetic: tuple[Briefing, ...]) -> None:
    undated = [b for b in synthetic if not b.meta.date]
    assert undated, "the generated corpus has undated briefings"
    assert len(synthetic) - len(undated) > downloads.FEED_SIZE, "more dated than fit in a feed"
    feed = ET.fromstring(downloads.atom_feed(by_date(synthetic), None).encode("utf-8"))
    titles = [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")]
    assert len(titles) == downloads.FEED_SIZE
    assert not {b.meta.title for b in undated} & set(titles)


def test_feed_with_site_url_has_absolute_links() -> None:
    briefings = load_corpus(SEEDS).briefings
    text = downloads.atom_feed(by_date(briefings), "https://example.org/briefings")
    feed = ET.fromstring(text.encode("utf-8"))
    self_link = [lk for lk in feed.findall(f"{ATOM}link") if lk.get("rel") == "self"]
    assert self_link[0].get("href") == "https://example.org/briefings/downloads/feed.xml"
    for entry in feed.findall(f"{ATOM}entry"):
        link = entry.find(f"{ATOM}link")
        assert link is not None
        assert (link.get("href") or "").startswith("https://example.org/briefings/briefings/")


def test_feed_escapes_markup_and_drops_characters_xml_forbids() -> None:
    b = load_corpus(SEEDS).briefings[0]
    title = 'A <b>bold</b> & "quoted" title\x0c with a form feed'
    meta = replace(b.meta, title=title, authors=("R&D <desk>",))
    text = downloads.atom_feed([replace(b, meta=meta)], None)
    feed = ET.fromstring(text.encode("utf-8"))
    entry = feed.find(f"{ATOM}entry")
    assert entry is not None
    assert entry.findtext(f"{ATOM}title") == title.replace("\x0c", "")
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "R&D <desk>"


def test_feed_without_dates_uses_a_fixed_time_not_the_clock() -> None:
    b = load_corpus(SEEDS).briefings[0]
    undated = replace(b, meta=replace(b.meta, date=None))
    feed = ET.fromstring(downloads.atom_feed([undated], None).encode("utf-8"))
    assert feed.findtext(f"{ATOM}updated") == downloads.NO_DATE
    assert feed.findall(f"{ATOM}entry") == []


# --- reproducible, and linked from the site --------------------------------------------------


def test_downloads_are_reproducible(synthetic: tuple[Briefing, ...]) -> None:
    assert downloads.download_files(synthetic) == downloads.download_files(synthetic)


def test_downloads_page_links_every_file() -> None:
    page = generate_pages(load_corpus(SEEDS).briefings)[downloads.DOWNLOADS]
    for path in (
        downloads.JSON_FILE,
        downloads.SCHEMA_FILE,
        downloads.DEMANDS_CSV,
        downloads.PROPOSALS_CSV,
        downloads.LINKS_CSV,
        downloads.FEED_FILE,
    ):
        assert f"]({Path(path).name})" in page, path


def test_missing_schema_is_a_one_line_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from build_tools.errors import BriefingError

    monkeypatch.setattr(downloads, "SCHEMA_SOURCE", tmp_path / "gone.json")
    with pytest.raises(BriefingError, match=r"gone\.json: cannot read the schema"):
        downloads.schema_text()


def test_site_build_feed_uses_the_configured_site_url(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

    from build_tools import hook

    monkeypatch.setenv(hook.SEEDS_ENV, str(SEEDS))
    (tmp_path / "docs").mkdir()
    config = MkDocsConfig(config_file_path=str(tmp_path / "mkdocs.yml"))
    config.load_dict(
        {"site_name": "t", "docs_dir": str(tmp_path / "docs"), "site_url": "https://x.example/"}
    )
    assert config.validate()[0] == []
    config.plugins._current_plugin = "hook"  # MkDocs sets this while a hook runs
    files = hook.on_files(Files([]), config)
    feed_file = files.get_file_from_path(downloads.FEED_FILE)
    assert feed_file is not None
    feed = ET.fromstring(feed_file.content_bytes)
    links = [e.find(f"{ATOM}link") for e in feed.findall(f"{ATOM}entry")]
    assert links
    assert all(
        (lk.get("href") or "").startswith("https://x.example/briefings/")
        for lk in links
        if lk is not None
    )


# --- every count on every page agrees with the downloads ---------------------------------


ACTOR_ROW = r"^\| \[(.+?)\]\(\S+\) \| .+? \| (\d+) \| (\d+) \| (\d+) \|$"


def _party(record: dict[str, object], actor: str) -> str:
    """The party a page files an item under: the byline for the article's author."""
    authors = [str(a) for a in record["authors"]]  # type: ignore[attr-defined]
    if actor != "author" or not authors:
        return actor
    return authors[0] if len(authors) == 1 else f"{', '.join(authors[:-1])} and {authors[-1]}"


def test_every_count_on_every_page_agrees_with_briefings_json(
    corpus: tuple[Briefing, ...],
) -> None:
    """The totals, the rows of the lists, the parties and the topics, read from the pages,
    are those counted in `briefings.json` and the CSV files."""
    pages = generate_pages(corpus)
    records = json.loads(pages[downloads.JSON_FILE])
    n_demands = sum(len(r["demands"]) for r in records)
    n_proposals = sum(len(r["proposals"]) for r in records)
    n_links = sum(len(r["links"]) for r in records)
    parties: dict[str, list[int]] = {}
    for r in records:
        for kind, items, key in ((0, r["demands"], "actor"), (1, r["proposals"], "proposer")):
            for item in items:
                parties.setdefault(_party(r, item[key]), [0, 0, 0])[kind] += 1
        for party in {_party(r, i["actor"]) for i in r["demands"]} | {
            _party(r, i["proposer"]) for i in r["proposals"]
        }:
            parties[party][2] += 1

    def plural(n: int, one: str, many: str) -> str:
        return f"{n} {one if n == 1 else many}"

    home = pages["index.md"]
    assert (
        f"**{len(records)}** {'briefing' if len(records) == 1 else 'briefings'} · "
        f"**{n_demands}** {'demand' if n_demands == 1 else 'demands'} · "
        f"**{n_proposals}** {'proposal' if n_proposals == 1 else 'proposals'} · "
        f"**{n_links}** {'link' if n_links == 1 else 'links'} · "
        f"**{len(parties)}** {'party' if len(parties) == 1 else 'parties'}"
    ) in home
    # Each briefing's row in the lists: its demands, proposals and links.
    listing = pages["briefings/index.md"]
    for r in records:
        row = next(line for line in listing.splitlines() if f"({r['slug']}.md)" in line)
        counts = row.strip(" |").split(" | ")[-3:]
        lost = sum(1 for lk in r["links"] if lk["placeholder"])
        links = f"{len(r['links'])} ({lost} lost)" if lost else str(len(r["links"]))
        assert counts == [str(len(r["demands"])), str(len(r["proposals"])), links]
        page = pages[f"briefings/{r['slug']}.md"]
        if lost:
            assert f"**{lost} of {len(r['links'])} links, " in page
    # Every party's row on the actors index, and its own page's totals.
    index = pages["actors/index.md"]
    rows_by_party = {
        m.group(1).replace("\\", ""): [int(x) for x in m.group(2, 3, 4)]
        for m in re.finditer(
            r"^\| \[(.+?)\]\(\S+\) \| .+? \| (\d+) \| (\d+) \| (\d+) \|$", index, re.M
        )
    }
    assert rows_by_party == {p.replace("\\", ""): c for p, c in parties.items()} or {
        k: v for k, v in rows_by_party.items()
    } == {("Author not named" if p == "author" else p): c for p, c in parties.items()}
    assert sum(c[0] for c in rows_by_party.values()) == n_demands
    assert sum(c[1] for c in rows_by_party.values()) == n_proposals
    # The views' totals.
    with_demands = sum(1 for r in records if r["demands"])
    assert (
        f"{plural(n_demands, 'demand', 'demands')} in {with_demands} of "
        in pages["demands/index.md"]
    )
    with_proposals = sum(1 for r in records if r["proposals"])
    assert (
        f"{plural(n_proposals, 'proposal', 'proposals')} from "
        f"{plural(with_proposals, 'briefing', 'briefings')}"
    ) in pages["proposals/index.md"]
    downloads_page = pages[downloads.DOWNLOADS]
    for n, one, many in ((n_demands, "demand", "demands"), (n_proposals, "proposal", "proposals"),
                         (n_links, "link", "links")):  # fmt: skip
        assert f"| {plural(n, one, many)}: `briefing`" in downloads_page
    # Topics: briefings per topic from the records' tags; items per topic from the CSV
    # files' first topic.
    tagged: dict[str, int] = {}
    for r in records:
        for topic in r["topics"]:
            tagged[topic] = tagged.get(topic, 0) + 1
    filed: dict[str, list[int]] = {}
    for kind, name in ((0, downloads.DEMANDS_CSV), (1, downloads.PROPOSALS_CSV)):
        for row in rows(pages[name]):
            if row["topics"]:
                filed.setdefault(row["topics"].split("; ")[0], [0, 0])[kind] += 1
    topics_page = pages["topics.md"]
    listed = {
        m.group(1).replace("\\", ""): [int(x) for x in m.group(2, 3, 4)]
        for m in re.finditer(
            r"^\| \[([^|\]]+?)\]\([^)]+\) \| (\d+) \| (\d+) \| (\d+) \|$", topics_page, re.M
        )
    }
    assert listed == {t: [n, *filed.get(t, [0, 0])] for t, n in tagged.items()}
    assert all(n > 0 for n, _, _ in listed.values())  # no topic without a briefing
