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

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..problems import problem
from ..types import Problem
from ..yamlio import Doc, parse_yaml
from .layering import Change, Merger, entry_id, plural

__all__ = ["Change", "Overlay", "open_overlay"]


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

    def owns(self, path: Path) -> bool:
        return any(path == p for ps in self.extras.values() for p in ps)

    def files(self) -> list[Path]:
        """The overlay files that take part (merged or added)."""
        return sorted({*self.layers.values(), *(p for ps in self.extras.values() for p in ps)})

    def _plan(self) -> None:
        if not self.folder.is_dir():
            self.problems.append(problem("E005", str(self.folder), what="overlay"))
            return
        kdir, idir = self.folder / "knowledge", self.folder / "intents"
        if not kdir.is_dir() and not idir.is_dir():
            self.problems.append(problem("E070", str(self.folder)))
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
                message=f"an overlay cannot add a medicine ('{parts[0]}')",
                hint="put local answers in the folder of the medicine they are about, "
                f"e.g. knowledge/{next(iter(_dirs(self.knowledge_dir)), 'baclofen')}/answers.yaml",
            )
        else:
            self._refuse(
                path,
                "E072",
                message="an overlay cannot have this file",
                hint="allowed under knowledge/: contacts.yaml, messages.yaml, "
                "<medicine>/answers.yaml, <medicine>/sources.yaml",
            )

    def _plan_intents(self, path: Path, parts: tuple[str, ...]) -> None:
        shipped = self.intents_dir.joinpath(*parts)
        if parts[0] == "safety":
            self._refuse(
                path,
                "E071",
                message="an overlay cannot change the safety rules",
                hint="the crisis, emergency and refusal rules are the same everywhere; "
                "send a missing phrase to the content team instead",
            )
        elif parts in (("synonyms.yaml",), ("other_medicines.yaml",)) or (
            len(parts) == 1 and parts[0].startswith("synonyms.")
        ):
            self._refuse(
                path,
                "E072",
                message=f"an overlay cannot change {parts[0]}",
                hint="synonyms rewrite what the safety rules see; send additions to the content "
                "team",
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
                message="an overlay cannot have this file",
                hint="allowed under intents/: smalltalk.yaml, fallback.yaml, "
                "<medicine>/<topic>.yaml",
            )

    def _refuse(self, path: Path, code: str, /, *, message: str, hint: str) -> None:
        """An overlay file that is not used, at its first line."""
        self.problems.append(
            problem(code, self.shown(path), 1, 1, message=f"{message}; it is not used", hint=hint)
        )

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
                    Change(
                        doc.path, line, f"adds intent {entry_id(entry)} ({plural(n, 'phrasing')})"
                    )
                )
        return doc, problems

    def read(self, path: Path) -> tuple[Doc | None, list[Problem]]:
        """Parse one overlay file, shown under the overlay folder."""
        shown = self.shown(path)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            return None, [problem("E001", shown, error=exc)]
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
                merger = Merger(doc, layer, self.changes)
                merger.run(_kind(shipped_path, self.knowledge_dir))
                self._merged[shipped_path] = (merger.result(), [*problems, *merger.problems])
        return self._merged[shipped_path]


def open_overlay(
    overlay: Overlay | Path | str | None, knowledge_dir: Path, intents_dir: Path
) -> Overlay | None:
    if overlay is None or isinstance(overlay, Overlay):
        return overlay
    return Overlay.open(Path(overlay), knowledge_dir, intents_dir)


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
