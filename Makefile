# Codesign: `make run` serves the embedded default, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install messages lint bench clean

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

install: $(VENV)/.installed

run: install
	$(PY) manage.py migrate --no-input
	$(PY) manage.py seed_demo
	@echo ""
	@echo "Codesign is running at http://$(HOST):$(PORT)/  (stop with Ctrl+C)"
	@echo ""
	$(PY) manage.py runserver --noreload $(HOST):$(PORT)

test: install
	$(PY) -m pytest $(PYTEST_ARGS)

# Regenerate the Dutch catalogue and compile it; the lock lets several people work at once.
messages: install
	flock /tmp/codesign-messages.lock sh -c '\
	  $(PY) manage.py makemessages -l nl --no-location --ignore=.venv --ignore=staticfiles \
	  && $(PY) manage.py makemessages -d djangojs -l nl --no-location --ignore=.venv --ignore=staticfiles \
	  && $(PY) manage.py compilemessages -l nl --ignore=.venv'

bench: install
	$(PY) manage.py bench_board $(BENCH_ARGS)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
