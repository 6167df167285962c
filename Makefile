# Two commands on a fresh machine: `make site` and `make test`. Everything is installed here.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: site test serve check setup clean system-deps

site: $(STAMP)
	$(PY) build.py

check: $(STAMP)
	$(PY) build.py check

serve: $(STAMP)
	$(PY) build.py serve

test: setup
	$(PY) -m pytest

# Everything, including the Debian tools `python build.py ingest` uses (PDF text, Tesseract OCR).
setup: $(STAMP) system-deps

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

# Debian packages: Chromium for the browser tests (no browser download at run time); poppler-utils
# (pdftotext, pdftoppm) and Tesseract with Vietnamese data for ingest; ImageMagick and DejaVu fonts
# for the tests that render text to an image and OCR it; Node.js runs the search code's JS tests.
DEBS := chromium fonts-dejavu-core poppler-utils tesseract-ocr tesseract-ocr-vie imagemagick nodejs
system-deps:
	@missing=$$(for p in $(DEBS); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages: $$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

clean:
	rm -rf site site_src .site-* $(VENV)
