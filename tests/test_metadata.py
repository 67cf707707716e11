"""Metadata and bylines: titles, authors, outlets, dates and addresses, field by field."""

from __future__ import annotations

import pytest

from build_tools.clean.bylines import looks_like_name, normal_case, read_byline
from build_tools.clean.cleaning import clean
from build_tools.extract.metadata import extract_metadata, outlet_for_domain, split_title
from build_tools.read.reading import decode_seed
from build_tools.records import Metadata


def meta(text: str) -> Metadata:
    return extract_metadata(clean(decode_seed(text.encode("utf-8"), "case.txt")), "case")


BODY = (
    "The talks resumed this week after a long pause, and both delegations said they were ready "
    "to discuss prisoner exchanges and the safety of the nuclear plant.\n"
)


@pytest.mark.parametrize(
    ("line", "names", "placeholder", "tail"),
    [
        ("By Jane Okafor", ("Jane Okafor",), False, ""),
        ("By Jane Okafor and Tomasz Wierzbicki", ("Jane Okafor", "Tomasz Wierzbicki"), False, ""),
        ("BY ANA RUIZ, LEO BRANDT AND MIA KOCH", ("Ana Ruiz", "Leo Brandt", "Mia Koch"), False, ""),
        ("Authors: Hannah Berg; Yusuf Demir", ("Hannah Berg", "Yusuf Demir"), False, ""),
        ("Words: Clara Jansen", ("Clara Jansen",), False, ""),
        ("Analysis by Pieter de Vries", ("Pieter de Vries",), False, ""),
        ("By Dr. Aisha Rahman", ("Aisha Rahman",), False, ""),
        ("By Daniel Ortega-Ruiz", ("Daniel Ortega-Ruiz",), False, ""),
        ("By Ana Petrescu, Senior Fellow", ("Ana Petrescu",), False, "Senior Fellow"),
        ("By Lena Brandt, Nordwire", ("Lena Brandt",), False, "Nordwire"),
        ("Rhys Caldwell | July 22, 2022 | 5 min read", ("Rhys Caldwell",), False, ""),
        ("By Sergiy Tkachenko — 14 Oct 2022", ("Sergiy Tkachenko",), False, ""),
        ("by admin", (), True, ""),
        ("Posted by editor on 2 February 2023", (), True, ""),
        ("Posted on 3rd May 2023 by admin", (), True, ""),
        ("By Staff and Jane Roe", ("Jane Roe",), True, ""),
        ("By Nadia Okonkwo · 2 June 2025 · 31 min listen", ("Nadia Okonkwo",), False, ""),
        ("Nadia Okonkwo | June 2, 20259:14 AM GMT+3", ("Nadia Okonkwo",), False, ""),
        ("Presented by Nadia Okonkwo", ("Nadia Okonkwo",), False, ""),
        ("Host: Nadia Okonkwo", ("Nadia Okonkwo",), False, ""),
        # a date, a dash and a time before the cue (a news site's line under the title)
        ("12 March 2024 - 08:15 By Thandi Mokoena", ("Thandi Mokoena",), False, ""),
    ],
)
def test_bylines(line: str, names: tuple[str, ...], placeholder: bool, tail: str) -> None:
    byline = read_byline(line)
    assert byline is not None
    assert (byline.names, byline.placeholder, byline.tail) == (names, placeholder, tail)


@pytest.mark.parametrize(
    "line",
    [
        "By contrast, the Kremlin has other plans",
        "By 2025 the front had barely moved",
        "From Moscow, the view is different.",
        "Jane Okafor",  # a bare name counts only where the caller says it stands as a byline
        "The Security Council",
        "Senior researcher, Minsk Policy Lab",
    ],
)
def test_not_bylines(line: str) -> None:
    assert read_byline(line) is None


@pytest.mark.parametrize(
    "first",
    [
        "By Jane Okafor LAGOS — Talks on the fuel subsidy resumed on Monday.",
        "By Jane Okafor ABUJA, Nigeria (AP) — Talks on the fuel subsidy resumed on Monday.",
    ],
)
def test_a_byline_glued_to_the_dateline_names_the_author(first: str) -> None:
    text = f"# Fuel talks resume\n\n{first}\n\nThe unions want the subsidy restored.\n"
    assert meta(text).authors == ("Jane Okafor",)


def test_bare_name_lines() -> None:
    assert read_byline("Jane Okafor", bare=True) is not None
    # a name and its outlet after a bar, a comma or in brackets
    for line in ("Jane Okafor | Reuters", "Jane Okafor, AFP", "Jane Okafor (Reuters)"):
        byline = read_byline(line, bare=True)
        assert byline is not None and byline.names == ("Jane Okafor",), line
    assert read_byline("Eastern Europe", bare=True) is None
    assert read_byline("Kyiv Independent", bare=True) is None


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("Jane Roe", True),
        ("Pieter de Vries", True),
        ("J. K. Doe", True),
        ("Senior Fellow", False),
        ("The Kremlin", False),
        ("Vistula Weekly", False),
        ("Madonna", False),
        ("jane roe", False),
    ],
)
def test_names(text: str, ok: bool) -> None:
    assert looks_like_name(text) is ok


