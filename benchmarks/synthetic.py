"""Synthetic corpus: N seed files made from the paragraphs of real seeds, for scale tests
and the benchmark.

    python -m benchmarks.synthetic N OUT_DIR [--seed S]

The paragraph pool is the cleaned body of every seed in `seeds/` and `tests/corpus/seeds/`
(when present), with their hyperlinks put back as Markdown links. Each article draws a
shuffled handful of paragraphs and gets a unique title, a byline, a date (about one in ten
has none, as in real scrapes), one or two attributed demands and proposals from varied
parties of the actor list, a link to an invented source and an "Original url" footer.

Article `i` depends only on the pool, `i` and the random seed, so the first 10 articles of
a 1,000-article corpus are the 10 articles of a 10-article one: a page can be compared across
corpus sizes. Names and addresses are invented; web addresses use the reserved
`example.*` domains.
"""

from __future__ import annotations

import argparse
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from build_tools.briefing import briefing_from_path, slugify
from build_tools.corpus import seed_paths
from build_tools.extract.actors import known_parties
from build_tools.records import Paragraph

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIRS = (ROOT / "seeds", ROOT / "tests" / "corpus" / "seeds")
PATTERN = re.compile(r"^synthetic_\d{5}\.txt$")

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]  # fmt: skip
FIRST_NAMES = ["Alex", "Maria", "Jonas", "Irena", "Tomas", "Leila", "Pavel", "Clara", "Omar",
               "Sofia", "Mikko", "Nadia", "Ruth", "Viktor", "Elena", "Samuel"]  # fmt: skip
LAST_NAMES = ["Morgan", "Kovacs", "Lindqvist", "Petrenko", "Almeida", "Novak", "Brennan",
              "Haddad", "Sato", "Weber", "Ionescu", "Okafor", "Berg", "Marchetti"]  # fmt: skip
OUTLETS = ["analysis.example.org", "news.example.com", "review.example.net", "example.org",
           "policy.example.com", "journal.example.net"]  # fmt: skip
TITLE_OPENERS = ["Why", "How", "What", "When", "Where"]
TITLE_SUBJECTS = ["the talks", "the ceasefire", "security guarantees", "sanctions relief",
                  "the front line", "a peace plan", "the mediators", "the neutrality offer",
                  "prisoner exchanges", "reconstruction money", "military aid",
                  "the nuclear plant"]  # fmt: skip
TITLE_ENDS = ["stall", "could work", "matter now", "need a rethink", "divide the allies",
              "test the West", "shape the next round", "keep failing"]  # fmt: skip
DEMANDS = [
    "a ceasefire along the current line of contact",
    "the withdrawal of all foreign troops from occupied territory",
    "binding security guarantees before any talks begin",
    "the lifting of sanctions on its banks",
    "an exchange of all prisoners of war",
    "international monitors at the nuclear power plant",
    "recognition of its claims to the annexed regions",
    "an end to arms deliveries during a truce",
]
PROPOSALS = [
    "a reconstruction fund financed from frozen assets",
    "a phased ceasefire verified by international monitors",
    "a neutral status for the country backed by guarantor states",
    "a special tribunal for the crime of aggression",
    "a staged easing of sanctions tied to troop withdrawals",
    "a new round of talks under United Nations mediation",
    "faster military aid, including air defence",
    "a grain corridor protected by a naval mission",
]


@dataclass(frozen=True, slots=True)
class Pool:
    """What synthetic articles are drawn from."""

    paragraphs: tuple[str, ...]
    """Body paragraphs of real seeds, as Markdown."""
    headings: tuple[str, ...]
    """Section headings of real seeds."""


def load_pool(source_dirs: Sequence[Path] = SOURCE_DIRS) -> Pool:
    """The paragraphs and headings of every seed in the folders that exist, in file order."""
    paragraphs: list[str] = []
    headings: list[str] = []
    for folder in source_dirs:
        if not folder.is_dir():
            continue
        for path in seed_paths(folder):
            for p in briefing_from_path(path).body:
                (headings if p.heading else paragraphs).append(paragraph_markdown(p))
    if not paragraphs:
        raise SystemExit(f"no seed paragraphs found in {', '.join(map(str, source_dirs))}")
    return Pool(tuple(paragraphs), tuple(headings))


