"""Export a workflow as a portable file and import it back."""

from __future__ import annotations

import json

import pytest

from tests.builder.support import catalog_tools, create_blank, palette, patched, published, ready_workflow

PORTABLE = {"schemaVersion", "name", "description", "systemPrompt", "toolPalette", "canvasLayout", "tags"}


async def test_export_is_an_attachment_with_the_portable_subset(server):
    api = await server.user(tier="pro")
    workflow = await patched(api, await ready_workflow(api, "Board Minutes: Q4!"), tags=["board"],
                             foundingIntent="private prose")
    response = await api.request("GET", f"/user_workflows/{workflow['workflowId']}/export")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert response.headers["content-disposition"] == 'attachment; filename="board-minutes-q4.json"'
    exported = response.json()
    assert set(exported) == PORTABLE
    assert exported["schemaVersion"] == "1.0"
    assert exported["name"] == "Board Minutes: Q4!" and exported["tags"] == ["board"]
    assert exported["toolPalette"] == workflow["toolPalette"]
    assert exported["canvasLayout"] == workflow["canvasLayout"]


async def test_export_is_owner_only(server):
    owner, other = await server.user(tier="pro"), await server.user(tier="pro")
    public = await published(owner)
    assert (await other.request("GET", f"/user_workflows/{public['workflowId']}/export")).status_code == 404
    async with server.client() as anonymous:
        response = await anonymous.get(f"/api/v1/user_workflows/{public['workflowId']}/export")
    assert response.status_code == 401


async def test_export_then_import_round_trips(server):
    api, importer = await server.user(tier="pro"), await server.user(tier="pro")
    tools = (await catalog_tools(api))[:2]
    layout = {"edges": [{"from": tools[0], "to": tools[-1]}], "viewport": {"zoom": 0.75, "pan": {"x": 3.5, "y": 1.0}}}
    workflow = await patched(api, await create_blank(api, "Round trip", description="there and back"),
                             systemPrompt="Summarise.", toolPalette=palette(tools), canvasLayout=layout,
                             tags=["a", "b"])
    exported = (await api.request("GET", f"/user_workflows/{workflow['workflowId']}/export")).json()

    response = await importer.request("POST", "/user_workflows/import", json=exported)
    assert response.status_code == 201, response.text
    imported = response.json()
    assert imported["workflowId"] != workflow["workflowId"]
    assert imported["ownerId"] == importer.user_id
    assert imported["visibility"] == "private" and imported["itemVersion"] == 1
    assert imported["sourceType"] == "blank"
    assert imported["stats"] == {"runCount": 0, "forkCount": 0, "likeCount": 0}
    for field in PORTABLE - {"schemaVersion"}:
        assert imported[field] == workflow[field], field
    assert imported["specJson"]["toolPalette"] == tools
    again = (await importer.request("GET", f"/user_workflows/{imported['workflowId']}/export")).json()
    assert again == exported


async def test_import_discards_server_owned_fields(server):
    owner, importer = await server.user(tier="pro"), await server.user(tier="pro")
    source = await published(owner, "Full record")
    full = (await owner.request("GET", f"/user_workflows/{source['workflowId']}")).json()
    full["stats"] = {"runCount": 99, "forkCount": 99, "likeCount": 99}
    full["itemVersion"] = 42
    full["visibility"] = "public"

    imported = (await importer.request("POST", "/user_workflows/import", json=full)).json()
    assert imported["workflowId"] != full["workflowId"] and imported["ownerId"] == importer.user_id
    assert imported["stats"] == {"runCount": 0, "forkCount": 0, "likeCount": 0}
    assert imported["itemVersion"] == 1 and imported["visibility"] == "private"
    assert imported["createdAt"] != full["createdAt"]
    assert imported["specJson"]["specId"] == imported["workflowId"]
    assert imported["forkedFromId"] is None


@pytest.mark.parametrize("change", [
    {"toolPalette": [{"toolName": "ghost-mcp:nothing"}]},
    {"toolPalette": [{"toolName": "request_user_input"}]},
    {"requiredSlots": []},
    {"triggerInputs": []},
    {"schemaVersion": "2.0"},
    {"name": ""},
    {"systemPrompt": "p" * 8001},
    {"tags": ["t"] * 9},
    {"bogus": True},
])
async def test_import_validates_like_patch(server, change):
    api = await server.user(tier="pro")
    body = {"schemaVersion": "1.0", "name": "Imported", **change}
    response = await api.request("POST", "/user_workflows/import", json=body)
    assert response.status_code == 422, response.text


async def test_import_needs_pro(server):
    free = await server.user(tier="free")
    response = await free.request("POST", "/user_workflows/import", json={"name": "x"})
    assert response.status_code == 403 and response.json()["code"] == "PRO_TIER_REQUIRED"
    async with server.client() as anonymous:
        assert (await anonymous.post("/api/v1/user_workflows/import", json={"name": "x"})).status_code == 401


async def test_import_of_a_malformed_file_is_422(server):
    api = await server.user(tier="pro")
    async with api.client() as client:
        response = await client.post("/api/v1/user_workflows/import", content=b"{not json",
                                     headers={"content-type": "application/json"})
    assert response.status_code == 422
    response = await api.request("POST", "/user_workflows/import", json=[json.dumps({"name": "x"})])
    assert response.status_code == 422
