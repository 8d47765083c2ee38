"""Balance and ledger as a client reads them."""

from __future__ import annotations

from convilyn.billing import ledger


async def test_balance_shows_the_callers_credits(server):
    api = await server.user("free", credits=7)
    response = await api.request("GET", "/billing/balance")
    assert response.status_code == 200, response.text
    assert response.json() == {"userId": api.user_id, "balance": 7, "unit": "U"}
    async with server.client() as anonymous:
        assert (await anonymous.get("/api/v1/billing/balance")).status_code == 401
        assert (await anonymous.get("/api/v1/billing/ledger")).status_code == 401


async def test_the_ledger_pages_newest_first_with_an_opaque_cursor(server):
    api = await server.user("free", credits=1)
    async with server.ctx.db.transaction() as session:
        for amount in (2, 3, 4):
            await ledger.grant(session, user_id=api.user_id, amount=amount, reason=f"grant {amount}")
        await ledger.debit(session, user_id=api.user_id, amount=5, reason="spend", reference="forge:test-ledger")

    seen, cursor = [], None
    while True:
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        response = await api.request("GET", "/billing/ledger", params=params)
        assert response.status_code == 200, response.text
        page = response.json()
        assert len(page["items"]) <= 2
        seen.extend(page["items"])
        cursor = page["cursor"]
        if cursor is None:
            break
    assert [(e["seq"], e["kind"], e["amount"], e["balanceAfter"]) for e in seen] == [
        (5, "debit", -5, 5), (4, "grant", 4, 10), (3, "grant", 3, 6), (2, "grant", 2, 3), (1, "grant", 1, 1)]
    assert seen[0]["reference"] == "forge:test-ledger" and seen[0]["reason"] == "spend"
    assert seen[0]["entryId"].startswith("led_") and seen[0]["createdAt"].endswith("Z")
    assert sum(e["amount"] for e in seen) == (await api.request("GET", "/billing/balance")).json()["balance"]


async def test_ledger_query_errors_are_422(server):
    api = await server.user("free")
    for params in ({"limit": 0}, {"limit": 101}, {"cursor": "not-a-cursor"}, {"cursor": "eyJvIjoieCJ9"}):
        response = await api.request("GET", "/billing/ledger", params=params)
        assert response.status_code == 422, (params, response.text)
        assert response.json()["code"] == "VALIDATION_ERROR"


async def test_another_users_entries_are_never_listed(server):
    rich = await server.user("free", credits=9)
    poor = await server.user("free")
    page = (await poor.request("GET", "/billing/ledger")).json()
    assert page == {"items": [], "cursor": None}
    assert len((await rich.request("GET", "/billing/ledger")).json()["items"]) == 1
