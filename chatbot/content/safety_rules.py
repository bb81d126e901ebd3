"""Compile intents/safety/*.yaml into the `SafetyScreen`, and hold the code's guarantees:
every kind has rules, the canary messages still reach help, each rule's examples fire."""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from .. import schema
from ..concepts import ConceptError, build_vocabulary, validate
from ..normalize import Normalizer, common_counts
from ..problems import problem
from ..safety import NEGATED, SAFETY_ORDER, Rule, RuleKind, SafetyScreen, canaries
from ..yamlio import Doc
from .reader import Reader

if TYPE_CHECKING:
    from ..learned import Classifier

SafetyDocs = list[tuple[Doc, schema.SafetyFile]]

#: emergency messages no message can tell as over (`told_over:`): the contract's own
NEVER_TOLD_OVER = frozenset({"overdose", "pet", "self_harm_taken"})


def read_safety(ld: Reader, folder: Path) -> tuple[SafetyDocs, list[Path]]:
    """The safety files that loaded, and the ones that did not (their problems reported)."""
    docs: SafetyDocs = []
    unread: list[Path] = []
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        doc, sfile = ld.read(path, schema.SafetyFile)
        if sfile is not None and doc is not None:
            docs.append((doc, sfile))
        else:
            unread.append(path)
    return docs, unread


#: Endings a word list's "stem*" is read with, so that typo correction knows the whole
#: words ("beeing" is corrected to "beeping", a form of "beep*").
_ENDINGS = ("", "s", "ing", "ed", "er")


def _phrase_words(phrase: str) -> list[str]:
    return [
        w.rstrip("*") for w in re.sub(r"[{}|!#+]", " ", phrase).split() if w.rstrip("*").isalpha()
    ]


def inflections(docs: SafetyDocs) -> list[str]:
    """Guessed whole words for each "stem*" of the word lists ("beep*": beeps, beeping...),
    so typo correction can land on them; they weigh least (not all are English)."""
    return [
        stem + ending
        for _d, sf in docs
        for ps in sf.concepts.values()
        for p in ps
        for stem in re.findall(r"([a-z]+)\*", p)
        for ending in _ENDINGS
    ]


def known_words(docs: SafetyDocs) -> list[str]:
    """Texts whose words the normaliser must know (and never "correct")."""
    texts: list[str] = []
    for _doc, sfile in docs:
        for phrases in sfile.concepts.values():
            texts.extend(" ".join(_phrase_words(p)) for p in phrases)
        for mod in sfile.modifiers.values():
            texts.extend(" ".join(_phrase_words(p)) for p in mod.cues)
        texts.extend(" ".join(_phrase_words(p)) for p in (*sfile.pseudo, *sfile.terminators))
        if sfile.quantifiers is not None:
            q = sfile.quantifiers
            texts.extend(" ".join(_phrase_words(p)) for p in (*q.words, *q.objects, *q.bare))
        for rule in sfile.rules:
            texts.extend(rule.examples)
    return texts


def term_words(docs: SafetyDocs) -> list[str]:
    """The concepts' own vocabulary: typo correction prefers these when in doubt."""
    words = [
        " ".join(_phrase_words(p))
        for _d, sf in docs
        for ps in sf.concepts.values()
        for p in ps
        if not p.startswith("!")
    ]
    words += [
        " ".join(_phrase_words(p)) for _d, sf in docs for m in sf.modifiers.values() for p in m.cues
    ]
    return words


