# Emporium: `make run` serves the shop with demo data; `make test` runs the suite.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON_VERSION := 3.11
UV ?= $(shell command -v uv 2>/dev/null || echo $(HOME)/.local/bin/uv)
MANAGE := $(UV) run --frozen python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

CSS := emporium/static/css/app.css
CSS_SOURCES := $(shell find emporium -name '*.html' -path '*templates*' 2>/dev/null) \
	emporium/static/src/app.css tailwind.config.js

.PHONY: help run serve test test-pg lint format check install assets migrate \
	admin worker beat clean

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | \
		awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(UV):
	@echo "Installing uv (Python package manager) from PyPI..."
	python3 -m pip install --user --quiet uv \
		|| python3 -m pip install --user --quiet --break-system-packages uv \
		|| python3 -m pip install --quiet uv

.venv/.installed: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --python $(PYTHON_VERSION)
	@touch $@

install: .venv/.installed ## Install Python dependencies from the lockfile

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "npm is missing: installing Node.js from Debian"; \
			apt-get update -qq && apt-get install -y -qq nodejs npm; \
		else echo "Please install Node.js 18+ with npm (needed to build the CSS)"; exit 1; fi; }
	npm ci --no-audit --no-fund
	@touch $@

$(CSS): node_modules/.installed $(CSS_SOURCES)
	npm run build

assets: $(CSS) ## Build Tailwind CSS and copy htmx/Alpine into static/

var:
	mkdir -p var

migrate: install var ## Apply database migrations
	$(MANAGE) migrate --noinput

admin: migrate ## Create the admin user once and print the login
	@$(MANAGE) ensure_admin

run: install assets migrate ## Serve the shop on http://127.0.0.1:8000 (SQLite, demo data)
	$(MANAGE) load_demo --if-empty
	@$(MANAGE) ensure_admin
	@$(MANAGE) demo_logins
	$(MANAGE) runserver $(HOST):$(PORT)

serve: install assets var ## Production mode: DEBUG off, gunicorn, whitenoise
	@test -f .env || { echo "SECRET_KEY=$$(python3 -c 'import secrets; print(secrets.token_urlsafe(64))')" > .env; echo "Wrote a local SECRET_KEY to .env"; }
	HOST=$(HOST) PORT=$(PORT) DJANGO_SETTINGS_MODULE=emporium.settings.production \
	SECURE_SSL_REDIRECT=false \
	SECURE_COOKIES=false SECURE_HSTS_SECONDS=0 SERVE_MEDIA=true \
	bash -c '$(UV) run --frozen python manage.py collectstatic --noinput -v0 && \
	$(UV) run --frozen python manage.py migrate --noinput && \
	exec $(UV) run --frozen gunicorn emporium.wsgi:application -c gunicorn.conf.py'

test: install assets ## Run the whole test suite (uses DATABASE_URL/REDIS_URL if set)
	$(UV) run --frozen pytest $(PYTEST_ARGS)

lint: install ## ruff check + format check + import contracts
	$(UV) run --frozen ruff check .
	$(UV) run --frozen ruff format --check .
	$(UV) run --frozen lint-imports

format: install ## Format and autofix with ruff
	$(UV) run --frozen ruff format .
	$(UV) run --frozen ruff check --fix .

check: install var ## Django system checks + missing migrations
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

worker: install ## Run a Celery worker (needs REDIS_URL or CELERY_BROKER_URL)
	$(UV) run --frozen celery -A emporium worker -l info

beat: install ## Run Celery beat (periodic tasks)
	$(UV) run --frozen celery -A emporium beat -l info

clean: ## Remove built assets, caches and the local SQLite database
	rm -rf var/static $(CSS) emporium/static/vendor .pytest_cache .ruff_cache
