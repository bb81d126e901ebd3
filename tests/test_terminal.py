"""The terminal chat, driven the way prompt_toolkit tests its own prompts.

Most tests type into a `create_pipe_input()` and read what a recording
`DummyOutput` was asked to write. Two run the real command: once with piped
stdin (plain text, scriptable) and once in a pseudo-terminal, keys and all.
"""

from __future__ import annotations

import os
import re
import select
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from chatbot.bot import Chatbot
from chatbot.terminal import ChatApp, Conversation, Note, run_piped, styled
from chatbot.types import Choice, Reply, Source

from .small import ANSWERS, small_world

ENTER = "\r"
CTRL_C = "\x03"
CTRL_D = "\x04"
TIMEOUT = 5.0

ALCOHOL = "can I drink on baclofen"
OVERDOSE = "my son ate my pills"


class RecordingOutput(DummyOutput):
    """A DummyOutput that keeps the text it is asked to write (not the escape codes)."""

    def __init__(self) -> None:
        self.written: list[str] = []

    def write(self, data: str) -> None:
        self.written.append(data)

    @property
    def text(self) -> str:
        return "".join(self.written)


def reference(bot: Chatbot, *messages: str) -> str:
    """What the bot says to the last of `messages`, in a fresh conversation of its own."""
    session = f"reference-{id(messages)}-{time.monotonic_ns()}"
    reply = None
    for message in messages:
        reply = bot.respond(message, session=session)
    assert reply is not None
    bot.sessions.reset(session)
    return reply.text


def chat(bot: Chatbot, keys: str, color: bool = True) -> str:
    """Type `keys` into a ChatApp and return everything it printed.

    A watchdog closes the input after TIMEOUT seconds (prompt_toolkit then raises
    EOFError), so a test can fail but never hang.
    """
    out = RecordingOutput()
    with create_pipe_input() as inp:
        inp.send_text(keys)
        fired = threading.Event()

        def give_up() -> None:
            fired.set()
            inp.close()

        watchdog = threading.Timer(TIMEOUT, give_up)
        watchdog.start()
        try:
            code = ChatApp(bot, input=inp, output=out, color=color).run()
        finally:
            watchdog.cancel()
    assert not fired.is_set(), f"the chat did not stop by itself; it printed:\n{out.text}"
    assert code == 0
    return out.text


def flat(text: str) -> str:
    """`text` with every run of whitespace made one space: the terminal wraps at its width."""
    return " ".join(text.split())


def opening(text: str) -> str:
    """The first line of a reply, flattened."""
    return flat(text.splitlines()[0])


def after(text: str, typed: str) -> str:
    """What was printed after the last time `typed` was typed at the prompt."""
    marker = "you> " + typed
    return text[text.rindex(marker) + len(marker) :]


# --- the prompt ----------------------------------------------------------------------------


def test_greeting_shows_the_welcome_and_the_commands(bot: Chatbot) -> None:
    out = chat(bot, CTRL_D)
    assert opening(bot.welcome()) in flat(out)
    for command in ("/help", "/topics", "/sources", "/reset", "/reload", "/quit"):
        assert command in out.split("you>")[0]


def test_a_question_gets_its_answer(bot: Chatbot) -> None:
    answer = reference(bot, ALCOHOL)
    out = chat(bot, ALCOHOL + ENTER + CTRL_D)
    reply = after(out, ALCOHOL)
    assert opening(answer) in flat(reply)
    assert "Sources:" in reply
    assert "You could also ask about:" in reply


def test_an_overdose_prints_the_emergency_banner_and_911_first(bot: Chatbot) -> None:
    out = chat(bot, OVERDOSE + ENTER + CTRL_D)
    reply = after(out, OVERDOSE)
    lines = [line.strip("║╔╗╚╝═ \n") for line in reply.splitlines()]
    words = [line for line in lines if line]
    assert words[0] == bot.kb.ui.banners.emergency.upper() == "EMERGENCY"
    assert "911" in words[1]


def test_emergency_block_has_the_whole_message_in_a_frame(bot: Chatbot) -> None:
    out = chat(bot, OVERDOSE + ENTER + CTRL_D)
    reply = after(out, OVERDOSE)
    framed = [line for line in reply.splitlines() if line.startswith("║")]
    assert len({len(line) for line in framed}) == 1, "every row of the frame is as wide"
    assert len(framed) >= len(reference(bot, OVERDOSE).splitlines())


def test_a_crisis_message_says_you_are_not_alone(bot: Chatbot) -> None:
    out = chat(bot, "I want to kill myself" + ENTER + CTRL_D)
    assert "You are not alone" in after(out, "I want to kill myself")


def test_clarify_shows_numbered_choices(bot: Chatbot) -> None:
    reply = Reply(
        "clarify",
        "Do you mean Side effects or Serious side effects?",
        choices=(
            Choice("baclofen.side_effects", "Side effects"),
            Choice("baclofen.serious_side_effects", "Serious side effects"),
        ),
    )
    text = "".join(t for _, t in styled(reply, bot.kb.ui))
    assert (
        text.index("Do you mean")
        < text.index("1. Side effects")
        < text.index("2. Serious side effects")
    )


