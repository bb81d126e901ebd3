"""A clinic's overlay: it adds to the shipped content, and can never weaken what keeps
people safe. Planted overlays are refused with the overlay's own file and line.

The Leeds example and the guide's worked example run over the shipped content. What an
overlay can and cannot do is tested over the small world (tests/small.py), with a
clinic overlay that is the Leeds example made to fit it."""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
from pathlib import Path

import pytest

from chatbot import Chatbot, ContentError, Settings
from chatbot.authoring.check import check
from chatbot.cli import build_parser, main, settings_from
from chatbot.content import load
from chatbot.content.overlay import Overlay

from .conftest import ROOT
from .small import INTENTS as SMALL_INTENTS
from .small import KNOWLEDGE as SMALL_KNOWLEDGE

LEEDS = ROOT / "examples" / "overlay-leeds"
KNOWLEDGE, INTENTS = ROOT / "knowledge", ROOT / "intents"
#: the small world's content, for `main([...])`
SMALL = ["--knowledge", str(SMALL_KNOWLEDGE), "--intents", str(SMALL_INTENTS)]


def overlay_bot(folder: Path, region: str | None = None) -> Chatbot:
    """A bot on the small world with `folder` laid over it."""
    return Chatbot.from_settings(
        Settings(
            knowledge_dir=SMALL_KNOWLEDGE,
            intents_dir=SMALL_INTENTS,
            overlay_dir=folder,
            region=region,
        )
    )


def clinic(folder: Path) -> Path:
    """The Leeds example made to fit the small world: its answer suggests the small
    world's topics (the shipped `intrathecal` and `stopping` are not in it)."""
    shutil.copytree(LEEDS, folder, dirs_exist_ok=True)
    answers = folder / "knowledge" / "baclofen" / "answers.yaml"
    text = answers.read_text(encoding="utf-8")
    assert "suggestions: [intrathecal, stopping]" in text
    answers.write_text(text.replace("[intrathecal, stopping]", "[alcohol, driving]"), "utf-8")
    return folder


@pytest.fixture(scope="module")
def leeds(content_cache: Path) -> Chatbot:
    """Leeds over the shipped content, compiled into the run's cache: the `--overlay`
    commands below start from it."""
    return Chatbot.from_settings(Settings(overlay_dir=LEEDS, cache_dir=content_cache))


@pytest.fixture(scope="module")
def leeds_check() -> tuple[int, str]:
    """`chatbot check --overlay examples/overlay-leeds`, run from the repository (as the
    guide shows it): exit status and output. Checked once, read by several tests."""
    out = io.StringIO()
    with pytest.MonkeyPatch.context() as mp, contextlib.redirect_stdout(out):
        mp.chdir(ROOT)
        code = main(["check", "--overlay", "examples/overlay-leeds"])
    return code, out.getvalue()


