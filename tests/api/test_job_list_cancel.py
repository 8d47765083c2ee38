"""Finding jobs again (GET /jobs/goal), stopping them (cancel), and what job creation refuses up front."""

from __future__ import annotations

import asyncio

from convilyn.jobs.execution import run_job_phase
from convilyn.jobs.models import Job
from tests.support import JOB_POSTING, RESUME, ScriptedRuntime


async def _job(api, spec="test.simple"):
    return await api.create_job(spec, [await api.upload("a.txt", "some text")])


async def test_jobs_are_listed_newest_first_page_by_page(make_server):
    live = await make_server()
    api, other = await live.user(), await live.user()
    created = [(await _job(api))["jobSpecId"] for _ in range(5)]
    await _job(other)
    seen, cursor = [], None
    while True:
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = (await api.request("GET", "/jobs/goal", params=params)).json()
        assert len(page["items"]) <= 2
        seen += [item["jobSpecId"] for item in page["items"]]
        cursor = page["cursor"]
        if cursor is None:
            break
    assert seen == created[::-1], "newest first, every job once, none of another user's"
    item = page["items"][-1]
    assert item["workflowId"] == "test.simple" and item["status"] == "pending" and item["itemVersion"] == 1


async def test_jobs_filter_by_status_and_workflow(make_server):
    live = await make_server(runtime=ScriptedRuntime())
    api = await live.user()
    waiting = await _job(api, "test.two_checkpoints")
    await api.fill(waiting["jobSpecId"], 1, tone="friendly")
    await api.confirm(waiting["jobSpecId"], 2)
    assert (await api.settle(waiting["jobSpecId"]))["status"] == "slot_needed"
    simple = await _job(api)

    async def ids(**params):
        response = await api.request("GET", "/jobs/goal", params=params)
        assert response.status_code == 200, response.text
        return [item["jobSpecId"] for item in response.json()["items"]]

    assert await ids(status="slot_needed") == [waiting["jobSpecId"]]
    assert await ids(status="pending") == [simple["jobSpecId"]]
    assert await ids(workflowId="test.simple") == [simple["jobSpecId"]]
    assert await ids(workflowId="test.two_checkpoints", status="pending") == []
    refused = await api.request("GET", "/jobs/goal", params={"status": "sleeping"})
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "status"
    bad_cursor = await api.request("GET", "/jobs/goal", params={"cursor": "not-a-cursor"})
    assert bad_cursor.status_code == 422 and bad_cursor.json()["errors"][0]["code"] == "invalid_cursor"


async def test_a_pending_job_is_cancelled_once_and_then_400(server):
    api = await server.user()
    job = await _job(api)
    stale = await api.request("POST", f"/jobs/goal/{job['jobSpecId']}/cancel", json={"itemVersion": 7})
    assert stale.status_code == 409 and stale.json()["details"]["currentItemVersion"] == 1
    response = await api.request("POST", f"/jobs/goal/{job['jobSpecId']}/cancel", json={"itemVersion": 1})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["status"] == "cancelled" and body["itemVersion"] == 2 and body["outputFiles"] is None
    again = await api.request("POST", f"/jobs/goal/{job['jobSpecId']}/cancel", json={"itemVersion": 2})
    assert again.status_code == 400 and again.json()["code"] == "INVALID_TRANSITION"
    confirm = await api.request("POST", f"/jobs/goal/{job['jobSpecId']}/confirm", json={"itemVersion": 2})
    assert confirm.status_code == 400
    download = await api.request("GET", f"/jobs/goal/{job['jobSpecId']}/download")
    assert download.status_code == 400
    other = await server.user()
    hidden = await other.request("POST", f"/jobs/goal/{job['jobSpecId']}/cancel", json={"itemVersion": 2})
    assert hidden.status_code == 404


async def test_a_job_waiting_at_a_checkpoint_can_be_cancelled(make_server):
    live = await make_server(runtime=ScriptedRuntime())
    api = await live.user()
    job = await _job(api, "test.two_checkpoints")
    await api.fill(job["jobSpecId"], 1, tone="friendly")
    await api.confirm(job["jobSpecId"], 2)
    status = await api.settle(job["jobSpecId"])
    assert status["status"] == "slot_needed"
    response = await api.request("POST", f"/jobs/goal/{job['jobSpecId']}/cancel",
                                 json={"itemVersion": status["itemVersion"]})
    assert response.status_code == 200 and response.json()["status"] == "cancelled"
    assert "checkpoint" not in (await api.settle(job["jobSpecId"]))


