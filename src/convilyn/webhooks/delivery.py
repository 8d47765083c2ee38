"""Sending queued webhook deliveries: claim, re-check the address, sign, post, record the outcome.

Any API process (or worker) may run the dispatcher: a delivery is claimed by a
guarded UPDATE that pushes its ``next_attempt_at`` out by a lease, so two
dispatchers never send the same attempt. Signatures follow the Standard
Webhooks specification (``webhook-id``, ``webhook-timestamp``,
``webhook-signature`` over ``id.timestamp.body`` with the endpoint's secret).
A non-2xx answer or a network error is retried after the configured delays;
after the last one the delivery is ``failed``. An address the SSRF guard
refuses fails the delivery at once.
"""

from __future__ import annotations

import asyncio
import json
import logging
from datetime import UTC, datetime, timedelta

import httpx
from sqlalchemy import bindparam, delete, select, update
from standardwebhooks import Webhook

from convilyn.core.clock import clock
from convilyn.core.db import Database, rows_affected
from convilyn.core.settings import Settings
from convilyn.webhooks import ssrf
from convilyn.webhooks.models import WebhookDelivery, WebhookEndpoint

log = logging.getLogger("convilyn.webhooks")
LEASE = timedelta(seconds=60)  # a claimed attempt not recorded by then may be claimed again
TIMEOUT = httpx.Timeout(10.0, connect=5.0)


def signed_headers(endpoint: WebhookEndpoint, message_id: str, body: str) -> dict[str, str]:
    # Receivers check the timestamp against their own clock, so it is the wall clock's.
    now = datetime.now(UTC)
    return {"webhook-id": message_id, "webhook-timestamp": str(int(now.timestamp())),
            "webhook-signature": Webhook(endpoint.secret).sign(message_id, now, body),
            "content-type": "application/json", "user-agent": "convilyn-webhooks/1"}


async def _send(delivery: WebhookDelivery, endpoint: WebhookEndpoint, settings: Settings,
                http: httpx.AsyncClient) -> tuple[int | None, str | None, bool]:
    """(status code, error, retryable) of one attempt."""
    try:
        addresses = await ssrf.check_url(endpoint.url, ssrf.networks(settings.webhook_allowed_networks))
    except ssrf.UnsafeWebhookUrl as exc:
        return None, f"refused: {exc.message}", False
    # Connect to the address just checked: a second lookup could answer an internal one (DNS rebinding).
    url, host, extensions = ssrf.pinned(endpoint.url, addresses[0])
    body = json.dumps(delivery.payload, separators=(",", ":"))
    try:
        response = await http.post(url, content=body, extensions=extensions,
                                   headers={**signed_headers(endpoint, delivery.message_id, body), **host})
    except httpx.HTTPError as exc:
        return None, f"{type(exc).__name__}: {exc}"[:500] or type(exc).__name__, True
    if response.is_success:
        return response.status_code, None, False
    return response.status_code, f"HTTP {response.status_code}", True


# What each API process looks for every second: a point read (Database.all), not an ORM session, since
# that session's hand-offs to aiosqlite's thread cost every request of a busy process 1-2 %.
DUE = (select(WebhookDelivery.id)
       .where(WebhookDelivery.status == "pending", WebhookDelivery.next_attempt_at <= bindparam("now"))
       .order_by(WebhookDelivery.next_attempt_at).limit(bindparam("limit")))


async def deliver_due(db: Database, settings: Settings, http: httpx.AsyncClient, *, limit: int = 20) -> int:
    """Attempt every delivery that is due now; the number attempted."""
    now = clock.now()
    due = [row.id for row in await db.all(DUE, {"now": now, "limit": limit})]
    attempted = 0
    for delivery_id in due:
        async with db.transaction() as session:
            claimed = await rows_affected(session,
                update(WebhookDelivery)
                .where(WebhookDelivery.id == delivery_id, WebhookDelivery.status == "pending",
                       WebhookDelivery.next_attempt_at <= now)
                .values(next_attempt_at=now + LEASE, attempts=WebhookDelivery.attempts + 1))
            if claimed != 1:
                continue
            delivery = await session.get(WebhookDelivery, delivery_id)
            endpoint = await session.get(WebhookEndpoint, delivery.endpoint_id) if delivery else None
        if delivery is None or endpoint is None:  # the endpoint was deleted meanwhile (its deliveries with it)
            continue
        attempted += 1
        status_code, error, retryable = await _send(delivery, endpoint, settings, http)
        delays = settings.webhook_retry_delays
        values: dict[str, object] = {"last_status_code": status_code, "last_error": error}
        if error is None:
            values.update(status="succeeded", delivered_at=clock.now(), next_attempt_at=None)
        elif retryable and delivery.attempts <= len(delays):
            values.update(next_attempt_at=clock.now() + timedelta(seconds=delays[delivery.attempts - 1]))
        else:
            values.update(status="failed", next_attempt_at=None)
        async with db.transaction() as session:
            await session.execute(update(WebhookDelivery).where(
                WebhookDelivery.id == delivery_id, WebhookDelivery.attempts == delivery.attempts,
                WebhookDelivery.status == "pending").values(**values))
    return attempted


async def sweep_deliveries(db: Database, *, older_than: datetime) -> int:
    """Delete deliveries that succeeded or failed before ``older_than``; pending ones are still owed."""
    async with db.transaction() as session:
        return await rows_affected(session, delete(WebhookDelivery).where(
            WebhookDelivery.status != "pending", WebhookDelivery.created_at < older_than))


async def dispatch_forever(db: Database, settings: Settings) -> None:
    """The dispatcher loop an API process runs next to its job runner."""
    # No kept-alive connections: one pinned to an address for one host name must not carry another's request.
    async with httpx.AsyncClient(timeout=TIMEOUT, follow_redirects=False,
                                 limits=httpx.Limits(max_keepalive_connections=0)) as http:
        while True:
            try:
                if not await deliver_due(db, settings, http):
                    await asyncio.sleep(settings.webhook_poll_seconds)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("webhook delivery pass failed")
                await asyncio.sleep(settings.webhook_poll_seconds)
