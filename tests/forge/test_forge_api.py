"""The Forge API as the Builder uses it: quote, commit, re-commit, and show the treasure."""

from __future__ import annotations

import re
from dataclasses import replace

from sqlalchemy import select

from convilyn.core.clock import clock
from convilyn.core.ids import new_id
from convilyn.forge.endpoints import gene_space
from convilyn.forge.genes import GeneSpace, GeneVector, gene_hash, generate_genes
from convilyn.forge.models import Treasure
from tests.billing.support import entries_of, new_workflow, set_visibility, totals, treasure_count

TREASURE_ID = re.compile(r"^tr_[a-f0-9]{24}$")


async def test_commit_mints_debits_one_credit_and_recommit_returns_same_treasure_free(server):
    api = await server.user("pro", credits=3)
    workflow_id = await new_workflow(api)

    quote = await api.request("GET", "/forge/quote", params={"workflowId": workflow_id})
    assert quote.status_code == 200, quote.text
    assert quote.json() == {"workflowId": workflow_id, "cost": 1, "balance": 3, "sufficient": True,
                            "alreadyBound": False, "treasureId": None}

    first = await api.request("POST", "/forge/commit", json={"workflowId": workflow_id})
    assert first.status_code == 201, first.text
    minted = first.json()
    assert TREASURE_ID.match(minted["treasureId"])
    assert minted["workflowId"] == workflow_id
    assert minted["alreadyBound"] is False
    expected = generate_genes(workflow_id)
    assert minted["geneVector"] == expected.to_json()
    assert minted["geneHash"] == gene_hash(expected)
    assert minted["mintedAt"].endswith("Z") and minted["boundAt"] == minted["mintedAt"]
    assert minted["svgUrl"] == f"/api/v1/treasures/{minted['treasureId']}.svg"

    again = await api.request("POST", "/forge/commit", json={"workflowId": workflow_id})
    assert again.status_code == 200, again.text
    assert again.json() == {**minted, "alreadyBound": True}

    quote = (await api.request("GET", "/forge/quote", params={"workflowId": workflow_id})).json()
    assert quote == {"workflowId": workflow_id, "cost": 0, "balance": 2, "sufficient": True,
                     "alreadyBound": True, "treasureId": minted["treasureId"]}
    assert (await api.request("GET", "/billing/balance")).json()["balance"] == 2
    debits = [e for e in await entries_of(server, api.user_id) if e.kind == "debit"]
    assert [(e.amount, e.reference) for e in debits] == [(-1, f"forge:{workflow_id}")]
    audit = await totals(server, api.user_id)
    assert audit.balance == audit.ledger_sum == 2


async def test_out_of_credits_gets_402_and_nothing_is_minted(server):
    api = await server.user("pro", credits=0)
    workflow_id = await new_workflow(api)
    quote = (await api.request("GET", "/forge/quote", params={"workflowId": workflow_id})).json()
    assert quote["sufficient"] is False and quote["balance"] == 0

    response = await api.request("POST", "/forge/commit", json={"workflowId": workflow_id})
    assert response.status_code == 402, response.text
    body = response.json()
    assert body["code"] == "INSUFFICIENT_CREDITS"
    assert body["details"] == {"balance": 0, "cost": 1, "shortfall": 1}
    assert await treasure_count(server, workflow_id=workflow_id) == 0
    assert await entries_of(server, api.user_id) == []


async def test_someone_elses_workflow_is_404_exactly_like_a_missing_one(server):
    owner = await server.user("pro", credits=2)
    stranger = await server.user("pro", credits=2)
    workflow_id = await new_workflow(owner)
    missing_id = new_id("uw")

    def shape(response, workflow):
        return response.status_code, response.text.replace(workflow, "<id>")

    for method, path, send in (("POST", "/forge/commit", "json"), ("GET", "/forge/quote", "params")):
        theirs = await stranger.request(method, path, **{send: {"workflowId": workflow_id}})
        absent = await stranger.request(method, path, **{send: {"workflowId": missing_id}})
        assert theirs.status_code == 404, theirs.text
        assert theirs.json()["code"] == "WORKFLOW_NOT_FOUND"
        assert shape(theirs, workflow_id) == shape(absent, missing_id)
    assert (await stranger.request("GET", "/billing/balance")).json()["balance"] == 2
    assert await treasure_count(server, workflow_id=workflow_id) == 0


