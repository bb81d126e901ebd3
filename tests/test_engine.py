"""The engine end to end: every kind of reply, conversation state, the public API."""

from __future__ import annotations

import threading

import pytest

import chatbot
from chatbot import KINDS, Chatbot, Reply, State, UnknownRegion
from chatbot.normalize import clean


def test_public_surface_is_small_and_stable():
    assert set(chatbot.__all__) == {
        "KINDS",
        "Chatbot",
        "ContentError",
        "Kind",
        "Problem",
        "Reply",
        "Settings",
        "Source",
        "State",
        "Thresholds",
        "TopicInfo",
        "UnknownRegion",
    }


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("i want to kill myself", "crisis"),
        ("my son swallowed some of my pills", "emergency"),
        ("how much baclofen should i take", "refusal"),
        ("can i drink on baclofen", "answer"),
        ("hello", "smalltalk"),
        ("what is the capital of france", "fallback"),
    ],
)
def test_every_kind_is_reachable(bot, text, kind):
    assert bot.respond(text).kind == kind


def test_answer_has_topic_sources_suggestions_and_disclaimer(bot):
    reply = bot.respond("can I drink on baclofen")
    assert reply.topic == "baclofen.alcohol"
    assert reply.sources and all(s.url.startswith("http") for s in reply.sources)
    assert 2 <= len(reply.suggestions) <= 3
    assert "not medical advice" in reply.text


def test_emergency_puts_the_number_first(bot, uk_bot):
    first = bot.respond("my toddler ate two of my pills").text.splitlines()[0]
    assert "911" in first and "1-800-222-1222" in first
    assert "999" in uk_bot.respond("my toddler ate two of my pills").text.splitlines()[0]


def test_crisis_puts_the_crisis_line_first(bot):
    reply = bot.respond("i dont want to be here anymore")
    assert reply.kind == "crisis"
    assert "988" in reply.text.splitlines()[0]


def test_refusal_gives_no_numbers(bot):
    reply = bot.respond("can i take 3 instead of 2")
    assert reply.kind == "refusal"
    assert not any(ch.isdigit() for ch in reply.text)


def test_other_medicine_gets_a_fallback_never_baclofens_answer(bot):
    reply = bot.respond("ibuprofen side effects?")
    assert reply.kind == "fallback"
    assert reply.topic is None
    assert "ibuprofen" in reply.text.lower()


def test_interaction_question_naming_another_medicine_is_answered(bot):
    reply = bot.respond("can i take baclofen with ibuprofen")
    assert reply.kind == "answer" and reply.topic == "baclofen.interactions"


def test_typos_and_brand_names_are_understood(bot):
    assert bot.respond("bacloffen and alcohol").topic == "baclofen.alcohol"
    assert bot.respond("is lioresal safe when pregnant").topic == "baclofen.pregnancy"


def test_tell_me_more_continues_the_last_topic(bot):
    first, state = bot.reply("can i drink on baclofen")
    more, state = bot.reply("tell me more", state)
    assert more.kind == "answer" and more.topic == first.topic
    assert more.text != first.text


def test_session_keeps_state_between_calls(bot):
    bot.respond("can i drive on baclofen", session="s1")
    assert bot.respond("tell me more", session="s1").topic == "baclofen.driving"
    assert bot.respond("tell me more", session="other").kind == "smalltalk"


def test_clarify_can_be_answered_with_the_first_one(bot):
    choices = (
        chatbot.types.Choice("baclofen.alcohol", "Alcohol"),
        chatbot.types.Choice("baclofen.driving", "Driving"),
    )
    state = State(pending=choices)
    reply, _ = bot.reply("the first one", state)
    assert reply.topic == "baclofen.alcohol"
    reply, _ = bot.reply("2", state)
    assert reply.topic == "baclofen.driving"


def test_crisis_is_not_dismissed_on_the_next_turn(bot):
    _, state = bot.reply("i want to end my life")
    reply, state = bot.reply("i'm fine, forget it", state)
    assert reply.kind == "crisis"
    assert "988" in reply.text
    later, _ = bot.reply("can i drink on baclofen", state)
    assert later.kind == "answer" and "988" in later.text.splitlines()[0]


