"""Reading content files: parse, validate, and collect the problems with their places."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import schema
from ..problems import problem
from ..types import Problem
from ..yamlio import Doc, read_yaml
from .overlay import Overlay


@dataclass
class Reader:
    """Reads files under `root` (shown relative to it) and keeps every problem found.

    With an `overlay`, each file is read with the overlay's file of the same name
    merged in, and `yaml_files` adds the overlay's new files.
    """

    knowledge_dir: Path
    intents_dir: Path
    root: Path
    problems: list[Problem] = field(default_factory=list)
    overlay: Overlay | None = None
    #: every file read, by its shown path
    docs: dict[str, Doc] = field(default_factory=dict)
    _overlay_pending: list[Problem] = field(default_factory=list, init=False, repr=False)

    def __post_init__(self) -> None:
        # a missing overlay folder stops loading at once, like a missing content folder;
        # the overlay's other problems come with the first file read, so that the rest
        # of the content is still checked
        for p in self.overlay.problems if self.overlay is not None else ():
            (self.problems if p.code == "E005" else self._overlay_pending).append(p)

    def yaml_files(self, folder: Path) -> list[Path]:
        """The YAML files of a content folder, then the overlay's new ones for it."""
        found = sorted(folder.glob("*.yaml"))
        if self.overlay is not None:
            found += self.overlay.extras.get(folder, [])
        return found

    def read(self, path: Path, model: type[schema.Strict]) -> tuple[Doc | None, Any]:
        self.problems.extend(self._overlay_pending)
        self._overlay_pending.clear()
        if self.overlay is not None and self.overlay.owns(path):
            doc, problems = self.overlay.read_new(path)
            return self._validate(doc, problems, model)
        if not path.exists():
            self.problems.append(problem("E004", self.show(path), model=model.__doc__))
            return None, None
        doc, problems = read_yaml(path, self.root)
        if self.overlay is not None:
            doc, more = self.overlay.merge(path, doc)
            problems = [*problems, *more]
        return self._validate(doc, problems, model)

    def _validate(
        self, doc: Doc | None, problems: list[Problem], model: type[schema.Strict]
    ) -> tuple[Doc | None, Any]:
        self.problems.extend(problems)
        if doc is None:
            return None, None
        self.docs[doc.path] = doc
        value, problems = schema.validate(doc, model)
        self.problems.extend(problems)
        return doc, value

    def show(self, path: Path) -> str:
        try:
            return str(path.resolve().relative_to(self.root.resolve()))
        except ValueError:
            return str(path)

    def error(self, doc: Doc, key: tuple[str | int, ...], code: str, /, **wording: Any) -> None:
        """Problem `code` at `key` of `doc` (see `chatbot.problems.problem` for the wording)."""
        self.problems.append(doc.problem(key, code, **wording))


def common_root(*dirs: Path) -> Path:
    parents = [d.resolve().parent for d in dirs]
    root = parents[0]
    while not all(p == root or root in p.parents for p in parents):
        root = root.parent
    return root
