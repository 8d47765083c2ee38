"""Rate limits per key, per endpoint group and per tier, with their headers."""

from __future__ import annotations

import asyncio
import os
import time

import pytest

TIGHT = {
    "free": {"job_create": "3/day", "status_poll": "5/minute", "read": "1000/minute", "upload": "1000/hour"},
    "pro": {"job_create": "6/day", "status_poll": "10/minute", "read": "1000/minute", "upload": "1000/hour"},
}


async def _job(api):
    job = await api.create_job("test.simple", [await api.upload("a.txt", "x")])
    return job["jobSpecId"]


async def test_every_response_carries_the_headers(server):
    api = await server.user()
    async with api.client() as client:
        responses = [
            await client.get("/api/v1/workflows/catalog"),
            await client.get("/api/v1/jobs/goal/job_0123456789abcdef01234567/status"),
            await client.get("/api/v1/jobs/goal/bad/status"),
            await client.get("/healthz"),
            await client.get("/openapi.json"),
        ]
    for response in responses:
        for header in ("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"):
            assert header in response.headers, (response.request.url, header)
        assert int(response.headers["X-RateLimit-Reset"]) >= int(time.time())


async def test_status_polls_are_limited_per_tier_with_retry_after(make_server):
    live = await make_server(rate_limits=TIGHT)
    free, pro = await live.user("free"), await live.user("pro")
    for api, limit in ((free, 5), (pro, 10)):
        job_id = await _job(api)
        async with api.client() as client:
            seen = []
            for _ in range(limit):
                response = await client.get(f"/api/v1/jobs/goal/{job_id}/status")
                assert response.status_code == 200
                seen.append(int(response.headers["X-RateLimit-Remaining"]))
            assert seen == list(range(limit - 1, -1, -1))
            assert response.headers["X-RateLimit-Limit"] == str(limit)
            refused = await client.get(f"/api/v1/jobs/goal/{job_id}/status")
        assert refused.status_code == 429
        assert refused.json()["code"] == "RATE_LIMITED"
        assert 0 < int(refused.headers["Retry-After"]) <= 60
        assert refused.headers["X-RateLimit-Remaining"] == "0"


async def test_job_creations_per_day_and_groups_are_separate(make_server):
    live = await make_server(rate_limits=TIGHT)
    api = await live.user("free")
    file_id = await api.upload("a.txt", "x")
    codes = []
    for _ in range(4):
        response = await api.request("POST", "/jobs/goal", json={"workflowId": "test.simple", "fileIds": [file_id]})
        codes.append(response.status_code)
    assert codes == [201, 201, 201, 429]
    assert int(response.headers["Retry-After"]) > 3600, "a daily window resets within the day, not the minute"
    # Other endpoint groups are counted separately.
    assert (await api.request("GET", "/workflows/catalog")).status_code == 200


async def test_limits_apply_per_api_key(make_server):
    from convilyn.auth import service as auth

    live = await make_server(rate_limits=TIGHT)
    api = await live.user("free")
    job_id = await _job(api)
    async with api.client(use_key=True) as client:
        for _ in range(5):
            assert (await client.get(f"/api/v1/jobs/goal/{job_id}/status")).status_code == 200
        assert (await client.get(f"/api/v1/jobs/goal/{job_id}/status")).status_code == 429
    async with live.ctx.db.transaction() as session:
        _, second_key = await auth.create_api_key(session, user_id=api.user_id)
    async with live.client(second_key) as client:
        assert (await client.get(f"/api/v1/jobs/goal/{job_id}/status")).status_code == 200


@pytest.mark.skipif(not os.environ.get("CONVILYN_TEST_REDIS_URL"), reason="set CONVILYN_TEST_REDIS_URL to run")
async def test_counters_live_in_redis_when_configured(make_server):
    redis_url = os.environ["CONVILYN_TEST_REDIS_URL"]
    first = await make_server(rate_limits=TIGHT, redis_url=redis_url)
    await first.ctx.limits.reset()
    second = await make_server(rate_limits=TIGHT, redis_url=redis_url)
    api = await first.user("free")
    job_id = await _job(api)
    # Two instances share one window: 3 polls on one and 2 on the other exhaust it.
    # Both instances share the database, so the API key (not the per-instance JWT secret) works on both.
    async with first.client(api.api_key) as a, second.client(api.api_key) as b:
        results = await asyncio.gather(*[a.get(f"/api/v1/jobs/goal/{job_id}/status") for _ in range(3)],
                                       *[b.get(f"/api/v1/jobs/goal/{job_id}/status") for _ in range(2)])
        assert [r.status_code for r in results] == [200] * 5, [r.text for r in results]
        assert (await b.get(f"/api/v1/jobs/goal/{job_id}/status")).status_code == 429
    assert await first.ctx.limits.check_reachable()


async def test_requests_without_credentials_are_limited_by_address(make_server):
    live = await make_server(rate_limits={"free": {"anonymous": "3/minute"}})
    async with live.client() as client:
        codes = [(await client.get("/healthz")).status_code for _ in range(3)]
        refused = await client.get("/api/v1/user_workflows/community")
        signed = await client.get("/api/v1/downloads/job_0123456789abcdef01234567/results.zip?expires=1&signature=x")
    assert codes == [200, 200, 200]
    assert refused.status_code == 429 and signed.status_code == 429
    assert refused.json()["code"] == "RATE_LIMITED" and int(refused.headers["Retry-After"]) > 0
    # A principal is counted by its own key, not the address.
    api = await live.user()
    assert (await api.request("GET", "/workflows/catalog")).status_code == 200


async def test_an_anonymous_listing_counts_once_per_request(make_server):
    live = await make_server(rate_limits={"free": {"anonymous": "4/minute"}})
    async with live.client() as client:
        remaining = [int((await client.get("/api/v1/user_workflows/community")).headers["X-RateLimit-Remaining"])
                     for _ in range(4)]
    assert remaining == [3, 2, 1, 0]


async def test_openapi_declares_the_rate_limit_headers(server):
    async with server.client() as client:
        doc = (await client.get("/openapi.json")).json()
    status = doc["paths"]["/api/v1/jobs/goal/{jobSpecId}/status"]["get"]["responses"]
    assert set(status["200"]["headers"]) == {"X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset",
                                             "Retry-After"}
    assert not status["200"]["headers"]["Retry-After"].get("required"), "a poll hint only while the job runs"
    assert status["429"]["headers"]["Retry-After"]["required"]
