"""The SDK's job methods and its ``run`` helper against a live server, with both clients."""

from __future__ import annotations

import asyncio
import io
import zipfile

import pytest

from convilyn_sdk import (
    AsyncConvilyn,
    InvalidTransition,
    JobFailed,
    JobNotCompleted,
    JobNotFound,
    JobResult,
    MissingSlots,
    PendingCheckpoint,
    UnprocessableEntityError,
    VersionConflict,
)
from tests.support import JOB_POSTING, RESUME, ScriptedRuntime

FAST = 0.05  # poll interval for the scripted runtime, which finishes in milliseconds


@pytest.fixture
async def scripted(make_server):
    return await make_server(runtime=ScriptedRuntime())


async def test_upload_accepts_a_path_bytes_a_file_object_and_a_tuple(server, sdk_for, tmp_path):
    client = sdk_for(await server.user())
    path = tmp_path / "résumé.md"
    path.write_text(RESUME)
    uploaded = [
        await client.files.upload(path),
        await client.files.upload(RESUME.encode(), filename="resume.md"),
        await client.files.upload(io.BytesIO(JOB_POSTING.encode()), filename="posting.txt"),
        await client.files.upload(("notes.txt", b"Meeting notes\n- ship it")),
    ]
    assert [f.format for f in uploaded] == ["md", "md", "txt", "txt"]
    assert uploaded[2].size_bytes == len(JOB_POSTING.encode())
    assert all(f.file_id.startswith("file_") for f in uploaded)
    assert len({f.file_id for f in uploaded}) == 4


async def test_create_fill_confirm_checkpoints_and_download_step_by_step(scripted, sdk_for, tmp_path):
    client = sdk_for(await scripted.user())
    file_id = (await client.files.upload(("notes.md", b"# Notes\nShip it."))).file_id

    job = await client.jobs.create("test.two_checkpoints", [file_id])
    assert job.status == "pending" and job.item_version == 1
    assert [s.slot_id for s in job.slots] == ["tone", "audience"]
    job = await client.jobs.fill_slots(job.job_spec_id, item_version=1, slots={"tone": "friendly"})
    assert job.item_version == 2 and job.slots[0].value == "friendly"
    confirmed = await client.jobs.confirm(job.job_spec_id, item_version=2)
    assert confirmed.status == "confirming"

    await scripted.ctx.runner.drain()
    status = await client.jobs.status(job.job_spec_id)
    assert status.status == "slot_needed" and status.checkpoint is not None
    assert status.checkpoint.checkpoint_id == "outline_review"
    assert (await client.jobs.get(job.job_spec_id)).item_version == status.item_version

    with pytest.raises(JobNotCompleted):
        await client.jobs.download_link(job.job_spec_id)

    await client.jobs.answer(job.job_spec_id, {"outline_notes": "Add a timeline"})
    await scripted.ctx.runner.drain()
    await client.jobs.answer(job.job_spec_id, {"approved": True})
    await scripted.ctx.runner.drain()
    assert (await client.jobs.status(job.job_spec_id)).status == "completed"

    link = await client.jobs.download_link(job.job_spec_id)
    assert "signature=" in link.url
    seen: list[tuple[int, int | None]] = []
    path = await client.jobs.download(job.job_spec_id, tmp_path, on_progress=lambda done, total: seen.append((done, total)))
    assert path == tmp_path / f"{job.job_spec_id}.zip"
    with zipfile.ZipFile(path) as archive:
        body = archive.read("result.md").decode()
    assert "Ship it." in body and "('outline_notes', 'Add a timeline')" in body
    assert seen and seen[-1][0] == path.stat().st_size == seen[-1][1]


