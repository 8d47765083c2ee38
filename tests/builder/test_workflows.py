"""Create, read, list, update and delete user workflows through the API."""

from __future__ import annotations

import re

import pytest

from tests.builder.support import (
    CLEAN_PROMPT,
    RFC3339_UTC,
    UW_ID,
    all_pages,
    catalog_tools,
    create_blank,
    fork,
    palette,
    patch,
    patched,
    ready_workflow,
)


async def test_pro_user_creates_a_blank_private_workflow(server):
    api = await server.user(tier="pro")
    workflow = await create_blank(api, "Weekly tracker", description="Tracks the week.")

    assert re.fullmatch(UW_ID, workflow["workflowId"])
    assert workflow["specId"] == workflow["workflowId"]
    assert workflow["ownerId"] == api.user_id
    assert workflow["visibility"] == "private"
    assert workflow["sourceType"] == "blank" and workflow["sourceSpecId"] == "blank"
    assert workflow["systemPrompt"] == "" and workflow["toolPalette"] == []
    assert workflow["stats"] == {"runCount": 0, "forkCount": 0, "likeCount": 0}
    assert workflow["itemVersion"] == 1
    assert workflow["forkedFromId"] is None
    assert re.fullmatch(RFC3339_UTC, workflow["createdAt"]) and re.fullmatch(RFC3339_UTC, workflow["updatedAt"])
    spec = workflow["specJson"]
    assert spec["specId"] == workflow["workflowId"]
    assert spec["requiredSlots"] == [] and spec["checkpoints"] == [] and spec["plan"] is None
    assert [o["filename"] for o in spec["outputSpecs"]] == ["report.md"]


async def test_creating_a_blank_workflow_needs_pro_and_a_token(server):
    free = await server.user(tier="free")
    response = await free.request("POST", "/user_workflows", json={"name": "Nope"})
    assert response.status_code == 403
    assert response.json()["code"] == "PRO_TIER_REQUIRED"

    async with server.client() as anonymous:
        response = await anonymous.post("/api/v1/user_workflows", json={"name": "Nope"})
    assert response.status_code == 401
    assert response.json()["code"] == "UNAUTHENTICATED"


@pytest.mark.parametrize(
    "body",
    [{}, {"name": ""}, {"name": "   "}, {"name": "x" * 81}, {"name": "ok", "description": "d" * 501},
     {"name": "ok", "systemPrompt": "not here"}, {"name": "bad\u0000name"}],
)
async def test_create_refuses_bad_bodies_with_422(server, body):
    api = await server.user(tier="pro")
    response = await api.request("POST", "/user_workflows", json=body)
    assert response.status_code == 422, response.text
    assert response.json()["code"] == "VALIDATION_ERROR"
    assert response.json()["errors"]


async def test_create_accepts_the_limits(server):
    api = await server.user(tier="pro")
    workflow = await create_blank(api, "n" * 80, description="d" * 500)
    assert len(workflow["name"]) == 80 and len(workflow["description"]) == 500


async def test_owner_reads_any_visibility_others_get_404(server):
    owner, other = await server.user(tier="pro"), await server.user(tier="pro")
    workflow = await create_blank(owner)
    path = f"/user_workflows/{workflow['workflowId']}"

    assert (await owner.request("GET", path)).json()["workflowId"] == workflow["workflowId"]
    response = await other.request("GET", path)
    assert response.status_code == 404
    assert response.json()["code"] == "WORKFLOW_NOT_FOUND"
    async with server.client() as anonymous:
        assert (await anonymous.get(f"/api/v1{path}")).status_code == 401


async def test_malformed_ids_are_422_and_unknown_ids_404(server):
    api = await server.user(tier="pro")
    for bad in ("uw_123", "uw_0123456789ABCDEF01234567", "job_0123456789abcdef01234567", "anything"):
        response = await api.request("GET", f"/user_workflows/{bad}")
        assert response.status_code == 422, (bad, response.text)
        assert response.json()["code"] == "VALIDATION_ERROR"
    response = await api.request("GET", "/user_workflows/uw_0123456789abcdef01234567")
    assert response.status_code == 404


async def test_list_is_own_newest_first_with_a_cursor(server):
    api, other = await server.user(tier="pro"), await server.user(tier="pro")
    made = [await create_blank(api, f"wf {i}") for i in range(5)]
    await create_blank(other, "not mine")

    seen = await all_pages(lambda params: api.request("GET", "/user_workflows", params=params), limit=2)
    assert [item["workflowId"] for item in seen] == [w["workflowId"] for w in reversed(made)]
    summary = seen[0]
    assert set(summary) == {"workflowId", "ownerId", "specId", "name", "descriptionPreview", "visibility", "tags",
                            "stats", "sourceType", "sourceSpecId", "updatedAt"}


