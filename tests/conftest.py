from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from chatbot import Chatbot

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"


@pytest.fixture(scope="session", autouse=True)
def _content_cache_in_a_temp_folder(tmp_path_factory: pytest.TempPathFactory):
    """Commands run by the tests cache compiled content here, not in the user's cache."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CHATBOT_CACHE_DIR", str(tmp_path_factory.mktemp("content-cache")))
        mp.delenv("CHATBOT_OVERLAY", raising=False)
        mp.delenv("CHATBOT_NO_CACHE", raising=False)
        yield


@pytest.fixture(scope="session")
def bot() -> Chatbot:
    return Chatbot.default()


@pytest.fixture(scope="session")
def uk_bot() -> Chatbot:
    return Chatbot.default(region="UK")


def load_data(name: str) -> dict:
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
