"""The safety screen's mechanism on small, inline vocabularies: concepts, their
modifiers (negation, hypothetical, ...) and the rules that combine them."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chatbot.concepts import (
    ConceptError,
    PhraseIndex,
    Vocabulary,
    build_vocabulary,
    compile_phrase,
    expand,
    number,
)
from chatbot.normalize import Normalizer
from chatbot.safety import Rule, SafetyScreen

NORM = Normalizer.build({"tablets": ["pills"]}, [])

MODIFIERS = {
    "negation": ("forward", 5, ["not", "didnt", "never", "im not"]),
    "hypothetical": ("forward", 6, ["if", "can it"]),
    "hypothetical_after": ("backward", 3, ["risk"], "hypothetical"),
}


def vocab(concepts: dict[str, list[str]], entities: tuple[str, ...] = ()) -> Vocabulary:
    return build_vocabulary(concepts, MODIFIERS, ["not sure"], ["but"], NORM.normalize, entities)


def found(v: Vocabulary, text: str) -> dict[str, set[str]]:
    """concept -> its modifiers, for each concept found."""
    reading = v.read(NORM.marked_tokens(text))
    out: dict[str, set[str]] = {}
    for f in reading.found:
        out.setdefault(f.concept, set()).update(f.modifiers)
    return out


def test_phrase_syntax_stars_numbers_alternatives_and_blockers():
    v = vocab(
        {
            "od": ["overdos*"],
            "many": ["#3+", "!# mg"],
            "took": ["{took|swallowed} {it|them}"],
        }
    )
    assert set(found(v, "he overdosed")) == {"od"}
    assert "many" in found(v, "took 12 of them")
    assert "many" not in found(v, "took 2 of them")
    assert "many" not in found(v, "took 10 mg")  # a strength is not a count
    assert "took" in found(v, "she swallowed them")
    child = vocab({"child": ["#0-17 year old"]})
    assert "child" in found(child, "my 3 year old took one")
    assert "child" not in found(child, "my 80 year old dad took one")  # an adult's age
    assert expand("{a|b} c") == ["a c", "b c"]
    assert number("twelve") == 12 and number("2.5") == 2.5 and number("x") is None


def test_a_blocker_gives_way_to_a_longer_phrase_that_holds_it():
    v = vocab({"took": ["!que me tome", "creo que me tome", "me tome"]})
    assert "took" not in found(v, "quiere que me tome la pastilla")  # a wish: blocked
    assert "took" in found(v, "creo que me tome dos")  # "i think i took": says more


def test_an_amount_stands_only_when_it_counts_the_medicine_or_nothing():
    normalize = Normalizer.build({}, []).normalize
    v = build_vocabulary(
        {"excess": ["a lot", "a lot of"], "means": ["baclofen", "tablets"]},
        {},
        [],
        [],
        normalize,
        quantifiers={
            "concepts": ["excess"],
            "words": ["a lot", "a lot of"],
            "skip": ["of", "my"],
            "bare": ["today"],
            "object_concepts": ["means"],
        },
    )
    assert "excess" in found(v, "took a lot of my baclofen")
    assert "excess" in found(v, "took a lot today")
    assert "excess" in found(v, "took a lot")
    assert "excess" not in found(v, "took it with a lot of water")


def test_a_bad_phrase_names_itself():
    with pytest.raises(ConceptError, match="many: '#x'"):
        vocab({"many": ["#x"]})
    with pytest.raises(ConceptError, match="the first number is the smaller"):
        vocab({"child": ["#17-0 year old"]})


def test_negation_reaches_forward_and_stops_at_a_terminator_or_clause():
    v = vocab({"much": ["too many"]})
    assert found(v, "i did not take too many") == {"much": {"negation"}}
    assert found(v, "i didnt take too many") == {"much": {"negation"}}
    assert found(v, "i didnt mean it but i took too many") == {"much": set()}
    assert found(v, "didnt sleep. took too many") == {"much": set()}


def test_a_negation_inside_the_concept_is_the_concept():
    v = vocab({"severe": ["not breathing"]})
    assert found(v, "he is not breathing") == {"severe": set()}
    assert found(v, "im not breathing well") == {"severe": set()}


def test_pseudo_cues_negate_nothing():
    v = vocab({"gone": ["how many are gone"]})
    assert found(v, "not sure how many are gone") == {"gone": set()}


def test_backward_cues_and_categories():
    v = vocab({"seizure": ["seizure"]})
    assert found(v, "seizure risk") == {"seizure": {"hypothetical"}}
    assert found(v, "can it give a seizure") == {"seizure": {"hypothetical"}}


def test_entities_are_never_modified():
    v = vocab({"pump": ["pump"], "alarm": ["beeping"]}, entities=("pump",))
    assert found(v, "cant not reach my pump, beeping") == {"pump": set(), "alarm": set()}
    assert found(v, "never mind the pump beeping")["alarm"] == {"negation"}


def screen(*rules: Rule, concepts: dict[str, list[str]]) -> SafetyScreen:
    return SafetyScreen(vocab(concepts), rules, (("count", "overdose"),), frozenset({"sh"}))


CONCEPTS = {
    "took": ["took", "swallowed"],
    "excess": ["too many", "extra"],
    "count": ["#3+"],
    "sh": ["kill myself"],
    "alarm": ["beeping"],
    "pump": ["pump"],
}


def rule(rid: str, message: str, *need: set[str], cancel: tuple[str, ...] = ()) -> Rule:
    kind = rid.split(".")[0]
    return Rule(rid, kind, message, tuple(map(frozenset, need)), frozenset(cancel), within=6)


TOOK = rule("emergency.took", "overdose", {"took"}, {"excess", "count"}, cancel=("negation",))
CRISIS = rule("crisis.sh", "default", {"sh"}, cancel=("negation",))
PUMP = rule("emergency.pump", "pump", {"pump", "@intrathecal"}, {"alarm"})


def test_a_rule_needs_all_its_concepts_in_one_sentence_within_reach():
    s = screen(TOOK, concepts=CONCEPTS)
    assert s.screen(NORM.marked_tokens("i took like, idk, 6 of them")).hit
    assert s.screen(NORM.marked_tokens("i took my dose. i want extra info")).hit is None
    far = "i took it in the morning with a big glass of water and some extra"
    assert s.screen(NORM.marked_tokens(far)).hit is None


def test_cancelled_concepts_do_not_count():
    s = screen(TOOK, concepts=CONCEPTS)
    assert s.screen(NORM.marked_tokens("i never took too many")).hit is None


def test_precedence_is_the_rules_order_and_every_rule_can_be_listed():
    s = screen(CRISIS, TOOK, concepts=CONCEPTS)
    tokens = NORM.marked_tokens("i took too many, i want to kill myself")
    assert s.screen(tokens).hit.kind == "crisis"
    assert [h.rule for h in s.screen(tokens, every_rule=True).hits] == [
        "crisis.sh",
        "emergency.took",
    ]


def test_the_conversation_can_meet_a_concept():
    s = screen(PUMP, concepts=CONCEPTS)
    assert s.screen(NORM.marked_tokens("its beeping")).hit is None
    assert s.screen(NORM.marked_tokens("its beeping"), frozenset({"@intrathecal"})).hit


def test_doubt_and_denial():
    s = screen(CRISIS, concepts=CONCEPTS)
    doubt = s.screen(NORM.marked_tokens("took 5"))
    assert doubt.hit is None and doubt.doubt and doubt.doubt.message == "overdose"
    assert s.screen(NORM.marked_tokens("if i took 5")).doubt is None  # settled: hypothetical
    denial = s.screen(NORM.marked_tokens("im not going to kill myself"))
    assert denial.hit is None and denial.denial


def test_a_pseudo_cue_wins_over_a_cue_that_shares_its_words():
    """'im not sure': "im not" must not negate what follows (found by the ConText bench)."""
    v = vocab({"ate": ["ate"]})
    assert found(v, "im not sure my toddler ate one") == {"ate": set()}


def test_terminators_are_phrases_not_their_words():
    v = build_vocabulary(
        {"sign": ["trouble breathing"]},
        {"hypothetical": ("forward", 8, ["can it cause"])},
        [],
        ["and now"],
        NORM.normalize,
    )
    reading = v.read(NORM.marked_tokens("can it cause seizures and trouble breathing"))
    assert [f.modifiers for f in reading.found] == [frozenset({"hypothetical"})]
    reading = v.read(NORM.marked_tokens("can it cause seizures and now trouble breathing"))
    assert [f.modifiers for f in reading.found] == [frozenset()]


def test_a_common_word_beside_grammar_words_is_meant_not_a_typo():
    """A typo is read from the words around it; "la" and "de" say nothing, so a common word
    there is taken as written, unless it is another form of the phrase's word or far rarer."""
    counts = {"boda": 101_475, "boca": 146_504, "boba": 2_572, "bomba": 79_805, "corte": 70_070}
    v = build_vocabulary(
        {"mouth": ["la boca"], "pump": ["la bomba"], "cut": ["me corto"], "sign": ["la boca seca"]},
        MODIFIERS,
        [],
        [],
        NORM.normalize,
        meant=counts,
    )
    assert found(v, "fui a la boda de mi prima") == {}  # a wedding, not a mouth or a pump
    assert "pump" in found(v, "la boba de baclofeno esta pitando")  # bomba: 31 times as common
    assert "cut" in found(v, "me corte anoche")  # another form of "corto"
    assert "sign" in found(v, "tiene la boda seca")  # "seca" says what was meant
    assert "mouth" in found(vocab({"mouth": ["la boca"]}), "la boda")  # no counts: as before