async def test_list_filters_by_visibility_and_checks_its_parameters(server):
    api = await server.user(tier="pro")
    private = await create_blank(api, "private one")
    public = await patched(api, await ready_workflow(api, "public one"), visibility="public")

    page = (await api.request("GET", "/user_workflows", params={"visibility": "public"})).json()
    assert [i["workflowId"] for i in page["items"]] == [public["workflowId"]]
    page = (await api.request("GET", "/user_workflows", params={"visibility": "private"})).json()
    assert private["workflowId"] in [i["workflowId"] for i in page["items"]]
    assert page["cursor"] is None

    for params in ({"limit": 0}, {"limit": 101}, {"visibility": "secret"}, {"cursor": "garbage!"},
                   {"cursor": "eyJvIjoicmVjZW50IiwiayI6W119"}):
        response = await api.request("GET", "/user_workflows", params=params)
        assert response.status_code == 422, (params, response.text)
    assert (await api.request("GET", "/user_workflows", params={"limit": 100})).status_code == 200


async def test_patch_updates_fields_and_recompiles_the_spec(server):
    api = await server.user(tier="pro")
    workflow = await create_blank(api)
    tools = (await catalog_tools(api))[:2]
    layout = {"edges": [{"from": tools[0], "to": tools[-1]}], "viewport": {"zoom": 1.5, "pan": {"x": 10, "y": -4}}}

    updated = await patched(api, workflow, name="Renamed", description="Now described", systemPrompt=CLEAN_PROMPT,
                            toolPalette=palette(tools), canvasLayout=layout, tags=["meetings", "ops"],
                            foundingIntent="Because Monday notes got lost.")

    assert updated["itemVersion"] == workflow["itemVersion"] + 1
    assert updated["name"] == "Renamed" and updated["description"] == "Now described"
    assert [i["toolName"] for i in updated["toolPalette"]] == tools
    assert updated["toolPalette"][0]["position"] == {"x": 0.0, "y": 50.0}
    assert updated["canvasLayout"] == layout | {"viewport": {"zoom": 1.5, "pan": {"x": 10.0, "y": -4.0}}}
    assert updated["tags"] == ["meetings", "ops"]
    assert updated["foundingIntent"] == "Because Monday notes got lost."
    spec = updated["specJson"]
    assert spec["toolPalette"] == tools and spec["systemPrompt"] == CLEAN_PROMPT and spec["name"] == "Renamed"
    assert spec["version"] == str(updated["itemVersion"])
    assert (await api.request("GET", f"/user_workflows/{workflow['workflowId']}")).json() == updated

    # Omitted fields stay; a null foundingIntent clears it.
    cleared = await patched(api, updated, foundingIntent=None)
    assert cleared["foundingIntent"] is None and cleared["name"] == "Renamed" and cleared["tags"] == ["meetings", "ops"]


async def test_stale_item_version_gets_409_with_current_version(server):
    api = await server.user(tier="pro")
    workflow = await create_blank(api)
    await patched(api, workflow, name="first")
    response = await patch(api, workflow, name="second")
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "VERSION_CONFLICT"
    assert body["details"]["currentItemVersion"] == workflow["itemVersion"] + 1


async def test_item_version_is_required(server):
    api = await server.user(tier="pro")
    workflow = await create_blank(api)
    response = await api.request("PATCH", f"/user_workflows/{workflow['workflowId']}", json={"name": "x"})
    assert response.status_code == 422
    assert any(e["field"] == "itemVersion" for e in response.json()["errors"])


async def test_output_specs_and_agent_config_are_silently_ignored(server):
    api = await server.user(tier="pro")
    workflow = await create_blank(api)
    updated = await patched(api, workflow, name="kept", outputSpecs=[{"filename": "x.csv", "format": "csv"}],
                            agentConfig={"temperature": 1.9})
    assert updated["name"] == "kept"
    assert [o["filename"] for o in updated["specJson"]["outputSpecs"]] == ["report.md"]
    assert updated["specJson"]["agentConfig"] == workflow["specJson"]["agentConfig"]


@pytest.mark.parametrize("field", ["requiredSlots", "slots", "triggerInputs", "specJson", "stats", "ownerId",
                                  "somethingElse"])
async def test_fields_a_user_workflow_does_not_have_are_422(server, field):
    api = await server.user(tier="pro")
    workflow = await create_blank(api)
    response = await patch(api, workflow, **{field: []})
    assert response.status_code == 422, response.text
    assert any(e["field"] == field for e in response.json()["errors"])


