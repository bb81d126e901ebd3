"""Load test for the kiosk API: N concurrent conversations on loopback for a bounded time.

    .venv/bin/python bench/load.py                      # starts `chatbot serve` on a free port
    .venv/bin/python bench/load.py --clients 50 --seconds 30
    .venv/bin/python bench/load.py --clients 200 --workers 2
    .venv/bin/python bench/load.py --url http://127.0.0.1:8000/

Each client holds a conversation the way the page does: it sends a realistic mix
of questions to POST /api/message, passes the context token along, and starts
over every few turns. Prints requests/s, latency percentiles and the error count;
stops by itself after --seconds.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import statistics
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from chatbot.kiosk.launch import serving  # noqa: E402

#: (weight, question): mostly answers, some typos, follow-ups and the urgent kinds.
MIX: list[tuple[int, str]] = [
    (8, "can i drink on baclofen"),
    (8, "what are the side effects"),
    (6, "what if i miss a dose"),
    (5, "can i stop taking it"),
    (5, "is it safe to drive"),
    (4, "can i take it while pregnant"),
    (4, "how should i store it"),
    (4, "how does baclofen work"),
    (3, "what is baclofen used for"),
    (3, "can i take it with ibuprofen"),
    (3, "wat are teh side efects"),
    (3, "tell me more"),
    (3, "the first one"),
    (2, "hello"),
    (2, "thanks"),
    (2, "how much baclofen should i take"),
    (2, "what is the maximum dose"),
    (2, "my son swallowed some of my pills"),
    (1, "i took too many and feel very sleepy"),
    (1, "i want to kill myself"),
    (1, "is baclofen better than tizanidine"),
    (1, "what is the weather today"),
    (1, "asdkjh qwe"),
    (
        1,
        "I have been taking baclofen for my multiple sclerosis for a few months now and I "
        "wonder whether the tiredness I feel in the afternoon could be from the medicine",
    ),
]
WEIGHTS = [w for w, _ in MIX]
QUESTIONS = [q for _, q in MIX]


def cpu_seconds(pid: int | None) -> float | None:
    """User + system CPU time of a process (Linux /proc), or None."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, TypeError):
        return None


@contextlib.contextmanager
def own_server(workers: int = 1) -> Iterator[tuple[str, list[int]]]:
    """`chatbot serve` in a separate process on a free port; yields its URL and the pids
    that serve (the workers, with --workers above 1)."""
    try:
        with serving("--workers", str(workers)) as (url, proc):
            pids = [proc.pid]
            if workers > 1:
                deadline = time.monotonic() + 30
                while len(pids := children(proc.pid)) < workers and time.monotonic() < deadline:
                    time.sleep(0.1)
            yield url, pids
    except RuntimeError as exc:
        raise SystemExit(f"load: {exc}") from None