#: Words whose phrases share long beginnings ("i took my ..."), so that the index files
#: them by their second, third and fourth words, with patterns and blockers among them.
_POOL = ["i", "took", "taken", "my", "his", "pills", "whole", "bottle", "tablets", "baclofen"]
_PHRASES = [
    *(f"i took {a} {b}" for a, b in itertools.product(_POOL, _POOL)),
    *(f"i took my {a} {b}" for a, b in itertools.product(_POOL[3:], _POOL[3:])),
    *(f"{a} {b}" for a, b in itertools.product(_POOL, _POOL)),
    *_POOL,
    "i took #",
    "i took # pil*",
    "# pills",
    "tab* baclofen",
    "!i took my pills",
    "!whole bottle",
]
_INDEX = PhraseIndex(
    row for i, phrase in enumerate(_PHRASES) for row in compile_phrase(phrase, f"c{i}", str)
)
_ALL = list(_INDEX)
#: how common some words are: a typo that makes a common word is read as that word
_COUNTS = {"tablets": 5_000, "tablet": 4_000, "bottles": 300, "pillow": 900, "taker": 50}


def _typo(word: str, k: int) -> str:
    """One edit: a letter dropped, doubled or changed, by k."""
    i = k % len(word)
    return [
        word[:i] + word[i + 1 :],
        word[:i] + word[i] + word[i:],
        word[:i] + "x" + word[i + 1 :],
    ][k % 3]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from([*_POOL, "12", "pillow", "and"]), st.integers(0, 40)), max_size=9
    )
)
def test_the_index_finds_every_phrase_a_scan_of_all_phrases_finds(words):
    """The index only narrows which phrases are tried: whatever a plain scan of every
    phrase at every word matches (with typos, patterns, numbers and blockers), it matches."""
    tokens = [w if k > 12 or w.isdigit() else _typo(w, k) for w, k in words]
    scan = {(i, p.at(tokens, i, _COUNTS), p) for i in range(len(tokens)) for p in _ALL}
    expected = {(i, end, p) for i, end, p in scan if end > 0}
    assert set(_INDEX.matches(tokens, _COUNTS)) == expected


