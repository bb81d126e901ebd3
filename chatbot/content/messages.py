"""Checks of the fixed messages: required keys, placeholders, numbers first, no amounts."""

from __future__ import annotations

import re

from ..dose import DOSE_PATTERN
from ..schema import MessagesFile, TranslatedMessagesFile
from ..yamlio import Doc
from .reader import Reader

REQUIRED_MESSAGES = {
    "emergency": ("other_language",),  # the bot's own: a message it cannot read
    "emergency_followup": ("default",),
    "crisis": ("default", "followup"),
    "refusal": ("default",),
    "fallback": ("default", "other_medicine", "gibberish", "empty"),
    "smalltalk": ("welcome", "more_none"),
}
#: The placeholders that carry where help is: a translation must keep every one of them.
HELP = frozenset(
    {
        "emergency_line",
        "crisis_line",
        "emergency_number",
        "poison_name",
        "poison_number",
        "crisis_name",
        "crisis_number",
    }
)
#: Every placeholder a message may use: where help is, and the rest.
PLACEHOLDERS = HELP | frozenset(["topics", "medicine", "other", "a", "b", "choices", "topic"])


#: The safety replies, which a translated messages file (messages.es.yaml) may hold.
SAFETY_KINDS = ("emergency", "emergency_followup", "crisis", "refusal")


def check_messages(ld: Reader, doc: Doc, messages: MessagesFile) -> None:
    """Every required message is there, placeholders are known, numbers come first."""
    for kind, keys in REQUIRED_MESSAGES.items():
        have = getattr(messages, kind)
        for key in keys:
            if key not in have:
                ld.error(doc, (kind,), "E031", kind=kind, key=key)
    texts: list[tuple[tuple[str, ...], str]] = [
        ((kind, key), text)
        for kind in (*SAFETY_KINDS, "fallback", "smalltalk")
        for key, text in getattr(messages, kind).items()
    ]
    texts += [(("clarify",), messages.clarify), (("again",), messages.again)]
    _check_texts(ld, doc, texts, messages)


def check_translation(
    ld: Reader, doc: Doc, code: str, translated: TranslatedMessagesFile, english: MessagesFile
) -> None:
    """messages.<code>.yaml: the keys of messages.yaml, with the same placeholders, and the
    same rules (numbers first, no dose amount, no digit in a refusal)."""
    if translated.language != code:
        ld.error(
            doc,
            ("language",),
            "E029",
            message=f"language '{translated.language}' is not the file's ('{code}')",
            hint=f"write 'language: {code}'",
        )
    texts: list[tuple[tuple[str, ...], str]] = []
    for kind in (*SAFETY_KINDS, "fallback", "smalltalk", "topic_phrases"):
        theirs: dict[str, str] = getattr(english, kind)
        for key, text in getattr(translated, kind).items():
            if key not in theirs:
                ld.error(
                    doc,
                    (kind, key),
                    "E029",
                    message=f"{kind}.{key} is not a message of messages.yaml",
                    hint=f"known: {', '.join(theirs)}",
                )
                continue
            _lost(ld, doc, (kind, key), theirs[key], text)
            texts.append(((kind, key), text))
    for single in ("clarify", "again", "disclaimer"):
        text = getattr(translated, single)
        if text is not None:
            _lost(ld, doc, (single,), getattr(english, single), text)
            texts.append(((single,), text))
    _check_texts(ld, doc, texts, translated)


def _lost(ld: Reader, doc: Doc, path: tuple[str, ...], english: str, text: str) -> None:
    """E029: a translation keeps every placeholder of the English but {medicine} (which a
    language may leave implied)."""
    lost = _placeholders(english) - _placeholders(text) - {"medicine"}
    if lost:
        names = ", ".join("{" + n + "}" for n in sorted(lost))
        ld.error(
            doc,
            path,
            "E029",
            message=f"{'.'.join(path)} lacks {names}, which messages.yaml has",
            hint="keep them: the bot puts the region's numbers, first lines or choices there",
        )


def check_no_dose(ld: Reader, doc: Doc, path: tuple[str | int, ...], text: str, what: str) -> None:
    """E030: a fixed text never states a dose amount, schedule, maximum or price."""
    m = DOSE_PATTERN.search(text)
    if m:
        ld.error(doc, path, "E030", message=f"{what} states a dose amount: '{m.group(0)}'")


def _placeholders(text: str) -> set[str]:
    return set(re.findall(r"\{([^{}]*)\}", text))


def _check_texts(
    ld: Reader,
    doc: Doc,
    texts: list[tuple[tuple[str, ...], str]],
    messages: MessagesFile | TranslatedMessagesFile,
) -> None:
    for path, text in texts:
        name_of = ".".join(path)
        for name in sorted(_placeholders(text)):
            if name not in PLACEHOLDERS:
                ld.error(
                    doc,
                    path,
                    "E032",
                    message=f"unknown placeholder {{{name}}} in {name_of}",
                    hint=f"known: {', '.join(sorted(PLACEHOLDERS))}",
                )
        check_no_dose(ld, doc, path, text, name_of)
    for kind in ("emergency", "emergency_followup"):
        for key, text in getattr(messages, kind).items():
            if not text.lstrip().startswith("{emergency_line}"):
                ld.error(
                    doc,
                    (kind, key),
                    "E033",
                    key=f"{kind}.{key}",
                    placeholder="emergency_line",
                    first="emergency number",
                )
    for key in ("default", "followup"):
        text = messages.crisis.get(key, "{crisis_line}")
        if not text.lstrip().startswith("{crisis_line}"):
            ld.error(
                doc,
                ("crisis", key),
                "E033",
                key=f"crisis.{key}",
                placeholder="crisis_line",
                first="crisis line",
            )
    if any(ch.isdigit() for key, text in messages.refusal.items() for ch in text):
        ld.error(doc, ("refusal",), "E034")
