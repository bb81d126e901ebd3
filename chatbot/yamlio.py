"""Read YAML while remembering where every key and item stood.

PyYAML's composer gives nodes with marks; we build plain Python data from them
and keep a map from each data path (``("answers", 3, "short")``) to its
1-based line and column, so any later check can point at the line.
Syntax errors and duplicate keys become `Problem` values, never exceptions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import problem
from .types import Place, Problem

PathKey = tuple[str | int, ...]

#: libyaml's C parser when present (ten times faster), with the same marks.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Doc:
    """A parsed file: its data, and where each piece of it was written."""

    path: str  # as shown to authors (relative when possible)
    data: Any
    marks: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    #: parts written in another file (a clinic's overlay): key -> that file, as shown;
    #: their marks are lines of that file
    origins: dict[PathKey, str] = field(default_factory=dict)

    def where(self, key: PathKey) -> tuple[int, int]:
        """Line and column of `key`, or of its nearest written ancestor."""
        for n in range(len(key), -1, -1):
            mark = self.marks.get(tuple(key[:n]))
            if mark:
                return mark
        return (1, 1)

    def origin(self, key: PathKey) -> str:
        """The file `key` was written in: this one, or an overlay's."""
        if self.origins:
            for n in range(len(key), 0, -1):
                found = self.origins.get(tuple(key[:n]))
                if found:
                    return found
        return self.path

    def place(self, key: PathKey) -> Place:
        """File, line and column of `key`, for pointing an author at an item."""
        return Place(self.origin(key), *self.where(key))

    def problem(self, key: PathKey, code: str, /, **wording: Any) -> Problem:
        """Problem `code` at `key` (see `chatbot.problems.problem` for the wording)."""
        return problem(code, *self.place(key), **wording)


def display_path(path: Path, root: Path | None) -> str:
    if root is not None:
        try:
            return str(path.resolve().relative_to(root.resolve()))
        except ValueError:
            pass
    return str(path)


def read_yaml(path: Path, root: Path | None = None) -> tuple[Doc | None, list[Problem]]:
    """Parse one file. Returns (None, problems) when it cannot be read at all."""
    shown = display_path(path, root)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [problem("E001", shown, error=exc)]
    return parse_yaml(text, shown)


def parse_yaml(text: str, shown: str) -> tuple[Doc | None, list[Problem]]:
    problems: list[Problem] = []
    loader = _LOADER(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return Doc(shown, None), problems
        marks: dict[PathKey, tuple[int, int]] = {}
        data = _build(loader, node, (), marks, shown, problems)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        what = " ".join(str(x) for x in (exc.context, exc.problem) if x)
        return None, [
            problem(
                "E002",
                shown,
                line,
                col,
                message=f"YAML syntax error: {what}",
                hint="check the indentation and that text with ':' or '#' is in quotes",
            )
        ]
    except yaml.YAMLError as exc:
        return None, [problem("E002", shown, message=f"YAML error: {exc}")]
    finally:
        loader.dispose()
    return Doc(shown, data, marks), problems


def _build(
    loader: Any,
    node: yaml.Node,
    key: PathKey,
    marks: dict[PathKey, tuple[int, int]],
    shown: str,
    problems: list[Problem],
) -> Any:
    marks.setdefault(key, (node.start_mark.line + 1, node.start_mark.column + 1))
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for knode, vnode in node.value:
            k = loader.construct_object(knode, deep=True)
            if not isinstance(k, str | int):
                k = str(k)
            here = (knode.start_mark.line + 1, knode.start_mark.column + 1)
            if k in out:
                first = marks.get((*key, k), (0, 0))
                problems.append(problem("E003", shown, *here, key=k, first=first[0]))
            marks[(*key, k)] = here
            out[k] = _build(loader, vnode, (*key, k), marks, shown, problems)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [
            _build(loader, item, (*key, i), marks, shown, problems)
            for i, item in enumerate(node.value)
        ]
    return loader.construct_object(node, deep=True)