def write(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def errors(folder: Path) -> list[tuple[str, int, str]]:
    """The errors loading the small world with `folder` over it finds (what `chatbot
    check` reports first, and faster)."""
    _kb, problems = load(SMALL_KNOWLEDGE, SMALL_INTENTS, overlay=folder)
    return [(p.path, p.line, p.code) for p in problems if p.severity == "error"]


# --- the Leeds example ---------------------------------------------------------------------------


def test_the_leeds_example_passes_check_strictly(leeds_check):
    # no problem at all (not even a warning) is what --strict asks
    code, out = leeds_check
    assert code == 0
    assert re.search(r"\n0 errors, 0 warnings in 0 files \(checked \d+ files\)$", out.rstrip())


def test_check_reports_what_the_overlay_adds_and_changes_with_file_and_line(leeds_check):
    _code, out = leeds_check
    shown = "examples/overlay-leeds"
    contacts = LEEDS / "knowledge" / "contacts.yaml"
    assert out.startswith(f"overlay {shown}: 8 changes to the shipped content\n")
    assert (
        f"{shown}/knowledge/contacts.yaml:{line_of(contacts, 'UK-LEEDS:')}: "
        "adds region UK-LEEDS (extends UK" in out
    )
    assert (
        f"{shown}/knowledge/contacts.yaml:{line_of(contacts, 'default_region')}: "
        "default region: US -> UK-LEEDS" in out
    )
    clinic_intents = LEEDS / "intents" / "baclofen" / "pump_clinic.yaml"
    assert (
        f"{shown}/intents/baclofen/pump_clinic.yaml:{line_of(clinic_intents, 'id: pump_clinic')}"
        ": adds intent pump_clinic" in out
    )
    assert "adds answer baclofen.pump_clinic" in out
    assert "adds 3 phrasings to intent alcohol" in out
    assert "replaces message disclaimer" in out


def test_check_reports_an_overlay_in_json(tmp_path: Path, capsys):
    folder = clinic(tmp_path / "clinic")
    assert main(["check", "--format", "json", *SMALL, "--overlay", str(folder)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["overlay"]["folder"] == str(folder)
    assert len(data["overlay"]["changes"]) == 8
    assert {"path", "line", "change"} == set(data["overlay"]["changes"][0])
    # no errors; the warnings are the small world's own (intents with few examples)
    assert data["errors"] == 0
    assert {p["code"] for p in data["problems"]} == {"W054"}


def test_the_overlay_answers_its_local_question(leeds: Chatbot):
    for question in (
        "where is the pump clinic",
        "pump clinic phone number",
        "how do i book my next pump refill",
    ):
        reply = leeds.respond(question)
        assert (reply.kind, reply.topic) == ("answer", "baclofen.pump_clinic"), question
        assert "0113 496 0123" in reply.text and reply.sources
    assert leeds.respond("can i go down the pub on baclofen").topic == "baclofen.alcohol"


def test_the_overlays_phrasings_are_placed_at_its_own_file_and_line(leeds: Chatbot):
    from chatbot.authoring.explain import explain

    layer = LEEDS / "intents" / "baclofen" / "alcohol.yaml"
    alcohol = leeds.kb.intents["baclofen.alcohol"]
    added = "can i go down the pub on baclofen"
    assert alcohol.place(added) == (str(layer), line_of(layer, added), 9)
    shipped = alcohol.place("can i drink on baclofen")
    assert shipped is not None and shipped.path == "intents/baclofen/alcohol.yaml"
    top = explain(leeds, added)["candidates"][0]
    assert (top["example"], top["file"], top["line"]) == (added, str(layer), line_of(layer, added))


def test_emergencies_give_the_shipped_line_first_then_the_local_numbers(leeds, uk_bot):
    for text in ("my son swallowed some of my pills", "my baclofen pump is beeping"):
        local, shipped = leeds.respond(text), uk_bot.respond(text)
        assert local.kind == shipped.kind == "emergency"
        assert local.region == "UK-LEEDS"
        first, *rest = local.text.splitlines()
        assert first == shipped.text.splitlines()[0]  # the UK line, word for word
        assert rest[:2] == [
            "Leeds pump team, 24 hours (pump alarms, missed refills): 0113 496 0100",
            "Leeds hospital pharmacy, medicines advice: 0113 496 0456",
        ]
        assert "\n".join(rest[2:]) == "\n".join(shipped.text.splitlines()[1:])


def test_crisis_and_refusal_replies_are_the_shipped_ones(leeds, uk_bot):
    for text in ("i want to kill myself", "how much baclofen should i take"):
        assert leeds.respond(text).text == uk_bot.respond(text).text


def test_shipped_answers_and_safety_are_unchanged(leeds: Chatbot, bot: Chatbot):
    assert set(bot.kb.answers) < set(leeds.kb.answers)
    assert [r.id for r in leeds.kb.screen.rules] == [r.id for r in bot.kb.screen.rules]
    for topic, answer in bot.kb.answers.items():
        assert leeds.kb.answers[topic].short == answer.short
    for region in bot.kb.regions:  # the same data (which fields were set, and how, aside)
        assert leeds.kb.regions[region].model_dump() == bot.kb.regions[region].model_dump()


def test_the_content_version_names_the_overlay_too(leeds: Chatbot, bot: Chatbot, capsys):
    assert leeds.kb.content_version != bot.kb.content_version
    assert leeds.respond("hi").to_dict()["content_version"] == leeds.kb.content_version
    assert main(["--version", "--overlay", str(LEEDS)]) == 0
    assert f"content {leeds.kb.content_version}" in capsys.readouterr().out


def test_the_leeds_conversation_tests_pass(leeds, capsys):
    assert main(["test", "--overlay", str(LEEDS)]) == 0
    assert "conversations: 5 passed, 0 failed" in capsys.readouterr().out


def test_every_content_command_takes_an_overlay(monkeypatch: pytest.MonkeyPatch):
    for command in ("chat", "ask", "check", "explain", "test", "jsonl", "serve", "report"):
        argv = [
            command,
            "--overlay",
            str(LEEDS),
            *(["hi"] if command in ("ask", "explain") else []),
        ]
        args = build_parser(only=command).parse_args(argv)
        assert settings_from(args).overlay_dir == LEEDS, command
    monkeypatch.setenv("CHATBOT_OVERLAY", str(LEEDS))
    args = build_parser(only="ask").parse_args(["ask", "hi"])
    assert settings_from(args).overlay_dir == LEEDS


def test_chatbot_overlay_environment_variable(leeds, monkeypatch: pytest.MonkeyPatch, capsys):
    monkeypatch.setenv("CHATBOT_OVERLAY", str(LEEDS))
    assert main(["ask", "--json", "where is the pump clinic"]) == 0
    reply = json.loads(capsys.readouterr().out)
    assert reply["topic"] == "baclofen.pump_clinic" and reply["region"] == "UK-LEEDS"


# --- the guide's worked example ------------------------------------------------------------

#: The guide's blocks (docs/authoring.md, "Worked example") and the files they are.
GUIDE_FILES = {
    "overlay-contacts": "knowledge/contacts.yaml",
    "overlay-messages": "knowledge/messages.yaml",
    "overlay-answers": "knowledge/baclofen/answers.yaml",
    "overlay-sources": "knowledge/baclofen/sources.yaml",
    "overlay-pump-clinic": "intents/baclofen/pump_clinic.yaml",
    "overlay-alcohol": "intents/baclofen/alcohol.yaml",
}


def test_following_the_guide_builds_the_leeds_overlay(leeds: Chatbot):
    """The guide's blocks are the Leeds example's content files, byte for byte, and all of
    them: so the overlay the guide builds is the Leeds one, which passes `check` (above)."""
    from .test_authoring_tools import guide_snippets

    snippets = guide_snippets()
    assert {k for k in snippets if k.startswith("overlay-")} == set(GUIDE_FILES)
    for name, rel in GUIDE_FILES.items():
        assert (LEEDS / rel).read_text(encoding="utf-8") == snippets[name], rel
    layered = {
        p.relative_to(LEEDS).as_posix()
        for folder in ("knowledge", "intents")
        for p in (LEEDS / folder).rglob("*")
        if p.is_file()
    }
    assert layered == set(GUIDE_FILES.values())
    assert leeds.respond("where is the pump clinic").topic == "baclofen.pump_clinic"
    emergency = leeds.respond("my baclofen pump is beeping")
    assert emergency.kind == "emergency" and "0113 496 0100" in emergency.text


def test_the_guide_shows_what_check_prints(leeds_check):
    guide = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
    shown = guide.split("`chatbot check` starts with what the overlay changes", 1)[1]
    shown = shown.split("```\n", 2)[1]
    assert leeds_check == (0, shown)


# --- what an overlay cannot do ------------------------------------------------------------


def test_an_overlay_cannot_delete_a_safety_rule(tmp_path: Path):
    shipped = (SMALL_INTENTS / "safety" / "emergency.yaml").read_text(encoding="utf-8")
    weakened = shipped.replace("  - id: danger\n", "  - id: danger_removed\n")
    assert weakened != shipped
    path = write(tmp_path, "intents/safety/emergency.yaml", weakened)
    assert errors(tmp_path) == [(str(path), 1, "E071")]
    with pytest.raises(ContentError) as info:
        overlay_bot(tmp_path)
    assert "an overlay cannot change the safety rules" in str(info.value)


def test_an_overlay_cannot_add_a_dose_amount(tmp_path: Path):
    clinic(tmp_path)
    assert errors(tmp_path) == []
    answers = tmp_path / "knowledge" / "baclofen" / "answers.yaml"
    text = answers.read_text(encoding="utf-8")
    answers.write_text(
        text.replace(
            "Bring your pump ID card", "Take 10 mg three times a day. Bring your pump ID card"
        ),
        encoding="utf-8",
    )
    assert errors(tmp_path) == [(str(answers), line_of(answers, "short: >"), "E030")]
    problem = next(
        p for p in load(SMALL_KNOWLEDGE, SMALL_INTENTS, overlay=tmp_path)[1] if p.code == "E030"
    )
    assert "10 mg" in problem.message


def test_an_overlay_cannot_change_emergency_or_crisis_wording(tmp_path: Path):
    path = write(
        tmp_path,
        "knowledge/messages.yaml",
        "fallback:\n  default: Ask the clinic.\n"
        "crisis:\n  default: |\n    {crisis_line}\n    Sleep on it.\n",
    )
    assert errors(tmp_path) == [(str(path), 3, "E074")]


def test_an_overlay_cannot_change_a_shipped_region_answer_source_or_intent(tmp_path: Path):
    contacts = write(tmp_path, "knowledge/contacts.yaml", "regions:\n  UK:\n    extends: US\n")
    answers = write(
        tmp_path,
        "knowledge/baclofen/answers.yaml",
        "answers:\n  - topic: alcohol\n    title: Drink\n    short: It is fine.\n"
        "    sources: [FDA-tab]\n    reviewed: 2026-11-25\n",
    )
    sources = write(
        tmp_path,
        "knowledge/baclofen/sources.yaml",
        'sources:\n  FDA-tab: {title: "Mine", url: "https://example.org/"}\n',
    )
    intents = write(
        tmp_path,
        "intents/baclofen/alcohol.yaml",
        "intents:\n  - id: alcohol\n    answer: driving\n    examples: [pint]\n",
    )
    assert sorted(errors(tmp_path)) == sorted(
        [
            (str(contacts), 2, "E073"),
            (str(answers), 2, "E073"),
            (str(sources), 2, "E073"),
            (str(intents), 3, "E073"),
        ]
    )


def test_an_overlay_cannot_rewrite_words_the_safety_rules_see(tmp_path: Path):
    path = write(tmp_path, "intents/synonyms.yaml", "synonyms:\n  dose: [overdose]\n")
    assert errors(tmp_path) == [(str(path), 1, "E072")]
    # and with the file refused, "overdose" still reaches help
    reply = overlay_bot(_harmless(tmp_path)).respond("overdose")
    assert reply.kind == "emergency"


def _harmless(folder: Path) -> Path:
    (folder / "intents" / "synonyms.yaml").unlink()
    write(folder, "knowledge/messages.yaml", "disclaimer: General information only.\n")
    return folder


def test_an_overlay_example_that_trips_a_safety_rule_is_refused(tmp_path: Path):
    path = write(
        tmp_path,
        "intents/baclofen/alcohol.yaml",
        "intents:\n  - id: alcohol\n    examples:\n"
        "      - is a pint ok\n      - i took too many pills with beer\n",
    )
    assert errors(tmp_path) == [(str(path), 5, "E040")]


def test_overlay_regions_must_name_their_numbers(tmp_path: Path):
    path = write(
        tmp_path,
        "knowledge/contacts.yaml",
        """\
regions:
  XX-CLINIC:
    extends: XX
  NZ:
    name: New Zealand
    emergency: {name: Ambulance, number: "111", sources: [x], verified: 2026-12-04}
    poison: {name: Poisons Centre, number: "0800 764 766", sources: [x], verified: 2026-12-04}
    crisis: {name: "Need to talk? 1737", number: "1737", sources: [x], verified: 2026-12-04}
    emergency_lines: {overdose: "Call the ambulance now."}
    crisis_line: "You can call or text 1737 any time."
    crisis_reminder: "If those thoughts come back, call or text 1737."
  UK-CLINIC:
    extends: UK
    emergency_contacts:
      - {name: "Pump team", number: "none"}
      - {name: "Pump team", phone: "0113 496 0100"}
""",
    )
    # (a region in full also meets every shipped check: sources, a line per situation...)
    assert sorted(e for e in errors(tmp_path) if e[2] == "E075") == [
        (str(path), 3, "E075"),  # extends a region that is not shipped
        (str(path), 9, "E075"),  # the overdose line without 111
        (str(path), 15, "E075"),  # a number without digits
        (str(path), 16, "E075"),  # not {name, number}
    ]


def test_an_unknown_key_in_an_overlay_lists_the_allowed_ones(tmp_path: Path):
    write(tmp_path, "knowledge/contacts.yaml", "default_region: UK\nregoins: {}\n")
    (problem,) = [
        p
        for p in load(SMALL_KNOWLEDGE, SMALL_INTENTS, overlay=tmp_path)[1]
        if p.severity == "error"
    ]
    assert (problem.line, problem.code) == (2, "E011")
    assert "default_region, regions" in problem.hint


def test_an_overlay_cannot_add_a_medicine_or_stray_files(tmp_path: Path):
    medicine = write(tmp_path, "knowledge/dantrolene/answers.yaml", "medicine: dantrolene\n")
    stray = write(tmp_path, "intents/notes.txt", "remember to add parking\n")
    assert sorted(errors(tmp_path)) == sorted([(str(medicine), 1, "E072"), (str(stray), 1, "E072")])


def test_a_missing_or_empty_overlay_folder(tmp_path: Path, capsys):
    assert errors(tmp_path / "nowhere") == [(str(tmp_path / "nowhere"), 0, "E005")]
    assert main(["check", *SMALL, "--overlay", str(tmp_path / "nowhere")]) == 2
    assert errors(tmp_path) == [(str(tmp_path), 0, "E070")]
    capsys.readouterr()


def test_a_refused_overlay_never_starts_a_bot(tmp_path: Path, capsys):
    write(tmp_path, "intents/safety/crisis.yaml", "kind: crisis\nrules: []\n")
    assert main(["ask", *SMALL, "--overlay", str(tmp_path), "i want to kill myself"]) == 2
    assert "E071" in capsys.readouterr().err


def test_an_overlay_is_read_once_per_file(tmp_path: Path):
    clinic(tmp_path)
    layer = Overlay.open(tmp_path, SMALL_KNOWLEDGE, SMALL_INTENTS)
    check(SMALL_KNOWLEDGE, SMALL_INTENTS, overlay=layer)
    texts = [c.text for c in layer.changes]
    assert len(texts) == len(set(texts)) == 8


def test_one_check_refuses_every_planted_change_at_once(tmp_path: Path, capsys):
    shipped = (SMALL_INTENTS / "safety" / "emergency.yaml").read_text(encoding="utf-8")
    rules = write(tmp_path, "intents/safety/emergency.yaml", shipped.replace("danger", "gone"))
    answers = write(
        tmp_path,
        "knowledge/baclofen/answers.yaml",
        "answers:\n  - topic: local_dosing\n    title: Our dosing\n"
        "    short: Most people take 10 mg three times a day.\n"
        "    sources: [FDA-tab]\n    reviewed: 2026-11-25\n",
    )
    assert main(["check", *SMALL, "--overlay", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert f"{rules}:1:1: E071 an overlay cannot change the safety rules" in out
    assert f"{answers}:4:5: E030 answer 'local_dosing' short states a dose amount" in out


def test_a_cached_overlay_answers_like_a_fresh_one_and_an_edit_is_seen(tmp_path: Path):
    folder = clinic(tmp_path / "overlay")
    settings = Settings(
        knowledge_dir=SMALL_KNOWLEDGE,
        intents_dir=SMALL_INTENTS,
        overlay_dir=folder,
        cache_dir=tmp_path / "cache",
    )
    fresh = Chatbot.from_settings(settings)
    cached = Chatbot.from_settings(settings)
    assert len(list((tmp_path / "cache").glob("kb-*.pickle"))) == 1
    for text in ("where is the pump clinic", "my son swallowed some of my pills", "hello"):
        assert cached.respond(text).to_dict() == fresh.respond(text).to_dict()
    contacts = folder / "knowledge" / "contacts.yaml"
    contacts.write_text(
        contacts.read_text(encoding="utf-8").replace("0113 496 0456", "0113 496 0789"),
        encoding="utf-8",
    )
    edited = Chatbot.from_settings(settings)
    assert edited.kb.content_version != fresh.kb.content_version
    assert "0113 496 0789" in edited.respond("my son swallowed some of my pills").text


def test_an_overlay_given_as_dot_is_shown_as_its_own_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
):
    monkeypatch.chdir(clinic(tmp_path))
    assert main(["check", *SMALL, "--overlay", "."]) == 0
    out = capsys.readouterr().out
    assert "  ./intents/baclofen/alcohol.yaml:2: adds 3 phrasings to intent alcohol" in out
