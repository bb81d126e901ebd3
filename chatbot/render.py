"""Render a Reply as plain text (for pipes, `ask`, and the non-tty terminal)."""

from __future__ import annotations

from .types import Reply

BANNERS = {
    "emergency": "!!! EMERGENCY !!!",
    "crisis": "*** YOU ARE NOT ALONE - HELP IS AVAILABLE NOW ***",
}


def reviewed_note(day: str) -> str:
    """How the date a pharmacist last checked an answer is shown to users."""
    return f"Last checked against these sources: {day}."


def plain(reply: Reply) -> str:
    parts = []
    banner = BANNERS.get(reply.kind)
    if banner:
        parts.append(banner)
    parts.append(reply.text)
    if reply.choices:
        parts.append("\n".join(f"  {i}. {c.title}" for i, c in enumerate(reply.choices, 1)))
    if reply.sources:
        lines = [f"  - {s.title}: {s.url}" for s in reply.sources]
        if reply.reviewed:
            lines.append(f"  {reviewed_note(reply.reviewed)}")
        parts.append("Sources:\n" + "\n".join(lines))
    if reply.suggestions and reply.kind == "answer":
        parts.append("You could also ask about: " + "; ".join(reply.suggestions))
    return "\n\n".join(parts)
