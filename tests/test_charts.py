"""Charts: static SVG with a text alternative, a table of the same numbers beside it, and
seed text kept as text."""

from __future__ import annotations

import re
from dataclasses import replace
from xml.etree import ElementTree as ET

from build_tools.corpus import load_corpus
from build_tools.records import Briefing
from build_tools.render.charts import Series, bar_chart, heat_map
from build_tools.render.pages import generate_pages
from build_tools.render.parties import item_party
from build_tools.render.views import paths
from build_tools.render.views.actors import actor_path, party_slugs
from tests.conftest import SEEDS

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = '<script>alert(1)</script>" onload="x'


def figures(page: str) -> list[ET.Element]:
    """Each chart of a page, parsed (a chart is one raw HTML block, well-formed XML)."""
    blocks = re.findall(r"<figure class=\"chart\".*?</figure>", page, re.S)
    return [ET.fromstring(block) for block in blocks]


def assert_labelled(figure: ET.Element) -> str:
    """The chart names its title and description, which hold its numbers; returns them."""
    svg = figure.find(f"{SVG}svg")
    assert svg is not None and svg.get("role") == "img"
    ids = (svg.get("aria-labelledby") or "").split()
    found = {e.get("id"): (e.text or "") for e in svg.iter() if e.get("id")}
    assert len(ids) == 2 and all(found.get(i) for i in ids), ids
    assert figure.find("figcaption") is not None
    return " ".join(found[i] for i in ids)


def assert_static(block: str) -> None:
    assert "<script" not in block and "href" not in block
    assert not re.search(r"\son\w+=[\"']", block)


def test_bar_chart_states_its_numbers() -> None:
    block = bar_chart("c", "Per year", ["2021", "2022"], [Series("briefings", "series-a", [3, 0])])
    (figure,) = figures(block)
    text = assert_labelled(figure)
    assert "2021: 3 briefings; 2022: 0 briefings" in text
    assert len(figure.findall(f".//{SVG}rect")) == 3  # two bars and the legend's key
    assert_static(block)


def test_heat_map_escapes_names_from_seeds() -> None:
    block = heat_map("h", "Heat", [HOSTILE], ["Topic"], {(HOSTILE, "Topic"): 2})
    (figure,) = figures(block)
    assert "<script" not in block
    assert "&#60;script&#62;" in block and 'onload="x' not in block
    assert f"{HOSTILE}: Topic 2" in assert_labelled(figure)
    assert_static(block)


def corpus() -> tuple[Briefing, ...]:
    return load_corpus(SEEDS).briefings


def test_views_carry_their_charts_beside_tables() -> None:
    briefings = corpus()
    pages = generate_pages(briefings)
    slugs = party_slugs(briefings)
    timeline = pages[paths.TIMELINE]
    (figure,) = figures(timeline)
    assert "2021: 1 briefings published, 0 dated mentions" in assert_labelled(figure)
    assert timeline.index("</figure>") < timeline.index('<div class="cards"')
    matrix = pages[paths.MATRIX]
    (heat,) = figures(matrix)
    described = assert_labelled(heat)
    for b in briefings:
        for item in b.demands:
            assert item_party(b, item) in described
    parties = {item_party(b, i) for b in briefings for i in (*b.demands, *b.proposals)}
    for party in parties:
        page = pages[actor_path(party, slugs)]
        (chart,) = figures(page)
        assert "demands" in assert_labelled(chart) and "## Over time" in page
    for page in (timeline, matrix):
        for block in re.findall(r"<figure.*?</figure>", page, re.S):
            assert_static(block)


def test_a_party_named_like_markup_stays_text_in_its_charts() -> None:
    b = corpus()[0]
    hostile = tuple(replace(i, actor=HOSTILE) for i in b.demands)
    pages = generate_pages((replace(b, demands=hostile),))
    slugs = party_slugs((replace(b, demands=hostile),))
    for page in (pages[paths.MATRIX], pages[actor_path(HOSTILE, slugs)]):
        for block in re.findall(r"<figure.*?</figure>", page, re.S):
            ET.fromstring(block)  # still well-formed: nothing ended an element or attribute
            assert "<script" not in block
