"""Reading content files: parse, validate, and collect the problems with their places."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import schema
from ..types import Problem
from ..yamlio import Doc, read_yaml


@dataclass
class Reader:
    """Reads files under `root` (shown relative to it) and keeps every problem found."""

    knowledge_dir: Path
    intents_dir: Path
    root: Path
    problems: list[Problem] = field(default_factory=list)

    def read(self, path: Path, model: type[schema.Strict]) -> tuple[Doc | None, Any]:
        if not path.exists():
            self.problems.append(
                Problem(
                    self.show(path),
                    0,
                    0,
                    "E004",
                    "error",
                    "required file is missing",
                    f"create it; see docs/content-format.md ({model.__doc__})",
                )
            )
            return None, None
        doc, problems = read_yaml(path, self.root)
        self.problems.extend(problems)
        if doc is None:
            return None, None
        value, problems = schema.validate(doc, model)
        self.problems.extend(problems)
        return doc, value

    def show(self, path: Path) -> str:
        try:
            return str(path.resolve().relative_to(self.root.resolve()))
        except ValueError:
            return str(path)

    def error(
        self, doc: Doc, key: tuple[str | int, ...], code: str, msg: str, hint: str = ""
    ) -> None:
        self.problems.append(doc.problem(key, code, msg, hint))


def common_root(*dirs: Path) -> Path:
    parents = [d.resolve().parent for d in dirs]
    root = parents[0]
    while not all(p == root or root in p.parents for p in parents):
        root = root.parent
    return root
