"""Concepts and their context: the vocabulary of the safety screen.

A message is read as a sequence of normalised tokens with clause marks
(``.`` ends a sentence, ``,`` a clause). Two things are found in it:

- **concepts**: short phrases from word lists that authors edit
  (``ingested: [took, swallowed, got into, ...]``). A phrase may end a word with
  ``*`` (``overdos*``), use ``#`` for any number (``#3+`` for three or more),
  ``{a|b}`` for alternatives, and a leading ``!`` marks a *blocker*: where it
  matches, the concept is not found ("fall asleep" is not a fall).
- **modifiers** (NegEx/ConText, Chapman 2001; Harkema 2009): cue phrases such as
  "did not", "what if", "years ago", each of a category (negation,
  hypothetical, historical, ...) with a direction and a scope that stops at a
  clause mark or a terminator ("but", "however"). A concept inside a cue's
  scope carries the cue's category. A concept whose own words hold the cue
  ("not breathing", "won't wake up") is not modified by it: those severe
  signs are negations themselves. A *pseudo* cue ("not sure") is found only
  to stop its words from being read as a cue.
- **quantifiers** ("a lot", "loads", "all", "the whole"): found as an amount only
  when what they count is the medicine, or nothing ("took a lot", "took loads of
  them"): "took it with a lot of water" and "got loads of side effects" are not.

Everything here is compiled once at load into plain tuples and dicts; `read`
is pure and allocation-light, as it runs on every message.
"""

from __future__ import annotations

import itertools
import pickle
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, NamedTuple

from rapidfuzz.distance import OSA

from .matcher import SPANISH_STOPWORDS, STOPWORDS
from .numbers import number

#: Clause marks put between tokens by `Normalizer.clauses`.
SENTENCE = "."
CLAUSE = ","
MARKS = frozenset({SENTENCE, CLAUSE})
_NONE: Mapping[str, int] = {}


class ConceptError(ValueError):
    """A phrase that cannot be compiled; the message says which and why."""


# --- one step of a phrase: how a single token is tested -------------------------------------
Step = Callable[[str], bool]


@dataclass(frozen=True, slots=True)
class _AtLeast:
    """A number token of at least `least` ("#3+"), and at most `most` ("#0-17");
    both None: any number ("#")."""

    least: float | None = None
    most: float | None = None

    def __call__(self, token: str) -> bool:
        value = number(token)
        return (
            value is not None
            and (self.least is None or value >= self.least)
            and (self.most is None or value <= self.most)
        )


@dataclass(frozen=True, slots=True)
class _Starts:
    """A word that starts with `stem` ("overdos*")."""

    stem: str

    def __call__(self, token: str) -> bool:
        return token.startswith(self.stem) and token not in MARKS


_SHARED_TESTS: dict[tuple[Step | None, ...], tuple[Step | None, ...]] = {}


@cache
def _step(word: str) -> tuple[str, Step | None]:
    """A phrase word -> (key for exact words, or a test for patterns)."""
    if word.startswith("#"):
        rest = word[1:]
        if not rest:
            return word, _AtLeast()
        m = re.fullmatch(r"(\d+)(?:\+|-(\d+))", rest)
        if not m:
            raise ConceptError(
                f"'{word}': a number is '#', '#N+' (e.g. '#3+') or '#N-M' (e.g. '#0-17')"
            )
        most = int(m.group(2)) if m.group(2) else None
        if most is not None and most < int(m.group(1)):
            raise ConceptError(f"'{word}': in '#N-M' the first number is the smaller")
        return word, _AtLeast(int(m.group(1)), most)
    if word.endswith("*") and len(word) > 1:
        return word, _Starts(word[:-1])
    if "*" in word or "#" in word:
        raise ConceptError(f"'{word}': '*' goes at the end of a word, '#' at the start")
    return word, None


def expand(phrase: str) -> list[str]:
    """'{can|does} it cause' -> ['can it cause', 'does it cause']."""
    parts = re.split(r"(\{[^{}]*\})", phrase)
    options = [p[1:-1].split("|") if p.startswith("{") else [p] for p in parts]
    out = []
    for combo in itertools.product(*options):
        text = " ".join("".join(combo).split())
        if text:
            out.append(text)
    return out


