"""`chatbot jsonl`: JSON lines in, one JSON line out per line, errors on their own line."""

from __future__ import annotations

import json
import select
import subprocess
import sys


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
        for text in ("hello", "my son swallowed some of my pills"):
            proc.stdin.write(json.dumps({"text": text}) + "\n")
            proc.stdin.flush()
            ready, _, _ = select.select([proc.stdout], [], [], 30)
            assert ready, "no reply within 30 s: the line was not flushed"
            reply = json.loads(proc.stdout.readline())
            assert reply["kind"] in ("smalltalk", "emergency")
        assert reply["kind"] == "emergency"
        proc.stdin.close()
        assert proc.wait(timeout=30) == 0
    finally:
        proc.kill()
        proc.wait()
        if proc.stdout:
            proc.stdout.close()
