"""Helpers for the billing and forge tests: workflows to forge, ledger audits, signed Paddle deliveries."""

from __future__ import annotations

import json
import secrets
from typing import Any

from sqlalchemy import func, select, update

from convilyn.billing import ledger
from convilyn.billing.models import LedgerEntry
from convilyn.billing.paddle import sign
from convilyn.builder.models import UserWorkflow
from convilyn.core.clock import clock
from convilyn.forge.models import Treasure

WEBHOOK_PATH = "/api/v1/billing/webhooks/paddle"
SECRET = "pdl_ntfset_01test_" + "s" * 32
OLD_SECRET = "pdl_ntfset_01old_" + "o" * 32
PRICES = {"pri_small": 10, "pri_big": 50}


async def new_workflow(api: Any) -> str:
    """A fresh private workflow of the caller, forked from blank as the Builder would."""
    response = await api.request("POST", "/user_workflows/fork", json={"sourceSpecId": "blank"})
    assert response.status_code == 201, response.text
    return response.json()["workflowId"]


async def set_visibility(live: Any, workflow_id: str, visibility: str) -> None:
    async with live.ctx.db.transaction() as session:
        await session.execute(update(UserWorkflow).where(UserWorkflow.id == workflow_id).values(visibility=visibility))


async def totals(live: Any, user_id: str) -> ledger.LedgerTotals:
    async with live.ctx.db.read() as session:
        return await ledger.totals(session, user_id=user_id)


async def entries_of(live: Any, user_id: str) -> list[LedgerEntry]:
    async with live.ctx.db.read() as session:
        rows = await session.scalars(select(LedgerEntry).where(LedgerEntry.user_id == user_id)
                                     .order_by(LedgerEntry.seq))
        return list(rows)


async def treasure_count(live: Any, **where: str) -> int:
    async with live.ctx.db.read() as session:
        statement = select(func.count()).select_from(Treasure)
        for column, value in where.items():
            statement = statement.where(getattr(Treasure, column) == value)
        return await session.scalar(statement)


def completed_event(user_id: str | None, items: list[tuple[str, int]], *, event_id: str | None = None,
                    event_type: str = "transaction.completed") -> dict[str, Any]:
    """A Paddle Billing notification as Paddle sends it (the fields the server reads, and a few more)."""
    data: dict[str, Any] = {
        "id": f"txn_{secrets.token_hex(13)}",
        "status": "completed",
        "currency_code": "USD",
        "items": [{"price": {"id": price, "product_id": "pro_credits"}, "quantity": quantity}
                  for price, quantity in items],
    }
    if user_id is not None:
        data["custom_data"] = {"user_id": user_id}
    return {"event_id": event_id or f"evt_{secrets.token_hex(13)}", "event_type": event_type,
            "occurred_at": "2026-11-23T19:00:00.000000Z", "notification_id": f"ntf_{secrets.token_hex(13)}",
            "data": data}


def signed(event: dict[str, Any] | bytes, *, secret: str = SECRET, timestamp: int | None = None) -> tuple[bytes, dict]:
    """The raw body and headers of a delivery signed as Paddle signs it."""
    body = event if isinstance(event, bytes) else json.dumps(event).encode()
    ts = int(clock.now().timestamp()) if timestamp is None else timestamp
    return body, {"Paddle-Signature": sign(body, secret=secret, timestamp=ts), "Content-Type": "application/json"}
