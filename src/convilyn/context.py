"""The long-lived objects of one Convilyn instance, built once from settings.

This is the composition root: ``create_app`` keeps one ``AppContext`` on
``app.state`` and routes never see it; they ask for the single piece they use
through the typed dependencies of ``convilyn.deps``. The CLI, the demo and the
tests use it directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from convilyn.builder.running import resolve_user_spec
from convilyn.catalog.registry import SpecRegistry
from convilyn.core.db import Database
from convilyn.core.ratelimit import RateLimits
from convilyn.core.settings import Settings
from convilyn.files.storage import Storage, open_storage
from convilyn.jobs.execution import PhaseEnvironment, run_job_phase
from convilyn.jobs.runner import InProcessRunner
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
    runner: InProcessRunner = field(init=False)
    phases: PhaseEnvironment = field(init=False)

    def __post_init__(self) -> None:
        # The runner runs phases and a phase may requeue its job: each needs the other.
        self.runner = InProcessRunner(self._run_phase, concurrency=self.settings.runner_concurrency)
        self.phases = PhaseEnvironment(
            settings=self.settings, db=self.db, storage=self.storage, registry=self.registry,
            runtime=self.runtime, requeue=self.runner.enqueue,
        )

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
