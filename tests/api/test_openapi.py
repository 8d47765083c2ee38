"""The OpenAPI document is complete and true.

Schemathesis (its own CLI, in a subprocess) fuzzes the live server from
/openapi.json: no 5xx, no response that violates the documented schema,
status code or content type.
"""

from __future__ import annotations

import asyncio
import os
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
    command = [
        str(Path(sys.executable).parent / "st"), "run", f"{server.base_url}/openapi.json",
        "--checks", "not_a_server_error,status_code_conformance,content_type_conformance,"
        "response_schema_conformance,response_headers_conformance",
        "--header", f"Authorization: Bearer {api.token}",
        "--max-examples", os.environ.get("CONVILYN_FUZZ_EXAMPLES", "25"),
        "--phases", "examples,coverage,fuzzing",
        "--seed", "1",
        "--workers", "1",
        "--generation-database", "none",
        "--warnings", "off",
    ]
    process = await asyncio.create_subprocess_exec(
        *command, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT, cwd=tmp_path,
        env={**os.environ, "NO_COLOR": "1", "SCHEMATHESIS_HOOKS": ""},
    )
    output, _ = await asyncio.wait_for(process.communicate(), timeout=600)
    text = output.decode(errors="replace")
    assert process.returncode == 0, text[-6000:]
