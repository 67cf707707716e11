"""Search index: a built site in, Pagefind's chunked, static index out (`SITE/pagefind/`).

Pagefind (the binary of the `pagefind_bin` wheel) reads the briefing pages' HTML and writes
an index cut into chunks, so that a reader's browser downloads only the chunks a query
needs, whatever the number of briefings (Material's own search downloads one index of the
whole site first). Only the briefing pages are indexed: the lists and views repeat their
words, and would push every briefing down. On each page only the briefing's own words are
read (`EXCLUDED`); the filters and the date come from the hidden block
`render/search_fields.py` writes. Pagefind's page list is then made smaller
(`search_meta.py`), since a first search downloads it whole. A site of more than
`PART_PAGES` briefing pages is indexed in parts, newest briefings first, which the search
script searches the newest first and merges as a query needs them. The search
box and the results are the theme overrides' (`overrides/partials/briefings-search.html`,
`overrides/assets/javascripts/briefings-search.js`), which load Pagefind's own script from
the site, so no request leaves it.

Run by the MkDocs plugin at `on_post_build` (so by `make site`, `mkdocs build` and the Pages
workflow), or alone: `python -m build_tools.search SITE_DIR`.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from build_tools.errors import BriefingError
from build_tools.render.rendering import BRIEFINGS_DIR
from build_tools.search_meta import ENTRY, compact_page_names

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


PART_PAGES = 2000
"""Pages of one part of the index at most. A larger site is indexed in parts of nearly equal
size, newest briefings first (by the date of their search fields, `render/search_fields.py`),
one Pagefind run after another, each a bundle of its own. The search script searches the
first part (the newest briefings) alone, and merges the next parts into it (Pagefind's
`mergeIndex`) only when its results are fewer than a page of them, or when the reader asks
for every briefing or opens the filters. A first search so downloads the page list and the
query's chunks of one part, whatever the size of the site (the page list and a common word's
chunks grow with the pages of the index searched: 297 kB for *ukraine* at 10,000 briefings
in one index, 153 kB in parts of 2,000); a word of fewer than ten briefings downloads a page
list and a chunk of every part (192 kB at 10,000; 233 kB in parts of 1,000, whose first
search is 14 kB smaller). Each part's pages are ranked by its own word counts, which differ
little between parts of thousands of pages. Pagefind's memory also grows with the words of
one run (about 0.19 MB a briefing page), which parts keep under 0.4 GB at any size."""
INDEX_CHUNK_SIZE = 5000
"""Word places in one chunk of Pagefind's index (Pagefind's default: 20,000), given to it in
the environment variable it reads (`PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE`). A query downloads
the whole chunk of each of its words in each part it searches, the words around them
included: smaller chunks cut a rare word's search at 10,000 briefings from 257 kB to 192 kB
and a later query's from 39 kB to 29 kB, for a few more chunks in the page list. A value set
in the environment is used instead."""
CHUNK_SIZE_ENV = "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE"
PARTS_FILE = "briefings-parts.json"
"""In the first bundle: the other bundles' folders, relative to it, in the order the search
script merges them (older briefings each), the briefing pages of each bundle, the first's
included, and the filter the script leaves out of every search (`{"parts": ["parts/2/"],
"pages": [2000, 1999], "not": {"kind": "vocabulary"}}`, `VOCABULARY`); `{"parts": [],
"pages": [N]}` for a site indexed in one run."""
PARTS_DIR = "parts"
VOCABULARY = "search-vocabulary"
"""The page each part of a site indexed in parts gets besides its briefings: the words of the
site's articles that its own pages lack, so that each part's index holds every word. A query
for a word another part has no page with would otherwise make Pagefind fall back, in that
part, to the longest word of its index the query starts with ("quillwort" to "q"), and list
that part's pages for it. The page has the filter `VOCABULARY_FILTER`, which the search
script leaves out of every search of a site in parts; it is in no part's count of pages."""
VOCABULARY_FILTER = ("kind", "vocabulary")
_ARTICLE_START = re.compile(r"<article\b[^>]*\bmd-content__inner\b[^>]*>")
_TAG = re.compile(r"<[^>]+>")
_PUNCTUATION = ".,;:!?\"'“”‘’()[]{}«»…–—-"


