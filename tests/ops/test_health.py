"""Liveness, readiness, and what the API answers while a dependency is down.

Outages are made with dead ports on loopback: the shared PostgreSQL and Redis
are never stopped.
"""

from __future__ import annotations

import logging
import shutil

import httpx
from prometheus_client import REGISTRY

from convilyn.app import create_app
from convilyn.context import build_context
from convilyn.demo import free_port
from tests.conftest import make_settings


async def test_readyz_lists_every_dependency_as_ok_when_all_answer(server):
    async with server.client() as client:
        live = await client.get("/healthz")
        ready = await client.get("/readyz")
    assert live.status_code == 200 and live.json() == {"status": "ok"}
    assert ready.status_code == 200, ready.text
    expected = {"database", "storage"} | ({"redis"} if server.ctx.settings.redis_url else set())
    assert ready.json() == {"status": "ready", "checks": {name: "ok" for name in expected}}


async def test_database_unreachable_is_503_naming_it_and_requests_get_503_not_500(tmp_path):
    dead = f"postgresql://postgres@127.0.0.1:{free_port()}/convilyn"
    ctx = build_context(make_settings(tmp_path, dead))
    transport = httpx.ASGITransport(app=create_app(ctx=ctx))  # no lifespan: there is no database to migrate
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            live = await client.get("/healthz")
            ready = await client.get("/readyz")
            call = await client.get("/api/v1/workflows/catalog", headers={"Authorization": "Bearer cvl_x"})
    finally:
        await ctx.db.dispose()
    assert live.status_code == 200
    assert ready.status_code == 503
    body = ready.json()
    assert body["code"] == "NOT_READY" and "database" in body["message"]
    assert body["details"] == {"down": ["database"], "checks": {"database": "down", "storage": "ok"}}
    assert call.status_code == 503, call.text
    assert call.json()["code"] == "SERVICE_UNAVAILABLE" and int(call.headers["Retry-After"]) > 0


async def test_redis_unreachable_fails_the_limiter_open_and_readiness_names_it(make_server, caplog):
    live = await make_server(redis_url=f"redis://127.0.0.1:{free_port()}/0")
    api = await live.user()
    failed_open_before = REGISTRY.get_sample_value("convilyn_rate_limit_fail_open_total")
    with caplog.at_level(logging.WARNING, logger="convilyn.ratelimit"):
        async with live.client() as anonymous:
            health = await anonymous.get("/healthz")
            ready = await anonymous.get("/readyz")
        catalog = await api.request("GET", "/workflows/catalog")
        file_id = await api.upload("a.txt", "text")
    assert health.status_code == 200 and catalog.status_code == 200, catalog.text
    assert file_id.startswith("file_")
    for response in (health, catalog):
        assert response.headers["X-RateLimit-Remaining"] == response.headers["X-RateLimit-Limit"]
    assert ready.status_code == 503
    assert ready.json()["details"]["down"] == ["redis"]
    assert live.ctx.limits.failed_open >= 4
    assert REGISTRY.get_sample_value("convilyn_rate_limit_fail_open_total") - failed_open_before == live.ctx.limits.failed_open
    warnings = [r for r in caplog.records if r.name == "convilyn.ratelimit"]
    assert len(warnings) == 1, "one warning per cool-down, not one per request"
    assert "uncounted" in warnings[0].getMessage()


async def test_storage_gone_is_503_naming_it(make_server):
    live = await make_server()
    shutil.rmtree(live.ctx.settings.files_dir)
    async with live.client() as client:
        ready = await client.get("/readyz")
    assert ready.status_code == 503
    assert ready.json()["details"]["down"] == ["storage"]
