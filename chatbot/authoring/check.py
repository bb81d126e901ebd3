"""Check knowledge/ and intents/ before the bot loads them.

Prints one line per problem, `path:line:col: CODE message`, with a hint under
it, then a summary. E codes are errors: the bot will not start until they are
fixed. W codes are warnings: it starts, but a patient may get a worse answer.
docs/check-codes.md explains every code.

Besides what loading checks (YAML syntax, unknown or missing keys, wrong types,
duplicate ids, unknown sources, dose amounts, examples that trip a safety rule,
safety examples that do not fire), it checks that:
  - each file's first line `# yaml-language-server: $schema=...` names its schema
  - every topic of TAXONOMY.md has an answer, and some intent leads to each answer
  - each answer's `short` has at most 80 words; `short` and `more` read at
    grade 8 or lower (needs textstat); `reviewed` is less than 12 months old
  - each contact number was verified less than 12 months ago
  - each topic intent has 20 or more examples; no example (nearly) repeats
    one of another intent; the matcher sends each example to its own intent

--strict counts warnings as failures, and makes a reading grade above 8 an
error. Use it before a release.

With --overlay DIR (or CHATBOT_OVERLAY), it checks the shipped content with a
clinic's overlay on top: first it lists what the overlay adds and changes, each
at its file and line, then every problem, an overlay's own at the overlay's
file and line. An overlay that touches the safety rules, emergency or crisis
wording, or anything shipped it may only add to, is refused.

exit status: 0 no errors (warnings allowed); 1 errors (with --strict: any
problem); 2 could not run (a content folder is missing).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..problems import problem
from ..types import Place, Problem
from ..yamlio import Doc, display_path

if TYPE_CHECKING:
    from collections.abc import Callable

    from ..content import KnowledgeBase
    from ..content.overlay import Overlay
    from ..matcher import Candidate


MAX_SHORT_WORDS = 80
MAX_GRADE = 8.0  # Flesch-Kincaid
REVIEW_MONTHS = 12
MIN_EXAMPLES = 20  # per intent that leads to a medicine topic
NEAR_DUPLICATE = 92.0  # fuzz.ratio of two normalised examples

SCHEMA_LINE = re.compile(r"#\s*yaml-language-server:\s*\$schema=(\S+)\s*$")


# --- the check ------------------------------------------------------------------


def check(
    knowledge_dir: Path | str,
    intents_dir: Path | str,
    today: dt.date | None = None,
    strict: bool = False,
    overlay: Overlay | Path | None = None,
) -> list[Problem]:
    """Every problem of the content, sorted by file and line. Reads files, prints nothing.

    With an `overlay` (a folder, or an opened `Overlay` whose `changes` the caller
    reads afterwards), the content checked is the shipped one with the overlay on top.
    """
    from ..content import common_root, load
    from ..content.overlay import open_overlay

    kdir, idir = Path(knowledge_dir), Path(intents_dir)
    layer = open_overlay(overlay, kdir, idir)
    read: dict[str, Doc] = {}
    kb, problems = load(kdir, idir, overlay=layer, docs=read)
    root = common_root(kdir, idir)
    problems = [*problems, *schema_line_problems(kdir, idir, root)]
    if kb is not None:
        docs = _Docs(kdir, root, read)
        problems += _answer_problems(kb, docs, today or dt.date.today(), strict)
        problems += _translation_problems(kb, docs, strict)
        problems += _contact_problems(kb, docs, today or dt.date.today())
        problems += _intent_problems(kb)
        problems += canary_variant_problems(kb, idir, root)
    return sorted(problems, key=lambda p: (p.path, p.line, p.col, p.code))


def canary_variant_problems(kb: KnowledgeBase, intents_dir: Path, root: Path) -> list[Problem]:
    """E049: an edit under which a canary still reaches help but a variant of it (a typo,
    an invisible character, filler, chatter, another subject) no longer does."""
    from ..content.safety_rules import reaches
    from ..safety import canaries, canary_variants

    where = display_path(intents_dir / "safety", root)
    out = []
    for text, kind in canaries(kb.screen.languages):
        for how, variant in canary_variants(text):
            if not reaches(kb.screen, kb.normalizer, variant, kind):
                out.append(problem("E049", where, variant=variant, how=how, kind=kind))
    return out


def content_files(knowledge_dir: Path, intents_dir: Path) -> list[tuple[Path, str | None]]:
    """Every YAML file of the content, with the kind of schema it needs (None: not read)."""
    out: list[tuple[Path, str | None]] = []
    for base, kind_of in ((knowledge_dir, _knowledge_kind), (intents_dir, _intents_kind)):
        if base.is_dir():
            out += [(p, kind_of(p.relative_to(base).parts)) for p in sorted(base.rglob("*.yaml"))]
    return out


#: knowledge/messages.<language>.yaml
TRANSLATED_MESSAGES = re.compile(r"messages\.([a-z]{2})\.yaml")


def _knowledge_kind(parts: tuple[str, ...]) -> str | None:
    if parts in (("contacts.yaml",), ("messages.yaml",), ("ui.yaml",), ("sources.yaml",)):
        return parts[0].removesuffix(".yaml")
    if len(parts) == 1 and TRANSLATED_MESSAGES.fullmatch(parts[0]):
        return "translated_messages"  # messages.es.yaml: the replies in Spanish
    if len(parts) == 1 and re.fullmatch(r"ui\.[a-z]{2}\.yaml", parts[0]):
        return "ui"  # ui.es.yaml: the front ends' own words in Spanish
    if len(parts) == 2 and parts[1] in ("answers.yaml", "sources.yaml"):
        return parts[1].removesuffix(".yaml")
    return None


def _intents_kind(parts: tuple[str, ...]) -> str | None:
    if parts in (("synonyms.yaml",), ("lay_terms.yaml",), ("other_medicines.yaml",)):
        return parts[0].removesuffix(".yaml")
    if len(parts) == 1 and re.fullmatch(r"synonyms\.[a-z]{2}\.yaml", parts[0]):
        return "synonyms"  # synonyms.es.yaml: another language's chat spellings
    if len(parts) == 1 and re.fullmatch(r"lay_terms\.[a-z]{2}\.yaml", parts[0]):
        return "lay_terms"  # lay_terms.es.yaml: that language's everyday words, for matching
    if len(parts) == 2 and parts[0] == "safety":
        return "safety"
    return "intents" if len(parts) <= 2 else None


def schema_line_problems(knowledge_dir: Path, intents_dir: Path, root: Path) -> list[Problem]:
    """E014-E016: each file's first line must point its editor at the right schema."""
    from .schemas import file_name

    problems = []
    for path, kind in content_files(knowledge_dir, intents_dir):
        if kind is None:
            continue
        shown = display_path(path, root)
        want = file_name(kind)
        fix = os.path.relpath(root / "schemas" / want, path.parent).replace(os.sep, "/")
        try:
            with path.open(encoding="utf-8", errors="replace") as f:
                first = f.readline().rstrip("\r\n")
        except OSError:
            continue  # E001, from loading
        m = SCHEMA_LINE.match(first)
        if m is None:
            problems.append(problem("E014", shown, 1, 1, fix=fix))
            continue
        ref, col = m.group(1), m.start(1) + 1
        target = path.parent / ref
        if not target.is_file():
            problems.append(problem("E015", shown, 1, col, ref=ref, target=target, fix=fix))
        elif target.name != want:
            problems.append(problem("E016", shown, 1, col, kind=kind, ref=ref, fix=fix))
    return problems