def test_state_never_holds_the_users_words(bot):
    _, state = bot.reply("my secret question about alcohol and baclofen")
    assert "secret" not in repr(state)


@pytest.mark.parametrize("text", ["", "   ", "\x00\x1b[31m", "🙂🙂🙂", "1234 5678"])
def test_strange_input_gets_a_safe_reply(bot, text):
    reply = bot.respond(text)
    assert reply.kind in KINDS and reply.text


def test_non_string_input_does_not_raise(bot):
    assert bot.respond(None).kind == "fallback"  # type: ignore[arg-type]


def test_replies_are_deterministic(bot):
    a = bot.respond("can baclofen cause seizures").to_dict()
    b = bot.respond("can baclofen cause seizures").to_dict()
    assert a == b


def test_to_dict_is_json_ready(bot):
    import json

    data = bot.respond("can i drink on baclofen").to_dict()
    assert json.loads(json.dumps(data)) == data
    assert set(data) >= {"kind", "topic", "text", "sources", "suggestions"}


def test_topics_lists_every_answer(bot):
    ids = {t.id for t in bot.topics()}
    assert "baclofen.alcohol" in ids and len(ids) >= 28


def test_topic_titles_route_to_their_topic(bot):
    """Kiosk buttons and suggestions send a topic's title as the message."""
    for topic in bot.topics():
        assert bot.respond(topic.title).topic == topic.id, topic.title


def test_unknown_region_is_a_clear_error():
    with pytest.raises(UnknownRegion, match="known regions: US, UK, EU, CA, AU"):
        Chatbot.default(region="XX")


def test_respond_is_safe_from_many_threads(bot):
    results: list[Reply] = []
    lock = threading.Lock()

    def worker(i: int) -> None:
        for _ in range(20):
            r = bot.respond("can i drink on baclofen", session=f"t{i}")
            with lock:
                results.append(r)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 160 and {r.topic for r in results} == {"baclofen.alcohol"}


def test_sessions_expire_and_are_bounded():
    from chatbot.sessions import SessionStore

    now = [0.0]
    store = SessionStore(ttl=10, max_sessions=2, clock=lambda: now[0])
    store.update("a", lambda s: (None, State(last_topic="x")))
    now[0] = 11
    assert store.get("a") == State()
    for sid in "bcd":
        store.update(sid, lambda s: (None, State()))
    assert len(store) == 2


def test_normalize_strips_escapes_and_controls():
    assert clean("\x1b[31mHELLO\x1b[0m\x00  World\u200b") == "hello world"


def test_baclofen_with_an_unlisted_pairing_gets_the_interactions_answer(bot):
    reply = bot.respond("can i take baclofen and metformin")
    assert reply.kind == "answer" and reply.topic == "baclofen.interactions"


@pytest.mark.parametrize("text", ["what is baclofen", "whats gablofen?", "baclofen", "Lioresal"])
def test_the_name_alone_says_what_it_is(bot, text):
    reply = bot.respond(text)
    assert reply.kind == "answer" and reply.topic == "baclofen.about"


def test_an_answer_shows_when_it_was_last_reviewed(bot):
    from chatbot.render import plain

    reply = bot.respond("can i drink on baclofen")
    day = bot.kb.answers["baclofen.alcohol"].reviewed.isoformat()
    assert reply.reviewed == day and reply.to_dict()["reviewed"] == day
    sources = plain(reply, bot.kb.ui).split("Sources:", 1)[1]
    assert f"Last checked against these sources: {day}." in sources
    assert bot.respond("my son swallowed some pills").reviewed is None


def test_every_reply_names_the_content_version(bot):
    assert len(bot.kb.content_version) == 12
    for text in ("hello", "can i drink on baclofen", "my son swallowed some of my pills"):
        assert bot.respond(text).to_dict()["content_version"] == bot.kb.content_version
        assert bot.reply(text)[0].content_version == bot.kb.content_version


def test_version_names_the_program_and_the_content(bot, capsys):
    from chatbot import __version__
    from chatbot.cli import main

    assert main(["--version"]) == 0
    out = capsys.readouterr().out.strip()
    assert out == f"chatbot {__version__}, content {bot.kb.content_version} (shipped)"
