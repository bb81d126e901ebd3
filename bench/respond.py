"""Benchmark: `respond` latency on the shipped content and on a 10x synthetic
content set, and peak memory. Prints figures; it is not a timed test.
(`chatbot ask` as a whole process: bench/startup.py.)

    .venv/bin/python bench/respond.py
"""

from __future__ import annotations

import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from chatbot import Chatbot  # noqa: E402


def questions() -> list[str]:
    data = ROOT / "tests" / "data"
    qs = [
        q["text"]
        for f in ("dev_questions_a.yaml", "dev_questions_b.yaml")
        for q in yaml.safe_load((data / f).read_text())["questions"]
    ]
    cases = yaml.safe_load((data / "safety_cases.yaml").read_text())
    qs += [c["text"] for c in cases["cases"][::4]] + [c["text"] for c in cases["near_misses"]]
    return qs


def measure(bot: Chatbot, qs: list[str], rounds: int = 3) -> tuple[float, float, float]:
    times = []
    for _ in range(rounds):
        for q in qs:
            t = time.perf_counter()
            bot.respond(q)
            times.append((time.perf_counter() - t) * 1000)
    times.sort()
    p = lambda f: times[min(len(times) - 1, int(f * len(times)))]  # noqa: E731
    return statistics.median(times), p(0.99), times[-1]


def ten_times(tmp: Path) -> tuple[Path, Path]:
    """A copy of the content whose every intent file is repeated under 10 topic names."""
    k, i = tmp / "knowledge", tmp / "intents"
    shutil.copytree(ROOT / "knowledge", k)
    shutil.copytree(ROOT / "intents", i)
    answers = yaml.safe_load((k / "baclofen" / "answers.yaml").read_text())
    extra = []
    rng = random.Random(1)  # shuffles each copy's examples, so copies differ in order only
    for path in sorted((ROOT / "intents" / "baclofen").glob("*.yaml")):
        if path.name.count(".") > 1:  # a language's phrasings (alcohol.es.yaml): English only
            continue
        doc = yaml.safe_load(path.read_text())
        for n in range(1, 10):
            for intent in doc["intents"]:
                new_id = f"{intent['id']}_v{n}"
                examples = list(intent["examples"])
                rng.shuffle(examples)
                (i / "baclofen" / f"{new_id}.yaml").write_text(
                    yaml.safe_dump({"intents": [{"id": new_id, "examples": examples}]})
                )
                base = next(a for a in answers["answers"] if a["topic"] == intent["id"])
                extra.append(
                    {**base, "topic": new_id, "title": f"{base['title']} {n}", "suggestions": []}
                )
    answers["answers"] += extra
    (k / "baclofen" / "answers.yaml").write_text(yaml.safe_dump(answers))
    return k, i


def main() -> None:
    qs = questions()
    t = time.perf_counter()
    bot = Chatbot.default()
    load_ms = (time.perf_counter() - t) * 1000
    t = time.perf_counter()
    bot.warm_up()  # what a first message with an unknown word would wait for
    print(
        f"English word list for typo correction, loaded on first need: "
        f"{(time.perf_counter() - t) * 1000:.0f} ms"
    )
    p50, p99, worst = measure(bot, qs)
    n_examples = len(bot.kb.matcher.keys)
    print(
        f"shipped content ({n_examples} examples): load {load_ms:.0f} ms; "
        f"respond p50 {p50:.2f} ms, p99 {p99:.2f} ms, max {worst:.2f} ms over {3 * len(qs)} calls"
    )
    with tempfile.TemporaryDirectory() as tmp:
        k, i = ten_times(Path(tmp))
        big = Chatbot.from_paths(k, i)
        big.warm_up()
        p50, p99, worst = measure(big, qs, rounds=1)
        print(
            f"10x content ({len(big.kb.matcher.keys)} examples): "
            f"respond p50 {p50:.2f} ms, p99 {p99:.2f} ms, max {worst:.2f} ms"
        )
    print("`chatbot ask` whole process, cold and warm: bench/startup.py")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of this benchmark process (both bots loaded): {peak:.0f} MiB")


if __name__ == "__main__":
    main()
