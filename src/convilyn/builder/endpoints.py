"""The user workflow Builder API routes: thin wrappers over ``builder.service``.

``/user_workflows/import`` and ``/user_workflows/fork`` are declared before
``/user_workflows/{workflowId}`` so the path parameter never captures them.
"""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from convilyn.auth.deps import Reader, Writer, require_pro
from convilyn.builder import service
from convilyn.builder.errors import (
    ContentPolicyViolation,
    SourceNotFound,
    VisibilityTransitionRefused,
    WorkflowIsPublic,
    WorkflowNotFound,
)
from convilyn.builder.schemas import (
    CreateWorkflow,
    ExportedWorkflow,
    ForkWorkflow,
    ImportWorkflow,
    UpdateWorkflow,
    UserWorkflowPage,
    UserWorkflowView,
    Visibility,
    WorkflowId,
)
from convilyn.builder.views import summary_view, workflow_view
from convilyn.core.errors import (
    SIGNED_IN_ERRORS,
    TierTooLow,
    VersionConflict,
    error_responses,
)
from convilyn.core.pagination import CursorQuery
from convilyn.deps import Db, ReadSession, Registry, Tools, WriteSession

router = APIRouter(prefix="/api/v1", tags=["user workflows"])

AUTH = SIGNED_IN_ERRORS


async def palette_tools(tools: Tools) -> frozenset[str]:
    """The tool names a palette may hold: GET /mcp/tools/catalog is the source of truth."""
    return await tools.names()


PaletteTools = Annotated[frozenset[str], Depends(palette_tools)]


@router.get(
    "/user_workflows",
    response_model=UserWorkflowPage,
    summary="List your workflows",
    description="Your own workflows, newest first, as summaries (no systemPrompt or specJson).",
    responses=error_responses(*AUTH),
)
async def list_workflows(
    db: Db,
    principal: Reader,
    visibility: Annotated[Visibility | None, Query(description="Filter by visibility")] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    cursor: CursorQuery = None,
) -> UserWorkflowPage:
    page = await service.list_own(db, principal=principal, visibility=visibility, limit=limit, cursor=cursor)
    return UserWorkflowPage(items=[summary_view(row) for row in page.rows], cursor=page.cursor)


@router.post(
    "/user_workflows",
    status_code=201,
    response_model=UserWorkflowView,
    summary="Create a blank workflow",
    description="An empty private workflow (empty systemPrompt and toolPalette) to fill in by PATCH. Requires Pro.",
    responses=error_responses(*AUTH, TierTooLow),
)
async def create_workflow(body: CreateWorkflow, session: WriteSession, principal: Writer) -> UserWorkflowView:
    require_pro(principal, "Creating a workflow")
    workflow = await service.create_blank(session, principal=principal, name=body.name, description=body.description)
    return workflow_view(workflow)


@router.post(
    "/user_workflows/import",
    status_code=201,
    response_model=UserWorkflowView,
    summary="Import a workflow from an export file",
    description="Create-blank and PATCH in one step. Server-owned fields (ownerId, workflowId, stats, itemVersion, "
    "specJson, timestamps, ...) are discarded; the rest is validated like PATCH. The result is always private. "
    "Requires Pro.",
    responses=error_responses(*AUTH, TierTooLow),
)
async def import_workflow(body: ImportWorkflow, session: WriteSession, principal: Writer,
                          tools: PaletteTools) -> UserWorkflowView:
    require_pro(principal, "Importing a workflow")
    workflow = await service.import_workflow(session, principal=principal, data=body, tool_catalog=tools)
    return workflow_view(workflow)


@router.post(
    "/user_workflows/fork",
    status_code=201,
    response_model=UserWorkflowView,
    summary="Fork a workflow",
    description="A private copy of a curated (`goal_lane.*`) or developer (`developer_*.*`) spec, of your own or a "
    "public user workflow (`uw_*`), or `blank`. Inherits systemPrompt, toolPalette, outputSpecs and agentConfig; "
    "stats start at zero; a user source's forkCount goes up by one. Any authenticated user may fork; editing and "
    "running need Pro.",
    responses=error_responses(*AUTH, SourceNotFound),
)
async def fork_workflow(body: ForkWorkflow, session: WriteSession, registry: Registry,
                        principal: Writer) -> UserWorkflowView:
    workflow = await service.fork_workflow(session, registry, principal=principal,
                                           source_spec_id=body.source_spec_id, name=body.name)
    return workflow_view(workflow)


@router.get(
    "/user_workflows/{workflowId}",
    response_model=UserWorkflowView,
    summary="Get a workflow",
    description="The owner sees any visibility; anyone else only public workflows (others are 404).",
    responses=error_responses(*AUTH, WorkflowNotFound),
)
async def get_workflow(workflow_id: WorkflowId, session: ReadSession, principal: Reader) -> UserWorkflowView:
    return workflow_view(await service.get_workflow(session, principal=principal, workflow_id=workflow_id))


@router.patch(
    "/user_workflows/{workflowId}",
    response_model=UserWorkflowView,
    summary="Update a workflow",
    description="Owner only; requires Pro. `itemVersion` guards against concurrent edits (409). `outputSpecs` and "
    "`agentConfig` are read-only and ignored. Becoming public runs the content-safety check "
    "(422 CONTENT_POLICY_VIOLATION); public -> private is refused (400).",
    responses=error_responses(*AUTH, TierTooLow, WorkflowNotFound, VisibilityTransitionRefused, VersionConflict,
                              ContentPolicyViolation),
)
async def update_workflow(workflow_id: WorkflowId, body: UpdateWorkflow, session: WriteSession, principal: Writer,
                          tools: PaletteTools) -> UserWorkflowView:
    require_pro(principal, "Editing a workflow")
    workflow = await service.update_workflow(session, principal=principal, workflow_id=workflow_id,
                                             item_version=body.item_version, changes=body.changes(),
                                             tool_catalog=tools)
    return workflow_view(workflow)


@router.delete(
    "/user_workflows/{workflowId}",
    status_code=204,
    response_class=Response,
    summary="Delete a workflow",
    description="Private or archived workflows are deleted for good; a public one is refused (409): archive it "
    "first. Workflows forked from it keep their forkedFromId and sourceName.",
    responses=error_responses(*AUTH, WorkflowNotFound, WorkflowIsPublic),
)
async def delete_workflow(workflow_id: WorkflowId, session: WriteSession, principal: Writer) -> Response:
    await service.delete_workflow(session, principal=principal, workflow_id=workflow_id)
    return Response(status_code=204)


def _download_name(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:60]
    return f"{slug or 'workflow'}.json"


@router.get(
    "/user_workflows/{workflowId}/export",
    response_model=ExportedWorkflow,
    summary="Export a workflow",
    description="A download (`Content-Disposition: attachment`) of the portable subset plus `schemaVersion`. "
    "Owner only. Pair with POST /user_workflows/import.",
    responses=error_responses(*AUTH, WorkflowNotFound),
)
async def export_workflow(workflow_id: WorkflowId, session: ReadSession, principal: Reader,
                          response: Response) -> ExportedWorkflow:
    workflow = await service.get_owned_workflow(session, principal=principal, workflow_id=workflow_id)
    response.headers["Content-Disposition"] = f'attachment; filename="{_download_name(workflow.name)}"'
    return service.export_workflow(workflow)
