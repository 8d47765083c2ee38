"""User workflows run as Goal Lane jobs on the shared runtime (the registry's user resolver)."""

from __future__ import annotations

import json

import pytest

from tests.builder.support import create_blank, fork, patched, published, ready_workflow
from tests.support import JOB_POSTING, MEETING_NOTES, RESUME


async def create_job(api, workflow_id: str, file_ids: list[str]):
    return await api.request("POST", "/jobs/goal", json={"workflowId": workflow_id, "fileIds": file_ids})


async def run_count(api, workflow_id: str) -> int:
    return (await api.request("GET", f"/user_workflows/{workflow_id}")).json()["stats"]["runCount"]


async def test_owner_creates_a_job_of_their_workflow_and_it_counts_a_run(server):
    api = await server.user(tier="pro")
    workflow = await ready_workflow(api)
    file_id = await api.upload("notes.txt", MEETING_NOTES)

    response = await create_job(api, workflow["workflowId"], [file_id])
    assert response.status_code == 201, response.text
    job = response.json()
    assert job["workflowId"] == workflow["workflowId"]
    assert job["slots"] == []
    assert await run_count(api, workflow["workflowId"]) == 1


async def test_anyone_pro_runs_a_public_workflow(server):
    owner, runner = await server.user(tier="pro"), await server.user(tier="pro")
    public = await published(owner)
    file_id = await runner.upload("notes.txt", MEETING_NOTES)
    assert (await create_job(runner, public["workflowId"], [file_id])).status_code == 201
    assert await run_count(owner, public["workflowId"]) == 1


@pytest.mark.parametrize("visibility", ["private", "archived"])
async def test_others_cannot_run_an_unpublished_workflow(server, visibility):
    owner, runner = await server.user(tier="pro"), await server.user(tier="pro")
    workflow = await ready_workflow(owner)
    if visibility == "archived":
        workflow = await patched(owner, await patched(owner, workflow, visibility="public"), visibility="archived")
    file_id = await runner.upload("notes.txt", MEETING_NOTES)
    response = await create_job(runner, workflow["workflowId"], [file_id])
    assert response.status_code == 404
    assert response.json()["code"] == "WORKFLOW_NOT_FOUND"
    assert await run_count(owner, workflow["workflowId"]) == 0


async def test_running_a_user_workflow_needs_pro(server):
    owner, free = await server.user(tier="pro"), await server.user(tier="free")
    public = await published(owner)
    file_id = await free.upload("notes.txt", MEETING_NOTES)
    response = await create_job(free, public["workflowId"], [file_id])
    assert response.status_code == 403
    assert response.json()["code"] == "PRO_TIER_REQUIRED"
    assert await run_count(owner, public["workflowId"]) == 0


async def test_an_empty_workflow_is_not_runnable(server):
    api = await server.user(tier="pro")
    workflow = await create_blank(api)
    file_id = await api.upload("notes.txt", MEETING_NOTES)
    response = await create_job(api, workflow["workflowId"], [file_id])
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "WORKFLOW_NOT_RUNNABLE"
    assert {e["code"] for e in body["errors"]} == {"empty_system_prompt", "empty_tool_palette"}


async def test_a_refused_job_does_not_count_a_run(server):
    api = await server.user(tier="pro")
    workflow = await ready_workflow(api)
    response = await create_job(api, workflow["workflowId"], ["file_0123456789abcdef01234567"])
    assert response.status_code == 404
    assert await run_count(api, workflow["workflowId"]) == 0


async def test_a_deleted_workflow_is_not_found_for_new_jobs(server):
    api = await server.user(tier="pro")
    workflow = await ready_workflow(api)
    assert (await api.request("DELETE", f"/user_workflows/{workflow['workflowId']}")).status_code == 204
    file_id = await api.upload("notes.txt", MEETING_NOTES)
    assert (await create_job(api, workflow["workflowId"], [file_id])).status_code == 404


async def test_a_forked_edited_published_workflow_runs_and_produces_output(server):
    author, runner = await server.user(tier="pro"), await server.user(tier="pro")
    workflow = (await fork(author, "goal_lane.action_items_extractor")).json()
    workflow = await patched(author, workflow, name="Team action tracker", description="Who does what, by when.",
                             systemPrompt="List every action item with its owner and due date.", tags=["meetings"])
    workflow = await patched(author, workflow, visibility="public")
    assert workflow["visibility"] == "public"

    # Another Pro user runs the published workflow, as the seed's job flow goes.
    file_id = await runner.upload("weekly-sync.txt", MEETING_NOTES)
    job = await runner.create_job(workflow["workflowId"], [file_id])
    assert job["workflowId"] == workflow["workflowId"] and job["slots"] == []
    await runner.confirm(job["jobSpecId"], job["itemVersion"])
    status = await runner.settle(job["jobSpecId"])
    assert status["status"] == "completed", status

    files = await runner.download(job["jobSpecId"])
    assert set(files) == {"action_items.md", "action_items.csv", "action_items.json"}
    report = files["action_items.md"].decode()
    assert report.startswith("# Action items")  # palette and outputs unedited: the fork keeps the source plan
    assert "weekly-sync.txt" in report
    for owner, task in (("Bob", "revised deck"), ("Alice", "public roadmap"), ("Carol", "Q1 hiring plan")):
        assert owner in report and task in report
    assert "2026-11-27" in files["action_items.csv"].decode()
    assert "revised deck" in json.dumps(json.loads(files["action_items.json"]))
    assert await run_count(author, workflow["workflowId"]) == 1


async def test_a_fork_of_a_published_fork_still_writes_its_curated_ancestors_letter(server):
    author, reader = await server.user(tier="pro"), await server.user(tier="pro")
    first = (await fork(author, "goal_lane.cover_letter")).json()
    first = await patched(author, first, visibility="public", tags=["letters"])
    second = (await fork(reader, first["workflowId"])).json()
    assert second["sourceSpecId"] == first["workflowId"]
    assert second["specJson"]["plan"] == first["specJson"]["plan"] is not None, "the plan comes down the chain"
    edited = await patched(reader, second, name="My letters")  # recompiled on every edit, still from the chain
    assert edited["specJson"]["plan"] == first["specJson"]["plan"]

    files = [await reader.upload("resume.md", RESUME), await reader.upload("posting.txt", JOB_POSTING)]
    job = (await create_job(reader, second["workflowId"], files)).json()
    await reader.confirm(job["jobSpecId"], job["itemVersion"])
    assert (await reader.settle(job["jobSpecId"]))["status"] == "completed"
    letter = (await reader.download(job["jobSpecId"]))["cover_letter.md"].decode()
    assert "Dear Acme Analytics hiring team" in letter
