"""The `briefings` MkDocs plugin: its options checked the MkDocs way, pages under a prefix,
home page and search switches, the feed's title, and a separate site built from the wheel."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from build_tools import plugin
from tests.conftest import ROOT, SEEDS

WEST = "briefings/how-the-west-should-negotiate-over-ukraine.md"


def load(tmp_path: Path, options: object, **extra: object) -> tuple[MkDocsConfig, list[str]]:
    """A validated MkDocs config listing the plugin with `options`, and its errors."""
    (tmp_path / "docs").mkdir(exist_ok=True)
    config = MkDocsConfig(config_file_path=str(tmp_path / "mkdocs.yml"))
    entry = {"briefings": options} if options is not None else "briefings"
    config.load_dict({"site_name": "Other site", "docs_dir": "docs", "plugins": [entry], **extra})
    errors, _warnings = config.validate()
    return config, [f"{key}: {error}" for key, error in errors]


def run_files(config: MkDocsConfig, files: Files | None = None) -> Files:
    """The plugin's on_config and on_files, as MkDocs runs them."""
    config = config.plugins.on_config(config)
    config.plugins._current_plugin = "briefings"
    briefings = config.plugins["briefings"]
    assert isinstance(briefings, plugin.BriefingsPlugin)
    return briefings.on_files(files or Files([]), config=config)


def test_the_plugin_is_registered_under_its_name() -> None:
    (entry,) = entry_points(group="mkdocs.plugins", name="briefings")
    assert entry.load() is plugin.BriefingsPlugin


def test_defaults_are_relative_to_mkdocs_yml(tmp_path: Path, monkeypatch) -> None:
    for name in (plugin.SEEDS_ENV, plugin.CACHE_ENV, plugin.JOBS_ENV):
        monkeypatch.delenv(name, raising=False)
    config, errors = load(tmp_path, None)
    assert errors == []
    config = config.plugins.on_config(config)
    settings = config.plugins["briefings"].settings
    assert settings == plugin.Settings(
        seeds_dir=tmp_path / "seeds",
        cache_dir=tmp_path / ".cache" / "briefings",
        jobs=0,
        path="",
        home=True,
        feed_title="Other site",
        search=True,
    )
    # The extensions the generated Markdown relies on are switched on.
    assert {"attr_list", "tables", "toc", "admonition", "pymdownx.details"} <= set(
        config.markdown_extensions
    )


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"jobs": -2}, "Plugin 'briefings' option 'jobs': expected a whole number >= 0, got -2"),
        ({"jobs": "many"}, "Plugin 'briefings' option 'jobs': Expected type: <class 'int'>"),
        ({"path": "../up"}, "Plugin 'briefings' option 'path': expected a folder under the docs"),
        ({"home": "perhaps"}, "Plugin 'briefings' option 'home': Expected type: <class 'bool'>"),
        (
            {"search_part_pages": 0},
            "Plugin 'briefings' option 'search_part_pages': expected a whole number >= 1, got 0",
        ),
    ],
)
def test_bad_options_are_mkdocs_config_errors(
    tmp_path: Path, options: dict[str, object], message: str
) -> None:
    _config, errors = load(tmp_path, options)
    assert len(errors) == 1
    assert message in errors[0], errors


