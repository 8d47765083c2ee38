"""Structured logs: request id in and out, job id on a phase's lines, JSON when configured."""

from __future__ import annotations

import asyncio
import io
import json
import logging
import os
from pathlib import Path

import httpx

from convilyn.demo import free_port
from convilyn.ops.logs import ContextFields, JsonLines, job_logging
from tests.support import CONVILYN, run_cli, wait_until_listening


async def test_a_callers_request_id_is_echoed_and_a_bad_one_replaced(server):
    async with server.client() as client:
        kept = await client.get("/healthz", headers={"X-Request-ID": "edge-7f3a:42"})
        replaced = await client.get("/healthz", headers={"X-Request-ID": "bad id\twith spaces"})
        made = await client.get("/api/v1/no-such-route")
    assert kept.headers["X-Request-ID"] == "edge-7f3a:42"
    for response in (replaced, made):
        assert len(response.headers["X-Request-ID"]) == 32
    assert replaced.headers["X-Request-ID"] != made.headers["X-Request-ID"]


def test_json_lines_carry_the_job_id_inside_a_phase_and_not_after():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(ContextFields())
    handler.setFormatter(JsonLines())
    logger = logging.getLogger("convilyn.test.logs")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        with job_logging("job_" + "a" * 24):
            logger.warning("inside %s", "the phase")
        logger.warning("after")
    finally:
        logger.removeHandler(handler)
    inside, after = (json.loads(line) for line in stream.getvalue().splitlines())
    assert inside["message"] == "inside the phase" and inside["job_id"] == "job_" + "a" * 24
    assert inside["level"] == "warning" and inside["logger"] == "convilyn.test.logs" and inside["time"].endswith("+00:00")
    assert "job_id" not in after


async def test_serve_writes_json_lines_at_the_log_level_given(tmp_path: Path, database_url: str):
    user = json.loads(run_cli("users", "create", "Log Reader", "--json", data_dir=tmp_path,
                              database_url=database_url).stdout)
    port = free_port()
    env = {**os.environ, "CONVILYN_DATA_DIR": str(tmp_path), "CONVILYN_DATABASE_URL": database_url,
           "CONVILYN_LOG_FORMAT": "json"}
    process = await asyncio.create_subprocess_exec(
        CONVILYN, "serve", "--port", str(port), "--log-level", "debug", env=env,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE)
    try:
        await wait_until_listening(port)
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
            response = await client.get("/api/v1/workflows/catalog", headers={
                "Authorization": f"Bearer {user['apiKey']}", "X-Request-ID": "trace-from-the-edge"})
        assert response.status_code == 200
    finally:
        process.terminate()
        _, stderr = await process.communicate()
    lines = [json.loads(line) for line in stderr.decode().splitlines() if line.startswith("{")]
    assert lines and len(lines) == len(stderr.decode().splitlines()), "every line is a JSON object"
    assert any(entry["level"] == "debug" for entry in lines), "--log-level debug lets debug lines through"
    access = [e for e in lines if e["logger"] == "uvicorn.access" and "/api/v1/workflows/catalog" in e["message"]]
    assert access and access[0]["request_id"] == "trace-from-the-edge"
