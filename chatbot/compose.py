"""Compose replies from content: fill the region's contacts into fixed texts,
attach an answer's sources and suggestions, add the one-line disclaimer."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from .content import Answer, KnowledgeBase
from .types import Choice, Kind, Reply
from .wording import fill

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
            # every emergency message gets its own situation's line (see `message`)
            "emergency_line": r.emergency_lines.get("overdose", ""),
            "crisis_line": r.crisis_line,
            "emergency_number": r.emergency.number,
            "poison_name": r.poison.name,
            "poison_number": r.poison.number,
            "crisis_name": r.crisis.name,
            "crisis_number": r.crisis.number,
            "topics": fill(kb.ui.lists.more, items=", ".join(titles)),
        }

    def fill(self, template: str, **extra: str) -> str:
        values = {**self.fields, **extra}
        out = template
        for name, value in values.items():
            out = out.replace("{" + name + "}", value)
        return out.strip()

    def followup(self, key: str, situation: str, rule: str, lang: str = "en") -> Reply:
        """A next turn of an emergency under way: guidance for it, its first line first."""
        texts = self.kb.messages.emergency_followup
        key = key if key in texts else "default"
        said = self._translated("emergency_followup", key, lang, situation)
        if said is not None:
            text, lines = said
            return Reply(
                "emergency", self.fill(text, **lines), rule=rule, region=self.region_id, lang=lang
            )
        line = self.emergency_line(situation)
        text = self.fill(texts[key], emergency_line=line)
        return Reply("emergency", text, rule=rule, region=self.region_id)

    def message(
        self, kind: Kind, key: str, rule: str | None = None, lang: str = "en", **extra: str
    ) -> Reply:
        """A fixed message; a safety reply in `lang` when the content has it in that
        language (text and the region's lines), else in English."""
        texts: dict[str, str] = getattr(self.kb.messages, kind)
        key = key if key in texts else "default"
        said = self._translated(kind, key, lang, key)
        if said is not None:
            text, lines = said
            filled = self.fill(text, **{**lines, **extra})
            return Reply(kind, filled, rule=rule, region=self.region_id, lang=lang)
        text = texts[key]
        if kind == "emergency" and key in self.region.emergency_lines:
            extra = {"emergency_line": self.region.emergency_lines[key], **extra}
        return Reply(kind, self.fill(text, **extra), rule=rule, region=self.region_id)

    def _translated(
        self, kind: str, key: str, lang: str, situation: str
    ) -> tuple[str, dict[str, str]] | None:
        """The message and the region's first lines in `lang`, or None when either is
        missing (a reply is never half in one language and half in another)."""
        if lang == "en" or lang not in self.kb.translations or lang not in self.region.languages:
            return None
        text = getattr(self.kb.translations[lang], kind, {}).get(key)
        lines = self.region.languages[lang]
        first = lines.emergency_lines.get(situation) or lines.emergency_lines.get("overdose")
        if text is None or (kind.startswith("emergency") and first is None):
            return None
        return text, {"emergency_line": first or "", "crisis_line": lines.crisis_line}

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
            reviewed=ans.reviewed.isoformat(),
        )

    def phrase(self, topic: str) -> str:
        """How a question names a topic mid-sentence: "what it is used for"."""
        phrases = self.kb.messages.topic_phrases
        local = topic.split(".", 1)[-1]
        if local in phrases:
            return phrases[local].strip()
        title = self.kb.answers[topic].title if topic in self.kb.answers else local
        first = title.split(" ", 1)[0]
        # "Side effects" -> "side effects"; "MS" and "Baclofen" keep their capitals
        keep = first.isupper() or first.lower() in self.kb.medicines
        return title if keep else title[:1].lower() + title[1:]

    def clarify(self, choices: tuple[Choice, ...], rule: str) -> Reply:
        a = self.phrase(choices[0].topic)
        b = self.phrase(choices[1].topic) if len(choices) > 1 else ""
        text = self.fill(self.kb.messages.clarify, a=a, b=b)
        return self._offering("clarify", text, choices, rule)

    def which_medicine(self, choices: tuple[Choice, ...], rule: str) -> Reply:
        """The same question fits two medicines: ask which, by name."""
        a, b = (c.title.lower() for c in choices[:2])
        text = self.fill(self.kb.messages.clarify, a=a, b=b)
        return self._offering("clarify", text, choices, rule)

    def closest(self, choices: tuple[Choice, ...], rule: str) -> Reply:
        """A fallback on a question about the medicine: the closest topics to pick from."""
        listed = self._listed([self.phrase(c.topic) for c in choices])
        texts = self.kb.messages.fallback
        text = self.fill(texts.get("closest") or texts["default"], choices=listed)
        return self._offering("fallback", text, choices, rule)

    def _offering(self, kind: Kind, text: str, choices: tuple[Choice, ...], rule: str) -> Reply:
        """A reply that offers topics to pick from, as choices and as buttons."""
        titles = tuple(c.title for c in choices)
        return Reply(
            kind, text, choices=choices, suggestions=titles, rule=rule, region=self.region_id
        )

    def covered(self, ans: Answer, rule: str) -> Reply:
        """The same topic asked again after its longer part: say so, offer related topics."""
        related = [s for s in ans.suggestions if s in self.kb.answers]
        text = self.fill(
            self.kb.messages.again,
            topic=self.phrase(ans.topic),
            choices=self._listed([self.phrase(s) for s in related]),
        )
        return Reply(
            "answer",
            f"{text}\n\n{self.kb.messages.disclaimer.strip()}",
            topic=ans.topic,
            sources=ans.sources,
            suggestions=tuple(self.kb.answers[s].title for s in related),
            rule=rule,
            region=self.region_id,
            reviewed=ans.reviewed.isoformat(),
        )

    def _listed(self, items: list[str]) -> str:
        """ "a", "a or b", "a, b or c" (the wording of ui.yaml `lists.alternatives`)."""
        if len(items) <= 1:
            return "".join(items)
        return fill(self.kb.ui.lists.alternatives, items=", ".join(items[:-1]), last=items[-1])

    def emergency_line(self, situation: str, lang: str = "en") -> str:
        """The first line of the emergency message for `situation` (in `lang`, where the
        region has it)."""
        lines = self.region.emergency_lines
        if lang in self.region.languages:
            lines = self.region.languages[lang].emergency_lines or lines
        return lines.get(situation) or lines.get("overdose", "")

    def with_line(self, reply: Reply, situation: str) -> Reply:
        """An ordinary reply inside an emergency: the emergency's first line leads, in the
        reply's language."""
        line = self.emergency_line(situation, reply.lang)
        return replace(reply, text=f"{line}\n\n{reply.text}")

    def with_crisis_line(self, reply: Reply, lang: str = "en") -> Reply:
        """An emergency reply with the crisis line after its own first line (a crisis the
        second reader half-reads beside it): the emergency still leads."""
        line = self._crisis_field("crisis_line", reply, lang)
        first, _, rest = reply.text.partition("\n")
        return replace(reply, text=f"{first}\n{line}\n{rest}".rstrip("\n"))

    def with_reminder(self, reply: Reply, lang: str = "en", first: bool = False) -> Reply:
        """Where help is, before the reply (in the reply's language, where the region has
        it): after a crisis, the reminder; with a first sign of one (`first`), the crisis
        line itself."""
        line = self._crisis_field("crisis_line" if first else "crisis_reminder", reply, lang)
        return replace(reply, text=f"{line}\n\n{reply.text}")

    def _crisis_field(self, field: str, reply: Reply, lang: str) -> str:
        """The region's crisis line or reminder, in the reply's language where it has it."""
        line: str = getattr(self.region, field)
        if lang in self.region.languages and reply.lang == lang:
            line = getattr(self.region.languages[lang], field)
        return line.strip()
