"""Every problem code `chatbot check` can print, in one registry, and the way to make one.

Each code has its severity (its letter: E is an error, W a warning), the stage
that finds it, its meaning as docs/check-codes.md gives it and, where one
wording fits every place that reports it, the message and hint as templates:

    problem("E025", shown, name="ibuprofen")
    doc.problem(("intents", i, "id"), "E026", id="alcohol", first="intents/a.yaml:3")

A code without a message template is worded where it is found
(`problem("E013", shown, message=...)`). `python -m chatbot.problems` writes
docs/check-codes.md from this registry; a test fails while the two differ, and
when a code is used in chatbot/ but not registered, or registered but not used.

    python -m chatbot.problems            rewrite docs/check-codes.md
    python -m chatbot.problems --check    only say whether it is out of date (exit 1)
"""

from __future__ import annotations

import argparse
import string
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Literal

from .types import Problem

Severity = Literal["error", "warning"]
Stage = Literal["loading", "check", "overlay", "test"]

LOADING: Stage = "loading"  # every load of the content: the bot, and `chatbot check`
CHECK: Stage = "check"  # `chatbot check` only
OVERLAY: Stage = "overlay"  # loading with a clinic's overlay
TEST: Stage = "test"  # `chatbot test`, reading a conversation test file


@dataclass(frozen=True)
class Code:
    """One problem code: what it means, who finds it, and (optionally) its wording."""

    code: str  # "E012": E an error, W a warning
    stage: Stage
    meaning: str  # one line of docs/check-codes.md (Markdown)
    message: str = ""  # a str.format template of the message; "" when worded where found
    hint: str = ""  # a template of the hint; "" when the finder gives one (or none)
    escalates: bool = False  # a warning that `chatbot check --strict` makes an error
    reserved: str = ""  # why the code is kept although nothing reports it

    @property
    def severity(self) -> Severity:
        return "error" if self.code.startswith("E") else "warning"

    @property
    def fields(self) -> frozenset[str]:
        """The names the message and hint templates need."""
        return frozenset(
            name
            for template in (self.message, self.hint)
            for _text, name, _spec, _conv in string.Formatter().parse(template)
            if name
        )


def _registry(*codes: Code) -> Mapping[str, Code]:
    out: dict[str, Code] = {}
    for c in codes:
        if c.code in out:
            raise ValueError(f"problem code {c.code} is registered twice")
        if c.code[:1] not in ("E", "W") or not c.code[1:].isdigit() or len(c.code) != 4:
            raise ValueError(f"problem code {c.code!r} is not E or W and three digits")
        if c.escalates and c.severity != "warning":
            raise ValueError(f"{c.code}: only a warning can be made an error")
        out[c.code] = c
    return MappingProxyType(dict(sorted(out.items())))


#: Every code, by code.
CODES: Mapping[str, Code] = _registry(
    # --- reading files --------------------------------------------------------------------
    Code(
        "E001",
        LOADING,
        "the file cannot be read (permissions, or not UTF-8 text)",
        "cannot read file: {error}",
    ),
    Code(
        "E002",
        LOADING,
        "YAML syntax error: indentation, an unclosed quote or bracket, text with `:` or `#` "
        "not in quotes",
    ),
    Code(
        "E003",
        LOADING,
        "the same key twice in one mapping; the second would silently win",
        "duplicate key '{key}' (first at line {first}); the second one would win",
        "merge the two entries or rename one",
    ),
    Code(
        "E004",
        LOADING,
        "a required file is missing (contacts.yaml, messages.yaml, ui.yaml, "
        "knowledge/sources.yaml, synonyms.yaml, other_medicines.yaml, a medicine's answers.yaml "
        "or sources.yaml)",
        "required file is missing",
        "create it; see docs/content-format.md ({model})",
    ),
    Code(
        "E005",
        LOADING,
        "the knowledge or intents folder does not exist (exit status 2)",
        "{what} folder not found",
    ),
    # --- the form of each file --------------------------------------------------------------
    Code("E010", LOADING, "the file is empty", "the file is empty", "see {model}"),
    Code(
        "E011",
        LOADING,
        "unknown key (a typo such as `exmaples:`); the hint guesses the intended key and "
        "lists the allowed ones",
    ),
    Code(
        "E012",
        LOADING,
        "a required key is missing",
        "missing required key '{key}' in {where}",
        "add '{key}:'",
    ),
    Code(
        "E013",
        LOADING,
        "a value has the wrong type or form (a list where text belongs, a bad date, an empty "
        "list, an id with capitals)",
    ),
    Code(
        "E014",
        CHECK,
        "the first line is not `# yaml-language-server: $schema=<path>`",
        "the first line does not name the file's JSON schema",
        "make the first line: # yaml-language-server: $schema={fix}",
    ),
    Code(
        "E015",
        CHECK,
        "the `$schema=` path of the first line does not lead to an existing file",
        "schema '{ref}' not found (looked for {target})",
        "make the first line: # yaml-language-server: $schema={fix}",
    ),
    Code(
        "E016",
        CHECK,
        "the `$schema=` path names the schema of another kind of file",
        "this is a {kind} file, but its schema line names '{ref}'",
        "make the first line: # yaml-language-server: $schema={fix}",
    ),
    # --- answers, regions, intents ------------------------------------------------------------
    Code(
        "E020",
        LOADING,
        "`medicine:` in answers.yaml differs from its folder's name",
        "medicine '{medicine}' does not match its folder '{folder}'",
        "write 'medicine: {folder}' or rename the folder",
    ),
    Code(
        "E021",
        LOADING,
        "two answers for the same topic",
        "duplicate answer for topic '{topic}' (first at line {first})",
        "keep one of them",
    ),
    Code(
        "E022",
        LOADING,
        "an answer cites a source key that sources.yaml does not define",
        "answer '{topic}' cites unknown source '{key}'",
        "add '{key}' to {sources}",
    ),
    Code(
        "E023",
        LOADING,
        "an answer suggests a topic that has no answer",
        "answer '{topic}' suggests unknown topic '{suggested}'",
        "use a topic id that has an answer",
    ),
    Code(
        "E024",
        LOADING,
        "`default_region` of contacts.yaml is not one of its regions",
        "default_region '{region}' is not one of the regions",
        "known regions: {known}",
    ),
    Code(
        "E025",
        LOADING,
        "a folder in intents/ has no matching folder in knowledge/",
        "intents folder '{name}' has no knowledge/{name}/",
        "every medicine needs both folders",
    ),
    Code(
        "E026",
        LOADING,
        "two intents with the same id",
        "duplicate intent id '{id}' (first in {first})",
        "rename one or merge their examples",
    ),
    Code(
        "E027",
        LOADING,
        "an intent leads to an answer or message that does not exist",
        "intent '{id}' leads to '{target}', which has no answer or message",
        "add the answer to knowledge/, or set 'answer:' to an existing topic",
    ),
    Code(
        "E028",
        LOADING,
        "other_medicines.yaml lists a medicine the bot covers",
        "'{name}' is listed as another medicine but names a covered one",
        "remove it from other_medicines.yaml",
    ),
    Code(
        "E029",
        LOADING,
        "a translated messages file (messages.es.yaml) or a region's `languages:` lines do "
        "not fit the English: a key the English lacks, other `{placeholders}`, or a "
        "`language:` that is not the file name's",
    ),
    # --- what answers and messages say -------------------------------------------------------
    Code(
        "E030",
        LOADING,
        "an answer, a message or a text of ui.yaml states a dose amount, schedule, maximum or "
        "price",
    ),
    Code(
        "E031",
        LOADING,
        "messages.yaml lacks a message the bot needs",
        "messages.yaml has no {kind}.{key}",
        "add '{key}:' under '{kind}:'",
    ),
    Code(
        "E032",
        LOADING,
        "a message or a text of ui.yaml uses an unknown `{placeholder}`, or a text of ui.yaml "
        "lacks one it needs (`{items}` in `lists.more`)",
    ),
    Code(
        "E033",
        LOADING,
        "an emergency or crisis message does not start with `{emergency_line}` / `{crisis_line}`",
        "{key} must start with {{{placeholder}}}",
        "the {first} always comes first",
    ),
    Code(
        "E034",
        LOADING,
        "a refusal message contains a digit",
        "refusal texts must contain no digits",
        "a refusal never gives a number",
    ),
    Code(
        "E035",
        LOADING,
        "a region of contacts.yaml has no first line (`emergency_lines`) for an emergency "
        "message of messages.yaml: every region needs one for every situation",
        "region {region} has no first line for the emergency situation '{key}'",
        "add '{key}: \"...\"' under emergency_lines: every emergency message of "
        "messages.yaml needs a first line in every region",
    ),
    Code(
        "E036",
        LOADING,
        "a region's `emergency_lines` has a key that is not an emergency message of "
        "messages.yaml (a typo such as `ranout`)",
        "region {region} has a first line for '{key}', which is not an emergency message of "
        "messages.yaml",
        "{guess}situations: {situations}",
    ),
    Code(
        "E037",
        LOADING,
        "a contact or a region of contacts.yaml cites a source key that knowledge/sources.yaml "
        "does not define",
        "region {region} cites unknown source '{key}'",
        "add '{key}' to {sources}",
    ),
    Code(
        "E038",
        LOADING,
        "a number in a region's lines (`emergency_lines`, `crisis_line`, `crisis_reminder`) is "
        "not the number of any of that region's contacts, so nobody has verified it",
        "region {region} gives the number '{number}', which none of its contacts has",
        "add it to other_contacts with its sources and the date you verified it, or correct "
        "the number",
    ),
    Code(
        "E039",
        LOADING,
        "a topic of `kiosk.featured_topics` in ui.yaml has no answer (write it as "
        "`medicine.topic`)",
        "featured topic '{topic}' has no answer",
    ),
    # --- safety -----------------------------------------------------------------------------------
    Code(
        "E040",
        LOADING,
        "an intent's example trips a safety rule, so it could never be answered",
        "example of '{intent}' trips the {kind} rule '{rule}': \"{example}\"",
        "safety rules run first, so this example could never be reached; remove it or reword it",
    ),
    Code(
        "E041",
        LOADING,
        "a safety concept or modifier list is defined twice",
        "'{name}' is defined twice (also in {other})",
    ),
    Code("E042", LOADING, "a safety file has rules but no `kind:`"),
    Code(
        "E043",
        LOADING,
        "two safety rules of one kind have the same id",
        "duplicate safety rule '{rule}'",
    ),
    Code(
        "E044",
        LOADING,
        "a concept phrase does not compile (`#x`, a misplaced `*`), or a rule names a concept "
        "or modifier that does not exist (the hint names the nearest)",
    ),
    Code(
        "E045",
        LOADING,
        "a safety rule uses a message that messages.yaml does not have",
        "message '{key}' is missing from messages.yaml {kind}:",
        "known: {known}",
    ),
    Code(
        "E046",
        LOADING,
        "an example of a safety rule does not fire it (or a stronger kind)",
        "example of rule '{rule}' does not fire it: \"{example}\"",
        "add the missing words to a concept, or run `chatbot explain` on it",
    ),
    Code(
        "E047",
        LOADING,
        "a safety kind (crisis, emergency, refusal) has no rules: safety cannot be switched off",
        "there are no {kind} rules",
        "safety rules cannot be switched off; add a file with 'kind: {kind}' under intents/safety/",
    ),
    Code(
        "E048",
        LOADING,
        "a message the code requires to reach help (`CANARIES`, and `LANGUAGE_CANARIES` for a "
        "language with its own word lists, in chatbot/safety.py) no longer does",
        'the safety rules no longer send "{text}" to {kind}',
        "this message must always reach help; undo the change or widen a word list (see "
        "chatbot/safety.py CANARIES)",
    ),
    Code(
        "E052",
        LOADING,
        "the safety screen's second reader (intents/safety/classifier.json, written by "
        "`chatbot train`) cannot be read",
        "{reason}",
        "run `chatbot train` to write it again, or delete the file to run on the word lists alone",
    ),
    Code(
        "E053",
        LOADING,
        "a file of safety rules did not load, so the safety rules were not built or checked: "
        "what they would report (unknown concepts, examples that do not fire, canaries) would "
        "follow from that file's own error",
        "the safety rules were not checked: {files} did not load",
        "fix the error reported for that file first; the safety checks run once it loads",
    ),
    Code(
        "E049",
        CHECK,
        "a canary still reaches help but a variant of it (a typo, an invisible character, "
        "filler, chatter, another subject) no longer does: a word-list edit made the screen "
        "brittle",
        'the safety rules no longer send "{variant}" ({how} of a canary) to {kind}',
        "a word-list edit made the screen brittle; undo it, or run `chatbot explain` on the "
        "variant",
    ),
    # --- what `chatbot check` adds ------------------------------------------------------------
    Code(
        "E050",
        CHECK,
        "a topic the medicine's `required_topics:` lists (answers.yaml) has no answer",
        "no answer for required topic '{topic}'",
        "add an answer with 'topic: {topic}', or take it out of required_topics",
    ),
    Code(
        "E051",
        CHECK,
        "two intents share an example (medicine names set aside) and no medicine scope tells "
        "them apart: both are about the same medicine, or one is about none",
        "example \"{example}\" of '{intent}' is also an example of '{other_intent}' in {where}",
        "keep it in one intent only; examples may repeat only across medicines",
    ),
    Code(
        "W051",
        CHECK,
        "no intent leads to this answer, so nobody can reach it",
        "no intent leads to answer '{topic}'",
        "add intents/{medicine}/{topic}.yaml, or 'answer: {topic}' to an intent",
    ),
    Code(
        "W052",
        CHECK,
        "an example is the same or nearly the same (similarity 92 or more, after normalising) "
        "as an example of another intent",
        "example \"{example}\" of '{intent}' is {same} \"{other}\" of '{other_intent}' in "
        "{where} (similarity {similarity:.0f})",
        "keep it in one intent only, or reword one of them",
    ),
    Code(
        "W053",
        CHECK,
        "the matcher sends this example to another intent, which scores higher than its own",
        "example \"{example}\" of '{intent}' is matched to '{top}' ({top_score:.0f} against "
        '{own_score:.0f}, via "{via}")',
        "reword it or move it; add examples that set the two apart; "
        '`chatbot explain "{example}"` shows the scores',
    ),
    Code(
        "W054",
        CHECK,
        "an intent that leads to a topic has fewer than 20 examples",
        "intent '{intent}' has {count} examples; topics need {minimum} or more",
        "add the ways people really ask: short forms, typos, brand names, other people ('my son')",
    ),
    Code(
        "W055",
        CHECK,
        "an answer's `short` has more than 80 words",
        "answer '{topic}' short has {count} words; keep it to {maximum}",
        "move the details to 'more:'",
    ),
    Code(
        "W056",
        CHECK,
        "`short` or `more` reads above grade 8 (Flesch-Kincaid); an error with `--strict`",
        "answer '{topic}' {field} reads at grade {grade:.1f}; aim for {maximum:.0f} or lower",
        "use shorter sentences and everyday words",
        escalates=True,
    ),
    Code(
        "W057",
        CHECK,
        "`reviewed` is more than 12 months ago",
        "answer '{topic}' was last reviewed on {reviewed}, over {months} months ago",
        "have a pharmacist check it against its sources, then update 'reviewed'",
    ),
    Code(
        "W058",
        CHECK,
        "reading grades were not checked because textstat is not installed",
        "reading grades were not checked: textstat is not installed",
        "pip install 'textstat==0.7.8' (a dependency of the chatbot: it is missing only "
        "after an install with --no-deps)",
    ),
    Code(
        "W059",
        CHECK,
        "a contact's `verified` date in contacts.yaml is more than 12 months ago",
        "{region} {name} ({number}) was last verified on {verified}, over {months} months ago",
        "check the number on its sources' live pages, then update 'verified'",
    ),
    Code(
        "W060",
        CHECK,
        "an answer has no version in a language the content answers in "
        "(answers.<language>.yaml); an error with `--strict`",
        "answer '{topic}' has no {language} version in {file}",
        "write it there, with the same sources and reviewed date (a question in "
        "{language} about it would get the English answer); or, if it must stay in "
        "English, say why in its `untranslated:`",
        escalates=True,
    ),
    Code(
        "W061",
        CHECK,
        "a translated answer lacks a source of the English answer (it may add sources in its "
        "own language), or its `reviewed` date differs; an error with `--strict`",
        "answer '{topic}' in {language}: {what}",
        "a translation says what the English says, checked against the same sources on the "
        "same day: make them the same",
        escalates=True,
    ),
    Code(
        "W062",
        CHECK,
        "a Spanish `short` or `more` reads below 70 on the Fernández-Huerta scale ('bastante "
        "fácil'); an error with `--strict`",
        "answer '{topic}' {field} reads at {score:.0f} (Fernández-Huerta); aim for "
        "{minimum:.0f} or more",
        "use shorter sentences and shorter, everyday words",
        escalates=True,
    ),
    # --- a clinic's overlay -------------------------------------------------------------------
    Code(
        "E070",
        OVERLAY,
        "the overlay folder has neither `knowledge/` nor `intents/` (a missing overlay folder "
        "is E005)",
        "the overlay has neither a knowledge/ nor an intents/ folder",
        "an overlay mirrors the shipped layout: see docs/authoring.md",
    ),
    Code(
        "E071",
        OVERLAY,
        "the overlay has a file under `intents/safety/`: an overlay cannot change the safety "
        "rules; the file is not used",
    ),
    Code(
        "E072",
        OVERLAY,
        "the overlay has a file it cannot have (`synonyms.yaml`, `other_medicines.yaml`, a new "
        "medicine, a file in an unknown place); it is not used",
    ),
    Code(
        "E073",
        OVERLAY,
        "the overlay changes something shipped: a region, an answer, a source, where an "
        "intent leads, a medicine's id",
    ),
    Code(
        "E074",
        OVERLAY,
        "the overlay's messages.yaml changes emergency or crisis wording",
        "an overlay cannot change {kind} wording",
        "put local numbers in the overlay's knowledge/contacts.yaml (emergency_contacts:, "
        "crisis_contacts:)",
    ),
    Code(
        "E075",
        OVERLAY,
        "a region of the overlay: `extends` names no shipped region, a local contact is not "
        "`{name, number}` (one short line, a number with digits), or a region written in full "
        "does not give its own numbers in its lines",
    ),
    # --- conversation tests -------------------------------------------------------------------
    Code(
        "E080",
        TEST,
        "a conversation test (`chatbot test`) names a region the content does not have",
        "test '{test}' uses unknown region '{region}'",
        "known regions: {known}",
    ),
)


def problem(
    code: str,
    path: str,
    line: int = 0,
    col: int = 0,
    /,
    *,
    message: str | None = None,
    hint: str | None = None,
    escalate: bool = False,
    **fields: object,
) -> Problem:
    """The problem `code` at `path:line:col` (0: unknown), worded by the registry's templates
    filled with `fields`, or by `message` (and `hint`) for a code worded where found.

    Its severity is the code's: an error for E, a warning for W; `escalate` makes a warning
    that `--strict` counts as an error (W056) an error.
    """
    c = CODES.get(code)
    if c is None:
        raise KeyError(f"problem code {code} is not registered in chatbot/problems.py")
    if set(fields) != c.fields:
        raise TypeError(f"{code} needs the fields {sorted(c.fields)}, got {sorted(fields)}")
    if c.message:
        if message is not None:
            raise TypeError(f"{code} is worded by its template in chatbot/problems.py")
        message = c.message.format(**fields)
    elif message is None:
        raise TypeError(f"{code} has no template: give its message")
    if c.hint:
        if hint is not None:
            raise TypeError(f"{code}'s hint is its template in chatbot/problems.py")
        hint = c.hint.format(**fields)
    if escalate and not c.escalates:
        raise ValueError(f"{code} cannot be made an error")
    severity: Severity = "error" if escalate else c.severity
    return Problem(path, line, col, code, severity, message, hint or "")


