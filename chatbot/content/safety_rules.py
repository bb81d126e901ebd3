"""Compile intents/safety/*.yaml into the `SafetyScreen`, and hold the code's guarantees:
every kind has rules, the canary messages still reach help, each rule's examples fire."""

from __future__ import annotations

import re
from pathlib import Path

from .. import schema
from ..normalize import Normalizer
from ..safety import (
    CANARIES,
    SAFETY_ORDER,
    Rule,
    RuleError,
    SafetyScreen,
    compile_pattern,
    term_regex,
)
from ..types import Problem
from ..yamlio import Doc
from .reader import Reader

SafetyDocs = list[tuple[Doc, schema.SafetyFile]]


def read_safety(ld: Reader, folder: Path) -> SafetyDocs:
    docs: SafetyDocs = []
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        doc, sfile = ld.read(path, schema.SafetyFile)
        if sfile is not None and doc is not None:
            docs.append((doc, sfile))
    return docs


def known_words(docs: SafetyDocs) -> list[str]:
    """Texts whose words the normaliser must know (and never "correct")."""
    texts: list[str] = []
    for _doc, sfile in docs:
        texts.extend(sfile.negation)
        for phrases in sfile.terms.values():
            texts.extend(p.rstrip("*") for p in phrases)
        for rule in sfile.rules:
            texts.extend(rule.examples)
            # the words a rule spells out are known words too: "halve" is not "have"
            for pattern in (*rule.patterns, *rule.unless):
                texts.extend(re.findall(r"(?<![\\a-z])[a-z]{3,}", pattern))
    return texts


def term_words(docs: SafetyDocs) -> list[str]:
    """The rules' own vocabulary: typo correction prefers these when in doubt."""
    return [p.rstrip("*") for _d, sf in docs for ps in sf.terms.values() for p in ps]


def compile_safety(
    ld: Reader,
    docs: list[tuple[Doc, schema.SafetyFile]],
    normalizer: Normalizer,
    messages: schema.MessagesFile | None,
) -> SafetyScreen:
    terms: dict[str, str] = {}
    negation: list[str] = []
    term_where: dict[str, str] = {}
    for doc, sfile in docs:
        for name, phrases in sfile.terms.items():
            if name in terms:
                ld.error(
                    doc,
                    ("terms", name),
                    "E041",
                    f"term '{name}' is defined twice (also in {term_where[name]})",
                )
                continue
            terms[name] = term_regex(phrases, normalizer.normalize)
            term_where[name] = doc.path
        negation.extend(sfile.negation)
    by_kind: dict[str, list[Rule]] = {k: [] for k in SAFETY_ORDER}
    ids: set[str] = set()
    for doc, sfile in docs:
        if sfile.rules and sfile.kind is None:
            ld.error(
                doc,
                ("rules",),
                "E042",
                "a file with rules needs 'kind:'",
                "kind: crisis, emergency or refusal",
            )
            continue
        for i, r in enumerate(sfile.rules):
            rid = f"{sfile.kind}.{r.id}"
            if rid in ids:
                ld.error(doc, ("rules", i, "id"), "E043", f"duplicate safety rule '{rid}'")
                continue
            ids.add(rid)
            compiled: dict[str, list[re.Pattern[str]]] = {"patterns": [], "unless": []}
            for field in ("patterns", "unless"):
                for j, p in enumerate(getattr(r, field)):
                    try:
                        compiled[field].append(compile_pattern(p, terms))
                    except RuleError as exc:
                        ld.error(doc, ("rules", i, field, j), "E044", f"rule '{rid}': {exc}")
            kind: str = sfile.kind or "emergency"
            if messages is not None and r.message not in getattr(messages, kind):
                ld.error(
                    doc,
                    ("rules", i, "message"),
                    "E045",
                    f"rule '{rid}' uses message '{r.message}', missing from messages.yaml {kind}:",
                    f"known: {', '.join(getattr(messages, kind))}",
                )
            by_kind[kind].append(
                Rule(
                    rid,
                    kind,
                    r.message,
                    tuple(compiled["patterns"]),
                    tuple(compiled["unless"]),
                    r.negatable,
                    tuple(r.examples),
                    (doc.path, doc.where(("rules", i))[0]),
                )
            )
    neg = None
    if negation:
        alts = "|".join(
            f"(?:{normalizer.normalize(n) if n.replace(' ', '').isalpha() else n})"
            for n in negation
        )
        try:
            neg = re.compile(rf"(?<!\w)(?:{alts})(?: \S+){{0,2}} ?$")
        except re.error as exc:
            ld.problems.append(
                Problem(
                    docs[0][0].path, 0, 0, "E044", "error", f"negation cues do not compile: {exc}"
                )
            )
    rules = tuple(r for kind in SAFETY_ORDER for r in by_kind[kind])
    screen = SafetyScreen(rules, neg)
    # the code's guarantee: every kind has rules, and the canaries still reach help
    where = ld.show(ld.intents_dir / "safety")
    for kind in SAFETY_ORDER:
        if not by_kind[kind]:
            ld.problems.append(
                Problem(
                    where,
                    0,
                    0,
                    "E047",
                    "error",
                    f"there are no {kind} rules",
                    f"safety rules cannot be switched off; add a file with "
                    f"'kind: {kind}' under intents/safety/",
                )
            )
    for text, kind in CANARIES:
        hit = screen.screen(normalizer.normalize(text))
        if hit is None or SAFETY_ORDER.index(hit.kind) > SAFETY_ORDER.index(kind):
            ld.problems.append(
                Problem(
                    where,
                    0,
                    0,
                    "E048",
                    "error",
                    f'the safety rules no longer send "{text}" to {kind}',
                    "this message must always reach help; undo the change "
                    "or widen a rule (see chatbot/safety.py CANARIES)",
                )
            )
    # each rule's own examples must fire a rule of its kind (or a stronger one)
    for doc, sfile in docs:
        for i, r in enumerate(sfile.rules):
            for j, ex in enumerate(r.examples):
                hit = screen.screen(normalizer.normalize(ex))
                rank = SAFETY_ORDER.index(sfile.kind or "emergency")
                if hit is None or SAFETY_ORDER.index(hit.kind) > rank:
                    ld.error(
                        doc,
                        ("rules", i, "examples", j),
                        "E046",
                        f"example of rule '{sfile.kind}.{r.id}' does not fire it: \"{ex}\"",
                        "widen a pattern, or run `chatbot explain` on the example",
                    )
    return screen
