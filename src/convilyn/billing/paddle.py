"""Top-ups from Paddle Billing webhooks: verify the signature, read the event, credit the buyer.

Paddle signs each delivery with ``Paddle-Signature: ts=<unix seconds>;h1=<hex>``,
where ``h1`` is HMAC-SHA256 of ``"<ts>:" + raw body`` under the notification
destination's secret; while a secret is being rotated a header carries one
``h1`` per secret. Paddle retries a delivery until it gets a 2xx, so a replay
of an event must change nothing: the top-up's ledger reference is
``paddle:<event_id>`` and references are unique.

Why not the SDK's ``Verifier`` is in ``docs/decisions.md``.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import re
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy.ext.asyncio import AsyncSession

from convilyn.billing import ledger
from convilyn.core.errors import FieldError, NotFound, Unauthenticated, ValidationFailed

log = logging.getLogger("convilyn.billing.paddle")

SIGNATURE_HEADER = "Paddle-Signature"
COMPLETED = "transaction.completed"
MAX_SIGNATURES = 8  # bounds the work an attacker can ask for
_HEX_DIGEST = re.compile(r"^[0-9a-f]{64}$")
_TIMESTAMP = re.compile(r"^[0-9]{1,12}$")

Outcome = Literal["credited", "duplicate", "ignored"]


class WebhookSignatureInvalid(Unauthenticated):
    code = "INVALID_SIGNATURE"


@dataclass(frozen=True)
class Receipt:
    """What a delivery did."""

    event_id: str
    event_type: str
    outcome: Outcome
    credits: int = 0
    user_id: str | None = None


def sign(raw_body: bytes, *, secret: str, timestamp: int) -> str:
    """A ``Paddle-Signature`` header value for ``raw_body`` (what Paddle sends; used by tests and tools)."""
    return f"ts={timestamp};h1={_digest(secret, str(timestamp), raw_body)}"


def _digest(secret: str, timestamp: str, raw_body: bytes) -> str:
    return hmac.new(secret.encode(), timestamp.encode() + b":" + raw_body, hashlib.sha256).hexdigest()


def _parse_header(header: str) -> tuple[str, list[str]]:
    timestamp: str | None = None
    signatures: list[str] = []
    for part in header.split(";"):
        key, sep, value = part.strip().partition("=")
        if not sep:
            continue
        if key == "ts":
            timestamp = value
        elif key == "h1":
            signatures.append(value)
        # Other keys (a future h2) are skipped: h1 alone decides.
    if timestamp is None or not _TIMESTAMP.match(timestamp):
        raise WebhookSignatureInvalid("Paddle-Signature has no valid ts.")
    signatures = [s for s in signatures if _HEX_DIGEST.match(s)][:MAX_SIGNATURES]
    if not signatures:
        raise WebhookSignatureInvalid("Paddle-Signature has no valid h1.")
    return timestamp, signatures


def verify_signature(raw_body: bytes, header: str | None, *, secret: str, now: float, tolerance: int) -> None:
    """Raise WebhookSignatureInvalid unless one ``h1`` signs ``ts:raw_body`` and ``ts`` is within tolerance."""
    if not header:
        raise WebhookSignatureInvalid(f"The {SIGNATURE_HEADER} header is missing.")
    timestamp, signatures = _parse_header(header)
    if abs(now - int(timestamp)) > tolerance:
        raise WebhookSignatureInvalid(
            f"The signature's timestamp is more than {tolerance} s from the server's clock.",
            details={"toleranceSeconds": tolerance},
        )
    expected = _digest(secret, timestamp, raw_body)
    matched = False
    for candidate in signatures:  # no early exit: every candidate costs the same
        matched |= hmac.compare_digest(expected, candidate)
    if not matched:
        raise WebhookSignatureInvalid("The signature does not match the body.")


def _invalid(message: str, field: str, code: str = "invalid") -> ValidationFailed:
    return ValidationFailed(message, field=field, code=code, envelope_code="INVALID_WEBHOOK_EVENT")


def parse_event(raw_body: bytes) -> dict[str, Any]:
    """The event object, with a string ``event_id`` and ``event_type``, or a 422."""
    try:
        event = json.loads(raw_body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise _invalid("The body is not JSON.", "body", "json_invalid") from exc
    if not isinstance(event, dict):
        raise _invalid("The body must be a JSON object.", "body")
    for name in ("event_id", "event_type"):
        value = event.get(name)
        if not isinstance(value, str) or not 0 < len(value) <= 100:
            raise _invalid(f"{name} must be a non-empty string of at most 100 characters.", name)
    return event


def credits_purchased(data: dict[str, Any], price_credits: dict[str, int]) -> int:
    """Credits a transaction buys: the sum over its items of price -> credits times quantity."""
    items = data.get("items")
    if not isinstance(items, list):
        raise _invalid("data.items must be a list.", "data.items")
    total = 0
    errors: list[FieldError] = []
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            errors.append(FieldError(field=f"data.items.{index}", code="invalid", message="An item must be an object."))
            continue
        price = item.get("price")
        price_id = price.get("id") if isinstance(price, dict) else item.get("price_id")
        quantity = item.get("quantity", 1)
        if isinstance(quantity, bool) or not isinstance(quantity, int) or not 0 < quantity <= 10_000:
            errors.append(FieldError(field=f"data.items.{index}.quantity", code="invalid",
                                     message="quantity must be a whole number from 1 to 10000."))
            continue
        if isinstance(price_id, str) and price_id in price_credits:
            total += price_credits[price_id] * quantity
    if errors:
        raise ValidationFailed.of(errors, envelope_code="INVALID_WEBHOOK_EVENT")
    return total


async def apply_event(session: AsyncSession, event: dict[str, Any], *, price_credits: dict[str, int]) -> Receipt:
    """Credit the buyer of a completed transaction; any other event is acknowledged and ignored.

    A replayed event (same ``event_id``) is a ``duplicate`` and changes nothing. A completed
    transaction that names no known user is a 422, so it shows as failed in Paddle and is retried.
    """
    event_id, event_type = event["event_id"], event["event_type"]
    if event_type != COMPLETED:
        return Receipt(event_id, event_type, "ignored")
    data = event.get("data")
    if not isinstance(data, dict):
        raise _invalid("data must be an object.", "data")
    credits = credits_purchased(data, price_credits)
    if credits == 0:
        log.warning("Paddle event %s: transaction %s has no credit-pack price; nothing credited",
                    event_id, data.get("id"))
        return Receipt(event_id, event_type, "ignored")
    custom = data.get("custom_data")
    user_id = custom.get("user_id") if isinstance(custom, dict) else None
    if not isinstance(user_id, str) or not user_id:
        raise _invalid("data.custom_data.user_id must name the buyer.", "data.custom_data.user_id", "missing")
    transaction_id = data.get("id") if isinstance(data.get("id"), str) else "?"
    try:
        await ledger.topup(session, user_id=user_id, amount=credits, reason=f"Paddle {transaction_id}"[:200],
                           reference=f"paddle:{event_id}")
    except ledger.DuplicateReference:
        return Receipt(event_id, event_type, "duplicate", 0, user_id)
    except NotFound as exc:
        raise _invalid(f"No user {user_id}.", "data.custom_data.user_id", "unknown_user") from exc
    return Receipt(event_id, event_type, "credited", credits, user_id)
