"""Safety replies in the language of the message (knowledge/messages.<code>.yaml and a
region's `languages:` lines), in the small world: a Spanish emergency gets the emergency
reply in Spanish, with the region's Spanish first line; nothing is ever half translated."""

from __future__ import annotations

import pytest

from .small import CONTACTS, small_world

SPANISH = """\
# yaml-language-server: $schema=../schemas/translated_messages.schema.json
language: es
medicines: {baclofen: baclofeno, tizanidine: tizanidina}
emergency:
  overdose: |
    {emergency_line}
    Guarde la caja de {medicine} para mostrarla.
  other_language: |
    {emergency_line}
    Por ahora solo leo un poco de español sobre el {medicine}.
crisis:
  default: |
    {crisis_line}
    No está solo.
refusal:
  default: |
    Solo su médico o farmacéutico puede decirle cuánto tomar.
"""
US_LINES = """\
    languages:
      es:
        emergency_lines:
          overdose: "Llame al 911 ahora si no despierta. Si no, a Poison Help: 1-800-222-1222."
          other_language: "Llame al 911 ahora si alguien está muy mal. Poison Help: 1-800-222-1222."
        crisis_line: "Puede llamar o enviar un mensaje de texto al 988 a cualquier hora."
        crisis_reminder: "Si vuelven esos pensamientos, llame al 988."
"""


def spanish_world(tmp_path, messages: str = SPANISH, lines: str = US_LINES):
    world = small_world(tmp_path, {"knowledge/messages.es.yaml": messages})
    anchor = (
        '    crisis_reminder: "If those thoughts come back, you can call or text 988 any time."\n'
    )
    world.replace(CONTACTS, anchor, anchor + lines)
    return world


def test_a_spanish_emergency_gets_the_spanish_reply_and_line(tmp_path):
    """The small world's word lists are English: a Spanish message is one it cannot read,
    so the emergency reply for that, in Spanish, naming the medicine in Spanish."""
    bot = spanish_world(tmp_path).bot()
    reply = bot.respond("mi hijo se tomó muchas pastillas de baclofeno")
    assert (reply.kind, reply.rule, reply.lang) == ("emergency", "emergency.other_language", "es")
    assert reply.text.startswith("Llame al 911 ahora si alguien está muy mal.")
    assert reply.text.endswith("solo leo un poco de español sobre el baclofeno.")
    assert reply.to_dict()["lang"] == "es"


def test_the_same_emergency_in_english_stays_english(tmp_path):
    reply = spanish_world(tmp_path).bot().respond("my son swallowed a lot of my baclofen pills")
    assert (reply.kind, reply.lang) == ("emergency", "en")
    assert reply.text.startswith("Call 911 now")


def test_a_region_without_spanish_lines_answers_wholly_in_english(tmp_path):
    """UK has no Spanish lines: the reply is not half Spanish, half English."""
    bot = spanish_world(tmp_path).bot(region="UK")
    reply = bot.respond("mi hijo se tomó muchas pastillas de baclofeno")
    assert (reply.kind, reply.lang) == ("emergency", "en")
    assert reply.text.startswith("Call 999 now")


def test_a_message_left_untranslated_is_said_in_english(tmp_path):
    """A key the Spanish file leaves out is said in English, whole."""
    untranslated = SPANISH.replace(
        "  other_language: |\n    {emergency_line}\n"
        "    Por ahora solo leo un poco de español sobre el {medicine}.\n",
        "",
    )
    assert "other_language" not in untranslated
    reply = spanish_world(tmp_path, untranslated).bot().respond("mi hijo se tomó unas pastillas")
    assert (reply.kind, reply.rule, reply.lang) == ("emergency", "emergency.other_language", "en")
    assert reply.text.startswith("Call 911 now if someone is very unwell.")


@pytest.mark.parametrize(
    ("old", "new", "what"),
    [
        ("No está solo.", "No está solo. Llame al {numero}.", "unknown placeholder"),
        ("    {crisis_line}\n    No está solo.", "    No está solo.", "lacks {crisis_line}"),
        ("para mostrarla.", "para mostrarla. Tome dos pastillas.", "dose amount"),
        ("language: es", "language: pt", "is not the file's"),
        ("  default: |\n    Solo su", "  nonsense: |\n    Solo su", "not a message of"),
    ],
)
def test_a_translation_that_does_not_fit_the_english_is_refused(tmp_path, old, new, what):
    world = spanish_world(tmp_path, SPANISH.replace(old, new))
    problems = [p for p in world.check() if p.severity == "error"]
    assert problems and all(p.path.endswith("messages.es.yaml") for p in problems), problems
    assert any(what in p.message for p in problems), [p.message for p in problems]


