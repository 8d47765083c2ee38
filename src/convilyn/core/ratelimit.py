"""Rate limits per principal, per endpoint group and per tier, on the `limits` library.

Counters live in memory by default (``core/moving_window.py``: the same
moving-window semantics, no thread hand-off per request) and in Redis when
``CONVILYN_REDIS_URL`` is set. When Redis cannot be reached the limiter fails open: the request goes
through uncounted, a warning is logged (at most once per cool-down) and the
fail-open counter grows; Redis is not tried again until the cool-down ends, so
an outage costs one bounded wait, not one per request. Every response carries the ``X-RateLimit-*`` headers. The middleware below
limits every request without credentials by the caller's address (the
``anonymous`` group) before the app sees it; routes limit an authenticated
principal by its key, tier and endpoint group and record the window on the
request; the middleware then writes the headers of whichever window applied.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from typing import NamedTuple, cast

from limits import RateLimitItem, WindowStats, parse
from limits.aio.storage import Storage as AsyncStorage
from limits.aio.strategies import MovingWindowRateLimiter
from limits.errors import StorageError
from limits.storage import storage_from_string
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from convilyn.core.errors import RateLimited, app_error_response
from convilyn.core.moving_window import MovingWindows
from convilyn.core.settings import Settings
from convilyn.ops.metrics import RATE_LIMIT_FAIL_OPEN, RATE_LIMIT_REFUSALS

log = logging.getLogger("convilyn.ratelimit")

STATE_KEY = "ratelimit"
ANONYMOUS = "anonymous"
STORAGE_TIMEOUT = 1.0  # seconds one counter call to Redis may take before the limiter fails open
COOL_DOWN = 5.0  # seconds the limiter stays open after a failure before it tries Redis again


class Window(NamedTuple):  # a NamedTuple: built on every request, at half a frozen dataclass's cost
    limit: int
    remaining: int
    reset_at: float  # epoch seconds

    def headers(self) -> dict[str, str]:
        return {
            "X-RateLimit-Limit": str(self.limit),
            "X-RateLimit-Remaining": str(max(self.remaining, 0)),
            "X-RateLimit-Reset": str(math.ceil(self.reset_at)),
        }


class RateLimits:
    """The configured limits and the counters behind them."""

    def __init__(self, settings: Settings) -> None:
        self.enabled = settings.rate_limits_enabled
        self._table: dict[str, dict[str, RateLimitItem]] = {
            tier: {group: parse(rate) for group, rate in groups.items()}
            for tier, groups in settings.rate_limits.items()
        }
        self.uses_redis = bool(settings.redis_url)
        # Without Redis the counters are this process's own; with it, shared through `limits`.
        self._memory = None if settings.redis_url else MovingWindows()
        if settings.redis_url:
            # async+ URIs give limits' asyncio storages (storage_from_string is typed for both kinds).
            uri = settings.redis_url.replace("redis://", "async+redis://", 1)
            self.storage = cast(AsyncStorage, storage_from_string(uri, wrap_exceptions=True))
            self._limiter = MovingWindowRateLimiter(self.storage)
        self.failed_open = 0  # requests let through uncounted because the counters were unreachable
        self._open_until = 0.0  # monotonic time before which the counters are not tried

    def item(self, tier: str, group: str) -> RateLimitItem:
        groups = self._table.get(tier) or self._table["free"]
        return groups.get(group) or self._table["free"][group]

    async def hit(self, *, tier: str, group: str, key: str) -> Window:
        """Count one request; raise RateLimited (429) if the window is full.

        If the counters cannot be reached, the request is let through (see the module docstring).
        """
        return await self._apply(tier, group, key, count=True)

    async def check(self, *, tier: str, group: str, key: str) -> Window:
        """Raise RateLimited (429) if the window is full, without counting anything.

        For quotas charged only when the request succeeds (job creation): check
        first, then ``hit`` once the work is done, inside its transaction.
        """
        return await self._apply(tier, group, key, count=False)

    async def _apply(self, tier: str, group: str, key: str, *, count: bool) -> Window:
        item = self.item(tier, group)
        if self._memory is not None:
            counted = self._memory.hit(item.key_for(tier, group, key), amount=item.amount,
                                       expiry=item.get_expiry(), count=self.enabled and count)
            allowed = counted.allowed or not self.enabled
            window = Window(limit=item.amount, remaining=counted.remaining, reset_at=counted.reset_at)
        else:
            if time.monotonic() < self._open_until:
                return self._fail_open(item, None)
            try:
                allowed, stats = await asyncio.wait_for(self._count(item, tier, group, key, count=count),
                                                        STORAGE_TIMEOUT)
            except (StorageError, OSError, TimeoutError) as exc:
                return self._fail_open(item, exc)
            window = Window(limit=item.amount, remaining=stats.remaining, reset_at=stats.reset_time)
        if not allowed:
            RATE_LIMIT_REFUSALS.labels(group).inc()
            retry_after = max(1, math.ceil(window.reset_at - time.time()))
            raise RateLimited(
                f"Rate limit of {item.amount} per {item.GRANULARITY.name} reached for {group}; "
                f"retry in {retry_after} s.",
                details={"limit": item.amount, "group": group, "retryAfter": retry_after},
                headers={**window.headers(), "Retry-After": str(retry_after)},
            )
        return window

    async def _count(self, item: RateLimitItem, *identifiers: str, count: bool) -> tuple[bool, WindowStats]:
        counter = self._limiter.hit if count else self._limiter.test
        allowed = await counter(item, *identifiers) if self.enabled else True
        return allowed, await self._limiter.get_window_stats(item, *identifiers)

    def _fail_open(self, item: RateLimitItem, error: BaseException | None) -> Window:
        self.failed_open += 1
        RATE_LIMIT_FAIL_OPEN.inc()
        if error is not None:
            self._open_until = time.monotonic() + COOL_DOWN
            log.warning("rate-limit counters unreachable (%s: %s); letting requests through uncounted for %g s",
                        type(error).__name__, error, COOL_DOWN)
        # Nothing was counted: report the whole window as left.
        return Window(limit=item.amount, remaining=item.amount, reset_at=time.time() + item.get_expiry())

    async def reset(self) -> None:
        if self._memory is not None:
            self._memory.reset()
        else:
            await self.storage.reset()

    async def check_reachable(self) -> bool:
        """Whether the counters answer now (False rather than an error when they do not)."""
        if self._memory is not None:
            return True
        try:
            return bool(await asyncio.wait_for(self.storage.check(), STORAGE_TIMEOUT))
        except (StorageError, OSError, TimeoutError):
            return False


def _client_key(scope: Scope) -> str:
    client = scope.get("client") or ("unknown", 0)
    return f"ip:{client[0]}"


class RateLimitHeaders:
    """ASGI middleware: the X-RateLimit-* headers on every HTTP response."""

    def __init__(self, app: ASGIApp, limits: RateLimits, *, credential_cookie: str | None = None) -> None:
        self.app = app
        self.limits = limits
        # A request carrying this cookie is credentialed like one with Authorization: its route counts it.
        self.credential_cookie = f"{credential_cookie}=".encode() if credential_cookie else None

    def _has_credentials(self, scope: Scope) -> bool:
        for name, value in scope.get("headers", []):
            if name == b"authorization":
                return True
            if name == b"cookie" and self.credential_cookie is not None and self.credential_cookie in value:
                return True
        return False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        state = scope.setdefault("state", {})
        if not self._has_credentials(scope):
            try:
                state[STATE_KEY] = await self.limits.hit(tier="free", group=ANONYMOUS, key=_client_key(scope))
            except RateLimited as exc:
                await app_error_response(exc)(scope, receive, send)
                return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                window: Window | None = state.get(STATE_KEY)
                if window is None:
                    window = await self._anonymous_window(scope)
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                for name, value in window.headers().items():
                    if name.lower().encode() not in present:
                        headers.append((name.lower().encode(), value.encode()))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)

    async def _anonymous_window(self, scope: Scope) -> Window:
        # Credentials were sent but no route counted them (a 401, an unlimited route):
        # count the request against the address; the response is already decided.
        try:
            return await self.limits.hit(tier="free", group=ANONYMOUS, key=_client_key(scope))
        except RateLimited as exc:
            # The response is already decided; report the exhausted window.
            headers = exc.headers or {}
            return Window(limit=int(headers["X-RateLimit-Limit"]), remaining=0,
                          reset_at=float(headers["X-RateLimit-Reset"]))
