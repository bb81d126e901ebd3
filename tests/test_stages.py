"""Each stage of the pipeline on its own: normalise, safety rules, match, compose, YAML."""

from __future__ import annotations

from chatbot.matcher import Candidate, Matcher
from chatbot.normalize import Normalizer, clean
from chatbot.settings import Thresholds
from chatbot.yamlio import parse_yaml

from .conftest import in_region

# --- normalise --------------------------------------------------------------------------


def test_clean_folds_case_width_and_quotes():
    assert clean("ＢＡＣＬＯＦＥＮ   Didn’t") == "baclofen didn't"


def test_synonyms_map_brands_misspellings_and_phrases():
    n = Normalizer.build(
        {"baclofen": ["lioresal", "bacloffen"], "side effects": ["side affects"]}, ["baclofen"]
    )
    assert n.normalize("Lioresal SIDE AFFECTS") == "baclofen side effects"
    assert n.normalize("bacloffen") == "baclofen"


def test_apostrophes_are_dropped_after_synonyms_see_them():
    n = Normalizer.build({"overdosed": ["od'd"]}, ["odd"])
    assert n.normalize("i od'd") == "i overdosed"
    assert n.normalize("i feel odd") == "i feel odd"


def test_invisible_characters_do_not_split_a_word():
    assert clean("k\u200bill my\u00adself\u2060 swal\ufefflowed") == "kill myself swallowed"
    assert clean("kill\x1b[31mmyself") == "killmyself"
    assert clean("one\ttwo\nthree") == "one two three"


def test_marked_tokens_keep_sentences_and_clauses():
    n = Normalizer.build({}, [])
    assert n.marked_tokens("I took 2.5 mg. Then, like, 6!") == [
        "i", "took", "2.5", "mg", ".", "then", ",", "like", ",", "6", ".",
    ]  # fmt: skip


def test_typos_of_known_words_are_corrected_but_real_words_are_not(small):
    n = small.kb.normalizer  # knows "swallowed" (a safety word) and "driving" (an example)
    assert n.normalize("swallowd") == "swallowed"
    assert n.normalize("my son swalowed it") == "my son swallowed it"
    assert n.normalize("drivng") == "driving"
    assert n.normalize("never heard of it") == "never heard of it"
    assert n.normalize("i took it with a glass of milk") == "i took it with a glass of milk"


def test_a_spanish_verb_with_its_pronouns_is_a_word_not_a_typo(bot):
    # "preocuparme" is not in the word list ("preocupar" is): it was "corrected" into
    # "preocuparse", a word the safety lists know
    n = bot.kb.normalizer
    assert n.normalize("cuando debo preocuparme") == "cuando debo preocuparme"
    assert n.normalize("se lo estaba tomándolo") == "se lo estaba tomándolo"


def test_spanish_matching_reads_a_verb_with_its_pronouns_as_the_verb():
    from chatbot.matcher import spanish_stem

    assert spanish_stem("juntarlas") == spanish_stem("juntar")
    assert spanish_stem("preocuparme") == spanish_stem("preocupar")
    assert spanish_stem("clase") != spanish_stem("cla")  # not a verb: nothing taken off


def test_a_month_is_never_corrected_into_a_commoner_word(bot):
    # the word list counts "june" low (it is lower-cased) and the content knows "tune"
    assert bot.kb.normalizer.normalize("going on a cruise in june") == "going on a cruise in june"


# --- match ----------------------------------------------------------------------------------


def matcher():
    rows = [
        ("m.alcohol", "drink alcohol", "drink alcohol"),
        ("m.alcohol", "beer", "beer"),
        ("m.driving", "drive car", "drive car"),
        ("m.driving", "driving", "driving"),
    ]
    return Matcher.build(rows, Thresholds(answer=50, margin=5, clarify=30))


def test_an_example_word_routes_to_its_intent():
    ranked = matcher().rank("beer")
    assert ranked[0].intent == "m.alcohol" and ranked[0].example == "beer"


def test_no_shared_word_means_no_candidates():
    assert matcher().rank("weather") == []


def test_decide_answers_clarifies_or_falls_back():
    m = matcher()
    strong = [Candidate("m.alcohol", 90, ""), Candidate("m.driving", 40, "")]
    close = [Candidate("m.alcohol", 60, ""), Candidate("m.driving", 58, "")]
    weak = [Candidate("m.alcohol", 20, "")]
    assert m.decide(strong).action == "answer"
    assert m.decide(close).action == "clarify"
    assert m.decide(weak).action == "fallback"


# --- compose --------------------------------------------------------------------------------


def test_placeholders_are_filled_from_the_region(small):
    uk = in_region(small, "UK")
    assert uk.respond("my son swallowed some of my pills").text == (
        "Call 999 now if the person is hard to wake or not breathing. If not, call NHS 111 "
        "right away.\nKeep the box of baclofen or tizanidine to show them."
    )
    assert uk.respond("i want to kill myself").text.startswith("You can call Samaritans free")
    # {medicine}: the medicine the message names, else the conversation's, else all of them
    named = uk.respond("my son swallowed some of my tizanidine").text.splitlines()[1]
    assert named == "Keep the box of tizanidine to show them."
    _, state = uk.reply("what is baclofen")
    later, _ = uk.reply("my son swallowed some of my pills", state)
    assert later.text.splitlines()[1] == "Keep the box of baclofen to show them."
    assert uk.welcome() == (
        "Hello. I answer questions about baclofen and alcohol, driving on baclofen, "
        "tizanidine and alcohol, storing tizanidine and more."
    )


# --- YAML -----------------------------------------------------------------------------------


def test_yaml_marks_point_at_lines():
    doc, problems = parse_yaml("a:\n  - x\n  - y: 1\n", "f.yaml")
    assert not problems and doc is not None
    assert doc.where(("a", 1, "y")) == (3, 5)


def test_duplicate_keys_are_problems_not_silent_overwrites():
    _, problems = parse_yaml("a: 1\nb: 2\na: 3\n", "f.yaml")
    assert [(p.code, p.line) for p in problems] == [("E003", 3)]
