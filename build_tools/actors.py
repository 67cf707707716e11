"""Actors: a mention in text in, a canonical party out, through the gazetteer in
`rules/actors.yml` (Putin, the Kremlin, Moscow -> Russia; Zelensky, Kyiv, Kiev -> Ukraine).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from build_tools.rules import load_rules


@dataclass(frozen=True, slots=True)
class Party:
    """A canonical party of the gazetteer."""

    name: str
    """Canonical name, e.g. `Russia`."""
    kind: str
    """state, alliance, organisation, group or person."""


@dataclass(frozen=True, slots=True)
class _Gazetteer:
    parties: dict[str, Party]
    alias_of: dict[str, str]
    pattern: re.Pattern[str]


@cache
def _gazetteer() -> _Gazetteer:
    rules = load_rules("actors")
    parties: dict[str, Party] = {}
    alias_of: dict[str, str] = {}
    for name, entry in rules["parties"].items():
        parties[name] = Party(name=name, kind=str(entry.get("kind", "group")))
        for alias in [name, *entry.get("aliases", [])]:
            alias_of.setdefault(str(alias).lower(), name)
    aliases = sorted(alias_of, key=len, reverse=True)
    pattern = re.compile(
        r"(?<![\w])(?:" + "|".join(re.escape(a) for a in aliases) + r")(?:'s|’s)?(?![\w])",
        re.IGNORECASE,
    )
    return _Gazetteer(parties, alias_of, pattern)


def find_parties(text: str) -> list[tuple[str, int, int]]:
    """(party, start, end) for every gazetteer mention in `text`, in order."""
    g = _gazetteer()
    out = []
    for m in g.pattern.finditer(text):
        alias = m.group().lower().removesuffix("'s").removesuffix("’s")
        party = g.alias_of.get(alias)
        if party is not None:
            out.append((party, m.start(), m.end()))
    return out


def resolve_party(mention: str) -> str | None:
    """The canonical party a mention names, or None when the gazetteer does not know it."""
    found = find_parties(mention)
    return found[0][0] if found else None


def party_kind(name: str) -> str:
    """The kind of a canonical party (`group` for parties outside the gazetteer)."""
    party = _gazetteer().parties.get(name)
    return party.kind if party else "group"


def known_parties() -> list[Party]:
    """Every party of the gazetteer, in file order."""
    return list(_gazetteer().parties.values())
