"""The safety screen's second reader (chatbot/learned.py, `chatbot train`).

The shipped weights must be the ones its training file gives; the plain-Python reader
must read them as scikit-learn fitted them; the engine asks it only where the word
lists found nothing urgent and no emergency or crisis is under way, and then help
comes first. Its figures on messages it never learned from are in the README (the
sealed rounds) and in tests/test_sealed.py.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from chatbot import Chatbot
from chatbot.authoring import train
from chatbot.learned import Classifier, features

from .conftest import ROOT
from .small import MESSAGES, small_world

SOURCES = ROOT / "tests" / "data" / "training.yaml"
SHIPPED = ROOT / "intents" / "safety" / "classifier.json"


def training_pairs(bot) -> tuple[list[tuple[str, str]], dict]:
    config = yaml.safe_load(SOURCES.read_text(encoding="utf-8"))
    settings = train.settings_of(config)
    pairs = train.examples(train.source_files(config, ROOT), bot.kb.messages.emergency)
    return pairs, settings


def test_the_shipped_weights_come_from_the_training_file(bot):
    """Messages added to a training file, or a set opened, without `chatbot train`: the
    bot would not have learned them."""
    pairs, settings = training_pairs(bot)
    assert bot.kb.classifier is not None
    assert bot.kb.classifier.trained_on == train.digest(pairs, settings), (
        "intents/safety/classifier.json is out of date: run `chatbot train` and commit it"
    )


def test_still_sealed_sets_are_never_learned_from():
    config = yaml.safe_load(SOURCES.read_text(encoding="utf-8"))
    files = {p.relative_to(ROOT).as_posix() for p in train.source_files(config, ROOT)}
    assert config["still_sealed"], "a sealed set written for the next measurement is listed"
    for sealed in config["still_sealed"]:
        assert (ROOT / sealed).exists(), f"{sealed} is listed as still sealed but is not there"
        assert sealed not in files


def test_labels_follow_the_contract():
    situations = ("overdose", "symptoms", "pump", "self_harm_taken")
    assert train.label({"group": "crisis", "kind": "crisis"}, situations) == "crisis"
    taken = {"group": "crisis", "kind": "emergency", "situation": "self_harm_taken"}
    assert train.label(taken, situations) == "emergency.self_harm_taken"
    pump = {"group": "emergency", "kind": "emergency", "situation": "intrathecal_pump"}
    assert train.label(pump, situations) == "emergency.pump"
    signs = {"group": "emergency", "kind": "emergency", "situation": "severe_symptoms"}
    assert train.label(signs, situations) == "emergency.symptoms"
    # a near miss the contract sends to emergency is one; other near misses are not
    asked = {"group": "near_miss", "kind": "emergency", "situation": ""}
    assert train.label(asked, situations) == "emergency.overdose"
    assert train.label({"group": "near_miss", "kind": "answer"}, situations) == "none"
    assert train.label({"kind": "refusal"}, situations) == "refusal"
    assert train.label({"group": "answer", "kind": "answer"}, situations) == "none"


def test_features_are_words_pairs_and_pieces_of_words():
    f = features("took pills")
    assert f["w took"] == 1 and f["b took pills"] == 1
    assert f["c too"] == 1 and f["cills "] == 1  # a word's start and end are marked
    assert features("") == {}


def test_the_plain_python_reader_gives_scikit_learns_chances(bot):
    """The bot never imports scikit-learn: it computes TF-IDF and the softmax itself, from
    the weights kept to 4 digits. Both must agree on messages it did not learn from."""
    pytest.importorskip("sklearn")
    pairs, settings = training_pairs(bot)
    normalize = bot.kb.normalizer.normalize
    sample = pairs[::25]  # a quick fit: every 25th message
    texts, labels = [normalize(t) for t, _ in sample], [lab for _, lab in sample]
    vectorizer, model = train.fitted(texts, labels, settings)
    reader = train.as_classifier(vectorizer, model, settings)
    unseen = [normalize(t) for t, _ in pairs[1::97]]
    expected = model.predict_proba(vectorizer.transform(unseen))
    for text, row in zip(unseen, expected, strict=True):
        got = reader.probabilities(text)
        for label, p in zip(model.classes_, row, strict=True):
            assert got[str(label)] == pytest.approx(p, abs=2e-3), text


def test_train_writes_weights_the_loader_reads_and_check_says_when_stale(tmp_path, bot):
    pytest.importorskip("sklearn")
    data = tmp_path / "tests" / "data"
    data.mkdir(parents=True)
    cases = [
        {"text": t, "group": g, "kind": g if g != "near_miss" else "answer", "situation": s}
        for t, g, s in [
            ("my son ate a handful of my pills", "emergency", "overdose"),
            ("my toddler swallowed some tablets", "emergency", "overdose"),
            ("the pump is beeping and empty", "emergency", "pump"),
            ("pump alarm going off right now", "emergency", "pump"),
            ("i want to end it all tonight", "crisis", ""),
            ("nobody would miss me if i was gone", "crisis", ""),
            ("can i drink wine on baclofen", "near_miss", ""),
            ("how should i store my tablets", "near_miss", ""),
            ("my back is killing me after the gym", "near_miss", ""),
        ]
    ]
    (data / "few.yaml").write_text(yaml.safe_dump({"cases": cases}), encoding="utf-8")
    sources = data / "training.yaml"
    sources.write_text(
        "sources: [tests/data/few.yaml]\nstill_sealed: []\nthreshold: 0.5\nmin_count: 1\n"
        "language_thresholds: {es: 0.4}\n",
        encoding="utf-8",
    )
    out = tmp_path / "classifier.json"
    from chatbot.cli import main

    assert main(["train", "--sources", str(sources), "--out", str(out)]) == 0
    reader = Classifier.load(out)
    assert set(reader.labels) == {"crisis", "emergency.overdose", "emergency.pump", "none"}
    assert reader.examples == len(cases) and reader.threshold == 0.5
    assert reader.threshold_for("es") == 0.4 and reader.threshold_for("en") == 0.5
    assert main(["train", "--sources", str(sources), "--out", str(out), "--check"]) == 0
    sources.write_text(sources.read_text().replace("0.5", "0.6"), encoding="utf-8")
    assert main(["train", "--sources", str(sources), "--out", str(out), "--check"]) == 1


def test_a_training_file_that_names_no_file_is_an_error(tmp_path, capsys):
    sources = tmp_path / "tests" / "data" / "training.yaml"
    sources.parent.mkdir(parents=True)
    sources.write_text("sources: [tests/data/nothing_*.yaml]\n", encoding="utf-8")
    from chatbot.cli import main

    assert main(["train", "--sources", str(sources), "--check"]) == 2
    assert "no file matches 'tests/data/nothing_*.yaml'" in capsys.readouterr().err


# --- the reader in the engine: a hand-made reader in the small pack -------------------------

CHECK_IN = """\
  check_in: |
    {crisis_line}
    Checking in on you.
