"""The kiosk web app: one page, its static files and a small JSON API.

The server keeps no conversation: each reply carries an opaque `context` token
(`chatbot.context`) that the page sends back with the next message, so any
instance can answer any turn. Message text is never logged or stored.
"""

from __future__ import annotations

import asyncio
import json
import stat
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..bot import Chatbot, ContentError, UnknownSetting
from ..context import parse_message, turn
from .takehome import qr_svg, take_home

STATIC_DIR = Path(__file__).parent / "static"

#: Host names the server answers to by default: this machine's (against DNS rebinding).
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")

SECURITY_HEADERS = {
    "content-security-policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
    ),
    "permissions-policy": (
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=(), "
        "display-capture=()"
    ),
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}

MEDIA_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
}


@dataclass(frozen=True, slots=True)
class KioskSettings:
    idle_seconds: int = 120  # the page wipes itself after this long without input
    countdown_seconds: int = 20  # ...showing "Still there?" for the last this many
    hold_seconds: int = 600  # an emergency or crisis screen is kept at least this long
    max_body: int = 4096  # bytes; larger requests get 413
    body_timeout: float = 10.0  # seconds to receive a request body; then 408
    allowed_hosts: tuple[str, ...] = LOCAL_HOSTS  # Host header names answered; "*" for any
    context_secret: bytes | None = field(default=None, repr=False)  # signs context tokens


class Loaded(NamedTuple):
    bot: Chatbot
    version: str  # content_version of the files it was loaded from


class HasBot(Protocol):
    def current(self) -> Loaded: ...


def in_thread(job: Callable[[], None]) -> None:
    threading.Thread(target=job, name="content-reload", daemon=True).start()


class BotProvider:
    """The current bot; swaps in a reloaded one when the content files change.

    At most once every `interval` seconds, a request starts a check of the
    content files in the background (`background`, a thread by default), so no
    request waits on it. If they changed, the content is loaded again; when it
    has errors, the last good bot stays and the problems go to stderr.
    """

    def __init__(
        self,
        bot: Chatbot,
        interval: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
        background: Callable[[Callable[[], None]], None] = in_thread,
    ) -> None:
        self._loaded = Loaded(bot, bot.kb.content_version)
        self._interval = interval
        self._clock = clock
        self._background = background
        self._stamp = content_stamp(bot)
        self._due = clock() + interval
        self._checking = threading.Lock()

    def current(self) -> Loaded:
        if self._clock() >= self._due and self._checking.acquire(blocking=False):
            self._due = self._clock() + self._interval
            self._background(self._check)
        return self._loaded

    def get(self) -> Chatbot:
        return self.current().bot

    def _check(self) -> None:
        try:
            bot = self._loaded.bot
            stamp = content_stamp(bot)
            if stamp != self._stamp:
                self._stamp = stamp  # a broken version is reported once, not every second
                self._reload(bot)
        finally:
            self._checking.release()

    def _reload(self, bot: Chatbot) -> None:
        try:
            new = bot.reloaded()
            version = new.kb.content_version
        except (ContentError, UnknownSetting, OSError) as exc:
            print(
                f"chatbot serve: content changed but not reloaded; keeping the last good "
                f"version.\n{exc}",
                file=sys.stderr,
                flush=True,
            )
        else:
            self._loaded = Loaded(new, version)
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


# --- the outer layers -----------------------------------------------------------------------


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


class HostCheck:
    """Answers only requests whose Host header names an allowed host (400 otherwise).

    A page on another site cannot then reach the kiosk through a DNS name that
    it points at 127.0.0.1 (DNS rebinding).
    """

    def __init__(self, app: ASGIApp, allowed: tuple[str, ...]) -> None:
        self.app = app
        self.any = "*" in allowed
        self.allowed = frozenset(h.lower().strip("[]") for h in allowed)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and not self.any:
            host = host_name(dict(scope["headers"]).get(b"host", b"").decode("latin-1"))
            if host not in self.allowed:
                response = error(400, "this server does not answer to that host name", close=True)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


def host_name(header: str) -> str:
    """'localhost:8000' -> 'localhost', '[::1]:8000' -> '::1'."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:].split("]", 1)[0]
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def error(status: int, message: str, close: bool = False) -> JSONResponse:
    headers = {"connection": "close"} if close else None
    return JSONResponse({"error": message}, status_code=status, headers=headers)


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    messages = {404: f"no such page: {request.url.path}", 405: "method not allowed"}
    response = error(exc.status_code, messages.get(exc.status_code, str(exc.detail)))
    response.headers.update(exc.headers or {})
    return response


async def server_error(request: Request, exc: Exception) -> Response:
    return error(500, "internal error")


# --- requests --------------------------------------------------------------------------------


class BodyTooLarge(Exception):
    pass


async def read_body(request: Request, limit: int, timeout: float) -> bytes:
    """The body; BodyTooLarge past `limit` bytes (read no further), TimeoutError after
    `timeout` seconds, ClientDisconnect when the client hangs up."""
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > limit:
        raise BodyTooLarge
    body = bytearray()
    async with asyncio.timeout(timeout):
        async for chunk in request.stream():
            body += chunk
            if len(body) > limit:
                raise BodyTooLarge
    return bytes(body)


@dataclass(frozen=True)
class Asset:
    body: bytes
    media_type: str


def load_assets(folder: Path) -> dict[str, Asset]:
    """The page's files, read once: the page keeps working if the files change or go."""
    assets = {
        p.name: Asset(p.read_bytes(), MEDIA_TYPES[p.suffix])
        for p in sorted(folder.iterdir())
        if p.suffix in MEDIA_TYPES
    }
    if "index.html" not in assets:
        raise FileNotFoundError(f"{folder / 'index.html'} is missing")
    return assets