def test_answer_shows_text_then_dimmed_sources_then_suggestions(bot: Chatbot) -> None:
    reply = Reply(
        "answer",
        "Baclofen eases stiffness.",
        topic="baclofen.about",
        sources=(Source("NHS: About baclofen", "https://www.nhs.uk/"),),
        suggestions=("Side effects", "Alcohol"),
    )
    frags = styled(reply, bot.kb.ui)
    text = "".join(t for _, t in frags)
    assert text.index("Baclofen eases") < text.index("NHS") < text.index("You could also ask")
    assert ("class:sources", "Sources: NHS: About baclofen (/sources for links)\n") in frags
    assert "Side effects; Alcohol" in text


def test_topics_lists_the_topic_titles(bot: Chatbot) -> None:
    out = after(chat(bot, "/topics" + ENTER + CTRL_D), "/topics")
    for topic in bot.topics():
        assert topic.title in out


def test_sources_lists_the_links_of_the_last_answer(bot: Chatbot) -> None:
    out = after(chat(bot, ALCOHOL + ENTER + "/sources" + ENTER + CTRL_D), "/sources")
    reply = bot.respond(ALCOHOL)
    for source in reply.sources:
        assert source.url in out
    assert f"Last checked against these sources: {reply.reviewed}." in out


def test_help_explains_how_to_ask_and_the_commands(bot: Chatbot) -> None:
    out = after(chat(bot, "/help" + ENTER + CTRL_D), "/help")
    assert "For example" in out
    assert "/reset" in out and "Ctrl-D" in out


def test_reset_forgets_the_last_topic(bot: Chatbot) -> None:
    more = reference(bot, ALCOHOL, "tell me more")
    fresh = reference(bot, "tell me more")
    assert more != fresh, "the content must continue a topic for this test to mean anything"

    kept = chat(bot, ALCOHOL + ENTER + "tell me more" + ENTER + CTRL_D)
    assert opening(more) in flat(after(kept, "tell me more"))

    forgot = chat(bot, ALCOHOL + ENTER + "/reset" + ENTER + "tell me more" + ENTER + CTRL_D)
    reply = after(forgot, "tell me more")
    assert opening(more) not in flat(reply)
    assert opening(fresh) in flat(reply)


def test_reset_gives_a_new_session_and_drops_the_old_one(bot: Chatbot) -> None:
    conversation = Conversation(bot)
    old = conversation.session
    conversation.handle(ALCOHOL)
    conversation.handle("/reset")
    assert conversation.session != old
    assert bot.sessions.get(old).last_topic is None
    assert conversation.sourced is None


def test_reload_with_broken_content_keeps_the_old_bot(bot: Chatbot, tmp_path: Path) -> None:
    knowledge = tmp_path / "knowledge"
    knowledge.mkdir()
    broken = Chatbot(bot.kb, bot.settings.with_(knowledge_dir=knowledge))
    conversation = Conversation(broken)
    note = conversation.handle("/reload")
    assert isinstance(note, Note) and "Could not reload" in note.text
    assert conversation.bot is broken
    reply = conversation.handle(ALCOHOL)
    assert isinstance(reply, Reply) and reply.kind == "answer"


def test_reload_with_good_content_swaps_the_bot(tmp_path: Path) -> None:
    world = small_world(tmp_path)
    before = world.bot()
    conversation = Conversation(before)
    world.replace(ANSWERS, "title: Baclofen and alcohol", "title: Drinking on baclofen")
    note = conversation.handle("/reload")
    assert isinstance(note, Note) and "Reloaded" in note.text
    assert conversation.bot is not before
    assert "Drinking on baclofen" in [t.title for t in conversation.bot.topics()]


def test_ctrl_d_says_goodbye_and_exits(bot: Chatbot) -> None:
    started = time.monotonic()
    out = chat(bot, CTRL_D)
    assert out.rstrip().endswith("Goodbye. Take care.")
    assert time.monotonic() - started < TIMEOUT


def test_quit_says_goodbye_too(bot: Chatbot) -> None:
    out = chat(bot, "/quit" + ENTER + ALCOHOL + ENTER)
    assert out.rstrip().endswith("Goodbye. Take care.")
    assert opening(reference(bot, ALCOHOL)) not in flat(out)


def test_ctrl_c_clears_the_line_and_carries_on(bot: Chatbot) -> None:
    out = chat(bot, "half a thought" + CTRL_C + ALCOHOL + ENTER + CTRL_D)
    assert opening(reference(bot, ALCOHOL)) in flat(after(out, ALCOHOL))
    assert "half a thought" + ALCOHOL not in out
    assert out.rstrip().endswith("Goodbye. Take care.")


