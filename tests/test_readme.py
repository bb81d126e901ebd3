"""The README's promises: two commands first, and every command it shows is real."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys

from chatbot.cli import COMMANDS, build_parser

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


def test_make_targets_set_themselves_up():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("chat", "test"):
        assert re.search(rf"^{target}: \$\(STAMP\)", makefile, re.M), target
    assert "venv" in makefile and "pip install" in makefile


def test_every_chatbot_command_in_the_readme_parses():
    parser = build_parser()
    shown = [
        shlex.split(line)[1:] for line in console_lines() if line.startswith(".venv/bin/chatbot")
    ]
    assert len(shown) >= 5
    for argv in shown:
        args = parser.parse_args(argv if argv and argv[0] in COMMANDS else ["chat", *argv])
        assert args.command


def test_help_lists_every_command():
    out = subprocess.run(
        [sys.executable, "-m", "chatbot", "--help"], capture_output=True, text=True, check=True
    ).stdout
    for name in COMMANDS:
        assert name in out
    for name in ("check", "test", "explain", "report", "serve", "jsonl"):
        assert f"chatbot {name}" in README


def test_ci_runs_the_readme_test_command():
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
