"""The job event log: every status change, progress report, checkpoint and end, in order.

Each change of a job records its event in the same transaction as the change
(``record``), numbered ``seq`` = 1, 2, ... per job; the job row's guarded UPDATE
comes first in that transaction and locks the row, so two writers never take
the same number (and the unique (job_id, seq) would refuse it if they did).
On PostgreSQL the transaction also sends ``NOTIFY convilyn_job_events`` with
the job id, delivered at commit to every process listening; after the commit
the in-process hub is told as well (``jobs/event_hub.py``). Readers never
trust a notification's content: they re-read the log after ``seq``.
"""

from __future__ import annotations

from typing import Any, Literal

from sqlalchemy import event as sa_event
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from convilyn.core.clock import clock
from convilyn.jobs.models import Job, JobEvent
from convilyn.webhooks import service as webhooks

EventType = Literal["status", "progress", "checkpoint", "completed", "failed", "cancelled"]
FINAL_EVENTS = frozenset({"completed", "failed", "cancelled"})
CHANNEL = "convilyn_job_events"
PENDING_KEY = "convilyn_job_events"


def event_data(type_: EventType, job: Job) -> dict[str, Any]:
    """What an event of ``type_`` carries, from the job row as the change left it."""
    if type_ == "progress":
        return {"progress": job.progress, "currentStep": job.current_step}
    data: dict[str, Any] = {"status": job.status, "itemVersion": job.item_version, "progress": job.progress,
                            "currentStep": job.current_step}
    if type_ == "checkpoint":
        data["checkpoint"] = job.checkpoint
    elif type_ == "completed":
        data["outputFiles"] = job.output_files
    elif type_ == "failed":
        data["error"] = job.error
    return data


async def record(session: AsyncSession, job_id: str, type_: EventType, data: dict[str, Any]) -> int:
    """Append an event to the job's log (after the change it reports, in its transaction); its seq."""
    seq = await last_seq(session, job_id) + 1
    session.add(JobEvent(job_id=job_id, seq=seq, type=type_, data=data, created_at=clock.now()))
    await session.flush()
    if session.get_bind().dialect.name == "postgresql":
        await session.execute(text("SELECT pg_notify(:channel, :job_id)"), {"channel": CHANNEL, "job_id": job_id})
    session.info.setdefault(PENDING_KEY, set()).add(job_id)
    if type_ in webhooks.JOB_EVENT_TYPES:  # the owner's webhooks, queued in the same transaction
        owner_id = await session.scalar(select(Job.owner_id).where(Job.id == job_id))
        assert owner_id is not None  # the job's row was just changed in this transaction
        await webhooks.enqueue_job_event(session, owner_id=owner_id, job_id=job_id, event_type=type_,
                                         data={"seq": seq, **data})
    return seq


async def record_change(session: AsyncSession, job: Job, type_: EventType = "status") -> int:
    """An event from the job's row as a change left it (refresh the row after a bulk UPDATE)."""
    return await record(session, job.id, type_, event_data(type_, job))


async def last_seq(session: AsyncSession, job_id: str) -> int:
    """The seq of the job's latest event (0 before any)."""
    return await session.scalar(select(func.coalesce(func.max(JobEvent.seq), 0)).where(JobEvent.job_id == job_id)) or 0


async def read_after(session: AsyncSession, job_id: str, after: int, *, limit: int = 500) -> list[JobEvent]:
    """The job's events with seq > ``after``, in order."""
    rows = await session.scalars(
        select(JobEvent).where(JobEvent.job_id == job_id, JobEvent.seq > after).order_by(JobEvent.seq).limit(limit)
    )
    return list(rows)


# After a commit, tell this process's hub which jobs have new events.
_committed_listeners: list[Any] = []


def on_commit(listener: Any) -> None:
    """Call ``listener(job_ids)`` after each commit that recorded events (the hub registers here)."""
    _committed_listeners.append(listener)


@sa_event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    job_ids = session.info.pop(PENDING_KEY, None)
    if job_ids:
        for listener in _committed_listeners:
            listener(job_ids)


@sa_event.listens_for(Session, "after_rollback")
def _after_rollback(session: Session) -> None:
    session.info.pop(PENDING_KEY, None)
