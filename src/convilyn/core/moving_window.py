"""Exact moving-window counters in process memory: the limiter's store without Redis.

``limits``' own memory storage expires entries in a background task that hands
each key's list to a worker thread, and inserts each hit at the front of a list:
under load that is a thread hand-off per request and a copy that grows with the
limit. Here each key keeps a deque of its hit times, oldest first; a hit drops
the expired ones and appends, with no ``await`` in between, so concurrent
requests on the event loop are counted exactly. The semantics are those of
``limits.MovingWindowRateLimiter``: a hit is allowed while fewer than ``amount``
hits fall in the last ``expiry`` seconds, a refused hit is not recorded, and the
window resets when its oldest hit leaves it.
"""

from __future__ import annotations

import time
from collections import deque
from typing import NamedTuple

SWEEP_EVERY = 10_000  # hits between passes that forget keys with nothing left in their window


class WindowHit(NamedTuple):
    allowed: bool
    remaining: int
    reset_at: float  # epoch seconds


class MovingWindows:
    """Per-key hit times; one instance per process (the limiter's in-memory store)."""

    def __init__(self) -> None:
        self._hits: dict[str, tuple[deque[float], float]] = {}
        self._until_sweep = SWEEP_EVERY

    def hit(self, key: str, *, amount: int, expiry: float, count: bool = True) -> WindowHit:
        """Record one hit on ``key`` if fewer than ``amount`` fall within ``expiry`` s (only look: count=False)."""
        now = time.time()
        hits, _ = self._hits.get(key) or (deque(), expiry)
        while hits and hits[0] < now - expiry:
            hits.popleft()
        allowed = len(hits) < amount
        if allowed and count:
            hits.append(now)
        if hits:
            self._hits[key] = (hits, expiry)
        else:
            self._hits.pop(key, None)
        self._until_sweep -= 1
        if self._until_sweep <= 0:
            self._sweep(now)
        return WindowHit(allowed=allowed, remaining=amount - len(hits), reset_at=(hits[0] if hits else now) + expiry)

    def _sweep(self, now: float) -> None:
        self._until_sweep = SWEEP_EVERY
        for key, (hits, expiry) in list(self._hits.items()):
            if hits[-1] < now - expiry:
                del self._hits[key]

    def reset(self) -> None:
        self._hits.clear()
