"""``GET /jobs/goal/{id}``, ``GET /jobs/goal`` and ``GET /user_workflows`` answer from point reads
(no ORM session) with the very bytes the ORM row made before.

Runs on SQLite, and on PostgreSQL when CONVILYN_TEST_DATABASE_URL is set.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select, update

from convilyn.builder.models import UserWorkflow
from convilyn.builder.views import summary_view
from convilyn.jobs import service
from convilyn.jobs.models import Job, JobFile
from convilyn.jobs.schemas import JobPage

CHECKPOINT = {"checkpointId": "review", "stepOutputPreview": "Revue « plan » ✓",
              "slots": [{"slotId": "notes", "type": "text", "label": "Notes", "required": True}]}


async def _orm_view(server, job_id: str):
    """The job as the ORM path renders it (what every write route still returns)."""
    async with server.ctx.db.read() as session:
        job = await session.scalar(select(Job).where(Job.id == job_id))
        spec = await server.ctx.registry.get_for_job(session, job.spec_id)
        return service.job_view(job, spec, await service.job_file_ids(session, job_id))


async def test_a_job_with_a_checkpoint_and_files_in_order_reads_byte_for_byte_as_before(server):
    api = await server.user()
    files = [await api.upload(f"part{n}.md", f"# Part {n}") for n in range(3)]
    job = await api.create_job("test.two_checkpoints", files[:1])
    job_id = job["jobSpecId"]
    async with server.ctx.db.transaction() as session:
        # Positions out of insertion order: the view lists files by position.
        session.add_all([JobFile(job_id=job_id, file_id=files[2], position=2),
                         JobFile(job_id=job_id, file_id=files[1], position=1)])
        await session.execute(update(Job).where(Job.id == job_id).values(
            status="slot_needed", progress=50, current_step="preparing_review", checkpoint=CHECKPOINT,
            resume_checkpoint_id="review", slot_values={"tone": "friendly", "notes": "é"}, item_version=3,
            history=[{"large": "x" * 1000}]))

    response = await api.request("GET", f"/jobs/goal/{job_id}")
    assert response.status_code == 200
    expected = await _orm_view(server, job_id)
    assert response.content == expected.model_dump_json(by_alias=True).encode()
    assert response.json()["fileIds"] == files and response.json()["checkpoint"]["checkpointId"] == "review"


async def test_a_completed_job_reads_its_outputs_and_times_byte_for_byte_as_before(server):
    api = await server.user()
    job_id = (await api.create_job("test.simple", [await api.upload("a.txt", "text")]))["jobSpecId"]
    async with server.ctx.db.transaction() as session:
        await session.execute(update(Job).where(Job.id == job_id).values(
            status="completed", progress=100, current_step="done", output_files=["report.md", "notes.txt"],
            completed_at=datetime(2026, 12, 6, 9, 30, 1, 123456, tzinfo=UTC)))

    response = await api.request("GET", f"/jobs/goal/{job_id}")
    assert response.content == (await _orm_view(server, job_id)).model_dump_json(by_alias=True).encode()
    assert response.json()["outputFiles"] == ["report.md", "notes.txt"]


async def test_another_users_job_is_not_found_on_the_read_path(server):
    owner, other = await server.user(), await server.user()
    job_id = (await owner.create_job("test.simple", [await owner.upload("a.txt", "text")]))["jobSpecId"]
    response = await other.request("GET", f"/jobs/goal/{job_id}")
    assert response.status_code == 404 and response.json()["code"] == "JOB_NOT_FOUND"


async def test_the_job_list_reads_byte_for_byte_as_the_orm_rows_did(server):
    api = await server.user()
    for _ in range(3):
        await api.create_job("test.simple", [await api.upload("a.txt", "text")])
    async with server.ctx.db.transaction() as session:
        failed = (await api.create_job("test.simple", [await api.upload("b.txt", "text")]))["jobSpecId"]
        await session.execute(update(Job).where(Job.id == failed).values(status="failed", error="boom"))

    for params in ({"limit": 2}, {"status": "failed"}, {"workflowId": "test.simple", "limit": 3}):
        response = await api.request("GET", "/jobs/goal", params=params)
        body = response.json()
        ids = [item["jobSpecId"] for item in body["items"]]
        async with server.ctx.db.read() as session:
            jobs = {job.id: job for job in await session.scalars(select(Job).where(Job.id.in_(ids)))}
        expected = JobPage(items=[service.job_summary(jobs[job_id]) for job_id in ids], cursor=body["cursor"])
        assert response.content == expected.model_dump_json(by_alias=True).encode(), params
    assert [item["error"] for item in (await api.request(
        "GET", "/jobs/goal", params={"status": "failed"})).json()["items"]] == ["boom"]


async def test_the_workflow_list_reads_byte_for_byte_as_the_orm_rows_did(server):
    api = await server.user(tier="pro")
    for name in ("First", "Second", "Third"):
        created = await api.request("POST", "/user_workflows", json={"name": name, "description": "d" * 200})
        assert created.status_code == 201, created.text
    seen, cursor = [], None
    while True:
        page = (await api.request("GET", "/user_workflows",
                                  params={"limit": 2, **({"cursor": cursor} if cursor else {})})).json()
        seen += page["items"]
        cursor = page["cursor"]
        if cursor is None:
            break
    async with server.ctx.db.read() as session:
        rows = {w.id: w for w in await session.scalars(select(UserWorkflow).where(
            UserWorkflow.owner_id == api.user_id))}
    assert [item["name"] for item in seen] == ["Third", "Second", "First"]
    assert seen == [summary_view(rows[item["workflowId"]]).model_dump(by_alias=True, mode="json") for item in seen]
