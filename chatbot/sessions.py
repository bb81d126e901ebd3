"""A bounded, expiring, thread-safe store of conversation states by session id."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import TypeVar

from .types import State

T = TypeVar("T")


class SessionStore:
    def __init__(
        self, ttl: float, max_sessions: int, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.ttl = ttl
        self.max_sessions = max_sessions
        self.clock = clock
        self._states: OrderedDict[str, tuple[float, State]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, session: str) -> State:
        with self._lock:
            return self._get(session, self.clock())

    def _get(self, session: str, now: float) -> State:
        entry = self._states.get(session)
        if entry is None or now - entry[0] > self.ttl:
            self._states.pop(session, None)
            return State()
        return entry[1]

    def update(self, session: str, step: Callable[[State], tuple[T, State]]) -> T:
        """Run `step` on the session's state and keep the state it returns."""
        with self._lock:
            state = self._get(session, self.clock())
        result, new_state = step(state)  # outside the lock: sessions do not wait on each other
        with self._lock:
            now = self.clock()
            self._states[session] = (now, new_state)
            self._states.move_to_end(session)
            self._evict(now)
            return result

    def reset(self, session: str) -> None:
        with self._lock:
            self._states.pop(session, None)

    def __len__(self) -> int:
        with self._lock:
            return len(self._states)

    def _evict(self, now: float) -> None:
        while self._states:
            oldest, (seen, _) = next(iter(self._states.items()))
            if len(self._states) > self.max_sessions or now - seen > self.ttl:
                del self._states[oldest]
            else:
                break
