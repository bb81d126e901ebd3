"""The authoring tools: `chatbot test`, `chatbot explain`, `chatbot report`, and the guide
docs/authoring.md, followed step by step on a copy of the content."""

from __future__ import annotations

import json
import re
import shlex
import shutil
from pathlib import Path

import pytest

from chatbot.authoring.convtest import ConversationFileError, Got, Result, run_file
from chatbot.authoring.explain import explain
from chatbot.authoring.report import assign_folds
from chatbot.bot import Chatbot
from chatbot.cli import build_parser, main
from chatbot.settings import PROJECT_ROOT

GUIDE = PROJECT_ROOT / "docs" / "authoring.md"


def content_copy(tmp_path: Path) -> tuple[Path, Path]:
    """knowledge/, intents/ and schemas/ copied side by side, as in the repository."""
    for name in ("knowledge", "intents", "schemas"):
        shutil.copytree(PROJECT_ROOT / name, tmp_path / name)
    return tmp_path / "knowledge", tmp_path / "intents"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


GOOD = """\
tests:
  - name: emergency then crisis
    turns:
      - say: my son swallowed some pills
        expect: {kind: emergency, text_contains: "911"}
      - say: i want to kill myself
        expect: {kind: crisis, text_contains: ["988"]}
  - name: empty message, UK
    region: UK
    turns:
      - say: ""
        expect: {kind: fallback, rule: fallback.empty}
"""

FAILING = """\
tests:
  - name: passes
    turns:
      - say: my son swallowed some pills
        expect: {kind: emergency}
  - name: wrong on purpose
    turns:
      - say: i want to kill myself
        expect: {kind: crisis}
      - say: my son swallowed some pills
        expect: {kind: answer, topic: alcohol}
      - say: never reached
        expect: {kind: answer}
"""


# --- chatbot test -------------------------------------------------------------------------------


def test_run_file_passes_each_test_in_a_fresh_conversation(bot, tmp_path):
    path = write(tmp_path / "good.yaml", GOOD)
    assert run_file(bot, path) == [
        Result("emergency then crisis", str(path), 2, True),
        Result("empty message, UK", str(path), 8, True),
    ]


def test_first_line_contains_looks_at_the_first_line_only(bot, tmp_path):
    path = write(
        tmp_path / "first.yaml",
        """\
tests:
  - name: the pet line comes first
    turns:
      - say: my dog ate one of my baclofen
        expect: {kind: emergency, first_line_contains: [vet, 888-426-4435]}
  - name: the emergency number is in the text but not the first line
    turns:
      - say: my dog ate one of my baclofen
        expect: {kind: emergency, first_line_contains: "911"}
""",
    )
    first, second = run_file(bot, path)
    assert first.passed
    assert not second.passed and second.why == "first line does not contain '911'"


def test_run_file_reports_the_first_failing_turn(bot, tmp_path):
    path = write(tmp_path / "failing.yaml", FAILING)
    line = bot.kb.regions["US"].emergency_lines["overdose"]
    assert run_file(bot, path) == [
        Result("passes", str(path), 2, True),
        Result(
            "wrong on purpose",
            str(path),
            10,
            False,
            turn=2,
            say="my son swallowed some pills",
            expected={"kind": "answer", "topic": "alcohol"},
            got=Got("emergency", None, "emergency.child_accident", line),
            why="kind is emergency, not answer; topic is None, not alcohol",
        ),
    ]


def test_chatbot_test_exit_codes(tmp_path, capsys):
    good = write(tmp_path / "good.yaml", GOOD)
    failing = write(tmp_path / "failing.yaml", FAILING)
    broken = write(tmp_path / "broken.yaml", "tests:\n  - name: [unclosed\n")

    assert main(["test", str(good)]) == 0
    out = capsys.readouterr().out
    assert "PASS  emergency then crisis" in out
    assert out.splitlines()[-1] == "conversations: 2 passed, 0 failed"

    assert main(["test", str(good), str(failing)]) == 1
    out = capsys.readouterr().out
    assert "FAIL  wrong on purpose" in out
    assert "turn 2: 'my son swallowed some pills'" in out
    assert "expected: kind=answer topic=alcohol" in out
    assert "got:      kind=emergency topic=None rule=emergency.child_accident" in out
    assert out.splitlines()[-1] == "conversations: 3 passed, 1 failed"

    assert main(["test", str(broken)]) == 2
    assert f"{broken}:3:" in capsys.readouterr().err  # the YAML error, with its line

    assert main(["test", str(tmp_path / "missing.yaml")]) == 2
    assert "cannot read file" in capsys.readouterr().err

    assert main(["test", "--format", "json", str(failing)]) == 1
    data = json.loads(capsys.readouterr().out)
    assert (data["passed"], data["failed"]) == (1, 1)
    assert data["results"][1]["got"]["rule"] == "emergency.child_accident"


