"""Render a Reply as plain text (for pipes, `ask`, and the non-tty terminal).

Every word comes from the content: the reply itself, and the banner and labels
of knowledge/ui.yaml (`ui`). Code adds only marks: plain text has no colour, so
an urgent reply's banner stands between `!!!` or `***`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .types import Reply
from .wording import fill

if TYPE_CHECKING:
    from .schema import UiFile

#: The marks around the banner of an urgent reply, by kind.
MARKS = {"emergency": "!!!", "crisis": "***"}


def banner(ui: UiFile, kind: str) -> str | None:
    """The banner over a reply of this kind, as every front end shows it (None: no banner).

    The emergency banner is shown in capitals, the crisis banner as written.
    """
    if kind == "emergency":
        return ui.banners.emergency.upper()
    if kind == "crisis":
        return ui.banners.crisis
    return None


def reviewed_note(ui: UiFile, day: str) -> str:
    """How the date a pharmacist last checked an answer is shown to users."""
    return fill(ui.reply.reviewed, date=day)


def plain(reply: Reply, ui: UiFile) -> str:
    parts = []
    title = banner(ui, reply.kind)
    if title:
        mark = MARKS[reply.kind]
        parts.append(f"{mark} {title} {mark}")
    parts.append(reply.text)
    if reply.choices:
        parts.append("\n".join(f"  {i}. {c.title}" for i, c in enumerate(reply.choices, 1)))
    if reply.sources:
        lines = [f"  - {s.title}: {s.url}" for s in reply.sources]
        if reply.reviewed:
            lines.append(f"  {reviewed_note(ui, reply.reviewed)}")
        parts.append(f"{ui.reply.sources}:\n" + "\n".join(lines))
    if reply.suggestions and reply.kind == "answer":
        parts.append(f"{ui.reply.suggestions} " + "; ".join(reply.suggestions))
    return "\n\n".join(parts)