"""


def hand_made(
    weights: dict[str, tuple[float, ...]], labels=("none", "crisis", "emergency.overdose")
):
    """A reader that knows only the given words: idf 1, one weight per label."""
    return {
        "format": 1,
        "labels": list(labels),
        "threshold": 0.8,
        "intercepts": [0.0] * len(labels),
        "weights": {f"w {w}": [1.0, *row] for w, row in weights.items()},
    }


TAKEN = """\
  self_harm_taken: |
    {emergency_line}
    {crisis_line}
"""


def world_with(tmp_path: Path, reader: dict | str, check_in: bool = True):
    world = small_world(tmp_path)
    if check_in:
        world.insert_after(MESSAGES, "crisis:", *CHECK_IN.rstrip("\n").split("\n"))
        world.insert_after(MESSAGES, "emergency:", *TAKEN.rstrip("\n").split("\n"))
        for region in ("US", "UK"):  # and its first line in each region
            number = "911" if region == "US" else "999"
            world.insert_after(
                "knowledge/contacts.yaml",
                f'      other_language: "Call {number}',
                f'      self_harm_taken: "Call {number} now: tell them what was taken."',
            )
    text = reader if isinstance(reader, str) else json.dumps(reader)
    world.write("intents/safety/classifier.json", text)
    return world


def test_what_the_word_lists_miss_the_reader_can_still_send_to_help(tmp_path):
    reader = hand_made({"zorblax": (0, 0, 30), "quorvim": (0, 30, 0)})
    bot = world_with(tmp_path, reader).bot()
    reply = bot.respond("zorblax")
    assert (reply.kind, reply.rule) == ("emergency", "emergency.learned.overdose")
    assert reply.text.startswith(bot.composer.emergency_line("overdose"))
    reply, state = bot.reply("quorvim")
    assert (reply.kind, reply.rule) == ("crisis", "crisis.learned")
    assert "Checking in on you." in reply.text and state.crisis
    # and the conversation remembers the crisis, as after a rule's crisis
    assert bot.reply("ok", state)[0].kind == "crisis"


def test_a_language_the_reader_reads_less_surely_escalates_at_its_own_chance():
    # one known word: P(overdose) = e^0.7 / (e^0.7 + 1) = 0.67, between 0.6 and 0.7
    labels = ("none", "emergency.overdose")
    data = {**hand_made({"zorblax": (0, 0.7)}, labels), "threshold": 0.7}
    reader = Classifier.from_json({**data, "language_thresholds": {"es": 0.6}})
    assert reader.verdict("zorblax", "en") is None
    assert reader.verdict("zorblax") is None  # a message of no known language: the default
    verdict = reader.verdict("zorblax", "es")
    assert verdict is not None and (verdict.kind, verdict.situation) == ("emergency", "overdose")
    with pytest.raises(ValueError, match="sure >= threshold"):  # above `sure`: meaningless
        Classifier.from_json({**data, "sure": 0.9, "language_thresholds": {"es": 0.95}})


def test_a_message_with_no_answer_escalates_from_the_unsure_chance(tmp_path):
    # one known word: P(overdose) = e / (2 + e) = 0.58, below the threshold (0.8), above
    # `unsure` (0.5): when the matcher has no answer, the doubt goes to the emergency
    reader = {**hand_made({"zorblax": (0, 0, 1.0)}), "unsure": {"en": 0.5}}
    parsed = Classifier.from_json(reader)
    assert parsed.verdict("zorblax", "en") is None
    assert parsed.verdict("zorblax", "en", unanswered=True) is not None
    # a language with no `unsure` of its own keeps its threshold
    assert parsed.verdict("zorblax", "es", unanswered=True) is None
    bot = world_with(tmp_path, reader).bot()
    reply = bot.respond("zorblax")
    assert (reply.kind, reply.rule) == ("emergency", "emergency.learned.overdose")
    # an answer the matcher found keeps its place: the lower chance is for no answer only
    asked = "can i drink wine on baclofen"
    answered = bot.respond(f"{asked} zorblax")
    assert answered.kind == "answer" and answered.text == bot.respond(asked).text
    # without `unsure`, the same message falls back
    calm = world_with(tmp_path / "calm", hand_made({"zorblax": (0, 0, 1.0)})).bot()
    assert calm.respond("zorblax").kind == "fallback"


def test_the_reader_never_calms_and_waits_while_help_is_under_way(tmp_path):
    reader = hand_made({"zorblax": (0, 0, 30), "overdose": (30, 0, 0), "swallowed": (30, 0, 0)})
    bot = world_with(tmp_path, reader).bot()
    # the word lists' emergency stands, though the reader calls it calm
    assert bot.respond("my son swallowed all my baclofen").kind == "emergency"
    # inside a crisis, the crisis follow-up, not the reader's emergency
    _reply, state = bot.reply("i want to kill myself")
    assert bot.reply("zorblax", state)[0].rule != "emergency.learned.overdose"


def test_a_denial_the_word_lists_read_is_not_overheard_as_a_crisis(tmp_path):
    reader = hand_made({"sleep": (0, 30, 0)})
    bot = world_with(tmp_path, reader).bot()
    assert bot.respond("i just want to sleep").rule == "crisis.learned"
    denied = bot.respond("i do not want to die, i just want to sleep")
    assert denied.kind not in ("crisis", "emergency"), denied.rule


def test_a_crisis_read_beside_a_word_list_emergency_adds_the_crisis_line(tmp_path):
    reader = hand_made({"quick": (0, 30, 0)})
    bot = world_with(tmp_path, reader).bot()
    plain = bot.respond("what if i took too many")
    assert (plain.kind, plain.rule) == ("emergency", "emergency.danger")
    reply, state = bot.reply("what if i took too many, i want it to be quick")
    assert (reply.kind, reply.rule) == ("emergency", "crisis.learned.self_harm_taken")
    assert reply.text.startswith(bot.composer.emergency_line("self_harm_taken"))
    assert state.crisis and state.emergency == "self_harm_taken"


def test_self_harm_with_something_taken_read_beside_a_word_list_emergency_is_a_crisis(tmp_path):
    # the reader's crisis side is crisis and self-harm taken together: "took my mum's pills
    # on purpose" read as self-harm taken is the crisis the word lists' overdose lacked
    labels = ("none", "crisis", "emergency.self_harm_taken")
    reader = hand_made({"quick": (0, 0, 30)}, labels)
    bot = world_with(tmp_path, reader).bot()
    reply, state = bot.reply("what if i took too many, i want it to be quick")
    assert (reply.kind, reply.rule) == ("emergency", "crisis.learned.self_harm_taken")
    assert state.crisis and state.emergency == "self_harm_taken"


def test_a_crisis_half_read_beside_an_emergency_adds_the_line_after_the_emergencys(tmp_path):
    # one known word: P(crisis) = e^1.54 / (e^1.54 + 2) = 0.70, between beside and threshold
    reader = {**hand_made({"quick": (0, 1.54, 0)}), "beside": 0.6}
    bot = world_with(tmp_path, reader).bot()
    plain, plain_state = bot.reply("what if i took too many")
    reply, state = bot.reply("what if i took too many, i want it to be quick")
    assert (reply.kind, reply.rule) == ("emergency", "crisis.learned.line")
    first, second, *rest = reply.text.split("\n")
    assert first == plain.text.split("\n")[0]  # the emergency's own first line still leads
    assert second == bot.composer.region.crisis_line.strip()
    assert "\n".join(rest) == plain.text.split("\n", 1)[1]  # and all its guidance
    assert state.crisis and state.emergency == plain_state.emergency
    below = {**hand_made({"quick": (0, 1.0, 0)}), "beside": 0.6}  # P(crisis) = 0.58
    reply = world_with(tmp_path / "below", below).bot().respond("what if i took too many, quick")
    assert (reply.kind, reply.rule) == ("emergency", "emergency.danger")


def test_a_crisis_read_as_much_as_an_emergency_gets_both_lines(tmp_path):
    # P(crisis) 0.57, P(overdose) 0.35: urgent, the crisis likelier, but not alone
    reader = hand_made({"zorblax": (0, 2.0, 1.5)})
    bot = world_with(tmp_path, reader).bot()
    reply, state = bot.reply("zorblax")
    assert (reply.kind, reply.rule) == ("emergency", "crisis.learned.line")
    first, second, *_ = reply.text.split("\n")
    assert first == bot.composer.emergency_line("overdose")
    assert second == bot.composer.region.crisis_line.strip()
    assert state.crisis and state.emergency == "overdose"
    alone = hand_made({"zorblax": (0, 30, 0)})  # the crisis alone: the check-in
    reply = world_with(tmp_path / "alone", alone).bot().respond("zorblax")
    assert (reply.kind, reply.rule) == ("crisis", "crisis.learned")


def test_an_emergency_on_doubt_the_reader_reads_as_a_crisis_gets_the_crisis_line(bot):
    # the word lists see only a doubt ("many baclofen"); the reader reads the crisis
    text = "sorry my english. i think about to stop living. i have many baclofen in my home"
    lists = Chatbot(replace(bot.kb, classifier=None), bot.settings).respond(text)
    assert lists.rule.startswith("emergency.doubt."), lists.rule
    reply = bot.respond(text)
    assert reply.kind == "emergency" and reply.rule.startswith("crisis.learned"), reply.rule
    assert bot.composer.region.crisis_line.strip() in reply.text


def test_a_dosing_question_the_word_lists_miss_is_refused(tmp_path):
    labels = ("none", "crisis", "emergency.overdose", "refusal")
    reader = {**hand_made({"zorblax": (0, 0, 0, 30)}, labels), "refusal_threshold": 0.7}
    bot = world_with(tmp_path, reader).bot()
    reply, state = bot.reply("zorblax")
    assert (reply.kind, reply.rule) == ("refusal", "refusal.learned") and state.refused


def test_what_to_do_about_a_missed_dose_is_never_refused_by_the_reader(tmp_path):
    labels = ("none", "crisis", "emergency.overdose", "refusal")
    reader = {**hand_made({"skip": (0, 0, 0, 30)}, labels), "refusal_threshold": 0.7}
    world = world_with(tmp_path, reader)
    concepts = "intents/safety/concepts.yaml"
    world.insert_after(concepts, "concepts:", '  missed_what_now: ["what do i do if i skip"]')
    bot = world.bot()
    assert bot.respond("zorblax skip").kind == "refusal"  # the reader refuses "skip"...
    reply = bot.respond("what do i do if i skip a dose")  # ...but not a missed dose asked about
    assert reply.kind != "refusal", reply.rule


def test_a_confident_answer_keeps_its_place_behind_the_emergency_line(tmp_path):
    reader = hand_made({"alcohol": (0, 0, 30)})  # "wine" is read as "alcohol"
    bot = world_with(tmp_path, reader).bot()
    plain = small_world(tmp_path / "plain").bot().respond("can i drink wine on baclofen")
    assert plain.kind == "answer"
    reply = bot.respond("can i drink wine on baclofen")
    assert (reply.kind, reply.topic) == ("answer", plain.topic)
    assert reply.text.startswith(bot.composer.emergency_line("overdose"))
    assert plain.text in reply.text


def test_no_answer_outweighs_self_harm_with_something_taken(tmp_path):
    labels = ("none", "crisis", "emergency.self_harm_taken")
    reader = {**hand_made({"alcohol": (0, 0, 3)}, labels), "sure": 0.97}  # P = 0.91
    bot = world_with(tmp_path, reader).bot()
    reply, state = bot.reply("can i drink wine on baclofen")
    assert (reply.kind, reply.rule) == ("emergency", "crisis.learned.self_harm_taken")
    assert reply.text.startswith(bot.composer.emergency_line("self_harm_taken"))
    assert state.crisis and state.emergency == "self_harm_taken"


def test_a_figure_of_speech_is_not_the_doubt_unsure_is_for(tmp_path):
    # P(overdose) = 0.58: below the threshold, above `unsure`; with a figure of speech the
    # word lists read ("i died laughing"), the fallback stands
    reader = {**hand_made({"zorblax": (0, 0, 1.0)}), "unsure": {"en": 0.5}}
    world = world_with(tmp_path, reader)
    concepts = "intents/safety/concepts.yaml"
    world.insert_after(concepts, "  dose_question:", "  figurative: [died laughing]")
    bot = world.bot()
    assert bot.respond("zorblax").kind == "emergency"
    assert bot.respond("zorblax, i died laughing").kind == "fallback"


def test_effects_told_as_a_course_since_starting_keep_the_answer_behind_the_line(tmp_path):
    """Since the medicine was started, effects are a side effect the answer speaks to: the
    reader, however sure, puts the emergency's first line before it and no more."""
    reader = {**hand_made({"alcohol": (0, 0, 30)}), "sure": 0.97}
    world = world_with(tmp_path, reader)
    concepts = "intents/safety/concepts.yaml"
    world.insert_after(concepts, "  dose_question:", "  since_starting: [since i started]")
    bot = world.bot()
    event = bot.respond("can i drink wine on baclofen")
    assert event.kind == "emergency"
    course = bot.respond("since i started baclofen, can i drink wine on it")
    assert course.kind == "answer", course.rule
    assert course.text.startswith(bot.composer.emergency_line("overdose"))


