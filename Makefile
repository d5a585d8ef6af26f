# briefkit: `make build` sets up .venv and builds every document of the bundled
# campaign into out/; `make test` runs the tests. See README.md.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

LANGUAGES := ar en es fr ru zh
LOCALE    := briefkit/locale

.PHONY: build test check clean reference-docx catalogues

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

# After changing a label in a template (or an N_("…") in the code): extract every
# label into the template catalogue, merge it into each language's briefkit.po
# (a new language starts empty), then compile the .mo files the package ships.
# Translate the new entries in the .po files and run it again to compile them.
catalogues: $(STAMP)
	mkdir -p $(LOCALE)
	$(BIN)/pybabel extract -F babel.cfg -k N_ --sort-by-file --project briefkit --version 0.1.0 \
	  --copyright-holder briefkit --msgid-bugs-address "" -o $(LOCALE)/briefkit.pot .
	for lang in $(LANGUAGES); do \
	  test -f $(LOCALE)/$$lang/LC_MESSAGES/briefkit.po || \
	    $(BIN)/pybabel init -D briefkit -i $(LOCALE)/briefkit.pot -d $(LOCALE) -l $$lang; \
	done
	$(BIN)/pybabel update -D briefkit -i $(LOCALE)/briefkit.pot -d $(LOCALE) --no-fuzzy-matching \
	  --ignore-obsolete
	$(BIN)/pybabel compile -D briefkit -d $(LOCALE) --statistics

clean:
	rm -rf out/*/ out/manifest.json
