# Two commands set everything up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export FLASK_APP := wsgi:app
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test screenshots lint bench bench-quick translations extract-messages clean vendor-css sbom

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed-run: requirements.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@ $(VENV)/.installed-run

translations: $(VENV)/.installed-run
	$(BIN)/pybabel compile -d app/translations

extract-messages: $(VENV)/.installed-run
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext --ignore-dirs '.* __pycache__' -o app/translations/messages.pot .
	$(BIN)/pybabel update --no-fuzzy-matching --ignore-obsolete -i app/translations/messages.pot -d app/translations

# Without DATABASE_URL the development config runs an embedded PostgreSQL in instance/pgdata
# (started by the first command that needs it, stopped when the last one ends).
PORT ?= 5000
run: $(VENV)/.installed-run translations
	mkdir -p instance
	BUURTMAKERS_CONFIG=development $(BIN)/flask db upgrade
	BUURTMAKERS_CONFIG=development $(BIN)/flask seed templates
	BUURTMAKERS_CONFIG=development $(BIN)/flask seed demo
	@echo "Buurtmakers draait op http://127.0.0.1:$(PORT)"
	BUURTMAKERS_CONFIG=development PUBLIC_BASE_URL=$${PUBLIC_BASE_URL:-http://127.0.0.1:$(PORT)} $(BIN)/flask run --host 127.0.0.1 --port $(PORT)

# The OpenID provider the suite starts (tests/oidc, oidc-provider from npm). Without npm those
# tests skip with a message, except in CI (REQUIRE_OIDC=1), where they fail.
OIDC_MODULES := tests/oidc/node_modules/.package-lock.json
$(OIDC_MODULES): tests/oidc/package-lock.json
	if command -v npm >/dev/null; then cd tests/oidc && npm ci --no-audit --no-fund --loglevel=error && touch node_modules/.package-lock.json; \
	else echo "npm not found: the OpenID Connect tests will skip"; fi

# ical.js, which reads the calendar feeds and .ics attachments in the tests (tests/calendar);
# without npm those tests skip, except in CI (REQUIRE_CALENDAR=1).
CALENDAR_MODULES := tests/calendar/node_modules/.package-lock.json
$(CALENDAR_MODULES): tests/calendar/package-lock.json
	if command -v npm >/dev/null; then cd tests/calendar && npm ci --no-audit --no-fund --loglevel=error && touch node_modules/.package-lock.json; \
	else echo "npm not found: the ical.js tests will skip"; fi

# In parallel (pytest-xdist; tests/parallel.py): the tests wait on PostgreSQL and the browser
# much of the time, so three workers beat two on a 2-core machine. TEST_WORKERS=0: one process.
TEST_WORKERS ?= 3
test: $(VENV)/.installed-dev translations $(OIDC_MODULES) $(CALENDAR_MODULES)
	$(BIN)/pytest -n $(TEST_WORKERS)

# The browser stories with a full-page screenshot of every page they check, at 390 and 1280 px,
# in test-artifacts/screenshots/ (`make test` keeps those of failures only).
screenshots: $(VENV)/.installed-dev translations $(OIDC_MODULES) $(CALENDAR_MODULES)
	E2E_SCREENSHOTS=all $(BIN)/pytest -n $(TEST_WORKERS) tests/e2e

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# An HTTP benchmark (gunicorn + wrk) at 1x and 100x data; BENCH_SCALES=1 for 1x only.
bench: $(VENV)/.installed-dev translations
	command -v wrk >/dev/null || $(SUDO) apt-get install -y wrk || ($(SUDO) apt-get update && $(SUDO) apt-get install -y wrk)
	$(BIN)/python -m tests.bench_http

# Page times through the test client: a quick look for regressions.
bench-quick: $(VENV)/.installed-dev translations
	$(BIN)/python -m tests.bench_quick

# A CycloneDX SBOM of the image's Python packages: requirements.txt installed alone (as in the
# image, without the development tools) in .venv-image, read by cyclonedx-py from the dev venv.
IMAGE_VENV := .venv-image
$(IMAGE_VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(IMAGE_VENV)
	$(IMAGE_VENV)/bin/pip install -q -r requirements.txt
	touch $@

sbom: $(VENV)/.installed-dev $(IMAGE_VENV)/.installed
	mkdir -p test-artifacts
	$(BIN)/cyclonedx-py environment --of JSON --output-reproducible -o test-artifacts/sbom.json $(IMAGE_VENV)/bin/python
	@echo "test-artifacts/sbom.json: $$($(BIN)/python -c 'import json; print(len(json.load(open("test-artifacts/sbom.json"))["components"]))') packages"

# The NL Design System CSS is vendored in app/static/vendor/, so `make run` needs no Node.
# `make vendor-css` refreshes it from npm (needs node + npm); bump the versions here.
UTRECHT_CSS := @utrecht/component-library-css@9.0.4
NLDS_TOKENS := @nl-design-system-unstable/voorbeeld-design-tokens@7.4.1
VENDOR := app/static/vendor

vendor-css:
	@set -eu; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	(cd "$$tmp" && npm pack --silent $(UTRECHT_CSS) $(NLDS_TOKENS) >/dev/null); \
	for tgz in "$$tmp"/*.tgz; do mkdir -p "$$tmp/x" && rm -rf "$$tmp/x/package" && tar xzf "$$tgz" -C "$$tmp/x"; \
	  case "$$tgz" in \
	    *utrecht-component-library-css*) dir=$(VENDOR)/utrecht-component-library-css; css="index.css html.css" ;; \
	    *voorbeeld-design-tokens*) dir=$(VENDOR)/voorbeeld-design-tokens; css="theme.css" ;; \
	  esac; \
	  mkdir -p "$$dir"; for f in $$css; do cp "$$tmp/x/package/dist/$$f" "$$dir/"; done; cp "$$tmp/x/package/LICENSE.md" "$$tmp/x/package/package.json" "$$dir/"; \
	  echo "$$dir: $$(node -p "require('$$tmp/x/package/package.json').version")"; \
	done

clean:
	rm -rf $(VENV) $(IMAGE_VENV) instance .pytest_cache test-artifacts
