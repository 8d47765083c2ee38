"""Bad input gets a clear error in the envelope: never a 500, never a half-written row."""

from __future__ import annotations

import httpx
import pytest

JOB = "/jobs/goal/job_0123456789abcdef01234567"


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/workflows/catalog"),
        ("POST", "/upload"),
        ("POST", "/jobs/goal"),
        ("GET", JOB),
        ("PATCH", f"{JOB}/slots"),
        ("POST", f"{JOB}/confirm"),
        ("GET", f"{JOB}/status"),
        ("GET", f"{JOB}/download"),
    ],
)
async def test_no_token_is_401_in_the_envelope(server, method, path):
    async with server.client() as client:
        response = await client.request(method, f"/api/v1{path}")
    assert response.status_code == 401
    assert response.json()["code"] == "UNAUTHENTICATED"
    assert "X-RateLimit-Remaining" in response.headers


@pytest.mark.parametrize("token", ["not-a-jwt", "cvl_unknownkey", "eyJhbGciOiJIUzI1NiJ9.e30.x"])
async def test_bad_token_is_401(server, token):
    async with server.client(token) as client:
        response = await client.get("/api/v1/workflows/catalog")
    assert response.status_code == 401
    assert set(response.json()) >= {"code", "message", "details"}


async def test_api_key_and_jwt_both_authenticate_and_a_revoked_key_stops(server):
    from convilyn.auth import service as auth

    api = await server.user()
    for use_key in (False, True):
        async with api.client(use_key=use_key) as client:
            assert (await client.get("/api/v1/workflows/catalog")).status_code == 200
    async with server.ctx.db.transaction() as session:
        await auth.revoke_api_key(session, key_id=api.key_id)
    async with api.client(use_key=True) as client:
        assert (await client.get("/api/v1/workflows/catalog")).status_code == 401


async def test_malformed_json_is_422_with_field_errors(server):
    api = await server.user()
    response = await api.request("POST", "/jobs/goal", content=b'{"workflowId": ', headers={"content-type": "application/json"})
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "VALIDATION_ERROR"
    assert body["errors"][0]["code"] == "json_invalid"
    assert body["errors"][0]["field"] == "body"


async def test_schema_violations_are_422_with_each_field(server):
    api = await server.user()
    response = await api.request("POST", "/jobs/goal", json={"fileIds": "nope", "extra": 1})
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert {"workflowId", "fileIds", "extra"} <= fields


async def test_malformed_job_id_is_422(server):
    api = await server.user()
    response = await api.request("GET", "/jobs/goal/not-a-job/status")
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "jobSpecId"


async def test_unknown_workflow_is_404(server):
    api = await server.user()
    file_id = await api.upload("a.txt", "x")
    response = await api.request("POST", "/jobs/goal", json={"workflowId": "goal_lane.nope", "fileIds": [file_id]})
    assert response.status_code == 404
    assert response.json()["code"] == "WORKFLOW_NOT_FOUND"


async def test_unsupported_file_format_is_422_naming_the_file(server):
    api = await server.user()
    file_id = await api.upload("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00binary", "image/png")
    response = await api.request("POST", "/jobs/goal", json={"workflowId": "test.simple", "fileIds": [file_id]})
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "UNSUPPORTED_FILE_FORMAT"
    assert "photo.png" in body["message"] and file_id in body["message"]
    assert body["errors"][0]["field"] == "fileIds.0"


async def test_job_needs_files_and_no_duplicates(server):
    api = await server.user()
    file_id = await api.upload("a.txt", "x")
    empty = await api.request("POST", "/jobs/goal", json={"workflowId": "test.simple", "fileIds": []})
    dup = await api.request("POST", "/jobs/goal", json={"workflowId": "test.simple", "fileIds": [file_id, file_id]})
    assert empty.status_code == 422 and dup.status_code == 422


async def test_unknown_file_is_404_and_no_job_is_written(server):
    from sqlalchemy import func, select

    from convilyn.jobs.models import Job

    api = await server.user()
    response = await api.request("POST", "/jobs/goal", json={"workflowId": "test.simple",
                                                              "fileIds": ["file_0123456789abcdef01234567"]})
    assert response.status_code == 404
    async with server.ctx.db.read() as session:
        count = await session.scalar(select(func.count()).select_from(Job).where(Job.owner_id == api.user_id))
    assert count == 0


async def test_upload_past_the_cap_is_413_and_leaves_nothing(make_server):
    live = await make_server(upload_max_bytes=1024)
    api = await live.user()
    response = await api.request("POST", "/upload", files={"file": ("big.txt", b"x" * 5000, "text/plain")})
    assert response.status_code == 413
    assert response.json()["code"] == "PAYLOAD_TOO_LARGE"
    leftovers = [p for p in live.ctx.storage.root.rglob("*") if p.is_file()]
    assert leftovers == []
    ok = await api.request("POST", "/upload", files={"file": ("small.txt", b"x" * 1000, "text/plain")})
    assert ok.status_code == 201


async def test_upload_without_a_file_part_is_422(server):
    api = await server.user()
    no_part = await api.request("POST", "/upload", files={"other": ("a.txt", b"x", "text/plain")})
    not_multipart = await api.request("POST", "/upload", json={"file": "x"})
    for response in (no_part, not_multipart):
        assert response.status_code == 422
        assert response.json()["errors"][0]["field"] == "file"


async def test_upload_detects_the_format_from_content(server):
    api = await server.user()
    response = await api.request("POST", "/upload", files={"file": ("resume.pdf", b"%PDF-1.7\n...", "application/pdf")})
    assert response.json()["format"] == "pdf"
    response = await api.request("POST", "/upload", files={"file": ("fake.pdf", b"\x00\x01\x02binary", "application/pdf")})
    assert response.json()["format"] == "bin"


async def test_unknown_route_is_404_in_the_envelope(server):
    async with httpx.AsyncClient(base_url=server.base_url) as client:
        response = await client.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert response.json()["code"] == "NOT_FOUND"
