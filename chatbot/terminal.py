"""Chat about baclofen in the terminal (the default command).

Type a question in your own words and press Enter.

Keys:
  Enter         send the message
  Tab           complete a command (/...) or a topic title
  Up / Down     earlier messages of this session (kept in memory only,
                unless you pass --history-file)
  Right arrow   accept the grey suggestion taken from those messages
  Ctrl-C        clear the line
  Ctrl-D        say goodbye and quit

Commands: /help /topics /sources /reset /reload /quit, and one per language the content
answers in (/en, /es): from then on, replies and the chat's own words are in that
language, unless a message is clearly written in another (--lang sets the first).

When input is not a terminal, each line is one message and each reply is
printed as plain text followed by a blank line, so the chat can be scripted:

  printf 'hi\\nmy son ate my pills\\n' | chatbot
"""

from __future__ import annotations

import argparse
import os
import sys
import textwrap
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

from .render import banner, plain, reviewed_note
from .types import Reply
from .wording import fill

if TYPE_CHECKING:
    from prompt_toolkit import PromptSession
    from prompt_toolkit.completion import Completer
    from prompt_toolkit.history import History
    from prompt_toolkit.input import Input
    from prompt_toolkit.output import Output

    from .bot import Chatbot
    from .schema import UiFile

#: (style, text) pairs: what prompt_toolkit calls formatted text.
Fragments = list[tuple[str, str]]

#: The commands, in the order /help lists them. What each does, and every other word
#: the chat shows, is content: knowledge/ui.yaml `terminal:` (`banners:` and `reply:`).
COMMANDS = ("/help", "/topics", "/sources", "/reset", "/reload", "/quit")
ALIASES = {"/exit": "/quit", "/bye": "/quit", "/?": "/help"}

#: Class names used below -> prompt_toolkit style strings.
STYLE: dict[str, str] = {
    "prompt": "bold #00afaf",
    "emergency": "bold #ffffff bg:#b00000",
    "crisis": "bold #ffffff bg:#1f4f8f",
    "refusal": "#d7af00",
    "choice.number": "bold #00afaf",
    "choice": "bold",
    "sources": "dim",
    "suggest.label": "italic",
    "suggest": "#00afaf",
    "command": "bold #00afaf",
    "heading": "bold",
    "error": "bold #ff5f5f",
    "note": "italic",
}

MAX_WIDTH = 88  # columns: longer lines are hard to read
MAX_SOURCES = 3  # source titles under an answer; /sources lists them all


# --- what the chat does, whatever shows it -------------------------------------------


@dataclass(frozen=True)
class Note:
    """Something the chat itself says (help, topics, errors), as formatted text."""

    fragments: Fragments

    @property
    def text(self) -> str:
        return "".join(text for _, text in self.fragments).rstrip("\n")


class Quit(Exception):
    """A /quit command."""