async def test_envelope_codes_become_typed_exceptions(scripted, sdk_for):
    client = sdk_for(await scripted.user())
    file_id = (await client.files.upload(("a.txt", b"text"))).file_id
    job = await client.jobs.create("test.two_checkpoints", [file_id])

    await client.jobs.fill_slots(job.job_spec_id, item_version=1, slots={"tone": "friendly"})
    with pytest.raises(VersionConflict) as conflict:
        await client.jobs.fill_slots(job.job_spec_id, item_version=1, slots={"tone": "professional"})
    assert conflict.value.current_item_version == 2 and conflict.value.status == 409

    with pytest.raises(UnprocessableEntityError) as invalid:
        await client.jobs.fill_slots(job.job_spec_id, item_version=2, slots={"tone": "shouty"})
    assert invalid.value.errors[0].field == "slots.0.value"

    fresh = await client.jobs.create("test.two_checkpoints", [file_id])
    with pytest.raises(MissingSlots) as missing:
        await client.jobs.confirm(fresh.job_spec_id, item_version=1)
    assert [e.field for e in missing.value.errors] == ["slots.tone"]

    # A cancelled job, not a running one: a running job may reach its checkpoint (a 409 then) before the retry.
    cancelled = await client.jobs.cancel(fresh.job_spec_id)
    with pytest.raises(InvalidTransition):
        await client.jobs.confirm(fresh.job_spec_id, item_version=cancelled.item_version)
    with pytest.raises(JobNotFound):
        await client.jobs.get("job_" + "0" * 24)


async def test_run_answers_each_checkpoint_through_the_callback(scripted, sdk_for):
    client = sdk_for(await scripted.user())
    asked: list[str] = []
    progress: list[str] = []

    def answer(checkpoint, status):
        asked.append(checkpoint.checkpoint_id)
        assert status.status == "slot_needed"
        return {"outline_notes": "More detail"} if checkpoint.checkpoint_id == "outline_review" else {"approved": True}

    result = await client.jobs.run("test.two_checkpoints", [("notes.md", b"# Notes\nShip it.")],
                                   slots={"tone": "professional"}, on_checkpoint=answer,
                                   on_progress=lambda s: progress.append(s.status), poll_interval=FAST)
    assert isinstance(result, JobResult)
    assert asked == ["outline_review", "draft_review"]
    assert result.output_files == ["result.md"] and result.job.status == "completed"
    assert "signature=" in result.download_url
    assert progress[-1] == "completed" and "slot_needed" in progress


async def test_run_without_a_callback_returns_a_pending_checkpoint_then_resumes(scripted, sdk_for):
    client = sdk_for(await scripted.user())
    pending = await client.jobs.run("test.two_checkpoints", [("a.md", b"# A")], slots={"tone": "friendly"},
                                    poll_interval=FAST)
    assert isinstance(pending, PendingCheckpoint)
    assert pending.checkpoint.checkpoint_id == "outline_review"
    assert (await client.jobs.status(pending.job_id)).status == "slot_needed", "nothing was answered for us"

    second = await client.jobs.resume(pending, {"outline_notes": "ok"}, poll_interval=FAST)
    assert isinstance(second, PendingCheckpoint) and second.checkpoint.checkpoint_id == "draft_review"
    done = await client.jobs.resume(second, {"approved": True}, poll_interval=FAST)
    assert isinstance(done, JobResult)


async def test_a_409_at_a_checkpoint_rereads_the_job_and_retries_once(scripted, sdk_for, kind):
    user = await scripted.user()
    client = sdk_for(user)
    loop = asyncio.get_running_loop()
    asked: list[str] = []

    async def answer(checkpoint, status):
        asked.append(checkpoint.checkpoint_id)
        if checkpoint.checkpoint_id == "outline_review":
            # Someone else fills the slot first: the itemVersion the SDK holds is now stale.
            await user.fill(job.job_spec_id, status.item_version, outline_notes="theirs")
            return {"outline_notes": "mine"}
        return {"approved": True}

    def answer_from_thread(checkpoint, status):
        return asyncio.run_coroutine_threadsafe(answer(checkpoint, status), loop).result()

    job = await client.jobs.create("test.two_checkpoints", [(await client.files.upload(("a.md", b"# A"))).file_id])
    job = await client.jobs.fill_slots(job.job_spec_id, item_version=job.item_version, slots={"tone": "friendly"})
    await client.jobs.confirm(job.job_spec_id, item_version=job.item_version)
    result = await client.jobs.follow(job.job_spec_id, poll_interval=FAST,
                                      on_checkpoint=answer if kind == "async" else answer_from_thread)
    assert isinstance(result, JobResult) and asked == ["outline_review", "draft_review"]
    files = await user.download(job.job_spec_id)
    assert "('outline_notes', 'mine')" in files["result.md"].decode(), "the retry wrote our value last"


