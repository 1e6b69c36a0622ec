# Two commands matter: `make run` and `make test`. Both set everything up from a fresh clone.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# The browser tests drive Debian's chromium; Playwright cannot download a browser here.
CHROMIUM ?= /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
# Python keeps what it compiled (and pytest its rewritten test and plugin modules) for the next
# process: with PYTHONDONTWRITEBYTECODE set, as on some machines, every server the browser tests
# start compiles the app again and every pytest process rewrites its plugins (17 s each).
unexport PYTHONDONTWRITEBYTECODE

.PHONY: install browser node gettext messages setup run deploy serve bench bench-lighthouse test test-js test-sqlite test-postgres lint format clean

APP_INSTALLED := $(VENV)/.installed-app

$(INSTALLED): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@ $(APP_INSTALLED)

# Running the app (`make run`, or a production server) needs only its own packages.
$(APP_INSTALLED): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

install: $(INSTALLED)

$(CHROMIUM):
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium

browser: $(CHROMIUM)

# The JavaScript unit tests run on Node's own test runner: no npm, no packages.
node:
	command -v node >/dev/null || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq nodejs; }

# Pages in other languages read compiled message files (.mo), made from the committed .po files by
# GNU gettext's msgfmt, as Django's compilemessages needs. Compiled again only when a .po changed.
gettext:
	command -v msgfmt >/dev/null || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq gettext; }

MO_FILES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/*.po))

$(MO_FILES): %.mo: %.po
	$(MAKE) --no-print-directory gettext
	msgfmt --check-format -o $@ $<

# After adding or changing a message in a template, Python or the app's scripts: every language's
# .po files gain it (then translate it; tests/test_languages.py fails until every one is).
MESSAGE_SCOPE := --ignore=.venv --ignore=staticfiles --ignore=tests --ignore=.pytest-tmp \
	--ignore=scripts --ignore=accounts --ignore=security --ignore=conditions/admin --ignore=conditions/templates \
	--ignore=submissions/templates/admin --ignore=frontend/templates/admin \
	--ignore=config/templates/admin --no-location
messages: $(APP_INSTALLED) gettext
	$(BIN)/python manage.py makemessages --all $(MESSAGE_SCOPE) --no-obsolete
	$(BIN)/python manage.py makemessages --all -d djangojs $(MESSAGE_SCOPE) \
		--ignore=frontend/service_worker --no-obsolete

# Collected again only when a static file or the installed packages changed: compressing every
# file (Brotli included) takes about half a minute.
STATIC_MANIFEST := staticfiles/staticfiles.json
STATIC_SOURCES := $(shell find $(wildcard */static) -type f)

$(STATIC_MANIFEST): $(APP_INSTALLED) $(STATIC_SOURCES)
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	touch $@

# The app's packages only: the test tools come with `make test` (or `make install`).
setup: $(APP_INSTALLED) $(STATIC_MANIFEST) $(MO_FILES)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_seed_content

run: setup
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# Production (README, "Running it for real"): set DJANGO_DEBUG=false, DJANGO_SECRET_KEY,
# DJANGO_ALLOWED_HOSTS and DATABASE_URL first. `make deploy` once per release (the app's own
# packages, migrations, static files, the offline entries' sizes); `make serve` on each app
# server. Both refuse settings that fail Django's deploy check (scripts/deploy-check: with
# DJANGO_HTTPS=false, a plain-HTTP test server, only the HTTPS warnings are let through), and
# serve refuses a database with migrations not yet applied. gunicorn answers with threads, which bear a few slow clients; on the internet,
# put a buffering proxy (nginx, Caddy) in front, as the README says.
deploy: $(APP_INSTALLED) $(MO_FILES)
	scripts/deploy-check
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/python manage.py measure_offline_entries

serve: $(APP_INSTALLED) $(MO_FILES)
	scripts/deploy-check
	$(BIN)/python manage.py migrate --check >/dev/null || \
		{ echo "The database has migrations not yet applied: run make deploy first." >&2; exit 1; }
	HOST=$(HOST) PORT=$(PORT) $(BIN)/gunicorn --config config/gunicorn.py config.wsgi

