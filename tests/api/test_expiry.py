"""Unattached uploads and job outputs expire after 24 h; download links after 1 h (a moved clock, no sleeps)."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import parse_qs, urlencode, urlparse

import httpx

from convilyn.core.clock import clock
from convilyn.files.models import StoredFile
from convilyn.jobs.expiry import sweep
from tests.support import ScriptedRuntime


async def test_unattached_upload_expires_after_24_hours(server):
    api = await server.user()
    kept, dropped = await api.upload("kept.txt", "x"), await api.upload("dropped.txt", "y")
    job = await api.create_job("test.simple", [kept])

    clock.advance(timedelta(hours=23, minutes=59))
    await sweep(server.ctx.db, server.ctx.storage)
    async with server.ctx.db.read() as session:
        assert await session.get(StoredFile, dropped) is not None

    clock.advance(timedelta(minutes=2))
    refused = await api.request("POST", "/jobs/goal", json={"workflowId": "test.simple", "fileIds": [dropped]})
    assert refused.status_code == 404, "an expired file cannot start a job even before the sweeper runs"
    await sweep(server.ctx.db, server.ctx.storage)
    async with server.ctx.db.read() as session:
        gone = await session.get(StoredFile, dropped)
        attached = await session.get(StoredFile, kept)
    assert gone is None
    assert attached is not None, "a file a pending job uses does not expire"
    assert await server.ctx.storage.exists(attached.storage_key)
    assert job["fileIds"] == [kept]


async def test_outputs_and_inputs_are_deleted_24_hours_after_completion(make_server):
    live = await make_server(runtime=ScriptedRuntime())
    api = await live.user()
    file_id = await api.upload("a.txt", "x")
    job_id = (await api.create_job("test.simple", [file_id]))["jobSpecId"]
    await api.confirm(job_id, 1)
    assert (await api.settle(job_id))["status"] == "completed"

    clock.advance(timedelta(hours=23))
    await sweep(live.ctx.db, live.ctx.storage)
    assert (await api.download(job_id))["result.md"]

    clock.advance(timedelta(hours=2))
    removed = await sweep(live.ctx.db, live.ctx.storage)
    assert removed == {"files": 1, "outputs": 1}
    response = await api.request("GET", f"/jobs/goal/{job_id}/download")
    assert response.status_code == 410
    assert response.json()["code"] == "OUTPUT_EXPIRED"


async def test_download_link_is_signed_and_expires_after_an_hour(make_server):
    live = await make_server(runtime=ScriptedRuntime())
    api = await live.user()
    job_id = (await api.create_job("test.simple", [await api.upload("a.txt", "x")]))["jobSpecId"]
    await api.confirm(job_id, 1)
    await api.settle(job_id)
    link = (await api.request("GET", f"/jobs/goal/{job_id}/download")).json()
    url = urlparse(link["url"])
    query = {k: v[0] for k, v in parse_qs(url.query).items()}

    async with httpx.AsyncClient(base_url=live.base_url) as client:
        assert (await client.get(f"{url.path}?{url.query}")).status_code == 200
        tampered = [
            f"{url.path}?{urlencode({**query, 'expires': int(query['expires']) + 3600})}",
            f"{url.path}?{urlencode({**query, 'signature': '0' * 64})}",
            f"{url.path.replace(job_id, 'job_' + 'f' * 24)}?{url.query}",
            f"{url.path}?{url.query}&x=1",
        ]
        for target in tampered:
            response = await client.get(target)
            assert response.status_code == 403, target
            assert response.json()["code"] == "INVALID_SIGNATURE"
        clock.advance(timedelta(hours=1, seconds=5))
        expired = await client.get(f"{url.path}?{url.query}")
        assert expired.status_code == 403
        assert expired.json()["code"] == "LINK_EXPIRED"
