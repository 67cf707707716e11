"""Build the whole site with `mkdocs build --strict` in a temporary folder and check it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from build_tools.briefing import briefing_from_path
from tests.conftest import ROOT, SEEDS
from tests.pagefind_index import fragments, page_count
from tests.sitebuild import build_site, prepare_project, run_mkdocs_build, site_config

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(tmp_path_factory.mktemp("site"), SEEDS)


def page(site: Path, slug: str) -> str:
    return (site / "briefings" / slug / "index.html").read_text(encoding="utf-8")


def test_one_page_per_seed_at_its_title_slug(site: Path) -> None:
    for seed in sorted(SEEDS.glob("*.txt")):
        b = briefing_from_path(seed)
        html = page(site, b.slug)
        assert b.meta.title.split()[0] in html
        assert 'id="p-1"' in html


def test_known_slug_of_first_seed(site: Path) -> None:
    assert (
        site / "briefings" / "how-the-west-should-negotiate-over-ukraine" / "index.html"
    ).exists()


def test_briefing_page_sections(site: Path) -> None:
    html = page(site, "how-the-west-should-negotiate-over-ukraine")
    for heading in ("Key demands", "Proposals", "Links", "Related reading on the source site"):
        assert f">{heading}<" in html
    assert ">Full text<" in html
    assert "target not preserved in the source" in html
    assert 'href="#"' not in html.split("<article", 1)[1]


def test_items_link_to_existing_paragraphs(site: Path) -> None:
    for seed in sorted(SEEDS.glob("*.txt")):
        b = briefing_from_path(seed)
        html = page(site, b.slug)
        ids = set(re.findall(r'id="([^"]+)"', html))
        for item in (*b.demands, *b.proposals):
            assert item.paragraph in ids
            assert f'href="#{item.paragraph}"' in html


def test_home_page_lists_every_briefing(site: Path) -> None:
    home = (site / "index.html").read_text(encoding="utf-8")
    for seed in sorted(SEEDS.glob("*.txt")):
        b = briefing_from_path(seed)
        assert f'href="briefings/{b.slug}/"' in home


def test_search_index_has_every_briefing_and_nothing_else(site: Path) -> None:
    """Pagefind's index (build_tools/search.py): the briefing pages, article text only."""
    records = fragments(site)
    assert page_count(site) == len(records) == len(list(SEEDS.glob("*.txt")))
    assert all(r["url"].startswith("/briefings/") for r in records)
    text = " ".join(r["content"] for r in records)
    assert "Guarantees fraught with danger" in text
    assert "modus vivendi" in text
    assert "Negotiation Briefings" not in text  # the header and navigation are not indexed
    # A result's title is the page's heading without its permalink (¶).
    assert all(r["meta"]["title"] and "\u00b6" not in r["meta"]["title"] for r in records)
    dated = [r for r in records if "date" in r["meta"]]
    assert dated and all(r["filters"]["year"] == [r["meta"]["date"][:4]] for r in dated)


def test_no_request_to_another_host(site: Path) -> None:
    """No fonts, scripts or styles from a CDN: every src/href of the page is local."""
    assert site_config()["theme"]["font"] == "false"
    for html_file in [site / "index.html", *site.glob("briefings/*/index.html")]:
        html = html_file.read_text(encoding="utf-8")
        for tag in re.findall(r"<(?:script|link|img|iframe)[^>]*>", html):
            if 'rel="canonical"' in tag:  # names the page's address, fetches nothing
                continue
            assert not re.search(r'(?:src|href)="(?:https?:)?//', tag), tag


def test_nothing_written_into_docs(site: Path) -> None:
    assert not (ROOT / "docs" / "briefings").exists()
    assert not (ROOT / "docs" / "index.md").exists()


def test_hand_written_page_clash_is_an_error(tmp_path: Path) -> None:
    config = prepare_project(tmp_path, [next(SEEDS.glob("*.txt"))])
    (tmp_path / "docs" / "index.md").write_text("# My home\n")
    result = run_mkdocs_build(config)
    assert result.returncode != 0
    assert "docs/index.md" in result.stderr + result.stdout
    assert "Traceback" not in result.stderr


def test_search_index_leaves_out_the_repeated_sentences(site: Path) -> None:
    """The summary and the source sentences repeat the full text: indexed once, there."""
    records = fragments(site)
    for seed in sorted(SEEDS.glob("*.txt")):
        b = briefing_from_path(seed)
        (record,) = [r for r in records if r["url"] == f"/briefings/{b.slug}/"]
        evidence = b.demands[0].evidence if b.demands else b.proposals[0].evidence
        start = evidence[:40]
        assert record["content"].count(start) == 1, start
