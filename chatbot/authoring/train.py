"""Train the second reader of the safety screen from the team's labelled messages.

    chatbot train                        # reads tests/data/training.yaml, writes
                                         # intents/safety/classifier.json
    chatbot train --check                # only say whether classifier.json is up to date

The word lists catch what their authors wrote; the second reader (chatbot/learned.py)
learns from every labelled message the team has opened (development rounds, opened
sealed sets, routing questions) how an emergency or a crisis is said, and the engine
asks it when the word lists found neither, and for a crisis beside what they found.
training.yaml lists the files it learns from, the ones still sealed (never learned
from), the chances the engine acts at (threshold, language_thresholds: a language's own
threshold, refusal_threshold, sure, beside, unsure: a language's threshold for a message
the matcher has no answer for) and the fitting settings. A message's label comes from its
group, kind and situation:

    crisis                      -> crisis (self_harm_taken: emergency.self_harm_taken)
    emergency, or an urgent kind -> emergency.<situation> (its emergency message)
    refusal, or the kind refusal -> refusal (a personal dosing question)
    anything else               -> none
    an intent's examples        -> none (everyday questions)

After adding messages, or opening a sealed set, run `chatbot train` and commit
classifier.json with them; tests/test_learned.py fails while it is out of date.
Needs scikit-learn (pip install -e '.[train]'); the bot itself does not.
"""

from __future__ import annotations

import argparse
import glob
import hashlib
import json
import sys
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

from ..learned import CRISIS, EMERGENCY, FORMAT, NONE, REFUSAL, Classifier, features

DEFAULT_SOURCES = Path("tests/data/training.yaml")
#: writers' names for situations -> the emergency message that answers them
SITUATION_NAMES = {
    "severe_symptoms": "symptoms",
    "intrathecal_pump": "pump",
    "pump_alarm": "pump",
}
URGENT = ("crisis", "emergency")


class TrainingError(Exception):
    """A training file that cannot be read; the message names it."""


def label(item: Mapping[str, Any], situations: Iterable[str]) -> str:
    """The label of one labelled message (a sealed-set case or a routing question)."""
    group, kind = str(item.get("group") or ""), str(item.get("kind") or "")
    situation = str(item.get("situation") or "")
    situation = SITUATION_NAMES.get(situation, situation)
    if situation == "self_harm_taken" and (group == "crisis" or kind == "emergency"):
        return EMERGENCY + situation
    if group == "crisis" or kind == "crisis":
        return CRISIS
    if group == "emergency" or kind == "emergency":
        return EMERGENCY + (situation if situation in set(situations) else "overdose")
    if group == "refusal" or kind == "refusal":
        return REFUSAL
    return NONE


def examples(paths: Iterable[Path], situations: Iterable[str]) -> list[tuple[str, str]]:
    """(text, label) of every case and question in the files, in file order."""
    situations = tuple(situations)
    out = []
    for path in paths:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise TrainingError(f"{path}: {exc}") from None
        if not isinstance(data, dict):
            raise TrainingError(f"{path}: expected a mapping with cases: or questions:")
        for key in ("cases", "questions"):
            for i, item in enumerate(data.get(key) or []):
                if not isinstance(item, dict) or not isinstance(item.get("text"), str):
                    raise TrainingError(f"{path}: {key}[{i}] has no text")
                out.append((item["text"], label(item, situations)))
        # an intents file: its examples are everyday questions (chatbot check refuses one
        # that a safety rule would catch)
        for i, intent in enumerate(data.get("intents") or []):
            if not isinstance(intent, dict):
                raise TrainingError(f"{path}: intents[{i}] is not a mapping")
            out += [(str(ex), NONE) for ex in intent.get("examples") or []]
    return out


def source_files(config: Mapping[str, Any], root: Path) -> list[Path]:
    """The files training.yaml lists, less the ones it says are still sealed."""
    sealed = {root / p for p in config.get("still_sealed") or []}
    found: list[Path] = []
    for pattern in config.get("sources") or []:
        matched = sorted(Path(p) for p in glob.glob(str(root / pattern)))
        if not matched:
            raise TrainingError(f"training.yaml: no file matches {pattern!r}")
        found += [p for p in matched if p not in sealed and p not in found]
    return found


def digest(pairs: list[tuple[str, str]], settings: Mapping[str, Any]) -> str:
    """What a classifier was trained on: the messages, labels and settings."""
    h = hashlib.sha256(json.dumps([FORMAT, dict(settings)], sort_keys=True).encode())
    for text, lab in pairs:
        h.update(f"\0{text}\0{lab}".encode())
    return h.hexdigest()[:16]


def settings_of(config: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "threshold": float(config.get("threshold", 0.8)),
        "refusal_threshold": float(config.get("refusal_threshold", 1.0)),
        "sure": float(config.get("sure", 1.0)),
        "beside": float(config.get("beside", 1.0)),
        "unsure": {str(k): float(v) for k, v in dict(config.get("unsure") or {}).items()},
        "language_thresholds": {
            str(k): float(v) for k, v in dict(config.get("language_thresholds") or {}).items()
        },
        "regularisation": float(config.get("regularisation", 4.0)),
        "min_count": int(config.get("min_count", 2)),
    }


