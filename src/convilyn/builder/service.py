"""The rules of user workflows: create, fork, update and publish, delete, export and import.

Every write recompiles the workflow to its DestinationSpec (``spec_json``), so
the runtime always runs what the owner last saved. An update is one guarded
UPDATE on (id, owner, itemVersion, visibility): a stale version is a 409.
"""

from __future__ import annotations

import functools
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from convilyn.auth.service import Principal
from convilyn.builder import repository
from convilyn.builder.compile import compile_spec, spec_json
from convilyn.builder.errors import (
    ContentPolicyViolation,
    SourceNotFound,
    VisibilityTransitionRefused,
    WorkflowIsPublic,
    WorkflowNotFound,
)
from convilyn.builder.models import ARCHIVED, PRIVATE, PUBLIC, UserWorkflow
from convilyn.builder.safety import check_public_content
from convilyn.builder.schemas import CanvasLayout, ExportedWorkflow, ImportWorkflow, ToolPaletteItem
from convilyn.catalog.registry import SpecRegistry
from convilyn.catalog.spec import SYSTEM_TOOLS
from convilyn.core.clock import clock
from convilyn.core.db import Database
from convilyn.core.errors import FieldError, ValidationFailed, VersionConflict
from convilyn.core.ids import new_id
from convilyn.core.pagination import Keyset, Page, Rows

# (from, to) pairs a PATCH may make; staying put is always allowed.
TRANSITIONS = frozenset({(PRIVATE, PUBLIC), (PRIVATE, ARCHIVED), (PUBLIC, ARCHIVED), (ARCHIVED, PUBLIC)})
# The fields everyone sees once a workflow is public, and so the ones the safety check reads.
PUBLIC_TEXT_FIELDS = ("name", "description", "system_prompt", "tags")
BLANK = "blank"
BLANK_VERSION = "1.0.0"
NAME_MAX = 80
OWN_ORDER = Keyset("own", ((UserWorkflow.created_at, "datetime"), (UserWorkflow.id, "str")))


@dataclass(frozen=True)
class ForkSource:
    """What a new workflow inherits, whatever it was forked from."""

    spec_id: str
    type: str
    version: str
    name: str
    description: str = ""
    system_prompt: str = ""
    tool_palette: list[dict[str, Any]] = field(default_factory=list)
    output_specs: list[dict[str, Any]] = field(default_factory=list)
    agent_config: dict[str, Any] = field(default_factory=dict)
    canvas_layout: dict[str, Any] | None = None
    tags: list[str] = field(default_factory=list)
    forked_from_id: str | None = None


BLANK_SOURCE = ForkSource(spec_id=BLANK, type=BLANK, version=BLANK_VERSION, name="Blank")


def _dump_palette(palette: list[ToolPaletteItem]) -> list[dict[str, Any]]:
    return [item.model_dump(mode="json", by_alias=True) for item in palette]


def _laid_out(tool_names: list[str]) -> list[dict[str, Any]]:
    """A curated palette (names only) placed left to right on the canvas."""
    return [{"toolName": name, "position": {"x": 240.0 * i, "y": 0.0}, "note": None}
            for i, name in enumerate(tool_names)]


def validate_palette(palette: list[ToolPaletteItem], tool_catalog: Collection[str]) -> None:
    """Every tool in the MCP catalog, none a system tool, none twice; else one 422 naming them."""
    errors: list[FieldError] = []
    unknown: list[str] = []
    seen: set[str] = set()
    for index, item in enumerate(palette):
        name, where = item.tool_name, f"toolPalette.{index}.toolName"
        if name in SYSTEM_TOOLS or name.rpartition(":")[2] in SYSTEM_TOOLS:
            errors.append(FieldError(field=where, code="system_tool_forbidden",
                                     message=f"{name} is a system tool; a user workflow's palette cannot hold it."))
        elif name not in tool_catalog:
            unknown.append(name)
            errors.append(FieldError(field=where, code="unknown_tool",
                                     message=f"{name} is not in the MCP tool catalog (GET /api/v1/mcp/tools/catalog)."))
        elif name in seen:
            errors.append(FieldError(field=where, code="duplicate_tool", message=f"{name} is in the palette twice."))
        seen.add(name)
    if errors:
        raise ValidationFailed.of(errors, details={"unknownTools": unknown} if unknown else None)


