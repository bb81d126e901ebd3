"""Where the shipped content lives, and fingerprints of content and code.

Authors edit `knowledge/`, `intents/` and `schemas/` at the top of the
repository. A wheel carries copies of them as package data, at
`chatbot/_shipped/<name>/` (pyproject.toml maps the three folders there), and
they are found through `importlib.resources`. An editable install or a plain
checkout has no `_shipped/`: the folders at the top of the checkout are used.
"""

from __future__ import annotations

import hashlib
import importlib.resources
import sys
from collections.abc import Iterable
from functools import cache
from pathlib import Path

#: The folder, inside the installed package, that holds the shipped content.
SHIPPED = "_shipped"

#: Hex digits of a content version: enough to tell versions apart, short enough to read.
VERSION_CHARS = 12


@cache
def shipped_root() -> Path:
    """The folder holding the shipped knowledge/, intents/ and schemas/."""
    packaged = importlib.resources.files("chatbot") / SHIPPED
    if isinstance(packaged, Path) and packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent  # a checkout or an editable install


def shipped_dir(name: str) -> Path:
    """`shipped_dir("knowledge")`: one of the shipped content folders."""
    return shipped_root() / name


def content_files(folder: Path) -> list[Path]:
    """Every regular file under `folder`, in a stable order: all that the loader may
    read (it reads hidden YAML files too), whatever its suffix, so that no change to
    the content can go unnoticed. Only Python's caches are left out; an editor's
    swap file counts, and costs at most one reload.
    """
    if not folder.is_dir():
        return []
    out = []
    for path in folder.rglob("*"):
        if "__pycache__" in path.relative_to(folder).parts or not path.is_file():
            continue
        out.append(path)
    return sorted(out, key=lambda p: p.relative_to(folder).as_posix())


def digest(folders: Iterable[tuple[str, Path | None]]) -> str:
    """SHA-256 over each (label, folder)'s files: relative path and bytes, in order.

    The label ("knowledge", "intents", "overlay") stands for where the folder
    is, so the same content gives the same digest wherever it is installed.
    Raises OSError if a file cannot be read.
    """
    h = hashlib.sha256()
    for label, folder in folders:
        if folder is None:
            continue
        h.update(f"\0folder\0{label}\0".encode())
        for path in content_files(folder):
            data = path.read_bytes()
            rel = path.relative_to(folder).as_posix()
            h.update(f"\0file\0{rel}\0{len(data)}\0".encode())
            h.update(data)
    return h.hexdigest()


@cache
def code_digest() -> str:
    """SHA-256 of this package's own Python files and the Python version: what a pickled
    knowledge base depends on besides its content (a checkout changes code without
    changing its version number)."""
    package = Path(__file__).resolve().parent
    h = hashlib.sha256(sys.version.encode())
    for path in sorted(package.rglob("*.py")):
        h.update(f"\0{path.relative_to(package).as_posix()}\0".encode())
        h.update(path.read_bytes())
    return h.hexdigest()
