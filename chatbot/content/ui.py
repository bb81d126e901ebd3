"""Checks of the front ends' wording (knowledge/ui.yaml): placeholders, no amounts,
and featured topics that exist.

The schema (`chatbot.schema.UiFile`) already requires every key, so a missing
label is E012 at its file and line; these are the checks a schema cannot make.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from pydantic import BaseModel

from ..schema import UiFile
from ..yamlio import Doc
from .messages import check_no_dose
from .reader import Reader

#: The placeholders each text may use, by its place in ui.yaml; every other text has none.
#: (optional, required): a required one carries what the text is about.
PLACEHOLDERS: dict[tuple[str, ...], tuple[frozenset[str], frozenset[str]]] = {
    ("lists", "more"): (frozenset(), frozenset({"items"})),
    ("lists", "more_count"): (frozenset(), frozenset({"items", "count"})),
    ("lists", "alternatives"): (frozenset(), frozenset({"items", "last"})),
    ("reply", "reviewed"): (frozenset(), frozenset({"date"})),
    ("terminal", "commands_line"): (frozenset(), frozenset({"commands"})),
    ("terminal", "unknown_command"): (frozenset({"command"}), frozenset()),
    ("terminal", "sources_line"): (frozenset(), frozenset({"titles"})),
    ("terminal", "reloaded"): (frozenset({"count"}), frozenset()),
    ("kiosk", "qr_alt"): (frozenset({"title"}), frozenset()),
    ("kiosk", "still_there"): (frozenset({"seconds"}), frozenset()),
}
NOT_TEXT = frozenset({("kiosk", "lang"), ("kiosk", "featured_topics")})

Place = tuple[str | int, ...]


def texts(value: Any, path: Place = ()) -> Iterator[tuple[Place, str]]:
    """Every text of the file (or of a part of it) with its place."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from texts(item, (*path, i))
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from texts(getattr(value, name), (*path, name))


def check_ui(ld: Reader, doc: Doc, ui: UiFile, answers: Mapping[str, object]) -> None:
    """Placeholders are the known ones, no text states an amount, featured topics exist."""
    for path, text in texts(ui):
        key = tuple(str(p) for p in path[:2])
        if key in NOT_TEXT:
            continue
        name_of = ".".join(str(p) for p in path)
        optional, required = PLACEHOLDERS.get(key, (frozenset(), frozenset()))
        used = set(re.findall(r"\{([^{}]*)\}", text))
        for name in sorted(used - optional - required):
            known = ", ".join(f"{{{n}}}" for n in sorted(optional | required)) or "none"
            ld.error(
                doc,
                path,
                "E032",
                message=f"unknown placeholder {{{name}}} in ui.yaml {name_of}",
                hint=f"this text can use: {known}",
            )
        for name in sorted(required - used):
            ld.error(
                doc,
                path,
                "E032",
                message=f"ui.yaml {name_of} lacks the placeholder {{{name}}}",
                hint=f"put {{{name}}} where the front end fills it in",
            )
        check_no_dose(ld, doc, path, text, f"ui.yaml {name_of}")
    for i, topic in enumerate(ui.kiosk.featured_topics):
        if topic not in answers:
            local = [t for t in answers if t.split(".", 1)[-1] == topic]
            ld.error(
                doc,
                ("kiosk", "featured_topics", i),
                "E039",
                topic=topic,
                hint=f"did you mean '{local[0]}'?"
                if local
                else "write the topic id of an answer as medicine.topic",
            )
