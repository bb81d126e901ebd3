"""The second reader: a linear classifier that learned, from labelled messages, how
people say an emergency or a crisis, for the messages the word lists do not know.

The word lists (`concepts.py`, `safety.py`) read what their authors thought of; every
new writer finds words nobody wrote ("can't get a full breath in", "who would get my
stuff if I died tonight"). This reader weighs every word, word pair and piece of a word
(3 to 5 letters, so "breathin" and "breathing" share most of theirs) of the normalised
message, as `chatbot train` fitted them on the team's labelled messages: TF-IDF features
and a multinomial logistic regression (scikit-learn at training time; here, plain
Python, so the bot needs no more than the weights).

It only ever adds help: the engine asks it when the word lists found no emergency and
no crisis, and escalates when the chance of one is at least the threshold; below that,
it refuses a personal dosing question the word lists let through. It never calms a
message the rules found urgent, and it never picks an answer. Its labels are "none",
"refusal", "crisis", and "emergency.<situation>" (the emergency message to give).
The weights live in intents/safety/classifier.json, written by `chatbot train`.
"""

from __future__ import annotations

import json
import math
import re
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter, mul
from pathlib import Path
from typing import Any, cast

#: what a file written by another version of `features` would be read wrongly by
FORMAT = 1
NONE, CRISIS, EMERGENCY, REFUSAL = "none", "crisis", "emergency.", "refusal"
#: the crisis message the second reader gives (messages.yaml): it may have read wrong, so
#: it checks in rather than thanking for a disclosure
CHECK_IN = "check_in"
#: self-harm with something already taken: the emergency reply that names the crisis line
SELF_HARM_TAKEN = EMERGENCY + "self_harm_taken"
_WORD = re.compile(r"\w+")


def features(text: str) -> Counter[str]:
    """The features of a normalised message: its words ("w"), pairs of neighbouring
    words ("b") and the 3- to 5-letter pieces of each word, edges marked ("c")."""
    words = _WORD.findall(text)
    found = [f"w {w}" for w in words]
    found += [f"b {a} {b}" for a, b in zip(words, words[1:], strict=False)]
    for w in words:
        found += _pieces(w)
    return Counter(found)


@lru_cache(maxsize=1 << 16)
def _pieces(word: str) -> tuple[str, ...]:
    """A word's 3- to 5-letter pieces, edges marked: the same words come back in message
    after message, and cutting them again was a fifth of the reader's time."""
    padded = f" {word} "
    return tuple(
        f"c{padded[i : i + n]}" for n in (3, 4, 5) for i in range(max(1, len(padded) - n + 1))
    )


@dataclass(frozen=True)
class Verdict:
    """What the reader says of a message it would not leave to the matcher: an urgent
    one's likeliest urgent label and the chance that it is urgent at all, or a personal
    dosing question and its chance."""

    kind: str  # "crisis", "emergency" or "refusal"
    situation: str  # the emergency message ("overdose", "pump"...); "" otherwise
    chance: float  # P(crisis or emergency); for a refusal, P(refusal)
    #: for a crisis whose own side is below the threshold (the urgency is shared with an
    #: emergency): that side's likeliest emergency message; "" otherwise
    also: str = ""


class Rows(Mapping[str, tuple[float, ...]]):
    """feature -> (idf, one weight per label), held as one packed column of 32-bit floats
    each (the weights have 4 significant digits): 27,000 features unpickle in milliseconds
    from the compiled-content cache, where a dict of tuples takes far longer, and a label's
    score is one pass over its column in C (`dot`)."""

    def __init__(self, index: dict[str, int], columns: list[array[float]]) -> None:
        self._index, self._columns = index, columns

    @classmethod
    def of(cls, rows: Mapping[str, tuple[float, ...]]) -> Rows:
        if isinstance(rows, Rows):
            return rows
        width = len(next(iter(rows.values()), ()))
        columns = [array("f", (row[k] for row in rows.values())) for k in range(width)]
        return cls({f: i for i, f in enumerate(rows)}, columns)

    def __getitem__(self, feature: str) -> tuple[float, ...]:
        i = self._index[feature]
        return tuple(column[i] for column in self._columns)

    def positions(self, found: Iterable[str]) -> list[tuple[str, int]]:
        """(feature, its position in the columns) for each feature known, in order."""
        index = self._index
        return [(f, index[f]) for f in found if f in index]

    def idf(self, position: int) -> float:
        return self._columns[0][position]

    def dot(self, positions: list[int], values: list[float]) -> list[float]:
        """Each label's sum of value x weight over the positions: a score without its
        intercept."""
        if len(positions) < 2:  # itemgetter of one position gives the value, not a tuple
            return [
                sum(map(mul, values, map(column.__getitem__, positions)))
                for column in self._columns[1:]
            ]
        take = itemgetter(*positions)  # a label's weights at the positions, in one call in C
        return [sum(map(mul, values, take(column))) for column in self._columns[1:]]

    def __contains__(self, feature: object) -> bool:
        return feature in self._index

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_unpack, ("\n".join(self._index), [c.tobytes() for c in self._columns]))


