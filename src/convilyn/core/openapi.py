"""What makes /openapi.json good for generated clients: readable operationIds and binary bodies.

operationIds are the route function's name in lowerCamelCase (``create_job`` ->
``createJob``), except where the function's name reads badly as a client method;
those are renamed here, in one table. ``tests/api/test_openapi.py`` pins the full
list, so a renamed function cannot change a client's method silently.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.routing import APIRoute
from pydantic.alias_generators import to_camel

RENAMED = {
    "workflow_catalog": "listCatalog",
    "tool_catalog": "listMcpTools",
    "upload": "uploadFile",
    "job_status": "getJobStatus",
    "download": "getDownloadLink",
    "fetch_download": "downloadResults",
    "commit": "forgeCommit",
    "get_quote": "getForgeQuote",
    "healthz": "getHealth",
    "readyz": "getReadiness",
}

BINARY = {"type": "string", "format": "binary"}
JSON_TYPES = ("application/json",)


def operation_id(route: APIRoute) -> str:
    """The operationId of a route (FastAPI's ``generate_unique_id_function``)."""
    return RENAMED.get(route.name) or to_camel(route.name)


def declare_binary_bodies(schema: dict[str, Any]) -> dict[str, Any]:
    """Give every non-JSON response body without a schema (ZIP, SVG) a binary string schema,
    so a strict generated client reads it as bytes instead of refusing a 200."""
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            for response in operation.get("responses", {}).values():
                for media_type, content in response.get("content", {}).items():
                    if media_type not in JSON_TYPES and not content.get("schema"):
                        content["schema"] = dict(BINARY)
    return schema


def install(app: FastAPI) -> None:
    """Post-process the app's OpenAPI document (call after the routes are added)."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = declare_binary_bodies(generate())
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
