"""The community routes: the public listing, likes and comments.

This router is included before the builder's, so ``/user_workflows/community``
is not taken for a ``{workflowId}``.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Response

from convilyn.auth.deps import MaybeReader, Writer
from convilyn.builder.errors import WorkflowNotFound
from convilyn.builder.schemas import Tag, WorkflowId
from convilyn.builder.views import summary_fields
from convilyn.community import service
from convilyn.community.errors import CommentNotFound, MarkupNotAllowed, WorkflowNotPublic
from convilyn.community.models import WorkflowComment
from convilyn.community.schemas import (
    CommentPage,
    CommentView,
    CommunityPage,
    CommunityWorkflowSummary,
    CreateComment,
    LikeState,
)
from convilyn.core.errors import COMMON_ERRORS, SIGNED_IN_ERRORS, error_responses
from convilyn.core.ids import id_pattern
from convilyn.core.pagination import CursorQuery
from convilyn.deps import ReadSession, WriteSession

router = APIRouter(prefix="/api/v1", tags=["community"])

CommentId = Annotated[
    str, Path(alias="commentId", description="Comment ID (format `wc_` + 24 hex digits).", pattern=id_pattern("wc"))
]
AUTH = SIGNED_IN_ERRORS


def comment_view(comment: WorkflowComment) -> CommentView:
    return CommentView(comment_id=comment.id, workflow_id=comment.workflow_id, author_id=comment.author_id,
                       body=comment.body, created_at=comment.created_at)


@router.get(
    "/user_workflows/community",
    response_model=CommunityPage,
    summary="Browse public workflows",
    description="Public workflows of every user. Anonymous access is allowed. `recent` orders by when a workflow "
    "was (last) published; `popular` by likeCount.",
    responses=error_responses(*COMMON_ERRORS),
)
async def list_community(
    session: ReadSession,
    _: MaybeReader,
    tag: Annotated[Tag | None, Query(description="Filter by tag (exact match)")] = None,
    sort: Annotated[Literal["popular", "recent"], Query()] = "recent",
    limit: Annotated[int, Query(ge=1, le=50)] = 20,
    cursor: CursorQuery = None,
) -> CommunityPage:
    page = await service.list_public(session, tag=tag, sort=sort, limit=limit, cursor=cursor)
    items = [
        CommunityWorkflowSummary(**summary_fields(workflow), owner_display_name=display_name,
                                 source_name=workflow.source_name)
        for workflow, display_name in page.rows
    ]
    return CommunityPage(items=items, cursor=page.cursor)


@router.post(
    "/user_workflows/{workflowId}/like",
    response_model=LikeState,
    summary="Like or unlike a workflow",
    description="An idempotent toggle: calling again unlikes. Only public workflows can be liked.",
    responses=error_responses(*AUTH, WorkflowNotFound, WorkflowNotPublic),
)
async def toggle_like(workflow_id: WorkflowId, session: WriteSession, principal: Writer) -> LikeState:
    return await service.toggle_like(session, principal=principal, workflow_id=workflow_id)


@router.post(
    "/user_workflows/{workflowId}/comments",
    status_code=201,
    response_model=CommentView,
    summary="Comment on a public workflow",
    responses=error_responses(*AUTH, WorkflowNotFound, WorkflowNotPublic, MarkupNotAllowed),
)
async def add_comment(workflow_id: WorkflowId, body: CreateComment, session: WriteSession,
                      principal: Writer) -> CommentView:
    comment = await service.add_comment(session, principal=principal, workflow_id=workflow_id, body=body.body)
    return comment_view(comment)


@router.get(
    "/user_workflows/{workflowId}/comments",
    response_model=CommentPage,
    summary="List a workflow's comments",
    description="Newest first. Anonymous access is allowed for public workflows; the owner also sees the comments "
    "of their archived ones.",
    responses=error_responses(*COMMON_ERRORS, WorkflowNotFound),
)
async def list_comments(
    workflow_id: WorkflowId,
    session: ReadSession,
    principal: MaybeReader,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
    cursor: CursorQuery = None,
) -> CommentPage:
    page = await service.list_comments(session, principal=principal, workflow_id=workflow_id, limit=limit,
                                       cursor=cursor)
    return CommentPage(items=[comment_view(row[0]) for row in page.rows], cursor=page.cursor)


@router.delete(
    "/user_workflows/{workflowId}/comments/{commentId}",
    status_code=204,
    response_class=Response,
    summary="Delete your comment",
    description="Only the author can delete a comment; anyone else's is 404. Workflow owners have no moderation "
    "rights in this version.",
    responses=error_responses(*AUTH, CommentNotFound),
)
async def delete_comment(workflow_id: WorkflowId, comment_id: CommentId, session: WriteSession,
                         principal: Writer) -> Response:
    await service.delete_comment(session, principal=principal, workflow_id=workflow_id, comment_id=comment_id)
    return Response(status_code=204)
