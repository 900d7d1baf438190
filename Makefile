# Two commands do all set-up on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DATA_STAMP := var/store/.loaded-stamp
DATA_FILES := $(shell find data -type f 2>/dev/null)
# The suite runs in this many processes (pytest-xdist), each with a Neo4j of its own; 0 runs it
# in one process (needed with NEO4J_URI, an outside server the workers would share).
TEST_WORKERS ?= 2

.PHONY: help install run test test-fast lint data schema screenshots neo4j-start neo4j-stop bench bench-nation clean

help:
	@echo "make run        install, load the bundled data into the embedded store, serve the app"
	@echo "make test       install, start a real Neo4j, run every test and the linters"
	@echo "make test-fast  the tests that need no Neo4j"
	@echo "make lint       ruff and mypy"
	@echo "make schema     export schema.graphql"
	@echo "make screenshots  the network views at 1440x900 from the sample data (docs/img/)"
	@echo "make bench      benchmarks at district and region scale (bench/RESULTS.md)"
	@echo "make bench-nation  the nation-scale benchmark (long)"

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $@

install: $(STAMP)

$(DATA_STAMP): $(STAMP) $(DATA_FILES)
	$(BIN)/methodnet load data/ --quiet
	@touch $@

data: $(DATA_STAMP)

run: install data
	@echo "Serving on http://127.0.0.1:$${METHODNET_PORT:-8000}/ (another port: METHODNET_PORT=8001 make run)"
	$(BIN)/methodnet serve

neo4j-start: install
	$(BIN)/methodnet neo4j start

neo4j-stop: install
	$(BIN)/methodnet neo4j stop

lint: install
	$(BIN)/ruff check graph api cli viz tests bench
	$(BIN)/mypy

# The linters run first, so that the test runner's summary is the last thing printed.
test: install
	$(MAKE) --no-print-directory lint
	$(BIN)/python -m graph.store.neo4j_server install
	bash tools/install-chromium.sh
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile --durations=20

test-fast: install
	$(BIN)/pytest -m "not neo4j and not browser"

bench: install
	$(BIN)/python bench/run.py --part region

bench-nation: install
	$(BIN)/python bench/run.py --part nation

schema: install
	$(BIN)/methodnet schema --out schema.graphql

screenshots: install
	bash tools/install-chromium.sh
	$(BIN)/python tools/screenshots.py

clean:
	rm -rf var $(VENV) .pytest_cache .mypy_cache .ruff_cache
