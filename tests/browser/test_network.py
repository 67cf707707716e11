"""A reader's visit stays on 127.0.0.1 and runs clean: no console error, no failed request.

One visit is recorded for the module: the home page, a search typed into the box and its
result clicked, then every briefing page with a source-sentence quote opened.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, expect

from build_tools.records import Briefing
from tests.browser.browsing import Traffic, briefing_url, distinctive_word, search, search_result
from tests.browser.conftest import TIMEOUT_MS

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def visit(browser: Browser, base_url: str, briefings: dict[str, Briefing]) -> Iterator[Traffic]:
    traffic = Traffic()
    context = browser.new_context()
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    traffic.watch(page)
    page.goto(base_url)
    page.wait_for_load_state("networkidle")
    first, *others = briefings.values()
    search(page, distinctive_word(first, others))
    search_result(page, first).click()
    page.wait_for_load_state("networkidle")
    for b in briefings.values():
        page.goto(briefing_url(base_url, b))
        page.locator("article details.quote > summary").first.click()
        expect(page.locator("article details.quote[open]")).to_have_count(1)
        # Wait for what the page loads after `load` before leaving it.
        page.wait_for_load_state("networkidle")
    yield traffic
    context.close()


def test_the_visit_loaded_the_site_and_its_search_index(visit: Traffic, base_url: str) -> None:
    """The recorder saw the requests it should, so an empty list below means something."""
    assert f"{base_url}pagefind/pagefind.js" in visit.requests
    assert any(url.startswith(f"{base_url}pagefind/index/") for url in visit.requests)
    assert any(url.endswith(".css") for url in visit.requests)
    assert any(url.endswith(".js") for url in visit.requests)


def test_no_request_leaves_127_0_0_1(visit: Traffic) -> None:
    assert visit.foreign_requests() == []


def test_no_console_errors(visit: Traffic) -> None:
    assert visit.console_errors == []
    assert visit.page_errors == []


def test_no_failed_requests(visit: Traffic) -> None:
    assert visit.failed == []