def test_a_pump_refill_booked_ahead_is_not_the_readers_pump_emergency(bot):
    """The reader weighs "refill" as the pump emergencies it learned from have it; a refill
    the word lists read as booked for a time to come, with no sign of trouble, stays the
    question it is. Moved, or with a sign, it is the emergency again."""
    labels = ("none", "crisis", "emergency.pump")
    reader = Classifier.from_json({**hand_made({"refill": (0, 0, 30)}, labels), "sure": 0.9})
    shipped = Chatbot(replace(bot.kb, classifier=reader), bot.settings)
    assert shipped.respond("my pump refill, what happens at the visit").kind == "emergency"
    booked = shipped.respond("my pump refill is on tuesday, what happens at the visit")
    assert booked.kind != "emergency", booked.rule
    assert not booked.text.startswith(bot.composer.emergency_line("pump"))
    moved = shipped.respond("my pump refill was on tuesday, the clinic moved it to next month")
    assert moved.kind == "emergency"
    itchy = shipped.respond("my pump refill is on tuesday but im itchy and feverish")
    assert itchy.kind == "emergency"


def test_a_supply_still_left_is_not_the_readers_ran_out(bot):
    """The reader weighs "sin baclofeno" and knows no "still": a supply the word lists read
    as left, and nothing wrong, gets no ran-out reply; with signs of withdrawal beside it,
    or run out, it is still the emergency."""
    labels = ("none", "crisis", "emergency.ran_out")
    reader = Classifier.from_json(hand_made({"baclofen": (0, 0, 30)}, labels))
    shipped = Chatbot(replace(bot.kb, classifier=reader), bot.settings)
    left = "me quedan pastillas para dos semanas todavia, como hago para no quedarme sin baclofeno?"
    assert shipped.respond(left).kind not in ("emergency", "crisis")
    for text in (
        "me quedan pastillas de baclofeno para dos dias y tengo fiebre y temblores",
        "se me acabo el baclofeno y no me quedan para mañana",
    ):
        assert shipped.respond(text).kind == "emergency", text
    from chatbot.authoring.explain import explain, render

    assert "supply_left" in render(explain(shipped, left))


