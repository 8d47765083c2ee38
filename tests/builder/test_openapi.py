"""The OpenAPI document tells the truth about the Builder and community routes."""

from __future__ import annotations

import pytest

ROUTES = {
    ("get", "/api/v1/user_workflows"): {"401", "422", "429"},
    ("post", "/api/v1/user_workflows"): {"401", "403", "422", "429"},
    ("post", "/api/v1/user_workflows/import"): {"401", "403", "422", "429"},
    ("post", "/api/v1/user_workflows/fork"): {"401", "404", "422", "429"},
    ("get", "/api/v1/user_workflows/{workflowId}"): {"401", "404", "422", "429"},
    ("patch", "/api/v1/user_workflows/{workflowId}"): {"400", "401", "403", "404", "409", "422", "429"},
    ("delete", "/api/v1/user_workflows/{workflowId}"): {"401", "404", "409", "422", "429"},
    ("get", "/api/v1/user_workflows/{workflowId}/export"): {"401", "404", "422", "429"},
    ("get", "/api/v1/user_workflows/community"): {"422", "429"},
    ("post", "/api/v1/user_workflows/{workflowId}/like"): {"401", "404", "409", "422", "429"},
    ("post", "/api/v1/user_workflows/{workflowId}/comments"): {"401", "404", "409", "422", "429"},
    ("get", "/api/v1/user_workflows/{workflowId}/comments"): {"404", "422", "429"},
    ("delete", "/api/v1/user_workflows/{workflowId}/comments/{commentId}"): {"401", "404", "422", "429"},
}


@pytest.fixture(scope="module")
async def openapi(server):
    async with server.client() as client:
        response = await client.get("/openapi.json")
    assert response.status_code == 200
    return response.json()


@pytest.mark.parametrize(("method", "path"), sorted(ROUTES))
async def test_every_route_declares_its_errors(openapi, method, path):
    operation = openapi["paths"][path][method]
    declared = {code for code in operation["responses"] if code.startswith(("4", "5"))}
    assert ROUTES[(method, path)] <= declared, declared
    for code in declared:
        schema = operation["responses"][code]["content"]["application/json"]["schema"]
        assert schema == {"$ref": "#/components/schemas/ErrorEnvelope"}


async def test_ids_in_paths_carry_their_pattern(openapi):
    params = openapi["paths"]["/api/v1/user_workflows/{workflowId}/comments/{commentId}"]["delete"]["parameters"]
    patterns = {p["name"]: p["schema"]["pattern"] for p in params}
    assert patterns == {"workflowId": "^uw_[a-f0-9]{24}$", "commentId": "^wc_[a-f0-9]{24}$"}


async def test_error_codes_are_named(openapi):
    patch = openapi["paths"]["/api/v1/user_workflows/{workflowId}"]["patch"]["responses"]
    assert "CONTENT_POLICY_VIOLATION" in patch["422"]["description"]
    assert "VERSION_CONFLICT" in patch["409"]["description"]
    assert "PRO_TIER_REQUIRED" in patch["403"]["description"]


async def test_fixed_paths_are_not_taken_for_a_workflow_id(server):
    async with server.client() as anonymous:
        assert (await anonymous.get("/api/v1/user_workflows/community")).status_code == 200
    api = await server.user(tier="pro")
    assert (await api.request("POST", "/user_workflows/fork", json={"sourceSpecId": "blank"})).status_code == 201
    assert (await api.request("POST", "/user_workflows/import", json={"name": "x"})).status_code == 201