def paragraph_markdown(p: Paragraph) -> str:
    """A cleaned paragraph as seed text again, its links written back as `[text](href)`."""
    out, pos = [], 0
    for lk in p.links:
        if lk.start < pos:
            continue
        out.append(p.text[pos : lk.start])
        out.append(f"[{p.text[lk.start : lk.end]}]({lk.href or '#'})")
        pos = lk.end
    out.append(p.text[pos:])
    return "".join(out)


def synthetic_article(i: int, pool: Pool, seed: int = 0) -> str:
    """The text of synthetic article number `i` (0-based)."""
    rng = random.Random(f"{seed}:{i}")
    title = (
        f"{rng.choice(TITLE_OPENERS)} {rng.choice(TITLE_SUBJECTS)} "
        f"{rng.choice(TITLE_ENDS)}, part {i + 1}"
    )
    author = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
    outlet = rng.choice(OUTLETS)
    body = rng.sample(pool.paragraphs, k=min(len(pool.paragraphs), rng.randint(5, 12)))
    body += _party_sentences(rng, outlet)
    rng.shuffle(body)
    if pool.headings and rng.random() < 0.5:
        body.insert(len(body) // 2, f"## {rng.choice(pool.headings)}")
    lines = [f"# {title}", "", f"By {author}", ""]
    date = _date_line(rng)
    if date:
        lines += [date, ""]
    for block in body:
        lines += [block, ""]
    lines += [f"Original url: https://{outlet}/articles/{slugify(title)}", ""]
    return "\n".join(lines)


def _party_sentences(rng: random.Random, outlet: str) -> list[str]:
    parties = [p.name for p in known_parties()]
    sentences = []
    for _ in range(rng.randint(1, 2)):
        sentences.append(f"{rng.choice(parties)} demands {rng.choice(DEMANDS)}.")
    for _ in range(rng.randint(1, 2)):
        source = f"https://{outlet}/sources/{rng.randint(1, 400)}"
        sentences.append(
            f"According to [a statement]({source}), {rng.choice(parties)} proposes "
            f"{rng.choice(PROPOSALS)}."
        )
    return sentences


def _date_line(rng: random.Random) -> str | None:
    if rng.random() < 0.1:
        return None
    year, month, day = rng.randint(2014, 2025), rng.randint(1, 12), rng.randint(1, 28)
    forms = [
        f"{MONTHS[month - 1]} {day:02d}, {year}",
        f"{day} {MONTHS[month - 1]} {year}",
        f"{year}-{month:02d}-{day:02d}",
        f"Published: {day:02d}.{month:02d}.{year}",
    ]
    return rng.choice(forms)


def write_corpus(out_dir: Path, n: int, seed: int = 0, pool: Pool | None = None) -> list[Path]:
    """Write `n` synthetic seed files to `out_dir`, replacing earlier synthetic files there;
    returns their paths. A folder holding anything else is refused, never emptied."""
    pool = pool or load_pool()
    if out_dir.exists():
        foreign = [p.name for p in out_dir.iterdir() if not PATTERN.match(p.name)]
        if foreign:
            raise SystemExit(f"{out_dir}: holds files this tool did not write ({foreign[0]}, ...)")
        for old in out_dir.iterdir():
            old.unlink()
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        path = out_dir / f"synthetic_{i:05d}.txt"
        path.write_text(synthetic_article(i, pool, seed), encoding="utf-8")
        paths.append(path)
    return paths


RARE_WORD = "quillwort"
"""A word no synthetic article uses (`mark_article` gives it to one)."""


def mark_article(path: Path, word: str = RARE_WORD) -> None:
    """Give the synthetic article at `path` a sentence holding `word`, at the end of its
    body (before the address of the original), so that one briefing alone has it."""
    text = path.read_text(encoding="utf-8")
    head, sep, tail = text.partition("\n\nOriginal url:")
    sentence = f"Diplomats in the corridor called the draft the {word} compromise."
    path.write_text(f"{head}\n\n{sentence}{sep}{tail}", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.synthetic",
        description="Write N synthetic seed files made from the paragraphs of the real seeds.",
    )
    parser.add_argument("n", type=int, help="number of articles")
    parser.add_argument("out", type=Path, help="output folder (replaced whole)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    args = parser.parse_args(argv)
    paths = write_corpus(args.out, args.n, args.seed)
    print(f"{len(paths)} synthetic seeds written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
