# Two commands on a fresh machine: `make site` and `make test`. Everything is installed here.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

LOCK   := requirements.lock
# Test-only JavaScript (axe-core), exactly as package-lock.json pins it (version and integrity hash):
# `npm ci` installs it into node_modules/ when that is missing or older than the lock; never at test time.
NODE_STAMP := node_modules/.installed
# The tool `make lock` runs, pinned; it lives in a venv of its own so that .venv holds exactly the lock.
PIP_TOOLS_VERSION := 7.6.2
LOCKENV := $(VENV)/lock-tool

.PHONY: site test serve check setup clean system-deps lock

site: $(STAMP)
	$(PY) build.py

check: $(STAMP)
	$(PY) build.py check

serve: $(STAMP)
	$(PY) build.py serve

test: setup
	$(PY) -m pytest

# Everything, including the Debian tools `python build.py ingest` uses (PDF text, Tesseract OCR), and the
# test-only JavaScript (axe-core for the accessibility tests).
setup: $(STAMP) system-deps $(NODE_STAMP)

# Exactly the locked versions, each checked against its hashes (no resolving, nothing unlocked), then the
# project itself, built by the locked setuptools already in the venv (no build isolation: nothing fetched).
$(STAMP): pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes --no-deps -r $(LOCK)
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	$(PY) -m pip check
	touch $(STAMP)

# Refresh requirements.lock on purpose, e.g. after editing pyproject.toml's dependencies (scripts/lock.py
# says how); review its diff and run `make test`. `make lock ARGS=--upgrade` moves every package to the
# newest version pyproject.toml allows, `ARGS="--upgrade-package NAME"` one of them.
lock:
	[ -x $(LOCKENV)/bin/python ] || $(PYTHON) -m venv $(LOCKENV)
	$(LOCKENV)/bin/python -m pip show pip-tools 2>/dev/null | grep -qx 'Version: $(PIP_TOOLS_VERSION)' || \
	  $(LOCKENV)/bin/python -m pip install --quiet "pip-tools==$(PIP_TOOLS_VERSION)"
	$(LOCKENV)/bin/python scripts/lock.py $(ARGS)

# Debian packages: Chromium for the browser tests (no browser download at run time); poppler-utils
# (pdftotext, pdftoppm) and Tesseract with Vietnamese data for ingest; ImageMagick and DejaVu fonts
# for the tests that render text to an image and OCR it; Node.js runs the search code's JS tests.
# npm installs axe-core for the accessibility tests (Debian's nodejs comes without it: the npm package; a
# Node.js that carries its own npm needs nothing more). GOCR and Ocrad are the other OCR engines whose damage
# scripts/build_restore_model.py teaches the restoration model (docs/restore.md).
DEBS := chromium fonts-dejavu-core poppler-utils tesseract-ocr tesseract-ocr-vie imagemagick nodejs gocr ocrad
system-deps:
	@missing=$$(for p in $(DEBS); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done; \
	  command -v npm >/dev/null 2>&1 || dpkg -s npm >/dev/null 2>&1 || echo npm); \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages: $$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

$(NODE_STAMP): package.json package-lock.json | system-deps
	npm ci --ignore-scripts --no-audit --no-fund
	touch $(NODE_STAMP)

clean:
	rm -rf site site_src .site-* $(VENV) node_modules
