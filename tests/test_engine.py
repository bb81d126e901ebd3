"""The engine end to end: every kind of reply, conversation state, the public API."""

from __future__ import annotations

import threading
from collections import Counter

import pytest

import chatbot
from chatbot import Chatbot, Reply, State, UnknownRegion
from chatbot.normalize import clean

from .conftest import in_region
from .small import small_bot


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
        "UnknownLanguage",
        "UnknownSetting",
    }


# --- the engine's mechanisms, in the small world (tests/small.py) --------------------


@pytest.mark.parametrize(
    ("text", "kind", "rule"),
    [
        ("i want to kill myself", "crisis", "crisis.self_harm"),
        ("my son swallowed some of my pills", "emergency", "emergency.danger"),
        ("how much baclofen should i take", "refusal", "refusal.dose"),
        ("can i drink on baclofen", "answer", "match.answer"),
        ("hello", "smalltalk", "smalltalk.greeting"),
        ("what is the capital of france", "fallback", "fallback.no_match"),
    ],
)
def test_every_kind_is_reachable(small, text, kind, rule):
    reply = small.respond(text)
    assert (reply.kind, reply.rule) == (kind, rule)


def test_answer_has_topic_sources_suggestions_and_disclaimer(small):
    reply = small.respond("can I drink on baclofen")
    assert reply.topic == "baclofen.alcohol"
    assert [s.title for s in reply.sources] == ["NHS: About baclofen"]
    assert reply.suggestions == ("Driving on baclofen", "About baclofen")
    assert reply.text.endswith("\n\nThis is general information, not medical advice.")


def test_emergency_puts_the_number_first(small):
    first = small.respond("my toddler swallowed two of my pills").text.splitlines()[0]
    assert first.startswith("Call 911 now") and "1-800-222-1222" in first
    uk = in_region(small, "UK").respond("my toddler swallowed two of my pills")
    assert uk.text.splitlines()[0].startswith("Call 999 now")


def test_crisis_puts_the_crisis_line_first(small):
    reply = small.respond("i want to end my life")
    assert reply.kind == "crisis"
    assert reply.text.splitlines()[0].startswith("You can call or text 988 any time")


def test_other_medicine_gets_a_fallback_never_an_answer(small):
    reply = small.respond("ibuprofen and alcohol?")
    assert (reply.kind, reply.rule, reply.topic) == ("fallback", "fallback.other_medicine", None)
    assert "I don't have information about ibuprofen" in reply.text


def test_brand_names_and_typos_are_the_medicine(small):
    """synonyms.yaml: a brand (lioresal, zanaflex) or a typo (bacloffen) is the medicine."""
    assert small.respond("lioresal and booze").topic == "baclofen.alcohol"
    assert small.respond("bacloffen and beer").topic == "baclofen.alcohol"
    assert small.respond("is a beer ok with zanaflex").topic == "tizanidine.alcohol"


def test_the_medicine_named_picks_its_own_topic(small):
    assert small.respond("can i drink on baclofen").topic == "baclofen.alcohol"
    assert small.respond("can i drink on tizanidine").topic == "tizanidine.alcohol"


@pytest.mark.parametrize("medicine", ["baclofen", "tizanidine"])
def test_the_conversation_keeps_to_its_medicine(small, medicine):
    _, state = small.reply(f"what is {medicine}")
    reply, _ = small.reply("can i drink on it", state)
    assert reply.topic == f"{medicine}.alcohol"


@pytest.mark.parametrize("text", ["can i drink on it", "is it ok with alcohol", "beer?"])
def test_a_question_naming_no_medicine_asks_which_by_name(small, text):
    """Two medicines answer it and neither is known: ask which, never "alcohol or alcohol"."""
    reply, state = small.reply(text)
    assert (reply.kind, reply.rule) == ("clarify", "match.which_medicine")
    assert [c.topic for c in reply.choices] == ["baclofen.alcohol", "tizanidine.alcohol"]
    assert reply.text.startswith("Do you mean baclofen, or tizanidine?")
    picked, _ = small.reply("tizanidine", state)
    assert picked.topic == "tizanidine.alcohol"
    picked, _ = small.reply("the first one", state)
    assert picked.topic == "baclofen.alcohol"


def test_a_follow_up_stays_with_the_second_medicine(small):
    _, state = small.reply("how do i store tizanidine")
    reply, _ = small.reply("is it ok with alcohol", state)
    assert reply.topic == "tizanidine.alcohol"


def test_a_topic_only_one_medicine_answers_needs_no_medicine(small):
    assert small.respond("where should i keep my tablets").topic == "tizanidine.storage"


@pytest.mark.parametrize(
    ("text", "step"),
    [
        ("can i drink on tizanidine", "best topic"),
        ("is it ok with alcohol", "which medicine"),
        ("metformin side effects", "other medicine"),
        ("123", "gibberish"),
        ("", "empty"),
        ("tizanidine", "name only"),
    ],
)
def test_explain_names_the_routing_step_that_decided(small, text, step):
    from chatbot.authoring.explain import explain, render

    assert small.trace(text).step == step
    assert f"decided by: routing step '{step}'" in render(explain(small, text))