def test_another_medicines_supply_is_not_the_readers_ran_out(bot):
    """The reader weighs "se me acabaron" and "pastillas" whatever they are: a message that
    names only a medicine the bot does not cover ("las del colesterol") is that medicine's
    supply, as the running-out rules read it; with baclofen named it is the emergency."""
    labels = ("none", "crisis", "emergency.ran_out")
    reader = Classifier.from_json(hand_made({"pastillas": (0, 0, 30)}, labels))
    shipped = Chatbot(replace(bot.kb, classifier=reader), bot.settings)
    other = "a mi tia se le terminaron las pastillas del colesterol"
    assert shipped.respond(other).kind not in ("emergency", "crisis")
    ours = "a mi tia se le terminaron las pastillas del baclofeno y las del colesterol"
    assert shipped.respond(ours).kind == "emergency"
    from chatbot.authoring.explain import explain, render

    assert "another_medicine" in render(explain(shipped, other))


def test_a_dose_not_taken_is_not_the_readers_overdose(bot):
    """The reader weighs "me tomé" and knows no "no": a dose the word lists read as not
    taken, and nothing more, gets its answer without the overdose line. Taken, or missed
    with a sign of withdrawal, it keeps the line or the emergency."""
    labels = ("none", "crisis", "emergency.overdose")
    reader = Classifier.from_json({**hand_made({"baclofen": (0, 0, 30)}, labels), "sure": 0.97})
    shipped = Chatbot(replace(bot.kb, classifier=reader), bot.settings)
    line = {lang: bot.composer.emergency_line("overdose", lang=lang) for lang in ("en", "es")}
    for text, lang in [
        ("no me tome el baclofeno hoy, pasa algo?", "es"),
        ("i forgot to take my baclofen this morning, what now", "en"),
    ]:
        reply = shipped.respond(text)
        assert reply.kind == "answer" and not reply.text.startswith(line[lang]), reply.rule
    taken = shipped.respond("me tome el baclofeno hoy, pasa algo?")
    assert taken.kind == "emergency" or taken.text.startswith(line["es"])
    signs = shipped.respond(
        "i forgot my baclofen and now im shaking with a fever and seeing things"
    )
    assert signs.kind == "emergency"
    # and `chatbot explain` says why the reader's overdose is not heard
    from chatbot.authoring.explain import explain, render

    text = render(explain(shipped, "i forgot to take my baclofen this morning, what now"))
    assert "its emergency is not heard" in text and "dose_missed" in text


