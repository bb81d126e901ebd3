"""Fuzzy intent matching over every example phrasing, normalised once at load.

Examples and questions are reduced to their content words (stop words and the
medicine's own name removed: "can I drink on baclofen" -> "drink"), then scored
with RapidFuzz in C++. The best score per intent decides: answer, clarify
between the top two, or fall back. The thresholds are named in `Thresholds`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from .settings import Thresholds

#: Words that carry no topic: removed from examples and questions before scoring.
STOPWORDS = frozenset(
    """a an the and or but if so of to in on at for with from by about as into than then
    i im me my mine we our you your u ur he him his she her they them their it its this that
    these those there here is are was were be been being am do does did doing done have has had
    having can could should would will shall may might must just also too very really please
    pls plz what whats which who whom whose when where why how hi hey ok okay well any some
    get got getting go going know tell want need like thing things something anything
    anyone someone one taking take takes took medicine medication tablets on""".split()
)


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


def content_words(tokens: Sequence[str], ignore: frozenset[str]) -> str:
    kept = [t for t in tokens if t not in STOPWORDS and t not in ignore]
    return " ".join(kept)


def score(query: str, choice: str, **kwargs: object) -> float:
    """How well a question's content words fit an example's (0-100)."""
    return fuzz.WRatio(query, choice, **kwargs)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Matcher:
    keys: tuple[str, ...]  # reduced example texts, parallel to the next two
    intents: tuple[str, ...]
    examples: tuple[str, ...]
    thresholds: Thresholds

    @classmethod
    def build(
        cls, rows: Iterable[tuple[str, str, str]], thresholds: Thresholds
    ) -> Matcher:
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
        return cls(tuple(keys), tuple(intents), tuple(examples), thresholds)

    def rank(self, query: str, limit: int = 5) -> list[Candidate]:
        """Best score per intent, best first."""
        if not query:
            return []
        cutoff = max(0.0, self.thresholds.clarify - 15)
        results = process.extract(
            query, self.keys, scorer=fuzz.WRatio, processor=None,
            score_cutoff=cutoff, limit=None,
        )
        best: dict[str, Candidate] = {}
        for _key, value, index in results:
            intent = self.intents[index]
            if intent not in best or value > best[intent].score:
                best[intent] = Candidate(intent, float(value), self.examples[index])
        ranked = sorted(best.values(), key=lambda c: (-c.score, c.intent))
        return ranked[:limit]

    def decide(self, candidates: list[Candidate]) -> Decision:
        t = self.thresholds
        top = tuple(candidates)
        if not candidates or candidates[0].score < t.clarify:
            return Decision("fallback", top, "no intent reaches the clarify threshold")
        first = candidates[0]
        second = candidates[1] if len(candidates) > 1 else None
        margin = first.score - second.score if second else 100.0
        if first.score >= t.answer and margin >= t.margin:
            return Decision("answer", top, f"score {first.score:.0f} >= {t.answer:.0f}, "
                            f"margin {margin:.0f} >= {t.margin:.0f}")
        if second is not None:
            why = (f"top two within {t.margin:.0f} points" if margin < t.margin
                   else f"best score {first.score:.0f} is below {t.answer:.0f}")
            return Decision("clarify", top, why)
        return Decision("answer", top, f"only one intent scores, {first.score:.0f}")