class _Phrase(NamedTuple):  # a tuple: quick to build again when the content cache loads
    words: tuple[str, ...]
    tests: tuple[Step | None, ...]
    name: str  # concept or cue category
    block: bool = False

    def at(self, tokens: list[str], i: int, meant: Mapping[str, int] = _NONE) -> int:
        """End index if the phrase matches at i, else -1. In a phrase of several words, a
        word after the first may carry one typo that made another word ("cant say awake",
        "too man"), one such word in three: the words around it say what was meant. A word
        of `meant` (word -> how common) not far rarer than the phrase's word is read as a
        typo only beside a word that means something, or as another form of the phrase's
        word: "la boda" (a wedding) is not "la boca" (the mouth); "me corte" is "me corto";
        "la boba de baclofeno" is "la bomba", forty times more common."""
        n = len(self.words)
        if i + n > len(tokens):
            return -1
        slack = 0 if self.block else (n + 1) // 3  # two words of 2-4, two of 5-7...
        typo = anchored = False
        for k in range(n):
            tok = tokens[i + k]
            test = self.tests[k]
            if test is None:
                if tok != self.words[k]:
                    if not (slack and k > 0 and _one_typo(tok, self.words[k])):
                        return -1
                    slack -= 1
                    typo = typo or _meant(tok, self.words[k], meant)
                    continue
            elif not test(tok):
                return -1
            anchored = anchored or tok not in GRAMMAR
        return i + n if anchored or not typo else -1


#: The modifier of a sign said as a figure of speech: its cause after it ("casi me
#: convulsiono de la risa"), laughter before it ("laughed so hard i couldnt breathe"), a
#: symptom "knocked out for good". No rule is met by what it modifies (safety.Rule.find),
#: its own words included.
FIGURE = "figure"

#: The modifier of a denial taken back after it ("no quiero matarme, bueno no sé, a veces
#: sí"; "i'm not suicidal. or maybe i am"): what it reaches is not negated. Its cue
#: reaches back over clauses and sentences (`Modifier.crosses`); a short one ("a veces sí")
#: only as a clause of its own (`Modifier.alone`: "a veces sí tomo" takes nothing back).
RETRACTION = "retraction"
NEGATION = "negation"


#: Words that carry no topic, in English and Spanish (the matcher's): beside a word with
#: a typo, they do not say what was meant ("la boda", a wedding, is one letter from "la
#: boca", the mouth).
GRAMMAR = STOPWORDS | SPANISH_STOPWORDS

#: Words a typo must never turn into: a negation lost or gained changes the meaning.
_KEEP_EXACT = frozenset(
    "not no cant cannot dont wont didnt isnt doesnt never nobody none nothing".split()
)


def _one_typo(token: str, word: str) -> bool:
    """One edit apart, same first letter, a word of four letters or more, and neither a
    function word ("does" is not a typo of "dose")."""
    return (
        len(word) >= 4
        and token[:1] == word[:1]
        and word not in _KEEP_EXACT
        and token not in _KEEP_EXACT
        and token not in MARKS
        and word not in STOPWORDS
        and token not in STOPWORDS
        and OSA.distance(token, word, score_cutoff=1) <= 1
    )


#: A common word is read as a typo of a phrase's word this many times more common.
TYPO_RARER_BY = 20


def _meant(token: str, word: str, counts: Mapping[str, int]) -> bool:
    """Whether a token one typo from a phrase's word is more likely a word of its own."""
    seen = counts.get(token, 0)
    return seen > 0 and counts.get(word, 0) < TYPO_RARER_BY * seen and not _ending_only(token, word)


def _ending_only(token: str, word: str) -> bool:
    """Whether two words differ only in their last letter, or in their last two when four
    letters or more are left the same: another form of one word ("corte", "corto";
    "pastilla", "pastillas"; "morirme", "morirse"), where "boda" and "boca" are two words."""
    longest = len(max(token, word, key=len))
    return any(token[:stem] == word[:stem] for stem in {longest - 1, max(longest - 2, 4)})


def _typo_able(word: str) -> bool:
    """Could `_one_typo` ever accept a token for this phrase word?"""
    return len(word) >= 4 and word not in _KEEP_EXACT and word not in STOPWORDS


