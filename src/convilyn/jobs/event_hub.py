"""Waking the event streams of this process when a job has new events, whoever recorded them.

The hub holds one asyncio.Event per open stream. It is woken after each local
commit that recorded events (any runner in this process) and, on PostgreSQL,
by ``LISTEN convilyn_job_events`` on a dedicated connection, so an event
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
    """LISTEN on a dedicated asyncpg connection, reconnecting with backoff; wakes the hub."""

    def __init__(self, dsn: str) -> None:
        self._dsn = dsn
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
        import asyncpg

        delay = 0.5
        while True:
            connection = None
            try:
                connection = await asyncpg.connect(self._dsn)
                lost = asyncio.Event()
                connection.add_termination_listener(lambda _conn, lost=lost: lost.set())
                await connection.add_listener(events.CHANNEL, lambda *args: hub.wake([args[3]]))
                self.connected.set()
                delay = 0.5
                await lost.wait()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.warning("job events listener lost its connection; retrying in %.1f s", delay, exc_info=True)
            finally:
                self.connected.clear()
                if connection is not None and not connection.is_closed():
                    with contextlib.suppress(Exception):
                        await connection.close()
            await asyncio.sleep(delay)
            delay = min(delay * 2, 10.0)


def asyncpg_dsn(database: str) -> str | None:
    """The plain ``postgresql://`` DSN asyncpg takes, or None for SQLite."""
    from convilyn.core.db import async_url

    url = async_url(database)
    if not url.drivername.startswith("postgresql"):
        return None
    return url.set(drivername="postgresql").render_as_string(hide_password=False)
