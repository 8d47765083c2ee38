"""Hostile input gets a clear 4xx in the envelope, never a 500 and never a partial write."""

from __future__ import annotations

import pytest

from tests.builder.support import create_blank, patch, published


async def raw_patch(api, workflow_id: str, content: bytes):
    async with api.client() as client:
        return await client.patch(f"/api/v1/user_workflows/{workflow_id}", content=content,
                                  headers={"content-type": "application/json"})


@pytest.mark.parametrize("content", [
    b'{"itemVersion": 1, "name": "\\ud800"}',
    b'{"itemVersion": 1, "systemPrompt": "a\\u0000b"}',
    b'{"itemVersion": 1, "toolPalette": [{"toolName": "x:y", "position": {"x": 1e400, "y": 0}}]}',
    b'{"itemVersion": 1, "canvasLayout": {"viewport": {"zoom": 1e999}}}',
    b'{"itemVersion": 99999999999999999999999}',
    b'{"itemVersion": -1}',
    b'{"itemVersion": true}',
    b'{"itemVersion": "1"}',
    b'{"itemVersion": 1, "toolPalette": [{"toolName": "x:y", "position": {"x": false, "y": 0}}]}',
    b'{"itemVersion": 1, "tags": "not-a-list"}',
    b'{"itemVersion": 1, "visibility": "PUBLIC"}',
    b'[]',
    b'null',
    b'{"itemVersion": 1,',
])
async def test_hostile_patch_bodies_are_422(server, content):
    api = await server.user(tier="pro")
    workflow = await create_blank(api)
    response = await raw_patch(api, workflow["workflowId"], content)
    assert response.status_code == 422, response.text
    assert response.json()["code"] == "VALIDATION_ERROR"
    current = (await api.request("GET", f"/user_workflows/{workflow['workflowId']}")).json()
    assert current["itemVersion"] == workflow["itemVersion"]


@pytest.mark.parametrize("params", [
    {"tag": "a\x00b"}, {"cursor": "x" * 513}, {"limit": "ten"}, {"limit": "99999999999999999999"},
])
async def test_hostile_listing_parameters_are_422(server, params):
    async with server.client() as anonymous:
        response = await anonymous.get("/api/v1/user_workflows/community", params=params)
    assert response.status_code == 422, response.text


async def test_a_forged_cursor_with_wrong_types_is_422(server):
    import base64
    import json

    api = await server.user(tier="pro")
    await published(api)
    for key in ([1, 2], ["not a date", "uw_x"], [None, None], ["2026-01-01T00:00:00", "uw_x"], "x"):
        cursor = base64.urlsafe_b64encode(json.dumps({"o": "own", "k": key}).encode()).decode()
        response = await api.request("GET", "/user_workflows", params={"cursor": cursor})
        assert response.status_code == 422, (key, response.text)
    cursor = base64.urlsafe_b64encode(json.dumps({"o": "own", "k": ["2026-01-01T00:00:00+00:00", "uw_x"]}).encode())
    assert (await api.request("GET", "/user_workflows", params={"cursor": cursor.decode()})).status_code == 200


async def test_a_comment_with_a_lone_surrogate_is_422(server):
    api = await server.user(tier="pro")
    workflow = await published(api)
    async with api.client() as client:
        response = await client.post(f"/api/v1/user_workflows/{workflow['workflowId']}/comments",
                                     content=b'{"body": "hi \\udc00"}', headers={"content-type": "application/json"})
    assert response.status_code == 422


async def test_an_unknown_visibility_is_422_and_nothing_changes(server):
    api = await server.user(tier="pro")
    workflow = await create_blank(api)
    response = await patch(api, workflow, visibility="hidden", name="changed")
    assert response.status_code == 422
    assert (await api.request("GET", f"/user_workflows/{workflow['workflowId']}")).json()["name"] == workflow["name"]
