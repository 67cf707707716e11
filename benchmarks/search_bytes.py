"""What a reader downloads to search: a built site served gzipped, searched in Chromium.

    python -m benchmarks.search_bytes SITE_DIR FIRST_QUERY LATER_QUERY

`GzipServer` serves a site folder on 127.0.0.1 as a static host does: text files (HTML,
CSS, JavaScript, JSON, SVG, XML) gzipped when the browser accepts it, Pagefind's own files
as they are (they are gzipped already), and keeps the bytes of each response body it sent.
`measure_search_bytes` opens the home page in a fresh browser context (empty cache), opens
the search with the `/` key, types a query and waits for the first result, then types
another: the bytes of each step are those the server sent for the requests Chromium made
during it. A first search is everything from opening the home page to the first result,
less the home page alone (an index fetched when a page loads counts), as issue 13 defines
it. Used by the browser tests (tests/browser/test_search_scale.py) and `make bench`.
"""

from __future__ import annotations

import gzip
import mimetypes
import sys
import threading
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlencode, urlsplit

HOST = "127.0.0.1"
COMPRESSED_TYPES = {".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".csv"}
"""Suffixes a static host serves gzipped (Pagefind's .pf_* and .pagefind files are gzip
inside already, and served as they are)."""
# Debian's Chromium, launched by Playwright (its own browser download cannot work here), for
# the benchmark and the browser tests alike. Without the background-networking flags Chromium
# contacts Google's hosts at start (and fails, on a machine that reaches only package
# registries); --no-sandbox because tests run as root. Playwright gives every launch a new,
# empty profile (user data dir) of its own.
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 60_000


class GzipServer(ThreadingHTTPServer):
    """A static server of one folder that gzips text and records the bytes it sent."""

    def __init__(self, folder: Path) -> None:
        super().__init__((HOST, 0), _Handler)
        self.folder = folder.resolve()
        self.sent: list[tuple[str, int]] = []
        """(path, bytes of the response body) of every response, in order."""
        self._bodies: dict[tuple[Path, bool], bytes] = {}
        self._lock = threading.Lock()

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.server_address[1]}/"

    def body(self, path: Path, compress: bool) -> bytes:
        key = (path, compress)
        with self._lock:
            if key not in self._bodies:
                data = path.read_bytes()
                self._bodies[key] = gzip.compress(data, 6, mtime=0) if compress else data
            return self._bodies[key]

    def record(self, path: str, size: int) -> None:
        with self._lock:
            self.sent.append((path, size))

    def bytes_since(self, mark: int) -> int:
        """Bytes of the response bodies sent since `len(self.sent)` was `mark`."""
        with self._lock:
            return sum(size for _, size in self.sent[mark:])


class _Handler(BaseHTTPRequestHandler):
    server: GzipServer

    def do_GET(self) -> None:
        url_path = unquote(urlsplit(self.path).path)
        target = (self.server.folder / url_path.lstrip("/")).resolve()
        if not target.is_relative_to(self.server.folder):
            self.send_error(404)
            return
        if target.is_dir():
            if not url_path.endswith("/"):
                self.send_response(301)
                self.send_header("Location", url_path + "/")
                self.end_headers()
                return
            target = target / "index.html"
        if not target.is_file():
            self.send_error(404)
            return
        compress = target.suffix in COMPRESSED_TYPES and "gzip" in self.headers.get(
            "Accept-Encoding", ""
        )
        body = self.server.body(target, compress)
        self.send_response(200)
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if target.suffix in (".js", ".mjs"):
            kind = "text/javascript"
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        if compress:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        self.wfile.write(body)
        self.server.record(url_path, len(body))

    def log_message(self, format: str, *args: Any) -> None:
        pass  # one line per request would bury the output