#: A bucket of more phrases than this is indexed again by its next word.
_SPLIT_ABOVE = 8
#: ... down to this word of the phrase (the fifth).
_DEEPEST = 4


class _Level:
    """Phrases that agree up to word `pos` (exactly, or by a typo), indexed by that word: a
    message token is tried only against phrases whose word there is the message's word,
    or one typo from it (`_one_typo`, asked once per distinct word, not once per phrase),
    or a pattern. A large bucket is indexed again by the word after: "i took ..." has
    hundreds of phrases, and a message tries the few whose third word it has. What it
    gives is always a superset of what matches; `_Phrase.at` decides."""

    __slots__ = ("pos", "here", "exact", "typo")

    def __init__(self, phrases: list[_Phrase], pos: int) -> None:
        self.pos = pos
        #: too short to have a word here, or a pattern here ("#", "overdos*")
        self.here: list[_Phrase] = []
        by_word: dict[str, list[_Phrase]] = {}
        for p in phrases:
            if len(p.words) <= pos or p.tests[pos] is not None:
                self.here.append(p)
            else:
                by_word.setdefault(p.words[pos], []).append(p)
        self.exact = {w: self._bucket(ps) for w, ps in by_word.items()}
        #: first letter -> word -> the phrases that may take that word with a typo there
        self.typo: dict[str, dict[str, _Level | list[_Phrase]]] = {}
        for w, ps in by_word.items():
            loose = [p for p in ps if not p.block]
            if loose and _typo_able(w):
                self.typo.setdefault(w[:1], {})[w] = self._bucket(loose)

    def _bucket(self, ps: list[_Phrase]) -> _Level | list[_Phrase]:
        return _Level(ps, self.pos + 1) if len(ps) > _SPLIT_ABOVE and self.pos < _DEEPEST else ps

    def collect(self, tokens: list[str], i: int, out: list[_Phrase]) -> None:
        out += self.here
        j = i + self.pos
        if j >= len(tokens):
            return
        tok = tokens[j]
        found = self.exact.get(tok)
        if found is not None:
            _collect(found, tokens, i, out)
        n = len(tok)
        for w, bucket in self.typo.get(tok[:1], {}).items():
            if w != tok and abs(len(w) - n) <= 1 and _one_typo(tok, w):
                _collect(bucket, tokens, i, out)


def _collect(bucket: _Level | list[_Phrase], tokens: list[str], i: int, out: list[_Phrase]) -> None:
    if isinstance(bucket, _Level):
        bucket.collect(tokens, i, out)
    else:
        out += bucket


