"""Waking the event streams of this process when a job has new events, whoever recorded them.

The hub holds one asyncio.Event per open stream. It is woken after each local
commit that recorded events (any runner in this process) and, on PostgreSQL,
by ``LISTEN convilyn_job_events`` on a dedicated psycopg connection, so an event
recorded by another API process or a worker reaches this process's streams
within milliseconds. A stream also re-reads the log every few seconds, which
covers a listener that is reconnecting and several processes on one SQLite file.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import defaultdict
from collections.abc import Iterable, Iterator

from convilyn.jobs import events

log = logging.getLogger("convilyn.events")


class EventHub:
    def __init__(self) -> None:
        self._waiters: dict[str, set[asyncio.Event]] = defaultdict(set)

    @contextlib.contextmanager
    def subscribe(self, job_id: str) -> Iterator[asyncio.Event]:
        """An event set whenever ``job_id`` may have new events (clear it before each read)."""
        signal = asyncio.Event()
        self._waiters[job_id].add(signal)
        try:
            yield signal
        finally:
            self._waiters[job_id].discard(signal)
            if not self._waiters[job_id]:
                del self._waiters[job_id]

    def wake(self, job_ids: Iterable[str]) -> None:
        for job_id in job_ids:
            for signal in self._waiters.get(job_id, ()):
                signal.set()


hub = EventHub()
events.on_commit(hub.wake)


class PostgresListener:
    """LISTEN on a dedicated psycopg connection, reconnecting with backoff; wakes the hub."""

    def __init__(self, conninfo: str) -> None:
        self._conninfo = conninfo
        self._task: asyncio.Task[None] | None = None
        self.connected = asyncio.Event()

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="job-events-listener")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _run(self) -> None:
        import psycopg

        delay = 0.5
        while True:
            try:
                async with await psycopg.AsyncConnection.connect(self._conninfo, autocommit=True) as connection:
                    await connection.execute(f"LISTEN {events.CHANNEL}")
                    self.connected.set()
                    delay = 0.5
                    # Ends with an error when the connection is lost.
                    async for notification in connection.notifies():
                        hub.wake([notification.payload])
            except asyncio.CancelledError:
                raise
            except Exception:
                log.warning("job events listener lost its connection; retrying in %.1f s", delay, exc_info=True)
            finally:
                self.connected.clear()
            await asyncio.sleep(delay)
            delay = min(delay * 2, 10.0)


def listen_conninfo(database: str) -> str | None:
    """The libpq connection string to LISTEN on, or None for SQLite (one process, woken after commit)."""
    from convilyn.core.db import async_url, libpq_url

    if not async_url(database).drivername.startswith("postgresql"):
        return None
    return libpq_url(database)
