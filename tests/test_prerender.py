"""Generated pages rendered by worker processes (build_tools/prerender.py): the site is the
same bytes as when MkDocs renders every page itself; a page whose Markdown a plugin or hook
changed is rendered by MkDocs; what a worker logged is logged again in the build."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from build_tools import prerender
from build_tools.plugin import BriefingsPlugin
from tests.conftest import SEEDS
from tests.sitebuild import prepare_project

pytestmark = pytest.mark.slow

HOOK = """
def on_page_markdown(markdown, page, **kwargs):
    if page.file.src_uri == "topics.md":
        return markdown + "\\n\\nA line a hook added.\\n"
    return markdown
"""


def build_in_process(
    config_file: Path, monkeypatch: pytest.MonkeyPatch, jobs: str, hook: bool = False
) -> tuple[dict[str, bytes], BriefingsPlugin]:
    """Build the project of `config_file` in this process with BRIEFINGS_JOBS=`jobs`; the
    site's files (but the search index, which Pagefind does not write the same twice) and
    the plugin."""
    monkeypatch.setenv("BRIEFINGS_JOBS", jobs)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.setenv("BRIEFINGS_CACHE", "off")
    if hook:
        (config_file.parent / "hook.py").write_text(HOOK, encoding="utf-8")
        config_file.write_text(
            config_file.read_text(encoding="utf-8") + "\nhooks:\n  - hook.py\n", encoding="utf-8"
        )
    config = load_config(str(config_file))
    # As `mkdocs build` does; MkDocs keeps plugins with `on_startup` between the configs a
    # process loads, so a test that ran `mkdocs serve --dirty` before would leave it dirty.
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    plugin = config.plugins["briefings"]
    assert isinstance(plugin, BriefingsPlugin)
    site = Path(config.site_dir)
    files = {
        str(p.relative_to(site)): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file() and not p.relative_to(site).as_posix().startswith("pagefind/")
    }
    return files, plugin


def test_the_workers_pages_are_the_same_bytes_as_mkdocs_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeds = sorted(SEEDS.glob("*.txt"))
    monkeypatch.setattr(prerender, "MIN_PAGES", 0)
    alone, plugin = build_in_process(prepare_project(tmp_path / "a", seeds), monkeypatch, "1")
    assert plugin.prerendered == 0  # one job: MkDocs renders every page
    shared, plugin = build_in_process(prepare_project(tmp_path / "b", seeds), monkeypatch, "2")
    assert plugin.prerendered == len(plugin.generated) > 30
    assert shared.keys() == alone.keys()
    assert [p for p in alone if shared[p] != alone[p]] == []


def test_a_page_a_hook_changed_is_rendered_by_mkdocs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(prerender, "MIN_PAGES", 0)
    config_file = prepare_project(tmp_path, sorted(SEEDS.glob("*.txt")))
    files, plugin = build_in_process(config_file, monkeypatch, "2", hook=True)
    assert b"A line a hook added." in files["topics/index.html"]
    assert plugin.prerendered == len(plugin.generated) - 1


def test_what_a_worker_logged_is_logged_again(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config = load_config(str(Path(__file__).resolve().parent.parent / "mkdocs.yml"))
    files = Files([])
    page = Page(None, File("x.md", str(tmp_path), str(tmp_path / "site"), True), config)
    record = ("mkdocs.structure.pages", logging.WARNING, "Doc file 'x.md' contains a link")
    result = prerender.Rendered(
        digest=prerender._digest("# X\n"),
        content="<h1>X</h1>",
        toc=get_toc([]),
        title="X",
        anchors=set(),
        links_to_anchors={"missing.md": {"a": "missing.md#a"}},
        records=[record],
    )
    with caplog.at_level(logging.INFO):
        prerender._apply(page, result, files)
    assert (record[0], record[1], record[2]) in [
        (r.name, r.levelno, r.getMessage()) for r in caplog.records
    ]
    assert page.content == "<h1>X</h1>"
    assert page.links_to_anchors == {}  # a page not among the files is not linked