# --- answers --------------------------------------------------------------------


def _answer_problems(kb: KnowledgeBase, docs: _Docs, today: dt.date, strict: bool) -> list[Problem]:
    problems: list[Problem] = []
    for med in kb.medicines:
        for j, topic in enumerate(kb.required_topics.get(med, ())):
            if f"{med}.{topic}" not in kb.answers:
                doc = docs.get(med, "answers.yaml")
                problems.append(doc.problem(("required_topics", j), "E050", topic=topic))

    reached = {intent.target for intent in kb.intents.values()}
    oldest = _months_before(today, REVIEW_MONTHS)
    textstat = _textstat()
    grade: Callable[[str], float] | None = textstat.flesch_kincaid_grade if textstat else None
    if grade is None and kb.answers:
        first = next(iter(kb.answers.values()))
        problems.append(problem("W058", first.where.path))
    for topic, ans in kb.answers.items():
        name = topic.split(".", 1)[1]
        doc = docs.get(ans.medicine, "answers.yaml")  # with an overlay's answers merged in
        at = ("answers", _index(doc, "answers", "topic", name))
        if topic not in reached:
            problems.append(doc.problem((*at, "topic"), "W051", topic=name, medicine=ans.medicine))
        if ans.reviewed < oldest:
            problems.append(
                doc.problem(
                    (*at, "reviewed"),
                    "W057",
                    topic=name,
                    reviewed=ans.reviewed,
                    months=REVIEW_MONTHS,
                )
            )
        n = len(ans.short.split())
        if n > MAX_SHORT_WORDS:
            problems.append(
                doc.problem((*at, "short"), "W055", topic=name, count=n, maximum=MAX_SHORT_WORDS)
            )
        if grade is not None:
            hard = _hard_to_read(ans, grade, lambda level: level > MAX_GRADE)
            problems += [
                doc.problem((*at, field), "W056", escalate=strict, topic=name, field=field,
                            grade=level, maximum=MAX_GRADE)
                for field, level in hard
            ]  # fmt: skip
    return problems


