"""Where each generated page lives, and the relative links between pages.

Links are written relative to the page that holds them (`../briefings/SLUG.md#p-3`), so that
MkDocs checks every one of them under `--strict` and the site works at any address.
"""

from __future__ import annotations

from build_tools.briefing import slugify
from build_tools.records import Briefing
from build_tools.render.markdown_text import escape
from build_tools.render.rendering import briefing_path

HOME = "index.md"
BRIEFINGS_INDEX = "briefings/index.md"
ACTORS_INDEX = "actors/index.md"
MATRIX = "demands/index.md"
PROPOSALS = "proposals/index.md"
TOPICS = "topics.md"
TIMELINE = "timeline/index.md"
SOURCES = "sources.md"
DOWNLOADS = "downloads/index.md"


def topic_page(topic: str) -> str:
    """The page of the briefings tagged with `topic`, e.g. `topics/nato-membership.md`."""
    return f"topics/{slugify(topic) or 'topic'}.md"


def proposal_topic_page(topic: str) -> str:
    """The proposals catalogue's page of one topic, e.g. `proposals/nato-membership.md`."""
    return f"proposals/{slugify(topic) or 'topic'}.md"


def relative(from_page: str, to_path: str) -> str:
    """The path of `to_path` as seen from `from_page` (both relative to the docs folder)."""
    # posixpath.relpath, without its calls to the file system's idea of the current folder:
    # views make tens of thousands of links on a large corpus.
    here = from_page.split("/")[:-1]
    there = to_path.split("/")
    common = 0
    while common < min(len(here), len(there) - 1) and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:])


def briefing_href(from_page: str, b: Briefing, anchor: str = "") -> str:
    """The link target of a briefing page, or of one of its paragraphs."""
    href = relative(from_page, briefing_path(b))
    return f"{href}#{anchor}" if anchor else href


def briefing_link(from_page: str, b: Briefing) -> str:
    """A Markdown link to a briefing, labelled with its title."""
    return f"[{escape(b.meta.title)}]({briefing_href(from_page, b)})"


def paragraph_ref(from_page: str, b: Briefing, anchor: str) -> str:
    """A short link to a paragraph of a briefing: `[¶ 3](../briefings/SLUG.md#p-3)`."""
    label = anchor.removeprefix("p-") if anchor.startswith("p-") else anchor
    return f"[¶ {escape(label)}]({briefing_href(from_page, b, anchor)})"


def count(n: int, noun: str, plural: str = "") -> str:
    """`n` and the noun in the right number: `1 briefing`, `2 briefings`, `3 parties`."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"
