"""The long-lived objects of one Convilyn instance, built once from settings."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from convilyn.catalog.registry import SpecRegistry
from convilyn.core.db import Database
from convilyn.core.ratelimit import RateLimits
from convilyn.core.settings import Settings
from convilyn.files.storage import Storage, open_storage
from convilyn.jobs.execution import PhaseEnvironment, run_job_phase
from convilyn.jobs.runner import InProcessRunner
from convilyn.runtime.phase import PhaseRuntime


TOOL_CATALOG_TTL = 60.0  # seconds an external MCP server's tool listing is trusted


@dataclass
class AppContext:
    settings: Settings
    db: Database
    storage: Storage
    limits: RateLimits
    registry: SpecRegistry
    runtime: PhaseRuntime
    runner: InProcessRunner = field(init=False)
    phases: PhaseEnvironment = field(init=False)

    def __post_init__(self) -> None:
        self.runner = InProcessRunner(self._run_phase, concurrency=self.settings.runner_concurrency)
        self.phases = PhaseEnvironment(
            settings=self.settings, db=self.db, storage=self.storage, registry=self.registry,
            runtime=self.runtime, requeue=self.runner.enqueue,
        )

    _tools: list[dict] | None = field(init=False, default=None)
    _tools_listed_at: float = field(init=False, default=0.0)
    startup_hooks: list = field(init=False, default_factory=list)

    async def tool_catalog(self) -> list[dict]:
        """Every MCP tool a palette may name, listed from the servers themselves.

        The built-in servers never change, so with no external server the list is
        kept for good; with external ones it is listed again after a minute, so a
        server that was down comes back into the catalog.
        """
        stale = bool(self.settings.mcp_servers) and time.monotonic() - self._tools_listed_at > TOOL_CATALOG_TTL
        if self._tools is None or stale:
            from convilyn.runtime import list_tools

            self._tools = await list_tools(self.settings.mcp_servers)
            self._tools_listed_at = time.monotonic()
        return self._tools

    async def _run_phase(self, job_id: str) -> None:
        await run_job_phase(self.phases, job_id)

    async def startup(self) -> None:
        """Hooks that need the migrated database (the builder loads user specs here)."""
        for hook in self.startup_hooks:
            await hook(self)

    async def close(self) -> None:
        await self.runner.stop()
        aclose = getattr(self.runtime, "aclose", None)
        if aclose is not None:
            await aclose()
        await self.storage.close()
        await self.db.dispose()


def build_context(settings: Settings, *, runtime: PhaseRuntime | None = None,
                  registry: SpecRegistry | None = None) -> AppContext:
    """Everything an instance needs, from its settings (the database is not migrated here)."""
    if registry is None:
        from convilyn.runtime import validate_plan

        registry = SpecRegistry.with_curated(validate_plan)
    if runtime is None:
        from convilyn.runtime import build_runtime

        runtime = build_runtime(settings)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    ctx = AppContext(
        settings=settings,
        db=Database(settings.resolved_database_url),
        storage=open_storage(settings),
        limits=RateLimits(settings),
        registry=registry,
        runtime=runtime,
    )
    from convilyn.builder.running import install_user_resolver

    ctx.startup_hooks.append(install_user_resolver)
    return ctx
