"""Running one phase of a job: claim it, run the agent, record what came of it.

A phase is claimed by a guarded UPDATE (confirming -> executing), so two
workers never run the same phase. It ends in exactly one of: completed (the
outputs zipped and stored), slot_needed (a checkpoint, itemVersion + 1),
failed (a readable error), or back to confirming for another attempt.
A job cancelled mid-phase stops at the phase's next progress report, and the
outcomes above are all guarded on ``executing``, so nothing is recorded after.
"""

from __future__ import annotations

import asyncio
import logging
import shutil
import tempfile
import time
import zipfile
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from convilyn.catalog.registry import SpecRegistry
from convilyn.core.clock import clock
from convilyn.core.db import Database
from convilyn.core.settings import Settings
from convilyn.files.models import StoredFile
from convilyn.files.storage import Storage
from convilyn.jobs import events
from convilyn.jobs.events import EventType
from convilyn.jobs.inputs import release
from convilyn.jobs.models import Job, JobFile
from convilyn.jobs.states import JobStatus
from convilyn.ops.logs import job_logging
from convilyn.ops.metrics import phase_finished
from convilyn.runtime.phase import (
    CheckpointReached,
    Completed,
    InputDocument,
    PhaseFailed,
    PhaseRequest,
    PhaseRuntime,
)

log = logging.getLogger("convilyn.jobs")


class PhaseStopped(Exception):
    """The job left ``executing`` under a running phase (it was cancelled): stop now."""


@dataclass
class PhaseEnvironment:
    """What running a phase needs, and nothing of HTTP."""

    settings: Settings
    db: Database
    storage: Storage
    registry: SpecRegistry
    runtime: PhaseRuntime
    requeue: Callable[[str], Awaitable[None]] | None = None


async def _set(env: PhaseEnvironment, job_id: str, expected: JobStatus, event: EventType, **values: Any) -> bool:
    """A guarded change of a job in ``expected`` status, with its event; False if the job had moved on."""
    async with env.db.transaction() as session:
        result = await session.execute(
            update(Job)
            .where(Job.id == job_id, Job.status == expected)
            .values(updated_at=clock.now(), **values)
        )
        if result.rowcount != 1:
            return False
        await _record(session, job_id, event)
        return True


async def _record(session: AsyncSession, job_id: str, event: EventType) -> Job:
    job = await session.scalar(select(Job).where(Job.id == job_id).execution_options(populate_existing=True))
    await events.record_change(session, job, event)
    return job


async def _claim(env: PhaseEnvironment, job_id: str) -> Job | None:
    async with env.db.transaction() as session:
        result = await session.execute(
            update(Job)
            .where(Job.id == job_id, Job.status == JobStatus.CONFIRMING)
            .values(status=JobStatus.EXECUTING, attempts=Job.attempts + 1, phase_started_at=clock.now(),
                    updated_at=clock.now(), current_step="starting")
        )
        if result.rowcount != 1:
            return None
        return await _record(session, job_id, "status")


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
                      path=await env.storage.fetch(r.storage_key, workdir / "inputs"))
        for r in rows
    ]


def _zip(files: list[Path], target: Path) -> list[str]:
    names = []
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            archive.write(path, arcname=path.name)
            names.append(path.name)
    return names


async def run_job_phase(env: PhaseEnvironment, job_id: str) -> None:
    """Run the next phase of a confirmed job to one of its end states (its log lines carry the job id)."""
    with job_logging(job_id):
        await _run_phase(env, job_id)


async def _run_phase(env: PhaseEnvironment, job_id: str) -> None:
    job = await _claim(env, job_id)
    if job is None:
        return
    settings = env.settings
    if job.attempts > settings.phase_max_attempts:
        await _fail(env, job_id, f"The workflow step did not finish after {settings.phase_max_attempts} attempts.")
        return

    async def progress(percent: int, step: str) -> None:
        if not await _set(env, job_id, JobStatus.EXECUTING, "progress", progress=max(0, min(99, int(percent))),
                          current_step=step[:64]):
            raise PhaseStopped(job_id)

    workdir = Path(tempfile.mkdtemp(prefix=f"{job_id}-"))
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
            await _checkpoint(env, job_id, outcome)
            phase_finished("checkpoint", started)
        elif isinstance(outcome, Completed):
            await _complete(env, job_id, outcome, workdir)
            phase_finished("completed", started)
        else:  # pragma: no cover - the runtime's contract
            raise TypeError(f"runtime returned {type(outcome).__name__}")
    except PhaseStopped:
        log.info("job %s left executing mid-phase (cancelled); the phase stopped", job_id)
    except PhaseFailed as exc:
        log.warning("job %s failed: %s", job_id, exc)
        await _fail(env, job_id, str(exc))
        phase_finished("failed", started)
    except asyncio.CancelledError:
        # Shutting down: leave the phase to be re-dispatched at the next start.
        await asyncio.shield(_set(env, job_id, JobStatus.EXECUTING, "status", status=JobStatus.CONFIRMING))
        raise
    except Exception as exc:
        reason = f"timed out after {timeout:g} s" if isinstance(exc, TimeoutError) else f"{type(exc).__name__}: {exc}"
        log.exception("job %s phase attempt %d crashed (%s)", job_id, job.attempts, reason)
        await _retry_or_fail(env, job, reason)
        phase_finished("crashed", started)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


