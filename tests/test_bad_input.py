"""Bad input: every seed in tests/cases/bad_input/ gives either a clean page that shows its
text as text, or a one-line error naming the file (expectations in `cases.yml`).

Pages are rendered to HTML with Python-Markdown and the site's `markdown_extensions`, and
the HTML may hold only the elements and attributes the renderer itself writes: nothing from
a seed (tag, event attribute, `javascript:` or `data:` target) ever becomes markup.
"""

from __future__ import annotations

import html
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml

from build_tools.briefing import make_briefing
from build_tools.corpus import load_corpus, make_seed_briefing
from build_tools.errors import BriefingError
from build_tools.read.reading import decode_seed
from build_tools.render.pages import generate_pages
from build_tools.render.rendering import briefing_path, render_briefing
from tests.conftest import CASES, ROOT, load_yaml
from tests.pagefind_index import fragments

pytestmark = pytest.mark.redteam

CASE_DIR = CASES / "bad_input"
EXPECT: dict[str, dict[str, Any]] = load_yaml(CASE_DIR / "cases.yml")
PAGE_CASES = sorted(name for name, e in EXPECT.items() if "error" not in e)
ERROR_CASES = sorted(name for name, e in EXPECT.items() if "error" in e)

# What the renderer writes (with toc permalinks, admonitions, details and tables).
ALLOWED_TAGS = {
    "h1", "h2", "h3", "h4", "h5", "h6", "p", "a", "strong", "em", "code", "div", "details",
    "summary", "table", "thead", "tbody", "tr", "th", "td", "ul", "li", "br",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"id", "class", "href", "title", "style"}
# A link leaves the page for a web address, a paragraph, or an author's page (a slug).
SAFE_HREF = re.compile(r"^(?:https?://|mailto:|#|\.\./actors/[a-z0-9-]+\.md$)")


def site_markdown() -> markdown.Markdown:
    """Python-Markdown with the `markdown_extensions` of mkdocs.yml, as MkDocs sets it up."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    names, configs = [], {}
    for entry in config["markdown_extensions"]:
        if isinstance(entry, dict):
            (name, options), *_ = entry.items()
            names.append(name)
            configs[name] = {
                k: v == "true" if v in ("true", "false") else v for k, v in (options or {}).items()
            }
        else:
            names.append(entry)
    return markdown.Markdown(extensions=names, extension_configs=configs)


def page_html(page: str) -> str:
    """A generated page as the site's HTML: front matter off, Markdown rendered."""
    assert page.startswith("---\n")
    _, front, body = page.split("---\n", 2)
    assert isinstance(yaml.safe_load(front), dict)
    return site_markdown().convert(body)


