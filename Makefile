# One entry point per job; every target sets up what it needs first.
#   make site    set up .venv and build the site into site/ (strict)
#   make test    set up everything the tests need and run the whole suite
#   make redteam run the hostile and pathological input tests alone (part of make test)
#   make slugs   record the slug of each new seed in seeds/slugs.json (make site does it too)
#   make serve   preview with live reload on http://127.0.0.1:8000
#   make pages   write the generated Markdown pages to build/pages (for another generator)
#   make golden  regenerate the golden files after an intended change
#   make bench   run the benchmark and rewrite docs/performance.md (Chromium measures the search)
#   make zensical  build the site with Zensical instead, into site-zensical/ (see README)
#   make eval    score the extraction against the gold annotations, rewrite docs/accuracy.md
#   make train   train the item model on the real articles (../shared/real), rewrite the model
#   make ablation  measure what each cue rule and check contributes, rewrite docs/ablation.md

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# STAMP is what the site targets need (a test empties it to use a venv of its own).
STAMP := $(VENV)/.site-installed
DEV := $(VENV)/.dev-installed
PIP := $(BIN)/python -m pip install --quiet --disable-pip-version-check
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: site slugs test redteam serve pages golden bench eval train ablation lint browser-deps zensical clean

# One stamp per requirement set: `make site` installs only what building the site needs
# (requirements/site.txt), `make test` everything (requirements/dev.txt), `make zensical`
# the site set plus Zensical. Every set is exact versions with hashes (--require-hashes);
# scripts/lock-requirements.sh recompiles them from the ranges in pyproject.toml. The
# checkout itself is installed editable, without build isolation (setuptools is in every
# set), so that the `briefings` command and the MkDocs plugin entry point exist.
$(VENV)/.site-installed: pyproject.toml requirements/site.txt
	$(call install,requirements/site.txt)
$(VENV)/.dev-installed: pyproject.toml requirements/dev.txt
	$(call install,requirements/dev.txt)
$(VENV)/.zensical-installed: pyproject.toml requirements/zensical.txt
	$(call install,requirements/zensical.txt)

define install
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) --require-hashes -r $(1)
	$(PIP) --no-deps --no-build-isolation --editable .
	rm -f $(VENV)/lib/python*/site-packages/build_tools_checkout.pth
	touch $@
endef

# Two `make site` at once take turns (flock on build/.site.lock), and the new site takes the
# old one's place in one step (scripts/swap-dirs.py), so site/ is never missing or nested.
# Built into a fresh folder beside site/ and swapped in only when the build succeeded, so an
# interrupted or failed build leaves the previous site whole. SOURCE_DATE_EPOCH (the last
# commit's time unless set) makes two builds of the same inputs byte-identical.
site: $(STAMP)
	@set -e; \
	if [ -z "$${SOURCE_DATE_EPOCH:-}" ]; then \
		SOURCE_DATE_EPOCH=$$(git log -1 --format=%ct 2>/dev/null || true); \
	fi; \
	if [ -n "$$SOURCE_DATE_EPOCH" ]; then export SOURCE_DATE_EPOCH; fi; \
	mkdir -p build; \
	exec 9>build/.site.lock; if command -v flock >/dev/null; then flock 9; fi; \
	$(BIN)/python -m build_tools slugs --seeds "$${BRIEFINGS_SEEDS:-seeds}"; \
	new=$$(mktemp -d build/site-new.XXXXXX); \
	trap 'rm -rf "$$new"' EXIT INT TERM; \
	$(BIN)/mkdocs build --strict --site-dir "$$new"; \
	chmod 755 "$$new"; \
	$(BIN)/python scripts/swap-dirs.py "$$new" site; \
	echo "site/ replaced (SOURCE_DATE_EPOCH=$${SOURCE_DATE_EPOCH:-unset})"

# A new seed's slug is recorded before the build (and an entry of a removed seed dropped),
# so that its URL stays when a seed with the same title is added later: commit the record.
slugs: $(STAMP)
	$(BIN)/python -m build_tools slugs

