"""Serve the kiosk: the chat web page, its static files and a JSON API
(POST /api/message, GET /api/topics, /api/config, /healthz).

Binds 127.0.0.1 by default, for a browser on the same machine; the server keeps
no conversations and logs no message text. Content edits are picked up within
a second or two (a broken edit keeps the last good content and is reported here).
"""

from __future__ import annotations

import argparse


def configure(parser: argparse.ArgumentParser) -> None:
    from ..cli import add_content_options

    parser.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to bind (default: %(default)s, this machine only)",
    )
    parser.add_argument("--port", type=int, default=8000, help="port (default: %(default)s)")
    parser.add_argument(
        "--idle-seconds",
        type=int,
        default=120,
        metavar="N",
        help="the page wipes the conversation after N seconds without input (default: %(default)s)",
    )
    add_content_options(parser)


def run(args: argparse.Namespace) -> int:
    import sys

    import uvicorn

    from ..cli import load_bot
    from .app import BotProvider, KioskSettings, create_app

    if args.idle_seconds < 1:
        print("chatbot serve: --idle-seconds must be at least 1", file=sys.stderr)
        return 2
    bot = load_bot(args)
    if bot is None:
        return 2
    bot.warm_up()
    app = create_app(BotProvider(bot), KioskSettings(idle_seconds=args.idle_seconds))
    # no access log: request lines are not needed, and the page's text never reaches a log
    uvicorn.run(app, host=args.host, port=args.port, access_log=False, server_header=False)
    return 0
