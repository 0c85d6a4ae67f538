# Legwell. `make run` serves the site; `make test` runs every test.

VENV := .venv
BIN := $(VENV)/bin
# The first Python that is 3.12 or newer: python3.13, python3.12, then python3.
PYTHON := $(shell for p in python3.13 python3.12 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { echo $$p; break; }; done)

.PHONY: run test lint format serve bench bench-search lighthouse validate screenshots clean python

# `make run PORT=8001` serves on another port.
PORT ?= 8000

run: $(VENV)/.installed
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_content
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# The tests run in TEST_WORKERS processes (pytest-xdist), two by default, as
# this machine has two cores; TEST_WORKERS=0 runs them in this one.
TEST_WORKERS ?= 2

test: lint
	$(BIN)/pytest -n $(TEST_WORKERS)

# ruff: pyflakes, pycodestyle, import order, bugbear, pyupgrade, Django rules
# and a complexity limit (pyproject.toml), and the formatting.
lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Production settings on this machine, over plain HTTP (so no TLS redirect),
# with a fresh local-only secret key each start. GUNICORN_CMD_ARGS changes
# the port or workers, for example GUNICORN_CMD_ARGS="--bind 127.0.0.1:8001".
serve: export DJANGO_DEBUG = false
serve: export DJANGO_SECURE_SSL_REDIRECT = false
serve: export DJANGO_ALLOWED_HOSTS ?= 127.0.0.1,localhost
serve: export DJANGO_SECRET_KEY ?= $(shell $(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')
serve: $(VENV)/.installed
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_content
	$(BIN)/python manage.py collectstatic --no-input --verbosity 0
	$(BIN)/gunicorn --config legwell/gunicorn.conf.py legwell.wsgi

# Load every reader page with wrk (installed from Debian when missing); see bench/README.md.
bench: $(VENV)/.installed
	command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
	$(BIN)/python -m bench.run
	$(MAKE) --no-print-directory bench-search lighthouse validate

# Searches nobody made before, at 100 times the content: SQLite in a fresh file, and
# PostgreSQL too when BENCH_POSTGRES_URL names an empty database. See bench/README.md.
bench-search: $(VENV)/.installed
	rm -f $(CURDIR)/bench/results/search.sqlite3 && mkdir -p bench/results
	DATABASE_URL=sqlite:///$(CURDIR)/bench/results/search.sqlite3 $(BIN)/python -m bench.search --times 100
	if [ -n "$(BENCH_POSTGRES_URL)" ]; then DATABASE_URL="$(BENCH_POSTGRES_URL)" $(BIN)/python -m bench.search --times 100; fi

# Lighthouse (mobile) and the Nu HTML Checker, from npm into bench/node_modules;
# they drive Debian's chromium and java. See bench/README.md.
# npm ci installs exactly what bench/package-lock.json says, and never rewrites it.
bench/node_modules/.installed: bench/package.json bench/package-lock.json
	cd bench && npm ci --no-audit --no-fund
	touch $@

lighthouse: $(VENV)/.installed bench/node_modules/.installed
	$(BIN)/python -m bench.lighthouse

validate: $(VENV)/.installed-test bench/node_modules/.installed
	LEGWELL_REQUIRE_VNU=1 $(BIN)/pytest tests/test_valid_html.py -q

# Full-page screenshots of every page type at 390 and 1280 px, light and dark,
# into screenshots/ (git-ignored); LEGWELL_URL=http://127.0.0.1:8000 uses a running site.
screenshots: $(VENV)/.installed-test
	$(BIN)/python -m bench.screenshots

python:
	@if [ -z "$(PYTHON)" ]; then \
		echo "Legwell needs Python 3.12 or newer (python3.13, python3.12 or python3), and none was found."; \
		echo "Install one (for example with pyenv: pyenv install 3.13.0) and run make again."; \
		exit 1; \
	fi

$(BIN)/python: | python
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-test: requirements.txt requirements-test.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-test.txt
	touch $(VENV)/.installed $@

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