def _unpack(keys: str, columns: list[bytes]) -> Rows:
    packed = []
    for data in columns:
        column = array("f")
        column.frombytes(data)
        packed.append(column)
    return Rows({f: i for i, f in enumerate(keys.split("\n")) if keys}, packed)


def _digits(x: float) -> float:
    """A weight as classifier.json keeps it: 4 significant digits (a chance moves by less
    than 0.002), which 32-bit floats hold exactly enough."""
    return float(f"{x:.4g}")


@dataclass(frozen=True)
class Classifier:
    labels: tuple[str, ...]
    intercepts: tuple[float, ...]
    #: feature -> (idf, one weight per label)
    weights: Mapping[str, tuple[float, ...]]
    threshold: float
    trained_on: str = ""  # the digest of the labelled messages and settings it learned from
    examples: int = 0  # how many labelled messages
    #: the chance of "refusal" at which a message nothing urgent was found in is refused
    refusal_threshold: float = 1.0
    #: the chance of an emergency at which it outweighs an answer the matcher is confident of
    sure: float = 1.0
    #: the chance of a crisis at which an emergency the word lists found also gets the
    #: crisis line (below `threshold`: after the emergency's own first line)
    beside: float = 1.0
    #: (language, threshold) where a language's messages escalate at another chance than
    #: `threshold` (the reader reads Spanish less surely: its chances are lower)
    language_thresholds: tuple[tuple[str, float], ...] = ()
    #: (language, chance) where a message in that language that the matcher found no answer
    #: for (a fallback or a "do you mean...?") escalates at a lower chance than its
    #: threshold: when unsure, the emergency
    unsure: tuple[tuple[str, float], ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "weights", Rows.of(self.weights))

    @property
    def _rows(self) -> Rows:
        """`weights`, packed (`__post_init__` made them so)."""
        return cast(Rows, self.weights)

    def probabilities(self, text: str) -> dict[str, float]:
        """label -> probability, for a normalised message."""
        found = self._vector(text)
        sums = self._rows.dot([i for _f, i, _v in found], [v for _f, _i, v in found])
        scores = [b + x for b, x in zip(self.intercepts, sums, strict=True)]
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {label: e / total for label, e in zip(self.labels, exps, strict=True)}

    def threshold_for(self, lang: str = "", unanswered: bool = False) -> float:
        """The chance at which a message in this language escalates; for one the matcher
        has no answer for (`unanswered`), the language's `unsure` chance when that is lower."""
        threshold = next((t for k, t in self.language_thresholds if k == lang), self.threshold)
        if unanswered:
            threshold = min(threshold, next((t for k, t in self.unsure if k == lang), threshold))
        return threshold

    def verdict(self, text: str, lang: str = "", unanswered: bool = False) -> Verdict | None:
        """When the chance that the message is urgent (a crisis or an emergency label)
        reaches the threshold (`threshold_for`): a crisis or an emergency, whichever side
        holds more of that chance (self-harm with something taken counts with the crisis),
        and on that side its likeliest label. Otherwise a refusal, when the chance of a
        personal dosing question reaches the refusal threshold. Otherwise None."""
        p = self.probabilities(text)
        threshold = self.threshold_for(lang, unanswered)
        crisis_side = {k: v for k, v in p.items() if k in (CRISIS, SELF_HARM_TAKEN)}
        other_side = {
            k: v for k, v in p.items() if k.startswith(EMERGENCY) and k not in crisis_side
        }
        urgent = sum(crisis_side.values()) + sum(other_side.values())
        if urgent < threshold:
            refusal = p.get(REFUSAL, 0.0)
            return Verdict("refusal", "", refusal) if refusal >= self.refusal_threshold else None
        side = (
            crisis_side
            if not other_side or sum(crisis_side.values()) >= sum(other_side.values())
            else other_side
        )
        top = max(side, key=lambda k: side[k])
        if top == CRISIS:
            also = ""
            if other_side and sum(crisis_side.values()) < threshold:
                also = max(other_side, key=lambda k: other_side[k])[len(EMERGENCY) :]
            return Verdict("crisis", "", urgent, also)
        return Verdict("emergency", top[len(EMERGENCY) :], urgent)

    def reasons(self, text: str, label: str, n: int = 6) -> list[tuple[str, float]]:
        """The features that pushed `label` up most against "none" (`chatbot explain`)."""
        i, base = self.labels.index(label) + 1, self.labels.index(NONE) + 1  # after the idf
        out = []
        for feature, _i, value in self._vector(text):
            row = self.weights[feature]
            out.append((feature, value * (row[i] - row[base])))
        return sorted(out, key=lambda fc: -fc[1])[:n]

    def _vector(self, text: str) -> list[tuple[str, int, float]]:
        """TF-IDF as the trainer computed it: (1 + log count) x idf, scaled to length 1;
        features it never saw are left out. (feature, its row, value) for each."""
        counts = features(text)
        rows = self._rows
        found = rows.positions(counts)
        raw = [(1.0 + math.log(counts[f])) * rows.idf(i) for f, i in found]
        norm = math.sqrt(sum(v * v for v in raw))
        return [(f, i, v / norm) for (f, i), v in zip(found, raw, strict=True)] if norm else []

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "labels": list(self.labels),
            "threshold": self.threshold,
            "language_thresholds": dict(self.language_thresholds),
            "refusal_threshold": self.refusal_threshold,
            "sure": self.sure,
            "beside": self.beside,
            "unsure": dict(self.unsure),
            "trained_on": self.trained_on,
            "examples": self.examples,
            "intercepts": [_digits(x) for x in self.intercepts],
            "weights": {f: [_digits(x) for x in row] for f, row in sorted(self.weights.items())},
        }

    @classmethod
    def from_json(cls, data: Any) -> Classifier:
        """The classifier of a parsed classifier.json; ValueError saying what is wrong."""
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError(f"not a classifier of format {FORMAT}: retrain with `chatbot train`")
        try:
            labels = tuple(str(x) for x in data["labels"])
            intercepts = tuple(float(x) for x in data["intercepts"])
            weights = {
                str(f): tuple(float(x) for x in row) for f, row in dict(data["weights"]).items()
            }
            threshold = float(data["threshold"])
            refusal_threshold = float(data.get("refusal_threshold", 1.0))
            sure = float(data.get("sure", 1.0))
            beside = float(data.get("beside", 1.0))
            unsure = tuple(
                sorted((str(k), float(v)) for k, v in dict(data.get("unsure") or {}).items())
            )
            by_language = tuple(
                sorted(
                    (str(k), float(v))
                    for k, v in dict(data.get("language_thresholds") or {}).items()
                )
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(
                f"malformed classifier ({exc!r}): retrain with `chatbot train`"
            ) from None
        width = len(labels) + 1
        bad = next((f for f, row in weights.items() if len(row) != width), None)
        if len(intercepts) != len(labels) or bad is not None:
            raise ValueError(f"rows must have {width} numbers (idf and one weight per label)")
        if (
            NONE not in labels
            or not 0 < threshold <= sure <= 1
            or not all(0 < t <= sure for _lang, t in by_language)
            or not 0 < refusal_threshold <= 1
            or not 0 < beside <= 1
            or not all(0 < t <= 1 for _lang, t in unsure)
        ):
            raise ValueError('needs the label "none", thresholds in (0, 1] and sure >= threshold')
        return cls(
            labels,
            intercepts,
            weights,
            threshold,
            str(data.get("trained_on", "")),
            int(data.get("examples", 0)),
            refusal_threshold,
            sure,
            beside,
            by_language,
            unsure,
        )

    @classmethod
    def load(cls, path: Path) -> Classifier:
        """ValueError naming the file when it is not JSON or not a classifier."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}:{exc.lineno}: not JSON: {exc.msg}") from None
        try:
            return cls.from_json(data)
        except ValueError as exc:
            raise ValueError(f"{path}: {exc}") from None