class PhraseIndex:
    """Phrases indexed by their first word (and by the words after: see `_Level`): exact words in a
    dict, "stem*" by the stem's first two letters, "#" phrases tried only on a number.

    A first word's group is built the first time a message has that word: a start (and
    the content cache) only sorts tens of thousands of phrases by their first word, and a
    message needs a handful of groups. Building a group twice (two threads at once) is
    harmless: the same group either way."""

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        """Pickled as plain rows already grouped by first word, regrouped by nothing when
        loaded: tens of thousands of small objects unpickle far slower than the tuples they
        are made from, and a loop over every phrase at each start is time too (the content
        cache). Each first word's rows are pickled again on their own, as bytes, and read
        the first time a message has that word: a start reads a few thousand byte strings,
        not a hundred thousand rows (bench/startup.py)."""
        return (
            _index_from_parts,
            (
                {k: self._packed(k) for k in self._by_first_rows},
                {k: [tuple(r) for r in rows] for k, (_t, rows) in self._numbered_rows.items()},
                {k: [tuple(p) for p in ps] for k, ps in self.by_stem.items()},
            ),
        )

    def _packed(self, first: str) -> bytes:
        rows = self._by_first_rows[first]
        if isinstance(rows, bytes):
            return rows
        return pickle.dumps([tuple(r) for r in rows], protocol=pickle.HIGHEST_PROTOCOL)

    def _rows(self, first: str) -> list[tuple[Any, ...]] | None:
        """The rows of the phrases that start with this exact word, unpacked if need be."""
        rows = self._by_first_rows.get(first)
        if isinstance(rows, bytes):
            rows = self._by_first_rows[first] = pickle.loads(rows)
        return rows

    def __iter__(self) -> Iterator[_Phrase]:
        for first in list(self._by_first_rows):
            yield from (_Phrase._make(row) for row in self._rows(first) or ())
        for _test, rows in self._numbered_rows.values():
            yield from (_Phrase._make(row) for row in rows)
        for ps in self.by_stem.values():
            yield from ps

    def __init__(self, phrases: Iterable[tuple[Any, ...]]) -> None:
        #: exact first word -> its phrases as rows (words, tests, name, block), or those
        #: rows still pickled (a loaded cache: see `__reduce__`)
        self._by_first_rows: dict[str, list[tuple[Any, ...]] | bytes] = {}
        self._groups: dict[str, _Level] = {}
        self.by_stem: dict[str, list[_Phrase]] = {}
        #: "#" phrases by their first word ("#", "#3+"): its test, and their rows
        self._numbered_rows: dict[str, tuple[Step, list[tuple[Any, ...]]]] = {}
        self._numbered_groups: dict[str, _Level] = {}
        by_first: dict[str, list[tuple[Any, ...]]] = {}
        for row in phrases:
            words, tests = row[0], row[1]
            first = words[0]
            if tests[0] is None:
                by_first.setdefault(first, []).append(row)
            elif first.startswith("#"):
                self._numbered_rows.setdefault(first, (tests[0], []))[1].append(row)
            else:
                self.by_stem.setdefault(first[:2], []).append(_Phrase._make(row))
        self._by_first_rows.update(by_first)

    @staticmethod
    def _build(rows: list[tuple[Any, ...]]) -> _Level:
        return _Level([_Phrase._make(row) for row in rows], 1)

    def group(self, first: str) -> _Level | None:
        """The phrases that start with this exact word."""
        group = self._groups.get(first)
        if group is None:
            rows = self._rows(first)
            if rows is None:
                return None
            group = self._groups[first] = self._build(rows)
        return group

    def _numbered(self, first: str) -> _Level:
        group = self._numbered_groups.get(first)
        if group is None:
            group = self._numbered_groups[first] = self._build(self._numbered_rows[first][1])
        return group

    def matches(
        self, tokens: list[str], meant: Mapping[str, int] = _NONE
    ) -> list[tuple[int, int, _Phrase]]:
        out = []
        for i, tok in enumerate(tokens):
            if tok in MARKS:
                continue
            group = self.group(tok)
            candidates: list[_Phrase] = []
            if group is not None:
                group.collect(tokens, i, candidates)
            candidates += self.by_stem.get(tok[:2], ())
            if self._numbered_rows and number(tok) is not None:
                for first, (test, _rows) in self._numbered_rows.items():
                    if test(tok):
                        self._numbered(first).collect(tokens, i, candidates)
            for p in candidates:
                end = p.at(tokens, i, meant)
                if end > 0:
                    out.append((i, end, p))
        return out


def _number_test(first: str) -> Step:
    """The test of a "#" phrase's first word ("#3+"): the same object in every row."""
    test = _step(first)[1]
    assert test is not None, first
    return test


def _index_from_parts(
    by_first: dict[str, list[tuple[Any, ...]] | bytes],
    numbered: dict[str, list[tuple[Any, ...]]],
    by_stem: dict[str, list[tuple[Any, ...]]],
) -> PhraseIndex:
    index = PhraseIndex(())
    index._by_first_rows = by_first
    index._numbered_rows = {k: (_number_test(k), rows) for k, rows in numbered.items()}
    index.by_stem = {k: [_Phrase._make(r) for r in rows] for k, rows in by_stem.items()}
    return index


def compile_phrase(phrase: str, name: str, normalize: Callable[[str], str]) -> list[_Phrase]:
    """One author phrase -> its compiled forms (after expansion and normalisation)."""
    block = phrase.startswith("!")
    text = phrase[1:] if block else phrase
    out = []
    for variant in expand(text):
        # special words pass as they are; runs of plain words go through the same
        # normaliser as messages (synonyms can span words: "side affects")
        words: list[str] = []
        plain: list[str] = []
        for w in [*variant.split(), "#end"]:
            if w.startswith("#") or w.endswith("*"):
                words.extend(normalize(" ".join(plain)).split() if plain else ())
                plain = []
                if w != "#end":
                    words.append(w)
            else:
                plain.append(w)
        if not words:
            continue
        steps = [_step(w) for w in words]
        # one object per word and per test: the content cache pickles each once
        keys = tuple(sys.intern(k) for k, _ in steps)
        tests = tuple(t for _, t in steps)
        tests = _SHARED_TESTS.setdefault(tests, tests)  # mostly (None, None, ...): one each
        out.append(_Phrase(keys, tests, sys.intern(name), block))
    return out


