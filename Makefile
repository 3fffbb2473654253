# The two commands of README.md:
#   make run   - set up, import seeds/, build the index, serve on 127.0.0.1:8000 with gunicorn
#   make test  - set up (Python and system packages) and run ruff and the whole test suite,
#                on SQLite and on a throw-away PostgreSQL cluster
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 2
# root installs system packages directly; anyone else through sudo.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test test-postgres postgres-deps setup setup-dev system-test-deps migrate import index serve lint format check clean bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.run-deps: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-deps: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.run-deps

setup: $(VENV)/.run-deps

setup-dev: $(VENV)/.dev-deps

# Debian's Chromium for the browser tests (Playwright drives /usr/bin/chromium; it downloads nothing).
system-test-deps:
	@missing=""; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing="$$missing fonts-noto-cjk"; \
	if [ -n "$$missing" ]; then \
		echo "installing Debian packages:$$missing"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

migrate: setup
	$(BIN)/python manage.py migrate --noinput

import: migrate
	$(BIN)/python manage.py import_pages seeds/
	# Imports group the printings they add; this fills in a database stored before grouping existed.
	$(BIN)/python manage.py group_duplicates --no-progress

index: migrate
	$(BIN)/python manage.py process_index_queue

serve: setup
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/gunicorn config.wsgi -c config/gunicorn.py --bind $(HOST):$(PORT) --workers $(WORKERS) --preload \
		--access-logfile - --timeout 60

run: import index serve

lint: setup-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The whole suite on SQLite, then again on a throw-away PostgreSQL cluster.
test: setup-dev system-test-deps lint
	$(BIN)/python -m pytest
	$(MAKE) --no-print-directory test-postgres

# Debian's PostgreSQL, a cluster in a temporary directory (unix socket, no TCP port; as root the
# server runs as the postgres user), the suite with DATABASE_URL pointing at it, then stopped and deleted.
postgres-deps:
	@if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then \
		echo "installing Debian packages: postgresql"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq postgresql >/dev/null; \
	fi

test-postgres: setup-dev system-test-deps postgres-deps
	scripts/with_postgres.sh $(BIN)/python -m pytest

# Benchmark in a fresh temporary data directory (never ./var); appends to bench/RESULTS.md.
# Everyday run (~10 min); the record at 100k (~75 min):
#   make bench BENCH_ARGS="--articles 100000 --import-no-index --community-articles 3000 --raw-articles 20000 --repeat 1"
BENCH_ARGS ?= --articles 10000 --community-articles 2000 --raw-articles 5000
bench: setup
	$(BIN)/python -m bench.run $(BENCH_ARGS)

clean:
	rm -rf var .pytest_cache .ruff_cache