# Zensical, Material for MkDocs' successor, runs no MkDocs plugin: the pages are generated
# first, then built beside docs/ (build_tools/zensical_site.py).
zensical: $(VENV)/.zensical-installed
	$(BIN)/python -m build_tools.zensical_site

serve: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

pages: $(STAMP)
	$(BIN)/python -m build_tools build --out build/pages

lint: $(DEV)
	$(BIN)/ruff format --check build_tools tests
	$(BIN)/ruff check build_tools tests
	$(BIN)/mypy

browser-deps: $(DEV)
	bash scripts/install-browser-deps.sh

test: $(DEV) lint browser-deps
	REDTEAM_FULL=1 $(BIN)/python -m pytest

# Hostile and broken input alone (issue 15; also part of `make test`): the red team's cases,
# the pathological-input suite with its 10 MB line, the cache that never runs code, builds
# byte-identical under any hash seed, the property tests and the browser's hostile seeds.
redteam: $(DEV) browser-deps
	REDTEAM_FULL=1 $(BIN)/python -m pytest -m redteam

golden: $(DEV)
	$(BIN)/python -m tests.regenerate

# Real, published articles with gold annotations live outside the project (never copied into
# it): dev/ is learned from, blind/ only scored. Without them, train and the real sets of eval
# are skipped with one line.
REAL ?= ../shared/real
REAL_SETS := $(if $(wildcard $(REAL)/blind/gold $(REAL)/dev/gold),$(REAL)/blind/gold $(REAL)/blind/articles $(REAL)/dev/gold $(REAL)/dev/articles)
REAL_LABELS := $(if $(REAL_SETS),--label "real articles: blind" --label "real articles: dev")
# Topics per item are scored on hand labels of the real dev articles' gold items.
REAL_TOPICS := $(if $(REAL_SETS),--topics tests/topic_gold.yml $(REAL)/dev/gold $(REAL)/dev/articles)
NO_REAL := echo "skipped the real articles: $(REAL) is absent"

# The real sets first (the measure of quality), then the project's own articles (regression
# tests): the public seeds, the test articles and the two sets written blind.
eval: $(DEV)
	@$(if $(REAL_SETS),true,$(NO_REAL))
	$(BIN)/python -m build_tools evaluate $(REAL_SETS) tests/gold seeds \
		tests/corpus/gold tests/corpus/seeds \
		tests/heldout/gold tests/heldout/seeds tests/heldout_b/gold tests/heldout_b/seeds \
		$(REAL_LABELS) --label "public seeds" --label "test articles" \
		--label "held-out articles" --label "held-out set B" $(REAL_TOPICS) \
		--notes tests/eval_notes.yml --model build_tools/models/items.json \
		--markdown docs/accuracy.md

# The item model: cross-validated and trained on the real dev articles, trained also on the
# project's own annotated articles; deterministic (same articles, same bytes). The build never
# trains: it reads build_tools/models/items.json.
train: $(DEV)
	@$(if $(REAL_SETS),true,$(NO_REAL); exit 0)
	$(if $(REAL_SETS),$(BIN)/python -m build_tools train \
		--measure $(REAL)/dev/gold $(REAL)/dev/articles \
		--keep tests/gold seeds --extra tests/corpus/gold tests/corpus/seeds \
		--extra tests/heldout/gold tests/heldout/seeds \
		--extra tests/heldout_b/gold tests/heldout_b/seeds --out build_tools/models/items.json,)

# Each cue rule and rejection check switched off alone, on the real dev articles.
ablation: $(DEV)
	@$(if $(REAL_SETS),true,$(NO_REAL); exit 0)
	$(if $(REAL_SETS),$(BIN)/python -m build_tools ablate $(REAL)/dev/gold $(REAL)/dev/articles \
		--label "the real dev articles" --markdown docs/ablation.md,)

bench: $(DEV) browser-deps
	$(BIN)/python -m benchmarks.run

clean:
	rm -rf site build .cache .pytest_cache .mypy_cache .ruff_cache
