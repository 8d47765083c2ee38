"""Forking curated, developer, user and blank sources, and the lineage a fork keeps."""

from __future__ import annotations

import asyncio

import pytest

from tests.builder.conftest import CURATED_ID, DEVELOPER_ID, LONG_NAME
from tests.builder.support import fork, patch, patched, published, ready_workflow


async def test_fork_of_a_curated_spec_inherits_prompt_palette_outputs_and_agent_config(server, fork_sources):
    api = await server.user(tier="free")
    response = await fork(api, CURATED_ID)
    assert response.status_code == 201, response.text
    workflow = response.json()
    source = fork_sources["curated"]

    assert workflow["name"] == f"Copy of {LONG_NAME}"[:80] and len(workflow["name"]) == 80
    assert workflow["visibility"] == "private"
    assert workflow["stats"] == {"runCount": 0, "forkCount": 0, "likeCount": 0}
    assert workflow["sourceType"] == "curated"
    assert workflow["sourceSpecId"] == CURATED_ID
    assert workflow["sourceVersion"] == "2.3.0"
    assert workflow["sourceName"] == LONG_NAME and len(LONG_NAME) == 80
    assert workflow["forkedFromId"] is None
    assert workflow["systemPrompt"] == source.system_prompt
    assert [i["toolName"] for i in workflow["toolPalette"]] == source.tool_palette
    assert all(set(i) == {"toolName", "position", "note"} for i in workflow["toolPalette"])
    spec = workflow["specJson"]
    assert spec["specId"] == workflow["workflowId"]
    assert [o["filename"] for o in spec["outputSpecs"]] == ["action_items.md", "action_items.csv"]
    assert spec["agentConfig"]["temperature"] == 0.1 and spec["agentConfig"]["maxSteps"] == 12
    # Slots and checkpoints are gone by schema; the built-in model derives a plan from the palette.
    assert spec["requiredSlots"] == [] and spec["checkpoints"] == [] and spec["plan"] is None


async def test_fork_of_a_developer_spec_with_a_name(server, fork_sources):
    api = await server.user(tier="pro")
    response = await fork(api, DEVELOPER_ID, name="My weekly meeting tracker")
    assert response.status_code == 201
    workflow = response.json()
    assert workflow["name"] == "My weekly meeting tracker"
    assert workflow["sourceType"] == "developer" and workflow["sourceVersion"] == "0.4.1"
    assert workflow["sourceName"] == "Meeting digest"


async def test_fork_blank(server):
    api = await server.user(tier="free")
    workflow = (await fork(api, "blank")).json()
    assert workflow["sourceType"] == "blank" and workflow["sourceSpecId"] == "blank"
    assert workflow["systemPrompt"] == "" and workflow["toolPalette"] == []
    assert workflow["name"] == "Untitled workflow"


async def test_fork_of_a_user_workflow_keeps_lineage_and_counts(server):
    owner, forker = await server.user(tier="pro"), await server.user(tier="pro")
    source = await published(owner, "Source flow", tags=["ops"])

    response = await fork(forker, source["workflowId"])
    assert response.status_code == 201, response.text
    copy = response.json()
    assert copy["sourceType"] == "user" and copy["sourceSpecId"] == source["workflowId"]
    assert copy["forkedFromId"] == source["workflowId"]
    assert copy["sourceVersion"] == str(source["itemVersion"])
    assert copy["sourceName"] == "Source flow" and copy["name"] == "Copy of Source flow"
    assert copy["ownerId"] == forker.user_id and copy["visibility"] == "private"
    assert copy["systemPrompt"] == source["systemPrompt"] and copy["toolPalette"] == source["toolPalette"]
    assert copy["specJson"]["outputSpecs"] == source["specJson"]["outputSpecs"]
    assert copy["stats"] == {"runCount": 0, "forkCount": 0, "likeCount": 0}

    again = (await owner.request("GET", f"/user_workflows/{source['workflowId']}")).json()
    assert again["stats"]["forkCount"] == 1
    # A fork count is not an edit.
    assert again["itemVersion"] == source["itemVersion"]


