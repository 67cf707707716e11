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

site: $(STAMP)
	$(BIN)/mkdocs build --strict

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

eval: $(STAMP)
	$(BIN)/python -m build_tools evaluate tests/gold seeds tests/corpus/gold tests/corpus/seeds \
		--label "public seeds" --label "test articles" --markdown docs/accuracy.md

bench: $(STAMP)
	$(BIN)/python -m benchmarks.run

clean:
	rm -rf site build .cache .pytest_cache .mypy_cache .ruff_cache