async def test_run_raises_job_failed_with_the_jobs_error(make_server, sdk_for):
    live = await make_server(runtime=ScriptedRuntime(fail="the model refused"))
    client = sdk_for(await live.user())
    with pytest.raises(JobFailed) as failed:
        await client.jobs.run("test.simple", [("a.txt", b"text")], poll_interval=FAST)
    assert "the model refused" in failed.value.error
    assert failed.value.status.status == "failed"


async def test_run_of_a_curated_workflow_end_to_end_at_the_apis_pace(server, tmp_path):
    # One client is enough here: both share the follow logic the tests above run with each.
    client = AsyncConvilyn(api_key=(await server.user()).api_key, base_url=server.base_url)
    steps: list[str] = []
    result = await client.jobs.run("goal_lane.cover_letter",
                                   [("resume.md", RESUME.encode()), ("job_posting.txt", JOB_POSTING.encode())],
                                   on_progress=lambda s: steps.append(s.current_step or s.status))
    assert isinstance(result, JobResult)
    path = await client.jobs.download(result.job_id, tmp_path / "out.zip")
    with zipfile.ZipFile(path) as archive:
        assert "cover_letter.md" in archive.namelist()
    assert steps[-1] == "completed"
    await client.close()


async def test_list_filters_and_cancel(server, sdk_for):
    from tests.sdk.conftest import collect

    api = await server.user()
    client = sdk_for(api)
    file_id = (await client.files.upload(("notes.md", b"# Notes\nShip it."))).file_id
    jobs = [await client.jobs.create("test.simple", [file_id]) for _ in range(3)]
    listed = await collect(client.jobs.list(limit=2))
    assert [j.job_spec_id for j in listed] == [j.job_spec_id for j in reversed(jobs)]
    cancelled = await client.jobs.cancel(jobs[0].job_spec_id)
    assert cancelled.status == "cancelled"
    assert [j.job_spec_id for j in await collect(client.jobs.list(status="cancelled"))] == [jobs[0].job_spec_id]
    assert len(await collect(client.jobs.list(workflow_id="test.simple", status="pending"))) == 2
    with pytest.raises(InvalidTransition):
        await client.jobs.cancel(jobs[0].job_spec_id, item_version=cancelled.item_version)


async def test_events_are_followed_and_resumed_after_a_given_event(scripted, sdk_for):
    client = sdk_for(await scripted.user())
    file_id = (await client.files.upload(("notes.md", b"# Notes\nShip it."))).file_id
    job = await client.jobs.create("test.simple", [file_id])
    await client.jobs.confirm(job.job_spec_id, item_version=1)

    async def collect_events(**kwargs):
        listing = client.jobs.events(job.job_spec_id, **kwargs)
        if hasattr(listing, "__aiter__"):
            return [event async for event in listing]
        return await asyncio.to_thread(list, await listing)  # the sync client's generator, run in a thread

    events = await collect_events()
    assert [e.id for e in events] == list(range(1, len(events) + 1))
    assert events[0].status == "pending" and events[-1].event == "completed" and events[-1].final
    resumed = await collect_events(last_event_id=events[-3].id)
    assert [e.id for e in resumed] == [e.id for e in events[-2:]]


async def test_run_follows_the_job_through_its_events(scripted, sdk_for):
    client = sdk_for(await scripted.user())
    seen = []
    result = await client.jobs.run("test.two_checkpoints", [("notes.md", b"# Notes")], slots={"tone": "friendly"},
                                   on_progress=lambda status: seen.append(status.status),
                                   on_checkpoint=lambda checkpoint, status: (
                                       {"outline_notes": "ok"} if checkpoint.checkpoint_id == "outline_review"
                                       else {"approved": True}))
    assert isinstance(result, JobResult) and result.output_files == ["result.md"]
    assert "executing" in seen
