"""The rules of webhooks: register, change, remove endpoints; queue a delivery per event and endpoint."""

from __future__ import annotations

import base64
import secrets
from collections.abc import Sequence
from datetime import UTC
from typing import Any, cast

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from convilyn.core.clock import clock
from convilyn.core.db import rows_affected
from convilyn.core.errors import NotFound
from convilyn.core.ids import new_id
from convilyn.core.pagination import Keyset, Page, paginate
from convilyn.webhooks import ssrf
from convilyn.webhooks.models import WebhookDelivery, WebhookEndpoint
from convilyn.webhooks.schemas import DeliveryStatus, DeliveryView, WebhookEventType, WebhookView

ENDPOINT_ORDER = Keyset("webhooks", ((WebhookEndpoint.created_at, "datetime"), (WebhookEndpoint.id, "str")))
DELIVERY_ORDER = Keyset("deliveries", ((WebhookDelivery.created_at, "datetime"), (WebhookDelivery.id, "str")))
# Job events that are sent as webhooks, by their event-log type.
JOB_EVENT_TYPES = {"checkpoint": "job.slot_needed", "completed": "job.completed", "failed": "job.failed"}


def _not_found(webhook_id: str) -> NotFound:
    return NotFound(f"Webhook {webhook_id} was not found.", code="WEBHOOK_NOT_FOUND")


def view(endpoint: WebhookEndpoint) -> WebhookView:
    return WebhookView(webhook_id=endpoint.id, url=endpoint.url, events=cast(list[WebhookEventType], endpoint.events),
                       description=endpoint.description, enabled=endpoint.enabled, created_at=endpoint.created_at)


def delivery_view(row: WebhookDelivery) -> DeliveryView:
    # The columns hold only these values (written here and by the dispatcher).
    return DeliveryView(delivery_id=row.id, message_id=row.message_id, event_type=cast(WebhookEventType, row.event_type),
                        payload=row.payload, status=cast(DeliveryStatus, row.status), attempts=row.attempts,
                        next_attempt_at=row.next_attempt_at if row.status == "pending" else None,
                        last_status_code=row.last_status_code, last_error=row.last_error, created_at=row.created_at,
                        delivered_at=row.delivered_at)


async def create(session: AsyncSession, *, owner_id: str, url: str, events: Sequence[str], description: str,
                 allowed: list[ssrf.Network]) -> WebhookEndpoint:
    """Register an endpoint after the SSRF check; its secret is generated here."""
    await ssrf.check_url(url, allowed)
    endpoint = WebhookEndpoint(
        id=new_id("wh"), owner_id=owner_id, url=url, events=sorted(set(events)), description=description,
        secret="whsec_" + base64.b64encode(secrets.token_bytes(32)).decode(), enabled=True, created_at=clock.now(),
    )
    session.add(endpoint)
    await session.flush()
    return endpoint


async def get(session: AsyncSession, *, owner_id: str, webhook_id: str) -> WebhookEndpoint:
    endpoint = await session.scalar(select(WebhookEndpoint).where(WebhookEndpoint.id == webhook_id,
                                                                  WebhookEndpoint.owner_id == owner_id))
    if endpoint is None:
        raise _not_found(webhook_id)
    return endpoint


async def update(session: AsyncSession, *, owner_id: str, webhook_id: str, changes: dict[str, Any],
                 allowed: list[ssrf.Network]) -> WebhookEndpoint:
    endpoint = await get(session, owner_id=owner_id, webhook_id=webhook_id)
    if changes.get("url") is not None:
        await ssrf.check_url(changes["url"], allowed)
    for name, value in changes.items():
        if value is not None:
            setattr(endpoint, name, sorted(set(value)) if name == "events" else value)
    await session.flush()
    return endpoint


async def remove(session: AsyncSession, *, owner_id: str, webhook_id: str) -> None:
    removed = await rows_affected(session, delete(WebhookEndpoint).where(WebhookEndpoint.id == webhook_id,
                                                                         WebhookEndpoint.owner_id == owner_id))
    if not removed:
        raise _not_found(webhook_id)


async def list_endpoints(session: AsyncSession, *, owner_id: str, limit: int, cursor: str | None) -> Page:
    statement = select(WebhookEndpoint).where(WebhookEndpoint.owner_id == owner_id)
    return await paginate(session, statement, ENDPOINT_ORDER, limit=limit, cursor=cursor,
                          key=lambda row: (row[0].created_at, row[0].id))


async def list_deliveries(session: AsyncSession, *, owner_id: str, webhook_id: str, limit: int,
                          cursor: str | None) -> Page:
    """An endpoint's deliveries, newest first, each with its outcome."""
    await get(session, owner_id=owner_id, webhook_id=webhook_id)
    statement = select(WebhookDelivery).where(WebhookDelivery.endpoint_id == webhook_id)
    return await paginate(session, statement, DELIVERY_ORDER, limit=limit, cursor=cursor,
                          key=lambda row: (row[0].created_at, row[0].id))


async def enqueue_job_event(session: AsyncSession, *, owner_id: str, job_id: str, event_type: str,
                            data: dict[str, Any]) -> None:
    """Queue one delivery per enabled endpoint of the owner subscribed to this job event (same transaction)."""
    webhook_type = JOB_EVENT_TYPES.get(event_type)
    if webhook_type is None:
        return
    endpoints = (await session.scalars(select(WebhookEndpoint).where(
        WebhookEndpoint.owner_id == owner_id, WebhookEndpoint.enabled.is_(True)))).all()
    now = clock.now()
    for endpoint in endpoints:
        if webhook_type not in endpoint.events:
            continue
        payload = {"type": webhook_type, "timestamp": now.astimezone(UTC).isoformat().replace("+00:00", "Z"), "data": {"jobSpecId": job_id, **data}}
        session.add(WebhookDelivery(id=new_id("whd"), endpoint_id=endpoint.id, message_id=new_id("msg"),
                                    event_type=webhook_type, payload=payload, status="pending", attempts=0,
                                    next_attempt_at=now, created_at=now))
