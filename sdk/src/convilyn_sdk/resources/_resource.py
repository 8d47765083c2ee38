"""Base classes of the resources: each holds the client that sends its requests."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from convilyn_sdk._client import AsyncConvilyn, Convilyn


class SyncResource:
    def __init__(self, client: Convilyn) -> None:
        self._client = client


class AsyncResource:
    def __init__(self, client: AsyncConvilyn) -> None:
        self._client = client
