"""Extraction is finished before rendering: `build_tools/render/` imports nothing from
`build_tools/extract/` or `build_tools/clean/`, so pages, `briefings.json` and the CSV files
can only show facts the records carry (item topics, party kinds, dated sentences)."""

from __future__ import annotations

import ast

import pytest

from tests.conftest import ROOT

RENDER = ROOT / "build_tools" / "render"
FORBIDDEN = ("build_tools.extract", "build_tools.clean")


def imported_modules(tree: ast.AST) -> list[str]:
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
            names += [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
    return names


@pytest.mark.parametrize(
    "path", sorted(RENDER.rglob("*.py")), ids=lambda p: str(p.relative_to(RENDER))
)
def test_render_imports_nothing_from_extract_or_clean(path: object) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))  # type: ignore[attr-defined]
    bad = [
        name
        for name in imported_modules(tree)
        if name.startswith(FORBIDDEN) or name in ("build_tools.extract", "build_tools.clean")
    ]
    # `from build_tools import extract` would name the package itself.
    bad += [
        f"build_tools.{alias.name}"
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "build_tools"
        for alias in node.names
        if alias.name in ("extract", "clean")
    ]
    assert bad == [], f"{path}: {bad}"


def test_the_check_sees_the_render_modules() -> None:
    assert len(list(RENDER.rglob("*.py"))) >= 15