def _hard_to_read(
    ans: Any, measure: Callable[[str], float], too_hard: Callable[[float], bool]
) -> list[tuple[str, float]]:
    """(field, score) for each of an answer's texts whose reading score is too hard."""
    scores = ((f, measure(getattr(ans, f))) for f in ("short", "more") if getattr(ans, f))
    return [(f, score) for f, score in scores if too_hard(score)]


#: Fernández-Huerta reading ease a Spanish answer should reach: 70 is "bastante fácil".
MIN_EASE_ES = 70.0


def _translation_problems(kb: KnowledgeBase, docs: _Docs, strict: bool) -> list[Problem]:
    """W060-W062: each language pack has every answer, with the English one's sources and
    reviewed date, and reads easily (Fernández-Huerta, for Spanish)."""
    problems = []
    textstat = _textstat()
    for code, pack in kb.packs.items():
        for topic, english in kb.answers.items():
            med, name = topic.split(".", 1)
            file = f"answers.{code}.yaml"
            doc = docs.get(med, file)
            theirs = pack.answers.get(topic)
            if theirs is None and english.untranslated:
                continue  # in English only, and the reason is written down
            if theirs is None:
                where = docs.get(med, "answers.yaml")
                topic_at = ("answers", _index(where, "answers", "topic", name), "topic")
                shown = display_path(docs.knowledge_dir / med / file, docs.root)
                problems.append(
                    where.problem(
                        topic_at, "W060", escalate=strict, topic=name, language=code, file=shown
                    )
                )
                continue
            at = ("answers", _index(doc, "answers", "topic", name))
            # a translation may add sources in its own language, never drop one
            lacks = [s.title for s in english.sources if s not in theirs.sources]
            differs = {
                "sources": f"it lacks {', '.join(repr(t) for t in lacks)}" if lacks else "",
                "reviewed": f"reviewed {theirs.reviewed}, answers.yaml {english.reviewed}"
                if theirs.reviewed != english.reviewed
                else "",
            }
            for field, what in differs.items():
                if what:
                    problems.append(
                        doc.problem(
                            (*at, field), "W061", escalate=strict, topic=name, language=code,
                            what=what,
                        )
                    )  # fmt: skip
            if code != "es" or textstat is None:
                continue
            ease = partial(_fernandez_huerta, textstat)
            problems += [
                doc.problem((*at, field), "W062", escalate=strict, topic=name, field=field,
                            score=score, minimum=MIN_EASE_ES)
                for field, score in _hard_to_read(theirs, ease, lambda s: s < MIN_EASE_ES)
            ]  # fmt: skip
    return problems


def _fernandez_huerta(textstat: Any, text: str) -> float:
    """Spanish reading ease (textstat keeps the language globally: set, then put back)."""
    textstat.set_lang("es")
    try:
        return float(textstat.fernandez_huerta(text))
    finally:
        textstat.set_lang("en_US")


