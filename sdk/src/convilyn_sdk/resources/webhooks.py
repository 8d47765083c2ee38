"""Webhooks: register endpoints for job events, change or remove them, and list their deliveries.

Verify a delivery in your receiver with the ``standardwebhooks`` package and the ``secret`` returned
once by ``create``: ``Webhook(secret).verify(body, headers)``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from convilyn_sdk._base_client import APIRequest, api_request
from convilyn_sdk.pagination import AsyncPaginator, PageRequest, SyncPage, first_page
from convilyn_sdk.resources._resource import AsyncResource, SyncResource
from convilyn_sdk.types import (
    CreatedWebhook,
    CreateWebhook,
    DeliveryPage,
    DeliveryView,
    UpdateWebhook,
    WebhookEventType,
    WebhookPage,
    WebhookView,
)


def _one(method: str, path: str, webhook_id: str, cast_to: Any, **kwargs: Any) -> APIRequest[Any]:
    return api_request(method, path, cast_to, path_params={"webhookId": webhook_id}, **kwargs)


def _create(url: str, events: Sequence[WebhookEventType], description: str) -> APIRequest[Any]:
    body = CreateWebhook(url=url, events=list(events), description=description).model_dump(by_alias=True)
    return api_request("POST", "/webhooks", CreatedWebhook, json=body)


def _list(limit: int | None) -> PageRequest:
    return lambda cursor: api_request("GET", "/webhooks", WebhookPage, params={"limit": limit, "cursor": cursor})


def _get(webhook_id: str) -> APIRequest[Any]:
    return _one("GET", "/webhooks/{webhookId}", webhook_id, WebhookView)


def _update(webhook_id: str, changes: dict[str, Any]) -> APIRequest[Any]:
    body = UpdateWebhook(**changes).model_dump(by_alias=True, exclude_unset=True)
    return _one("PATCH", "/webhooks/{webhookId}", webhook_id, WebhookView, json=body)


def _delete(webhook_id: str) -> APIRequest[Any]:
    return _one("DELETE", "/webhooks/{webhookId}", webhook_id, None)


def _deliveries(webhook_id: str, limit: int | None) -> PageRequest:
    return lambda cursor: _one("GET", "/webhooks/{webhookId}/deliveries", webhook_id, DeliveryPage,
                               params={"limit": limit, "cursor": cursor})


def _changes(**values: Any) -> dict[str, Any]:
    return {name: value for name, value in values.items() if value is not None}


class Webhooks(SyncResource):
    def create(self, url: str, events: Sequence[WebhookEventType], *, description: str = "") -> CreatedWebhook:
        """Register ``url`` for ``events``; the result's ``secret`` is shown only this once."""
        return self._client.request(_create(url, events, description))

    def list(self, *, limit: int | None = None) -> SyncPage[WebhookView]:
        return first_page(self._client, _list(limit))

    def get(self, webhook_id: str) -> WebhookView:
        return self._client.request(_get(webhook_id))

    def update(self, webhook_id: str, *, url: str | None = None, events: Sequence[WebhookEventType] | None = None,
               description: str | None = None, enabled: bool | None = None) -> WebhookView:
        changes = _changes(url=url, events=list(events) if events else None, description=description, enabled=enabled)
        return self._client.request(_update(webhook_id, changes))

    def delete(self, webhook_id: str) -> None:
        self._client.request(_delete(webhook_id))

    def deliveries(self, webhook_id: str, *, limit: int | None = None) -> SyncPage[DeliveryView]:
        """The endpoint's deliveries, newest first, with attempts and outcome."""
        return first_page(self._client, _deliveries(webhook_id, limit))


class AsyncWebhooks(AsyncResource):
    async def create(self, url: str, events: Sequence[WebhookEventType], *, description: str = "") -> CreatedWebhook:
        """Register ``url`` for ``events``; the result's ``secret`` is shown only this once."""
        return await self._client.request(_create(url, events, description))

    def list(self, *, limit: int | None = None) -> AsyncPaginator[WebhookView]:
        return AsyncPaginator(self._client, _list(limit))

    async def get(self, webhook_id: str) -> WebhookView:
        return await self._client.request(_get(webhook_id))

    async def update(self, webhook_id: str, *, url: str | None = None,
                     events: Sequence[WebhookEventType] | None = None, description: str | None = None,
                     enabled: bool | None = None) -> WebhookView:
        changes = _changes(url=url, events=list(events) if events else None, description=description, enabled=enabled)
        return await self._client.request(_update(webhook_id, changes))

    async def delete(self, webhook_id: str) -> None:
        await self._client.request(_delete(webhook_id))

    def deliveries(self, webhook_id: str, *, limit: int | None = None) -> AsyncPaginator[DeliveryView]:
        """The endpoint's deliveries, newest first, with attempts and outcome."""
        return AsyncPaginator(self._client, _deliveries(webhook_id, limit))
