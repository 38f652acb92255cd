# The annotated reader. Two commands set everything up: `make site` and `make test`.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := site

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell sha256sum requirements.lock | cut -c1-16)
export PYTHONPATH := $(CURDIR)/scripts
# Deterministic output: dates in the site come from the last commit.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)

.PHONY: site pages offline check new-entry impact eval bench test test-deps serve clean help

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | sort

$(STAMP): requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	rm -f $(VENV)/.installed-*
	touch $@

site: $(STAMP) ## build the whole site into site/
	$(PY) -m reader build

pages: $(STAMP) ## write the generated Markdown into docs/ without building HTML
	$(PY) -m reader build --pages-only

offline: $(STAMP) ## build the offline edition into build/offline/ (site and zip)
	$(PY) -m reader offline

BASE ?= main
impact: $(STAMP) ## list the mentions a glossary change links or unlinks: make impact BASE=origin/main
	$(PY) -m reader impact --base "$(BASE)"

eval: $(STAMP) ## linking precision and recall against the hand-made gold (tests/gold)
	$(PY) -m reader eval

bench: $(STAMP) ## speed and memory benchmark on a synthetic 1,000-text corpus (table + build/reports/bench.json)
	$(PY) -m reader.bench

check: $(STAMP) ## validate the glossary and the sources
	$(PY) -m reader check

new-entry: export NEW_ENTRY_TITLE = $(TITLE)
new-entry: export NEW_ENTRY_TYPE = $(TYPE)
new-entry: $(STAMP) ## scaffold glossary/<id>.md: make new-entry TITLE="Yalta Conference" TYPE=event
	@test -n "$$NEW_ENTRY_TITLE" -a -n "$$NEW_ENTRY_TYPE" || { echo 'usage: make new-entry TITLE="Yalta Conference" TYPE=event' >&2; exit 2; }
	$(PY) -m reader new-entry --title "$$NEW_ENTRY_TITLE" --type "$$NEW_ENTRY_TYPE"

test-deps: $(STAMP) ## install what the browser tests need (Chromium, axe-core) when missing
	bash tests/browser/install-deps.sh

test: $(STAMP) test-deps ## run every test
	$(PY) -m pytest

serve: site ## live preview at http://127.0.0.1:8000
	$(PY) -m mkdocs serve

clean: ## remove build outputs (keeps .venv and the model cache)
	rm -rf site docs build site.staging docs.staging
