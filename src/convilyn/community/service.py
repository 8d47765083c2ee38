"""The community rules: the public listing, likes and comments.

A like is a row per (user, workflow), unique by primary key. A toggle locks the
workflow row (``FOR UPDATE`` on PostgreSQL; SQLite writers are serialised
already), inserts or deletes the caller's row, and sets ``likeCount`` to the
count of rows in the same statement, so the counter cannot drift from the rows
whatever the concurrency.
"""

from __future__ import annotations

from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from convilyn.auth.models import User
from convilyn.auth.service import Principal
from convilyn.builder import repository
from convilyn.builder.errors import WorkflowNotFound
from convilyn.builder.models import PUBLIC, UserWorkflow, WorkflowTag
from convilyn.community.errors import CommentNotFound, MarkupNotAllowed, WorkflowNotPublic
from convilyn.community.markup import markup_reason
from convilyn.community.models import WorkflowComment, WorkflowLike
from convilyn.community.schemas import LikeState
from convilyn.core.clock import clock
from convilyn.core.db import rows_affected
from convilyn.core.ids import new_id
from convilyn.core.pagination import Keyset, Page, paginate

RECENT = Keyset("recent", ((UserWorkflow.published_at, "datetime"), (UserWorkflow.id, "str")))
POPULAR = Keyset(
    "popular", ((UserWorkflow.like_count, "int"), (UserWorkflow.published_at, "datetime"), (UserWorkflow.id, "str"))
)
COMMENTS = Keyset("comments", ((WorkflowComment.created_at, "datetime"), (WorkflowComment.id, "str")))


async def list_public(session: AsyncSession, *, tag: str | None, sort: str, limit: int, cursor: str | None) -> Page:
    """Public workflows with their owner's display name: most liked, or most recently published, first."""
    statement = (
        repository.readable_workflows(None)
        .add_columns(User.display_name)
        .join(User, User.id == UserWorkflow.owner_id)
    )
    if tag is not None:
        statement = statement.where(
            UserWorkflow.id.in_(select(WorkflowTag.workflow_id).where(WorkflowTag.tag == tag))
        )
    if sort == "popular":
        return await paginate(session, statement, POPULAR, limit=limit, cursor=cursor,
                              key=lambda row: (row[0].like_count, row[0].published_at, row[0].id))
    return await paginate(session, statement, RECENT, limit=limit, cursor=cursor,
                          key=lambda row: (row[0].published_at, row[0].id))


async def _public_workflow(session: AsyncSession, principal: Principal, workflow_id: str, action: str,
                           *, lock: bool = False) -> UserWorkflow:
    workflow = await repository.get_readable(session, principal, workflow_id, for_update=lock)
    if workflow is None:
        raise WorkflowNotFound(workflow_id)
    if workflow.visibility != PUBLIC:
        raise WorkflowNotPublic(
            f"Only public workflows can be {action}; {workflow_id} is {workflow.visibility}.",
            details={"workflowId": workflow_id, "visibility": workflow.visibility},
        )
    return workflow


async def _insert_like(session: AsyncSession, *, user_id: str, workflow_id: str) -> bool:
    """Insert the caller's like; False if it was there already."""
    dialect = session.get_bind().dialect.name
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    changed = await rows_affected(session,
        insert(WorkflowLike)
        .values(workflow_id=workflow_id, user_id=user_id, created_at=clock.now())
        .on_conflict_do_nothing()
    )
    return changed == 1


async def toggle_like(session: AsyncSession, *, principal: Principal, workflow_id: str) -> LikeState:
    """Like a public workflow, or unlike it if the caller already does; the count is exact."""
    workflow = await _public_workflow(session, principal, workflow_id, "liked", lock=True)
    removed = await rows_affected(session,
        delete(WorkflowLike).where(WorkflowLike.workflow_id == workflow.id, WorkflowLike.user_id == principal.user_id)
    )
    if removed == 1:
        liked = False
    else:
        await _insert_like(session, user_id=principal.user_id, workflow_id=workflow.id)
        liked = True  # inserted now, or by a concurrent repeat of this very call
    rows = select(func.count()).select_from(WorkflowLike).where(WorkflowLike.workflow_id == workflow.id)
    like_count = await session.scalar(
        update(UserWorkflow)
        .where(UserWorkflow.id == workflow.id)
        .values(like_count=rows.scalar_subquery())
        .returning(UserWorkflow.like_count)
        .execution_options(synchronize_session=False)
    )
    return LikeState(liked=liked, like_count=like_count or 0)


async def add_comment(session: AsyncSession, *, principal: Principal, workflow_id: str, body: str) -> WorkflowComment:
    """A plain-text comment on a public workflow; markup is refused (422)."""
    workflow = await _public_workflow(session, principal, workflow_id, "commented on")
    reason = markup_reason(body)
    if reason is not None:
        raise MarkupNotAllowed(
            f"Comments are plain text; this body contains {reason}.", field="body", code="markup",
            details={"reason": reason},
        )
    comment = WorkflowComment(id=new_id("wc"), workflow_id=workflow.id, author_id=principal.user_id, body=body,
                              created_at=clock.now())
    session.add(comment)
    await session.flush()
    return comment


async def list_comments(session: AsyncSession, *, principal: Principal | None, workflow_id: str, limit: int,
                        cursor: str | None) -> Page:
    """Comments on a workflow the caller may read (anyone, for a public one), newest first."""
    workflow = await repository.get_readable(session, principal, workflow_id)
    if workflow is None:
        raise WorkflowNotFound(workflow_id)
    statement = select(WorkflowComment).where(WorkflowComment.workflow_id == workflow.id)
    return await paginate(session, statement, COMMENTS, limit=limit, cursor=cursor,
                          key=lambda row: (row[0].created_at, row[0].id))


async def delete_comment(session: AsyncSession, *, principal: Principal, workflow_id: str, comment_id: str) -> None:
    """Delete the caller's own comment; anyone else's is not found (404)."""
    changed = await rows_affected(session,
        delete(WorkflowComment).where(
            WorkflowComment.id == comment_id,
            WorkflowComment.workflow_id == workflow_id,
            WorkflowComment.author_id == principal.user_id,
        )
    )
    if changed != 1:
        raise CommentNotFound(comment_id)