class Conversation:
    """The bot, this conversation's session id, and the commands.

    `handle(line)` returns a Reply from the bot or a Note from a command, and
    raises Quit for /quit. It prints nothing, so both the prompt and the piped
    mode use it.
    """

    def __init__(self, bot: Chatbot) -> None:
        self.bot = bot
        self.lang = bot.settings.language  # the language chosen (--lang, /en, /es)
        self.session = _new_session()
        self.sourced: Reply | None = None  # the last reply that had sources

    def handle(self, line: str) -> Reply | Note:
        command = command_in(line)
        if command:
            return self.command(command)
        reply = self.bot.respond(line, session=self.session, lang=self.lang)
        if reply.sources:
            self.sourced = reply
        return reply

    @property
    def ui(self) -> UiFile:
        """The chat's own words, in the language chosen."""
        return self.bot.in_language(self.lang).kb.ui

    def ui_of(self, reply: Reply) -> UiFile:
        """The labels around a reply, in the reply's language."""
        return self.bot.in_language(reply.lang).kb.ui

    def commands(self) -> dict[str, str]:
        """Each command and what it does, in the order /help lists them: the fixed ones,
        then one per language ("/es": what ui.es.yaml says it does)."""
        return commands(self.ui, self.bot)

    def command(self, name: str) -> Note:
        said = self.ui.terminal
        if name == "/quit":
            raise Quit
        if name == "/help":
            return help_note(self.ui, self.commands())
        if name[1:] in self.bot.languages:  # /en, /es: answer in that language from now on
            self.lang = name[1:]
            return Note([("", self.bot.welcome(self.lang))])
        if name == "/topics":
            titles = [t.title for t in self.bot.in_language(self.lang).topics()]
            return Note(
                [("class:heading", f"{said.topics_heading}\n")]
                + [("", f"  - {t}\n") for t in titles]
                + [("class:note", said.topics_hint)]
            )
        if name == "/sources":
            return sources_note(self.ui, self.sourced)
        if name == "/reset":
            self.reset()
            return Note([("class:note", said.reset)])
        if name == "/reload":
            return self.reload()
        from .normalize import printable

        # the name is what the person typed: never echo escape sequences back to the terminal
        return Note(
            [
                ("class:error", fill(said.unknown_command, command=printable(name)) + " "),
                ("", commands_line(self.ui, self.commands())),
            ]
        )

    def reset(self) -> None:
        self.bot.sessions.reset(self.session)
        self.session = _new_session()
        self.sourced = None

    def reload(self) -> Note:
        from .bot import ContentError, UnknownSetting

        try:
            bot = self.bot.reloaded()
        except (ContentError, UnknownSetting) as exc:
            said = self.ui.terminal
            return Note(
                [
                    ("class:error", f"{said.reload_failed}\n"),
                    ("", f"{exc}\n"),
                    ("class:note", said.reload_kept),
                ]
            )
        self.reset()
        self.bot = bot
        return Note([("class:note", fill(self.ui.terminal.reloaded, count=len(bot.topics())))])


def command_in(line: str) -> str | None:
    """The command a line is ("/topics", aliases resolved), or None for a message."""
    word = line.strip().lower()
    if not word.startswith("/") or " " in word:
        return None
    return ALIASES.get(word, word)


def _new_session() -> str:
    return "terminal-" + uuid.uuid4().hex


def commands(ui: UiFile, bot: Chatbot | None = None) -> dict[str, str]:
    """Each command and what it does, in the order /help lists them; with `bot`, one
    command per language it answers in, described in that language."""
    fixed = {command: getattr(ui.terminal.commands, command[1:]) for command in COMMANDS}
    if bot is None or len(bot.languages) < 2:
        return fixed
    langs = {f"/{code}": bot.in_language(code).kb.ui.language.command for code in bot.languages}
    return {**fixed, **langs}


def commands_line(ui: UiFile, listed: dict[str, str] | None = None) -> str:
    return fill(ui.terminal.commands_line, commands=" ".join(listed or commands(ui)))


def help_note(ui: UiFile, listed: dict[str, str] | None = None) -> Note:
    said = ui.terminal.help
    listed = listed or commands(ui)
    width = max(len(c) for c in listed) + 2
    frags: Fragments = [
        ("class:heading", f"{said.heading}\n"),
        *[("", f"{line}\n") for line in said.intro.splitlines()],
        *[("class:suggest", f"  {example}\n") for example in said.examples],
        *[("", f"{line}\n") for line in said.after.splitlines()],
        ("", "\n"),
        ("class:heading", f"{said.commands_heading}\n"),
    ]
    for command, what in listed.items():
        frags += [("class:command", f"  {command:<{width}}"), ("", f"{what}\n")]
    frags.append(("class:heading", f"\n{said.keys_heading}\n"))
    frags += [("", f"  {line}\n") for line in said.keys.splitlines()]
    return Note(frags)


def sources_note(ui: UiFile, reply: Reply | None) -> Note:
    said = ui.terminal
    if reply is None:
        return Note([("class:note", said.no_sources)])
    frags: Fragments = [("class:heading", f"{said.sources_heading}\n")]
    for s in reply.sources:
        frags += [("", f"  - {s.title}\n"), ("class:sources", f"    {s.url}\n")]
    if reply.reviewed:
        frags.append(("class:note", f"{reviewed_note(ui, reply.reviewed)}\n"))
    return Note(frags)


# --- how a reply looks in colour ---------------------------------------------------------


