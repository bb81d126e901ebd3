"""The content a bot answers from: the shipped folders, a clinic's overlay on top,
and the compiled-content cache in front of them.

`load_knowledge(settings)` hashes every content file; when the cache holds a
knowledge base made from exactly those bytes (by this code, with these
settings) it is used, otherwise the files are loaded, checked and compiled,
and the result is cached. Either way the knowledge base is stamped with its
content version: the short hash of the files, shipped plus overlay.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from .resources import VERSION_CHARS, code_digest, digest

#: The overlay's folders that take part in the content.
OVERLAID = ("knowledge", "intents")

if TYPE_CHECKING:
    from .content import KnowledgeBase
    from .settings import Settings
    from .types import Problem


def content_digest(settings: Settings) -> str:
    """SHA-256 of every file the settings' content is made of; OSError if one is unreadable."""
    folders: list[tuple[str, Path | None]] = [
        ("knowledge", settings.knowledge_dir),
        ("intents", settings.intents_dir),
    ]
    if settings.overlay_dir is not None:  # only what the overlay layers: not its tests or notes
        folders += [(f"overlay/{name}", settings.overlay_dir / name) for name in OVERLAID]
    return digest(folders)


def load_knowledge(settings: Settings) -> tuple[KnowledgeBase | None, list[Problem]]:
    """(knowledge base, problems), or (None, problems) when the content has errors."""
    from .content import KnowledgeBase, load

    try:
        before = content_digest(settings)
    except OSError:
        before = None  # loading reports the unreadable file
    cache, key = None, None
    if settings.cache_dir is not None and before is not None:
        from .cache import ContentCache

        cache, key = ContentCache(settings.cache_dir), cache_key(settings, before)
        hit = cache.get(key)
        if (
            isinstance(hit, tuple)
            and len(hit) == 2
            and isinstance(hit[0], KnowledgeBase)
            and hit[0].content_version == before[: len(hit[0].content_version)]
        ):
            return hit[0], list(hit[1])
    kb, problems = load(
        settings.knowledge_dir, settings.intents_dir, settings.thresholds, settings.overlay_dir
    )
    if kb is None or before is None:
        return kb, problems
    kb = replace(kb, content_version=before[:VERSION_CHARS])
    if cache is not None and key is not None:
        try:
            unchanged = content_digest(settings) == before
        except OSError:
            unchanged = False
        if unchanged:  # a file edited while loading: do not cache a mix
            cache.put(key, (kb, [p for p in problems if p.severity == "warning"]))
    return kb, problems


def cache_key(settings: Settings, content: str) -> str:
    """Everything a compiled knowledge base depends on, as one hex digest."""
    from . import __version__

    parts = [
        __version__,
        code_digest(),
        content,
        repr(settings.thresholds),
        str(settings.knowledge_dir.resolve()),
        str(settings.intents_dir.resolve()),
        str(settings.overlay_dir) if settings.overlay_dir else "",
    ]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()
