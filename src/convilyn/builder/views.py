"""Workflow rows shaped as the API shows them."""

from __future__ import annotations

from convilyn.builder.models import UserWorkflow
from convilyn.builder.schemas import CanvasLayout, Stats, ToolPaletteItem, UserWorkflowSummary, UserWorkflowView

PREVIEW_CHARS = 160


def stats(workflow: UserWorkflow) -> Stats:
    return Stats(run_count=workflow.run_count, fork_count=workflow.fork_count, like_count=workflow.like_count)


def description_preview(description: str) -> str:
    if len(description) <= PREVIEW_CHARS:
        return description
    return description[: PREVIEW_CHARS - 1].rstrip() + "…"


def workflow_view(workflow: UserWorkflow) -> UserWorkflowView:
    return UserWorkflowView(
        workflow_id=workflow.id,
        owner_id=workflow.owner_id,
        spec_id=workflow.id,
        source_spec_id=workflow.source_spec_id,
        source_type=workflow.source_type,
        source_version=workflow.source_version,
        source_name=workflow.source_name,
        forked_from_id=workflow.forked_from_id,
        name=workflow.name,
        description=workflow.description,
        system_prompt=workflow.system_prompt,
        tool_palette=[ToolPaletteItem.model_validate(item) for item in workflow.tool_palette],
        canvas_layout=CanvasLayout.model_validate(workflow.canvas_layout),
        spec_json=workflow.spec_json,
        visibility=workflow.visibility,
        tags=list(workflow.tags),
        founding_intent=workflow.founding_intent,
        stats=stats(workflow),
        created_at=workflow.created_at,
        updated_at=workflow.updated_at,
        item_version=workflow.item_version,
    )


def summary_fields(workflow: UserWorkflow) -> dict:
    return {
        "workflow_id": workflow.id,
        "owner_id": workflow.owner_id,
        "spec_id": workflow.id,
        "name": workflow.name,
        "description_preview": description_preview(workflow.description),
        "visibility": workflow.visibility,
        "tags": list(workflow.tags),
        "stats": stats(workflow),
        "source_type": workflow.source_type,
        "source_spec_id": workflow.source_spec_id,
        "updated_at": workflow.updated_at,
    }


def summary_view(workflow: UserWorkflow) -> UserWorkflowSummary:
    return UserWorkflowSummary(**summary_fields(workflow))
