"""`chatbot check`: every check, planted in a small world.

Each test copies the small content pack (tests/fixtures/small, see tests/small.py) to
a temporary folder, plants one mistake, and asserts the exact file, line and code of
the problem. Expected lines are read from the file as written, not guessed. The
shipped content is checked once, strictly.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import sys
from pathlib import Path

import pytest
import yaml

from chatbot import problems
from chatbot.authoring import schemas
from chatbot.authoring.check import (
    MAX_SHORT_WORDS,
    MIN_EXAMPLES,
    check,
    content_files,
)
from chatbot.cli import main
from chatbot.dose import DOSE_PATTERN
from chatbot.settings import PROJECT_ROOT
from chatbot.types import Problem

from .small import (
    ALCOHOL,
    ANSWERS,
    CONCEPTS,
    CONTACTS,
    CRISIS_RULES,
    DRIVING,
    MESSAGES,
    OTHERS,
    SMALL,
    SOURCES,
    STORAGE,
    TIZ_ANSWERS,
    World,
    small_world,
)

#: libyaml's parser when there is one (as the loader reads content)
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
#: The reply contract, kept in step with the team's copy (docs/TAXONOMY.md).
TAXONOMY = Path(__file__).resolve().parent.parent / "docs" / "TAXONOMY.md"

HARD_TEXT = (
    "Baclofen, a centrally acting derivative of gamma-aminobutyric acid, ameliorates "
    "spasticity attributable to multiple sclerosis, spinal cord injuries and comparable "
    "neurological pathologies by modulating presynaptic neurotransmission, consequently "
    "diminishing involuntary muscular contractions and associated discomfort."
)


@pytest.fixture
def pack(tmp_path: Path) -> World:
    return small_world(tmp_path)


def expect(
    problems: list[Problem], code: str, path: str, line: int, col: int | None = None
) -> Problem:
    """The problem with this code at this place; fails listing what was found."""
    for p in problems:
        if p.code == code and p.path == path and p.line == line and (col is None or p.col == col):
            return p
    found = "\n".join(str(p) for p in problems if p.code == code) or "\n".join(map(str, problems))
    raise AssertionError(f"no {code} at {path}:{line}:{col}; found:\n{found}")


def codes(problems: list[Problem]) -> set[str]:
    return {p.code for p in problems}


# --- the small pack and the shipped content ------------------------------------------


def test_the_small_pack_has_no_errors_and_warns_of_its_few_examples(pack: World) -> None:
    problems = pack.check()
    assert problems == pack.baseline()
    assert [(p.code, p.path) for p in problems] == [
        ("W054", f"intents/{topic}.yaml")
        for topic in (
            "baclofen/about",
            "baclofen/alcohol",
            "baclofen/driving",
            "tizanidine/about",
            "tizanidine/alcohol",
            "tizanidine/storage",
        )
    ]


@pytest.mark.slow  # `make test` runs `chatbot check --strict` itself
def test_shipped_content_passes_strict(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", "--strict"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert re.fullmatch(r"0 errors, 0 warnings in 0 files \(checked \d+ files\)", out.strip())


# --- the loader's checks --------------------------------------------------------------


def test_yaml_syntax_error_points_at_the_broken_line(pack: World) -> None:
    pack.replace(ALCOHOL, '      - "baclofen and beer"', '\t- "baclofen and beer"')
    p = expect(pack.check(), "E002", ALCOHOL, pack.line(ALCOHOL, "baclofen and beer"))
    assert "syntax" in p.message


def test_a_broken_word_list_file_is_one_error_at_its_line_not_a_thousand(pack: World) -> None:
    """Built from the files that did load, the safety screen would call every concept the
    broken file defined unknown, and every rule example unfired: the author sees the
    syntax error at its line, and one line saying the safety rules wait for it."""
    pack.replace(CONCEPTS, "  danger: [too many,", "  danger: [*undefined_alias, too many,")
    found = pack.check()
    expect(found, "E002", CONCEPTS, pack.line(CONCEPTS, "*undefined_alias"))
    p = expect(found, "E053", "intents/safety", 0)
    assert "concepts.yaml" in p.message
    assert sorted(q.code for q in found if q.severity == "error") == ["E002", "E053"]


def test_unknown_key_guesses_the_intended_one(pack: World) -> None:
    pack.replace(ALCOHOL, "    examples:", "    exmaples:")
    p = expect(pack.check(), "E011", ALCOHOL, pack.line(ALCOHOL, "exmaples:"), col=5)
    assert "unknown key 'exmaples'" in p.message
    assert "did you mean 'examples'" in p.hint


def test_missing_required_field(pack: World) -> None:
    pack.replace(ANSWERS, "    reviewed: 2026-11-25\n", "")  # the first answer's
    p = expect(pack.check(), "E012", ANSWERS, pack.line(ANSWERS, "  - topic: about"), col=5)
    assert "reviewed" in p.message


def test_wrong_type(pack: World) -> None:
    pack.set_answer_field("about", "reviewed", "last tuesday")
    line = pack.line(ANSWERS, "    reviewed:", after="  - topic: about")
    p = expect(pack.check(), "E013", ANSWERS, line, col=5)
    assert "last tuesday" in p.message


def test_duplicate_key(pack: World) -> None:
    pack.insert_after(ALCOHOL, "  - id: alcohol", "    id: booze")
    p = expect(pack.check(), "E003", ALCOHOL, pack.line(ALCOHOL, "id: booze"), col=5)
    assert f"first at line {pack.line(ALCOHOL, 'id: alcohol')}" in p.message


def test_duplicate_intent_id(pack: World) -> None:
    pack.replace(DRIVING, "  - id: driving", "  - id: alcohol")
    p = expect(pack.check(), "E026", DRIVING, pack.line(DRIVING, "- id: alcohol"), col=5)
    assert f"{ALCOHOL}:{pack.line(ALCOHOL, '- id: alcohol')}" in p.message


def test_the_same_intent_id_in_two_medicines_is_no_duplicate(pack: World) -> None:
    # both medicines have an `alcohol` intent (intents/baclofen/, intents/tizanidine/)
    assert "E026" not in codes(pack.baseline())
    assert {"baclofen.alcohol", "tizanidine.alcohol"} <= set(pack.load()[0].intents)


def test_intent_leading_to_a_missing_answer(pack: World) -> None:
    pack.insert_after(ALCOHOL, "  - id: alcohol", "    answer: booze")
    p = expect(pack.check(), "E027", ALCOHOL, pack.line(ALCOHOL, "answer: booze"), col=5)
    assert "baclofen.booze" in p.message


def test_unknown_source_key(pack: World) -> None:
    pack.replace(ANSWERS, "sources: [NHS-about,", "sources: [NHS-abuot,")
    line, col = pack.line(ANSWERS, "NHS-abuot"), pack.col(ANSWERS, "NHS-abuot")
    p = expect(pack.check(), "E022", ANSWERS, line, col)
    assert "'NHS-abuot'" in p.message


def test_a_source_of_another_medicine_is_unknown(pack: World) -> None:
    """Each medicine cites its own sources.yaml: tizanidine's keys are not baclofen's."""
    pack.replace(ANSWERS, "sources: [NHS-about,", "sources: [FDA-tizanidine,")
    line, col = pack.line(ANSWERS, "FDA-tizanidine"), pack.col(ANSWERS, "FDA-tizanidine")
    expect(pack.check(), "E022", ANSWERS, line, col)


def test_answer_without_sources(pack: World) -> None:
    pack.set_answer_field("about", "sources", "x")
    pack.replace(ANSWERS, 'sources: "x"', "sources: []")
    expect(pack.check(), "E013", ANSWERS, pack.line(ANSWERS, "sources: []"), col=5)


def test_missing_sources_file(pack: World) -> None:
    pack.path(SOURCES).unlink()
    expect(pack.check(), "E004", SOURCES, 0)


def test_unreadable_file(pack: World) -> None:
    pack.path(OTHERS).write_bytes(b"medicines:\n  - \xff\xfe\n")
    expect(pack.check(), "E001", OTHERS, 0)


def test_missing_folder(pack: World) -> None:
    problems = check(pack.path("nowhere"), pack.intents)
    assert [(p.code, p.path) for p in problems] == [("E005", str(pack.path("nowhere")))]


def test_empty_file(pack: World) -> None:
    pack.write(OTHERS, "# yaml-language-server: $schema=../schemas/other_medicines.schema.json\n")
    expect(pack.check(), "E010", OTHERS, 1)


def test_medicine_not_matching_its_folder(pack: World) -> None:
    pack.replace(ANSWERS, "medicine: baclofen", "medicine: baclofin")
    expect(pack.check(), "E020", ANSWERS, pack.line(ANSWERS, "medicine: baclofin"))


def test_duplicate_answer(pack: World) -> None:
    pack.replace(ANSWERS, "  - topic: driving", "  - topic: about")
    line = pack.line(ANSWERS, "- topic: about", after="- topic: alcohol")
    expect(pack.check(), "E021", ANSWERS, line, col=5)


def test_suggestion_of_an_unknown_topic(pack: World) -> None:
    pack.replace(ANSWERS, "suggestions: [alcohol,", "suggestions: [alcohl,")
    line, col = pack.line(ANSWERS, "[alcohl,"), pack.col(ANSWERS, "alcohl,")
    expect(pack.check(), "E023", ANSWERS, line, col)


def test_a_suggestion_is_a_topic_of_the_same_medicine(pack: World) -> None:
    # tizanidine has `storage`, baclofen has not: baclofen's answers cannot suggest it
    pack.replace(ANSWERS, "suggestions: [alcohol,", "suggestions: [storage,")
    line, col = pack.line(ANSWERS, "[storage,"), pack.col(ANSWERS, "storage,")
    p = expect(pack.check(), "E023", ANSWERS, line, col)
    assert "'storage'" in p.message


def test_unknown_default_region(pack: World) -> None:
    pack.replace(CONTACTS, "default_region: US", "default_region: XX")
    p = expect(pack.check(), "E024", CONTACTS, pack.line(CONTACTS, "default_region: XX"))
    assert "US, UK" in p.hint


def test_intents_folder_without_knowledge(pack: World) -> None:
    pack.path("intents/ibuprofen").mkdir()
    expect(pack.check(), "E025", "intents/ibuprofen", 0)


def test_other_medicine_naming_a_covered_one(pack: World) -> None:
    pack.write(OTHERS, pack.read(OTHERS).rstrip("\n") + "\n  - Zanaflex\n")
    p = expect(pack.check(), "E028", OTHERS, pack.line(OTHERS, "- Zanaflex"))
    assert "'Zanaflex'" in p.message  # a brand of tizanidine (synonyms.yaml)


def test_dose_in_an_answer(pack: World) -> None:
    pack.set_answer_field("about", "short", "You take 10 mg three times a day with food.")
    line = pack.line(ANSWERS, "    short:", after="  - topic: about")
    p = expect(pack.check(), "E030", ANSWERS, line, col=5)
    assert "'10 mg'" in p.message


def test_missing_message(pack: World) -> None:
    text = pack.read(MESSAGES)
    pack.write(MESSAGES, re.sub(r"^  empty:.*\n(?:    .*\n)*", "", text, count=1, flags=re.M))
    p = expect(pack.check(), "E031", MESSAGES, pack.line(MESSAGES, "fallback:"))
    assert "fallback.empty" in p.message


def test_unknown_placeholder(pack: World) -> None:
    pack.insert_after(MESSAGES, "smalltalk:", '  zz_test: "Hello {nmae}"')
    expect(pack.check(), "E032", MESSAGES, pack.line(MESSAGES, "zz_test"), col=3)


def test_emergency_message_must_start_with_the_emergency_line(pack: World) -> None:
    pack.insert_after(MESSAGES, "emergency:", '  zz_test: "Please call someone."')
    expect(pack.check(), "E033", MESSAGES, pack.line(MESSAGES, "zz_test"), col=3)


def test_every_region_needs_a_first_line_for_every_emergency_message(pack: World) -> None:
    pack.insert_after(MESSAGES, "emergency:", '  zz_test: "{emergency_line} Stay with them."')
    problems = pack.check()
    for region in ("US", "UK"):
        line = pack.line(CONTACTS, "emergency_lines:", after=f"  {region}:")
        p = expect(problems, "E035", CONTACTS, line, col=5)
        assert region in p.message and "'zz_test'" in p.message
    assert "E033" not in codes(problems)


def test_a_region_missing_one_situation_is_named(pack: World) -> None:
    pack.insert_after(MESSAGES, "emergency:", '  pet: "{emergency_line} Keep the box."')
    pack.insert_after(CONTACTS, "    emergency_lines:", '      pet: "Call your vet now."')  # US
    problems = [p for p in pack.check() if p.code == "E035"]
    assert len(problems) == 1 and "region UK" in problems[0].message
    assert "'pet'" in problems[0].message


def test_a_first_line_for_an_unknown_situation(pack: World) -> None:
    pack.replace(CONTACTS, "      overdose:", "      overdos:")  # US
    p = expect(pack.check(), "E036", CONTACTS, pack.line(CONTACTS, "overdos:"), col=7)
    assert "did you mean 'overdose'" in p.hint


def test_a_contact_source_must_be_known(pack: World) -> None:
    pack.replace(CONTACTS, "sources: [WY-988]", "sources: [WY-989]")
    p = expect(pack.check(), "E037", CONTACTS, pack.line(CONTACTS, "WY-989"))
    assert "'WY-989'" in p.message and "knowledge/sources.yaml" in p.hint


def test_a_number_in_a_line_must_be_a_contact(pack: World) -> None:
    pack.replace(CONTACTS, "at 1-800-222-1222 right away", "at 1-800-222-1223 right away")
    p = expect(pack.check(), "E038", CONTACTS, pack.line(CONTACTS, "1-800-222-1223"), col=7)
    assert "1-800-222-1223" in p.message


def test_a_number_verified_over_a_year_ago(pack: World) -> None:
    pack.replace(
        CONTACTS,
        "sources: [WY-988], verified: 2026-11-25",
        "sources: [WY-988], verified: 2025-01-01",
    )
    problems = pack.check(today=dt.date(2026, 12, 4))
    p = expect(problems, "W059", CONTACTS, pack.line(CONTACTS, "verified: 2025-01-01"))
    assert p.severity == "warning" and "988" in p.message
    assert [q for q in problems if q.code == "W059"] == [p]  # the others are recent


def test_refusal_without_digits(pack: World) -> None:
    pack.insert_after(MESSAGES, "refusal:", '  zz_test: "Ask 2 people."')
    expect(pack.check(), "E034", MESSAGES, pack.line(MESSAGES, "refusal:"))


def test_example_tripping_a_safety_rule(pack: World) -> None:
    line = pack.add_example(ALCOHOL, "i took too many pills")
    p = expect(pack.check(), "E040", ALCOHOL, line, col=9)
    assert "emergency" in p.message


SAFETY = "intents/safety/zz_test.yaml"


def test_safety_concept_defined_twice(pack: World) -> None:
    pack.write("intents/safety/zz_a.yaml", "concepts:\n  zz_term: [foo]\n")
    pack.write("intents/safety/zz_b.yaml", "concepts:\n  zz_term: [bar]\n")
    expect(pack.check(), "E041", "intents/safety/zz_b.yaml", 2, col=3)


def test_safety_rules_need_a_kind(pack: World) -> None:
    pack.write(SAFETY, "rules:\n  - id: zz\n    all: [danger]\n")
    expect(pack.check(), "E042", SAFETY, 1)


def test_only_an_emergency_or_crisis_file_escalates_on_doubt(pack: World) -> None:
    pack.write(SAFETY, "kind: refusal\ndoubt:\n  danger: default\n")
    expect(pack.check(), "E042", SAFETY, 2)


def test_an_overdose_cannot_be_told_over_in_one_message(pack: World) -> None:
    """`told_over:` may not weaken the contract: anything about an overdose is the
    emergency, however it is told."""
    pack.write(SAFETY, "kind: emergency\ntold_over: [pump, overdose]\n")
    p = expect(pack.check(), "E042", SAFETY, 2)
    assert "overdose" in p.message


def test_a_crisis_doubt_names_a_crisis_message(pack: World) -> None:
    pack.write(SAFETY, "kind: crisis\ndoubt:\n  danger: no_such_message\n")
    p = expect(pack.check(), "E045", SAFETY, 3, col=3)
    assert "crisis" in p.message


def _rule(
    rule_id: str,
    concept: str = "danger",
    message: str = "overdose",
    examples: tuple[str, ...] = (),
) -> str:
    text = f"  - id: {rule_id}\n    message: {message}\n    all: [{concept}]\n"
    if examples:
        text += "    examples:\n" + "".join(f"      - {e}\n" for e in examples)
    return text


def test_duplicate_safety_rule(pack: World) -> None:
    pack.write(SAFETY, "kind: emergency\nrules:\n" + _rule("zz_dup") + _rule("zz_dup"))
    expect(pack.check(), "E043", SAFETY, 6, col=5)


def test_safety_rule_with_an_unknown_concept_suggests_the_near_one(pack: World) -> None:
    pack.write(SAFETY, "kind: emergency\nrules:\n" + _rule("zz", concept="dangr"))
    p = expect(pack.check(), "E044", SAFETY, 5)
    assert "'dangr'" in p.message and "danger" in p.hint


def test_a_concept_phrase_that_does_not_compile(pack: World) -> None:
    pack.write(SAFETY, "concepts:\n  zz_many: ['#lots']\n")
    p = expect(pack.check(), "E044", SAFETY, 2, col=3)
    assert "'#lots'" in p.message


def test_a_named_list_used_in_a_phrase_reaches_each_of_its_phrases(pack: World) -> None:
    pack.write(
        SAFETY,
        "lists:\n  zz_helpers: [the night nurse, our neighbour]\n"
        "concepts:\n  zz_rang: ['{rang|called} {@zz_helpers|them}']\n"
        "kind: emergency\nrules:\n"
        + _rule(
            "zz",
            concept="zz_rang",
            examples=("i rang our neighbour", "called them", "rang the night nurse"),
        ),
    )
    # each example must fire its rule (E046 otherwise): "our neighbour" is a phrase of the list
    found = [p for p in pack.check() if p.path == SAFETY and p.code != "E014"]
    assert not found, found


def test_a_phrase_naming_no_list_is_an_error_at_its_file(pack: World) -> None:
    pack.write(
        SAFETY, "lists:\n  zz_helpers: [the vet]\nconcepts:\n  zz_rang: ['{rang} {@zz_helperz}']\n"
    )
    p = expect(pack.check(), "E013", SAFETY, 3)
    assert "'{@zz_helperz}' names no list" in p.message and "zz_helpers" in p.message


def test_safety_rule_with_an_unknown_message(pack: World) -> None:
    pack.write(SAFETY, "kind: emergency\nrules:\n" + _rule("zz", message="no_such"))
    expect(pack.check(), "E045", SAFETY, 4, col=5)


def test_safety_example_that_does_not_fire(pack: World) -> None:
    pack.write(SAFETY, "kind: emergency\nrules:\n" + _rule("zz", examples=("hello there",)))
    expect(pack.check(), "E046", SAFETY, 7, col=9)


def test_safety_cannot_be_switched_off(tmp_path: Path) -> None:
    problems = small_world(tmp_path, {CRISIS_RULES: None}).check()  # no crisis rules
    p = expect(problems, "E047", "intents/safety", 0)
    assert "no crisis rules" in p.message
    assert any(q.code == "E048" and "kill myself" in q.message for q in problems)


def test_a_canary_that_no_longer_reaches_help(pack: World) -> None:
    # an author takes "overdose" out of the emergency word list
    pack.replace(CONCEPTS, "overdos*, ", "")
    problems = pack.check()
    p = expect(problems, "E048", "intents/safety", 0)
    assert "can you overdose on baclofen" in p.message
    assert [q.message for q in problems if q.code == "E048"] == [p.message]


def test_an_edit_that_makes_a_canary_variant_miss(pack: World) -> None:
    # the canary "my son swallowed..." still reaches help, but "my husband swallowed..." not
    pack.replace(CONCEPTS, "swallowed,", "son swallowed,")
    problems = pack.check()
    p = expect(problems, "E049", "intents/safety", 0)
    assert "my husband swallowed some of my tablets" in p.message and "subject" in p.message
    assert "E048" not in codes(problems)


# --- the checks added by `chatbot check` ------------------------------------------------


def test_missing_taxonomy_topic(pack: World) -> None:
    text = pack.read(ANSWERS)
    start = text.index("  - topic: driving\n")
    pack.write(ANSWERS, text[:start].rstrip("\n") + "\n")  # the last answer
    pack.replace(ANSWERS, "suggestions: [alcohol, driving]", "suggestions: [alcohol]")
    pack.replace(ANSWERS, "suggestions: [driving, about]", "suggestions: [about]")
    pack.path(DRIVING).unlink()
    problems = pack.check()
    line = pack.line(ANSWERS, "required_topics:")
    p = expect(problems, "E050", ANSWERS, line, col=pack.col(ANSWERS, "driving]"))
    assert "'driving'" in p.message
    assert [q for q in problems if q.severity == "error"] == [p]


def test_baclofens_required_topics_are_taxonomys_table(bot) -> None:
    section = TAXONOMY.read_text(encoding="utf-8").split("## Topic ids", 1)[1]
    table = re.findall(r"^\| `?([a-z_]+)`? \|", section, flags=re.M)
    assert tuple(t for t in table if t != "id") == bot.kb.required_topics["baclofen"]


def test_answer_no_intent_reaches(pack: World) -> None:
    pack.path(STORAGE).unlink()
    problems = pack.check()
    p = expect(problems, "W051", TIZ_ANSWERS, pack.line(TIZ_ANSWERS, "- topic: storage"), col=5)
    assert p.severity == "warning" and "'storage'" in p.message
    assert [q for q in problems if q.code == "W051"] == [p]


def test_old_review_date(pack: World) -> None:
    dates = {"about": "2025-11-24", "alcohol": "2025-11-25", "driving": "2026-11-25"}
    for topic, reviewed in dates.items():
        pack.set_answer_field(topic, "reviewed", "x")
        pack.replace(ANSWERS, 'reviewed: "x"', f"reviewed: {reviewed}")
    problems = [p for p in pack.check(today=dt.date(2026, 11, 25)) if p.code == "W057"]
    old = pack.line(ANSWERS, "reviewed: 2025-11-24")
    p = expect(problems, "W057", ANSWERS, old, col=5)
    assert p.severity == "warning" and "2025-11-24" in p.message
    assert problems == [p]  # a year old to the day, and tizanidine's, are recent enough


@pytest.mark.parametrize(
    ("today", "oldest"),
    [
        ("2026-11-25", "2025-11-25"),
        ("2025-02-28", "2024-02-28"),
        ("2024-02-29", "2023-02-28"),
        ("2026-03-31", "2025-03-31"),
        ("2026-01-15", "2025-01-15"),
    ],
)
def test_twelve_months_before(today: str, oldest: str) -> None:
    from chatbot.authoring.check import _months_before

    assert _months_before(dt.date.fromisoformat(today), 12) == dt.date.fromisoformat(oldest)


def test_hard_to_read_answer(pack: World) -> None:
    assert not DOSE_PATTERN.search(HARD_TEXT)
    pack.set_answer_field("about", "short", HARD_TEXT)
    line = pack.line(ANSWERS, "    short:", after="  - topic: about")
    p = expect(pack.check(), "W056", ANSWERS, line, col=5)
    assert p.severity == "warning"
    assert re.search(r"grade \d+\.\d", p.message)
    assert expect(pack.check(strict=True), "W056", ANSWERS, line).severity == "error"


def test_reading_grade_skipped_without_textstat(
    pack: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "textstat", None)  # import textstat -> ImportError
    pack.set_answer_field("about", "short", HARD_TEXT)
    problems = pack.check()
    assert "W056" not in codes(problems)
    (skipped,) = [p for p in problems if p.code == "W058"]
    assert skipped.severity == "warning" and "textstat" in skipped.hint


def test_short_over_80_words(pack: World) -> None:
    text = " ".join(["Ask your pharmacist if you are not sure."] * 11)
    assert len(text.split()) > MAX_SHORT_WORDS
    pack.set_answer_field("about", "short", text)
    line = pack.line(ANSWERS, "    short:", after="  - topic: about")
    p = expect(pack.check(), "W055", ANSWERS, line, col=5)
    assert f"{len(text.split())} words" in p.message


def test_too_few_examples(pack: World) -> None:
    # the small pack's intents have 5 examples each; give `driving` twenty
    assert len(pack.load()[0].intents["baclofen.driving"].examples) == 5
    for i in range(MIN_EXAMPLES - 5):
        pack.add_example(DRIVING, f"driving question number {i}")
    before = [p for p in pack.baseline() if p.code == "W054"]
    after = [p for p in pack.check() if p.code == "W054"]
    p = expect(before, "W054", DRIVING, pack.line(DRIVING, "    examples:"), col=5)
    assert f"5 examples; topics need {MIN_EXAMPLES}" in p.message
    assert after == [q for q in before if q.path != DRIVING]


def test_near_duplicate_example_in_two_intents(pack: World) -> None:
    line = pack.add_example(ALCOHOL, "can i drive on baclofen ok")
    other = pack.line(DRIVING, '"can i drive on baclofen"')
    problems = [p for p in pack.check() if p.code == "W052" and p.line == line]
    p = expect(problems, "W052", ALCOHOL, line, col=9)
    assert f"{DRIVING}:{other}:9" in p.message
    assert re.search(r"\(similarity (9[2-9]|100)\)", p.message)


def test_example_the_matcher_sends_elsewhere(pack: World) -> None:
    line = pack.add_example(ALCOHOL, "can i drive")
    p = expect(pack.check(), "W053", ALCOHOL, line, col=9)
    assert "is matched to 'driving'" in p.message and '"can i drive on baclofen"' in p.message


def test_schema_line_missing(pack: World) -> None:
    pack.write(ALCOHOL, pack.read(ALCOHOL).split("\n", 1)[1])
    p = expect(pack.check(), "E014", ALCOHOL, 1, col=1)
    assert "$schema=../../schemas/intents.schema.json" in p.hint


def test_schema_line_pointing_nowhere(pack: World) -> None:
    pack.replace(ALCOHOL, "../../schemas/intents", "../schemas/intents")
    expect(pack.check(), "E015", ALCOHOL, 1, col=pack.col(ALCOHOL, "../schemas"))


def test_schema_line_naming_another_kind(pack: World) -> None:
    pack.replace(ALCOHOL, "schemas/intents.schema.json", "schemas/answers.schema.json")
    expect(pack.check(), "E016", ALCOHOL, 1, col=pack.col(ALCOHOL, "../../schemas"))


def test_schema_folder_missing(pack: World) -> None:
    shutil.rmtree(pack.path("schemas"))
    problems = pack.check()
    files = {p.path for p in problems if p.code == "E015"}
    assert files == {
        str(path.relative_to(pack.root))
        for path, kind in content_files(pack.knowledge, pack.intents)
        if kind
    }


# --- where things are written ----------------------------------------------------------------


def test_each_example_keeps_where_it_is_written(bot) -> None:
    for intent in bot.kb.intents.values():
        assert len(intent.places) == len(intent.examples), intent.id
        for example, (path, line, col) in zip(intent.examples, intent.places, strict=True):
            written = (PROJECT_ROOT / path).read_text(encoding="utf-8").splitlines()[line - 1]
            assert written[: col - 1].rstrip().endswith("-"), (intent.id, example)
            assert yaml.safe_load(written[col - 1 :]) == example, intent.id
        path, line, col = intent.examples_at
        lines = (PROJECT_ROOT / path).read_text(encoding="utf-8").splitlines()
        assert lines[line - 1][col - 1 :] == "examples:", intent.id


def test_check_parses_each_file_once(pack: World, monkeypatch: pytest.MonkeyPatch) -> None:
    """The lines of examples, answers and contacts come from loading: nothing is read again."""
    pack.add_example(ALCOHOL, "can i drive on baclofen ok")  # W052, W053
    pack.set_answer_field("about", "reviewed", "x")
    pack.replace(ANSWERS, 'reviewed: "x"', "reviewed: 2001-01-01")  # W057
    from collections import Counter

    import chatbot.yamlio

    parsed: Counter[str] = Counter()
    parse = chatbot.yamlio.parse_yaml

    def counting(text: str, shown: str):  # type: ignore[no-untyped-def]
        parsed[shown] += 1
        return parse(text, shown)

    monkeypatch.setattr(chatbot.yamlio, "parse_yaml", counting)
    assert {"W052", "W053", "W057"} <= codes(pack.check())
    assert parsed and max(parsed.values()) == 1, parsed.most_common(3)


# --- the command line ---------------------------------------------------------------------


def test_text_format(pack: World, capsys: pytest.CaptureFixture[str]) -> None:
    pack.set_answer_field("about", "short", "You take 10 mg three times a day with food.")
    line = pack.line(ANSWERS, "    short:", after="  - topic: about")
    assert pack.cli("check") == 1
    out = capsys.readouterr().out.splitlines()
    i = next(i for i, t in enumerate(out) if t.startswith(f"{ANSWERS}:{line}:5: E030 "))
    assert out[i + 1].startswith("    hint: ")
    # content that does not load gets only the loader's checks: no E050 for the topics
    # the small pack leaves out
    checked = len(content_files(pack.knowledge, pack.intents))
    assert out[-1] == f"1 error, 0 warnings in 1 file (checked {checked} files)"


def test_json_format(pack: World, capsys: pytest.CaptureFixture[str]) -> None:
    pack.set_answer_field("about", "short", "You take 10 mg three times a day with food.")
    assert pack.cli("check", "--format", "json") == 1
    report = json.loads(capsys.readouterr().out)
    assert set(report) == {"problems", "errors", "warnings"}
    problems = [Problem(**p) for p in report["problems"]]
    assert problems == pack.check()
    assert (report["errors"], report["warnings"]) == (1, 0)
    assert problems[0].code == "E030"


def test_exit_status_warnings_pass_unless_strict(
    pack: World, capsys: pytest.CaptureFixture[str]
) -> None:
    # the small pack has warnings only (intents with few examples)
    assert pack.cli("check") == 0
    out = capsys.readouterr().out
    assert "W054" in out and out.splitlines()[-1].startswith("0 errors, 6 warnings in 6 files")
    assert pack.cli("check", "--strict") == 1


def test_exit_status_could_not_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    world = small_world(tmp_path)
    argv = ["check", "--knowledge", str(tmp_path / "none"), "--intents", str(world.intents)]
    assert main(argv) == 2
    assert "E005" in capsys.readouterr().out


def test_help_is_the_module_docstring(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["check", "--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert "--strict" in out and "exit status" in out


# --- one registry of codes, and the page generated from it ------------------------------------

CODE = re.compile(r"[EW]\d{3}")


def _sources() -> list[Path]:
    """chatbot/'s Python files, but the registry itself."""
    return [
        path
        for path in sorted((PROJECT_ROOT / "chatbot").rglob("*.py"))
        if path != PROJECT_ROOT / "chatbot" / "problems.py"
    ]


