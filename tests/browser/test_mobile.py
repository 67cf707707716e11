"""On a 375-pixel-wide phone screen no page scrolls sideways.

Full-page screenshots go to test-artifacts/ (ignored by git) for people to look at.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from build_tools.records import Briefing
from tests.browser.browsing import briefing_url, screenshot_path
from tests.browser.conftest import SEED_NAMES

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}
PAGE_OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
# Elements that stick out past the right edge of the screen, to say what overflows.
WIDE_ELEMENTS = """() => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
  .filter(e => !e.closest('.md-sidebar, .md-search, .md-dialog, .md-typeset__scrollwrap'))
  .slice(0, 5).map(e => e.tagName + '.' + e.className + ': ' + e.outerHTML.slice(0, 80))"""


@pytest.mark.parametrize("seed", SEED_NAMES)
def test_briefing_page_does_not_scroll_sideways(
    page: Page, base_url: str, briefings: dict[str, Briefing], seed: str
) -> None:
    b = briefings[seed]
    page.set_viewport_size(PHONE)
    page.goto(briefing_url(base_url, b))
    # Open the source sentences, as a reader may: they must fit too.
    page.locator("article details.quote").evaluate_all("ds => ds.forEach(d => d.open = true)")
    page.screenshot(
        path=screenshot_path(f"briefing-375-{seed.removesuffix('.txt')}.png"), full_page=True
    )
    assert page.evaluate(PAGE_OVERFLOW) <= 0, page.evaluate(WIDE_ELEMENTS)


def test_home_page_does_not_scroll_sideways(page: Page, base_url: str) -> None:
    page.set_viewport_size(PHONE)
    page.goto(base_url)
    page.screenshot(path=screenshot_path("home-375.png"), full_page=True)
    assert page.evaluate(PAGE_OVERFLOW) <= 0, page.evaluate(WIDE_ELEMENTS)
