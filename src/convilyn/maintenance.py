"""The periodic maintenance pass, the same whichever process runs it.

On SQLite the embedded runner calls it every ``sweep_interval_seconds``; on
PostgreSQL it is the ``convilyn.sweep_expired`` periodic task of the
maintenance queue (one worker per interval, see ``jobs.worker``).
"""

from __future__ import annotations

from datetime import timedelta

from convilyn.core.clock import clock
from convilyn.core.db import Database
from convilyn.core.settings import Settings
from convilyn.files.storage import Storage
from convilyn.idempotency.service import sweep_expired as sweep_idempotency_keys
from convilyn.jobs.expiry import sweep, sweep_job_events
from convilyn.webhooks.delivery import sweep_deliveries


async def sweep_all(db: Database, storage: Storage, settings: Settings) -> dict[str, int]:
    """Expired uploads, outputs and Idempotency-Keys; old event logs and settled webhook deliveries."""
    now = clock.now()
    removed = await sweep(db, storage)
    removed["idempotencyKeys"] = await sweep_idempotency_keys(db)
    removed["jobEvents"] = await sweep_job_events(
        db, older_than=now - timedelta(seconds=settings.job_event_ttl_seconds))
    removed["webhookDeliveries"] = await sweep_deliveries(
        db, older_than=now - timedelta(seconds=settings.webhook_delivery_ttl_seconds))
    return removed
