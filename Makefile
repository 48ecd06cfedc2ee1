# The two commands of the README:  `make up`  and  `make test`.
# Everything they need is installed here, so they work on a fresh machine.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
NPM_STAMP := node_modules/.installed

.PHONY: up test install lint typecheck chromium pytest neo4j-start neo4j-stop clean

## up: install, start Neo4j (managed, unless NEO4J_URI is set), apply the schema, load seeds/, serve on :8000
up: install
	@if [ -z "$$NEO4J_URI" ]; then $(BIN)/kgapi neo4j start; fi
	$(BIN)/kgapi schema apply
	$(BIN)/kgapi load seeds/
	$(BIN)/kgapi serve --host $${KGAPI_HOST:-127.0.0.1} --port $${KGAPI_PORT:-8000}

## test: install, then lint, type-check and run the whole test suite against a real Neo4j
test: install lint typecheck pytest

install: $(STAMP) $(NPM_STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "kgapi needs Python 3.11+"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,ray]'
	@touch $@

# GraphiQL's assets and the graphql-http audit come from the npm registry, never a CDN.
$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

lint: $(STAMP)
	$(BIN)/ruff check kgapi tests bench
	$(BIN)/ruff format --check kgapi tests bench

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
	rm -rf $(VENV) node_modules .pytest_cache .mypy_cache .ruff_cache
