"""A workflow's palette as toolsets: one MCP server's chosen tools, under provider-legal names.

Two small pieces stacked on an MCP toolset, in the manner of pydantic-ai's
``PrefixedToolset``: pydantic-ai's own ``FilteredToolset`` keeps the tools the
palette names, and ``EncodedNamesToolset`` renames them with the codec
(``extract_text`` of ``doc-parser-mcp`` becomes ``doc_parser_mcp__extract_text``)
and maps the name back when the model calls one.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace
from typing import Any

from pydantic_ai import RunContext
from pydantic_ai.toolsets import AbstractToolset, ToolsetTool, WrapperToolset

from convilyn.runtime import codec

PALETTE_NAME = "palette_name"  # tool_def.metadata key holding the tool's ``server:tool`` name


@dataclass
class EncodedNamesToolset(WrapperToolset[Any]):
    """Shows one server's tools under their encoded palette names."""

    server: str

    async def get_tools(self, ctx: RunContext[Any]) -> dict[str, ToolsetTool[Any]]:
        tools: dict[str, ToolsetTool[Any]] = {}
        for name, tool in (await super().get_tools(ctx)).items():
            palette_name = f"{self.server}:{name}"
            encoded = codec.encode(palette_name)
            metadata = {**(tool.tool_def.metadata or {}), PALETTE_NAME: palette_name}
            tools[encoded] = replace(tool, toolset=self, tool_def=replace(tool.tool_def, name=encoded, metadata=metadata))
        return tools

    async def call_tool(
        self, name: str, tool_args: dict[str, Any], ctx: RunContext[Any], tool: ToolsetTool[Any]
    ) -> Any:
        palette_name = codec.decode(name, known=[tool.tool_def.metadata[PALETTE_NAME]])
        original = palette_name.split(":", 1)[1]
        ctx = replace(ctx, tool_name=original)
        tool = replace(tool, tool_def=replace(tool.tool_def, name=original))
        return await super().call_tool(original, tool_args, ctx, tool)


def palette_toolset(server: str, mcp: AbstractToolset[Any], tools: Collection[str]) -> AbstractToolset[Any]:
    """The tools named ``tools`` of ``server`` (reached through ``mcp``), encoded for the model."""
    chosen = frozenset(tools)
    return EncodedNamesToolset(mcp.filtered(lambda _ctx, tool_def: tool_def.name in chosen), server=server)


def palette_names(tool_names: Collection[str]) -> dict[str, list[str]]:
    """``server:tool`` names grouped by server: ``{"doc-parser-mcp": ["extract_text"]}``."""
    grouped: dict[str, list[str]] = {}
    for name in tool_names:
        server, tool = name.split(":", 1)
        grouped.setdefault(server, []).append(tool)
    return grouped
