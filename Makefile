# briefkit: `make build` installs the system packages briefkit needs (when they are
# missing), sets up .venv from the lock file and builds every document of the
# bundled campaign into out/; `make test` does the same set-up, with the packages the
# tests need too, and runs the tests. See README.md.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

LANGUAGES := ar en es fr ru zh
LOCALE    := briefkit/locale

# Every Python package, direct and indirect, at the exact version and hashes in
# requirements.lock (written by `make lock`); briefkit itself is installed on top,
# editable and without dependencies, so nothing unlocked can slip in.
LOCK     := requirements.lock
PIP      := $(BIN)/pip --disable-pip-version-check
UV       := uv==0.13.8

.PHONY: build test check clean reference-docx catalogues lock system-build system-test

$(STAMP): pyproject.toml $(LOCK)
	@$(PYTHON) -c 'import sys; sys.exit("briefkit needs Python 3.11 or newer") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --require-hashes --no-deps -r $(LOCK)
	$(PIP) install --quiet --no-deps --no-build-isolation -e .
	$(PIP) check
	@touch $@

system-build:
	@tools/system-packages build

system-test:
	@tools/system-packages test

build: system-build $(STAMP)
	$(BIN)/briefkit build

check: system-build $(STAMP)
	$(BIN)/briefkit check

test: system-test $(STAMP)
	$(BIN)/pytest -q

# Resolve pyproject.toml's ranges (with the test extra and the build backend) again,
# to the newest versions they allow, and write them with their hashes to the lock.
# The next `make build` or `make test` reinstalls .venv from it; commit both.
lock:
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip --disable-pip-version-check install --quiet $(UV)
	$(PYTHON) -c 'import tomllib; print(*tomllib.load(open("pyproject.toml", "rb"))["build-system"]["requires"], sep="\n")' \
	  | .venv-lock/bin/uv pip compile pyproject.toml - --extra test --universal --python-version 3.11 \
	      --generate-hashes --quiet --custom-compile-command "make lock" -o $(LOCK)
	rm -rf .venv-lock

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
