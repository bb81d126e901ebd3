# One command to chat, one to test. Each sets up its own virtual environment.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

BASE_VENV := .venv-baselines

.PHONY: chat test test-slow test-all lint check train bench bench-baselines clean

chat: $(STAMP)
	$(PY) -m chatbot chat

# Lint, every test but the slow end-to-end ones (marked `slow` or `browser`: the wheel
# installed in a fresh venv, the real server under slow clients, the guide followed on a
# copy of the content, the kiosk in Chromium), the conversation tests and a strict check.
test: $(STAMP) lint
	$(PY) -m pytest -m "not slow and not browser" -n auto --maxprocesses 4
	$(PY) -m chatbot test
	$(PY) -m chatbot check --strict

# Only the slow end-to-end tests that `make test` leaves out.
test-slow: $(STAMP)
	$(PY) -m pytest -m "slow or browser"

# Every test: `make test`, then the slow ones. CI (.ci/run) runs the two in turn.
test-all: test test-slow

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

check: $(STAMP)
	$(PY) -m chatbot check

# The safety screen's second reader, trained again on tests/data/training.yaml's files
# (after adding labelled messages or opening a sealed set); commit classifier.json.
train: $(STAMP)
	$(PY) -m chatbot train

bench: $(STAMP)
	$(PY) bench/respond.py
	$(PY) bench/startup.py

# The learned baselines (issue 10) in their own environment: torch is large.
# ARGS=--sealed also scores the sealed set (figures only).
bench-baselines:
	test -x $(BASE_VENV)/bin/python || $(PYTHON) -m venv $(BASE_VENV)
	$(BASE_VENV)/bin/python -m pip install --quiet -e '.[baselines]'
	HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 $(BASE_VENV)/bin/python bench/baselines.py $(ARGS)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	# Bytecode now, as a wheel install does: an editable install under
	# PYTHONDONTWRITEBYTECODE would otherwise compile the package at every start.
	$(PY) -m compileall -q chatbot
	touch $(STAMP)

clean:
	rm -rf $(VENV) $(BASE_VENV) artifacts report
