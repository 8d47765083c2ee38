"""Both SDK clients against the live server, behind one awaitable shape.

The live server runs in the test's event loop, so the blocking client is driven from a worker
thread: ``SyncInThread`` gives it the async client's shape (every call awaited), and the same test
body runs once per client.
"""

from __future__ import annotations

import asyncio
import functools
import inspect
from collections.abc import AsyncIterator
from typing import Any

import pytest

from convilyn_sdk import AsyncConvilyn, Convilyn, SyncPage


class SyncInThread:
    """A sync SDK object whose methods run in a worker thread and are awaited."""

    def __init__(self, target: Any) -> None:
        self._target = target

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._target, name)
        if inspect.ismethod(attr) or inspect.isfunction(attr):
            return functools.partial(asyncio.to_thread, attr)
        if hasattr(attr, "_client"):  # a resource
            return SyncInThread(attr)
        return attr


async def collect(listing: Any) -> list[Any]:
    """Every item of a list call, across its pages, for either client."""
    if inspect.isawaitable(listing) and not hasattr(listing, "__aiter__"):
        page = await listing
        assert isinstance(page, SyncPage)
        return await asyncio.to_thread(list, page)
    return [item async for item in listing]


def make_client(kind: str, base_url: str, api_key: str | None, **options: Any) -> Any:
    if kind == "sync":
        return SyncInThread(Convilyn(api_key=api_key, base_url=base_url, **options))
    return AsyncConvilyn(api_key=api_key, base_url=base_url, **options)


@pytest.fixture(params=["sync", "async"])
def kind(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
async def sdk_for(kind: str) -> AsyncIterator[Any]:
    """``sdk_for(api_user)``: a client of this test's kind holding that user's API key."""
    clients: list[Any] = []

    def make(user: Any, *, live: Any = None, api_key: str | None = None, **options: Any) -> Any:
        base = (live or user.live).base_url
        client = make_client(kind, base, api_key or (user.api_key if user else None), **options)
        clients.append(client)
        return client

    yield make
    for client in clients:
        await client.close()
