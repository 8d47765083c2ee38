"""Concurrency is settled by the database: real concurrent requests against the live server."""

from __future__ import annotations

import asyncio
from collections import Counter

from tests.support import ScriptedRuntime


async def test_fifty_concurrent_patches_with_one_version_give_one_200(server):
    api = await server.user("pro")
    job = await api.create_job("test.two_checkpoints", [await api.upload("a.txt", "x")])
    job_id = job["jobSpecId"]
    async with api.client() as client:
        responses = await asyncio.gather(*[
            client.patch(f"/api/v1/jobs/goal/{job_id}/slots",
                         json={"itemVersion": 1, "slots": [{"slotId": "tone", "value": "friendly"}]})
            for _ in range(50)
        ])
    codes = Counter(r.status_code for r in responses)
    assert codes == {200: 1, 409: 49}
    assert all(r.json()["details"]["currentItemVersion"] == 2 for r in responses if r.status_code == 409)
    final = (await api.request("GET", f"/jobs/goal/{job_id}")).json()
    assert final["itemVersion"] == 2


async def test_concurrent_confirms_start_one_run(make_server):
    runtime = ScriptedRuntime()
    live = await make_server(runtime=runtime)
    api = await live.user("pro")
    job_id = (await api.create_job("test.simple", [await api.upload("a.txt", "x")]))["jobSpecId"]
    async with api.client() as client:
        responses = await asyncio.gather(*[
            client.post(f"/api/v1/jobs/goal/{job_id}/confirm", json={"itemVersion": 1}) for _ in range(20)
        ])
    codes = Counter(r.status_code for r in responses)
    assert codes[202] == 1
    assert codes[202] + codes[409] + codes[400] == 20
    assert (await api.settle(job_id))["status"] == "completed"
    assert len(runtime.calls) == 1
