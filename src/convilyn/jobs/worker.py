"""Job phases on Procrastinate (PostgreSQL): the queue any number of workers run.

- ``ProcrastinateQueue.enqueue`` defers a ``convilyn.run_phase`` job on the
  psycopg connection of the caller's SQLAlchemy transaction, so the phase is
  queued exactly when the job's move to confirming commits (confirm, resume,
  retry), never without it.
- Each phase job carries ``lock=<job id>``: Procrastinate never runs two jobs of
  one Convilyn job at once, so a duplicate delivery waits, then finds the phase
  done and does nothing (see the claim guard in ``jobs.execution``).
- A worker killed mid-phase stops sending heartbeats (every
  ``worker_heartbeat_seconds``). Every live worker checks every
  ``STALLED_CHECK_SECONDS`` for phase jobs held by workers silent for
  ``worker_stalled_seconds`` and hands them back to the queue (Procrastinate's
  ``get_stalled_jobs`` + ``retry_job``); the next worker takes the phase over.
  The check is a task of its own beside the worker's job slots, not a queued
  job, so slots full of long phases cannot delay it. Worst case from kill to
  retry: stalled + check interval + one poll.
- ``convilyn.sweep_expired`` runs ``maintenance.sweep_all`` (expired uploads, outputs and
  Idempotency-Keys, old event logs and webhook deliveries) every ``sweep_interval_seconds``
  (rounded to whole minutes, or hours past one), on one worker.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
from typing import Any

import procrastinate
from procrastinate import exceptions as queue_errors
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from convilyn.core.db import libpq_url
from convilyn.jobs.execution import PhaseEnvironment, run_job_phase
from convilyn.maintenance import sweep_all

log = logging.getLogger("convilyn.worker")

PHASE_TASK = "convilyn.run_phase"
MAINTENANCE_QUEUE = "maintenance"
STALLED_CHECK_SECONDS = 5


def build_queue_app(env: PhaseEnvironment) -> procrastinate.App:
    """The Procrastinate app with Convilyn's tasks, bound to ``env`` (its database and runtime)."""
    settings = env.settings
    connector = procrastinate.PsycopgConnector(conninfo=libpq_url(settings.resolved_database_url),
                                               min_size=1, max_size=max(4, settings.runner_concurrency + 2))
    app = procrastinate.App(connector=connector)

    @app.task(name=PHASE_TASK, queue=settings.phase_queue)
    async def run_phase(job_id: str) -> None:
        # The queue handed this job out, so any earlier run of it is dead: take over.
        await run_job_phase(env, job_id, take_over=True)

    @app.periodic(cron=sweep_cron(settings.sweep_interval_seconds), periodic_id="sweep")
    @app.task(name="convilyn.sweep_expired", queue=MAINTENANCE_QUEUE)
    async def sweep_expired(timestamp: int) -> None:
        await sweep_all(env.db, env.storage, settings)

    return app


def sweep_cron(interval_seconds: float) -> str:
    """Every ``interval_seconds``, as a cron line: whole minutes below an hour, whole hours above."""
    minutes = max(1, round(interval_seconds / 60))
    if minutes < 60:
        return f"*/{minutes} * * * *"
    return f"0 */{min(23, round(minutes / 60))} * * *"


class ProcrastinateQueue:
    """The ``PhaseQueue`` on PostgreSQL; with ``run_jobs`` this process also runs a worker."""

    def __init__(self, env: PhaseEnvironment, *, run_jobs: bool, concurrency: int, name: str | None = None) -> None:
        self.env = env
        self.app = build_queue_app(env)
        self.run_jobs = run_jobs
        self.concurrency = concurrency
        self.queues: tuple[str, ...] = (env.settings.phase_queue, MAINTENANCE_QUEUE)
        # host-pid: an operator (or a test) can tell which process holds a phase job.
        self.name = name or f"{socket.gethostname()}-{os.getpid()}"
        self._worker: asyncio.Task[None] | None = None

    async def enqueue(self, session: AsyncSession, job_id: str) -> None:
        connection = await (await session.connection()).get_raw_connection()
        await self.app.configure_task(PHASE_TASK, lock=job_id, queue=self.env.settings.phase_queue,
                                      connection=connection.driver_connection).defer_async(job_id=job_id)

    async def start(self) -> None:
        await self.app.open_async()
        if self.run_jobs and self._worker is None:
            self._worker = asyncio.create_task(self.run_worker(install_signal_handlers=False), name="worker")

    async def run_worker(self, **options: Any) -> None:
        """Run phases and maintenance until cancelled (or a signal, for ``convilyn worker``)."""
        settings = self.env.settings
        recovery = asyncio.create_task(self.recover_stalled_phases(), name="stalled-phases")
        try:
            await self._run_worker(settings, **options)
        finally:
            recovery.cancel()
            await asyncio.gather(recovery, return_exceptions=True)

    async def recover_stalled_phases(self) -> None:
        """Every STALLED_CHECK_SECONDS, hand the phases of silent workers back to the queue."""
        manager = self.app.job_manager
        while True:
            await asyncio.sleep(STALLED_CHECK_SECONDS)
            try:
                stalled = await manager.get_stalled_jobs(
                    task_name=PHASE_TASK, seconds_since_heartbeat=self.env.settings.worker_stalled_seconds)
                for job in stalled:
                    try:
                        await manager.retry_job(job)
                    except queue_errors.ConnectorException:
                        continue  # another worker handed it back first
                    log.warning("phase job %s of %s was held by a silent worker; handed back to the queue",
                                job.id, job.task_kwargs.get("job_id"))
            except Exception:  # the database away for a moment: check again next time
                log.exception("checking for stalled phases failed")

    async def _run_worker(self, settings: Any, **options: Any) -> None:
        await self.app.run_worker_async(
            queues=list(self.queues), concurrency=self.concurrency, name=self.name,
            update_heartbeat_interval=settings.worker_heartbeat_seconds,
            stalled_worker_timeout=settings.worker_stalled_seconds,
            fetch_job_polling_interval=1.0, delete_jobs="successful",
            shutdown_graceful_timeout=settings.phase_timeout_seconds, **options)

    async def stop(self) -> None:
        if self._worker is not None:
            self._worker.cancel()
            await asyncio.gather(self._worker, return_exceptions=True)
            self._worker = None
        await self.app.close_async()

    async def drain(self) -> None:
        while await self.pending() > 0:
            await asyncio.sleep(0.02)

    async def pending(self) -> int:
        """Phase jobs of this deployment's queue waiting or running, across every worker."""
        async with self.env.db.read() as session:
            return await session.scalar(text(
                "SELECT count(*) FROM procrastinate_jobs WHERE task_name = :task AND queue_name = :queue "
                "AND status IN ('todo', 'doing')"
            ), {"task": PHASE_TASK, "queue": self.env.settings.phase_queue}) or 0
