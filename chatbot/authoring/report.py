"""Measure how well the example phrasings teach the bot, and where topics get confused.

    chatbot report                      # writes report/report.html and report/report.json
    chatbot report --folds 5 --seed 1 --out /tmp/report

1. Cross-validation of the topic intents: the examples of every topic are split
   into FOLDS equal parts. Each part in turn is held out; the matcher is built
   from the other parts (plus every topic's title) and has to find the intent
   of each held-out example. A held-out example that gets a clarify question
   or a fallback counts as wrong, and is counted separately.
2. The dev set (tests/data/dev_questions*.yaml): real-style questions run
   through the whole bot (safety rules included), each as a new conversation.
3. Both again for each language the content answers in: its own examples
   (answers.es.yaml's intents) and the dev files named for it
   (dev_questions_es.yaml).

The page shows per-intent precision, recall and F1, the overall accuracy, the
ten most confused pairs of intents with an example each, and a confusion
matrix as a heat map. The same numbers are in report.json. The same seed gives
the same report.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import Field

from ..schema import Strict
from ..types import KINDS, Kind, Problem

if TYPE_CHECKING:
    from ..bot import Chatbot
    from ..content import KnowledgeBase

CLARIFY = "(clarify)"
FALLBACK = "(fallback)"
DEFAULT_OUT = Path("report")
DEV_GLOB = "dev_questions*.yaml"


# --- cross-validation --------------------------------------------------------------------------


@dataclass(frozen=True)
class Prediction:
    intent: str  # the true intent
    example: str  # the held-out example, as written
    predicted: str  # an intent id, CLARIFY or FALLBACK
    matched: str  # the training example that scored best ("" when none)
    matched_intent: str  # its intent ("" when none)
    score: float


def example_rows(kb: KnowledgeBase) -> list[tuple[str, str, str]]:
    """(intent, example, reduced key) for every topic intent's example, reduced as the
    loader does. Smalltalk and fixed fallbacks are matched on the whole text by another
    matcher, so they are not part of this cross-validation."""
    return [
        (intent.id, example, key)
        for intent in kb.intents.values()
        if intent.kind == "answer"
        for example, key in zip(intent.examples, intent.keys, strict=True)
    ]


def title_rows(kb: KnowledgeBase) -> list[tuple[str, str, str]]:
    """Every answer's title leads to its topic; titles stay in every training fold."""
    return [
        (topic, ans.title, kb.key_of(kb.normalizer.tokens(ans.title)))
        for topic, ans in kb.answers.items()
        if topic in kb.intents
    ]


def assign_folds(rows: Sequence[tuple[str, str, str]], folds: int, seed: int) -> list[int]:
    """A fold number per row, stratified: each intent's examples spread evenly over the folds."""
    rng = random.Random(seed)
    by_intent: dict[str, list[int]] = defaultdict(list)
    for i, (intent, _, _) in enumerate(rows):
        by_intent[intent].append(i)
    fold_of = [0] * len(rows)
    start = 0
    for intent in sorted(by_intent):
        indexes = by_intent[intent]
        rng.shuffle(indexes)
        for n, i in enumerate(indexes):
            fold_of[i] = (start + n) % folds
        start = (start + len(indexes)) % folds  # keeps the folds the same size
    return fold_of


