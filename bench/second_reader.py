"""Benchmark: the safety screen's second reader on messages it did not learn from.

    .venv/bin/python bench/second_reader.py tests/data/sealed/safety_v11.yaml \\
        tests/data/sealed/spanish_v11.yaml --thresholds 0.7 0.8 0.9

Trains a reader as `chatbot train` does (tests/data/training.yaml) but without the
files named (they are held out), then scores, on them, at each threshold:

- the reader alone: urgent messages (emergency and crisis groups, and near misses the
  contract sends to emergency) it finds urgent, and calm ones it alarms on;
- the whole bot with that reader beside the bot with the word lists alone, as
  tests/test_sealed.py scores it (emergency and crisis reach help; a near miss raises
  no alarm).

The word lists were tuned on every opened set, so "word lists alone" is flattering on
them; the fair comparison is a set written after the word lists (a sealed round, run
once). Also prints the reader's false alarms on real_questions.yaml and
holdout_questions.yaml, which it never learns from. Needs scikit-learn. Figures only.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from safety_sets import URGENT, group_of, right  # noqa: E402  (beside this file)

from chatbot import Chatbot  # noqa: E402
from chatbot.authoring import train  # noqa: E402
from chatbot.learned import Verdict  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("held_out", nargs="+", type=Path, help="labelled sets to hold out")
    ap.add_argument("--thresholds", nargs="+", type=float, default=[0.7, 0.8, 0.9])
    args = ap.parse_args()
    bot = Chatbot.default()
    normalize = bot.kb.normalizer.normalize
    config = yaml.safe_load((ROOT / "tests" / "data" / "training.yaml").read_text("utf-8"))
    held = {p.resolve() for p in args.held_out}
    settings = train.settings_of(config)
    files = [p for p in train.source_files(config, ROOT) if p.resolve() not in held]
    pairs = train.examples(files, bot.kb.messages.emergency)
    print(f"training on {len(pairs)} messages of {len(files)} files; holding out:")
    reader = train.fit([normalize(t) for t, _ in pairs], [lab for _, lab in pairs], settings)
    cases = []
    for path in args.held_out:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        print(f"  {path} ({len(data['cases'])} messages)")
        cases += data["cases"]
    calm_questions = [
        q["text"]
        for name in ("real_questions.yaml", "holdout_questions.yaml")
        for q in yaml.safe_load((ROOT / "tests" / "data" / name).read_text("utf-8"))["questions"]
        if q.get("kind") not in URGENT
    ]
    alone = Chatbot(replace(bot.kb, classifier=None), bot.settings)
    lists = [alone.respond(c["text"]) for c in cases]
    for threshold in args.thresholds:
        r = replace(reader, threshold=threshold)
        with_reader = Chatbot(replace(bot.kb, classifier=r), bot.settings)
        total, found, by_lists, by_both = Counter(), Counter(), Counter(), Counter()
        for case, before in zip(cases, lists, strict=True):
            group = group_of(case)
            if group not in ("emergency", "crisis", "near_miss"):
                continue
            verdict = r.verdict(normalize(case["text"]))
            after = with_reader.respond(case["text"])
            total[group] += 1
            found[group] += urgent(verdict)
            by_lists[group] += right(group, before.kind, before.rule, before.topic, case)
            by_both[group] += right(group, after.kind, after.rule, after.topic, case)
        alarms = sum(urgent(r.verdict(normalize(q))) for q in calm_questions)
        print(f"\nthreshold {threshold}")
        print(f"  {'group':10} {'reader alone':>14} {'word lists':>12} {'both':>12}")
        for g in ("emergency", "crisis", "near_miss"):
            alone_says = f"{found[g]}/{total[g]}" + (" alarmed" if g == "near_miss" else "")
            print(
                f"  {g:10} {alone_says:>14} {by_lists[g]:>7}/{total[g]:<4} "
                f"{by_both[g]:>7}/{total[g]:<4}"
            )
        print(f"  real and held-out routing questions alarmed: {alarms}/{len(calm_questions)}")


def urgent(verdict: Verdict | None) -> bool:
    """An alarm: a crisis or an emergency (a refusal is none)."""
    return verdict is not None and verdict.kind in URGENT


if __name__ == "__main__":
    main()