async def _retry_or_fail(env: PhaseEnvironment, job: Job, reason: str) -> None:
    if job.attempts >= env.settings.phase_max_attempts:
        await _fail(env, job.id, f"The workflow step {reason}; gave up after {job.attempts} attempts.")
        return
    retrying = await _set(env, job.id, JobStatus.EXECUTING, "status", status=JobStatus.CONFIRMING,
                          current_step="retrying")
    if retrying and env.requeue is not None:
        await env.requeue(job.id)


async def _fail(env: PhaseEnvironment, job_id: str, message: str) -> None:
    now = clock.now()
    async with env.db.transaction() as session:
        result = await session.execute(
            update(Job).where(Job.id == job_id, Job.status == JobStatus.EXECUTING)
            .values(status=JobStatus.FAILED, error=message[:2000], current_step="failed", updated_at=now,
                    completed_at=now)
        )
        if result.rowcount:
            await release(session, job_id=job_id,
                          keep_until=now + timedelta(seconds=env.settings.output_ttl_seconds))
            await _record(session, job_id, "failed")


async def _checkpoint(env: PhaseEnvironment, job_id: str, outcome: CheckpointReached) -> None:
    checkpoint = {
        "checkpointId": outcome.checkpoint_id,
        "stepOutputPreview": outcome.preview,
        "slots": [s.model_dump(by_alias=True) for s in outcome.slots],
    }
    await _set(
        env, job_id, JobStatus.EXECUTING, "checkpoint",
        status=JobStatus.SLOT_NEEDED, item_version=Job.item_version + 1, checkpoint=checkpoint,
        history=outcome.history, resume_checkpoint_id=outcome.checkpoint_id, phase=Job.phase + 1,
        attempts=0, current_step=f"awaiting_{outcome.checkpoint_id}"[:64],
    )


async def _complete(env: PhaseEnvironment, job_id: str, outcome: Completed, workdir: Path) -> None:
    archive = workdir / "results.zip"
    names = _zip(outcome.files, archive)
    key = f"outputs/{job_id}.zip"
    await env.storage.put_file(archive, key)
    now = clock.now()
    keep_until = now + timedelta(seconds=env.settings.output_ttl_seconds)
    async with env.db.transaction() as session:
        result = await session.execute(
            update(Job).where(Job.id == job_id, Job.status == JobStatus.EXECUTING)
            .values(status=JobStatus.COMPLETED, progress=100, current_step="completed", output_key=key,
                    output_files=names, completed_at=now, output_expires_at=keep_until, updated_at=now,
                    history=None)
        )
        if result.rowcount:
            await release(session, job_id=job_id, keep_until=keep_until)
            await _record(session, job_id, "completed")
    if not result.rowcount:
        await env.storage.delete(key)


async def interrupted_jobs(env: PhaseEnvironment, *, stuck_after: timedelta | None = None) -> list[str]:
    """Jobs a crash left mid-phase, put back to confirming so they can be dispatched again.

    With ``stuck_after``, only phases running longer than that are taken back
    (a watchdog); without it, every executing job (at process start).
    """
    async with env.db.transaction() as session:
        stuck = update(Job).where(Job.status == JobStatus.EXECUTING)
        if stuck_after is not None:
            stuck = stuck.where(Job.phase_started_at < clock.now() - stuck_after)
        await session.execute(stuck.values(status=JobStatus.CONFIRMING, current_step="recovering"))
        rows = await session.scalars(select(Job.id).where(Job.status == JobStatus.CONFIRMING).order_by(Job.updated_at))
        return list(rows)