# Lighthouse for the benchmark only, the exact versions in its package-lock.json, installed with
# `npm ci` (Debian's npm if there is none); the app itself never needs npm.
LIGHTHOUSE := scripts/lighthouse/node_modules/.bin/lighthouse

$(LIGHTHOUSE): scripts/lighthouse/package-lock.json
	$(MAKE) --no-print-directory node
	command -v npm >/dev/null || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq npm; }
	cd scripts/lighthouse && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Speed, queries and bytes against their goals, written to docs/benchmarks.md (a few minutes).
# `make bench-lighthouse` measures the first load on a phone again, and rewrites that section only.
bench: install browser $(LIGHTHOUSE)
	command -v wrk >/dev/null || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq wrk; }
	CHROME_PATH=$(CHROMIUM) $(BIN)/python scripts/bench.py

bench-lighthouse: install browser $(LIGHTHOUSE)
	CHROME_PATH=$(CHROMIUM) $(BIN)/python scripts/bench.py --only lighthouse

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The suite on the embedded SQLite database and, at the same time, on a real PostgreSQL server
# (scripts/test-postgres installs and starts one on 127.0.0.1 for the tests alone); first the
# service worker's and the outbox's logic on Node (tests/js, a few seconds). The browser tests
# spend much of their time waiting for the browser, so the two halves share the cores well; each
# half's report is printed whole when it ends.
test: lint browser test-js $(MO_FILES)
	$(MAKE) --no-print-directory -j2 --output-sync=target test-sqlite test-postgres

test-js: node
	node --test tests/js/*.test.mjs

# pytest-xdist processes for each half (0: all in this one).
TEST_WORKERS ?= 2
# Each clone keeps its own temporary files: pytest's shared /tmp/pytest-of-$USER keeps only the
# last three runs' folders, so a run beside another (a second clone) could lose its databases.
# Each half names its 25 slowest tests at its end, where a slower suite shows first. The halves
# add their own folder to --basetemp, which must come last.
PYTEST := $(BIN)/pytest -n $(TEST_WORKERS) --durations=25 --basetemp=$(CURDIR)/.pytest-tmp

# On SQLite: every test but those of the shared cache (marked redis) and the browser tests marked
# postgres_half (the staff's pages, the German reader's offline app), which the PostgreSQL half
# runs instead, so that the halves take about as long as each other.
# `make test-sqlite SQLITE_TESTS="not redis"` runs those here too.
SQLITE_TESTS ?= not redis and (not postgres_half or every_database)

test-sqlite: install browser $(MO_FILES)
	mkdir -p .pytest-tmp
	env -u DATABASE_URL -u GUIDE_TEST_REDIS_URL CHROMIUM=$(CHROMIUM) $(PYTEST)/sqlite \
		-m "$(SQLITE_TESTS)"

# On PostgreSQL: every test but the browser tests that only drive the patient app's pages, whose
# outcome does not depend on the database, and the tests that ask for no database (marked
# no_database by tests/conftest.py); those marked every_database (locks, limits, concurrent
# writes, backups, publishing) run on both, those marked postgres_half here alone.
# `make test-postgres POSTGRES_TESTS=` runs them all.
# The tests of the shared cache (marked redis: app servers sharing one PostgreSQL and one Redis)
# run in this half alone, against the Redis scripts/test-redis starts, each under its own prefix.
POSTGRES_TESTS ?= (not browser and not no_database) or every_database or postgres_half or redis

test-postgres: install browser $(MO_FILES)
	mkdir -p .pytest-tmp
	url=$$(scripts/test-postgres) && redis=$$(scripts/test-redis) && \
		DATABASE_URL=$$url GUIDE_TEST_REDIS_URL=$$redis CHROMIUM=$(CHROMIUM) \
		$(PYTEST)/postgres $(if $(POSTGRES_TESTS),-m "$(POSTGRES_TESTS)")

clean:
	scripts/test-postgres stop
	scripts/test-redis stop
	rm -rf $(VENV) staticfiles .pytest_cache .pytest-tmp .ruff_cache
