"""The shipped content: every topic answered, sourced, dated, readable, and never a dose."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
import textstat

from chatbot.dose import DOSE_PATTERN

from .conftest import ROOT, in_region

TAXONOMY_TOPICS = """about uses how_it_works forms how_to_take missed_dose stopping side_effects
serious_side_effects interactions alcohol driving pregnancy breastfeeding kidney seizures
mental_health older_adults children precautions storage intrathecal effectiveness dependence
muscle_relaxant_types compare_relaxants cost buying_online""".split()

BROCHURE = ["$0.51", "80%", "75%", "90%", "40%", "25%", "78%", "89%", "order now", "per pill"]


def answers(bot):
    return list(bot.kb.answers.values())


def test_every_taxonomy_topic_has_an_answer(bot):
    have = {a.topic.split(".", 1)[1] for a in answers(bot)}
    assert set(TAXONOMY_TOPICS) <= have


def test_every_answer_is_sourced_and_reviewed_within_a_year(bot):
    for a in answers(bot):
        assert a.sources, a.topic
        assert all(s.url.startswith(("https://", "http://")) for s in a.sources)
        assert dt.date.today() - a.reviewed <= dt.timedelta(days=366), a.topic


def test_short_answers_are_short(bot):
    for a in answers(bot):
        assert len(a.short.split()) <= 85, a.topic


def test_reading_grade_is_8_or_lower(bot):
    grades = {}
    for a in answers(bot):
        for part in (a.short, a.more):
            if part:
                grades[(a.topic, part[:30])] = textstat.flesch_kincaid_grade(part)
    worst = max(grades.values())
    print(f"\nhighest reading grade: {worst:.1f}")
    assert worst <= 8.0, {k: v for k, v in grades.items() if v > 8}


def every_text(bot):
    m = bot.kb.messages
    for a in answers(bot):
        yield a.topic, " ".join(filter(None, (a.title, a.short, a.more)))
    for kind in ("emergency", "crisis", "refusal", "fallback", "smalltalk"):
        for key, text in getattr(m, kind).items():
            yield f"{kind}.{key}", text


def test_no_text_states_a_dose_amount_or_price(bot):
    for where, text in every_text(bot):
        assert not DOSE_PATTERN.search(text), (where, DOSE_PATTERN.search(text).group(0))


def test_no_brochure_statistics_or_spam(bot):
    for where, text in every_text(bot):
        for bad in BROCHURE:
            assert bad not in text.lower(), (where, bad)


def test_the_brochure_is_corrected(bot):
    how = bot.kb.answers["baclofen.how_it_works"].short.lower()
    assert "spinal cord" in how and "brain" in how
    types = (
        bot.kb.answers["baclofen.muscle_relaxant_types"].short
        + (bot.kb.answers["baclofen.muscle_relaxant_types"].more or "")
    ).lower()
    # the relaxants the brochure mixed up are the ones used in surgery, under anaesthesia
    assert "surgery" in types and "anaesthesia" in types


@pytest.mark.parametrize(
    "text",
    ["10 mg", "three times a day", "every 8 hours", "up to 80", "$12", "2.5ml", "twice a day"],
)
def test_the_dose_pattern_catches_amounts(text):
    assert DOSE_PATTERN.search(text)


def test_regions_have_their_numbers(bot):
    regions = bot.kb.regions
    assert set(regions) >= {"US", "UK", "EU", "CA", "AU", "ES", "MX"}
    us = regions["US"].emergency_lines["overdose"]
    assert "911" in us and "1-800-222-1222" in us
    assert "988" in regions["US"].crisis_line
    assert "999" in regions["UK"].emergency_lines["overdose"]
    assert "116 123" in regions["UK"].crisis_line
    au = regions["AU"].emergency_lines["overdose"]
    assert "000" in au and "13 11 26" in au


#: Spain and Mexico: the emergency number each overdose line leads with, the other numbers
#: it gives (Mexico has no verified national poison line: 911 again), and the crisis line.
NEW_REGIONS = {
    "ES": ("112", ["91 562 04 20"], "024"),
    "MX": ("911", [], "800 911 2000"),
}


@pytest.mark.parametrize("region", sorted(NEW_REGIONS))
def test_spain_and_mexico_lead_with_their_emergency_number(bot, region):
    emergency, others, crisis = NEW_REGIONS[region]
    r = bot.kb.regions[region]
    assert r.emergency.number == emergency
    spanish = r.languages["es"]
    for line, lead in (
        (r.emergency_lines["overdose"], f"Call {emergency} now"),
        (spanish.emergency_lines["overdose"], f"Llame al {emergency} ahora"),
    ):
        assert line.startswith(lead), line
        assert all(n in line for n in others), line
    for line in (r.crisis_line, r.crisis_reminder, spanish.crisis_line, spanish.crisis_reminder):
        assert crisis in line, line
    assert r.crisis_line.endswith(f"call {emergency}.")
    assert spanish.crisis_line.endswith(f"llame al {emergency}.")


@pytest.mark.parametrize("region", sorted(NEW_REGIONS))
def test_chatbot_region_es_and_mx_give_that_region_s_first_line(bot, region):
    """`chatbot --region ES` / `MX`, piped: an overdose gets the region's line, in English
    or, for a message written in Spanish, in Spanish."""
    r = bot.kb.regions[region]
    result = subprocess.run(
        [sys.executable, "-m", "chatbot", "--region", region],
        input="my son swallowed some of my pills\nmi hijo se tomó unas pastillas de baclofeno\n",
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    replies = [b for b in result.stdout.split("\n\n") if b.strip() and "!!!" not in b]
    assert len(replies) == 2, result.stdout
    english, spanish = replies
    assert english.startswith(r.emergency_lines["overdose"]), english
    assert spanish.startswith(r.languages["es"].emergency_lines["overdose"]), spanish


#: The situations of the reply contract's table, each with its own first line.
SITUATIONS = (
    "overdose",
    "symptoms",
    "withdrawal",
    "ran_out",
    "pump",
    "pump_symptoms",
    "pet",
    "self_harm_taken",
)


def test_every_situation_has_an_emergency_message(bot):
    assert set(SITUATIONS) <= set(bot.kb.messages.emergency)


@pytest.mark.parametrize("region", ["US", "UK", "EU", "CA", "AU", "ES", "MX"])
def test_every_emergency_message_starts_with_its_own_first_line(bot, region):
    bot = in_region(bot, region)
    lines = bot.kb.regions[region].emergency_lines
    firsts = {}
    for key in bot.kb.messages.emergency:
        reply = bot.composer.message("emergency", key)
        first = reply.text.split("\n", 1)[0]
        assert first == lines[key].strip(), (region, key)
        firsts[key] = first
    # a message the bot cannot read could be anything: it leads with the overdose line
    assert firsts.pop("other_language").startswith(firsts["overdose"])
    # the situations really differ: no two share a first line
    assert len(set(firsts.values())) == len(firsts), firsts


def test_each_situation_leads_with_the_right_help(bot, uk_bot):
    """The first step of each situation, in plain words (TAXONOMY.md, emergency table)."""
    from chatbot.wording import fill

    us, uk = in_region(bot, "US"), uk_bot

    def first(bot, key):
        # the bot names the medicine the conversation is about: here the only one, baclofen
        text = bot.composer.message("emergency", key).text
        return fill(text, medicine="baclofen").split("\n", 1)[0]

    assert first(us, "overdose").startswith("Call 911") and "1-800-222-1222" in first(
        us, "overdose"
    )
    assert first(us, "symptoms").startswith("Call 911 now")
    assert first(us, "withdrawal").startswith("Call 911 or go to the emergency room now")
    assert "today" in first(us, "ran_out") and "pharmacy" in first(us, "ran_out")
    assert first(us, "pump").startswith("Call your pump team now")
    assert first(us, "pump_symptoms").startswith("Call 911 or go to the emergency room now")
    assert first(us, "pet").startswith("Call your vet") and "888-426-4435" in first(us, "pet")
    assert first(us, "self_harm_taken").startswith(
        "If you have already taken baclofen or anything else, call 911"
    )
    assert "988" in us.composer.message("emergency", "self_harm_taken").text
    assert "NHS 111" in first(uk, "ran_out") and "pharmacy" in first(uk, "ran_out")
    assert "01202 509000" in first(uk, "pet")
    assert first(uk, "self_harm_taken").startswith(
        "If you have already taken baclofen or anything else, call 999"
    )


@pytest.mark.parametrize(
    "text", ["my cat knocked over the plant", "what's the weather like", "zxq baclofen blorp"]
)
def test_a_reply_that_did_not_understand_still_gives_the_help_numbers(bot, uk_bot, text):
    """A message in words no rule or topic knows gets a fallback: it ends with the numbers."""
    for b, numbers in ((bot, ("911", "988")), (uk_bot, ("999", "116 123"))):
        reply = b.respond(text)
        assert reply.kind == "fallback"
        last = reply.text.strip().splitlines()[-1]
        assert last.startswith("If you are in danger or thinking about harming yourself")
        assert all(n in last for n in numbers)