def test_tell_me_more_continues_the_last_topic(small):
    first, state = small.reply("can i drink on baclofen")
    more, state = small.reply("tell me more", state)
    assert (more.kind, more.topic, more.rule) == ("answer", first.topic, "smalltalk.more")
    assert more.text.startswith("If you do drink, have a small amount")


def test_tell_me_more_with_nothing_before_says_what_to_do(small):
    reply = small.respond("tell me more")
    assert (reply.kind, reply.rule) == ("smalltalk", "smalltalk.more")
    assert reply.text == 'Ask me about a topic first, then say "tell me more".'


def test_session_keeps_state_between_calls(small):
    bot = Chatbot(small.kb, small.settings)  # sessions of its own
    bot.respond("can i drive on baclofen", session="s1")
    more = bot.respond("tell me more", session="s1")
    assert (more.topic, more.rule) == ("baclofen.driving", "smalltalk.more")
    other = bot.respond("tell me more", session="other")
    assert (other.topic, other.rule) == (None, "smalltalk.more")
    assert other.text == 'Ask me about a topic first, then say "tell me more".'


def test_clarify_can_be_answered_with_the_first_one(small):
    choices = (
        chatbot.types.Choice("baclofen.alcohol", "Alcohol"),
        chatbot.types.Choice("baclofen.driving", "Driving"),
    )
    state = State(pending=choices)
    reply, _ = small.reply("the first one", state)
    assert reply.topic == "baclofen.alcohol"
    reply, _ = small.reply("2", state)
    assert reply.topic == "baclofen.driving"


def test_crisis_is_not_dismissed_on_the_next_turn(small):
    _, state = small.reply("i want to end my life")
    reply, state = small.reply("i'm fine, forget it", state)
    assert (reply.kind, reply.rule) == ("crisis", "crisis.followup")
    assert reply.text.splitlines()[0].startswith("You can call or text 988")
    later, _ = small.reply("can i drink on baclofen", state)
    assert later.kind == "answer" and later.topic == "baclofen.alcohol"
    assert later.text.splitlines()[0] == (
        "If those thoughts come back, you can call or text 988 any time."
    )


def test_state_never_holds_the_users_words(small):
    _, state = small.reply("my secret question about alcohol and baclofen")
    assert "secret" not in repr(state)


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("", "fallback.empty"),
        ("   ", "fallback.empty"),
        ("\x00\x1b[31m", "fallback.empty"),
        ("🙂🙂🙂", "fallback.empty"),
        ("1234 5678", "fallback.gibberish"),
    ],
)
def test_strange_input_gets_a_safe_reply(small, text, rule):
    reply = small.respond(text)
    assert (reply.kind, reply.rule) == ("fallback", rule)
    assert reply.text == small.kb.messages.fallback[rule.split(".")[1]].strip()


def test_non_string_input_does_not_raise(small):
    reply = small.respond(None)  # type: ignore[arg-type]
    assert (reply.kind, reply.rule) == ("fallback", "fallback.empty")


def test_replies_are_deterministic(small):
    a = small.respond("can i drink on tizanidine").to_dict()
    b = small.respond("can i drink on tizanidine").to_dict()
    assert a == b


def test_to_dict_is_json_ready(small):
    import json

    data = small.respond("can i drink on baclofen").to_dict()
    assert json.loads(json.dumps(data)) == data
    assert set(data) >= {"kind", "topic", "text", "sources", "suggestions"}


def test_topics_lists_every_answer(small):
    assert [(t.id, t.title) for t in small.topics()] == [
        ("baclofen.about", "About baclofen"),
        ("baclofen.alcohol", "Baclofen and alcohol"),
        ("baclofen.driving", "Driving on baclofen"),
        ("tizanidine.about", "About tizanidine"),
        ("tizanidine.alcohol", "Tizanidine and alcohol"),
        ("tizanidine.storage", "Storing tizanidine"),
    ]


def test_topic_titles_route_to_their_topic(small):
    """Kiosk buttons and suggestions send a topic's title as the message."""
    for topic in small.topics():
        reply = small.respond(topic.title)
        assert (reply.topic, reply.rule) == (topic.id, "match.title"), topic.title


def test_unknown_region_is_a_clear_error():
    with pytest.raises(UnknownRegion, match="known regions: US, UK$"):
        small_bot(region="XX")


def test_respond_is_safe_from_many_threads(small):
    bot = Chatbot(small.kb, small.settings)  # sessions of its own
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
    # each session asked three times or more: its answer, then the longer part, then
    # "that's all I have": no session saw another's turns
    rules = Counter(r.rule for r in results)
    assert rules == {"match.answer": 8, "match.answer.again": 8, "match.answer.covered": 144}


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


# --- the shipped content: how its rules and topics meet the same mechanisms -----------


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
def test_every_kind_is_reachable_in_the_shipped_content(bot, text, kind):
    assert bot.respond(text).kind == kind


