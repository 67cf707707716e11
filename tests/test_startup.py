"""What `build --out` loads when it starts: the command run after every edit of a seed
imports only what a build uses (issue 13: a rebuild after one seed changed takes at most a
tenth of a whole build, process start included)."""

from __future__ import annotations

import json
import subprocess
import sys
from xml.sax.saxutils import escape, quoteattr

import pytest

from build_tools.render import downloads
from tests.conftest import ROOT

# Modules a build has no use for: the installed version (`--version`), `check`, `evaluate`,
# and `xml.sax.saxutils`, whose `urllib.request` brings `http`, `ssl` and `email`.
NOT_LOADED = (
    "importlib.metadata",
    "build_tools.checking",
    "build_tools.evaluate.evaluation",
    "xml.sax.saxutils",
    "urllib.request",
    "ssl",
)

PROBE = """
import json, sys
from build_tools import cli
cli.main(["-q", "build", "--seeds", sys.argv[1], "--out", sys.argv[2], "--no-cache"])
print(json.dumps(sorted(sys.modules)))
"""


def test_a_build_loads_no_module_it_does_not_use(tmp_path) -> None:
    seeds = ROOT / "seeds"
    run = [sys.executable, "-c", PROBE, str(seeds), str(tmp_path / "out")]
    result = subprocess.run(run, cwd=ROOT, capture_output=True, text=True, check=True)
    loaded = set(json.loads(result.stdout.strip().splitlines()[-1]))
    assert "build_tools.render.pages" in loaded
    assert sorted(loaded.intersection(NOT_LOADED)) == []


@pytest.mark.parametrize(
    "text",
    [
        "",
        "plain",
        "A & B <c> d",
        'say "no"',
        "it's",
        """both ' and " here""",
        "tab\there\nnew line\r\n&amp; already",
        "https://example.org/?a=1&b=<2>#'\"",
    ],
)
def test_the_feeds_escapes_are_those_of_saxutils(text: str) -> None:
    assert downloads._escape(text) == escape(text)
    assert downloads._quoteattr(text) == quoteattr(text)
