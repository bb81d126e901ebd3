"""The `chatbot` command (also `python -m chatbot`).

Each sub-command lives in its own module exposing `configure(parser)` (its
arguments and help) and `run(args) -> int` (the exit code). Modules keep heavy
imports inside `run`, so `--help` stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .bot import Chatbot
    from .settings import Settings

#: sub-command -> (module, one-line help). The order is the order in --help.
COMMANDS: dict[str, tuple[str, str]] = {
    "chat": ("chatbot.terminal", "chat in the terminal (the default)"),
    "ask": ("chatbot.ask", "print the reply to one question"),
    "check": ("chatbot.authoring.check", "validate knowledge/ and intents/"),
    "test": ("chatbot.authoring.convtest", "run authors' conversation tests"),
    "explain": ("chatbot.authoring.explain", "show how one question is routed"),
    "report": ("chatbot.authoring.report", "cross-validate the intents and report confusions"),
    "train": ("chatbot.authoring.train", "train the safety screen's second reader"),
    "serve": ("chatbot.kiosk.serve", "run the kiosk web page and JSON API"),
    "jsonl": ("chatbot.jsonl", "answer JSON lines on stdin, for embedding"),
}


def add_content_options(parser: argparse.ArgumentParser, region: bool = True) -> None:
    """Options every command that loads content shares."""
    parser.add_argument("--knowledge", metavar="DIR", help="knowledge folder (default: shipped)")
    parser.add_argument("--intents", metavar="DIR", help="intents folder (default: shipped)")
    parser.add_argument(
        "--overlay",
        metavar="DIR",
        help="a clinic's folder laid over the content (default: $CHATBOT_OVERLAY)",
    )
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="load the content from its files, not the compiled copy in the user's cache "
        "(also: CHATBOT_NO_CACHE=1)",
    )
    if region:
        parser.add_argument(
            "--region",
            metavar="CODE",
            help="the region of knowledge/contacts.yaml (or of the overlay) whose emergency and "
            "crisis contacts to use (default: its default_region; an unknown code lists them)",
        )
        parser.add_argument(
            "--lang",
            metavar="CODE",
            help="the language to answer in when a message does not show its own: en, or a "
            "language the content has answers in (es); a message clearly written in one of "
            "them is answered in it (default: en; also CHATBOT_LANG)",
        )


def add_format_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="plain text for people (default), or JSON for programs",
    )


def add_secret_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--context-secret-file",
        metavar="FILE",
        help="sign context tokens with the secret in FILE (its first line; at least 16 "
        "characters), so they cannot be forged; also CHATBOT_CONTEXT_SECRET. Every process "
        "that serves one conversation needs the same secret",
    )


def context_secret(args: argparse.Namespace) -> bytes | None:
    """The context token secret from --context-secret-file or CHATBOT_CONTEXT_SECRET.

    None when neither is set; prints why and exits with code 2 when it is unusable.
    """
    import os

    from .context import secret_from

    path = getattr(args, "context_secret_file", None)
    value: str | None
    try:
        if path:
            with open(path, encoding="utf-8") as f:
                value = f.readline()
        else:
            value = os.environ.get("CHATBOT_CONTEXT_SECRET")
        return secret_from(value)
    except (OSError, ValueError) as exc:
        print(f"chatbot: {exc}", file=sys.stderr)
        raise SystemExit(2) from None


def settings_from(args: argparse.Namespace) -> Settings:
    """Settings from the environment, then the command line."""
    import os
    from pathlib import Path

    from .settings import Settings

    s = Settings.from_env(os.environ)
    if getattr(args, "knowledge", None):
        s = s.with_(knowledge_dir=Path(args.knowledge))
    if getattr(args, "intents", None):
        s = s.with_(intents_dir=Path(args.intents))
    if getattr(args, "overlay", None):
        s = s.with_(overlay_dir=Path(args.overlay))
    if getattr(args, "no_cache", False):
        s = s.with_(cache_dir=None)
    if getattr(args, "region", None):
        s = s.with_(region=args.region.upper())
    if getattr(args, "lang", None):
        s = s.with_(language=args.lang.lower())
    return s


def load_bot(args: argparse.Namespace) -> Chatbot | None:
    """Build the bot, or print why not and return None (exit code 2)."""
    from .bot import Chatbot, ContentError, UnknownSetting

    try:
        return Chatbot.from_settings(settings_from(args))
    except ContentError as exc:
        print(f"chatbot: {exc}", file=sys.stderr)
    except UnknownSetting as exc:
        print(f"chatbot: {exc}", file=sys.stderr)
    return None


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line; with `only`, just that command gets its options (the
    others are listed for --help but their modules are not imported: a faster start)."""
    parser = argparse.ArgumentParser(
        prog="chatbot",
        description="An offline patient-education chatbot about baclofen. "
        "General information only: it never gives doses. In an emergency, call your local "
        "emergency number. With no command, it starts the terminal chat.",
    )
    parser.add_argument(
        "--version",
        action="store_true",
        help="print the program's version and the content version (a short hash of the "
        "content files, shipped plus overlay), and exit",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module, help_text) in COMMANDS.items():
        if only is not None and name != only:
            sub.add_parser(name, help=help_text)
            continue
        mod = importlib.import_module(module)
        p = sub.add_parser(
            name,
            help=help_text,
            description=(mod.__doc__ or help_text).strip(),
            # module docstrings are laid out by hand: keep their examples on their own lines
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        mod.configure(p)
        p.set_defaults(_module=module)
    return parser


def version_line(args: argparse.Namespace) -> str:
    """`chatbot 0.1.0, content 1a2b3c4d5e6f (...)`: what is installed and what it answers from."""
    from . import __version__
    from .loader import content_digest
    from .resources import VERSION_CHARS
    from .settings import Settings

    s = settings_from(args)
    try:
        content = content_digest(s)[:VERSION_CHARS]
    except OSError as exc:
        content = f"unreadable ({exc})"
    shipped = (
        s.knowledge_dir == Settings().knowledge_dir and s.intents_dir == Settings().intents_dir
    )
    made_of = "shipped" if shipped else f"{s.knowledge_dir} + {s.intents_dir}"
    if s.overlay_dir:
        made_of += f" + overlay {s.overlay_dir}"
    return f"chatbot {__version__}, content {content} ({made_of})"


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--version"]:
        # the content options may follow: chatbot --version --overlay DIR
        p = argparse.ArgumentParser(prog="chatbot --version")
        add_content_options(p, region=False)
        print(version_line(p.parse_args(argv[1:])))
        return 0
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help")):
        argv = ["chat", *argv]
    args = build_parser(only=argv[0] if argv[0] in COMMANDS else None).parse_args(argv)
    mod = importlib.import_module(args._module)
    try:
        return int(mod.run(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # the reader went away (`chatbot report | head`): stop quietly, as Unix tools do
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
