"""intents/: how people ask. Each intent leads to an answer topic or a fixed message."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .. import schema
from ..problems import problem
from ..types import Place
from .model import FALLBACK, SMALLTALK, Answer
from .reader import Reader

#: A content file in another language than English: "alcohol.es.yaml".
LANGUAGE_FILE = re.compile(r"[\w-]+\.[a-z]{2}\.yaml")


@dataclass(frozen=True)
class RawIntent:
    """An intent as read, before its examples are normalised and screened."""

    id: str  # qualified
    target: str
    examples: list[str]
    where: Place  # of its entry
    places: tuple[Place, ...]  # of each example
    examples_at: Place  # of its `examples:` key
    match: str = "words"  # "words": like a topic's examples; "whole": the whole text


def read_intents(
    ld: Reader,
    idir: Path,
    medicines: Mapping[str, str],
    answers: Mapping[str, Answer],
    messages: schema.MessagesFile | None,
    lang: str = "",
) -> list[RawIntent]:
    """The intents of English (`lang` ""), or of another language: the files named
    <name>.<lang>.yaml beside the English ones ("alcohol.es.yaml")."""
    suffix = f".{lang}.yaml" if lang else ".yaml"
    files: list[tuple[Path, str]] = [
        (idir / f"{name}{suffix}", name)
        for name in (SMALLTALK, FALLBACK)
        if (idir / f"{name}{suffix}").exists()
    ]
    for med in medicines:
        if (idir / med).is_dir():
            files.extend(
                (path, med)
                for path in ld.yaml_files(idir / med)
                if (LANGUAGE_FILE.fullmatch(path.name) is None) == (not lang)
                and path.name.endswith(suffix)
            )
    for mdir in sorted(p for p in idir.iterdir() if p.is_dir() and p.name != "safety"):
        if mdir.name not in medicines:
            ld.problems.append(problem("E025", ld.show(mdir), name=mdir.name))
    out: list[RawIntent] = []
    seen: dict[str, Place] = {}
    for path, group in files:
        doc, ifile = ld.read(path, schema.IntentsFile)
        if ifile is None or doc is None:
            continue
        for i, entry in enumerate(ifile.intents):
            qid = f"{group}.{entry.id}"
            if qid in seen:
                first = f"{seen[qid][0]}:{seen[qid][1]}"
                ld.error(doc, ("intents", i, "id"), "E026", id=entry.id, first=first)
                continue
            seen[qid] = doc.place(("intents", i))
            target = target_of(group, entry)
            if not target_exists(target, answers, messages):
                ld.error(
                    doc,
                    ("intents", i, "answer" if entry.answer else "id"),
                    "E027",
                    id=entry.id,
                    target=target,
                )
                continue
            whole = target.split(".", 1)[0] in (SMALLTALK, FALLBACK)
            match = entry.match or ("whole" if whole else "words")
            at = ("intents", i, "examples")
            out.append(
                RawIntent(
                    qid,
                    target,
                    list(entry.examples),
                    doc.place(("intents", i)),
                    tuple(doc.place((*at, j)) for j in range(len(entry.examples))),
                    doc.place(at),
                    match,
                )
            )
    return out


def target_of(group: str, entry: schema.IntentEntry) -> str:
    """`answer:` as written when qualified; else the group's topic or message key."""
    if entry.answer and "." in entry.answer:
        return entry.answer
    return f"{group}.{entry.answer or entry.id}"


def target_exists(
    target: str, answers: Mapping[str, Answer], messages: schema.MessagesFile | None
) -> bool:
    head, _, key = target.partition(".")
    if head in (SMALLTALK, FALLBACK):
        if messages is None:
            return True  # reported elsewhere
        if head == SMALLTALK and key == "more":
            return True  # "tell me more" shows the last answer's longer part
        texts: dict[str, str] = getattr(messages, head)
        return key in texts
    return target in answers
