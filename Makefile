# Lägesbild — `make run` sets everything up and ingests the sample corpus; `make test` runs the tests.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
CORPUS := examples/corpus

.PHONY: run setup test test-fast check lint types format bench eval clean

setup: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	CMAKE_ARGS="-DGGML_NATIVE=OFF" $(BIN)/python -m pip install -qq --disable-pip-version-check -c requirements.lock -e '.[dev]'
	touch $(STAMP)

run: setup
	$(BIN)/lagesbild ingest $(CORPUS)
	$(BIN)/lagesbild docs
	$(BIN)/lagesbild measures
	$(BIN)/lagesbild ask "Hur stort var underskottet mot budgetprognos 2023 för RUN och RS?"

test: setup
	$(BIN)/pytest

test-fast: setup
	$(BIN)/pytest -m "not slow"

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

types: setup
	$(BIN)/mypy

check: lint types test

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache *.egg-info
