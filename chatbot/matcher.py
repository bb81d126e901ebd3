"""Fuzzy intent matching over every example phrasing, normalised once at load.

Topic questions are reduced to their content words (stop words and the
medicine's own name removed: "can I drink on baclofen" -> "drink"). Only the
examples that share a (lightly stemmed) word with the question are scored, two
ways, in RapidFuzz's C++ or in plain dict look-ups:

- *fuzzy*: the best token-sort / token-set similarity to any one example;
- *keywords*: how much of the question's information (IDF-weighted, lightly
  stemmed words) the intent's examples share.

The blend is the intent's score (0-100). Smalltalk ("thanks", "who are you")
is matched separately on the whole text, because it is made of stop words.
The thresholds that turn scores into answer / clarify / fallback are named in
`Thresholds`.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from rapidfuzz import fuzz, process

from .settings import Thresholds

#: Words that carry no topic: removed from examples and questions before scoring.
STOPWORDS = frozenset(
    """a an the and or but if so of to in on at for with from by about as into than then
    i im ive id me my mine we our you your u ur he him his she her they them their it its
    this that these those there here is are was were be been being am do does did doing done
    have has had having can could should would will shall may might must just also too very
    really please pls plz what whats which who whom whose when where why how hi hey ok okay
    well any some get got getting go going know tell want need like thing things something
    anything anyone someone one taking take takes took medicine tablets""".split()
)

#: How much of the score comes from shared keywords (the rest: the best single example).
KEYWORD_WEIGHT = 0.6


def content_words(tokens: Sequence[str], ignore: frozenset[str]) -> str:
    kept = [t for t in tokens if t not in STOPWORDS and t not in ignore]
    return " ".join(kept)


def stem(word: str) -> str:
    """A light suffix-stripper: "drinking", "drinks", "drinked" -> "drink"."""
    for suffix in ("ing", "ed", "es", "s", "ly"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


@dataclass(frozen=True)
class Candidate:
    intent: str
    score: float
    example: str  # the example phrasing that scored best (as the author wrote it)


@dataclass(frozen=True)
class Decision:
    action: str  # "answer" | "clarify" | "fallback"
    candidates: tuple[Candidate, ...]  # best per intent, best first (top 5)
    reason: str


@dataclass(frozen=True)
class Matcher:
    keys: tuple[str, ...]  # reduced example texts, parallel to the next two
    intents: tuple[str, ...]
    examples: tuple[str, ...]
    thresholds: Thresholds
    keywords: Mapping[str, Mapping[str, float]]  # intent -> stemmed word -> weight
    idf: Mapping[str, float]
    unknown_idf: float
    postings: Mapping[str, tuple[int, ...]]  # stemmed word -> examples that use it

    @classmethod
    def build(cls, rows: Iterable[tuple[str, str, str]], thresholds: Thresholds) -> Matcher:
        """rows: (intent id, example as written, reduced key)."""
        keys, intents, examples = [], [], []
        seen: set[tuple[str, str]] = set()
        for intent, example, key in rows:
            if not key or (intent, key) in seen:
                continue
            seen.add((intent, key))
            keys.append(key)
            intents.append(intent)
            examples.append(example)
        # keyword profile per intent: in how many of its examples each word occurs
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        for key, intent in zip(keys, intents, strict=True):
            counts[intent].update({stem(w) for w in key.split()})
        n_examples = Counter(intents)
        df: Counter[str] = Counter()
        for c in counts.values():
            df.update(c.keys())
        n = len(counts) or 1
        idf = {w: math.log((n + 1) / (d + 0.5)) for w, d in df.items()}
        keywords = {
            intent: MappingProxyType(
                {w: min(1.0, 0.3 + 3.0 * k / n_examples[intent]) for w, k in c.items()}
            )
            for intent, c in counts.items()
        }
        postings: dict[str, list[int]] = defaultdict(list)
        for index, key in enumerate(keys):
            for w in {stem(w) for w in key.split()}:
                postings[w].append(index)
        return cls(
            tuple(keys),
            tuple(intents),
            tuple(examples),
            thresholds,
            MappingProxyType(keywords),
            MappingProxyType(idf),
            math.log(n + 1),
            MappingProxyType({w: tuple(ix) for w, ix in postings.items()}),
        )

    def rank(self, query: str, limit: int = 5) -> list[Candidate]:
        """Best blended score per intent, best first."""
        if not query or not self.keys:
            return []
        words = [stem(w) for w in query.split()]
        # only examples that share a word with the question can score: fuzzy-score those
        pool = sorted({i for w in words for i in self.postings.get(w, ())})
        if not pool:
            return []
        pool_keys = [self.keys[i] for i in pool]
        best: dict[str, dict[str, tuple[float, int]]] = {}  # intent -> scorer -> (score, ex)
        for name, scorer in (("sort", fuzz.token_sort_ratio), ("set", fuzz.token_set_ratio)):
            for _key, value, at in process.extract(
                query, pool_keys, scorer=scorer, processor=None, limit=None
            ):
                index = pool[at]
                per = best.setdefault(self.intents[index], {})
                if value > per.get(name, (-1.0, 0))[0]:
                    per[name] = (value, index)
        total = sum(self.idf.get(w, self.unknown_idf) for w in words) or 1.0
        scores: dict[str, Candidate] = {}
        for intent, per in best.items():
            sort_v, sort_i = per.get("sort", (0.0, -1))
            set_v, set_i = per.get("set", (0.0, -1))
            profile = self.keywords.get(intent, {})
            kw = 100.0 * sum(self.idf.get(w, 0.0) * profile[w] for w in words if w in profile)
            value = (1 - KEYWORD_WEIGHT) * (sort_v + set_v) / 2 + KEYWORD_WEIGHT * kw / total
            example = self.examples[sort_i if sort_v >= set_v else set_i]
            scores[intent] = Candidate(intent, round(value, 1), example)
        ranked = sorted(scores.values(), key=lambda c: (-c.score, c.intent))
        return ranked[:limit]

    def decide(self, candidates: list[Candidate], query: str = "") -> Decision:
        t = self.thresholds
        top = tuple(candidates)
        if not candidates or candidates[0].score < t.clarify:
            return Decision(
                "fallback", top, f"no intent reaches the clarify threshold {t.clarify:.0f}"
            )
        first = candidates[0]
        second = candidates[1] if len(candidates) > 1 else None
        margin = first.score - second.score if second else 100.0
        if (
            second is not None
            and second.score >= t.clarify
            and self._two_topics(query, first.intent, second.intent)
        ):
            return Decision("clarify", top, "the question names both of the top two topics")
        if first.score >= t.answer and margin >= t.margin:
            return Decision(
                "answer",
                top,
                f"score {first.score:.0f} >= {t.answer:.0f}, margin {margin:.0f} >= {t.margin:.0f}",
            )
        if second is not None and second.score >= t.clarify:
            why = (
                f"top two within {t.margin:.0f} points"
                if margin < t.margin
                else f"best score {first.score:.0f} is below {t.answer:.0f}"
            )
            return Decision("clarify", top, why)
        if first.score >= t.answer:
            return Decision("answer", top, f"only one intent above {t.clarify:.0f}")
        return Decision(
            "fallback",
            top,
            f"best score {first.score:.0f} is below {t.answer:.0f}"
            " and no other topic is close enough to ask about",
        )

    def _two_topics(self, query: str, a: str, b: str) -> bool:
        """Does the question carry a word that marks `a` but not `b`, and one that marks
        `b` but not `a`? ("alcohol and driving": each word belongs to one topic.)"""
        words = {stem(w) for w in query.split()}
        if len(words) > TOPIC_LIST_WORDS:
            return False  # a sentence, not a list of topics: its words have other roles
        pa, pb = self.keywords.get(a, {}), self.keywords.get(b, {})
        only_a = only_b = False
        for w in words:
            if self.idf.get(w, 0.0) < TOPIC_IDF:
                continue  # a word many topics use ("cause", "safe") names none of them
            wa, wb = pa.get(w, 0.0), pb.get(w, 0.0)
            only_a = only_a or (wa >= TOPIC_WORD and wb < OTHER_WORD)
            only_b = only_b or (wb >= TOPIC_WORD and wa < OTHER_WORD)
        return only_a and only_b


#: Up to this many words, a smalltalk phrase may sit among other words ("ok bye").
SHORT_MESSAGE_WORDS = 4
#: Only a short question ("alcohol and driving") is read as a list of topics.
TOPIC_LIST_WORDS = 3
#: ...and its words count only when few topics use them (IDF; about 3 of 28 or fewer).
TOPIC_IDF = 2.0
#: A word "marks" a topic when it occurs in this share of its keyword profile...
TOPIC_WORD = 0.75
#: ...and hardly in the other's.
OTHER_WORD = 0.5


@dataclass(frozen=True)
class PhraseMatcher:
    """Whole-text matching for smalltalk and fixed fallbacks ("thanks", "ignore your rules")."""

    texts: tuple[str, ...]
    intents: tuple[str, ...]
    examples: tuple[str, ...]

    @classmethod
    def build(cls, rows: Iterable[tuple[str, str, str]]) -> PhraseMatcher:
        rows = [r for r in rows if r[2]]
        return cls(tuple(r[2] for r in rows), tuple(r[0] for r in rows), tuple(r[1] for r in rows))

    def best(self, text: str) -> Candidate | None:
        if not text or not self.texts:
            return None
        # a short message may wrap a phrase in a word or two ("ok bye", "more please"):
        # compare its words as a set; a longer one must match as a whole
        short = text.count(" ") < SHORT_MESSAGE_WORDS
        scorer = fuzz.token_set_ratio if short else fuzz.ratio
        found = process.extractOne(text, self.texts, scorer=scorer, processor=None)
        if found is None:
            return None
        _t, value, index = found
        return Candidate(self.intents[index], float(value), self.examples[index])
