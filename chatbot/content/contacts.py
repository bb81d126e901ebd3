"""Checks of knowledge/contacts.yaml against the messages and the shared sources.

Each region needs its own first line for every emergency situation (the keys
under `emergency:` in messages.yaml), every contact names where its number was
checked, and every number a line gives belongs to one of the region's contacts.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping

from ..schema import ContactsFile, MessagesFile, SourceEntry
from ..yamlio import Doc
from .reader import Reader

#: A phone number as written in a line: "911", "1-800-222-1222", "0800 111 0 111".
NUMBER = re.compile(r"\+?\d(?:[\d -]*\d)?")


def digits(number: str) -> str:
    return re.sub(r"\D", "", number)


def check_contacts(
    ld: Reader,
    doc: Doc,
    contacts: ContactsFile,
    messages: MessagesFile | None,
    sources: Mapping[str, SourceEntry] | None,
) -> None:
    """E035-E038: lines for every situation, known sources, numbers that are contacts."""
    situations = list(messages.emergency) if messages else []
    for code, region in contacts.regions.items():
        at = ("regions", code)
        lines = region.emergency_lines
        for key in situations:
            if key not in lines:
                ld.error(doc, (*at, "emergency_lines"), "E035", region=code, key=key)
        for key in lines:
            if messages is not None and key not in situations:
                guess = difflib.get_close_matches(key, situations, n=1)
                ld.error(
                    doc,
                    (*at, "emergency_lines", key),
                    "E036",
                    region=code,
                    key=key,
                    guess=f"did you mean '{guess[0]}'? " if guess else "",
                    situations=", ".join(situations),
                )
        if sources is not None:
            cited = [
                ((*at, *where, "sources", j), key)
                for where in region.contacts()
                for j, key in enumerate(region.contact(where).sources)
            ]
            cited += [((*at, "sources", j), key) for j, key in enumerate(region.sources)]
            for key_path, key in cited:
                if key not in sources:
                    ld.error(
                        doc,
                        key_path,
                        "E037",
                        region=code,
                        key=key,
                        sources=ld.show(ld.knowledge_dir / "sources.yaml"),
                    )
        known = {digits(region.contact(where).number) for where in region.contacts()}
        texts: dict[tuple[str | int, ...], str] = {
            ("emergency_lines", k): v for k, v in lines.items()
        }
        texts[("crisis_line",)] = region.crisis_line
        texts[("crisis_reminder",)] = region.crisis_reminder
        for lang, other in region.languages.items():
            for key, text in other.emergency_lines.items():
                if key not in lines:
                    ld.error(
                        doc,
                        (*at, "languages", lang, "emergency_lines", key),
                        "E029",
                        message=f"region {code} has no English '{key}' line to say in {lang}",
                        hint=f"known: {', '.join(lines)}",
                    )
                texts[("languages", lang, "emergency_lines", key)] = text
            texts[("languages", lang, "crisis_line")] = other.crisis_line
            texts[("languages", lang, "crisis_reminder")] = other.crisis_reminder
        for where, text in texts.items():
            # a region's own line is one line; lines under it are a clinic overlay's local
            # contacts, which the overlay's own check (E075) covers
            for m in NUMBER.finditer(text.split("\n", 1)[0]):
                if digits(m.group(0)) not in known:
                    ld.error(doc, (*at, *where), "E038", region=code, number=m.group(0))
