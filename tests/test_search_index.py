"""Pagefind's index of a built site (build_tools/search.py): which pages, and its errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.errors import BriefingError
from build_tools.search import BUNDLE, briefing_pages_glob, index_site, main


def test_the_glob_names_the_briefing_pages_under_the_plugins_path() -> None:
    assert briefing_pages_glob() == "briefings/*/index.html"
    assert briefing_pages_glob("news/") == "news/briefings/*/index.html"
    assert briefing_pages_glob("a/b", directory_urls=False) == "a/b/briefings/*.html"


def page(title: str, words: str) -> str:
    return (
        '<html lang="en"><body><nav>Navigation words</nav>'
        f'<article class="md-content__inner"><h1>{title}<a class="headerlink">¶</a></h1>'
        f'<div class="admonition">summary words</div><p>{words}</p></article></body></html>'
    )


def test_only_the_briefing_pages_articles_are_indexed(tmp_path: Path) -> None:
    for path, title in [("briefings/a/index.html", "A"), ("actors/b/index.html", "B")]:
        (tmp_path / path).parent.mkdir(parents=True)
        (tmp_path / path).write_text(page(title, "quillwort talks"), encoding="utf-8")
    (tmp_path / BUNDLE / "stale").mkdir(parents=True)
    index = index_site(tmp_path)
    assert index.pages == 1
    assert index.folder == tmp_path / BUNDLE
    assert (tmp_path / BUNDLE / "pagefind.js").is_file()
    assert not (tmp_path / BUNDLE / "stale").exists()  # an index there before is replaced


def test_a_site_without_briefing_pages_is_an_error_naming_it(tmp_path: Path) -> None:
    with pytest.raises(BriefingError, match="pagefind failed") as raised:
        index_site(tmp_path)
    assert raised.value.path == str(tmp_path)


def test_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert capsys.readouterr().err.startswith("usage: python -m build_tools.search SITE_DIR")
    assert main([str(tmp_path)]) == 1
    assert capsys.readouterr().err.startswith(f"error: {tmp_path}: pagefind failed")
