"""The engine: text -> normalise -> safety screen -> match -> compose -> Reply.

`Chatbot.reply(text, state)` is pure: no I/O, deterministic, thread-safe, and
it never raises for any string. `Chatbot.respond(text, session=...)` keeps the
small `State` in a bounded in-memory store for simple front ends.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

from .compose import Composer
from .concepts import MARKS, NEGATION, SENTENCE
from .content import SMALLTALK, KnowledgeBase
from .language import DEATH_WORDS, language_of, unread_language
from .learned import CHECK_IN, CRISIS, SELF_HARM_TAKEN
from .loader import load_knowledge
from .matcher import MEDICINE, PROFILES, Candidate, Decision
from .normalize import spoken_marks
from .safety import SETTLED, Hit, Screened
from .sessions import SessionStore
from .settings import Settings
from .types import URGENT_KINDS, Choice, Kind, Problem, Reply, State, TopicInfo
from .wording import fill

#: An emergency's follow-ups: a concept found in the message -> its key under
#: emergency_followup in messages.yaml. They are written for these situations; the
#: others' own message is their guidance and is given again.
_FOLLOWUPS: tuple[tuple[str, str], ...] = (
    ("make_sick", "sick"),
    ("seems_fine", "fine"),
    ("bring", "bring"),
    ("watch", "watch"),
)
_FOLLOWUP_SITUATIONS = frozenset({"overdose", "symptoms", "self_harm_taken"})
#: Follow-ups that, asked after help's word, still ask about the emergency ("toxicología
#: dice que lo llevemos, ¿qué le llevo?"): help's plan, and what it needs
_ASKED_AFTER_HELP = ("bring", "make_sick")
#: What the conversation context holds when a message names another medicine and not
#: ours: rules with it in `unless:` (running out) are about our medicine's supply
OTHER_MEDICINE = "@other_medicine"
#: The concept that starts a new subject ("different question:"): what follows is routed.
NEW_SUBJECT = "new_subject"
#: A question's opening words ("how should i", "¿cómo lo guardo?"): after help's word, a
#: question asked anew moves on (`_emergency_turn`)
ASKS_Q = "asks_q"
#: thanks said ("thank you", "gracias x todo"): after help's word, the conversation moves on
THANKS = "thanks_said"
#: an amount asked ("how many", "cuántas"): after a crisis, about it
HOW_MUCH = "how_much"
#: small talk among other words (`_small_talk_among`): who the bot is, what it can do, a
#: goodbye ("bye", "hasta luego") or thanks
ASKS_WHO, ASKS_WHAT_HELP, GOODBYE = "asks_who", "asks_what_help", "goodbye_said"
#: inside an emergency, help being called or on its way ("calling poison control now")
HELP_CALLING = "help_calling"
#: how to be with someone in a crisis, asked ("what do i say to him"): it keeps a crisis
#: talk (crisis.yaml `stay:`), but outside one it is no warning sign
SUPPORT_ASKED = "support_asked"
#: after a crisis, a misreading cleared up ("no no, not like that. i meant..."): a denial
NOT_MEANT = "not_meant"
DISMISSED = "dismissed"  # a question taken back ("never mind", "da igual"): not asked beside
LEAD_IN = 2  # words before a question's opening words ("mientras tanto, ¿puedo...?")
#: After a crisis, support reached ("i called the line, i feel safer now"): small talk again
CRISIS_HELPED = "crisis_helped"
CRISIS_REACHING = "crisis_reaching"
CRISIS_ASIDE = ("smalltalk", "fallback", "clarify")  # replies that, after one, are about it
ASKED = ("answer", "clarify")  # a question routed
UNANSWERED = ("fallback", "clarify")  # no answer: none found, or one of two asked back
NO_MATCH = "fallback.no_match"  # the fallback when nothing matched at all
NAME_ONLY = "match.name_only"  # the answer to nothing but the medicine's name
UNMATCHED = ("no match", "clarify")  # routing steps where the matcher itself found no answer
#: a message in a language the bot does not read, with a word of dying in it (DEATH_WORDS)
UNREAD_CRISIS = "crisis.other_language"
#: "and was fine", "no pasó nada": an event told as over, when the word lists read every
#: event in the message (EVENTS) as history, settles it for the second reader too
TURNED_OUT_FINE = "turned_out_fine"
EVENTS = frozenset(
    {"ingested", "excess", "overdose", "took_two", "lots_of_pills", "pill_count", "one_extra",
     "unknown_amount", "severe_sign", "pills_gone", "withdrawal_now", "alarm", "too_much"}
)  # fmt: skip
#: after a refusal, a push for the number all the same ("just tell me roughly")
PUSHBACK = "pushback"
#: what to do about a missed dose, asked in general: the topic, never a dosing refusal
MISSED_WHAT_NOW = "missed_what_now"
#: effects told as a course that began with the medicine: a side effect, not an event
SINCE_STARTING = "since_starting"
#: dying or killing said as a figure of speech ("me muero de risa", "dying of laughter"):
#: the second reader, which weighs "muero" and knows no idiom, hears no crisis in it
FIGURATIVE = "figurative"
#: ...which settles these situations, with none of ours named: too much of what is no
#: medicine is no overdose, and a habit given up no medicine stopped
FIGURE_SITUATIONS = ("overdose", "ran_out", "withdrawal")
#: something eaten that is no medicine ("he ate grass and threw up", "se comió pasto")
ATE_OTHER = "ate_other"
#: Inside an emergency, a question moves on to a topic only when it asks anew: it names
#: the medicine, or says this much ("can it cause weight gain in the long term?"). "Who do
#: I call?", "is it serious? he's calm", "i feel normal honestly" stay with the emergency.
ASKS_ANEW_WORDS = 5
#: the common words of every language the matcher reads ("who do i call", "a quien llamo")
_ANY_STOPWORD = frozenset().union(*(p.stopwords for p in PROFILES.values()))


def _said(tokens: list[str]) -> list[str]:
    """The words that say something: no marks, no common words of any language."""
    return [t for t in tokens if t not in MARKS and t not in _ANY_STOPWORD]


#: A follow-up ("and for my mum?") is short: at most this many words.
FOLLOW_UP_WORDS = 8
#: ...and moves to another topic only when that one leads every other, the last
#: topic included, by this many points.
FOLLOW_UP_LEAD = 15.0
#: A fallback offers the topics that scored at least this share of the clarify threshold.
CLOSEST_SHARE = 0.5
_FIRST = re.compile(
    r"^(?:the )?(?:1|1st|first|one|first one|a|former|top|option 1|number 1)"
    r"(?: one| option| please)?$"
)
_SECOND = re.compile(
    r"^(?:the )?(?:2|2nd|second|two|second one|b|latter|other|other one|"
    r"option 2|number 2|bottom)(?: one| option| please)?$"
)


def told_as_over(screened: Screened) -> bool:
    """An event the word lists read as history, every one of it, and said to have turned
    out fine ("my son swallowed one two years ago and was fine", "me tomé doble dosis hace
    años y no pasó nada"): the second reader, which knows no time, does not escalate it."""
    found = screened.reading.found
    events = [f for f in found if f.concept in EVENTS]
    return (
        bool(events)
        and all("historical" in f.modifiers for f in events)
        and screened.reading.has(TURNED_OUT_FINE)
    )


#: a pump refill and a time still to come ("my refill is on tuesday", "la recarga es el
#: viernes"): a refill booked...
REFILL, TIME_AHEAD = "refill", "time_ahead"
#: ...which no sign of trouble now says otherwise (besides EVENTS)
TROUBLE = frozenset(
    {"withdrawal_sign", "refill_missed", "pump_failed", "beeping", "alarm_now", "sleepy",
     "muddled", "supply_lost", "ran_out", "stopped", "pump_knock", "pump_site_bad"}
)  # fmt: skip


def refill_booked(screened: Screened) -> bool:
    """A pump refill the word lists read as booked for a time still to come, with no sign
    of trouble: the second reader, which weighs "pump" and "refill" as most pump
    emergencies have them and knows no time, does not make it one."""
    reading = screened.reading
    return (
        reading.says(REFILL)
        and reading.says(TIME_AHEAD)
        and not any(f.concept in EVENTS | TROUBLE for f in reading.found)
    )


#: a question asked ahead, nothing happening now ("no alarm right now, but...", "just
#: curious"): with every event in it negated or supposed, the reader's emergency is not heard
ASKING_AHEAD = "asking_ahead"
#: ...unless it asks about an overdose: every overdose question is an emergency (the contract)
OVERDOSE_WORDS = frozenset(
    {"ingested", "overdose", "overdosed", "excess", "too_much", "lots_of_pills", "pill_count",
     "one_extra", "took_two", "unknown_amount", "pills_gone", "how_much", "dangerous"}
)  # fmt: skip
SUPPOSED = frozenset({"negation", "hypothetical", "generic"})


def asked_ahead(screened: Screened) -> bool:
    """Asked ahead of time, and every event the word lists read is negated or supposed
    ("no alarm right now, but what do i do if my pump alarm ever goes off"), and nothing
    of an overdose: the second reader, which weighs "alarm" and "if my" and knows no
    "if", does not escalate it."""
    found = screened.reading.found
    return (
        screened.reading.says(ASKING_AHEAD)
        and not any(f.concept in OVERDOSE_WORDS for f in found)
        and all(f.modifiers & SUPPOSED for f in found if f.concept in EVENTS)
    )


#: a dose not taken ("forgot my dose", "no me tomé el baclofeno")...
MISSED = "missed"
#: ...which nothing else makes more than that: an event or a sign of trouble, but not
#: sleep ("me quedé dormido y no me la tomé") nor "forgot", which refill_missed reads too
NOT_ONLY_MISSED = EVENTS | TROUBLE - {"sleepy", "refill_missed"}


def dose_missed(screened: Screened) -> bool:
    """A dose the word lists read as not taken, and nothing more: no event, no supply gone,
    no sign ("me quedé dormido y no me tomé el baclofeno"). The second reader weighs "me
    tomé" and knows no "no": the overdose it reads there is not heard."""
    found = screened.reading.found
    return screened.reading.says(MISSED) and not any(
        f.concept in NOT_ONLY_MISSED and NEGATION not in f.modifiers for f in found
    )


#: nothing swallowed, said outright ("counted them and they're all there"), or an overdose
#: named only as what a dose question means to avoid ("para no tener una sobredosis,
#: cuántas me tomo?"): the word lists read what the second reader, which knows no "not" and
#: no "so as to", reads as an overdose
NONE_TAKEN = "none_taken"
OVERDOSE_FEARED = "overdose_feared"


#: the word for an overdose, which a "not" denies ("i didn't overdose"), and the amounts
#: that a denial does not cover, negated or not ("i didnt overdose i only took 10 extra")
OVERDOSE_SAID = frozenset({"overdose", "overdosed"})
OVERDOSE_AMOUNTS = OVERDOSE_WORDS - OVERDOSE_SAID - {"ingested"}


def no_overdose_had(screened: Screened) -> bool:
    """Nothing swallowed, the overdose only feared, or denied beside the dose told as taken,
    with no amount ("I didn't overdose, I took my normal dose, but I feel a bit nauseous";
    not "you can't overdose on it, is that right?", an overdose question): no overdose for
    the reader to hear."""
    says, found = screened.reading.says, screened.reading.found
    denied = any(f.concept in OVERDOSE_SAID and NEGATION in f.modifiers for f in found)
    denied = denied and says("ingested") and not any(f.concept in OVERDOSE_AMOUNTS for f in found)
    return says(NONE_TAKEN) or says(OVERDOSE_FEARED) or denied


#: a supply the word lists read as left ("me quedan pastillas para dos semanas"), with no
#: sign of withdrawal beside it
SUPPLY_LEFT = "supply_left"
UNWELL = frozenset({"withdrawal_sign", "withdrawal_now", "severe_sign", "sleepy", "muddled"})


def supply_left(screened: Screened) -> bool:
    """A supply said to be left, and nothing wrong: the second reader, which weighs "sin
    baclofeno" and "run out" as supplies gone and knows no "still", does not make it one
    ("me quedan pastillas para dos semanas, como hago para no quedarme sin baclofeno?")."""
    reading = screened.reading
    return reading.says(SUPPLY_LEFT) and not any(
        f.concept in EVENTS | UNWELL and NEGATION not in f.modifiers for f in reading.found
    )


#: a dose asked as the one prescribed ("how many am i meant to take", "cuántas me toca")
PRESCRIBED_Q = "prescribed_q"


def asked_as_prescribed(screened: Screened) -> bool:
    """A dosing question the word lists refuse, asked as the dose one is meant to take ("so
    how many of my baclofen am i meant to take"): the second reader, which weighs "how
    many" and "my baclofen" as questions of how many would kill have them, does not make
    it a crisis. A crisis word the lists read is a rule of its own, before any refusal."""
    hit = screened.hit
    return hit is not None and hit.kind == "refusal" and screened.reading.says(PRESCRIBED_Q)


#: asking whether something heard is true ("is that true?", "¿es cierto?")
CLAIM_Q = "claim_q"


def asked_if_true(screened: Screened) -> bool:
    """A claim heard, asked about ("my friend said baclofen is lethal with alcohol. is that
    true?"), with no event the word lists read: a question of fact, which the second
    reader, weighing "lethal", reads as a crisis."""
    reading = screened.reading
    return reading.says(CLAIM_Q) and not any(
        f.concept in EVENTS and NEGATION not in f.modifiers for f in reading.found
    )


def _question_opens(screened: Screened) -> set[int]:
    """Where the message's questions open: the first words of each `asks_q` find."""
    return {f.start for f in screened.reading.found if f.concept == ASKS_Q}


def _question_marked(text: str) -> bool:
    """Does the message end with a question mark (said or dictated: "question mark")?"""
    return spoken_marks(text).rstrip().endswith("?")


#: a message's first sentence ended by a question mark ("what is it for? my doc just...")
_FIRST_ASKED = re.compile(r"\s*[^.!?;\n]+\?")


def _first_question(marked: list[str], tokens: list[str], text: str) -> list[str]:
    """The words of a message's first sentence, when it is a question (ended by its own
    question mark) and sentences follow it that are not; otherwise none."""
    ends = [k for k, t in enumerate(marked[:-1]) if t == SENTENCE]
    if not ends or _question_marked(text) or not _FIRST_ASKED.match(spoken_marks(text)):
        return []
    return tokens[: sum(t not in MARKS for t in marked[: ends[0]])]


def _words_from(k: int, marked: list[str], tokens: list[str]) -> list[str]:
    """The words (`tokens`, no marks) from position `k` of the marked tokens on."""
    return tokens[sum(t not in MARKS for t in marked[:k]) :]


def settled_for_the_reader(
    screened: Screened, situation: str, another_medicine: bool = False, ours: bool = True
) -> str:
    """Which of the things the second reader cannot read, and the word lists can, settles
    its emergency for `situation` (or its crisis, for CRISIS): the stop's name, or "" when
    none does. `another_medicine`: the message names a medicine the bot does not cover,
    and none it does; `ours`: it names one the bot covers. Self-harm with something taken
    is never settled so."""
    if situation == "self_harm_taken":
        return ""
    if situation == CRISIS:
        if asked_as_prescribed(screened):
            return "asked_as_prescribed"
        if screened.asked_of_medicine:  # the second reader weighs "suicidal" as a crisis
            return "asked_of_the_medicine"
        return "asked_if_true" if asked_if_true(screened) else ""
    stops = (
        ("told_as_over", told_as_over(screened)),  # "took two by mistake last year, was fine"
        ("refill_booked", situation == "pump" and refill_booked(screened)),  # "on tuesday"
        ("dose_missed", situation == "overdose" and dose_missed(screened)),  # "no me tomé"
        ("asked_ahead", asked_ahead(screened)),  # "if my pump alarm ever goes off"
        ("supply_left", situation == "ran_out" and supply_left(screened)),  # "me quedan"
        ("no_overdose_had", situation == "overdose" and no_overdose_had(screened)),
        # "se me acabaron las pastillas del colesterol": that medicine's supply, as the
        # running-out rules read it (`@other_medicine`); an amount of it taken is the word
        # lists' to find ("took 20 of her blood pressure tablets"), and signs are any one's
        # ...and that medicine's pump ("insulin pump alarm going off, what does error 3 mean")
        ("another_medicine", situation in ("ran_out", "overdose", "pump") and another_medicine),
        # an overdose of what is no medicine, as a figure of speech, or a habit given up,
        # with none of ours named ("hoy tengo sobredosis de cafe", "way too much coffee lol",
        # "i quit smoking 2 days ago and im so irritable")
        (
            "figure_of_speech",
            situation in FIGURE_SITUATIONS and not ours and screened.reading.has(FIGURATIVE),
        ),
        # something eaten that is no medicine, with none of ours named: what a dog or a
        # child ate ("took my dog for a walk, he ate grass and threw up")
        (
            "something_else_eaten",
            situation in ("pet", "overdose") and not ours and screened.reading.has(ATE_OTHER),
        ),
    )
    return next((name for name, settled in stops if settled), "")


class ContentError(Exception):
    """The content has errors; `problems` says where."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = [p for p in problems if p.severity == "error"]
        lines = "\n".join(str(p) for p in self.problems[:20])
        more = len(self.problems) - 20
        super().__init__(
            f"content has {len(self.problems)} error(s):\n{lines}"
            + (f"\n... and {more} more (run `chatbot check`)" if more > 0 else "")
        )


class UnknownSetting(ValueError):
    """A region or language the content does not have."""


class UnknownRegion(UnknownSetting):
    pass


class UnknownLanguage(UnknownSetting):
    pass


@dataclass(frozen=True)
class Trace:
    """What happened inside one reply, for `chatbot explain` (never stored)."""

    normalized: str
    match_text: str
    safety: tuple[Hit, ...]
    screened: Screened | None
    candidates: tuple[Candidate, ...]
    decision: Decision | None
    other_medicine: str | None
    reply: Reply
    state: State
    step: str = ""  # the routing step that decided (empty when the safety screen did)
    language: str = ""  # why the message looks written in a language the bot cannot read


@dataclass(frozen=True)
class _Routed:
    """What the matching steps decided (the safety screen found nothing)."""

    reply: Reply
    state: State
    candidates: list[Candidate] = field(default_factory=list)
    decision: Decision | None = None
    other: str | None = None  # another medicine the question is about
    step: str = ""  # which of ROUTING_STEPS decided
    language: str = ""  # why the message looks written in a language the bot cannot read


class Chatbot:
    def __init__(
        self,
        kb: KnowledgeBase,
        settings: Settings | None = None,
        warnings: list[Problem] | None = None,
    ) -> None:
        self.settings = settings or Settings()
        self.kb = kb
        region = self.settings.region or kb.default_region
        if region not in kb.regions:
            raise UnknownRegion(
                f"unknown region '{region}'; known regions: {', '.join(kb.regions)}"
            )
        self.region = region
        self._known_language(self.settings.language)
        self.composer = Composer(kb, region)
        self.sessions = SessionStore(self.settings.session_ttl, self.settings.max_sessions)
        self.warnings = warnings or []
        #: the language this bot routes and answers in; a message in another language
        #: the content answers in goes to that language's bot (same screen, same regions)
        self.language = "en"
        self._in: dict[str, Chatbot] = {}
        for code in kb.packs:
            other = Chatbot(kb.in_language(code), self.settings.with_(region=region, language="en"))
            other.language = code
            self._in[code] = other
        self._ignore = frozenset(kb.medicine_words)
        #: every one-word spelling of a covered medicine's name ("lioresal", "ozobax"): read
        #: once, for telling a message's language without normalising its words again
        self._medicine_spellings = self._ignore | {
            variant[0]
            for variant, canonical in kb.normalizer.synonyms.items()
            if len(variant) == 1 and all(w in self._ignore for w in canonical)
        }
        self._other_longest = max((len(k) for k in kb.other_medicines), default=1)
        #: intent -> the medicine its topic is about (None: smalltalk and fixed replies)
        self._medicine_of = {
            i.id: (kb.answers[i.target].medicine if i.target in kb.answers else None)
            for i in kb.intents.values()
        }
        #: a topic's title as typed -> medicine -> topic ("alcohol" in two medicines)
        self._titles: dict[str, dict[str, str]] = {}
        for topic, ans in kb.answers.items():
            title = " ".join(kb.normalizer.tokens(ans.title))
            self._titles.setdefault(title, {})[ans.medicine] = topic

    # --- construction ---------------------------------------------------------------
    @classmethod
    def from_settings(cls, settings: Settings) -> Chatbot:
        kb, problems = load_knowledge(settings)  # shipped + overlay, via the cache
        if kb is None:
            raise ContentError(problems)
        return cls(kb, settings, [p for p in problems if p.severity == "warning"])

    @classmethod
    def default(cls, region: str | None = None) -> Chatbot:
        """The shipped knowledge/ and intents/."""
        return cls.from_settings(Settings(region=region))

    @classmethod
    def from_paths(
        cls, knowledge_dir: str | Path, intents_dir: str | Path, region: str | None = None
    ) -> Chatbot:
        return cls.from_settings(
            Settings(
                knowledge_dir=Path(knowledge_dir), intents_dir=Path(intents_dir), region=region
            )
        )

    def reloaded(self) -> Chatbot:
        """A new bot from the same folders; raises ContentError and leaves this one as is."""
        return Chatbot.from_settings(self.settings.with_(region=self.region))

    # --- the public calls --------------------------------------------------------------
    def topics(self) -> list[TopicInfo]:
        return self.kb.topics()

    def respond(self, text: str, session: str | None = None, lang: str | None = None) -> Reply:
        """Answer one message. With `session`, the conversation continues across calls.
        `lang`: the language the person chose to be answered in (kept in the session)."""
        if lang is not None:
            self._known_language(lang)

        def step(state: State | None) -> tuple[Reply, State]:
            chosen = state or State()
            return self.reply(text, replace(chosen, lang=lang) if lang else chosen)

        if session is None:
            return step(None)[0]
        return self.sessions.update(session, step)

    def reply(self, text: str, state: State | None = None) -> tuple[Reply, State]:
        """The pure step: a message and the conversation so far -> reply and new state."""
        trace = self.trace(text, state)
        return replace(trace.reply, content_version=self.kb.content_version), trace.state

    def warm_up(self) -> None:
        """Load what the first unusual message would otherwise wait for (the English
        word list behind typo correction). For servers; optional."""
        self.kb.normalizer.lexicon_source()

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages this bot answers in: English first, then each language pack."""
        return self.kb.languages

    def _known_language(self, lang: str) -> None:
        if lang not in self.kb.languages:
            known = ", ".join(self.kb.languages)
            raise UnknownLanguage(f"unknown language '{lang}'; this content answers in: {known}")

    def in_language(self, lang: str) -> Chatbot:
        """The bot whose content is in `lang` (for its welcome and front-end wording)."""
        return self._in.get(lang, self)

    def welcome(self, lang: str | None = None) -> str:
        """The greeting, in `lang` (default: the bot's language), naming the medicines."""
        lang = lang or self.settings.language
        bot = self.in_language(lang)
        text = bot.composer.fill(bot.kb.messages.smalltalk["welcome"])
        return fill(text, medicine=self._medicine_name(None, lang))

    # --- the pipeline ------------------------------------------------------------------
    def trace(self, text: object, state: State | None = None, every_rule: bool = False) -> Trace:
        """The whole step, with what happened inside. `every_rule`: list every safety rule
        that fires (for `explain`), not just the one that decides."""
        state = state or State()
        # the last turn settled the emergency or the crisis for now (`State.heard`): read
        # for this turn, and heard anew only if this one settles it too
        heard, state = state.heard, replace(state, heard=False)
        if not isinstance(text, str):
            text = "" if text is None else str(text)
        marked = self.kb.normalizer.marked_tokens(text)
        tokens = [t for t in marked if t not in MARKS]
        normalized = " ".join(tokens)
        # 1. safety, over the whole text
        # what the conversation is about, for rules that need it: "@crisis" after a crisis,
        # the emergency under way, the last topic
        about = (state.emergency, (state.last_topic or "").rpartition(".")[2])
        context = frozenset(f"@{x}" for x in (*about, "crisis" if state.crisis else "") if x)
        another = self.names_only_another_medicine(tokens)  # "mum ran out of her gabapentin"
        if another:
            context |= {OTHER_MEDICINE}
        screened = self.kb.screen.screen(marked, context, every_rule)
        # the reply's language: the message's, when the content has it; when the message
        # does not say ("ok", "baclofen?"), the one the person chose
        lang = chosen = state.lang or self.settings.language
        if self.kb.translations:
            normalizer = self.kb.normalizer
            lang = language_of(
                text,
                self.kb.translations,
                normalizer.english,
                normalizer.other_language,
                chosen,
                self._medicine_spellings.__contains__,
            )

        def done(reply: Reply, new_state: State, routed: _Routed | None = None) -> Trace:
            new_state = replace(new_state, refused=reply.kind == "refusal")
            r = routed or _Routed(reply, new_state)
            medicine = new_state.medicine or self._named_medicine(tokens)
            name = self._medicine_name(medicine, reply.lang)
            reply = replace(reply, text=fill(reply.text, medicine=name))
            return Trace(
                normalized,
                match_text,
                screened.hits,
                screened,
                tuple(r.candidates),
                r.decision,
                r.other,
                reply,
                new_state,
                r.step,
                r.language,
            )

        match_text = ""
        hit = screened.hit
        # a question mark ends it: read only where a question may move a conversation on
        marked_q = bool(state.emergency or state.crisis) and _question_marked(text)
        # inside an emergency, help reached and what it said: where it ends (`_settled`)
        settled = self._settled(screened, marked_q) if state.emergency else None
        if hit is not None and state.crisis and hit.kind == "refusal" and screened.denial:
            # "no, i'm not suicidal, i just want to sleep. can i take two?": the contract's
            # denial, so a refusal, with the crisis line kept at hand
            reply, new_state = self._safety_reply(hit, state, lang)
            return done(self.composer.with_reminder(reply, lang), new_state)
        if hit is not None and state.crisis and hit.kind == "refusal":
            # "how many would i have to take", right after a crisis, is about the crisis
            reply = self.composer.message("crisis", "followup", rule="crisis.followup", lang=lang)
            return done(reply, state.next(pending=(), crisis=True))
        if hit is not None and state.emergency and hit.kind == "refusal":
            # "can I just take a double to catch up?" inside an emergency: its guidance
            refused = _Routed(*self._safety_reply(hit, state, lang))
            routed = self._emergency_turn(
                refused, screened, state, state.emergency, lang, settled, marked_q
            )
            return done(routed.reply, routed.state, routed)
        # after a refusal, a push for the number all the same ("just tell me roughly, i
        # won't hold you to it") that asks nothing else gets the refusal again, shorter,
        # whether a dosing rule reads it too ("dime tú nomás un número aproximado") or not
        pushed = state.refused and screened.reading.says(PUSHBACK)
        if hit is not None and pushed and hit.kind == "refusal":
            return done(self._refusal_followup(lang), state.next(pending=()))
        if hit is not None and (over := self._told_over(hit, screened, marked, state, text, lang)):
            return done(over.reply, over.state, over)
        if hit is not None:
            reply, new_state = self._safety_reply(hit, state, lang)
            if hit.kind == "refusal":  # a dosing question may yet be an emergency's
                reply, new_state = self._second_reader(
                    normalized, reply, new_state, state, lang, screened, another=another
                )
            elif hit.kind == "emergency" and not (hit.crisis or screened.denial or state.emergency):
                reply, new_state = self._crisis_beside(normalized, reply, new_state, lang)
            return done(reply, new_state)
        # "no, i'm not suicidal", "not like that, i meant...": heard, kindly
        denied = (screened.denial or screened.reading.says(NOT_MEANT)) and state.crisis
        # 2. matching, over the first max_chars
        bounded = tokens
        moved_on = False
        if len(text) > self.settings.max_chars:
            bounded = self.kb.normalizer.tokens(text[: self.settings.max_chars])
        elif state.crisis and (ends := self._denied_or_helped(screened)):
            # "i didn't mean it. i'm not going to hurt myself. can it make me low?", "i'm
            # safe, my sister is here. can baclofen make you feel low?": the question is after
            bounded = self._after_the_sentence(max(ends), marked, tokens)
        else:  # "all fine now. different question: can he drive?": the question is the rest
            bounded = self._after_moving_on(screened, marked, tokens, settled, marked_q)
            moved_on = bounded is not tokens
        router = self._in.get(lang, self)
        # the words matched, as the matcher of the message's language reads them (explain)
        key = router.kb.key_of(bounded, text)  # read once: for matching and for explain
        match_text = " ".join(router.kb.matcher.content(key))
        routed = router._route(bounded, state, text, lang, key)
        quiet = not (screened.doubt or screened.crisis_doubt or state.emergency or state.crisis)
        if routed.step in UNMATCHED and ((bounded is tokens and quiet) or denied or moved_on):
            # a story, then its question ("my spasms were so bad yesterday, they've settled
            # now. should baclofen be taken with meals?"), or the question, then the story
            # ("so what does baclofen even treat? doc just handed me the script"): the
            # question alone, when the matcher found no answer to the whole (not another
            # medicine's question: "is tizanidine safe? what are its side effects") and is
            # sure of the question's; never beside a doubt of a crisis or an emergency, or
            # inside one, where a sure answer is weighed against it; after a denial of a
            # crisis too ("no no, not like that. i meant the spasms keep me up every night.
            # does baclofen make you drowsy?"), and after help's word or a new subject inside
            # an emergency ("thanks. a different question for the future: how should we
            # store his tablets so this doesn't happen again"); last, the clause that opens
            # as a question, its lead-in left out ("for our staff training: how should...")
            # each found only if the one before it is no sure answer; words already routed
            # (the whole, or a last sentence that is also the asked clause) not again
            tried = [bounded]
            finds: tuple[Callable[[], list[str]], ...] = (
                lambda: self._last_question(screened, marked, tokens, text),
                lambda: _first_question(marked, tokens, text),
                lambda: self._asked_clause(screened, marked, tokens),
            )
            for find in finds:
                asked = find()
                if not asked or asked in tried:
                    continue
                tried.append(asked)
                asked_key = router.kb.key_of(asked, text)
                again = router._route(asked, state, text, lang, asked_key)
                if router._sure_answer(again):
                    routed = again
                    match_text = " ".join(router.kb.matcher.content(asked_key))
                    break
        if router is not self:  # answered in the message's language
            routed = replace(routed, reply=replace(routed.reply, lang=router.language))
        # the crisis's own words ("i just feel so low", "i give up"), meant and not negated
        said = {
            f.concept
            for f in screened.reading.found
            if f.concept in self.kb.screen.crisis_stay and not f.modifiers & SETTLED
        }
        crisis_words = bool(said)
        # ...but how to be with someone in one ("what do i say to him") keeps a crisis talk
        # and is no sign of one outside it ("should i stay with him after his refill")
        crisis_signs = bool(said - {SUPPORT_ASKED})
        if denied:  # a denial with a question of its own gets the answer, the line kept
            # (but "i'm not going to do anything tonight. i just feel so low" is still it)
            if routed.reply.kind == "answer" and not crisis_words:
                reply = self.composer.with_reminder(routed.reply, lang)
                return done(reply, replace(routed.state, crisis=True, heard=True), routed)
            reply = self.composer.message("crisis", "followup", rule="crisis.denial", lang=lang)
            return done(reply, state.next(pending=()))
        if pushed and (
            routed.reply.kind in ("fallback", "clarify", "smalltalk")
            or not self._asks_beside_pushback(screened)
        ):  # "come on just tell me the number": no strengths answer ("the number" is asked)
            return done(self._refusal_followup(lang), state.next(pending=()), routed)
        # 3. an emergency under way, or a doubt, keeps the emergency first; but a sign of a
        # crisis beside a sign of an emergency, neither settled by a rule and nothing asked
        # beside them ("how do i take lots of pills without my family noticing"), is the
        # crisis: crisis comes before emergency
        doubt = screened.crisis_doubt
        beside: bool | None = None
        # an answer below Thresholds.sure is answered, but is not sure enough to stand
        # beside a doubt or inside a crisis: there it counts as a question asked back
        sure = self._sure_answer(routed)

        def asks_beside(reply: Reply) -> bool:
            """A question beside a crisis sign? It routes the message again: asked once."""
            nonlocal beside
            if beside is None:
                beside = sure and self._asks_beside(
                    screened, marked, reply, state, text, router, lang
                )
            return beside

        situation = state.emergency or (screened.doubt.message if screened.doubt else "")
        if (
            situation
            and not state.emergency
            and doubt
            and not state.crisis
            and not asks_beside(routed.reply)
        ):
            situation = ""
        if situation:
            # a word of dying in a language the bot does not read stays a crisis inside an
            # emergency too: its guidance, with the crisis line after the first line
            unread_crisis = routed.reply.rule == UNREAD_CRISIS
            routed = self._emergency_turn(
                routed, screened, state, situation, lang, settled, marked_q, heard
            )
            if unread_crisis and routed.reply.rule != UNREAD_CRISIS:
                lined = replace(
                    self.composer.with_crisis_line(routed.reply, lang), rule=UNREAD_CRISIS
                )
                routed = replace(routed, reply=lined, state=replace(routed.state, crisis=True))
        reply, new_state = routed.reply, routed.state
        if (
            doubt
            and not state.crisis
            and reply.kind not in URGENT_KINDS
            and (not asks_beside(reply) or self._crisis_read(normalized, lang))
        ):
            # a warning sign strong alone ("i'm so tired of existing") and no question
            # beside it that is confidently meant, or one the second reader half-reads as a
            # crisis ("me estoy despidiendo de la gente de a poco"): when unsure, the crisis
            reply = self.composer.message("crisis", doubt.message, rule=doubt.rule, lang=lang)
            new_state = replace(new_state, crisis=True, pending=())
        elif (
            (crisis_signs or screened.asked_of_medicine)
            and not state.crisis
            and reply.kind not in URGENT_KINDS
        ):
            # one warning sign is not a crisis, nor one asked of the medicine ("can baclofen
            # cause suicidal thoughts"), but the reply says where help is, first
            reply = self.composer.with_reminder(reply, lang, first=True)
        elif state.crisis and reply.kind not in URGENT_KINDS:
            says = screened.reading.says
            aside = reply.kind in CRISIS_ASIDE or (reply.kind == "answer" and not sure)
            helped = not crisis_words and says(CRISIS_HELPED)
            # nothing asked: a topic the words happen to score ("voy a llamar a mi hermano"
            # scores travel) is no question beside support reached or about to be
            asked_anew = says(ASKS_Q) or says(NEW_SUBJECT) or marked_q
            if heard and not crisis_words and says(THANKS) and not asked_anew:
                # "ok thank you", after a misreading cleared up and answered: thanks, with
                # the reminder of where help is
                thanks = self.composer.message(
                    "smalltalk", "thanks", rule="smalltalk.thanks", lang=lang
                )
                reply = self.composer.with_reminder(thanks, lang)
            elif helped and reply.kind in ASKED and says(ASKS_Q):
                # "i'm safe, my sister is staying with me tonight. can baclofen make you feel
                # low?": heard, and answered, the line kept
                reply = self.composer.with_reminder(reply, lang)
            elif helped and (aside or not asked_anew):
                # "i called the line and talked to someone. i feel safer now. thank you"
                reply = self.composer.message(
                    "smalltalk", "supported", rule="smalltalk.supported", lang=lang
                )
            elif not crisis_words and says(CRISIS_REACHING) and (aside or not asked_anew):
                # "ok, gracias por escucharme, voy a llamar a mi hermana": a good step, the
                # line kept for if it does not get through
                reply = self.composer.message(
                    "smalltalk", "reaching_out", rule="smalltalk.reaching_out", lang=lang
                )
            elif not crisis_words and says(NEW_SUBJECT) and reply.kind in ASKED:
                # "can i ask something else, does baclofen affect sleep?": asked anew, and
                # answered (or asked which topic) with the line kept
                reply = self.composer.with_reminder(reply, lang)
            elif (
                aside
                or reply.kind == "refusal"
                or says(HOW_MUCH)  # "how many would i need to sleep right through"
                or len(tokens) <= 3
                or crisis_words
                or (says(PUSHBACK) and not self._asks_beside_pushback(screened))
            ):
                # after a crisis, small talk, a fallback, a clarify question ("¿me lo dices
                # o no?"), three words ("i mean it"), a question of amounts (refused, or
                # only "how many": no answer's topic is the amount), words of the
                # crisis, or a push for the number ("i'm serious. just give me the number")
                # are about it
                reply = self.composer.message(
                    "crisis", "followup", rule="crisis.followup", lang=lang
                )
            else:
                reply = self.composer.with_reminder(reply, lang)
            new_state = replace(new_state, crisis=True)
        confident = reply.kind == "answer" and self._sure_answer(routed)
        if (
            reply.kind == "emergency"
            and (reply.rule or "").startswith("emergency.doubt.")
            and not (state.emergency or new_state.crisis or screened.denial)
        ):  # an emergency on doubt, in a message the reader reads as a crisis
            reply, new_state = self._crisis_beside(normalized, reply, new_state, lang)
        reply, new_state = self._second_reader(
            normalized, reply, new_state, state, lang, screened, confident, another
        )
        routed_only = reply.rule in (NO_MATCH, "match.answer", "match.clarify")
        if routed_only and not (new_state.crisis or new_state.emergency or crisis_signs):
            sure = reply.rule != NO_MATCH and self._sure_answer(routed)
            reply = self._small_talk_among(screened, text, lang, reply.rule, sure) or reply
        return done(reply, new_state, routed)

    def _small_talk_among(
        self, screened: Screened, text: str, lang: str, rule: str | None, sure: bool
    ) -> Reply | None:
        """Small talk among other words, which the phrase matcher, matching small talk
        whole, did not place: who the bot is or what it can do, asked where the matcher is
        not sure of an answer, or as the words the message ends with ("hello, sorry, I
        panic easily. who are you?"; but "are you a doctor? can i take it with ibuprofen" is
        answered); thanks or a goodbye ("thank you so much, you're a lifesaver"; "ok I'm
        dead tired, goodnight"), where the matcher found nothing and nothing is asked.
        Never beside a safety rule, a doubt, a word of a crisis or what the second reader
        heard (the caller's: `rule` is the matcher's)."""
        reading = screened.reading
        says = reading.says
        asked = [f for f in reading.found if f.concept in (ASKS_WHO, ASKS_WHAT_HELP)]
        if asked and sure:  # beside a sure answer, only as what the message ends with
            ending = reading.words_end
            asked = [f for f in asked if f.end >= ending]
        key = (
            "who_are_you" if any(f.concept == ASKS_WHO for f in asked) else "help" if asked else ""
        )
        unmatched = rule == NO_MATCH
        if not key and unmatched and not (says(ASKS_Q) or _question_marked(text)):
            key = "goodbye" if says(GOODBYE) else "thanks" if says(THANKS) else ""
        if not key or screened.doubt or screened.crisis_doubt:
            return None
        return self.composer.message("smalltalk", key, rule=f"smalltalk.{key}", lang=lang)

    def _refusal_followup(self, lang: str) -> Reply:
        """The refusal again, shorter, after a push for the number."""
        return self.composer.message("refusal", "followup", rule="refusal.followup", lang=lang)

    def _crisis_read(self, normalized: str, lang: str) -> str:
        """How the second reader reads a crisis in the message: "sure" (at the threshold),
        "half" (from `beside` up to it) or "" (below, or no reader)."""
        classifier = self.kb.classifier
        if classifier is None:
            return ""
        p = classifier.probabilities(normalized)
        chance = p.get(CRISIS, 0.0) + p.get(SELF_HARM_TAKEN, 0.0)  # self-harm, taken or not
        if chance >= classifier.threshold_for(lang):
            return "sure"
        return "half" if chance >= classifier.beside else ""

    def _crisis_beside(
        self, normalized: str, reply: Reply, new_state: State, lang: str
    ) -> tuple[Reply, State]:
        """An emergency the word lists found, in a message the second reader reads as a
        crisis ("how long would it take if someone took all 60, id want it to be quick"):
        the reply for self-harm with something taken, the emergency's line and the crisis
        line both, since crisis comes first and the emergency may be real. Read as a crisis
        less surely (from `beside` up to the threshold): the emergency's own reply, with the
        crisis line after its first line ("my friend says she's checking out tonight and
        she has loads of baclofen")."""
        read = "" if new_state.crisis else self._crisis_read(normalized, lang)
        if not read:
            return reply, new_state
        if read == "half":  # the emergency's own reply, the crisis line after its first line
            reply = replace(self.composer.with_crisis_line(reply, lang), rule="crisis.learned.line")
            return reply, replace(new_state, crisis=True)
        rule = "crisis.learned.self_harm_taken"
        reply = self.composer.message("emergency", "self_harm_taken", rule=rule, lang=lang)
        return reply, replace(new_state, crisis=True, emergency="self_harm_taken")

    def _second_reader(
        self,
        normalized: str,
        reply: Reply,
        new_state: State,
        state: State,
        lang: str,
        screened: Screened,
        confident: bool = False,
        another: bool = False,
    ) -> tuple[Reply, State]:
        """The word lists found neither an emergency nor a crisis, and no emergency or crisis
        is under way: the second reader (learned.py) may still find one. When it does, help
        comes first: the crisis check-in, or the emergency's own message; but a question the
        matcher answers confidently keeps its answer, the emergency's first line leading
        (escalation on doubt, as for the word lists' doubts), unless the reader is all but
        sure (`Classifier.sure`). A personal dosing question it finds (how much, how often,
        more, less) gets the refusal. It weighs words and knows no negation or idiom: after
        a denial the word lists read ("no, i'm not suicidal, i just want to sleep"; "not
        that i want to die... how many?") or dying as a figure of speech ("me muero de
        risa"), its crisis is not heard, nor its emergency when only `unsure` reached it;
        nor is its refusal of what to do about a missed dose, asked in general (the
        contract's missed-dose topic); nor its emergency in an event told as over
        (`told_as_over`), nor its pump emergency in a refill booked ahead
        (`refill_booked`), nor its overdose in a dose not taken (`dose_missed`), nor its
        emergency in a question asked ahead with every event supposed (`asked_ahead`), nor
        its supply run out, overdose or pump alarm when only another medicine is named
        (`another`, as `respond` found it for `@other_medicine`; the stop
        `another_medicine`), nor its pet's or overdose when what was eaten is no medicine
        and none of ours is named (`something_else_eaten`); nor its crisis in a warning
        sign asked of the medicine (`asked_of_the_medicine`, whose reply leads with the
        crisis line already).
        A crisis it reads below the threshold, the rest of the urgency an emergency's
        ("she's asleep but wakes when i talk to her"), gets that emergency's message with
        the crisis line after its first line."""
        classifier = self.kb.classifier
        if classifier is None or state.crisis or state.emergency or reply.kind in URGENT_KINDS:
            return reply, new_state
        if reply.rule == NAME_ONLY:  # "y el baclofeno?": nothing but the name, nothing to weigh
            return reply, new_state
        # a message the matcher has no answer for escalates from a lower chance (`unsure`)
        unanswered = reply.kind in UNANSWERED
        verdict = classifier.verdict(normalized, lang, unanswered)
        if verdict is None:
            return reply, new_state
        reading = screened.reading
        denial = screened.denial or reading.has(FIGURATIVE)
        asks_missed = reading.says(MISSED_WHAT_NOW)
        if verdict.kind == "refusal":  # a personal dosing question the word lists missed
            if reply.kind == "refusal" or asks_missed:  # "what do i do if i skip a dose"
                return reply, new_state
            reply = self.composer.message("refusal", "default", rule="refusal.learned", lang=lang)
            return reply, replace(new_state, pending=())
        if verdict.kind == "crisis":
            if denial or settled_for_the_reader(screened, CRISIS):
                return reply, new_state
            if verdict.also:  # a crisis and an emergency read about equally: both lines
                emergency = self.composer.message("emergency", verdict.also, rule="", lang=lang)
                reply = replace(
                    self.composer.with_crisis_line(emergency, lang), rule="crisis.learned.line"
                )
                return reply, replace(new_state, crisis=True, emergency=verdict.also, pending=())
            reply = self.composer.message("crisis", CHECK_IN, rule="crisis.learned", lang=lang)
            return reply, replace(new_state, crisis=True, pending=())
        situation = verdict.situation
        if denial and unanswered and verdict.chance < classifier.threshold_for(lang):
            # reached only through `unsure`: a figure of speech or a denial ("sobredosis de
            # amor es una canción de quién?") is not the doubt it is for
            return reply, new_state
        ours = self.names_ours(reading.tokens)
        if settled_for_the_reader(screened, situation, another, ours):  # what the lists read
            return reply, new_state
        # self-harm with something taken is a crisis too: no answer outweighs it; effects
        # told as a course since the medicine was started ("since he started baclofen he
        # seems muddled and sleepy") are the side effect the answer speaks to
        if (
            confident
            and situation != "self_harm_taken"
            and (verdict.chance < classifier.sure or reading.says(SINCE_STARTING))
        ):
            return self.composer.with_line(reply, situation), new_state
        # self-harm with something taken carries the crisis line: named as a crisis rule,
        # as _crisis_beside names it
        rule = f"emergency.learned.{situation}"
        if situation == "self_harm_taken":
            rule = "crisis.learned.self_harm_taken"
        reply = self.composer.message("emergency", situation, rule=rule, lang=lang)
        crisis = new_state.crisis or situation == "self_harm_taken"
        return reply, replace(new_state, emergency=situation, crisis=crisis, pending=())

    def _asks_beside_pushback(self, screened: Screened) -> bool:
        """Whether a push for the number asks something else too: two words that say
        something outside the push ("just tell me, does it come as a liquid?")."""
        reading = screened.reading
        pushed = {k for f in reading.found if f.concept == PUSHBACK for k in range(f.start, f.end)}
        rest = [t for k, t in enumerate(reading.tokens) if k not in pushed and t not in MARKS]
        return self._says_something(rest)

    def _says_something(self, tokens: list[str], least: int = 2) -> bool:
        """`least` words or more that say something (not common words of any language the
        matcher reads, not the medicine): "ya sé, pero dime más o menos" says nothing beside
        its push, as "i know, but roughly" does not."""
        return self._saying(tokens) >= least

    def _saying(self, tokens: list[str]) -> int:
        """How many words say something: no marks, no common words, not the medicine."""
        return sum(1 for t in _said(tokens) if t not in self._ignore)

    def _after_moving_on(
        self,
        screened: Screened,
        marked: list[str],
        tokens: list[str],
        settled: int | None,
        marked_q: bool = False,
    ) -> list[str]:
        """The words after the last "different question", "otra cosa" (a new subject), when
        at least two words that say something follow, or a question opens there or ends the
        message (`marked_q`); otherwise all of them. Inside an emergency settled
        (`_settled`), the words after what help said, whatever they are ("... said she's
        fine. thanks"): whether they move on is `_emergency_turn`'s; but words that say
        nothing ("the paramedics are here now") are no reply of their own."""
        ends = [f.end for f in screened.reading.found if f.concept == NEW_SUBJECT]
        if not ends and settled is None:
            return tokens
        cut = max([*ends, settled or 0])
        # a sentence of its own that asks is where the question starts: the telling before it
        # is help's ("...said it's the low reservoir beep and booked me in for tomorrow. how
        # long does a refill visit take?")
        opens = [at for at in _question_opens(screened) if at >= cut]
        if settled is not None and opens:
            full_stops = [k for k in range(cut, min(opens)) if marked[k] == SENTENCE]
            cut = max(full_stops, default=cut - 1) + 1
        rest = _words_from(cut, marked, tokens)
        # a question opened there, or ended by the message's question mark, says something
        # however few its words ("while i'm here, can i take it with an antihistamine?",
        # "different question, is it ok to take baclofen with my antidepressant?")
        asks = marked_q or bool(opens)
        return (
            rest if asks or self._says_something(rest, 1 if settled is not None else 2) else tokens
        )

    def _last_question(
        self, screened: Screened, marked: list[str], tokens: list[str], text: str
    ) -> list[str]:
        """The words of a message's last sentence, when sentences come before it and it
        asks something as a question (`_asks_after`: opened as one, or ended by the
        message's question mark); otherwise none."""
        ends = [k for k, t in enumerate(marked[:-1]) if t == SENTENCE]
        if not ends or not self._asks_after(screened, ends[-1], _question_marked(text), anew=False):
            return []
        return _words_from(ends[-1] + 1, marked, tokens)

    def _asked_clause(self, screened: Screened, marked: list[str], tokens: list[str]) -> list[str]:
        """The words from the last clause or sentence that opens as a question (its first
        words, after a lead-in of `LEAD_IN` at most, ask: "for our staff training: how
        should baclofen be stored?") to the message's end, when words come before it;
        otherwise none."""
        opens = _question_opens(screened)
        starts = [k + 1 for k, t in enumerate(marked[:-1]) if t in MARKS]
        for start in reversed(starts):
            if any(start <= at <= start + LEAD_IN for at in opens):
                return _words_from(start, marked, tokens)
        return []

    def _denied_or_helped(self, screened: Screened) -> list[int]:
        """After a crisis, where a denial of it ends ("i'm not going to hurt myself", or a
        misreading cleared up: "no no, not like that") and where support reached is said
        ("i'm safe, my sister is staying with me")."""
        denied = self.kb.screen.crisis_concepts
        return [
            f.end
            for f in screened.reading.found
            if (f.concept in denied and NEGATION in f.modifiers)
            or (f.concept in (CRISIS_HELPED, NOT_MEANT) and NEGATION not in f.modifiers)
        ]

    def _after_the_sentence(self, end: int, marked: list[str], tokens: list[str]) -> list[str]:
        """The words after the sentence that holds `end`, when at least two words that say
        something follow; otherwise all of them."""
        while end < len(marked) and marked[end] != SENTENCE:
            end += 1
        rest = _words_from(end, marked, tokens)
        return rest if self._says_something(rest) else tokens

    def _settled(self, screened: Screened, marked_q: bool = False) -> int | None:
        """Help reached, and what it said ("poison control said she's fine", "ya hablé con
        el equipo de la bomba y me ven mañana"): every `settled` concept found, none
        negated, and no `unsettled` one unless a question is marked after them ("they said
        to watch her at home. is it ok with paracetamol?": the caller answers it and keeps
        the emergency open). Where the last of them ends, or None. In a message
        that ends with a question mark (`marked_q`), help's words in its last sentence are
        the question's ("...they've booked me in. is the refill done with a needle?"), when
        the sentences before it say them all."""
        screen = self.kb.screen
        want = screen.settled
        found = [f for f in screened.reading.found if f.concept in want]
        if not want or {f.concept for f in found if NEGATION not in f.modifiers} != want:
            return None
        if not marked_q and any(f.concept in screen.unsettled for f in screened.reading.found):
            return None  # "... and keep an eye on him": still watching
        if marked_q:
            last = max(f.sentence for f in screened.reading.found)
            before = [f for f in found if f.sentence < last]
            if {f.concept for f in before if NEGATION not in f.modifiers} == want:
                found = before
        return max(f.end for f in found)

    def _told_over(
        self, hit: Hit, screened: Screened, marked: list[str], state: State, text: str, lang: str
    ) -> _Routed | None:
        """An event told as over in one message, help's word said and a question asked after
        it ("my pump alarmed last week, they checked it and it works perfectly. how long does
        the battery last?"): the question's answer, the emergency's first line leading. Only
        for the situations emergency.yaml's `told_over` names (never an overdose), and not
        inside a crisis. Inside such an emergency, the same telling ("spoke to the pump team,
        they said it's only the low battery warning. how long do the batteries last?")
        moves on from it, as help's word and a question do when no rule reads them."""
        told_over = self.kb.screen.told_over
        if hit.kind != "emergency" or hit.crisis or state.crisis:
            return None
        if hit.message not in told_over or (state.emergency and state.emergency not in told_over):
            return None
        marked_q = _question_marked(text)
        settled = self._settled(screened, marked_q)
        # asked as a question (not only in words enough: "me dijeron en la clínica que...")
        if settled is None or not self._asks_after(screened, settled, marked_q, anew=False):
            return None
        tokens = [t for t in marked if t not in MARKS]
        router = self._in.get(lang, self)
        routed = router._route(
            self._after_moving_on(screened, marked, tokens, settled, marked_q), state, text, lang
        )
        if routed.reply.kind not in ASKED:
            return None
        reply = self.composer.with_line(routed.reply, state.emergency or hit.message)
        if router is not self:  # answered in the message's language
            reply = replace(reply, lang=router.language)
        return replace(routed, reply=reply, state=replace(routed.state, emergency=""))

    def _asks_after(
        self, screened: Screened, start: int, marked_q: bool = False, anew: bool = True
    ) -> bool:
        """Do the words from `start` ask something anew: in words enough (`_asks_anew`, unless
        not `anew`: then only as a question), opened as a question ("how should i store it
        so this doesnt happen again?"), or a sentence or clause of their own that the message
        ends with a question mark (`marked_q`: "... me la revisan mañana. oye y con la bomba
        me puedo meter a la alberca?")?"""
        tokens = screened.reading.tokens
        at = [k for k in range(start, len(tokens)) if tokens[k] not in MARKS]
        if not at:
            return False
        words = [tokens[k] for k in at]
        own_clause = any(tokens[k] in MARKS for k in range(start, at[-1]))
        if marked_q and own_clause and len(_said(words)) >= 2:  # "¿qué llevo?" says one
            return True
        # opened as a question, after a lead-in of two words at most ("mientras tanto,
        # ¿puedo manejar...?", "oh and how should i...")
        lead = set(at[: LEAD_IN + 1])
        return bool(_question_opens(screened) & lead) or (anew and self._asks_anew(words))

    def _safety_reply(self, hit: Hit, state: State, lang: str = "en") -> tuple[Reply, State]:
        kind: Kind = hit.kind
        reply = self.composer.message(kind, hit.message, rule=hit.rule, lang=lang)
        crisis = state.crisis or kind == "crisis" or hit.crisis
        emergency = hit.message if kind == "emergency" else state.emergency
        return reply, state.next(pending=(), crisis=crisis, emergency=emergency)

    def _sure_answer(self, routed: _Routed) -> bool:
        """An answer the matcher is sure enough of to keep its place beside a doubt of an
        emergency (the doubt's first line leading it) or inside one: decided "answer",
        its best intent scoring `Thresholds.sure` or more (answers start lower), or a
        topic's own title (what the kiosk's buttons and suggestions send)."""
        if routed.reply.rule == "match.title":  # a topic's own title: a button the bot offered
            return True
        d = routed.decision
        return (
            routed.reply.kind == "answer"
            and d is not None
            and d.action == "answer"
            and bool(d.candidates)
            and d.candidates[0].score >= self.settings.thresholds.sure
        )

    def _emergency_turn(
        self,
        routed: _Routed,
        screened: Screened,
        state: State,
        situation: str,
        lang: str,
        settled: int | None = None,
        marked_q: bool = False,
        heard: bool = False,
    ) -> _Routed:
        """Inside an emergency (or a message with a sign of one), the emergency comes first:
        follow-ups get emergency guidance; only a confident answer or a goodbye moves on,
        and even then the emergency's first line leads. `heard`: the last turn was help's
        word (`State.heard`); help's word alone in this one is heard so for the next."""
        reply = routed.reply
        says = screened.reading.says
        unsettled = any(says(c) for c in self.kb.screen.unsettled)  # "...and keep an eye"
        # thanks with no question in it closes a telling however long ("ya conseguí en una
        # farmacia de 24 horas, me lo dieron con la receta vieja, gracias")
        thanked = says(THANKS) and not says(ASKS_Q)
        # ...and thanks alone, after help's word in the turn before ("called poison help,
        # they said she'll be fine" / "ok brilliant, thanks so much"), closes it the same way
        closing = (
            heard
            and bool(state.emergency)
            and thanked
            and not (says(NEW_SUBJECT) or marked_q or unsettled)
        )
        if settled is not None or closing:
            # help reached and what it said, then a question asked anew or thanks: moved on
            # (alone, or with "he can stay home", still the emergency's: its follow-up)
            asked = (
                settled is not None
                and reply.kind in ("answer", "clarify")
                and not any(says(c) for c in _ASKED_AFTER_HELP)
                and self._asks_after(screened, settled, marked_q, anew=not thanked)
            )
            if not asked and thanked and not unsettled:
                # "ya conseguí en una farmacia de 24 horas, gracias!!": where help was, and
                # thanks, is no question however many words it takes
                reply = self.composer.message(
                    "smalltalk", "thanks", rule="smalltalk.thanks", lang=lang
                )
            if asked or reply.rule in ("smalltalk.thanks", "smalltalk.goodbye"):
                reply = self.composer.with_line(reply, situation)
                # still watching, as help said ("...and to watch her"): answered, the
                # emergency open for the next turn
                kept = state.emergency if unsettled else ""
                return replace(routed, reply=reply, state=replace(routed.state, emergency=kept))
            if not unsettled:  # help's word alone: its follow-up now, and heard for the next
                routed = replace(routed, state=replace(routed.state, heard=True))
        if (
            state.emergency
            and says(THANKS)
            and not (says(ASKS_Q) or says(NEW_SUBJECT) or marked_q)
            and any(says(c) for c in (HELP_CALLING, *self.kb.screen.settled))
            and not unsettled
        ):
            # "ok calling poison control now, thank you", "pump team are seeing me first thing
            # tomorrow, thanks": help on its way, thanked; the line leads, the emergency stays
            reply = self.composer.message(
                "smalltalk", "help_called", rule="smalltalk.help_called", lang=lang
            )
            reply = self.composer.with_line(reply, situation)
            return _Routed(reply, replace(routed.state, emergency=state.emergency))
        if state.emergency and reply.rule == "smalltalk.thanks":  # "ok thanks": still on it
            rule = "emergency.followup.thanks"
            reply = self.composer.followup("thanks", situation, rule=rule, lang=lang)
            return _Routed(reply, replace(routed.state, emergency=state.emergency))
        moved_on = (
            self._sure_answer(routed) and reply.rule != "smalltalk.more"
        ) or reply.rule == "smalltalk.goodbye"
        found = {f.concept for f in screened.reading.found}
        screen = self.kb.screen
        # "all fine now. different question: ..." moves on, even with words of the emergency
        # (the emergency's first line still leads the reply)
        moving_on = bool(found & screen.move_on) and reply.kind in ("answer", "clarify", "fallback")
        if moving_on:
            moved_on = True
        elif state.emergency and found & screen.stay:  # still about the emergency
            moved_on = False
        elif state.emergency and moved_on and reply.kind == "answer":
            # a short reply inside the emergency is about it, until the person asks anew
            asked = marked_q or screened.reading.says(ASKS_Q) or screened.reading.asks_in_general
            moved_on = self._asks_anew(list(screened.reading.tokens), asked)
        followup = (
            next((key for concept, key in _FOLLOWUPS if concept in found), None)
            if state.emergency and not moving_on
            else None
        )
        if followup is None and moved_on:
            reply = self.composer.with_line(reply, situation)
            return replace(routed, reply=reply, state=replace(routed.state, emergency=""))
        if state.emergency in _FOLLOWUP_SITUATIONS:
            key = followup or "default"
            rule = f"emergency.followup.{key}"
            reply = self.composer.followup(key, situation, rule=rule, lang=lang)
        elif state.emergency:  # its own message is its guidance
            rule = "emergency.followup"
            reply = self.composer.message("emergency", situation, rule=rule, lang=lang)
        else:  # a doubt: not confidently anything else, so the emergency reply
            rule = f"emergency.doubt.{situation}"
            reply = self.composer.message("emergency", situation, rule=rule, lang=lang)
        return _Routed(reply, replace(routed.state, emergency=state.emergency or situation))

    def _asks_beside(
        self,
        screened: Screened,
        marked: list[str],
        reply: Reply,
        state: State,
        text: str,
        router: Chatbot,
        lang: str,
    ) -> bool:
        """Is the reply an answer to a question beside the warning sign: the message without
        the sign's own words still answered, on the same topic (in two content words or
        more) or asked in three or more? ("i feel hopeless lately, can baclofen affect my
        mood?" is; "no pienso estar aquí mucho tiempo" is not: its words about being here
        were what matched; nor is a question taken back: "efectos secundarios? da igual, no
        pienso estar aquí la semana que viene".)"""
        if reply.kind != "answer" or screened.reading.says(DISMISSED):
            return False
        signs = {c for c, _m in self.kb.screen.crisis_doubt}
        said = {
            i for f in screened.reading.found if f.concept in signs for i in range(f.start, f.end)
        }
        rest = [t for i, t in enumerate(marked) if i not in said and t not in MARKS]
        beside = router._route(rest, state, text, lang).reply
        said_beside = self._saying(rest)
        if beside.kind == "answer" and beside.topic == reply.topic and said_beside >= 2:
            return True
        # a question of its own, in words enough to be one (answered, or between two topics)
        return said_beside >= 3 and beside.kind in ("answer", "clarify")

    def _asks_anew(self, tokens: list[str], asked: bool = True) -> bool:
        """Does a message inside an emergency ask something new: the medicine named in a
        question (`asked`: "is baclofen ok with tea?"; told, "it was my baclofen and some
        wine" says what was taken), or ASKS_ANEW_WORDS content words or more?"""
        if asked and any(t in self._ignore for t in tokens):
            return True
        return len(_said(tokens)) >= ASKS_ANEW_WORDS

    def _route(
        self, tokens: list[str], state: State, text: str, lang: str, key: str | None = None
    ) -> _Routed:
        """Everything after the safety screen: the first of ROUTING_STEPS that decides wins."""
        asked = Asked(self, tokens, state, text, lang, key)
        for name, step in ROUTING_STEPS:
            routed = step(asked)
            if routed is not None:
                return replace(routed, step=name)
        raise AssertionError("the last routing step always decides")  # pragma: no cover

    def _follow_up(self, q: Asked) -> tuple[str, str] | None:
        """ "and for my mum?", "what about wine?": a short follow-up to the last answer stays
        on its topic, unless it clearly asks about another one. Returns (topic, why)."""
        last, state = q.state.last_topic, q.state
        if state.emergency or last not in self.kb.answers or not self._is_follow_up(q.tokens):
            return None
        assert last is not None
        medicine = self.kb.answers[last].medicine
        local = last.split(".", 1)[1]
        if q.named and self._asks_of_the_other(q):  # "and what is tramadol for?": not ours
            return None
        if q.named and not self.kb.answers[last].names_other_medicines:  # "and tramadol?"
            topic = f"{medicine}.interactions"
            if topic in self.kb.answers:
                return topic, f"a follow-up naming {q.named}: taking it with other medicines"
        candidates = q.candidates
        best = candidates[0] if candidates else None
        if (
            best is not None
            and q.decision.action == "answer"
            and self.kb.intents[best.intent].target in self.kb.answers
        ):
            # it names another topic when that one stands out from all the rest, the last
            # topic included ("what about driving?"); "and for my mum?" names no topic
            others = [c.score for c in candidates[1:]]
            last_score = next((c.score for c in candidates if c.intent == last), 0.0)
            if best.score - max([last_score, *others]) >= FOLLOW_UP_LEAD:
                return self.kb.intents[best.intent].target, "a follow-up that names a new topic"
        return last, f"a follow-up to the last answer ({local})"

    def _asks_of_the_other(self, q: Asked) -> bool:
        """Does a follow-up that names another medicine ask something of that medicine
        itself ("and what is tramadol for?"), rather than of taking the two together ("and
        tramadol?", "what about with tramadol?")?"""
        name = set(self.kb.normalizer.tokens(q.named or ""))
        # the other medicine stands where ours would: "and what is * for"
        key = q.kb.key_of([MEDICINE if t in name else t for t in q.tokens])
        if not q.kb.matcher.asks_more_than_the_name(key):
            return False
        best = q.kb.matcher.rank(key, limit=1)
        return bool(best) and not best[0].intent.endswith("interactions")

    def _is_follow_up(self, tokens: list[str]) -> bool:
        if len(tokens) > FOLLOW_UP_WORDS:
            return False
        return any(tuple(tokens[: len(cue)]) == cue for cue in self.kb.matcher.lay.follow_ups)

    def _is_medicine(self, word: str) -> bool:
        """Is this written word a covered medicine's name ("baclofène", "lioresal")?"""
        tokens = self.kb.normalizer.tokens(word)
        return len(tokens) == 1 and tokens[0] in self.kb.medicine_words

    def _named_medicine(self, tokens: list[str]) -> str | None:
        """The covered medicine a message names ("lioresal" -> baclofen), if any."""
        words = self.kb.medicine_words
        return next((words[t] for t in tokens if t in words), None)

    def _medicine_name(self, medicine: str | None, lang: str = "en") -> str:
        """How replies name the medicine a conversation is about ({medicine} in content):
        with none known yet, every medicine the content covers ("baclofen or tizanidine")."""
        ids = [medicine] if medicine and medicine in self.kb.medicines else list(self.kb.medicines)
        names = [self.kb.medicines[m] for m in ids]
        names = [n.lower() if n.lower() == m else n for m, n in zip(ids, names, strict=True)]
        if lang in self.kb.translations:  # "baclofeno"
            own = self.kb.translations[lang].medicines
            names = [own.get(m, n) for m, n in zip(ids, names, strict=True)]
        if len(names) == 1:
            return names[0]
        return fill(self.kb.ui.lists.alternatives, items=", ".join(names[:-1]), last=names[-1])

    def _which_medicine(self, q: Asked, topics: tuple[str, ...]) -> _Routed:
        """ "Do you mean baclofen, or tizanidine?": the same question fits two medicines."""
        order = list(self.kb.medicines)  # always in the same order: the content's
        ranked = sorted(topics[:2], key=lambda t: order.index(self.kb.answers[t].medicine))
        choices = tuple(Choice(t, self.kb.medicines[self.kb.answers[t].medicine]) for t in ranked)
        reply = self.composer.which_medicine(choices, rule="match.which_medicine")
        return q.routed(reply, replace(q.fresh, pending=choices))

    def _fallback(
        self, candidates: list[Candidate], about_ours: bool, fresh: State
    ) -> tuple[Reply, State]:
        """No answer: on a question about the medicine, the closest topics to pick from."""
        closest = self._closest(candidates) if about_ours else ()
        if closest:
            reply = self.composer.closest(closest, rule="fallback.closest")
            return reply, replace(fresh, pending=closest)
        return self._message("fallback", "default", rule=NO_MATCH), fresh

    def _closest(
        self, candidates: list[Candidate], limit: int = 3, floor: float | None = None
    ) -> tuple[Choice, ...]:
        """The best few answerable topics that scored at least `floor`, as choices."""
        if floor is None:
            floor = self.settings.thresholds.clarify * CLOSEST_SHARE
        out: list[Choice] = []
        for c in candidates:
            topic = self.kb.intents[c.intent].target
            if c.score < floor or topic not in self.kb.answers:
                continue
            if all(ch.topic != topic for ch in out):
                out.append(Choice(topic, self.kb.answers[topic].title))
            if len(out) == limit:
                break
        return tuple(out)

    def _answer(
        self,
        topic: str,
        state: State,
        rule: str,
        candidates: list[Candidate] | None = None,
        decision: Decision | None = None,
    ) -> _Routed:
        """The topic's answer; asked again right after, its longer part, and then a note
        that it was just covered (never the same paragraph twice in a row)."""
        ans = self.kb.answers[topic]
        fresh = state.next(pending=(), more=False)
        new_state = replace(fresh, last_topic=ans.topic, medicine=ans.medicine)
        if state.last_topic == topic:
            if not state.more and ans.more:
                reply = self.composer.answer(ans, longer=True, rule=f"{rule}.again")
                return _Routed(reply, replace(new_state, more=True), candidates or [], decision)
            reply = self.composer.covered(ans, rule=f"{rule}.covered")
            return _Routed(reply, replace(new_state, more=True), candidates or [], decision)
        return _Routed(self.composer.answer(ans, rule=rule), new_state, candidates or [], decision)

    def _message(self, kind: Kind, key: str, rule: str | None = None) -> Reply:
        return self.composer.message(kind, key, rule=rule or f"{kind}.{key}")

    def _fixed(self, target: str, state: State, fresh: State) -> tuple[Reply, State]:
        """A smalltalk or fixed fallback reply; "tell me more" continues the last answer."""
        head, _, key = target.partition(".")
        if head == SMALLTALK and key == "more":
            if state.last_topic in self.kb.answers:
                ans = self.kb.answers[state.last_topic]  # type: ignore[index]
                reply = self.composer.answer(ans, longer=True, rule="smalltalk.more")
                return reply, replace(
                    fresh, last_topic=ans.topic, medicine=ans.medicine, more=bool(ans.more)
                )
            return self.composer.message("smalltalk", "more_none", rule="smalltalk.more"), fresh
        kind = "smalltalk" if head == SMALLTALK else "fallback"
        return self.composer.message(kind, key, rule=f"{head}.{key}"), fresh  # type: ignore[arg-type]

    def _other_reply(self, name: str) -> Reply:
        return self.composer.message(
            "fallback", "other_medicine", rule="fallback.other_medicine", other=name
        )

    def names_only_another_medicine(self, tokens: list[str]) -> bool:
        """Does the message name a medicine the bot does not cover, and none it does?"""
        return not self.names_ours(tokens) and self._other_medicine(tokens) is not None

    def names_ours(self, tokens: Sequence[str]) -> bool:
        """Does the message name a medicine the bot covers (a name or a brand)?"""
        return not self._ignore.isdisjoint(tokens)

    def _other_medicine(self, tokens: list[str]) -> str | None:
        return next(self._other_medicines(tokens), None)

    def _other_medicines(self, tokens: list[str]) -> Iterator[str]:
        """The other medicines the words name, in order (a name once per place)."""
        n = len(tokens)
        for i in range(n):
            for size in range(min(self._other_longest, n - i), 0, -1):
                name = self.kb.other_medicines.get(tuple(tokens[i : i + size]))
                if name:
                    yield name
                    break

    def _pick(self, text: str, choices: tuple[Choice, ...]) -> Choice | None:
        if _FIRST.match(text):
            return choices[0]
        if _SECOND.match(text) and len(choices) > 1:
            return choices[1]
        for choice in choices:
            title = " ".join(self.kb.normalizer.tokens(choice.title))
            if text == title or (len(text) > 3 and text in title):
                return choice
        return None


class Asked:
    """One message as the routing steps see it, after the safety screen found nothing.
    What a step needs is worked out once, when a step first asks for it."""

    def __init__(
        self,
        bot: Chatbot,
        tokens: list[str],
        state: State,
        written: str = "",
        lang: str = "en",
        key: str | None = None,
    ) -> None:
        self.bot, self.kb, self.tokens, self.state = bot, bot.kb, tokens, state
        self.text = " ".join(tokens)
        self.written = written  # the message as typed (for telling its language)
        self.lang = lang  # the language of a safety reply to it
        self.fresh = state.next(pending=(), more=False)
        # the words as the matcher reads them (`KnowledgeBase.key_of`), when already read
        self.key = key if key is not None else self.kb.key_of(tokens, written)

    @cached_property
    def ours(self) -> str | None:
        """The covered medicine the message names ("lioresal" -> baclofen), if any."""
        return self.bot._named_medicine(self.tokens)

    @cached_property
    def others(self) -> tuple[str, ...]:
        """The other medicines the message names ("tramadol"), in order."""
        return tuple(self.bot._other_medicines(self.tokens))

    @cached_property
    def named(self) -> str | None:
        """Another medicine the message names ("tramadol"), if any."""
        return self.others[0] if self.others else None

    @cached_property
    def scope(self) -> str | None:
        """The medicine the question is about: the one it names, else the conversation's."""
        if self.ours:
            return self.ours
        return self.state.medicine if self.state.medicine in self.kb.medicines else None

    @cached_property
    def candidates(self) -> list[Candidate]:
        scope, of = self.scope, self.bot._medicine_of
        keep = None if scope is None else (lambda intent: of.get(intent) in (None, scope))
        return self.kb.matcher.rank(self.key, keep=keep)

    @cached_property
    def decision(self) -> Decision:
        return self.kb.matcher.decide(self.candidates, self.key)

    def routed(self, reply: Reply, state: State | None = None) -> _Routed:
        """A reply with the matching evidence worked out so far (for `explain`)."""
        seen = self.__dict__
        return _Routed(
            reply,
            self.fresh if state is None else state,
            list(seen.get("candidates", [])),
            seen.get("decision"),
            None if self.ours else seen.get("named"),
        )

    def answer(self, topic: str, rule: str) -> _Routed:
        seen = self.__dict__
        return self.bot._answer(
            topic, self.state, rule, list(seen.get("candidates", [])), seen.get("decision")
        )

    def fallback(self) -> _Routed:
        about_ours = bool(self.ours or self.state.medicine)
        return self.routed(*self.bot._fallback(self.candidates, about_ours, self.fresh))


# --- the routing steps, in order: each decides (returns a reply) or passes (None) -------------


def empty(q: Asked) -> _Routed | None:
    if not q.tokens:
        return q.routed(q.bot._message("fallback", "empty"))
    return None


def pending_choice(q: Asked) -> _Routed | None:
    """A reply to "Do you mean A or B?": "the first", "B", or the choice's own words."""
    if not q.state.pending:
        return None
    chosen = q.bot._pick(q.text, q.state.pending)
    if chosen is not None and chosen.topic in q.kb.answers:
        return q.answer(chosen.topic, "clarify.chosen")
    return None


def gibberish(q: Asked) -> _Routed | None:
    if not any(ch.isalpha() for ch in q.text):
        return q.routed(q.bot._message("fallback", "gibberish"))
    return None


def exact_title(q: Asked) -> _Routed | None:
    """A topic's own title (kiosk buttons and suggestions send titles)."""
    by_medicine = q.bot._titles.get(q.text)
    if not by_medicine:
        return None
    topic = by_medicine.get(q.scope) if q.scope else None
    if topic is None and len(by_medicine) == 1:
        topic = next(iter(by_medicine.values()))
    if topic is None:  # the same title in two medicines, and no medicine known yet
        return q.bot._which_medicine(q, tuple(by_medicine.values()))
    return q.answer(topic, "match.title")


def smalltalk(q: Asked) -> _Routed | None:
    """Thanks, greetings, "who are you", "tell me more": matched on the whole text."""
    phrase = q.kb.phrases.best(q.text)
    t = q.bot.settings.thresholds
    if (
        (q.ours or not q.named)
        and phrase is not None
        and phrase.score >= t.smalltalk
        and (not q.candidates or phrase.score >= q.candidates[0].score)
        # naming the medicine with a topic in reach is a question about it ("como funciona
        # el baclofeno" is not "como funciona esto")
        and not (q.ours and q.candidates and q.candidates[0].score >= t.clarify)
        # nor is a greeting before "what is it?" ("hiya, whats baclofen then"): name only
        and not (q.ours and q.kb.matcher.asks_what_it_is(q.key))
    ):
        reply, new_state = q.bot._fixed(q.kb.intents[phrase.intent].target, q.state, q.fresh)
        why = f"whole-text match {phrase.score:.0f}"
        decision = Decision("answer", (phrase, *q.candidates[:4]), why)
        return _Routed(reply, new_state, [phrase, *q.candidates], decision)
    return None


def another_language(q: Asked) -> _Routed | None:
    """Written in a language the bot cannot read (and no greeting or thanks it knows): it
    could say anything, so, when unsure, the emergency numbers and the crisis line."""
    # taken for another language this bot reads, it may still be none of it (a Vietnamese
    # message is not Spanish for its accents)
    reads = q.lang if q.lang == q.bot.language else "en"
    why = unread_language(q.written, q.kb.normalizer.english, q.bot._is_medicine, reads)
    if why is None:
        return None
    crisis = bool(set(re.findall(r"\w+", q.written.lower())) & DEATH_WORDS)
    rule = UNREAD_CRISIS if crisis else "emergency.other_language"
    reply = q.bot.composer.message("emergency", "other_language", rule=rule, lang=q.lang)
    routed = q.routed(reply, replace(q.fresh, emergency="other_language", crisis=crisis))
    return replace(routed, language=why)


def follow_up(q: Asked) -> _Routed | None:
    """ "and for my mum?": a short follow-up stays on the last answer's topic."""
    found = q.bot._follow_up(q)
    if found is None:
        return None
    topic, why = found
    routed = q.answer(topic, "match.follow_up")
    return replace(routed, decision=Decision("answer", tuple(q.candidates), why))


def name_only(q: Asked) -> _Routed | None:
    """Nothing but the name ("what is baclofen?", "gablofen"): say what it is."""
    if (
        q.ours
        and not q.kb.matcher.asks_more_than_the_name(q.key)
        and f"{q.ours}.about" in q.kb.answers
    ):
        return q.answer(f"{q.ours}.about", NAME_ONLY)
    return None


def other_medicine(q: Asked) -> _Routed | None:
    """ "tizanidine side effects", naming none of ours: not ours to answer. Unless the
    message points back to ours and asks what sets the two apart or how they mix: "how is
    it different from tizanidine?" after baclofen; then a topic whose answer names other
    medicines answers it, the best that scores an answer when it is not the best of all
    ("lo puedo tomar con mi clonazepam? lo tomo pa los nervios": nerves, but asked beside
    ours)."""
    if not q.named or q.ours:
        return None
    beside = _beside_ours(q)
    if beside is None:
        return q.routed(q.bot._other_reply(q.named))
    if beside != q.kb.intents[q.candidates[0].intent].target:
        return q.answer(beside, "match.beside_ours")
    return None


def _beside_ours(q: Asked) -> str | None:
    """The topic that answers another medicine asked about beside ours, if the message
    points back to the conversation's medicine ("it") or, with one medicine in the content,
    puts the two together or side by side ("se puede mezclar con benadryl?", "es igual q la
    ciclobenzaprina?"), and the best topic's answer names other medicines (a comparison, an
    interaction). Pointed back to and put together both ("lo puedo tomar con mi
    clonazepam?"), the best such topic that scores an answer, wherever it ranks, and when
    none does, the conversation's medicine's interactions ("also I'm on citalopram, is
    that ok with it?")."""
    profile = q.kb.matcher.profile
    if q.state.medicine in q.kb.medicines:
        said = profile.refers
    elif len(q.kb.medicines) == 1 and len(set(q.others)) == 1:
        said = profile.refers | profile.mixes  # "can you take ibuprofen with tylenol": theirs
    else:
        return None
    words = set(q.tokens)
    both = bool(profile.refers & words) and bool(profile.mixes & words)
    if not said & words or (q.decision.action != "answer" and not both):
        return None
    floor = q.bot.settings.thresholds.answer
    for c in q.candidates if both else q.candidates[:1]:
        answer = q.kb.answers.get(q.kb.intents[c.intent].target)
        if c.score < floor:
            break
        if answer is not None and answer.names_other_medicines:
            return answer.topic
    # pointed back to and put together, none scoring an answer ("also I'm on citalopram,
    # is that ok with it?"): how the two mix, the conversation's medicine's interactions
    mixing = f"{q.state.medicine}.interactions"
    return mixing if both and mixing in q.kb.answers else None


def which_medicine(q: Asked) -> _Routed | None:
    """The question names no medicine, none is known yet, and the same topic of two
    medicines fits it (or two medicines tie): ask which medicine, by name."""
    if q.scope is not None or len(q.kb.medicines) < 2 or q.decision.action == "fallback":
        return None
    of = q.bot._medicine_of
    first = q.candidates[0]
    medicine = of.get(first.intent)
    if medicine is None:
        return None
    rival = next((c for c in q.candidates if of.get(c.intent) not in (None, medicine)), None)
    if rival is None:
        return None
    t = q.bot.settings.thresholds
    local = q.kb.intents[first.intent].target.split(".", 1)[1]
    if q.kb.intents[rival.intent].target.split(".", 1)[1] == local:
        if rival.score < t.clarify:  # the same topic, but the other medicine's hardly fits
            return None
    elif first.score - rival.score >= t.margin:  # different topics: only a tie is a doubt
        return None
    topics = tuple(q.kb.intents[c.intent].target for c in (first, rival))
    return q.bot._which_medicine(q, topics)


def two_medicines(q: Asked) -> _Routed | None:
    """ "baclofen and metformin": what is known about taking it with other medicines."""
    topic = f"{q.ours}.interactions"
    if q.decision.action == "fallback" and q.ours and q.named and topic in q.kb.answers:
        return q.answer(topic, "match.two_medicines")
    return None


def no_match(q: Asked) -> _Routed | None:
    """Nothing scored high enough: on a question about the medicine, its closest topics."""
    return q.fallback() if q.decision.action == "fallback" else None


def clarify(q: Asked) -> _Routed | None:
    """Two topics really close: ask which one is meant."""
    if q.decision.action != "clarify":
        return None
    choices = q.bot._closest(q.candidates, 2, q.bot.settings.thresholds.clarify)
    if len(choices) == 2:
        reply = q.bot.composer.clarify(choices, rule="match.clarify")
        return q.routed(reply, replace(q.fresh, pending=choices))
    if q.candidates[0].score < q.bot.settings.thresholds.answer:  # one is "something else"
        return q.fallback()
    return None  # only one topic to offer: answer it


def best_topic(q: Asked) -> _Routed | None:
    """The matcher's best intent: its topic's answer, or its fixed reply."""
    target = q.kb.intents[q.candidates[0].intent].target
    if target in q.kb.answers:
        return q.answer(target, f"match.{q.decision.action}")
    if q.ours:  # about something else altogether, but naming the medicine: its closest topics
        return q.fallback()
    return q.routed(q.bot._fixed(target, q.state, q.fresh)[0])


RoutingStep = Callable[[Asked], "_Routed | None"]

#: After the safety screen, these decide in turn; the first that returns a reply wins.
#: `chatbot explain` names the step that decided.
ROUTING_STEPS: tuple[tuple[str, RoutingStep], ...] = (
    ("empty", empty),
    ("pending choice", pending_choice),
    ("gibberish", gibberish),
    ("exact title", exact_title),
    ("smalltalk", smalltalk),
    ("another language", another_language),
    ("follow-up", follow_up),
    ("name only", name_only),
    ("other medicine", other_medicine),
    ("which medicine", which_medicine),
    ("two medicines", two_medicines),
    ("no match", no_match),
    ("clarify", clarify),
    ("best topic", best_topic),
)