def compile_safety(
    ld: Reader,
    docs: SafetyDocs,
    normalizer: Normalizer,
    messages: schema.MessagesFile | None,
) -> SafetyScreen:
    concepts: dict[str, list[str]] = {}
    modifiers: dict[str, tuple[str, int, list[str], str, str, bool]] = {}
    pseudo: list[str] = []
    terminators: list[str] = []
    entities: list[str] = []
    quantifiers: dict[str, list[str]] = {}
    where: dict[str, tuple[Doc, tuple[str | int, ...]]] = {}
    base = [(doc, sf) for doc, sf in docs if sf.language is None]
    for doc, sfile in base:
        for section, table in (("concepts", sfile.concepts), ("modifiers", sfile.modifiers)):
            for name in table:
                if name in where:
                    ld.error(doc, (section, name), "E041", name=name, other=where[name][0].path)
                    continue
                where[name] = (doc, (section, name))
        for name, phrases in sfile.concepts.items():
            concepts.setdefault(name, list(phrases))
        for name, mod in sfile.modifiers.items():
            modifiers.setdefault(
                name,
                (
                    mod.direction,
                    mod.window,
                    list(mod.cues),
                    mod.category or name,
                    mod.crosses,
                    mod.alone,
                ),
            )
    for doc, sfile in docs:
        if sfile.language is not None:
            _add_language(ld, doc, sfile, concepts, modifiers)
        pseudo.extend(sfile.pseudo)
        terminators.extend(sfile.terminators)
        entities.extend(sfile.entities)
        if sfile.quantifiers is not None:
            for key, values in sfile.quantifiers.model_dump().items():
                quantifiers.setdefault(key, []).extend(values)
            for key in ("concepts", "object_concepts"):
                for j, name in enumerate(getattr(sfile.quantifiers, key)):
                    _known(ld, doc, ("quantifiers", key, j), name, concepts, "concept")
    # compile one list at a time, so a bad phrase is reported at its own list
    for name, (doc, path) in where.items():
        try:
            validate(concepts[name] if name in concepts else modifiers[name][2])
        except ConceptError as exc:
            ld.error(doc, path, "E044", message=f"'{name}' does not compile: {exc}")
            concepts.pop(name, None)
            modifiers.pop(name, None)
    for doc, sfile in docs:
        for j, name in enumerate(sfile.entities):
            _known(ld, doc, ("entities", j), name, concepts, "concept")
    vocabulary = build_vocabulary(
        concepts,
        modifiers,
        pseudo,
        terminators,
        normalizer.normalize,
        entities,
        quantifiers,
        meant=common_counts(normalizer.foreign),  # "boda" is a wedding, not a typo of "boca"
    )

    by_kind: dict[str, list[Rule]] = {k: [] for k in SAFETY_ORDER}
    ids: set[str] = set()
    doubt: dict[str, list[tuple[str, str]]] = {"emergency": [], "crisis": []}
    told_over: set[str] = set()  # emergency messages one message can tell as over
    for doc, sfile in docs:
        if sfile.rules and sfile.kind is None:
            ld.error(
                doc,
                ("rules",),
                "E042",
                message="a file with rules needs 'kind:'",
                hint="kind: crisis, emergency or refusal",
            )
            continue
        doubt_kind = "crisis" if sfile.kind == "crisis" else "emergency"
        if sfile.doubt and sfile.kind == "refusal":
            ld.error(
                doc,
                ("doubt",),
                "E042",
                message="only an emergency or crisis file escalates on doubt",
            )
        for j, message in enumerate(sfile.told_over):
            if message in NEVER_TOLD_OVER:
                ld.error(
                    doc,
                    ("told_over", j),
                    "E042",
                    message=f"'{message}' cannot be told over in one message",
                    hint="anything about an overdose, or self-harm with something taken, is "
                    "the emergency (docs/TAXONOMY.md)",
                )
                continue
            _message_exists(ld, doc, ("told_over", j), "emergency", message, messages)
            told_over.add(message)
        for concept, message in sfile.doubt.items():
            if _known(ld, doc, ("doubt", concept), concept, concepts, "concept"):
                _message_exists(ld, doc, ("doubt", concept), doubt_kind, message, messages)
                doubt[doubt_kind].append((concept, message))
        for i, r in enumerate(sfile.rules):
            kind: RuleKind = sfile.kind or "emergency"
            rid = f"{kind}.{r.id}"
            if rid in ids:
                ld.error(doc, ("rules", i, "id"), "E043", rule=rid)
                continue
            ids.add(rid)
            groups = []
            ok = True
            for j, item in enumerate(r.all):
                names = [item] if isinstance(item, str) else list(item)
                for name in names:
                    if not name.startswith("@"):
                        concept = name.removeprefix(NEGATED)
                        ok &= _known(ld, doc, ("rules", i, "all", j), concept, concepts, "concept")
                groups.append(frozenset(names))
            for j, name in enumerate(r.unless):
                if not name.startswith("@"):  # met by the conversation ("@other_medicine")
                    ok &= _known(ld, doc, ("rules", i, "unless", j), name, concepts, "concept")
            categories = {m[3]: m for m in modifiers.values()}
            for j, name in enumerate(r.cancel):
                ok &= _known(ld, doc, ("rules", i, "cancel", j), name, categories, "modifier")
            reply = r.reply
            if reply and kind != "crisis":
                ld.error(
                    doc,
                    ("rules", i, "reply"),
                    "E042",
                    message=f"rule '{rid}': only a crisis rule may reply as '{reply}'",
                )
            _message_exists(ld, doc, ("rules", i, "message"), reply or kind, r.message, messages)
            if not ok:
                continue
            by_kind[kind].append(
                Rule(
                    rid,
                    kind,
                    r.message,
                    tuple(groups),
                    frozenset(r.cancel),
                    frozenset(r.unless),
                    frozenset(r.yields),
                    r.within,
                    r.across,
                    r.distinct,
                    reply,
                    tuple(r.examples),
                    (doc.path, doc.where(("rules", i))[0]),
                )
            )
    rules = tuple(r for kind in SAFETY_ORDER for r in by_kind[kind])
    # concept lists the engine reads: denials, and what keeps or ends an emergency talk
    lists: dict[str, set[str]] = {
        "denial": set(),
        "stay": set(),
        "move_on": set(),
        "crisis_stay": set(),
        "settled": set(),
        "unsettled": set(),
    }
    for doc, sfile in docs:
        for field_name in ("denial", "stay", "move_on", "settled", "unsettled"):
            # a crisis file's `stay` keeps a crisis conversation, not an emergency one
            key = "crisis_stay" if field_name == "stay" and sfile.kind == "crisis" else field_name
            for j, name in enumerate(getattr(sfile, field_name)):
                if _known(ld, doc, (field_name, j), name, concepts, "concept"):
                    lists[key].add(name)
    screen = SafetyScreen(
        vocabulary,
        rules,
        tuple(doubt["emergency"]),
        frozenset(lists["denial"]),
        frozenset(lists["stay"]),
        frozenset(lists["move_on"]),
        tuple(sorted({sf.language for _d, sf in docs if sf.language})),
        frozenset(lists["crisis_stay"]),
        tuple(doubt["crisis"]),
        frozenset(lists["settled"]),
        frozenset(lists["unsettled"]),
        frozenset(told_over),
    )
    _guarantees(ld, docs, screen, normalizer, by_kind)
    return screen


