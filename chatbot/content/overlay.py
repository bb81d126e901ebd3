"""A clinic's overlay: a folder laid over the shipped content, without forking it.

An overlay has the shipped layout, and holds only what the clinic adds:

    knowledge/contacts.yaml            regions of its own (`extends: UK` + local numbers),
                                       and `default_region`
    knowledge/messages.yaml            new wording for refusal, fallback, smalltalk,
                                       clarify and disclaimer texts
    knowledge/<medicine>/answers.yaml  new local answers (new topics only)
    knowledge/<medicine>/sources.yaml  the sources they cite (new keys only)
    intents/<medicine>/<topic>.yaml    extra phrasings for the shipped intent of the same
                                       file and id; new intents for the local answers
    intents/smalltalk.yaml, fallback.yaml   the same, for small talk and fixed fallbacks

It is merged into the shipped files as parsed YAML, before validation, so every
check of the loader (schemas, unknown keys, the no-dose lint, examples that trip
a safety rule, the safety canaries) runs over the merged content, and a problem
in a merged part points at the overlay's own file and line (`Doc.origins`).

What an overlay can never do: touch the safety rules (`intents/safety/`), the
synonyms that rewrite what those rules see, or the wording of emergency and
crisis replies; replace a shipped answer, source or region. A region of its own
either `extends` a shipped one (the same wording and numbers, plus local
contacts listed after the first line of every emergency or crisis reply) or is
written in full for a place the content does not cover, when its lines must
name its own numbers.
"""

from __future__ import annotations

import copy
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..types import Problem
from ..yamlio import Doc, PathKey, parse_yaml

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