def check_publishable(values: dict[str, Any]) -> None:
    """The content-safety check on what a public workflow shows; 422 CONTENT_POLICY_VIOLATION naming the kinds."""
    texts = {"name": values["name"], "description": values["description"], "systemPrompt": values["system_prompt"]}
    texts.update({f"tags.{i}": tag for i, tag in enumerate(values["tags"])})
    findings = check_public_content(texts)
    if findings:
        raise ContentPolicyViolation.of(
            [FieldError(field=f.field, code=f.kind, message=f.describe()) for f in findings],
            details={"violations": [{"field": f.field, "kind": f.kind, "excerpt": f.excerpt} for f in findings]},
        )


def _check_transition(current: str, target: str) -> None:
    if current != target and (current, target) not in TRANSITIONS:
        allowed = sorted(to for frm, to in TRANSITIONS if frm == current)
        reason = " (forks may still reference it; archive it instead)" if current != PRIVATE else ""
        raise VisibilityTransitionRefused(
            f"A {current} workflow cannot become {target}{reason}.",
            details={"from": current, "to": target, "allowed": allowed},
        )


async def _plan_origin(session: AsyncSession, source_spec_id: str | None) -> str | None:
    """The first workflow up the fork chain that is not a user workflow (the curated one whose plan a fork
    of a fork inherits), or None when the chain ends at a blank or deleted workflow."""
    seen: set[str] = set()
    while source_spec_id and source_spec_id.startswith("uw_") and source_spec_id not in seen:
        seen.add(source_spec_id)
        source_spec_id = (await session.execute(select(UserWorkflow.source_spec_id).where(
            UserWorkflow.id == source_spec_id))).scalar_one_or_none()
    return source_spec_id


def _compiled(
    workflow_id: str, values: dict[str, Any], item_version: int, source_spec_id: str | None
) -> dict[str, Any]:
    return spec_json(compile_spec(
        workflow_id=workflow_id, name=values["name"], description=values["description"],
        system_prompt=values["system_prompt"], tool_palette=values["tool_palette"],
        output_specs=values["output_specs"], agent_config=values["agent_config"], item_version=item_version,
        source_spec_id=source_spec_id,
    ))


async def _create(session: AsyncSession, *, owner_id: str, source: ForkSource, name: str, description: str,
                  system_prompt: str, tool_palette: list[dict[str, Any]], canvas_layout: dict[str, Any] | None,
                  tags: list[str]) -> UserWorkflow:
    now = clock.now()
    workflow_id = new_id("uw")
    values: dict[str, Any] = {
        "name": name[:NAME_MAX], "description": description[:500], "system_prompt": system_prompt[:8000],
        "tool_palette": tool_palette, "output_specs": source.output_specs, "agent_config": source.agent_config,
    }
    workflow = UserWorkflow(
        id=workflow_id, owner_id=owner_id, source_spec_id=source.spec_id, source_type=source.type,
        source_version=source.version, source_name=source.name[:NAME_MAX], forked_from_id=source.forked_from_id,
        canvas_layout=canvas_layout or CanvasLayout().model_dump(mode="json", by_alias=True),
        spec_json=_compiled(workflow_id, values, 1, await _plan_origin(session, source.spec_id)),
        visibility=PRIVATE, tags=list(tags),
        founding_intent=None,
        run_count=0, fork_count=0, like_count=0, item_version=1, created_at=now, updated_at=now,
        published_at=None, **values,
    )
    session.add(workflow)
    await session.flush()
    await repository.replace_tags(session, workflow_id, tags)
    return workflow


async def create_blank(session: AsyncSession, *, principal: Principal, name: str, description: str) -> UserWorkflow:
    """An empty private workflow (empty prompt and palette) to fill in by PATCH."""
    return await _create(session, owner_id=principal.user_id, source=BLANK_SOURCE, name=name,
                         description=description, system_prompt="", tool_palette=[], canvas_layout=None, tags=[])