def cross_validate(kb: KnowledgeBase, folds: int = 5, seed: int = 0) -> list[Prediction]:
    from ..content import answer_rows
    from ..matcher import Matcher

    rows = example_rows(kb)
    titles = title_rows(kb)
    texts = answer_rows(kb.intents, kb.answers, kb.normalizer, frozenset(kb.medicine_words))
    fold_of = assign_folds(rows, folds, seed)
    thresholds = kb.matcher.thresholds
    out: list[Prediction] = []
    for fold in range(folds):
        train = [r for r, f in zip(rows, fold_of, strict=True) if f != fold]
        matcher = Matcher.build([*train, *titles], thresholds, texts, kb.matcher.lay)
        for (intent, example, key), f in zip(rows, fold_of, strict=True):
            if f != fold:
                continue
            candidates = matcher.rank(key)
            decision = matcher.decide(candidates, key)
            best = candidates[0] if candidates else None
            if decision.action == "answer" and best is not None:
                predicted = best.intent
            else:
                predicted = CLARIFY if decision.action == "clarify" else FALLBACK
            out.append(
                Prediction(
                    intent,
                    example,
                    predicted,
                    best.example if best else "",
                    best.intent if best else "",
                    round(best.score, 1) if best else 0.0,
                )
            )
    # a stable order, whatever the fold layout
    return sorted(out, key=lambda p: (p.intent, p.example))


def metrics(pairs: Iterable[tuple[str, str]], labels: Sequence[str]) -> dict[str, Any]:
    """Per-label precision, recall, F1 and support from (true, predicted) pairs."""
    pairs = list(pairs)
    support = Counter(t for t, _ in pairs)
    predicted = Counter(p for _, p in pairs)
    hits = Counter(t for t, p in pairs if t == p)
    per: dict[str, dict[str, float | int]] = {}
    for label in labels:
        tp = hits[label]
        precision = tp / predicted[label] if predicted[label] else 0.0
        recall = tp / support[label] if support[label] else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per[label] = {
            "precision": round(precision, 3),
            "recall": round(recall, 3),
            "f1": round(f1, 3),
            "support": support[label],
        }
    total = len(pairs)
    scored = [v for v in per.values() if v["support"]]
    return {
        "accuracy": round(sum(hits.values()) / total, 3) if total else 0.0,
        "macro_f1": round(sum(v["f1"] for v in scored) / len(scored), 3) if scored else 0.0,
        "total": total,
        "correct": sum(hits.values()),
        "per_label": per,
    }


def confusion(pairs: Iterable[tuple[str, str]]) -> dict[str, dict[str, int]]:
    table: dict[str, dict[str, int]] = defaultdict(dict)
    for t, p in pairs:
        table[t][p] = table[t].get(p, 0) + 1
    return {t: dict(sorted(row.items())) for t, row in sorted(table.items())}


def confused_pairs(preds: Sequence[Prediction], top: int = 10) -> list[dict[str, Any]]:
    """The most frequent (true intent -> another intent) mistakes, with one example each."""
    groups: dict[tuple[str, str], list[Prediction]] = defaultdict(list)
    for p in preds:
        if p.predicted != p.intent and p.predicted not in (CLARIFY, FALLBACK):
            groups[(p.intent, p.predicted)].append(p)
    ranked = sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:top]
    return [
        {
            "intent": t,
            "predicted": p,
            "count": len(ps),
            "example": ps[0].example,
            "matched_example": ps[0].matched,
            "score": ps[0].score,
        }
        for (t, p), ps in ranked
    ]


def cv_report(kb: KnowledgeBase, folds: int, seed: int) -> dict[str, Any]:
    preds = cross_validate(kb, folds, seed)
    labels = sorted(i.id for i in kb.intents.values() if i.kind == "answer")
    pairs = [(p.intent, p.predicted) for p in preds]
    m = metrics(pairs, labels)
    per = m["per_label"]
    for label in labels:
        per[label]["clarify"] = sum(1 for t, p in pairs if t == label and p == CLARIFY)
        per[label]["fallback"] = sum(1 for t, p in pairs if t == label and p == FALLBACK)
    return {
        "folds": folds,
        "seed": seed,
        "examples": m["total"],
        "correct": m["correct"],
        "accuracy": m["accuracy"],
        "macro_f1": m["macro_f1"],
        "clarify": sum(1 for _, p in pairs if p == CLARIFY),
        "fallback": sum(1 for _, p in pairs if p == FALLBACK),
        "per_intent": per,
        "confusion": confusion(pairs),
        "confused_pairs": confused_pairs(preds),
        "unmatchable": [{"intent": i, "example": e} for i, e, key in example_rows(kb) if not key],
    }


