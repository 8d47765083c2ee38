"""Claim, record and replay requests by (user, Idempotency-Key), settled by the primary key.

The first request with a key inserts an in-flight row; a concurrent duplicate's
insert fails on the primary key and it is told 409; once the first response is
recorded, the same key and request replay it for 24 hours; the same key with
another request is 422. A response that should not stick (a 5xx, a 429, a
request that died) releases the key so a retry runs again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, update
from sqlalchemy.exc import IntegrityError

from convilyn.core.clock import clock
from convilyn.core.db import Database, rows_affected
from convilyn.core.errors import Conflict, ValidationFailed
from convilyn.idempotency.models import IdempotencyRecord

KEY_TTL = timedelta(hours=24)
# An in-flight claim older than this belongs to a request that died with its process.
IN_FLIGHT_TIMEOUT = timedelta(minutes=5)


class IdempotencyKeyReused(ValidationFailed):
    code = "IDEMPOTENCY_KEY_REUSED"

    def __init__(self) -> None:
        super().__init__(
            "This Idempotency-Key was already used for a different request; use a new key for a new request.",
            field="Idempotency-Key", code="key_reused",
        )


class IdempotencyKeyInUse(Conflict):
    code = "IDEMPOTENCY_CONFLICT"

    def __init__(self) -> None:
        super().__init__("A request with this Idempotency-Key is still being processed; retry shortly.")


@dataclass(frozen=True)
class StoredResponse:
    status_code: int
    headers: list[tuple[str, str]]
    body: bytes


async def claim(db: Database, *, user_id: str, key: str, fingerprint: str) -> StoredResponse | None:
    """None when this request now owns the key; the stored response when it is a replay."""
    now = clock.now()
    try:
        async with db.transaction() as session:
            await session.execute(delete(IdempotencyRecord).where(
                IdempotencyRecord.user_id == user_id, IdempotencyRecord.key == key,
                IdempotencyRecord.expires_at <= now))
            session.add(IdempotencyRecord(user_id=user_id, key=key, fingerprint=fingerprint, created_at=now,
                                          expires_at=now + KEY_TTL))
        return None
    except IntegrityError:
        pass
    async with db.transaction() as session:
        record = await session.get(IdempotencyRecord, (user_id, key))
        if record is None:  # released between our insert and this read: the client may simply retry
            raise IdempotencyKeyInUse()
        if record.fingerprint != fingerprint:
            raise IdempotencyKeyReused()
        if record.status_code is not None:
            return StoredResponse(record.status_code, [(k, v) for k, v in record.response_headers or []],
                                  record.response_body or b"")
        taken_over = await rows_affected(session,
            update(IdempotencyRecord)
            .where(IdempotencyRecord.user_id == user_id, IdempotencyRecord.key == key,
                   IdempotencyRecord.status_code.is_(None), IdempotencyRecord.created_at < now - IN_FLIGHT_TIMEOUT)
            .values(created_at=now, expires_at=now + KEY_TTL)
        )
        if taken_over == 1:
            return None
    raise IdempotencyKeyInUse()


async def record(db: Database, *, user_id: str, key: str, response: StoredResponse) -> None:
    """Keep the first response for replays."""
    async with db.transaction() as session:
        await session.execute(
            update(IdempotencyRecord)
            .where(IdempotencyRecord.user_id == user_id, IdempotencyRecord.key == key,
                   IdempotencyRecord.status_code.is_(None))
            .values(status_code=response.status_code, response_headers=[list(h) for h in response.headers],
                    response_body=response.body)
        )


async def release(db: Database, *, user_id: str, key: str) -> None:
    """Forget an in-flight claim whose response should not be replayed."""
    async with db.transaction() as session:
        await session.execute(delete(IdempotencyRecord).where(
            IdempotencyRecord.user_id == user_id, IdempotencyRecord.key == key,
            IdempotencyRecord.status_code.is_(None)))


async def sweep_expired(db: Database) -> int:
    """Delete keys past their 24 hours."""
    async with db.transaction() as session:
        return await rows_affected(session,
                                   delete(IdempotencyRecord).where(IdempotencyRecord.expires_at <= clock.now()))

