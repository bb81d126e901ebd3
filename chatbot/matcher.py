"""Intent matching: which topic a question is about, with scores an author can read.

The matcher sees the question's normalised words, with the medicine's own name
written `*` ("can I drink on baclofen?" -> "can i drink on *"). Four kinds of
evidence are blended into one score per intent (0-100):

- *words* (BM25): the question's content words (stop words dropped, lightly
  stemmed) against all of an intent's example phrasings taken as one document,
  so a word that few topics use counts for more than one that many use;
- *pairs* (BM25): neighbouring words, stop words and `*` included, so phrases
  whose words say little alone still count ("how long", "with food", "* for");
- *answer* (BM25): the content words against the topic's own answer text
  (title, short and more), so a word that only the answer uses still finds it;
- *fuzzy*: the best RapidFuzz token-sort / token-set similarity to one example
  sharing a word with the question, for word order and near-misses.

Lay words stand for the topic words they mean ("hooked" -> addicted, "pee" ->
urine; intents/lay_terms.yaml) in the words and answer evidence. A content word
that neither the examples nor the answers ever use counts against every intent,
so a question mostly about something else ("weather", "hamstring") scores low and
falls back. Smalltalk ("thanks", "who are you") is matched separately on the
whole text, because it is made of stop words. The thresholds that turn scores
into answer / clarify / fallback are named in `Thresholds`.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Container, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

from rapidfuzz import fuzz, process

from .settings import Thresholds
from .spanish import without_clitics

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

#: Stands for the medicine's own name in a match key ("can i drink on *").
MEDICINE = "*"

#: How much each kind of evidence weighs in the score (they add up to 1).
WORDS_WEIGHT = 0.45
PAIRS_WEIGHT = 0.10
ANSWER_WEIGHT = 0.10
FUZZY_WEIGHT = 0.35
#: BM25's term-frequency saturation and length normalisation (the usual values).
BM25_K1 = 1.2
BM25_B = 0.75
#: How a background phrase writes "any number" ("# months": intents/lay_terms.yaml).
NUMBER = "#"
#: What a background word (who the question is about: intents/lay_terms.yaml) weighs
#: beside the words of what it asks.
BACKGROUND_WEIGHT = 0.3
#: A content word that no example or answer uses weighs this share of the rarest word.
UNKNOWN_WORD = 0.6
#: However common a question's words, the most it could score is at least this share of
#: one rare word, so that common words alone ("can *", "affect") never score high.
BM25_FLOOR = 0.8


#: The word a match key ends with when the question names the medicine by two of its names
#: ("is lioresal the same as baclofen?", "¿el lioresal y el baclofeno son lo mismo?"): what
#: it asks is then most often about the names, as an example naming it once is not
TWO_NAMES = "twonames"


def match_key(tokens: Sequence[str], ignore: Container[str], two_names: bool = False) -> str:
    """The question as the matcher reads it: every word, a covered medicine's name as `*`
    (and TWO_NAMES last, when it was written with two names).
    The one derivation: the loader stores each example's key with it (`Intent.keys`), and
    the engine and the authoring tools go through `KnowledgeBase.key_of`."""
    key = [MEDICINE if t in ignore else t for t in tokens]
    return " ".join([*key, TWO_NAMES] if two_names else key)


def stem(word: str) -> str:
    """A light suffix-stripper: "drinking", "drinks", "drinked" -> "drink"."""
    for suffix in ("ing", "ed", "es", "s", "ly"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


#: Words that carry no topic in Spanish, like STOPWORDS in English.
SPANISH_STOPWORDS = frozenset(
    """a al algo alguien como con cual cuando de del donde el ella ellas ellos en entre es
    esa ese eso esta estas este esto estos estoy esta está están fue ha hay la las le les lo
    los me mi mis muy nada ni no nos o otra otro para pero por porque que qué quien se ser
    si sí sin sobre su sus te ti tu tú un una uno unos unas y ya yo usted ustedes puedo
    puede pueden debo debe tengo tiene tienen hago hace hacer saber quiero quisiera favor
    hola oye bueno pues tomar tomo toma tomando pastillas pastilla tabletas medicina
    medicamento q xq pa k tmb""".split()
)


#: Accents folded for matching: people write "genérico" and "generico", "líquido" and
#: "liquido", "ñ" as "n" (the safety screen keeps them; the matcher need not).
_UNACCENT = str.maketrans("áéíóúüñ", "aeiouun")


def spanish_stem(word: str) -> str:
    """A light suffix-stripper for Spanish: "tomando", "tomar" -> "tom"; "efectos" -> "efect";
    accents folded first ("genérico" -> "generic"); pronouns written onto a verb go too
    ("juntarlas", "preocuparme" -> "junt", "preocup")."""
    word = word.translate(_UNACCENT)
    word = without_clitics(word)
    for suffix in (
        "amente",
        "mente",
        "aciones",
        "ación",
        "acion",
        "ando",
        "iendo",
        "adas",
        "ados",
        "idas",
        "idos",
        "ada",
        "ado",
        "ida",
        "ido",
        "ar",
        "er",
        "ir",
        "es",
        "os",
        "as",
        "s",
        "o",
        "a",
        "e",
    ):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


@dataclass(frozen=True)
class Profile:
    """What matching needs to know of a language: its stop words and its stemmer."""

    code: str
    stopwords: frozenset[str]
    stem: Callable[[str], str]
    #: words that point back to the medicine already talked about ("how is it different
    #: from tizanidine?")
    refers: frozenset[str] = frozenset()
    #: words that put two medicines together ("se puede mezclar con benadryl?") or side by
    #: side ("es igual q la ciclobenzaprina?": Spanish says no "it"): with one medicine in
    #: the content, the other is asked about beside it
    mixes: frozenset[str] = frozenset()
    #: words that ask ("whats", "qué"): beside a greeting and the medicine's name alone,
    #: they ask what it is ("hiya, whats baclofen then")
    asks: frozenset[str] = frozenset()


ENGLISH = Profile(
    "en",
    STOPWORDS,
    stem,
    frozenset({"it", "its", "this", "that"}),
    frozenset({"mix", "mixing", "mixed", "combine", "combining", "together", "with"}),
    frozenset("what whats wat wats which who whos tell explain".split()),
)
SPANISH = Profile(
    "es",
    SPANISH_STOPWORDS,
    spanish_stem,
    frozenset({"lo", "este", "esto", "eso", "ese", "él"}),
    frozenset(
        """mezclar mezcla mezclo combinar junto juntos juntas con igual mismo misma parecido
        parecida diferente diferencia""".split()
    ),
    frozenset("que qué q k cual cuál quien quién explica explicame cuentame".split()),
)
PROFILES = {p.code: p for p in (ENGLISH, SPANISH)}


def _content(
    words: Sequence[str], ignore: frozenset[str] = frozenset(), stop: frozenset[str] = STOPWORDS
) -> list[str]:
    return [w for w in words if w not in stop and w != MEDICINE and w not in ignore]


def _pairs(words: Sequence[str]) -> list[str]:
    return [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]


@dataclass(frozen=True)
class LayTerms:
    """Everyday words -> the words the content uses for them, for matching only
    (the safety screen never sees these): "pee" -> "urine", "hair fall out" -> "hair loss"."""

    table: Mapping[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)
    longest: int = 1
    ignore: frozenset[str] = frozenset()  # words that say nothing about the topic ("even")
    follow_ups: tuple[tuple[str, ...], ...] = ()  # how a follow-up starts ("what about")
    # who the question is about and their condition ("my son", "cerebral palsy"): beside
    # other content words they weigh BACKGROUND_WEIGHT of a word (see Matcher.rank)
    background: frozenset[tuple[str, ...]] = frozenset()
    background_longest: int = 0
    # ...except after these ("for MS", "para la esclerosis"): then they are what is asked
    purpose: tuple[tuple[str, ...], ...] = ()

    @classmethod
    def build(
        cls,
        pairs: Iterable[tuple[Sequence[str], Sequence[str]]],
        ignore: Iterable[str] = (),
        follow_ups: Iterable[Sequence[str]] = (),
        background: Iterable[Sequence[str]] = (),
        purpose: Iterable[Sequence[str]] = (),
    ) -> LayTerms:
        table = {tuple(v): tuple(c) for v, c in pairs if v and tuple(v) != tuple(c)}
        longest = max((len(k) for k in table), default=1)
        starts = tuple(sorted({tuple(f) for f in follow_ups if f}, key=len, reverse=True))
        back = frozenset(tuple(b) for b in background if b)
        return cls(
            MappingProxyType(table),
            longest,
            frozenset(ignore),
            starts,
            back,
            max((len(b) for b in back), default=0),
            tuple(sorted({tuple(p) for p in purpose if p}, key=len, reverse=True)),
        )

    def background_at(self, words: Sequence[str]) -> set[int]:
        """The positions of the words that say who the question is about, not what. A
        number is `#` in the lists ("# months")."""
        at: set[int] = set()
        shaped = [NUMBER if w.isdigit() else w for w in words]
        i, n = 0, len(words)
        while i < n:
            for size in range(min(self.background_longest, n - i), 0, -1):
                if tuple(shaped[i : i + size]) in self.background:
                    if not any(tuple(words[max(0, i - len(p)) : i]) == p for p in self.purpose):
                        at.update(range(i, i + size))
                    i += size
                    break
            else:
                i += 1
        return at

    def apply(self, words: Sequence[str]) -> list[str]:
        if not self.table:
            return list(words)
        out: list[str] = []
        i, n = 0, len(words)
        while i < n:
            for size in range(min(self.longest, n - i), 0, -1):
                target = self.table.get(tuple(words[i : i + size]))
                if target is not None:
                    out.extend(target)
                    i += size
                    break
            else:
                out.append(words[i])
                i += 1
        return out


@dataclass(frozen=True)
class Bm25:
    """Okapi BM25 over a few documents, with the weights worked out at load time."""

    postings: Mapping[str, tuple[tuple[str, float], ...]]  # feature -> (document, weight)
    idf: Mapping[str, float]
    unknown: float  # what a feature no document has counts in the most a question can score
    floor: float  # the least "most" there is: common features alone never score high

    @classmethod
    def build(cls, docs: Mapping[str, Sequence[str]], unknown: float = 0.0) -> Bm25:
        counts = {d: Counter(f) for d, f in docs.items() if f}
        n = len(counts)
        if not n:
            return cls(MappingProxyType({}), MappingProxyType({}), 0.0, 0.0)
        avg = sum(sum(c.values()) for c in counts.values()) / n
        df: Counter[str] = Counter(w for c in counts.values() for w in c)
        idf = {w: math.log((n - k + 0.5) / (k + 0.5) + 1) for w, k in df.items()}
        postings: dict[str, list[tuple[str, float]]] = defaultdict(list)
        k1, b = BM25_K1, BM25_B
        for d, c in counts.items():
            norm = k1 * (1 - b + b * sum(c.values()) / avg)
            for w, tf in c.items():
                postings[w].append((d, idf[w] * tf * (k1 + 1) / (tf + norm)))
        rarest = math.log((n + 0.5) / 0.5 + 1)
        return cls(
            MappingProxyType({w: tuple(p) for w, p in postings.items()}),
            MappingProxyType(idf),
            unknown * rarest,
            BM25_FLOOR * rarest,
        )

    def scores(
        self, features: Iterable[str], weights: Mapping[str, float] | None = None
    ) -> dict[str, float]:
        """Each document's share (0-1) of the most these features could score; a feature
        in `weights` counts that share of itself, in what is found and in the most."""
        found: dict[str, float] = defaultdict(float)
        most = 0.0
        weights = weights or {}
        for w in set(features):
            share = weights.get(w, 1.0)
            idf = self.idf.get(w)
            if idf is None:
                most += self.unknown * share
                continue
            most += idf * share
            for doc, weight in self.postings[w]:
                found[doc] += weight * share
        most = max(most, self.floor)
        if most <= 0:
            return {}
        most *= BM25_K1 + 1
        return {d: v / most for d, v in found.items()}


@dataclass(frozen=True)
class Candidate:
    intent: str
    score: float
    example: str  # the example phrasing that scored best (as the author wrote it)


#: What the matcher decides for a question.
Action = Literal["answer", "clarify", "fallback"]


@dataclass(frozen=True)
class Decision:
    action: Action
    candidates: tuple[Candidate, ...]  # best per intent, best first (top 5)
    reason: str


@dataclass(frozen=True)
class Matcher:
    keys: tuple[str, ...]  # content words of each example, parallel to the next two
    intents: tuple[str, ...]
    examples: tuple[str, ...]
    thresholds: Thresholds
    keywords: Mapping[str, Mapping[str, float]]  # intent -> stemmed word -> how much it marks it
    idf: Mapping[str, float]  # stemmed word -> how few intents use it
    postings: Mapping[str, tuple[int, ...]]  # stemmed word -> examples that use it
    words: Bm25
    pairs: Bm25
    answers: Bm25
    lay: LayTerms
    profile: Profile = ENGLISH  # the language of the examples: stop words, stemmer

    @classmethod
    def build(
        cls,
        rows: Iterable[tuple[str, str, str]],
        thresholds: Thresholds,
        answers: Iterable[tuple[str, str]] = (),
        lay: LayTerms | None = None,
        profile: Profile = ENGLISH,
    ) -> Matcher:
        """rows: (intent id, example as written, match key); answers: (intent id, match key
        of the answer text it leads to)."""
        lay = lay or LayTerms()
        stem, stop = profile.stem, profile.stopwords
        keys, intents, examples = [], [], []
        word_docs: dict[str, list[str]] = defaultdict(list)
        pair_docs: dict[str, list[str]] = defaultdict(list)
        seen: set[tuple[str, str]] = set()
        skip = lay.ignore
        for intent, example, key in rows:
            words = key.split()
            content = " ".join(_content(words, skip, stop))
            if not content or (intent, key) in seen:
                continue
            seen.add((intent, key))
            keys.append(content)
            intents.append(intent)
            examples.append(example)
            word_docs[intent] += [stem(w) for w in _content(lay.apply(words), skip, stop)]
            pair_docs[intent] += _pairs(words)
        answer_docs = {
            intent: [stem(w) for w in _content(lay.apply(key.split()), skip, stop)]
            for intent, key in answers
        }
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
        known = set(df) | {w for doc in answer_docs.values() for w in doc}
        unknown = UNKNOWN_WORD if known else 0.0
        return cls(
            tuple(keys),
            tuple(intents),
            tuple(examples),
            thresholds,
            MappingProxyType(keywords),
            MappingProxyType(idf),
            MappingProxyType({w: tuple(ix) for w, ix in postings.items()}),
            Bm25.build(word_docs, unknown),
            Bm25.build(pair_docs),
            Bm25.build(answer_docs),
            lay,
            profile,
        )

    def rank(
        self, query: str, limit: int = 5, keep: Callable[[str], bool] | None = None
    ) -> list[Candidate]:
        """Best blended score per intent, best first. `query` is a `match_key`; `keep`, if
        given, says which intents may be candidates (a medicine's scope).

        Who the question is about ("my son", intents/lay_terms.yaml `background`) weighs
        less than what it asks, when it asks something besides, so they stop pulling a
        question to the topic whose examples name them most. No score then goes above the
        best one on the whole question: weighing them less never makes the matcher surer."""
        words = query.split()
        if not self.keys or not (self.content(query) or self._lay_content(words)):
            return []
        scores = self._scores(words)
        back = self.lay.background_at(words)
        fore = self._lay_content([w for i, w in enumerate(words) if i not in back]) if back else []
        if fore:
            most = max((score for score, _ in scores.values()), default=0.0)
            scores = {
                intent: (min(score, most), example)
                for intent, (score, example) in self._scores(words, back, fore).items()
            }
        ranked = [
            Candidate(intent, round(score, 1), example)
            for intent, (score, example) in scores.items()
            if keep is None or keep(intent)
        ]
        ranked.sort(key=lambda c: (-c.score, c.intent))
        return ranked[:limit]

    def _scores(
        self, words: Sequence[str], back: set[int] | None = None, fore: list[str] | None = None
    ) -> dict[str, tuple[float, str]]:
        """Each intent's blended score (0-100) and its best example. The words at `back`
        weigh BACKGROUND_WEIGHT and are left out of the fuzzy comparison, which compares
        `fore`, the content words of the rest (lay terms applied)."""
        stem = self.profile.stem
        laid = self._lay_content(words)  # the content words once the lay terms are applied
        stems = [stem(w) for w in laid]
        weights: dict[str, float] = {}
        if back and fore:
            fore_stems = {stem(w) for w in fore}
            behind = self._lay_content([words[i] for i in sorted(back)])
            weights = {s: BACKGROUND_WEIGHT for s in map(stem, behind) if s not in fore_stems}
            weights |= {
                f"{a} {b}": BACKGROUND_WEIGHT
                for i, (a, b) in enumerate(zip(words, words[1:], strict=False))
                if i in back or i + 1 in back
            }
            rest = [w for i, w in enumerate(words) if i not in back]
            said, laid = self.content(" ".join(rest)) or fore, fore
        else:
            said = self.content(" ".join(words)) or laid
        evidence: dict[str, float] = defaultdict(float)
        for index, weight, found in (
            (self.words, WORDS_WEIGHT, stems),
            (self.pairs, PAIRS_WEIGHT, _pairs(words)),
            (self.answers, ANSWER_WEIGHT, stems),
        ):
            for intent, share in index.scores(found, weights).items():
                evidence[intent] += weight * share
        # a question in common words only ("what is it for") is compared by its lay terms
        fuzzy = self._fuzzy(" ".join(said), {stem(w) for w in said} | {stem(w) for w in laid})
        out = {}
        for intent in evidence.keys() | fuzzy.keys():
            value, example = fuzzy.get(intent, (0.0, ""))
            out[intent] = (100.0 * evidence.get(intent, 0.0) + FUZZY_WEIGHT * value, example)
        return out

    def content(self, query: str) -> list[str]:
        """The words of a match key that can say what it is about."""
        return _content(query.split(), self.lay.ignore, self.profile.stopwords)

    def asks_more_than_the_name(self, query: str) -> bool:
        """Does a match key ask anything besides the medicine's name, counting the lay
        terms ("what is baclofen for" asks what it is used for; "what is baclofen" does not)?"""
        return bool(self._lay_content(query.split()))

    def asks_what_it_is(self, query: str) -> bool:
        """Does a match key ask what the medicine is, and nothing more, in words that ask
        ("hi whats * then", "hola q es el *")? Beside a greeting, that is the question."""
        words = query.split()
        return not self._lay_content(words) and any(w in self.profile.asks for w in words)

    def _lay_content(self, words: Sequence[str]) -> list[str]:
        return _content(self.lay.apply(words), self.lay.ignore, self.profile.stopwords)

    def _fuzzy(self, text: str, stems: set[str]) -> dict[str, tuple[float, str]]:
        """The best similarity (0-100) to one example per intent, among the examples that
        share a word with the question, and that example."""
        pool = sorted({i for w in stems for i in self.postings.get(w, ())})
        if not pool:
            return {}
        pool_keys = [self.keys[i] for i in pool]
        best: dict[str, dict[str, tuple[float, int]]] = {}  # intent -> scorer -> (score, ex)
        for name, scorer in (("sort", fuzz.token_sort_ratio), ("set", fuzz.token_set_ratio)):
            for _key, value, at in process.extract(
                text, pool_keys, scorer=scorer, processor=None, limit=None
            ):
                index = pool[at]
                per = best.setdefault(self.intents[index], {})
                if value > per.get(name, (-1.0, 0))[0]:
                    per[name] = (value, index)
        out = {}
        for intent, per in best.items():
            sort_v, sort_i = per.get("sort", (0.0, -1))
            set_v, set_i = per.get("set", (0.0, -1))
            out[intent] = (
                (sort_v + set_v) / 2,
                self.examples[sort_i if sort_v >= set_v else set_i],
            )
        return out

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
        words = {self.profile.stem(w) for w in self.content(query)}
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
    """Whole-text matching for smalltalk and fixed fallbacks ("thanks", "ignore your rules").
    The phrases are kept shortest first: `wrapped[n]` of them have n words or fewer."""

    texts: tuple[str, ...]
    intents: tuple[str, ...]
    examples: tuple[str, ...]
    wrapped: tuple[int, ...]

    @classmethod
    def build(cls, rows: Iterable[tuple[str, str, str]]) -> PhraseMatcher:
        rows = sorted((r for r in rows if r[2]), key=lambda r: r[2].count(" "))
        sizes = [r[2].count(" ") + 1 for r in rows]
        wrapped = tuple(sum(1 for k in sizes if k <= n) for n in range(SHORT_MESSAGE_WORDS + 1))
        return cls(
            tuple(r[2] for r in rows), tuple(r[0] for r in rows), tuple(r[1] for r in rows), wrapped
        )

    def best(self, text: str) -> Candidate | None:
        if not text or not self.texts:
            return None
        # a short message may wrap a phrase in a word or two ("ok bye", "more please"):
        # its words are compared as a set with the phrases no longer than it; a longer
        # phrase it sits inside must match as a whole ("now" is not "that is all for now"),
        # as must every phrase beside a longer message
        words = text.count(" ") + 1
        cut = self.wrapped[words] if words <= SHORT_MESSAGE_WORDS else 0
        best: tuple[float, int] | None = None
        for scorer, start, stop in ((fuzz.token_set_ratio, 0, cut), (fuzz.ratio, cut, None)):
            found = process.extractOne(text, self.texts[start:stop], scorer=scorer, processor=None)
            if found is not None and (best is None or found[1] > best[0]):
                best = (found[1], start + found[2])
        if best is None:
            return None
        value, index = best
        return Candidate(self.intents[index], float(value), self.examples[index])
