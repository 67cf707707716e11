"""What the browser tests do to a page: record its traffic, search, run axe-core.

`Traffic` listens to one Playwright page and keeps every request, console error, uncaught
error, failed request and dialog, so that a test states what must (not) have happened.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import ConsoleMessage, Dialog, Locator, Page, Request, Response

from build_tools.records import Briefing
from tests.conftest import ROOT

AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
LOCAL_HOST = "127.0.0.1"
_SPACE = re.compile(r"\s+")
# Whitespace-separated tokens that are one plain word once their punctuation is stripped:
# a search may split words elsewhere than at white space, so a word glued to others by
# brackets or slashes may not be found as typed.
_WORD = re.compile(r"[A-Za-z]+")
_EDGE_PUNCTUATION = ".,;:!?'\"()[]«»“”‘’"


@dataclass
class Traffic:
    """Everything one page did that a reader would not see, recorded as it happens."""

    requests: list[str] = field(default_factory=list)
    """Every URL the page (and its workers) asked for, in order."""
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    """Uncaught exceptions in the page's scripts."""
    failed: list[str] = field(default_factory=list)
    """Requests that got no response, or an HTTP error status."""
    dialogs: list[str] = field(default_factory=list)
    """alert/confirm/prompt dialogs the page opened (each is dismissed at once)."""

    def watch(self, page: Page) -> None:
        page.on("request", self._on_request)
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))
        page.on("requestfailed", self._on_request_failed)
        page.on("response", self._on_response)
        page.on("dialog", self._on_dialog)

    def _on_request(self, request: Request) -> None:
        self.requests.append(request.url)

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.console_errors.append(f"{message.text} ({message.location.get('url', '')})")

    def _on_request_failed(self, request: Request) -> None:
        self.failed.append(f"{request.url}: {request.failure}")

    def _on_response(self, response: Response) -> None:
        if response.status >= 400:
            self.failed.append(f"{response.url}: HTTP {response.status}")

    def _on_dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def foreign_requests(self) -> list[str]:
        """Requests to any host but 127.0.0.1 (`data:` and `blob:` URLs fetch nothing)."""
        return [
            url
            for url in self.requests
            if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).hostname != LOCAL_HOST
        ]


def briefing_url(base_url: str, b: Briefing) -> str:
    return f"{base_url}briefings/{b.slug}/"


def normalise(text: str) -> str:
    """Text as compared across DOM and records: white space runs made one space."""
    return _SPACE.sub(" ", text).strip()


def distinctive_word(b: Briefing, others: list[Briefing]) -> str:
    """The longest plain word of `b`'s full text that no other briefing uses (ties: a-z)."""
    taken: set[str] = set()
    for other in others:
        taken |= _words(" ".join([other.meta.title, *(p.text for p in other.body)]))
    own = _words(" ".join(p.text for p in b.body)) - taken
    candidates = sorted((w for w in own if len(w) >= 6), key=lambda w: (-len(w), w))
    if not candidates:
        raise AssertionError(f"{b.source}: no word of 6+ letters that only this briefing uses")
    return candidates[0]


def _words(text: str) -> set[str]:
    words = set()
    for token in text.split():
        word = token.strip(_EDGE_PUNCTUATION)
        if _WORD.fullmatch(word):
            words.add(word.lower())
    return words


def search(page: Page, query: str) -> None:
    """Open the site's search (Pagefind's, overrides/partials/briefings-search.html) with
    its header button and type `query`, as a reader does."""
    page.locator("button.briefings-search__open").click()
    box = page.locator("#briefings-search-query")
    box.press_sequentially(query, delay=20)


def search_results(page: Page) -> Locator:
    """The links of the search's results, best first."""
    return page.locator("#briefings-search .briefings-search__result a")


def search_result(page: Page, b: Briefing) -> Locator:
    """The search's result link to `b`'s page (Pagefind links the page by its path)."""
    return page.locator(
        f"#briefings-search .briefings-search__result a[href$='/briefings/{b.slug}/']"
    )


# Violations in Material's own markup that neither mkdocs.yml nor our CSS can fix, as
# (axe rule, CSS selector of the element); each rule is ignored for those elements only.
# None since the site's search is Pagefind's in markup of our own (Material's search results
# had unlabelled `<nav class="md-tags">` landmarks).
MATERIAL_EXCEPTIONS: list[tuple[str, str]] = []
# Runs axe in the page and keeps the violations outside MATERIAL_EXCEPTIONS, one line each.
_RUN_AXE = """async ([options, exceptions]) => {
  const result = await axe.run(document, options);
  const excepted = (rule, target) => {
    const element = document.querySelector(target[0]);
    return exceptions.some(([r, selector]) => r === rule && element?.matches(selector));
  };
  return result.violations.flatMap(v => v.nodes
    .filter(node => !excepted(v.id, node.target))
    .map(node => `${v.id} (${v.impact}): ${v.help} at ${node.target.join(' ')}: `
      + node.html.slice(0, 160)));
}"""


def axe_violations(page: Page, options: dict[str, Any] | None = None) -> list[str]:
    """axe-core's violations on the page as it is now, one readable line per failing node.

    Runs axe's default rules (WCAG 2.x A and AA, and best practices), less the
    `MATERIAL_EXCEPTIONS`.
    """
    if not AXE_SCRIPT.exists():
        raise AssertionError(f"{AXE_SCRIPT} is missing: run `make browser-deps`")
    page.add_script_tag(path=str(AXE_SCRIPT))
    options = {"resultTypes": ["violations"], **(options or {})}
    lines: list[str] = page.evaluate(_RUN_AXE, [options, MATERIAL_EXCEPTIONS])
    return lines


def screenshot_path(name: str) -> Path:
    """Where a screenshot for people to look at goes (test-artifacts/, ignored by git)."""
    folder = ROOT / "test-artifacts"
    folder.mkdir(exist_ok=True)
    return folder / name
