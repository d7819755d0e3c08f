# Herald: `make run` serves the demo council; `make test` runs the whole test suite.
# Everything is installed by these targets on a fresh machine (Python venv, npm packages,
# and, for tests, Debian's chromium and postgresql when missing and running as root).

PYTHON ?= python3.11
PY := .venv/bin/python
PIP := .venv/bin/pip
HERALD := .venv/bin/herald
PYTEST_ARGS ?=

.PHONY: run test test-sqlite test-postgres setup migrate demo docs clean help

help:
	@echo "make run   - set up and serve the demo council at http://127.0.0.1:8000"
	@echo "make test  - set up and run the whole test suite (SQLite, then PostgreSQL)"

.venv/.installed: pyproject.toml requirements.lock $(wildcard requirements/*.txt)
	test -x $(PY) || $(PYTHON) -m venv .venv
	$(PIP) install -q --disable-pip-version-check -c requirements.lock -e '.[test]' $(foreach f,$(wildcard requirements/*.txt),-r $(f))
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

var/static-build/herald/herald.css: herald/web/sass/herald.scss node_modules/.installed
	npm run -s build:css

setup: .venv/.installed node_modules/.installed var/static-build/herald/herald.css

migrate: setup
	$(HERALD) migrate --no-input -v 0

demo: migrate
	$(HERALD) demo

run: demo
	scripts/run.sh

test: setup
	scripts/ensure-system-packages.sh
	scripts/pds/install.sh
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres

# The PostgreSQL run leaves out the connector tests: they use no database.
test-sqlite: setup
	HERALD_DATA_DIR=var/test $(PY) -m pytest $(PYTEST_ARGS)

test-postgres: setup
	HERALD_DATA_DIR=var/test scripts/with-postgres.sh $(PY) -m pytest -m "not pds and not contract" $(PYTEST_ARGS)

docs: setup
	$(PY) -c "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'herald.settings'); django.setup(); from herald.core.reference_docs import write; write()"

clean:
	rm -rf var .venv node_modules

-include mk/*.mk
