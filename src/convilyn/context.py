"""The long-lived objects of one Convilyn instance, built once from settings.

This is the composition root: ``create_app`` keeps one ``AppContext`` on
``app.state`` and routes never see it; they ask for the single piece they use
through the typed dependencies of ``convilyn.deps``. The CLI, the demo and the
tests use it directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from convilyn.auth.principals import PrincipalCache
from convilyn.builder.running import resolve_user_spec
from convilyn.catalog.registry import SpecRegistry
from convilyn.core.db import Database
from convilyn.core.ratelimit import RateLimits
from convilyn.core.settings import Settings
from convilyn.files.storage import Storage, open_storage
from convilyn.jobs.execution import PhaseEnvironment, interrupted_jobs, run_job_phase
from convilyn.jobs.runner import InProcessRunner, PhaseQueue
from convilyn.maintenance import sweep_all
from convilyn.runtime import build_runtime, validate_plan
from convilyn.runtime.phase import PhaseRuntime
from convilyn.runtime.tool_catalog import ToolCatalog


@dataclass
class AppContext:
    settings: Settings
    db: Database
    storage: Storage
    limits: RateLimits
    registry: SpecRegistry
    runtime: PhaseRuntime
    tools: ToolCatalog
    runner: PhaseQueue = field(init=False)
    phases: PhaseEnvironment = field(init=False)
    principals: PrincipalCache = field(init=False)

    def __post_init__(self) -> None:
        self.principals = PrincipalCache(self.db, self.settings)
        # The queue runs phases and a phase may requeue its job: each needs the other.
        self.phases = PhaseEnvironment(
            settings=self.settings, db=self.db, storage=self.storage, registry=self.registry, runtime=self.runtime,
        )
        self.runner = self.phases.queue = self._phase_queue()

    def _phase_queue(self) -> PhaseQueue:
        """The in-process runner on SQLite; Procrastinate on PostgreSQL (see jobs.runner)."""
        settings = self.settings
        if not self.db.is_sqlite:
            from convilyn.jobs.worker import ProcrastinateQueue

            return ProcrastinateQueue(self.phases, run_jobs=settings.run_jobs,
                                      concurrency=settings.runner_concurrency)
        if not settings.run_jobs:
            return InProcessRunner(self._run_phase, concurrency=0)
        grace = timedelta(seconds=settings.phase_timeout_seconds * 2 + 60)

        async def maintain() -> list[str]:
            await sweep_all(self.db, self.storage, settings)
            return await interrupted_jobs(self.phases, stuck_after=grace)

        return InProcessRunner(self._run_phase, concurrency=settings.runner_concurrency,
                               recover=lambda: interrupted_jobs(self.phases), maintain=maintain,
                               interval=settings.sweep_interval_seconds)

    async def _run_phase(self, job_id: str) -> None:
        await run_job_phase(self.phases, job_id)

    async def close(self) -> None:
        await self.runner.stop()
        aclose = getattr(self.runtime, "aclose", None)
        if aclose is not None:
            await aclose()
        await self.storage.close()
        await self.db.dispose()


def build_context(settings: Settings, *, runtime: PhaseRuntime | None = None) -> AppContext:
    """Everything an instance needs, from its settings (the database is not migrated here)."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    return AppContext(
        settings=settings,
        db=Database(settings.resolved_database_url),
        storage=open_storage(settings),
        limits=RateLimits(settings),
        registry=SpecRegistry.with_curated(validate_plan, user_resolver=resolve_user_spec),
        runtime=runtime if runtime is not None else build_runtime(settings),
        tools=ToolCatalog(settings.mcp_servers),
    )