def test_the_codes_page_is_generated_from_the_registry(tmp_path: Path) -> None:
    page = PROJECT_ROOT / "docs" / "check-codes.md"
    assert page.read_text(encoding="utf-8") == problems.markdown(), (
        "docs/check-codes.md differs from chatbot/problems.py; run: python -m chatbot.problems"
    )
    out = tmp_path / "codes.md"
    assert problems.main(["--out", str(out), "--check"]) == 1
    assert problems.main(["--out", str(out)]) == 0
    assert problems.main(["--out", str(out), "--check"]) == 0
    assert out.read_text(encoding="utf-8") == problems.markdown()


def test_every_code_used_is_registered_and_every_registered_code_is_used() -> None:
    used: dict[str, str] = {}
    for path in _sources():
        for code in re.findall(r"[\"']([EW]\d{3})[\"']", path.read_text(encoding="utf-8")):
            used.setdefault(code, str(path.relative_to(PROJECT_ROOT)))
    unregistered = {code: where for code, where in used.items() if code not in problems.CODES}
    assert unregistered == {}, "used in chatbot/ but not registered in chatbot/problems.py"
    unused = [c.code for c in problems.CODES.values() if c.code not in used and not c.reserved]
    assert unused == [], "registered in chatbot/problems.py but never used (mark it reserved?)"
    reserved_but_used = [c.code for c in problems.CODES.values() if c.reserved and c.code in used]
    assert reserved_but_used == [], "marked reserved in chatbot/problems.py but used"