@dataclass
class Overlay:
    """A clinic's folder over the shipped `knowledge_dir` and `intents_dir`."""

    folder: Path
    knowledge_dir: Path
    intents_dir: Path
    #: shipped file -> the overlay file merged into it
    layers: dict[Path, Path] = field(default_factory=dict)
    #: shipped folder -> overlay files that add to it (new intent files)
    extras: dict[Path, list[Path]] = field(default_factory=dict)
    #: problems with the overlay's files as a whole (found when it is opened)
    problems: list[Problem] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    _merged: dict[Path, tuple[Doc | None, list[Problem]]] = field(default_factory=dict)
    _noted: set[Path] = field(default_factory=set)

    @classmethod
    def open(cls, folder: Path, knowledge_dir: Path, intents_dir: Path) -> Overlay:
        ov = cls(Path(folder), Path(knowledge_dir), Path(intents_dir))
        ov._plan()
        return ov

    # --- what the overlay holds ---------------------------------------------------------
    def shown(self, path: Path) -> str:
        """An overlay file as authors see it: under the folder as it was given
        (`--overlay .` shows `./knowledge/...`, never a shipped file's name)."""
        try:
            rel = path.relative_to(self.folder).as_posix()
        except ValueError:
            return str(path)
        return os.path.join(str(self.folder), rel)

    def real_path(self, shown: str) -> Path | None:
        """The overlay file behind a shown path, or None if it is not one."""
        prefix = os.path.join(str(self.folder), "")
        return Path(shown) if shown.startswith(prefix) else None

    def owns(self, path: Path) -> bool:
        return any(path == p for ps in self.extras.values() for p in ps)

    def files(self) -> list[Path]:
        """The overlay files that take part (merged or added)."""
        return sorted({*self.layers.values(), *(p for ps in self.extras.values() for p in ps)})

    def _plan(self) -> None:
        if not self.folder.is_dir():
            self._fail(str(self.folder), "E005", "overlay folder not found", "")
            return
        kdir, idir = self.folder / "knowledge", self.folder / "intents"
        if not kdir.is_dir() and not idir.is_dir():
            self._fail(
                str(self.folder),
                "E070",
                "the overlay has neither a knowledge/ nor an intents/ folder",
                "an overlay mirrors the shipped layout: see docs/authoring.md",
            )
            return
        for path in _files(kdir):
            self._plan_knowledge(path, path.relative_to(kdir).parts)
        for path in _files(idir):
            self._plan_intents(path, path.relative_to(idir).parts)

    def _plan_knowledge(self, path: Path, parts: tuple[str, ...]) -> None:
        shipped = self.knowledge_dir.joinpath(*parts)
        if parts in (("contacts.yaml",), ("messages.yaml",)) or (
            len(parts) == 2
            and parts[1] in ("answers.yaml", "sources.yaml")
            and (self.knowledge_dir / parts[0]).is_dir()
        ):
            self.layers[shipped] = path
        elif len(parts) == 2 and parts[1] in ("answers.yaml", "sources.yaml"):
            self._refuse(
                path,
                "E072",
                f"an overlay cannot add a medicine ('{parts[0]}')",
                "put local answers in the folder of the medicine they are about, "
                f"e.g. knowledge/{next(iter(_dirs(self.knowledge_dir)), 'baclofen')}/answers.yaml",
            )
        else:
            self._refuse(
                path,
                "E072",
                "an overlay cannot have this file",
                "allowed under knowledge/: contacts.yaml, messages.yaml, "
                "<medicine>/answers.yaml, <medicine>/sources.yaml",
            )

    def _plan_intents(self, path: Path, parts: tuple[str, ...]) -> None:
        shipped = self.intents_dir.joinpath(*parts)
        if parts[0] == "safety":
            self._refuse(
                path,
                "E071",
                "an overlay cannot change the safety rules",
                "the crisis, emergency and refusal rules are the same everywhere; "
                "send a missing phrase to the content team instead",
            )
        elif parts in (("synonyms.yaml",), ("other_medicines.yaml",)):
            self._refuse(
                path,
                "E072",
                f"an overlay cannot change {parts[0]}",
                "synonyms rewrite what the safety rules see; send additions to the content team",
            )
        elif parts in (("smalltalk.yaml",), ("fallback.yaml",)) and shipped.is_file():
            self.layers[shipped] = path
        elif (
            len(parts) == 2
            and parts[0] != "safety"
            and (self.intents_dir / parts[0]).is_dir()
            and path.suffix == ".yaml"
        ):
            if shipped.is_file():
                self.layers[shipped] = path
            else:
                self.extras.setdefault(shipped.parent, []).append(path)
        else:
            self._refuse(
                path,
                "E072",
                "an overlay cannot have this file",
                "allowed under intents/: smalltalk.yaml, fallback.yaml, <medicine>/<topic>.yaml",
            )

    def _refuse(self, path: Path, code: str, message: str, hint: str) -> None:
        self._fail(self.shown(path), code, message + "; it is not used", hint, line=1)

    def _fail(self, shown: str, code: str, message: str, hint: str, line: int = 0) -> None:
        self.problems.append(Problem(shown, line, 1 if line else 0, code, "error", message, hint))

    # --- reading and merging -------------------------------------------------------------
    def read_new(self, path: Path) -> tuple[Doc | None, list[Problem]]:
        """Parse one of the overlay's new files for the loader, noting what it adds."""
        doc, problems = self.read(path)
        if doc is not None and path not in self._noted:
            self._noted.add(path)
            entries = doc.data.get("intents") if isinstance(doc.data, dict) else None
            for i, entry in enumerate(entries if isinstance(entries, list) else []):
                n = len(entry.get("examples") or []) if isinstance(entry, dict) else 0
                line, _col = doc.where(("intents", i))
                self.changes.append(
                    Change(doc.path, line, f"adds intent {_id(entry)} ({_plural(n, 'phrasing')})")
                )
        return doc, problems

    def read(self, path: Path) -> tuple[Doc | None, list[Problem]]:
        """Parse one overlay file, shown under the overlay folder."""
        shown = self.shown(path)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            return None, [Problem(shown, 0, 0, "E001", "error", f"cannot read file: {exc}")]
        return parse_yaml(text, shown)

    def merge(self, shipped_path: Path, doc: Doc | None) -> tuple[Doc | None, list[Problem]]:
        """The shipped file's document with the overlay's file merged in (once per file)."""
        layer_path = self.layers.get(shipped_path)
        if layer_path is None or doc is None:
            return doc, []
        if shipped_path not in self._merged:
            layer, problems = self.read(layer_path)
            if layer is None or layer.data is None:
                self._merged[shipped_path] = (doc, problems)
            else:
                merger = _Merger(doc, layer, self)
                merger.run(_kind(shipped_path, self.knowledge_dir))
                self._merged[shipped_path] = (merger.result(), [*problems, *merger.problems])
        return self._merged[shipped_path]


def read_as_loaded(root: Path, shown: str, overlay: Overlay | None) -> Doc | None:
    """A content file as the loader saw it, by the path problems show: a shipped file
    (relative to `root`) with the overlay merged in, or one of the overlay's own."""
    from ..yamlio import read_yaml

    own = overlay.real_path(shown) if overlay is not None else None
    if overlay is not None and own is not None:
        return overlay.read(own)[0]
    doc, _ = read_yaml(root / shown, root)
    if overlay is not None:
        doc, _ = overlay.merge(root / shown, doc)
    return doc


def open_overlay(
    overlay: Overlay | Path | str | None, knowledge_dir: Path, intents_dir: Path
) -> Overlay | None:
    if overlay is None or isinstance(overlay, Overlay):
        return overlay
    return Overlay.open(Path(overlay), knowledge_dir, intents_dir)


