"""The plugin lets go of each generated page once MkDocs no longer needs it (its Markdown
after rendering, its HTML after writing, the downloads after copying), so that a build of
10,000 briefings does not hold the site twice while Pagefind runs; and nothing a reader
sees changes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from build_tools.briefing import briefing_from_path
from build_tools.plugin import release_html, release_markdown, release_memory
from tests.conftest import SEEDS
from tests.sitebuild import build_site

PAGE = """---
tags: [Ceasefire]
---

# The envoys' plan

Some text of the article.

### A party

More text, [back](#a-party).
"""


def _rendered_page(tmp_path: Path) -> tuple[Page, Files]:
    (tmp_path / "docs").mkdir()
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text(
        "site_name: Test\nmarkdown_extensions: [toc, attr_list]\n", encoding="utf-8"
    )
    config = load_config(str(config_file))
    file = _generated(config, "briefings/plan.md", PAGE)
    files = Files([file])
    page = Page(None, file, config)
    page.read_source(config)
    page.render(config, files)
    return page, files


def _generated(config: MkDocsConfig, path: str, content: str) -> File:
    """A file made in memory, as `File.generated` makes it (which needs a running build)."""
    file = File(path, src_dir=None, dest_dir=config.site_dir, use_directory_urls=True)
    file.content_string = content
    return file


def test_a_released_page_keeps_its_title_and_what_mkdocs_checks_after_writing(
    tmp_path: Path,
) -> None:
    page, files = _rendered_page(tmp_path)
    title, anchors = page.title, set(page.present_anchor_ids)
    assert title == "The envoys' plan"
    assert {"the-envoys-plan", "a-party"} <= anchors

    release_markdown(page)
    assert page.markdown == ""
    assert page.file.content_string == ""
    assert page.title == title  # MkDocs takes a page whose Markdown is None as not read
    assert page.content is not None  # still to be written

    release_html(page)
    assert page.content is None
    assert list(page.toc) == []
    assert page.title == title
    assert page.present_anchor_ids == anchors
    page.validate_anchor_links(files=files, log_level=30)  # the link to #a-party still checks


def test_release_memory_empties_the_copied_files(tmp_path: Path) -> None:
    _rendered_page(tmp_path)
    config = load_config(str(tmp_path / "mkdocs.yml"))
    download = _generated(config, "downloads/briefings.json", "[1, 2, 3]")
    release_memory([download])
    assert download.content_string == ""


@pytest.mark.slow
def test_every_page_of_a_built_site_keeps_its_title_and_tags(tmp_path: Path) -> None:
    seeds = sorted(SEEDS.glob("*.txt"))[:3]
    site = build_site(tmp_path, seeds)
    for seed in seeds:
        b = briefing_from_path(seed)
        html = (site / "briefings" / b.slug / "index.html").read_text(encoding="utf-8")
        title = re.search(r"<title>(.*?)</title>", html, re.S)
        assert title is not None
        assert title.group(1).startswith(b.meta.title.split()[0])
        assert "None" not in title.group(1)
        # Each tag chip links to its topic's page, which lists the briefing.
        chips = re.findall(r'<a href="\.\./\.\./topics/([^/"]+)/" class="md-tag">([^<]+)</a>', html)
        assert [name for _, name in chips] == list(b.topics)
        for slug, _ in chips:
            topic = (site / "topics" / slug / "index.html").read_text(encoding="utf-8")
            assert f"../../briefings/{b.slug}/" in topic