def _contact_problems(kb: KnowledgeBase, docs: _Docs, today: dt.date) -> list[Problem]:
    """W059: a number not verified for over a year."""
    doc = docs.get("contacts.yaml")  # with an overlay's regions merged in
    oldest = _months_before(today, REVIEW_MONTHS)
    problems = []
    for code, region in kb.regions.items():
        for at in region.contacts():
            contact = region.contact(at)
            if contact.verified < oldest:
                problems.append(
                    doc.problem(
                        ("regions", code, *at, "verified"),
                        "W059",
                        region=code,
                        name=contact.name,
                        number=contact.number,
                        verified=contact.verified,
                        months=REVIEW_MONTHS,
                    )
                )
    return problems


def _textstat() -> Any:
    """textstat, or None when it is not installed (W058)."""
    try:
        import textstat  # type: ignore[import-untyped]
    except ImportError:
        return None
    return textstat


def _months_before(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    for d in range(day.day, 0, -1):  # 31 March -> 28/29 February
        try:
            return dt.date(year, month + 1, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


# --- intents --------------------------------------------------------------------


@dataclass(frozen=True)
class _Example:
    intent: str  # qualified id
    text: str
    place: Place  # where it is written
    key: str  # as the matcher reads it ("" when matched on its whole text)


def _intent_problems(kb: KnowledgeBase) -> list[Problem]:
    from rapidfuzz import fuzz, process

    def local(qid: str) -> str:
        return qid.split(".", 1)[1]

    problems: list[Problem] = []
    examples = [
        _Example(qid, text, place, key)
        for qid, intent in kb.intents.items()
        for text, place, key in zip(intent.examples, intent.places, intent.keys, strict=True)
    ]

    for qid, intent in kb.intents.items():
        if intent.kind == "answer" and len(intent.examples) < MIN_EXAMPLES:
            problems.append(
                problem(
                    "W054",
                    *intent.examples_at,
                    intent=local(qid),
                    count=len(intent.examples),
                    minimum=MIN_EXAMPLES,
                )
            )

    def scope(qid: str) -> str | None:
        target = kb.intents[qid].target
        return kb.answers[target].medicine if target in kb.answers else None

    def apart(a: str, b: str) -> bool:
        """Does the medicine scope tell two intents apart? (Each is about another one.)"""
        sa, sb = scope(a), scope(b)
        return sa is not None and sb is not None and sa != sb

    tokens = [kb.normalizer.tokens(ex.text) for ex in examples]
    # the same example (medicine names set aside) in two intents nothing tells apart
    keys = [ex.key for ex in examples]
    first_of: dict[str, int] = {}
    duplicates: set[tuple[int, int]] = set()
    for b, key in enumerate(keys):
        a = first_of.setdefault(key, b)
        if not key or a == b:
            continue
        first, other = examples[a], examples[b]
        if first.intent != other.intent and not apart(first.intent, other.intent):
            duplicates.add((a, b))
            where = f"{first.place.path}:{first.place.line}:{first.place.col}"
            problems.append(
                problem(
                    "E051",
                    *other.place,
                    example=other.text,
                    intent=local(other.intent),
                    other_intent=local(first.intent),
                    where=where,
                )
            )

    # the same or nearly the same example in two intents
    norms = [" ".join(t) for t in tokens]
    for a, text in enumerate(norms):
        if not text:
            continue
        for _choice, similarity, b in process.extract(
            text,
            norms,
            scorer=fuzz.ratio,
            processor=None,
            score_cutoff=NEAR_DUPLICATE,
            limit=None,
        ):
            first, other = examples[a], examples[b]
            if b <= a or first.intent == other.intent or (a, b) in duplicates:
                continue
            if apart(first.intent, other.intent):
                continue  # each is about another medicine: the scope tells them apart
            same = "the same as" if similarity == 100 else "nearly the same as"
            problems.append(
                problem(
                    "W052",
                    *first.place,
                    example=first.text,
                    intent=local(first.intent),
                    same=same,
                    other=other.text,
                    other_intent=local(other.intent),
                    where=f"{other.place.path}:{other.place.line}:{other.place.col}",
                    similarity=similarity,
                )
            )

    # examples the matcher sends to another intent
    matched = frozenset(kb.matcher.intents)
    # many examples share their content words: rank each (question, medicine) once
    ranks: dict[tuple[str, str | None], list[Candidate]] = {}
    for ex in examples:
        if ex.intent not in matched or not ex.key:
            continue  # matched some other way (e.g. whole-text smalltalk)
        query, medicine = ex.key, scope(ex.intent)
        if (query, medicine) not in ranks:
            # as the bot ranks it in a conversation about the example's own medicine
            keep = None if medicine is None else (lambda i, m=medicine: scope(i) in (None, m))
            ranks[query, medicine] = kb.matcher.rank(query, limit=len(matched), keep=keep)
        ranked = ranks[query, medicine]
        if not ranked or ranked[0].intent == ex.intent:
            continue
        own = next((c.score for c in ranked if c.intent == ex.intent), 0.0)
        top = ranked[0]
        if top.score > own:
            problems.append(
                problem(
                    "W053",
                    *ex.place,
                    example=ex.text,
                    intent=local(ex.intent),
                    top=local(top.intent),
                    top_score=top.score,
                    own_score=own,
                    via=top.example,
                )
            )
    return problems


# --- finding items in the files ----------------------------------------------------


@dataclass(frozen=True)
class _Docs:
    """The knowledge files as loading read them (an overlay merged in), for the lines of
    answers' fields and of contacts; intents' examples carry their own places."""

    knowledge_dir: Path
    root: Path
    read: dict[str, Doc]

    def get(self, *parts: str) -> Doc:
        """`get("baclofen", "answers.yaml")`: that file of knowledge/."""
        shown = display_path(self.knowledge_dir.joinpath(*parts), self.root)
        return self.read.get(shown) or Doc(shown, None)


def _index(doc: Doc, list_key: str, field: str, value: str) -> int:
    """Index of the item of `list_key` whose `field` is `value` (0 if not found)."""
    items = doc.data.get(list_key) if isinstance(doc.data, dict) else None
    for i, item in enumerate(items if isinstance(items, list) else []):
        if isinstance(item, dict) and str(item.get(field, "")).strip() == value:
            return i
    return 0


# --- the command ------------------------------------------------------------------


def configure(parser: argparse.ArgumentParser) -> None:
    from ..cli import add_content_options, add_format_option

    parser.add_argument(
        "--strict",
        action="store_true",
        help="fail on warnings too; a reading grade above 8 is an error",
    )
    add_format_option(parser)
    add_content_options(parser, region=False)


def run(args: argparse.Namespace) -> int:
    import json

    from ..cli import settings_from
    from ..content.overlay import open_overlay

    settings = settings_from(args)
    kdir, idir = settings.knowledge_dir, settings.intents_dir
    layer = open_overlay(settings.overlay_dir, kdir, idir)
    problems = check(kdir, idir, strict=args.strict, overlay=layer)
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    checked = len(content_files(kdir, idir)) + (len(layer.files()) if layer else 0)
    if args.format == "json":
        out: dict[str, object] = {
            "problems": [p.to_dict() for p in problems],
            "errors": errors,
            "warnings": warnings,
        }
        if layer is not None:
            out["overlay"] = {
                "folder": str(layer.folder),
                "changes": [
                    {"path": c.path, "line": c.line, "change": c.text} for c in layer.changes
                ],
            }
        print(json.dumps(out, indent=2, ensure_ascii=False))
    else:
        if layer is not None:
            for line in _overlay_text(layer):
                print(line)
        for line in _text(problems, checked, errors, warnings):
            print(line)
    if any(p.code == "E005" for p in problems):
        return 2
    return 1 if errors or (args.strict and warnings) else 0


def _overlay_text(layer: Overlay) -> Iterator[str]:
    """What the overlay adds and changes, one line each, at the place it is written."""
    n = len(layer.changes)
    yield f"overlay {layer.folder}: {_plural(n, 'change')} to the shipped content"
    for change in sorted(layer.changes, key=lambda c: (c.path, c.line)):
        yield f"  {change}"


def _text(problems: list[Problem], checked: int, errors: int, warnings: int) -> Iterator[str]:
    for p in problems:
        yield str(p)
    files = len({p.path for p in problems})
    yield (
        f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')} in "
        f"{_plural(files, 'file')} (checked {_plural(checked, 'file')})"
    )


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
