"""The dark-mode toggle and the print view of a briefing page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from build_tools.records import Briefing
from tests.browser.browsing import briefing_url, normalise, screenshot_path

pytestmark = pytest.mark.browser

SEED = "000_a67e73254438302a.txt"
# Its page has a link whose text is not its address (and others whose text is).
PRINT_SEED = "zz_hostile_payload.txt"
BACKGROUND = "() => getComputedStyle(document.body).backgroundColor"
# What the print style sheet writes after a link, or "none".
AFTER_CONTENT = "a => getComputedStyle(a, '::after').content"


def test_dark_mode_toggle_switches_the_palette_and_keeps_it(
    page: Page, base_url: str, briefings: dict[str, Briefing]
) -> None:
    page.emulate_media(color_scheme="light")
    page.goto(briefing_url(base_url, briefings[SEED]))
    body = page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    light = page.evaluate(BACKGROUND)

    # The toggle in the header: a label for the next palette's radio button.
    page.locator("label[title='Switch to dark mode']").click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    assert page.evaluate(BACKGROUND) != light
    # The reader's choice holds on the next page they open.
    page.goto(base_url)
    expect(body).to_have_attribute("data-md-color-scheme", "slate")

    page.locator("label[title='Switch to light mode']").click()
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    assert page.evaluate(BACKGROUND) == light


def test_print_view_hides_navigation_and_shows_link_targets(
    page: Page, base_url: str, briefings: dict[str, Briefing]
) -> None:
    page.goto(briefing_url(base_url, briefings[PRINT_SEED]))
    quotes = page.locator("article details.quote > p")
    expect(quotes.first).to_be_hidden()  # on screen, until the reader opens one
    page.emulate_media(media="print")
    for furniture in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer"):
        expect(page.locator(furniture)).to_be_hidden()
    expect(page.locator("article h1")).to_be_visible()
    for quote in quotes.all():
        expect(quote).to_be_visible()

    worded = 0
    for link in page.locator("article a[href^='http']").all():
        href = link.get_attribute("href") or ""
        after = page.evaluate(AFTER_CONTENT, link.element_handle())
        if normalise(link.inner_text()) != href:
            assert after == f'" ({href})"', link.inner_text()
            worded += 1
        elif link.locator("xpath=ancestor::td").count():
            assert after in ("none", "normal")  # the Target column shows the address already
    assert worded > 0, "no link with its own text on the page: the check above checked nothing"
    # Links within the page (to a paragraph) get no address written after them.
    paragraph_link = page.locator("article a[href^='#p-']").first
    assert page.evaluate(AFTER_CONTENT, paragraph_link.element_handle()) in ("none", "normal")
    page.screenshot(path=screenshot_path("briefing-print.png"), full_page=True)
