"""The runner: failures end a job with a readable error, crashes retry, and nothing stays executing."""

from __future__ import annotations

import os

import pytest

from convilyn.app import start
from convilyn.jobs.models import Job
from tests.conftest import TEST_DB_ENV
from tests.support import ScriptedRuntime


async def _run(live, spec="test.simple"):
    api = await live.user()
    job = await api.create_job(spec, [await api.upload("a.txt", "text")])
    await api.confirm(job["jobSpecId"], 1)
    return api, job["jobSpecId"], await api.settle(job["jobSpecId"])


async def test_a_phase_failure_fails_the_job_with_its_message(make_server):
    live = await make_server(runtime=ScriptedRuntime(fail="notes.pdf is encrypted; upload an unprotected copy"))
    _, _, status = await _run(live)
    assert status["status"] == "failed"
    assert status["error"] == "notes.pdf is encrypted; upload an unprotected copy"


async def test_a_crashed_phase_is_retried(make_server):
    runtime = ScriptedRuntime(crash=2)
    live = await make_server(runtime=runtime, phase_max_attempts=3)
    _, _, status = await _run(live)
    assert status["status"] == "completed"
    assert len(runtime.calls) == 3


async def test_attempts_run_out_then_the_job_fails(make_server):
    live = await make_server(runtime=ScriptedRuntime(crash=10), phase_max_attempts=2)
    _, _, status = await _run(live)
    assert status["status"] == "failed"
    assert "gave up after 2 attempts" in status["error"]
    assert "worker lost its connection" in status["error"]


async def test_a_phase_that_outruns_its_timeout_fails_instead_of_executing_forever(make_server):
    live = await make_server(runtime=ScriptedRuntime(hang=True), phase_max_attempts=1, phase_timeout_seconds=0.3)
    _, _, status = await _run(live)
    assert status["status"] == "failed"
    assert "timed out after 0.3 s" in status["error"]


@pytest.mark.skipif(bool(os.environ.get(TEST_DB_ENV)),
                    reason="the in-process runner's recovery; on PostgreSQL see tests/scale (stalled workers)")
async def test_jobs_left_executing_by_a_crash_are_redispatched_at_start(make_server):
    runtime = ScriptedRuntime()
    live = await make_server(runtime=runtime)
    api = await live.user()
    job = await api.create_job("test.simple", [await api.upload("a.txt", "text")])
    job_id = job["jobSpecId"]
    # Simulate a process that died mid-phase: the row says executing, no worker has it.
    async with live.ctx.db.transaction() as session:
        row = await session.get(Job, job_id)
        row.status, row.attempts = "executing", 1
    await start(live.ctx)
    status = await api.settle(job_id)
    assert status["status"] == "completed"


async def test_the_watchdog_takes_back_only_phases_that_outran_their_grace(make_server):
    from datetime import timedelta

    from convilyn.core.clock import clock
    from convilyn.jobs.execution import interrupted_jobs

    live = await make_server(runtime=ScriptedRuntime())
    api = await live.user()
    stuck, fresh = [(await api.create_job("test.simple", [await api.upload(f"{n}.txt", "text")]))["jobSpecId"]
                    for n in ("stuck", "fresh")]
    # Two phases a worker holds: one started an hour ago, one just now.
    async with live.ctx.db.transaction() as session:
        for job_id, started in ((stuck, clock.now() - timedelta(hours=1)), (fresh, clock.now())):
            row = await session.get(Job, job_id)
            row.status, row.attempts, row.phase_started_at = "executing", 1, started

    assert await interrupted_jobs(live.ctx.phases, stuck_after=timedelta(minutes=10)) == [stuck]
    async with live.ctx.db.read() as session:
        assert (await session.get(Job, stuck)).status == "confirming"
        assert (await session.get(Job, fresh)).status == "executing", "a phase within its grace is left running"
