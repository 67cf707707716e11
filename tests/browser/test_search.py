"""Material's search box finds each briefing by a word only that briefing uses."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from build_tools.records import Briefing
from tests.browser.browsing import briefing_url, distinctive_word, search
from tests.browser.conftest import SEED_NAMES

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("seed", SEED_NAMES)
def test_search_lists_the_briefing_for_its_distinctive_word(
    page: Page, base_url: str, briefings: dict[str, Briefing], seed: str
) -> None:
    b = briefings[seed]
    word = distinctive_word(b, [o for o in briefings.values() if o is not b])
    page.goto(base_url)
    search(page, word)
    page_url = briefing_url(base_url, b)
    # Result links carry the query for highlighting: `.../slug/?h=word#section`.
    result = page.locator(f"a.md-search-result__link[href^='{page_url}?']").first
    expect(result, f"no result for {word!r}").to_be_visible()
    result.click()
    page.wait_for_url(f"{page_url}**")
    assert page.locator("article h1").inner_text().startswith(b.meta.title)
