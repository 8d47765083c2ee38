"""External MCP servers join the tool catalog, and come back into it after an outage."""

from __future__ import annotations

import asyncio
from pathlib import Path

from convilyn.context import build_context
from convilyn.demo import free_port
from convilyn.runtime.tool_catalog import TOOL_CATALOG_TTL
from tests.conftest import make_settings
from tests.support import CONVILYN, wait_until_listening


async def test_an_external_server_down_at_first_listing_joins_once_it_is_up(tmp_path: Path, database_url: str):
    port = free_port()
    ctx = build_context(make_settings(tmp_path, database_url, mcp_servers={"ext": f"http://127.0.0.1:{port}/mcp"}))
    try:
        first = await ctx.tools.names()
        assert "doc-parser-mcp:extract_text" in first
        assert not any(name.startswith("ext:") for name in first), "an unreachable server is left out"

        process = await asyncio.create_subprocess_exec(
            CONVILYN, "mcp", "serve", "career-mcp", "--transport", "http", "--port", str(port),
            stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL)
        try:
            await wait_until_listening(port)
            assert await ctx.tools.names() == first, "the listing is kept within its TTL"
            ctx.tools._listed_at -= TOOL_CATALOG_TTL + 1  # a minute later
            later = {t["toolName"]: t for t in await ctx.tools.tools()}
        finally:
            process.terminate()
            await process.wait()
        assert {"ext:parse_resume", "ext:parse_job_posting", "ext:match_profile"} <= set(later)
        assert later["ext:parse_resume"]["inputSchema"]["type"] == "object"
    finally:
        await ctx.close()
