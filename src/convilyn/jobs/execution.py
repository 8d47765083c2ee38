"""Running one phase of a job: claim it, run the agent, record what came of it.

Delivery is at least once (a worker's queue may hand a phase out again after a
crash, or twice); the effect is exactly once. A run claims the phase with a
guarded UPDATE that stamps a fresh ``claim`` token on the job, and every write
it makes afterwards (progress, checkpoint, completion, failure, retry) is
guarded by that token: a run that has been superseded (its worker was taken
for dead and the phase handed to another) matches no row and records nothing.
Outputs go under a per-attempt key (``outputs/{job}/{claim}.zip``); the run
whose completion commits keeps its key, and a run whose completion matched no
row deletes only its own, never the winner's.

Every move is logged as a job event in its own transaction (``jobs.events``).
A job cancelled mid-phase stops at the phase's next progress report: the
report matches no row (the job is no longer ``executing``), and the outcomes
are all guarded the same way, so nothing is recorded after the cancel,
whichever process (API or worker) runs the phase.
"""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import shutil
import tempfile
import time
import zipfile
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import undefer
from sqlalchemy.orm.interfaces import ORMOption

from convilyn.catalog.registry import SpecRegistry
from convilyn.core.clock import clock
from convilyn.core.db import Database, rows_affected
from convilyn.core.settings import Settings
from convilyn.files.models import StoredFile
from convilyn.files.storage import Storage
from convilyn.jobs import events
from convilyn.jobs.events import EventType
from convilyn.jobs.inputs import release
from convilyn.jobs.models import Job, JobFile
from convilyn.jobs.states import JobStatus
from convilyn.jobs.transitions import move_job
from convilyn.ops.logs import job_logging
from convilyn.ops.metrics import phase_finished
from convilyn.runtime.phase import (
    CheckpointReached,
    Completed,
    InputDocument,
    PhaseFailed,
    PhaseRequest,
    PhaseRuntime,
    PhaseStopped,
)

if TYPE_CHECKING:
    from convilyn.jobs.runner import PhaseQueue

log = logging.getLogger("convilyn.jobs")

RUNNING = (JobStatus.EXECUTING,)
# The event each move logs (a move within executing is a progress report, told by the caller).
EVENT_OF: dict[JobStatus, EventType] = {
    JobStatus.SLOT_NEEDED: "checkpoint", JobStatus.COMPLETED: "completed", JobStatus.FAILED: "failed",
}


@dataclass
class PhaseEnvironment:
    """What running a phase needs, and nothing of HTTP."""

    settings: Settings
    db: Database
    storage: Storage
    registry: SpecRegistry
    runtime: PhaseRuntime
    queue: PhaseQueue | None = None


@dataclass(frozen=True)
class Attempt:
    """One run's hold on a job's phase: the claim token guards everything it writes."""

    job: Job
    claim: str

    @property
    def job_id(self) -> str:
        return self.job.id

    @property
    def output_key(self) -> str:
        return f"outputs/{self.job.id}/{self.claim}.zip"


async def _record(env: PhaseEnvironment, attempt: Attempt, to: JobStatus, *, event: EventType | None = None,
                  **values: Any) -> bool:
    """Move the job while this attempt still holds it; False when it was cancelled or another run took it over."""
    async with env.db.transaction() as session:
        return await _record_in(session, attempt, to, event=event, **values)


async def _record_in(session: AsyncSession, attempt: Attempt, to: JobStatus, *, event: EventType | None = None,
                     **values: Any) -> bool:
    changed = await rows_affected(session,
        move_job(attempt.job_id, to, Job.claim == attempt.claim, from_=RUNNING).values(**values)
    )
    if changed != 1:
        return False
    await _log_event(session, attempt.job_id, event or EVENT_OF.get(to, "status"))
    return True


async def _log_event(session: AsyncSession, job_id: str, event: EventType, *options: ORMOption) -> Job:
    """The job's event for the move just made, from the row as the move left it."""
    job = await session.scalar(select(Job).options(*options).where(Job.id == job_id)
                               .execution_options(populate_existing=True))
    assert job is not None
    await events.record_change(session, job, event)
    return job


