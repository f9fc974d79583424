# Parvis — two commands: `make run` and `make test`.
SHELL := /bin/bash
.SHELLFLAGS := -eo pipefail -c
# This machine's pip.conf names local indexes that may be absent; their warnings are noise.
QUIET_PIP := 2>&1 | { grep -v '^WARNING: Location' || true; }
.DEFAULT_GOAL := help

VENV ?= .venv
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/parvis
# Django 6 needs Python 3.12+: first suitable interpreter on PATH, else one installed by pyenv.
PYTHON ?= $(shell for c in python3.14 python3.13 python3.12 python3; do \
	  p=$$(command -v $$c 2>/dev/null) && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { echo $$p; exit 0; }; \
	done; for p in $${PYENV_ROOT:-$$HOME/.pyenv}/versions/3.1[2-9]*/bin/python3; do \
	  [ -x $$p ] && { echo $$p; exit 0; }; done)

.PHONY: help run install axe browser ops-tools i18n-tools messages demo serve test test-setup lint test-sqlite test-postgres test-scaleout screenshots bench clean
# Two processes on the two cores of the reference machine; PYTEST_WORKERS=0 runs the suite in one process.
PYTEST_WORKERS ?= 2
# The scale-out suite runs alone (test-scaleout): its tests build on one cluster, in order.
PYTEST := $(BIN)/pytest -q -n $(PYTEST_WORKERS) --ignore=parvis/core/tests/scaleout

help:
	@echo "make run   — installe, migre, charge la démo et démarre Parvis (web + tâches de fond)"
	@echo "make test  — lint + tests sur SQLite puis PostgreSQL"

$(BIN)/parvis: pyproject.toml requirements.lock
	@test -n "$(PYTHON)" || { echo "Python 3.12 ou plus récent est nécessaire (Django 6)."; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip $(QUIET_PIP)
	$(BIN)/pip install --quiet -c requirements.lock -e '.[test]' $(QUIET_PIP)
	@touch $@

install: $(BIN)/parvis

axe:
	@test -f node_modules/axe-core/axe.min.js || npm ci --no-audit --no-fund --silent || \
	  echo "npm est absent : les audits d'accessibilité (module Sobriété) resteront indisponibles."

run: install axe
	$(BIN)/parvis migrate --no-input
	$(BIN)/parvis collectstatic --no-input --verbosity 0
	$(BIN)/parvis demo
	@echo
	@echo "  Parvis : http://localhost:$${PARVIS_PORT:-8000}/"
	@echo "  Comptes de démonstration (adresse, mot de passe) :"
	@sed 's/^/    /' var/demo-logins.txt
	@echo
	$(BIN)/parvis serve

# The browser tests drive Debian's Chromium (never a browser download): installed once, with a message.
browser:
	@test -x /usr/bin/chromium || { echo "Installation de Chromium (paquet Debian) pour les tests navigateur…"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

# The deployment kit is checked with `nginx -t`, and the Redis outage test starts a redis-server of its own:
# both Debian packages, installed once.
ops-tools:
	@command -v nginx >/dev/null && command -v redis-server >/dev/null || { \
	  echo "Installation de nginx et redis-server (paquets Debian) pour les tests d'exploitation…"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx redis-server; }

# The translation catalogues are extracted and compiled with GNU gettext (xgettext, msgmerge, msgfmt): the
# Debian package, installed once.
i18n-tools:
	@command -v msgfmt >/dev/null && command -v xgettext >/dev/null || { \
	  echo "Installation de gettext (paquet Debian) pour les catalogues de traduction…"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext; }

# Regenerates parvis/locale/*/LC_MESSAGES/django.po from the marked strings and compiles the .mo files.
messages: install i18n-tools
	$(BIN)/parvis messages

test-setup: install browser ops-tools i18n-tools
	@test -f node_modules/axe-core/axe.min.js || npm ci --no-audit --no-fund --silent

lint: install i18n-tools
	$(BIN)/ruff check parvis bench conftest.py
	$(BIN)/ruff format --check parvis bench conftest.py
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/parvis makemigrations --check --dry-run --verbosity 0 || { echo "Migration manquante : lancez parvis makemigrations."; exit 1; }
	$(BIN)/parvis messages --check

test-sqlite: test-setup
	env -u DATABASE_URL $(PYTEST)

test-postgres: test-setup
	@if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null || $(BIN)/python -c "import psycopg; psycopg.connect('$(PG_URL)'.rsplit('/',1)[0] + '/postgres', connect_timeout=3).close()" 2>/dev/null; then \
	  DATABASE_URL=$(PG_URL) PARVIS_SKIP_BROWSER=1 $(PYTEST); \
	elif [ -n "$$CI" ]; then \
	  echo "Aucun PostgreSQL ne répond sur 127.0.0.1:5432 : en intégration continue, la passe PostgreSQL est obligatoire."; exit 1; \
	else \
	  echo; echo "!!!!!!!!!! AUCUN PostgreSQL ne répond sur 127.0.0.1:5432 : la passe PostgreSQL est SAUTÉE !!!!!!!!!!"; echo; \
	fi

# Two web nodes and a worker on PostgreSQL, an S3 server (moto, started by the tests) and Redis; skipped
# without them, failed under CI=true (parvis/core/tests/scaleout/cluster.py).
test-scaleout: test-setup
	DATABASE_URL=$${SCALEOUT_DATABASE_URL:-$(PG_URL)} $(BIN)/pytest -q -p no:xdist parvis/core/tests/scaleout

test: lint test-sqlite test-postgres test-scaleout

# Rewrites the pictures of docs/screenshots/ from the browser tests (never done by `make test`).
screenshots: test-setup
	env -u DATABASE_URL PARVIS_SCREENSHOTS=1 $(PYTEST) -m browser

bench: install
	@for script in bench/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) var node_modules
