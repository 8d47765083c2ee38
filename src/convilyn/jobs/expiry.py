"""The jobs part of the maintenance sweep: expired uploads and outputs (rows first, bytes after), old event logs."""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import delete, select, update

from convilyn.core.clock import clock
from convilyn.core.db import Database, rows_affected
from convilyn.files import service as files
from convilyn.files.storage import Storage
from convilyn.jobs.inputs import files_in_use
from convilyn.jobs.models import Job, JobEvent
from convilyn.jobs.states import TERMINAL

log = logging.getLogger("convilyn.jobs")


async def sweep(db: Database, storage: Storage) -> dict[str, int]:
    """Delete expired uploads (none a running job uses) and expired job outputs. Returns what was removed."""
    now = clock.now()
    async with db.transaction() as session:
        file_keys = await files.delete_expired(session, now=now, except_ids=files_in_use())
        outputs = [(job_id, key) for job_id, key in (await session.execute(
            select(Job.id, Job.output_key).where(Job.output_key.is_not(None), Job.output_expires_at <= now)
        )).all() if key is not None]
        if outputs:
            await session.execute(update(Job).where(Job.id.in_([o[0] for o in outputs])).values(output_key=None))
    for key in file_keys:
        await storage.delete(key)
    for _, output_key in outputs:
        await storage.delete(output_key)
    if file_keys or outputs:
        log.info("swept %d expired files and %d expired outputs", len(file_keys), len(outputs))
    return {"files": len(file_keys), "outputs": len(outputs)}


async def sweep_job_events(db: Database, *, older_than: datetime) -> int:
    """Delete the events of finished jobs written before ``older_than``; a live job keeps its whole log.

    A client resuming such a stream gets no replay; the job itself (status, result, history) stays.
    """
    finished = select(Job.id).where(Job.status.in_(TERMINAL))
    async with db.transaction() as session:
        return await rows_affected(session, delete(JobEvent).where(
            JobEvent.created_at < older_than, JobEvent.job_id.in_(finished)))
