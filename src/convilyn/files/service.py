"""Uploads and their lifetime, as plain functions over a session.

A file not attached to any job expires 24 h after upload; ``jobs`` keeps the
files a job uses (``keep``) and lets them expire with its outputs
(``expire_at``); the sweep (``jobs/expiry.py``) deletes what has expired,
rows first and bytes after.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import Select, delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from convilyn.core.clock import clock
from convilyn.core.errors import NotFound
from convilyn.core.ids import new_id
from convilyn.files.models import StoredFile
from convilyn.files.multipart import ReceivedFile
from convilyn.files.sniff import sniff_format
from convilyn.files.storage import Storage

log = logging.getLogger("convilyn.files")


async def store_upload(
    session: AsyncSession, storage: Storage, *, owner_id: str, received: ReceivedFile, path: Path,
    ttl_seconds: int,
) -> StoredFile:
    """Move a received file (its bytes at ``path``) into storage and record it; it expires after ``ttl_seconds``.

    It commits ``session`` itself: the stored bytes are deleted if the row cannot be recorded.
    """
    file_id = new_id("file")
    fmt = sniff_format(received.head, received.filename, path)
    key = f"uploads/{file_id}"
    await storage.put_file(path, key)
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
        expires_at=now + timedelta(seconds=ttl_seconds),
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


async def keep(session: AsyncSession, file_ids: list[str]) -> None:
    """These files no longer expire on their own (a job uses them)."""
    await session.execute(update(StoredFile).where(StoredFile.id.in_(file_ids)).values(expires_at=None))


async def expire_at(session: AsyncSession, file_ids: Select[str], when: datetime, *,
                    except_ids: Select[str]) -> None:
    """Let the files ``file_ids`` selects expire at ``when`` (never sooner than they already would)."""
    await session.execute(
        update(StoredFile)
        .where(StoredFile.id.in_(file_ids), StoredFile.id.not_in(except_ids))
        .where(or_(StoredFile.expires_at.is_(None), StoredFile.expires_at < when))
        .values(expires_at=when)
    )


async def delete_expired(session: AsyncSession, *, now: datetime, except_ids: Select[str]) -> list[str]:
    """Delete the rows of files expired by ``now`` (but those ``except_ids`` selects); their storage keys.

    The caller deletes the bytes once the transaction has committed.
    """
    rows = (
        await session.execute(
            select(StoredFile.id, StoredFile.storage_key).where(
                StoredFile.expires_at.is_not(None), StoredFile.expires_at <= now, StoredFile.id.not_in(except_ids)
            )
        )
    ).all()
    if rows:
        await session.execute(delete(StoredFile).where(StoredFile.id.in_([row[0] for row in rows])))
    return [row[1] for row in rows]