class Markup(HTMLParser):
    """Collects the elements, attributes and visible text of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attributes: list[tuple[str, str, str]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes.extend((tag, name, value or "") for name, value in attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse_html(text: str) -> Markup:
    parser = Markup()
    parser.feed(text)
    parser.close()
    return parser


def visible_text(parsed: Markup) -> str:
    return re.sub(r"\s+", " ", "".join(parsed.text))


def assert_no_markup_from_seed(parsed: Markup) -> None:
    assert parsed.tags <= ALLOWED_TAGS, parsed.tags - ALLOWED_TAGS
    for tag, name, value in parsed.attributes:
        assert name in ALLOWED_ATTRIBUTES, (tag, name, value)
        if name == "href":
            assert SAFE_HREF.match(value), (tag, value)
        if name == "style":
            # Table alignment, or a paragraph's number (shown by CSS) and nothing else.
            assert re.fullmatch(r"text-align: (?:left|right|center);?|--p: '\d+'", value), value


@pytest.mark.parametrize("name", ERROR_CASES)
def test_unusable_seed_is_one_line_error(name: str) -> None:
    path = CASE_DIR / name
    with pytest.raises(BriefingError) as error:
        make_seed_briefing(path)
    assert str(error.value) == f"{path}: {EXPECT[name]['error']}"
    assert "\n" not in str(error.value)


@pytest.mark.parametrize("name", PAGE_CASES)
def test_seed_gives_clean_page(name: str) -> None:
    expect = EXPECT[name]
    b = make_seed_briefing(CASE_DIR / name)
    if "title" in expect:
        assert b.meta.title == expect["title"]
    if "warnings" in expect:
        assert list(b.warnings) == expect["warnings"]
    parsed = parse_html(page_html(render_briefing(b)))
    assert_no_markup_from_seed(parsed)
    text = visible_text(parsed)
    for shown in expect["shows"]:
        assert shown in text


def test_line_endings_and_bom_do_not_change_the_briefing() -> None:
    plain = make_seed_briefing(CASE_DIR / "same-title-a.txt")
    for name in ("crlf.txt", "lone-cr.txt", "utf8-bom.txt", "utf16-le-bom.txt", "utf16-be.txt"):
        b = make_seed_briefing(CASE_DIR / name)
        assert (b.meta, b.body, b.links, b.demands, b.proposals) == (
            plain.meta,
            plain.body,
            plain.links,
            plain.demands,
            plain.proposals,
        )


def test_hostile_link_targets_are_listed_not_linked() -> None:
    b = make_seed_briefing(CASE_DIR / "hostile-html.txt")
    hrefs = [lk.href for lk in b.links]
    assert "javascript:alert('link')" in hrefs
    assert any(h.startswith("data:text/html") for h in hrefs)
    page = page_html(render_briefing(b))
    assert "javascript:" not in page.lower().replace("javascript:alert", "")
    for _, name, value in parse_html(page).attributes:
        assert "javascript" not in value.lower() and not value.startswith("data:"), (name, value)


def test_front_matter_survives_hostile_title() -> None:
    b = make_seed_briefing(CASE_DIR / "hostile-html.txt")
    front = yaml.safe_load(render_briefing(b).split("---\n", 2)[1])
    assert "<script>" not in front["title"]
    assert html.unescape(front["title"]) == b.meta.title


def test_same_titles_get_distinct_slugs_and_both_pages(tmp_path: Path) -> None:
    for name in ("same-title-a.txt", "same-title-b.txt", "name with spaces.txt"):
        shutil.copy(CASE_DIR / name, tmp_path / name)
    corpus = load_corpus(tmp_path)
    slugs = [b.slug for b in corpus.briefings]
    assert slugs == [
        "talks-resume-in-geneva",
        "talks-resume-in-geneva-2",
        "talks-resume-in-geneva-3",
    ]
    pages = generate_pages(corpus.briefings)
    assert all(briefing_path(b) in pages for b in corpus.briefings)
    home = pages["index.md"]
    assert all(f"briefings/{slug}.md" in home for slug in slugs)


def test_one_bad_seed_does_not_stop_the_others(tmp_path: Path) -> None:
    for name in ("empty.txt", "binary.txt", "same-title-a.txt", "non-english.txt"):
        shutil.copy(CASE_DIR / name, tmp_path / name)
    corpus = load_corpus(tmp_path)
    assert [b.source for b in corpus.briefings] == ["non-english.txt", "same-title-a.txt"]
    assert [Path(e.path).name for e in corpus.errors] == ["binary.txt", "empty.txt"]


def test_missing_seeds_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(BriefingError) as error:
        load_corpus(tmp_path / "nowhere")
    assert str(error.value) == f"{tmp_path / 'nowhere'}: seeds folder not found"


def test_empty_seeds_folder_gives_no_briefings(tmp_path: Path) -> None:
    corpus = load_corpus(tmp_path)
    assert corpus.briefings == () and corpus.errors == ()
    assert "**0** briefings" in generate_pages(corpus.briefings)["index.md"]


def test_sentence_ending_in_emoji_stays_in_body() -> None:
    text = (
        "# Talks\n\nThe envoys met again and agreed to talk next week. 🙂\n\nBoth sides said so.\n"
    )
    b = make_briefing(decode_seed(text.encode(), "emoji.txt"))
    assert b.paragraphs[0].text == "The envoys met again and agreed to talk next week. 🙂"


def long_article(size: int) -> str:
    """A made-up article of about `size` characters: paragraphs with links and demands."""
    paragraph = (
        "Russia demands that Ukraine withdraw its troops, an official told [reporters](#) on "
        "Monday. The mediators should publish the [draft text](https://example.org/draft) "
        "before the next round, and both sides said the talks in Geneva were useful."
    )
    count = size // (len(paragraph) + 2) + 1
    return "# A Very Long Article\n\nBy Ana Ruiz\n\n" + "\n\n".join([paragraph] * count) + "\n"


def test_five_megabyte_article() -> None:
    text = long_article(5_000_000)
    b = make_briefing(decode_seed(text.encode(), "long.txt"))
    count = text.count("Russia demands")
    assert len(b.paragraphs) == count
    assert len(b.links) == 2 * count
    anchors = {p.anchor for p in b.body}
    assert b.demands and all(d.paragraph in anchors for d in b.demands)
    assert len({p.anchor for p in b.body}) == len(b.body)
    page = render_briefing(b)
    assert page.count("{: #p-") == count


def test_one_megabyte_line() -> None:
    """A whole article on one line (links only at its ends: the link list's sentence lookup
    is quadratic in the links of one paragraph, reported to the lead)."""
    sentence = "The talks went on for another day while the envoys waited in Geneva. "
    middle = sentence * (1_000_000 // len(sentence) + 1)
    line = f"Read [the statement](#) first. {middle}See the [draft](https://example.org/d)."
    b = make_briefing(decode_seed(f"# One Line\n\n{line}\n".encode(), "line.txt"))
    assert len(b.paragraphs) == 1
    assert [(lk.text, lk.placeholder) for lk in b.links] == [
        ("the statement", True),
        ("draft", False),
    ]
    assert b.paragraphs[0].text == line.replace("[the statement](#)", "the statement").replace(
        "[draft](https://example.org/d)", "draft"
    )
    assert render_briefing(b).count("envoys waited in Geneva") >= middle.count(sentence)


# --- through MkDocs: the built site, and the hook's one-line errors -----------------------

HOSTILE_SEEDS = [
    CASE_DIR / name
    for name in (
        "hostile-html.txt",
        "markdown-syntax.txt",
        "non-english.txt",
        "name with spaces.txt",
        "naïve ñame — ünïcode.txt",
    )
]


class ActiveParts(HTMLParser):
    """What a browser would run or apply: event attributes, link and source targets, inline
    styles, and the text of script and style elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.handlers: list[str] = []
        self.targets: list[str] = []
        self.code: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append(f"{tag} {name}={value}")
            elif name in ("href", "src", "action", "formaction", "xlink:href", "data"):
                self.targets.append((value or "").strip().lower())
            elif name == "style":
                self.code.append(value or "")
        self._in = tag if tag in ("script", "style") else None

    def handle_endtag(self, tag: str) -> None:
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in:
            self.code.append(data)


