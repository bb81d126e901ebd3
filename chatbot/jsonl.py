"""Answer JSON lines on stdin, one JSON line out per line in, for embedding.

    echo '{"text": "can I drink on baclofen"}' | chatbot jsonl

Each input line is {"text": "...", "context": "..."} (context optional: the
token from the previous reply, to continue a conversation). Each output line is
the reply (kind, topic, text, sources, suggestions, choices, rule, region,
reviewed) plus
"context"; a line that cannot be read gets {"error": "..."} and the rest go on.
Nothing is stored between lines except what the context token carries.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any


def configure(parser: argparse.ArgumentParser) -> None:
    from .cli import add_content_options

    add_content_options(parser)


def run(args: argparse.Namespace) -> int:
    from .cli import load_bot

    bot = load_bot(args)
    if bot is None:
        return 2
    for raw in sys.stdin.buffer:
        out = answer_line(bot, raw)
        sys.stdout.write(json.dumps(out) + "\n")
        sys.stdout.flush()
    return 0


def answer_line(bot: Any, raw: bytes) -> dict[str, Any]:
    from .context import parse_message, turn

    if not raw.strip():
        return {"error": 'empty line; expected {"text": "..."}'}
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError) as exc:  # ValueError includes bad UTF-8
        return {"error": f"line is not valid JSON: {exc}"}
    try:
        text, context = parse_message(data)
    except ValueError as exc:
        return {"error": str(exc)}
    return turn(bot, text, context)
