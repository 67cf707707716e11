# One entry point per job; every target sets up what it needs first.
#   make site    set up .venv and build the site into site/ (strict)
#   make test    set up everything the tests need and run the whole suite
#   make serve   preview with live reload on http://127.0.0.1:8000
#   make pages   write the generated Markdown pages to build/pages (for another generator)
#   make golden  regenerate the golden files after an intended change
#   make bench   run the benchmark and rewrite docs/performance.md
#   make eval    score the extraction against the gold annotations, rewrite docs/accuracy.md

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: site test serve pages golden bench eval lint browser-deps clean

$(STAMP): pyproject.toml requirements/site.txt requirements/dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -r requirements/dev.txt
	# Make the checkout importable (like `pip install -e .`, without a build backend).
	$(BIN)/python -c "import pathlib, site; pathlib.Path(site.getsitepackages()[0], 'build_tools_checkout.pth').write_text(str(pathlib.Path.cwd()) + '\n')"
	touch $(STAMP)

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
	new=$$(mktemp -d build/site-new.XXXXXX); old=build/site-old.$$$$; \
	trap 'rm -rf "$$new" "$$old"' EXIT INT TERM; \
	$(BIN)/mkdocs build --strict --site-dir "$$new"; \
	chmod 755 "$$new"; \
	if [ -e site ]; then mv site "$$old"; fi; \
	mv "$$new" site; \
	echo "site/ replaced (SOURCE_DATE_EPOCH=$${SOURCE_DATE_EPOCH:-unset})"

serve: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

pages: $(STAMP)
	$(BIN)/python -m build_tools build --out build/pages

lint: $(STAMP)
	$(BIN)/ruff format --check build_tools tests
	$(BIN)/ruff check build_tools tests
	$(BIN)/mypy

browser-deps: $(STAMP)
	bash scripts/install-browser-deps.sh

test: $(STAMP) lint browser-deps
	$(BIN)/python -m pytest

golden: $(STAMP)
	$(BIN)/python -m tests.regenerate

# The held-out articles (tests/heldout, tests/heldout_b) are scored as sets of their own: no rule is
# tuned on them.
eval: $(STAMP)
	$(BIN)/python -m build_tools evaluate tests/gold seeds tests/corpus/gold tests/corpus/seeds \
		tests/heldout/gold tests/heldout/seeds tests/heldout_b/gold tests/heldout_b/seeds \
		--label "public seeds" --label "test articles" --label "held-out articles" \
		--label "held-out set B" \
		--markdown docs/accuracy.md

bench: $(STAMP)
	$(BIN)/python -m benchmarks.run

clean:
	rm -rf site build .cache .pytest_cache .mypy_cache .ruff_cache
