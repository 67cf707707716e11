"""Sources: every outbound link grouped by the domain it points to, with the briefings
citing it; then the link targets the scrape lost (placeholders such as `#`) and targets that
are not web addresses, counted per briefing so a maintainer knows which seeds to fix.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from build_tools.records import Briefing, Link
from build_tools.render.markdown_text import escape, link, safe_href, table_cell
from build_tools.render.tables import card_table
from build_tools.render.views.briefing_list import by_date
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


def render_sources(briefings: tuple[Briefing, ...]) -> str:
    """The sources page."""
    groups = citations_by_domain(briefings)
    total = sum(len(c) for c in groups.values())
    lines = [
        "# Sources",
        "",
        f"{count(total, 'outbound link')} to {count(len(groups), 'domain')}. A briefing's own "
        "original address counts as a link of kind *source*.",
        "",
    ]
    if groups:
        rows = [
            [escape(domain), str(len(cites)), str(len({c.briefing.slug for c in cites}))]
            for domain, cites in groups.items()
        ]
        lines += card_table(["Domain", "Links", "Briefings"], rows, (False, True, True))
    for domain, cites in groups.items():
        lines += [f"## {escape(domain)}", "", *_domain_lines(cites), ""]
    lines += _unresolved_section(briefings)
    return "\n".join(lines)


def _domain_lines(cites: list[Citation]) -> list[str]:
    """One line per distinct target, with every briefing citing it."""
    by_target: dict[str, list[Citation]] = {}
    for c in cites:
        by_target.setdefault(c.link.href.strip(), []).append(c)
    lines = []
    for href, group in sorted(by_target.items()):
        citing = list({c.briefing.slug: c.briefing for c in group}.values())
        kinds = sorted({c.link.kind for c in group})
        names = ", ".join(briefing_link(SOURCES, b) for b in citing)
        lines.append(f"- {link(href, href)} *({', '.join(kinds)})* — cited by {names}")
    return lines


def _unresolved_section(briefings: tuple[Briefing, ...]) -> list[str]:
    rows = []
    for b in by_date(briefings):
        lost = sum(1 for lk in b.links if lk.placeholder)
        unsafe = sum(1 for lk in b.links if not lk.placeholder and safe_href(lk.href) is None)
        if lost or unsafe:
            rows.append((b, lost, unsafe))
    rows.sort(key=lambda r: -(r[1] + r[2]))
    lines = ["## Unresolved link targets", ""]
    if not rows:
        return [*lines, "*Every link target of every briefing was preserved.*", ""]
    lost_total = sum(r[1] for r in rows)
    lines += [
        f"{lost_total} link targets were lost by the scrape (`#`, empty or a script "
        f"placeholder) in {count(len(rows), 'briefing')}; fix them in the seed file if the "
        "original article can still be read. *Not a web address* counts targets that are kept but "
        "not linked (another scheme or a relative path).",
        "",
    ]
    header = ["Briefing", "Seed file", "Lost targets", "Not a web address", "All links"]
    cells = [
        [briefing_link(SOURCES, b), table_cell(b.source), str(lost), str(unsafe), str(len(b.links))]
        for b, lost, unsafe in rows
    ]
    return lines + card_table(header, cells, (False, False, True, True, True))
