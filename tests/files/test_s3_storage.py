"""Files and outputs on S3-compatible object storage, against a server that verifies SigV4 signatures.

MiniStack (tests/support.py) runs on loopback for the session; each test keeps
its files under its own prefix of one bucket.
"""

from __future__ import annotations

import dataclasses
import io
import secrets
import zipfile
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlparse

import botocore.auth
import httpx

from convilyn.demo import free_port
from convilyn.jobs.models import Job
from tests.support import ScriptedRuntime


def _prefix() -> str:
    return f"t{secrets.token_hex(4)}"


async def _object_keys(ministack, prefix: str) -> set[str]:
    async with ministack.client() as s3:
        listing = await s3.list_objects_v2(Bucket=ministack.bucket, Prefix=f"{prefix}/")
    return {item["Key"].removeprefix(f"{prefix}/") for item in listing.get("Contents", [])}


async def _completed_job(api) -> str:
    """upload -> create -> fill -> confirm -> checkpoint -> confirm -> completed, as the seed's flow."""
    file_id = await api.upload("notes.md", "# Notes\nShip it on S3.")
    job = await api.create_job("test.two_checkpoints", [file_id])
    job_id = job["jobSpecId"]
    job = await api.fill(job_id, 1, tone="friendly")
    await api.confirm(job_id, job["itemVersion"])
    for slots in ({"outline_notes": "fine"}, {"approved": True}):
        status = await api.settle(job_id)
        assert status["status"] == "slot_needed", status
        job = await api.fill(job_id, status["itemVersion"], **slots)
        await api.confirm(job_id, job["itemVersion"])
    status = await api.settle(job_id)
    assert status["status"] == "completed", status
    return job_id


async def test_a_job_runs_on_s3_and_downloads_through_the_stores_presigned_url(make_server, ministack):
    prefix = _prefix()
    live = await make_server(runtime=ScriptedRuntime(), **ministack.settings(prefix))
    api = await live.user()
    job_id = await _completed_job(api)

    stored = await _object_keys(ministack, prefix)
    outputs = [key for key in stored if key.startswith(f"outputs/{job_id}/")]
    assert len(outputs) == 1 and outputs[0].endswith(".zip"), stored  # one attempt's key, the winner's
    assert any(key.startswith("uploads/file_") for key in stored)
    assert not list(live.ctx.settings.files_dir.rglob("file_*")), "nothing is kept on the API's disk"

    link = (await api.request("GET", f"/jobs/goal/{job_id}/download")).json()
    url = urlparse(link["url"])
    assert link["url"].startswith(f"{ministack.endpoint_url}/{ministack.bucket}/{prefix}/outputs/")
    assert parse_qs(url.query)["X-Amz-Expires"] == ["3600"]
    async with httpx.AsyncClient() as client:
        response = await client.get(link["url"])
    assert response.status_code == 200
    assert response.headers["content-disposition"] == f'attachment; filename="{job_id}.zip"'
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert "Ship it on S3." in archive.read("result.md").decode()


async def test_the_store_refuses_a_tampered_rekeyed_extended_or_expired_url(make_server, ministack, monkeypatch):
    prefix = _prefix()
    live = await make_server(runtime=ScriptedRuntime(), **ministack.settings(prefix))
    job_id = await _completed_job(await live.user())
    async with live.ctx.db.read() as session:
        key = (await session.get(Job, job_id)).output_key
    good = await live.ctx.storage.download_url(key, filename="r.zip", ttl_seconds=3600)
    signature = parse_qs(urlparse(good).query)["X-Amz-Signature"][0]
    tampered = good.replace(signature, signature[:-1] + ("0" if signature[-1] != "0" else "1"))
    extended = good.replace("X-Amz-Expires=3600", "X-Amz-Expires=7200")
    async with ministack.client(secret_access_key="not-the-stores-secret") as impostor:
        rekeyed = await impostor.generate_presigned_url(
            "get_object", Params={"Bucket": ministack.bucket, "Key": f"{prefix}/{key}"}, ExpiresIn=3600)
    signed_at = {}
    for name, age in (("recent", timedelta(minutes=50)), ("expired", timedelta(minutes=70))):
        # Sign as if it were `age` ago: a 1 h URL from 50 minutes ago still works, one from 70 does not.
        monkeypatch.setattr(botocore.auth, "get_current_datetime", lambda age=age, **_: _utc_now() - age)
        signed_at[name] = await live.ctx.storage.download_url(key, filename="r.zip", ttl_seconds=3600)
    monkeypatch.undo()

    async with httpx.AsyncClient() as client:
        assert (await client.get(good)).status_code == 200
        assert (await client.get(signed_at["recent"])).status_code == 200
        for name, url in (("tampered", tampered), ("another key", rekeyed), ("longer expiry", extended),
                          ("expired", signed_at["expired"])):
            assert (await client.get(url)).status_code == 403, name


def _utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)  # botocore signs with naive UTC times


async def test_a_file_uploaded_through_one_process_runs_and_downloads_on_another(make_server, ministack):
    shared = {**ministack.settings(_prefix()), "jwt_secret": secrets.token_urlsafe(32)}
    first = await make_server(runtime=ScriptedRuntime(), **shared)
    second = await make_server(runtime=ScriptedRuntime(), **shared)
    api = await first.user()
    file_id = await api.upload("notes.md", "Uploaded through the first process.")

    other = dataclasses.replace(api, live=second)  # the same user and token, talking to the second process
    job = await other.create_job("test.simple", [file_id])
    await other.confirm(job["jobSpecId"], job["itemVersion"])
    status = await other.settle(job["jobSpecId"])
    assert status["status"] == "completed", status
    files = await api.download(job["jobSpecId"])  # the link is asked of the first process
    assert "Uploaded through the first process." in files["result.md"].decode()


async def test_an_upload_past_one_part_goes_up_in_parts_and_reads_back_whole(make_server, ministack):
    prefix = _prefix()
    part = 5 * 1024 * 1024
    live = await make_server(storage_part_size=part, **ministack.settings(prefix))
    api = await live.user()
    body = (b"convilyn multipart line\n" * (part // 24 + 50_000))[: part + 123_456]
    file_id = await api.upload("big.txt", body)

    async with ministack.client() as s3:
        head = await s3.head_object(Bucket=ministack.bucket, Key=f"{prefix}/uploads/{file_id}")
    assert head["ContentLength"] == len(body)
    assert head["ETag"].strip('"').endswith("-2"), "two parts: a multipart upload"
    fetched = await live.ctx.storage.fetch(f"uploads/{file_id}", live.ctx.settings.data_dir / "fetched")
    assert fetched.read_bytes() == body
    await live.ctx.storage.delete(f"uploads/{file_id}")
    assert not await live.ctx.storage.exists(f"uploads/{file_id}")


async def test_readiness_names_storage_when_the_store_is_unreachable(make_server, ministack):
    unreachable = {**ministack.settings(_prefix()), "s3_endpoint_url": f"http://127.0.0.1:{free_port()}"}
    live = await make_server(**unreachable)
    async with live.client() as client:
        ready = await client.get("/readyz")
    assert ready.status_code == 503
    assert ready.json()["details"]["down"] == ["storage"]
