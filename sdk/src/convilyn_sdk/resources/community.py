"""Public workflows of every user: browse, like, and comment."""

from __future__ import annotations

from functools import cached_property
from typing import Any, Literal

from convilyn_sdk._base_client import APIRequest, api_request
from convilyn_sdk.pagination import AsyncPaginator, PageRequest, SyncPage, first_page
from convilyn_sdk.resources._resource import AsyncResource, SyncResource
from convilyn_sdk.types import (
    CommentPage,
    CommentView,
    CommunityPage,
    CommunityWorkflowSummary,
    CreateComment,
    LikeState,
)

Sort = Literal["popular", "recent"]


def _list(tag: str | None, sort: Sort | None, limit: int | None) -> PageRequest:
    return lambda cursor: api_request("GET", "/user_workflows/community", CommunityPage,
                                      params={"tag": tag, "sort": sort, "limit": limit, "cursor": cursor})


def _like(workflow_id: str) -> APIRequest[Any]:
    # A toggle: sent again after a lost answer it would undo itself, so it is never replayed.
    return api_request("POST", "/user_workflows/{workflowId}/like", LikeState, path_params={"workflowId": workflow_id})


def _comments(workflow_id: str, limit: int | None) -> PageRequest:
    return lambda cursor: api_request("GET", "/user_workflows/{workflowId}/comments", CommentPage,
                                      path_params={"workflowId": workflow_id},
                                      params={"limit": limit, "cursor": cursor})


def _comment(workflow_id: str, body: str) -> APIRequest[Any]:
    return api_request("POST", "/user_workflows/{workflowId}/comments", CommentView,
                       path_params={"workflowId": workflow_id}, json=CreateComment(body=body).model_dump())


def _delete_comment(workflow_id: str, comment_id: str) -> APIRequest[Any]:
    return api_request("DELETE", "/user_workflows/{workflowId}/comments/{commentId}", None,
                       path_params={"workflowId": workflow_id, "commentId": comment_id})


class Comments(SyncResource):
    def list(self, workflow_id: str, *, limit: int | None = None) -> SyncPage[CommentView]:
        """A workflow's comments, newest first; iterate for every page."""
        return first_page(self._client, _comments(workflow_id, limit))

    def create(self, workflow_id: str, body: str) -> CommentView:
        """Comment on a public workflow (plain text)."""
        return self._client.request(_comment(workflow_id, body))

    def delete(self, workflow_id: str, comment_id: str) -> None:
        """Delete one of your comments."""
        self._client.request(_delete_comment(workflow_id, comment_id))


class Community(SyncResource):
    def list(self, *, tag: str | None = None, sort: Sort | None = None,
             limit: int | None = None) -> SyncPage[CommunityWorkflowSummary]:
        """Public workflows (``recent`` or ``popular`` first); iterate for every page."""
        return first_page(self._client, _list(tag, sort, limit))

    def like(self, workflow_id: str) -> LikeState:
        """Like a public workflow, or unlike it if you already do."""
        return self._client.request(_like(workflow_id))

    @cached_property
    def comments(self) -> Comments:
        return Comments(self._client)


class AsyncComments(AsyncResource):
    def list(self, workflow_id: str, *, limit: int | None = None) -> AsyncPaginator[CommentView]:
        """A workflow's comments, newest first; ``async for`` over every page."""
        return AsyncPaginator(self._client, _comments(workflow_id, limit))

    async def create(self, workflow_id: str, body: str) -> CommentView:
        """Comment on a public workflow (plain text)."""
        return await self._client.request(_comment(workflow_id, body))

    async def delete(self, workflow_id: str, comment_id: str) -> None:
        """Delete one of your comments."""
        await self._client.request(_delete_comment(workflow_id, comment_id))


class AsyncCommunity(AsyncResource):
    def list(self, *, tag: str | None = None, sort: Sort | None = None,
             limit: int | None = None) -> AsyncPaginator[CommunityWorkflowSummary]:
        """Public workflows (``recent`` or ``popular`` first); ``async for`` over every page."""
        return AsyncPaginator(self._client, _list(tag, sort, limit))

    async def like(self, workflow_id: str) -> LikeState:
        """Like a public workflow, or unlike it if you already do."""
        return await self._client.request(_like(workflow_id))

    @cached_property
    def comments(self) -> AsyncComments:
        return AsyncComments(self._client)
