"""The forge: quote and mint the treasure bound to a user workflow, and fetch treasures."""

from __future__ import annotations

from typing import Any

from convilyn_sdk._base_client import APIRequest, api_request
from convilyn_sdk.resources._resource import AsyncResource, SyncResource
from convilyn_sdk.types import ForgeCommit, ForgeQuote, ForgeResult, TreasureView


def _quote(workflow_id: str) -> APIRequest[Any]:
    return api_request("GET", "/forge/quote", ForgeQuote, params={"workflowId": workflow_id})


def _commit(workflow_id: str) -> APIRequest[Any]:
    # Idempotent by contract: a repeat returns the bound treasure and charges nothing.
    body = ForgeCommit(workflow_id=workflow_id).model_dump(by_alias=True)
    return api_request("POST", "/forge/commit", ForgeResult, json=body, replay_safe=True)


def _treasure(treasure_id: str) -> APIRequest[Any]:
    return api_request("GET", "/treasures/{treasureId}", TreasureView, path_params={"treasureId": treasure_id})


def _svg(treasure_id: str) -> APIRequest[Any]:
    return api_request("GET", "/treasures/{treasureId}.svg", str, path_params={"treasureId": treasure_id})


class Forge(SyncResource):
    def quote(self, workflow_id: str) -> ForgeQuote:
        """What forging the workflow would cost now, your balance, and whether it is already bound."""
        return self._client.request(_quote(workflow_id))

    def commit(self, workflow_id: str) -> ForgeResult:
        """Mint the workflow's treasure (1 U); a repeat returns it with ``already_bound=True``, free."""
        return self._client.request(_commit(workflow_id))

    def treasure(self, treasure_id: str) -> TreasureView:
        return self._client.request(_treasure(treasure_id))

    def treasure_svg(self, treasure_id: str) -> str:
        """The treasure's picture, an SVG document."""
        return self._client.request(_svg(treasure_id))


class AsyncForge(AsyncResource):
    async def quote(self, workflow_id: str) -> ForgeQuote:
        """What forging the workflow would cost now, your balance, and whether it is already bound."""
        return await self._client.request(_quote(workflow_id))

    async def commit(self, workflow_id: str) -> ForgeResult:
        """Mint the workflow's treasure (1 U); a repeat returns it with ``already_bound=True``, free."""
        return await self._client.request(_commit(workflow_id))

    async def treasure(self, treasure_id: str) -> TreasureView:
        return await self._client.request(_treasure(treasure_id))

    async def treasure_svg(self, treasure_id: str) -> str:
        """The treasure's picture, an SVG document."""
        return await self._client.request(_svg(treasure_id))
