# briefkit: `make build` sets up .venv and builds every document of the bundled
# campaign into out/; `make test` runs the tests. See README.md.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: build test check clean reference-docx

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit("briefkit needs Python 3.11 or newer") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $@

build: $(STAMP)
	$(BIN)/briefkit build

check: $(STAMP)
	$(BIN)/briefkit check

test: $(STAMP)
	$(BIN)/pytest -q

# Regenerate the Word styles after changing the print stylesheets.
reference-docx: $(STAMP)
	$(BIN)/python tools/make_reference_docx.py

clean:
	rm -rf out/*/ out/manifest.json
