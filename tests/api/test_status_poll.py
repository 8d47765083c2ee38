"""The status poll, the hottest route: its exact bytes and headers, its limit under concurrency.

The route is served by a fast path in front of the framework (jobs/status_poll.py);
these tests pin what a client sees so that path can never drift from the route's contract.
"""

from __future__ import annotations

import asyncio
import os

import httpx
import pytest
from sqlalchemy import update

from convilyn.app import create_app
from convilyn.context import build_context
from convilyn.demo import free_port
from convilyn.jobs.models import Job
from convilyn.jobs.status_poll import STATUS_ROUTE
from tests.conftest import make_settings

CHECKPOINT = {"checkpointId": "outline_review", "stepOutputPreview": "Revue « plan » ✓",
              "slots": [{"slotId": "notes", "type": "text", "label": "", "required": True}]}
STATUS_HEADERS = ["content-length", "content-type", "x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset",
                  "x-request-id"]


async def poll(api, job_id: str):
    async with api.client(use_key=True) as client:
        return await client.get(f"/api/v1/jobs/goal/{job_id}/status")


async def set_job(live, job_id: str, **values) -> None:
    async with live.ctx.db.transaction() as session:
        await session.execute(update(Job).where(Job.id == job_id).values(**values))


async def test_status_body_and_headers_are_exactly_the_contract(server):
    api = await server.user()
    job = await api.create_job("test.simple", [await api.upload("notes.md", "# Notes")])
    job_id = job["jobSpecId"]

    first = await poll(api, job_id)
    assert first.status_code == 200
    assert first.content == b'{"status":"pending","progress":0,"itemVersion":1}'
    assert [name for name in first.headers if name not in ("date", "server")] == STATUS_HEADERS
    assert first.headers["content-type"] == "application/json"
    assert first.headers["content-length"] == str(len(first.content))
    assert first.headers["x-ratelimit-limit"] == "60"  # free: status_poll 60/minute
    second = await poll(api, job_id)
    assert int(second.headers["x-ratelimit-remaining"]) == int(first.headers["x-ratelimit-remaining"]) - 1

    await set_job(server, job_id, status="executing", progress=45, current_step="generating_output", item_version=3)
    assert (await poll(api, job_id)).content == (
        b'{"status":"executing","progress":45,"currentStep":"generating_output","itemVersion":3}')

    await set_job(server, job_id, status="slot_needed", checkpoint=CHECKPOINT, item_version=4)
    waiting = await poll(api, job_id)
    assert waiting.content == (
        '{"status":"slot_needed","progress":45,"currentStep":"generating_output","itemVersion":4,'
        '"checkpoint":{"checkpointId":"outline_review","stepOutputPreview":"Revue « plan » ✓",'
        '"slots":[{"slotId":"notes","type":"text","label":"","required":true}]}}').encode()
    assert waiting.headers["content-length"] == str(len(waiting.content))

    await set_job(server, job_id, status="failed", checkpoint=None, error="The model gave up.", current_step=None)
    assert (await poll(api, job_id)).content == b'{"status":"failed","progress":45,"itemVersion":4,"error":"The model gave up."}'


async def test_the_fast_path_stands_in_for_the_documented_route(server):
    async with server.client() as client:
        paths = (await client.get("/openapi.json")).json()["paths"]
    assert set(paths[STATUS_ROUTE.path]) == {"get"}, "metrics label the poll with this route's template"


async def test_status_errors_keep_the_envelope_and_the_limit_headers(server):
    api = await server.user()
    missing = await poll(api, "job_" + "0" * 24)
    assert missing.status_code == 404
    assert missing.json()["code"] == "JOB_NOT_FOUND"
    assert missing.headers["x-ratelimit-limit"] == "60"

    other = await server.user()
    job = await api.create_job("test.simple", [await api.upload("notes.md", "# Notes")])
    assert (await poll(other, job["jobSpecId"])).status_code == 404, "another user's job is not found"

    malformed = await poll(api, "job_NOT_AN_ID")
    assert malformed.status_code == 422 and malformed.json()["code"] == "VALIDATION_ERROR"
    async with server.client("cvl_not_a_key") as client:
        unknown = await client.get(f"/api/v1/jobs/goal/{job['jobSpecId']}/status")
    assert unknown.status_code == 401 and unknown.json()["code"] == "UNAUTHENTICATED"
    async with server.client() as client:
        anonymous = await client.get(f"/api/v1/jobs/goal/{job['jobSpecId']}/status")
    assert anonymous.status_code == 401


@pytest.mark.parametrize("counters", ["memory", "redis"])
async def test_sixty_a_minute_hold_exactly_under_twenty_concurrent_clients(make_server, counters):
    limits = {"rate_limits": {"free": {"status_poll": "60/minute", "anonymous": "100000/minute"}}}
    if counters == "redis":
        if not os.environ.get("CONVILYN_TEST_REDIS_URL"):
            pytest.skip("set CONVILYN_TEST_REDIS_URL to run")
        limits["redis_url"] = os.environ["CONVILYN_TEST_REDIS_URL"]
    live = await make_server(**limits)
    await live.ctx.limits.reset()
    api = await live.user(tier="free")
    job = await api.create_job("test.simple", [await api.upload("notes.md", "# Notes")])
    url = f"/api/v1/jobs/goal/{job['jobSpecId']}/status"

    async def client_polls() -> list[int]:
        async with api.client(use_key=True) as client:  # one connection per client
            return [(await client.get(url)).status_code for _ in range(5)]

    codes = [code for codes in await asyncio.gather(*[client_polls() for _ in range(20)]) for code in codes]
    assert codes.count(200) == 60 and codes.count(429) == 40
    async with api.client(use_key=True) as client:
        refused = await client.get(url)
    assert refused.status_code == 429 and int(refused.headers["retry-after"]) >= 1
    assert refused.headers["x-ratelimit-remaining"] == "0"


async def test_a_poll_while_the_database_is_down_is_503_not_500(tmp_path):
    dead = f"postgresql://postgres@127.0.0.1:{free_port()}/convilyn"
    ctx = build_context(make_settings(tmp_path, dead))
    transport = httpx.ASGITransport(app=create_app(ctx=ctx))  # no lifespan: there is no database to migrate
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            poll = await client.get("/api/v1/jobs/goal/job_" + "0" * 24 + "/status",
                                    headers={"Authorization": "Bearer cvl_x"})
    finally:
        await ctx.db.dispose()
    assert poll.status_code == 503, poll.text
    assert poll.json()["code"] == "SERVICE_UNAVAILABLE" and int(poll.headers["Retry-After"]) > 0
