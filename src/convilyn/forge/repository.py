"""Queries over treasures, each scoped to what the caller may see."""

from __future__ import annotations

from sqlalchemy import Select, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from convilyn.builder.models import UserWorkflow
from convilyn.forge.models import Treasure


def readable_treasures(viewer_id: str | None) -> Select[Treasure]:
    """Treasures ``viewer_id`` may see: their own, and those of public workflows (anyone, even anonymous)."""
    statement = select(Treasure).outerjoin(UserWorkflow, UserWorkflow.id == Treasure.workflow_id)
    public = UserWorkflow.visibility == "public"
    return statement.where(or_(Treasure.owner_id == viewer_id, public) if viewer_id else public)


async def readable_treasure(session: AsyncSession, *, viewer_id: str | None, treasure_id: str) -> Treasure | None:
    return await session.scalar(readable_treasures(viewer_id).where(Treasure.id == treasure_id))


async def owns_workflow(session: AsyncSession, *, owner_id: str, workflow_id: str) -> bool:
    """Whether the workflow exists and is the caller's (any visibility)."""
    found = await session.scalar(
        select(UserWorkflow.id).where(UserWorkflow.id == workflow_id, UserWorkflow.owner_id == owner_id)
    )
    return found is not None


async def bound_treasure(session: AsyncSession, *, workflow_id: str) -> Treasure | None:
    """The treasure bound to the workflow, if it has one."""
    return await session.scalar(select(Treasure).where(Treasure.workflow_id == workflow_id))


async def gene_hash_taken(session: AsyncSession, gene_hash: str) -> bool:
    return await session.scalar(select(Treasure.id).where(Treasure.gene_hash == gene_hash)) is not None
