"""Benchmark: how long `chatbot ask` takes as a whole process, beside `python -c pass`.

    .venv/bin/python bench/startup.py               # 15 runs of each
    .venv/bin/python bench/startup.py --runs 30 --overlay examples/overlay-leeds

Three figures, each the median, min and max wall-clock time over the runs, and
the ratio of the median to `python -c pass` (the interpreter's own start):

- `python -c pass`: the floor no Python program starts under;
- `chatbot ask`, cold: every run with an empty cache folder, so the content is
  read, checked and compiled (and the cache written), as on a first start or
  after a content edit;
- `chatbot ask`, warm: the compiled content comes from the cache, as on every
  later start.

It runs the `chatbot` script next to this Python (the installed command), or
`python -m chatbot` when there is none. Prints figures; it is not a timed test.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

QUESTION = "can i drink on baclofen"


def chatbot_command() -> list[str]:
    script = Path(sys.executable).with_name("chatbot")
    return [str(script)] if script.exists() else [sys.executable, "-m", "chatbot"]


def timed(argv: Sequence[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed:\n{done.stderr.decode(errors='replace')}")
    return elapsed


def series(argv: Sequence[str], env: dict[str, str], runs: int, fresh_cache: bool) -> list[float]:
    out = []
    for _ in range(runs):
        if fresh_cache:
            with tempfile.TemporaryDirectory() as tmp:
                out.append(timed(argv, {**env, "CHATBOT_CACHE_DIR": tmp}))
        else:
            out.append(timed(argv, env))
    return out


def row(name: str, times: list[float], floor: float) -> str:
    median = statistics.median(times)
    return f"{name:<30} {median:7.3f} {min(times):7.3f} {max(times):7.3f}  {median / floor:6.1f}x"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="runs of each (default: 15)")
    parser.add_argument("--overlay", metavar="DIR", help="time with a clinic's overlay")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    env = {k: v for k, v in os.environ.items() if not k.startswith("CHATBOT_")}
    ask = [*chatbot_command(), "ask", QUESTION]
    if args.overlay:
        ask += ["--overlay", args.overlay]
    with tempfile.TemporaryDirectory() as warm_dir:
        warm_env = {**env, "CHATBOT_CACHE_DIR": warm_dir}
        timed(ask, warm_env)  # fills the warm cache, and the OS's file cache
        timed([sys.executable, "-c", "pass"], env)
        floor = series([sys.executable, "-c", "pass"], env, args.runs, fresh_cache=False)
        cold = series(ask, env, args.runs, fresh_cache=True)
        warm = series(ask, warm_env, args.runs, fresh_cache=False)

    base = statistics.median(floor)
    overlay = f" --overlay {args.overlay}" if args.overlay else ""
    print(f'chatbot ask "{QUESTION}"{overlay}: {args.runs} runs each, by {ask[0]}')
    print(f"{'':<30} {'median':>7} {'min':>7} {'max':>7}  {'ratio':>7}  (seconds)")
    print(row("python -c pass", floor, base))
    print(row("chatbot ask, cold (no cache)", cold, base))
    print(row("chatbot ask, warm (cached)", warm, base))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