async def _fork_source(session: AsyncSession, registry: SpecRegistry, principal: Principal,
                       source_spec_id: str) -> ForkSource:
    if source_spec_id == BLANK:
        return BLANK_SOURCE
    if source_spec_id.startswith("uw_"):
        source = await repository.get_readable(session, principal, source_spec_id)
        if source is None:
            raise SourceNotFound(source_spec_id)
        return ForkSource(
            spec_id=source.id, type="user", version=str(source.item_version), name=source.name,
            description=source.description, system_prompt=source.system_prompt,
            tool_palette=list(source.tool_palette), output_specs=list(source.output_specs),
            agent_config=dict(source.agent_config), canvas_layout=dict(source.canvas_layout),
            tags=list(source.tags), forked_from_id=source.id,
        )
    spec = registry.get(source_spec_id)
    if spec is None or not source_spec_id.startswith(("goal_lane.", "developer_")):
        raise SourceNotFound(source_spec_id)
    return ForkSource(
        spec_id=spec.spec_id, type="curated" if spec.spec_id.startswith("goal_lane.") else "developer",
        version=spec.version, name=spec.name, description=spec.description, system_prompt=spec.system_prompt,
        tool_palette=_laid_out(spec.tool_palette),
        output_specs=[o.model_dump(mode="json", by_alias=True) for o in spec.output_specs],
        agent_config=spec.agent_config.model_dump(mode="json", by_alias=True),
    )


async def fork_workflow(session: AsyncSession, registry: SpecRegistry, *, principal: Principal,
                        source_spec_id: str, name: str | None) -> UserWorkflow:
    """A private copy of a curated, developer, own or public workflow (or a blank one).

    The source's forkCount goes up by one in the same transaction (user sources only).
    """
    source = await _fork_source(session, registry, principal, source_spec_id)
    default_name = "Untitled workflow" if source.type == BLANK else f"Copy of {source.name}"
    workflow = await _create(
        session, owner_id=principal.user_id, source=source, name=name or default_name,
        description=source.description, system_prompt=source.system_prompt, tool_palette=source.tool_palette,
        canvas_layout=source.canvas_layout, tags=source.tags,
    )
    if source.forked_from_id:
        await repository.increment_fork_count(session, source.forked_from_id)
    return workflow


async def import_workflow(session: AsyncSession, *, principal: Principal, data: ImportWorkflow,
                          tool_catalog: Collection[str]) -> UserWorkflow:
    """A new private workflow from an export file: create-blank and update in one step."""
    validate_palette(data.tool_palette, tool_catalog)
    return await _create(
        session, owner_id=principal.user_id, source=BLANK_SOURCE, name=data.name, description=data.description,
        system_prompt=data.system_prompt, tool_palette=_dump_palette(data.tool_palette),
        canvas_layout=data.canvas_layout.model_dump(mode="json", by_alias=True), tags=data.tags,
    )


async def get_workflow(session: AsyncSession, *, principal: Principal | None, workflow_id: str) -> UserWorkflow:
    """A workflow the caller may read (own, or public), else 404."""
    workflow = await repository.get_readable(session, principal, workflow_id)
    if workflow is None:
        raise WorkflowNotFound(workflow_id)
    return workflow


async def get_owned_workflow(session: AsyncSession, *, principal: Principal, workflow_id: str) -> UserWorkflow:
    """A workflow the caller owns, else 404 (a public one of someone else's too)."""
    workflow = await repository.get_owned(session, principal, workflow_id)
    if workflow is None:
        raise WorkflowNotFound(workflow_id)
    return workflow