def test_a_question_asked_ahead_with_every_event_supposed_is_not_the_readers(bot):
    """'no alarm right now, but what do i do if my pump alarm ever goes off': the reader
    weighs "alarm" and knows no "if"; asked ahead, every event negated or supposed, it is
    a question. An overdose asked about ahead is still an emergency (the contract)."""
    labels = ("none", "crisis", "emergency.pump")
    reader = Classifier.from_json(hand_made({"alarm": (0, 0, 30), "extra": (0, 0, 30)}, labels))
    shipped = Chatbot(replace(bot.kb, classifier=reader), bot.settings)
    assert shipped.respond("the alarm, what do i do").kind == "emergency"
    ahead = shipped.respond("no alarm right now, but what do i do if my pump alarm ever goes off")
    assert ahead.kind != "emergency", ahead.rule
    overdose = shipped.respond("just curious, what happens if you take an extra baclofen")
    assert overdose.kind == "emergency"


def test_an_emergency_the_reader_is_all_but_sure_of_outweighs_a_confident_answer(tmp_path):
    reader = {**hand_made({"alcohol": (0, 0, 30)}), "sure": 0.97}
    bot = world_with(tmp_path, reader).bot()
    reply = bot.respond("can i drink wine on baclofen")
    assert (reply.kind, reply.rule) == ("emergency", "emergency.learned.overdose")


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("{not json", "not JSON"),
        ('{"format": 99}', "format 1"),
        (json.dumps({**hand_made({"a": (0, 0, 1)}), "threshold": 2}), "threshold"),
        (json.dumps({**hand_made({"a": (0, 1)})}), "rows must have 4 numbers"),
    ],
)
def test_a_broken_reader_file_is_named_at_load(tmp_path, text, says):
    kb, problems = world_with(tmp_path, text).load()
    assert kb is None
    [p] = [p for p in problems if p.code == "E052"]
    assert p.path.endswith("intents/safety/classifier.json") and says in p.message


