"""The README's promises: two commands first, and every command it shows is real."""

from __future__ import annotations

import re
import shlex

import pytest

from chatbot.cli import COMMANDS, build_parser, main

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def console_lines() -> list[str]:
    blocks = re.findall(r"```console\n(.*?)```", README, re.S)
    return [
        line[2:].split("  #")[0].strip()
        for b in blocks
        for line in b.splitlines()
        if line.startswith("$ ")
    ]


def test_readme_opens_with_the_two_commands():
    first = console_lines()[:2]
    assert first == ["make chat", "make test"]


def make_recipe(target: str) -> list[str]:
    """The commands of a Makefile target, and its prerequisites first."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    m = re.search(rf"^{re.escape(target)}: (.*)\n((?:\t.*\n)*)", makefile, re.M)
    assert m, f"no target {target}"
    return [f"needs {m.group(1).strip()}", *(line.strip() for line in m.group(2).splitlines())]


def test_make_targets_set_themselves_up():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("chat", "test", "test-slow"):
        assert make_recipe(target)[0].startswith("needs $(STAMP)"), target
    assert "venv" in makefile and "pip install" in makefile


def test_make_test_leaves_out_only_the_slow_tests_and_test_slow_runs_just_them():
    fast, slow = make_recipe("test"), make_recipe("test-slow")
    assert fast[0] == "needs $(STAMP) lint"
    assert fast[1] == '$(PY) -m pytest -m "not slow and not browser" -n auto --maxprocesses 4'
    assert fast[2:] == ["$(PY) -m chatbot test", "$(PY) -m chatbot check --strict"]
    assert slow[1:] == ['$(PY) -m pytest -m "slow or browser"']
    assert make_recipe("test-all") == ["needs test test-slow"]


def test_every_chatbot_command_in_the_readme_parses():
    parser = build_parser()
    shown = [
        shlex.split(line)[1:] for line in console_lines() if line.startswith(".venv/bin/chatbot")
    ]
    assert len(shown) >= 5
    for argv in shown:
        full = argv if argv and argv[0] in COMMANDS else ["chat", *argv]
        assert parser.parse_args(full).command == full[0], argv  # exits if it does not parse


def test_help_lists_every_command(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    for name in COMMANDS:
        assert re.search(rf"^    {name} ", out, re.M), name
    for name in ("check", "test", "explain", "report", "serve", "jsonl"):
        assert f"chatbot {name}" in README


def test_ci_runs_every_test():
    commands = [
        line.strip()
        for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
        if line.strip().startswith("make ")
    ]
    assert commands == ["make test", "make test-slow"]  # the README's command, then the rest
