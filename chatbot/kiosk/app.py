"""The kiosk web app: one page, its static files and a small JSON API.

The server keeps no conversation: each reply carries an opaque `context` token
(`chatbot.context`) that the page sends back with the next message, so any
instance can answer any turn. Message text is never logged or stored.
"""

from __future__ import annotations

import json
import stat
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..bot import Chatbot, ContentError, UnknownRegion
from ..context import parse_message, turn

STATIC_DIR = Path(__file__).parent / "static"

#: The topic buttons the page shows, in this order (those the content has).
FEATURED_TOPICS = (
    "baclofen.side_effects",
    "baclofen.alcohol",
    "baclofen.missed_dose",
    "baclofen.stopping",
    "baclofen.driving",
    "baclofen.pregnancy",
    "baclofen.storage",
    "baclofen.how_it_works",
)

SECURITY_HEADERS = {
    "content-security-policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
    ),
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}


@dataclass(frozen=True, slots=True)
class KioskSettings:
    idle_seconds: int = 120  # the page wipes itself after this long without input
    max_body: int = 4096  # bytes; larger requests get 413
    featured_topics: tuple[str, ...] = FEATURED_TOPICS


class HasBot(Protocol):
    def get(self) -> Chatbot: ...


class BotProvider:
    """The current bot; swaps in a reloaded one when the content files change.

    At most once every `interval` seconds, a request stats the content files.
    If they changed, the content is loaded again; when it has errors, the last
    good bot stays and the problems go to stderr.
    """

    def __init__(
        self, bot: Chatbot, interval: float = 1.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._bot = bot
        self._interval = interval
        self._clock = clock
        self._stamp = content_stamp(bot)
        self._due = clock() + interval
        self._lock = threading.Lock()

    def get(self) -> Chatbot:
        if self._clock() >= self._due and self._lock.acquire(blocking=False):
            try:
                self._due = self._clock() + self._interval
                stamp = content_stamp(self._bot)
                if stamp != self._stamp:
                    self._stamp = stamp  # a broken version is reported once, not every second
                    self._reload()
            finally:
                self._lock.release()
        return self._bot

    def _reload(self) -> None:
        try:
            self._bot = self._bot.reloaded()
        except (ContentError, UnknownRegion, OSError) as exc:
            print(
                f"chatbot serve: content changed but not reloaded; keeping the last good "
                f"version.\n{exc}",
                file=sys.stderr,
                flush=True,
            )
        else:
            print("chatbot serve: content reloaded", file=sys.stderr, flush=True)


def content_stamp(bot: Chatbot) -> tuple[tuple[str, int, int], ...]:
    """Path, mtime and size of every file under the bot's content folders."""
    stamp = []
    for folder in (bot.settings.knowledge_dir, bot.settings.intents_dir, bot.settings.overlay_dir):
        for path in sorted(Path(folder).rglob("*")) if folder else ():
            try:
                st = path.stat()
            except OSError:  # removed while we looked
                continue
            if stat.S_ISREG(st.st_mode):
                stamp.append((str(path), st.st_mtime_ns, st.st_size))
    return tuple(stamp)


class SecurityHeaders:
    """Adds the security headers to every response, and no-store to the API's."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        cache = "no-store" if scope["path"].startswith("/api/") else "no-cache"

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [
                    (k, v)
                    for k, v in message.get("headers", [])
                    if k.decode("latin-1").lower() != "cache-control"
                ]
                headers += [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
                headers.append((b"cache-control", cache.encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


async def read_body(request: Request, limit: int) -> bytes | None:
    """The body, or None when it is longer than `limit` bytes (read no further)."""
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > limit:
        return None
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            return None
    return bytes(body)


def create_app(bot_provider: HasBot, settings: KioskSettings | None = None) -> Starlette:
    settings = settings or KioskSettings()

    async def page(request: Request) -> Response:
        return FileResponse(STATIC_DIR / "index.html")

    async def message(request: Request) -> Response:
        body = await read_body(request, settings.max_body)
        if body is None:
            return error(413, f"request body is larger than {settings.max_body} bytes")
        try:
            data = json.loads(body)
        except (ValueError, RecursionError) as exc:  # ValueError includes bad UTF-8
            return error(422, f"body is not valid JSON: {exc}")
        try:
            text, context = parse_message(data)
        except ValueError as exc:
            return error(422, str(exc))
        return JSONResponse(turn(bot_provider.get(), text, context))

    async def topics(request: Request) -> Response:
        return JSONResponse([t.to_dict() for t in bot_provider.get().topics()])

    async def config(request: Request) -> Response:
        bot = bot_provider.get()
        return JSONResponse(
            {
                "idle_seconds": settings.idle_seconds,
                "welcome": bot.welcome(),
                "region": bot.region,
                "featured": [t for t in settings.featured_topics if t in bot.kb.answers],
            }
        )

    async def healthz(request: Request) -> Response:
        return JSONResponse(
            {"status": "ok", "content_version": bot_provider.get().kb.content_version}
        )

    routes = [
        Route("/", page),
        Route("/api/message", message, methods=["POST"]),
        Route("/api/topics", topics),
        Route("/api/config", config),
        Route("/healthz", healthz),
        Mount("/static", StaticFiles(directory=STATIC_DIR), name="static"),
    ]
    return Starlette(routes=routes, middleware=[Middleware(SecurityHeaders)])
