"""Concurrent commits are settled by the database: real concurrent requests against the live server."""

from __future__ import annotations

import asyncio
from collections import Counter

from tests.billing.support import entries_of, new_workflow, totals, treasure_count


async def test_fifty_concurrent_commits_of_one_workflow_mint_one_treasure_and_debit_once(server):
    api = await server.user("pro", credits=5)
    workflow_id = await new_workflow(api)
    async with api.client() as client:
        responses = await asyncio.gather(*[
            client.post("/api/v1/forge/commit", json={"workflowId": workflow_id}) for _ in range(50)
        ])
    assert Counter(r.status_code for r in responses) == {201: 1, 200: 49}, [r.text for r in responses[:3]]
    bodies = [r.json() for r in responses]
    assert len({b["treasureId"] for b in bodies}) == 1
    assert len({b["geneHash"] for b in bodies}) == 1
    assert sum(1 for b in bodies if b["alreadyBound"] is False) == 1
    assert await treasure_count(server, workflow_id=workflow_id) == 1
    debits = [e for e in await entries_of(server, api.user_id) if e.kind == "debit"]
    assert len(debits) == 1
    audit = await totals(server, api.user_id)
    assert audit.balance == audit.ledger_sum == 4


async def test_one_credit_and_ten_concurrent_commits_of_different_workflows_mint_exactly_one(server):
    api = await server.user("pro", credits=1)
    workflow_ids = [await new_workflow(api) for _ in range(10)]
    async with api.client() as client:
        responses = await asyncio.gather(*[
            client.post("/api/v1/forge/commit", json={"workflowId": workflow_id}) for workflow_id in workflow_ids
        ])
    assert Counter(r.status_code for r in responses) == {201: 1, 402: 9}, [r.text for r in responses[:3]]
    assert all(r.json()["code"] == "INSUFFICIENT_CREDITS" for r in responses if r.status_code == 402)
    assert await treasure_count(server, owner_id=api.user_id) == 1
    minted = next(r.json() for r in responses if r.status_code == 201)
    assert await treasure_count(server, workflow_id=minted["workflowId"]) == 1
    audit = await totals(server, api.user_id)
    assert audit.balance == audit.ledger_sum == 0
    assert audit.entries == 2  # the grant and one debit


async def test_concurrent_commits_and_recommits_across_workflows_keep_balance_equal_to_the_ledger(server):
    api = await server.user("pro", credits=4)
    workflow_ids = [await new_workflow(api) for _ in range(6)]
    async with api.client() as client:
        responses = await asyncio.gather(*[
            client.post("/api/v1/forge/commit", json={"workflowId": workflow_id})
            for workflow_id in workflow_ids for _ in range(5)
        ])
    codes = Counter(r.status_code for r in responses)
    assert codes[201] == 4  # four credits, four mints
    assert codes[201] + codes[200] + codes[402] == 30
    minted = {r.json()["workflowId"] for r in responses if r.status_code == 201}
    bound_again = {r.json()["workflowId"] for r in responses if r.status_code == 200}
    assert bound_again <= minted
    assert await treasure_count(server, owner_id=api.user_id) == 4
    audit = await totals(server, api.user_id)
    assert audit.balance == audit.ledger_sum == 0