def test_codes_the_guides_name_are_registered() -> None:
    named = {
        f"{path.relative_to(PROJECT_ROOT)}: {code}"
        for path in [PROJECT_ROOT / "README.md", *sorted((PROJECT_ROOT / "docs").glob("*.md"))]
        for code in re.findall(r"\b[EW]\d{3}\b", path.read_text(encoding="utf-8"))
        if code not in problems.CODES
    }
    assert named == set(), "named in a guide but not registered in chatbot/problems.py"


def test_each_call_gives_the_fields_its_code_needs() -> None:
    """Every call naming a code (`problem("E025", ...)`, `doc.problem(key, "E026", ...)`,
    `ld.error(doc, key, "E027", ...)`) fills its templates or words it, as registered."""
    import ast

    wrong, seen = [], set()
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            codes_named = [
                a.value
                for a in node.args
                if isinstance(a, ast.Constant)
                and isinstance(a.value, str)
                and CODE.fullmatch(a.value)
            ]
            if not codes_named or any(k.arg is None for k in node.keywords):
                continue
            where = f"{path.relative_to(PROJECT_ROOT)}:{node.lineno} {codes_named[0]}"
            entry = problems.CODES.get(codes_named[0])
            if entry is None:
                wrong.append(f"{where}: not registered")
                continue
            seen.add(entry.code)
            given = {k.arg for k in node.keywords if k.arg is not None}
            fields = given - {"message", "hint", "escalate"}
            if fields != entry.fields:
                wrong.append(f"{where}: fields {sorted(fields)}, needs {sorted(entry.fields)}")
            if ("message" in given) == bool(entry.message):
                wrong.append(f"{where}: message= {'given' if entry.message else 'missing'}")
            if "hint" in given and entry.hint:
                wrong.append(f"{where}: hint= given, but the registry words it")
    assert wrong == []
    assert len(seen) > 50  # the scan finds the calls


