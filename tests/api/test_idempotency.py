"""Idempotency-Key on POST /jobs/goal, POST /upload and POST .../confirm, in Stripe's manner."""

from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta

from sqlalchemy import func, select

from convilyn.core.clock import clock
from convilyn.idempotency import service
from convilyn.idempotency.middleware import SpooledBody
from convilyn.jobs.models import Job


def _key() -> str:
    return str(uuid.uuid4())


async def _count_jobs(live, user_id: str) -> int:
    async with live.ctx.db.read() as session:
        return await session.scalar(select(func.count()).select_from(Job).where(Job.owner_id == user_id))


async def test_a_retried_create_replays_the_first_response_and_makes_one_job(server):
    api = await server.user()
    file_id = await api.upload("a.txt", "some text")
    key = _key()
    body = {"workflowId": "test.simple", "fileIds": [file_id]}
    first = await api.request("POST", "/jobs/goal", json=body, headers={"Idempotency-Key": key})
    assert first.status_code == 201 and "Idempotent-Replayed" not in first.headers
    # The same body, spelled differently (key order, spacing), is the same request.
    again = await api.request("POST", "/jobs/goal", headers={"Idempotency-Key": key, "Content-Type": "application/json"},
                              content=b'{ "fileIds": ["%s"],  "workflowId": "test.simple" }' % file_id.encode())
    assert again.status_code == 201, again.text
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    assert "X-RateLimit-Remaining" in again.headers
    assert await _count_jobs(server, api.user_id) == 1
    other = await api.request("POST", "/jobs/goal", json={**body, "workflowId": "test.two_checkpoints"},
                              headers={"Idempotency-Key": key})
    assert other.status_code == 422 and other.json()["code"] == "IDEMPOTENCY_KEY_REUSED"
    assert other.json()["errors"][0]["field"] == "Idempotency-Key"
    # Keys are per user: another user's same key is a new request.
    stranger = await server.user()
    theirs = await stranger.request("POST", "/jobs/goal", json={"workflowId": "test.simple",
                                                                "fileIds": [await stranger.upload("b.txt", "x")]},
                                    headers={"Idempotency-Key": key})
    assert theirs.status_code == 201 and theirs.json()["jobSpecId"] != first.json()["jobSpecId"]


async def test_concurrent_duplicates_make_one_job_and_the_others_are_told_409_or_replayed(server):
    api = await server.user()
    file_id = await api.upload("a.txt", "some text")
    key = _key()
    async with api.client() as client:
        responses = await asyncio.gather(*[
            client.post("/api/v1/jobs/goal", json={"workflowId": "test.simple", "fileIds": [file_id]},
                        headers={"Idempotency-Key": key})
            for _ in range(8)
        ])
    created = [r for r in responses if r.status_code == 201]
    in_use = [r for r in responses if r.status_code == 409]
    assert len(created) + len(in_use) == 8, [r.text for r in responses]
    assert {r.json()["jobSpecId"] for r in created} and len({r.json()["jobSpecId"] for r in created}) == 1
    assert all(r.json()["code"] == "IDEMPOTENCY_CONFLICT" for r in in_use)
    assert await _count_jobs(server, api.user_id) == 1


async def test_a_duplicate_of_a_request_in_flight_is_409(server):
    api = await server.user()
    file_id = await api.upload("a.txt", "some text")
    key = _key()
    # Another request holds the key (claimed, not answered yet).
    assert await service.claim(server.ctx.db, user_id=api.user_id, key=key, fingerprint="0" * 64) is None
    response = await api.request("POST", "/jobs/goal", json={"workflowId": "test.simple", "fileIds": [file_id]},
                                 headers={"Idempotency-Key": key})
    assert response.status_code == 422, "a different request under a held key is refused as reuse"
    same = "x" * 64
    other_key = _key()
    assert await service.claim(server.ctx.db, user_id=api.user_id, key=other_key, fingerprint=same) is None
    try:
        await service.claim(server.ctx.db, user_id=api.user_id, key=other_key, fingerprint=same)
    except service.IdempotencyKeyInUse as exc:
        assert exc.status_code == 409
    else:
        raise AssertionError("a second claim of a key in flight must be refused")
    await service.release(server.ctx.db, user_id=api.user_id, key=other_key)
    assert await service.claim(server.ctx.db, user_id=api.user_id, key=other_key, fingerprint=same) is None

    # Over HTTP: the same request while the first is still running (its claim, unanswered) is 409.
    body = b'{"workflowId": "test.simple", "fileIds": ["%s"]}' % file_id.encode()
    spooled = SpooledBody()
    spooled.file.write(body)
    fingerprint = spooled.fingerprint("POST", "/api/v1/jobs/goal", "application/json")
    spooled.close()
    running = _key()
    assert await service.claim(server.ctx.db, user_id=api.user_id, key=running, fingerprint=fingerprint) is None
    headers = {"Idempotency-Key": running, "Content-Type": "application/json"}
    duplicate = await api.request("POST", "/jobs/goal", content=body, headers=headers)
    assert duplicate.status_code == 409 and duplicate.json()["code"] == "IDEMPOTENCY_CONFLICT", duplicate.text
    assert await _count_jobs(server, api.user_id) == 0
    await service.release(server.ctx.db, user_id=api.user_id, key=running)  # the first request died unanswered
    retried = await api.request("POST", "/jobs/goal", content=body, headers=headers)
    assert retried.status_code == 201 and "Idempotent-Replayed" not in retried.headers
    replayed = await api.request("POST", "/jobs/goal", content=body, headers=headers)
    assert replayed.headers["Idempotent-Replayed"] == "true" and await _count_jobs(server, api.user_id) == 1


