"""Load the content folders once into one immutable `KnowledgeBase`.

Loading never raises for bad content: it returns the problems found (with file
and line) and no knowledge base when any of them is an error. The same
problems are what `chatbot check` prints. One module a step:

- `answers`: knowledge/<medicine>/answers.yaml and sources.yaml
- `messages`: knowledge/messages.yaml
- `ui`: knowledge/ui.yaml, the front ends' own wording
- `contacts`: knowledge/contacts.yaml's regions, against the messages and knowledge/sources.yaml
- `intents`: intents/**.yaml, how people ask
- `safety_rules`: intents/safety/*.yaml, compiled and guaranteed
- `reader`: parsing and validating one file, collecting problems
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from .model import FALLBACK, SMALLTALK, Answer, Intent, KnowledgeBase, LanguagePack

if TYPE_CHECKING:
    from .. import schema
    from ..matcher import LayTerms, Matcher, PhraseMatcher, Profile
    from ..normalize import Normalizer
    from ..safety import SafetyScreen
    from ..settings import Thresholds
    from ..types import Problem
    from ..yamlio import Doc
    from .intents import RawIntent
    from .overlay import Overlay
    from .reader import Reader

__all__ = [
    "FALLBACK",
    "SMALLTALK",
    "Answer",
    "Intent",
    "KnowledgeBase",
    "answer_rows",
    "common_root",
    "load",
]


def __getattr__(name: str) -> Any:
    # The loading modules import YAML and the validation models; a bot answering
    # from the compiled-content cache (`chatbot.cache`) needs neither.
    if name == "common_root":
        from .reader import common_root

        return common_root
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def load(
    knowledge_dir: Path,
    intents_dir: Path,
    thresholds: Thresholds | None = None,
    overlay: Overlay | Path | None = None,
    docs: dict[str, Doc] | None = None,
) -> tuple[KnowledgeBase | None, list[Problem]]:
    """Read and check all content, with a clinic's overlay folder on top if given.
    Returns (None, problems) if any problem is an error.

    `docs`, when given, receives every file as it was read (with the overlay merged in),
    by its shown path: for tools that point into the files (`chatbot check`).
    """
    from .. import schema
    from ..matcher import MEDICINE, NUMBER, PROFILES, LayTerms
    from ..normalize import Normalizer, english_lexicon
    from ..numbers import NUMBER_WORDS
    from ..problems import problem
    from ..settings import Thresholds
    from .answers import read_answers
    from .contacts import check_contacts
    from .intents import read_intents
    from .messages import check_messages, check_translation
    from .overlay import open_overlay
    from .reader import Reader, common_root
    from .safety_rules import (
        CLASSIFIER_FILE,
        compile_safety,
        inflections,
        known_words,
        read_classifier,
        read_safety,
        term_words,
    )
    from .ui import check_ui

    thresholds = thresholds or Thresholds()
    kdir, idir = Path(knowledge_dir), Path(intents_dir)
    ld = Reader(
        kdir,
        idir,
        common_root(kdir, idir),
        overlay=open_overlay(overlay, kdir, idir),
        docs={} if docs is None else docs,
    )
    for d in (kdir, idir):
        if not d.is_dir():
            ld.problems.append(problem("E005", str(d), what="content"))
    if ld.problems:
        return None, ld.problems

    contacts_doc, contacts = ld.read(kdir / "contacts.yaml", schema.ContactsFile)
    messages_doc, messages = ld.read(kdir / "messages.yaml", schema.MessagesFile)
    ui_doc, ui = ld.read(kdir / "ui.yaml", schema.UiFile)
    _shared_doc, shared = ld.read(kdir / "sources.yaml", schema.SourcesFile)
    _syn_doc, synonyms = ld.read(idir / "synonyms.yaml", schema.SynonymsFile)
    # another language's chat spellings ("q", "xq", "pa"): read only in that language
    foreign_synonyms: dict[str, list[str]] = {}
    for path in sorted(idir.glob("synonyms.*.yaml")):
        _doc, more = ld.read(path, schema.SynonymsFile)
        for canonical, variants in (more.synonyms if more else {}).items():
            foreign_synonyms.setdefault(canonical, []).extend(variants)
    other_doc, others = ld.read(idir / "other_medicines.yaml", schema.OtherMedicinesFile)
    lay_file = schema.LayTermsFile()
    if (idir / "lay_terms.yaml").exists():  # optional: everyday words, for matching only
        lay_file = ld.read(idir / "lay_terms.yaml", schema.LayTermsFile)[1] or lay_file
    medicines, answers, required = read_answers(ld, kdir)

    regions: dict[str, schema.Region] = dict(contacts.regions) if contacts else {}
    default_region = contacts.default_region if contacts else "US"
    if contacts and contacts_doc and default_region not in regions:
        ld.error(
            contacts_doc,
            ("default_region",),
            "E024",
            region=default_region,
            known=", ".join(regions),
        )
    if messages and messages_doc:
        check_messages(ld, messages_doc, messages)
    # the safety replies in other languages: knowledge/messages.<code>.yaml
    translations: dict[str, schema.TranslatedMessagesFile] = {}
    for path in sorted(kdir.glob("messages.*.yaml")):
        code = path.name.split(".")[1]
        t_doc, translated = ld.read(path, schema.TranslatedMessagesFile)
        if translated is not None and t_doc is not None and messages is not None:
            check_translation(ld, t_doc, code, translated, messages)
            translations[code] = translated
    if ui and ui_doc:
        check_ui(ld, ui_doc, ui, answers)
    if contacts and contacts_doc:
        check_contacts(ld, contacts_doc, contacts, messages, shared.sources if shared else None)

    raw = read_intents(ld, idir, medicines, answers, messages)
    # another language the bot answers in: its answers, intents and merged messages
    pack_raw: dict[str, tuple[dict[str, Answer], list[RawIntent], schema.MessagesFile]] = {}
    for code, translated in translations.items():
        _names, answers_l, _required = read_answers(ld, kdir, code)
        if answers_l and messages is not None:
            merged = merge_messages(messages, translated)
            raw_l = read_intents(ld, idir, medicines, answers_l, merged, code)
            pack_raw[code] = (answers_l, raw_l, merged)
    safety_docs, safety_unread = read_safety(ld, idir / "safety")
    other_names = list(others.medicines) if others else []
    own_safety = [(doc, sfile) for doc, sfile in safety_docs if sfile.language is None]
    known = [ex for r in raw for ex in r.examples]
    known += [a.title for a in answers.values()] + known_words(own_safety) + other_names
    known += list(NUMBER_WORDS)  # "dos" is a number, never a typo of "dogs"
    # the other languages' words are words, not typos (but only typos in those languages
    # are corrected towards them: "dosette" is not "destete")
    foreign = known_words([d for d in safety_docs if d[1].language is not None])
    for answers_l, raw_l, _merged in pack_raw.values():
        foreign += [ex for r in raw_l for ex in r.examples] + [a.title for a in answers_l.values()]
    # the medicine's name in another language ("baclofeno") says the message is in it
    names = [n for t in translations.values() for m, n in t.medicines.items() if n != m]
    normalizer = Normalizer.build(
        dict(synonyms.synonyms) if synonyms else {},
        known,
        english_lexicon,
        priority=term_words(own_safety),
        foreign_priority=term_words([d for d in safety_docs if d[1].language is not None]),
        guesses=inflections(safety_docs),
        foreign_texts=foreign,
        foreign_synonyms=foreign_synonyms,
        foreign_names=names,
    )
    checked = len(ld.problems)
    screen = compile_safety(ld, safety_docs, normalizer, messages)
    if safety_unread:
        # built from part of the rules, the screen would report a thousand consequences of
        # one syntax error (every concept the unread file defined is "unknown"): one line
        del ld.problems[checked:]
        files = ", ".join(p.relative_to(ld.root).as_posix() for p in safety_unread)
        ld.problems.append(
            problem("E053", (idir / "safety").relative_to(ld.root).as_posix(), files=files)
        )
    classifier = read_classifier(ld, idir / "safety" / CLASSIFIER_FILE, messages)

    medicine_words = {
        w: med
        for med, name in medicines.items()
        for w in normalizer.tokens(med) + normalizer.tokens(name)
    }
    other: dict[tuple[str, ...], str] = {}
    for j, name in enumerate(other_names):
        key = tuple(normalizer.tokens(name))
        if any(w in medicine_words for w in key) and other_doc is not None:
            ld.error(other_doc, ("medicines", j), "E028", name=name)
        elif key:
            other[key] = name

    def as_keyed(text: str) -> list[str]:
        """A lay phrase as match keys have it: a medicine's name is `*` ("what is baclofen for")."""
        return [MEDICINE if w in medicine_words else w for w in normalizer.tokens(text)]

    def as_background(text: str) -> list[str]:
        """A background phrase as match keys have it, `#` standing for any number."""
        keyed = as_keyed(" ".join("0" if w == NUMBER else w for w in text.split()))
        return [NUMBER if w.isdigit() else w for w in keyed]

    def lay_terms(file: schema.LayTermsFile) -> LayTerms:
        return LayTerms.build(
            (
                (as_keyed(variant), normalizer.tokens(canonical))
                for canonical, variants in file.terms.items()
                for variant in variants
            ),
            (w for text in file.ignore for w in normalizer.tokens(text)),
            (normalizer.tokens(text) for text in file.follow_ups),
            (as_background(text) for text in file.background),
            (normalizer.tokens(text) for text in file.purpose),
        )

    intents, matcher, phrases = _index(
        ld, raw, answers, normalizer, screen, medicine_words, thresholds, lay_terms(lay_file)
    )
    packs: dict[str, LanguagePack] = {}
    for code, (answers_l, raw_l, merged) in pack_raw.items():
        # that language's everyday words (intents/lay_terms.<code>.yaml), optional like English's
        lay_l = schema.LayTermsFile()
        if (idir / f"lay_terms.{code}.yaml").exists():
            lay_l = ld.read(idir / f"lay_terms.{code}.yaml", schema.LayTermsFile)[1] or lay_l
        intents_l, matcher_l, phrases_l = _index(
            ld,
            raw_l,
            answers_l,
            normalizer,
            screen,
            medicine_words,
            thresholds,
            lay_terms(lay_l),
            PROFILES.get(code),
        )
        lists = translations[code].lists
        ui_l = ui.model_copy(update={"lists": lists}) if ui is not None and lists else ui
        if (kdir / f"ui.{code}.yaml").exists():  # the front ends' own words in that language
            ui_l_doc, ui_read = ld.read(kdir / f"ui.{code}.yaml", schema.UiFile)
            if ui_read is not None and ui_l_doc is not None:
                check_ui(ld, ui_l_doc, ui_read, answers_l)
                ui_l = ui_read
        packs[code] = LanguagePack(
            code,
            MappingProxyType(answers_l),
            MappingProxyType(intents_l),
            matcher_l,
            phrases_l,
            MappingProxyType(
                {" ".join(normalizer.tokens(a.title)): t for t, a in answers_l.items()}
            ),
            merged,
            ui_l,
        )

    if any(p.severity == "error" for p in ld.problems) or messages is None or ui is None:
        return None, ld.problems
    kb = KnowledgeBase(
        medicines=MappingProxyType(medicines),
        answers=MappingProxyType(answers),
        intents=MappingProxyType(intents),
        regions=MappingProxyType(regions),
        default_region=default_region,
        messages=messages,
        ui=ui,
        translations=MappingProxyType(translations),
        packs=MappingProxyType(packs),
        normalizer=normalizer,
        screen=screen,
        classifier=classifier,
        matcher=matcher,
        phrases=phrases,
        medicine_words=MappingProxyType(medicine_words),
        other_medicines=MappingProxyType(other),
        required_topics=MappingProxyType(required),
        titles=MappingProxyType(
            {" ".join(normalizer.tokens(a.title)): t for t, a in answers.items()}
        ),
    )
    return kb, ld.problems


