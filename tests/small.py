"""Small worlds: the tiny content pack in tests/fixtures/small/, copied and edited.

The pack is the least content that loads with no errors: two medicines (baclofen and
tizanidine), three topics each (both answer `about` and `alcohol`), one safety rule a
kind (its word lists still send every canary of chatbot/safety.py to help), two regions
(US, UK) with one emergency situation (`overdose`), contacts, messages, the front
ends' wording (ui.yaml) and sources.
It loads in a few milliseconds, so a test of a mechanism can plant one mistake in it,
or build a bot from it, without paying for the shipped content.

Each medicine requires only its own three topics (`required_topics:`), so `chatbot
check` finds no error in it; it warns that each topic has fewer than 20 examples
(W054). `World.baseline()` is that list; tests compare with it.

    world = small_world(tmp_path)                       # a copy to edit
    world.replace(ALCOHOL, "examples:", "exmaples:")     # plant one mistake
    problems = world.check()

    world = small_world(tmp_path, {"intents/safety/zz.yaml": "concepts: {}\n"})
    bot = world.bot(region="UK")
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from chatbot import Chatbot, Settings
from chatbot.types import Problem

ROOT = Path(__file__).resolve().parent.parent
#: The pack as checked in (its `schemas` is a link to the repository's schemas/).
SMALL = ROOT / "tests" / "fixtures" / "small"
KNOWLEDGE, INTENTS = SMALL / "knowledge", SMALL / "intents"

# its files, as `chatbot check` shows them (relative to the pack)
ANSWERS = "knowledge/baclofen/answers.yaml"
SOURCES = "knowledge/baclofen/sources.yaml"
TIZ_ANSWERS = "knowledge/tizanidine/answers.yaml"
MESSAGES = "knowledge/messages.yaml"
CONTACTS = "knowledge/contacts.yaml"
OTHERS = "intents/other_medicines.yaml"
ABOUT = "intents/baclofen/about.yaml"
ALCOHOL = "intents/baclofen/alcohol.yaml"
DRIVING = "intents/baclofen/driving.yaml"
STORAGE = "intents/tizanidine/storage.yaml"
CONCEPTS = "intents/safety/concepts.yaml"
EMERGENCY_RULES = "intents/safety/emergency.yaml"
CRISIS_RULES = "intents/safety/crisis.yaml"


@dataclass
class World:
    """A copy of the small pack (knowledge/, intents/, schemas/ side by side) in `root`."""

    root: Path

    @property
    def knowledge(self) -> Path:
        return self.root / "knowledge"

    @property
    def intents(self) -> Path:
        return self.root / "intents"

    # --- reading and editing files ------------------------------------------------------

    def path(self, rel: str) -> Path:
        return self.root / rel

    def read(self, rel: str) -> str:
        return self.path(rel).read_text(encoding="utf-8")

    def write(self, rel: str, text: str) -> None:
        self.path(rel).parent.mkdir(parents=True, exist_ok=True)
        self.path(rel).write_text(text, encoding="utf-8")

    def replace(self, rel: str, old: str, new: str) -> None:
        """Replace the first `old` (which must be there) by `new`."""
        text = self.read(rel)
        assert old in text, f"{old!r} is not in {rel}"
        self.write(rel, text.replace(old, new, 1))

    def insert_after(self, rel: str, anchor: str, *lines: str) -> None:
        """Insert lines after the first line that starts with `anchor`."""
        line = self._line_text(rel, anchor)
        self.replace(rel, line, line + "".join(f"{new}\n" for new in lines))

    def _line_text(self, rel: str, anchor: str) -> str:
        for line in self.read(rel).splitlines(keepends=True):
            if line.startswith(anchor):
                return line
        raise AssertionError(f"no line starts with {anchor!r} in {rel}")

    def line(self, rel: str, needle: str, after: str | None = None) -> int:
        """1-based line of the first line containing `needle` (after the line with `after`)."""
        lines = self.read(rel).splitlines()
        start = 0 if after is None else next(i for i, t in enumerate(lines) if after in t)
        return next(i + 1 for i, t in enumerate(lines) if i >= start and needle in t)

    def col(self, rel: str, needle: str, after: str | None = None) -> int:
        return self.read(rel).splitlines()[self.line(rel, needle, after) - 1].index(needle) + 1

    def set_answer_field(self, topic: str, field: str, value: str, rel: str = ANSWERS) -> None:
        """Replace one field of one answer (folded blocks included) by a quoted string."""
        text = self.read(rel)
        start = text.index(f"  - topic: {topic}\n")
        end = text.find("\n  - topic:", start + 1)
        end = len(text) if end < 0 else end
        out, skipping = [], False
        for line in text[start:end].split("\n"):
            if line.startswith(f"    {field}:"):
                out.append(f"    {field}: {json.dumps(value)}")
                skipping = True
            elif skipping and line.startswith("      "):
                continue
            else:
                out.append(line)
                skipping = False
        self.write(rel, text[:start] + "\n".join(out) + text[end:])

    def add_example(self, rel: str, example: str) -> int:
        """Add an example as the first of the file's first intent; returns its line."""
        self.insert_after(rel, "    examples:", f"      - {json.dumps(example)}")
        return self.line(rel, json.dumps(example))

    # --- using it -----------------------------------------------------------------------

    def check(self, **kwargs: Any) -> list[Problem]:
        from chatbot.authoring.check import check

        return check(self.knowledge, self.intents, **kwargs)

    def load(self) -> tuple[Any, list[Problem]]:
        """(knowledge base or None, problems): what loading alone finds."""
        from chatbot.content import load

        return load(self.knowledge, self.intents)

    def settings(self, **changes: Any) -> Settings:
        return Settings(knowledge_dir=self.knowledge, intents_dir=self.intents).with_(**changes)

    def bot(self, **changes: Any) -> Chatbot:
        return Chatbot.from_settings(self.settings(**changes))

    def cli(self, *args: str) -> int:
        from chatbot.cli import main

        command, *rest = args
        return main(
            [command, "--knowledge", str(self.knowledge), "--intents", str(self.intents), *rest]
        )

    def baseline(self) -> list[Problem]:
        """What `chatbot check` finds in the unedited pack (see the module's docstring)."""
        return list(_baseline())


def small_world(root: Path, files: Mapping[str, str | None] | None = None) -> World:
    """The small pack copied to `root`, with `files` (path -> text, or None to delete)
    written over it."""
    for name in ("knowledge", "intents", "schemas"):
        shutil.copytree(SMALL / name, root / name)  # schemas: the link's target, copied
    world = World(root)
    for rel, text in (files or {}).items():
        if text is None:
            world.path(rel).unlink()
        else:
            world.write(rel, text)
    return world


@cache
def _baseline() -> tuple[Problem, ...]:
    from chatbot.authoring.check import check

    return tuple(check(KNOWLEDGE, INTENTS))


def small_bot(**changes: Any) -> Chatbot:
    """A bot on the pack as checked in (read only)."""
    return Chatbot.from_settings(
        Settings(knowledge_dir=KNOWLEDGE, intents_dir=INTENTS).with_(**changes)
    )
