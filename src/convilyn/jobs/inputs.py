"""A job's input files: bound to it at creation, released with its outputs when it ends.

A file a job uses does not expire while the job runs; when the job ends its
files expire with its outputs, unless another running job still uses them.
Jobs own this link; ``files`` only knows when each file expires.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from convilyn.files import service as files
from convilyn.files.models import StoredFile
from convilyn.jobs.models import Job, JobFile
from convilyn.jobs.states import TERMINAL


def files_in_use() -> Select[str]:
    """Ids of the files a job that has not ended uses."""
    return select(JobFile.file_id).join(Job, Job.id == JobFile.job_id).where(Job.status.not_in(TERMINAL))


async def attach(session: AsyncSession, *, job_id: str, rows: list[StoredFile]) -> None:
    """Bind files to a job, in order; an attached file no longer expires on its own."""
    for position, row in enumerate(rows):
        session.add(JobFile(job_id=job_id, file_id=row.id, position=position))
    await files.keep(session, [row.id for row in rows])


async def release(session: AsyncSession, *, job_id: str, keep_until: datetime) -> None:
    """The job has ended: its files expire at ``keep_until`` unless another running job uses them."""
    busy = files_in_use().where(Job.id != job_id)
    await files.expire_at(session, select(JobFile.file_id).where(JobFile.job_id == job_id), keep_until,
                          except_ids=busy)