def test_problems_are_made_only_by_the_registry() -> None:
    """So a problem's severity is always its code's: no `Problem(...)` outside problems.py."""
    made = [
        f"{path.relative_to(PROJECT_ROOT)}:{n}"
        for path in _sources()
        if path.name != "types.py"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"\bProblem\(", line)
    ]
    assert made == [], "make problems with chatbot.problems.problem()"


def test_a_problem_has_its_codes_severity_and_wording() -> None:
    p = problems.problem("E025", "intents/ibuprofen", name="ibuprofen")
    assert (p.severity, p.line, p.col) == ("error", 0, 0)
    assert p.message == "intents folder 'ibuprofen' has no knowledge/ibuprofen/"
    assert p.hint == "every medicine needs both folders"
    warning = problems.problem("W058", "knowledge/baclofen/answers.yaml")
    assert warning.severity == "warning"
    fields = {"topic": "about", "field": "short", "grade": 9.04, "maximum": 8.0}
    assert problems.problem("W056", "a.yaml", 3, 5, **fields).severity == "warning"
    strict = problems.problem("W056", "a.yaml", 3, 5, escalate=True, **fields)
    assert strict.severity == "error" and "grade 9.0; aim for 8 or lower" in strict.message
    worded = problems.problem("E013", "a.yaml", 2, 3, message="answers must be a list")
    assert (worded.message, worded.hint) == ("answers must be a list", "")
    with pytest.raises(ValueError):
        problems.problem("W058", "a.yaml", escalate=True)
    with pytest.raises(KeyError):
        problems.problem("E999", "a.yaml", message="no such code")
    with pytest.raises(TypeError):
        problems.problem("E025", "a.yaml", nmae="typo")
    with pytest.raises(TypeError):
        problems.problem("E025", "a.yaml", name="x", message="worded by the registry")
    with pytest.raises(TypeError):
        problems.problem("E013", "a.yaml")  # worded where found, and not worded
    for entry in problems.CODES.values():
        assert entry.severity == ("error" if entry.code.startswith("E") else "warning")
        assert entry.meaning and "\n" not in entry.meaning
        assert not entry.escalates or entry.severity == "warning"


