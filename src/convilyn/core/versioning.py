"""Optimistic concurrency: the one guarded ``itemVersion`` update jobs and user workflows share.

A client sends the ``itemVersion`` it last saw; the change is one ``UPDATE``
whose ``WHERE`` holds that version and whatever else must still be true (the
owner, the status, the visibility), and which bumps the version. Zero rows
means someone else got there first; the caller re-reads to say why (409 with
the current version, 400 for a state, 404).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, update
from sqlalchemy.ext.asyncio import AsyncSession

from convilyn.core.db import rows_affected


async def bump_if_current(
    session: AsyncSession, model: type[Any], *, item_version: int, where: tuple[ColumnElement[bool], ...],
    values: dict[str, Any],
) -> bool:
    """Apply ``values`` and ``itemVersion + 1`` to the row matching ``where`` at ``item_version``; True if it did."""
    changed = await rows_affected(session,
        update(model)
        .where(*where, model.item_version == item_version)
        .values(item_version=model.item_version + 1, **values)
        .execution_options(synchronize_session=False)
    )
    return changed == 1