def test_an_unknown_option_is_a_warning_that_strict_makes_fatal(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    config = MkDocsConfig(config_file_path=str(tmp_path / "mkdocs.yml"))
    config.load_dict({"site_name": "t", "plugins": [{"briefings": {"seed_dir": "x"}}]})
    _errors, warnings = config.validate()
    assert [str(w) for _key, w in warnings] == [
        "Plugin 'briefings' option 'seed_dir': Unrecognised configuration name: seed_dir"
    ]


def test_environment_overrides_the_options(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(plugin.SEEDS_ENV, str(SEEDS))
    monkeypatch.setenv(plugin.CACHE_ENV, "off")
    monkeypatch.setenv(plugin.JOBS_ENV, "1")
    config, errors = load(tmp_path, {"seeds_dir": "elsewhere", "jobs": 4})
    assert errors == []
    settings = config.plugins.on_config(config).plugins["briefings"].settings
    assert (settings.seeds_dir, settings.cache_dir, settings.jobs) == (SEEDS, None, 1)
    monkeypatch.setenv(plugin.JOBS_ENV, "lots")
    with pytest.raises(plugin.PluginError, match="BRIEFINGS_JOBS='lots'"):
        config.plugins.on_config(config)


def test_pages_go_under_the_prefix_beside_the_sites_own_home_page(
    tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv(plugin.SEEDS_ENV, str(SEEDS))
    monkeypatch.setenv(plugin.JOBS_ENV, "1")
    config, errors = load(
        tmp_path,
        {"path": "/news/", "home": False, "search": False, "cache": False},
        site_url="https://x.example/site/",
    )
    assert errors == []
    own = File("index.md", config.docs_dir, config.site_dir, config.use_directory_urls)
    files = run_files(config, Files([own]))
    paths = {f.src_uri for f in files}
    assert f"news/{WEST}" in paths
    assert "news/index.md" not in paths, "home: false makes no home page"
    assert "news/briefings/index.md" in paths
    assert files.get_file_from_path("index.md") is own
    page = files.get_file_from_path(f"news/{WEST}")
    assert page is not None
    assert page.content_string.startswith("---\nsearch:\n  exclude: true\ntitle: ")
    feed = files.get_file_from_path("news/downloads/feed.xml")
    assert feed is not None
    assert "<title>Other site</title>" in feed.content_string
    assert 'href="https://x.example/site/news/briefings/' in feed.content_string
    assert not (tmp_path / ".cache").exists(), "cache: false keeps no cache"


def test_home_page_links_the_about_page_only_where_the_site_has_one(
    tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv(plugin.SEEDS_ENV, str(SEEDS))
    monkeypatch.setenv(plugin.JOBS_ENV, "1")
    monkeypatch.setenv(plugin.CACHE_ENV, "off")
    config, _errors = load(tmp_path, {"path": "news", "feed_title": "Talks"})
    home = run_files(config).get_file_from_path("news/index.md")
    assert home is not None
    assert "about.md" not in home.content_string
    about = File("about.md", config.docs_dir, config.site_dir, config.use_directory_urls)
    home = run_files(config, Files([about])).get_file_from_path("news/index.md")
    assert home is not None
    assert "[how a briefing is made](../about.md)" in home.content_string


def test_a_hand_written_page_at_a_generated_path_is_an_error(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(plugin.SEEDS_ENV, str(SEEDS))
    monkeypatch.setenv(plugin.CACHE_ENV, "off")
    monkeypatch.setenv(plugin.JOBS_ENV, "1")
    config, _errors = load(tmp_path, {})
    own = File("index.md", config.docs_dir, config.site_dir, config.use_directory_urls)
    with pytest.raises(plugin.PluginError, match=r"docs/index.md: a hand-written page"):
        run_files(config, Files([own]))


OTHER_SITE = """\
site_name: Other site
site_url: https://other.example/
theme: mkdocs
plugins:
  - search
  - briefings:
      path: negotiations
      jobs: 1
"""


@pytest.mark.slow
def test_another_site_builds_with_the_plugin_from_the_wheel(tmp_path: Path) -> None:
    """A separate site with its own home page, the plugin installed from a wheel of this
    package (not the checkout), built with --strict."""
    wheels = tmp_path / "wheels"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--quiet"]
    subprocess.run(
        [*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(wheels), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = wheels.glob("negotiation_briefings-*.whl")
    installed = tmp_path / "installed"
    subprocess.run(
        [*pip, "install", "--no-deps", "--target", str(installed), str(wheel)], check=True
    )
    site = tmp_path / "other"
    (site / "docs").mkdir(parents=True)
    (site / "docs" / "index.md").write_text("# Our own home page\n", encoding="utf-8")
    (site / "mkdocs.yml").write_text(OTHER_SITE, encoding="utf-8")
    shutil.copytree(SEEDS, site / "seeds")
    env = {**os.environ, "PYTHONPATH": str(installed), "NO_MKDOCS_2_WARNING": "1"}
    for name in (plugin.SEEDS_ENV, plugin.CACHE_ENV, plugin.JOBS_ENV):
        env.pop(name, None)

    where = subprocess.run(
        [sys.executable, "-c", "import build_tools.plugin as p; print(p.__file__)"],
        cwd=site,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert where.stdout.startswith(str(installed)), "the plugin comes from the wheel"
    assert (installed / "build_tools" / "py.typed").is_file()
    assert (installed / "build_tools" / "rules" / "cues.yml").is_file()
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=site,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    assert "Briefings: 2 made from" in built.stderr
    out = site / "site"
    assert "Our own home page" in (out / "index.html").read_text(encoding="utf-8")
    briefing = out / "negotiations" / WEST.removesuffix(".md") / "index.html"
    assert "How the West Should Negotiate" in briefing.read_text(encoding="utf-8")
    assert (out / "negotiations" / "index.html").is_file()
    feed = (out / "negotiations" / "downloads" / "feed.xml").read_text(encoding="utf-8")
    assert "<title>Other site</title>" in feed
    assert "https://other.example/negotiations/briefings/" in feed
    # The site lists MkDocs' own search plugin: that is its search, and no Pagefind index.
    assert (out / "search" / "search_index.json").is_file()
    assert not (out / "pagefind").exists()


def test_serve_watches_the_configured_seeds_and_the_rules(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv(plugin.SEEDS_ENV, raising=False)
    config, _errors = load(tmp_path, {"seeds_dir": "articles"})
    config = config.plugins.on_config(config)
    watched: list[str] = []

    class Server:
        def watch(self, path: str) -> None:
            watched.append(path)

    config.plugins["briefings"].on_serve(Server(), config=config, builder=None)
    assert watched == [str(tmp_path / "articles"), str(ROOT / "build_tools" / "rules")]


def test_only_the_plugin_the_hook_and_the_render_workers_import_mkdocs() -> None:
    importers = sorted(
        str(path.relative_to(ROOT))
        for path in (ROOT / "build_tools").rglob("*.py")
        if re.search(r"^\s*(from|import) mkdocs\b", path.read_text(encoding="utf-8"), re.M)
    )
    assert importers == [
        "build_tools/hook.py",
        "build_tools/plugin.py",
        "build_tools/prerender.py",
    ]