def merge_messages(
    english: schema.MessagesFile, translated: schema.TranslatedMessagesFile
) -> schema.MessagesFile:
    """messages.yaml with a language's own texts in place (a key it lacks stays English)."""
    update: dict[str, object] = {}
    for kind in (
        "emergency",
        "emergency_followup",
        "crisis",
        "refusal",
        "fallback",
        "smalltalk",
        "topic_phrases",
    ):
        update[kind] = {**getattr(english, kind), **getattr(translated, kind)}
    for single in ("clarify", "again", "disclaimer"):
        if getattr(translated, single) is not None:
            update[single] = getattr(translated, single)
    return english.model_copy(update=update)


def _index(
    ld: Reader,
    raw: Iterable[RawIntent],
    answers: Mapping[str, Answer],
    normalizer: Normalizer,
    screen: SafetyScreen,
    medicine_words: Mapping[str, str],
    thresholds: Thresholds,
    lay: LayTerms,
    profile: Profile | None = None,
) -> tuple[dict[str, Intent], Matcher, PhraseMatcher]:
    """Normalise every example once; refuse any that a safety rule would catch first."""
    from ..concepts import MARKS
    from ..matcher import ENGLISH, Matcher, PhraseMatcher, match_key
    from ..problems import problem

    rows: list[tuple[str, str, str]] = []  # topics: (intent, example, content words)
    phrase_rows: list[tuple[str, str, str]] = []  # smalltalk and fallbacks: whole text
    ignore = medicine_words
    intents: dict[str, Intent] = {}
    for r in raw:
        keys: list[str] = []
        for j, example in enumerate(r.examples):
            marked = normalizer.marked_tokens(example)
            tokens = [t for t in marked if t not in MARKS]
            hit = screen.screen(marked).hit
            two = normalizer.two_names(example, tokens, ignore)
            key = match_key(tokens, ignore, two) if hit is None and r.match != "whole" else ""
            keys.append(key)
            if hit is not None:
                ld.problems.append(
                    problem(
                        "E040",
                        *r.places[j],
                        intent=r.id.split(".", 1)[1],
                        kind=hit.kind,
                        rule=hit.rule,
                        example=example,
                    )
                )
            elif r.match == "whole":
                phrase_rows.append((r.id, example, " ".join(tokens)))
            else:
                rows.append((r.id, example, key))
        intents[r.id] = Intent(
            r.id, r.target, tuple(r.examples), r.where, r.places, r.examples_at, tuple(keys)
        )
    # every answer's title also leads to its topic (kiosk buttons send titles)
    for topic, ans in answers.items():
        if topic in intents:
            rows.append((topic, ans.title, match_key(normalizer.tokens(ans.title), ignore)))
    # the answer an intent leads to is evidence too: a word only the answer uses finds it
    texts = answer_rows(intents, answers, normalizer, ignore)
    matcher = Matcher.build(rows, thresholds, texts, lay, profile or ENGLISH)
    return intents, matcher, PhraseMatcher.build(phrase_rows)


def answer_rows(
    intents: Mapping[str, Intent],
    answers: Mapping[str, Answer],
    normalizer: Normalizer,
    ignore: Container[str],
) -> list[tuple[str, str]]:
    """(intent, match key of what its answer says: title, short and more), the matcher's
    answer evidence."""
    from ..matcher import match_key

    return [
        (i.id, match_key(normalizer.tokens(" ".join((a.title, a.short, a.more or ""))), ignore))
        for i in intents.values()
        if (a := answers.get(i.target)) is not None
    ]
