"""Uploads and their lifetime.

A file not attached to any job expires 24 h after upload; a file a job uses
is kept while the job runs and until the job's outputs expire. The sweeper
deletes what has expired, rows first and bytes after.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy import and_, delete, exists, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import Request

from convilyn.core.clock import clock
from convilyn.core.db import Database
from convilyn.core.errors import NotFound
from convilyn.core.ids import new_id
from convilyn.core.settings import Settings
from convilyn.files.models import StoredFile
from convilyn.files.multipart import receive_file
from convilyn.files.sniff import sniff_format
from convilyn.files.storage import Storage
from convilyn.jobs.models import Job, JobFile
from convilyn.jobs.states import TERMINAL

log = logging.getLogger("convilyn.files")


async def upload(
    session: AsyncSession, storage: Storage, settings: Settings, *, owner_id: str, request: Request
) -> StoredFile:
    """Stream the request's ``file`` part to a size-capped spool file, sniff it, store it, and record it.

    It commits ``session`` itself: the stored bytes are deleted if the row cannot be recorded.
    """
    temp = storage.spool_path()
    try:
        received = await receive_file(request, temp, field="file", max_bytes=settings.upload_max_bytes)
        file_id = new_id("file")
        fmt = sniff_format(received.head, received.filename, temp)
        key = f"uploads/{file_id}"
        await storage.put_file(temp, key)
    finally:
        temp.unlink(missing_ok=True)
    now = clock.now()
    row = StoredFile(
        id=file_id,
        owner_id=owner_id,
        filename=received.filename[:255],
        format=fmt,
        content_type=received.content_type[:128],
        size_bytes=received.size,
        sha256=received.sha256,
        storage_key=key,
        created_at=now,
        expires_at=now + timedelta(seconds=settings.unattached_file_ttl_seconds),
    )
    try:
        session.add(row)
        await session.commit()
    except BaseException:
        await storage.delete(key)
        raise
    return row


async def owned_files(session: AsyncSession, *, owner_id: str, file_ids: list[str]) -> list[StoredFile]:
    """The caller's files in the order asked; NotFound naming the first that is not theirs."""
    rows = await session.scalars(
        select(StoredFile).where(StoredFile.id.in_(file_ids), StoredFile.owner_id == owner_id)
    )
    by_id = {row.id: row for row in rows}
    now = clock.now()
    for file_id in file_ids:
        row = by_id.get(file_id)
        if row is None or (row.expires_at is not None and row.expires_at <= now):
            raise NotFound(f"File {file_id} was not found.", details={"fileId": file_id})
    return [by_id[file_id] for file_id in file_ids]


async def attach(session: AsyncSession, *, job_id: str, files: list[StoredFile]) -> None:
    """Bind files to a job; an attached file no longer expires on its own."""
    for position, row in enumerate(files):
        session.add(JobFile(job_id=job_id, file_id=row.id, position=position))
    await session.execute(
        update(StoredFile).where(StoredFile.id.in_([f.id for f in files])).values(expires_at=None)
    )


async def release_job_files(session: AsyncSession, *, job_id: str, keep_until) -> None:
    """When a job ends, its files expire with its outputs (unless another job still runs on them)."""
    busy = (
        select(JobFile.file_id)
        .join(Job, Job.id == JobFile.job_id)
        .where(Job.id != job_id, Job.status.not_in(TERMINAL))
    )
    file_ids = select(JobFile.file_id).where(JobFile.job_id == job_id)
    await session.execute(
        update(StoredFile)
        .where(StoredFile.id.in_(file_ids), StoredFile.id.not_in(busy))
        .where(or_(StoredFile.expires_at.is_(None), StoredFile.expires_at < keep_until))
        .values(expires_at=keep_until)
    )


async def sweep(db: Database, storage: Storage) -> dict[str, int]:
    """Delete expired uploads and expired job outputs. Returns what was removed."""
    now = clock.now()
    in_use = exists().where(
        JobFile.file_id == StoredFile.id, JobFile.job_id == Job.id, Job.status.not_in(TERMINAL)
    )
    async with db.transaction() as session:
        rows = (
            await session.execute(
                select(StoredFile.id, StoredFile.storage_key).where(
                    StoredFile.expires_at.is_not(None), StoredFile.expires_at <= now, ~in_use
                )
            )
        ).all()
        if rows:
            await session.execute(delete(StoredFile).where(StoredFile.id.in_([r[0] for r in rows])))
        outputs = (
            await session.execute(
                select(Job.id, Job.output_key).where(
                    and_(Job.output_key.is_not(None), Job.output_expires_at <= now)
                )
            )
        ).all()
        if outputs:
            await session.execute(
                update(Job).where(Job.id.in_([o[0] for o in outputs])).values(output_key=None)
            )
    for _, key in [*rows, *outputs]:
        await storage.delete(key)
    if rows or outputs:
        log.info("swept %d expired files and %d expired outputs", len(rows), len(outputs))
    return {"files": len(rows), "outputs": len(outputs)}