async def test_refusals_that_did_not_run_are_not_kept_and_keys_expire_after_24_hours(make_server):
    live = await make_server(rate_limits={"free": {"job_create": "1/day"}})
    api = await live.user("free")
    file_id = await api.upload("a.txt", "x")
    body = {"workflowId": "test.simple", "fileIds": [file_id]}
    assert (await api.request("POST", "/jobs/goal", json=body)).status_code == 201
    key = _key()
    limited = await api.request("POST", "/jobs/goal", json=body, headers={"Idempotency-Key": key})
    assert limited.status_code == 429
    async with live.ctx.db.read() as session:
        from convilyn.idempotency.models import IdempotencyRecord

        assert await session.get(IdempotencyRecord, (api.user_id, key)) is None, "a 429 is not replayed"
    # A kept 4xx is replayed; after 24 hours the key is new again.
    api = await live.user("pro")
    bad = {"workflowId": "test.nope", "fileIds": [await api.upload("a.txt", "x")]}
    first = await api.request("POST", "/jobs/goal", json=bad, headers={"Idempotency-Key": key})
    replay = await api.request("POST", "/jobs/goal", json=bad, headers={"Idempotency-Key": key})
    assert first.status_code == replay.status_code == 404 and replay.headers["Idempotent-Replayed"] == "true"
    clock.advance(timedelta(hours=24, seconds=1))
    fresh = await api.request("POST", "/jobs/goal", json=bad, headers={"Idempotency-Key": key})
    assert fresh.status_code == 404 and "Idempotent-Replayed" not in fresh.headers
    await service.sweep_expired(live.ctx.db)
    async with live.ctx.db.read() as session:
        assert await session.get(IdempotencyRecord, (api.user_id, key)) is not None, "the fresh claim is kept"


async def test_upload_and_confirm_take_a_key_too(server):
    api = await server.user()
    key = _key()
    async with api.client() as client:
        uploads = [
            await client.post("/api/v1/upload", files={"file": ("notes.txt", b"notes", "text/plain")},
                              headers={"Idempotency-Key": key})
            for _ in range(2)
        ]
        # httpx picks a new multipart boundary per request: still the same upload.
        assert uploads[0].status_code == uploads[1].status_code == 201
        assert uploads[1].headers["Idempotent-Replayed"] == "true"
        assert uploads[0].json()["file_id"] == uploads[1].json()["file_id"]
        other = await client.post("/api/v1/upload", files={"file": ("notes.txt", b"other notes", "text/plain")},
                                  headers={"Idempotency-Key": key})
        assert other.status_code == 422
        job = (await client.post("/api/v1/jobs/goal", json={"workflowId": "test.simple",
                                                           "fileIds": [uploads[0].json()["file_id"]]})).json()
        confirm_key = _key()
        confirms = [
            await client.post(f"/api/v1/jobs/goal/{job['jobSpecId']}/confirm", json={"itemVersion": 1},
                              headers={"Idempotency-Key": confirm_key})
            for _ in range(2)
        ]
        assert [c.status_code for c in confirms] == [202, 202], "the retry is replayed, not refused as a 409"
        bad_key = await client.post("/api/v1/upload", files={"file": ("a.txt", b"a", "text/plain")},
                                    headers={"Idempotency-Key": "has spaces in it"})
        assert bad_key.status_code == 422 and bad_key.json()["errors"][0]["field"] == "Idempotency-Key"
