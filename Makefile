# Two commands set everything up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export FLASK_APP := wsgi:app

.PHONY: run test lint bench translations extract-messages clean

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

run: $(VENV)/.installed-run translations
	mkdir -p instance
	BUURTMAKERS_CONFIG=development $(BIN)/flask db upgrade
	BUURTMAKERS_CONFIG=development $(BIN)/flask seed templates
	BUURTMAKERS_CONFIG=development $(BIN)/flask seed demo
	@echo "Buurtmakers draait op http://127.0.0.1:5000"
	BUURTMAKERS_CONFIG=development $(BIN)/flask run --host 127.0.0.1 --port 5000

test: $(VENV)/.installed-dev translations
	$(BIN)/pytest

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: $(VENV)/.installed-dev translations
	$(BIN)/python -m tests.bench

clean:
	rm -rf $(VENV) instance .pytest_cache test-artifacts
