"""The auth revision: one number every principal cache watches (see auth/principals.py).

Any transaction that revokes a key or changes a tier calls ``bump_auth_revision``;
its commit also counts as a change seen by this process at once.
"""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from convilyn.auth.models import AuthRevision
from convilyn.core.db import after_commit

_changes_in_process = 0


def changes_in_process() -> int:
    """How many commits in this process bumped the revision (caches compare it on every request)."""
    return _changes_in_process


def _committed() -> None:
    global _changes_in_process
    _changes_in_process += 1


async def bump_auth_revision(session: AsyncSession) -> None:
    """Make every process drop its cached principals once this transaction commits."""
    await session.execute(update(AuthRevision).where(AuthRevision.id == 1)
                          .values(revision=AuthRevision.revision + 1))
    after_commit(session, _committed)