# --- the dev set -------------------------------------------------------------------------------


class DevQuestion(Strict):
    text: str
    kind: Kind
    topic: str | None = None


class DevFile(Strict):
    """tests/data/dev_questions*.yaml"""

    questions: list[DevQuestion] = Field(min_length=1)


class DevFileError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def read_dev(paths: Sequence[Path]) -> list[tuple[str, DevQuestion]]:
    """(file, question) for every question; raises DevFileError with file:line problems."""
    from ..schema import validate
    from ..yamlio import read_yaml

    out: list[tuple[str, DevQuestion]] = []
    problems: list[Problem] = []
    for path in paths:
        doc, found = read_yaml(path)
        problems.extend(found)
        if doc is None:
            continue
        parsed, found = validate(doc, DevFile)
        problems.extend(found)
        if parsed is not None:
            out.extend((doc.path, q) for q in parsed.questions)
    if any(p.severity == "error" for p in problems):
        raise DevFileError(problems)
    return out


def dev_report(bot: Chatbot, questions: Sequence[tuple[str, DevQuestion]]) -> dict[str, Any]:
    from .convtest import same_topic

    misses = []
    pairs = []
    for path, q in questions:
        reply, _ = bot.reply(q.text)
        ok = reply.kind == q.kind and (q.topic is None or same_topic(q.topic, reply.topic))
        pairs.append((q.kind, reply.kind))
        if not ok:
            misses.append(
                {
                    "file": path,
                    "text": q.text,
                    "kind": q.kind,
                    "topic": q.topic,
                    "got_kind": reply.kind,
                    "got_topic": reply.topic,
                    "rule": reply.rule,
                }
            )
    total = len(questions)
    by_kind = metrics(pairs, KINDS)
    return {
        "files": sorted({p for p, _ in questions}),
        "questions": total,
        "correct": total - len(misses),
        "accuracy": round((total - len(misses)) / total, 3) if total else 0.0,
        "kind_accuracy": by_kind["accuracy"],
        "per_kind": {
            k: v
            for k, v in by_kind["per_label"].items()
            if v["support"] or any(p == k for _, p in pairs)
        },
        "kind_confusion": confusion(pairs),
        "misses": misses,
    }


def dev_files(given: Sequence[str] | None) -> list[Path]:
    if given:
        return [Path(g) for g in given]
    from ..settings import PROJECT_ROOT

    folder = Path("tests") / "data"
    if not folder.is_dir():
        folder = PROJECT_ROOT / "tests" / "data"
    return sorted(folder.glob(DEV_GLOB))


# --- the command -------------------------------------------------------------------------------


def configure(parser: argparse.ArgumentParser) -> None:
    from ..cli import add_content_options

    parser.add_argument(
        "--folds",
        type=int,
        default=5,
        metavar="K",
        help="number of cross-validation folds, 2 or more (default: 5)",
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=0,
        metavar="N",
        help="seed for the random split into folds (default: 0)",
    )
    parser.add_argument(
        "--out",
        default=str(DEFAULT_OUT),
        metavar="DIR",
        help=f"folder for report.html and report.json (default: {DEFAULT_OUT}/)",
    )
    parser.add_argument(
        "--dev",
        nargs="*",
        metavar="FILE",
        help=f"dev-set files (default: tests/data/{DEV_GLOB}); "
        "give --dev with no files to skip the dev set",
    )
    add_content_options(parser, region=False)


