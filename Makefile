# Trust Portal. `make demo` to try it, `make test` to check it. See README.md.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
STATIC_BUILT := static/build/.built
GOVUK := node_modules/govuk-frontend/dist/govuk

# Django 6 needs Python 3.12 or newer: take the first one found, including pyenv's.
PYTHON_FOR_VENV := $(shell for p in python3.14 python3.13 python3.12 $$(ls -d $$HOME/.pyenv/versions/3.1[2-9]*/bin/python3 2>/dev/null) python3; do \
	if $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then command -v $$p; break; fi; done)

# What WeasyPrint, the browser tests, the PDF checks and the HTML checker (vnu-jar runs on
# Java) need from the operating system:
# Debian package names, each checked by a file it installs or a command it puts on the PATH.
SYSTEM_NEEDS := libpango-1.0-0:/usr/lib/*/libpango-1.0.so.0 \
	libpangoft2-1.0-0:/usr/lib/*/libpangoft2-1.0.so.0 \
	libharfbuzz-subset0:/usr/lib/*/libharfbuzz-subset.so.0 \
	fonts-dejavu-core:/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf \
	fonts-liberation:/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf \
	poppler-utils:pdftoppm chromium:chromium npm:npm default-jre-headless:java

.PHONY: demo test lint bench load backup restore static system-deps clean

static: $(STATIC_BUILT)

demo: $(INSTALLED) $(STATIC_BUILT)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	@echo
	@echo "Trust Portal is starting at http://127.0.0.1:8000/ - sign in with a login above."
	@echo "Packs render in the worker beside it; Ctrl-C stops both."
	@trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; \
	TASK_BACKEND=database $(PY) manage.py db_worker --no-reload & worker=$$!; \
	TASK_BACKEND=database $(PY) manage.py runserver 127.0.0.1:8000

test: $(INSTALLED) $(STATIC_BUILT) lint
	$(PY) -m pytest -n 2 -q

# Figures for the README, measured on a fresh demo database (see bench/).
bench: $(INSTALLED) $(STATIC_BUILT)
	$(PY) bench/run.py

# 50 simulated users for 2 minutes against gunicorn (2 workers) and PostgreSQL on 127.0.0.1.
load: $(INSTALLED) $(STATIC_BUILT)
	$(PY) bench/load.py

# The database (pg_dump on PostgreSQL, dumpdata on SQLite) and the stored packs in one file.
backup: $(INSTALLED)
	$(PY) manage.py backup $(FILE)

# Into an empty database: `make restore FILE=trust-portal-....tar.gz`.
restore: $(INSTALLED)
	@test -n "$(FILE)" || { echo "Say which backup: make restore FILE=trust-portal-....tar.gz"; exit 1; }
	$(PY) manage.py migrate --noinput
	$(PY) manage.py restore $(FILE)

lint: $(INSTALLED)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
	$(PY) manage.py makemigrations --check --dry-run

$(INSTALLED): pyproject.toml | system-deps
	@test -n "$(PYTHON_FOR_VENV)" || { echo "Trust Portal needs Python 3.12 or newer." \
		"Install it (Debian/Ubuntu: apt-get install python3.12-venv; or: pyenv install 3.12)" \
		"and run make again."; exit 1; }
	$(PYTHON_FOR_VENV) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e '.[dev]'
	touch $@

$(STATIC_BUILT): package.json package-lock.json static/src/portal.scss | system-deps
	npm ci --no-audit --no-fund --loglevel=error
	rm -rf static/build && mkdir -p static/build/govuk
	cp -r $(GOVUK)/assets static/build/govuk/
	cp $(GOVUK)/govuk-frontend.min.js $(GOVUK)/govuk-frontend.min.js.map static/build/govuk/
	npx --no-install sass --load-path=node_modules/govuk-frontend/dist --no-source-map \
		--style=compressed --quiet-deps --silence-deprecation=import \
		static/src/portal.scss static/build/portal.css
	touch $@

# Installs what is missing with apt-get where it can (Debian or Ubuntu as root);
# otherwise names the packages to install.
system-deps:
	@missing=$$(for need in $(SYSTEM_NEEDS); do package=$${need%%:*}; file=$${need#*:}; \
		ls $$file >/dev/null 2>&1 || command -v $$file >/dev/null || echo $$package; done); \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
		echo "Installing system packages: $$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	else \
		echo "Trust Portal needs these system packages (Debian names): $$missing"; \
		echo "Install them with: sudo apt-get install $$missing"; \
		echo "(macOS: brew install pango poppler node; the browser tests also need Chromium.)"; \
		command -v npm >/dev/null || exit 1; \
	fi

clean:
	rm -rf $(VENV) node_modules static/build staticfiles
