# Front door of the handbook. Every target does its set-up first; the work itself lives in build_scripts/.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
LANG_  ?= nl
# a subset of the editions, e.g. make LANGUAGES=nl,en (default: every edition in source/_data/editions.toml)
LANGUAGES ?=
BUILD_LANGUAGES = $(if $(LANGUAGES),--languages $(LANGUAGES))

.DEFAULT_GOAL := all
.PHONY: all help html pdf gettext update-po stats check-po add-language serve clean test bench lock system system-tests

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'
	@echo "  (all, html and pdf take LANGUAGES=nl,en; serve takes LANG_=<code>; stats takes ARGS=--json or ARGS='--require 100')"

$(VENV)/.installed: requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	touch $@

system:
	@$(PYTHON) build_scripts/system_packages.py

system-tests:
	@$(PYTHON) build_scripts/system_packages.py --tests

all: $(VENV)/.installed system ## build everything: both editions, HTML and PDF, into build/site
	$(PY) build_scripts/build.py $(BUILD_LANGUAGES)

html: $(VENV)/.installed system ## build the HTML of both editions into build/site
	$(PY) build_scripts/build.py --formats html $(BUILD_LANGUAGES)

pdf: $(VENV)/.installed system ## build the PDF of both editions into build/site/downloads
	$(PY) build_scripts/build.py --formats pdf $(BUILD_LANGUAGES)

gettext: $(VENV)/.installed ## extract the Dutch messages into build/gettext/*.pot
	$(PY) build_scripts/update_po.py --pot-only

update-po: $(VENV)/.installed ## extract the messages and update every edition's catalogues (fuzzy, new, obsolete)
	$(PY) build_scripts/update_po.py

stats: $(VENV)/.installed ## translation progress of every edition, per page and in total
	$(PY) build_scripts/po_stats.py $(ARGS)

check-po: $(VENV)/.installed ## check the catalogues: syntax, markup of the source, glossary terms (also run by every build)
	$(PY) build_scripts/check_po.py

add-language: $(VENV)/.installed ## add an edition: make add-language CODE=fy NAME=Frysk
	$(PY) build_scripts/add_language.py "$(CODE)" "$(NAME)"

serve: $(VENV)/.installed ## live preview of one edition (LANG_=<code>, default nl) on http://127.0.0.1:8000
	$(PY) build_scripts/preview.py --language $(LANG_)

test: $(VENV)/.installed system system-tests ## run the whole test suite
	$(PY) -m playwright --version >/dev/null
	$(PY) -m pytest; status=$$?; if [ $$status -eq 5 ]; then echo "pytest collected no tests: failing" >&2; exit 1; fi; exit $$status

bench: $(VENV)/.installed system ## measure build times, memory, page weight and PDF size
	$(PY) build_scripts/bench.py $(ARGS)

lock: ## regenerate requirements.lock from pyproject.toml (pip-tools in a throwaway virtualenv)
	$(PYTHON) -m venv build/lock-venv
	build/lock-venv/bin/pip install --quiet --disable-pip-version-check pip-tools
	build/lock-venv/bin/pip-compile --quiet --extra dev --generate-hashes --strip-extras --allow-unsafe \
	  --no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml

clean: ## remove build output and caches (keeps the virtualenv)
	rm -rf build