def test_a_spanish_line_with_a_number_that_is_no_contact_is_refused(tmp_path):
    lines = US_LINES.replace("al 988 a cualquier", "al 555 a cualquier")
    world = spanish_world(tmp_path, lines=lines)
    problems = [p for p in world.check() if p.code == "E038"]
    assert [p.message for p in problems] == [
        "region US gives the number '555', which none of its contacts has"
    ]
    assert problems[0].line == world.line(CONTACTS, "al 555")


# --- answering in Spanish: a language pack (answers.es.yaml, *.es.yaml intents) ----------

SPANISH_ANSWERS = """\
# yaml-language-server: $schema=../../schemas/answers.schema.json
medicine: baclofen
name: Baclofeno
answers:
  - topic: about
    title: Sobre el baclofeno
    short: >
      El baclofeno es un medicamento que relaja los músculos rígidos.
    sources: [NHS-about, FDA-tab]
    reviewed: 2026-11-25
    suggestions: [alcohol]
  - topic: alcohol
    title: Baclofeno y alcohol
    short: >
      Es mejor no tomar alcohol con baclofeno. Los dos dan sueño.
    sources: [NHS-about]
    reviewed: 2026-11-25
    suggestions: [about]
"""
SPANISH_ALCOHOL = """\
# yaml-language-server: $schema=../../schemas/intents.schema.json
intents:
  - id: alcohol
    examples:
      - "puedo tomar alcohol con baclofeno"
      - "baclofeno y cerveza"
      - "se puede beber vino con el baclofeno"
      - "el alcohol y el baclofeno"
  - id: about
    examples:
      - "que es el baclofeno"
      - "para que es el baclofeno"
"""
SPANISH_REST = """\
fallback:
  default: |
    Lo siento, no puedo responder eso. Solo doy información general sobre {medicine}.
    Puedo hablarle de: {topics}.
disclaimer: Esto es información general, no consejo médico.
lists:
  more: "{items} y más"
  more_count: "{items} y {count} más"
  alternatives: "{items} o {last}"
"""


def answering_world(tmp_path):
    world = spanish_world(tmp_path, SPANISH + SPANISH_REST)
    world.write("knowledge/baclofen/answers.es.yaml", SPANISH_ANSWERS)
    world.write("intents/baclofen/alcohol.es.yaml", SPANISH_ALCOHOL)
    return world


def test_a_spanish_question_is_answered_in_spanish(tmp_path):
    bot = answering_world(tmp_path).bot()
    reply = bot.respond("se puede tomar cerveza con el baclofeno?")
    assert (reply.kind, reply.topic, reply.lang) == ("answer", "baclofen.alcohol", "es")
    assert reply.text.startswith("Es mejor no tomar alcohol con baclofeno.")
    assert reply.text.endswith("Esto es información general, no consejo médico.")
    assert bot.trace("se puede tomar cerveza con el baclofeno?").step == "best topic"


def test_english_questions_stay_english_beside_a_spanish_pack(tmp_path):
    bot = answering_world(tmp_path).bot()
    reply = bot.respond("can i drink on baclofen")
    assert (reply.kind, reply.topic, reply.lang) == ("answer", "baclofen.alcohol", "en")
    assert reply.text.startswith("It is best not to drink alcohol")


def test_the_spanish_files_do_not_become_english_intents(tmp_path):
    kb, problems = answering_world(tmp_path).load()
    assert kb is not None, problems
    assert all("puedo tomar" not in ex for i in kb.intents.values() for ex in i.examples)
    assert (
        "puedo tomar alcohol con baclofeno" in kb.packs["es"].intents["baclofen.alcohol"].examples
    )


def test_a_spanish_phrasing_that_trips_a_safety_rule_is_refused(tmp_path):
    world = answering_world(tmp_path)
    world.write(
        "intents/baclofen/alcohol.es.yaml",
        SPANISH_ALCOHOL.replace('"baclofeno y cerveza"', '"my son swallowed a lot of my pills"'),
    )
    assert "E040" in {p.code for p in world.check()}


# --- `chatbot check` holds a translation to the English ------------------------------------

