"""Helpers for the Builder and community tests: workflows made the way a client makes them."""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable
from typing import Any

import httpx

from tests.support import Api

UW_ID = r"^uw_[a-f0-9]{24}$"
RFC3339_UTC = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$"
CLEAN_PROMPT = "You turn meeting notes into a short list of decisions and owners. Be concise."


def unique_tag(prefix: str = "t") -> str:
    return f"{prefix}-{secrets.token_hex(6)}"


async def catalog_tools(api: Api | None = None, *, live: Any = None) -> list[str]:
    """Tool names from GET /mcp/tools/catalog, the palette's source of truth."""
    if api is not None:
        response = await api.request("GET", "/mcp/tools/catalog")
    else:
        async with live.client() as client:
            response = await client.get("/api/v1/mcp/tools/catalog")
    assert response.status_code == 200, response.text
    return [item["toolName"] for item in response.json()["items"]]


def palette(names: list[str]) -> list[dict[str, Any]]:
    return [{"toolName": n, "position": {"x": 100.0 * i, "y": 50.0}, "note": f"step {i + 1}"}
            for i, n in enumerate(names)]


async def create_blank(api: Api, name: str = "Weekly tracker", **body: Any) -> dict[str, Any]:
    response = await api.request("POST", "/user_workflows", json={"name": name, **body})
    assert response.status_code == 201, response.text
    return response.json()


async def patch(api: Api, workflow: dict[str, Any], **fields: Any) -> Any:
    """PATCH with the workflow's current itemVersion (the raw response)."""
    body = {"itemVersion": workflow["itemVersion"], **fields}
    return await api.request("PATCH", f"/user_workflows/{workflow['workflowId']}", json=body)


async def patched(api: Api, workflow: dict[str, Any], **fields: Any) -> dict[str, Any]:
    response = await patch(api, workflow, **fields)
    assert response.status_code == 200, response.text
    return response.json()


async def ready_workflow(api: Api, name: str = "Decision log", *, tags: list[str] | None = None,
                         prompt: str = CLEAN_PROMPT, tools: int = 1) -> dict[str, Any]:
    """A private workflow with a prompt and a palette, ready to publish or run."""
    workflow = await create_blank(api, name, description="Turns notes into a decision log.")
    names = (await catalog_tools(api))[:tools]
    return await patched(api, workflow, systemPrompt=prompt, toolPalette=palette(names), tags=tags or [])


async def published(api: Api, name: str = "Decision log", *, tags: list[str] | None = None) -> dict[str, Any]:
    workflow = await ready_workflow(api, name, tags=tags)
    return await patched(api, workflow, visibility="public")


async def fork(api: Api, source: str, **body: Any) -> Any:
    return await api.request("POST", "/user_workflows/fork", json={"sourceSpecId": source, **body})


async def all_pages(fetch: Callable[[dict[str, Any]], Awaitable[httpx.Response]], limit: int) -> list[dict[str, Any]]:
    """Every item of a cursor-paginated listing, following cursors until it is null."""
    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        response = await fetch({"limit": limit, **({"cursor": cursor} if cursor else {})})
        assert response.status_code == 200, response.text
        page = response.json()
        assert len(page["items"]) <= limit
        items += page["items"]
        cursor = page["cursor"]
        if cursor is None:
            return items
