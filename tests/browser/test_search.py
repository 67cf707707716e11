"""The site's search (Pagefind's index, overrides/partials/briefings-search.html) finds each
briefing by a word only that briefing uses, first; the keys / and s open it; a result
shows the briefing's title, date and the passage that matched."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from build_tools.records import Briefing
from tests.browser.browsing import (
    briefing_url,
    distinctive_word,
    screenshot_path,
    search,
    search_result,
    search_results,
)
from tests.browser.conftest import SEED_NAMES

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("seed", SEED_NAMES)
def test_search_lists_the_briefing_first_for_its_distinctive_word(
    page: Page, base_url: str, briefings: dict[str, Briefing], seed: str
) -> None:
    b = briefings[seed]
    word = distinctive_word(b, [o for o in briefings.values() if o is not b])
    page.goto(base_url)
    search(page, word)
    expect(search_result(page, b), f"no result for {word!r}").to_be_visible()
    first = search_results(page).first
    expect(first).to_have_attribute("href", f"/briefings/{b.slug}/")
    expect(first.locator(".briefings-search__title")).to_have_text(b.meta.title)
    if b.meta.date:
        expect(first.locator("time")).to_have_text(b.meta.date)
    expect(first.locator(".briefings-search__excerpt mark").first).to_have_text(
        word, ignore_case=True
    )
    first.click()
    page.wait_for_url(briefing_url(base_url, b))
    assert page.locator("article h1").inner_text().startswith(b.meta.title)


@pytest.mark.parametrize("key", ["/", "s"])
def test_a_key_opens_the_search_and_escape_closes_it(page: Page, base_url: str, key: str) -> None:
    page.goto(base_url)
    dialog = page.locator("#briefings-search")
    expect(dialog).to_be_hidden()
    page.keyboard.press(key)
    expect(dialog).to_be_visible()
    expect(page.locator("#briefings-search-query")).to_be_focused()
    expect(page.locator("#briefings-search-query")).to_have_value("")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()


def test_the_open_search_fits_a_phone_screen(
    page: Page, base_url: str, briefings: dict[str, Briefing]
) -> None:
    first, *others = briefings.values()
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(base_url)
    search(page, distinctive_word(first, others))
    page.locator("#briefings-search summary").click()
    expect(search_results(page).first).to_be_visible()
    page.screenshot(path=screenshot_path("search-375.png"))
    box = page.locator("#briefings-search").bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 375
    wide = page.evaluate(
        """() => [...document.querySelectorAll('#briefings-search *')]
        .filter(e => e.getBoundingClientRect().right > 375).map(e => e.outerHTML.slice(0, 80))"""
    )
    assert wide == []