# --- merging one file ---------------------------------------------------------------------


class _Merger:
    """Merges an overlay file's data into a copy of the shipped file's data."""

    def __init__(self, base: Doc, layer: Doc, overlay: Overlay) -> None:
        self.base, self.layer, self.overlay = base, layer, overlay
        self.data: Any = copy.deepcopy(base.data)
        self.marks = dict(base.marks)
        self.origins: dict[PathKey, str] = dict(base.origins)
        self.problems: list[Problem] = []

    def result(self) -> Doc:
        return Doc(self.base.path, self.data, self.marks, self.origins)

    def run(self, kind: str) -> None:
        if not isinstance(self.layer.data, dict) or not isinstance(self.data, dict):
            self.error(
                (), "E013", "an overlay file must be a mapping of keys, like the shipped one"
            )
            return
        getattr(self, f"_{kind}")()

    # helpers
    def error(self, key: PathKey, code: str, message: str, hint: str = "") -> None:
        self.problems.append(self.layer.problem(key, code, message, hint))

    def note(self, key: PathKey, text: str) -> None:
        line, _col = self.layer.where(key)
        self.overlay.changes.append(Change(self.layer.path, line, text))

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
            self.error(key, "E013", "expected a mapping of keys here")
            return {}
        for k in value:
            if k not in allowed:
                self.error(
                    (*key, k),
                    "E011",
                    f"unknown key '{k}' in an overlay file",
                    f"allowed keys here: {', '.join(allowed)}",
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
            self.error(("regions",), "E013", "regions must be a mapping of region codes")
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
                f"region '{code}' is shipped; an overlay cannot change it",
                f"add a region of your own, e.g. '{code}-CLINIC', with 'extends: {code}' "
                "and your local numbers under emergency_contacts:",
            )
            return
        if not isinstance(entry, dict):
            self.error(at, "E013", f"region '{code}' must be a mapping of keys")
            return
        contacts = {
            kind: self._contacts_list((*at, f"{kind}_contacts"), entry.get(f"{kind}_contacts"))
            for kind in ("emergency", "crisis")
        }
        base_code = entry.get("extends")
        if base_code is not None:
            self.only(EXTENDS_KEYS, at)
            base = shipped.get(str(base_code))
            if not isinstance(base, dict):
                self.error(
                    (*at, "extends"),
                    "E075",
                    f"region '{code}' extends '{base_code}', which is not a shipped region",
                    f"shipped regions: {', '.join(shipped)}",
                )
                return
            region = copy.deepcopy(base)
            if "name" in entry:
                region["name"] = entry["name"]
            how = f"extends {base_code}: the same wording and numbers"
        else:
            region = {k: v for k, v in entry.items() if k not in REGION_EXTRAS}
            self._own_numbers(at, region)
            how = "its own emergency and crisis wording: have a clinician check it"
        for kind in ("emergency", "crisis"):
            lines = [f"{c['name']}: {c['number']}" for c in contacts[kind]]
            if lines and isinstance(region.get(f"{kind}_line"), str):
                region[f"{kind}_line"] = "\n".join([region[f"{kind}_line"].rstrip(), *lines])
        shipped[code] = region
        self.graft(at, at)
        added = [
            _plural(len(contacts[k]), f"local {k} contact")
            for k in ("emergency", "crisis")
            if contacts[k]
        ]
        self.note(at, f"adds region {code} ({how}){': ' + ', '.join(added) if added else ''}")

    def _contacts_list(self, key: PathKey, value: Any) -> list[dict[str, str]]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.error(key, "E013", "expected a list of {name: ..., number: ...}")
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
                    "a local contact is {name: ..., number: ...}, both text",
                    'e.g. {name: "Pump clinic, 24 hours", number: "0113 496 0123"}',
                )
            elif len(c["name"]) > MAX_CONTACT_NAME or "\n" in c["name"]:
                self.error(
                    (*key, i, "name"),
                    "E075",
                    f"a local contact's name is one line of at most {MAX_CONTACT_NAME} characters",
                    "name the service; the wording around it is the shipped one",
                )
            elif not any(ch.isdigit() for ch in c["number"]):
                self.error((*key, i, "number"), "E075", "a local contact's number has no digits")
            else:
                out.append({"name": c["name"].strip(), "number": c["number"].strip()})
        return out

    def _own_numbers(self, at: PathKey, region: dict[str, Any]) -> None:
        """A region written in full must name its own numbers where people look first."""
        wanted = [
            ("emergency_line", region.get("emergency_number")),
            ("crisis_line", _get(region, "crisis", "number")),
        ]
        for line_key, number in wanted:
            line = region.get(line_key)
            if (
                isinstance(line, str)
                and isinstance(number, str)
                and number.strip()
                and _digits(number) not in _digits(line)
            ):
                self.error(
                    (*at, line_key),
                    "E075",
                    f"{line_key} of region '{at[-1]}' does not give its number {number}",
                    "the number always comes first: start the line with it",
                )

    def _messages(self) -> None:
        layer = self.layer.data
        for kind in LOCKED:
            if kind in layer:
                self.error(
                    (kind,),
                    "E074",
                    f"an overlay cannot change {kind} wording",
                    "put local numbers in the overlay's knowledge/contacts.yaml "
                    "(emergency_contacts:, crisis_contacts:)",
                )
        for kind in REWORDABLE:
            texts = layer.get(kind)
            if texts is None:
                continue
            if not isinstance(texts, dict) or not isinstance(self.data.get(kind), dict):
                self.error((kind,), "E013", f"{kind} must be a mapping of message keys")
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
                    f"unknown key '{key}' in an overlay messages.yaml",
                    f"allowed keys here: {', '.join((*REWORDABLE, *REPLACEABLE))}",
                )

    def _answers(self) -> None:
        top = self.only(("medicine", "answers"))
        medicine = self.data.get("medicine")
        if "medicine" in top and top["medicine"] != medicine:
            self.error(
                ("medicine",),
                "E073",
                f"medicine '{top['medicine']}' is not this folder's medicine '{medicine}'",
                f"write 'medicine: {medicine}' or leave it out",
            )
        entries = top.get("answers") or []
        shipped = self.data.get("answers")
        if not isinstance(entries, list) or not isinstance(shipped, list):
            self.error(("answers",), "E013", "answers must be a list")
            return
        have = {str(a.get("topic")) for a in shipped if isinstance(a, dict)}
        for i, entry in enumerate(entries):
            topic = str(entry.get("topic")) if isinstance(entry, dict) else "?"
            if topic in have:
                self.error(
                    ("answers", i, "topic"),
                    "E073",
                    f"answer '{topic}' is shipped; an overlay adds answers, it cannot replace one",
                    "give the local answer a topic of its own, or send the change to the "
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
            self.error(("sources",), "E013", "sources must be a mapping of keys")
            return
        for key, value in entries.items():
            if key in shipped:
                self.error(
                    ("sources", key),
                    "E073",
                    f"source '{key}' is shipped; an overlay cannot change it",
                    "give the local source a key of its own",
                )
                continue
            shipped[key] = value
            self.graft(("sources", key), ("sources", key))
            self.note(("sources", key), f"adds source {key}")

    def _intents(self) -> None:
        top = self.only(("intents",))
        entries, shipped = top.get("intents") or [], self.data.get("intents")
        if not isinstance(entries, list) or not isinstance(shipped, list):
            self.error(("intents",), "E013", "intents must be a list")
            return
        index = {str(e.get("id")): n for n, e in enumerate(shipped) if isinstance(e, dict)}
        for i, entry in enumerate(entries):
            if not isinstance(entry, dict) or str(entry.get("id")) not in index:
                shipped.append(entry)
                self.graft(("intents", len(shipped) - 1), ("intents", i))
                n = len(entry.get("examples") or []) if isinstance(entry, dict) else 0
                self.note(("intents", i), f"adds intent {_id(entry)} ({_plural(n, 'phrasing')})")
                continue
            n = index[str(entry["id"])]
            self.only(("id", "answer", "examples"), ("intents", i))
            if "answer" in entry and entry["answer"] != shipped[n].get("answer"):
                self.error(
                    ("intents", i, "answer"),
                    "E073",
                    f"intent '{entry['id']}' is shipped; an overlay cannot change where it leads",
                    "add phrasings only, or write an intent of your own",
                )
            more = entry.get("examples") or []
            have = shipped[n].get("examples")
            if not isinstance(more, list) or not isinstance(have, list):
                self.error(("intents", i, "examples"), "E013", "examples must be a list")
                continue
            for j, example in enumerate(more):
                have.append(example)
                self.graft(("intents", n, "examples", len(have) - 1), ("intents", i, "examples", j))
            self.note(
                ("intents", i),
                f"adds {_plural(len(more), 'phrasing')} to intent {entry['id']}",
            )


def _kind(shipped_path: Path, knowledge_dir: Path) -> str:
    try:
        parts = shipped_path.relative_to(knowledge_dir).parts
    except ValueError:
        return "intents"
    return parts[-1].removesuffix(".yaml")  # contacts, messages, answers, sources


def _files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )


def _dirs(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []


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


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _id(entry: Any) -> str:
    return str(entry.get("id")) if isinstance(entry, dict) else "?"