@dataclass(frozen=True)
class Quantifiers:
    """Amount words that count something: a find of one of `concepts` whose words are one
    of `words` stands only if, after any `skip` words ("of", "my"), the next token is the
    end of the clause, a number, one of `objects` or the start of a find of one of
    `object_concepts` (a medicine, a drink), or one of `bare` (words after which the amount
    stands alone: "took a lot today"); or one word that names which medicine, then one of
    `objects` ("all my spasm meds"). Right after one of `degree` it is how much, not how
    many ("does it hurt a lot"), and counts nothing."""

    concepts: frozenset[str] = frozenset()
    words: frozenset[tuple[str, ...]] = frozenset()
    objects: frozenset[str] = frozenset()
    skip: frozenset[str] = frozenset()
    bare: frozenset[str] = frozenset()
    object_concepts: frozenset[str] = frozenset()
    degree: frozenset[str] = frozenset()

    def counts_the_medicine(
        self, tokens: list[str], start: int, end: int, object_at: set[int]
    ) -> bool:
        if start > 0 and tokens[start - 1] in self.degree:
            return False
        j = end
        while j < len(tokens) and tokens[j] in self.skip:
            j += 1
        if j >= len(tokens) or j in object_at:
            return True
        tok = tokens[j]
        if tok in MARKS or tok in self.objects or tok in self.bare or number(tok) is not None:
            return True
        # one word that says which medicine ("all my spasm meds", "loads of his nerve pills")
        after = tokens[j + 1] if j + 1 < len(tokens) else ""
        return after in self.objects or j + 1 in object_at


@dataclass(frozen=True)
class Found:
    """A concept found in a message: tokens [start, end)."""

    concept: str
    start: int
    end: int
    sentence: int
    modifiers: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Cue:
    category: str
    start: int
    end: int
    scope: tuple[int, int]  # tokens [a, b) it modifies


@dataclass(frozen=True)
class Modifier:
    category: str
    direction: str  # forward | backward | both
    window: int
    # "commas": reaches over the comma right after the cue, to the clause it frames (a time
    # said first: "hace muchos años, se comió unas"); "clauses": over commas and
    # terminators; "sentences": full stops too (a denial taken back: "i'm not suicidal. or
    # maybe i am")
    crosses: str = ""
    alone: bool = False  # counts only as a clause of its own: a mark or the end follows it


@dataclass(frozen=True)
class Reading:
    """What the screen saw in one message: for rules, `explain` and tests."""

    tokens: tuple[str, ...]
    found: tuple[Found, ...]
    cues: tuple[Cue, ...]

    def text(self, f: Found | Cue) -> str:
        return " ".join(self.tokens[f.start : f.end])

    def has(self, concept: str) -> bool:
        """Whether the concept was found at all."""
        return any(f.concept == concept for f in self.found)

    @property
    def words_end(self) -> int:
        """Where the message's words end (the marks after them left out)."""
        return 1 + max((k for k, t in enumerate(self.tokens) if t not in MARKS), default=-1)

    def says(self, concept: str) -> bool:
        """Whether the concept was found and not negated ("just tell me roughly", not
        "i'm not asking for a number")."""
        return any(f.concept == concept and NEGATION not in f.modifiers for f in self.found)

    @property
    def asks_in_general(self) -> bool:
        """Whether a cue of a question asked in general or ahead was seen ("can you take it
        with...", "what if...")."""
        return any(c.category in ("hypothetical", "generic") for c in self.cues)

    def describe(self) -> list[str]:
        lines = []
        for f in self.found:
            mods = f" [{', '.join(sorted(f.modifiers))}]" if f.modifiers else ""
            lines.append(f"{f.concept}: '{self.text(f)}'{mods}")
        return lines


