"""A seed carrying script payloads becomes text on every page: no dialog, no live element.

The hostile seeds (`tests/browser/seeds/`) put `<script>`, `<img onerror>`, `<iframe>`,
`javascript:`/`data:` links, event attributes and attribute break-outs into the title, the
byline, the demands and the body, both as raw HTML and as entities that decode to HTML.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from build_tools.records import Briefing
from tests.browser.browsing import (
    Traffic,
    briefing_url,
    distinctive_word,
    normalise,
    search,
    search_result,
)
from tests.browser.conftest import HOSTILE_NAMES

pytestmark = [pytest.mark.browser, pytest.mark.redteam]

# Everything on the page that the payload could have turned into live markup.
FIND_LIVE_PAYLOAD = """() => {
  const found = [];
  const describe = e => e.outerHTML.slice(0, 120);
  for (const s of document.scripts) {
    if (/alert|msgbox/.test(s.text) || (s.src && new URL(s.src).host !== location.host)) {
      found.push('script: ' + describe(s));
    }
  }
  const tags = 'iframe, frame, object, embed, base, meta[http-equiv], img[src$="/x"]';
  for (const e of document.querySelectorAll(tags)) found.push('element: ' + describe(e));
  // The site's own charts (figure.chart, made at build time) are the only SVG allowed.
  const inArticle = ['img', 'svg:not(figure.chart > svg)', 'figure.chart foreignObject',
    'style', 'form', 'input', 'a[target]'];
  for (const e of document.querySelectorAll(inArticle.map(t => 'article ' + t).join(','))) {
    found.push('in article: ' + describe(e));
  }
  for (const e of document.querySelectorAll('*')) {
    for (const a of e.attributes) {
      const value = a.value.trim().toLowerCase();
      if (a.name.startsWith('on')) found.push(`attribute ${a.name}: ` + describe(e));
      if (/^(javascript|data|vbscript):/.test(value) && /href|src|action/.test(a.name)) {
        found.push(`${a.name}=${value.slice(0, 40)}: ` + describe(e));
      }
    }
  }
  if (getComputedStyle(document.body).display === 'none') found.push('body hidden by a style');
  return found;
}"""


@pytest.mark.parametrize("seed", HOSTILE_NAMES)
def test_briefing_page_shows_the_payload_as_text(
    page: Page, traffic: Traffic, base_url: str, briefings: dict[str, Briefing], seed: str
) -> None:
    b = briefings[seed]
    page.goto(briefing_url(base_url, b))
    page.wait_for_load_state("networkidle")
    for summary in page.locator("article details.quote > summary").all():
        summary.click()
    for paragraph in page.locator("article p").all():
        paragraph.hover()
    assert traffic.dialogs == []
    assert page.evaluate(FIND_LIVE_PAYLOAD) == []
    # The payload did reach the page, as characters a reader can see.
    article = normalise(page.locator("article").inner_text())
    assert "<script>alert(1)</script>" in article
    assert "<img src=x onerror=alert(1)>" in article
    assert normalise(page.locator("article h1").inner_text()).startswith(b.meta.title)
    assert page.title() == f"{b.meta.title} - Negotiation Briefings"


@pytest.mark.parametrize("seed", HOSTILE_NAMES)
def test_home_page_and_search_results_show_the_payload_as_text(
    page: Page, traffic: Traffic, base_url: str, briefings: dict[str, Briefing], seed: str
) -> None:
    b = briefings[seed]
    page.goto(base_url)
    expect(page.locator("article table").get_by_text(b.meta.title, exact=True)).to_be_visible()
    search(page, distinctive_word(b, [o for o in briefings.values() if o is not b]))
    expect(search_result(page, b)).to_contain_text(b.meta.title)
    page.wait_for_load_state("networkidle")
    assert traffic.dialogs == []
    assert page.evaluate(FIND_LIVE_PAYLOAD) == []


@pytest.mark.parametrize("seed", HOSTILE_NAMES)
def test_every_page_that_shows_the_briefing_shows_the_payload_as_text(
    page: Page,
    traffic: Traffic,
    base_url: str,
    site: Path,
    briefings: dict[str, Briefing],
    seed: str,
) -> None:
    """Cross-article pages (actors, topics, timeline, ...) quote the title and items too."""
    slug = briefings[seed].slug
    pages = [
        html.parent.relative_to(site).as_posix()
        for html in sorted(site.glob("**/index.html"))
        if f"{slug}/" in html.read_text(encoding="utf-8")
    ]
    assert len(pages) >= 3, pages  # the briefing, the home page and the list of briefings
    live = {}
    for path in pages:
        page.goto(base_url if path == "." else f"{base_url}{path}/")
        if found := page.evaluate(FIND_LIVE_PAYLOAD):
            live[path] = found
    assert traffic.dialogs == []
    assert live == {}
