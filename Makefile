# Every target creates .venv on first use, from the pinned constraints, so a fresh clone needs only python3.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
RAW ?= data/raw
OUT ?= data/processed

.PHONY: extract test schemas lint bench clean validate info lock

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $(STAMP)

extract: $(STAMP)
	$(BIN)/hdir-extract extract $(RAW) --out $(OUT)

test: $(STAMP)
	$(BIN)/python -m pytest

schemas: $(STAMP)
	$(BIN)/hdir-extract schema

validate: $(STAMP)
	$(BIN)/hdir-extract validate --out $(OUT)

info: $(STAMP)
	$(BIN)/hdir-extract info --out $(OUT)

lint: $(STAMP)
	$(BIN)/ruff check src tests scripts
	$(BIN)/ruff format --check src tests scripts

bench: $(STAMP)
	$(BIN)/python scripts/bench.py $(RAW)

# Re-pin every dependency to what currently resolves (run deliberately, commit the result).
lock:
	rm -rf /tmp/hdir-lock && $(PYTHON) -m venv /tmp/hdir-lock
	/tmp/hdir-lock/bin/pip install --quiet '.[dev]'
	/tmp/hdir-lock/bin/pip freeze --exclude hdir-extract > constraints.txt

clean:
	rm -rf $(OUT)/*.parquet $(OUT)/*.duckdb $(OUT)/*.json $(OUT)/.cache .pytest_cache .ruff_cache
