"""Compose replies from content: fill the region's contacts into fixed texts,
attach an answer's sources and suggestions, add the one-line disclaimer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .content import Answer, KnowledgeBase
from .types import Choice, Kind, Reply

if TYPE_CHECKING:
    from .schema import Region


class Composer:
    def __init__(self, kb: KnowledgeBase, region: str) -> None:
        self.kb = kb
        self.region_id = region
        self.region: Region = kb.regions[region]
        # "I can tell you about: ..." (the 'about' topic would read "about: about baclofen")
        titles = [a.title.lower() for a in kb.answers.values() if not a.topic.endswith(".about")]
        titles = titles[:6]
        r = self.region
        self.fields = {
            "emergency_line": r.emergency_line,
            "crisis_line": r.crisis_line,
            "emergency_number": r.emergency_number,
            "poison_name": r.poison.name,
            "poison_number": r.poison.number,
            "crisis_name": r.crisis.name,
            "crisis_number": r.crisis.number,
            "topics": ", ".join(titles) + " and more",
        }

    def fill(self, template: str, **extra: str) -> str:
        values = {**self.fields, **extra}
        out = template
        for name, value in values.items():
            out = out.replace("{" + name + "}", value)
        return out.strip()

    def message(self, kind: Kind, key: str, rule: str | None = None, **extra: str) -> Reply:
        texts: dict[str, str] = getattr(self.kb.messages, kind)
        text = texts.get(key) or texts["default"]
        return Reply(kind, self.fill(text, **extra), rule=rule, region=self.region_id)

    def answer(self, ans: Answer, longer: bool = False, rule: str | None = None) -> Reply:
        body = ans.short
        if longer:
            body = ans.more or ans.short
        suggestions = tuple(
            self.kb.answers[s].title for s in ans.suggestions if s in self.kb.answers
        )
        text = f"{body.strip()}\n\n{self.kb.messages.disclaimer.strip()}"
        return Reply(
            "answer",
            text,
            topic=ans.topic,
            sources=ans.sources,
            suggestions=suggestions,
            rule=rule,
            region=self.region_id,
        )

    def clarify(self, choices: tuple[Choice, ...], rule: str) -> Reply:
        a = choices[0].title
        b = choices[1].title if len(choices) > 1 else ""
        text = self.fill(self.kb.messages.clarify, a=a, b=b)
        return Reply(
            "clarify",
            text,
            choices=choices,
            suggestions=tuple(c.title for c in choices),
            rule=rule,
            region=self.region_id,
        )

    def with_reminder(self, reply: Reply) -> Reply:
        """After a crisis reply, later replies in the conversation repeat where help is."""
        line = self.region.crisis_reminder.strip()
        return Reply(
            reply.kind,
            f"{line}\n\n{reply.text}",
            reply.topic,
            reply.sources,
            reply.suggestions,
            reply.choices,
            reply.rule,
            reply.region,
        )
