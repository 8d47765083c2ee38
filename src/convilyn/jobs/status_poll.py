"""``GET /jobs/goal/{id}/status`` served in front of the framework: the hottest route.

The seed has every client poll a running job every 2 s. Through FastAPI, a poll
spent most of its time in the framework: matching the path against some seventy
routes, five middleware layers, dependency resolution and response validation
(docs/decisions.md has the figures). This pure ASGI middleware answers the poll
with the same pieces the route uses (the principal cache, the limiter,
``service.job_status``) and the same bytes and headers (tests/api/test_status_poll.py
pins them). What it does not recognise goes on to the FastAPI route, which stays
declared for OpenAPI and answers as it always has: another method or path, no
bearer credential, a malformed job id, a credential that does not authenticate.
It sits inside the request-id, metrics and rate-limit-header middlewares, so a
poll it answers carries ``X-Request-ID`` and ``X-RateLimit-*`` and is counted
under the route's template like any other request.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from convilyn.auth.principals import PrincipalCache
from convilyn.core.db import Database
from convilyn.core.errors import OUTAGES, AppError, Unauthenticated, app_error_response, outage_response
from convilyn.core.ratelimit import STATE_KEY, RateLimits
from convilyn.jobs import service

STATUS_PATH = re.compile(r"/api/v1/jobs/goal/(job_[a-f0-9]{24})/status")


class RouteTemplate(NamedTuple):
    """What ``scope["route"]`` gives the outer middleware (RequestMetrics reads its ``path``)."""

    path: str


# The FastAPI route this middleware stands in for (tests/api/test_status_poll.py checks it is in OpenAPI).
STATUS_ROUTE = RouteTemplate("/api/v1/jobs/goal/{jobSpecId}/status")


def bearer_credential(scope: Scope) -> str | None:
    """The token of ``Authorization: Bearer <token>``, as FastAPI's HTTPBearer reads it."""
    for name, value in scope["headers"]:
        if name == b"authorization":
            scheme, _, credential = value.decode("latin-1").partition(" ")
            return credential if scheme.lower() == "bearer" and credential else None
    return None


class StatusPollFastPath:
    """Answers authenticated status polls before routing; passes every other request on."""

    def __init__(self, app: ASGIApp, *, principals: PrincipalCache, limits: RateLimits, db: Database) -> None:
        self.app = app
        self.principals = principals
        self.limits = limits
        self.db = db

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        match = (STATUS_PATH.fullmatch(scope["path"])
                 if scope["type"] == "http" and scope["method"] == "GET" else None)
        credential = bearer_credential(scope) if match else None
        if match is None or credential is None:
            await self.app(scope, receive, send)
            return
        # Routed as the framework would route it: RequestMetrics labels the request with this route's template.
        scope["route"] = STATUS_ROUTE
        try:
            response = await self._answer(scope, credential, match[1])
        except OUTAGES as exc:  # as the app's handler answers them: 503, not 500
            response = outage_response(scope["method"], scope["path"], exc)
        if response is None:
            await self.app(scope, receive, send)  # the credential does not authenticate: the route says why
            return
        await response(scope, receive, send)

    async def _answer(self, scope: Scope, credential: str, job_id: str) -> Response | None:
        try:
            principal = await self.principals.principal(credential)
        except Unauthenticated:
            return None
        try:
            window = await self.limits.hit(tier=principal.tier, group="status_poll", key=principal.rate_key)
            scope.setdefault("state", {})[STATE_KEY] = window
            view = await service.job_status(self.db, owner_id=principal.user_id, job_id=job_id)
        except AppError as exc:
            return app_error_response(exc)
        return Response(view.model_dump_json(by_alias=True, exclude_none=True), media_type="application/json",
                        headers=service.poll_headers(view))
