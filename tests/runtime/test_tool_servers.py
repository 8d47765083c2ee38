"""MCP servers: built-in ones in process, external ones over streamable HTTP, and the tool catalog."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from mcp.server.mcpserver import MCPServer

from convilyn.catalog.spec import DestinationSpec
from convilyn.runtime.agent_runtime import AgentRuntime
from convilyn.runtime.phase import Completed
from convilyn.runtime.servers import ToolServers, list_tools
from tests.runtime.local_server import serve
from tests.runtime.phase_helpers import ProgressLog, phase_request


def external_server() -> MCPServer:
    server = MCPServer("sentiment")

    @server.tool()
    def score_sentiment(text: str) -> dict[str, Any]:
        """Score the sentiment of a text."""
        positive = sum(text.lower().count(w) for w in ("great", "glad", "good"))
        return {"label": "positive" if positive else "neutral", "positiveWords": positive}

    @server.tool(name="NotPaletteLegal")
    def not_palette_legal(x: str) -> str:
        return x

    return server


@pytest.fixture
def external_url() -> Iterator[str]:
    with serve(external_server().streamable_http_app(), lifespan="on") as url:
        yield f"{url}/mcp"


async def test_the_catalog_lists_builtin_and_external_tools_and_skips_a_server_that_is_down(
    toy_servers: dict[str, Any], external_url: str
) -> None:
    external = {"sentiment-mcp": external_url, "down-mcp": "http://127.0.0.1:9/mcp"}
    tools = await list_tools(external, servers=ToolServers(external, toy_servers))
    by_name = {t["toolName"]: t for t in tools}
    assert "doc-parser-mcp:extract_text" in by_name
    entry = by_name["sentiment-mcp:score_sentiment"]
    assert entry["server"] == "sentiment-mcp" and entry["name"] == "score_sentiment"
    assert entry["description"] == "Score the sentiment of a text."
    assert entry["inputSchema"]["required"] == ["text"]
    assert not any(t["server"] == "down-mcp" for t in tools)
    assert "sentiment-mcp:NotPaletteLegal" not in by_name  # cannot be named in a palette


async def test_an_external_tool_joins_a_workflow_next_to_the_builtin_ones(
    toy_servers: dict[str, Any], external_url: str, write_doc, tmp_path: Path
) -> None:
    spec = DestinationSpec.model_validate(
        {
            "specId": "uw_" + "b" * 24,
            "name": "Mood check",
            "toolPalette": ["sentiment-mcp:score_sentiment"],
            "outputSpecs": [{"filename": "mood.md", "format": "md"}],
        }
    )
    runtime = AgentRuntime(builtin_servers=toy_servers, mcp_servers={"sentiment-mcp": external_url})
    doc = write_doc("feedback.txt", "The launch went great and the team is glad.")
    outcome = await runtime.run_phase(phase_request(spec, [doc], tmp_path / "out"), ProgressLog())
    assert isinstance(outcome, Completed)
    report = (tmp_path / "out" / "mood.md").read_text()
    assert "## Score the sentiment of a text" in report
    assert "- **Label**: positive" in report and "- **Positive words**: 2" in report


async def test_the_catalog_of_the_builtin_servers_names_every_tool_as_server_tool() -> None:
    tools = await list_tools({})
    names = {t["toolName"] for t in tools}
    assert {
        "doc-parser-mcp:extract_text", "text-analysis-mcp:extract_action_items", "career-mcp:match_profile",
        "doc-writer-mcp:write_docx",
    } <= names
    assert all(t["toolName"] == f"{t['server']}:{t['name']}" and t["inputSchema"]["type"] == "object" for t in tools)
