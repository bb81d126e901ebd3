"""uvicorn's h11 protocol with the limits a kiosk left running needs.

uvicorn has no timeout for a request head that never ends, so a few hundred
clients sending one header byte at a time hold every connection the process
may open. This protocol adds, per connection:

- a **head timeout**: the request line and headers must arrive within
  `head_timeout` seconds of the connection opening (or of the first byte of
  the next request on a kept-alive connection), or the client gets 408 and
  the connection is closed;
- a **connection limit** (`limit_concurrency` of uvicorn's Config, read here
  instead of by uvicorn, whose 503 would also turn away real users while slow
  clients hold their connections): at the limit, the connection that has
  waited longest on its client (head or body unfinished, or idle between
  requests) is closed with 408 to make room, and only when every connection
  is busy being answered is the newcomer refused with 503;
- **JSON bodies** for the errors the server writes itself (400, 408, 503);
- a **shutdown** that does not wait on a client still sending its body: the
  app sees a disconnect and the connection closes at once.

The body timeout is the app's (`read_body`), where the body is read.
"""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

import h11
from uvicorn.config import Config
from uvicorn.protocols.http.h11_impl import STATUS_PHRASES, H11Protocol
from uvicorn.server import ServerState

#: Seconds a client has to send its request line and headers.
DEFAULT_HEAD_TIMEOUT = 10.0


class KioskConfig(Config):
    """uvicorn's Config plus the head timeout (picklable, for worker processes)."""

    def __init__(self, *args: Any, head_timeout: float = DEFAULT_HEAD_TIMEOUT, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.head_timeout = head_timeout


def error_response(status: int, message: str) -> bytes:
    """A whole HTTP/1.1 response with a JSON error body that closes the connection."""
    body = json.dumps({"error": message}).encode()
    head = (
        f"HTTP/1.1 {status} {STATUS_PHRASES[status].decode()}\r\n"
        "content-type: application/json\r\n"
        f"content-length: {len(body)}\r\n"
        "cache-control: no-store\r\n"
        "x-content-type-options: nosniff\r\n"
        "connection: close\r\n\r\n"
    )
    return head.encode("ascii") + body


class GuardedH11Protocol(H11Protocol):
    def __init__(
        self,
        config: Config,
        server_state: ServerState,
        app_state: dict[str, Any],
        _loop: asyncio.AbstractEventLoop | None = None,
    ) -> None:
        super().__init__(config, server_state, app_state, _loop)
        self.head_timeout: float = getattr(config, "head_timeout", DEFAULT_HEAD_TIMEOUT)
        self.max_connections = config.limit_concurrency
        self.limit_concurrency = None  # uvicorn's own check: replaced by `_make_room`
        self._head_timer: asyncio.TimerHandle | None = None
        self.waiting_since = time.monotonic()  # when it last started waiting on its client

    # --- connection life ---------------------------------------------------------------
    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        full = self.max_connections is not None and len(self.connections) >= self.max_connections
        if full and not self._make_room():
            transport.write(error_response(503, "the server is busy; try again shortly"))
            transport.close()
            return
        super().connection_made(transport)
        self._arm_head_timer()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm_head_timer()
        if self.transport is None:  # refused in connection_made
            return
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self._head_timer is None and self._waiting_for_head():
            self._arm_head_timer()  # the first bytes of the next request on a kept-alive connection
        super().data_received(data)
        if self._head_timer is not None and not self._waiting_for_head():
            self._disarm_head_timer()

    def on_response_complete(self) -> None:
        self.waiting_since = time.monotonic()
        super().on_response_complete()

    def shutdown(self) -> None:
        if self._reading_body():
            self._drop("the server is shutting down")
            return
        super().shutdown()

    def send_400_response(self, msg: str) -> None:
        self.transport.write(error_response(400, msg))
        self.transport.close()

    # --- what the connection is doing --------------------------------------------------
    def _waiting_for_head(self) -> bool:
        return self.conn.their_state is h11.IDLE and (
            self.cycle is None or self.cycle.response_complete
        )

    def _reading_body(self) -> bool:
        cycle = self.cycle
        return (
            cycle is not None
            and not cycle.response_started
            and self.conn.their_state is h11.SEND_BODY
        )

    def stalled(self) -> bool:
        """Waiting on the client: for a request head or the rest of a body."""
        return not self.transport.is_closing() and (
            self._waiting_for_head() or self._reading_body()
        )

    # --- limits --------------------------------------------------------------------------
    def _arm_head_timer(self) -> None:
        self._disarm_head_timer()
        self.waiting_since = time.monotonic()
        self._head_timer = self.loop.call_later(self.head_timeout, self._head_timed_out)

    def _disarm_head_timer(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_timed_out(self) -> None:
        self._head_timer = None
        if not self.transport.is_closing() and self._waiting_for_head():
            self._drop(f"request head not received within {self.head_timeout:g} s")

    def _make_room(self) -> bool:
        """Close the connection that has waited longest on its client; False if none is."""
        stalled = [c for c in self.connections if isinstance(c, GuardedH11Protocol) and c.stalled()]
        if not stalled:
            return False
        min(stalled, key=lambda c: c.waiting_since)._drop("connection closed to make room")
        return True

    def _drop(self, message: str) -> None:
        """408 with `message`, then close; an app still reading the body sees a disconnect."""
        self._disarm_head_timer()
        self._unset_keepalive_if_required()
        if self.cycle is not None and not self.cycle.response_complete:
            self.cycle.disconnected = True
            self.cycle.message_event.set()
        if not self.transport.is_closing():
            self.transport.write(error_response(408, message))
            self.transport.close()
        self.connections.discard(self)
