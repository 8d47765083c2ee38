"""The built-in MCP servers by name: building and serving them (``runtime/servers.py`` lists their tools)."""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Literal, Protocol

from mcp.server.mcpserver import MCPServer

from convilyn.tools.career_server import build_career_server
from convilyn.tools.doc_parser_server import build_doc_parser_server
from convilyn.tools.doc_writer_server import build_doc_writer_server
from convilyn.tools.text_analysis_server import build_text_analysis_server


class ServerFactory(Protocol):
    """Builds a fresh server; ``roots`` limits the directories its file tools may use."""

    def __call__(self, *, roots: Sequence[str | Path] | None = None) -> MCPServer: ...


BUILTIN_SERVERS: dict[str, ServerFactory] = {
    "doc-parser-mcp": build_doc_parser_server,
    "text-analysis-mcp": build_text_analysis_server,
    "career-mcp": build_career_server,
    "doc-writer-mcp": build_doc_writer_server,
}


def build_server(name: str, *, roots: Sequence[str | Path] | None = None) -> MCPServer:
    """A new instance of the built-in server ``name``; ValueError naming the choices if unknown."""
    factory = BUILTIN_SERVERS.get(name)
    if factory is None:
        raise ValueError(f"Unknown built-in MCP server {name!r}; choose one of: {', '.join(BUILTIN_SERVERS)}")
    return factory(roots=roots)


def serve(
    name: str,
    transport: Literal["stdio", "http"] = "stdio",
    host: str = "127.0.0.1",
    port: int = 8765,
    *,
    roots: Sequence[str | Path] | None = None,
) -> None:
    """Run the built-in server ``name`` until interrupted: over stdio, or streamable HTTP at http://host:port/mcp.

    With ``roots`` the file tools only read and write inside those directories;
    give them whenever the server is reachable by clients you do not control.
    """
    server = build_server(name, roots=roots)
    # stdout carries the protocol over stdio, so diagnostics go to stderr.
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")
    if transport == "stdio":
        server.run("stdio")
    elif transport == "http":
        server.run("streamable-http", host=host, port=port)
    else:
        raise ValueError(f"Unknown transport {transport!r}; use 'stdio' or 'http'")
