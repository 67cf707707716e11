"""Search index: a built site in, Pagefind's chunked, static index out (`SITE/pagefind/`).

Pagefind (the binary of the `pagefind_bin` wheel) reads the briefing pages' HTML and writes
an index cut into chunks, so that a reader's browser downloads only the chunks a query
needs, whatever the number of briefings (Material's own search downloads one index of the
whole site first). Only the briefing pages are indexed: the lists and views repeat their
words, and would push every briefing down. On each page only the briefing's own words are
read (`EXCLUDED`); the filters and the date come from the hidden block
`render/search_fields.py` writes. Pagefind's page list is then made smaller
(`search_meta.py`), since a first search downloads it whole. The search box and the
results are the theme overrides' (`overrides/partials/briefings-search.html`,
`overrides/assets/javascripts/briefings-search.js`), which load Pagefind's own script from
the site, so no request leaves it.

Run by the MkDocs plugin at `on_post_build` (so by `make site`, `mkdocs build` and the Pages
workflow), or alone: `python -m build_tools.search SITE_DIR`.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from build_tools.errors import BriefingError
from build_tools.render.rendering import BRIEFINGS_DIR
from build_tools.search_meta import compact_page_names

BUNDLE = "pagefind"
"""The index's folder under the site folder (Pagefind's default, which its script expects)."""
ROOT_SELECTOR = "article.md-content__inner"
"""The part of a page that is indexed: Material's article, without header, navigation and
footer."""
EXCLUDED = ", ".join(
    [
        ".headerlink",  # the headings' permalinks (no words)
        ".admonition",  # the summary: sentences of the full text
        "ul",  # demands and proposals (phrases of the full text), links, related briefings
        "h2",  # the sections' headings, the same on every page
        ".briefing-meta strong",  # the metadata's labels (Author:, Date:, ...)
        ".briefing-meta a[href^='http']",  # the original's address
        ".briefing-meta code",  # the seed's file name
    ]
)
"""Parts of the article left out of the index. What stays is the briefing's own words:
its title, author, date and publication, the parties it names (the demands' and proposals'
headings) and its full text, each place of a word once. Left out is what repeats the full
text (the summary, the items and their source sentences, the links' sentences), what is
the same on every page, and what names other briefings (related briefings), which would
make a page a result for words it does not hold. A common word's part of the index, which
a query for it downloads whole, is so 40% smaller (at 10,000 briefings), and Pagefind
needs a quarter less memory. The full text is paragraphs and h3-h6 headings only, never a
list or an h2 (`render/rendering.py`, checked by tests/test_search_index.py), so that the
`ul` and `h2` here leave none of it out."""
_INDEXED = re.compile(r"Indexed (\d+) pages?")
ALLOCATOR_ENV = "_RJEM_MALLOC_CONF"
ALLOCATOR_SETTINGS = "dirty_decay_ms:0,muzzy_decay_ms:0"
"""The settings of the memory allocator built into the Pagefind binary (jemalloc, which
reads them from this variable): memory freed is given back to the system at once rather
than kept for ten seconds. Pagefind frees its copy of each page while it builds the index,
so its peak is 9% lower (about 1.9 GB instead of 2.1 GB at 10,000 briefings), with no
loss of time measured. A value set in the environment is used instead."""


@dataclass(frozen=True, slots=True)
class SearchIndex:
    """What one indexing run made."""

    folder: Path
    """The index's folder (`SITE/pagefind`)."""
    pages: int
    """Pages indexed."""
    seconds: float
    """Wall time of the run."""


def pagefind_executable() -> Path:
    """The Pagefind binary of the installed `pagefind_bin` wheel."""
    try:
        from pagefind_bin import get_executable  # type: ignore[import-untyped]
    except ImportError:
        raise BriefingError(
            "pagefind_bin",
            "not installed: install the package's dependencies (pip install 'pagefind[bin]', "
            "or make site)",
        ) from None
    try:
        return Path(get_executable())
    except FileNotFoundError as exc:
        raise BriefingError("pagefind_bin", f"the pagefind binary is missing: {exc}") from None


def briefing_pages_glob(path: str = "", directory_urls: bool = True) -> str:
    """The glob of the briefing pages' HTML under the site folder, for pages under `path`."""
    prefix = f"{path.strip('/')}/" if path.strip("/") else ""
    page = "*/index.html" if directory_urls else "*.html"
    return f"{prefix}{BRIEFINGS_DIR}/{page}"


def index_site(
    site_dir: Path, pages_glob: str | None = None, root_selector: str | None = ROOT_SELECTOR
) -> SearchIndex:
    """Index the briefing pages of the built site in `site_dir` into `site_dir/pagefind/`,
    replacing any index there; `root_selector` None reads each whole page (a theme other
    than Material). A failure is a `BriefingError` with Pagefind's message."""
    folder = site_dir / BUNDLE
    if folder.is_dir() and not folder.is_symlink():
        shutil.rmtree(folder)
    command = [
        str(pagefind_executable()),
        "--site",
        str(site_dir),
        "--output-subdir",
        BUNDLE,
        *(["--root-selector", root_selector] if root_selector else []),
        "--exclude-selectors",
        EXCLUDED,
        "--glob",
        pages_glob or briefing_pages_glob(),
    ]
    started = time.perf_counter()
    env = {**os.environ}
    env.setdefault(ALLOCATOR_ENV, ALLOCATOR_SETTINGS)
    result = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    if result.returncode != 0:
        message = (result.stderr.strip() or result.stdout.strip()).splitlines()[-3:]
        raise BriefingError(str(site_dir), f"pagefind failed: {' / '.join(message)}")
    compact_page_names(folder)
    seconds = time.perf_counter() - started
    found = _INDEXED.search(result.stdout)
    return SearchIndex(folder, int(found.group(1)) if found else 0, seconds)


def main(argv: list[str] | None = None) -> int:
    """`python -m build_tools.search SITE_DIR [GLOB]`: index a built site."""
    args = sys.argv[1:] if argv is None else argv
    if not 1 <= len(args) <= 2:
        print("usage: python -m build_tools.search SITE_DIR [GLOB]", file=sys.stderr)
        return 2
    try:
        index = index_site(Path(args[0]), args[1] if len(args) > 1 else None)
    except BriefingError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"indexed {index.pages} pages into {index.folder} in {index.seconds:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
