# One command to chat, one to test. Each sets up its own virtual environment.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: chat test lint check bench clean

chat: $(STAMP)
	$(PY) -m chatbot chat

test: $(STAMP) lint
	$(PY) -m pytest
	$(PY) -m chatbot test
	$(PY) -m chatbot check --strict

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

check: $(STAMP)
	$(PY) -m chatbot check

bench: $(STAMP)
	$(PY) bench/respond.py
	$(PY) bench/startup.py

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

clean:
	rm -rf $(VENV) artifacts report
