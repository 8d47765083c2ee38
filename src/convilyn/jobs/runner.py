"""Who runs a confirmed job's next phase.

The job service only needs ``PhaseQueue.enqueue``; the in-process runner here
is the embedded default, and a distributed worker can take its place by
implementing the same two methods.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Protocol

log = logging.getLogger("convilyn.runner")

PhaseExecutor = Callable[[str], Awaitable[None]]


class PhaseQueue(Protocol):
    async def enqueue(self, job_id: str) -> None:
        """Schedule the next phase of a job that is now ``confirming``."""

    async def run_phase(self, job_id: str) -> None:
        """Run one phase of the job now (a worker calls this for each dequeued job)."""


class InProcessRunner:
    """An asyncio queue and a few worker tasks inside the API process."""

    def __init__(self, execute: PhaseExecutor, *, concurrency: int = 4) -> None:
        self._execute = execute
        self._concurrency = concurrency
        self._queue: asyncio.Queue[str] = asyncio.Queue()
        self._queued: set[str] = set()
        self._workers: list[asyncio.Task[None]] = []
        self._idle = asyncio.Event()
        self._idle.set()
        self._active = 0

    async def enqueue(self, job_id: str) -> None:
        if job_id in self._queued:
            return
        self._queued.add(job_id)
        self._idle.clear()
        await self._queue.put(job_id)

    async def run_phase(self, job_id: str) -> None:
        await self._execute(job_id)

    def start(self) -> None:
        if not self._workers:
            self._workers = [asyncio.create_task(self._work(), name=f"runner-{i}") for i in range(self._concurrency)]

    async def stop(self) -> None:
        for task in self._workers:
            task.cancel()
        await asyncio.gather(*self._workers, return_exceptions=True)
        self._workers = []

    async def drain(self) -> None:
        """Wait until nothing is queued or running (tests and the demo use this)."""
        await self._idle.wait()

    async def _work(self) -> None:
        while True:
            job_id = await self._queue.get()
            self._queued.discard(job_id)
            self._active += 1
            try:
                await self.run_phase(job_id)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("phase of job %s crashed outside the phase guard", job_id)
            finally:
                self._active -= 1
                self._queue.task_done()
                if self._active == 0 and self._queue.empty():
                    self._idle.set()
