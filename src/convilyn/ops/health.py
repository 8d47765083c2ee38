"""Liveness and readiness probes for load balancers and orchestrators.

``/healthz`` answers while the process serves HTTP at all; it touches nothing
else, so a database outage never gets a live process restarted. ``/readyz``
checks what a request needs (the database, Redis when configured, file
storage), all at once and each within a bounded time, and answers 503 naming
what is down, so traffic is sent elsewhere until it is back. Why a check failed
is logged, not returned: the probes are public.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from fastapi import APIRouter
from pydantic import BaseModel, Field
from sqlalchemy import text

from convilyn.context import AppContext
from convilyn.core.errors import RateLimited, ServiceUnavailable, error_responses
from convilyn.deps import Instance

log = logging.getLogger("convilyn.health")

router = APIRouter(tags=["meta"])

CHECK_TIMEOUT = 3.0  # seconds one dependency may take to answer before it counts as down


class NotReady(ServiceUnavailable):
    code = "NOT_READY"


class Liveness(BaseModel):
    status: str = Field(examples=["ok"])


class Readiness(BaseModel):
    status: str = Field(examples=["ready"])
    checks: dict[str, str] = Field(description="Each dependency checked, and `ok`.",
                                   examples=[{"database": "ok", "redis": "ok", "storage": "ok"}])


async def _database(ctx: AppContext) -> None:
    async with ctx.db.read() as session:
        await session.execute(text("SELECT 1"))


async def _redis(ctx: AppContext) -> None:
    if not await ctx.limits.check_reachable():
        raise ConnectionError("Redis did not answer PING")


async def _storage(ctx: AppContext) -> None:
    await ctx.storage.check()


def _checks(ctx: AppContext) -> dict[str, Callable[[AppContext], Awaitable[None]]]:
    checks: dict[str, Callable[[AppContext], Awaitable[None]]] = {"database": _database, "storage": _storage}
    if ctx.limits.uses_redis:
        checks["redis"] = _redis
    return checks


async def _passes(name: str, check: Callable[[AppContext], Awaitable[None]], ctx: AppContext) -> bool:
    try:
        await asyncio.wait_for(check(ctx), CHECK_TIMEOUT)
    except Exception as exc:  # any failure means "down"; the reason goes to the log
        log.warning("readiness: %s is down (%s: %s)", name, type(exc).__name__, exc)
        return False
    return True


async def readiness(ctx: AppContext) -> dict[str, bool]:
    """Each dependency of the instance and whether it answers now."""
    checks = _checks(ctx)
    results = await asyncio.gather(*(_passes(name, check, ctx) for name, check in checks.items()))
    return dict(zip(checks, results, strict=True))


@router.get("/healthz", response_model=Liveness, summary="Liveness",
            description="200 while the process serves HTTP; checks no dependency.",
            responses=error_responses(RateLimited))
async def healthz() -> Liveness:
    return Liveness(status="ok")


@router.get("/readyz", response_model=Readiness, summary="Readiness",
            description="200 when the database, Redis (when configured) and file storage all answer; "
            "503 `NOT_READY` naming in `details.down` what does not.",
            responses=error_responses(RateLimited, NotReady))
async def readyz(ctx: Instance) -> Readiness:
    results = await readiness(ctx)
    down = [name for name, ok in results.items() if not ok]
    if down:
        raise NotReady(f"Not ready: {', '.join(down)} {'is' if len(down) == 1 else 'are'} down.",
                       details={"down": down, "checks": {n: "ok" if ok else "down" for n, ok in results.items()}})
    return Readiness(status="ready", checks={name: "ok" for name in results})
