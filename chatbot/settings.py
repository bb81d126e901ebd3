"""Named settings, built once at the edge and passed in (never a global)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path

#: Where the shipped content lives (the repository root, next to the package).
PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True, slots=True)
class Thresholds:
    """How the matcher turns scores (0-100) into a decision."""

    answer: float = 36.0  # best intent must score at least this to be answered
    margin: float = 1.0  # ...and beat the runner-up topic by this much, or we ask
    clarify: float = 28.0  # below `answer` but above this: ask between the top two
    smalltalk: float = 80.0  # whole-text similarity for "thanks", "who are you", ...


@dataclass(frozen=True, slots=True)
class Settings:
    knowledge_dir: Path = PROJECT_ROOT / "knowledge"
    intents_dir: Path = PROJECT_ROOT / "intents"
    region: str | None = None  # None: the content's default region
    max_chars: int = 1000  # matching looks at this much; safety screens all of it
    session_ttl: float = 30 * 60.0  # idle seconds before a session is forgotten
    max_sessions: int = 10_000
    thresholds: Thresholds = Thresholds()

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> Settings:
        """Read `CHATBOT_*` variables; unknown or empty ones are ignored."""
        s = cls()
        if environ.get("CHATBOT_KNOWLEDGE_DIR"):
            s = replace(s, knowledge_dir=Path(environ["CHATBOT_KNOWLEDGE_DIR"]))
        if environ.get("CHATBOT_INTENTS_DIR"):
            s = replace(s, intents_dir=Path(environ["CHATBOT_INTENTS_DIR"]))
        if environ.get("CHATBOT_REGION"):
            s = replace(s, region=environ["CHATBOT_REGION"])
        return s

    def with_(self, **changes: object) -> Settings:
        known = {f.name for f in fields(self)}
        unknown = set(changes) - known
        if unknown:
            raise TypeError(f"unknown settings {sorted(unknown)}; known: {sorted(known)}")
        return replace(self, **changes)  # type: ignore[arg-type]
