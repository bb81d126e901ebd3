"""Benchmark: the second reader's thresholds, tried on sealed rounds as they were first
measured.

    .venv/bin/python bench/first_measured.py --thresholds 0.6 0.7 0.8 --sure 0.9 0.94 0.97

A sealed round measures a bot that has seen neither its messages nor anything tuned on
them, once. Choosing a threshold on rounds already opened (or on sets the word lists
were fixed on) flatters whichever setting leans on the word lists. This benchmark goes
back to the commit at which each round was first measured (`ROUNDS`: the word lists and
the reader of that day, neither of which had seen the round), checks it out in a
temporary `git worktree`, and scores that bot on the round's English and Spanish sets at
each pair of settings:

- `threshold`: the chance of an emergency or a crisis at which the reader escalates;
- `sure`: the chance of an emergency at which it outweighs an answer the matcher is
  confident of.

It prints, per setting, emergencies and crises that reach help, refusals, near misses
that raise no alarm and answers, summed over the rounds, scored as tests/test_sealed.py
and bench/safety_sets.py score them. Needs the repository's history (a full clone).
Figures only; nothing is written.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: sealed round -> the commit at which it was run once (README, "as first measured")
ROUNDS = {
    13: "bb3b1fb",
    14: "11bb65c",
    15: "65c7334",
    16: "5340baf",
    17: "e5e1220",
    18: "7c190c9",
    19: "3aa41ce",
    20: "1b2210b",
    21: "df32e47",
    22: "81a2128",
    23: "e0c91b4",
    24: "4b5946c",
    25: "3431d57",
    26: "09fba81",
    27: "eeaeed8",
    28: "e1e31bd",
    29: "9be4fb5",
    30: "8d4b0c6",
    31: "ab05f70",
    32: "a26b9f1",
    33: "b84585f",
    34: "2acfca5",
    35: "64ce5b9",
    36: "d9f44f4",
}
GROUPS = ("emergency", "crisis", "refusal", "near_miss", "answer")


def score(checkout: Path, files: list[Path], settings: list[tuple[float, float]]) -> dict:
    """Run inside the old checkout (its own code, content and reader): counts per setting,
    and "lists" for the word lists alone."""
    os.environ["CHATBOT_NO_CACHE"] = "1"
    sys.path[:0] = [str(checkout), str(checkout / "bench")]
    from dataclasses import replace

    import yaml
    from safety_sets import group_of, right

    from chatbot import Chatbot

    bot = Chatbot.default()
    reader = bot.kb.classifier
    bots = {"lists": Chatbot(replace(bot.kb, classifier=None), bot.settings)}
    for threshold, sure in settings:
        changed = replace(reader, threshold=threshold, sure=sure)
        bots[f"{threshold} {sure}"] = Chatbot(replace(bot.kb, classifier=changed), bot.settings)
    counts: dict[str, Counter[str]] = {name: Counter() for name in bots}
    for path in files:
        for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]:
            group = group_of(case)
            for name, b in bots.items():
                r = b.respond(case["text"])
                counts[name][group + " total"] += 1
                counts[name][group] += right(group, r.kind, r.rule, r.topic, case)
    return {name: dict(c) for name, c in counts.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--thresholds", nargs="+", type=float, default=[0.7, 0.8])
    ap.add_argument("--sure", nargs="+", type=float, default=[0.94, 0.97])
    ap.add_argument("--rounds", nargs="+", type=int, default=sorted(ROUNDS))
    ap.add_argument(
        "--language",
        choices=("en", "es", "both"),
        default="both",
        help="score the English set of each round, the Spanish one, or both (default)",
    )
    ap.add_argument("--inner", nargs=2, metavar=("CHECKOUT", "ROUND"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    settings = [(t, s) for t in args.thresholds for s in args.sure]
    if args.inner:
        checkout, n = Path(args.inner[0]), int(args.inner[1])
        sealed = ROOT / "tests" / "data" / "sealed"
        files = [sealed / f"safety_v{n}.yaml", sealed / f"spanish_v{n}.yaml"]
        files = {"en": files[:1], "es": files[1:]}.get(args.language, files)
        print(json.dumps(score(checkout, files, settings)))
        return
    total: dict[str, Counter[str]] = {}
    for n in args.rounds:
        with tempfile.TemporaryDirectory() as tmp:
            checkout = Path(tmp) / "checkout"
            subprocess.run(
                [
                    "git",
                    "-C",
                    str(ROOT),
                    "worktree",
                    "add",
                    "-q",
                    "--detach",
                    str(checkout),
                    ROUNDS[n],
                ],
                check=True,
            )
            try:
                command = [sys.executable, __file__, "--inner", str(checkout), str(n)]
                command += ["--thresholds", *map(str, args.thresholds)]
                command += ["--sure", *map(str, args.sure)]
                command += ["--language", args.language]
                out = subprocess.run(command, check=True, capture_output=True, text=True)
            finally:
                subprocess.run(
                    ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(checkout)],
                    check=True,
                )
        print(f"round {n} at {ROUNDS[n]}: done", file=sys.stderr)
        for name, c in json.loads(out.stdout.splitlines()[-1]).items():
            total.setdefault(name, Counter()).update(c)
    language = {"en": "English", "es": "Spanish", "both": "English and Spanish"}[args.language]
    print(f"rounds {', '.join(map(str, args.rounds))} ({language}), as first measured")
    print(f"  {'threshold sure':16}" + "".join(f"{g:>16}" for g in GROUPS))
    for name, c in total.items():
        cells = "".join(f"{c[g]:>9}/{c[g + ' total']:<6}" for g in GROUPS)
        print(f"  {'word lists' if name == 'lists' else name:16}{cells}")


if __name__ == "__main__":
    main()
