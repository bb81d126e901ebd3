"""Answer JSON lines on stdin, one JSON line out per line in, for embedding.

    echo '{"text": "can I drink on baclofen"}' | chatbot jsonl

Each input line is {"text": "...", "context": "...", "lang": "es"} (context optional:
the token from the previous reply, to continue a conversation; lang optional: the
language to answer in from now on, kept in the token). Each output line is the reply
(kind, topic, text, sources, suggestions, choices, rule, region, reviewed, lang) plus
"context"; a line that cannot be read gets {"error": "..."} and the rest go on.
A line over 64 KiB gets {"error": "line too long"} at once and is skipped
without being held in memory; a text over 4096 bytes is refused, as the kiosk
API refuses it. Nothing is stored between lines except what the context token
carries. Tokens are signed when CHATBOT_CONTEXT_SECRET is set (see `serve`).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Iterator
from typing import IO, Any

#: Longest input line read (bytes, without its newline); longer lines are skipped.
MAX_LINE_BYTES = 64 * 1024
#: Longest `text` answered (UTF-8 bytes), the same bound as the kiosk API's body.
MAX_TEXT_BYTES = 4096
LINE_TOO_LONG = {"error": "line too long"}


def configure(parser: argparse.ArgumentParser) -> None:
    from .cli import add_content_options, add_secret_option

    add_content_options(parser)
    add_secret_option(parser)


def run(args: argparse.Namespace) -> int:
    from .cli import context_secret, load_bot

    if sys.stdin is None or sys.stdout is None:  # started with fd 0 or 1 closed: nothing to do
        return 0
    secret = context_secret(args)
    bot = load_bot(args)
    if bot is None:
        return 2
    version = bot.kb.content_version
    try:
        for raw in lines(sys.stdin.buffer, MAX_LINE_BYTES):
            out = LINE_TOO_LONG if raw is None else answer_line(bot, raw, version, secret)
            sys.stdout.write(json.dumps(out) + "\n")
            sys.stdout.flush()
    except OSError:  # the reader went away (EPIPE) or stdout was closed under us: end quietly
        _silence_stdout()
    return 0


def lines(stream: IO[bytes], limit: int) -> Iterator[bytes | None]:
    """Each line of `stream`, or None for a line longer than `limit` bytes.

    None comes as soon as the line is known to be too long; the rest of that
    line is then skipped in chunks, so memory stays flat whatever its length.
    """
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if line.endswith(b"\n") or len(line) <= limit:  # whole, or the last line
            yield line
            continue
        yield None
        while line and not line.endswith(b"\n"):
            line = stream.readline(64 * 1024)


def answer_line(
    bot: Any, raw: bytes, version: str = "", secret: bytes | None = None
) -> dict[str, Any]:
    from .context import parse_message, turn

    if not raw.strip():
        return {"error": 'empty line; expected {"text": "..."}'}
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError) as exc:  # ValueError includes bad UTF-8
        return {"error": f"line is not valid JSON: {exc}"}
    try:
        message = parse_message(data, bot.languages)
    except ValueError as exc:
        return {"error": str(exc)}
    if len(message.text.encode("utf-8", "surrogatepass")) > MAX_TEXT_BYTES:
        return {"error": f"'text' is longer than {MAX_TEXT_BYTES} bytes"}
    return turn(bot, *message, version=version, secret=secret)


def _silence_stdout() -> None:
    with contextlib.suppress(OSError, ValueError, AttributeError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
