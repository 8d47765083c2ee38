"""The SDK kept in step with the live server's /openapi.json: models, routes and error codes.

Each test fails when the server changes (a field added, renamed, retyped or made required, a new
route, a new error code) until the SDK follows.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

import convilyn_sdk
from convilyn_sdk import ERROR_CODES, types

REF = "#/components/schemas/"
# Server schemas no SDK user sends or receives: the payment provider's webhook receipt, the probes,
# the web app's cookie sign-in.
NOT_FOR_CLIENTS = {"WebhookReceipt", "Liveness", "Readiness", "SignIn", "Me"}
# Routes the SDK does not call: the payment provider's webhook, health, and the signed download
# (fetched through the URL the API returns, without a route of its own), and the web app's cookie sign-in.
ROUTES_NOT_FOR_CLIENTS = {("POST", "/billing/webhooks/paddle"), ("GET", "/downloads/{jobSpecId}/results.zip"),
                          ("POST", "/auth/session"), ("DELETE", "/auth/session"), ("GET", "/auth/me")}


@pytest.fixture(scope="module")
async def openapi(server) -> dict[str, Any]:
    async with server.client() as client:
        response = await client.get("/openapi.json")
    assert response.status_code == 200
    return response.json()


def shape(schema: dict[str, Any], defs: dict[str, Any]) -> str:
    """A schema reduced to what a client depends on: types, refs, enums; no titles or limits."""
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return "|".join(sorted(shape(s, defs) for s in schema["anyOf"]))
    if "const" in schema:
        return f"const:{schema['const']}"
    if "enum" in schema:
        return "enum:" + ",".join(sorted(map(str, schema["enum"])))
    kind = schema.get("type")
    if kind == "array":
        return f"list[{shape(schema.get('items', {}), defs)}]"
    if kind == "string" and schema.get("format") == "date-time":
        return "datetime"
    if kind == "number":
        return "number"
    return kind or "any"


def fields(schema: dict[str, Any], defs: dict[str, Any]) -> dict[str, str]:
    required = set(schema.get("required", []))
    return {name: shape(prop, defs) + ("" if name in required else "?")
            for name, prop in schema.get("properties", {}).items()}


def sdk_models() -> dict[str, type[BaseModel]]:
    return {name: getattr(types, name) for name in types.__all__
            if isinstance(getattr(types, name), type) and issubclass(getattr(types, name), BaseModel)}


async def test_every_server_schema_has_an_sdk_model_with_the_same_fields(openapi):
    server_schemas = openapi["components"]["schemas"]
    models = sdk_models()
    missing = sorted(set(server_schemas) - set(models) - NOT_FOR_CLIENTS)
    assert not missing, f"schemas the SDK has no model for: {missing}"
    extra = sorted(set(models) - set(server_schemas))
    assert not extra, f"SDK models the server no longer has: {extra}"

    drifted = {}
    for name, model in models.items():
        mode = "validation" if issubclass(model, types.Request) else "serialization"
        ours = model.model_json_schema(by_alias=True, ref_template=REF + "{model}", mode=mode)
        theirs = fields(server_schemas[name], server_schemas)
        mine = fields(ours, ours.get("$defs", {}))
        if mine != theirs:
            drifted[name] = {k: (mine.get(k), theirs.get(k)) for k in set(mine) | set(theirs)
                             if mine.get(k) != theirs.get(k)}
    assert not drifted, f"(sdk, server) field shapes that differ: {drifted}"


def sdk_routes() -> set[tuple[str, str]]:
    source = "\n".join(p.read_text() for p in Path(convilyn_sdk.__file__).parent.rglob("*.py"))
    return set(re.findall(r'"(GET|POST|PATCH|PUT|DELETE)",\s*"(/[^"]*)"', source))


async def test_every_api_route_has_an_sdk_method(openapi):
    server_routes = {
        (method.upper(), path.removeprefix("/api/v1"))
        for path, operations in openapi["paths"].items() if path.startswith("/api/v1/")
        for method in operations if method in ("get", "post", "patch", "put", "delete")
    }
    missing = sorted(server_routes - sdk_routes() - ROUTES_NOT_FOR_CLIENTS)
    assert not missing, f"routes the SDK cannot call: {missing}"
    gone = sorted(sdk_routes() - server_routes)
    assert not gone, f"routes the SDK calls that the server no longer has: {gone}"


async def test_every_declared_error_code_has_its_exception_class(openapi):
    declared = set()
    for operations in openapi["paths"].values():
        for operation in operations.values():
            for status, response in operation.get("responses", {}).items():
                if status.startswith(("4", "5")):
                    declared |= {code for code in response.get("description", "").split(" | ")
                                 if re.fullmatch(r"[A-Z_]+", code)}
    assert declared, "the OpenAPI document names the error codes of each route"
    missing = sorted(declared - set(ERROR_CODES))
    assert not missing, f"error codes without an SDK exception: {missing}"


def test_the_package_exports_every_exception_class():
    from convilyn_sdk import _errors

    classes = {name for name, value in vars(_errors).items()
               if isinstance(value, type) and issubclass(value, convilyn_sdk.ConvilynError)}
    assert classes <= set(_errors.__all__), f"not in _errors.__all__: {sorted(classes - set(_errors.__all__))}"
    assert all(hasattr(convilyn_sdk, name) for name in classes)