# --- JSON Schemas ------------------------------------------------------------------------------


def test_checked_in_schemas_are_generated(tmp_path: Path) -> None:
    assert schemas.stale() == [], "run: python -m chatbot.authoring.schemas"
    assert schemas.main(["--out", str(tmp_path)]) == 0
    assert schemas.main(["--out", str(tmp_path), "--check"]) == 0
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == sorted(p.name for p in (PROJECT_ROOT / "schemas").glob("*.schema.json"))


def _json_ready(value: object) -> object:
    if isinstance(value, dict):
        return {k: _json_ready(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_ready(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@pytest.mark.parametrize("root", [PROJECT_ROOT, SMALL], ids=["shipped", "small world"])
def test_content_files_validate_against_their_schemas(root: Path) -> None:
    import jsonschema

    files = content_files(root / "knowledge", root / "intents")
    assert files
    for path, kind in files:
        if kind is None:
            continue
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        ref = first.split("$schema=", 1)[1].strip()
        schema_path = (path.parent / ref).resolve()
        assert schema_path == (PROJECT_ROOT / "schemas" / f"{kind}.schema.json").resolve()
        schema = json.loads(schema_path.read_text(encoding="utf-8"))
        data = _json_ready(yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER))
        jsonschema.Draft202012Validator(schema).validate(data)
