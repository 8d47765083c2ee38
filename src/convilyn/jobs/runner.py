"""Who runs a confirmed job's next phase.

The job service only needs ``PhaseQueue.enqueue``, called inside the transaction
that moves the job to confirming, so the phase is scheduled if and only if the
state change commits. Two queues implement it:

- ``InProcessRunner`` (here): the embedded default on SQLite. An asyncio queue
  and a few worker tasks inside the API process; the ``confirming`` row itself
  is the durable outbox, dispatched after commit and again at the next start.
- ``ProcrastinateQueue`` (``jobs.worker``): on PostgreSQL, a Procrastinate job
  deferred on the same connection and transaction, run by ``convilyn worker``.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncSession

from convilyn.core.db import after_commit

log = logging.getLogger("convilyn.runner")

PhaseExecutor = Callable[[str], Awaitable[None]]


class PhaseQueue(Protocol):
    async def enqueue(self, session: AsyncSession, job_id: str) -> None:
        """Schedule the next phase of a job this transaction moves to ``confirming``;
        the schedule commits or rolls back with it."""

    async def start(self) -> None:
        """Begin running phases in this process (if this process runs any)."""

    async def stop(self) -> None:
        """Stop running phases; running ones are handed back to be run again."""

    async def drain(self) -> None:
        """Wait until nothing is queued or running (tests, the demo and benches use this)."""


class InProcessRunner:
    """An asyncio queue and a few worker tasks inside the API process.

    ``recover`` returns the jobs to dispatch at start (those a crash left
    confirming or executing); ``maintain`` runs every ``interval`` seconds.
    """

    def __init__(
        self,
        execute: PhaseExecutor,
        *,
        concurrency: int = 4,
        recover: Callable[[], Awaitable[list[str]]] | None = None,
        maintain: Callable[[], Awaitable[list[str]]] | None = None,
        interval: float = 600,
    ) -> None:
        self._execute = execute
        self._concurrency = concurrency
        self._recover = recover
        self._maintain = maintain
        self._interval = interval
        self._queue: asyncio.Queue[str] = asyncio.Queue()
        self._queued: set[str] = set()
        self._workers: list[asyncio.Task[None]] = []
        self._idle = asyncio.Event()
        self._idle.set()
        self._active = 0

    async def enqueue(self, session: AsyncSession, job_id: str) -> None:
        after_commit(session, lambda: self.dispatch(job_id))

    def dispatch(self, job_id: str) -> None:
        """Queue a job that is already ``confirming`` in the database."""
        if job_id in self._queued:
            return
        self._queued.add(job_id)
        self._idle.clear()
        self._queue.put_nowait(job_id)

    async def start(self) -> None:
        for job_id in await self._recover() if self._recover else []:
            self.dispatch(job_id)
        if self._workers:
            return
        self._workers = [asyncio.create_task(self._work(), name=f"runner-{i}") for i in range(self._concurrency)]
        if self._maintain is not None:
            self._workers.append(asyncio.create_task(self._maintenance(), name="maintenance"))

    async def stop(self) -> None:
        for task in self._workers:
            task.cancel()
        await asyncio.gather(*self._workers, return_exceptions=True)
        self._workers = []

    async def drain(self) -> None:
        await self._idle.wait()

    async def _maintenance(self) -> None:
        assert self._maintain is not None
        while True:
            await asyncio.sleep(self._interval)
            try:
                for job_id in await self._maintain():
                    self.dispatch(job_id)
            except Exception:
                log.exception("maintenance pass failed")

    async def _work(self) -> None:
        while True:
            job_id = await self._queue.get()
            self._queued.discard(job_id)
            self._active += 1
            try:
                await self._execute(job_id)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("phase of job %s crashed outside the phase guard", job_id)
            finally:
                self._active -= 1
                self._queue.task_done()
                if self._active == 0 and self._queue.empty():
                    self._idle.set()
