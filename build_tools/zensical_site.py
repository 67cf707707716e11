"""The site built by Zensical, Material for MkDocs' successor: `make zensical`, or
`python -m build_tools.zensical_site [--seeds DIR] [--work DIR] [--site-dir DIR]`.

Zensical reads `mkdocs.yml` but runs no MkDocs plugin or hook, so on its own it would build
the hand-written pages without a single briefing. Here the pages are generated first, as
`build --out` writes them (with the site's address and name from `mkdocs.yml`, so the feed
is the one MkDocs publishes), the hand-written `docs/` are copied beside them, and Zensical
builds that folder with a copy of `mkdocs.yml` whose folders point there and which lists no
`briefings` plugin. The `zensical.toml` beside `mkdocs.yml`, which Zensical reads first,
names no real docs folder, so that `zensical build` run alone fails instead.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from build_tools import cli
from build_tools.errors import BriefingError

PLUGIN = "briefings"


def main(argv: Sequence[str] | None = None) -> int:
    """Generate the pages, put the docs beside them and run `zensical build`."""
    parser = argparse.ArgumentParser(
        prog="python -m build_tools.zensical_site",
        description="Build the site with Zensical from the generated pages plus docs/.",
    )
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="mkdocs.yml")
    parser.add_argument("--seeds", type=Path, default=Path("seeds"), help="seeds folder")
    parser.add_argument("--work", type=Path, default=Path("build/zensical"), help="work folder")
    parser.add_argument("--site-dir", type=Path, default=Path("site-zensical"), help="output")
    args = parser.parse_args(argv)
    try:
        return build(args.config, args.seeds, args.work, args.site_dir)
    except BriefingError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


def build(config_file: Path, seeds: Path, work: Path, site_dir: Path) -> int:
    """The steps of `main`; returns the exit status."""
    config = _read_config(config_file)
    docs = work / "docs"
    generate = ["-q", "build", "--strict", "--out", str(docs), "--seeds", str(seeds)]
    generate += ["--feed-title", str(config["site_name"])]
    if config.get("site_url"):
        generate += ["--site-url", str(config["site_url"])]
    status = cli.main(generate)
    if status != 0:
        return status
    _copy_docs(config_file.parent / str(config.get("docs_dir", "docs")), docs)
    zensical_config = work / "mkdocs.yml"
    zensical_config.write_text(
        yaml.safe_dump(
            zensical_settings(config, config_file.parent),
            sort_keys=False,
            allow_unicode=True,
        ),
        encoding="utf-8",
    )
    zensical = Path(sys.executable).with_name("zensical")
    if not zensical.is_file():
        raise BriefingError(str(zensical), "Zensical is not installed (make zensical installs it)")
    command = [str(zensical), "build", "--strict", "-f", str(zensical_config.resolve())]
    done = subprocess.run(command, cwd=work, check=False)
    if done.returncode != 0:
        return done.returncode
    built = work / "site"
    if not (built / "briefings" / "index.html").is_file():
        raise BriefingError(str(built), "Zensical built no briefing pages")
    _replace(site_dir, built)
    print(f"site built by Zensical in {site_dir}")
    return 0


def _replace(site_dir: Path, built: Path) -> None:
    """`built` moved to `site_dir`, the previous site there removed once it is in place."""
    old = site_dir.with_name(f".{site_dir.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    built.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)


def zensical_settings(config: dict[str, Any], project: Path) -> dict[str, Any]:
    """`mkdocs.yml`'s settings for a copy beside the generated docs: the docs folder is
    `docs` there and the output `site` (Zensical writes only under its configuration's
    folder), the theme's overrides those of `project`, and the `briefings` plugin is left
    out (its pages are in the folder already)."""
    settings = dict(config)
    settings["docs_dir"] = "docs"
    settings["site_dir"] = "site"
    theme = dict(settings.get("theme") or {})
    if theme.get("custom_dir"):
        theme["custom_dir"] = str((project / theme["custom_dir"]).resolve())
    settings["theme"] = theme
    plugins = settings.get("plugins") or []
    settings["plugins"] = [p for p in plugins if p != PLUGIN and not _is_plugin_entry(p)]
    settings.pop("hooks", None)
    return settings


def _is_plugin_entry(entry: object) -> bool:
    return isinstance(entry, dict) and PLUGIN in entry


def _read_config(path: Path) -> dict[str, Any]:
    try:
        config = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise BriefingError(str(path), f"cannot read the MkDocs configuration ({exc})") from None
    if not isinstance(config, dict) or "site_name" not in config:
        raise BriefingError(str(path), "not an MkDocs configuration (no site_name)")
    return config


def _copy_docs(source: Path, docs: Path) -> None:
    """The hand-written pages and assets beside the generated ones; one at a generated
    page's path is an error, as under MkDocs."""
    for path in sorted(source.rglob("*")):
        target = docs / path.relative_to(source)
        if path.is_dir():
            target.mkdir(parents=True, exist_ok=True)
            continue
        if target.exists():
            raise BriefingError(
                str(path), "a hand-written page has the path of a generated page; rename it"
            )
        shutil.copy2(path, target)


if __name__ == "__main__":
    sys.exit(main())