def active_parts(text: str) -> ActiveParts:
    parser = ActiveParts()
    parser.feed(text)
    parser.close()
    return parser


def assert_nothing_runs(text: str, where: object) -> None:
    parts = active_parts(text)
    assert not parts.tags & {"iframe", "object", "embed", "img"}, where
    assert parts.handlers == [], where
    assert not [t for t in parts.targets if t.startswith(("javascript:", "data:", "vbscript:"))]
    assert not [c for c in parts.code if "alert(" in c or "display: none" in c], where


@pytest.mark.slow
def test_built_site_runs_nothing_from_a_seed(tmp_path: Path) -> None:
    from tests.sitebuild import build_site

    # Issue 15, items 1 and 2: a file name with blank lines and HTML, and a party named in a
    # sidecar with HTML that closes the page's <title>.
    extra = tmp_path / "extra"
    extra.mkdir()
    named = extra / "a\n\n<img src=x onerror=alert(1)>\n\nb.txt"
    shutil.copy(CASE_DIR / "crlf.txt", named)
    shutil.copy(CASE_DIR / "same-title-a.txt", extra / "party.txt")
    (extra / "party.yml").write_text(
        'demands:\n  add:\n    - actor: "</title><img src=x onerror=alert(1)>"\n'
        "      text: Ukraine withdraw from the region\n      paragraph: p-1\n"
    )
    site = build_site(tmp_path / "project", [*HOSTILE_SEEDS, named, *sorted(extra.glob("party.*"))])
    pages = sorted(site.rglob("*.html"))
    assert site / "actors" / "title-img-src-x-onerror-alert-1" / "index.html" in pages
    hostile_page = site / "briefings" / make_seed_briefing(HOSTILE_SEEDS[0]).slug / "index.html"
    assert hostile_page in pages
    assert "Hover over this sentence about the talks." in hostile_page.read_text(encoding="utf-8")
    for page in pages:
        assert_nothing_runs(page.read_text(encoding="utf-8"), page)
    # The search shows a result's title, date and excerpt as text (only Pagefind's <mark>
    # becomes markup: tests/browser/test_hostile.py); what the index holds is the pages' text.
    records = fragments(site)
    assert any("Hover over this sentence about the talks." in r["content"] for r in records)
    assert any(
        "</title><img src=x onerror=alert(1)>" in r["filters"].get("party", []) for r in records
    )


