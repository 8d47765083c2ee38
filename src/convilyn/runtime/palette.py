"""A workflow's palette as toolsets: one MCP server's chosen tools, under provider-legal names.

pydantic-ai's own pieces stacked on an MCP toolset: ``FilteredToolset`` keeps
the tools the palette names, and ``RenamedToolset`` shows each under its codec
name (``extract_text`` of ``doc-parser-mcp`` becomes ``doc_parser_mcp__extract_text``)
and maps the name back when the model calls one.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from pydantic_ai.toolsets import AbstractToolset

from convilyn.runtime import codec


def palette_toolset(server: str, mcp: AbstractToolset[Any], tools: Collection[str]) -> AbstractToolset[Any]:
    """The tools named ``tools`` of ``server`` (reached through ``mcp``), encoded for the model."""
    chosen = frozenset(tools)
    names = {codec.encode(f"{server}:{tool}"): tool for tool in chosen}
    return mcp.filtered(lambda _ctx, tool_def: tool_def.name in chosen).renamed(names)


def palette_names(tool_names: Collection[str]) -> dict[str, list[str]]:
    """``server:tool`` names grouped by server: ``{"doc-parser-mcp": ["extract_text"]}``."""
    grouped: dict[str, list[str]] = {}
    for name in tool_names:
        server, tool = name.split(":", 1)
        grouped.setdefault(server, []).append(tool)
    return grouped