def fitted(texts: list[str], labels: list[str], settings: Mapping[str, Any]) -> tuple[Any, Any]:
    """scikit-learn's TF-IDF over `features` (1 + log of the count, times idf, scaled to
    length 1) and its multinomial logistic regression, fitted: (vectorizer, model)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = TfidfVectorizer(
        analyzer=lambda t: list(features(t).elements()),
        sublinear_tf=True,
        min_df=settings["min_count"],
    )
    x = vectorizer.fit_transform(texts)
    model = LogisticRegression(
        C=settings["regularisation"],
        max_iter=5000,
    ).fit(x, labels)
    return vectorizer, model


def as_classifier(
    vectorizer: Any,
    model: Any,
    settings: Mapping[str, Any],
    trained_on: str = "",
    examples: int = 0,
) -> Classifier:
    """The fitted pair as the bot reads it (classifier.json keeps 4 significant digits)."""
    classes = [str(c) for c in model.classes_]
    coef, intercepts = model.coef_, model.intercept_
    if len(classes) == 2:  # scikit-learn keeps one row for two classes: softmax needs both
        coef, intercepts = [-coef[0] / 2, coef[0] / 2], [-intercepts[0] / 2, intercepts[0] / 2]
    weights = {
        str(name): (float(vectorizer.idf_[j]), *(float(coef[i][j]) for i in range(len(classes))))
        for j, name in enumerate(vectorizer.get_feature_names_out())
    }
    return Classifier(
        tuple(classes),
        tuple(float(b) for b in intercepts),
        weights,
        settings["threshold"],
        trained_on,
        examples,
        settings.get("refusal_threshold", 1.0),
        settings.get("sure", 1.0),
        settings.get("beside", 1.0),
        tuple(sorted(dict(settings.get("language_thresholds") or {}).items())),
        tuple(sorted(dict(settings.get("unsure") or {}).items())),
    )


def fit(
    texts: list[str], labels: list[str], settings: Mapping[str, Any], trained_on: str = ""
) -> Classifier:
    """The reader fitted on the messages (normalised) and their labels."""
    vectorizer, model = fitted(texts, labels, settings)
    return as_classifier(vectorizer, model, settings, trained_on, len(texts))


def as_text(model: Classifier) -> str:
    """classifier.json: its settings first, then one feature a line, so that a change of
    weights shows in a diff as the lines of the features it moved."""
    data = model.to_json()
    weights = data.pop("weights")
    head = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    rows = ",\n".join(
        f"{json.dumps(f, ensure_ascii=False)}:{json.dumps(row, separators=(',', ':'))}"
        for f, row in weights.items()
    )
    return f'{head[:-1]},"weights":{{\n{rows}\n}}}}\n'


def configure(parser: argparse.ArgumentParser) -> None:
    from ..cli import add_content_options

    parser.add_argument(
        "--sources",
        default=str(DEFAULT_SOURCES),
        metavar="FILE",
        help=f"the training file: sources, still_sealed, thresholds (default: {DEFAULT_SOURCES})",
    )
    parser.add_argument(
        "--out",
        metavar="FILE",
        help="where to write the classifier (default: the intents folder's safety/classifier.json)",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if the classifier was trained on other messages or settings",
    )
    add_content_options(parser, region=False)


def run(args: argparse.Namespace) -> int:
    from ..cli import load_bot

    bot = load_bot(args)
    if bot is None:
        return 2
    config_path = Path(args.sources)
    try:
        config = yaml.safe_load(config_path.read_text(encoding="utf-8")) or {}
        settings = settings_of(config)
        root = config_path.resolve().parent.parent.parent  # tests/data/training.yaml
        pairs = examples(source_files(config, root), bot.kb.messages.emergency)
    except (OSError, yaml.YAMLError, TrainingError, TypeError, ValueError) as exc:
        print(f"chatbot train: {exc}", file=sys.stderr)
        return 2
    out = Path(args.out) if args.out else bot.settings.intents_dir / "safety" / "classifier.json"
    trained_on = digest(pairs, settings)
    if args.check:
        try:
            current = Classifier.load(out).trained_on
        except (OSError, ValueError) as exc:
            print(f"chatbot train: {exc}", file=sys.stderr)
            return 1
        if current != trained_on:
            print(
                f"{out}: out of date (trained on {current}, the sources are {trained_on}): "
                "run `chatbot train`",
                file=sys.stderr,
            )
            return 1
        print(f"{out}: up to date ({len(pairs)} messages)")
        return 0
    try:
        import sklearn  # noqa: F401
    except ImportError:
        print("chatbot train: needs scikit-learn: pip install -e '.[train]'", file=sys.stderr)
        return 2
    normalize = bot.kb.normalizer.normalize
    model = fit([normalize(t) for t, _ in pairs], [lab for _, lab in pairs], settings, trained_on)
    # written whole, then moved into place: an interrupted run leaves the old weights
    partial = out.with_name(out.name + ".partial")
    partial.write_text(as_text(model), encoding="utf-8")
    partial.replace(out)
    counts = Counter(lab for _, lab in pairs)
    print(
        f"{out}: {len(model.weights)} features from {len(pairs)} messages "
        + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
    )
    return 0
