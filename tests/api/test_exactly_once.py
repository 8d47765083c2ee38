"""At-least-once delivery, exactly-once effect: a phase run twice records one outcome.

The runs here are started by hand on a job moved to confirming without enqueueing
it, as a queue would deliver a phase again after taking its first worker for dead.
"""

from __future__ import annotations

import asyncio

from sqlalchemy import update

from convilyn.jobs.execution import run_job_phase
from convilyn.jobs.models import Job
from tests.support import ScriptedRuntime


async def _no_report(percent: int, step: str) -> None:
    pass


class GatedRuntime(ScriptedRuntime):
    """Each run stops inside the phase until its gate opens (run 0, 1, ...).

    With ``quiet_first``, run 0 reports no step after its gate and goes straight to its
    outcome (a report would stop it there, see the last test), so its completion is what is refused."""

    def __init__(self, *, quiet_first: bool = True) -> None:
        super().__init__()
        self.inside = [asyncio.Event(), asyncio.Event()]
        self.gates = [asyncio.Event(), asyncio.Event()]
        self.started = 0
        self.quiet_first = quiet_first
        self.outcomes: list[object] = []

    async def run_phase(self, request, progress):
        run, self.started = self.started, self.started + 1
        self.inside[run].set()
        await self.gates[run].wait()
        if run == 0 and self.quiet_first:
            outcome = await super().run_phase(request, _no_report)
        else:
            await progress(70, f"run_{run}")
            outcome = await super().run_phase(request, progress)
        self.outcomes.append(outcome)
        return outcome


async def _confirming_job(live) -> tuple[object, str]:
    api = await live.user()
    job_id = (await api.create_job("test.simple", [await api.upload("a.txt", "text")]))["jobSpecId"]
    async with live.ctx.db.transaction() as session:
        await session.execute(update(Job).where(Job.id == job_id).values(status="confirming"))
    return api, job_id


def _outputs(live, job_id: str) -> list[str]:
    folder = live.ctx.storage.path(f"outputs/{job_id}")
    return sorted(path.name for path in folder.iterdir()) if folder.exists() else []


async def test_a_superseded_run_records_nothing_and_deletes_only_its_own_output(make_server):
    runtime = GatedRuntime()
    live = await make_server(runtime=runtime)
    api, job_id = await _confirming_job(live)

    first = asyncio.create_task(run_job_phase(live.ctx.phases, job_id))
    await runtime.inside[0].wait()
    # The queue takes the first worker for dead and hands the phase to another, which takes it over.
    second = asyncio.create_task(run_job_phase(live.ctx.phases, job_id, take_over=True))
    await runtime.inside[1].wait()

    runtime.gates[0].set()  # the first run was alive after all, and finishes first
    await first
    assert len(runtime.outcomes) == 1, "the first run got as far as its outcome"
    async with live.ctx.db.read() as session:
        meanwhile = await session.get(Job, job_id)
    assert (meanwhile.status, meanwhile.output_key, meanwhile.current_step) == ("executing", None, "starting")
    assert _outputs(live, job_id) == [], "the superseded run recorded nothing and removed its own ZIP"

    runtime.gates[1].set()
    await second
    async with live.ctx.db.read() as session:
        done = await session.get(Job, job_id)
    assert (done.status, done.attempts, done.output_key) == ("completed", 2, f"outputs/{job_id}/{done.claim}.zip")
    assert _outputs(live, job_id) == [f"{done.claim}.zip"]
    assert set(await api.download(job_id)) == {"result.md"}


async def test_a_phase_delivered_again_after_it_completed_does_nothing(make_server):
    runtime = ScriptedRuntime()
    live = await make_server(runtime=runtime)
    _, job_id = await _confirming_job(live)
    await run_job_phase(live.ctx.phases, job_id)
    async with live.ctx.db.read() as session:
        done = await session.get(Job, job_id)
    await run_job_phase(live.ctx.phases, job_id, take_over=True)
    async with live.ctx.db.read() as session:
        again = await session.get(Job, job_id)
    assert len(runtime.calls) == 1
    assert (again.status, again.claim, again.item_version, again.updated_at) == (
        "completed", done.claim, done.item_version, done.updated_at)


async def test_a_superseded_run_stops_at_its_next_progress_report(make_server):
    runtime = GatedRuntime(quiet_first=False)
    live = await make_server(runtime=runtime)
    _, job_id = await _confirming_job(live)
    first = asyncio.create_task(run_job_phase(live.ctx.phases, job_id))
    await runtime.inside[0].wait()
    second = asyncio.create_task(run_job_phase(live.ctx.phases, job_id, take_over=True))
    await runtime.inside[1].wait()
    runtime.gates[0].set()
    await first  # its report matched no row (the claim is the second run's): it stopped there
    assert runtime.outcomes == [] and _outputs(live, job_id) == []
    runtime.gates[1].set()
    await second
    async with live.ctx.db.read() as session:
        done = await session.get(Job, job_id)
    assert done.status == "completed" and len(runtime.outcomes) == 1
