# Codesign: `make run` serves the embedded default, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# `make run` serves with DEBUG off, as in a workshop; developers ask for it: DEBUG=1.
DEBUG ?= 0
# What the site needs to know about where it is served (codesign/serving.py).
SERVE := DEBUG=$(DEBUG) SERVE_HOST=$(HOST) SERVE_PORT=$(PORT)

.PHONY: run test install install-dev messages lint bench clean

PIP := $(PY) -m pip install --quiet --disable-pip-version-check

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) --upgrade pip
	$(PIP) -r requirements.txt
	touch $@

# Tests, benchmarks and tools: requirements-dev.txt on top of the runtime.
$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PIP) -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

# HOST=0.0.0.0 serves the room's network: links and the join QR use the LAN address.
run: install
	$(SERVE) $(PY) manage.py migrate --no-input
	$(SERVE) $(PY) manage.py seed_demo
	@$(SERVE) $(PY) manage.py show_address
	$(SERVE) $(PY) manage.py runserver --noreload $(HOST):$(PORT)

test: install-dev
	$(PY) -m pytest $(PYTEST_ARGS)

# ruff (lint and format) and the import contracts of the layers (.importlinter).
lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

# Regenerate the Dutch catalogue and compile it; the lock lets several people work at once.
messages: install
	flock /tmp/codesign-messages.lock sh -c '\
	  $(PY) manage.py makemessages -l nl --no-location --ignore=.venv --ignore=staticfiles \
	  && $(PY) manage.py makemessages -d djangojs -l nl --no-location --ignore=.venv --ignore=staticfiles \
	  && $(PY) manage.py compilemessages -l nl --ignore=.venv'

bench: install-dev
	$(PY) manage.py bench_board $(BENCH_ARGS)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
