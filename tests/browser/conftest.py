"""Fixtures of the browser tests: one built site, one server and one Chromium per session.

The site is built with `mkdocs build --strict` into a temporary folder from the public seeds
plus the hostile seeds of `tests/browser/seeds/`, served by `http.server` from a thread on
127.0.0.1, and read by Debian's Chromium driven through Playwright. `make browser-deps`
installs Chromium and axe-core; these tests fail, never skip, when either is missing.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from benchmarks.search_bytes import CHROMIUM, CHROMIUM_ARGS
from build_tools.corpus import load_corpus
from build_tools.records import Briefing
from tests.browser.browsing import LOCAL_HOST, Traffic
from tests.conftest import ROOT, SEEDS
from tests.sitebuild import build_site

# How long a step may wait for the page (a click, an expectation) before it fails: generous,
# for a busy machine; a passing run waits far less.
TIMEOUT_MS = 10_000
expect.set_options(timeout=TIMEOUT_MS)
HOSTILE_SEEDS = ROOT / "tests" / "browser" / "seeds"
SEED_FILES = sorted([*SEEDS.glob("*.txt"), *HOSTILE_SEEDS.glob("*.txt")])
SEED_NAMES = [p.name for p in SEED_FILES]
HOSTILE_NAMES = [p.name for p in sorted(HOSTILE_SEEDS.glob("*.txt"))]


@pytest.fixture(scope="session")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("browser-site")


@pytest.fixture(scope="session")
def site(project: Path) -> Path:
    """The built site of every public and hostile seed."""
    return build_site(project, SEED_FILES)


@pytest.fixture(scope="session")
def briefings(site: Path, project: Path) -> dict[str, Briefing]:
    """The briefing records behind the built site, by seed file name."""
    corpus = load_corpus(project / "seeds")
    assert not corpus.errors, corpus.errors
    return {b.source: b for b in corpus.briefings}


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass  # one line per request would bury pytest's report


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    """The site's address, served from this process on a free port of 127.0.0.1."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = ThreadingHTTPServer((LOCAL_HOST, 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://{LOCAL_HOST}:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser-deps` (or `make test`)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def traffic() -> Traffic:
    return Traffic()


@pytest.fixture
def page(browser: Browser, traffic: Traffic) -> Iterator[Page]:
    """A new page in a new context (no storage shared between tests), its traffic recorded."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    traffic.watch(page)
    yield page
    context.close()