async def _claim(env: PhaseEnvironment, job_id: str, *, take_over: bool) -> Attempt | None:
    """Take the phase of a confirming job (or, with ``take_over``, of one whose previous
    run was handed back by the queue as dead)."""
    claim = secrets.token_hex(12)
    sources = (JobStatus.CONFIRMING, JobStatus.EXECUTING) if take_over else (JobStatus.CONFIRMING,)
    now = clock.now()
    async with env.db.transaction() as session:
        changed = await rows_affected(session,
            move_job(job_id, JobStatus.EXECUTING, from_=sources)
            .values(claim=claim, attempts=Job.attempts + 1, phase_started_at=now, current_step="starting")
        )
        if changed != 1:
            return None
        job = await _log_event(session, job_id, "status", undefer(Job.history))  # the phase reads its history
    return Attempt(job=job, claim=claim)


async def _inputs(env: PhaseEnvironment, job_id: str, workdir: Path) -> list[InputDocument]:
    """The job's files as local paths (fetched into the workdir when the store is remote)."""
    async with env.db.read() as session:
        rows = (
            await session.execute(
                select(StoredFile).join(JobFile, JobFile.file_id == StoredFile.id)
                .where(JobFile.job_id == job_id).order_by(JobFile.position)
            )
        ).scalars().all()
    return [
        InputDocument(file_id=r.id, filename=r.filename, format=r.format,
                      path=_under_its_name(await env.storage.fetch(r.storage_key, workdir / "fetched"),
                                           workdir / "inputs" / str(position), r.filename))
        for position, r in enumerate(rows, 1)
    ]


def _under_its_name(stored: Path, directory: Path, filename: str) -> Path:
    """``stored`` (named by its storage key) as ``directory/<the name it was uploaded as>``.

    Tools and models see a document's path, and a file with no title of its own is
    named after it ("standup.vtt" rather than "file_6b74..."). One directory per
    input, so two uploads of "resume.pdf" do not collide. A hard link where the
    store is on the same disk, else a copy.
    """
    name = "".join(c for c in Path(filename.replace("\\", "/")).name if c.isprintable()).lstrip(".")[:150]
    target = directory / (name or stored.name)
    directory.mkdir(parents=True, exist_ok=True)
    try:
        os.link(stored, target)
    except OSError:
        shutil.copyfile(stored, target)
    return target


def _zip(files: list[Path], target: Path) -> list[str]:
    names = []
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            archive.write(path, arcname=path.name)
            names.append(path.name)
    return names


async def run_job_phase(env: PhaseEnvironment, job_id: str, *, take_over: bool = False) -> None:
    """Run the next phase of a confirmed job to one of its end states (its log lines carry the job id)."""
    with job_logging(job_id):
        await _run_phase(env, job_id, take_over=take_over)


async def _run_phase(env: PhaseEnvironment, job_id: str, *, take_over: bool) -> None:
    attempt = await _claim(env, job_id, take_over=take_over)
    if attempt is None:
        return
    job, settings = attempt.job, env.settings
    if job.attempts > settings.phase_max_attempts:
        await _fail(env, attempt, f"The workflow step did not finish after {settings.phase_max_attempts} attempts.")
        return

    async def progress(percent: int, step: str) -> None:
        if not await _record(env, attempt, JobStatus.EXECUTING, event="progress",
                             progress=max(0, min(99, int(percent))), current_step=step[:64]):
            raise PhaseStopped(job_id)

    workdir = Path(tempfile.mkdtemp(prefix=f"{job_id}-"))
    timeout = settings.phase_timeout_seconds
    started = time.monotonic()
    try:
        async with env.db.read() as session:
            spec = await env.registry.get_for_job(session, job.spec_id)
        request = PhaseRequest(
            job_id=job_id,
            spec=spec,
            inputs=await _inputs(env, job_id, workdir),
            slots=dict(job.slot_values or {}),
            workdir=workdir,
            history=job.history,
            resume_checkpoint_id=job.resume_checkpoint_id,
        )
        timeout = min(spec.agent_config.timeout, settings.phase_timeout_seconds)
        outcome = await asyncio.wait_for(env.runtime.run_phase(request, progress), timeout=timeout)
        if isinstance(outcome, CheckpointReached):
            await _checkpoint(env, attempt, outcome)
            phase_finished("checkpoint", started)
        elif isinstance(outcome, Completed):
            await _complete(env, attempt, outcome, workdir)
            phase_finished("completed", started)
        else:  # pragma: no cover - the runtime's contract
            raise TypeError(f"runtime returned {type(outcome).__name__}")
    except PhaseStopped:
        log.info("job %s is no longer this run's (cancelled or taken over); the phase stopped", job_id)
    except PhaseFailed as exc:
        log.warning("job %s failed: %s", job_id, exc)
        await _fail(env, attempt, str(exc))
        phase_finished("failed", started)
    except asyncio.CancelledError:
        # Shutting down: hand the phase back to be run again (by another worker, or at the next start).
        await asyncio.shield(_requeue(env, attempt, "interrupted"))
        raise
    except Exception as exc:
        reason = f"timed out after {timeout:g} s" if isinstance(exc, TimeoutError) else f"{type(exc).__name__}: {exc}"
        log.exception("job %s phase attempt %d crashed (%s)", job_id, job.attempts, reason)
        await _retry_or_fail(env, attempt, reason)
        phase_finished("crashed", started)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


