"""Pagefind's page list made smaller: an index Pagefind wrote in, the same index with short
fragment names out.

A reader's first search downloads the index's metadata file (`pagefind.LANG_HASH.pf_meta`)
whole, and it lists every page by the name of its fragment file: seven random hex digits
each, which gzip cannot shrink, so that it grows by 7.5 bytes a page (75 kB at 10,000
briefings). `compact_page_names` renames the fragments to their page's number in base 36
(`fragment/BUILD/2td.pf_fragment`), which gzip packs to about 4.3 bytes a page (43 kB at
10,000), and writes the metadata again under a new hash. `BUILD` is a hash of Pagefind's
names of the fragments, which are hashes of their content: it changes whenever a page does,
so that a browser never takes a fragment of an earlier build from its cache for a page of
this one, and stays the same for the same pages (the metadata's own hash does not: it
names the filter chunks, which Pagefind 1.5 does not write the same twice, README,
"Search").

Pagefind's file formats are its own: only a version whose layout was checked here
(`CHECKED_VERSIONS`) is rewritten, and only if its metadata decodes to what is expected;
any other index is left as Pagefind wrote it. The metadata is gzip around a signature and
a CBOR value (RFC 8949) of arrays, text and integers, read and written by the few lines
below.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import struct
from pathlib import Path
from typing import Any

CHECKED_VERSIONS = frozenset({"1.5.2"})
"""Pagefind versions whose metadata is `[version, [[fragment name, word count], ...], ...]`
and whose script fetches `fragment/NAME.pf_fragment` for a page named NAME."""
SIGNATURE = b"pagefind_dcd"
"""The bytes before the CBOR value in every Pagefind data file."""
ENTRY = "pagefind-entry.json"
DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def compact_page_names(bundle: Path) -> bool:
    """Rename the fragments of the index in `bundle` (`SITE/pagefind`) to short names and
    rewrite its metadata; False (nothing changed) for an index this module does not know."""
    entry_path = bundle / ENTRY
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    if entry.get("version") not in CHECKED_VERSIONS:
        return False
    rewritten = {}
    for language, info in entry["languages"].items():
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = _read_meta(meta_path)
        if meta is None:
            return False
        rewritten[language] = (meta_path, meta)
    for language, (meta_path, meta) in rewritten.items():
        old_names = "\n".join(page[0] for page in meta[1]).encode("utf-8")
        build = f"{language}_{hashlib.sha256(old_names).hexdigest()[:6]}"
        _rename_fragments(bundle / "fragment", build, meta[1])
        data = gzip.compress(SIGNATURE + encode(meta), 9, mtime=0)
        new_hash = f"{language}_{hashlib.sha256(data).hexdigest()[:10]}"
        (bundle / f"pagefind.{new_hash}.pf_meta").write_bytes(data)
        meta_path.unlink()
        entry["languages"][language]["hash"] = new_hash
    entry_path.write_text(
        json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )
    return True


def _read_meta(path: Path) -> list[Any] | None:
    """The metadata's value, or None when it is not the layout `compact_page_names` knows
    (or the codec here would not write it back byte for byte)."""
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        return None
    try:
        value, end = decode(data, len(SIGNATURE))
    except (ValueError, IndexError):
        return None
    if end != len(data) or SIGNATURE + encode(value) != data:
        return None
    if not (isinstance(value, list) and len(value) > 1 and isinstance(value[1], list)):
        return None
    pages = value[1]
    if not all(
        isinstance(p, list) and len(p) == 2 and isinstance(p[0], str) and isinstance(p[1], int)
        for p in pages
    ):
        return None
    return value


def _rename_fragments(folder: Path, build: str, pages: list[list[Any]]) -> None:
    """Move each page's fragment to `folder/build/NUMBER.pf_fragment` and name it so in
    `pages`; identical pages, which Pagefind gives one fragment, keep sharing it."""
    (folder / build).mkdir()
    names: dict[str, str] = {}
    for page in pages:
        old = page[0]
        if old not in names:
            names[old] = f"{build}/{base36(len(names))}"
            (folder / f"{old}.pf_fragment").rename(folder / f"{names[old]}.pf_fragment")
        page[0] = names[old]


def base36(n: int) -> str:
    """`n` in base 36, lower case (`base36(100) == "2s"`)."""
    out = DIGITS[n % 36]
    while n >= 36:
        n //= 36
        out = DIGITS[n % 36] + out
    return out


# CBOR, as far as Pagefind's metadata uses it: integers, byte and text strings, arrays.
_UNSIGNED, _NEGATIVE, _BYTES, _TEXT, _ARRAY = range(5)


def decode(data: bytes, at: int = 0) -> tuple[Any, int]:
    """The CBOR value at `data[at:]` and the offset after it; ValueError for a kind of
    value Pagefind's metadata does not hold (maps, tags, floats, indefinite lengths)."""
    kind, extra = data[at] >> 5, data[at] & 31
    at += 1
    if extra < 24:
        n = extra
    elif extra <= 27:
        size = 1 << (extra - 24)
        n = int.from_bytes(data[at : at + size], "big")
        at += size
    else:
        raise ValueError(f"CBOR additional information {extra} at byte {at - 1}")
    if kind == _UNSIGNED:
        return n, at
    if kind == _NEGATIVE:
        return -1 - n, at
    if kind in (_BYTES, _TEXT):
        raw = data[at : at + n]
        if len(raw) != n:
            raise ValueError("CBOR string runs past the end")
        return (raw.decode("utf-8") if kind == _TEXT else raw), at + n
    if kind == _ARRAY:
        items = []
        for _ in range(n):
            item, at = decode(data, at)
            items.append(item)
        return items, at
    raise ValueError(f"CBOR major type {kind} at byte {at - 1}")


def encode(value: Any) -> bytes:
    """`value` (int, bytes, str or list of them) as CBOR, each length in its shortest form
    (as Pagefind writes it)."""
    if isinstance(value, bool):
        raise ValueError("CBOR booleans are not written here")
    if isinstance(value, int):
        return _head(_UNSIGNED, value) if value >= 0 else _head(_NEGATIVE, -1 - value)
    if isinstance(value, bytes):
        return _head(_BYTES, len(value)) + value
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _head(_TEXT, len(raw)) + raw
    if isinstance(value, list):
        return _head(_ARRAY, len(value)) + b"".join(encode(v) for v in value)
    raise ValueError(f"cannot write {type(value).__name__} as CBOR here")


def _head(kind: int, n: int) -> bytes:
    if n < 24:
        return bytes([kind << 5 | n])
    for extra, fmt in ((24, ">B"), (25, ">H"), (26, ">I"), (27, ">Q")):
        if n < 1 << (8 * struct.calcsize(fmt)):
            return bytes([kind << 5 | extra]) + struct.pack(fmt, n)
    raise ValueError(f"{n} is too large for CBOR")
