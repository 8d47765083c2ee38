"""Queries over user workflows, every read starting from a statement scoped to the caller.

``readable_workflows`` is what a caller may see (their own, and anyone's public
ones); ``owned_workflows`` what they may change. A row outside the scope is
simply not found, so "another user gets 404" holds on every route.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, delete, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from convilyn.auth.service import Principal
from convilyn.builder.models import PUBLIC, UserWorkflow, WorkflowTag
from convilyn.core.db import rows_affected
from convilyn.core.versioning import bump_if_current


def readable_workflows(principal: Principal | None) -> Select[UserWorkflow]:
    """Workflows the caller may read: their own at any visibility, and public ones."""
    statement = select(UserWorkflow)
    if principal is None:
        return statement.where(UserWorkflow.visibility == PUBLIC)
    return statement.where(or_(UserWorkflow.owner_id == principal.user_id, UserWorkflow.visibility == PUBLIC))


def owned_workflows(principal: Principal) -> Select[UserWorkflow]:
    """Workflows the caller owns."""
    return select(UserWorkflow).where(UserWorkflow.owner_id == principal.user_id)


async def get_readable(session: AsyncSession, principal: Principal | None, workflow_id: str,
                       *, for_update: bool = False) -> UserWorkflow | None:
    statement = readable_workflows(principal).where(UserWorkflow.id == workflow_id)
    if for_update:
        statement = statement.with_for_update()
    return await session.scalar(statement)


async def get_owned(session: AsyncSession, principal: Principal, workflow_id: str) -> UserWorkflow | None:
    return await session.scalar(owned_workflows(principal).where(UserWorkflow.id == workflow_id))


async def current_version(session: AsyncSession, principal: Principal, workflow_id: str) -> int | None:
    """The itemVersion as committed now (after a guarded update missed)."""
    return await session.scalar(
        select(UserWorkflow.item_version)
        .where(UserWorkflow.id == workflow_id, UserWorkflow.owner_id == principal.user_id)
        .execution_options(populate_existing=True)
    )


async def replace_tags(session: AsyncSession, workflow_id: str, tags: Sequence[str]) -> None:
    """Keep the tag index equal to the workflow's tags."""
    await session.execute(delete(WorkflowTag).where(WorkflowTag.workflow_id == workflow_id))
    if tags:
        await session.execute(insert(WorkflowTag), [{"workflow_id": workflow_id, "tag": t} for t in tags])


async def guarded_update(session: AsyncSession, workflow: UserWorkflow, *, item_version: int, visibility: str,
                         values: dict[str, Any]) -> bool:
    """Apply ``values`` if the row is still at ``item_version`` and ``visibility``; bumps itemVersion."""
    where = (UserWorkflow.id == workflow.id, UserWorkflow.owner_id == workflow.owner_id,
             UserWorkflow.visibility == visibility)
    return await bump_if_current(session, UserWorkflow, item_version=item_version, where=where, values=values)


async def increment_fork_count(session: AsyncSession, workflow_id: str) -> None:
    await session.execute(
        update(UserWorkflow).where(UserWorkflow.id == workflow_id)
        .values(fork_count=UserWorkflow.fork_count + 1).execution_options(synchronize_session=False)
    )


async def increment_run_count(session: AsyncSession, workflow_id: str) -> None:
    await session.execute(
        update(UserWorkflow).where(UserWorkflow.id == workflow_id)
        .values(run_count=UserWorkflow.run_count + 1).execution_options(synchronize_session=False)
    )


async def delete_unpublished(session: AsyncSession, principal: Principal, workflow_id: str) -> bool:
    """Hard-delete an owned workflow that is not public; False if none matched."""
    changed = await rows_affected(session,
        delete(UserWorkflow)
        .where(UserWorkflow.id == workflow_id, UserWorkflow.owner_id == principal.user_id,
               UserWorkflow.visibility != PUBLIC)
        .execution_options(synchronize_session=False)
    )
    return changed == 1
