"""How user workflows reach the shared runtime: the SpecRegistry's user resolver.

``convilyn.context`` builds the registry with ``resolve_user_spec``.

``POST /jobs/goal`` with a ``uw_`` id asks the registry, which asks this
resolver inside the job-creation transaction: the caller must be able to read
the workflow (owner, or anyone for a public one) and be Pro, and the
workflow's runCount goes up in that same transaction. The runner, re-reading
the spec of an existing job, asks without a principal and gets it whatever
its visibility now is.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from convilyn.auth.service import Principal
from convilyn.builder import repository
from convilyn.builder.models import UserWorkflow
from convilyn.catalog.spec import DestinationSpec
from convilyn.core.errors import FieldError, TierTooLow, ValidationFailed
from convilyn.core.ids import is_valid_id


class WorkflowNotRunnable(ValidationFailed):
    code = "WORKFLOW_NOT_RUNNABLE"


def _check_runnable(workflow: UserWorkflow) -> None:
    missing = []
    if not workflow.system_prompt.strip():
        missing.append(FieldError(
            field="workflowId", code="empty_system_prompt",
            message=f"{workflow.id} has no systemPrompt yet; set one by PATCH before running it.",
        ))
    if not workflow.tool_palette:
        missing.append(FieldError(
            field="workflowId", code="empty_tool_palette",
            message=f"{workflow.id} has no tools in its palette yet; add some by PATCH before running it.",
        ))
    if missing:
        raise WorkflowNotRunnable.of(missing, details={"workflowId": workflow.id})


async def resolve_user_spec(session: AsyncSession, spec_id: str, principal: Principal | None) -> DestinationSpec | None:
    """The compiled spec of a user workflow; with a principal, only one they may run (and it counts the run)."""
    if not is_valid_id("uw", spec_id):
        return None
    if principal is None:
        stored = await session.scalar(select(UserWorkflow.spec_json).where(UserWorkflow.id == spec_id))
        return DestinationSpec.model_validate(stored) if stored is not None else None
    workflow = await repository.get_readable(session, principal, spec_id)
    if workflow is None:
        return None
    if not principal.is_pro:
        raise TierTooLow("Running a user workflow requires the Pro tier.", details={"tier": principal.tier})
    _check_runnable(workflow)
    await repository.increment_run_count(session, workflow.id)
    return DestinationSpec.model_validate(workflow.spec_json)