def _add_language(
    ld: Reader,
    doc: Doc,
    sfile: schema.SafetyFile,
    concepts: dict[str, list[str]],
    modifiers: dict[str, tuple[str, int, list[str], str, str, bool]],
) -> None:
    """A language's word lists add phrases to the concepts and modifiers of the same name
    (their direction and window are the other files'). It holds no rules or new names: the
    rules are the same in every language."""
    for field_name in (
        "rules",
        "denial",
        "stay",
        "move_on",
        "settled",
        "unsettled",
        "told_over",
        "doubt",
        "entities",
    ):
        if getattr(sfile, field_name):
            ld.error(
                doc,
                (field_name,),
                "E042",
                message=f"a language's word lists (language: {sfile.language}) hold no "
                f"'{field_name}:'",
                hint="rules and the lists the engine reads are the same in every language: "
                "keep them in the other files",
            )
    for name, phrases in sfile.concepts.items():
        if not _known(ld, doc, ("concepts", name), name, concepts, "concept"):
            continue
        try:
            validate(phrases)
        except ConceptError as exc:
            ld.error(doc, ("concepts", name), "E044", message=f"'{name}' does not compile: {exc}")
            continue
        concepts[name] = [*concepts[name], *phrases]
    for name, mod in sfile.modifiers.items():
        if not _known(ld, doc, ("modifiers", name), name, modifiers, "modifier"):
            continue
        try:
            validate(mod.cues)
        except ConceptError as exc:
            ld.error(doc, ("modifiers", name), "E044", message=f"'{name}' does not compile: {exc}")
            continue
        direction, window, cues, category, crosses, alone = modifiers[name]
        modifiers[name] = (direction, window, [*cues, *mod.cues], category, crosses, alone)