def styled(reply: Reply, ui: UiFile, width: int = 80) -> Fragments:
    """A reply as formatted text: urgent kinds in a framed block, answers with their extras.

    Text is wrapped at `width` on word boundaries, so the terminal never splits a word.
    """
    frags: Fragments = []
    title = banner(ui, reply.kind)
    if title:
        frags += framed(title, reply.text, f"class:{reply.kind}", width)
    else:
        frags.append((f"class:{reply.kind}", wrap(reply.text, width) + "\n"))
    for i, choice in enumerate(reply.choices, 1):
        frags += [("class:choice.number", f"  {i}. "), ("class:choice", f"{choice.title}\n")]
    if reply.sources:
        titles = "; ".join(s.title for s in reply.sources[:MAX_SOURCES])
        more = len(reply.sources) - MAX_SOURCES
        if more > 0:
            titles = fill(ui.lists.more_count, items=titles, count=more)
        line = fill(ui.terminal.sources_line, titles=titles)
        if reply.reviewed:
            line += f". {reviewed_note(ui, reply.reviewed)}"
        frags.append(("class:sources", wrap(line, width, indent="  ") + "\n"))
    if reply.suggestions and reply.kind == "answer":
        label = f"{ui.reply.suggestions} "
        line = wrap(label + "; ".join(reply.suggestions), width, indent="  ")
        frags += [("class:suggest.label", label), ("class:suggest", line[len(label) :] + "\n")]
    return frags


def wrap(text: str, width: int, indent: str = "", long_words: bool = False) -> str:
    """Wrap each line of `text` at `width`; list items ("- ...") keep their hanging indent."""
    lines: list[str] = []
    for para in text.rstrip().splitlines():
        hang = "  " if para.lstrip().startswith("- ") else indent
        lines += textwrap.wrap(
            para,
            width,
            subsequent_indent=hang,
            break_long_words=long_words,
            break_on_hyphens=False,
        ) or [""]
    return "\n".join(lines)


def framed(title: str, text: str, style: str, width: int) -> Fragments:
    """`text` in a box drawn with `style` on every cell, `title` on its first line."""
    from prompt_toolkit.utils import get_cwidth

    inner = max(width, 24) - 4  # two border columns, two spaces of padding
    lines = [title, "", *wrap(text.strip(), inner, long_words=True).splitlines()]
    rows = ["╔" + "═" * (inner + 2) + "╗"]
    rows += ["║ " + line + " " * max(inner - get_cwidth(line), 0) + " ║" for line in lines]
    rows.append("╚" + "═" * (inner + 2) + "╝")
    frags: Fragments = []
    for row in rows:
        frags += [(style, row), ("", "\n")]  # the newline unstyled: no colour bleeds right
    return frags


# --- the prompt --------------------------------------------------------------------------


