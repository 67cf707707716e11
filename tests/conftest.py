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


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "redteam: hostile and pathological input (issue 15); make redteam runs them"
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Browser tests run last: the rest reports first, and runs in a process where no
    server or browser thread from a session fixture is alive yet."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)
