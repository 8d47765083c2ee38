"""Your user workflows: create, fork, read, update, publish, archive, delete, export and import."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from convilyn_sdk._base_client import APIRequest, api_request
from convilyn_sdk.pagination import AsyncPaginator, PageRequest, SyncPage, first_page
from convilyn_sdk.resources._resource import AsyncResource, SyncResource
from convilyn_sdk.types import (
    CreateWorkflow,
    ExportedWorkflow,
    ForkWorkflow,
    ImportWorkflow,
    UpdateWorkflow,
    UserWorkflowPage,
    UserWorkflowSummary,
    UserWorkflowView,
    Visibility,
)

WorkflowSource = ExportedWorkflow | ImportWorkflow | dict[str, Any] | str | os.PathLike[str]


def _one(method: str, path: str, workflow_id: str, cast_to: Any, **kwargs: Any) -> APIRequest[Any]:
    return api_request(method, path, cast_to, path_params={"workflowId": workflow_id}, **kwargs)


def _list(visibility: Visibility | None, limit: int | None) -> PageRequest:
    return lambda cursor: api_request("GET", "/user_workflows", UserWorkflowPage,
                                      params={"visibility": visibility, "limit": limit, "cursor": cursor})


def _create(name: str, description: str) -> APIRequest[Any]:
    body = CreateWorkflow(name=name, description=description).model_dump(by_alias=True)
    return api_request("POST", "/user_workflows", UserWorkflowView, json=body)


def _fork(source_spec_id: str, name: str | None) -> APIRequest[Any]:
    body = ForkWorkflow(source_spec_id=source_spec_id, name=name).model_dump(by_alias=True, exclude_none=True)
    return api_request("POST", "/user_workflows/fork", UserWorkflowView, json=body)


def _update(workflow_id: str, item_version: int, changes: dict[str, Any]) -> APIRequest[Any]:
    body = UpdateWorkflow.model_validate({"item_version": item_version, **changes})
    return _one("PATCH", "/user_workflows/{workflowId}", workflow_id, UserWorkflowView,
                json=body.model_dump(mode="json", by_alias=True, exclude_unset=True))


def _import(source: WorkflowSource) -> APIRequest[Any]:
    if isinstance(source, ImportWorkflow):
        body = source
    else:
        if isinstance(source, (str, os.PathLike)):
            fields: dict[str, Any] = json.loads(Path(source).read_text(encoding="utf-8"))
        elif isinstance(source, ExportedWorkflow):
            fields = source.model_dump(mode="json", by_alias=True)
        else:
            fields = source
        body = ImportWorkflow.model_validate({k: v for k, v in fields.items() if k in _IMPORT_FIELDS})
    return api_request("POST", "/user_workflows/import", UserWorkflowView,
                       json=body.model_dump(mode="json", by_alias=True, exclude_unset=True))


# The server discards server-owned fields of an import; so does the SDK, before its own validation.
_IMPORT_FIELDS = {f.alias or name for name, f in ImportWorkflow.model_fields.items()} | set(ImportWorkflow.model_fields)


class Workflows(SyncResource):
    def list(self, *, visibility: Visibility | None = None, limit: int | None = None) -> SyncPage[UserWorkflowSummary]:
        """Your workflows, newest first; iterate for every page."""
        return first_page(self._client, _list(visibility, limit))

    def create(self, name: str, *, description: str = "") -> UserWorkflowView:
        """A blank private workflow (Pro)."""
        return self._client.request(_create(name, description))

    def fork(self, source_spec_id: str, *, name: str | None = None) -> UserWorkflowView:
        """A private copy of a curated spec, a public (or your own) user workflow, or ``"blank"``."""
        return self._client.request(_fork(source_spec_id, name))

    def get(self, workflow_id: str) -> UserWorkflowView:
        return self._client.request(_one("GET", "/user_workflows/{workflowId}", workflow_id, UserWorkflowView))

    def update(self, workflow_id: str, *, item_version: int, **changes: Any) -> UserWorkflowView:
        """Change fields (``name=``, ``system_prompt=``, ``tool_palette=``, ``tags=``, ``visibility=`` ...)."""
        return self._client.request(_update(workflow_id, item_version, changes))

    def publish(self, workflow_id: str, *, item_version: int | None = None) -> UserWorkflowView:
        """Make the workflow public (runs the content-safety check)."""
        return self._set_visibility(workflow_id, "public", item_version)

    def archive(self, workflow_id: str, *, item_version: int | None = None) -> UserWorkflowView:
        """Take a public workflow off the community listing; forks keep working."""
        return self._set_visibility(workflow_id, "archived", item_version)

    def _set_visibility(self, workflow_id: str, visibility: Visibility, item_version: int | None) -> UserWorkflowView:
        version = item_version if item_version is not None else self.get(workflow_id).item_version
        return self.update(workflow_id, item_version=version, visibility=visibility)

    def delete(self, workflow_id: str) -> None:
        """Delete a private or archived workflow for good."""
        self._client.request(_one("DELETE", "/user_workflows/{workflowId}", workflow_id, None))

    def export(self, workflow_id: str) -> ExportedWorkflow:
        """The portable subset of the workflow, to keep in a file or import elsewhere."""
        return self._client.request(_one("GET", "/user_workflows/{workflowId}/export", workflow_id, ExportedWorkflow))

    def import_(self, source: WorkflowSource) -> UserWorkflowView:
        """A new private workflow from an export (a model, a dict, or the path of a JSON file)."""
        return self._client.request(_import(source))


class AsyncWorkflows(AsyncResource):
    def list(self, *, visibility: Visibility | None = None,
             limit: int | None = None) -> AsyncPaginator[UserWorkflowSummary]:
        """Your workflows, newest first; ``async for`` over every page."""
        return AsyncPaginator(self._client, _list(visibility, limit))

    async def create(self, name: str, *, description: str = "") -> UserWorkflowView:
        """A blank private workflow (Pro)."""
        return await self._client.request(_create(name, description))

    async def fork(self, source_spec_id: str, *, name: str | None = None) -> UserWorkflowView:
        """A private copy of a curated spec, a public (or your own) user workflow, or ``"blank"``."""
        return await self._client.request(_fork(source_spec_id, name))

    async def get(self, workflow_id: str) -> UserWorkflowView:
        return await self._client.request(_one("GET", "/user_workflows/{workflowId}", workflow_id, UserWorkflowView))

    async def update(self, workflow_id: str, *, item_version: int, **changes: Any) -> UserWorkflowView:
        """Change fields (``name=``, ``system_prompt=``, ``tool_palette=``, ``tags=``, ``visibility=`` ...)."""
        return await self._client.request(_update(workflow_id, item_version, changes))

    async def publish(self, workflow_id: str, *, item_version: int | None = None) -> UserWorkflowView:
        """Make the workflow public (runs the content-safety check)."""
        return await self._set_visibility(workflow_id, "public", item_version)

    async def archive(self, workflow_id: str, *, item_version: int | None = None) -> UserWorkflowView:
        """Take a public workflow off the community listing; forks keep working."""
        return await self._set_visibility(workflow_id, "archived", item_version)

    async def _set_visibility(self, workflow_id: str, visibility: Visibility,
                              item_version: int | None) -> UserWorkflowView:
        version = item_version if item_version is not None else (await self.get(workflow_id)).item_version
        return await self.update(workflow_id, item_version=version, visibility=visibility)

    async def delete(self, workflow_id: str) -> None:
        """Delete a private or archived workflow for good."""
        await self._client.request(_one("DELETE", "/user_workflows/{workflowId}", workflow_id, None))

    async def export(self, workflow_id: str) -> ExportedWorkflow:
        """The portable subset of the workflow, to keep in a file or import elsewhere."""
        return await self._client.request(
            _one("GET", "/user_workflows/{workflowId}/export", workflow_id, ExportedWorkflow))

    async def import_(self, source: WorkflowSource) -> UserWorkflowView:
        """A new private workflow from an export (a model, a dict, or the path of a JSON file)."""
        return await self._client.request(_import(source))