DRIVING_ES = """\
  - topic: driving
    title: Conducir
    short: >
      No conduzca hasta saber cómo le afecta el baclofeno. Puede dar sueño.
    sources: [NHS-about]
    reviewed: 2026-11-25
    suggestions: [about]
"""


def translation_codes(world, strict: bool = True) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for p in world.check(strict=strict):  # baclofen's (tizanidine has no Spanish at all)
        if p.code in ("W060", "W061", "W062") and p.path.startswith("knowledge/baclofen/"):
            found.setdefault(p.code, []).append(f"{p.path}:{p.line} {p.message}")
    return found


def test_every_answer_needs_its_spanish_version(tmp_path):
    world = answering_world(tmp_path)  # about and alcohol in Spanish; not driving
    found = translation_codes(world)
    assert list(found) == ["W060"], found
    assert (
        "answer 'driving' has no es version in knowledge/baclofen/answers.es.yaml"
        in (found["W060"][0])
    )
    assert found["W060"][0].startswith("knowledge/baclofen/answers.yaml:27 ")  # its topic line
    assert all(p.severity == "error" for p in world.check(strict=True) if p.code == "W060")
    world.write("knowledge/baclofen/answers.es.yaml", SPANISH_ANSWERS + DRIVING_ES)
    assert translation_codes(world) == {}


def test_a_translation_keeps_the_english_sources_and_date(tmp_path):
    world = answering_world(tmp_path)
    world.write(
        "knowledge/baclofen/answers.es.yaml",
        SPANISH_ANSWERS.replace("2026-11-25", "2026-10-01", 1)
        .replace("sources: [NHS-about, FDA-tab]", "sources: [NHS-about]")
        .replace(
            "sources: [NHS-about]\n    reviewed: 2026-11-25\n    suggestions: [about]",
            "sources: [FDA-tab]\n    reviewed: 2026-11-25\n    suggestions: [about]",
        )
        + DRIVING_ES,
    )
    found = translation_codes(world)
    # about: a source and the date; alcohol: a source (FDA-tab added, NHS-about gone)
    assert len(found.get("W061", [])) == 3, found
    assert any("reviewed 2026-10-01, answers.yaml 2026-11-25" in m for m in found["W061"])
    assert any("alcohol' in es: it lacks 'NHS: About baclofen'" in m for m in found["W061"])


def test_hard_spanish_is_flagged_by_its_reading_ease(tmp_path):
    world = answering_world(tmp_path)
    hard = (
        "La administración concomitante de depresores del sistema nervioso central "
        "potencialmente incrementa considerablemente la sedación farmacológica."
    )
    world.write(
        "knowledge/baclofen/answers.es.yaml",
        SPANISH_ANSWERS.replace("Es mejor no tomar alcohol con baclofeno. Los dos dan sueño.", hard)
        + DRIVING_ES,
    )
    found = translation_codes(world)
    assert list(found) == ["W062"], found
    assert "answer 'alcohol' short reads at" in found["W062"][0]


def test_report_gives_accuracy_per_language(tmp_path, capsys):
    import json

    from chatbot.cli import main

    world = answering_world(tmp_path)
    world.write("knowledge/baclofen/answers.es.yaml", SPANISH_ANSWERS + DRIVING_ES)
    english = tmp_path / "dev_questions_a.yaml"
    english.write_text(
        'questions:\n  - {text: "can i drink on baclofen", kind: answer, topic: alcohol}\n',
        encoding="utf-8",
    )
    spanish = tmp_path / "dev_questions_es.yaml"
    spanish.write_text(
        "questions:\n"
        '  - {text: "puedo tomar cerveza con el baclofeno", kind: answer, topic: alcohol}\n'
        '  - {text: "que es el baclofeno", kind: answer, topic: about}\n',
        encoding="utf-8",
    )
    out = tmp_path / "report"
    args = ["report", "--knowledge", str(world.knowledge), "--intents", str(world.intents)]
    assert (
        main([*args, "--folds", "2", "--dev", str(english), str(spanish), "--out", str(out)]) == 0
    )
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    langs = data["languages"]
    assert list(langs) == ["en", "es"]
    assert (langs["en"]["dev_questions"], langs["es"]["dev_questions"]) == (1, 2)
    assert langs["es"]["dev_accuracy"] == 1.0
    assert langs["es"]["examples"] < langs["en"]["examples"]  # its own examples, not English
    printed = capsys.readouterr().out
    assert "es: cross-validation" in printed and "dev set 100.0% of 2" in printed
    assert ">es</td>" in (out / "report.html").read_text(encoding="utf-8")
