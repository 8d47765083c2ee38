"""The built-in servers as real MCP servers: in-process sessions, stdio and streamable HTTP."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from mcp import Client, StdioServerParameters

from convilyn.demo import free_port
from convilyn.runtime.servers import list_tools
from convilyn.tools import BUILTIN_SERVERS, build_server

SRC = str(Path(__file__).resolve().parents[2] / "src")
EXPECTED_TOOLS = {
    "doc-parser-mcp": {"extract_text", "extract_sections"},
    "text-analysis-mcp": {"summarize", "extract_keywords", "extract_entities", "extract_action_items"},
    "career-mcp": {"parse_resume", "parse_job_posting", "match_profile", "read_application", "write_cover_letter",
                   "tailor_resume"},
    "doc-writer-mcp": {"write_markdown", "write_docx", "write_pdf", "write_csv", "write_json"},
}


@pytest.mark.asyncio
@pytest.mark.parametrize("name", sorted(EXPECTED_TOOLS))
async def test_each_server_lists_its_tools_in_process(name: str) -> None:
    async with Client(build_server(name)) as client:
        listed = (await client.list_tools()).tools

    assert {tool.name for tool in listed} == EXPECTED_TOOLS[name]
    for tool in listed:
        assert tool.description and len(tool.description) > 30
        assert tool.input_schema["type"] == "object" and tool.input_schema["properties"]
        assert tool.output_schema is not None


@pytest.mark.asyncio
async def test_doc_parser_extracts_a_pdf_and_reports_encryption(documents) -> None:
    pdf = documents.pdf("brief.pdf", [("H", "Project Falcon"), "Launch in March."])
    locked = documents.encrypted_pdf("resume.pdf", pdf)

    async with Client(build_server("doc-parser-mcp")) as client:
        ok = await client.call_tool("extract_text", {"path": str(pdf)})
        refused = await client.call_tool("extract_text", {"path": str(locked)})
        sections = await client.call_tool("extract_sections", {"text": "Skills:\nPython\n\nEducation\nBSc"})

    assert not ok.is_error
    assert ok.structured_content is not None
    assert ok.structured_content["format"] == "pdf" and "Launch in March." in ok.structured_content["text"]
    assert refused.is_error
    assert refused.content[0].text.endswith("resume.pdf is encrypted; upload an unprotected copy")
    assert sections.structured_content == {
        "sections": [
            {"heading": "Skills", "level": 2, "text": "Python"},
            {"heading": "Education", "level": 2, "text": "BSc"},
        ]
    }


@pytest.mark.asyncio
async def test_text_analysis_action_items_over_mcp() -> None:
    notes = "Date: 2026-11-20\nWe discussed the launch.\nACTION: Bob to send the deck by Friday"

    async with Client(build_server("text-analysis-mcp")) as client:
        result = await client.call_tool("extract_action_items", {"text": notes})
        bad = await client.call_tool("summarize", {"text": "x", "max_sentences": 0})

    assert result.structured_content == {
        "items": [
            {
                "task": "Send the deck",
                "owner": "Bob",
                "due": "2026-11-27",
                "dueText": "Friday",
                "done": False,
                "source": "ACTION: Bob to send the deck by Friday",
            }
        ],
        "referenceDate": "2026-11-20",
    }
    assert bad.is_error  # max_sentences must be at least 1


@pytest.mark.asyncio
async def test_career_tools_chain_parsed_results_over_mcp() -> None:
    resume = "Ana Lima\nBackend Engineer\n\nSkills\nPython, PostgreSQL"
    posting = "Hooli is hiring a Backend Engineer.\n\nRequirements\n- Python\n- Kubernetes"

    async with Client(build_server("career-mcp")) as client:
        profile = (await client.call_tool("parse_resume", {"text": resume})).structured_content
        job = (await client.call_tool("parse_job_posting", {"text": posting})).structured_content
        match = await client.call_tool("match_profile", {"resume": profile, "posting": job})

    assert profile is not None and job is not None
    assert profile["name"] == "Ana Lima" and job["roleTitle"] == "Backend Engineer"
    assert match.structured_content is not None
    assert match.structured_content["matchingSkills"] == ["Python"]
    assert match.structured_content["gaps"] == ["Kubernetes"]


@pytest.mark.asyncio
async def test_doc_writer_writes_and_refuses_traversal(tmp_path: Path) -> None:
    async with Client(build_server("doc-writer-mcp")) as client:
        written = await client.call_tool(
            "write_docx", {"output_dir": str(tmp_path), "filename": "summary", "content": "# Hi\n- one"}
        )
        refused = await client.call_tool(
            "write_json", {"output_dir": str(tmp_path), "filename": "../../etc/x.json", "data": {}}
        )

    assert written.structured_content is not None
    assert written.structured_content["path"] == str(tmp_path / "summary.docx")
    assert (tmp_path / "summary.docx").stat().st_size == written.structured_content["bytes"]
    assert refused.is_error and "is not a plain file name" in refused.content[0].text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["summary.docx"]


@pytest.mark.asyncio
async def test_roots_apply_to_a_server(tmp_path: Path) -> None:
    allowed = tmp_path / "allowed"
    allowed.mkdir()
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")

    async with Client(build_server("doc-parser-mcp", roots=[allowed])) as client:
        result = await client.call_tool("extract_text", {"path": str(tmp_path / "secret.txt")})

    assert result.is_error and "outside the directories" in result.content[0].text


@pytest.mark.asyncio
async def test_catalog_lists_every_tool_of_every_server() -> None:
    catalog = await list_tools({})

    assert {entry["toolName"] for entry in catalog} == {
        f"{server}:{tool}" for server, tools in EXPECTED_TOOLS.items() for tool in tools
    }
    for entry in catalog:
        assert entry["toolName"] == f"{entry['server']}:{entry['name']}"
        assert entry["description"] and entry["inputSchema"]["type"] == "object"
    extract = next(e for e in catalog if e["toolName"] == "doc-parser-mcp:extract_text")
    assert extract["inputSchema"]["required"] == ["path"]
    assert set(BUILTIN_SERVERS) == set(EXPECTED_TOOLS)


def test_unknown_server_name_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="Unknown built-in MCP server 'nope'; choose one of: doc-parser-mcp"):
        build_server("nope")


@pytest.mark.asyncio
async def test_stdio_session_against_python_m_convilyn_tools(documents) -> None:
    notes = documents.text("notes.md", "# Sync\nDave will draft the RFP by March 3\n")
    params = StdioServerParameters(
        command=sys.executable, args=["-m", "convilyn.tools", "doc-parser-mcp"], env={"PYTHONPATH": SRC}
    )

    async with Client(params) as client:
        tools = {tool.name for tool in (await client.list_tools()).tools}
        result = await client.call_tool("extract_text", {"path": str(notes)})

    assert tools == EXPECTED_TOOLS["doc-parser-mcp"]
    assert result.structured_content is not None
    assert result.structured_content["text"] == "# Sync\nDave will draft the RFP by March 3"


@pytest.mark.asyncio
async def test_streamable_http_transport() -> None:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "convilyn.tools", "career-mcp", "--transport", "http", "--port", str(port)],
        env={"PYTHONPATH": SRC, "PATH": "/usr/bin:/bin"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise AssertionError("the HTTP server did not start") from None
                time.sleep(0.1)
        async with Client(f"http://127.0.0.1:{port}/mcp") as client:
            tools = {tool.name for tool in (await client.list_tools()).tools}
            result = await client.call_tool("parse_job_posting", {"text": "Acme is hiring a Data Engineer."})
    finally:
        process.terminate()
        process.wait(timeout=10)

    assert tools == EXPECTED_TOOLS["career-mcp"]
    assert result.structured_content is not None
    assert result.structured_content["roleTitle"] == "Data Engineer"


@pytest.mark.asyncio
async def test_json_rpc_session_over_in_memory_streams() -> None:
    """mode="legacy" runs the initialize handshake and JSON-RPC framing over the in-memory transport."""
    async with Client(build_server("text-analysis-mcp"), mode="legacy") as client:
        assert client.server_info is not None and client.server_info.name == "text-analysis-mcp"
        result = await client.call_tool("extract_keywords", {"text": "Costs rose after the move to Kubernetes. Upgrades to Kubernetes are slow.", "max_keywords": 1})

    assert result.structured_content == {"keywords": [{"term": "Kubernetes", "count": 2, "score": 1.0}]}


@pytest.mark.asyncio
async def test_pydantic_ai_toolset_reaches_a_builtin_server_in_process() -> None:
    from pydantic_ai import Agent
    from pydantic_ai.mcp import MCPToolset
    from pydantic_ai.models.test import TestModel

    agent = Agent(TestModel(call_tools=["summarize"]), toolsets=[MCPToolset(build_server("text-analysis-mcp"))])
    run = await agent.run("summarise")

    returns = [p for m in run.all_messages() for p in m.parts if p.part_kind == "tool-return"]
    assert [p.tool_name for p in returns] == ["summarize"]
    assert set(returns[0].content) == {"summary", "sentences", "sentenceCount", "mainPoint", "lead", "nextSteps"}


def test_building_a_server_leaves_the_root_logger_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    import logging

    root = logging.getLogger()
    monkeypatch.setattr(root, "handlers", [])  # as in a process that has not configured logging yet
    level = root.level

    for name in BUILTIN_SERVERS:
        build_server(name)

    assert root.handlers == [] and root.level == level