@pytest.mark.parametrize(
    ("title", "parts"),
    [
        (
            "Europe Must Plan for a Long War | The Danube Review",
            ("Europe Must Plan for a Long War", "The Danube Review"),
        ),
        (
            "Grain Talks Resume in Istanbul – Harbour Times",
            ("Grain Talks Resume in Istanbul", "Harbour Times"),
        ),
        ("Moscow Sets Out Its Terms - Meduza", ("Moscow Sets Out Its Terms", "Meduza")),
        ("Peace - or a Pause?", ("Peace - or a Pause?", None)),
        (
            "Talks in Geneva | what the table holds",
            ("Talks in Geneva | what the table holds", None),
        ),
        (
            "A Title Written by - Jane Roe",
            ("A Title Written by - Jane Roe", None),
        ),  # a name, not an outlet
        # a site section on either side of a bar is dropped; an outlet after a bullet
        (
            "World News | Ferry Talks Stall Over Rest Rules",
            ("Ferry Talks Stall Over Rest Rules", None),
        ),
        (
            "Ferry Talks Stall Over Rest Rules | News | Harbour Times",
            ("Ferry Talks Stall Over Rest Rules", "Harbour Times"),
        ),
        (
            "Ferry Talks Stall Over Rest Rules • Harbourtimes.no",
            ("Ferry Talks Stall Over Rest Rules", "Harbourtimes.no"),
        ),
    ],
)
def test_split_title(title: str, parts: tuple[str, str | None]) -> None:
    assert split_title(title) == parts


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://www.themoscowtimes.com/2021/12/08/x", "The Moscow Times"),
        ("https://edition.cnn.com/world/x", "CNN"),
        ("www.kyivpost.com/post/1", "Kyiv Post"),
        ("https://unknown-outlet.example/x", None),
    ],
)
def test_outlets_by_domain(url: str, outlet: str | None) -> None:
    assert outlet_for_domain(url) == outlet


def test_a_title_label_is_dropped() -> None:
    assert meta(f"# Analysis | Three Ways Out\n\n{BODY}").title == "Three Ways Out"
    assert meta(f"# Commentary: Three Ways Out\n\n{BODY}").title == "Three Ways Out"


def test_the_text_without_a_title_keeps_the_fallback() -> None:
    assert meta(BODY).title == "case"


def test_the_first_byline_naming_people_wins_over_a_placeholder() -> None:
    m = meta(f"# A Title Here\n\nby admin\n\nBy Jane Roe\n\n{BODY}")
    assert m.authors == ("Jane Roe",)


def test_a_name_line_the_story_is_about_is_no_byline() -> None:
    # a photo's name line under the title ("Ana Morel"), and the body speaks of her
    text = (
        "# Envoy Says Deal Depends on Fishing Rights\n\nAna Morel\n\n16:05 CET, May 6, 2025\n\n"
        "LIMA (Reuters) — The deal will stand or fall with fishing rights, the chief negotiator "
        "said on Tuesday. Morel spoke to reporters on arrival in Santiago for a new round.\n"
    )
    assert meta(text).authors == ()
    assert meta(text.replace("Morel spoke", "The envoy spoke")).authors == ("Ana Morel",)


def test_a_date_from_the_byline_line() -> None:
    assert meta(f"# A Title Here\n\nBy Jane Roe, 12 March 2023\n\n{BODY}").date == "2023-03-12"


def test_the_date_line_wins_over_the_address() -> None:
    m = meta(
        f"# A Title Here\n\nPublished 2 May 2023\n\n{BODY}\nSource: https://a.org/2022/01/01/x\n"
    )
    assert (m.date, m.url) == ("2023-05-02", "https://a.org/2022/01/01/x")


@pytest.mark.parametrize(
    ("line", "outlet"),
    [
        (
            "The views expressed do not necessarily reflect the position of the Harbour Times.",
            "Harbour Times",
        ),
        ("This piece originally appeared in The Northern Ledger.", "The Northern Ledger"),
        ("This article is part of the Eastern Review series on security.", "Eastern Review"),
        ("Republished from Global Voices with permission.", "Global Voices"),
        ("© 2024 Baltic Media Ltd. All rights reserved.", "Baltic Media"),
        ("Copyright 2023 The Danube Review", "The Danube Review"),
    ],
)
def test_outlet_named_in_the_footer(line: str, outlet: str) -> None:
    assert meta(f"# A Title Here\n\n{BODY}\n{line}\n").publication == outlet


def test_outlet_from_a_bio_naming_an_editorial_post() -> None:
    bio = "Jane Roe is a contributing editor at the Harbour Times."
    assert meta(f"# A Title Here\n\n{BODY}\n{bio}\n").publication == "Harbour Times"
    fellow = "Jane Roe is a senior fellow at the Centre for Policy."
    assert meta(f"# A Title Here\n\n{BODY}\n{fellow}\n").publication is None


