"""Unattached uploads and job outputs expire after 24 h; download links after 1 h; finished jobs' event logs and
settled webhook deliveries after 30 days (a moved clock, no sleeps)."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import parse_qs, urlencode, urlparse

import httpx
from sqlalchemy import select

from convilyn.core.clock import clock
from convilyn.core.ids import new_id
from convilyn.files.models import StoredFile
from convilyn.jobs.expiry import sweep
from convilyn.jobs.models import JobEvent
from convilyn.maintenance import sweep_all
from convilyn.webhooks.models import WebhookDelivery
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


async def test_finished_jobs_event_logs_and_settled_deliveries_are_swept_after_30_days(make_server):
    live = await make_server(runtime=ScriptedRuntime(), webhook_allowed_networks=["127.0.0.0/8"])
    api = await live.user()
    done = (await api.create_job("test.simple", [await api.upload("a.txt", "x")]))["jobSpecId"]
    await api.confirm(done, 1)
    assert (await api.settle(done))["status"] == "completed"
    waiting = (await api.create_job("test.two_checkpoints", [await api.upload("b.txt", "x")]))["jobSpecId"]
    await api.fill(waiting, 1, tone="friendly")
    await api.confirm(waiting, 2)
    assert (await api.settle(waiting))["status"] == "slot_needed"
    hook = (await api.request("POST", "/webhooks", json={"url": "http://127.0.0.1:9/in",
                                                         "events": ["job.completed"]})).json()
    async with live.ctx.db.transaction() as session:
        for status, due in (("succeeded", None), ("failed", None), ("pending", clock.now() + timedelta(days=60))):
            session.add(WebhookDelivery(id=new_id("whd"), endpoint_id=hook["webhookId"], message_id=new_id("msg"),
                                        event_type="job.completed", payload={}, status=status, attempts=1,
                                        next_attempt_at=due, created_at=clock.now()))

    async def counts() -> tuple[int, int, list[str]]:
        async with live.ctx.db.read() as session:
            events = {job: len((await session.execute(select(JobEvent.id).where(JobEvent.job_id == job))).all())
                      for job in (done, waiting)}
            statuses = sorted((await session.execute(select(WebhookDelivery.status).where(
                WebhookDelivery.endpoint_id == hook["webhookId"]))).scalars())
        return events[done], events[waiting], statuses

    done_events, waiting_events, _ = await counts()
    assert done_events and waiting_events
    clock.advance(timedelta(days=29))
    await sweep_all(live.ctx.db, live.ctx.storage, live.ctx.settings)
    assert await counts() == (done_events, waiting_events, ["failed", "pending", "succeeded"])
    clock.advance(timedelta(days=2))
    removed = await sweep_all(live.ctx.db, live.ctx.storage, live.ctx.settings)
    assert removed["jobEvents"] >= done_events and removed["webhookDeliveries"] >= 2  # other tests' rows too
    assert await counts() == (0, waiting_events, ["pending"]), "a live job's log and an owed delivery stay"
    job = await api.request("GET", f"/jobs/goal/{done}")
    assert job.status_code == 200 and job.json()["status"] == "completed", "the job itself stays"
