"""The MkDocs hook on its own: pages added in memory, seeds watched by `mkdocs serve`."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from build_tools import hook
from tests.conftest import ROOT, SEEDS


def config_for(tmp_path: Path) -> MkDocsConfig:
    config = MkDocsConfig(config_file_path=str(tmp_path / "mkdocs.yml"))
    config.load_dict({"site_name": "t", "docs_dir": str(tmp_path / "docs")})
    (tmp_path / "docs").mkdir(exist_ok=True)
    errors, _warnings = config.validate()
    assert not errors, errors
    return config


def test_seeds_default_to_the_folder_beside_mkdocs_yml(tmp_path: Path) -> None:
    config = config_for(tmp_path)
    assert hook.seeds_dir(config) == tmp_path / "seeds"


def test_on_files_adds_generated_pages_without_writing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(hook.SEEDS_ENV, str(SEEDS))
    config = config_for(tmp_path)
    # MkDocs sets this while it runs a plugin's or hook's event; File.generated reads it.
    config.plugins._current_plugin = "hook"
    files = hook.on_files(Files([]), config)
    paths = {f.src_uri for f in files}
    assert "index.md" in paths
    assert "briefings/how-the-west-should-negotiate-over-ukraine.md" in paths
    assert list((tmp_path / "docs").iterdir()) == []


def test_serve_watches_seeds_and_rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(hook.SEEDS_ENV, str(SEEDS))
    watched: list[str] = []

    class Server:
        def watch(self, path: str) -> None:
            watched.append(path)

    hook.on_serve(Server(), config_for(tmp_path), builder=None)
    assert str(SEEDS) in watched
    assert str(ROOT / "build_tools" / "rules") in watched
