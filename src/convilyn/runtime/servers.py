"""The MCP servers a workflow's tools come from: built-in ones in process, external ones by URL.

Built-in servers (``convilyn.tools.BUILTIN_SERVERS``) are ``mcp`` ``MCPServer``s;
pydantic-ai's ``MCPToolset`` reaches them over an in-memory transport, with no
subprocess and no socket. External servers are registered in settings as
``mcp_servers = {name: url}`` and reached over streamable HTTP.
"""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator, Collection, Mapping
from contextlib import AsyncExitStack, asynccontextmanager
from typing import Any

from pydantic_ai.mcp import MCPToolset

from convilyn.catalog.spec import TOOL_NAME_PATTERN
from convilyn.runtime.phase import PhaseFailed
from convilyn.tools import BUILTIN_SERVERS

log = logging.getLogger("convilyn.runtime")

ServerSource = Any  # an mcp MCPServer, or a factory making one (convilyn.tools.BUILTIN_SERVERS holds factories)
TOOL_RETRIES = 2


class ToolServers:
    """Knows every MCP server by name and opens toolsets on them; a built-in name wins over an external one."""

    def __init__(
        self, external: Mapping[str, str] | None = None, builtin: Mapping[str, ServerSource] | None = None
    ) -> None:
        self._builtin_sources = builtin
        self._servers: dict[str, Any] = {}
        self.external = dict(external or {})

    @property
    def builtin(self) -> Mapping[str, ServerSource]:
        return self._builtin_sources if self._builtin_sources is not None else BUILTIN_SERVERS

    @property
    def names(self) -> list[str]:
        return [*self.builtin, *(n for n in self.external if n not in self.builtin)]

    def location(self, name: str) -> str:
        return "in process" if name in self.builtin else self.external.get(name, "unknown")

    def _server(self, name: str) -> Any:
        if name not in self._servers:
            source = self.builtin[name]
            self._servers[name] = source if hasattr(source, "list_tools") else source()
        return self._servers[name]

    def toolset(self, name: str) -> MCPToolset[Any]:
        """A fresh MCP toolset on server ``name``; PhaseFailed if no such server is known."""
        if name in self.builtin:
            return MCPToolset(self._server(name), id=name, max_retries=TOOL_RETRIES)
        if name in self.external:
            return MCPToolset(self.external[name], id=name, max_retries=TOOL_RETRIES)
        raise PhaseFailed(f"The workflow uses tools of the MCP server {name!r}, which is not registered here.")

    @asynccontextmanager
    async def connected(self, names: Collection[str]) -> AsyncIterator[dict[str, MCPToolset[Any]]]:
        """Toolsets on the named servers, connected; PhaseFailed naming a server that cannot be reached."""
        async with AsyncExitStack() as stack:
            toolsets: dict[str, MCPToolset[Any]] = {}
            for name in names:
                toolset = self.toolset(name)
                try:
                    await stack.enter_async_context(toolset)
                except Exception as exc:
                    raise PhaseFailed(
                        f"The MCP server {name!r} ({self.location(name)}) could not be reached: {_reason(exc)}"
                    ) from exc
                toolsets[name] = toolset
            yield toolsets


def _reason(exc: BaseException) -> str:
    while isinstance(exc, BaseExceptionGroup) and exc.exceptions:
        exc = exc.exceptions[0]
    return str(exc) or type(exc).__name__


def _catalog_entry(server: str, tool: Any) -> dict[str, Any] | None:
    name = f"{server}:{tool.name}"
    if not re.fullmatch(TOOL_NAME_PATTERN, name):
        log.info("tool %s is not listed: its name is not of the form server:tool with [a-z0-9_] tool names", name)
        return None
    return {
        "toolName": name,
        "server": server,
        "name": tool.name,
        "description": tool.description or "",
        "inputSchema": tool.input_schema,
    }


async def list_tools(external: dict[str, str], *, servers: ToolServers | None = None) -> list[dict[str, Any]]:
    """Every tool of the built-in and the external MCP servers, for ``GET /api/v1/mcp/tools/catalog``.

    Each entry is ``{"toolName": "server:tool", "server", "name", "description", "inputSchema"}``.
    An external server that cannot be reached is left out (and logged), so one
    server down never takes the catalog with it.
    """
    servers = servers or ToolServers(external)
    entries: list[dict[str, Any]] = []
    for name in servers.names:
        toolset = servers.toolset(name)
        try:
            async with toolset:
                tools = await toolset.list_tools()
        except Exception as exc:
            if name not in servers.external:
                raise
            log.warning("MCP server %s at %s could not be listed: %s", name, servers.location(name), _reason(exc))
            continue
        entries.extend(e for tool in tools if (e := _catalog_entry(name, tool)) is not None)
    return entries

