"""Read the Pagefind index of a built site (build_tools/search.py), for tests.

Pagefind writes each page's record (url, content, filters, meta) as a gzipped JSON
"fragment" after a signature; the browser reads the same bytes.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

SIGNATURE = b"pagefind_dcd"


def fragments(site: Path, bundle: str = "pagefind") -> list[dict[str, Any]]:
    """Every page record of the site's index (of its first part, for an index in parts; of
    another with `bundle`), in file-name order (the fragments are in a folder of their
    build: build_tools/search_meta.py)."""
    out = []
    for path in sorted((site / bundle / "fragment").rglob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(SIGNATURE), path
        out.append(json.loads(data[len(SIGNATURE) :]))
    return out


def page_count(site: Path) -> int:
    """Pages indexed, as the index's entry file says."""
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sum(int(language["page_count"]) for language in entry["languages"].values())
