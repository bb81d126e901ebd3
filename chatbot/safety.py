"""The safety screen: crisis, then emergency, then dosing refusal, before any matching.

Rules are content (intents/safety/*.yaml); this module only compiles them and
guarantees their order. A rule's patterns are regular expressions over the
*normalised* text (synonyms applied, apostrophes dropped), in which:

- ``{name}`` stands for any phrase of the term list ``name`` (``*`` in a term
  matches the rest of a word: ``overdos*``);
- `` ... `` (a space, three dots, a space) stands for up to six words.

A rule marked ``negatable`` does not fire on a match that follows a negation
cue ("i have not taken too many"). A match that lies inside a match of one of
the rule's ``unless`` patterns does not count ("can baclofen cause *trouble
breathing*"); a second mention elsewhere in the message still fires.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

SAFETY_ORDER: tuple[str, ...] = ("crisis", "emergency", "refusal")

#: Messages the safety rules must always catch, whatever the content says: an edit
#: that stops any of these from reaching help is refused at load (E048).
CANARIES: tuple[tuple[str, str], ...] = (
    ("i want to kill myself", "crisis"),
    ("how much baclofen would kill me", "crisis"),
    ("i took too many of my baclofen pills", "emergency"),
    ("my son swallowed some of my tablets", "emergency"),
    ("can you overdose on baclofen", "emergency"),
    ("she is having a seizure after taking baclofen", "emergency"),
    ("i stopped baclofen suddenly and now i have a fever", "emergency"),
    ("my baclofen pump is beeping", "emergency"),
    ("how much baclofen should i take", "refusal"),
    ("can i double my dose", "refusal"),
)

_TERM = re.compile(r"\{([a-z][a-z0-9_]*)\}")
_GAP = " (?:\\S+ ){0,6}?"


class RuleError(ValueError):
    """A pattern that cannot be compiled; the message says which and why."""


@dataclass(frozen=True)
class Rule:
    id: str  # "emergency.took_too_much"
    kind: str
    message: str
    patterns: tuple[re.Pattern[str], ...]
    unless: tuple[re.Pattern[str], ...] = ()
    negatable: bool = False
    examples: tuple[str, ...] = ()
    source: tuple[str, int] = ("", 0)  # file and line, for authors

    def find(self, text: str, negation: re.Pattern[str] | None) -> re.Match[str] | None:
        """The first match that is not inside an `unless` phrase and not negated."""
        covered: list[tuple[int, int]] | None = None  # computed only once something matches
        for pattern in self.patterns:
            if pattern.search(text) is None:  # the usual case, and much cheaper than finditer
                continue
            for m in pattern.finditer(text):
                if self.unless:
                    if covered is None:
                        covered = [u_m.span() for u in self.unless for u_m in u.finditer(text)]
                    if any(a <= m.start() and m.end() <= b for a, b in covered):
                        continue
                if self.negatable and negation is not None:
                    before = text[max(0, m.start() - 60) : m.start()]
                    if negation.search(before):
                        continue
                return m
        return None


@dataclass(frozen=True)
class Hit:
    kind: str
    rule: str
    message: str
    span: tuple[int, int]


@dataclass(frozen=True)
class SafetyScreen:
    rules: tuple[Rule, ...]  # already in precedence order
    negation: re.Pattern[str] | None = None

    def screen(self, normalized: str) -> Hit | None:
        """The first rule, in precedence order, that fires; None if none does."""
        for rule in self.rules:
            if any(p.search(normalized) for p in rule.patterns):  # cheap test first
                m = rule.find(normalized, self.negation)
                if m is not None:
                    return Hit(rule.kind, rule.id, rule.message, m.span())
        return None

    def hits(self, normalized: str) -> list[Hit]:
        """Every rule that fires, for `explain`."""
        out = []
        for rule in self.rules:
            m = rule.find(normalized, self.negation)
            if m is not None:
                out.append(Hit(rule.kind, rule.id, rule.message, m.span()))
        return out


def term_regex(phrases: Iterable[str], normalize: Callable[[str], str]) -> str:
    alts = set()
    for phrase in phrases:
        star = phrase.rstrip().endswith("*")
        words = normalize(phrase.rstrip().rstrip("*"))
        if not words:
            continue
        alts.add(re.escape(words) + ("\\w*" if star else ""))
    # longest first, so "too many" wins over "too"
    return "(?:" + "|".join(sorted(alts, key=lambda a: (-len(a), a))) + ")"


def compile_pattern(pattern: str, terms: dict[str, str]) -> re.Pattern[str]:
    def expand(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in terms:
            raise RuleError(f"unknown term {{{name}}}; known terms: {', '.join(sorted(terms))}")
        return terms[name]

    source = _TERM.sub(expand, pattern.strip()).replace(" ... ", _GAP)
    try:
        return re.compile(rf"(?<!\w)(?:{source})(?!\w)")
    except re.error as exc:
        raise RuleError(f"not a valid pattern: {exc}") from None