class Vocabulary:
    """Concept word lists and context modifiers, compiled."""

    def __init__(
        self,
        concepts: Mapping[str, list[_Phrase]],
        cues: Mapping[str, list[_Phrase]],
        modifiers: Mapping[str, Modifier],
        terminators: Iterable[_Phrase],
        entities: frozenset[str] = frozenset(),
        quantifiers: Quantifiers = Quantifiers(),
        meant: Mapping[str, int] = _NONE,
    ) -> None:
        self.entities = entities  # things, not events: no modifier applies to them
        self.meant = meant  # common words and their counts (`_Phrase.at`)
        self.quantifiers = quantifiers
        self.modifiers = dict(modifiers)
        self._terminators = PhraseIndex(terminators)
        self._concepts = PhraseIndex(p for ps in concepts.values() for p in ps)
        self._cues = PhraseIndex(p for ps in cues.values() for p in ps)

    def read(self, tokens: list[str]) -> Reading:
        sentence_of = _sentences(tokens)
        cues = self._find_cues(tokens)
        raw = self._concepts.matches(tokens, self.meant)
        blocked: dict[str, list[tuple[int, int]]] = {}
        for i, end, p in raw:
            if p.block:
                blocked.setdefault(p.name, []).append((i, end))
        q = self.quantifiers
        object_at = {i for i, _e, p in raw if p.name in q.object_concepts and not p.block}
        found: dict[tuple[str, int, int], Found] = {}
        for i, end, p in raw:
            if p.block or (p.name, i, end) in found:
                continue
            # a blocker stops a phrase it overlaps, unless the phrase holds it and says more
            # ("creo que me tome" is a past event; "que me tome" alone may be a wish)
            if any(
                a < end and i < b and not (i <= a and b <= end and end - i > b - a)
                for a, b in blocked.get(p.name, ())
            ):
                continue
            if (
                p.name in q.concepts
                and tuple(tokens[i:end]) in q.words
                and not q.counts_the_medicine(tokens, i, end, object_at)
            ):
                continue  # "a lot of water": an amount, but not of the medicine
            mods = frozenset(
                c.category
                for c in (() if p.name in self.entities else cues)
                # a cue sharing the concept's own words ("is not breathing") does not modify
                # it, but a figure's words are the figure ("breathing hard from laughing")
                if c.scope[0] <= i
                and end <= c.scope[1]
                and (c.category == FIGURE or not (c.start < end and i < c.end))
            )
            if RETRACTION in mods:  # "not suicidal... or maybe i am": the denial taken back
                mods -= {NEGATION}
            found[(p.name, i, end)] = Found(p.name, i, end, sentence_of[i], mods)
        return Reading(tuple(tokens), tuple(sorted(found.values(), key=_order)), tuple(cues))

    def _find_cues(self, tokens: list[str]) -> list[Cue]:
        hits = sorted(self._cues.matches(tokens), key=lambda h: (h[0], -(h[1] - h[0])))
        # a pseudo cue ("not sure") owns its words: no cue that shares one counts
        pseudo = [(i, end) for i, end, p in hits if p.name not in self.modifiers]
        stops = {k for i, end, _p in self._terminators.matches(tokens) for k in range(i, end)}
        cues: list[Cue] = []
        taken = -1  # a longer cue owns its words...
        span = (-1, -1)  # ...but cues of other kinds on the very same words all count
        for i, end, p in hits:
            mod = self.modifiers.get(p.name)
            if mod is None or any(a < end and i < b for a, b in pseudo):
                continue
            if mod.alone and end < len(tokens) and tokens[end] not in MARKS:
                continue
            if i < taken and (i, end) != span:
                continue
            taken, span = end, (i, end)
            a, b = i, end
            crosses = mod.crosses
            bounds = stops if crosses in ("", "commas") else set()
            if mod.direction in ("forward", "both"):
                b = self._reach(tokens, end, mod.window, +1, bounds, crosses)
            if mod.direction in ("backward", "both"):
                a = self._reach(tokens, i - 1, mod.window, -1, bounds, crosses)
            cues.append(Cue(mod.category, i, end, (a, b)))
        return cues

    @staticmethod
    def _reach(
        tokens: list[str], i: int, window: int, step: int, stops: set[int], crosses: str = ""
    ) -> int:
        """Walk from token i up to `window` tokens, stopping at a mark or a terminator; a
        modifier that `crosses` clauses walks over commas (and, crossing sentences, full
        stops) without counting them; one that crosses "commas", over the comma next to the
        cue only (after it, walking forward; before it, walking back)."""
        over = {"clauses": {CLAUSE}, "sentences": {CLAUSE, SENTENCE}}.get(crosses, set())
        if crosses == "commas" and 0 <= i < len(tokens) and tokens[i] == CLAUSE:
            i += step
        n = len(tokens)
        last = i - step  # nothing reached yet
        k = 0
        while 0 <= i < n and k < window:
            if tokens[i] in over:
                i += step
                continue
            if tokens[i] in MARKS or i in stops:
                break
            last = i
            i += step
            k += 1
        return last + 1 if step > 0 else max(last, 0)