def test_a_reader_label_without_its_message_is_an_error(tmp_path):
    labels = ("none", "crisis", "emergency.pump")  # the small pack has no pump message
    kb, problems = world_with(tmp_path, hand_made({"a": (0, 0, 1)}, labels), False).load()
    assert kb is None
    [p] = [p for p in problems if p.code == "E052"]
    assert "crisis: check_in" in p.message and "emergency: pump" in p.message


@pytest.mark.parametrize(
    "text",
    [
        "my son swallowed one of my baclofen two years ago and was fine. how do i store it now?",
        "me tomé doble dosis de baclofeno sin querer hace años y no pasó nada. ¿da convulsiones?",
    ],
)
def test_an_event_told_as_over_and_fine_is_not_escalated_by_the_reader(bot, text):
    """The word lists read every event in these as history, and the message says it turned
    out fine: the reader, which knows no time, does not escalate them."""
    assert bot.respond(text).kind not in ("crisis", "emergency")


@pytest.mark.parametrize(
    "text",
    [
        "my son swallowed one of my baclofen an hour ago and he seems fine",
        "me tomé doble dosis de baclofeno sin querer y estoy bien, ¿qué hago?",
    ],
)
def test_an_event_said_to_be_fine_now_still_reaches_help(bot, text):
    assert bot.respond(text).kind == "emergency"


