"""The job state machine through the HTTP API, with a scripted runtime standing in for the agent."""

from __future__ import annotations

import pytest

from tests.support import ScriptedRuntime


@pytest.fixture
async def live(make_server):
    return await make_server(runtime=ScriptedRuntime())


async def test_slots_then_two_checkpoints_then_download(live):
    api = await live.user()
    file_id = await api.upload("notes.md", "# Notes\nShip it.")

    job = await api.create_job("test.two_checkpoints", [file_id])
    assert job["status"] == "pending" and job["itemVersion"] == 1
    assert [s["slotId"] for s in job["slots"]] == ["tone", "audience"]
    job_id = job["jobSpecId"]

    job = await api.fill(job_id, 1, tone="friendly")
    assert job["itemVersion"] == 2
    assert {s["slotId"]: s["value"] for s in job["slots"]}["tone"] == "friendly"

    confirmed = await api.confirm(job_id, 2)
    assert confirmed["status"] == "confirming" and confirmed["itemVersion"] == 3

    status = await api.settle(job_id)
    assert status["status"] == "slot_needed"
    assert status["itemVersion"] == 4, "a checkpoint increments itemVersion"
    assert status["checkpoint"] == {
        "checkpointId": "outline_review",
        "stepOutputPreview": "Review outline_review",
        "slots": [{"slotId": "outline_notes", "type": "text", "label": "", "required": True}],
    }

    job = await api.fill(job_id, 4, outline_notes="Add a timeline")
    await api.confirm(job_id, job["itemVersion"])
    status = await api.settle(job_id)
    assert status["status"] == "slot_needed" and status["checkpoint"]["checkpointId"] == "draft_review"
    assert status["itemVersion"] == 7

    job = await api.fill(job_id, 7, approved=True)
    await api.confirm(job_id, job["itemVersion"])
    status = await api.settle(job_id)
    assert status == {"status": "completed", "progress": 100, "currentStep": "completed", "itemVersion": 9}

    files = await api.download(job_id)
    body = files["result.md"].decode()
    assert "Ship it." in body
    assert "('audience', 'everyone')" in body, "an unfilled optional slot takes its default"
    assert "('outline_notes', 'Add a timeline')" in body and "('approved', True)" in body


async def test_stale_item_version_gets_409_with_current_version(live):
    api = await live.user()
    job = await api.create_job("test.two_checkpoints", [await api.upload("a.txt", "text")])
    job_id = job["jobSpecId"]
    await api.fill(job_id, 1, tone="friendly")

    stale = await api.request("PATCH", f"/jobs/goal/{job_id}/slots",
                              json={"itemVersion": 1, "slots": [{"slotId": "tone", "value": "professional"}]})
    assert stale.status_code == 409
    assert stale.json()["code"] == "VERSION_CONFLICT"
    assert stale.json()["details"] == {"currentItemVersion": 2}

    # The seed's recovery: re-fetch, retry with the current version.
    current = (await api.request("GET", f"/jobs/goal/{job_id}")).json()["itemVersion"]
    retry = await api.fill(job_id, current, tone="professional")
    assert retry["itemVersion"] == 3

    stale_confirm = await api.request("POST", f"/jobs/goal/{job_id}/confirm", json={"itemVersion": 2})
    assert stale_confirm.status_code == 409 and stale_confirm.json()["details"]["currentItemVersion"] == 3


async def test_confirm_with_required_slots_unfilled_names_them(live):
    api = await live.user()
    job = await api.create_job("test.two_checkpoints", [await api.upload("a.txt", "text")])
    response = await api.request("POST", f"/jobs/goal/{job['jobSpecId']}/confirm", json={"itemVersion": 1})
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "MISSING_SLOTS"
    assert body["details"] == {"missingSlots": ["tone"]}
    assert body["errors"][0]["field"] == "slots.tone"
    assert "tone" in body["message"]


async def test_slot_values_are_validated_against_their_definition(live):
    api = await live.user()
    job = await api.create_job("test.two_checkpoints", [await api.upload("a.txt", "text")])
    job_id = job["jobSpecId"]
    cases = [
        ({"slotId": "tone", "value": "sarcastic"}, "slots.0.value", "must be one of: professional, friendly"),
        ({"slotId": "tone", "value": 3}, "slots.0.value", "must be one of"),
        ({"slotId": "audience", "value": "x" * 2001}, "slots.0.value", "at most 2000"),
        ({"slotId": "colour", "value": "red"}, "slots.0.slotId", "not a slot of this step"),
        ({"slotId": "outline_notes", "value": "early"}, "slots.0.slotId", "not a slot of this step"),
        ([{"slotId": "tone", "value": "friendly"}, {"slotId": "tone", "value": "professional"}], "slots.1.slotId",
         "given twice"),
    ]
    for slot, field, message in cases:
        slots = slot if isinstance(slot, list) else [slot]
        response = await api.request("PATCH", f"/jobs/goal/{job_id}/slots", json={"itemVersion": 1, "slots": slots})
        assert response.status_code == 422, slot
        error = response.json()["errors"][-1]
        assert error["field"] == field and message in error["message"], (slot, error)
    unchanged = (await api.request("GET", f"/jobs/goal/{job_id}")).json()
    assert unchanged["itemVersion"] == 1, "a refused PATCH changes nothing"


async def test_invalid_transitions_are_400(live):
    api = await live.user()
    job = await api.create_job("test.simple", [await api.upload("a.txt", "text")])
    job_id = job["jobSpecId"]
    await api.confirm(job_id, 1)
    again = await api.request("POST", f"/jobs/goal/{job_id}/confirm", json={"itemVersion": 2})
    assert again.status_code in (400,)
    assert again.json()["code"] == "INVALID_TRANSITION"

    status = await api.settle(job_id)
    assert status["status"] == "completed"
    confirm_done = await api.request("POST", f"/jobs/goal/{job_id}/confirm", json={"itemVersion": status["itemVersion"]})
    assert confirm_done.status_code == 400 and "completed" in confirm_done.json()["message"]
    fill_done = await api.request("PATCH", f"/jobs/goal/{job_id}/slots",
                                  json={"itemVersion": status["itemVersion"], "slots": [{"slotId": "x", "value": "y"}]})
    assert fill_done.status_code == 400 and fill_done.json()["code"] == "INVALID_TRANSITION"


async def test_download_before_completion_is_400(live):
    api = await live.user()
    job = await api.create_job("test.simple", [await api.upload("a.txt", "text")])
    response = await api.request("GET", f"/jobs/goal/{job['jobSpecId']}/download")
    assert response.status_code == 400
    assert response.json()["code"] == "JOB_NOT_COMPLETED"


async def test_a_file_can_be_used_by_several_jobs_of_its_owner(live):
    api = await live.user()
    file_id = await api.upload("a.txt", "shared text")
    first = await api.create_job("test.simple", [file_id])
    second = await api.create_job("test.simple", [file_id])
    for job in (first, second):
        await api.confirm(job["jobSpecId"], 1)
    for job in (first, second):
        assert (await api.settle(job["jobSpecId"]))["status"] == "completed"
        assert "shared text" in (await api.download(job["jobSpecId"]))["result.md"].decode()
