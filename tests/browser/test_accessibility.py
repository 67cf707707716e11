"""axe-core finds no accessibility violation on the pages a reader uses.

axe runs with its default rules (WCAG 2.x A and AA plus best practices) on the page as it
stands: the home page, every briefing, the search with its results open, and the
cross-article actor pages when the site has them; in the light palette and in the dark one
(Material picks it from the reader's system setting, emulated here).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from build_tools.records import Briefing
from tests.browser.browsing import (
    axe_violations,
    briefing_url,
    distinctive_word,
    search,
    search_results,
)
from tests.browser.conftest import SEED_NAMES

pytestmark = pytest.mark.browser


# The reader's system colour scheme -> the Material palette it selects (mkdocs.yml).
SCHEMES = {"light": "default", "dark": "slate"}


@pytest.fixture(params=sorted(SCHEMES))
def scheme(request: pytest.FixtureRequest, page: Page) -> str:
    """Emulates a light or a dark system setting; returns the palette Material should pick."""
    page.emulate_media(color_scheme=request.param)
    return SCHEMES[request.param]


def open_page(page: Page, url: str, scheme: str) -> None:
    page.goto(url)
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", scheme)


def test_home_page(page: Page, scheme: str, base_url: str) -> None:
    open_page(page, base_url, scheme)
    assert axe_violations(page) == []


@pytest.mark.parametrize("seed", SEED_NAMES)
def test_briefing_page(
    page: Page, scheme: str, base_url: str, briefings: dict[str, Briefing], seed: str
) -> None:
    open_page(page, briefing_url(base_url, briefings[seed]), scheme)
    assert axe_violations(page) == []


def test_open_search_results(
    page: Page, scheme: str, base_url: str, briefings: dict[str, Briefing]
) -> None:
    first, *others = briefings.values()
    open_page(page, base_url, scheme)
    search(page, distinctive_word(first, others))
    expect(search_results(page).first).to_be_visible()
    page.locator("#briefings-search summary").click()  # the filters too
    expect(page.locator("#briefings-search select[data-filter=party] option")).not_to_have_count(1)
    assert axe_violations(page) == []


def test_actor_pages(page: Page, scheme: str, base_url: str, site: Path) -> None:
    """The list of actors and the page of the first actor, once the site has them."""
    actor_pages = sorted(site.glob("actors/*/index.html"))
    if not actor_pages:
        pytest.skip("the built site has no actor pages (actors/) yet")
    for html_file in [site / "actors" / "index.html", actor_pages[0]]:
        if html_file.exists():
            open_page(page, base_url + html_file.parent.relative_to(site).as_posix() + "/", scheme)
            assert axe_violations(page) == [], html_file
