"""Tables that become stacked cards on a phone.

Every generated table is a Markdown table inside `<div class="cards" style="--c1: ...">`:
on a wide screen it is an ordinary table; under 45 em (`docs/assets/briefings.css`) each row
is a card and each cell a line headed by its column's name, taken from the custom
properties `--c1`, `--c2`, ... of the wrapper (CSS cannot read a header cell's text), so no
table ever scrolls sideways. Column names may hold seed text (a party in the demands
matrix): every character but letters, digits and spaces is a CSS escape, so nothing in a
name can end the string, the property or the attribute.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

MAX_LABELLED = 12
"""Columns whose cells get their column's name on a phone (the stylesheet names as many)."""
_PLAIN = re.compile(r"[A-Za-z0-9 ]")
_MARKUP = re.compile(r"\[([^\]]*)\]\([^)]*\)|[*`\\]")


def card_table(
    header: Sequence[str],
    rows: Iterable[Sequence[str]],
    numeric: Sequence[bool] = (),
    labels: Sequence[str] = (),
) -> list[str]:
    """The lines of a table: `header` and `rows` are Markdown cells; `numeric[i]` aligns
    column i right; `labels` are the columns' plain names where `header` holds markup
    (default: the header with its links and emphasis taken out)."""
    names = list(labels) or [_plain(h) for h in header]
    props = "; ".join(
        f"--c{i}: {css_string(name)}" for i, name in enumerate(names[:MAX_LABELLED], 1)
    )
    align = ["--:" if i < len(numeric) and numeric[i] else "---" for i in range(len(header))]
    lines = [f'<div class="cards" style="{props}" markdown>', ""]
    lines.append(f"| {' | '.join(header)} |")
    lines.append(f"|{'|'.join(align)}|")
    lines.extend(f"| {' | '.join(cells)} |" for cells in rows)
    lines += ["", "</div>", ""]
    return lines


def css_string(text: str) -> str:
    """`text` as a quoted CSS string, safe inside a double-quoted HTML attribute."""
    text = " ".join(text.split())
    return "'" + "".join(c if _PLAIN.fullmatch(c) else f"\\{ord(c):x} " for c in text) + "'"


def _plain(cell: str) -> str:
    """A header cell's text without Markdown links, emphasis and backslash escapes."""
    return _MARKUP.sub(lambda m: m.group(1) or "", cell)
