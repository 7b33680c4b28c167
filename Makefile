# studyguide: `make pdf` builds every guide, `make test` runs the suite.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help pdf test bench clean

help: ## List the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-7s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# Bytecode for our own package, as pip writes it for every installed one: where
# PYTHONDONTWRITEBYTECODE is set (containers, CI), Python would otherwise compile
# studyguide from source on every start (a fifth of a one-guide build).
pdf: $(STAMP) ## Build every guide in guides/ into build/
	@$(BIN)/python -m compileall -q studyguide
	$(BIN)/studyguide build

test: $(STAMP) ## Run the test suite
	$(BIN)/python -m pytest -q -n auto --dist loadfile

bench: $(STAMP) ## Time builds and imposition against baselines run in the same command
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	@$(BIN)/python -m compileall -q studyguide
	$(BIN)/python -m studyguide.bench.builds $(BENCH_ARGS)

clean: ## Remove build/ (the venv stays)
	rm -rf build