async def _requeue(env: PhaseEnvironment, attempt: Attempt, step: str) -> None:
    """Back to confirming, and the next run enqueued in the same transaction."""
    async with env.db.transaction() as session:
        if await _record_in(session, attempt, JobStatus.CONFIRMING, current_step=step) and env.queue is not None:
            await env.queue.enqueue(session, attempt.job_id)


async def _retry_or_fail(env: PhaseEnvironment, attempt: Attempt, reason: str) -> None:
    attempts = attempt.job.attempts
    if attempts >= env.settings.phase_max_attempts:
        await _fail(env, attempt, f"The workflow step {reason}; gave up after {attempts} attempts.")
        return
    await _requeue(env, attempt, "retrying")


async def _fail(env: PhaseEnvironment, attempt: Attempt, message: str) -> None:
    now = clock.now()
    async with env.db.transaction() as session:
        if await _record_in(session, attempt, JobStatus.FAILED, error=message[:2000], current_step="failed",
                            completed_at=now):
            await release(session, job_id=attempt.job_id,
                          keep_until=now + timedelta(seconds=env.settings.output_ttl_seconds))


async def _checkpoint(env: PhaseEnvironment, attempt: Attempt, outcome: CheckpointReached) -> None:
    checkpoint = {
        "checkpointId": outcome.checkpoint_id,
        "stepOutputPreview": outcome.preview,
        "slots": [s.model_dump(by_alias=True) for s in outcome.slots],
    }
    await _record(
        env, attempt, JobStatus.SLOT_NEEDED,
        item_version=Job.item_version + 1, checkpoint=checkpoint, history=outcome.history,
        resume_checkpoint_id=outcome.checkpoint_id, phase=Job.phase + 1, attempts=0,
        current_step=f"awaiting_{outcome.checkpoint_id}"[:64],
    )


async def _complete(env: PhaseEnvironment, attempt: Attempt, outcome: Completed, workdir: Path) -> None:
    archive = workdir / "results.zip"
    names = _zip(outcome.files, archive)
    key = attempt.output_key
    await env.storage.put_file(archive, key)
    now = clock.now()
    keep_until = now + timedelta(seconds=env.settings.output_ttl_seconds)
    async with env.db.transaction() as session:
        won = await _record_in(session, attempt, JobStatus.COMPLETED, progress=100, current_step="completed",
                               output_key=key, output_files=names, completed_at=now,
                               output_expires_at=keep_until, history=None)
        if won:
            await release(session, job_id=attempt.job_id, keep_until=keep_until)
    if not won:
        # Another run holds the phase now; this run's ZIP is nobody's output.
        await env.storage.delete(key)


async def interrupted_jobs(env: PhaseEnvironment, *, stuck_after: timedelta | None = None) -> list[str]:
    """Jobs a crash left mid-phase, put back to confirming so they can be dispatched again
    (the in-process runner's recovery: on SQLite one process owns every phase).

    With ``stuck_after``, only phases running longer than that are taken back
    (a watchdog); without it, every executing job (at process start).
    """
    async with env.db.transaction() as session:
        guards = [] if stuck_after is None else [Job.phase_started_at < clock.now() - stuck_after]
        rows = await session.scalars(select(Job.id).where(Job.status == JobStatus.EXECUTING, *guards))
        for job_id in list(rows):
            moved = await rows_affected(session, move_job(job_id, JobStatus.CONFIRMING, *guards, from_=RUNNING)
                                        .values(current_step="recovering"))
            if moved == 1:
                await _log_event(session, job_id, "status")
        rows = await session.scalars(select(Job.id).where(Job.status == JobStatus.CONFIRMING).order_by(Job.updated_at))
        return list(rows)
