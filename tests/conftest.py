"""Shared fixtures: a real server on loopback, its database, users and a clock.

The suite runs on SQLite by default and on PostgreSQL when
``CONVILYN_TEST_DATABASE_URL`` is set (a fresh database is made for the run).
"""

from __future__ import annotations

import asyncio
import os
import secrets
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from sqlalchemy.engine import make_url

from convilyn.app import create_app
from convilyn.auth import service as auth
from convilyn.context import AppContext, build_context
from convilyn.core.clock import clock
from convilyn.core.settings import Settings
from convilyn.demo import free_port
from tests.support import Api, MiniStack

TEST_DB_ENV = "CONVILYN_TEST_DATABASE_URL"

# The servers, CLIs and MCP servers the tests spawn inherit this: none writes .pyc files into src/.
os.environ["PYTHONDONTWRITEBYTECODE"] = "1"


async def _admin_sql(base_url: str, statement: str) -> None:
    """Run one statement outside a transaction (CREATE/DROP DATABASE) on the server's postgres database."""
    import psycopg

    url = make_url(base_url).set(drivername="postgresql", database="postgres")
    async with await psycopg.AsyncConnection.connect(url.render_as_string(hide_password=False),
                                                     autocommit=True) as conn:
        await conn.execute(statement)


async def _create_postgres_database(base_url: str) -> str:
    name = f"convilyn_test_{secrets.token_hex(4)}"
    await _admin_sql(base_url, f'CREATE DATABASE "{name}"')
    return make_url(base_url).set(database=name).render_as_string(hide_password=False)


async def _drop_postgres_database(test_url: str) -> None:
    await _admin_sql(test_url, f'DROP DATABASE IF EXISTS "{make_url(test_url).database}" WITH (FORCE)')


@pytest.fixture(scope="session")
async def database_url(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[str]:
    base = os.environ.get(TEST_DB_ENV)
    if not base:
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'convilyn.db'}"
        return
    url = await _create_postgres_database(base)
    try:
        yield url
    finally:
        await _drop_postgres_database(url)


def make_settings(data_dir: Path, database_url: str, **overrides) -> Settings:
    values = {
        "data_dir": data_dir,
        "database_url": database_url,
        "rate_limits": {"free": {"anonymous": "100000/minute"}, "pro": {"anonymous": "100000/minute"}},
        "sweep_interval_seconds": 3600,
        "phase_timeout_seconds": 60,
        # On PostgreSQL each test server's embedded worker takes only its own phases.
        "phase_queue": f"phases-{secrets.token_hex(4)}",
        # Servers share the test database: only a test's own server (which sets this) sends its webhooks.
        "webhook_poll_seconds": 3600,
        **overrides,
    }
    return Settings(**values)


class LiveServer:
    """A real uvicorn server on 127.0.0.1, in this event loop."""

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        ctx.settings.base_url = self.base_url
        config = uvicorn.Config(create_app(ctx=ctx), host="127.0.0.1", port=self.port, log_level="warning",
                                lifespan="on")
        self.server = uvicorn.Server(config)
        self._task: asyncio.Task | None = None

    async def __aenter__(self) -> LiveServer:
        self._task = asyncio.create_task(self.server.serve())
        while not self.server.started:
            if self._task.done():
                self._task.result()
            await asyncio.sleep(0.01)
        return self

    async def __aexit__(self, *exc: object) -> None:
        self.server.should_exit = True
        await self._task

    def client(self, token: str | None = None) -> httpx.AsyncClient:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return httpx.AsyncClient(base_url=self.base_url, headers=headers, timeout=60)

    async def user(self, tier: str = "free", name: str = "Test User", credits: int = 0) -> Api:
        async with self.ctx.db.transaction() as session:
            user = await auth.create_user(session, display_name=name, tier=tier)
            key, raw = await auth.create_api_key(session, user_id=user.id, name="test")
            if credits:
                from convilyn.billing import ledger

                await ledger.grant(session, user_id=user.id, amount=credits, reason="test grant")
        token = auth.issue_token(self.ctx.settings, user.id)
        return Api(self, user_id=user.id, token=token, api_key=raw, key_id=key.id, tier=tier)


@pytest.fixture(scope="session")
async def server(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[LiveServer]:
    """The shared server most API tests talk to."""
    from tests.support import register_test_specs

    ctx = build_context(make_settings(tmp_path_factory.mktemp("data"), database_url))
    register_test_specs(ctx.registry)
    async with LiveServer(ctx) as live:
        yield live


@pytest.fixture
async def make_server(database_url: str, tmp_path: Path):
    """A dedicated server with its own settings (rate limits, sizes) for one test."""
    from tests.support import register_test_specs

    servers: list[LiveServer] = []

    async def start(*, runtime=None, **overrides) -> LiveServer:
        settings = make_settings(tmp_path / f"data{len(servers)}", database_url, **overrides)
        ctx = build_context(settings, runtime=runtime)
        register_test_specs(ctx.registry)
        live = LiveServer(ctx)
        await live.__aenter__()
        servers.append(live)
        return live

    yield start
    for live in servers:
        await live.__aexit__(None, None, None)


@pytest.fixture(scope="session")
async def ministack(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[MiniStack]:
    """An S3-compatible server on loopback that verifies pre-signed URLs (see tests/support.py)."""
    server = MiniStack(tmp_path_factory.mktemp("s3"))
    try:
        yield await server.start()
    finally:
        server.stop()


@pytest.fixture(autouse=True)
def reset_clock() -> Iterator[None]:
    clock.reset()
    yield
    clock.reset()
