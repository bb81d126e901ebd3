"""The context token: each field checked on its own, the content version, the HMAC."""

from __future__ import annotations

import base64
import json

import pytest

from chatbot import Chatbot, State
from chatbot.context import (
    MAX_TOKEN_CHARS,
    decode,
    encode,
    secret_from,
)
from chatbot.types import Choice

SECRET = b"a-shared-secret-of-32-characters"
V = "abc123def456"


def token(data: dict, tag: str = "") -> str:
    raw = base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()
    return f"{raw}.{tag}" if tag else raw


def payload(tok: str) -> dict:
    raw = tok.split(".")[0]
    return json.loads(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)))


@pytest.fixture(scope="module")
def full(bot: Chatbot) -> State:
    choices = (
        Choice("baclofen.alcohol", bot.kb.answers["baclofen.alcohol"].title),
        Choice("baclofen.driving", bot.kb.answers["baclofen.driving"].title),
    )
    return State(
        last_topic="baclofen.storage",
        medicine="baclofen",
        pending=choices,
        crisis=True,
        emergency="overdose",
        turns=7,
        refused=True,
        heard=True,
    )


@pytest.mark.parametrize("secret", [None, SECRET], ids=["unsigned", "signed"])
def test_every_field_round_trips(bot, full, secret):
    tok = encode(full, version=V, secret=secret)
    assert decode(tok, bot.kb, version=V, secret=secret) == full
    assert decode(encode(State(), version=V, secret=secret), bot.kb, version=V) == State()
    assert len(tok) < 256  # every field set, signed
    assert payload(tok)["k"] == V and payload(tok)["e"] == "overdose"


GOOD = {
    "v": 2,
    "k": V,
    "n": 3,
    "t": "baclofen.storage",
    "m": "baclofen",
    "p": ["baclofen.alcohol", "baclofen.driving"],
    "c": 1,
    "e": "overdose",
}


@pytest.mark.parametrize(
    ("key", "bad", "field", "default"),
    [
        ("t", "baclofen.no_such_topic", "last_topic", None),
        ("t", 5, "last_topic", None),
        ("m", "aspirin", "medicine", None),
        ("p", ["baclofen.alcohol", "baclofen.nope"], "pending", ()),
        ("p", "baclofen.alcohol", "pending", ()),
        ("p", ["baclofen.alcohol"] * 5, "pending", ()),
        ("n", -1, "turns", 0),
        ("n", 1.5, "turns", 0),
        ("n", True, "turns", 0),
        ("c", 2, "crisis", False),
        ("c", True, "crisis", False),
        ("c", "1", "crisis", False),
        ("e", "", "emergency", ""),
        ("e", "Overdose", "emergency", ""),
        ("e", "over-dose", "emergency", ""),
        ("e", "x" * 33, "emergency", ""),
        ("e", ["overdose"], "emergency", ""),
    ],
)
def test_a_bad_field_is_dropped_and_the_rest_kept(bot, full, key, bad, field, default):
    state = decode(token({**GOOD, key: bad}), bot.kb, version=V)
    assert getattr(state, field) == default
    others = {f: getattr(full, f) for f in ("last_topic", "medicine", "pending", "crisis")}
    others.update(emergency="overdose", turns=3)
    del others[field]
    assert {f: getattr(state, f) for f in others} == others


def test_unknown_keys_are_ignored(bot):
    state = decode(token({**GOOD, "x": "<script>"}), bot.kb, version=V)
    assert state.last_topic == "baclofen.storage" and state.crisis


def test_pending_choices_need_the_content_they_were_made_with(bot):
    state = decode(token(GOOD), bot.kb, version="another12345")
    assert state.pending == ()
    kept = (state.last_topic, state.crisis, state.emergency)
    assert kept == ("baclofen.storage", True, "overdose")


@pytest.mark.parametrize(
    "tok",
    ["", "%%%", "not-a-token", token([1, 2]), token("x"), "A" * (MAX_TOKEN_CHARS + 1), "é.é"],
)
def test_unreadable_tokens_give_a_fresh_state(bot, tok):
    assert decode(tok, bot.kb, version=V) == State()
    assert decode(tok, bot.kb, version=V, secret=SECRET) == State()


def test_non_string_tokens_give_a_fresh_state(bot):
    for tok in (None, 5, {"v": 2}, b"abc"):
        assert decode(tok, bot.kb) == State()


def test_deep_nesting_does_not_raise(bot):
    raw = base64.urlsafe_b64encode(b"[" * 1500).decode()[:MAX_TOKEN_CHARS]
    assert decode(raw, bot.kb) == State()


URGENT_ONLY = State(crisis=True, emergency="overdose")


@pytest.mark.parametrize(
    "forge",
    [
        lambda t: t.split(".")[0],  # the tag left off
        lambda t: t.split(".")[0] + ".AAAAAAAAAAAAAAAAAAAAAA",  # a made-up tag
        lambda t: token({**payload(t), "t": "baclofen.alcohol"}, t.split(".")[1]),  # edited
        lambda t: encode(
            State(last_topic="baclofen.alcohol", crisis=True, emergency="overdose"),
            version=V,
            secret=b"another-secret-of-32-characters!",
        ),
    ],
    ids=["no-tag", "made-up-tag", "edited-payload", "other-secret"],
)
def test_with_a_secret_a_forged_token_keeps_only_the_urgent_flags(bot, full, forge):
    forged = forge(encode(full, version=V, secret=SECRET))
    assert decode(forged, bot.kb, version=V, secret=SECRET) == URGENT_ONLY


def test_an_unknown_format_keeps_only_the_urgent_flags(bot):
    assert decode(token({**GOOD, "v": 1}), bot.kb, version=V) == URGENT_ONLY
    assert decode(token({"v": 99}), bot.kb, version=V) == State()


def test_urgent_flags_survive_every_other_field_failing(bot):
    junk = {"v": 2, "k": 5, "n": "x", "t": [], "m": {}, "p": 7, "c": 1, "e": "withdrawal"}
    assert decode(token(junk), bot.kb) == State(crisis=True, emergency="withdrawal")


def test_a_short_secret_is_refused():
    assert secret_from(None) is None and secret_from("") is None
    assert secret_from("x" * 16) == b"x" * 16
    with pytest.raises(ValueError, match="at least 16"):
        secret_from("short")
