"""How one overlay file is merged into its shipped file: the rules for each kind of
file, and what each merge adds or changes (`chatbot.content.overlay` decides which
files take part).

The merge works on parsed YAML, before validation, on a copy of the shipped
data. Parts that come from the overlay keep their marks (lines) from the
overlay's file, and `Doc.origins` records that file, so a later problem in a
merged part points at the overlay.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from typing import Any

from ..types import Problem
from ..yamlio import Doc, PathKey

#: Keys of an overlay region besides the shipped region's own.
REGION_EXTRAS = ("extends", "emergency_contacts", "crisis_contacts")
#: What an `extends` region may set.
EXTENDS_KEYS = ("extends", "name", "emergency_contacts", "crisis_contacts")
#: Message kinds whose wording an overlay may replace or add to.
REWORDABLE = ("refusal", "fallback", "smalltalk")
#: Single messages an overlay may replace.
REPLACEABLE = ("clarify", "disclaimer")
#: Message kinds an overlay can never change.
LOCKED = ("emergency", "crisis")
MAX_CONTACT_NAME = 80


@dataclass(frozen=True)
class Change:
    """One thing the overlay adds or changes, at the place it is written."""

    path: str
    line: int
    text: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.text}"


class Merger:
    """Merges an overlay file's data into a copy of the shipped file's data."""

    def __init__(self, base: Doc, layer: Doc, changes: list[Change]) -> None:
        self.base, self.layer, self.changes = base, layer, changes
        self.data: Any = copy.deepcopy(base.data)
        self.marks = dict(base.marks)
        self.origins: dict[PathKey, str] = dict(base.origins)
        self.problems: list[Problem] = []

    def result(self) -> Doc:
        return Doc(self.base.path, self.data, self.marks, self.origins)

    def run(self, kind: str) -> None:
        if not isinstance(self.layer.data, dict) or not isinstance(self.data, dict):
            self.error(
                (),
                "E013",
                message="an overlay file must be a mapping of keys, like the shipped one",
            )
            return
        getattr(self, f"_{kind}")()

    # helpers
    def error(self, key: PathKey, code: str, /, **wording: Any) -> None:
        """Problem `code` at `key` of the overlay's file (wording: `chatbot.problems.problem`)."""
        self.problems.append(self.layer.problem(key, code, **wording))

    def note(self, key: PathKey, text: str) -> None:
        line, _col = self.layer.where(key)
        self.changes.append(Change(self.layer.path, line, text))

    def graft(self, to: PathKey, src: PathKey) -> None:
        """Marks of the layer's `src` subtree now stand at `to`, in the layer's file."""
        n = len(src)
        for key, mark in self.layer.marks.items():
            if key[:n] == src:
                self.marks[to + key[n:]] = mark
        self.origins[to] = self.layer.path

    def only(self, allowed: tuple[str, ...], key: PathKey = ()) -> dict[str, Any]:
        """The layer's mapping at `key`, reporting keys it may not have."""
        value = _at(self.layer.data, key)
        if not isinstance(value, dict):
            self.error(key, "E013", message="expected a mapping of keys here")
            return {}
        for k in value:
            if k not in allowed:
                self.error(
                    (*key, k),
                    "E011",
                    message=f"unknown key '{k}' in an overlay file",
                    hint=f"allowed keys here: {', '.join(allowed)}",
                )
        return {k: v for k, v in value.items() if k in allowed}

    # one method per kind of file
    def _contacts(self) -> None:
        top = self.only(("default_region", "regions"))
        shipped = self.data.get("regions")
        if not isinstance(shipped, dict):
            return
        regions = top.get("regions") or {}
        if not isinstance(regions, dict):
            self.error(("regions",), "E013", message="regions must be a mapping of region codes")
            regions = {}
        for code, entry in regions.items():
            self._region(str(code), entry, shipped)
        if "default_region" in top:
            old = self.data.get("default_region")
            self.data["default_region"] = top["default_region"]
            self.graft(("default_region",), ("default_region",))
            self.note(("default_region",), f"default region: {old} -> {top['default_region']}")

    def _region(self, code: str, entry: Any, shipped: dict[str, Any]) -> None:
        at: PathKey = ("regions", code)
        if code in shipped:
            self.error(
                at,
                "E073",
                message=f"region '{code}' is shipped; an overlay cannot change it",
                hint=f"add a region of your own, e.g. '{code}-CLINIC', with 'extends: {code}' "
                "and your local numbers under emergency_contacts:",
            )
            return
        if not isinstance(entry, dict):
            self.error(at, "E013", message=f"region '{code}' must be a mapping of keys")
            return
        contacts = {
            kind: self._contacts_list((*at, f"{kind}_contacts"), entry.get(f"{kind}_contacts"))
            for kind in ("emergency", "crisis")
        }
        if "extends" in entry:
            region = self._extended(at, entry, shipped)
            how = f"extends {entry['extends']}: the same wording and numbers"
        else:
            region = {k: v for k, v in entry.items() if k not in REGION_EXTRAS}
            self._own_numbers(at, region)
            how = "its own emergency and crisis wording: have a clinician check it"
        if region is None:
            return
        shipped[code] = with_local_lines(region, contacts)
        self.graft(at, at)
        added = [
            plural(len(contacts[k]), f"local {k} contact")
            for k in ("emergency", "crisis")
            if contacts[k]
        ]
        self.note(at, f"adds region {code} ({how}){': ' + ', '.join(added) if added else ''}")

    def _extended(self, at: PathKey, entry: dict[str, Any], shipped: dict[str, Any]) -> Any:
        """A copy of the shipped region it extends, with its own name; None if none."""
        self.only(EXTENDS_KEYS, at)
        base = shipped.get(str(entry["extends"]))
        if not isinstance(base, dict):
            self.error(
                (*at, "extends"),
                "E075",
                message=f"region '{at[-1]}' extends '{entry['extends']}', which is not a "
                "shipped region",
                hint=f"shipped regions: {', '.join(shipped)}",
            )
            return None
        region = copy.deepcopy(base)
        if "name" in entry:
            region["name"] = entry["name"]
        return region

    def _contacts_list(self, key: PathKey, value: Any) -> list[dict[str, str]]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.error(key, "E013", message="expected a list of {name: ..., number: ...}")
            return []
        out = []
        for i, c in enumerate(value):
            ok = (
                isinstance(c, dict)
                and set(c) == {"name", "number"}
                and all(isinstance(v, str) and v.strip() for v in c.values())
            )
            if not ok:
                self.error(
                    (*key, i),
                    "E075",
                    message="a local contact is {name: ..., number: ...}, both text",
                    hint='e.g. {name: "Pump clinic, 24 hours", number: "0113 496 0123"}',
                )
            elif len(c["name"]) > MAX_CONTACT_NAME or "\n" in c["name"]:
                self.error(
                    (*key, i, "name"),
                    "E075",
                    message="a local contact's name is one line of at most "
                    f"{MAX_CONTACT_NAME} characters",
                    hint="name the service; the wording around it is the shipped one",
                )
            elif not any(ch.isdigit() for ch in c["number"]):
                self.error(
                    (*key, i, "number"), "E075", message="a local contact's number has no digits"
                )
            else:
                out.append({"name": c["name"].strip(), "number": c["number"].strip()})
        return out

    def _own_numbers(self, at: PathKey, region: dict[str, Any]) -> None:
        """A region written in full must name its own numbers where people look first: the
        overdose line its emergency number, the crisis line its crisis number."""
        wanted = [
            (("emergency_lines", "overdose"), _get(region, "emergency", "number")),
            (("crisis_line",), _get(region, "crisis", "number")),
        ]
        for line_key, number in wanted:
            line = _at(region, line_key)
            if (
                isinstance(line, str)
                and isinstance(number, str)
                and number.strip()
                and _digits(number) not in _digits(line)
            ):
                name = ".".join(line_key)
                self.error(
                    (*at, *line_key),
                    "E075",
                    message=f"{name} of region '{at[-1]}' does not give its number {number}",
                    hint="the number always comes first: start the line with it",
                )

    def _messages(self) -> None:
        layer = self.layer.data
        for kind in LOCKED:
            if kind in layer:
                self.error((kind,), "E074", kind=kind)
        for kind in REWORDABLE:
            texts = layer.get(kind)
            if texts is None:
                continue
            if not isinstance(texts, dict) or not isinstance(self.data.get(kind), dict):
                self.error((kind,), "E013", message=f"{kind} must be a mapping of message keys")
                continue
            for key, text in texts.items():
                verb = "replaces" if key in self.data[kind] else "adds"
                self.data[kind][key] = text
                self.graft((kind, key), (kind, key))
                self.note((kind, key), f"{verb} message {kind}.{key}")
        for key in REPLACEABLE:
            if key in layer:
                self.data[key] = layer[key]
                self.graft((key,), (key,))
                self.note((key,), f"replaces message {key}")
        for key in layer:
            if key not in (*LOCKED, *REWORDABLE, *REPLACEABLE):
                self.error(
                    (key,),
                    "E011",
                    message=f"unknown key '{key}' in an overlay messages.yaml",
                    hint=f"allowed keys here: {', '.join((*REWORDABLE, *REPLACEABLE))}",
                )

    def _answers(self) -> None:
        top = self.only(("medicine", "answers"))
        medicine = self.data.get("medicine")
        if "medicine" in top and top["medicine"] != medicine:
            self.error(
                ("medicine",),
                "E073",
                message=f"medicine '{top['medicine']}' is not this folder's medicine '{medicine}'",
                hint=f"write 'medicine: {medicine}' or leave it out",
            )
        entries = top.get("answers") or []
        shipped = self.data.get("answers")
        if not isinstance(entries, list) or not isinstance(shipped, list):
            self.error(("answers",), "E013", message="answers must be a list")
            return
        have = {str(a.get("topic")) for a in shipped if isinstance(a, dict)}
        for i, entry in enumerate(entries):
            topic = str(entry.get("topic")) if isinstance(entry, dict) else "?"
            if topic in have:
                self.error(
                    ("answers", i, "topic"),
                    "E073",
                    message=f"answer '{topic}' is shipped; an overlay adds answers, it cannot "
                    "replace one",
                    hint="give the local answer a topic of its own, or send the change to the "
                    "content team",
                )
                continue
            shipped.append(entry)
            self.graft(("answers", len(shipped) - 1), ("answers", i))
            self.note(("answers", i), f"adds answer {medicine}.{topic}")

    def _sources(self) -> None:
        top = self.only(("sources",))
        entries, shipped = top.get("sources") or {}, self.data.get("sources")
        if not isinstance(entries, dict) or not isinstance(shipped, dict):
            self.error(("sources",), "E013", message="sources must be a mapping of keys")
            return
        for key, value in entries.items():
            if key in shipped:
                self.error(
                    ("sources", key),
                    "E073",
                    message=f"source '{key}' is shipped; an overlay cannot change it",
                    hint="give the local source a key of its own",
                )
                continue
            shipped[key] = value
            self.graft(("sources", key), ("sources", key))
            self.note(("sources", key), f"adds source {key}")

    def _intents(self) -> None:
        top = self.only(("intents",))
        entries, shipped = top.get("intents") or [], self.data.get("intents")
        if not isinstance(entries, list) or not isinstance(shipped, list):
            self.error(("intents",), "E013", message="intents must be a list")
            return
        index = {str(e.get("id")): n for n, e in enumerate(shipped) if isinstance(e, dict)}
        for i, entry in enumerate(entries):
            if not isinstance(entry, dict) or str(entry.get("id")) not in index:
                shipped.append(entry)
                self.graft(("intents", len(shipped) - 1), ("intents", i))
                n = len(entry.get("examples") or []) if isinstance(entry, dict) else 0
                self.note(
                    ("intents", i), f"adds intent {entry_id(entry)} ({plural(n, 'phrasing')})"
                )
                continue
            n = index[str(entry["id"])]
            self.only(("id", "answer", "examples"), ("intents", i))
            if "answer" in entry and entry["answer"] != shipped[n].get("answer"):
                self.error(
                    ("intents", i, "answer"),
                    "E073",
                    message=f"intent '{entry['id']}' is shipped; an overlay cannot change where "
                    "it leads",
                    hint="add phrasings only, or write an intent of your own",
                )
            more = entry.get("examples") or []
            have = shipped[n].get("examples")
            if not isinstance(more, list) or not isinstance(have, list):
                self.error(("intents", i, "examples"), "E013", message="examples must be a list")
                continue
            for j, example in enumerate(more):
                have.append(example)
                self.graft(("intents", n, "examples", len(have) - 1), ("intents", i, "examples", j))
            self.note(
                ("intents", i),
                f"adds {plural(len(more), 'phrasing')} to intent {entry['id']}",
            )


def with_local_lines(region: dict[str, Any], contacts: dict[str, list[dict[str, str]]]) -> Any:
    """The region with its local contacts listed, one a line, under the first line of
    every emergency (each of `emergency_lines`) or crisis (`crisis_line`) reply."""
    for kind, found in contacts.items():
        lines = [f"{c['name']}: {c['number']}" for c in found]
        if not lines:
            continue
        if kind == "emergency" and isinstance(region.get("emergency_lines"), dict):
            region["emergency_lines"] = {
                key: "\n".join([str(line).rstrip(), *lines])
                for key, line in region["emergency_lines"].items()
            }
        elif isinstance(region.get(f"{kind}_line"), str):
            region[f"{kind}_line"] = "\n".join([region[f"{kind}_line"].rstrip(), *lines])
    return region


def _at(data: Any, key: PathKey) -> Any:
    for k in key:
        if isinstance(data, dict):
            data = data.get(k)
        elif isinstance(data, list) and isinstance(k, int) and 0 <= k < len(data):
            data = data[k]
        else:
            return None
    return data


def _get(data: Any, *key: str) -> Any:
    return _at(data, key)


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def entry_id(entry: Any) -> str:
    return str(entry.get("id")) if isinstance(entry, dict) else "?"
