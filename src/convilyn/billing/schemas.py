"""Request and response bodies of the billing API."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field

from convilyn.billing.models import LedgerEntry
from convilyn.billing.paddle import Outcome, Receipt
from convilyn.core.schemas import ApiModel


class BalanceView(ApiModel):
    user_id: str
    balance: int = Field(ge=0, description="Credits (U) available.")
    unit: Literal["U"] = "U"


class LedgerEntryView(ApiModel):
    entry_id: str
    seq: int = Field(ge=1, description="1 for the user's first entry, then 2, 3, ... in the order applied.")
    kind: Literal["grant", "topup", "debit", "refund"]
    amount: int = Field(description="Signed: negative for a debit.")
    balance_after: int = Field(ge=0)
    reason: str
    reference: str | None = Field(default=None, description="What wrote the entry: `paddle:<event id>`, "
                                  "`forge:<workflow id>`; unique where set.")
    created_at: datetime

    @classmethod
    def of(cls, entry: LedgerEntry) -> LedgerEntryView:
        return cls(entry_id=entry.id, seq=entry.seq, kind=entry.kind, amount=entry.amount,  # type: ignore[arg-type]
                   balance_after=entry.balance_after, reason=entry.reason, reference=entry.reference,
                   created_at=entry.created_at)


class LedgerPage(ApiModel):
    items: list[LedgerEntryView]
    cursor: str | None = Field(description="Pass as `cursor` for the next page; null at the end.")


class WebhookReceipt(ApiModel):
    event_id: str
    event_type: str
    outcome: Outcome = Field(description="`credited`, `duplicate` (a replay: nothing changed) or `ignored`.")
    credits: int = Field(ge=0, description="Credits added by this delivery.")

    @classmethod
    def of(cls, receipt: Receipt) -> WebhookReceipt:
        return cls(event_id=receipt.event_id, event_type=receipt.event_type, outcome=receipt.outcome,
                   credits=receipt.credits)