async def test_owner_may_fork_their_own_private_workflow(server):
    owner = await server.user(tier="pro")
    source = await ready_workflow(owner)
    assert (await fork(owner, source["workflowId"])).status_code == 201


@pytest.mark.parametrize("visibility", ["private", "archived"])
async def test_someone_elses_unpublished_workflow_is_not_a_source(server, visibility):
    owner, other = await server.user(tier="pro"), await server.user(tier="pro")
    source = await ready_workflow(owner)
    if visibility == "archived":
        source = await patched(owner, await patched(owner, source, visibility="public"), visibility="archived")
    response = await fork(other, source["workflowId"])
    assert response.status_code == 404
    assert response.json()["code"] == "SOURCE_NOT_FOUND"


@pytest.mark.parametrize(("source", "status"), [
    ("goal_lane.does_not_exist", 404), ("developer_nobody.nothing", 404), ("uw_0123456789abcdef01234567", 404),
    ("goal_lane", 422), ("uw_123", 422), ("", 422), ("test.something", 422), ("BLANK", 422),
])
async def test_unknown_or_malformed_sources(server, source, status):
    api = await server.user(tier="pro")
    response = await fork(api, source)
    assert response.status_code == status, response.text


async def test_fork_body_limits(server):
    api = await server.user(tier="pro")
    assert (await fork(api, "blank", name="n" * 81)).status_code == 422
    assert (await fork(api, "blank", name="")).status_code == 422
    assert (await fork(api, "blank", visibility="public")).status_code == 422
    assert (await api.request("POST", "/user_workflows/fork", json={})).status_code == 422
    async with server.client() as anonymous:
        assert (await anonymous.post("/api/v1/user_workflows/fork", json={"sourceSpecId": "blank"})).status_code == 401


async def test_forks_keep_their_lineage_after_the_source_is_archived_and_deleted(server):
    owner, forker = await server.user(tier="pro"), await server.user(tier="pro")
    source = await published(owner, "Gone soon")
    copy = (await fork(forker, source["workflowId"])).json()

    archived = await patched(owner, source, visibility="archived")
    lineage = (await forker.request("GET", f"/user_workflows/{copy['workflowId']}")).json()
    assert lineage["forkedFromId"] == source["workflowId"] and lineage["sourceName"] == "Gone soon"

    assert (await owner.request("DELETE", f"/user_workflows/{archived['workflowId']}")).status_code == 204
    lineage = (await forker.request("GET", f"/user_workflows/{copy['workflowId']}")).json()
    assert lineage["forkedFromId"] == source["workflowId"] and lineage["sourceName"] == "Gone soon"
    assert lineage["sourceSpecId"] == source["workflowId"]
    # The fork is still a working workflow of its own.
    assert (await patched(forker, lineage, name="Still mine"))["name"] == "Still mine"


async def test_twenty_concurrent_forks_count_twenty(server):
    owner = await server.user(tier="pro")
    source = await published(owner, "Popular source")
    forkers = [await server.user(tier="free") for _ in range(20)]

    responses = await asyncio.gather(*(fork(f, source["workflowId"]) for f in forkers))
    assert [r.status_code for r in responses] == [201] * 20
    assert len({r.json()["workflowId"] for r in responses}) == 20
    current = (await owner.request("GET", f"/user_workflows/{source['workflowId']}")).json()
    assert current["stats"]["forkCount"] == 20


async def test_a_free_user_forks_but_cannot_edit(server):
    free = await server.user(tier="free")
    copy = (await fork(free, "blank")).json()
    response = await patch(free, copy, name="edited")
    assert response.status_code == 403 and response.json()["code"] == "PRO_TIER_REQUIRED"