class ChatApp:
    """The interactive chat: a PromptSession reading messages, replies printed between prompts.

    `input` and `output` default to the terminal; tests pass `create_pipe_input()`
    and `DummyOutput()` (or any Output that records what is written).
    """

    def __init__(
        self,
        bot: Chatbot,
        *,
        input: Input | None = None,
        output: Output | None = None,
        history: History | None = None,
        color: bool = True,
    ) -> None:
        from prompt_toolkit import PromptSession
        from prompt_toolkit.auto_suggest import AutoSuggestFromHistory
        from prompt_toolkit.history import InMemoryHistory
        from prompt_toolkit.output import ColorDepth
        from prompt_toolkit.styles import Style

        self.chat = Conversation(bot)
        self.output = output
        self.color = color
        self.style = Style.from_dict(STYLE)
        self.color_depth = None if color else ColorDepth.MONOCHROME
        self.prompt: PromptSession[str] = PromptSession(
            input=input,
            output=output,
            history=history or InMemoryHistory(),
            auto_suggest=AutoSuggestFromHistory(),
            completer=self._completer(),
            style=self.style,
            color_depth=self.color_depth,
        )

    def _completer(self) -> Completer:
        from prompt_toolkit.completion import WordCompleter

        ui = self.chat.ui
        listed = self.chat.commands()
        titles = [t.title for t in self.chat.bot.in_language(self.chat.lang).topics()]
        return WordCompleter(
            [*listed, *titles],
            ignore_case=True,
            sentence=True,
            meta_dict={**listed, **dict.fromkeys(titles, ui.terminal.topic)},
        )

    def run(self) -> int:
        ui = self.chat.ui
        welcome = wrap(self.chat.bot.welcome(self.chat.lang), self._width())
        hint = f"{commands_line(ui, self.chat.commands())}   {ui.terminal.keys_hint}"
        self.show(Note([("", welcome + "\n"), ("class:note", hint)]))
        while True:
            try:
                line = self.prompt.prompt([("class:prompt", f"{self.chat.ui.terminal.prompt} ")])
            except KeyboardInterrupt:
                continue  # Ctrl-C: the line is cleared; try again
            except EOFError:
                break  # Ctrl-D
            if not line.strip():
                continue
            bot, lang = self.chat.bot, self.chat.lang
            if command_in(line) == "/reload":  # it takes a moment: say so first
                self.show(Note([("class:note", self.chat.ui.terminal.reloading)]))
            try:
                said = self.chat.handle(line)
            except Quit:
                break
            self.show(said)
            if self.chat.bot is not bot or self.chat.lang != lang:  # other topics or titles
                self.prompt.completer = self._completer()
        self.show(Note([("", self.chat.ui.terminal.goodbye)]))
        return 0

    def show(self, said: Reply | Note) -> None:
        """Print a reply or note, then a blank line."""
        from prompt_toolkit import print_formatted_text
        from prompt_toolkit.formatted_text import FormattedText

        if isinstance(said, Note):
            frags = said.fragments if self.color else [("", said.text)]
        elif self.color:
            frags = styled(said, self.chat.ui_of(said), self._width())
        else:
            frags = [("", wrap(plain(said, self.chat.ui_of(said)), self._width()))]
        while frags and frags[-1][1].endswith("\n"):  # exactly one blank line after
            style, text = frags[-1]
            frags = [*frags[:-1], (style, text.rstrip("\n"))]
        print_formatted_text(
            FormattedText(frags),
            style=self.style,
            output=self.output,
            color_depth=self.color_depth,
            end="\n\n",
        )

    def _width(self) -> int:
        if self.output is None:
            from prompt_toolkit.application.current import get_app_session

            columns = get_app_session().output.get_size().columns
        else:
            columns = self.output.get_size().columns
        return min(columns - 1, MAX_WIDTH)


# --- piped input ---------------------------------------------------------------------------


def run_piped(bot: Chatbot, lines: Iterable[str], write: Callable[[str], object]) -> int:
    """One message per line, each reply in plain text and a blank line. No prompt_toolkit."""
    chat = Conversation(bot)
    for line in lines:
        if not line.strip():
            continue
        try:
            said = chat.handle(line.rstrip("\r\n"))
        except Quit:
            break
        write((said.text if isinstance(said, Note) else plain(said, chat.ui_of(said))) + "\n\n")
    return 0


# --- the command ---------------------------------------------------------------------------


def configure(parser: argparse.ArgumentParser) -> None:
    from .cli import add_content_options

    add_content_options(parser)
    parser.add_argument(
        "--history-file",
        metavar="PATH",
        help="keep what you type in this file, for Up and Down next time "
        "(off by default: what patients type is private; history is kept in memory)",
    )
    parser.add_argument(
        "--no-color", action="store_true", help="plain text, no colours (also when NO_COLOR is set)"
    )


def run(args: argparse.Namespace) -> int:
    from .cli import load_bot

    bot = load_bot(args)
    if bot is None:
        return 2
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        return _run_piped_stdio(bot)

    history = None
    if args.history_file:
        from prompt_toolkit.history import FileHistory

        history = FileHistory(os.path.expanduser(args.history_file))
    color = not (args.no_color or os.environ.get("NO_COLOR"))
    return ChatApp(bot, history=history, color=color).run()


def _run_piped_stdio(bot: Chatbot) -> int:
    stdin: TextIO = sys.stdin
    if hasattr(stdin, "reconfigure"):
        stdin.reconfigure(errors="replace")  # a stray byte is not worth a traceback

    def write(text: str) -> None:
        sys.stdout.write(text)
        sys.stdout.flush()  # a script reading our replies sees each one at once

    try:
        return run_piped(bot, stdin, write)
    except BrokenPipeError:  # e.g. `| head`: the reader left; so do we, quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