def _order(f: Found) -> tuple[int, int, str]:
    return (f.start, f.end, f.concept)


def _sentences(tokens: list[str]) -> list[int]:
    out, s = [], 0
    for tok in tokens:
        out.append(s)
        if tok == SENTENCE:
            s += 1
    return out


def build_vocabulary(
    concepts: Mapping[str, Iterable[str]],
    modifiers: Mapping[
        str,
        tuple[str, int, Iterable[str]]
        | tuple[str, int, Iterable[str], str]
        | tuple[str, int, Iterable[str], str, str, bool],
    ],
    pseudo: Iterable[str],
    terminators: Iterable[str],
    normalize: Callable[[str], str],
    entities: Iterable[str] = (),
    quantifiers: Mapping[str, Iterable[str]] | None = None,
    meant: Mapping[str, int] = _NONE,
) -> Vocabulary:
    """Compile the word lists. `modifiers`: name -> (direction, window, cues[, category[,
    crosses, alone]]) (`Modifier`).
    `quantifiers`: concepts, words, objects, skip, bare (see `Quantifiers`). `meant`: common
    words and how common: one may be a word, not a typo of a phrase's word (`_Phrase.at`).
    Raises ConceptError naming the phrase that does not compile."""
    compiled = {}
    for name, phrases in concepts.items():
        compiled[name] = [
            cp for phrase in phrases for cp in _compile_named(phrase, name, normalize)
        ]
    cues: dict[str, list[_Phrase]] = {}
    mods = {}
    for name, (direction, window, phrases, *more) in modifiers.items():
        category = more[0] if more else name
        crosses = more[1] if len(more) > 1 else ""
        alone = more[2] if len(more) > 2 else False
        mods[name] = Modifier(str(category), direction, window, str(crosses), bool(alone))
        cues[name] = [cp for ph in phrases for cp in _compile_named(ph, name, normalize)]
    cues["pseudo"] = [cp for ph in pseudo for cp in _compile_named(ph, "pseudo", normalize)]
    terms = [cp for t in terminators for cp in _compile_named(t, "terminator", normalize)]
    q = quantifiers or {}

    def words_of(key: str) -> list[tuple[str, ...]]:
        return [tuple(normalize(v).split()) for ph in q.get(key, ()) for v in expand(ph)]

    quant = Quantifiers(
        frozenset(q.get("concepts", ())),
        frozenset(words_of("words")),
        frozenset(w for ws in words_of("objects") for w in ws),
        frozenset(w for ws in words_of("skip") for w in ws),
        frozenset(w for ws in words_of("bare") for w in ws),
        frozenset(q.get("object_concepts", ())),
        frozenset(w for ws in words_of("degree") for w in ws),
    )
    return Vocabulary(compiled, cues, mods, terms, frozenset(entities), quant, meant)


def validate(phrases: Iterable[str]) -> None:
    """Raise ConceptError for the first phrase whose `#` or `*` is misplaced (cheap: no
    normalising), so a loader can name the list it is in."""
    for phrase in phrases:
        for variant in expand(phrase.lstrip("!")):
            for word in variant.split():
                if "#" in word or "*" in word:
                    _step(word)


def _compile_named(phrase: str, name: str, normalize: Callable[[str], str]) -> list[_Phrase]:
    try:
        return compile_phrase(phrase, name, normalize)
    except ConceptError as exc:
        raise ConceptError(f"{name}: {exc}") from None
