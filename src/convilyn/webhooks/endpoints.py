"""/api/v1/webhooks: register endpoints for job events and see their deliveries."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response

from convilyn.auth.deps import Reader, Writer
from convilyn.core.errors import SIGNED_IN_ERRORS, AppError, NotFound, error_responses
from convilyn.core.pagination import CursorQuery
from convilyn.deps import Config, ReadSession, WriteSession
from convilyn.webhooks import service, ssrf
from convilyn.webhooks.schemas import (
    CreatedWebhook,
    CreateWebhook,
    DeliveryPage,
    UpdateWebhook,
    WebhookPage,
    WebhookView,
)

router = APIRouter(prefix="/api/v1", tags=["webhooks"])
WebhookId = Annotated[str, Path(alias="webhookId", pattern=r"^wh_[a-f0-9]{24}$", description="The webhook's id.")]
AUTH: tuple[type[AppError], ...] = (NotFound, *SIGNED_IN_ERRORS)
Limit = Annotated[int, Query(ge=1, le=100)]


def _allowed(settings: Config) -> list[ssrf.Network]:
    return ssrf.networks(settings.webhook_allowed_networks)


@router.post(
    "/webhooks", status_code=201, response_model=CreatedWebhook, summary="Register a webhook",
    description="Deliveries of `job.slot_needed`, `job.completed` and `job.failed` to `url`, signed per Standard "
    "Webhooks with the returned `secret` (shown only here). Loopback, private, link-local and metadata "
    "addresses are refused (422 `UNSAFE_WEBHOOK_URL`), here and again before each delivery.",
    responses=error_responses(*AUTH, ssrf.UnsafeWebhookUrl),
)
async def create_webhook(body: CreateWebhook, session: WriteSession, settings: Config,
                         principal: Writer) -> CreatedWebhook:
    endpoint = await service.create(session, owner_id=principal.user_id, url=body.url, events=body.events,
                                    description=body.description, allowed=_allowed(settings))
    return CreatedWebhook(**service.view(endpoint).model_dump(), secret=endpoint.secret)


@router.get("/webhooks", response_model=WebhookPage, summary="List your webhooks", responses=error_responses(*AUTH))
async def list_webhooks(session: ReadSession, principal: Reader, limit: Limit = 20,
                        cursor: CursorQuery = None) -> WebhookPage:
    page = await service.list_endpoints(session, owner_id=principal.user_id, limit=limit, cursor=cursor)
    return WebhookPage(items=[service.view(row[0]) for row in page.rows], cursor=page.cursor)


@router.get("/webhooks/{webhookId}", response_model=WebhookView, summary="Get a webhook",
            responses=error_responses(*AUTH))
async def get_webhook(webhook_id: WebhookId, session: ReadSession, principal: Reader) -> WebhookView:
    return service.view(await service.get(session, owner_id=principal.user_id, webhook_id=webhook_id))


@router.patch("/webhooks/{webhookId}", response_model=WebhookView, summary="Change a webhook",
              responses=error_responses(*AUTH, ssrf.UnsafeWebhookUrl))
async def update_webhook(webhook_id: WebhookId, body: UpdateWebhook, session: WriteSession, settings: Config,
                         principal: Writer) -> WebhookView:
    endpoint = await service.update(session, owner_id=principal.user_id, webhook_id=webhook_id,
                                    changes=body.model_dump(exclude_unset=True), allowed=_allowed(settings))
    return service.view(endpoint)


@router.delete("/webhooks/{webhookId}", status_code=204, summary="Remove a webhook",
               responses=error_responses(*AUTH))
async def delete_webhook(webhook_id: WebhookId, session: WriteSession, principal: Writer) -> Response:
    await service.remove(session, owner_id=principal.user_id, webhook_id=webhook_id)
    return Response(status_code=204)


@router.get("/webhooks/{webhookId}/deliveries", response_model=DeliveryPage, summary="List a webhook's deliveries",
            description="Newest first, each with its attempts and outcome (`pending`, `succeeded`, `failed`).",
            responses=error_responses(*AUTH))
async def list_webhook_deliveries(webhook_id: WebhookId, session: ReadSession, principal: Reader,
                                  limit: Limit = 20, cursor: CursorQuery = None) -> DeliveryPage:
    page = await service.list_deliveries(session, owner_id=principal.user_id, webhook_id=webhook_id,
                                         limit=limit, cursor=cursor)
    return DeliveryPage(items=[service.delivery_view(row[0]) for row in page.rows], cursor=page.cursor)
