# Naober: one command per chore. `make help` lists them.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NAOBER_DATA_DIR ?= data

.PHONY: help install run ingest serve ask test test-llm test-fast lint bench eval clean

help:  ## list the commands
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev,st,llm]'
	touch $(STAMP)

install: $(STAMP)  ## create .venv and install Naober with test extras

ingest: install  ## index corpus/ (incremental)
	$(BIN)/naober ingest

run: ingest  ## install, index corpus/ and serve API + UI on http://127.0.0.1:8000
	$(BIN)/naober serve --host 127.0.0.1 --port 8000

test: install  ## install and run the whole offline test suite, then the eval gate
	$(BIN)/python -m pytest -q
	$(MAKE) --no-print-directory lint

test-llm: install  ## the real local-LLM tests (builds llama-cpp-python, assembles the test model)
	$(BIN)/pip install -q -e '.[llamacpp]' 'llama-cpp-python[server]'
	NAOBER_TEST_GGUF=$$($(BIN)/python tools/get_test_model.py) $(BIN)/python -m pytest -q -m llm -o addopts=''

lint: install  ## ruff + mypy
	$(BIN)/ruff check .
	$(BIN)/mypy

bench: install  ## ingest and query benchmarks next to the naive baseline
	$(BIN)/python -m evals.bench

clean:  ## remove the index and caches (keeps .venv)
	rm -rf data out .pytest_cache .mypy_cache .ruff_cache
