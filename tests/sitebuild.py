"""Build the MkDocs site into a temporary folder, for tests that check built pages.

The project's `mkdocs.yml` and `docs/` are copied next to a seeds folder of the test's
choosing, so a test never writes into the checkout.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from tests.conftest import ROOT


def prepare_project(dest: Path, seeds: list[Path] | Path) -> Path:
    """A copy of the site project in `dest` with the given seeds; returns its mkdocs.yml."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copytree(ROOT / "docs", dest / "docs", dirs_exist_ok=True)
    shutil.copytree(ROOT / "overrides", dest / "overrides", dirs_exist_ok=True)
    seeds_dir = dest / "seeds"
    if isinstance(seeds, Path):
        shutil.copytree(seeds, seeds_dir, dirs_exist_ok=True)
    else:
        seeds_dir.mkdir(exist_ok=True)
        for seed in seeds:
            shutil.copy(seed, seeds_dir / seed.name)
    # The briefings plugin comes from the package installed in the venv (editable: this
    # checkout's code); its seeds folder is seeds/ beside the copied mkdocs.yml.
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    return dest / "mkdocs.yml"


def run_mkdocs_build(config: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` on `config`; the result holds the exit status and output."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
    env.pop("BRIEFINGS_SEEDS", None)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), *extra],
        capture_output=True,
        text=True,
        env=env,
        cwd=config.parent,
        check=False,
    )


def build_site(dest: Path, seeds: list[Path] | Path) -> Path:
    """Build the site for `seeds` under `dest`; returns the site folder. Fails loudly."""
    config = prepare_project(dest, seeds)
    result = run_mkdocs_build(config)
    if result.returncode != 0:
        raise AssertionError(f"mkdocs build failed:\n{result.stdout}\n{result.stderr}")
    return dest / "site"


def plugin_names(config: dict) -> list[str]:
    """The names of the plugins a configuration lists (`- tags` or `- tags: {options}`)."""
    return [p if isinstance(p, str) else next(iter(p)) for p in config.get("plugins") or []]


def site_config() -> dict:
    """The project's mkdocs.yml, parsed (hook paths as written)."""
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
