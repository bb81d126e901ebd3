"""Print the reply to one question and exit.

chatbot ask "can I drink on baclofen"
chatbot ask --json "my son swallowed some of my pills"
"""

from __future__ import annotations

import argparse
import json
import sys


def configure(parser: argparse.ArgumentParser) -> None:
    from .cli import add_content_options

    parser.add_argument("question", nargs="+", help="the question, in your own words")
    parser.add_argument("--json", action="store_true", help="print the reply as JSON")
    add_content_options(parser)


def run(args: argparse.Namespace) -> int:
    from .cli import load_bot
    from .render import plain

    bot = load_bot(args)
    if bot is None:
        return 2
    reply = bot.respond(" ".join(args.question))
    if args.json:
        json.dump(reply.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(plain(reply, bot.in_language(reply.lang).kb.ui) + "\n")  # its language
    return 0
