"""The OpenAPI document is complete and true.

Schemathesis (its own CLI, in a subprocess) fuzzes the live server from
/openapi.json, stateful sequences included (over the links it infers between
operations, e.g. a created job's id used by the job routes): no 5xx, no response that violates the
documented schema, status code or content type.
"""

from __future__ import annotations

import asyncio
import os
import re
import sys
from pathlib import Path

JOB_ROUTES = (
    "/api/v1/workflows/catalog", "/api/v1/upload", "/api/v1/jobs/goal", "/api/v1/jobs/goal/{jobSpecId}",
    "/api/v1/jobs/goal/{jobSpecId}/slots", "/api/v1/jobs/goal/{jobSpecId}/confirm",
    "/api/v1/jobs/goal/{jobSpecId}/status", "/api/v1/jobs/goal/{jobSpecId}/download",
)


async def test_openapi_declares_every_job_route_and_its_errors(server):
    async with server.client() as client:
        doc = (await client.get("/openapi.json")).json()
    paths = doc["paths"]
    for path in JOB_ROUTES:
        assert path in paths, path
    confirm = paths["/api/v1/jobs/goal/{jobSpecId}/confirm"]["post"]["responses"]
    assert {"202", "400", "401", "404", "409", "422", "429"} <= set(confirm)
    assert confirm["409"]["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorEnvelope")
    assert "multipart/form-data" in paths["/api/v1/upload"]["post"]["requestBody"]["content"]
    for path, operations in paths.items():
        for method, operation in operations.items():
            assert operation.get("summary"), f"{method} {path} has no summary"
            assert "422" in operation["responses"] or not operation.get("parameters") and "requestBody" not in operation, \
                f"{method} {path} takes input but declares no 422"


async def test_schemathesis_finds_no_server_error_or_schema_violation(server, tmp_path: Path):
    api = await server.user("pro")
    await api.upload("a.txt", "hello")
    async with server.client() as client:  # built once and cached: the fuzzer's first read is then quick
        assert (await client.get("/openapi.json")).status_code == 200
    command = [
        str(Path(sys.executable).parent / "st"), "run", f"{server.base_url}/openapi.json",
        "--checks", "not_a_server_error,status_code_conformance,content_type_conformance,"
        "response_schema_conformance,response_headers_conformance",
        "--header", f"Authorization: Bearer {api.token}",
        "--max-examples", os.environ.get("CONVILYN_FUZZ_EXAMPLES", "25"),
        "--phases", "examples,coverage,fuzzing,stateful",
        "--seed", "1",
        "--workers", "1",
        "--generation-database", "none",
        "--warnings", "off",
        # A job's event stream is open-ended by design (tests/api/test_job_events.py covers it).
        "--exclude-path-regex", "/events$",
    ]
    process = await asyncio.create_subprocess_exec(
        *command, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT, cwd=tmp_path,
        env={**os.environ, "NO_COLOR": "1", "SCHEMATHESIS_HOOKS": ""},
    )
    output, _ = await asyncio.wait_for(process.communicate(), timeout=600)
    text = output.decode(errors="replace")
    assert process.returncode == 0, text[-6000:]


OPERATION_IDS = {
    ("post", "/api/v1/jobs/goal"): "createJob", ("get", "/api/v1/jobs/goal"): "listJobs",
    ("get", "/api/v1/jobs/goal/{jobSpecId}"): "getJob", ("patch", "/api/v1/jobs/goal/{jobSpecId}/slots"): "fillSlots",
    ("post", "/api/v1/jobs/goal/{jobSpecId}/confirm"): "confirmJob",
    ("post", "/api/v1/jobs/goal/{jobSpecId}/cancel"): "cancelJob",
    ("get", "/api/v1/jobs/goal/{jobSpecId}/status"): "getJobStatus",
    ("get", "/api/v1/jobs/goal/{jobSpecId}/download"): "getDownloadLink",
    ("get", "/api/v1/downloads/{jobSpecId}/results.zip"): "downloadResults",
    ("get", "/api/v1/workflows/catalog"): "listCatalog", ("get", "/api/v1/mcp/tools/catalog"): "listMcpTools",
    ("post", "/api/v1/upload"): "uploadFile",
    ("get", "/api/v1/treasures/{treasureId}.svg"): "getTreasureSvg",
    ("get", "/api/v1/treasures/{treasureId}"): "getTreasure",
    ("post", "/api/v1/forge/commit"): "forgeCommit", ("get", "/api/v1/forge/quote"): "getForgeQuote",
    ("get", "/api/v1/user_workflows"): "listWorkflows", ("post", "/api/v1/user_workflows"): "createWorkflow",
    ("get", "/api/v1/user_workflows/{workflowId}"): "getWorkflow",
    ("patch", "/api/v1/user_workflows/{workflowId}"): "updateWorkflow",
    ("delete", "/api/v1/user_workflows/{workflowId}"): "deleteWorkflow",
    ("post", "/api/v1/user_workflows/fork"): "forkWorkflow",
    ("post", "/api/v1/user_workflows/import"): "importWorkflow",
    ("get", "/api/v1/user_workflows/{workflowId}/export"): "exportWorkflow",
    ("get", "/api/v1/user_workflows/community"): "listCommunity",
    ("post", "/api/v1/user_workflows/{workflowId}/like"): "toggleLike",
    ("get", "/api/v1/user_workflows/{workflowId}/comments"): "listComments",
    ("post", "/api/v1/user_workflows/{workflowId}/comments"): "addComment",
    ("delete", "/api/v1/user_workflows/{workflowId}/comments/{commentId}"): "deleteComment",
    ("get", "/api/v1/balance"): "getBalance", ("get", "/api/v1/ledger"): "listLedger",
    ("post", "/api/v1/billing/webhooks/paddle"): "paddleWebhook", ("get", "/healthz"): "getHealth",
    ("get", "/readyz"): "getReadiness",
}


