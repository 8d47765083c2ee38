"""A job's events as Server-Sent Events: the stored log after ``Last-Event-ID``, then live.

Without the header the route starts at the job's latest event, so a first connection
learns where the job stands (and the id to resume from) without its whole history.

Each event is ``id: <seq>``, ``event: <type>`` and one JSON ``data:`` line. The
stream ends after ``completed``, ``failed`` or ``cancelled``, and otherwise after
``max_seconds`` (the client reconnects with ``Last-Event-ID``, as EventSource does
by itself), so no connection is held forever. Comments keep idle connections alive.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator

from sqlalchemy import select

from convilyn.core.db import Database
from convilyn.jobs import events
from convilyn.jobs.event_hub import hub
from convilyn.jobs.models import Job, JobEvent
from convilyn.jobs.states import TERMINAL

RESYNC_SECONDS = 5.0  # re-read the log even without a wake-up
KEEPALIVE_SECONDS = 15.0
RECONNECT_MS = 2000


def sse(event: JobEvent) -> bytes:
    data = json.dumps({"seq": event.seq, **event.data}, separators=(",", ":"))
    return f"id: {event.seq}\nevent: {event.type}\ndata: {data}\n\n".encode()


async def stream(db: Database, job_id: str, *, after: int, max_seconds: float) -> AsyncIterator[bytes]:
    """The job's events with seq > ``after``, then each new one as it is recorded."""
    deadline = time.monotonic() + max_seconds
    yield f"retry: {RECONNECT_MS}\n\n".encode()
    with hub.subscribe(job_id) as woken:
        quiet_since = time.monotonic()
        while True:
            woken.clear()  # before reading: a wake-up during the read is not lost
            async with db.read() as session:
                # The status first: on PostgreSQL each statement sees what was committed before it ran, and a
                # job's final event commits with its final status, so a status read as ended means the log
                # read next holds that event (the other order could miss an end committed in between).
                status = await session.scalar(select(Job.status).where(Job.id == job_id))
                batch = await events.read_after(session, job_id, after)
            for event in batch:
                yield sse(event)
                after = event.seq
                if event.type in events.FINAL_EVENTS:
                    return
            if batch:
                quiet_since = time.monotonic()
                continue
            if status is None or status in TERMINAL:
                return  # deleted, or ended before this log existed
            left = deadline - time.monotonic()
            if left <= 0:
                return
            try:
                await asyncio.wait_for(woken.wait(), timeout=min(RESYNC_SECONDS, left))
            except TimeoutError:
                if time.monotonic() - quiet_since >= KEEPALIVE_SECONDS:
                    yield b": keep-alive\n\n"
                    quiet_since = time.monotonic()