async def test_a_confirmed_job_not_yet_picked_up_is_cancelled_and_its_queued_phase_does_nothing(make_server):
    runtime = ScriptedRuntime()
    live = await make_server(runtime=runtime, run_jobs=False)  # phases are queued, nothing runs them yet
    api = await live.user()
    job = await _job(api)
    await api.confirm(job["jobSpecId"], 1)
    assert (await api.request("GET", f"/jobs/goal/{job['jobSpecId']}/status")).json()["status"] == "confirming"
    response = await api.request("POST", f"/jobs/goal/{job['jobSpecId']}/cancel", json={"itemVersion": 2})
    assert response.status_code == 200 and response.json()["status"] == "cancelled"
    # A worker is handed the queued phase afterwards: there is nothing left to claim.
    await run_job_phase(live.ctx.phases, job["jobSpecId"], take_over=True)
    assert runtime.calls == []
    assert (await api.request("GET", f"/jobs/goal/{job['jobSpecId']}/status")).json()["status"] == "cancelled"


class GatedRuntime(ScriptedRuntime):
    """Reports a first step, waits for the test to let it go, then carries on as ScriptedRuntime."""

    def __init__(self) -> None:
        super().__init__()
        self.started = asyncio.Event()
        self.go = asyncio.Event()
        self.steps_after_gate = 0

    async def run_phase(self, request, progress):
        await progress(5, "first_step")
        self.started.set()
        await self.go.wait()

        async def counted(percent, step):
            await progress(percent, step)
            self.steps_after_gate += 1

        return await super().run_phase(request, counted)


async def test_a_running_phase_stops_at_its_next_step_and_records_nothing(make_server):
    runtime = GatedRuntime()
    live = await make_server(runtime=runtime)
    api = await live.user()
    job = await _job(api)
    await api.confirm(job["jobSpecId"], 1)
    await asyncio.wait_for(runtime.started.wait(), 10)
    assert (await api.request("GET", f"/jobs/goal/{job['jobSpecId']}/status")).json()["status"] == "executing"
    response = await api.request("POST", f"/jobs/goal/{job['jobSpecId']}/cancel", json={"itemVersion": 2})
    assert response.status_code == 200 and response.json()["status"] == "cancelled"
    runtime.go.set()
    status = await api.settle(job["jobSpecId"])
    assert status["status"] == "cancelled"
    assert runtime.steps_after_gate == 0, "the phase stopped at its next step"
    async with live.ctx.db.read() as session:
        row = await session.get(Job, job["jobSpecId"])
    assert row.output_key is None and row.output_files is None and row.current_step == "cancelled"
    assert row.progress == 5


async def test_the_catalog_states_input_documents_and_creation_refuses_another_count(server):
    api = await server.user()
    catalog = {item["spec_id"]: item for item in (await api.request("GET", "/workflows/catalog")).json()}
    cover = catalog["goal_lane.cover_letter"]["input_documents"]
    assert (cover["min_count"], cover["max_count"]) == (2, 2)
    assert [r["role"] for r in cover["roles"]] == ["resume", "job_posting"]
    summary = catalog["goal_lane.document_summary"]["input_documents"]
    assert summary["min_count"] == 1 and summary["roles"] == []
    resume = await api.upload("resume.md", RESUME, "text/markdown")
    response = await api.request("POST", "/jobs/goal", json={"workflowId": "goal_lane.cover_letter",
                                                            "fileIds": [resume]})
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "WRONG_DOCUMENT_COUNT"
    assert "goal_lane.cover_letter takes exactly 2 documents (resume, job_posting); fileIds has 1" in body["message"]
    assert body["errors"][0]["field"] == "fileIds" and body["details"]["given"] == 1
    posting = await api.upload("posting.txt", JOB_POSTING)
    assert (await api.request("POST", "/jobs/goal", json={"workflowId": "goal_lane.cover_letter",
                                                         "fileIds": [resume, posting]})).status_code == 201


async def test_the_daily_quota_counts_only_jobs_created(make_server):
    live = await make_server(rate_limits={"free": {"job_create": "3/day"}})
    api = await live.user("free")
    file_id = await api.upload("a.txt", "x")
    refused = [
        {"workflowId": "test.simpel", "fileIds": [file_id]},  # a typo: 404
        {"workflowId": "test.simple", "fileIds": []},  # no files: 422
        {"workflowId": "test.simple", "fileIds": [file_id, file_id]},  # twice the same: 422
        {"workflowId": "goal_lane.cover_letter", "fileIds": [file_id]},  # wrong count: 422
    ]
    for body in refused:
        response = await api.request("POST", "/jobs/goal", json=body)
        assert response.status_code in (404, 422), response.text
        assert response.headers["X-RateLimit-Remaining"] == "3"
    codes = []
    for _ in range(4):
        response = await api.request("POST", "/jobs/goal", json={"workflowId": "test.simple", "fileIds": [file_id]})
        codes.append(response.status_code)
    assert codes == [201, 201, 201, 429]
    listed = (await api.request("GET", "/jobs/goal")).json()["items"]
    assert len(listed) == 3
