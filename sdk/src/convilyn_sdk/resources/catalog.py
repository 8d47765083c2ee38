"""The workflow catalog (``GET /workflows/catalog``) and the MCP tool catalog."""

from __future__ import annotations

from typing import Any

from convilyn_sdk._base_client import APIRequest, api_request
from convilyn_sdk.resources._resource import AsyncResource, SyncResource
from convilyn_sdk.types import CatalogItem, ToolCatalog


def _workflows() -> APIRequest[Any]:
    return api_request("GET", "/workflows/catalog", list[CatalogItem])


def _tools() -> APIRequest[Any]:
    return api_request("GET", "/mcp/tools/catalog", ToolCatalog)


class Catalog(SyncResource):
    def list(self) -> list[CatalogItem]:
        """The workflows you can run: their ``spec_id``, input formats and required slots."""
        return self._client.request(_workflows())

    def tools(self) -> ToolCatalog:
        """The MCP tools a user workflow's palette may use."""
        return self._client.request(_tools())


class AsyncCatalog(AsyncResource):
    async def list(self) -> list[CatalogItem]:
        """The workflows you can run: their ``spec_id``, input formats and required slots."""
        return await self._client.request(_workflows())

    async def tools(self) -> ToolCatalog:
        """The MCP tools a user workflow's palette may use."""
        return await self._client.request(_tools())
