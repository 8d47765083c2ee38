"""The ledger service: every balance change is an entry, and the balance is always their sum."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import text, update
from sqlalchemy.exc import IntegrityError

from convilyn.auth.models import User
from convilyn.billing import ledger
from convilyn.core.errors import InsufficientCredits, NotFound, ValidationFailed
from tests.billing.support import entries_of, totals


async def test_each_operation_appends_an_entry_and_moves_the_balance(server):
    api = await server.user("free")
    async with server.ctx.db.transaction() as session:
        await ledger.grant(session, user_id=api.user_id, amount=5, reason="welcome")
        await ledger.debit(session, user_id=api.user_id, amount=2, reason="forge", reference="forge:x1")
        await ledger.topup(session, user_id=api.user_id, amount=10, reason="Paddle", reference="paddle:evt_1x")
        await ledger.refund(session, user_id=api.user_id, amount=1, reason="goodwill")
    entries = await entries_of(server, api.user_id)
    assert [(e.seq, e.kind, e.amount, e.balance_after) for e in entries] == [
        (1, "grant", 5, 5), (2, "debit", -2, 3), (3, "topup", 10, 13), (4, "refund", 1, 14)]
    assert [e.reference for e in entries] == [None, "forge:x1", "paddle:evt_1x", None]
    async with server.ctx.db.read() as session:
        assert await ledger.balance(session, user_id=api.user_id) == 14
    audit = await totals(server, api.user_id)
    assert (audit.balance, audit.ledger_sum, audit.entries) == (14, 14, 4)


async def test_a_debit_beyond_the_balance_raises_402_and_writes_nothing(server):
    api = await server.user("free", credits=2)
    async with server.ctx.db.transaction() as session:
        with pytest.raises(InsufficientCredits) as caught:
            await ledger.debit(session, user_id=api.user_id, amount=3, reason="too much")
        assert caught.value.details == {"balance": 2, "cost": 3, "shortfall": 1}
        # The transaction is still usable after the refusal.
        await ledger.debit(session, user_id=api.user_id, amount=2, reason="all of it")
    audit = await totals(server, api.user_id)
    assert (audit.balance, audit.ledger_sum, audit.entries) == (0, 0, 2)


async def test_a_reused_reference_is_refused_and_undoes_its_balance_change(server):
    api = await server.user("free")
    async with server.ctx.db.transaction() as session:
        await ledger.topup(session, user_id=api.user_id, amount=10, reason="first", reference="paddle:evt_dup")
        with pytest.raises(ledger.DuplicateReference):
            await ledger.topup(session, user_id=api.user_id, amount=10, reason="again", reference="paddle:evt_dup")
        await ledger.grant(session, user_id=api.user_id, amount=1, reason="after")
    entries = await entries_of(server, api.user_id)
    assert [(e.seq, e.amount, e.balance_after) for e in entries] == [(1, 10, 10), (2, 1, 11)]


async def test_bad_amounts_and_unknown_users_are_refused(server):
    api = await server.user("free", credits=1)
    async with server.ctx.db.transaction() as session:
        for amount in (0, -1, True, 1.5, ledger.MAX_AMOUNT + 1):
            with pytest.raises(ValidationFailed):
                await ledger.grant(session, user_id=api.user_id, amount=amount, reason="bad")  # type: ignore[arg-type]
        with pytest.raises(NotFound):
            await ledger.grant(session, user_id="usr_000000000000000000000000", amount=1, reason="nobody")
        with pytest.raises(NotFound):
            await ledger.debit(session, user_id="usr_000000000000000000000000", amount=1, reason="nobody")
    assert (await totals(server, api.user_id)).entries == 1


async def test_the_database_refuses_a_negative_balance(server):
    api = await server.user("free")
    with pytest.raises(IntegrityError):
        async with server.ctx.db.transaction() as session:
            await session.execute(update(User).where(User.id == api.user_id).values(credit_balance=-1))
    with pytest.raises(IntegrityError):
        async with server.ctx.db.transaction() as session:
            await session.execute(text(
                "INSERT INTO ledger_entries (id, user_id, seq, kind, amount, balance_after, reason, created_at) "
                "VALUES ('led_x', :u, 1, 'debit', 5, 0, 'wrong sign', CURRENT_TIMESTAMP)"), {"u": api.user_id})


async def test_concurrent_debits_never_overdraw_and_the_balance_stays_the_ledger_sum(server):
    api = await server.user("free", credits=10)

    async def spend() -> bool:
        try:
            async with server.ctx.db.transaction() as session:
                await ledger.debit(session, user_id=api.user_id, amount=1, reason="race")
            return True
        except InsufficientCredits:
            return False

    async def earn() -> None:
        async with server.ctx.db.transaction() as session:
            await ledger.grant(session, user_id=api.user_id, amount=1, reason="race")

    results = await asyncio.gather(*[spend() for _ in range(30)], *[earn() for _ in range(5)])
    spent = sum(1 for r in results[:30] if r)
    assert 10 <= spent <= 15
    audit = await totals(server, api.user_id)
    assert audit.balance == audit.ledger_sum == 15 - spent
    entries = await entries_of(server, api.user_id)
    assert [e.seq for e in entries] == list(range(1, len(entries) + 1))
    running = 0
    for entry in entries:  # each balance_after is the previous one plus the amount
        running += entry.amount
        assert entry.balance_after == running >= 0
