"""The immutable knowledge base that the engine answers from."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ..types import Place, Source, TopicInfo

if TYPE_CHECKING:  # only types: a cached knowledge base loads without these libraries
    from ..learned import Classifier
    from ..matcher import Matcher, PhraseMatcher
    from ..normalize import Normalizer
    from ..safety import SafetyScreen
    from ..schema import MessagesFile, Region, TranslatedMessagesFile, UiFile

SMALLTALK = "smalltalk"
FALLBACK = "fallback"


@dataclass(frozen=True)
class Answer:
    topic: str  # qualified: "baclofen.alcohol"
    medicine: str
    title: str
    short: str
    more: str | None
    sources: tuple[Source, ...]
    reviewed: dt.date
    suggestions: tuple[str, ...]  # qualified topics
    where: Place  # of the answer's entry
    names_other_medicines: bool = False  # a follow-up naming another medicine stays here
    untranslated: str | None = None  # why it is in this language only (no W060)


@dataclass(frozen=True)
class Intent:
    id: str  # qualified: "baclofen.alcohol", "smalltalk.greeting"
    target: str  # a qualified topic, or "smalltalk.<key>" / "fallback.<key>"
    examples: tuple[str, ...]
    where: Place  # of the intent's entry
    places: tuple[Place, ...]  # of each example, in the order of `examples`
    examples_at: Place  # of its `examples:` key
    #: each example as the matcher reads it (`match_key`), in the order of `examples`;
    #: "" for one matched on its whole text (smalltalk) or caught by a safety rule (E040)
    keys: tuple[str, ...] = ()

    @property
    def kind(self) -> str:
        head = self.target.split(".", 1)[0]
        return head if head in (SMALLTALK, FALLBACK) else "answer"

    def place(self, example: str) -> Place | None:
        """Where `example` is written (the first time, if twice); None if it is not one."""
        for text, place in zip(self.examples, self.places, strict=True):
            if text == example:
                return place
        return None


@dataclass(frozen=True)
class LanguagePack:
    """What the bot answers with in another language (knowledge/<medicine>/answers.es.yaml,
    intents/<medicine>/*.es.yaml, messages.es.yaml): the same topic ids as English."""

    code: str
    answers: Mapping[str, Answer]
    intents: Mapping[str, Intent]
    matcher: Matcher
    phrases: PhraseMatcher
    titles: Mapping[str, str]
    messages: MessagesFile  # messages.yaml with the language's own texts in place
    ui: UiFile  # ui.yaml with the language's way of joining lists


@dataclass(frozen=True)
class KnowledgeBase:
    medicines: Mapping[str, str]  # id -> display name
    answers: Mapping[str, Answer]
    intents: Mapping[str, Intent]
    regions: Mapping[str, Region]
    default_region: str
    messages: MessagesFile
    ui: UiFile  # the front ends' own wording: banners, labels, help
    normalizer: Normalizer
    screen: SafetyScreen
    matcher: Matcher  # topics, on content words
    phrases: PhraseMatcher  # smalltalk and fixed fallbacks, on the whole text
    medicine_words: Mapping[str, str]  # normalised name -> medicine id
    other_medicines: Mapping[tuple[str, ...], str]  # normalised words -> name as listed
    titles: Mapping[str, str]  # normalised answer title -> topic
    #: medicine -> the topic ids it must answer (answers.yaml required_topics; chatbot check)
    required_topics: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: language code -> the safety replies in it (knowledge/messages.<code>.yaml)
    translations: Mapping[str, TranslatedMessagesFile] = field(default_factory=dict)
    #: language code -> what the bot answers with in that language, where it has answers
    packs: Mapping[str, LanguagePack] = field(default_factory=dict)
    content_version: str = ""  # short hash of the files it was loaded from (shipped + overlay)
    #: the safety screen's second reader (intents/safety/classifier.json), if there is one
    classifier: Classifier | None = None

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages this content answers in: English first, then each language pack."""
        return ("en", *self.packs)

    def in_language(self, code: str) -> KnowledgeBase:
        """This knowledge base as it answers in `code`: that language's answers, intents,
        matcher and messages; the same safety screen, regions and normaliser."""
        pack = self.packs[code]
        return replace(
            self,
            answers=pack.answers,
            intents=pack.intents,
            matcher=pack.matcher,
            phrases=pack.phrases,
            titles=pack.titles,
            messages=pack.messages,
            ui=pack.ui,
            packs={},
        )

    def key_of(self, tokens: Sequence[str], written: str = "") -> str:
        """Normalised words as the matcher reads them (a covered medicine's name as `*`;
        `written`, the message as typed, says whether it names the medicine twice)."""
        from ..matcher import match_key

        words = self.medicine_words
        return match_key(tokens, words, self.normalizer.two_names(written, tokens, words))

    def topics(self) -> list[TopicInfo]:
        return [TopicInfo(a.topic, a.title) for a in self.answers.values()]
