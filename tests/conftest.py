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
