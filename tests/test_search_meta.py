"""Pagefind's page list with short fragment names (build_tools/search_meta.py): the CBOR it
reads and writes, and an index rewritten so that every page still finds its fragment."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from build_tools.search import BUNDLE, index_site
from build_tools.search_meta import (
    CHECKED_VERSIONS,
    SIGNATURE,
    base36,
    compact_page_names,
    decode,
    encode,
)
from tests.pagefind_index import fragments

# RFC 8949, appendix A: a value and its encoding.
CBOR_EXAMPLES = [
    (0, "00"),
    (23, "17"),
    (24, "1818"),
    (100, "1864"),
    (1000, "1903e8"),
    (1000000, "1a000f4240"),
    (1000000000000, "1b000000e8d4a51000"),
    (-1, "20"),
    (-1000, "3903e7"),
    (b"\x01\x02\x03\x04", "4401020304"),
    ("", "60"),
    ("a", "6161"),
    ("\u00fc", "62c3bc"),
    ([], "80"),
    ([1, [2, 3], [4, 5]], "8301820203820405"),
]


@pytest.mark.parametrize(("value", "hex_bytes"), CBOR_EXAMPLES)
def test_cbor_as_the_rfc_writes_it(value: object, hex_bytes: str) -> None:
    assert encode(value) == bytes.fromhex(hex_bytes)
    assert decode(bytes.fromhex(hex_bytes)) == (value, len(hex_bytes) // 2)


def test_cbor_this_module_does_not_read_is_an_error() -> None:
    with pytest.raises(ValueError, match="major type 5"):
        decode(bytes.fromhex("a0"))  # a map
    with pytest.raises(ValueError, match="additional information 31"):
        decode(bytes.fromhex("9fff"))  # an array of indefinite length


def test_base36() -> None:
    assert [base36(n) for n in (0, 9, 10, 35, 36, 100, 46655, 46656)] == [
        "0", "9", "a", "z", "10", "2s", "zzz", "1000",
    ]  # fmt: skip


def site_of(folder: Path, pages: int) -> Path:
    for n in range(pages):
        page = folder / "briefings" / f"b{n}" / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(
            '<html lang="en"><body><article class="md-content__inner">'
            f"<h1>Briefing {n}</h1><p>Talks number {n} in Vienna.</p></article></body></html>",
            encoding="utf-8",
        )
    return folder


def read_meta(bundle: Path) -> tuple[dict, list]:
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    (language,) = entry["languages"].values()
    data = gzip.decompress((bundle / f"pagefind.{language['hash']}.pf_meta").read_bytes())
    assert data.startswith(SIGNATURE)
    meta, end = decode(data, len(SIGNATURE))
    assert end == len(data)
    return entry, meta


def test_the_installed_pagefind_is_one_whose_layout_was_checked(tmp_path: Path) -> None:
    """Upgrading Pagefind fails here until its metadata and fragment paths are checked."""
    index_site(site_of(tmp_path, 1))
    entry, _ = read_meta(tmp_path / BUNDLE)
    assert entry["version"] in CHECKED_VERSIONS


def test_every_page_finds_its_fragment_under_its_short_name(tmp_path: Path) -> None:
    index_site(site_of(tmp_path, 40))  # index_site compacts the names
    bundle = tmp_path / BUNDLE
    entry, meta = read_meta(bundle)
    pages = meta[1]
    assert len(pages) == entry["languages"]["en"]["page_count"] == 40
    (build,) = [p.name for p in (bundle / "fragment").iterdir()]
    assert build.startswith("en_")
    assert [name for name, _ in pages] == [f"{build}/{base36(n)}" for n in range(40)]
    for name, word_count in pages:
        data = gzip.decompress((bundle / "fragment" / f"{name}.pf_fragment").read_bytes())
        assert json.loads(data[len(SIGNATURE) :])["word_count"] == word_count
    assert len(fragments(tmp_path)) == 40  # no other fragment left
    assert len(list(bundle.glob("*.pf_meta"))) == 1
    assert entry["languages"]["en"]["hash"].startswith("en_")


def test_an_index_of_another_version_is_left_as_pagefind_wrote_it(tmp_path: Path) -> None:
    index_site(site_of(tmp_path, 3))
    bundle = tmp_path / BUNDLE
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    entry["version"] = "0.1.0"
    entry_path.write_text(json.dumps(entry), encoding="utf-8")
    before = sorted(p.relative_to(bundle) for p in bundle.rglob("*"))
    assert compact_page_names(bundle) is False
    assert sorted(p.relative_to(bundle) for p in bundle.rglob("*")) == before


def test_the_same_pages_get_the_same_names_and_a_changed_page_new_ones(tmp_path: Path) -> None:
    """Names are stable across builds (README, "Reproducible"), and no browser cache can
    hold a fragment of the same name from a build whose pages differ."""
    site = site_of(tmp_path, 5)

    def names() -> list[str]:
        index_site(site)
        return sorted(str(p.relative_to(site)) for p in site.rglob("*.pf_fragment"))

    first = names()
    assert names() == first
    page = site / "briefings" / "b3" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("Vienna", "Geneva"), "utf-8")
    changed = names()
    assert len(changed) == len(first)
    assert not set(changed) & set(first)
