"""The FastAPI application: routers, error envelope, rate-limit headers, lifespan."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
from collections.abc import AsyncIterator

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi_offline import FastAPIOffline

from convilyn import __version__
from convilyn.auth.web_sessions import SESSION_COOKIE
from convilyn.context import AppContext, build_context
from convilyn.core import openapi
from convilyn.core.errors import install_error_handlers
from convilyn.core.migrate import upgrade_async
from convilyn.core.ratelimit import RateLimitHeaders
from convilyn.core.settings import Settings, get_settings
from convilyn.idempotency.middleware import IdempotencyKeys
from convilyn.jobs.event_hub import PostgresListener, listen_conninfo
from convilyn.jobs.status_poll import StatusPollFastPath
from convilyn.ops.logs import RequestId
from convilyn.ops.metrics import RequestMetrics
from convilyn.webhooks.delivery import dispatch_forever

log = logging.getLogger("convilyn")

DESCRIPTION = """Convilyn turns documents into finished deliverables through agent workflows.

Authenticate with `Authorization: Bearer <JWT or API key>`. Every response carries
`X-RateLimit-Limit`, `X-RateLimit-Remaining` and `X-RateLimit-Reset`; errors use one
envelope: `{"code", "message", "details"}` (422 adds `errors`)."""


async def start(ctx: AppContext) -> None:
    """Migrate (under the migration lock), open storage, then start running phases:
    the in-process runner re-dispatches what a crash interrupted and runs the periodic
    maintenance; on PostgreSQL an embedded worker joins the queue unless ``run_jobs`` is off."""
    await upgrade_async(ctx.settings.resolved_database_url)
    await ctx.storage.open()
    await ctx.runner.start()


RATE_LIMIT_HEADERS = {
    "X-RateLimit-Limit": "Requests allowed in the current window of this endpoint group.",
    "X-RateLimit-Remaining": "Requests left in the current window.",
    "X-RateLimit-Reset": "When the window resets, in epoch seconds.",
}


def document_rate_limit_headers(app: FastAPI) -> None:
    """Declare in /openapi.json the headers the middleware puts on every response."""
    generate = app.openapi

    def openapi() -> dict:
        schema = generate()
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                for status, response in operation.get("responses", {}).items():
                    headers = response.setdefault("headers", {})
                    for name, description in RATE_LIMIT_HEADERS.items():
                        headers[name] = {"description": description, "required": True,
                                         "schema": {"type": "integer"}}
                    if status == "429":
                        headers["Retry-After"] = {"description": "Seconds to wait before retrying.",
                                                  "required": True, "schema": {"type": "integer"}}
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


def _freeze_startup_heap() -> None:
    """Once per process, after the first start: what exists then (modules, the app, its caches) lives as long
    as the process, so it is moved out of the collector's reach and no full collection walks it again. That
    shortened the status poll's tail latency (docs/decisions.md, "The status poll's cost")."""
    if gc.get_freeze_count() == 0:
        gc.collect()  # garbage is collected first, never frozen
        gc.freeze()


def create_app(settings: Settings | None = None, *, ctx: AppContext | None = None) -> FastAPI:
    """The app for ``settings`` (or a prepared context, as tests pass)."""
    context = ctx or build_context(settings or get_settings())

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await start(context)
        webhooks = asyncio.create_task(dispatch_forever(context.db, context.settings), name="webhooks")
        conninfo = listen_conninfo(context.settings.resolved_database_url)
        listener = PostgresListener(conninfo) if conninfo else None  # other processes' job events, on PostgreSQL
        if listener is not None:
            listener.start()
        _freeze_startup_heap()
        try:
            yield
        finally:
            if listener is not None:
                await listener.stop()
            webhooks.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await webhooks
            await context.close()

    # /docs and /redoc load Swagger UI and ReDoc from assets the app serves itself (works offline).
    otel = context.settings.opentelemetry
    app = FastAPIOffline(title="Convilyn API", version=__version__, description=DESCRIPTION, lifespan=lifespan,
                         generate_unique_id_function=openapi.operation_id, static_url="/docs-assets",
                         telemetry={"tracing": otel, "metrics": otel, "logs": otel})
    app.state.ctx = context
    install_error_handlers(app)
    # Both inside RateLimitHeaders (added after, so outside them): the fast path's answers and replayed
    # responses carry the rate-limit headers too.
    app.add_middleware(StatusPollFastPath, principals=context.principals, limits=context.limits, db=context.db)
    app.add_middleware(IdempotencyKeys, db=context.db, settings=context.settings, principals=context.principals)
    app.add_middleware(RateLimitHeaders, limits=context.limits, credential_cookie=SESSION_COOKIE)
    app.add_middleware(RequestMetrics)  # outside the limiter, so its 429s are counted too
    if context.settings.cors_origins:
        # Outside the limiter: a preflight is answered before authentication and rate limits.
        app.add_middleware(
            CORSMiddleware, allow_origins=context.settings.cors_origins,
            allow_methods=["GET", "POST", "PATCH", "DELETE"],
            allow_headers=["Authorization", "Content-Type", "Idempotency-Key", "Last-Event-ID"],
            expose_headers=["X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "Retry-After",
                            "Idempotent-Replayed", "Content-Disposition"],
            max_age=600,
        )
    app.add_middleware(RequestId)  # outermost: every log line of the request carries its id

    from convilyn.auth.endpoints import router as auth_router
    from convilyn.billing.endpoints import router as billing_router
    from convilyn.builder.endpoints import router as builder_router
    from convilyn.catalog.endpoints import router as catalog_router
    from convilyn.community.endpoints import router as community_router
    from convilyn.files.endpoints import router as files_router
    from convilyn.forge.endpoints import router as forge_router
    from convilyn.jobs.endpoints import router as jobs_router
    from convilyn.ops.health import router as health_router
    from convilyn.ops.metrics_route import router as metrics_router
    from convilyn.webhooks.endpoints import router as webhooks_router

    # community before builder: /user_workflows/community must not match /user_workflows/{workflowId}.
    for router in (catalog_router, files_router, jobs_router, community_router, builder_router, forge_router,
                   billing_router, health_router, auth_router, metrics_router, webhooks_router):
        app.include_router(router)

    from convilyn.webapp import mount_web_app

    mount_web_app(app)
    document_rate_limit_headers(app)
    openapi.install(app)
    return app