LIMITS = [
    ("name", "n" * 80, "n" * 81),
    ("name", "x", ""),
    ("description", "d" * 500, "d" * 501),
    ("systemPrompt", "p" * 8000, "p" * 8001),
    ("tags", [f"tag{i}" for i in range(8)], [f"tag{i}" for i in range(9)]),
    ("tags", ["t" * 24], ["t" * 25]),
    ("tags", ["ok"], [""]),
    ("tags", ["a", "b"], ["a", "a"]),
    ("foundingIntent", "f" * 1000, "f" * 1001),
    ("canvasLayout", {"edges": []}, {"edges": [], "extra": 1}),
    ("canvasLayout", {"viewport": {"zoom": 2}}, {"viewport": {"zoom": -1}}),
    ("name", "ok", None),
    ("tags", [], None),
]


@pytest.mark.parametrize(("field", "accepted", "refused"), LIMITS)
async def test_patch_limits(server, field, accepted, refused):
    api = await server.user(tier="pro")
    workflow = await create_blank(api)
    response = await patch(api, workflow, **{field: refused})
    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["field"].startswith(field)
    await patched(api, workflow, **{field: accepted})


async def test_palette_limit_is_20_items(server):
    api = await server.user(tier="pro")
    workflow = await create_blank(api)
    response = await patch(api, workflow, toolPalette=palette(["x:y"] * 21))
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "toolPalette"


async def test_palette_tools_must_be_in_the_catalog(server):
    api = await server.user(tier="pro")
    workflow = await create_blank(api)
    known = (await catalog_tools(api))[0]

    response = await patch(api, workflow, toolPalette=palette([known, "ghost-mcp:do_magic"]))
    assert response.status_code == 422
    body = response.json()
    assert "ghost-mcp:do_magic" in body["message"]
    assert body["details"]["unknownTools"] == ["ghost-mcp:do_magic"]
    assert body["errors"][0] == {"field": "toolPalette.1.toolName", "code": "unknown_tool",
                                 "message": body["errors"][0]["message"]}


@pytest.mark.parametrize("tool", ["request_user_input", "complete_workflow", "convilyn:request_user_input"])
async def test_system_tools_are_forbidden_in_a_palette(server, tool):
    api = await server.user(tier="pro")
    workflow = await create_blank(api)
    response = await patch(api, workflow, toolPalette=palette([tool]))
    assert response.status_code == 422
    assert response.json()["errors"][0]["code"] == "system_tool_forbidden"
    assert tool in response.json()["message"]


async def test_a_tool_twice_is_refused(server):
    api = await server.user(tier="pro")
    workflow = await create_blank(api)
    tool = (await catalog_tools(api))[0]
    response = await patch(api, workflow, toolPalette=palette([tool, tool]))
    assert response.status_code == 422
    assert response.json()["errors"][0]["code"] == "duplicate_tool"


async def test_patch_is_owner_only_and_needs_pro(server):
    owner, other = await server.user(tier="pro"), await server.user(tier="pro")
    workflow = await create_blank(owner)
    response = await patch(other, workflow, name="mine now")
    assert response.status_code == 404

    free = await server.user(tier="free")
    forked = await fork(free, "blank")
    assert forked.status_code == 201
    response = await patch(free, forked.json(), name="edit")
    assert response.status_code == 403
    assert response.json()["code"] == "PRO_TIER_REQUIRED"

    async with server.client() as anonymous:
        response = await anonymous.patch(f"/api/v1/user_workflows/{workflow['workflowId']}",
                                         json={"itemVersion": 1, "name": "x"})
    assert response.status_code == 401


async def test_delete_private_is_hard_and_others_get_404(server):
    owner, other = await server.user(tier="pro"), await server.user(tier="pro")
    workflow = await create_blank(owner)
    path = f"/user_workflows/{workflow['workflowId']}"

    assert (await other.request("DELETE", path)).status_code == 404
    response = await owner.request("DELETE", path)
    assert response.status_code == 204 and response.content == b""
    assert (await owner.request("GET", path)).status_code == 404
    assert (await owner.request("DELETE", path)).status_code == 404
    async with server.client() as anonymous:
        assert (await anonymous.delete(f"/api/v1{path}")).status_code == 401


async def test_delete_public_is_409_until_archived(server):
    api = await server.user(tier="pro")
    public = await patched(api, await ready_workflow(api), visibility="public")
    path = f"/user_workflows/{public['workflowId']}"

    response = await api.request("DELETE", path)
    assert response.status_code == 409
    assert response.json()["code"] == "WORKFLOW_IS_PUBLIC"
    archived = await patched(api, public, visibility="archived")
    assert archived["visibility"] == "archived"
    assert (await api.request("DELETE", path)).status_code == 204
