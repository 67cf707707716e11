"""Regenerate the golden files after an intended change: `make golden`.

For every public seed, writes the generated briefing page to `tests/golden/NAME.md` and the
extracted record to `tests/golden/NAME.json`. Review `git diff tests/golden` before committing.
"""

from __future__ import annotations

import json

from build_tools.briefing import briefing_from_path, briefing_to_dict
from build_tools.render.rendering import render_briefing
from tests.conftest import ROOT, SEEDS

GOLDEN = ROOT / "tests" / "golden"


def expected_outputs() -> dict[str, str]:
    """File name under tests/golden -> its expected content."""
    out = {}
    for seed in sorted(SEEDS.glob("*.txt")):
        b = briefing_from_path(seed)
        out[f"{seed.stem}.md"] = render_briefing(b)
        out[f"{seed.stem}.json"] = (
            json.dumps(briefing_to_dict(b), ensure_ascii=False, indent=2) + "\n"
        )
    return out


def main() -> None:
    GOLDEN.mkdir(exist_ok=True)
    for name, text in expected_outputs().items():
        (GOLDEN / name).write_text(text, encoding="utf-8")
        print(f"wrote tests/golden/{name}")


if __name__ == "__main__":
    main()
