# Veille IA — every command a user or CI needs. Only python3 (>= 3.11), pip and make are assumed.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
BENCH_PY := $(PY)
PORT ?= 8000

.PHONY: demo serve test install install-test browser lint bench clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test browser

## Install the demo, load the bundled demo corpus and serve it on http://127.0.0.1:$(PORT)/
demo: install
	$(VENV)/bin/veille demo --port $(PORT)

serve: install
	$(VENV)/bin/veille serve --port $(PORT)

## Chromium for the browser tests (Debian packages; Playwright's own download does not work offline)
browser:
	@sh scripts/install-browser.sh

## The whole test suite (SQLite, PostgreSQL at 127.0.0.1:5432 when reachable, a real Chromium), after the
## static checks: formatting, lint and types
test: install-test lint
	$(PY) -m pytest

## Static checks CI runs before the tests: ruff format --check, ruff check, mypy app
lint: install-test
	$(VENV)/bin/ruff format --check app tests bench
	$(VENV)/bin/ruff check app tests bench
	$(VENV)/bin/mypy app

## Benchmarks (figures printed as ratios against a baseline measured in the same run)
bench: install-test
	$(MAKE) -k bench-analysis bench-crawl bench-render bench-search bench-alerts bench-ingest bench-load  # -k: a missed target does not skip the others

clean:
	rm -rf $(VENV) data artifacts .pytest_cache

-include bench/*.mk tests/eval/eval.mk
