# xeploai — the verbs: run, test, lint, bench-*, demo, migrations-check, lock.
# `make run` and `make test` do all the set-up on a fresh machine (Python 3.11, Node.js/npm present).

PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000
SEED ?= 1
TEST_SETTINGS := xeploai.settings_test
# DEBUG is off unless set: the development verbs (run, demo, migrations-check) turn it on for themselves.
DEV := DEBUG=true

.PHONY: lock run setup browser test test-sqlite test-postgres lint demo demo-campaigns migrations-check bench bench-import bench-rules bench-reports bench-hostile bench-pages bench-demo bench-load

# Development and tests install the dev lock (runtime + tools); production installs requirements.lock
# only (docs/operations.md). Both are locked with hashes: `make lock` regenerates them from pyproject.toml.
$(VENV)/.installed: pyproject.toml requirements.lock requirements-dev.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

setup: $(VENV)/.installed node_modules/.installed

LOCK_FLAGS := --quiet --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links
lock: $(VENV)/.installed
	$(VENV)/bin/pip-compile $(LOCK_FLAGS) -o requirements.lock pyproject.toml
	$(VENV)/bin/pip-compile $(LOCK_FLAGS) --extra dev -o requirements-dev.lock pyproject.toml

# Browser tests drive Debian's chromium through Playwright (never a browser downloaded by a test tool);
# the document tests render Word files with LibreOffice and read the PDF with poppler, in Liberation fonts
# (fonts-liberation2 has the Vietnamese letters that the older fonts-liberation lacks).
DEBIAN_TEST_PACKAGES := chromium libreoffice-writer-nogui poppler-utils fonts-liberation2

browser:
	@missing=$$(for p in $(DEBIAN_TEST_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then echo "installing $$missing"; apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	  else echo "missing Debian packages (tests will fail): sudo apt-get install $$missing"; fi; fi

# The demo's second root: the merged two-tier province of 2025 (docs/adr/0015-the-2025-structure.md).
ROOT_2025 := VL

# The 2023 province (the browser walks use it), the 2025 province beside it, its campaigns, the admin.
run: setup
	$(DEV) $(PY) manage.py migrate --noinput
	$(DEV) $(PY) manage.py demo --seed $(SEED) --if-empty
	$(DEV) $(PY) manage.py demo --structure 2025 --seed $(SEED) --if-empty
	@$(MAKE) --no-print-directory demo-campaigns
	$(DEV) $(PY) manage.py demo_admin
	@echo "Local demo: XEPLOAI_2FA_REQUIRED=false (no second factor for the demo accounts; production leaves it on)"
	@echo "Background worker (documents, exports): manage.py db_worker, stopped with the web server"
	$(DEV) $(PY) manage.py db_worker --no-reload & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(DEV) XEPLOAI_2FA_REQUIRED=false $(PY) manage.py runserver $(HOST)

lint: setup
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/mypy --strict src/xeploai/rules
	$(VENV)/bin/lint-imports

migrations-check: setup
	$(DEV) $(PY) manage.py makemigrations --check --dry-run

# The rules core first, without Django (proves it needs none), then everything on SQLite,
# then again on PostgreSQL when TEST_DATABASE_URL is set (CI sets it; see .ci/run).
test: setup browser lint migrations-check
	$(PY) -m pytest -p no:django -p no:cacheprovider tests/rules
	$(MAKE) --no-print-directory test-sqlite
	@if [ -n "$$TEST_DATABASE_URL" ]; then $(MAKE) --no-print-directory test-postgres; \
	else echo "TEST_DATABASE_URL not set: PostgreSQL run skipped (CI sets it)"; fi

test-sqlite: setup
	env -u DATABASE_URL DJANGO_SETTINGS_MODULE=$(TEST_SETTINGS) $(PY) -m pytest tests --ignore=tests/rules

test-postgres: setup
	DATABASE_URL="$$TEST_DATABASE_URL" DJANGO_SETTINGS_MODULE=$(TEST_SETTINGS) $(PY) -m pytest tests --ignore=tests/rules --create-db

# Replaces the whole registry; refused once a campaign refers to it (make run opens one): then start from
# an empty database.
demo: setup
	$(DEV) $(PY) manage.py migrate --noinput
	$(DEV) $(PY) manage.py demo --seed $(SEED) --replace
	$(DEV) $(PY) manage.py demo --structure 2025 --seed $(SEED)

# The campaigns `make run` opens on the 2025 province; opening again only brings the subjects up to date
# (ratings and decisions are kept).
# The 2025 year under QĐ366, and the first quarter of 2026 (KL198 deadlines; công chức scored from the
# task register under ND335).
demo-campaigns: setup
	$(DEV) $(PY) manage.py open_campaign --year 2025 --ruleset qd366-2025 --root $(ROOT_2025)
	$(DEV) $(PY) manage.py open_campaign --year 2026 --quarter 1 --ruleset qd366-2025 --root $(ROOT_2025)

bench: bench-import bench-rules bench-reports bench-hostile

bench-import: setup
	$(PY) bench/bench_import.py

bench-rules: setup
	$(PY) bench/bench_rules.py

bench-reports: setup
	$(PY) bench/bench_reports.py

bench-hostile: setup
	$(PY) bench/bench_hostile.py

# What `make run` does before it serves (the two demo provinces, the 2025 campaign); not part of `bench`.
bench-demo: setup
	$(PY) bench/bench_demo.py

# Every page of each demo role on the demo province, 20 times each (bench/README.md); not part of `bench`.
bench-pages: setup
	$(PY) bench/bench_pages.py

# A quarter's end under load: gunicorn on PostgreSQL (h_load, loaded once) driven by locust, 50 users for
# 2 minutes (bench/README.md); not part of `bench`. Options: make bench-load LOAD_ARGS="--users 20".
bench-load: setup
	$(PY) bench/bench_load.py $(LOAD_ARGS)
