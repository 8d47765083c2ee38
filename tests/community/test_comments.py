"""Comments: plain text on public workflows, listed newest first, deleted by their author only."""

from __future__ import annotations

import re

import pytest

from tests.builder.support import RFC3339_UTC, all_pages, patched, published, ready_workflow


async def comment(api, workflow, body):
    return await api.request("POST", f"/user_workflows/{workflow['workflowId']}/comments", json={"body": body})


async def comments(server, workflow, api=None, **params):
    path = f"/api/v1/user_workflows/{workflow['workflowId']}/comments"
    async with (api.client() if api else server.client()) as client:
        return await client.get(path, params=params)


async def test_comment_and_read_back_verbatim(server):
    owner, reader = await server.user(tier="pro"), await server.user()
    workflow = await published(owner)
    body = "2 < 3 & 4 > 1 — works great with \"quoted\" notes, 10/10 :)\nSecond line."

    response = await comment(reader, workflow, body)
    assert response.status_code == 201, response.text
    created = response.json()
    assert re.fullmatch(r"^wc_[a-f0-9]{24}$", created["commentId"])
    assert created["workflowId"] == workflow["workflowId"] and created["authorId"] == reader.user_id
    assert created["body"] == body
    assert re.fullmatch(RFC3339_UTC, created["createdAt"])

    listed = (await comments(server, workflow)).json()
    assert listed == {"items": [created], "cursor": None}


@pytest.mark.parametrize("body", [
    "<script>alert(1)</script>",
    "<SCRIPT src=//evil.example/x.js>",
    "<iframe src=https://evil.example></iframe>",
    "<img src=x onerror=alert(1)>",
    "nice <b>bold</b> move",
    "<a href=\"javascript:alert(1)\">click</a>",
    "see javascript:alert(document.cookie)",
    "JaVa\tScRiPt:alert(1)",
    "x onerror=alert(1)",
    "\" onmouseover=\"alert(1)",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "<!-- hidden -->",
    "<svg/onload=alert(1)>",
])
async def test_markup_is_refused(server, body):
    owner, reader = await server.user(tier="pro"), await server.user()
    workflow = await published(owner)
    response = await comment(reader, workflow, body)
    assert response.status_code == 422, response.text
    assert response.json()["code"] == "MARKUP_NOT_ALLOWED"
    assert response.json()["errors"][0]["field"] == "body"
    assert (await comments(server, workflow)).json()["items"] == []


@pytest.mark.parametrize("body", ["I am online = yes", "x < y and y > z? no: 3 > 2", "<3 this", "use a->b", "on = off"])
async def test_plain_text_that_looks_technical_passes(server, body):
    owner = await server.user(tier="pro")
    workflow = await published(owner)
    response = await comment(owner, workflow, body)
    assert response.status_code == 201, response.text
    assert response.json()["body"] == body


async def test_body_limits(server):
    owner = await server.user(tier="pro")
    workflow = await published(owner)
    assert (await comment(owner, workflow, "b" * 2000)).status_code == 201
    for bad in ("b" * 2001, "", "   \n ", "nul\u0000byte"):
        response = await comment(owner, workflow, bad)
        assert response.status_code == 422, bad
        assert response.json()["code"] == "VALIDATION_ERROR"
    response = await owner.request("POST", f"/user_workflows/{workflow['workflowId']}/comments",
                                   json={"body": "ok", "html": True})
    assert response.status_code == 422


async def test_list_is_newest_first_and_paginates(server):
    owner = await server.user(tier="pro")
    workflow = await published(owner)
    made = [(await comment(owner, workflow, f"comment {i}")).json() for i in range(5)]

    seen = await all_pages(lambda params: comments(server, workflow, **params), limit=2)
    assert seen == list(reversed(made))
    for params in ({"limit": 0}, {"limit": 101}, {"cursor": "zzz"}):
        assert (await comments(server, workflow, **params)).status_code == 422
    assert (await comments(server, workflow, limit=100)).status_code == 200


@pytest.mark.parametrize("visibility", ["private", "archived"])
async def test_unpublished_workflows_take_no_comments(server, visibility):
    owner, other = await server.user(tier="pro"), await server.user()
    workflow = await ready_workflow(owner)
    if visibility == "archived":
        workflow = await patched(owner, await patched(owner, workflow, visibility="public"), visibility="archived")
    assert (await comment(other, workflow, "hello")).status_code == 404
    response = await comment(owner, workflow, "hello")
    assert response.status_code == 409 and response.json()["code"] == "WORKFLOW_NOT_PUBLIC"
    assert (await comments(server, workflow)).status_code == 404
    assert (await comments(server, workflow, api=other)).status_code == 404
    assert (await comments(server, workflow, api=owner)).status_code == 200


async def test_owner_still_reads_comments_after_archiving(server):
    owner, reader = await server.user(tier="pro"), await server.user()
    workflow = await published(owner)
    made = (await comment(reader, workflow, "keep me")).json()
    await patched(owner, workflow, visibility="archived")
    assert (await comments(server, workflow, api=owner)).json()["items"] == [made]
    assert (await comments(server, workflow)).status_code == 404


async def test_commenting_needs_a_token(server):
    owner = await server.user(tier="pro")
    workflow = await published(owner)
    async with server.client() as anonymous:
        response = await anonymous.post(f"/api/v1/user_workflows/{workflow['workflowId']}/comments",
                                        json={"body": "hi"})
    assert response.status_code == 401


async def test_only_the_author_deletes_a_comment(server):
    owner, author, other = await server.user(tier="pro"), await server.user(), await server.user()
    workflow = await published(owner)
    made = (await comment(author, workflow, "mine")).json()
    path = f"/user_workflows/{workflow['workflowId']}/comments/{made['commentId']}"

    # Not the owner of the workflow, not anyone else: 404, as if it did not exist.
    assert (await owner.request("DELETE", path)).status_code == 404
    response = await other.request("DELETE", path)
    assert response.status_code == 404 and response.json()["code"] == "COMMENT_NOT_FOUND"
    async with server.client() as anonymous:
        assert (await anonymous.delete(f"/api/v1{path}")).status_code == 401
    assert (await author.request("DELETE", path)).status_code == 204
    assert (await author.request("DELETE", path)).status_code == 404
    assert (await comments(server, workflow)).json()["items"] == []


async def test_comment_ids_are_checked(server):
    owner = await server.user(tier="pro")
    workflow = await published(owner)
    base = f"/user_workflows/{workflow['workflowId']}/comments"
    assert (await owner.request("DELETE", f"{base}/wc_short")).status_code == 422
    assert (await owner.request("DELETE", f"{base}/uw_0123456789abcdef01234567")).status_code == 422
    assert (await owner.request("DELETE", f"{base}/wc_0123456789abcdef01234567")).status_code == 404
    other = await published(owner)
    made = (await comment(owner, workflow, "here")).json()
    # The right comment id under the wrong workflow is not found.
    assert (await owner.request("DELETE", f"/user_workflows/{other['workflowId']}/comments/{made['commentId']}")
            ).status_code == 404


async def test_the_author_deletes_their_comment_even_after_archiving(server):
    owner, author = await server.user(tier="pro"), await server.user()
    workflow = await published(owner)
    made = (await comment(author, workflow, "take it back")).json()
    await patched(owner, workflow, visibility="archived")
    path = f"/user_workflows/{workflow['workflowId']}/comments/{made['commentId']}"
    assert (await author.request("DELETE", path)).status_code == 204