@dataclass(frozen=True, slots=True)
class SearchIndex:
    """What one indexing run made."""

    folder: Path
    """The index's folder (`SITE/pagefind`)."""
    pages: int
    """Pages indexed."""
    seconds: float
    """Wall time of the run."""
    parts: int = 1
    """Bundles the index is made of (`PART_PAGES`)."""


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
    site_dir: Path,
    pages_glob: str | None = None,
    root_selector: str | None = ROOT_SELECTOR,
    part_pages: int = PART_PAGES,
) -> SearchIndex:
    """Index the briefing pages of the built site in `site_dir` into `site_dir/pagefind/`,
    replacing any index there; `root_selector` None reads each whole page (a theme other
    than Material). More than `part_pages` pages are indexed in parts (`PART_PAGES`). A
    failure is a `BriefingError` with Pagefind's message."""
    folder = site_dir / BUNDLE
    if folder.is_dir() and not folder.is_symlink():
        shutil.rmtree(folder)
    glob = pages_glob or briefing_pages_glob()
    started = time.perf_counter()
    pages = sorted(p for p in site_dir.glob(glob) if p.is_file())
    count = -(-len(pages) // max(part_pages, 1))
    if count <= 1:
        indexed = _run_pagefind(site_dir, folder, glob, root_selector, site_dir)
        parts: list[str] = []
        sizes = [indexed]
    else:
        indexed = 0
        parts = [f"{PARTS_DIR}/{n}/" for n in range(2, count + 1)]
        pages = newest_first(pages)
        shares = [
            pages[n * len(pages) // count : (n + 1) * len(pages) // count] for n in range(count)
        ]
        sizes = [len(share) for share in shares]
        words = [site_words(share, whole=root_selector is None) for share in shares]
        for n, share in enumerate(shares):
            bundle = folder if n == 0 else folder / parts[n - 1]
            with _part_of(site_dir, share) as part_site:
                extra = part_site / glob.replace("*", VOCABULARY, 1)
                extra.parent.mkdir(parents=True, exist_ok=True)
                extra.write_text(_vocabulary_page(_missing(words, n)), encoding="utf-8")
                indexed += _run_pagefind(part_site, bundle, glob, root_selector, site_dir) - 1
    for bundle in [folder, *(folder / part for part in parts)]:
        compact_page_names(bundle)
    for part in parts:
        _drop_scripts(folder / part)
    listing: dict[str, object] = {"parts": parts, "pages": sizes}
    if parts:
        listing["not"] = dict([VOCABULARY_FILTER])
    (folder / PARTS_FILE).write_text(json.dumps(listing), encoding="utf-8")
    seconds = time.perf_counter() - started
    return SearchIndex(folder, indexed, seconds, max(count, 1))


_DATE = re.compile(r'<span data-pagefind-meta="date">([^<]*)</span>')


def newest_first(pages: list[Path]) -> list[Path]:
    """`pages` by the date of their search fields, newest first (ISO dates, compared as
    text: "2024-05" before "2024-04-30"); pages without one last, each group in the order
    given."""
    dated: list[tuple[str, int, Path]] = []
    undated: list[Path] = []
    for n, page in enumerate(pages):
        found = _DATE.search(_tail(page)) or _DATE.search(
            page.read_text(encoding="utf-8", errors="replace")
        )
        if found and found.group(1).strip():
            dated.append((html.unescape(found.group(1).strip()), -n, page))
        else:
            undated.append(page)
    dated.sort(reverse=True)
    return [page for _, _, page in dated] + undated


def _tail(page: Path, size: int = 16_384) -> str:
    """The last `size` bytes of a page as text: where its search fields stand (the foot of
    the article), without reading the whole page."""
    with page.open("rb") as f:
        f.seek(max(0, page.stat().st_size - size))
        return f.read().decode("utf-8", errors="replace")


def _run_pagefind(
    site_dir: Path, bundle: Path, glob: str, root_selector: str | None, site: Path
) -> int:
    """One run of Pagefind over the pages of `site_dir` (the site, or a part of it) matching
    `glob`, written to `bundle`; the pages it indexed. A failure names `site`."""
    command = [
        str(pagefind_executable()),
        "--site",
        str(site_dir),
        "--output-path",
        str(bundle),
        *(["--root-selector", root_selector] if root_selector else []),
        "--exclude-selectors",
        EXCLUDED,
        "--glob",
        glob,
    ]
    env = {**os.environ}
    env.setdefault(ALLOCATOR_ENV, ALLOCATOR_SETTINGS)
    env.setdefault(CHUNK_SIZE_ENV, str(INDEX_CHUNK_SIZE))
    result = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    if result.returncode != 0:
        message = (result.stderr.strip() or result.stdout.strip()).splitlines()[-3:]
        raise BriefingError(str(site), f"pagefind failed: {' / '.join(message)}")
    found = _INDEXED.search(result.stdout)
    return int(found.group(1)) if found else 0


def site_words(pages: list[Path], whole: bool = False) -> list[str]:
    """The words of the pages' articles (of the whole pages with `whole`), each once, in the
    order first met: white-space separated as they stand, so that Pagefind splits and stems
    them as it does the pages'."""
    seen: dict[str, None] = {}
    for page in pages:
        text = page.read_text(encoding="utf-8", errors="replace")
        start = _ARTICLE_START.search(text)
        if start is not None and not whole:
            text = text[start.end() : text.find("</article>", start.end())]
        for word in html.unescape(_TAG.sub(" ", text)).split():
            seen.setdefault(word, None)
    return list(seen)


def _missing(words: list[list[str]], n: int) -> list[str]:
    """The words of the other parts that part `n` lacks, as the pages write them; a word is
    compared without case and the punctuation around it ("Ukraine," is "ukraine"), so that a
    word every part holds adds nothing to a query's part of the index."""
    own = {_key(w) for w in words[n]}
    missing: dict[str, str] = {}
    for other, part in enumerate(words):
        if other != n:
            for word in part:
                key = _key(word)
                if key not in own:
                    missing.setdefault(key, word)
    return list(missing.values())


def _key(word: str) -> str:
    return word.strip(_PUNCTUATION).lower()


def _vocabulary_page(words: list[str]) -> str:
    """The page that puts `words` in a part's index (`VOCABULARY`), under its filter."""
    key, value = VOCABULARY_FILTER
    # (its own name too, so that the page has a word and is indexed, and counted, in any case)
    body = html.escape(" ".join([VOCABULARY, *words]))
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>words</title></head>'
        f'<body><article class="md-content__inner" data-pagefind-filter="{key}:{value}">'
        f"<p>{body}</p></article></body></html>\n"
    )


def _drop_scripts(bundle: Path) -> None:
    """Leave in a bundle merged into the first only its index: the first bundle's script and
    WebAssembly search them all."""
    for path in bundle.iterdir():
        if path.is_file() and path.name != ENTRY and path.suffix != ".pf_meta":
            path.unlink()


@contextmanager
def _part_of(site_dir: Path, pages: list[Path]) -> Iterator[Path]:
    """A folder beside `site_dir` holding `pages` alone, at the same paths under it (hard
    links, else copies), so that Pagefind gives them the same addresses; removed after."""
    try:
        where = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-part-", dir=site_dir.parent))
    except OSError as exc:
        raise BriefingError(
            str(site_dir.parent), f"cannot index the site in parts ({exc})"
        ) from None
    try:
        for page in pages:
            target = where / page.relative_to(site_dir)
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                try:
                    os.link(page, target)
                except OSError:
                    shutil.copyfile(page, target)
            except OSError as exc:
                raise BriefingError(str(where), f"cannot index the site in parts ({exc})") from None
        yield where
    finally:
        shutil.rmtree(where, ignore_errors=True)


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
