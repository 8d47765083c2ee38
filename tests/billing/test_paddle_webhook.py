"""Paddle top-ups: signed deliveries credit the buyer once; anything unsigned, stale or tampered changes nothing."""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from datetime import timedelta

import pytest
from paddle_billing.Notifications import Secret
from paddle_billing.Notifications.PaddleSignature import PaddleSignature

from convilyn.core.clock import clock
from tests.billing.support import (
    OLD_SECRET,
    PRICES,
    SECRET,
    WEBHOOK_PATH,
    completed_event,
    entries_of,
    signed,
    totals,
)


@pytest.fixture
async def shop(make_server):
    """A server with Paddle configured: pri_small buys 10 U, pri_big 50 U."""
    return await make_server(paddle_webhook_secret=SECRET, paddle_price_credits=PRICES)


async def deliver(live, body: bytes, headers: dict):
    async with live.client() as client:
        return await client.post(WEBHOOK_PATH, content=body, headers=headers)


async def balance(live, user_id: str) -> int:
    return (await totals(live, user_id)).balance


async def test_a_completed_transaction_credits_the_buyer_by_price_and_quantity(shop):
    buyer = await shop.user("free")
    event = completed_event(buyer.user_id, [("pri_small", 2), ("pri_big", 1), ("pri_unrelated", 3)])
    response = await deliver(shop, *signed(event))
    assert response.status_code == 200, response.text
    assert response.json() == {"eventId": event["event_id"], "eventType": "transaction.completed",
                               "outcome": "credited", "credits": 70}
    entries = await entries_of(shop, buyer.user_id)
    assert [(e.kind, e.amount, e.reference) for e in entries] == [("topup", 70, f"paddle:{event['event_id']}")]
    assert entries[0].reason == f"Paddle {event['data']['id']}"
    audit = await totals(shop, buyer.user_id)
    assert audit.balance == audit.ledger_sum == 70


async def test_a_replayed_event_returns_200_and_changes_nothing(shop):
    buyer = await shop.user("free")
    event = completed_event(buyer.user_id, [("pri_small", 1)])
    body, headers = signed(event)
    assert (await deliver(shop, body, headers)).json()["outcome"] == "credited"
    replay = await deliver(shop, body, headers)  # Paddle's retry: same bytes, same signature
    assert replay.status_code == 200 and replay.json()["outcome"] == "duplicate" and replay.json()["credits"] == 0
    clock.advance(timedelta(hours=2))
    resent = await deliver(shop, *signed(event))  # a later manual replay, signed afresh
    assert resent.status_code == 200 and resent.json()["outcome"] == "duplicate"
    assert await balance(shop, buyer.user_id) == 10
    assert len(await entries_of(shop, buyer.user_id)) == 1


async def test_concurrent_deliveries_of_one_event_credit_once(shop):
    buyer = await shop.user("free")
    body, headers = signed(completed_event(buyer.user_id, [("pri_big", 1)]))
    async with shop.client() as client:
        responses = await asyncio.gather(*[client.post(WEBHOOK_PATH, content=body, headers=headers)
                                           for _ in range(20)])
    assert Counter(r.json()["outcome"] for r in responses) == {"credited": 1, "duplicate": 19}
    audit = await totals(shop, buyer.user_id)
    assert audit.balance == audit.ledger_sum == 50


async def test_a_tampered_body_is_401_and_changes_nothing(shop):
    buyer = await shop.user("free")
    event = completed_event(buyer.user_id, [("pri_small", 1)])
    body, headers = signed(event)
    tampered = json.dumps({**event, "data": {**event["data"], "items": [
        {"price": {"id": "pri_big"}, "quantity": 100}]}}).encode()
    response = await deliver(shop, tampered, headers)
    assert response.status_code == 401, response.text
    assert response.json()["code"] == "INVALID_SIGNATURE"
    assert (await deliver(shop, body + b" ", headers)).status_code == 401
    assert await entries_of(shop, buyer.user_id) == []


async def test_missing_or_malformed_signatures_are_401(shop):
    buyer = await shop.user("free")
    body, headers = signed(completed_event(buyer.user_id, [("pri_small", 1)]))
    good = headers["Paddle-Signature"]
    ts, h1 = good.split(";")
    for header in (None, "", "garbage", ts, h1, f"{ts};h1=", f"ts=abc;{h1}", f"{ts};h1={'0' * 64}",
                   f"{ts};h1={h1[3:].upper()}", f"{ts};{h1}0", good.replace("ts=", "ts=1")):
        sent = {"Content-Type": "application/json"} | ({"Paddle-Signature": header} if header is not None else {})
        response = await deliver(shop, body, sent)
        assert response.status_code == 401, (header, response.text)
        assert response.json()["code"] == "INVALID_SIGNATURE"
    assert await entries_of(shop, buyer.user_id) == []


