"""Load the content folders once into one immutable `KnowledgeBase`.

Loading never raises for bad content: it returns the problems found (with file
and line) and no knowledge base when any of them is an error. The same
problems are what `chatbot check` prints.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from . import schema
from .matcher import Matcher, PhraseMatcher, content_words
from .normalize import Normalizer, clean, english_lexicon, words
from .safety import (
    CANARIES,
    SAFETY_ORDER,
    Rule,
    RuleError,
    SafetyScreen,
    compile_pattern,
    term_regex,
)
from .settings import Thresholds
from .types import Problem, Source, TopicInfo
from .yamlio import Doc, read_yaml

#: A dose amount, schedule, maximum or price: never allowed in anything the bot says.
DOSE_PATTERN = re.compile(
    r"\b\d+(?:[.,]\d+)?\s*(?:mg|mcg|µg|micrograms?|milligrams?|ml|millilit(?:er|re)s?|g\b|grams?"
    r"|tablets?|tabs?|pills?|capsules?|doses?|times?|x)\b"
    r"|\b(?:once|twice|thrice|one|two|three|four|five|six|\d+)\s+(?:times?\s+)?(?:a|per|each)\s+day\b"
    r"|\bevery\s+(?:\d+|one|two|three|four|five|six|eight|twelve)\s+hours?\b"
    r"|\b(?:up\s+to|maximum\s+of|max(?:imum)?\s+)\s*\d+"
    r"|[$£€]\s*\d|\b\d+\s*(?:dollars|pounds|euros|cents)\b",
    re.IGNORECASE,
)

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
    reviewed: Any  # datetime.date
    suggestions: tuple[str, ...]  # qualified topics
    where: tuple[str, int]


@dataclass(frozen=True)
class Intent:
    id: str  # qualified: "baclofen.alcohol", "smalltalk.greeting"
    target: str  # a qualified topic, or "smalltalk.<key>" / "fallback.<key>"
    examples: tuple[str, ...]
    where: tuple[str, int]

    @property
    def kind(self) -> str:
        head = self.target.split(".", 1)[0]
        return head if head in (SMALLTALK, FALLBACK) else "answer"


@dataclass(frozen=True)
class KnowledgeBase:
    medicines: Mapping[str, str]  # id -> display name
    answers: Mapping[str, Answer]
    intents: Mapping[str, Intent]
    regions: Mapping[str, schema.Region]
    default_region: str
    messages: schema.MessagesFile
    normalizer: Normalizer
    screen: SafetyScreen
    matcher: Matcher  # topics, on content words
    phrases: PhraseMatcher  # smalltalk and fixed fallbacks, on the whole text
    medicine_words: Mapping[str, str]  # normalised name -> medicine id
    other_medicines: Mapping[tuple[str, ...], str]  # normalised words -> name as listed
    titles: Mapping[str, str]  # normalised answer title -> topic

    def topics(self) -> list[TopicInfo]:
        return [TopicInfo(a.topic, a.title) for a in self.answers.values()]


@dataclass
class _Loader:
    knowledge_dir: Path
    intents_dir: Path
    thresholds: Thresholds
    root: Path
    problems: list[Problem]

    def read(self, path: Path, model: type[schema.Strict]) -> tuple[Doc | None, Any]:
        if not path.exists():
            self.problems.append(
                Problem(
                    self.show(path),
                    0,
                    0,
                    "E004",
                    "error",
                    "required file is missing",
                    f"create it; see docs/content-format.md ({model.__doc__})",
                )
            )
            return None, None
        doc, problems = read_yaml(path, self.root)
        self.problems.extend(problems)
        if doc is None:
            return None, None
        value, problems = schema.validate(doc, model)
        self.problems.extend(problems)
        return doc, value

    def show(self, path: Path) -> str:
        try:
            return str(path.resolve().relative_to(self.root.resolve()))
        except ValueError:
            return str(path)

    def error(
        self, doc: Doc, key: tuple[str | int, ...], code: str, msg: str, hint: str = ""
    ) -> None:
        self.problems.append(doc.problem(key, code, msg, hint))


def common_root(*dirs: Path) -> Path:
    parents = [d.resolve().parent for d in dirs]
    root = parents[0]
    while not all(p == root or root in p.parents for p in parents):
        root = root.parent
    return root


def load(
    knowledge_dir: Path, intents_dir: Path, thresholds: Thresholds | None = None
) -> tuple[KnowledgeBase | None, list[Problem]]:
    """Read and check all content. Returns (None, problems) if any problem is an error."""
    thresholds = thresholds or Thresholds()
    ld = _Loader(
        Path(knowledge_dir),
        Path(intents_dir),
        thresholds,
        common_root(Path(knowledge_dir), Path(intents_dir)),
        [],
    )
    kdir, idir = ld.knowledge_dir, ld.intents_dir
    for d in (kdir, idir):
        if not d.is_dir():
            ld.problems.append(Problem(str(d), 0, 0, "E005", "error", "content folder not found"))
    if ld.problems:
        return None, ld.problems

    contacts_doc, contacts = ld.read(kdir / "contacts.yaml", schema.ContactsFile)
    messages_doc, messages = ld.read(kdir / "messages.yaml", schema.MessagesFile)
    syn_doc, synonyms = ld.read(idir / "synonyms.yaml", schema.SynonymsFile)
    other_doc, others = ld.read(idir / "other_medicines.yaml", schema.OtherMedicinesFile)

    # --- medicines: knowledge/<id>/answers.yaml + sources.yaml ---------------------
    medicines: dict[str, str] = {}
    answers: dict[str, Answer] = {}
    answer_docs: dict[str, tuple[Doc, int]] = {}
    for mdir in sorted(p for p in kdir.iterdir() if p.is_dir()):
        a_doc, afile = ld.read(mdir / "answers.yaml", schema.AnswersFile)
        s_doc, sfile = ld.read(mdir / "sources.yaml", schema.SourcesFile)
        if afile is None or a_doc is None:
            continue
        med = afile.medicine
        if med != mdir.name:
            ld.error(
                a_doc,
                ("medicine",),
                "E020",
                f"medicine '{med}' does not match its folder '{mdir.name}'",
                f"write 'medicine: {mdir.name}' or rename the folder",
            )
        medicines[med] = afile.name or med.capitalize()
        known_sources = sfile.sources if sfile else {}
        for i, entry in enumerate(afile.answers):
            topic = f"{med}.{entry.topic}"
            if topic in answers:
                ld.error(
                    a_doc,
                    ("answers", i, "topic"),
                    "E021",
                    f"duplicate answer for topic '{entry.topic}' "
                    f"(first at line {answers[topic].where[1]})",
                    "keep one of them",
                )
                continue
            srcs = []
            for j, key in enumerate(entry.sources):
                if key not in known_sources:
                    ld.error(
                        a_doc,
                        ("answers", i, "sources", j),
                        "E022",
                        f"answer '{entry.topic}' cites unknown source '{key}'",
                        f"add '{key}' to {ld.show(mdir / 'sources.yaml')}",
                    )
                else:
                    s = known_sources[key]
                    srcs.append(Source(s.title, s.url))
            for field in ("title", "short", "more"):
                text = getattr(entry, field) or ""
                m = DOSE_PATTERN.search(text)
                if m:
                    ld.error(
                        a_doc,
                        ("answers", i, field),
                        "E030",
                        f"answer '{entry.topic}' {field} states a dose amount, schedule or "
                        f"price: '{m.group(0)}'",
                        "the bot never gives amounts; send people to their prescriber",
                    )
            line = a_doc.where(("answers", i))[0]
            answers[topic] = Answer(
                topic,
                med,
                entry.title,
                entry.short,
                entry.more,
                tuple(srcs),
                entry.reviewed,
                tuple(f"{med}.{s}" for s in entry.suggestions),
                (a_doc.path, line),
            )
            answer_docs[topic] = (a_doc, i)
    for topic, (a_doc, i) in answer_docs.items():
        for j, s in enumerate(answers[topic].suggestions):
            if s not in answers:
                ld.error(
                    a_doc,
                    ("answers", i, "suggestions", j),
                    "E023",
                    f"answer '{topic.split('.', 1)[1]}' suggests unknown topic "
                    f"'{s.split('.', 1)[1]}'",
                    "use a topic id that has an answer",
                )

    # --- messages and contacts ------------------------------------------------------
    regions: dict[str, schema.Region] = dict(contacts.regions) if contacts else {}
    default_region = contacts.default_region if contacts else "US"
    if contacts and contacts_doc and default_region not in regions:
        ld.error(
            contacts_doc,
            ("default_region",),
            "E024",
            f"default_region '{default_region}' is not one of the regions",
            f"known regions: {', '.join(regions)}",
        )
    if messages and messages_doc:
        _check_messages(ld, messages_doc, messages)

    # --- intents --------------------------------------------------------------------
    raw_intents: list[tuple[str, str, list[str], Doc, int]] = []  # id, target, examples
    intent_files: list[tuple[Path, str]] = []
    for name in ("smalltalk", "fallback"):
        if (idir / f"{name}.yaml").exists():
            intent_files.append((idir / f"{name}.yaml", name))
    for med in medicines:
        for path in sorted((idir / med).glob("*.yaml")) if (idir / med).is_dir() else []:
            intent_files.append((path, med))
    for mdir in sorted(p for p in idir.iterdir() if p.is_dir() and p.name != "safety"):
        if mdir.name not in medicines:
            ld.problems.append(
                Problem(
                    ld.show(mdir),
                    0,
                    0,
                    "E025",
                    "error",
                    f"intents folder '{mdir.name}' has no knowledge/{mdir.name}/",
                    "every medicine needs both folders",
                )
            )
    seen_ids: dict[str, tuple[str, int]] = {}
    for path, group in intent_files:
        doc, ifile = ld.read(path, schema.IntentsFile)
        if ifile is None or doc is None:
            continue
        for i, entry in enumerate(ifile.intents):
            qid = f"{group}.{entry.id}"
            line = doc.where(("intents", i))[0]
            if qid in seen_ids:
                ld.error(
                    doc,
                    ("intents", i, "id"),
                    "E026",
                    f"duplicate intent id '{entry.id}' (first in {seen_ids[qid][0]}:"
                    f"{seen_ids[qid][1]})",
                    "rename one or merge their examples",
                )
                continue
            seen_ids[qid] = (doc.path, line)
            target = _target(group, entry, medicines)
            if not _target_exists(target, answers, messages):
                ld.error(
                    doc,
                    ("intents", i, "answer" if entry.answer else "id"),
                    "E027",
                    f"intent '{entry.id}' leads to '{target}', which has no answer or message",
                    "add the answer to knowledge/, or set 'answer:' to an existing topic",
                )
                continue
            raw_intents.append((qid, target, list(entry.examples), doc, i))

    # --- normaliser (needs every known word) -------------------------------------------
    safety_docs = []
    for path in sorted((idir / "safety").glob("*.yaml")) if (idir / "safety").is_dir() else []:
        doc, sfile = ld.read(path, schema.SafetyFile)
        if sfile is not None and doc is not None:
            safety_docs.append((doc, sfile))
    known_texts: list[str] = []
    for _qid, _t, examples, _d, _i in raw_intents:
        known_texts.extend(examples)
    known_texts.extend(a.title for a in answers.values())
    for _doc, sfile in safety_docs:
        known_texts.extend(sfile.negation)
        for phrases in sfile.terms.values():
            known_texts.extend(p.rstrip("*") for p in phrases)
        for rule in sfile.rules:
            known_texts.extend(rule.examples)
            # the words a rule spells out are known words too: "halve" is not "have"
            for pattern in (*rule.patterns, *rule.unless):
                known_texts.extend(re.findall(r"(?<![\\a-z])[a-z]{3,}", pattern))
    other_names = list(others.medicines) if others else []
    known_texts.extend(other_names)
    syn_map = dict(synonyms.synonyms) if synonyms else {}
    safety_words = [p.rstrip("*") for _d, sf in safety_docs for ps in sf.terms.values() for p in ps]
    normalizer = Normalizer.build(
        syn_map, known_texts, thresholds.typo, english_lexicon, priority=safety_words
    )

    screen = _compile_safety(ld, safety_docs, normalizer, messages)

    # --- medicine names and other medicines ----------------------------------------------
    medicine_words: dict[str, str] = {}
    for med, name in medicines.items():
        for w in normalizer.tokens(med) + normalizer.tokens(name):
            medicine_words[w] = med
    other: dict[tuple[str, ...], str] = {}
    for j, name in enumerate(other_names):
        key = tuple(normalizer.tokens(name))
        if any(w in medicine_words for w in key) and other_doc is not None:
            ld.error(
                other_doc,
                ("medicines", j),
                "E028",
                f"'{name}' is listed as another medicine but names a covered one",
                "remove it from other_medicines.yaml",
            )
        elif key:
            other[key] = name

    # --- examples: normalise once, reject any that trip a safety rule ------------------
    rows: list[tuple[str, str, str]] = []
    phrase_rows: list[tuple[str, str, str]] = []
    ignore = frozenset(medicine_words)
    intents: dict[str, Intent] = {}
    for qid, target, examples, doc, i in raw_intents:
        for j, example in enumerate(examples):
            tokens = normalizer.tokens(example)
            hit = screen.screen(" ".join(tokens)) if screen else None
            if hit is not None:
                ld.error(
                    doc,
                    ("intents", i, "examples", j),
                    "E040",
                    f"example of '{qid.split('.', 1)[1]}' trips the {hit.kind} rule "
                    f"'{hit.rule}': \"{example}\"",
                    "safety rules run first, so this example could never be reached; "
                    "remove it or reword it",
                )
                continue
            if target.split(".", 1)[0] in (SMALLTALK, FALLBACK):
                phrase_rows.append((qid, example, " ".join(tokens)))
            else:
                rows.append((qid, example, content_words(tokens, ignore)))
        intents[qid] = Intent(
            qid, target, tuple(examples), (doc.path, doc.where(("intents", i))[0])
        )
    # every answer's title also leads to its topic (kiosk buttons send titles)
    for topic, ans in answers.items():
        if topic in intents:
            rows.append((topic, ans.title, content_words(normalizer.tokens(ans.title), ignore)))
    matcher = Matcher.build(rows, thresholds)

    if any(p.severity == "error" for p in ld.problems) or messages is None or screen is None:
        return None, ld.problems
    kb = KnowledgeBase(
        medicines=MappingProxyType(medicines),
        answers=MappingProxyType(answers),
        intents=MappingProxyType(intents),
        regions=MappingProxyType(regions),
        default_region=default_region,
        messages=messages,
        normalizer=normalizer,
        screen=screen,
        matcher=matcher,
        phrases=PhraseMatcher.build(phrase_rows),
        medicine_words=MappingProxyType(medicine_words),
        other_medicines=MappingProxyType(other),
        titles=MappingProxyType(
            {" ".join(normalizer.tokens(a.title)): t for t, a in answers.items()}
        ),
    )
    return kb, ld.problems


def _target(group: str, entry: schema.IntentEntry, medicines: Mapping[str, str]) -> str:
    if entry.answer and "." in entry.answer:
        return entry.answer
    if group in medicines:
        return f"{group}.{entry.answer or entry.id}"
    return f"{group}.{entry.answer or entry.id}"


def _target_exists(target: str, answers: Mapping[str, Answer], messages: Any) -> bool:
    head, _, key = target.partition(".")
    if head in (SMALLTALK, FALLBACK):
        if messages is None:
            return True  # reported elsewhere
        if head == SMALLTALK and key == "more":
            return True  # "tell me more" shows the last answer's longer part
        return key in getattr(messages, head)
    return target in answers


REQUIRED_MESSAGES = {
    "crisis": ("default", "followup"),
    "refusal": ("default",),
    "fallback": ("default", "other_medicine", "gibberish", "empty"),
    "smalltalk": ("welcome", "more_none"),
}
PLACEHOLDERS = frozenset(
    [
        "emergency_line",
        "crisis_line",
        "emergency_number",
        "poison_name",
        "poison_number",
        "crisis_name",
        "crisis_number",
        "topics",
        "medicine",
        "a",
        "b",
    ]
)


def _check_messages(ld: _Loader, doc: Doc, messages: schema.MessagesFile) -> None:
    for kind, keys in REQUIRED_MESSAGES.items():
        have = getattr(messages, kind)
        for key in keys:
            if key not in have:
                ld.error(
                    doc,
                    (kind,),
                    "E031",
                    f"messages.yaml has no {kind}.{key}",
                    f"add '{key}:' under '{kind}:'",
                )
    for kind in ("emergency", "crisis", "refusal", "fallback", "smalltalk"):
        for key, text in getattr(messages, kind).items():
            for name in re.findall(r"\{([^{}]*)\}", text):
                if name not in PLACEHOLDERS:
                    ld.error(
                        doc,
                        (kind, key),
                        "E032",
                        f"unknown placeholder {{{name}}} in {kind}.{key}",
                        f"known: {', '.join(sorted(PLACEHOLDERS))}",
                    )
            m = DOSE_PATTERN.search(text)
            if m:
                ld.error(
                    doc, (kind, key), "E030", f"{kind}.{key} states a dose amount: '{m.group(0)}'"
                )
    for key, text in messages.emergency.items():
        if not text.lstrip().startswith("{emergency_line}"):
            ld.error(
                doc,
                ("emergency", key),
                "E033",
                f"emergency.{key} must start with {{emergency_line}}",
                "the emergency number always comes first",
            )
    for key in ("default", "followup"):
        text = messages.crisis.get(key, "{crisis_line}")
        if not text.lstrip().startswith("{crisis_line}"):
            ld.error(
                doc,
                ("crisis", key),
                "E033",
                f"crisis.{key} must start with {{crisis_line}}",
                "the crisis line always comes first",
            )
    if any(ch.isdigit() for key, text in messages.refusal.items() for ch in text):
        ld.error(
            doc,
            ("refusal",),
            "E034",
            "refusal texts must contain no digits",
            "a refusal never gives a number",
        )


def _compile_safety(
    ld: _Loader,
    docs: list[tuple[Doc, schema.SafetyFile]],
    normalizer: Normalizer,
    messages: schema.MessagesFile | None,
) -> SafetyScreen | None:
    terms: dict[str, str] = {}
    negation: list[str] = []
    term_where: dict[str, str] = {}
    for doc, sfile in docs:
        for name, phrases in sfile.terms.items():
            if name in terms:
                ld.error(
                    doc,
                    ("terms", name),
                    "E041",
                    f"term '{name}' is defined twice (also in {term_where[name]})",
                )
                continue
            terms[name] = term_regex(phrases, normalizer.normalize)
            term_where[name] = doc.path
        negation.extend(sfile.negation)
    by_kind: dict[str, list[Rule]] = {k: [] for k in SAFETY_ORDER}
    ids: set[str] = set()
    for doc, sfile in docs:
        if sfile.rules and sfile.kind is None:
            ld.error(
                doc,
                ("rules",),
                "E042",
                "a file with rules needs 'kind:'",
                "kind: crisis, emergency or refusal",
            )
            continue
        for i, r in enumerate(sfile.rules):
            rid = f"{sfile.kind}.{r.id}"
            if rid in ids:
                ld.error(doc, ("rules", i, "id"), "E043", f"duplicate safety rule '{rid}'")
                continue
            ids.add(rid)
            compiled: dict[str, list[re.Pattern[str]]] = {"patterns": [], "unless": []}
            for field in ("patterns", "unless"):
                for j, p in enumerate(getattr(r, field)):
                    try:
                        compiled[field].append(compile_pattern(p, terms))
                    except RuleError as exc:
                        ld.error(doc, ("rules", i, field, j), "E044", f"rule '{rid}': {exc}")
            kind: str = sfile.kind or "emergency"
            if messages is not None and r.message not in getattr(messages, kind):
                ld.error(
                    doc,
                    ("rules", i, "message"),
                    "E045",
                    f"rule '{rid}' uses message '{r.message}', missing from messages.yaml {kind}:",
                    f"known: {', '.join(getattr(messages, kind))}",
                )
            by_kind[kind].append(
                Rule(
                    rid,
                    kind,
                    r.message,
                    tuple(compiled["patterns"]),
                    tuple(compiled["unless"]),
                    r.negatable,
                    tuple(r.examples),
                    (doc.path, doc.where(("rules", i))[0]),
                )
            )
    neg = None
    if negation:
        alts = "|".join(
            f"(?:{normalizer.normalize(n) if n.replace(' ', '').isalpha() else n})"
            for n in negation
        )
        try:
            neg = re.compile(rf"(?<!\w)(?:{alts})(?: \S+){{0,2}} ?$")
        except re.error as exc:
            ld.problems.append(
                Problem(
                    docs[0][0].path, 0, 0, "E044", "error", f"negation cues do not compile: {exc}"
                )
            )
    rules = tuple(r for kind in SAFETY_ORDER for r in by_kind[kind])
    screen = SafetyScreen(rules, neg)
    # the code's guarantee: every kind has rules, and the canaries still reach help
    where = ld.show(ld.intents_dir / "safety")
    for kind in SAFETY_ORDER:
        if not by_kind[kind]:
            ld.problems.append(
                Problem(
                    where,
                    0,
                    0,
                    "E047",
                    "error",
                    f"there are no {kind} rules",
                    f"safety rules cannot be switched off; add a file with "
                    f"'kind: {kind}' under intents/safety/",
                )
            )
    for text, kind in CANARIES:
        hit = screen.screen(normalizer.normalize(text))
        if hit is None or SAFETY_ORDER.index(hit.kind) > SAFETY_ORDER.index(kind):
            ld.problems.append(
                Problem(
                    where,
                    0,
                    0,
                    "E048",
                    "error",
                    f'the safety rules no longer send "{text}" to {kind}',
                    "this message must always reach help; undo the change "
                    "or widen a rule (see chatbot/safety.py CANARIES)",
                )
            )
    # each rule's own examples must fire a rule of its kind (or a stronger one)
    for doc, sfile in docs:
        for i, r in enumerate(sfile.rules):
            for j, ex in enumerate(r.examples):
                hit = screen.screen(normalizer.normalize(ex))
                rank = SAFETY_ORDER.index(sfile.kind or "emergency")
                if hit is None or SAFETY_ORDER.index(hit.kind) > rank:
                    ld.error(
                        doc,
                        ("rules", i, "examples", j),
                        "E046",
                        f"example of rule '{sfile.kind}.{r.id}' does not fire it: \"{ex}\"",
                        "widen a pattern, or run `chatbot explain` on the example",
                    )
    return screen


def words_of(text: str) -> list[str]:
    return words(clean(text))
