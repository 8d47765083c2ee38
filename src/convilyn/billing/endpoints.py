"""The billing routes: balance, ledger, and the Paddle top-up webhook."""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Header, Query, Request

from convilyn.auth.deps import Reader
from convilyn.billing import ledger, paddle
from convilyn.billing.schemas import BalanceView, LedgerEntryView, LedgerPage, WebhookReceipt
from convilyn.core.clock import clock
from convilyn.core.errors import (
    COMMON_ERRORS,
    SIGNED_IN_ERRORS,
    PayloadTooLarge,
    Unauthenticated,
    error_responses,
)
from convilyn.deps import Config, ReadSession, WriteSession

log = logging.getLogger("convilyn.billing")

router = APIRouter(prefix="/api/v1/billing", tags=["billing"])

MAX_WEBHOOK_BYTES = 256 * 1024


class WebhookNotConfigured(Unauthenticated):
    """No secret to verify deliveries with: none can be authentic (Paddle retries; the log says why)."""

    code = "WEBHOOK_NOT_CONFIGURED"


@router.get(
    "/balance",
    response_model=BalanceView,
    summary="Get the caller's credit balance",
    responses=error_responses(*SIGNED_IN_ERRORS),
)
async def get_balance(session: ReadSession, principal: Reader) -> BalanceView:
    return BalanceView(user_id=principal.user_id, balance=await ledger.balance(session, user_id=principal.user_id))


@router.get(
    "/ledger",
    response_model=LedgerPage,
    summary="List the caller's ledger entries",
    description="Every grant, top-up, debit and refund, newest first; the balance is their sum.",
    responses=error_responses(*SIGNED_IN_ERRORS),
)
async def list_ledger(
    session: ReadSession,
    principal: Reader,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    cursor: Annotated[str | None, Query(max_length=200, description="Opaque cursor from a previous page.")] = None,
) -> LedgerPage:
    page = await ledger.entries(session, user_id=principal.user_id, limit=limit, cursor=cursor)
    return LedgerPage(items=[LedgerEntryView.of(row[0]) for row in page.rows], cursor=page.cursor)


async def _read_capped(request: Request) -> bytes:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_WEBHOOK_BYTES:
        raise PayloadTooLarge(f"A webhook body may be at most {MAX_WEBHOOK_BYTES} bytes.")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_WEBHOOK_BYTES:
            raise PayloadTooLarge(f"A webhook body may be at most {MAX_WEBHOOK_BYTES} bytes.")
    return bytes(body)


@router.post(
    "/webhooks/paddle",
    response_model=WebhookReceipt,
    summary="Receive a Paddle Billing notification",
    description="Signed by Paddle (`Paddle-Signature: ts=...;h1=...`). A `transaction.completed` event "
    "credits the user named in `data.custom_data.user_id` by the configured price -> credits map; "
    "other events are acknowledged and ignored. A replayed event returns 200 and changes nothing.",
    openapi_extra={"requestBody": {"required": True, "content": {"application/json": {"schema": {"type": "object"}}}}},
    responses=error_responses(paddle.WebhookSignatureInvalid, PayloadTooLarge, WebhookNotConfigured, *COMMON_ERRORS),
)
async def paddle_webhook(
    request: Request,
    session: WriteSession,
    settings: Config,
    paddle_signature: Annotated[str | None, Header(alias="Paddle-Signature", description="ts=...;h1=...")] = None,
) -> WebhookReceipt:
    secret = (settings.paddle_webhook_secret or "").strip()
    if not secret:
        log.error("a Paddle webhook arrived but CONVILYN_PADDLE_WEBHOOK_SECRET is not set")
        raise WebhookNotConfigured("Paddle webhooks are not configured on this server.")
    raw_body = await _read_capped(request)
    paddle.verify_signature(raw_body, paddle_signature, secret=secret, now=clock.now().timestamp(),
                            tolerance=settings.paddle_timestamp_tolerance_seconds)
    event = paddle.parse_event(raw_body)
    receipt = await paddle.apply_event(session, event, price_credits=settings.paddle_price_credits)
    log.info("Paddle event %s (%s): %s %d U", receipt.event_id, receipt.event_type, receipt.outcome, receipt.credits)
    return WebhookReceipt.of(receipt)