async def test_operation_ids_are_readable_stable_and_unique(server):
    async with server.client() as client:
        doc = (await client.get("/openapi.json")).json()
    found = {(method, path): operation["operationId"]
             for path, operations in doc["paths"].items() for method, operation in operations.items()}
    assert len(set(found.values())) == len(found), "operationIds are unique"
    for route, operation_id in OPERATION_IDS.items():
        if route in found:  # routes added by others are checked for shape below
            assert found[route] == operation_id, route
    assert all(re.fullmatch(r"[a-z]+(?:[A-Z][a-z0-9]*)*", op) for op in found.values()), found


async def test_zip_and_svg_bodies_are_declared_binary(server):
    async with server.client() as client:
        doc = (await client.get("/openapi.json")).json()
    zip_body = doc["paths"]["/api/v1/downloads/{jobSpecId}/results.zip"]["get"]["responses"]["200"]["content"]
    svg_body = doc["paths"]["/api/v1/treasures/{treasureId}.svg"]["get"]["responses"]["200"]["content"]
    assert zip_body["application/zip"]["schema"] == {"type": "string", "format": "binary"}
    assert svg_body["image/svg+xml"]["schema"] == {"type": "string", "format": "binary"}
    create = doc["paths"]["/api/v1/jobs/goal"]["post"]
    assert "Retry-After" in create["responses"]["429"]["headers"]
    assert {"IDEMPOTENCY_KEY_REUSED", "VALIDATION_ERROR"} <= set(create["responses"]["422"]["description"].split(" | "))
    assert "IDEMPOTENCY_CONFLICT" in create["responses"]["409"]["description"]
    assert any(p["name"] == "Idempotency-Key" and p["in"] == "header" for p in create["parameters"])


async def test_docs_and_redoc_load_their_assets_from_the_app(server):
    async with server.client() as client:
        for page in ("/docs", "/redoc"):
            html = (await client.get(page)).text
            assets = re.findall(r'(?:src|href)="([^"]+\.(?:js|css|png))"', html)
            assert assets, page
            for asset in assets:
                assert asset.startswith("/docs-assets/"), f"{page} loads {asset} from elsewhere"
                response = await client.get(asset)
                assert response.status_code == 200 and len(response.content) > 1000, asset


async def test_cors_is_off_by_default_and_follows_the_setting(server, make_server):
    preflight = {"Origin": "https://app.example.com", "Access-Control-Request-Method": "POST",
                 "Access-Control-Request-Headers": "authorization,idempotency-key"}
    async with server.client() as client:
        refused = await client.options("/api/v1/jobs/goal", headers=preflight)
    assert "access-control-allow-origin" not in refused.headers
    live = await make_server(cors_origins=["https://app.example.com"])
    api = await live.user()
    async with live.client() as client:
        allowed = await client.options("/api/v1/jobs/goal", headers=preflight)
        other = await client.options("/api/v1/jobs/goal", headers={**preflight, "Origin": "https://evil.example"})
    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == "https://app.example.com"
    assert "idempotency-key" in allowed.headers["access-control-allow-headers"].lower()
    assert "access-control-allow-origin" not in other.headers
    response = await api.request("GET", "/jobs/goal", headers={"Origin": "https://app.example.com"})
    assert response.headers["access-control-allow-origin"] == "https://app.example.com"
    assert "x-ratelimit-remaining" in response.headers["access-control-expose-headers"].lower()
