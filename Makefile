# The README's two commands: `make run` and `make test`. Everything they need is installed here.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PY_STAMP := $(VENV)/.installed
NPM_STAMP := frontend/node_modules/.installed
PYTEST_WORKERS ?= 2

.PHONY: run test lint pytest frontend-test browser bench install spa openapi clean

run: install spa ## set up and start the whole system on the embedded default
	./tools/run.sh

test: install lint pytest frontend-test ## install what is needed and run every check and test

install: $(PY_STAMP) $(NPM_STAMP)

$(PY_STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

$(NPM_STAMP): frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	touch $@

spa: $(NPM_STAMP)
	cd frontend && npm run build

browser: ## a headless Chromium for the end-to-end test (Debian package)
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else echo "Install Chromium (apt-get install chromium) for the end-to-end test"; exit 1; fi; }

lint: $(PY_STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

# Unit, service and in-process tests in parallel; then the tests that start the whole system
# as real processes, in one pytest process so the system starts once.
pytest: $(PY_STAMP) spa browser
	$(VENV)/bin/pytest -n $(PYTEST_WORKERS) -q -m "not system"
	$(VENV)/bin/pytest -q -m system

frontend-test: $(NPM_STAMP)
	cd frontend && npm run typecheck && npm run lint && npm test

openapi: $(PY_STAMP) ## export every app's OpenAPI and regenerate the SPA's API types
	$(PY) tools/export_openapi.py frontend/src/api/openapi
	cd frontend && npm run gen:api

bench: install ## gateway and metrics benchmarks (PostgreSQL, nginx, wrk)
	$(PY) -m bench.gateway_bench
	@if [ -f bench/metrics_bench.py ]; then $(PY) -m bench.metrics_bench; fi

clean:
	rm -rf var/*.db var/*.db-wal var/*.db-shm frontend/dist
