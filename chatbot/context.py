"""The conversation state as an opaque token, so front ends can stay stateless.

The kiosk page and `chatbot jsonl` hand the token back with the next message
instead of the server keeping a session. The token is base64url of a compact
JSON object holding only topic ids, flags and a counter: never anything the
person typed. `decode` never raises; whatever does not check out against the
knowledge base (bad base64, tampered JSON, a topic that no longer exists)
gives a fresh `State()`.
"""

from __future__ import annotations

import base64
import json
from typing import Any

from .types import Choice, State

#: Longest token accepted; a real one is well under 200 characters.
MAX_TOKEN_CHARS = 2048
#: Highest turn count kept (a counter, not a limit on the conversation).
MAX_TURNS = 1_000_000
_VERSION = 1
_KEYS = frozenset({"v", "t", "m", "p", "c", "n", "x"})


def encode(state: State) -> str:
    data: dict[str, Any] = {"v": _VERSION, "n": min(state.turns, MAX_TURNS)}
    if state.last_topic:
        data["t"] = state.last_topic
    if state.medicine:
        data["m"] = state.medicine
    if state.pending:
        data["p"] = [c.topic for c in state.pending]  # titles are rebuilt from the content
    if state.crisis:
        data["c"] = 1
    if state.more:
        data["x"] = 1
    raw = json.dumps(data, separators=(",", ":")).encode("ascii")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def decode(token: object, kb: Any) -> State:
    """The state in `token`, or a fresh `State()` if it is missing or does not check out.

    `kb` is the current `KnowledgeBase` (anything with `answers` and `medicines`).
    """
    if not isinstance(token, str) or not token or len(token) > MAX_TOKEN_CHARS:
        return State()
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        data = json.loads(raw)
        return _state(data, kb)
    except (ValueError, TypeError, RecursionError):  # binascii.Error is a ValueError
        return State()


def _state(data: object, kb: Any) -> State:
    if not isinstance(data, dict) or data.get("v") != _VERSION or not set(data) <= _KEYS:
        return State()
    topic, medicine = data.get("t"), data.get("m")
    pending, crisis, turns = data.get("p", []), data.get("c", 0), data.get("n", 0)
    more = data.get("x", 0)
    ok = (
        (topic is None or (isinstance(topic, str) and topic in kb.answers))
        and (medicine is None or (isinstance(medicine, str) and medicine in kb.medicines))
        and isinstance(pending, list)
        and len(pending) <= 4
        and all(isinstance(p, str) and p in kb.answers for p in pending)
        and type(crisis) is int
        and crisis in (0, 1)
        and type(more) is int
        and more in (0, 1)
        and type(turns) is int
        and 0 <= turns <= MAX_TURNS
    )
    if not ok:
        return State()
    return State(
        last_topic=topic,
        medicine=medicine,
        pending=tuple(Choice(p, kb.answers[p].title) for p in pending),
        crisis=bool(crisis),
        turns=turns,
        more=bool(more),
    )


def parse_message(data: object) -> tuple[str, str | None]:
    """`(text, context)` from a decoded JSON message; ValueError says what is wrong.

    The message shape shared by the kiosk API and `chatbot jsonl`:
    `{"text": "...", "context": "<token from the last reply>"}`, context optional.
    """
    if not isinstance(data, dict):
        raise ValueError(
            f'expected a JSON object like {{"text": "..."}}, got {type(data).__name__}'
        )
    if "text" not in data:
        raise ValueError('missing \'text\': send {"text": "your question"}')
    text = data["text"]
    if not isinstance(text, str):
        raise ValueError(f"'text' must be a string, got {type(text).__name__}")
    context = data.get("context")
    return text, context if isinstance(context, str) else None


def turn(bot: Any, text: str, context: str | None) -> dict[str, Any]:
    """One stateless step: the reply dict plus the `context` token for the next message."""
    reply, state = bot.reply(text, decode(context, bot.kb))
    return {**reply.to_dict(), "context": encode(state)}
