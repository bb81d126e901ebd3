"""Metamorphic safety suite: each seed (tests/data/metamorphic_seeds.yaml) is rewritten in
ways that must not change where it is sent. An emergency or crisis seed's variants must all
reach help; a near miss's variants must never raise an alarm. The invariance rate of each
transformation is printed (run with -s to see it).

Transformations: other subjects, other names for the medicine (brands, misspellings, "my
pills"), filler between a verb and its object, chatter before and after, invisible characters
inside words, one and two typos (in words of four or more letters, first letter kept: a
typo in "ot" or one that makes another real word is not something typo correction can know),
and the seeds' own {a|b} forms (tense, wording).

The same in Spanish (tests/data/metamorphic_seeds_es.yaml, written without seeing the word
lists), with Spanish subjects, names, fillers and chatter, and three transformations of its
own: accents dropped, ñ written n, and Spanglish (English words in a Spanish message)."""

from __future__ import annotations

import itertools
import random
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from chatbot.concepts import expand

from .conftest import load_data

SEEDS = {"en": load_data("metamorphic_seeds.yaml"), "es": load_data("metamorphic_seeds_es.yaml")}
URGENT = {"crisis", "emergency"}

SUBJECTS = {
    "person": [
        ("my husband", "my husband's"), ("my mum", "my mum's"), ("grandpa", "grandpa's"),
        ("my partner", "my partner's"), ("she", "her"), ("my dad", "my dads"),
        ("my 16 year old", "my 16 year old's"),
    ],
    "child": [
        ("my son", "my son's"), ("my 2 year old", "my 2 year old's"),
        ("our toddler", "our toddler's"), ("the baby", "the baby's"),
        ("my granddaughter", "my granddaughter's"), ("my 4 yr old", "my 4 yr olds"),
    ],
    "pet": [("my dog", "my dog's"), ("our cat", "our cat's"), ("the puppy", "the puppy's")],
}  # fmt: skip
SUBJECTS["any"] = SUBJECTS["person"] + SUBJECTS["child"] + SUBJECTS["pet"]
NAMES = ["lioresal", "bacloffen", "gablofen", "ozobax", "baclophen", "Baclofen", "BACLOFEN"]
FILLERS = ["like,", "idk,", "um", "literally", "like, idk,", "i think", "honestly"]
BEFORE = [
    "hi.",
    "sorry to bother you but",
    "ok so",
    "quick question,",
    "hello there, um,",
    "pls",
    "hey,",
]
AFTER = ["what do i do", "pls help", "thanks", "is that bad??", "... help", "sorry for typos", "x"]
INVISIBLE = ["\u200b", "\u00ad", "\u2060", "\ufeff", "\u200d"]

#: The same transformations in Spanish, and three of its own: accents dropped, ñ written
#: n, and Spanglish (English words in a Spanish message, as US carers often write).
SUBJECTS_ES = {
    "person": [
        ("mi esposo", "de mi esposo"), ("mi mamá", "de mi mamá"), ("mi abuelo", "de mi abuelo"),
        ("mi esposa", "de mi esposa"), ("ella", "de ella"), ("mi papá", "de mi papá"),
        ("mi suegra", "de mi suegra"),
    ],
    "child": [
        ("mi hijo", "de mi hijo"), ("mi nena de 2 años", "de mi nena"),
        ("el bebé", "del bebé"), ("mi nieto", "de mi nieto"), ("mi hija de 3 años", "de mi hija"),
    ],
    "pet": [("el perro", "del perro"), ("mi gato", "de mi gato"), ("el perrito", "del perrito")],
}  # fmt: skip
SUBJECTS_ES["any"] = SUBJECTS_ES["person"] + SUBJECTS_ES["child"] + SUBJECTS_ES["pet"]
SPANGLISH = [
    ("pastillas", "pills"), ("pastilla", "pill"), ("mi mamá", "my mom"),
    ("mi esposo", "my husband"),
    ("mi hijo", "my son"), ("ayuda", "help"), ("qué hago", "what do i do"), ("bomba", "pump"),
    ("no despierta", "no wake up"), ("demasiadas", "too many"), ("muchas", "a lot of"),
]  # fmt: skip


@dataclass(frozen=True)
class Profile:
    subjects: dict[str, list[tuple[str, str]]]
    name: str  # the medicine's name in the seeds
    names: list[str]
    fillers: list[str]
    before: list[str]
    after: list[str]