def test_unknown_key_names_the_allowed_keys_with_file_and_line(bot, tmp_path, capsys):
    path = write(tmp_path / "typo.yaml", GOOD.replace('text_contains: "911"', "topik: x"))
    with pytest.raises(ConversationFileError) as exc:
        run_file(bot, path)
    [problem] = exc.value.problems
    assert (problem.path, problem.line, problem.code) == (str(path), 5, "E011")
    assert "unknown key 'topik'" in problem.message
    assert "allowed keys here: kind, topic, rule, text_contains" in problem.hint

    assert main(["test", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}:5:" in err and "allowed keys here: kind, topic, rule, text_contains" in err


def test_unknown_region_is_a_file_problem(bot, tmp_path):
    path = write(tmp_path / "region.yaml", GOOD.replace("region: UK", "region: XX"))
    with pytest.raises(ConversationFileError) as exc:
        run_file(bot, path)
    assert (exc.value.problems[0].line, exc.value.problems[0].code) == (8, "E080")
    assert "unknown region 'XX'" in str(exc.value)


def test_shipped_conversation_files_are_valid_and_pass(bot):
    files = sorted((PROJECT_ROOT / "tests" / "conversations").glob("*.yaml"))
    results = [r for f in files for r in run_file(bot, f)]  # raises on a bad file
    assert len(results) >= 25
    assert [(r.name, r.why) for r in results if not r.passed] == []


# --- chatbot explain ------------------------------------------------------------------------------


def line_of(path: Path, text: str) -> int:
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if text in line:
            return n
    raise AssertionError(f"{text!r} not in {path}")


def test_explain_shows_the_matched_example_and_the_decision(bot, capsys):
    data = explain(bot, "can i drink on baclofen")
    top = data["candidates"][0]
    assert top["intent"] == "baclofen.alcohol"
    assert top["example"] == "can i drink on baclofen"
    assert top["file"] == "intents/baclofen/alcohol.yaml"
    assert top["line"] == line_of(PROJECT_ROOT / top["file"], '"can i drink on baclofen"')
    assert data["decision"]["action"] == "answer"
    assert data["reply"]["topic"] == "baclofen.alcohol"
    assert set(data["thresholds"]) >= {"answer", "margin", "clarify"}

    assert main(["explain", "can i drink on baclofen"]) == 0
    out = capsys.readouterr().out
    assert f'example "can i drink on baclofen"  intents/baclofen/alcohol.yaml:{top["line"]}' in out
    assert "decision:   answer: " in out
    assert "Words used for matching" in out and "\n   drink\n" in out
    assert "kind: answer   topic: baclofen.alcohol" in out


def test_explain_finds_the_example_without_reading_the_files(bot, monkeypatch):
    """Each example keeps its file and line from loading (a cached bot too)."""
    import chatbot.yamlio

    def refuse(*args, **kwargs):
        raise AssertionError("a content file was parsed again")

    monkeypatch.setattr(chatbot.yamlio, "parse_yaml", refuse)
    monkeypatch.setattr(chatbot.yamlio, "read_yaml", refuse)
    top = explain(bot, "can i drink on baclofen")["candidates"][0]
    assert top["file"] == "intents/baclofen/alcohol.yaml"
    assert top["line"] == line_of(PROJECT_ROOT / top["file"], '"can i drink on baclofen"')


def test_explain_names_the_safety_rule_and_where_it_is_written(bot, capsys):
    assert main(["explain", "my son swallowed my pills"]) == 0
    out = capsys.readouterr().out
    rule_file = PROJECT_ROOT / "intents" / "safety" / "emergency.yaml"
    line = line_of(rule_file, "id: child_accident")
    assert "FIRED  emergency.child_accident  (kind emergency" in out
    assert f"written at intents/safety/emergency.yaml:{line}" in out
    assert 'young "son"' in out and 'accidental "swallowed"' in out
    assert "kind: emergency" in out

    assert main(["explain", "--format", "json", "my son swallowed my pills"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["safety"][0] == {
        "rule": "emergency.child_accident",
        "kind": "emergency",
        "message": "overdose",
        "file": "intents/safety/emergency.yaml",
        "line": line,
        "words": "my son swallowed",
        "concepts": ["accidental", "young"],
    }
    assert data["candidates"] == [] and data["decision"] is None


def test_explain_shows_modifiers_and_their_scope(capsys):
    assert main(["explain", "i did not take too many, can baclofen cause seizures"]) == 0
    out = capsys.readouterr().out
    assert 'too_much "too many"  [negation]' in out
    assert 'negation "did not" -> "did not take too many"' in out
    assert "none fired" in out


# --- chatbot report -------------------------------------------------------------------------------

KEEP = ("alcohol", "driving", "side_effects", "serious_side_effects", "storage")


def small_content(tmp_path: Path) -> tuple[Path, Path]:
    knowledge, intents = content_copy(tmp_path)
    for path in (intents / "baclofen").glob("*.yaml"):
        if path.stem not in KEEP:
            path.unlink()
    return knowledge, intents


def test_folds_are_stratified_and_seeded():
    rows = [("a", f"a{i}", f"a{i}") for i in range(10)] + [("b", f"b{i}", "") for i in range(7)]
    folds = assign_folds(rows, 5, seed=3)
    assert folds == assign_folds(rows, 5, seed=3)
    for intent in "ab":
        counts = [
            sum(1 for r, f in zip(rows, folds, strict=True) if r[0] == intent and f == k)
            for k in range(5)
        ]
        assert max(counts) - min(counts) <= 1


def test_report_writes_a_heatmap_page_and_per_intent_scores(tmp_path, capsys):
    knowledge, intents = small_content(tmp_path)
    dev = write(
        tmp_path / "dev.yaml",
        """\
questions:
  - {text: "can i drink on baclofen", kind: answer, topic: alcohol}
  - {text: "my son swallowed some pills", kind: emergency}
  - {text: "what is the maximum dose", kind: refusal}
""",
    )
    args = [
        "report",
        "--knowledge",
        str(knowledge),
        "--intents",
        str(intents),
        "--folds",
        "3",
        "--seed",
        "7",
        "--dev",
        str(dev),
    ]
    assert main([*args, "--out", str(tmp_path / "one")]) == 0
    assert "cross-validation (3 folds, seed 7): accuracy" in capsys.readouterr().out

    page = (tmp_path / "one" / "report.html").read_text(encoding="utf-8")
    assert "<table" in page and "background:hsl(" in page
    assert "<script" not in page and "<link" not in page and "src=" not in page

    data = json.loads((tmp_path / "one" / "report.json").read_text(encoding="utf-8"))
    per = data["cross_validation"]["per_intent"]
    assert {f"baclofen.{k}" for k in KEEP} <= set(per)
    for scores in per.values():
        assert 0.0 <= scores["f1"] <= 1.0
        assert set(scores) >= {"precision", "recall", "f1", "support"}
    assert per["baclofen.alcohol"]["support"] >= 20
    assert 0.0 <= data["cross_validation"]["accuracy"] <= 1.0
    assert len(data["cross_validation"]["confused_pairs"]) <= 10
    assert data["dev"]["questions"] == 3

    # the same seed gives the same report
    assert main([*args, "--out", str(tmp_path / "two")]) == 0
    assert (tmp_path / "two" / "report.json").read_bytes() == (
        tmp_path / "one" / "report.json"
    ).read_bytes()
    assert (tmp_path / "two" / "report.html").read_bytes() == page.encode("utf-8")


# --- docs/authoring.md ----------------------------------------------------------------------------


def guide_snippets() -> dict[str, str]:
    """The YAML blocks marked `<!-- docs-test: NAME -->`, without the Markdown indentation."""
    text = GUIDE.read_text(encoding="utf-8")
    found = {}
    pattern = re.compile(r"<!-- docs-test: ([\w-]+) -->\n( *)```yaml\n(.*?)\n\2```", re.DOTALL)
    for m in pattern.finditer(text):
        indent = len(m.group(2))
        found[m.group(1)] = "\n".join(line[indent:] for line in m.group(3).splitlines()) + "\n"
    return found


def append(path: Path, text: str) -> None:
    old = path.read_text(encoding="utf-8")
    path.write_text(old.rstrip("\n") + "\n" + text, encoding="utf-8")


@pytest.mark.slow
def test_following_the_guide_adds_a_word_to_a_safety_list(bot, tmp_path):
    """docs/authoring.md, *Safety rules*: one word in `ingested:` makes a rule fire."""
    knowledge, intents = content_copy(tmp_path)
    question = "i crunched a handful of baclofen"
    before = bot.respond(question)  # the shipped content, as copied
    assert (before.kind, before.rule) == ("emergency", "emergency.doubt.overdose")
    concepts = intents / "safety" / "concepts.yaml"
    text = concepts.read_text(encoding="utf-8")
    concepts.write_text(text.replace("[took, taken,", "[took, crunched, taken,", 1), "utf-8")
    after = Chatbot.from_paths(knowledge, intents).respond(question)
    assert (after.kind, after.rule) == ("emergency", "emergency.took_extra")


@pytest.mark.slow
def test_following_the_guide_adds_a_phrasing_a_topic_and_a_region(tmp_path, capsys):
    snippets = {k: v for k, v in guide_snippets().items() if not k.startswith("overlay-")}
    assert set(snippets) == {
        "phrasing",
        "topic-sources",
        "topic-answer",
        "topic-intents",
        "topic-answer-es",
        "topic-intents-es",
        "region-sources",
        "region",
    }
    knowledge, intents = content_copy(tmp_path)
    question = "is a shandy ok with baclofen"
    assert Chatbot.from_paths(knowledge, intents).respond(question).topic != "baclofen.alcohol"

    # "Add the new wording as the last line of the examples: list"
    alcohol = intents / "baclofen" / "alcohol.yaml"
    lines = alcohol.read_text(encoding="utf-8").splitlines()
    last = max(i for i, line in enumerate(lines) if line.startswith("      - "))
    lines.insert(last + 1, snippets["phrasing"].rstrip("\n"))
    alcohol.write_text("\n".join(lines) + "\n", encoding="utf-8")
    # "Add a topic": sources at the end, the answer after a blank line, a new intent file
    append(knowledge / "baclofen" / "sources.yaml", snippets["topic-sources"])
    append(knowledge / "baclofen" / "answers.yaml", "\n" + snippets["topic-answer"])
    write(intents / "baclofen" / "swallowing.yaml", snippets["topic-intents"])
    # "The same in Spanish"
    append(knowledge / "baclofen" / "answers.es.yaml", "\n" + snippets["topic-answer-es"])
    write(intents / "baclofen" / "swallowing.es.yaml", snippets["topic-intents-es"])
    # "Add a region": its sources at the end of sources.yaml, then the region
    append(knowledge / "sources.yaml", snippets["region-sources"])
    append(knowledge / "contacts.yaml", snippets["region"])

    assert main(["check", "--knowledge", str(knowledge), "--intents", str(intents)]) == 0
    out = capsys.readouterr().out
    assert "swallowing" not in out, out  # no warning about the new topic either

    bot = Chatbot.from_paths(knowledge, intents)
    assert bot.respond(question).topic == "baclofen.alcohol"
    reply = bot.respond("i struggle to swallow my tablets")
    assert (reply.kind, reply.topic) == ("answer", "baclofen.swallowing")
    assert reply.sources and "If tablets are hard to swallow" in [t.title for t in bot.topics()]
    spanish = bot.respond("me cuesta mucho tragar las pastillas")
    assert (spanish.kind, spanish.topic, spanish.lang) == ("answer", "baclofen.swallowing", "es")
    nz = Chatbot.from_paths(knowledge, intents, region="NZ").respond("my son swallowed some pills")
    assert nz.kind == "emergency" and nz.text.startswith("Call 111 now")


def test_every_command_in_the_guide_is_in_a_console_block_and_parses():
    text = GUIDE.read_text(encoding="utf-8")
    blocks = re.findall(r"^( *)```(\w*)\n(.*?)^\1```", text, re.DOTALL | re.MULTILINE)
    commands = []
    for indent, lang, body in blocks:
        lines = [line[len(indent) :] for line in body.splitlines()]
        if lang != "console":
            assert not any(line.startswith("$ ") for line in lines), lines
            continue
        assert lines[0].startswith("$ "), lines
        commands += [line[2:] for line in lines if line.startswith("$ chatbot ")]
    assert {c.split()[1] for c in commands} >= {"check", "test", "explain", "report"}
    parser = build_parser()
    for command in commands:
        parser.parse_args(shlex.split(command)[1:])  # exits on an unknown option


def test_explain_shows_a_spanish_message_as_the_spanish_matcher_reads_it(bot):
    """The words matched leave out Spanish common words, as the Spanish matcher does
    (they once showed the English matcher's view: "como funciona el")."""
    shown = explain(bot, "como funciona el baclofeno")
    assert shown["match_text"] == "funciona"
    assert shown["candidates"][0]["example"] in (
        "como funciona el baclofeno",
        "el baclofeno funciona?",
    )
