"""The credit ledger: one append-only row per change of a user's balance."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from convilyn.core.db import Base, UTCDateTime

KINDS = ("grant", "topup", "debit", "refund")
CREDIT_KINDS = ("grant", "topup", "refund")


class LedgerEntry(Base):
    """A grant, top-up, debit or refund; ``users.credit_balance`` is the sum of a user's entries.

    ``seq`` numbers a user's entries 1, 2, 3, ... in the order they were applied
    (taken under the lock of the user's row), so ``balance_after`` of entry n is
    ``balance_after`` of entry n-1 plus ``amount``.
    """

    __tablename__ = "ledger_entries"
    __table_args__ = (
        UniqueConstraint("user_id", "seq", name="uq_ledger_entries_user_id_seq"),
        CheckConstraint("kind IN ('grant', 'topup', 'debit', 'refund')", name="kind"),
        CheckConstraint(
            "(kind = 'debit' AND amount < 0) OR (kind <> 'debit' AND amount > 0)", name="amount_sign"
        ),
        CheckConstraint("balance_after >= 0", name="balance_after_nonnegative"),
        CheckConstraint("seq >= 1", name="seq_positive"),
    )

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    amount: Mapped[int] = mapped_column(Integer)
    balance_after: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(200), default="")
    # Idempotency key of the change that wrote the entry (``paddle:<event id>``,
    # ``forge:<workflow id>``); unique where set.
    reference: Mapped[str | None] = mapped_column(String(120), nullable=True, unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