async def test_malformed_workflow_id_gets_422_in_the_envelope(server):
    api = await server.user("pro", credits=5)
    for bad in ("uw_123", "UW_0123456789abcdef01234567", "uw_0123456789ABCDEF01234567",
                "job_0123456789abcdef01234567", "uw_0123456789abcdef012345678", "", 12):
        response = await api.request("POST", "/forge/commit", json={"workflowId": bad})
        assert response.status_code == 422, (bad, response.text)
        body = response.json()
        assert body["code"] == "VALIDATION_ERROR" and body["errors"][0]["field"] == "workflowId", body
    for body in ({}, {"workflowId": "uw_0123456789abcdef01234567", "extra": 1}, []):
        response = await api.request("POST", "/forge/commit", json=body)
        assert response.status_code == 422, response.text
    quote = await api.request("GET", "/forge/quote", params={"workflowId": "uw_nope"})
    assert quote.status_code == 422 and quote.json()["errors"][0]["field"] == "workflowId"
    assert (await api.request("GET", "/billing/balance")).json()["balance"] == 5


async def test_forging_needs_a_bearer_token(server):
    async with server.client() as client:
        response = await client.post("/api/v1/forge/commit", json={"workflowId": new_id("uw")})
        assert response.status_code == 401 and response.json()["code"] == "UNAUTHENTICATED"
        response = await client.get("/api/v1/forge/quote", params={"workflowId": new_id("uw")})
        assert response.status_code == 401


async def test_treasure_is_seen_by_its_owner_and_by_anyone_once_the_workflow_is_public(server):
    owner = await server.user("pro", credits=1)
    stranger = await server.user("free")
    workflow_id = await new_workflow(owner)
    minted = (await owner.request("POST", "/forge/commit", json={"workflowId": workflow_id})).json()
    treasure_id = minted["treasureId"]

    mine = await owner.request("GET", f"/treasures/{treasure_id}")
    assert mine.status_code == 200, mine.text
    assert mine.json() == {key: value for key, value in minted.items() if key != "alreadyBound"} | {
        "ownerId": owner.user_id}
    picture = await owner.request("GET", f"/treasures/{treasure_id}.svg")
    assert picture.status_code == 200, picture.text
    assert picture.headers["content-type"].startswith("image/svg+xml")
    assert picture.text.startswith("<?xml") and "</svg>" in picture.text
    assert f"bodyShape-{minted['geneVector']['bodyShape']}" in picture.text

    async with server.client() as anonymous:
        for client in (anonymous, stranger.client()):
            for path in (f"/api/v1/treasures/{treasure_id}", f"/api/v1/treasures/{treasure_id}.svg"):
                response = await client.get(path)
                assert response.status_code == 404, response.text
                assert response.json()["code"] == "TREASURE_NOT_FOUND"

        await set_visibility(server, workflow_id, "public")
        assert (await anonymous.get(f"/api/v1/treasures/{treasure_id}")).json()["treasureId"] == treasure_id
        assert (await anonymous.get(f"/api/v1/treasures/{treasure_id}.svg")).text == picture.text
        assert (await stranger.request("GET", f"/treasures/{treasure_id}")).status_code == 200

        await set_visibility(server, workflow_id, "archived")
        assert (await anonymous.get(f"/api/v1/treasures/{treasure_id}.svg")).status_code == 404
        assert (await owner.request("GET", f"/treasures/{treasure_id}.svg")).status_code == 200


async def test_treasure_ids_are_checked_and_unknown_ones_are_404(server):
    api = await server.user("pro")
    async with server.client() as client:
        for path in ("/api/v1/treasures/tr_123", "/api/v1/treasures/tr_123.svg",
                     "/api/v1/treasures/TR_0123456789abcdef01234567.svg"):
            response = await client.get(path)
            assert response.status_code == 422, (path, response.text)
            assert response.json()["errors"][0]["field"] == "treasureId"
    unknown = new_id("tr")
    assert (await api.request("GET", f"/treasures/{unknown}")).status_code == 404
    assert (await api.request("GET", f"/treasures/{unknown}.svg")).status_code == 404


def _tiny_space(*body_shapes: str) -> GeneSpace:
    """Four creatures (2 body shapes x 2 colours); tests share one database, so each takes its own shapes."""
    return replace(GeneSpace.tiny(), body_shape=body_shapes)


async def _tiny_space_server(make_server, space: GeneSpace, budget: int):
    live = await make_server(forge_reroll_budget=budget)
    live.server.config.app.dependency_overrides[gene_space] = lambda: space
    return live


