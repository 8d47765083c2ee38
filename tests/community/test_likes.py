"""Likes: an idempotent toggle on public workflows, exact under concurrency."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import func, select

from convilyn.community.models import WorkflowLike
from tests.builder.support import patched, published, ready_workflow


async def like(api, workflow):
    return await api.request("POST", f"/user_workflows/{workflow['workflowId']}/like")


async def like_rows(server, workflow_id: str) -> int:
    async with server.ctx.db.read() as session:
        return await session.scalar(
            select(func.count()).select_from(WorkflowLike).where(WorkflowLike.workflow_id == workflow_id)
        )


async def like_count(api, workflow) -> int:
    return (await api.request("GET", f"/user_workflows/{workflow['workflowId']}")).json()["stats"]["likeCount"]


async def test_like_toggles(server):
    owner, fan = await server.user(tier="pro"), await server.user()
    workflow = await published(owner)

    response = await like(fan, workflow)
    assert response.status_code == 200
    assert response.json() == {"liked": True, "likeCount": 1}
    assert (await like(fan, workflow)).json() == {"liked": False, "likeCount": 0}
    assert (await like(fan, workflow)).json() == {"liked": True, "likeCount": 1}
    assert (await like(owner, workflow)).json() == {"liked": True, "likeCount": 2}
    assert await like_count(owner, workflow) == 2
    # A like is not an edit.
    assert (await owner.request("GET", f"/user_workflows/{workflow['workflowId']}")).json()["itemVersion"] == \
        workflow["itemVersion"]


@pytest.mark.parametrize("visibility", ["private", "archived"])
async def test_only_public_workflows_are_likeable(server, visibility):
    owner, fan = await server.user(tier="pro"), await server.user()
    workflow = await ready_workflow(owner)
    if visibility == "archived":
        workflow = await patched(owner, await patched(owner, workflow, visibility="public"), visibility="archived")
    response = await like(fan, workflow)
    assert response.status_code == 404
    response = await like(owner, workflow)
    assert response.status_code == 409
    assert response.json()["code"] == "WORKFLOW_NOT_PUBLIC"


async def test_like_needs_a_token_and_a_well_formed_id(server):
    owner = await server.user(tier="pro")
    workflow = await published(owner)
    async with server.client() as anonymous:
        response = await anonymous.post(f"/api/v1/user_workflows/{workflow['workflowId']}/like")
    assert response.status_code == 401
    assert (await owner.request("POST", "/user_workflows/uw_nope/like")).status_code == 422
    assert (await owner.request("POST", "/user_workflows/uw_0123456789abcdef01234567/like")).status_code == 404


async def test_fifty_users_liking_at_once_count_fifty(server):
    owner = await server.user(tier="pro")
    workflow = await published(owner, "Crowd favourite")
    fans = [await server.user() for _ in range(50)]

    responses = await asyncio.gather(*(like(fan, workflow) for fan in fans))
    assert [r.status_code for r in responses] == [200] * 50
    assert all(r.json()["liked"] for r in responses)
    assert sorted(r.json()["likeCount"] for r in responses) == list(range(1, 51))
    assert await like_count(owner, workflow) == 50
    assert await like_rows(server, workflow["workflowId"]) == 50


async def test_concurrent_repeated_toggles_stay_consistent(server):
    owner = await server.user(tier="pro")
    workflow = await published(owner, "Flip flop")
    fans = [await server.user() for _ in range(10)]
    # Each fan toggles 1..5 times, all at once: an odd number of toggles leaves a like.
    toggles = {fan.user_id: 1 + i % 5 for i, fan in enumerate(fans)}

    responses = await asyncio.gather(*(like(fan, workflow) for fan in fans for _ in range(toggles[fan.user_id])))
    assert {r.status_code for r in responses} == {200}
    expected = sum(1 for count in toggles.values() if count % 2 == 1)
    assert await like_rows(server, workflow["workflowId"]) == expected
    assert await like_count(owner, workflow) == expected
    # Each fan's own last answer agrees with the rows.
    for fan in fans:
        again = (await like(fan, workflow)).json()
        assert again["liked"] == (toggles[fan.user_id] % 2 == 0)
    assert await like_count(owner, workflow) == await like_rows(server, workflow["workflowId"])


async def test_likes_go_when_the_workflow_is_deleted(server):
    owner, fan = await server.user(tier="pro"), await server.user()
    workflow = await published(owner)
    await like(fan, workflow)
    archived = await patched(owner, workflow, visibility="archived")
    assert (await owner.request("DELETE", f"/user_workflows/{archived['workflowId']}")).status_code == 204
    assert await like_rows(server, workflow["workflowId"]) == 0