@pytest.mark.parametrize(
    ("text", "urgent"),
    [
        ("jaja hoy tengo sobredosis de cafecito", False),
        ("tome demasiado cafe hoy y ando temblando jaja", False),
        ("had way too much coffee today lol im shaking", False),
        ("had way too much baclofen today and im shaking", True),
    ],
)
def test_an_overdose_said_of_what_is_no_medicine_is_not_the_readers(bot, text, urgent):
    """A figure of speech (`figurative`) with none of our medicines named settles the
    reader's overdose (`figure_of_speech`); the medicine named, it is the emergency."""
    assert (bot.respond(text).kind in ("crisis", "emergency")) is urgent


@pytest.mark.parametrize("text", ["y el baclofeno?", "and baclofen??", "lioresal", "baclofen"])
def test_nothing_but_the_medicines_name_is_never_an_alarm(bot, text):
    """The reader has nothing to weigh in a name alone ("y el baclofeno?" once read as a
    withdrawal): what the medicine is, as its name asks."""
    reply = bot.respond(text)
    assert (reply.kind, reply.topic) == ("answer", "baclofen.about"), reply.rule


def test_the_concepts_the_code_names_are_in_the_word_lists():
    """told_as_over, refill_booked, dose_missed, asked_ahead, supply_left,
    asked_as_prescribed and asked_if_true read
    concepts by name:
    renaming one in concepts.yaml would silently let the reader escalate every past event
    again, or stop reading a sign of trouble beside a refill booked ahead or a dose missed."""
    from chatbot.bot import (
        ASKING_AHEAD,
        ATE_OTHER,
        CLAIM_Q,
        EVENTS,
        FIGURATIVE,
        MISSED,
        NOT_ONLY_MISSED,
        OVERDOSE_WORDS,
        PRESCRIBED_Q,
        REFILL,
        SINCE_STARTING,
        SUPPLY_LEFT,
        SUPPORT_ASKED,
        TIME_AHEAD,
        TROUBLE,
        TURNED_OUT_FINE,
        UNWELL,
    )

    concepts = Path(__file__).resolve().parent.parent / "intents" / "safety" / "concepts.yaml"
    data = yaml.safe_load(concepts.read_text("utf-8"))
    named = EVENTS | TROUBLE | NOT_ONLY_MISSED | OVERDOSE_WORDS | {ASKING_AHEAD}
    named |= {TURNED_OUT_FINE, FIGURATIVE, SINCE_STARTING, REFILL, TIME_AHEAD, MISSED}
    named |= {PRESCRIBED_Q, SUPPLY_LEFT, CLAIM_Q, ATE_OTHER, SUPPORT_ASKED} | UNWELL
    missing = named - set(data["concepts"])
    assert not missing, missing