def children(pid: int) -> list[int]:
    """Processes whose parent is `pid` that run `chatbot` (Linux /proc): the workers."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            cmdline = (stat.parent / "cmdline").read_bytes()
        except OSError:
            continue
        if int(fields[1]) == pid and b"multiprocessing" in cmdline and b"spawn_main" in cmdline:
            found.append(int(stat.parent.name))
    return found


class Results:
    def __init__(self) -> None:
        self.latencies: list[float] = []
        self.errors: dict[str, int] = {}
        self.kinds: dict[str, int] = {}

    def error(self, what: str) -> None:
        self.errors[what] = self.errors.get(what, 0) + 1


class Connection:
    """A minimal HTTP/1.1 keep-alive client on asyncio streams.

    httpx's AsyncClient spends more CPU per request than the server does, so on
    a small machine it, not the server, would set the figures.
    """

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def post_json(self, path: str, body: dict) -> tuple[int, dict]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        data = json.dumps(body).encode()
        self.writer.write(
            f"POST {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(data)}\r\n\r\n".encode()
            + data
        )
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        length = 0
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        payload = await self.reader.readexactly(length)
        return status, json.loads(payload) if payload else {}

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(OSError):
                await self.writer.wait_closed()
            self.writer = None


async def conversation(base: str, stop_at: float, seed: int, results: Results) -> None:
    url = urlsplit(base)
    conn = Connection(url.hostname or "127.0.0.1", url.port or 80)
    path = url.path.rstrip("/") + "/api/message"
    rng = random.Random(seed)
    context: str | None = None
    turn = 0
    try:
        while time.monotonic() < stop_at:
            if turn >= rng.randint(3, 8):  # someone new at the kiosk
                context, turn = None, 0
            body = {"text": rng.choices(QUESTIONS, WEIGHTS)[0]}
            if context:
                body["context"] = context
            start = time.perf_counter()
            try:
                status, reply = await asyncio.wait_for(conn.post_json(path, body), timeout=10)
            except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError) as exc:
                results.error(type(exc).__name__)
                await conn.close()
                await asyncio.sleep(0.05)
                continue
            elapsed = time.perf_counter() - start
            if status != 200:
                results.error(f"HTTP {status}")
                continue
            results.latencies.append(elapsed)
            results.kinds[reply["kind"]] = results.kinds.get(reply["kind"], 0) + 1
            context = reply["context"]
            turn += 1
    finally:
        await conn.close()


async def run_load(base: str, clients: int, seconds: float) -> tuple[Results, float]:
    results = Results()
    started = time.monotonic()
    stop_at = started + seconds
    tasks = [conversation(base, stop_at, seed, results) for seed in range(clients)]
    # a hard bound too: each request has a 10 s timeout, so this always ends
    await asyncio.wait_for(asyncio.gather(*tasks), timeout=seconds + 30)
    return results, time.monotonic() - started


def percentile(sorted_values: list[float], q: float) -> float:
    if not sorted_values:
        return float("nan")
    return sorted_values[min(len(sorted_values) - 1, int(q * len(sorted_values)))]


def summary(results: Results, elapsed: float, clients: int) -> dict:
    lat = sorted(results.latencies)
    ms = lambda v: round(v * 1000, 1)  # noqa: E731
    return {
        "clients": clients,
        "seconds": round(elapsed, 1),
        "requests": len(lat),
        "requests_per_second": round(len(lat) / elapsed, 1),
        "latency_ms": {
            "p50": ms(percentile(lat, 0.50)),
            "p90": ms(percentile(lat, 0.90)),
            "p99": ms(percentile(lat, 0.99)),
            "max": ms(lat[-1]) if lat else None,
            "mean": ms(statistics.fmean(lat)) if lat else None,
        },
        "errors": sum(results.errors.values()),
        "error_kinds": results.errors,
        "reply_kinds": dict(sorted(results.kinds.items())),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50, help="concurrent conversations (50)")
    parser.add_argument("--seconds", type=float, default=30.0, help="how long to run (30)")
    parser.add_argument(
        "--url",
        help="a running kiosk, e.g. http://127.0.0.1:8000/ "
        "(default: start `chatbot serve` on a free port)",
    )
    parser.add_argument(
        "--workers", type=int, default=1, help="server processes (`chatbot serve --workers`, 1)"
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)

    if args.url:
        results, elapsed = asyncio.run(run_load(args.url, args.clients, args.seconds))
        server_cpu = None
    else:
        with own_server(args.workers) as (url, pids):
            before = [cpu_seconds(pid) for pid in pids]
            results, elapsed = asyncio.run(run_load(url, args.clients, args.seconds))
            after = [cpu_seconds(pid) for pid in pids]
        pairs = zip(before, after, strict=True)
        spent = [b - a for a, b in pairs if a is not None and b is not None]
        server_cpu = sum(spent) if spent else None
    figures = summary(results, elapsed, args.clients)
    figures["workers"] = args.workers
    if server_cpu is not None and results.latencies:
        figures["server_cpu_ms_per_request"] = round(server_cpu * 1000 / len(results.latencies), 2)
        figures["server_cpu_share"] = round(server_cpu / elapsed, 2)  # 1.0 = one core busy
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        lat = figures["latency_ms"]
        print(
            f"{figures['clients']} clients, {args.workers} worker(s), {figures['seconds']} s: "
            f"{figures['requests']} requests, {figures['requests_per_second']} requests/s"
        )
        print(
            f"latency ms: p50 {lat['p50']}  p90 {lat['p90']}  p99 {lat['p99']}  "
            f"max {lat['max']}  mean {lat['mean']}"
        )
        print(f"errors: {figures['errors']} {figures['error_kinds'] or ''}".rstrip())
        if "server_cpu_ms_per_request" in figures:
            print(
                f"server: {figures['server_cpu_ms_per_request']} ms CPU per request, "
                f"{figures['server_cpu_share']:.0%} of one core (all workers)"
            )
        print("reply kinds: " + ", ".join(f"{k} {v}" for k, v in figures["reply_kinds"].items()))
    return 1 if figures["errors"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
