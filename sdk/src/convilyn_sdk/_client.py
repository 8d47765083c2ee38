"""``Convilyn`` and ``AsyncConvilyn``: the clients, with one attribute per resource."""

from __future__ import annotations

from functools import cached_property
from types import TracebackType
from typing import Any

from convilyn_sdk._base_client import AsyncAPIClient, SyncAPIClient
from convilyn_sdk.resources.billing import AsyncBilling, Billing
from convilyn_sdk.resources.catalog import AsyncCatalog, Catalog
from convilyn_sdk.resources.community import AsyncCommunity, Community
from convilyn_sdk.resources.files import AsyncFiles, Files
from convilyn_sdk.resources.forge import AsyncForge, Forge
from convilyn_sdk.resources.jobs import AsyncJobs, Jobs
from convilyn_sdk.resources.webhooks import AsyncWebhooks, Webhooks
from convilyn_sdk.resources.workflows import AsyncWorkflows, Workflows


class Convilyn(SyncAPIClient):
    """The Convilyn API client.

    ``Convilyn(api_key=..., base_url=...)``; both default to ``CONVILYN_API_KEY`` and
    ``CONVILYN_BASE_URL`` (a server root such as ``http://127.0.0.1:8000`` is fine).
    ``max_retries`` (default 2) and ``timeout`` (seconds or an ``httpx.Timeout``) apply to every call.
    """

    @cached_property
    def catalog(self) -> Catalog:
        return Catalog(self)

    @cached_property
    def files(self) -> Files:
        return Files(self)

    @cached_property
    def jobs(self) -> Jobs:
        return Jobs(self)

    @cached_property
    def workflows(self) -> Workflows:
        return Workflows(self)

    @cached_property
    def community(self) -> Community:
        return Community(self)

    @cached_property
    def forge(self) -> Forge:
        return Forge(self)

    @cached_property
    def webhooks(self) -> Webhooks:
        return Webhooks(self)

    @cached_property
    def billing(self) -> Billing:
        return Billing(self)

    def with_options(self, **options: Any) -> Convilyn:
        """A client sharing this one's connection pool with other settings (``max_retries=0`` ...)."""
        settings = {"api_key": self.api_key, "base_url": self.base_url, "timeout": self.timeout,
                    "max_retries": self.max_retries, "default_headers": self._default_headers, **options}
        return Convilyn(**settings, http_client=self._http)

    def __enter__(self) -> Convilyn:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


class AsyncConvilyn(AsyncAPIClient):
    """The asyncio Convilyn API client: the same resources and methods as :class:`Convilyn`, awaited."""

    @cached_property
    def catalog(self) -> AsyncCatalog:
        return AsyncCatalog(self)

    @cached_property
    def files(self) -> AsyncFiles:
        return AsyncFiles(self)

    @cached_property
    def jobs(self) -> AsyncJobs:
        return AsyncJobs(self)

    @cached_property
    def workflows(self) -> AsyncWorkflows:
        return AsyncWorkflows(self)

    @cached_property
    def community(self) -> AsyncCommunity:
        return AsyncCommunity(self)

    @cached_property
    def forge(self) -> AsyncForge:
        return AsyncForge(self)

    @cached_property
    def webhooks(self) -> AsyncWebhooks:
        return AsyncWebhooks(self)

    @cached_property
    def billing(self) -> AsyncBilling:
        return AsyncBilling(self)

    def with_options(self, **options: Any) -> AsyncConvilyn:
        """A client sharing this one's connection pool with other settings (``max_retries=0`` ...)."""
        settings = {"api_key": self.api_key, "base_url": self.base_url, "timeout": self.timeout,
                    "max_retries": self.max_retries, "default_headers": self._default_headers, **options}
        return AsyncConvilyn(**settings, http_client=self._http)

    async def __aenter__(self) -> AsyncConvilyn:
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                        tb: TracebackType | None) -> None:
        await self.close()