@pytest.mark.parametrize(
    "text",
    [
        "me muero de risa, mi esposo dice que con el baclofeno parezco koala de tanto dormir",
        "lol im dead, my kid called baclofen bacon-fen. whats it for",
    ],
)
def test_dying_as_a_figure_of_speech_is_no_crisis_to_the_reader(bot, text):
    # the reader weighs "muero" and knows no idiom (0.60 on the first, retrained with
    # round 18); the word lists' figure of speech silences its crisis, as a denial does
    assert bot.respond(text).kind not in ("crisis", "emergency")


def test_explain_says_why_the_readers_crisis_is_not_heard(bot):
    from chatbot.authoring.explain import explain, render

    text = render(
        explain(bot, "me muero de risa, mi esposo dice que parezco koala de tanto dormir")
    )
    assert "its crisis is not heard: the word lists read dying as a figure of speech" in text
    # and an emergency only `unsure` reached, beside a figure of speech, is not heard either
    # (a reader that reads "amor" as an overdose at 0.58: above `unsure`, below threshold)
    reader = {**hand_made({"amor": (0, 0, 1.0)}), "unsure": {"es": 0.5}}
    unsure = Chatbot(replace(bot.kb, classifier=Classifier.from_json(reader)), bot.settings)
    text = render(explain(unsure, "sobredosis de amor es una cancion de quien?"))
    assert "its emergency is not heard: only `unsure` reached it" in text


def test_a_figure_of_speech_beside_a_real_crisis_hides_nothing(bot):
    assert bot.respond("me muero de risa pero la verdad ya no quiero vivir").kind == "crisis"


def test_a_dose_asked_as_the_one_prescribed_is_not_the_readers_crisis(bot):
    """The reader weighs "how many" as questions of how many would kill have it: a dosing
    question the word lists refuse, asked as the dose one is meant to take, stays a
    refusal. Asked without it, the reader's crisis check-in comes first, as before."""
    labels = ("none", "crisis", "emergency.overdose")
    reader = Classifier.from_json({**hand_made({"many": (0, 30, 0)}, labels), "sure": 0.9})
    shipped = Chatbot(replace(bot.kb, classifier=reader), bot.settings)
    meant = shipped.respond("so how many of my baclofen am i meant to take")
    assert meant.kind == "refusal", meant.rule
    assert shipped.respond("so how many of my baclofen would i take").kind == "crisis"


def test_a_warning_sign_asked_of_the_medicine_is_answered_with_the_crisis_line_first(bot):
    """The reader weighs "suicidal" and reads a question of what the medicine may cause
    as a crisis. Asked in one sentence that opens with it, the word lists read it as the
    medicine's effect (`asked_of_the_medicine`): the answer, the crisis line first. A
    sentence after it that tells what is felt, or a wish the question does not ask about,
    is still the reader's crisis."""
    asked = bot.respond("can baclofen cause suicidal thoughts")
    assert asked.kind == "answer", asked.rule
    assert "988" in asked.text.splitlines()[0]
    told = "can baclofen cause suicidal thoughts? ive been having them lately"
    assert bot.respond(told).kind == "crisis"
    wish = "pa q me preocupo por los efectos secundarios si igual ya me quiero morir"
    assert bot.respond(wish).kind == "crisis"
