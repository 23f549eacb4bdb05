# Intl Desk — `make run` to try it, `make test` to check it.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
FLASK  := $(BIN)/flask --app wsgi
PYBABEL := $(BIN)/pybabel
HOST ?= 127.0.0.1
PORT ?= 5000
PO_FILES := $(wildcard translations/*/LC_MESSAGES/messages.po)
MO_FILES := $(PO_FILES:.po=.mo)

.PHONY: run test install country-order translations language extract update compile lint format vendor bench screenshot clean

$(BIN)/activate: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(BIN)/activate

install: $(BIN)/activate

## run: install, migrate the SQLite database, load demo data, print the demo logins, serve the app and run its job worker
run: install compile
	$(FLASK) db upgrade
	$(FLASK) demo-data --if-empty
	$(FLASK) analyze
	@$(FLASK) demo-logins
	@echo "Open http://$(HOST):$(PORT)/"
	$(FLASK) worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(FLASK) run --host $(HOST) --port $(PORT)

## test: the whole suite (SQLite; PostgreSQL too when TEST_DATABASE_URL is set)
test: install compile
	$(BIN)/python -m pytest -n 2 --dist loadgroup

## translations: extract messages, merge them into every catalog (zh_Hant_TW, en, ja, ko, vi, id, th), compile.
## Translator comments ("# unsure: ...") survive; tests/i18n fails while an outsider's message lacks a translation.
translations: extract update compile

## language: start a catalog for a new language (make language LOCALE=ms), then add it to config LANGUAGES
language: extract
	@test -n "$(LOCALE)" || { echo "usage: make language LOCALE=<babel code>"; exit 1; }
	$(PYBABEL) init --no-wrap -i translations/messages.pot -d translations -l $(LOCALE)

extract: install
	$(PYBABEL) extract --no-wrap --sort-by-file -F babel.cfg -k _l -k lazy_gettext -k lazy_pgettext:1c,2 -k ngettext:1,2 -k in_both -k say_in:2 -o translations/messages.pot .

update: install
	$(PYBABEL) update --no-wrap --ignore-obsolete --no-fuzzy-matching -i translations/messages.pot -d translations
	$(BIN)/python scripts/fill_english.py translations/en/LC_MESSAGES/messages.po

compile: install $(MO_FILES)

translations/%/LC_MESSAGES/messages.mo: translations/%/LC_MESSAGES/messages.po
	$(PYBABEL) compile --statistics -d translations -l $*

## country-order: store each language's country list in ICU's order (after upgrading Babel or PyICU)
country-order: install
	$(FLASK) country-order

lint: install
	$(BIN)/ruff check intl tests bench scripts
	$(BIN)/ruff format --check intl tests bench scripts

format: install
	$(BIN)/ruff format intl tests bench scripts

## vendor: refresh the front-end libraries in static/vendor from the npm registry
vendor:
	$(PYTHON) scripts/vendor.py

bench: install compile
	$(BIN)/python bench/partners.py

screenshot: install compile
	$(BIN)/python scripts/screenshot.py docs/screenshot.png

clean:
	rm -rf $(VENV) instance .pytest_cache
