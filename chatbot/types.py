"""The reply contract, in one place: kinds, replies, conversation state.

Every front end (terminal, kiosk, JSON lines, authoring tools) renders the same
`Reply`. The conversation `State` is a small immutable value that never holds
the user's words, so it can live in memory, in a session store or, opaquely,
in the kiosk page.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Literal, NamedTuple, get_args

Kind = Literal["crisis", "emergency", "refusal", "answer", "clarify", "smalltalk", "fallback"]

#: Kinds in order of precedence (TAXONOMY.md): when a message fits several, the first wins.
KINDS: tuple[Kind, ...] = get_args(Kind)

#: Kinds that send the person to help before anything else.
URGENT_KINDS: frozenset[str] = frozenset({"crisis", "emergency"})


@dataclass(frozen=True, slots=True)
class Source:
    title: str
    url: str

    def to_dict(self) -> dict[str, str]:
        return {"title": self.title, "url": self.url}


@dataclass(frozen=True, slots=True)
class Choice:
    """One option of a `clarify` reply: a topic and the words to show for it."""

    topic: str  # qualified, e.g. "baclofen.alcohol"
    title: str


@dataclass(frozen=True, slots=True)
class Reply:
    kind: Kind
    text: str
    topic: str | None = None  # "baclofen.alcohol" for answers, else None
    sources: tuple[Source, ...] = ()
    suggestions: tuple[str, ...] = ()
    choices: tuple[Choice, ...] = ()  # for `clarify`
    rule: str | None = None  # which safety rule or decision produced it (never user text)
    region: str = "US"
    reviewed: str | None = None  # for answers: the date a pharmacist last checked it, ISO
    content_version: str = ""  # short hash of the content that answered (shipped + overlay)
    lang: str = "en"  # the language the reply is written in

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: the shape the kiosk API and `--json` print."""
        return {
            "kind": self.kind,
            "topic": self.topic,
            "text": self.text,
            "sources": [s.to_dict() for s in self.sources],
            "suggestions": list(self.suggestions),
            "choices": [{"topic": c.topic, "title": c.title} for c in self.choices],
            "rule": self.rule,
            "region": self.region,
            "reviewed": self.reviewed,
            "content_version": self.content_version,
            "lang": self.lang,
        }


@dataclass(frozen=True, slots=True)
class State:
    """What the bot remembers between turns. Never the user's text."""

    last_topic: str | None = None  # qualified topic of the last answer
    medicine: str | None = None  # medicine the conversation is about
    pending: tuple[Choice, ...] = ()  # choices of an unanswered `clarify`
    crisis: bool = False  # a crisis reply was given in this conversation
    emergency: str = ""  # the emergency under way (its message key, e.g. "overdose"), or ""
    turns: int = 0
    more: bool = False  # the last answer's longer part has been shown
    lang: str = ""  # the language the person chose to be answered in ("": the bot's default)
    refused: bool = False  # the last reply refused a dosing question
    # the last turn was heard as settling the emergency or the crisis for now: help's word
    # inside an emergency ("called poison help, they said she'll be fine"), or a crisis
    # misread, cleared up and answered ("no, not like that. i meant, can it make me low?");
    # thanks after it is thanks, with the emergency's first line or the crisis reminder
    heard: bool = False

    def next(self, **changes: Any) -> State:
        return replace(self, turns=self.turns + 1, **changes)


@dataclass(frozen=True, slots=True)
class TopicInfo:
    """An answerable topic, for /topics and the kiosk's buttons."""

    id: str  # qualified, "baclofen.alcohol"
    title: str

    def to_dict(self) -> dict[str, str]:
        return {"id": self.id, "title": self.title}


class Place(NamedTuple):
    """Where something is written, for pointing an author at it: the file as shown (relative
    to the content's root, or a clinic overlay's file), 1-based line and column."""

    path: str
    line: int
    col: int


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the content, at a place an author can open."""

    path: str
    line: int  # 1-based; 0 when unknown
    col: int  # 1-based; 0 when unknown
    code: str  # e.g. "E012"
    severity: Literal["error", "warning"]
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.col}" if self.line else self.path
        text = f"{where}: {self.code} {self.message}"
        return f"{text}\n    hint: {self.hint}" if self.hint else text

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "hint": self.hint,
        }


__all__ = [
    "KINDS",
    "URGENT_KINDS",
    "Choice",
    "Kind",
    "Place",
    "Problem",
    "Reply",
    "Source",
    "State",
    "TopicInfo",
]
