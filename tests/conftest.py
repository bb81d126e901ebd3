from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from chatbot import Chatbot, Settings

from .small import small_bot

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"


@pytest.fixture(scope="session", autouse=True)
def content_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Commands run by the tests cache compiled content here, not in the user's cache."""
    folder = tmp_path_factory.mktemp("content-cache")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CHATBOT_CACHE_DIR", str(folder))
        mp.delenv("CHATBOT_OVERLAY", raising=False)
        mp.delenv("CHATBOT_NO_CACHE", raising=False)
        yield folder


# --- the shipped content: loaded once for the whole run --------------------------------


@pytest.fixture(scope="session")
def bot(content_cache: Path) -> Chatbot:
    """The shipped content, compiled into the run's cache: the commands the tests run
    (`main([...])`, `python -m chatbot ...`) start from it instead of loading again."""
    return Chatbot.from_settings(Settings(cache_dir=content_cache))


def in_region(bot: Chatbot, region: str) -> Chatbot:
    """The same content in another region, without loading it again."""
    return Chatbot(bot.kb, bot.settings.with_(region=region))


@pytest.fixture(scope="session")
def uk_bot(bot: Chatbot) -> Chatbot:
    return in_region(bot, "UK")


# --- the small world (tests/small.py), for the engine's mechanisms ----------------------


@pytest.fixture(scope="session")
def small() -> Chatbot:
    """A bot on the small pack as checked in; never edit its files (copy: `small_world`)."""
    return small_bot()


#: libyaml's parser when there is one (the test data is large: ten times faster)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_data(name: str) -> dict:
    return yaml.load((DATA / name).read_text(encoding="utf-8"), Loader=_LOADER)


#: the test files whose printed output is a quality figure (the others print tool output)
FIGURE_FILES = frozenset(
    {
        "test_sealed.py",
        "test_safety.py",
        "test_metamorphic.py",
        "test_routing.py",
        "test_wording.py",
        "test_content.py",
        "test_languages.py",
    }
)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The quality figures the tests print (sealed rounds, development rounds, metamorphic
    invariance, language detection...), shown after the run, whether or not -s was given
    and however many workers ran the tests."""
    shown = sorted(
        (r.nodeid, r.capstdout.strip())
        for r in terminalreporter.stats.get("passed", [])
        if r.when == "call"
        and r.capstdout.strip()
        and r.nodeid.split("::")[0].rsplit("/", 1)[-1] in FIGURE_FILES
    )
    if not shown:
        return
    terminalreporter.section("figures printed by the tests")
    for _nodeid, out in shown:
        terminalreporter.write_line(out)