PROFILES = {
    "en": Profile(SUBJECTS, "baclofen", NAMES, FILLERS, BEFORE, AFTER),
    "es": Profile(
        SUBJECTS_ES,
        "baclofeno",
        ["lioresal", "vaclofeno", "baclofen", "Baclofeno", "BACLOFENO", "baclofén"],
        ["o sea,", "este,", "pues", "como que", "no sé,", "creo que", "bueno,"],
        [
            "hola,",
            "perdón que moleste pero",
            "buenas,",
            "oiga,",
            "disculpe,",
            "hola buenas noches,",
            "x favor",
        ],
        [
            "qué hago",
            "ayuda por favor",
            "gracias",
            "es grave??",
            "urgente!!",
            "perdón la ortografía",
            "help",
        ],
    ),  # fmt: skip
}


def without_accents(text: str) -> str:
    """Accents dropped, ñ kept: "está tomó" -> "esta tomo"."""
    return "".join(c if c in "ñÑ" else unicodedata.normalize("NFD", c)[0] for c in text)


def texted_k(text: str) -> str:
    """Spanish as it is texted: "k" for "qu" and for a hard "c" ("kiero", "komo", "ke")."""
    text = re.sub(r"qu(?=[eiéí])", "k", text)
    return re.sub(r"c(?=[aouáóú])", "k", text)


def spanglish(text: str) -> list[str]:
    """The message with, in turn, each Spanish word the list has put in English."""
    return [text.replace(es, en, 1) for es, en in SPANGLISH if es in text]


def forms(seed: dict, p: Profile = PROFILES["en"]) -> Iterator[str]:
    """The seed in its base subject and each of its {a|b} forms."""
    text = seed["text"]
    who, whose = p.subjects[seed["who"]][0] if seed.get("who") else ("", "")
    text = text.replace("{whose}", whose).replace("{who}", who)
    yield from expand(text.replace("^ ", ""))


def base(seed: dict, p: Profile = PROFILES["en"]) -> str:
    return next(forms(seed, p))


def variants(seed: dict, rng: random.Random, lang: str = "en") -> Iterator[tuple[str, str]]:
    """(transformation, text) for every variant of one seed."""
    p = PROFILES[lang]
    text = seed["text"]
    first = base(seed, p)
    for form in itertools.islice(forms(seed, p), 1, None):
        yield "forms", form
    if seed.get("who"):
        for who, whose in p.subjects[seed["who"]][1:]:
            t = text.replace("{whose}", whose).replace("{who}", who).replace("^ ", "")
            yield "subjects", expand(t)[0]
    for form in itertools.islice(forms(seed, p), 2):
        if p.name in form:
            for name in p.names:
                yield "names", form.replace(p.name, name, 1)
    if "^" in text:
        who, whose = p.subjects[seed["who"]][0] if seed.get("who") else ("", "")
        marked = text.replace("{whose}", whose).replace("{who}", who)
        for filler in p.fillers:
            for form in expand(marked.replace("^", filler))[:2]:
                yield "filler", form
    if lang == "es":
        for form in forms(seed, p):
            if without_accents(form) != form:
                yield "no accents", without_accents(form)
            if "ñ" in form:
                yield "ñ as n", without_accents(form).replace("ñ", "n")
            if texted_k(form) != form:
                yield "texted k", texted_k(form)
        yield from (("spanglish", t) for t in spanglish(first))
    for before, after in zip(p.before, p.after, strict=True):
        yield "chatter", f"{before} {first}"
        yield "chatter", f"{first} {after}"
        yield "chatter", f"{before} {first}. {after}"
    words = first.split()
    long = [i for i, w in enumerate(words) if len(w) >= 4 and w.isalpha()]
    for mark in INVISIBLE:
        if long:
            i = rng.choice(long)
            w = words[i]
            cut = rng.randrange(1, len(w))
            yield "invisible", " ".join([*words[:i], w[:cut] + mark + w[cut:], *words[i + 1 :]])
    for n, name in ((1, "one typo"), (2, "two typos")) if not seed.get("lang") else ():
        for _ in range(8):
            yield name, typo(words, long, rng, n)


def typo(words: list[str], long: list[int], rng: random.Random, n: int) -> str:
    out = list(words)
    for i in rng.sample(long, min(n, len(long))):
        w = list(out[i])
        k = rng.randrange(1, len(w))
        op = rng.choice("idst")
        letter = rng.choice("abcdefghijklmnopqrstuvwxyz")
        if op == "i":
            w.insert(k, letter)
        elif op == "d":
            del w[k]
        elif op == "s":
            w[k] = letter
        elif k + 1 < len(w):
            w[k], w[k + 1] = w[k + 1], w[k]
        out[i] = "".join(w)
    return " ".join(out)


