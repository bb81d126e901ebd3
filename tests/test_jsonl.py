"""`chatbot jsonl`: JSON lines in, one JSON line out per line, errors on their own line."""

from __future__ import annotations

import json
import select
import shlex
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest


def run_jsonl(lines: list[str]) -> list[dict]:
    done = subprocess.run(
        [sys.executable, "-m", "chatbot", "jsonl"],
        input="".join(line + "\n" for line in lines),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return [json.loads(line) for line in done.stdout.splitlines()]


def test_answers_each_line_and_reports_bad_ones_in_place():
    first, bad, not_object, no_text = run_jsonl(
        [
            json.dumps({"text": "can i drink on baclofen"}),
            "{not json",
            json.dumps(["hello"]),
            json.dumps({"question": "hello"}),
        ]
    )
    assert first["kind"] == "answer" and first["topic"] == "baclofen.alcohol"
    assert first["context"] and first["sources"]
    assert set(bad) == {"error"} and "not valid JSON" in bad["error"]
    assert "JSON object" in not_object["error"]
    assert "missing 'text'" in no_text["error"]


def test_context_from_a_reply_continues_the_conversation():
    (first,) = run_jsonl([json.dumps({"text": "can i drink on baclofen"})])
    more, bad, fresh = run_jsonl(
        [
            json.dumps({"text": "tell me more", "context": first["context"]}),
            "",
            json.dumps({"text": "tell me more"}),
        ]
    )
    assert (more["kind"], more["topic"], more["rule"]) == (
        "answer",
        "baclofen.alcohol",
        "smalltalk.more",
    )
    assert "empty line" in bad["error"]
    assert fresh["topic"] is None


def test_each_reply_is_flushed_before_the_next_line_arrives():
    proc = subprocess.Popen(
        [sys.executable, "-m", "chatbot", "jsonl"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdin and proc.stdout
        for text, kind in (
            ("hello", "smalltalk"),
            ("my son swallowed some of my pills", "emergency"),
        ):
            proc.stdin.write(json.dumps({"text": text}) + "\n")
            proc.stdin.flush()
            ready, _, _ = select.select([proc.stdout], [], [], 30)
            assert ready, "no reply within 30 s: the line was not flushed"
            reply = json.loads(proc.stdout.readline())
            assert reply["kind"] == kind, reply
        proc.stdin.close()
        assert proc.wait(timeout=30) == 0
    finally:
        proc.kill()
        proc.wait()
        if proc.stdout:
            proc.stdout.close()


# --- limits ------------------------------------------------------------------------------


def test_a_line_over_64_kib_is_refused_and_the_next_one_answered():
    too_long = json.dumps({"text": "a" * (64 * 1024)})
    at_limit = json.dumps({"text": "a" * 4000}).ljust(64 * 1024)  # padded with spaces
    long_text = json.dumps({"text": "é" * 2049})  # 4098 bytes of UTF-8
    refused, fine, text_refused, after = run_jsonl(
        [too_long, at_limit, long_text, json.dumps({"text": "hello"})]
    )
    assert refused == {"error": "line too long"}
    assert "kind" in fine
    assert text_refused == {"error": "'text' is longer than 4096 bytes"}
    assert after["kind"] == "smalltalk"


@pytest.mark.parametrize("redirect", ["<&-", ">&-", "<&- >&-"])
def test_closed_stdin_or_stdout_ends_quietly(redirect):
    done = subprocess.run(
        ["bash", "-c", f"exec {shlex.quote(sys.executable)} -m chatbot jsonl {redirect}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        timeout=60,
    )
    assert done.returncode == 0 and done.stderr == b""


def test_a_reader_that_leaves_ends_it_quietly():
    proc = subprocess.Popen(
        [sys.executable, "-m", "chatbot", "jsonl"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdin and proc.stdout and proc.stderr
    proc.stdin.write(b'{"text": "hello"}\n')
    proc.stdin.flush()
    proc.stdout.readline()
    proc.stdout.close()  # the reader goes away
    proc.stdin.write(b'{"text": "hello"}\n' * 50)
    proc.stdin.close()
    assert proc.wait(timeout=30) == 0
    assert proc.stderr.read() == b""
    proc.stderr.close()


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
def test_a_200_mb_line_gets_an_error_within_a_second_in_flat_memory():
    """The line is generated as it is written: neither side ever holds it whole."""
    size, chunk = 200 * 1024 * 1024, b"a" * (1024 * 1024)
    proc = subprocess.Popen(
        [sys.executable, "-m", "chatbot", "jsonl"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdin and proc.stdout
    try:
        proc.stdin.write(b'{"text": "hello"}\n')  # the bot is loaded once this is answered
        proc.stdin.flush()
        assert json.loads(proc.stdout.readline())["kind"] == "smalltalk"
        before = rss_kib(proc.pid)
        peak = [before]
        stdin = proc.stdin

        def write_line() -> None:
            stdin.write(b'{"text": "')
            for _ in range(size // len(chunk)):
                stdin.write(chunk)
                peak[0] = max(peak[0], rss_kib(proc.pid))
            stdin.write(b'"}\n{"text": "can i drink on baclofen"}\n')
            stdin.close()

        started = time.monotonic()
        writer = threading.Thread(target=write_line)
        writer.start()
        ready, _, _ = select.select([proc.stdout], [], [], 1.0)
        first = proc.stdout.readline() if ready else b""
        waited = time.monotonic() - started
        writer.join(timeout=60)
        assert not writer.is_alive(), "the 200 MB line was not read within a minute"
        assert json.loads(first) == {"error": "line too long"}, f"nothing within {waited:.2f} s"
        assert json.loads(proc.stdout.readline())["topic"] == "baclofen.alcohol"
        assert proc.wait(timeout=30) == 0
        grew = (peak[0] - before) / 1024
        base = before / 1024
        print(f"200 MB line: error after {waited * 1000:.1f} ms; RSS {base:.0f} MiB, +{grew:.1f}")
        assert grew < 16, f"memory grew by {grew:.1f} MiB"
    finally:
        proc.kill()
        proc.wait()
        for stream in (proc.stdout, proc.stderr):
            if stream:
                stream.close()


def test_a_line_can_choose_the_language(bot):
    from chatbot.jsonl import answer_line

    first = answer_line(bot, b'{"text": "hola", "lang": "es"}')
    assert first["lang"] == "es"
    again = answer_line(bot, json.dumps({"text": "ok", "context": first["context"]}).encode())
    assert again["lang"] == "es"
    assert (
        "'lang' must be one of en, es" in answer_line(bot, b'{"text": "ok", "lang": "xx"}')["error"]
    )
