"""The compiled-content cache: a loaded knowledge base, pickled, in the user's cache folder.

Reading the YAML, compiling the safety rules and screening every example
takes a few tenths of a second; unpickling the result takes a few hundredths.
The cache is only ever a copy. An entry is found by a key that is a digest of
everything the knowledge base is made from (every content file's bytes, the
package's code and version, Python's version, the load settings: see
`chatbot.loader`), and the key is stored again inside the file and compared on
reading. A stale, foreign, unreadable or corrupt entry is never used: it is
ignored, the content is loaded from its files, and the entry is written again.
How a knowledge base is pickled is `chatbot.pickling`'s business.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import stat
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .pickling import dumps

#: First bytes of every cache file; a change in the file layout changes it.
MAGIC = b"baclofen-chatbot content cache 1\n"
#: Entries kept; older ones are removed when a new one is written.
KEEP = 8
#: The folder's name inside the platform's cache folder.
APP_DIR = "baclofen-chatbot"


def default_cache_dir(environ: Mapping[str, str], platform: str = sys.platform) -> Path | None:
    """Where the cache lives, or None when it is switched off.

    `CHATBOT_NO_CACHE` (any value but "" or "0") switches it off;
    `CHATBOT_CACHE_DIR` names the folder; otherwise `$XDG_CACHE_HOME/baclofen-chatbot`,
    `~/.cache/baclofen-chatbot` (Linux), `~/Library/Caches/baclofen-chatbot` (macOS)
    or `%LOCALAPPDATA%\\baclofen-chatbot\\Cache` (Windows).
    """
    if environ.get("CHATBOT_NO_CACHE", "") not in ("", "0"):
        return None
    if environ.get("CHATBOT_CACHE_DIR"):
        return Path(environ["CHATBOT_CACHE_DIR"])
    if platform == "win32":
        base = environ.get("LOCALAPPDATA")
        return Path(base) / APP_DIR / "Cache" if base else None
    if environ.get("XDG_CACHE_HOME"):
        return Path(environ["XDG_CACHE_HOME"]) / APP_DIR
    home = environ.get("HOME")
    if not home:
        return None
    if platform == "darwin":
        return Path(home) / "Library" / "Caches" / APP_DIR
    return Path(home) / ".cache" / APP_DIR


class ContentCache:
    """Pickled objects in one folder, each under a hex key (a digest of its inputs)."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def path(self, key: str) -> Path:
        return self.folder / f"kb-{key[:40]}.pickle"

    def get(self, key: str) -> Any | None:
        """The object stored under `key`, or None: missing, unreadable, corrupt, foreign."""
        if not self._safe_folder():
            return None
        try:
            data = self.path(key).read_bytes()
        except OSError:
            return None
        head = MAGIC + key.encode("ascii") + b"\n"
        if not data.startswith(head):
            return None
        try:
            return pickle.loads(memoryview(data)[len(head) :])
        except Exception:  # a corrupt or incompatible entry is a miss, whatever it raises
            return None

    def put(self, key: str, value: object) -> bool:
        """Store `value` under `key`; False (and nothing written) if that cannot be done."""
        try:
            payload = dumps(value)
        except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
            return False
        try:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            if not self._safe_folder():
                return False
            import tempfile

            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".kb-", suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as f:
                    f.write(MAGIC + key.encode("ascii") + b"\n")
                    f.write(payload)
                os.replace(tmp, self.path(key))
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
            self._prune(keep=self.path(key))
        except OSError:
            return False
        return True

    def _safe_folder(self) -> bool:
        """A pickle is code: only read or write a folder that only this user can write."""
        try:
            st = self.folder.stat()
        except OSError:
            return False
        if not stat.S_ISDIR(st.st_mode):
            return False
        if hasattr(os, "getuid"):
            return st.st_uid == os.getuid() and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
        return True

    def _prune(self, keep: Path) -> None:
        entries = []
        for p in self.folder.glob("kb-*.pickle"):
            with contextlib.suppress(OSError):
                entries.append((p.stat().st_mtime, p))
        entries.sort(reverse=True)
        for _mtime, p in entries[KEEP:]:
            if p != keep:
                with contextlib.suppress(OSError):
                    p.unlink()