@functools.cache
def _own_listing(*, visibility: bool, after: bool) -> Rows:
    """The page statement of one combination of filters: built once each, so it runs on the driver."""
    statement = select(UserWorkflow.id, UserWorkflow.owner_id, UserWorkflow.name, UserWorkflow.description,
                       UserWorkflow.visibility, UserWorkflow.tags, UserWorkflow.run_count, UserWorkflow.fork_count,
                       UserWorkflow.like_count, UserWorkflow.source_type, UserWorkflow.source_spec_id,
                       UserWorkflow.created_at, UserWorkflow.updated_at,
                       ).where(UserWorkflow.owner_id == bindparam("owner_id"))
    if visibility:
        statement = statement.where(UserWorkflow.visibility == bindparam("visibility"))
    return OWN_ORDER.page(statement, after=after)


async def list_own(db: Database, *, principal: Principal, visibility: str | None, limit: int,
                   cursor: str | None) -> Page:
    """The caller's workflows (rows of ``views.summary_fields``' fields), newest first; no ORM session."""
    params = {"owner_id": principal.user_id, "visibility": visibility, **OWN_ORDER.params(limit=limit, cursor=cursor)}
    rows = await db.all(_own_listing(visibility=bool(visibility), after=bool(cursor)), params)
    return OWN_ORDER.page_of(rows, limit=limit, key=lambda row: (row.created_at, row.id))


async def update_workflow(session: AsyncSession, *, principal: Principal, workflow_id: str, item_version: int,
                          changes: dict[str, Any], tool_catalog: Collection[str]) -> UserWorkflow:
    """Apply a PATCH: version check, visibility transition, palette and safety checks, recompile."""
    workflow = await get_owned_workflow(session, principal=principal, workflow_id=workflow_id)
    if workflow.item_version != item_version:
        raise VersionConflict(workflow.item_version)
    current = workflow.visibility
    target = changes.pop("visibility", current)
    _check_transition(current, target)
    values: dict[str, Any] = dict(changes)
    if "tool_palette" in values:
        validate_palette(values["tool_palette"], tool_catalog)
        values["tool_palette"] = _dump_palette(values["tool_palette"])
    if "canvas_layout" in values:
        values["canvas_layout"] = values["canvas_layout"].model_dump(mode="json", by_alias=True)
    merged = {name: values.get(name, getattr(workflow, name))
              for name in ("name", "description", "system_prompt", "tags", "tool_palette", "output_specs",
                           "agent_config")}
    if target == PUBLIC and (current != PUBLIC or any(name in values for name in PUBLIC_TEXT_FIELDS)):
        check_publishable(merged)
    now = clock.now()
    if target != current:
        values["visibility"] = target
        if target == PUBLIC:
            values["published_at"] = now
    values["spec_json"] = _compiled(workflow.id, merged, item_version + 1,
                                    await _plan_origin(session, workflow.source_spec_id))
    values["updated_at"] = now
    if not await repository.guarded_update(session, workflow, item_version=item_version, visibility=current,
                                           values=values):
        latest = await repository.current_version(session, principal, workflow.id)
        if latest is None:
            raise WorkflowNotFound(workflow.id)
        raise VersionConflict(latest)
    if "tags" in values:
        await repository.replace_tags(session, workflow.id, values["tags"])
    await session.refresh(workflow)
    return workflow


async def delete_workflow(session: AsyncSession, *, principal: Principal, workflow_id: str) -> None:
    """Hard-delete a private or archived workflow; a public one must be archived first (409)."""
    if await repository.delete_unpublished(session, principal, workflow_id):
        return
    workflow = await get_owned_workflow(session, principal=principal, workflow_id=workflow_id)
    raise WorkflowIsPublic(
        f"Workflow {workflow.id} is public; archive it (PATCH visibility=archived) before deleting it, "
        "so the workflows forked from it keep their lineage.",
        details={"workflowId": workflow.id, "visibility": workflow.visibility},
    )


def export_workflow(workflow: UserWorkflow) -> ExportedWorkflow:
    """The portable subset of a workflow."""
    return ExportedWorkflow(
        name=workflow.name, description=workflow.description, system_prompt=workflow.system_prompt,
        tool_palette=[ToolPaletteItem.model_validate(item) for item in workflow.tool_palette],
        canvas_layout=CanvasLayout.model_validate(workflow.canvas_layout), tags=list(workflow.tags),
    )
