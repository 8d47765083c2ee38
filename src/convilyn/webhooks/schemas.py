"""Request and response bodies of the webhooks API."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import Field

from convilyn.core.schemas import ApiModel, ApiRequest

WebhookEventType = Literal["job.slot_needed", "job.completed", "job.failed"]
DeliveryStatus = Literal["pending", "succeeded", "failed"]


class CreateWebhook(ApiRequest):
    url: str = Field(min_length=8, max_length=2048, examples=["https://example.com/convilyn-hook"])
    events: list[WebhookEventType] = Field(min_length=1, max_length=3)
    description: str = Field(default="", max_length=200)


class UpdateWebhook(ApiRequest):
    url: str | None = Field(default=None, min_length=8, max_length=2048)
    events: list[WebhookEventType] | None = Field(default=None, min_length=1, max_length=3)
    description: str | None = Field(default=None, max_length=200)
    enabled: bool | None = None


class WebhookView(ApiModel):
    webhook_id: str
    url: str
    events: list[WebhookEventType]
    description: str
    enabled: bool
    created_at: datetime


class CreatedWebhook(WebhookView):
    secret: str = Field(description="The signing secret (Standard Webhooks `whsec_...`); shown only here.")


class WebhookPage(ApiModel):
    items: list[WebhookView]
    cursor: str | None = Field(description="Pass as `cursor` for the next page; null at the end.")


class DeliveryView(ApiModel):
    delivery_id: str
    message_id: str = Field(description="The `webhook-id` header: the same on every attempt.")
    event_type: WebhookEventType
    payload: dict[str, Any]
    status: DeliveryStatus
    attempts: int
    next_attempt_at: datetime | None = None
    last_status_code: int | None = None
    last_error: str | None = None
    created_at: datetime
    delivered_at: datetime | None = None


class DeliveryPage(ApiModel):
    items: list[DeliveryView]
    cursor: str | None = Field(description="Pass as `cursor` for the next page; null at the end.")
