"""Cursor pagination: iterate a list's items across pages, or walk the pages yourself.

Every list of the API answers ``{"items": [...], "cursor": "..." | null}``; ``cursor`` is null on the
last page. ``for item in client.community.list(): ...`` fetches the next page when the loop
reaches the end of the current one. The async form is the same with ``async for``; awaiting it
gives the first page.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Generator, Iterator
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from convilyn_sdk._base_client import APIRequest

if TYPE_CHECKING:
    from convilyn_sdk._base_client import AsyncAPIClient, SyncAPIClient

ItemT = TypeVar("ItemT")


class CursorPage(Protocol[ItemT]):
    @property
    def items(self) -> list[ItemT]: ...

    @property
    def cursor(self) -> str | None: ...


# Builds the request for the page after ``cursor`` (None: the first page).
PageRequest = Callable[[str | None], APIRequest[Any]]


class SyncPage(Generic[ItemT]):
    """One page; iterating it yields the items of this page and of every page after it."""

    def __init__(self, client: SyncAPIClient, make_request: PageRequest, page: CursorPage[ItemT]) -> None:
        self._client = client
        self._make_request = make_request
        self.items: list[ItemT] = list(page.items)
        self.cursor: str | None = page.cursor

    def has_next_page(self) -> bool:
        return self.cursor is not None

    def next_page(self) -> SyncPage[ItemT] | None:
        if self.cursor is None:
            return None
        return SyncPage(self._client, self._make_request, self._client.request(self._make_request(self.cursor)))

    def iter_pages(self) -> Iterator[SyncPage[ItemT]]:
        page: SyncPage[ItemT] | None = self
        while page is not None:
            yield page
            page = page.next_page()

    def __iter__(self) -> Iterator[ItemT]:
        for page in self.iter_pages():
            yield from page.items


def first_page(client: SyncAPIClient, make_request: PageRequest) -> SyncPage[Any]:
    return SyncPage(client, make_request, client.request(make_request(None)))


class AsyncPage(Generic[ItemT]):
    """One page; ``async for`` over it yields the items of this page and of every page after it."""

    def __init__(self, client: AsyncAPIClient, make_request: PageRequest, page: CursorPage[ItemT]) -> None:
        self._client = client
        self._make_request = make_request
        self.items: list[ItemT] = list(page.items)
        self.cursor: str | None = page.cursor

    def has_next_page(self) -> bool:
        return self.cursor is not None

    async def next_page(self) -> AsyncPage[ItemT] | None:
        if self.cursor is None:
            return None
        page = await self._client.request(self._make_request(self.cursor))
        return AsyncPage(self._client, self._make_request, page)

    async def iter_pages(self) -> AsyncIterator[AsyncPage[ItemT]]:
        page: AsyncPage[ItemT] | None = self
        while page is not None:
            yield page
            page = await page.next_page()

    async def __aiter__(self) -> AsyncIterator[ItemT]:
        async for page in self.iter_pages():
            for item in page.items:
                yield item


class AsyncPaginator(Generic[ItemT]):
    """What an async ``list()`` returns: ``await`` it for the first page, or ``async for`` the items."""

    def __init__(self, client: AsyncAPIClient, make_request: PageRequest) -> None:
        self._client = client
        self._make_request = make_request

    async def _first(self) -> AsyncPage[ItemT]:
        return AsyncPage(self._client, self._make_request, await self._client.request(self._make_request(None)))

    def __await__(self) -> Generator[Any, None, AsyncPage[ItemT]]:
        return self._first().__await__()

    async def __aiter__(self) -> AsyncIterator[ItemT]:
        page = await self._first()
        async for item in page:
            yield item
