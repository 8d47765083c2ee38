"""What a route may depend on: one typed FastAPI dependency per long-lived piece.

A route names exactly what it uses, in the manner of FastAPI's full-stack
template (``SessionDep``, ``CurrentUser``)::

    async def get_job(job_spec_id: JobSpecId, session: ReadSession, principal: Reader) -> JobView:

- ``ReadSession``: a session whose transaction is never committed.
- ``WriteSession``: one transaction, committed when the route function returns
  and before the response is sent (an error rolls it back). A route that must
  act after the commit (hand a job to the runner) calls ``session.commit()``.
- ``Registry``, ``Runner``, ``Tools``, ``FileStorage``, ``Config``, ``Limits``:
  the spec registry, the phase queue, the MCP tool catalog, file storage, the
  settings and the rate limiter.
- ``Db``: the database itself, for a dependency that needs a short session of
  its own (the principal lookup: it must not hold a connection while the
  route runs, or each request would take two from the pool).
- ``Instance``: the whole ``AppContext``, only for a probe that checks every
  piece of the instance (``/readyz``); a route uses the narrow ones above.

The principal dependencies (``CurrentUser``, ``Reader``, ``Writer``, ...) are
in ``convilyn.auth.deps``. Every piece is built once in ``convilyn.context``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated, cast

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from convilyn.catalog.registry import SpecRegistry
from convilyn.context import AppContext
from convilyn.core.db import Database
from convilyn.core.ratelimit import RateLimits
from convilyn.core.settings import Settings
from convilyn.files.storage import Storage
from convilyn.jobs.runner import PhaseQueue
from convilyn.runtime.tool_catalog import ToolCatalog


# The providers are ``async def``: FastAPI runs a plain ``def`` dependency in its threadpool, a hop per request.
def app_context(request: Request) -> AppContext:
    return cast(AppContext, request.app.state.ctx)


async def instance(request: Request) -> AppContext:
    return app_context(request)


async def read_session(request: Request) -> AsyncIterator[AsyncSession]:
    async with app_context(request).db.read() as session:
        yield session


async def write_session(request: Request) -> AsyncIterator[AsyncSession]:
    async with app_context(request).db.writer() as session:
        yield session
        await session.commit()


async def database(request: Request) -> Database:
    return app_context(request).db


async def settings(request: Request) -> Settings:
    return app_context(request).settings


async def registry(request: Request) -> SpecRegistry:
    return app_context(request).registry


async def runner(request: Request) -> PhaseQueue:
    return app_context(request).runner


async def tool_catalog(request: Request) -> ToolCatalog:
    return app_context(request).tools


async def storage(request: Request) -> Storage:
    return app_context(request).storage


async def limits(request: Request) -> RateLimits:
    return app_context(request).limits


# "function" scope: the session closes (and commits) when the route returns, before the response goes out.
ReadSession = Annotated[AsyncSession, Depends(read_session, scope="function")]
WriteSession = Annotated[AsyncSession, Depends(write_session, scope="function")]
Config = Annotated[Settings, Depends(settings)]
Db = Annotated[Database, Depends(database)]
Registry = Annotated[SpecRegistry, Depends(registry)]
Runner = Annotated[PhaseQueue, Depends(runner)]
Tools = Annotated[ToolCatalog, Depends(tool_catalog)]
FileStorage = Annotated[Storage, Depends(storage)]
Limits = Annotated[RateLimits, Depends(limits)]
Instance = Annotated[AppContext, Depends(instance)]
