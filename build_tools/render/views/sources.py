"""Sources: every outbound link grouped by the domain it points to, with the briefings
citing it; then the link targets the scrape lost (placeholders such as `#`) and targets that
are not web addresses, counted per briefing so a maintainer knows which seeds to fix.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby
from urllib.parse import urlsplit

from build_tools.records import Briefing, Link
from build_tools.render.markdown_text import escape, link, safe_href, table_cell
from build_tools.render.tables import card_table
from build_tools.render.views.briefing_list import by_date
from build_tools.render.views.pagination import AnySection, Section, page_title, paginate
from build_tools.render.views.paths import SOURCES, briefing_link, count


@dataclass(frozen=True, slots=True)
class Citation:
    """One outbound link of one briefing."""

    briefing: Briefing
    """The briefing whose source has the link."""
    link: Link
    """The link itself."""


def link_domain(href: str) -> str | None:
    """The host a web link points to, without `www.`; None for lost or unsafe targets."""
    if safe_href(href) is None:
        return None
    parts = urlsplit(href.strip())
    if parts.scheme.lower() == "mailto":
        host = parts.path.rpartition("@")[2]
    else:
        host = parts.hostname or ""
    host = host.lower().rstrip(".").removeprefix("www.")
    return host or None


def citations_by_domain(briefings: tuple[Briefing, ...]) -> dict[str, list[Citation]]:
    """Domain -> its citations, the most cited domain first (then by name)."""
    groups: dict[str, list[Citation]] = {}
    for b in by_date(briefings):
        for lk in b.links:
            domain = None if lk.placeholder else link_domain(lk.href)
            if domain:
                groups.setdefault(domain, []).append(Citation(b, lk))
    ranked = sorted(groups, key=lambda d: (-len(groups[d]), d))
    return {d: groups[d] for d in ranked}


def render_sources(briefings: tuple[Briefing, ...]) -> dict[str, str]:
    """The sources pages: the domains' table, then each domain's links and the briefings
    citing them, then the unresolved targets, on pages of at most `PAGE_ENTRIES` entries (an
    entry: one briefing citing a target, or one row of the unresolved targets)."""
    groups = citations_by_domain(briefings)
    total = sum(len(c) for c in groups.values())

    def head(page: str, number: int, pages: int) -> list[str]:
        if number > 1:
            return [f"# {page_title('Sources', number, pages)}", ""]
        lines = [
            "# Sources",
            "",
            f"{count(total, 'outbound link')} to {count(len(groups), 'domain')}. A briefing's "
            "own original address counts as a link of kind *source*.",
            "",
        ]
        if groups:
            rows = [
                [escape(domain), str(len(cites)), str(len({c.briefing.slug for c in cites}))]
                for domain, cites in groups.items()
            ]
            lines += card_table(["Domain", "Links", "Briefings"], rows, (False, True, True))
        return lines

    sections: list[AnySection] = [
        Section([f"## {escape(domain)}", ""], _targets(cites), _target_lines)
        for domain, cites in groups.items()
    ]
    sections.append(_unresolved_section(briefings))
    return paginate(SOURCES, head, sections)


def _targets(cites: list[Citation]) -> list[tuple[str, str, Briefing]]:
    """(target, its kinds of link, a briefing citing it) for each distinct target of a
    domain's citations, by target, and each briefing citing it: a target cited by thousands
    of briefings spreads over pages like any other list."""
    by_target: dict[str, list[Citation]] = {}
    for c in cites:
        by_target.setdefault(c.link.href.strip(), []).append(c)
    out = []
    for href, group in sorted(by_target.items()):
        kinds = ", ".join(sorted({c.link.kind for c in group}))
        citing = {c.briefing.slug: c.briefing for c in group}
        out += [(href, kinds, b) for b in citing.values()]
    return out


def _target_lines(page: str, citing: Sequence[tuple[str, str, Briefing]]) -> list[str]:
    """One line per distinct target, with every briefing citing it (on this page)."""
    lines = []
    for href, group in groupby(citing, key=lambda t: t[0]):
        shown = list(group)
        names = ", ".join(briefing_link(page, b) for _, _, b in shown)
        lines.append(f"- {link(href, href)} *({shown[0][1]})* — cited by {names}")
    return [*lines, ""]


def _unresolved_section(briefings: tuple[Briefing, ...]) -> AnySection:
    rows = []
    for b in by_date(briefings):
        lost = sum(1 for lk in b.links if lk.placeholder)
        unsafe = sum(1 for lk in b.links if not lk.placeholder and safe_href(lk.href) is None)
        if lost or unsafe:
            rows.append((b, lost, unsafe))
    rows.sort(key=lambda r: -(r[1] + r[2]))
    heading = ["## Unresolved link targets", ""]
    if not rows:
        return Section(
            heading,
            [],
            _unresolved_rows,
            ["*Every link target of every briefing was preserved.*", ""],
        )
    lost_total = sum(r[1] for r in rows)
    heading += [
        f"{lost_total} link targets were lost by the scrape (`#`, empty or a script "
        f"placeholder) in {count(len(rows), 'briefing')}; fix them in the seed file if the "
        "original article can still be read. *Not a web address* counts targets that are kept but "
        "not linked (another scheme or a relative path).",
        "",
    ]
    return Section(heading, rows, _unresolved_rows)


def _unresolved_rows(page: str, rows: Sequence[tuple[Briefing, int, int]]) -> list[str]:
    header = ["Briefing", "Seed file", "Lost targets", "Not a web address", "All links"]
    cells = [
        [briefing_link(page, b), table_cell(b.source), str(lost), str(unsafe), str(len(b.links))]
        for b, lost, unsafe in rows
    ]
    return card_table(header, cells, (False, False, True, True, True))
