"""How well questions reach the right topic: the dev set, the blind hold-out set,
and every intent's own examples. Figures are printed (run with -s)."""

from __future__ import annotations

from collections import Counter

from .conftest import load_data

#: Floors that guard the measured figures (see README) from regressing.
DEV_FLOOR = 0.90
HOLDOUT_FLOOR = 0.85
EXAMPLES_FLOOR = 0.90


def accuracy(bot, questions):
    misses = []
    for q in questions:
        r = bot.respond(q["text"])
        topic = r.topic.split(".", 1)[1] if r.topic else None
        if r.kind != q["kind"] or (q.get("topic") and topic != q["topic"]):
            misses.append((q["text"], q["kind"], q.get("topic"), r.kind, topic))
    return 1 - len(misses) / len(questions), misses


def test_dev_set_accuracy(bot):
    questions = (
        load_data("dev_questions_a.yaml")["questions"]
        + load_data("dev_questions_b.yaml")["questions"]
    )
    assert len(questions) >= 200
    acc, misses = accuracy(bot, questions)
    print(f"\ndev set: {len(questions) - len(misses)}/{len(questions)} = {acc:.1%}")
    assert acc >= DEV_FLOOR, misses[:15]


def test_holdout_set_accuracy(bot):
    questions = load_data("holdout_questions.yaml")["questions"]
    acc, misses = accuracy(bot, questions)
    print(f"\nblind hold-out set: {len(questions) - len(misses)}/{len(questions)} = {acc:.1%}")
    assert acc >= HOLDOUT_FLOOR, misses[:15]


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
