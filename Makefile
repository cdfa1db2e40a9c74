# smlint developer entry points. Every target sets up .venv on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TSTAMP := $(VENV)/.installed-test

.PHONY: run test lint fuzz bench eval-pii eval-content score clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TSTAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

## run: install and lint the sample drafts in fixtures/drafts (clean ones exit 0)
run: $(STAMP)
	$(BIN)/smlint check fixtures/drafts --exit-zero --statistics

## test: install with test tools and run every test
test: $(TSTAMP)
	$(BIN)/python -m pytest

## fuzz: the property tests of check (text, front matter), the export readers and the config
## loader, with thousands of examples each (make test runs a few dozen); FUZZ_ARGS go to pytest,
## FUZZ_EXAMPLES=N bounds the check properties for a shorter run
fuzz: $(TSTAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest tests/test_fuzz_readers.py tests/test_fuzz_check.py -q $(FUZZ_ARGS)

## lint: ruff over the code
lint: $(TSTAMP)
	$(BIN)/ruff check smlint tests
	$(BIN)/ruff format --check smlint tests

## bench: generate the benchmark corpus and time smlint against a naive stack
bench: $(TSTAMP)
	$(BIN)/python tests/bench/run_bench.py $(BENCH_ARGS)

## eval-pii: per-type P/R of the PII engine on Presidio's synthetic data (needs ../shared)
eval-pii: $(STAMP)
	$(BIN)/python tests/eval/eval_pii.py ../shared/eval-data/presidio-synth-pii/synth_dataset_v2.json

## score: dev-corpus scores (needs ../shared)
score: $(STAMP)
	$(BIN)/python ../shared/eval/score.py --corpus ../shared/eval/dev/posts.jsonl --smlint $(abspath $(BIN))/smlint --front-matter

## eval-content: language/political rules on third-party data (needs ../shared/eval-data)
eval-content: $(TSTAMP)
	$(BIN)/python tests/eval/eval_content.py ../shared/eval-data

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache
