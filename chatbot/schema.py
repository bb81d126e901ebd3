"""Strict models of each content file. They validate what authors write and
generate the JSON Schemas in `schemas/` that editors use to underline mistakes.

Unknown keys are errors that list the allowed keys and guess the intended one.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator

from .types import Problem
from .yamlio import Doc

Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", description="lowercase, digits, _")]
Text = Annotated[str, Field(min_length=1)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


# --- knowledge/ -------------------------------------------------------------


class SourceEntry(Strict):
    title: Text
    url: Annotated[str, Field(pattern=r"^https?://\S+$", description="http(s) address")]


class SourcesFile(Strict):
    """knowledge/<medicine>/sources.yaml, and knowledge/sources.yaml (the contacts' sources)"""

    sources: dict[str, SourceEntry]


class AnswerEntry(Strict):
    topic: Id = Field(description="a topic id, e.g. side_effects")
    title: Text = Field(description="short label for buttons and /topics")
    short: Text = Field(description="the answer: about 80 words, reading grade 8 or lower")
    more: str | None = Field(default=None, description="what 'tell me more' adds")
    sources: list[str] = Field(min_length=1, description="keys of sources.yaml")
    reviewed: dt.date = Field(description="date a pharmacist last checked it, YYYY-MM-DD")
    suggestions: list[Id] = Field(default_factory=list, description="2-3 follow-up topic ids")
    names_other_medicines: bool = Field(
        default=False,
        description="questions on this topic name other medicines (interactions, comparisons):"
        " a follow-up naming one stays on it instead of going to interactions",
    )
    untranslated: Text | None = Field(
        default=None,
        description="why this answer is in English only (a clinic's own page, say): "
        "`chatbot check` then does not ask for it in answers.<language>.yaml",
    )


class AnswersFile(Strict):
    """knowledge/<medicine>/answers.yaml"""

    medicine: Id
    name: str | None = Field(default=None, description="display name, e.g. Baclofen")
    required_topics: list[Id] = Field(
        default_factory=list,
        description="topic ids this medicine must answer (chatbot check, E050)",
    )
    answers: list[AnswerEntry] = Field(min_length=1)


class Contact(Strict):
    name: Text
    number: Text
    sources: list[str] = Field(
        min_length=1, description="keys of knowledge/sources.yaml where the number was checked"
    )
    verified: dt.date = Field(description="date the number was last checked, YYYY-MM-DD")


class RegionLines(Strict):
    """A region's first lines in another language (contacts.yaml, `languages:`)."""

    emergency_lines: dict[Id, Text] = Field(
        description="the first line of each emergency message, as in English; a key left "
        "out is said in English"
    )
    crisis_line: Text = Field(description="first line of every crisis reply")
    crisis_reminder: Text = Field(description="the crisis line's reminder, as in English")


class Region(Strict):
    name: Text
    emergency: Contact = Field(description="the emergency number (ambulance)")
    poison: Contact
    crisis: Contact
    other_contacts: list[Contact] = Field(
        default_factory=list,
        description="every other number the lines use: animal poison lines, national crisis lines",
    )
    emergency_lines: dict[Id, Text] = Field(
        description="the first line of each emergency message, by its key under `emergency:` "
        "in messages.yaml (overdose, symptoms, withdrawal, ran_out, pump, pump_symptoms, pet, "
        "self_harm_taken): every region needs one for every key"
    )
    crisis_line: Text = Field(description="first line of every crisis reply")
    crisis_reminder: Text = Field(
        description="one line put before later answers in a conversation that had a crisis reply"
    )
    sources: list[str] = Field(
        default_factory=list,
        description="keys of knowledge/sources.yaml for what the lines say besides numbers",
    )
    languages: dict[Id, RegionLines] = Field(
        default_factory=dict,
        description="the same lines in another language, by language code (es); the "
        "numbers must be the region's contacts, as in English",
    )

    @property
    def emergency_number(self) -> str:
        return self.emergency.number

    def contacts(self) -> list[tuple[str | int, ...]]:
        """Where each contact sits in the region: ("poison",), ("other_contacts", 0), ..."""
        return [
            ("emergency",),
            ("poison",),
            ("crisis",),
            *(("other_contacts", i) for i in range(len(self.other_contacts))),
        ]

    def contact(self, at: tuple[str | int, ...]) -> Contact:
        if at[0] == "other_contacts":
            return self.other_contacts[int(at[1])]
        value: Contact = getattr(self, str(at[0]))
        return value


class ContactsFile(Strict):
    """knowledge/contacts.yaml"""

    default_region: str
    regions: dict[str, Region] = Field(min_length=1)


class MessagesFile(Strict):
    """knowledge/messages.yaml"""

    emergency: dict[str, Text]
    emergency_followup: dict[str, Text] = Field(
        default_factory=dict,
        description="the next turns of an overdose or severe-symptoms emergency: default, "
        "fine, sick, watch, bring; each starts with {emergency_line}, that emergency's line",
    )
    crisis: dict[str, Text]
    refusal: dict[str, Text]
    fallback: dict[str, Text]
    smalltalk: dict[str, Text]
    clarify: Text
    topic_phrases: dict[str, Text] = Field(
        default_factory=dict,
        description="how a clarify question names a topic, by topic id "
        "('uses': 'what it is used for'); default: its title",
    )
    again: Text = Field(description="a topic asked again after its longer part was shown")
    disclaimer: Text


class Banners(Strict):
    """The banner over an urgent reply: one wording for every front end."""

    emergency: Text = Field(description="over an emergency reply")
    crisis: Text = Field(description="over a crisis reply")


class Lists(Strict):
    """How a list of titles is joined into a sentence."""

    more: Text = Field(description="a list that goes on: {items}")
    more_count: Text = Field(description="a list and how many more: {items}, {count}")
    alternatives: Text = Field(description="the last of a list of choices: {items}, {last}")


class ReplyLabels(Strict):
    """The labels around an answer, in every front end."""

    sources: Text = Field(description="heading of an answer's sources")
    reviewed: Text = Field(description="when a pharmacist last checked the answer: {date}")
    suggestions: Text = Field(description="before the follow-up topics")


class TerminalCommands(Strict):
    """What each command of the terminal chat does, as /help shows it."""

    help: Text
    topics: Text
    sources: Text
    reset: Text
    reload: Text
    quit: Text


class TerminalHelp(Strict):
    """What /help shows, in this order."""

    heading: Text
    intro: Text
    examples: list[Text] = Field(min_length=1, description="example questions")
    after: Text
    commands_heading: Text
    keys_heading: Text
    keys: Text


class TerminalText(Strict):
    """The terminal chat's own wording."""

    prompt: Text = Field(description="before what the person types (a space follows)")
    goodbye: Text
    commands: TerminalCommands
    commands_line: Text = Field(description="the commands: {commands}")
    keys_hint: Text = Field(description="under the welcome, after the commands")
    unknown_command: Text = Field(description="{command}: what was typed")
    topic: Text = Field(description="what Tab completion says a topic title is")
    help: TerminalHelp
    topics_heading: Text
    topics_hint: Text
    sources_line: Text = Field(description="under an answer: {titles}")
    sources_heading: Text
    no_sources: Text
    reset: Text
    reloading: Text
    reloaded: Text = Field(description="{count}: the number of topics")
    reload_failed: Text
    reload_kept: Text


class KioskText(Strict):
    """Every word of the kiosk page, sent to it by /api/config."""

    lang: str = Field(
        pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$",
        description="the page's language tag, e.g. en or en-GB",
    )
    title: Text = Field(description="the browser tab's title")
    heading: Text
    intro: Text
    restart: Text
    numbers_label: Text
    topics_heading: Text
    conversation_label: Text
    question_label: Text
    placeholder: Text
    send: Text
    you_asked: Text
    helper_said: Text
    emergency_chip: Text
    choose: Text
    take_home: Text
    scan_to_open: Text
    qr_alt: Text = Field(description="{title}: the page's title")
    call_if_urgent: Text
    still_there: Text = Field(description="{seconds}: seconds left")
    too_long: Text
    failed: Text
    unreachable: Text
    featured_topics: list[Text] = Field(
        min_length=1,
        description="the topic buttons, in this order: topic ids (medicine.topic) of answers",
    )


class LanguageText(Strict):
    """How the front ends name this language, to a person who reads it."""

    name: Text = Field(description="the language's name in itself: the kiosk's button ('Español')")
    command: Text = Field(description="what its terminal command does ('/es'), as /help lists it")


class UiFile(Strict):
    """knowledge/ui.yaml (and ui.<language>.yaml: the same, in that language)"""

    language: LanguageText
    banners: Banners
    lists: Lists
    reply: ReplyLabels
    terminal: TerminalText
    kiosk: KioskText


# --- intents/ ---------------------------------------------------------------


class IntentEntry(Strict):
    id: Id
    answer: str | None = Field(
        default=None,
        description="what it leads to: a topic id of this medicine (default: the intent id), "
        "or smalltalk.<key> / fallback.<key> of messages.yaml",
    )
    examples: list[Text] = Field(min_length=1, description="ways people ask; 20 or more")
    match: Literal["words", "whole"] | None = Field(
        default=None,
        description="how its examples are matched: 'words' like a topic's, or 'whole' as a "
        "whole text (default: 'whole' for smalltalk and fallback intents, else 'words')",
    )


class IntentsFile(Strict):
    """intents/<medicine>/*.yaml, intents/smalltalk.yaml, intents/fallback.yaml"""

    intents: list[IntentEntry] = Field(min_length=1)


class SynonymsFile(Strict):
    """intents/synonyms.yaml: canonical word -> variants rewritten to it"""

    synonyms: dict[str, list[Text]]


class LayTermsFile(Strict):
    """intents/lay_terms.yaml: the content's word -> everyday words that mean it, for
    matching only (the safety screen never sees them)"""

    terms: dict[str, list[Text]] = Field(default_factory=dict)
    ignore: list[Text] = Field(
        default_factory=list, description="words that say nothing about the topic ('even')"
    )
    follow_ups: list[Text] = Field(
        default_factory=list,
        description="how a short follow-up to the last answer starts ('what about', 'and for')",
    )
    background: list[Text] = Field(
        default_factory=list,
        description="who a question is about and their condition ('my son', 'cerebral palsy'):"
        " beside what it asks, they weigh less",
    )
    purpose: list[Text] = Field(
        default_factory=list,
        description="words after which a background word is what is asked ('for', 'para la')",
    )


class OtherMedicinesFile(Strict):
    """intents/other_medicines.yaml: medicines known by name but not covered"""

    medicines: list[Text]


ConceptName = Annotated[
    str,
    Field(
        pattern=r"^(@|not )?[a-z][a-z0-9_]*$",
        description='a concept, "not <concept>" for it negated, or @topic for the conversation',
    ),
]


class SafetyRule(Strict):
    id: Id
    message: Id = Field(default="default", description="key under the reply kind in messages.yaml")
    all: list[ConceptName | list[ConceptName]] = Field(
        min_length=1,
        description="concepts that must all be found in one sentence; a list means any one of them",
    )
    cancel: list[Id] = Field(
        default_factory=list,
        description="modifiers that cancel a concept for this rule (negation, hypothetical, ...)",
    )
    unless: list[Annotated[str, Field(pattern=r"^@?[a-z][a-z0-9_]*$")]] = Field(
        default_factory=list,
        description="concepts that, in the same sentence, stop the rule; @other_medicine: the "
        "message names another medicine and not ours",
    )
    yields: list[Literal["refusal"]] = Field(
        default_factory=list,
        description="kinds of rule it gives way to: when one of them fires on the message too, "
        "this rule does not (an overdose feared beside a dose asked: the dose question)",
    )
    within: int = Field(default=12, ge=1, le=60, description="most tokens the concepts may span")
    across: bool = Field(
        default=False, description="the concepts may be in different sentences of the message"
    )
    distinct: bool = Field(
        default=False,
        description="each need is met by other words: one phrase that is in two lists is one sign",
    )
    reply: Literal["emergency"] | None = Field(
        default=None, description="reply with this kind instead of the file's (crisis file only)"
    )
    examples: list[Text] = Field(default_factory=list, description="texts that must fire it")


class ModifierEntry(Strict):
    category: Id | None = Field(
        default=None, description="the category rules cancel on (default: this entry's name)"
    )
    direction: Literal["forward", "backward", "both"] = "forward"
    window: int = Field(default=6, ge=1, le=30, description="tokens the cue reaches")
    crosses: Literal["", "commas", "clauses", "sentences"] = Field(
        default="",
        description="'commas': the cue reaches over the comma right after it (a time said "
        "first: 'years ago, he ate some'); 'clauses': over commas and terminators "
        "('..., in general?'); 'sentences': over full stops too (a denial taken back)",
    )
    alone: bool = Field(
        default=False,
        description="the cue counts only as a clause of its own: a mark or the end follows it",
    )
    cues: list[Text] = Field(min_length=1)


class QuantifierEntry(Strict):
    """Amount words ("a lot", "all") that count the medicine only if what follows is it."""

    concepts: list[Id] = Field(
        default_factory=list, description="the concepts whose finds are checked (excess)"
    )
    words: list[Text] = Field(
        default_factory=list, description="the amount words: 'a lot', 'loads of', 'all my'"
    )
    objects: list[Text] = Field(
        default_factory=list, description="what counts as the medicine after them: tablets, them"
    )
    skip: list[Text] = Field(
        default_factory=list, description="words passed over first: of, my, the"
    )
    object_concepts: list[Id] = Field(
        default_factory=list,
        description="concepts that name what may be counted: a medicine, a drink (means)",
    )
    bare: list[Text] = Field(
        default_factory=list,
        description="words after which the amount stands alone ('took a lot today')",
    )
    degree: list[Text] = Field(
        default_factory=list,
        description="words after which an amount is how much, not how many: 'does it hurt a "
        "lot', 'sleeps a lot'",
    )


_CHOICES = re.compile(r"\{([^{}]*)\}")


def _with_lists(phrase: str, lists: dict[str, list[str]], concept: str) -> str:
    """A phrase with each '{...@name...}' choice of `lists` spelled out."""

    def spell(m: re.Match[str]) -> str:
        choices: list[str] = []
        for choice in m.group(1).split("|"):
            if not choice.startswith("@"):
                choices.append(choice)
            elif choice[1:] in lists:
                choices.extend(lists[choice[1:]])
            else:
                known = ", ".join(sorted(lists)) or "none"
                raise ValueError(
                    f"concept '{concept}': '{{{choice}}}' names no list under lists: "
                    f"(lists: {known})"
                )
        return "{" + "|".join(choices) + "}"

    return _CHOICES.sub(spell, phrase) if "@" in phrase else phrase


class SafetyFile(Strict):
    """intents/safety/*.yaml"""

    kind: Literal["crisis", "emergency", "refusal"] | None = None
    language: str | None = Field(
        default=None,
        pattern=r"^[a-z]{2}$",
        description="a language's word lists (concepts.es.yaml: language: es): its concepts "
        "and modifiers add phrases to those of the same name in the other files, and the "
        "code's canaries in that language must still reach help",
    )
    lists: dict[Id, list[Text]] = Field(
        default_factory=dict,
        description="named lists of words or phrases, written once and used in the file's "
        "phrases as '{@name}' (or among other choices: '{@helpers|they}'): who helps, what "
        "is no medicine. A phrase of a list holds no '{', '}' or '|'",
    )
    concepts: dict[Id, list[Text]] = Field(
        default_factory=dict,
        description="word lists: '*' ends a word, '#' is a number ('#3+': three or more), "
        "'{a|b}' alternatives, '{@name}' a list of `lists:`, a leading '!' blocks the "
        "concept where it matches",
    )
    modifiers: dict[Id, ModifierEntry] = Field(default_factory=dict)

    @field_validator("lists")
    @classmethod
    def _plain_lists(cls, lists: dict[str, list[str]]) -> dict[str, list[str]]:
        for name, items in lists.items():
            for item in items:
                if any(c in item for c in "{}|"):
                    raise ValueError(f"list '{name}': '{item}' holds '{{', '}}' or '|'")
        return lists

    @field_validator("concepts", mode="before")
    @classmethod
    def _lists_used(cls, concepts: Any, info: ValidationInfo) -> Any:
        """'{@name}' -> the list's phrases as choices, before the phrases are checked."""
        lists = info.data.get("lists") or {}
        if not isinstance(concepts, dict):
            return concepts
        return {
            name: [_with_lists(p, lists, name) if isinstance(p, str) else p for p in phrases]
            if isinstance(phrases, list)
            else phrases
            for name, phrases in concepts.items()
        }

    entities: list[Id] = Field(
        default_factory=list,
        description="concepts that name a thing (the pump, a child), not an event: "
        "no modifier changes them",
    )
    pseudo: list[Text] = Field(
        default_factory=list, description="phrases that look like cues but are not ('not sure')"
    )
    quantifiers: QuantifierEntry | None = Field(
        default=None,
        description="amount words found only when they count the medicine, or nothing: "
        "'took a lot' is an amount, 'took it with a lot of water' is not",
    )
    terminators: list[Text] = Field(
        default_factory=list, description="words that end a cue's scope ('but', 'however')"
    )
    denial: list[Id] = Field(
        default_factory=list,
        description="concepts that, negated, are a denial ('i'm not suicidal'), not a disclosure",
    )
    stay: list[Id] = Field(
        default_factory=list,
        description="concepts that keep a conversation on the emergency (in emergency.yaml) "
        "or the crisis (in crisis.yaml) under way ('he is snoring', 'i just feel so low'): "
        "an answer does not move on",
    )
    move_on: list[Id] = Field(
        default_factory=list,
        description="concepts that say the person has moved on from the emergency",
    )
    settled: list[Id] = Field(
        default_factory=list,
        description="concepts that, all found and not negated, say help was reached and what "
        "it said ('poison control said she's fine', 'me ven mañana'): a question or thanks "
        "after them moves on from the emergency; alone, they do not",
    )
    told_over: list[Id] = Field(
        default_factory=list,
        description="emergency messages whose event one message can tell as over: with "
        "`settled` concepts and a question after them ('my pump alarmed last week, the team "
        "checked it and it works fine. how long does the battery last?'), the question is "
        "answered, the emergency's first line leading. Not an overdose: anything about one "
        "is the emergency",
    )
    unsettled: list[Id] = Field(
        default_factory=list,
        description="concepts that, found, keep help's word from settling the emergency: "
        "'they said to stay home and keep an eye on him' is still a watch",
    )
    doubt: dict[Id, Id] = Field(
        default_factory=dict,
        description="concept -> message of the file's kind (emergency.yaml: an emergency "
        "message; crisis.yaml: a crisis message): found and not settled, it escalates "
        "unless the matcher is confident",
    )
    rules: list[SafetyRule] = Field(default_factory=list)


class TranslatedMessagesFile(Strict):
    """knowledge/messages.<language>.yaml: the fixed messages in another language: the
    safety replies, and (for a language the bot answers in) the rest. Each key must be
    one of messages.yaml's and keep the placeholders that say where help is; a key left
    out is said in English."""

    language: Id = Field(description="the language code, as in the file's name (es)")
    medicines: dict[Id, Text] = Field(
        default_factory=dict,
        description="how the replies name each medicine in this language (baclofen: baclofeno)",
    )
    emergency: dict[str, Text]
    emergency_followup: dict[str, Text] = Field(default_factory=dict)
    crisis: dict[str, Text]
    refusal: dict[str, Text]
    fallback: dict[str, Text] = Field(default_factory=dict)
    smalltalk: dict[str, Text] = Field(default_factory=dict)
    clarify: Text | None = None
    topic_phrases: dict[str, Text] = Field(default_factory=dict)
    again: Text | None = None
    disclaimer: Text | None = None
    lists: Lists | None = Field(
        default=None, description="how lists are joined in this language (ui.yaml's lists)"
    )


SCHEMAS: dict[str, type[Strict]] = {
    "answers": AnswersFile,
    "sources": SourcesFile,
    "contacts": ContactsFile,
    "messages": MessagesFile,
    "translated_messages": TranslatedMessagesFile,
    "ui": UiFile,
    "intents": IntentsFile,
    "synonyms": SynonymsFile,
    "lay_terms": LayTermsFile,
    "other_medicines": OtherMedicinesFile,
    "safety": SafetyFile,
}


def json_schema(name: str) -> dict[str, Any]:
    schema = SCHEMAS[name].model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"{name}.schema.json"
    return schema


def _allowed(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The field names allowed at `loc` (the parent of an unknown key)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        field = getattr(current, "model_fields", {}).get(part)
        if field is None:
            # a dict value: the model of its values
            current = _value_model(current)
            continue
        current = _inner_model(field.annotation)
    if current is not None and hasattr(current, "model_fields"):
        return list(current.model_fields)
    return []


def _inner_model(annotation: Any) -> Any:
    from typing import get_args

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _value_model(model: Any) -> Any:
    return model if hasattr(model, "model_fields") else None


def validate(doc: Doc, model: type[Strict]) -> tuple[Any, list[Problem]]:
    """Validate a parsed file against its model. Problems point at lines."""
    if doc.data is None:
        return None, [doc.problem((), "E010", model=model.__doc__)]
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = tuple(err["loc"])
            where = ".".join(str(p) for p in loc) or "(top level)"
            if err["type"] == "extra_forbidden":
                parent, bad = loc[:-1], str(loc[-1])
                allowed = _allowed(model, parent)
                guess = difflib.get_close_matches(bad, allowed, n=1)
                hint = f"did you mean '{guess[0]}'? " if guess else ""
                problems.append(
                    doc.problem(
                        loc,
                        "E011",
                        message=f"unknown key '{bad}'",
                        hint=f"{hint}allowed keys here: {', '.join(allowed)}",
                    )
                )
            elif err["type"] == "missing":
                problems.append(
                    doc.problem(
                        loc[:-1],
                        "E012",
                        key=loc[-1],
                        where=where.rsplit(".", 1)[0] or "file",
                    )
                )
            else:
                problems.append(
                    doc.problem(
                        loc,
                        "E013",
                        message=f"{where}: {err['msg']} (got {_short(err.get('input'))})",
                    )
                )
        return None, problems


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