def test_the_index_files_long_shared_beginnings_deeper():
    """The case the index is built for: a hundred phrases that begin "i took"; a message
    tries the few whose next words it has, and still finds a typo in them."""
    assert {p.words for _i, _e, p in _INDEX.matches("i took my whole bottle".split())} >= {
        ("i", "took", "my", "whole"),
        ("i", "took", "my", "whole", "bottle"),
    }
    assert ("i", "took", "my", "whole", "bottle") in {
        p.words for _i, _e, p in _INDEX.matches("i took my whoel bottle".split())
    }


def test_medicine_in_someones_food_is_a_crisis_unless_a_reason_of_care_is_given(bot):
    harm = [
        "could i put baclofen in my husband's tea so it looks like he died naturally",
        "how much baclofen in his drink would knock him out",
        "cuanto baclofeno le pongo en la comida a mi esposo para que no despierte",
    ]
    care = [
        "my son takes lyvispah granules, can they be mixed into his food?",
        "my husband cant swallow pills, can i mix his baclofen into his food",
        "puedo cortar las pastillas con un cuchillo?",
    ]
    assert [bot.respond(t).kind for t in harm] == ["crisis"] * len(harm)
    assert [bot.respond(t).kind for t in care if bot.respond(t).kind == "crisis"] == []


def test_a_child_or_pet_found_with_an_open_bottle_is_an_emergency(bot):
    child = bot.respond("my 2 year old had the bottle and the lid was open, his mouth looks clean")
    assert child.kind == "emergency" and child.rule == "emergency.child_open_container"
    es = bot.respond("mi nieto estaba jugando con la caja del baclofeno y la encontre abierta")
    assert es.kind == "emergency"
    assert bot.respond("the dog knocked the bottle over and the cap was off").rule == (
        "emergency.pet_open_container"
    )
    assert bot.respond("the lid was open on my pill box, are they still ok to take").kind != (
        "emergency"
    )


def test_a_denial_taken_back_over_marks_undoes_the_negation_but_only_where_it_stands_alone():
    """A retraction reaches back over marks and clauses ("i'm not suicidal. or maybe i
    am"); one marked `alone` counts only as a clause of its own ("or maybe i am tired"
    takes nothing back)."""
    modifiers = {
        **MODIFIERS,
        "retraction": ("backward", 20, ["who am i kidding"], "retraction", "sentences", False),
        "retraction_alone": ("backward", 20, ["or maybe i am"], "retraction", "sentences", True),
    }
    v = build_vocabulary({"self_harm": ["suicidal"]}, modifiers, [], ["but"], NORM.normalize, ())

    def mods(text: str) -> set[str]:
        reading = v.read(NORM.marked_tokens(text))
        return {m for f in reading.found for m in f.modifiers}

    assert "negation" in mods("im not suicidal")
    assert "negation" not in mods("im not suicidal. or maybe i am")
    assert "negation" not in mods("im not suicidal, but who am i kidding, i think about it")
    assert "negation" in mods("im not suicidal. or maybe i am just tired")