# --- docs/check-codes.md --------------------------------------------------------------------

#: The generated page.
DOC = Path(__file__).resolve().parent.parent / "docs" / "check-codes.md"

INTRO = """\
# `chatbot check` problem codes

`chatbot check` prints `path:line:col: CODE message` and a hint for each problem.
**E** codes are errors: the bot refuses to start until they are fixed.
**W** codes are warnings: the bot starts, but a patient may get a worse answer.
`chatbot check --strict` fails on warnings too, and makes {escalating} an error.
Exit status: 0 no errors, 1 errors (with `--strict`: any problem), 2 could not run.

Found by: *loading* (whenever the content is loaded: the bot, and `chatbot check`),
*check* (`chatbot check` only), *overlay* (loading with a clinic's overlay),
*test* (`chatbot test`, in a conversation test file).

This page is generated from `chatbot/problems.py`, the registry of the codes:
edit that, then run `python -m chatbot.problems`. A test (`tests/test_check.py`)
fails while the two differ.
"""


def markdown() -> str:
    """The exact text of docs/check-codes.md."""
    escalating = " and ".join(c.code for c in CODES.values() if c.escalates)
    rows = [
        f"| {c.code} | {c.stage} | {c.meaning}"
        + (f" (reserved: {c.reserved})" if c.reserved else "")
        + " |"
        for c in CODES.values()
    ]
    table = ["| code | found by | meaning |", "|---|---|---|", *rows]
    return INTRO.format(escalating=escalating) + "\n" + "\n".join(table) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m chatbot.problems",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if stale")
    parser.add_argument(
        "--out", metavar="FILE", type=Path, default=DOC, help=f"the page (default: {DOC})"
    )
    args = parser.parse_args(argv)
    text = markdown()
    current = args.out.read_text(encoding="utf-8") if args.out.is_file() else None
    if args.check:
        if current != text:
            print(f"{args.out}: out of date; run python -m chatbot.problems", file=sys.stderr)
            return 1
        return 0
    if current != text:
        args.out.write_text(text, encoding="utf-8")
        print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
