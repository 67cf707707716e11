"""Zensical as a second target: `make zensical` (build_tools.zensical_site) builds every page
from the generated pages plus docs/, with the data files MkDocs publishes; Zensical run
alone on the project fails instead of publishing a site without briefings."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from build_tools import zensical_site
from tests.conftest import ROOT, SEEDS
from tests.sitebuild import build_site, plugin_names, site_config

pytestmark = pytest.mark.slow
ZENSICAL = Path(sys.executable).with_name("zensical")
needs_zensical = pytest.mark.skipif(not ZENSICAL.is_file(), reason="Zensical not installed")


def html_pages(site: Path) -> set[str]:
    return {str(p.relative_to(site)) for p in site.rglob("*.html")}


@needs_zensical
def test_zensical_builds_the_pages_mkdocs_builds(tmp_path: Path) -> None:
    site = tmp_path / "zensical-site"
    argv = ["--config", str(ROOT / "mkdocs.yml"), "--seeds", str(SEEDS)]
    argv += ["--work", str(tmp_path / "work"), "--site-dir", str(site)]
    assert zensical_site.main(argv) == 0
    mkdocs_site = build_site(tmp_path / "mkdocs", SEEDS)
    assert html_pages(site) == html_pages(mkdocs_site)
    assert len([p for p in html_pages(site) if p.startswith("briefings/")]) == 3
    # The data files, the feed with its absolute links and ids included, are the same bytes.
    downloads = sorted(p.name for p in (mkdocs_site / "downloads").iterdir() if p.suffix != ".html")
    assert "feed.xml" in downloads
    for name in downloads:
        assert (site / "downloads" / name).read_bytes() == (
            mkdocs_site / "downloads" / name
        ).read_bytes(), name
    # Topic tags and paragraph anchors survive.
    page = next((site / "briefings").glob("how-the-west-*/index.html")).read_text("utf-8")
    assert 'id="p-3"' in page
    assert "md-tag" in page


@needs_zensical
def test_zensical_alone_fails_instead_of_building_no_briefings(tmp_path: Path) -> None:
    for name in ("mkdocs.yml", "zensical.toml"):
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    shutil.copytree(ROOT / "overrides", tmp_path / "overrides")
    result = subprocess.run(
        [str(ZENSICAL), "build"], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert "run make zensical, which generates the pages first" in result.stdout + result.stderr
    assert not (tmp_path / "site").exists()


def test_zensical_settings_drop_the_plugin_and_point_at_the_generated_docs() -> None:
    settings = zensical_site.zensical_settings(site_config(), ROOT)
    assert settings["docs_dir"] == "docs"
    assert settings["site_dir"] == "site"
    assert settings["theme"]["custom_dir"] == str(ROOT / "overrides")
    assert "briefings" not in plugin_names(settings)
    assert "tags" in plugin_names(settings)
