"""Golden files: the generated page and record of each public seed, as committed.

A difference means the output changed. If the change is intended, run `make golden` and
review `git diff tests/golden`.
"""

from __future__ import annotations

import pytest

from tests.regenerate import GOLDEN, expected_outputs

EXPECTED = expected_outputs()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_output_matches_golden_file(name: str) -> None:
    path = GOLDEN / name
    assert path.exists(), f"tests/golden/{name} is missing: run `make golden`"
    assert EXPECTED[name] == path.read_text(encoding="utf-8"), (
        f"tests/golden/{name} differs from the output: run `make golden` if intended"
    )
