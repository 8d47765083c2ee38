"""Forge credits: your balance and your ledger."""

from __future__ import annotations

from typing import Any

from convilyn_sdk._base_client import APIRequest, api_request
from convilyn_sdk.pagination import AsyncPaginator, PageRequest, SyncPage, first_page
from convilyn_sdk.resources._resource import AsyncResource, SyncResource
from convilyn_sdk.types import BalanceView, LedgerEntryView, LedgerPage


def _balance() -> APIRequest[Any]:
    return api_request("GET", "/billing/balance", BalanceView)


def _ledger(limit: int | None) -> PageRequest:
    return lambda cursor: api_request("GET", "/billing/ledger", LedgerPage,
                                      params={"limit": limit, "cursor": cursor})


class Billing(SyncResource):
    def balance(self) -> BalanceView:
        return self._client.request(_balance())

    def ledger(self, *, limit: int | None = None) -> SyncPage[LedgerEntryView]:
        """Your ledger entries, newest first; iterate for every page."""
        return first_page(self._client, _ledger(limit))


class AsyncBilling(AsyncResource):
    async def balance(self) -> BalanceView:
        return await self._client.request(_balance())

    def ledger(self, *, limit: int | None = None) -> AsyncPaginator[LedgerEntryView]:
        """Your ledger entries, newest first; ``async for`` over every page."""
        return AsyncPaginator(self._client, _ledger(limit))
