"""The public listing: anonymous browsing, tags, sorting and pagination."""

from __future__ import annotations

from tests.builder.support import all_pages, create_blank, patched, published, ready_workflow, unique_tag


async def community_response(server, **params):
    async with server.client() as anonymous:
        return await anonymous.get("/api/v1/user_workflows/community", params=params)


async def community(server, **params):
    response = await community_response(server, **params)
    assert response.status_code == 200, response.text
    return response.json()


async def test_anonymous_sees_public_workflows_only_with_owner_and_source_names(server):
    tag = unique_tag()
    owner = await server.user(tier="pro", name="Ada Lovelace")
    public = await published(owner, "Shared flow", tags=[tag])
    private = await patched(owner, await ready_workflow(owner, "Hidden"), tags=[tag])
    archived = await patched(owner, await published(owner, "Retired", tags=[tag]), visibility="archived")

    page = await community(server, tag=tag)
    assert [item["workflowId"] for item in page["items"]] == [public["workflowId"]]
    assert page["cursor"] is None
    item = page["items"][0]
    assert item["ownerDisplayName"] == "Ada Lovelace"
    assert item["sourceName"] == "Blank"
    assert item["visibility"] == "public" and item["ownerId"] == owner.user_id
    assert item["descriptionPreview"] == "Turns notes into a decision log."
    assert "systemPrompt" not in item and "specJson" not in item
    assert private["workflowId"] not in str(page) and archived["workflowId"] not in str(page)


async def test_tag_filter_is_exact(server):
    tag = unique_tag()
    owner = await server.user(tier="pro")
    tagged = await published(owner, tags=[tag, "other"])
    await published(owner, tags=[tag + "x"])
    assert [i["workflowId"] for i in (await community(server, tag=tag))["items"]] == [tagged["workflowId"]]
    assert (await community(server, tag=tag.upper()))["items"] == []


async def test_recent_is_newest_published_first_and_paginates(server):
    tag = unique_tag()
    owner = await server.user(tier="pro")
    made = [await published(owner, f"flow {i}", tags=[tag]) for i in range(5)]

    seen = await all_pages(lambda params: community_response(server, tag=tag, **params), limit=2)
    assert [item["workflowId"] for item in seen] == [w["workflowId"] for w in reversed(made)]


async def test_republishing_moves_a_workflow_to_the_top_of_recent(server):
    tag = unique_tag()
    owner = await server.user(tier="pro")
    first = await published(owner, "first", tags=[tag])
    second = await published(owner, "second", tags=[tag])
    first = await patched(owner, await patched(owner, first, visibility="archived"), visibility="public")
    page = await community(server, tag=tag)
    assert [i["workflowId"] for i in page["items"]] == [first["workflowId"], second["workflowId"]]


async def test_popular_is_most_liked_first_and_paginates(server):
    tag = unique_tag()
    owner = await server.user(tier="pro")
    workflows = [await published(owner, f"flow {i}", tags=[tag]) for i in range(4)]
    likers = [await server.user() for _ in range(3)]
    # flow 2 gets 3 likes, flow 0 gets 2, flow 3 gets 1, flow 1 none.
    for workflow, count in ((workflows[2], 3), (workflows[0], 2), (workflows[3], 1)):
        for liker in likers[:count]:
            assert (await liker.request("POST", f"/user_workflows/{workflow['workflowId']}/like")).status_code == 200

    expected = [workflows[i]["workflowId"] for i in (2, 0, 3, 1)]
    page = await community(server, tag=tag, sort="popular")
    assert [i["workflowId"] for i in page["items"]] == expected
    assert [i["stats"]["likeCount"] for i in page["items"]] == [3, 2, 1, 0]

    seen = await all_pages(lambda params: community_response(server, tag=tag, sort="popular", **params), limit=1)
    assert [i["workflowId"] for i in seen] == expected


async def test_listing_checks_its_parameters(server):
    tag = unique_tag()
    owner = await server.user(tier="pro")
    for i in range(2):
        await published(owner, f"p {i}", tags=[tag])
    recent_cursor = (await community(server, tag=tag, limit=1))["cursor"]
    async with server.client() as anonymous:
        for params in ({"limit": 0}, {"limit": 51}, {"sort": "random"}, {"tag": "t" * 25}, {"tag": ""},
                       {"cursor": "nonsense"}, {"sort": "popular", "cursor": recent_cursor}):
            response = await anonymous.get("/api/v1/user_workflows/community", params=params)
            assert response.status_code == 422, (params, response.text)
            assert response.json()["code"] == "VALIDATION_ERROR"
    assert len((await community(server, limit=50))["items"]) <= 50


async def test_an_authenticated_caller_sees_the_same_listing(server):
    tag = unique_tag()
    owner = await server.user(tier="pro")
    await create_blank(owner, "mine but private")
    public = await published(owner, tags=[tag])
    response = await owner.request("GET", "/user_workflows/community", params={"tag": tag})
    assert [i["workflowId"] for i in response.json()["items"]] == [public["workflowId"]]