def test_a_shipped_answer_has_sources_two_or_three_suggestions_and_the_disclaimer(bot):
    reply = bot.respond("can I drink on baclofen")
    assert reply.topic == "baclofen.alcohol"
    assert reply.sources and all(s.url.startswith("http") for s in reply.sources)
    assert 2 <= len(reply.suggestions) <= 3
    assert "not medical advice" in reply.text


def test_shipped_emergency_and_crisis_lines_come_first(bot, uk_bot):
    first = bot.respond("my toddler ate two of my pills").text.splitlines()[0]
    assert "911" in first and "1-800-222-1222" in first
    assert "999" in uk_bot.respond("my toddler ate two of my pills").text.splitlines()[0]
    reply = bot.respond("i dont want to be here anymore")
    assert reply.kind == "crisis" and "988" in reply.text.splitlines()[0]


def test_refusal_gives_no_numbers(bot):
    reply = bot.respond("can i take 3 instead of 2")
    assert reply.kind == "refusal"
    assert not any(ch.isdigit() for ch in reply.text)


def test_interaction_question_naming_another_medicine_is_answered(bot):
    reply = bot.respond("can i take baclofen with ibuprofen")
    assert reply.kind == "answer" and reply.topic == "baclofen.interactions"


@pytest.mark.parametrize(
    ("text", "kind", "topic"),
    [
        # one medicine in the content: "it" is that one, and so is the one another is mixed
        # with, from the first message
        ("is it ok with antihistamines like benadryl", "answer", "baclofen.interactions"),
        ("se puede mezclar con benadryl", "answer", "baclofen.interactions"),
        # ...but a question about other medicines alone, or two of them together, is theirs
        ("tizanidine side effects", "fallback", None),
        ("can you take ibuprofen with tylenol", "fallback", None),
    ],
)
def test_another_medicine_asked_beside_ours_is_the_interactions_answer(bot, text, kind, topic):
    reply = bot.respond(text)
    assert (reply.kind, reply.topic) == (kind, topic), reply.rule


def test_shipped_typos_and_brand_names_are_understood(bot):
    assert bot.respond("bacloffen and alcohol").topic == "baclofen.alcohol"
    assert bot.respond("is lioresal safe when pregnant").topic == "baclofen.pregnancy"


@pytest.mark.parametrize("word", ["brinque", "brinqué"])
def test_a_typo_turns_into_an_amount_only_from_a_near_miss_of_it(bot, word):
    """A number is an amount: "me brinqué la dosis" (skipped it) read as "cinque" (five)
    was an overdose. A word becomes a number only one letter from it, its first kept."""
    from chatbot.numbers import NUMBER_WORDS

    assert not set(bot.kb.normalizer.normalize(f"me {word} la dosis").split()) & set(NUMBER_WORDS)
    assert bot.kb.normalizer.normalize("i took fiv") == "i took five"  # a number misspelt is one


def test_shipped_titles_route_to_their_topic(bot):
    """Kiosk buttons and suggestions send a topic's title as the message."""
    assert len(bot.topics()) >= 28
    for topic in bot.topics():
        assert bot.respond(topic.title).topic == topic.id, topic.title


def test_baclofen_with_an_unlisted_pairing_gets_the_interactions_answer(bot):
    reply = bot.respond("can i take baclofen and metformin")
    assert reply.kind == "answer" and reply.topic == "baclofen.interactions"


@pytest.mark.parametrize("text", ["what is baclofen", "whats gablofen?", "baclofen", "Lioresal"])
def test_the_name_alone_says_what_it_is(bot, text):
    reply = bot.respond(text)
    assert reply.kind == "answer" and reply.topic == "baclofen.about"


@pytest.mark.parametrize(
    "text",
    ["what is baclofen for", "whats lioresal for?", "what's it for exactly", "why is she on it"],
)
def test_what_it_is_for_asked_in_common_words_gets_its_uses(bot, text):
    """The question lies in words the matcher drops as common; a lay term keeps it."""
    reply = bot.respond(text)
    assert reply.kind == "answer" and reply.topic == "baclofen.uses"


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


def test_each_example_keeps_the_key_the_matcher_reads(small):
    """One derivation of the match key: stored with each example at load, and the same as
    the engine makes of the example typed as a question (medicine names as `*`)."""
    intent = small.kb.intents["tizanidine.alcohol"]
    assert intent.keys[intent.examples.index("can i drink on tizanidine")] == "can i drink on *"
    for intent in small.kb.intents.values():
        for example, key in zip(intent.examples, intent.keys, strict=True):
            if key:
                assert key == small.kb.key_of(small.kb.normalizer.tokens(example))


@pytest.mark.parametrize(
    ("text", "kept"),
    [("mi gato se sube a todos lados", "sube"), ("la busqué y no aparece", "aparece")],
)
def test_a_regular_spanish_verb_form_is_never_read_as_an_english_word(bot, text, kept):
    """The Spanish word list has "subir" but not "sube": a regular form of a known verb is a
    word, not a typo of "sure" (which made a cat on the shelves a crisis)."""
    assert kept in bot.kb.normalizer.tokens(text)
