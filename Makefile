# Everything sets itself up: `make run` and `make test` create .venv when missing.
# Two install levels, one stamp each: `make run` installs only what the app needs;
# `make test`, `make lint` and `make bench` add the dev tools (pytest, mypy, ruff...).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
RUNTIME_STAMP := $(VENV)/.runtime-stamp
STAMP  := $(VENV)/.installed-stamp
PIP_INSTALL := $(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt

.PHONY: run test lint bench fuzz clean

# A venv whose pip does not run (python3 -m venv stopped half-way, e.g. without
# ensurepip) is removed and made again rather than used broken.
$(RUNTIME_STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { \
	    echo "backcoach needs Python 3.11 or newer; $(PYTHON) is $$($(PYTHON) --version 2>&1)." >&2; \
	    echo "Run with PYTHON=python3.11 (or newer), e.g. make test PYTHON=python3.12" >&2; \
	    exit 1; }
	@$(BIN)/python -m pip --version >/dev/null 2>&1 || { \
	    rm -rf $(VENV) && $(PYTHON) -m venv $(VENV) && $(BIN)/python -m pip --version >/dev/null; } || { \
	    echo "Could not create a working virtualenv in $(VENV) (is the python3-venv package installed?)" >&2; \
	    exit 1; }
	$(PIP_INSTALL) -e .
	@touch $(RUNTIME_STAMP)

# The dev level: the runtime one plus the `dev` extras.
$(STAMP): $(RUNTIME_STAMP)
	$(PIP_INSTALL) -e '.[dev]'
	@touch $(STAMP)

run: $(RUNTIME_STAMP)
	$(BIN)/backcoach $(ARGS)

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The long fuzz profile (the suite runs a short one): minutes, not part of CI.
fuzz: $(STAMP)
	BACKCOACH_FUZZ=long $(BIN)/python -m pytest -q tests/test_fuzz_files.py $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/mypy
	$(BIN)/mypy tests/tui/conftest.py

bench: $(STAMP)
	$(BIN)/python -m bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
