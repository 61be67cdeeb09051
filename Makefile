# Shortcuts for the commands in README.md. Each target works from a fresh clone.
PY ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: setup thesis test lint bench bench-quick clean

$(BIN)/python:
	$(PY) -m venv $(VENV)

setup: $(BIN)/python
	$(BIN)/pip install -e ".[dev]"

thesis: setup
	$(BIN)/thesis report assumptions/alibaba.yaml --seed 2025 --out output/alibaba --force

test: setup
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check model tests benchmarks
	$(BIN)/ruff format --check model tests benchmarks
	$(BIN)/mypy

bench: setup
	$(BIN)/python -m benchmarks.run

bench-quick: setup
	$(BIN)/python -m benchmarks.run --quick

clean:
	rm -rf output build dist *.egg-info .pytest_cache .ruff_cache .mypy_cache