def _known(
    ld: Reader,
    doc: Doc,
    path: tuple[str | int, ...],
    name: str,
    table: Mapping[str, object],
    what: str,
) -> bool:
    if name in table:
        return True
    close = difflib.get_close_matches(name, list(table), n=3)
    hint = f"did you mean {', '.join(close)}?" if close else f"known: {', '.join(sorted(table))}"
    ld.error(doc, path, "E044", message=f"unknown {what} '{name}'", hint=hint)
    return False


def _message_exists(
    ld: Reader,
    doc: Doc,
    path: tuple[str | int, ...],
    kind: str,
    key: str,
    messages: schema.MessagesFile | None,
) -> None:
    if messages is not None and key not in getattr(messages, kind):
        ld.error(doc, path, "E045", key=key, kind=kind, known=", ".join(getattr(messages, kind)))


def reaches(screen: SafetyScreen, normalizer: Normalizer, text: str, kind: RuleKind) -> bool:
    """Does `text` reach `kind` (or a stronger safety kind)?"""
    hit = screen.screen(normalizer.marked_tokens(text)).hit
    return hit is not None and SAFETY_ORDER.index(hit.kind) <= SAFETY_ORDER.index(kind)


def _guarantees(
    ld: Reader,
    docs: SafetyDocs,
    screen: SafetyScreen,
    normalizer: Normalizer,
    by_kind: dict[str, list[Rule]],
) -> None:
    """The code's guarantee: every kind has rules, and the canaries still reach help."""
    where = ld.show(ld.intents_dir / "safety")
    for kind in SAFETY_ORDER:
        if not by_kind[kind]:
            ld.problems.append(problem("E047", where, kind=kind))
    for text, kind in canaries(screen.languages):
        if not reaches(screen, normalizer, text, kind):
            ld.problems.append(problem("E048", where, text=text, kind=kind))
    # each rule's own examples must fire a rule of its kind (or a stronger one)
    for doc, sfile in docs:
        for i, r in enumerate(sfile.rules):
            for j, ex in enumerate(r.examples):
                if not reaches(screen, normalizer, ex, r.reply or sfile.kind or "emergency"):
                    ld.error(
                        doc,
                        ("rules", i, "examples", j),
                        "E046",
                        rule=f"{sfile.kind}.{r.id}",
                        example=ex,
                    )


#: the second reader's weights (`chatbot train`), beside the word lists
CLASSIFIER_FILE = "classifier.json"


def read_classifier(
    ld: Reader, path: Path, messages: schema.MessagesFile | None
) -> Classifier | None:
    """The second reader, or None when there is none; E052 when it cannot be read or
    names an emergency message (or needs the crisis check-in) that messages.yaml lacks."""
    from ..learned import Classifier

    if not path.is_file():
        return None
    try:
        classifier = Classifier.load(path)
    except (OSError, ValueError) as exc:
        ld.problems.append(problem("E052", ld.show(path), reason=str(exc)))
        return None
    if messages is None:
        return classifier
    wanted = [m for label in classifier.labels for m in _messages_for(label, messages)]
    if wanted:
        reason = "messages.yaml has no " + ", ".join(wanted) + " for the reader's labels"
        ld.problems.append(problem("E052", ld.show(path), reason=reason))
        return None
    return classifier


def _messages_for(label: str, messages: schema.MessagesFile) -> list[str]:
    """The messages a label of the reader replies with that messages.yaml lacks: a
    crisis's check-in and the reply for a crisis beside an emergency; a refusal's default;
    an emergency's situation."""
    from ..learned import CHECK_IN, CRISIS, EMERGENCY, REFUSAL, SELF_HARM_TAKEN

    needs: list[tuple[str, Mapping[str, str]]] = []
    if label == CRISIS:
        needs = [(f"crisis: {CHECK_IN}", messages.crisis)]
        needs.append((SELF_HARM_TAKEN.replace(".", ": "), messages.emergency))
    elif label == REFUSAL:
        needs = [("refusal: default", messages.refusal)]
    elif label.startswith(EMERGENCY):
        needs = [(label.replace(".", ": "), messages.emergency)]
    return [name for name, texts in needs if name.split(": ")[1] not in texts]