def test_without_colour_replies_are_the_plain_rendering(bot: Chatbot) -> None:
    out = chat(bot, OVERDOSE + ENTER + CTRL_D, color=False)
    assert "!!! EMERGENCY !!!" in out
    assert "║" not in out


# --- piped stdin ---------------------------------------------------------------------------


def test_run_piped_prints_each_reply_then_a_blank_line(bot: Chatbot) -> None:
    written: list[str] = []
    run_piped(bot, [ALCOHOL + "\n", "\n", "/topics\n", "/quit\n", OVERDOSE + "\n"], written.append)
    assert len(written) == 2
    assert all(block.endswith("\n\n") for block in written)
    assert written[0].startswith(reference(bot, ALCOHOL).splitlines()[0])


def test_piped_stdin_prints_plain_replies() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "chatbot"],
        input=f"{ALCOHOL}\n{OVERDOSE}\n/topics\n",
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0, result.stderr
    blocks = result.stdout.split("\n\n")
    assert "!!! EMERGENCY !!!" in blocks  # the plain banner, on its own
    assert "\x1b[" not in result.stdout, "no escape codes in a pipe"
    assert "you>" not in result.stdout, "no prompt in a pipe"
    assert "Buying online" in result.stdout  # /topics works too
    assert result.stdout.endswith("\n\n")


# --- for real, in a pseudo-terminal --------------------------------------------------------

ANSI = re.compile(r"\x1b(?:\[[0-9;?]*[ -/]*[@-~]|\][^\x07]*\x07|[()][0-9A-B]|[=>])")


class Terminal:
    """The master side of a pty with a child on the other side; answers cursor queries."""

    def __init__(self, argv: list[str]) -> None:
        import fcntl
        import pty
        import struct
        import termios

        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
        env["TERM"] = "xterm-256color"
        self.proc = subprocess.Popen(
            argv,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,
            close_fds=True,
        )
        os.close(slave)
        self.seen = ""  # everything the child wrote
        self.pos = 0  # how far into the screen text expect() has matched

    def expect(self, text: str, timeout: float = TIMEOUT) -> str:
        """Read until `text` shows up after what earlier calls matched; fail after `timeout`.

        Returns the screen text (escape codes removed) up to the match.
        """
        deadline = time.monotonic() + timeout
        while (at := self.screen.find(text, self.pos)) < 0:
            left = deadline - time.monotonic()
            if left <= 0 or not self._read(left):
                pytest.fail(f"no {text!r} on screen; saw:\n{self.screen[self.pos :][-2000:]}")
        seen, self.pos = self.screen[self.pos : at], at + len(text)
        return seen

    @property
    def screen(self) -> str:
        return ANSI.sub("", self.seen)

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return False
        try:
            data = os.read(self.master, 65536).decode("utf-8", "replace")
        except OSError:  # EIO: the child has gone
            return False
        if not data:
            return False
        if "\x1b[6n" in data:  # "where is the cursor?", as a real terminal would answer
            os.write(self.master, b"\x1b[1;1R")
        self.seen += data
        return True

    def type(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    def close(self) -> int | None:
        try:
            return self.proc.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=TIMEOUT)
            return None
        finally:
            os.close(self.master)


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_in_a_real_terminal_greets_answers_and_quits_on_ctrl_d(bot: Chatbot) -> None:
    term = Terminal([sys.executable, "-m", "chatbot"])
    try:
        term.expect(bot.welcome().splitlines()[0], timeout=20)
        term.expect("you>")
        term.type(ALCOHOL + ENTER)
        term.expect(reference(bot, ALCOHOL)[:40])
        term.expect("You could also ask about:")
        term.expect("you>")  # the next prompt: keys typed before it would reach a cooked tty
        term.type(CTRL_D)
        term.expect("Goodbye. Take care.")
    finally:
        code = term.close()
    assert code == 0


@pytest.mark.parametrize(
    "typed",
    [
        "/\x1b]0;pwned\x07",  # window title
        "/\x1b]52;c;cm0gLXJmIH4=\x07",  # clipboard
        "/\x1b]8;;http://evil.example/\x1b\\click\x1b]8;;\x1b\\",  # hyperlink
        "/\x1b[2J\x1b[31mred\x9b",  # clear screen, colour, a C1 control
    ],
)
def test_an_unknown_command_is_echoed_without_escape_sequences(bot: Chatbot, typed: str) -> None:
    out: list[str] = []
    run_piped(bot, [typed + "\n"], out.append)
    printed = "".join(out)
    assert "Unknown command /" in printed
    assert not any(ch == "\x1b" or ch == "\x07" or "\x80" <= ch <= "\x9f" for ch in printed)


def test_a_long_unknown_command_is_cut_short(bot: Chatbot) -> None:
    out: list[str] = []
    run_piped(bot, ["/" + "x" * 5000 + "\n"], out.append)
    assert len("".join(out)) < 300