async def test_stale_and_future_timestamps_are_401(shop):
    buyer = await shop.user("free")
    event = completed_event(buyer.user_id, [("pri_small", 1)])
    now = int(clock.now().timestamp())
    tolerance = shop.ctx.settings.paddle_timestamp_tolerance_seconds
    for ts in (now - tolerance - 5, now + tolerance + 5):
        response = await deliver(shop, *signed(event, timestamp=ts))
        assert response.status_code == 401, response.text
        assert response.json()["details"] == {"toleranceSeconds": tolerance}
    # A delivery captured now and replayed after the tolerance is refused too.
    body, headers = signed(event)
    clock.advance(timedelta(seconds=tolerance + 5))
    assert (await deliver(shop, body, headers)).status_code == 401
    assert await entries_of(shop, buyer.user_id) == []
    assert (await deliver(shop, *signed(event))).json()["outcome"] == "credited"


async def test_during_secret_rotation_a_header_with_two_h1_is_accepted(shop):
    buyer = await shop.user("free")
    event = completed_event(buyer.user_id, [("pri_small", 1)])
    body, headers = signed(event, secret=OLD_SECRET)
    _, new = signed(event, secret=SECRET)
    old_h1 = headers["Paddle-Signature"].split(";")[1]
    ts, new_h1 = new["Paddle-Signature"].split(";")
    assert (await deliver(shop, body, headers)).status_code == 401  # the old secret alone no longer does
    for header in (f"{ts};{old_h1};{new_h1}", f"{ts};{new_h1};{old_h1}"):
        response = await deliver(shop, body, {**headers, "Paddle-Signature": header})
        assert response.status_code == 200, response.text
    assert await balance(shop, buyer.user_id) == 10


async def test_signatures_agree_with_the_paddle_sdk(shop):
    buyer = await shop.user("free")
    body, headers = signed(completed_event(buyer.user_id, [("pri_small", 1)]))
    # The SDK's reference check accepts what our tests (and Paddle) send...
    assert PaddleSignature().verify(headers["Paddle-Signature"], body.decode(), Secret(SECRET)) is True
    # ...and the server accepts a header computed with the SDK's HMAC.
    ts = int(clock.now().timestamp())
    digest = PaddleSignature.calculate_hmac(SECRET, f"{ts}:".encode() + body).hexdigest()
    response = await deliver(shop, body, {**headers, "Paddle-Signature": f"ts={ts};h1={digest}"})
    assert response.status_code == 200 and response.json()["outcome"] == "credited"


async def test_other_event_types_are_acknowledged_and_ignored(shop):
    buyer = await shop.user("free")
    for event_type in ("transaction.created", "transaction.paid", "subscription.activated"):
        event = completed_event(buyer.user_id, [("pri_big", 1)], event_type=event_type)
        response = await deliver(shop, *signed(event))
        assert response.status_code == 200, response.text
        assert response.json()["outcome"] == "ignored" and response.json()["credits"] == 0
    no_credit_items = completed_event(buyer.user_id, [("pri_subscription", 1)])
    assert (await deliver(shop, *signed(no_credit_items))).json()["outcome"] == "ignored"
    assert await entries_of(shop, buyer.user_id) == []


async def test_signed_but_unusable_events_are_422_and_change_nothing(shop):
    buyer = await shop.user("free")
    cases = [
        b"not json",
        b"[1, 2]",
        json.dumps({"event_type": "transaction.completed"}).encode(),
        json.dumps(completed_event(None, [("pri_small", 1)])).encode(),
        json.dumps(completed_event("usr_000000000000000000000000", [("pri_small", 1)])).encode(),
        json.dumps(completed_event(buyer.user_id, [("pri_small", 0)])).encode(),
        json.dumps({**completed_event(buyer.user_id, []), "data": "nope"}).encode(),
    ]
    for body in cases:
        response = await deliver(shop, *signed(body))
        assert response.status_code == 422, (body, response.text)
        assert response.json()["code"] == "INVALID_WEBHOOK_EVENT", response.text
    assert await entries_of(shop, buyer.user_id) == []


async def test_oversized_bodies_are_413(shop):
    response = await deliver(shop, *signed(b"{" + b" " * 300_000 + b"}"))
    assert response.status_code == 413 and response.json()["code"] == "PAYLOAD_TOO_LARGE"


async def test_without_a_configured_secret_webhooks_are_refused(server):
    body, headers = signed(completed_event("usr_000000000000000000000000", [("pri_small", 1)]))
    response = await deliver(server, body, headers)
    assert response.status_code == 401 and response.json()["code"] == "WEBHOOK_NOT_CONFIGURED"
