"""Shared paths and loaders for the test suite."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = ROOT / "tests" / "gold"
CASES = ROOT / "tests" / "cases"

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def load_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def gold_pairs() -> list[tuple[Path, Path]]:
    """(seed, gold) for every gold file of the public seeds."""
    return [(SEEDS / f"{g.stem}.txt", g) for g in sorted(GOLD.glob("*.yml"))]


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT
