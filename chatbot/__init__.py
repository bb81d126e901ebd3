"""An offline, rule-based patient-education chatbot about baclofen.

from chatbot import Chatbot
bot = Chatbot.default()
reply = bot.respond("can I drink on baclofen", session="any-id")
reply.kind, reply.topic, reply.text, reply.sources, reply.suggestions
"""

from .bot import Chatbot, ContentError, UnknownRegion
from .settings import Settings, Thresholds
from .types import KINDS, Kind, Problem, Reply, Source, State, TopicInfo

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
]
