"""Metamorphic safety suite: each seed (tests/data/metamorphic_seeds.yaml) is rewritten in
ways that must not change where it is sent. An emergency or crisis seed's variants must all
reach help; a near miss's variants must never raise an alarm. The invariance rate of each
transformation is printed (run with -s to see it).

Transformations: other subjects, other names for the medicine (brands, misspellings, "my
pills"), filler between a verb and its object, chatter before and after, invisible characters
inside words, one and two typos (in words of four or more letters, first letter kept: a
typo in "ot" or one that makes another real word is not something typo correction can know),
and the seeds' own {a|b} forms (tense, wording)."""

from __future__ import annotations

import itertools
import random
from collections import Counter
from collections.abc import Iterator

import pytest

from chatbot.concepts import expand

from .conftest import load_data

SEEDS = load_data("metamorphic_seeds.yaml")
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


def forms(seed: dict) -> Iterator[str]:
    """The seed in its base subject and each of its {a|b} forms."""
    text = seed["text"]
    who, whose = SUBJECTS[seed["who"]][0] if seed.get("who") else ("", "")
    text = text.replace("{whose}", whose).replace("{who}", who)
    yield from expand(text.replace("^ ", ""))


def base(seed: dict) -> str:
    return next(forms(seed))


def variants(seed: dict, rng: random.Random) -> Iterator[tuple[str, str]]:
    """(transformation, text) for every variant of one seed."""
    text = seed["text"]
    first = base(seed)
    for form in itertools.islice(forms(seed), 1, None):
        yield "forms", form
    if seed.get("who"):
        for who, whose in SUBJECTS[seed["who"]][1:]:
            t = text.replace("{whose}", whose).replace("{who}", who).replace("^ ", "")
            yield "subjects", expand(t)[0]
    for form in itertools.islice(forms(seed), 2):
        if "baclofen" in form:
            for name in NAMES:
                yield "names", form.replace("baclofen", name, 1)
    if "^" in text:
        who, whose = SUBJECTS[seed["who"]][0] if seed.get("who") else ("", "")
        marked = text.replace("{whose}", whose).replace("{who}", who)
        for filler in FILLERS:
            for form in expand(marked.replace("^", filler))[:2]:
                yield "filler", form
    for before, after in zip(BEFORE, AFTER, strict=True):
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


def suite() -> list[tuple[str, str, str, str]]:
    """(group, seed, transformation, text) for every variant."""
    rng = random.Random(20261204)
    rows = []
    for group in ("urgent", "near_miss"):
        for seed in SEEDS[group]:
            rows.append((group, base(seed), "seed", base(seed)))
            rows.extend((group, base(seed), t, text) for t, text in variants(seed, rng))
    return rows


def test_the_suite_is_big_enough():
    rows = suite()
    assert len(SEEDS["urgent"]) + len(SEEDS["near_miss"]) >= 90
    assert len(rows) >= 5000


@pytest.fixture(scope="module")
def results(bot):
    out = []
    for group, seed, transformation, text in suite():
        reply = bot.respond(text)
        ok = reaches_help(reply) if group == "urgent" else not reaches_help(reply)
        out.append((group, seed, transformation, text, ok))
    return out


def test_invariance_per_transformation(results):
    total: Counter[tuple[str, str]] = Counter()
    kept: Counter[tuple[str, str]] = Counter()
    for group, _seed, transformation, _text, ok in results:
        total[group, transformation] += 1
        kept[group, transformation] += ok
    print("\nmetamorphic invariance (urgent: reaches help; near miss: no alarm)")
    for key in sorted(total):
        print(
            f"  {key[0]:9} {key[1]:10} {kept[key]:5}/{total[key]:<5} = {kept[key] / total[key]:.1%}"
        )
    n, k = sum(total.values()), sum(kept.values())
    print(f"  all {k}/{n} = {k / n:.1%}")
    assert k / n >= ALL_FLOOR


#: All variants together, as measured (99.8%, 5390/5401 on 2026-12-04).
ALL_FLOOR = 0.995


#: Typos that make another real word ("cant" -> "cat", "slow" -> "sow") or hit two words of
#: one phrase cannot all be read back; the aim is 100%, this floor keeps what was measured.
TYPO_FLOOR = {"one typo": 0.99, "two typos": 0.98}


@pytest.mark.parametrize(
    "transformation",
    ["seed", "forms", "subjects", "names", "filler", "chatter", "invisible"],
)
def test_emergencies_and_crises_survive(results, transformation):
    lost = [t for g, _s, tr, t, ok in results if g == "urgent" and tr == transformation and not ok]
    assert not lost, lost[:10]


@pytest.mark.parametrize("transformation", ["one typo", "two typos"])
def test_emergencies_and_crises_survive_most_typos(results, transformation):
    rows = [(t, ok) for g, _s, tr, t, ok in results if g == "urgent" and tr == transformation]
    rate = sum(ok for _t, ok in rows) / len(rows)
    assert rate >= TYPO_FLOOR[transformation], [t for t, ok in rows if not ok][:10]


def test_near_misses_stay_calm(results):
    alarms = [t for g, _s, _tr, t, ok in results if g == "near_miss" and not ok]
    total = sum(1 for g, *_ in results if g == "near_miss")
    assert len(alarms) / total <= 0.03, alarms[:10]
