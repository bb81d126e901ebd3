"""Serve the kiosk: the chat web page, its static files and a JSON API
(POST /api/message, GET /api/topics, /api/config, /api/qr/TOPIC, /healthz).

Binds 127.0.0.1 by default, for a browser on the same machine; the server keeps
no conversations and logs no message text. Content edits are picked up within
a second or two (a broken edit keeps the last good content and is reported here).

Slow or stuck clients cannot starve it: request heads and bodies must arrive
within their timeouts (else 408), open connections are capped (the client that
has waited longest is dropped to make room), and SIGTERM stops it within
--shutdown-timeout seconds. With --workers N, N processes share the port: the
context token makes them interchangeable. A context secret (--context-secret-file
or CHATBOT_CONTEXT_SECRET, the same for every worker) signs the tokens so that
nobody can forge one.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from starlette.applications import Starlette

#: Worker processes rebuild the app from these arguments, as JSON (set by `run`).
ARGV_ENV = "CHATBOT_SERVE_ARGV"
#: Open files kept free for content files and logs, below the connection cap.
SPARE_FILES = 64


def configure(parser: argparse.ArgumentParser) -> None:
    from ..cli import add_content_options, add_secret_option

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
    parser.add_argument(
        "--countdown-seconds",
        type=int,
        default=20,
        metavar="N",
        help="for the last N of those seconds the page counts down (its wording: kiosk.still_there "
        "in knowledge/ui.yaml) (default: %(default)s)",
    )
    parser.add_argument(
        "--hold-seconds",
        type=int,
        default=600,
        metavar="N",
        help="an emergency or crisis screen is kept at least N seconds, unless the restart "
        "button (kiosk.restart in knowledge/ui.yaml) is pressed (default: %(default)s)",
    )
    parser.add_argument(
        "--allowed-host",
        action="append",
        metavar="NAME",
        help="a host name the server answers to (repeat for more; '*' for any). "
        "Default: 127.0.0.1, localhost, ::1 and the --host address. "
        "Also CHATBOT_ALLOWED_HOSTS (comma-separated)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help="server processes sharing the port (default: %(default)s)",
    )
    parser.add_argument(
        "--max-connections",
        type=int,
        default=4096,
        metavar="N",
        help="open connections per process, at most; never more than the open-file limit "
        "allows (default: %(default)s)",
    )
    parser.add_argument(
        "--head-timeout",
        type=float,
        default=10.0,
        metavar="S",
        help="seconds a client has to send its request line and headers (default: %(default)s)",
    )
    parser.add_argument(
        "--body-timeout",
        type=float,
        default=10.0,
        metavar="S",
        help="seconds a client has to send its request body (default: %(default)s)",
    )
    parser.add_argument(
        "--shutdown-timeout",
        type=int,
        default=10,
        metavar="S",
        help="on SIGTERM, seconds to finish the requests in progress before they are "
        "cancelled (default: %(default)s)",
    )
    add_content_options(parser)
    add_secret_option(parser)


def problems(args: argparse.Namespace) -> list[str]:
    """What is wrong with the numbers on the command line."""
    out = []
    for name in ("idle_seconds", "workers", "max_connections", "shutdown_timeout"):
        if getattr(args, name) < 1:
            out.append(f"--{name.replace('_', '-')} must be at least 1")
    for name in ("head_timeout", "body_timeout"):
        if not getattr(args, name) > 0:
            out.append(f"--{name.replace('_', '-')} must be more than 0")
    if not 0 <= args.countdown_seconds < args.idle_seconds:
        out.append("--countdown-seconds must be at least 0 and less than --idle-seconds")
    if args.hold_seconds < 0:
        out.append("--hold-seconds must be at least 0")
    return out


def allowed_hosts(args: argparse.Namespace, environ: dict[str, str]) -> tuple[str, ...]:
    from .app import LOCAL_HOSTS

    named = args.allowed_host or [
        h.strip() for h in environ.get("CHATBOT_ALLOWED_HOSTS", "").split(",") if h.strip()
    ]
    if named:
        return tuple(named)
    extra = () if args.host in ("0.0.0.0", "::", "") else (args.host,)
    return LOCAL_HOSTS + tuple(h for h in extra if h not in LOCAL_HOSTS)


def build_app(args: argparse.Namespace, warm: bool = True) -> Starlette | None:
    """The app for these arguments, or None (with the reason printed) when it cannot be."""
    from ..cli import context_secret, load_bot
    from .app import BotProvider, KioskSettings, create_app

    secret = context_secret(args)
    bot = load_bot(args)
    if bot is None:
        return None
    if warm:
        bot.warm_up()
    settings = KioskSettings(
        idle_seconds=args.idle_seconds,
        countdown_seconds=args.countdown_seconds,
        hold_seconds=args.hold_seconds,
        body_timeout=args.body_timeout,
        allowed_hosts=allowed_hosts(args, dict(os.environ)),
        context_secret=secret,
    )
    return create_app(BotProvider(bot), settings)


def worker_app() -> Starlette:
    """The app factory each worker process calls (`--workers N`)."""
    app = build_app(argparse.Namespace(**json.loads(os.environ[ARGV_ENV])))
    if app is None:
        raise SystemExit(2)
    return app


def open_file_limit() -> int:
    """Raise this process's open-file limit to its hard limit; the soft limit now in force."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = hard if hard != resource.RLIM_INFINITY else max(soft, 65536)
    if soft != resource.RLIM_INFINITY and soft < want:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))
            soft = want
        except (ValueError, OSError):
            pass
    return soft if soft != resource.RLIM_INFINITY else 1 << 20


def run(args: argparse.Namespace) -> int:
    import uvicorn
    from uvicorn.supervisors import Multiprocess

    from .protocol import GuardedH11Protocol, KioskConfig

    for problem in problems(args):
        print(f"chatbot serve: {problem}", file=sys.stderr)
    if problems(args):
        return 2
    app = build_app(args, warm=args.workers == 1)  # checks the content, and the secret
    if app is None:
        return 2
    files = open_file_limit()
    max_connections = max(1, min(args.max_connections, files - SPARE_FILES))
    if max_connections < args.max_connections:
        print(
            f"chatbot serve: at most {max_connections} connections per process "
            f"(open-file limit {files}; raise LimitNOFILE)",
            file=sys.stderr,
            flush=True,
        )
    target: Starlette | str = app
    if args.workers > 1:  # each worker loads its own, from the same arguments
        target = f"{__name__}:worker_app"
        os.environ[ARGV_ENV] = json.dumps(
            {k: v for k, v in vars(args).items() if not k.startswith("_")}
        )
    config = KioskConfig(
        target,
        factory=args.workers > 1,
        host=args.host,
        port=args.port,
        workers=args.workers,
        http=GuardedH11Protocol,
        head_timeout=args.head_timeout,
        limit_concurrency=max_connections,
        timeout_graceful_shutdown=args.shutdown_timeout,
        h11_max_incomplete_event_size=16 * 1024,  # request line and headers, at most
        lifespan="off",
        # no access log: request lines are not needed, and the page's text never reaches a log
        access_log=False,
        server_header=False,
    )
    if args.workers > 1:
        Multiprocess(config, sockets=[config.bind_socket()]).run()
    else:
        uvicorn.Server(config).run()
    return 0
