"""FastAPI dependencies: the calling principal, and its rate limit."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from convilyn.auth.service import Principal
from convilyn.auth.web_sessions import SESSION_COOKIE, WEB_CLIENT_HEADER, WebClientHeaderMissing, session_principal
from convilyn.core.errors import TierTooLow, Unauthenticated
from convilyn.core.ratelimit import STATE_KEY, RateLimits
from convilyn.deps import app_context

bearer = HTTPBearer(auto_error=False, description="A JWT or an API key (cvl_...), as `Authorization: Bearer ...`.")


SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]


async def authenticate_request(request: Request, credentials: HTTPAuthorizationCredentials | None) -> Principal | None:
    """The caller of ``request``: by bearer credential, else by web-session cookie, else None.

    It (and ``rate_limited``'s limiter) reads the principal cache and the database from the
    app context itself rather than through ``Depends``: FastAPI resolves each dependency on
    every request (about 8 µs each), and every authenticated route runs this
    (docs/decisions.md, issue 12).
    """
    ctx = app_context(request)
    if credentials is not None:
        # Cached per process (auth/principals.py): no session at all on a hit.
        return await ctx.principals.principal(credentials.credentials)
    # A session of its own, closed before the route runs: the route's session is then the only one it holds.
    token = request.cookies.get(SESSION_COOKIE)
    if token is None:
        return None
    if request.method not in SAFE_METHODS and WEB_CLIENT_HEADER not in request.headers:
        # A cross-site form cannot set a header: a cookie alone never authorizes a write.
        raise WebClientHeaderMissing(f"A write signed in by cookie must carry the {WEB_CLIENT_HEADER} header.")
    async with ctx.db.read() as session:
        return await session_principal(session, token)


async def optional_principal(request: Request, credentials: Credentials) -> Principal | None:
    return await authenticate_request(request, credentials)


MaybeUser = Annotated[Principal | None, Depends(optional_principal)]


async def current_principal(principal: MaybeUser) -> Principal:
    if principal is None:
        raise Unauthenticated("Sign in, or send a bearer token: Authorization: Bearer <JWT or API key>.")
    return principal


# The authenticated caller, not counted against any rate-limit group (routes use Reader, Writer, ... below).
CurrentUser = Annotated[Principal, Depends(current_principal)]


def rate_limited(
    group: str, *, anonymous: bool = False, charge_on_success: bool = False
) -> Callable[..., Awaitable[Principal | None]]:
    """A dependency that authenticates (optionally) and counts the request against ``group``.

    With ``charge_on_success`` it only checks that the window has room; the route
    calls ``charge`` once its work succeeded, so refused requests cost nothing.
    """

    async def limit(request: Request, credentials: Credentials) -> Principal | None:
        principal = await authenticate_request(request, credentials)
        if principal is None and not anonymous:
            raise Unauthenticated("Sign in, or send a bearer token: Authorization: Bearer <JWT or API key>.")
        if principal is None:
            # The middleware already counted this request against the caller's address.
            return None
        limits = app_context(request).limits
        count = limits.check if charge_on_success else limits.hit
        window = await count(tier=principal.tier, group=group, key=principal.rate_key)
        request.scope.setdefault("state", {})[STATE_KEY] = window
        return principal

    return limit


async def charge(request: Request, limits: RateLimits, principal: Principal, group: str) -> None:
    """Count a request that succeeded against a ``charge_on_success`` group (429 if it is now full)."""
    window = await limits.hit(tier=principal.tier, group=group, key=principal.rate_key)
    request.scope.setdefault("state", {})[STATE_KEY] = window


def require_pro(principal: Principal, action: str) -> None:
    if not principal.is_pro:
        raise TierTooLow(f"{action} requires the Pro tier.", details={"tier": principal.tier})


# The principal of a request, counted against one rate-limit group (see core/ratelimit.py).
Reader = Annotated[Principal, Depends(rate_limited("read"))]
Writer = Annotated[Principal, Depends(rate_limited("write"))]
# Only jobs actually created count against the daily quota (see jobs/endpoints.create_job).
JobCreator = Annotated[Principal, Depends(rate_limited("job_create", charge_on_success=True))]
StatusPoller = Annotated[Principal, Depends(rate_limited("status_poll"))]
Uploader = Annotated[Principal, Depends(rate_limited("upload"))]
Forger = Annotated[Principal, Depends(rate_limited("forge"))]
# Anonymous callers allowed (counted by address); None when no token was sent.
MaybeReader = Annotated[Principal | None, Depends(rate_limited("read", anonymous=True))]
