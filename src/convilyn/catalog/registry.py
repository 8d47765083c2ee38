"""The SpecRegistry: every workflow the runtime can run, by spec id.

Curated specs (``goal_lane.*``) ship as JSON files beside this module and are
validated when the registry loads: a broken spec fails at start, not mid-job.
User workflows (``uw_*``) are compiled by the builder and found through the
resolver the registry is built with, so it knows nothing of their tables.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from importlib import resources
from typing import TYPE_CHECKING

from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncSession

from convilyn.catalog.spec import DestinationSpec
from convilyn.core.errors import NotFound

if TYPE_CHECKING:
    from convilyn.auth.service import Principal

# (session, spec_id, principal or None) -> spec the principal may run, or None.
UserSpecResolver = Callable[[AsyncSession, str, "Principal | None"], Awaitable[DestinationSpec | None]]
PlanValidator = Callable[[DestinationSpec], object]  # raises when the plan is wrong; what it returns is unused


class SpecRegistryError(RuntimeError):
    """A shipped spec is broken; raised at start."""


def workflow_not_found(spec_id: str) -> NotFound:
    return NotFound(f"Workflow {spec_id} was not found.", code="WORKFLOW_NOT_FOUND", details={"workflowId": spec_id})


class SpecRegistry:
    def __init__(self, user_resolver: UserSpecResolver | None = None) -> None:
        self._specs: dict[str, DestinationSpec] = {}
        self.user_resolver = user_resolver
        self.revision = 0  # moves on every register: what a view of the catalog is cached by

    @classmethod
    def with_curated(
        cls, validate_plan: PlanValidator | None = None, *, user_resolver: UserSpecResolver | None = None
    ) -> SpecRegistry:
        """The shipped specs, each plan checked; ``user_resolver`` finds ``uw_*`` workflows."""
        registry = cls(user_resolver)
        for spec in load_curated_specs():
            if validate_plan is not None:
                try:
                    validate_plan(spec)
                except (ValueError, ValidationError) as exc:
                    raise SpecRegistryError(f"curated spec {spec.spec_id} has a broken plan: {exc}") from exc
            registry.register(spec)
        return registry

    def register(self, spec: DestinationSpec) -> None:
        self._specs[spec.spec_id] = spec
        self.revision += 1

    def get(self, spec_id: str) -> DestinationSpec | None:
        return self._specs.get(spec_id)

    def catalog(self) -> list[DestinationSpec]:
        """The curated and developer specs a client can browse."""
        return sorted(
            (s for s in self._specs.values() if s.spec_id.startswith(("goal_lane.", "developer_"))),
            key=lambda s: s.spec_id,
        )

    async def resolve_for_run(self, session: AsyncSession, principal: Principal, spec_id: str) -> DestinationSpec:
        """The spec the principal may start a job of, or 404."""
        if spec_id.startswith("uw_"):
            spec = await self.user_resolver(session, spec_id, principal) if self.user_resolver else None
        else:
            spec = self._specs.get(spec_id)
        if spec is None:
            raise workflow_not_found(spec_id)
        return spec

    async def get_for_job(self, session: AsyncSession, spec_id: str) -> DestinationSpec:
        """The spec of an existing job (its owner was checked when the job was made)."""
        spec = self._specs.get(spec_id)
        if spec is None and spec_id.startswith("uw_") and self.user_resolver:
            spec = await self.user_resolver(session, spec_id, None)
        if spec is None:
            raise workflow_not_found(spec_id)
        return spec


def load_curated_specs() -> list[DestinationSpec]:
    specs = []
    folder = resources.files("convilyn.catalog") / "specs"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".json"):
            continue
        try:
            specs.append(DestinationSpec.model_validate(json.loads(entry.read_text(encoding="utf-8"))))
        except (ValueError, ValidationError) as exc:
            raise SpecRegistryError(f"curated spec file {entry.name} is invalid: {exc}") from exc
    return specs
