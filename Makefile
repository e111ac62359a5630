# Naober: one command per chore. `make help` lists them.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NAOBER_DATA_DIR ?= data

.PHONY: help install run ingest test test-llm lint bench eval clean

help:  ## list the commands
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml package-lock.json
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev,st,llm]'
	npm ci --silent --no-audit --no-fund
	touch $(STAMP)

install: $(STAMP)  ## create .venv and install Naober with test extras

ingest: install  ## index corpus/ (incremental)
	$(BIN)/naober ingest

run: ingest  ## install, index corpus/ and serve API + UI on http://127.0.0.1:8000
	$(BIN)/naober serve --host 127.0.0.1 --port 8000

test: install  ## install and run the whole offline test suite, then the eval gate
	$(BIN)/python -m pytest -q
	$(MAKE) --no-print-directory lint

test-llm: install  ## the real local-LLM tests (builds llama-cpp-python once, assembles the test model)
	CMAKE_ARGS="-DGGML_NATIVE=OFF" $(BIN)/pip install -q -e '.[llamacpp]'
	OMP_WAIT_POLICY=passive NAOBER_TEST_GGUF=$$($(BIN)/python tools/get_test_model.py) \
		$(BIN)/python -m pytest -q -m llm -o addopts='-ra'

lint: install  ## ruff + mypy
	$(BIN)/ruff check .
	$(BIN)/mypy

bench: install  ## ingest/query speed next to the naive baseline, then a 60 s API load test
	$(BIN)/python -m evals.bench --out out/bench.json
	$(BIN)/python -m api.bench --spawn --workers 1 2 --duration 60
	$(BIN)/python -m api.bench --spawn --chroma-server --workers 1 2 --duration 60

eval: install  ## answer-quality reports, dev (out/eval) and the blind sets (out/eval-fresh*), beside the naive baseline
	$(BIN)/naober ingest
	$(BIN)/naober eval --gold evals/dev.jsonl --out out/eval-naive --pipeline naive
	$(BIN)/naober eval --gold evals/dev.jsonl --out out/eval --baseline out/eval-naive
	for set in fresh fresh2 fresh3 fresh4 fresh5 fresh6 fresh7 fresh8 fresh9 fresh10; do \
		$(BIN)/naober eval --gold evals/$$set.jsonl --out out/eval-$$set-naive --pipeline naive && \
		$(BIN)/naober eval --gold evals/$$set.jsonl --out out/eval-$$set --baseline out/eval-$$set-naive || exit 1; \
	done

clean:  ## remove the index and caches (keeps .venv)
	rm -rf data out .pytest_cache .mypy_cache .ruff_cache