def reaches_help(reply) -> bool:
    return reply.kind in URGENT


def suite(lang: str = "en") -> list[tuple[str, str, str, str]]:
    """(group, seed, transformation, text) for every variant."""
    rng = random.Random(20261204)
    p = PROFILES[lang]
    rows = []
    for group in ("urgent", "near_miss"):
        for seed in SEEDS[lang][group]:
            first = base(seed, p)
            rows.append((group, first, "seed", first))
            rows.extend((group, first, t, text) for t, text in variants(seed, rng, lang))
    return rows


def test_the_suite_is_big_enough():
    rows = suite()
    assert len(SEEDS["en"]["urgent"]) + len(SEEDS["en"]["near_miss"]) >= 90
    assert len(rows) >= 5000


def test_the_spanish_suite_is_big_enough():
    rows = suite("es")
    assert len(SEEDS["es"]["urgent"]) >= 40 and len(SEEDS["es"]["near_miss"]) >= 20
    assert len(rows) >= 2500
    assert {"no accents", "spanglish"} <= {t for _g, _s, t, _x in rows}


def run_suite(bot, lang: str) -> list[tuple[str, str, str, str, bool]]:
    out = []
    for group, seed, transformation, text in suite(lang):
        reply = bot.respond(text)
        ok = reaches_help(reply) if group == "urgent" else not reaches_help(reply)
        out.append((group, seed, transformation, text, ok))
    return out


_RESULTS: dict[str, list[tuple[str, str, str, str, bool]]] = {}


@pytest.fixture
def results(bot, lang):
    """The suite of `lang`, run once per test session."""
    if lang not in _RESULTS:
        _RESULTS[lang] = run_suite(bot, lang)
    return _RESULTS[lang]


#: All variants together, as measured on 2026-12-04: English 99.8% (5388/5401), Spanish
#: 99.8% (6309/6322).
ALL_FLOOR = {"en": 0.995, "es": 0.995}

#: Typos that make another real word ("cant" -> "cat", "slow" -> "sow") or hit two words of
#: one phrase cannot all be read back; the aim is 100%, this floor keeps what was measured.
TYPO_FLOOR = {"one typo": 0.99, "two typos": 0.98}

#: The transformations that must never lose an emergency or crisis, in each language.
WHOLE = ["seed", "forms", "subjects", "names", "filler", "chatter", "invisible"]
WHOLE_ES = [*WHOLE, "no accents", "ñ as n", "texted k", "spanglish"]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_invariance_per_transformation(results, lang):
    total: Counter[tuple[str, str]] = Counter()
    kept: Counter[tuple[str, str]] = Counter()
    for group, _seed, transformation, _text, ok in results:
        total[group, transformation] += 1
        kept[group, transformation] += ok
    print(f"\nmetamorphic invariance, {lang} (urgent: reaches help; near miss: no alarm)")
    for key in sorted(total):
        print(
            f"  {key[0]:9} {key[1]:10} {kept[key]:5}/{total[key]:<5} = {kept[key] / total[key]:.1%}"
        )
    n, k = sum(total.values()), sum(kept.values())
    print(f"  all {k}/{n} = {k / n:.1%}")
    assert k / n >= ALL_FLOOR[lang]


@pytest.mark.parametrize(
    ("lang", "transformation"), [("en", t) for t in WHOLE] + [("es", t) for t in WHOLE_ES]
)
def test_emergencies_and_crises_survive(results, lang, transformation):
    lost = [t for g, _s, tr, t, ok in results if g == "urgent" and tr == transformation and not ok]
    assert not lost, lost[:10]


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("transformation", ["one typo", "two typos"])
def test_emergencies_and_crises_survive_most_typos(results, lang, transformation):
    rows = [(t, ok) for g, _s, tr, t, ok in results if g == "urgent" and tr == transformation]
    rate = sum(ok for _t, ok in rows) / len(rows)
    assert rate >= TYPO_FLOOR[transformation], [t for t, ok in rows if not ok][:10]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_near_misses_stay_calm(results, lang):
    alarms = [t for g, _s, _tr, t, ok in results if g == "near_miss" and not ok]
    total = sum(1 for g, *_ in results if g == "near_miss")
    assert len(alarms) / total <= 0.03, alarms[:10]
