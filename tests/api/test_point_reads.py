"""Point reads on the driver (core/point_reads.py) read what SQLAlchemy reads, and fall back to it.

Runs on SQLite, and on PostgreSQL when CONVILYN_TEST_DATABASE_URL is set.
"""

from __future__ import annotations

from sqlalchemy import select, text, update

from convilyn.auth.principals import REVISION
from convilyn.core import point_reads
from convilyn.jobs import service
from convilyn.jobs.models import Job

CHECKPOINT = {"checkpointId": "review", "stepOutputPreview": "Revue « plan » ✓",
              "slots": [{"slotId": "notes", "type": "text", "label": "", "required": True}]}


async def _job(server) -> tuple[str, str]:
    api = await server.user()
    job = await api.create_job("test.simple", [await api.upload("notes.md", "# Notes")])
    async with server.ctx.db.transaction() as session:
        await session.execute(update(Job).where(Job.id == job["jobSpecId"]).values(
            status="slot_needed", progress=45, current_step="review", checkpoint=CHECKPOINT, item_version=4))
    return api.user_id, job["jobSpecId"]


async def _through_sqlalchemy(db, statement, params):
    async with db.read_engine.connect() as connection:
        return (await connection.execute(statement, params)).first()


async def test_the_status_read_on_the_driver_equals_sqlalchemys_with_json_and_literals(server):
    db = server.ctx.db
    owner_id, job_id = await _job(server)
    params = {"job_id": job_id, "owner_id": owner_id}
    assert db._point_reads.prepared(service.STATUS_QUERY) is not None, "the status read runs on the driver"

    row = await db.first(service.STATUS_QUERY, params)
    assert tuple(row) == tuple(await _through_sqlalchemy(db, service.STATUS_QUERY, params))
    assert (row.status, row.progress, row.current_step, row.item_version, row.checkpoint, row.error) == (
        "slot_needed", 45, "review", 4, CHECKPOINT, None)
    assert await db.first(service.STATUS_QUERY, {**params, "owner_id": "usr_" + "0" * 24}) is None
    # A literal in the statement (id == 1) is bound from the statement itself.
    assert (await db.first(REVISION))[0] == (await _through_sqlalchemy(db, REVISION, {}))[0]


async def test_a_statement_the_driver_cannot_take_goes_through_sqlalchemy(server):
    db = server.ctx.db
    owner_id, job_id = await _job(server)
    created = select(Job.created_at).where(Job.id == job_id)  # a datetime: converted by the column type
    raw = text("SELECT progress FROM jobs WHERE id = :job_id")  # not a Select
    assert (await db.first(created))[0] == (await _through_sqlalchemy(db, created, {}))[0]
    assert db._point_reads.prepared(raw) is None
    assert (await db.first(raw, {"job_id": job_id}))[0] == 45


async def test_when_the_driver_cannot_read_the_read_goes_through_sqlalchemy(server, monkeypatch):
    db = server.ctx.db
    owner_id, job_id = await _job(server)

    async def unavailable(*_args, **_kwargs):
        raise point_reads.Unavailable("database is locked")

    monkeypatch.setattr(db._point_reads, "rows", unavailable)
    row = await db.first(service.STATUS_QUERY, {"job_id": job_id, "owner_id": owner_id})
    assert row.status == "slot_needed" and row.checkpoint == CHECKPOINT


async def test_a_lost_postgres_connection_is_dropped_and_the_read_still_answers(server):
    db = server.ctx.db
    if db.is_sqlite:
        return  # SQLite has no connection to lose
    owner_id, job_id = await _job(server)
    params = {"job_id": job_id, "owner_id": owner_id}
    await db.first(service.STATUS_QUERY, params)
    held = list(db._point_reads._idle)
    pids = [connection.get_server_pid() for connection in held]
    async with db.transaction() as session:  # as a database restart would: every point-read connection dies
        for pid in pids:
            await session.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})

    for _ in range(len(held) + 1):
        assert (await db.first(service.STATUS_QUERY, params)).status == "slot_needed"
    assert not set(db._point_reads._idle) & set(held), "a connection that failed is never reused"
