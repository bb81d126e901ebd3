"""How well questions reach the right topic: the real-question dev set, the older
dev and blind hold-out sets, and every intent's own examples. Figures are printed
(`make test` shows them; pytest -s too)."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from chatbot.settings import Thresholds
from chatbot.types import State

from .conftest import load_data
from .small import small_bot

#: Floors that guard the measured figures (see README) from regressing. The older
#: sets' floors are what they scored before issue 10's matcher (261/279, 147/160):
#: no loss below that.
REAL_FLOOR = 0.90
DEV_FLOOR = 0.935
HOLDOUT_FLOOR = 0.918
EXAMPLES_FLOOR = 0.90


def report(capsys, line: str) -> None:
    """Print a figure so that it shows in `make test` even when output is captured."""
    with capsys.disabled():
        print(f"\n{line}")


def accuracy(bot, questions):
    misses = []
    for q in questions:
        r = bot.respond(q["text"])
        topic = r.topic.split(".", 1)[1] if r.topic else None
        if r.kind != q["kind"] or (q.get("topic") and topic != q["topic"]):
            misses.append((q["text"], q["kind"], q.get("topic"), r.kind, topic))
    return 1 - len(misses) / len(questions), misses


def test_real_question_dev_set_accuracy(bot, capsys):
    questions = load_data("real_questions.yaml")["questions"]
    assert len(questions) >= 280
    acc, misses = accuracy(bot, questions)
    report(
        capsys,
        f"real-question dev set: {len(questions) - len(misses)}/{len(questions)} = {acc:.1%}"
        f" (floor {REAL_FLOOR:.1%})",
    )
    assert acc >= REAL_FLOOR, misses[:15]


def test_dev_set_accuracy(bot, capsys):
    questions = (
        load_data("dev_questions_a.yaml")["questions"]
        + load_data("dev_questions_b.yaml")["questions"]
    )
    assert len(questions) >= 200
    acc, misses = accuracy(bot, questions)
    report(
        capsys,
        f"older dev set: {len(questions) - len(misses)}/{len(questions)} = {acc:.1%}"
        f" (floor {DEV_FLOOR:.1%})",
    )
    assert acc >= DEV_FLOOR, misses[:15]


def test_holdout_set_accuracy(bot, capsys):
    questions = load_data("holdout_questions.yaml")["questions"]
    acc, misses = accuracy(bot, questions)
    report(
        capsys,
        f"blind hold-out set: {len(questions) - len(misses)}/{len(questions)} = {acc:.1%}"
        f" (floor {HOLDOUT_FLOOR:.1%})",
    )
    assert acc >= HOLDOUT_FLOOR, misses[:15]


#: The examples issue 10 was filed with, and how the contract says they route.
ISSUE_EXAMPLES = [
    ("which drugs shouldnt i mix with baclofen", "answer", "interactions"),
    ("can baclofen make my hair fall out", "answer", "side_effects"),
    ("what is baclofen made from", "answer", "about"),
    ("is baclofen an opiate", "answer", "about"),
    ("thanks a lot that was useful", "smalltalk", None),
    ("thank you dear youve been very helpfull", "smalltalk", None),
    ("can i give my baclofen to my brother", "answer", "sharing"),
    ("what do i do with my leftover baclofen pills", "answer", "storage"),
    ("stupid bot", "smalltalk", None),
    ("why wont you answer me", "smalltalk", None),
    ("whats the weather like", "fallback", None),
    ("tizanidine side effects", "fallback", None),
]


@pytest.mark.parametrize(("text", "kind", "topic"), ISSUE_EXAMPLES)
def test_the_issues_examples_route_as_the_contract_says(bot, text, kind, topic):
    r = bot.respond(text)
    assert (r.kind, r.topic) == (kind, f"baclofen.{topic}" if topic else None), r.rule


def test_frustration_gets_a_calm_explanation_not_a_fallback(bot):
    r = bot.respond("this bot is useless")
    assert r.kind == "smalltalk" and r.rule == "smalltalk.frustrated"
    assert "dose" in r.text and "pharmacist" in r.text


@pytest.mark.parametrize(
    ("first", "then", "topic"),
    [
        ("can i drink on baclofen", "what about wine?", "alcohol"),
        ("can i drink on baclofen", "how about just one beer", "alcohol"),
        ("is baclofen safe for older people", "and for my mum?", "older_adults"),
        ("is baclofen safe for older people", "and after that?", "older_adults"),
        ("can i drink on baclofen", "what about driving?", "driving"),
        ("baclofen side effects", "what about with tramadol?", "interactions"),
    ],
)
def test_a_short_follow_up_continues_or_names_its_topic(bot, first, then, topic):
    _, state = bot.reply(first)
    r, _ = bot.reply(then, state)
    assert (r.kind, r.topic) == ("answer", f"baclofen.{topic}"), r.rule


@pytest.mark.parametrize(
    ("first", "then"),
    [
        ("what is baclofen", "and what is tramadol for?"),
        ("can i drink on baclofen", "what about tramadol side effects?"),
        ("¿qué es el baclofeno?", "¿y el tramadol pa qué es?"),
    ],
)
def test_a_follow_up_asking_of_another_medicine_itself_is_not_ours(bot, first, then):
    # "and tramadol?" is about taking the two together; "what is tramadol for?" is not
    _, state = bot.reply(first)
    r, _ = bot.reply(then, state)
    assert (r.kind, r.rule) == ("fallback", "fallback.other_medicine"), r.rule


def test_asking_again_never_repeats_the_same_paragraph(bot):
    texts, state = [], State()
    for _ in range(3):
        r, state = bot.reply("what are the side effects of baclofen", state)
        assert (r.kind, r.topic) == ("answer", "baclofen.side_effects")
        texts.append(r.text)
    assert len(set(texts)) == 3
    assert r.rule is not None and r.rule.endswith(".covered") and r.suggestions


def test_a_fallback_on_a_medicine_question_offers_the_closest_topics():
    # in the small world, with thresholds that answer nothing and ask nothing
    unsure = small_bot(thresholds=Thresholds(answer=101, margin=1, clarify=60))
    r, state = unsure.reply("is it ok to drive after a drink on baclofen")
    assert (r.kind, r.rule) == ("fallback", "fallback.closest")
    assert r.suggestions == ("Driving on baclofen", "Baclofen and alcohol")
    assert r.text == (
        "I'm not sure what you mean. Did you want driving on baclofen or Baclofen and alcohol?"
    )
    picked, _ = unsure.reply("the second one", state)
    assert (picked.kind, picked.topic, picked.rule) == (
        "answer",
        "baclofen.alcohol",
        "clarify.chosen",
    )


def test_a_fallback_on_something_else_lists_what_it_can_do(bot):
    r = bot.respond("who won the football last night")
    assert r.kind == "fallback" and not r.choices


def test_clarify_reads_naturally(bot):
    r = bot.respond("baclofen and my stomach")
    assert r.kind == "clarify"
    question = r.text.split("?")[0]
    assert question.startswith("Do you mean ") and ", or " in question
    assert not re.search(r"\s[A-Z][a-z]", question[1:]), question  # no capitals mid-sentence


def test_intent_examples_route_back_to_their_intent(bot):
    wrong: Counter[str] = Counter()
    total = 0
    for intent in bot.kb.intents.values():
        if intent.kind != "answer":
            continue
        for example in intent.examples:
            total += 1
            if bot.respond(example).topic != intent.target:
                wrong[intent.id] += 1
    rate = 1 - sum(wrong.values()) / total
    print(f"\nexamples routed to their own intent: {rate:.1%}; worst: {wrong.most_common(5)}")
    assert rate >= EXAMPLES_FLOOR


def test_every_topic_has_at_least_20_examples(bot):
    counts = {i.id: len(i.examples) for i in bot.kb.intents.values() if i.kind == "answer"}
    print("\n" + ", ".join(f"{k.split('.')[1]}={v}" for k, v in sorted(counts.items())))
    assert min(counts.values()) >= 20


def test_who_a_question_is_about_weighs_less_than_what_it_asks():
    from chatbot.matcher import LayTerms, Matcher

    asked = ["is it safe for my son", "can my son take it", "my son is six can he have it"]
    rows = [("children", t, t) for t in asked + ["my son has it"]] + [
        ("effectiveness", t, t) for t in ["still stiff after a month", "not working yet"]
    ]
    strict = Thresholds(margin=10)  # answer only well ahead of the next topic
    plain = Matcher.build(rows, strict)
    weighed = Matcher.build(rows, strict, lay=LayTerms.build([], background=[["my", "son"]]))
    question = "my son is still stiff"
    before, after = plain.rank(question), weighed.rank(question)
    assert plain.decide(before, question).action == "clarify"  # "my son" pulls to children
    assert weighed.decide(after, question).action == "answer"
    assert after[0].intent == "effectiveness"
    assert after[0].score <= before[0].score  # never surer than on the whole question
    # alone, who it is about is what there is to go on
    assert weighed.rank("my son") == plain.rank("my son")


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        (
            "mi hijo con paralisis cerebral toma baclofeno desde hace un mes y sigue igual de "
            "tieso, es normal q tarde?",
            "effectiveness",
        ),
        (
            "mi mama con esclerosis multiple toma baclofeno y la noto mas irritable y rara de "
            "animo, el baclofeno hace eso?",
            "mental_health",
        ),
        ("Es verdad que el Lioresal es para la esclerosis?", "uses"),  # what it is for
        ("baclofeno para niños con paralisis cerebral", "children"),
    ],
)
def test_a_spanish_question_about_someone_goes_to_what_it_asks(bot, text, topic):
    r = bot.respond(text)
    assert (r.kind, r.topic) == ("answer", f"baclofen.{topic}"), r.rule


def test_how_long_someone_has_been_on_it_weighs_less_than_what_they_ask():
    """A number in a background phrase is `#`: "8 months" and "for 3 weeks" are how long,
    not what is asked, and stop pulling to the topic that names months (travel)."""
    from chatbot.matcher import LayTerms, Matcher

    rows = [("interactions", t, t) for t in ["can i take it with other medicines", "mixing it"]]
    rows += [("travel", t, t) for t in ["going away for 3 months", "away for 2 months with it"]]
    lay = LayTerms.build([], background=[["#", "months"], ["for", "#", "months"]])
    plain, weighed = Matcher.build(rows, Thresholds()), Matcher.build(rows, Thresholds(), lay=lay)
    question = "on it for 8 months can i take it with other medicines"
    before = {c.intent: c.score for c in plain.rank(question)}
    after = {c.intent: c.score for c in weighed.rank(question)}
    assert after["interactions"] == before["interactions"]
    assert after.get("travel", 0) < before["travel"] / 2
    assert lay.background_at(["on", "it", "8", "months"]) == {2, 3}
    assert lay.background_at(["my", "8", "year", "old"]) == set()


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        (
            "been on baclofen about a month and my legs are still stiff, is that normal?",
            "effectiveness",
        ),
        ("how do I get rid of my old baclofen tablets? been on the new ones a month", "storage"),
        ("mum's been on it 10 years, does it stop working over time?", "effectiveness"),
    ],
)
def test_a_question_that_says_how_long_goes_to_what_it_asks(bot, text, topic):
    r = bot.respond(text)
    assert (r.kind, r.topic) == ("answer", f"baclofen.{topic}"), r.rule


@pytest.mark.parametrize(
    "text",
    ["does baclofen clash with hay fever tablets?", "can i take my allergy tablets with baclofen"],
)
def test_medicines_named_by_what_they_treat_ask_about_interactions(bot, text):
    """Lay terms: "hay fever tablets" and "clash with" ask about interactions (a sealed
    round-16 conversation moved on to this question and was not understood)."""
    r = bot.respond(text)
    assert (r.kind, r.topic) == ("answer", "baclofen.interactions"), r.rule


def test_an_answer_below_the_sure_threshold_is_given_but_does_not_outweigh_a_crisis(bot):
    """Answers start at 34 (Thresholds.answer); only from 36 (Thresholds.sure) does one
    stand beside a sign of an emergency or inside a crisis."""
    text = "hay condiciones en las q no se deberia tomar baclofeno?"
    reply, _ = bot.reply(text)
    assert (reply.kind, reply.topic) == ("answer", "baclofen.precautions")
    _, state = bot.reply("i want to end it all")
    inside, _ = bot.reply(text, state)
    assert inside.rule == "crisis.followup", inside.rule


@pytest.mark.parametrize(
    "text",
    [
        "Is Gablofen a brand of baclofen? I saw it on my dad's hospital notes.",
        "Gablofen, Lioresal, Ozobax... are these all just baclofen?",
        "oye el lioresal y el baclofeno son lo mismo? en la farmacia me dieron otra caja",
    ],
)
def test_a_question_naming_the_medicine_by_two_names_is_about_the_names(bot, text):
    """Two of the medicine's names written ("lioresal" and "baclofen") weigh as a word of
    their own (matcher.TWO_NAMES), which the examples asking whether they are one share."""
    reply = bot.respond(text)
    assert reply.topic == "baclofen.about", (reply.kind, reply.topic)


def test_the_same_name_written_twice_is_not_two_names(bot):
    from chatbot.matcher import TWO_NAMES

    key = bot.kb.key_of(
        bot.kb.normalizer.tokens("I take baclofen for MS. does baclofen make you tired?"),
        "I take baclofen for MS. does baclofen make you tired?",
    )
    assert TWO_NAMES not in key
    assert bot.respond("I take baclofen for MS. does baclofen make you tired?").topic == (
        "baclofen.side_effects"
    )