def test_no_outlet_when_the_text_names_none() -> None:
    m = meta(f"# A Title Here\n\nBy Jane Roe\n\n{BODY}\nSource: https://unknown-news.example/x\n")
    assert m.publication is None


def test_a_broken_address_gives_no_outlet() -> None:
    assert outlet_for_domain("http://[broken") is None


def test_a_copyright_line_naming_the_author_is_no_publication() -> None:
    m = meta(f"# A Title Here\n\nJane Roe\n\n{BODY}\n© 2025 Jane Roe · Privacy · Terms\n")
    assert (m.authors, m.publication) == (("Jane Roe",), None)


@pytest.mark.parametrize(
    ("dateline", "outlet"),
    [
        ("ODESA, June 2 (Harbour Wire) - ", "Harbour Wire"),
        ("BRUSSELS (Agence Nord) — ", "Agence Nord"),
        ("LVIV, Ukraine, Jan. 9 (Eastern Press Service) – ", "Eastern Press Service"),
    ],
)
def test_outlet_named_in_a_wire_dateline(dateline: str, outlet: str) -> None:
    assert meta(f"# A Title Here\n\n{dateline}{BODY}").publication == outlet


def test_no_dateline_in_an_ordinary_first_sentence() -> None:
    text = f"# A Title Here\n\nNATO (the alliance) - as usual - said little. {BODY}"
    assert meta(text).publication is None


@pytest.mark.parametrize(
    ("footer", "url"),
    [
        (
            "Cite as: Roe, J. (2024) Three Ways Out. Brief 3. https://a.org/briefs/3",
            "https://a.org/briefs/3",
        ),
        (
            "First published on 2 May 2024 in the Harbour Times. Original: https://a.org/x",
            "https://a.org/x",
        ),
        ("Original: https://a.org/y", "https://a.org/y"),
        ("www.a.org", None),  # the outlet's home page in the back matter
    ],
)
def test_address_from_a_citation_or_a_labelled_original(footer: str, url: str | None) -> None:
    assert meta(f"# A Title Here\n\n{BODY}\n{footer}\n").url == url


def test_the_original_date_of_a_translation_wins() -> None:
    text = (
        "# A Title Here\n\nBy Jane Roe\n\n20 May 2024\n\n"
        f"{BODY}\nOriginally published on 14 May 2024 in the Harbour Times.\n"
    )
    assert meta(text).date == "2024-05-14"


def test_host_of_a_transcript_is_the_author() -> None:
    text = f"# A Title Here\n\nHost: Jane Roe\n\nGuest: John Doe\n\n{BODY}"
    assert meta(text).authors == ("Jane Roe",)


def test_organisation_in_a_pdf_running_header() -> None:
    header = "Centre for Danube Studies | Working Paper 9"
    text = f"# A Title Here\n\n{BODY}\n{header}   2\n\n{BODY}\n{header}   3\n\n{BODY}"
    assert meta(text).publication == "Centre for Danube Studies"


@pytest.mark.parametrize(
    ("name", "normal"),
    [
        ("KATERYNA BONDAR", "Kateryna Bondar"),
        ("CENTRE FOR BLACK SEA STUDIES", "Centre for Black Sea Studies"),
        ("ANNE DE LA MOTTE", "Anne de la Motte"),
        ("Jane Roe", "Jane Roe"),
    ],
)
def test_names_in_capitals_in_normal_case(name: str, normal: str) -> None:
    assert normal_case(name) == normal


@pytest.mark.parametrize("line", ["Working Paper, Danube Forum", "KEY FINDINGS", "Policy Brief"])
def test_series_and_section_words_are_no_names(line: str) -> None:
    assert read_byline(line, bare=True) is None


def test_a_role_under_the_name_is_no_masthead() -> None:
    m = meta(f"# A Title Here\n\nJane Roe\n\nSenior Fellow, Eastern Institute\n\n{BODY}")
    assert (m.authors, m.publication) == (("Jane Roe",), None)


def test_a_wire_byline_glued_to_the_first_paragraph_names_the_author() -> None:
    text = (
        "# Envoys meet again on the fishing quotas\n\n"
        "Maren HOLT -NWA- The two delegations met again on Friday to discuss the quotas, and "
        "both said they were ready to talk about the closed season.\n\n" + BODY
    )
    assert meta(text).authors == ("Maren Holt",)


def test_a_masthead_spelling_the_address_names_the_outlet() -> None:
    text = (
        "This site uses cookies. Learn more\nGot it!\nHarbourWIRE\n\n"
        "# Envoys meet again on the fishing quotas\n\n" + BODY + "\n"
        "Source: https://www.harbourwire.example/2024/03/envoys-meet\n"
    )
    assert meta(text).publication == "HarbourWIRE"
