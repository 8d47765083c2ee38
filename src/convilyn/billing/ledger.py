"""The credit ledger: every change of a balance is one guarded UPDATE plus one appended entry.

``users.credit_balance`` is a cached sum of the user's ledger entries. Each
operation moves the balance with a single guarded statement
(``... WHERE credit_balance >= :amount`` for a debit), reads the new balance
back with ``RETURNING`` and appends the entry, inside a SAVEPOINT: if the entry
is refused (its ``reference`` was already used) the balance change is undone
with it, and the caller's transaction carries on unharmed. The UPDATE locks the
user's row (PostgreSQL) or the database (SQLite) until the caller commits, so
entries of one user are applied one at a time, in ``seq`` order.

The caller owns the transaction: these functions never commit.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.util import identity_key

from convilyn.auth.models import User
from convilyn.billing.models import CREDIT_KINDS, KINDS, LedgerEntry
from convilyn.core.clock import clock
from convilyn.core.errors import Conflict, InsufficientCredits, NotFound, ValidationFailed
from convilyn.core.ids import new_id
from convilyn.core.pagination import Keyset, Page, paginate

# users.credit_balance is a 32-bit integer on PostgreSQL.
MAX_BALANCE = 2**31 - 1
MAX_AMOUNT = 1_000_000_000

LEDGER_ORDER = Keyset("ledger", ((LedgerEntry.seq, "int"),))


class DuplicateReference(Conflict):
    """The change was already applied: an entry with this ``reference`` exists."""

    code = "DUPLICATE_REFERENCE"


class BalanceLimitExceeded(Conflict):
    code = "BALANCE_LIMIT_EXCEEDED"


@dataclass(frozen=True)
class LedgerTotals:
    """A user's cached balance beside the sum of their entries (equal unless something is broken)."""

    balance: int
    ledger_sum: int
    entries: int


def _check_amount(amount: int) -> None:
    if isinstance(amount, bool) or not isinstance(amount, int) or not 0 < amount <= MAX_AMOUNT:
        raise ValidationFailed(f"amount must be a whole number of credits from 1 to {MAX_AMOUNT}.",
                               field="amount", code="out_of_range")


async def _user_balance(session: AsyncSession, user_id: str) -> int:
    found = await session.scalar(select(User.credit_balance).where(User.id == user_id))
    if found is None:
        raise NotFound(f"No user {user_id}.", code="USER_NOT_FOUND")
    return found


async def _apply(session: AsyncSession, *, user_id: str, kind: str, amount: int, reason: str,
                 reference: str | None) -> LedgerEntry:
    assert kind in KINDS, kind
    _check_amount(amount)
    if kind in CREDIT_KINDS:
        delta, guard = amount, User.credit_balance <= MAX_BALANCE - amount
    else:
        delta, guard = -amount, User.credit_balance >= amount
    try:
        async with session.begin_nested():
            balance_after = await session.scalar(
                update(User)
                .where(User.id == user_id, guard)
                .values(credit_balance=User.credit_balance + delta)
                .returning(User.credit_balance)
                .execution_options(synchronize_session=False)
            )
            if balance_after is None:
                balance = await _user_balance(session, user_id)
                if kind in CREDIT_KINDS:
                    raise BalanceLimitExceeded(
                        f"Adding {amount} U would take the balance past {MAX_BALANCE} U.",
                        details={"balance": balance, "amount": amount},
                    )
                raise InsufficientCredits(
                    f"This costs {amount} U and the balance is {balance} U; top up to continue.",
                    details={"balance": balance, "cost": amount, "shortfall": amount - balance},
                )
            # Safe without a race: the UPDATE above holds the user's row until commit.
            seq = await session.scalar(
                select(func.coalesce(func.max(LedgerEntry.seq), 0) + 1).where(LedgerEntry.user_id == user_id)
            )
            entry = LedgerEntry(
                id=new_id("led"), user_id=user_id, seq=seq, kind=kind, amount=delta,
                balance_after=balance_after, reason=reason[:200], reference=reference, created_at=clock.now(),
            )
            session.add(entry)
            await session.flush()
    except IntegrityError as exc:
        if reference is not None and await session.scalar(
            select(LedgerEntry.id).where(LedgerEntry.reference == reference)
        ):
            raise DuplicateReference(f"{reference} was already applied.", details={"reference": reference}) from exc
        raise
    loaded = session.sync_session.identity_map.get(identity_key(User, user_id))
    if loaded is not None:  # keep a User this session already holds truthful
        set_committed_value(loaded, "credit_balance", balance_after)
    return entry


async def grant(session: AsyncSession, *, user_id: str, amount: int, reason: str,
                reference: str | None = None) -> LedgerEntry:
    """Give ``amount`` credits (an operator's or a sign-up grant)."""
    return await _apply(session, user_id=user_id, kind="grant", amount=amount, reason=reason, reference=reference)


async def topup(session: AsyncSession, *, user_id: str, amount: int, reason: str,
                reference: str | None = None) -> LedgerEntry:
    """Add purchased credits; ``reference`` (the payment event) makes a replay raise DuplicateReference."""
    return await _apply(session, user_id=user_id, kind="topup", amount=amount, reason=reason, reference=reference)


async def refund(session: AsyncSession, *, user_id: str, amount: int, reason: str,
                 reference: str | None = None) -> LedgerEntry:
    """Give back ``amount`` credits that an earlier debit took."""
    return await _apply(session, user_id=user_id, kind="refund", amount=amount, reason=reason, reference=reference)


async def debit(session: AsyncSession, *, user_id: str, amount: int, reason: str,
                reference: str | None = None) -> LedgerEntry:
    """Take ``amount`` credits, or raise InsufficientCredits (402) and change nothing."""
    return await _apply(session, user_id=user_id, kind="debit", amount=amount, reason=reason, reference=reference)


async def balance(session: AsyncSession, *, user_id: str) -> int:
    """The user's current balance in credits."""
    return await _user_balance(session, user_id)


async def entries(session: AsyncSession, *, user_id: str, limit: int, cursor: str | None) -> Page:
    """One page of the user's entries, newest first (rows are ``(LedgerEntry,)``)."""
    statement = select(LedgerEntry).where(LedgerEntry.user_id == user_id)
    return await paginate(session, statement, LEDGER_ORDER, limit=limit, cursor=cursor,
                          key=lambda row: (row[0].seq,))


async def totals(session: AsyncSession, *, user_id: str) -> LedgerTotals:
    """The cached balance beside the ledger's sum, for audits and tests."""
    cached = await _user_balance(session, user_id)
    total, count = (await session.execute(
        select(func.coalesce(func.sum(LedgerEntry.amount), 0), func.count()).where(LedgerEntry.user_id == user_id)
    )).one()
    return LedgerTotals(balance=cached, ledger_sum=int(total), entries=int(count))