def create_app(bot_provider: HasBot, settings: KioskSettings | None = None) -> Starlette:
    settings = settings or KioskSettings()
    assets = load_assets(STATIC_DIR)
    secret = settings.context_secret

    async def page(request: Request) -> Response:
        index = assets["index.html"]
        return Response(index.body, media_type=index.media_type)

    async def static(request: Request) -> Response:
        asset = assets.get(request.path_params["name"])
        if asset is None:
            raise HTTPException(404)
        return Response(asset.body, media_type=asset.media_type)

    async def message(request: Request) -> Response:
        try:
            body = await read_body(request, settings.max_body, settings.body_timeout)
        except BodyTooLarge:
            return error(413, f"request body is larger than {settings.max_body} bytes", close=True)
        except TimeoutError:
            return error(
                408, f"request body not received within {settings.body_timeout:g} s", close=True
            )
        except ClientDisconnect:  # nobody is left to answer: nothing to log either
            return Response(status_code=400)
        try:
            data = json.loads(body)
        except (ValueError, RecursionError) as exc:  # ValueError includes bad UTF-8
            return error(422, f"body is not valid JSON: {exc}")
        bot, version = bot_provider.current()
        try:
            message = parse_message(data, bot.languages)
        except ValueError as exc:
            return error(422, str(exc))
        reply = turn(bot, *message, version=version, secret=secret)
        return JSONResponse({**reply, "take_home": take_home_of(bot, reply)})

    async def qr(request: Request) -> Response:
        bot = bot_provider.current().bot
        answer = bot.kb.answers.get(request.path_params["topic"])
        source = take_home(answer.sources) if answer else None
        if source is None:
            raise HTTPException(404)
        return Response(qr_svg(source.url, source.title), media_type="image/svg+xml")

    def in_language(request: Request) -> tuple[Chatbot, str]:
        """The bot, and the one whose content is in the page's language (`?lang=es`)."""
        bot = bot_provider.current().bot
        lang = request.query_params.get("lang") or bot.settings.language
        if lang not in bot.languages:
            raise HTTPException(404, f"no content in language {lang!r}")
        return bot, lang

    async def topics(request: Request) -> Response:
        bot, lang = in_language(request)
        return JSONResponse([t.to_dict() for t in bot.in_language(lang).topics()])

    async def config(request: Request) -> Response:
        bot, lang = in_language(request)
        region = bot.kb.regions[bot.region]
        ui = bot.in_language(lang).kb.ui
        return JSONResponse(
            {
                "lang": lang,
                # a button per language, each named in itself ("Español")
                "languages": [
                    {"code": code, "name": bot.in_language(code).kb.ui.language.name}
                    for code in bot.languages
                ],
                "idle_seconds": settings.idle_seconds,
                "countdown_seconds": settings.countdown_seconds,
                "hold_seconds": settings.hold_seconds,
                "welcome": bot.welcome(lang),
                "region": bot.region,
                "contacts": {
                    "emergency_number": region.emergency.number,
                    "poison": {"name": region.poison.name, "number": region.poison.number},
                    "crisis": {"name": region.crisis.name, "number": region.crisis.number},
                },
                # the topic buttons, in order: checked at load (E039), filtered all the same
                "featured": [t for t in ui.kiosk.featured_topics if t in bot.kb.answers],
                # every word of the page (knowledge/ui.yaml): the page holds none of its own
                "ui": {
                    "banners": ui.banners.model_dump(),
                    "reply": ui.reply.model_dump(),
                    "kiosk": ui.kiosk.model_dump(exclude={"featured_topics"}),
                },
            }
        )

    async def healthz(request: Request) -> Response:
        return JSONResponse({"status": "ok", "content_version": bot_provider.current().version})

    routes = [
        Route("/", page),
        Route("/static/{name}", static),
        Route("/api/message", message, methods=["POST"]),
        Route("/api/qr/{topic}", qr),
        Route("/api/topics", topics),
        Route("/api/config", config),
        Route("/healthz", healthz),
    ]
    app = Starlette(
        routes=routes,
        middleware=[
            Middleware(SecurityHeaders),
            Middleware(HostCheck, allowed=settings.allowed_hosts),
        ],
        exception_handlers={HTTPException: http_error, Exception: server_error},
    )
    # a redirect to the same path with a slash would take its address from the Host header
    app.router.redirect_slashes = False
    return app


def take_home_of(bot: Chatbot, reply: dict[str, Any]) -> dict[str, str] | None:
    """The answer's take-home link and the address of its QR code, or None."""
    topic = reply.get("topic")
    if reply.get("kind") != "answer" or not topic or topic not in bot.kb.answers:
        return None
    source = take_home(bot.kb.answers[topic].sources)
    if source is None:
        return None
    return {"title": source.title, "url": source.url, "qr": f"/api/qr/{topic}"}
