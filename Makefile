# The two commands of the README:  `make up`  and  `make test`.
# Everything they need is installed here, so they work on a fresh machine.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
NPM_STAMP := node_modules/.installed
UV     := $(BIN)/uv
# The lock files: requirements.lock, what the product runs on (the Dockerfile, the wheel
# test); requirements-dev.lock, that plus every extra (tests, lint, build): what .venv holds.
RUN_LOCK := requirements.lock
DEV_LOCK := requirements-dev.lock
LOCK_FLAGS := --universal --python-version 3.11 --generate-hashes --quiet \
	--custom-compile-command 'make lock'
NEWEST := .venv-newest
# test-newest compares lists with bash's process substitution.
SHELL  := /bin/bash

.PHONY: up test install lock test-newest lint typecheck chromium pytest neo4j-start neo4j-stop clean

## up: install, start Neo4j (managed, unless NEO4J_URI is set), apply the schema, load seeds/, serve on :8000
up: install
	@if [ -z "$$NEO4J_URI" ]; then $(BIN)/kgapi neo4j start; fi
	$(BIN)/kgapi schema apply
	$(BIN)/kgapi load seeds/
	$(BIN)/kgapi serve --host $${KGAPI_HOST:-127.0.0.1} --port $${KGAPI_PORT:-8000}

## test: install, then lint, type-check and run the whole test suite against a real Neo4j
test: install lint typecheck pytest

install: $(STAMP) $(NPM_STAMP)

# Python packages come from the lock files (every package pinned, by hash), never from a
# fresh resolution: `make lock` writes them from pyproject.toml's ranges. uv installs them
# (seconds, where pip takes minutes); uv itself is pinned by hash in the same lock.
$(UV):
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "kgapi needs Python 3.11+"'
	$(PYTHON) -m venv $(VENV)
	awk '/^uv==/{p=1} p{print} p && !/\\$$/{exit}' $(DEV_LOCK) > $(VENV)/uv-requirement.txt
	$(BIN)/pip install --quiet --require-hashes --no-deps -r $(VENV)/uv-requirement.txt

$(STAMP): pyproject.toml $(DEV_LOCK) | $(UV)
	$(UV) pip sync --quiet --python $(BIN)/python --require-hashes $(DEV_LOCK)
	$(UV) pip install --quiet --python $(BIN)/python --no-deps -e .
	@$(UV) pip check --python $(BIN)/python || { \
	  echo "pyproject.toml asks for packages $(DEV_LOCK) does not hold: run make lock"; exit 1; }
	@touch $@

## lock: re-resolve the lock files from pyproject.toml, keeping every pin that still fits
## (LOCK_ARGS=--upgrade: the newest releases inside pyproject.toml's ranges)
lock: $(UV)
	$(UV) pip compile pyproject.toml --all-extras $(LOCK_FLAGS) $(LOCK_ARGS) -o $(DEV_LOCK)
	$(UV) pip compile pyproject.toml $(LOCK_FLAGS) -c $(DEV_LOCK) -o $(RUN_LOCK)

## test-newest: the suite on the newest releases inside pyproject.toml's ranges, in .venv-newest
## (drift: what `pip install kgapi` would bring today); lists every package that moved
test-newest: $(UV) $(NPM_STAMP) chromium
	rm -rf $(NEWEST)
	$(PYTHON) -m venv $(NEWEST)
	$(UV) pip compile pyproject.toml --all-extras --universal --python-version 3.11 --refresh \
	  --upgrade --no-header --no-annotate --quiet -o $(NEWEST)/newest.txt
	@echo "packages newer than $(DEV_LOCK) (< locked, > newest):"
	@diff <(grep -o '^[a-z0-9._-]*==[^ ;]*' $(DEV_LOCK)) \
	      <(grep -o '^[a-z0-9._-]*==[^ ;]*' $(NEWEST)/newest.txt) | grep '^[<>]' || echo "  none"
	$(UV) pip sync --quiet --python $(NEWEST)/bin/python $(NEWEST)/newest.txt
	$(UV) pip install --quiet --python $(NEWEST)/bin/python --no-deps -e .
	$(NEWEST)/bin/mypy kgapi
	$(NEWEST)/bin/pytest $(PYTEST_ARGS)

# GraphiQL's assets and the graphql-http audit come from the npm registry, never a CDN.
$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

lint: $(STAMP)
	$(BIN)/ruff check kgapi tests bench hatch_build.py
	$(BIN)/ruff format --check kgapi tests bench hatch_build.py

typecheck: $(STAMP)
	$(BIN)/mypy kgapi

# Headless Chromium for the browser test comes from Debian's packages.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser test"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }

pytest: install chromium
	$(BIN)/pytest $(PYTEST_ARGS)

neo4j-start: $(STAMP)
	$(BIN)/kgapi neo4j start

neo4j-stop: $(STAMP)
	$(BIN)/kgapi neo4j stop

clean:
	rm -rf $(VENV) $(NEWEST) node_modules .pytest_cache .mypy_cache .ruff_cache