def run(args: argparse.Namespace) -> int:
    from ..cli import load_bot

    if args.folds < 2:
        print("chatbot report: --folds must be 2 or more", file=sys.stderr)
        return 2
    bot = load_bot(args)
    if bot is None:
        return 2
    skip_dev = args.dev is not None and not args.dev
    try:
        questions = [] if skip_dev else read_dev(dev_files(args.dev))
    except DevFileError as exc:
        for p in exc.problems:
            print(p, file=sys.stderr)
        return 2
    data = build(bot, args.folds, args.seed, questions)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.json").write_text(
        json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    from .report_html import to_html

    (out / "report.html").write_text(to_html(data), encoding="utf-8")
    print(summary(data))
    print(f"wrote {out / 'report.html'} and {out / 'report.json'}")
    return 0


def build(
    bot: Chatbot, folds: int, seed: int, questions: Sequence[tuple[str, DevQuestion]]
) -> dict[str, Any]:
    t = bot.kb.matcher.thresholds
    cv = cv_report(bot.kb, folds, seed)
    dev = dev_report(bot, questions) if questions else None
    return {
        "medicines": list(bot.kb.medicines),
        "cross_validation": cv,
        "dev": dev,
        "languages": by_language(bot, folds, seed, questions, cv, dev),
        "thresholds": {f.name: getattr(t, f.name) for f in fields(t)},
    }


def language_of_file(path: str, languages: Sequence[str]) -> str:
    """A dev file's language: its name's last part ("dev_questions_es.yaml": es), else en."""
    last = Path(path).stem.rsplit("_", 1)[-1]
    return last if last in languages else "en"


def by_language(
    bot: Chatbot,
    folds: int,
    seed: int,
    questions: Sequence[tuple[str, DevQuestion]],
    cv: dict[str, Any],
    dev: dict[str, Any] | None,
) -> dict[str, dict[str, Any]]:
    """Accuracy in each language the bot answers in: cross-validation of that language's
    examples, and the dev questions of its files."""
    out: dict[str, dict[str, Any]] = {}
    for code in bot.languages:
        lang_cv = cv if code == "en" else cv_report(bot.in_language(code).kb, folds, seed)
        mine = [(p, q) for p, q in questions if language_of_file(p, bot.languages) == code]
        lang_dev = dev_report(bot, mine) if mine else None
        out[code] = {
            "examples": lang_cv["examples"],
            "cv_accuracy": lang_cv["accuracy"],
            "dev_questions": lang_dev["questions"] if lang_dev else 0,
            "dev_accuracy": lang_dev["accuracy"] if lang_dev else None,
        }
    return out


def summary(data: dict[str, Any]) -> str:
    cv = data["cross_validation"]
    lines = [
        f"cross-validation ({cv['folds']} folds, seed {cv['seed']}): "
        f"accuracy {cv['accuracy']:.1%} ({cv['correct']}/{cv['examples']}), "
        f"macro F1 {cv['macro_f1']:.2f}, {cv['clarify']} clarify, {cv['fallback']} fallback",
    ]
    worst = sorted(cv["per_intent"].items(), key=lambda kv: (kv[1]["f1"], kv[0]))[:5]
    lines.append("weakest intents: " + ", ".join(f"{k} (F1 {v['f1']:.2f})" for k, v in worst))
    for p in cv["confused_pairs"][:3]:
        lines.append(
            f'confused: {p["intent"]} -> {p["predicted"]} x{p["count"]}, e.g. "{p["example"]}"'
        )
    dev = data["dev"]
    if dev:
        lines.append(
            f"dev set: {dev['accuracy']:.1%} right ({dev['correct']}/{dev['questions']}),"
            f" kind right {dev['kind_accuracy']:.1%}"
        )
    for code, lang in data.get("languages", {}).items():
        dev_part = (
            f", dev set {lang['dev_accuracy']:.1%} of {lang['dev_questions']}"
            if lang["dev_questions"]
            else ", no dev set"
        )
        lines.append(
            f"{code}: cross-validation {lang['cv_accuracy']:.1%} of {lang['examples']} "
            f"examples{dev_part}"
        )
    return "\n".join(lines)
