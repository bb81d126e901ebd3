"""The conversation state as an opaque token, so front ends can stay stateless.

The kiosk page and `chatbot jsonl` hand the token back with the next message
instead of the server keeping a session. The token is base64url of a compact
JSON object holding only topic ids, flags, a counter and the version of the
content it was made with: never anything the person typed. With a secret, an
HMAC-SHA256 tag follows a dot (`<payload>.<tag>`), so it cannot be forged.

`decode` never raises, and checks each field on its own: a field that does not
check out against the knowledge base is dropped and the rest are kept. Pending
choices are kept only under the content version they were made with. A token
that is not trusted (a missing or wrong tag while a secret is set, or an
unknown format) keeps only the urgent flags, crisis and emergency: they only
ever add help to later replies, and a person in an emergency must not lose it
to a rotated secret or a content update.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any, NamedTuple

from .types import Choice, State

#: Longest token accepted; a real one, every field set and signed, is under 256.
MAX_TOKEN_CHARS = 2048
#: Highest turn count kept (a counter, not a limit on the conversation).
MAX_TURNS = 1_000_000
#: Most pending choices a `clarify` can leave.
MAX_PENDING = 4
#: Shortest secret accepted (characters): a short one can be guessed offline.
MIN_SECRET_CHARS = 16
_VERSION = 2
_TAG_BYTES = 16  # 128 bits of HMAC-SHA256
_EMERGENCY = re.compile(r"[a-z_]{1,32}")


def encode(state: State, *, version: str = "", secret: bytes | None = None) -> str:
    """The token for `state`; `version` is the content's (`content_version`)."""
    data: dict[str, Any] = {"v": _VERSION, "k": version, "n": min(state.turns, MAX_TURNS)}
    if state.last_topic:
        data["t"] = state.last_topic
    if state.medicine:
        data["m"] = state.medicine
    if state.pending:
        data["p"] = [c.topic for c in state.pending]  # titles are rebuilt from the content
    if state.crisis:
        data["c"] = 1
    if state.emergency:
        data["e"] = state.emergency
    if state.more:
        data["x"] = 1
    if state.lang:
        data["l"] = state.lang
    if state.refused:
        data["r"] = 1
    if state.heard:
        data["h"] = 1
    payload = _b64(json.dumps(data, separators=(",", ":")).encode("ascii"))
    return f"{payload}.{_tag(secret, payload)}" if secret else payload


def decode(token: object, kb: Any, *, version: str = "", secret: bytes | None = None) -> State:
    """The state in `token`: each field that checks out, or its default.

    `kb` is the current `KnowledgeBase` (anything with `answers`, `medicines`, `languages`);
    `version` the current content's; `secret` the one tokens are signed with, if any.
    """
    if not isinstance(token, str) or not token or len(token) > MAX_TOKEN_CHARS:
        return State()
    payload, _, tag = token.partition(".")
    try:
        data = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (ValueError, TypeError, RecursionError):  # binascii.Error is a ValueError
        return State()
    if not isinstance(data, dict):
        return State()
    # the flags, and the language the person chose, survive whatever else is wrong
    urgent = State(
        crisis=_flag(data.get("c")),
        emergency=_emergency(data.get("e")),
        lang=_lang(data.get("l"), kb),
    )
    signed = secret is None or hmac.compare_digest(
        tag.encode("utf-8", "replace"), _tag(secret, payload).encode("ascii")
    )
    if data.get("v") != _VERSION or not signed:
        return urgent
    return State(
        last_topic=_topic(data.get("t"), kb),
        medicine=_medicine(data.get("m"), kb),
        pending=_pending(data.get("p"), kb) if data.get("k") == version else (),
        crisis=urgent.crisis,
        emergency=urgent.emergency,
        turns=_turns(data.get("n")),
        more=_flag(data.get("x")),
        lang=urgent.lang,
        refused=_flag(data.get("r")),
        heard=_flag(data.get("h")),
    )


# --- one check per field: the value, or the field's default -----------------------------


def _topic(value: object, kb: Any) -> str | None:
    return value if isinstance(value, str) and value in kb.answers else None


def _medicine(value: object, kb: Any) -> str | None:
    return value if isinstance(value, str) and value in kb.medicines else None


def _pending(value: object, kb: Any) -> tuple[Choice, ...]:
    if not isinstance(value, list) or len(value) > MAX_PENDING:
        return ()
    if not all(isinstance(p, str) and p in kb.answers for p in value):
        return ()  # choices are a set: one unknown and the question no longer makes sense
    return tuple(Choice(p, kb.answers[p].title) for p in value)


def _lang(value: object, kb: Any) -> str:
    return value if isinstance(value, str) and value in kb.languages else ""


def _flag(value: object) -> bool:
    return type(value) is int and value == 1


def _emergency(value: object) -> str:
    return value if isinstance(value, str) and _EMERGENCY.fullmatch(value) else ""


def _turns(value: object) -> int:
    return value if type(value) is int and 0 <= value <= MAX_TURNS else 0


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _tag(secret: bytes, payload: str) -> str:
    return _b64(hmac.new(secret, payload.encode("ascii"), hashlib.sha256).digest()[:_TAG_BYTES])


# --- what the token is checked against ---------------------------------------------------


def secret_from(value: str | None) -> bytes | None:
    """The secret as bytes, None for none; ValueError when it is too short to be safe."""
    if not value:
        return None
    value = value.strip()
    if len(value) < MIN_SECRET_CHARS:
        raise ValueError(
            f"the context secret is {len(value)} characters; use at least {MIN_SECRET_CHARS} "
            "(e.g. `python3 -c 'import secrets; print(secrets.token_urlsafe(32))'`)"
        )
    return value.encode("utf-8")


# --- the message shape the kiosk API and `chatbot jsonl` share ----------------------------


class Message(NamedTuple):
    """A message of the JSON API and `chatbot jsonl`."""

    text: str
    context: str | None  # the token of the last reply, if any
    lang: str | None  # the language to be answered in from now on, if the person chose one


def parse_message(data: object, langs: Sequence[str] = ("en",)) -> Message:
    """The `Message` in a decoded JSON object; ValueError says what is wrong.

    The message shape shared by the kiosk API and `chatbot jsonl`:
    `{"text": "...", "context": "<token from the last reply>", "lang": "es"}`, context
    and lang optional; `langs`: the languages the bot answers in.
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
    lang = data.get("lang")
    if lang is not None and lang not in langs:
        raise ValueError(f"'lang' must be one of {', '.join(langs)}, got {lang!r}")
    return Message(text, context if isinstance(context, str) else None, lang)


def turn(
    bot: Any,
    text: str,
    context: str | None,
    lang: str | None = None,
    *,
    version: str = "",
    secret: bytes | None = None,
) -> dict[str, Any]:
    """One stateless step: the reply dict plus the `context` token for the next message.
    `lang`: the language the person chose (it stays chosen in the token)."""
    state = decode(context, bot.kb, version=version, secret=secret)
    if lang is not None:
        state = replace(state, lang=lang)
    reply, state = bot.reply(text, state)
    return {**reply.to_dict(), "context": encode(state, version=version, secret=secret)}
