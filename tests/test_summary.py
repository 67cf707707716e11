"""The one-paragraph summary: lead, thesis, central sentence and key phrases."""

from __future__ import annotations

from build_tools.extract.summary import summarize
from build_tools.records import Paragraph


def body(*paragraphs: str) -> tuple[Paragraph, ...]:
    return tuple(Paragraph(f"p-{i}", text, i) for i, text in enumerate(paragraphs, start=1))


ARTICLE = body(
    "A grain deal could open the way to wider talks between Moscow and Kyiv this winter.",
    "Shipping through the Black Sea has fallen by half since the summer. Insurers have raised "
    "their premiums for every port on the coast. Traders in Odesa say the grain deal is the "
    "only way to keep the ports open.",
    "Critics say that Europe should stay out of the talks altogether.",
    "Should the grain deal collapse, prices will rise again? Nobody knows.",
    "The European Union should underwrite the insurance of grain ships, so that the grain deal "
    "survives the next attack on the ports.",
)


def test_summary_holds_the_lead_and_the_authors_thesis_in_article_order() -> None:
    summary = summarize(ARTICLE)
    assert summary.startswith("A grain deal could open the way")
    assert "The European Union should underwrite the insurance" in summary
    assert summary.index("A grain deal") < summary.index("The European Union should")


def test_reported_views_and_questions_are_not_the_thesis() -> None:
    summary = summarize(ARTICLE)
    assert "Critics say" not in summary
    assert "?" not in summary


def test_the_most_repeated_word_pair_is_in_the_summary() -> None:
    assert "grain deal" in summarize(ARTICLE).lower()


def test_summary_is_short() -> None:
    long_body = body(
        *[f"Sentence number {i} talks about the grain deal and ports." for i in range(40)]
    )
    summary = summarize(long_body)
    assert 0 < len(summary) <= 800
    assert summary.count(".") <= 4


def test_short_first_sentence_brings_the_second() -> None:
    summary = summarize(body("Talks resume. Both sides sent delegations to Istanbul on Monday."))
    assert summary == "Talks resume. Both sides sent delegations to Istanbul on Monday."


def test_empty_body_gives_empty_summary() -> None:
    assert summarize(()) == ""
    assert summarize((Paragraph("h-1", "A heading", 1, heading=True),)) == ""


def test_summary_is_stable() -> None:
    assert summarize(ARTICLE) == summarize(ARTICLE)
