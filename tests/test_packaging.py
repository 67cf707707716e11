"""Packaging: ranges in pyproject.toml, exact hash-locked sets in requirements/ that agree
with each other and with those ranges, and what the package installs."""

from __future__ import annotations

import re
import tomllib
from importlib.metadata import entry_points

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.conftest import ROOT

REQUIREMENTS = ROOT / "requirements"
PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^ ;\\]+)(?: ;[^\\]*)?(?: \\)?$")


def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def pins(name: str) -> dict[str, str]:
    """Package -> version of a requirement set; every pin must carry at least one hash."""
    lines = (REQUIREMENTS / name).read_text(encoding="utf-8").splitlines()
    found: dict[str, str] = {}
    for i, line in enumerate(lines):
        match = PIN.match(line)
        if not match:
            continue
        assert lines[i + 1].strip().startswith("--hash=sha256:"), f"{name}: {line} has no hash"
        found[canonicalize_name(match[1])] = match[2]
    assert found, f"{name} pins nothing"
    return found


@pytest.mark.parametrize("name", ["site.txt", "zensical.txt", "dev.txt"])
def test_every_set_is_exact_and_hashed(name: str) -> None:
    text = (REQUIREMENTS / name).read_text(encoding="utf-8")
    requirement_lines = [
        line for line in text.splitlines() if line and not line.startswith((" ", "#"))
    ]
    assert all(PIN.match(line) for line in requirement_lines), requirement_lines


@pytest.mark.parametrize("name", ["zensical.txt", "dev.txt"])
def test_larger_sets_keep_the_site_sets_versions(name: str) -> None:
    site, larger = pins("site.txt"), pins(name)
    assert {p: v for p, v in larger.items() if p in site} == site


def test_site_set_is_small() -> None:
    site = pins("site.txt")
    for tool in ("playwright", "mypy", "ruff", "pytest", "dask", "zensical"):
        assert tool not in site
    assert {"mkdocs", "mkdocs-material", "msgspec", "setuptools"} <= set(site)


def test_pins_satisfy_the_ranges_of_pyproject() -> None:
    project = pyproject()["project"]
    dev = pins("dev.txt")
    wanted = [*project["dependencies"]]
    for extra in project["optional-dependencies"].values():
        wanted += extra
    for text in wanted:
        requirement = Requirement(text)
        version = dev[canonicalize_name(requirement.name)]
        assert requirement.specifier.contains(version, prereleases=True), (text, version)
    for text in project["dependencies"]:
        requirement = Requirement(text)
        assert canonicalize_name(requirement.name) in pins("site.txt"), text


def test_ranges_not_exact_pins_in_pyproject() -> None:
    project = pyproject()["project"]
    for text in project["dependencies"]:
        assert "==" not in text, text


def test_dask_and_distributed_match() -> None:
    dev = pins("dev.txt")
    assert dev["dask"] == dev["distributed"]


def test_console_script_plugin_and_types_are_declared() -> None:
    config = pyproject()
    assert config["project"]["scripts"] == {"briefings": "build_tools.cli:main"}
    plugins = config["project"]["entry-points"]["mkdocs.plugins"]
    assert plugins == {"briefings": "build_tools.plugin:BriefingsPlugin"}
    assert "py.typed" in config["tool"]["setuptools"]["package-data"]["build_tools"]
    assert (ROOT / "build_tools" / "py.typed").is_file()
    (script,) = entry_points(group="console_scripts", name="briefings")
    assert script.value == "build_tools.cli:main"


def test_makefile_installs_with_hashes_and_site_needs_only_the_site_set() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "--require-hashes -r $(1)" in makefile
    assert "STAMP := $(VENV)/.site-installed" in makefile
    assert re.search(r"^site: \$\(STAMP\)$", makefile, re.MULTILINE)
    assert "NO_MKDOCS_2_WARNING" not in makefile, "Material's end-of-life notice is shown"
