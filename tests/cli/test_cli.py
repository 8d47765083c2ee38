"""The ``convilyn`` command as a user runs it: a subprocess per command, against the test database."""

from __future__ import annotations

import asyncio
import json
import os
import time
from pathlib import Path

import httpx
from mcp import Client, StdioServerParameters

from convilyn.demo import free_port
from tests.support import CONVILYN, run_cli, wait_until_listening


def test_users_create_prints_a_token_and_an_api_key(tmp_path: Path, database_url: str):
    created = run_cli("users", "create", "Ada Lovelace", "--tier", "pro", "--json", data_dir=tmp_path,
                  database_url=database_url)
    assert created.returncode == 0, created.stderr
    user = json.loads(created.stdout)
    assert user["userId"].startswith("usr_") and user["tier"] == "pro"
    assert user["apiKey"].startswith("cvl_") and user["token"].count(".") == 2


def test_users_create_refuses_bad_input(tmp_path: Path, database_url: str):
    for args in (("users", "create", ""), ("users", "create", "Ada", "--tier", "gold"),
                 ("users", "create", "Ada", "--credits", "-1")):
        result = run_cli(*args, data_dir=tmp_path, database_url=database_url)
        assert result.returncode != 0, args
        assert "Traceback" not in result.stderr


def test_keys_create_list_revoke(tmp_path: Path, database_url: str):
    user = json.loads(run_cli("users", "create", "Key Holder", "--json", data_dir=tmp_path,
                          database_url=database_url).stdout)
    created = run_cli("keys", "create", user["userId"], "--name", "ci", "--json", data_dir=tmp_path,
                  database_url=database_url)
    assert created.returncode == 0, created.stderr
    key = json.loads(created.stdout)
    listed = json.loads(run_cli("keys", "list", user["userId"], "--json", data_dir=tmp_path,
                            database_url=database_url).stdout)
    assert {k["keyId"] for k in listed} == {user["keyId"], key["keyId"]}
    assert all(not k["revoked"] and key["apiKey"] not in json.dumps(k) for k in listed)

    assert run_cli("keys", "revoke", key["keyId"], data_dir=tmp_path, database_url=database_url).returncode == 0
    listed = {k["keyId"]: k for k in json.loads(run_cli("keys", "list", user["userId"], "--json", data_dir=tmp_path,
                                                    database_url=database_url).stdout)}
    assert listed[key["keyId"]]["revoked"] and not listed[user["keyId"]]["revoked"]
    again = run_cli("keys", "revoke", key["keyId"], data_dir=tmp_path, database_url=database_url)
    assert again.returncode == 1 and "No active API key" in again.stderr
    unknown = run_cli("keys", "create", "usr_" + "0" * 24, data_dir=tmp_path, database_url=database_url)
    assert unknown.returncode == 1 and "No user" in unknown.stderr


async def test_serve_runs_the_api_and_sees_a_tier_change_or_revocation_within_a_second(tmp_path: Path, database_url: str):
    user = json.loads(run_cli("users", "create", "Server User", "--json", data_dir=tmp_path,
                          database_url=database_url).stdout)
    port = free_port()
    env = {**os.environ, "CONVILYN_DATA_DIR": str(tmp_path), "CONVILYN_DATABASE_URL": database_url}
    process = await asyncio.create_subprocess_exec(CONVILYN, "serve", "--port", str(port), env=env,
                                                   stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE)
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=10) as client:
            await wait_until_listening(port)
            headers = {"Authorization": f"Bearer {user['apiKey']}"}
            catalog = await client.get("/api/v1/workflows/catalog", headers=headers)
            assert catalog.status_code == 200
            assert "goal_lane.cover_letter" in {item["spec_id"] for item in catalog.json()}
            token = await client.get("/api/v1/workflows/catalog", headers={"Authorization": f"Bearer {user['token']}"})
            assert token.status_code == 200, "a JWT from the CLI verifies with the server's secret in the data dir"

            # The server caches principals; a change made by another process reaches it within 1 s, on a
            # route through the framework and on the status poll (answered before routing, jobs/status_poll.py).
            file_id = (await client.post("/api/v1/upload", headers=headers, files={"file": ("n.txt", b"Notes.")})
                       ).json()["file_id"]
            job = await client.post("/api/v1/jobs/goal", headers=headers,
                                    json={"workflowId": "goal_lane.action_items_extractor", "fileIds": [file_id]})
            status_url = f"/api/v1/jobs/goal/{job.json()['jobSpecId']}/status"

            async def seconds_until(on_catalog, on_status) -> float:
                started = time.monotonic()
                while not all([on_catalog(await client.get("/api/v1/workflows/catalog", headers=headers)),
                               on_status(await client.get(status_url, headers=headers))]):
                    assert time.monotonic() - started < 5, "the change never reached the server"
                    await asyncio.sleep(0.02)
                return time.monotonic() - started

            assert catalog.headers["x-ratelimit-limit"] == "300"  # free: read 300/minute
            assert (await client.get(status_url, headers=headers)).headers["x-ratelimit-limit"] == "60"
            tier = await asyncio.to_thread(run_cli, "users", "set-tier", user["userId"], "pro", data_dir=tmp_path,
                                           database_url=database_url)
            assert tier.returncode == 0, tier.stderr
            assert await seconds_until(lambda r: r.headers["x-ratelimit-limit"] == "1200",  # pro: read 1200/minute
                                       lambda r: r.headers["x-ratelimit-limit"] == "300") < 1.0  # status_poll 300

            revoke = await asyncio.to_thread(run_cli, "keys", "revoke", user["keyId"], data_dir=tmp_path,
                                             database_url=database_url)
            assert revoke.returncode == 0
            assert await seconds_until(lambda r: r.status_code == 401, lambda r: r.status_code == 401) < 1.0
    finally:
        process.terminate()
        await process.wait()


async def test_mcp_serve_over_stdio_talks_to_a_real_mcp_client(tmp_path: Path):
    notes = tmp_path / "notes.md"
    notes.write_text("# Sync\nACTION: Dave to draft the RFP by 2026-03-03\n")
    params = StdioServerParameters(command=CONVILYN, args=["mcp", "serve", "text-analysis-mcp", "--transport", "stdio"],
                                   env={**os.environ, "CONVILYN_DATA_DIR": str(tmp_path)})
    async with Client(params) as client:
        tools = {tool.name for tool in (await client.list_tools()).tools}
        result = await client.call_tool("extract_action_items", {"text": notes.read_text()})
    assert {"summarize", "extract_keywords", "extract_entities", "extract_action_items"} <= tools
    items = result.structured_content["items"]
    assert [(i["owner"], i["due"]) for i in items] == [("Dave", "2026-03-03")]


def test_mcp_serve_refuses_an_unknown_server(tmp_path: Path, database_url: str):
    result = run_cli("mcp", "serve", "nope-mcp", data_dir=tmp_path, database_url=database_url)
    assert result.returncode == 1 and "Unknown server 'nope-mcp'" in result.stderr
