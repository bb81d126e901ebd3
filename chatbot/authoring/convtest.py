"""Run the authors' conversation tests: what a user says, turn by turn, and what must come back.

    chatbot test                                  # every tests/conversations/*.yaml
    chatbot test tests/conversations/safety.yaml  # one file (or a folder)
    chatbot test --format json

A test file looks like this:

    tests:
      - name: alcohol then more
        region: US                 # optional: whose emergency numbers to use
        turns:
          - say: can i drink on baclofen
            expect: {kind: answer, topic: alcohol}
          - say: my son swallowed some pills
            expect: {kind: emergency, text_contains: "911"}

Each test is a fresh conversation. `expect` gives `kind` (required) and may give
`topic` (with or without the "baclofen." prefix; a list means any one of them),
`rule`, and `text_contains` (a text, or a list of texts that must all appear;
case does not matter). A test stops at its first failing turn.

Exit status: 0 all passed, 1 a test failed, 2 a file could not be read (its
problems are printed as file:line:col, like `chatbot check`).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import Field

from ..problems import problem
from ..schema import Strict
from ..types import Kind, Problem

if TYPE_CHECKING:
    from ..bot import Chatbot
    from ..types import Reply

#: Where `chatbot test` looks when it is given no files.
DEFAULT_DIR = Path("tests") / "conversations"


# --- the file format (strict: unknown keys are errors that list the allowed ones) --------------


class Expect(Strict):
    kind: Kind = Field(description="the reply kind (TAXONOMY.md)")
    topic: str | list[str] | None = Field(
        default=None, description="topic id, e.g. alcohol; a list means any one of them"
    )
    rule: str | None = Field(default=None, description="the rule that must produce the reply")
    text_contains: str | list[str] | None = Field(
        default=None, description="text(s) the reply must contain"
    )
    first_line_contains: str | list[str] | None = Field(
        default=None,
        description="text(s) the reply's first line must contain: the first step, for urgent kinds",
    )


class Turn(Strict):
    say: str = Field(description="what the user types")
    expect: Expect


class ConversationTest(Strict):
    name: str = Field(min_length=1)
    region: str | None = Field(default=None, description="US, UK, EU, CA, AU, ES, MX...")
    turns: list[Turn] = Field(min_length=1)


class ConversationsFile(Strict):
    """tests/conversations/*.yaml"""

    tests: list[ConversationTest] = Field(min_length=1)


# --- results -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Got:
    """What came back for a failing turn."""

    kind: str
    topic: str | None
    rule: str | None
    first_line: str


@dataclass(frozen=True)
class Result:
    name: str
    path: str
    line: int  # where the test starts
    passed: bool
    turn: int = 0  # 1-based number of the failing turn; 0 when passed
    say: str = ""
    expected: dict[str, Any] = field(default_factory=dict)
    got: Got | None = None
    why: str = ""  # what did not match

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class ConversationFileError(Exception):
    """A conversation file cannot be used; `problems` say where and why."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


# --- running -----------------------------------------------------------------------------------


def load_file(path: Path) -> tuple[str, list[tuple[ConversationTest, int, list[int]]]]:
    """Parse and validate one file: (shown path, [(test, its line, each turn's line)])."""
    from ..schema import validate
    from ..yamlio import read_yaml

    doc, problems = read_yaml(Path(path))
    if doc is None or any(p.severity == "error" for p in problems):
        raise ConversationFileError(problems)
    parsed, problems = validate(doc, ConversationsFile)
    if parsed is None:
        raise ConversationFileError(problems)
    out = []
    for i, test in enumerate(parsed.tests):
        lines = [doc.where(("tests", i, "turns", j))[0] for j in range(len(test.turns))]
        out.append((test, doc.where(("tests", i))[0], lines))
    return doc.path, out


def run_file(bot: Chatbot, path: str | Path) -> list[Result]:
    """Run every test of one file, each in a fresh conversation.

    Raises ConversationFileError when the file cannot be read or has unknown keys,
    or names a region the content does not have.
    """
    from ..bot import Chatbot as _Chatbot

    shown, tests = load_file(Path(path))
    bots: dict[str, Chatbot] = {bot.region: bot}
    problems = []
    for test, line, _ in tests:
        region = (test.region or bot.region).upper()
        if region not in bots:
            if region not in bot.kb.regions:
                problems.append(
                    problem(
                        "E080",
                        shown,
                        line,
                        1,
                        test=test.name,
                        region=test.region,
                        known=", ".join(bot.kb.regions),
                    )
                )
                continue
            bots[region] = _Chatbot(bot.kb, bot.settings.with_(region=region))
    if problems:
        raise ConversationFileError(problems)
    return [
        _run_test(bots[(test.region or bot.region).upper()], test, shown, line, turn_lines)
        for test, line, turn_lines in tests
    ]


def _run_test(
    bot: Chatbot, test: ConversationTest, shown: str, line: int, turn_lines: list[int]
) -> Result:
    state = None
    for n, turn in enumerate(test.turns, 1):
        reply, state = bot.reply(turn.say, state)
        why = mismatch(turn.expect, reply)
        if why:
            expected = turn.expect.model_dump(exclude_none=True)
            return Result(
                test.name,
                shown,
                turn_lines[n - 1],
                False,
                n,
                turn.say,
                expected,
                Got(reply.kind, reply.topic, reply.rule, first_line(reply.text)),
                why,
            )
    return Result(test.name, shown, line, True)


def mismatch(expect: Expect, reply: Reply) -> str:
    """What about `reply` does not meet `expect` ("" when it does)."""
    wrong = []
    if reply.kind != expect.kind:
        wrong.append(f"kind is {reply.kind}, not {expect.kind}")
    topics = [expect.topic] if isinstance(expect.topic, str) else expect.topic or []
    if topics and not any(same_topic(t, reply.topic) for t in topics):
        wrong.append(f"topic is {reply.topic}, not {' or '.join(topics)}")
    if expect.rule is not None and reply.rule != expect.rule:
        wrong.append(f"rule is {reply.rule}, not {expect.rule}")
    wanted = expect.text_contains
    for text in [wanted] if isinstance(wanted, str) else wanted or []:
        if text.casefold() not in reply.text.casefold():
            wrong.append(f"text does not contain {text!r}")
    wanted = expect.first_line_contains
    first = first_line(reply.text)
    for text in [wanted] if isinstance(wanted, str) else wanted or []:
        if text.casefold() not in first.casefold():
            wrong.append(f"first line does not contain {text!r}")
    return "; ".join(wrong)


def same_topic(expected: str, got: str | None) -> bool:
    """'alcohol' matches 'baclofen.alcohol'; a qualified id must match exactly."""
    if got is None:
        return False
    return got == expected or ("." not in expected and got.split(".", 1)[-1] == expected)


def first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def find_files(names: Sequence[str], overlay: Path | None = None) -> list[Path]:
    """Files and folders given on the command line, or the default folder: an
    overlay's own tests/, or the project's."""
    if not names and overlay is not None:
        return sorted((overlay / "tests").glob("*.yaml"))
    if not names:
        from ..settings import PROJECT_ROOT

        folder = DEFAULT_DIR if DEFAULT_DIR.is_dir() else PROJECT_ROOT / DEFAULT_DIR
        return sorted(folder.glob("*.yaml"))
    out: list[Path] = []
    for name in names:
        p = Path(name)
        out.extend(sorted(p.glob("*.yaml")) if p.is_dir() else [p])
    return out


# --- the command -------------------------------------------------------------------------------


def configure(parser: argparse.ArgumentParser) -> None:
    from ..cli import add_content_options, add_format_option

    parser.add_argument(
        "files",
        nargs="*",
        metavar="FILE",
        help=f"test files or folders (default: {DEFAULT_DIR}/*.yaml, or with --overlay DIR, "
        "DIR/tests/*.yaml)",
    )
    add_format_option(parser)
    add_content_options(parser)


def run(args: argparse.Namespace) -> int:
    from ..cli import load_bot, settings_from

    overlay = settings_from(args).overlay_dir
    files = find_files(args.files, overlay)
    if not files:
        looked = overlay / "tests" if overlay is not None else DEFAULT_DIR
        print(f"chatbot test: no conversation files found (looked in {looked}/)", file=sys.stderr)
        return 2
    problems: list[Problem] = []
    for path in files:  # report unreadable files before the slower content load
        try:
            load_file(path)
        except ConversationFileError as exc:
            problems.extend(exc.problems)
    results: list[Result] = []
    bot = None if problems else load_bot(args)
    if bot is not None:
        for path in files:
            try:
                results.extend(run_file(bot, path))
            except ConversationFileError as exc:
                problems.extend(exc.problems)
    elif not problems:
        return 2  # the content did not load; load_bot said why
    passed = sum(r.passed for r in results)
    failed = len(results) - passed
    if args.format == "json":
        json.dump(
            {
                "passed": passed,
                "failed": failed,
                "results": [r.to_dict() for r in results],
                "problems": [p.to_dict() for p in problems],
            },
            sys.stdout,
            ensure_ascii=False,
            indent=2,
        )
        sys.stdout.write("\n")
    else:
        for r in results:
            print(format_result(r))
        for p in problems:
            print(p, file=sys.stderr)
        print(f"conversations: {passed} passed, {failed} failed")
    if problems:
        return 2
    return 1 if failed else 0


def format_result(r: Result) -> str:
    if r.passed:
        return f"PASS  {r.name}"
    expected = " ".join(
        f"{k}={v!r}" if k == "text_contains" else f"{k}={v}" for k, v in r.expected.items()
    )
    got = r.got
    assert got is not None
    lines = [
        f"FAIL  {r.name}  ({r.path}:{r.line})",
        f"      turn {r.turn}: {r.say!r}",
        f"      expected: {expected}",
        f"      got:      kind={got.kind} topic={got.topic} rule={got.rule}",
        f"                {_clip(got.first_line)!r}",
        f"      why:      {r.why}",
    ]
    return "\n".join(lines)


def _clip(text: str, width: int = 100) -> str:
    return text if len(text) <= width else text[: width - 3].rstrip() + "..."
