from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from chatbot import Chatbot

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"


@pytest.fixture(scope="session")
def bot() -> Chatbot:
    return Chatbot.default()


@pytest.fixture(scope="session")
def uk_bot() -> Chatbot:
    return Chatbot.default(region="UK")


def load_data(name: str) -> dict:
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
