"""A reader finds every briefing from the home page, and every item's paragraph link works."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from build_tools.records import Briefing
from tests.browser.browsing import briefing_url, normalise
from tests.browser.conftest import SEED_NAMES

pytestmark = pytest.mark.browser


def heading_text(page: Page) -> str:
    """The page's h1 as a reader sees it, without the permalink mark."""
    text: str = page.locator("article h1").evaluate(
        "h => [...h.childNodes].filter(n => !n.classList?.contains('headerlink'))"
        ".map(n => n.textContent).join('')"
    )
    return normalise(text)


def test_home_page_lists_every_briefing(
    page: Page, base_url: str, briefings: dict[str, Briefing]
) -> None:
    page.goto(base_url)
    # Links into briefings/ other than the list of all briefings (`briefings/`).
    links = page.locator("article a[href^='briefings/']:not([href='briefings/'])").all()
    listed = {(normalise(a.inner_text()), a.get_attribute("href")) for a in links}
    expected = {(b.meta.title, f"briefings/{b.slug}/") for b in briefings.values()}
    assert listed == expected


@pytest.mark.parametrize("seed", SEED_NAMES)
def test_home_page_link_opens_the_briefing(
    page: Page, base_url: str, briefings: dict[str, Briefing], seed: str
) -> None:
    b = briefings[seed]
    page.goto(base_url)
    page.locator("article").get_by_role("link", name=b.meta.title, exact=True).first.click()
    page.wait_for_url(briefing_url(base_url, b))
    assert heading_text(page) == b.meta.title
    assert page.title() == f"{b.meta.title} - Negotiation Briefings"


@pytest.mark.parametrize("seed", SEED_NAMES)
def test_item_links_land_on_the_paragraph_holding_the_evidence(
    page: Page, base_url: str, briefings: dict[str, Briefing], seed: str
) -> None:
    b = briefings[seed]
    page.goto(briefing_url(base_url, b))
    # Each item is a list entry: its text, a "¶ n" link, and the quoted source sentence.
    items = page.locator("article li:has(> details.quote)").all()
    assert len(items) == len(b.demands) + len(b.proposals)
    for item in items:
        link = item.locator("> p > a[href^='#p-']")
        anchor = (link.get_attribute("href") or "").removeprefix("#")
        evidence = normalise(item.locator("details.quote > p").text_content() or "")
        link.click()
        page.wait_for_function("anchor => location.hash === '#' + anchor", arg=anchor)
        target = page.locator(":target")
        assert target.get_attribute("id") == anchor, f"{anchor} is not an element of the page"
        assert target.is_visible()
        assert evidence in normalise(target.text_content() or ""), (anchor, evidence)