@contextmanager
def serve(folder: Path) -> Iterator[GzipServer]:
    """`folder` served gzipped on a free port of 127.0.0.1 while the block runs."""
    server = GzipServer(folder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


@dataclass(frozen=True, slots=True)
class SearchBytes:
    """Bytes (gzip as served) of the steps of a reader's visit."""

    home: int
    """Opening the home page, with everything it loads."""
    first_search: int
    """Opening the search, typing the first query, until its first result and all it
    loads (the home page not counted)."""
    later_query: int
    """A second query typed in the same box, until its first result."""
    first_paths: tuple[str, ...]
    """The paths the first search fetched."""
    every_part: int | None = None
    """What pressing "Search all N briefings" after the first query adds, until its results
    (a site indexed in parts, whose first query searched only some of them); None when it
    was not measured or the first query searched every part."""


def measure_search_bytes(
    browser: Any, server: GzipServer, first_query: str, later_query: str, every_part: bool = False
) -> SearchBytes:
    """The bytes of a fresh visit (new context: empty cache) that searches twice; with
    `every_part`, that presses "Search all N briefings" after the first query (when it is
    shown) before the second.

    `browser` is a Playwright Browser."""
    context = browser.new_context()
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page = context.new_page()
        start = len(server.sent)
        page.goto(server.base_url)
        page.wait_for_load_state("networkidle")
        home_end = len(server.sent)
        _search(page, first_query)
        first_end = len(server.sent)
        widened = _search_every_part(page) if every_part else False
        all_end = len(server.sent)
        _search(page, later_query)
        return SearchBytes(
            home=server.bytes_since(start) - server.bytes_since(home_end),
            first_search=server.bytes_since(home_end) - server.bytes_since(first_end),
            later_query=server.bytes_since(all_end),
            first_paths=tuple(path for path, _ in server.sent[home_end:first_end]),
            every_part=server.bytes_since(first_end) - server.bytes_since(all_end)
            if widened
            else None,
        )
    finally:
        context.close()


def _search_every_part(page: Any) -> bool:
    """Press "Search all N briefings" if the results offer it, and wait for the results of
    every part (the button hidden again, the status without "among the newest");
    whether it was there."""
    button = page.locator(".briefings-search__all")
    if not button.is_visible():
        return False
    button.click()
    page.wait_for_function(
        "() => { const s = document.querySelector('.briefings-search__status');"
        " return document.querySelector('.briefings-search__all').hidden"
        " && s.textContent && !s.textContent.includes('among the newest'); }"
    )
    page.wait_for_load_state("networkidle")
    return True


def _search(page: Any, query: str) -> None:
    """Type `query` and wait for its results (the dialog says which query they are for)."""
    box = page.locator("#briefings-search-query")
    if not box.is_visible():
        page.keyboard.press("/")
    box.fill(query)
    wanted = urlencode({"q": query})
    page.locator(f"#briefings-search[data-results-for='{wanted}']").wait_for(state="attached")
    page.wait_for_load_state("networkidle")


def measure_search_bytes_of_site(site: Path, first_query: str, later_query: str) -> SearchBytes:
    """`measure_search_bytes` on the site folder `site`, served and searched here."""
    return measure_visits(site, [(first_query, later_query)])[0]


def measure_visits(
    site: Path, visits: Sequence[tuple[str, str]], every_part: Collection[int] = ()
) -> list[SearchBytes]:
    """`measure_search_bytes` of each (first query, later query) of `visits` on the site
    folder `site`, served here, each in a fresh browser context (an empty cache); the
    visits numbered in `every_part` (from 0) also press "Search all N briefings" after the
    first query (so their later query searches every part)."""
    from playwright.sync_api import sync_playwright

    with serve(site) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            return [
                measure_search_bytes(browser, server, *visit, every_part=n in every_part)
                for n, visit in enumerate(visits)
            ]
        finally:
            browser.close()


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 3:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    measured = measure_search_bytes_of_site(Path(args[0]), args[1], args[2])
    print(f"home page: {measured.home / 1000:.1f} kB")
    print(
        f"first search: {measured.first_search / 1000:.1f} kB ({len(measured.first_paths)} files)"
    )
    print(f"later query: {measured.later_query / 1000:.1f} kB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