async def _squat(live, owner_id: str, vector: GeneVector) -> None:
    """A treasure of some other workflow that already has ``vector``'s look."""
    async with live.ctx.db.transaction() as session:
        session.add(Treasure(id=new_id("tr"), workflow_id=new_id("uw"), owner_id=owner_id,
                             gene_hash=gene_hash(vector), gene_version=vector.gene_version,
                             gene_vector=vector.to_json(), minted_at=clock.now(), bound_at=clock.now()))


async def test_a_gene_hash_collision_rerolls_to_the_next_attempt(make_server):
    tiny = _tiny_space("round", "egg")
    live = await _tiny_space_server(make_server, tiny, budget=64)
    api = await live.user("pro", credits=1)
    workflow_id = await new_workflow(api)
    await _squat(live, api.user_id, generate_genes(workflow_id, 0, space=tiny))

    response = await api.request("POST", "/forge/commit", json={"workflowId": workflow_id})
    assert response.status_code == 201, response.text
    minted = response.json()
    attempt = minted["geneVector"]["attempt"]
    assert attempt >= 1
    rolled = generate_genes(workflow_id, attempt, space=tiny)
    assert minted["geneVector"] == rolled.to_json() and minted["geneHash"] == gene_hash(rolled)
    # Every earlier attempt looked like the squatter.
    squatted = gene_hash(generate_genes(workflow_id, 0, space=tiny))
    assert all(gene_hash(generate_genes(workflow_id, a, space=tiny)) == squatted for a in range(attempt))
    assert (await api.request("GET", "/billing/balance")).json()["balance"] == 0


async def test_an_exhausted_gene_space_gets_503_and_charges_nothing(make_server):
    tiny = _tiny_space("pear", "bean")
    live = await _tiny_space_server(make_server, tiny, budget=64)
    api = await live.user("pro", credits=10)
    hashes = set()
    for _ in range(tiny.count()):  # fill the space through the API
        response = await api.request("POST", "/forge/commit", json={"workflowId": await new_workflow(api)})
        assert response.status_code == 201, response.text
        hashes.add(response.json()["geneHash"])
    assert len(hashes) == 4

    workflow_id = await new_workflow(api)
    response = await api.request("POST", "/forge/commit", json={"workflowId": workflow_id})
    assert response.status_code == 503, response.text
    body = response.json()
    assert body["code"] == "GENE_SPACE_EXHAUSTED"
    assert body["details"] == {"workflowId": workflow_id, "rerollBudget": 64}
    assert (await api.request("GET", "/billing/balance")).json()["balance"] == 6
    assert await treasure_count(live, workflow_id=workflow_id) == 0


async def test_the_reroll_budget_bounds_the_attempts(make_server):
    tiny = _tiny_space("loaf", "ghost")
    live = await _tiny_space_server(make_server, tiny, budget=1)
    api = await live.user("pro", credits=1)
    workflow_id = await new_workflow(api)
    await _squat(live, api.user_id, generate_genes(workflow_id, 0, space=tiny))
    response = await api.request("POST", "/forge/commit", json={"workflowId": workflow_id})
    assert response.status_code == 503 and response.json()["details"]["rerollBudget"] == 1
    async with live.ctx.db.read() as session:
        assert await session.scalar(select(Treasure.id).where(Treasure.workflow_id == workflow_id)) is None
    assert (await api.request("GET", "/billing/balance")).json()["balance"] == 1


async def test_forge_routes_declare_their_errors_in_openapi(server):
    async with server.client() as client:
        spec = (await client.get("/openapi.json")).json()
    commit = spec["paths"]["/api/v1/forge/commit"]["post"]
    assert {"200", "201", "401", "402", "404", "422", "429", "503"} <= set(commit["responses"])
    assert spec["components"]["schemas"]["ForgeCommit"]["properties"]["workflowId"]["pattern"] == "^uw_[a-f0-9]{24}$"
    svg = spec["paths"]["/api/v1/treasures/{treasureId}.svg"]["get"]
    assert "image/svg+xml" in svg["responses"]["200"]["content"]
    assert "404" in spec["paths"]["/api/v1/treasures/{treasureId}"]["get"]["responses"]
    assert {"401", "413", "422"} <= set(spec["paths"]["/api/v1/billing/webhooks/paddle"]["post"]["responses"])
