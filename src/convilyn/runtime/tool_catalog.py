"""The tool catalog: every MCP tool a palette may name, listed from the servers and kept a while.

``GET /api/v1/mcp/tools/catalog`` shows it and the builder validates palettes
against it. The built-in servers never change, so with no external server the
listing is kept for good; with external ones it is listed again once it is
older than ``ttl`` seconds, so a server that was down comes back into it.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

from convilyn.runtime.servers import list_tools

TOOL_CATALOG_TTL = 60.0  # seconds an external MCP server's tool listing is trusted


class ToolCatalog:
    """The cached listing of the built-in and the external MCP servers' tools."""

    def __init__(self, external: Mapping[str, str], *, ttl: float = TOOL_CATALOG_TTL) -> None:
        self._external = dict(external)
        self._ttl = ttl
        self._tools: list[dict[str, Any]] | None = None
        self._listed_at = 0.0

    async def tools(self) -> list[dict[str, Any]]:
        """Each tool as ``{"toolName", "server", "name", "description", "inputSchema"}``."""
        stale = bool(self._external) and time.monotonic() - self._listed_at > self._ttl
        if self._tools is None or stale:
            self._tools = await list_tools(self._external)
            self._listed_at = time.monotonic()
        return self._tools

    async def names(self) -> frozenset[str]:
        """The ``server:tool`` names a palette may hold."""
        return frozenset(tool["toolName"] for tool in await self.tools())
