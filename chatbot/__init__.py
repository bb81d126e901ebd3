"""An offline, rule-based patient-education chatbot about baclofen.

from chatbot import Chatbot
bot = Chatbot.default()
reply = bot.respond("can I drink on baclofen", session="any-id")
reply.kind, reply.topic, reply.text, reply.sources, reply.suggestions

The names below are imported on first use, so `import chatbot.cli` (every
command) does not pay for the engine and its libraries before it needs them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .bot import Chatbot, ContentError, UnknownLanguage, UnknownRegion, UnknownSetting
    from .settings import Settings, Thresholds
    from .types import KINDS, Kind, Problem, Reply, Source, State, TopicInfo

__version__ = "0.1.0"

#: public name -> the module that defines it
_WHERE = {
    "Chatbot": "bot",
    "ContentError": "bot",
    "UnknownRegion": "bot",
    "UnknownLanguage": "bot",
    "UnknownSetting": "bot",
    "Settings": "settings",
    "Thresholds": "settings",
    "KINDS": "types",
    "Kind": "types",
    "Problem": "types",
    "Reply": "types",
    "Source": "types",
    "State": "types",
    "TopicInfo": "types",
}

__all__ = [
    "KINDS",
    "Chatbot",
    "ContentError",
    "Kind",
    "Problem",
    "Reply",
    "Settings",
    "Source",
    "State",
    "Thresholds",
    "TopicInfo",
    "UnknownRegion",
    "UnknownLanguage",
    "UnknownSetting",
]


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'chatbot' has no attribute '{name}'")
    value = getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
    globals()[name] = value  # once found, a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