def mkdocs_build(tmp_path: Path, seeds: list[Path], *extra: str) -> tuple[int, str]:
    from tests.sitebuild import prepare_project, run_mkdocs_build

    result = run_mkdocs_build(prepare_project(tmp_path, seeds), *extra)
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    return result.returncode, output


@pytest.mark.slow
def test_bad_seed_fails_strict_build_with_its_message(tmp_path: Path) -> None:
    status, output = mkdocs_build(tmp_path, [CASE_DIR / "empty.txt", CASE_DIR / "crlf.txt"])
    assert status != 0
    assert f"{tmp_path / 'seeds' / 'empty.txt'}: file is empty" in output


@pytest.mark.slow
def test_bad_seed_does_not_stop_a_lenient_build(tmp_path: Path) -> None:
    seeds = [CASE_DIR / "binary.txt", CASE_DIR / "crlf.txt"]
    status, output = mkdocs_build(tmp_path, seeds, "--no-strict")
    assert status == 0, output
    assert "binary.txt: binary content (NUL bytes), not a text file" in output
    assert (tmp_path / "site" / "briefings" / "talks-resume-in-geneva" / "index.html").exists()


@pytest.mark.slow
def test_bad_sidecar_fails_strict_build_with_file_and_line(tmp_path: Path) -> None:
    from tests.sitebuild import prepare_project, run_mkdocs_build

    config = prepare_project(tmp_path, [CASE_DIR / "crlf.txt"])
    (tmp_path / "seeds" / "crlf.yml").write_text("date: 2023-05-04\ndate: 2023-05-05\n")
    result = run_mkdocs_build(config)
    assert result.returncode != 0
    assert (
        f"{tmp_path / 'seeds' / 'crlf.yml'}:2: duplicate key 'date' in the sidecar" in result.stderr
    )
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_missing_and_empty_seeds_folders_through_mkdocs(tmp_path: Path) -> None:
    from tests.sitebuild import prepare_project, run_mkdocs_build

    config = prepare_project(tmp_path, [])
    result = run_mkdocs_build(config)
    assert result.returncode != 0
    assert "no seed files (*.txt) found" in result.stderr
    shutil.rmtree(tmp_path / "seeds")
    result = run_mkdocs_build(config)
    assert result.returncode != 0
    assert f"{tmp_path / 'seeds'}: seeds folder not found" in result.stderr
    assert "Traceback" not in result.stderr
