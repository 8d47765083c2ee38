"""Minting: bind a deterministic, platform-unique treasure to a workflow, for ``forge_cost`` credits.

One transaction (the caller's) holds the whole mint: the treasure row is
inserted first, inside a SAVEPOINT, then the owner is debited. The database
settles every race:

- ``treasures.workflow_id`` is unique: a concurrent mint of the same workflow
  makes our insert fail once the other one commits; we undo only our savepoint,
  have charged nothing yet, and return the other treasure as ``alreadyBound``.
- ``treasures.gene_hash`` is unique: a collision (with an old treasure or a
  concurrent one) re-rolls with the next attempt, up to the re-roll budget,
  then 503 with nothing charged.
- the debit is a guarded UPDATE (``credit_balance >= cost``): out of credits
  raises 402 and the caller's rollback removes the treasure row.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from convilyn.billing import ledger
from convilyn.core.clock import clock
from convilyn.core.errors import NotFound, ServiceUnavailable, ValidationFailed
from convilyn.core.ids import id_pattern, is_valid_id, new_id
from convilyn.forge import repository
from convilyn.forge.genes import GeneSpace, GeneVector, gene_hash, generate_genes
from convilyn.forge.models import Treasure
from convilyn.forge.svg import render_svg

WORKFLOW_ID_PATTERN = id_pattern("uw")
TREASURE_ID_PATTERN = id_pattern("tr")


class GeneSpaceExhausted(ServiceUnavailable):
    code = "GENE_SPACE_EXHAUSTED"


@dataclass(frozen=True)
class Minted:
    treasure: Treasure
    already_bound: bool


@dataclass(frozen=True)
class Quote:
    workflow_id: str
    cost: int
    balance: int
    already_bound: bool
    treasure_id: str | None

    @property
    def sufficient(self) -> bool:
        return self.balance >= self.cost


def check_workflow_id(workflow_id: str) -> None:
    """422 unless ``workflow_id`` is ``uw_`` and 24 lowercase hex digits."""
    if not is_valid_id("uw", workflow_id):
        raise ValidationFailed(f"workflowId must match {WORKFLOW_ID_PATTERN}.", field="workflowId",
                               code="string_pattern_mismatch")


def _workflow_not_found(workflow_id: str) -> NotFound:
    # The same body whether the workflow does not exist or is someone else's.
    return NotFound(f"Workflow {workflow_id} was not found.", code="WORKFLOW_NOT_FOUND")


async def _owned(session: AsyncSession, *, owner_id: str, workflow_id: str) -> None:
    check_workflow_id(workflow_id)
    if not await repository.owns_workflow(session, owner_id=owner_id, workflow_id=workflow_id):
        raise _workflow_not_found(workflow_id)


async def _insert_unique(
    session: AsyncSession, *, owner_id: str, workflow_id: str, reroll_budget: int, space: GeneSpace | None
) -> Minted:
    """Insert the first attempt whose gene hash is free, or find the treasure a concurrent mint bound."""
    for attempt in range(max(reroll_budget, 1)):
        vector = generate_genes(workflow_id, attempt, space=space)
        digest = gene_hash(vector)
        if await repository.gene_hash_taken(session, digest):
            continue
        now = clock.now()
        treasure = Treasure(id=new_id("tr"), workflow_id=workflow_id, owner_id=owner_id, gene_hash=digest,
                            gene_version=vector.gene_version, gene_vector=vector.to_json(),
                            minted_at=now, bound_at=now)
        try:
            async with session.begin_nested():
                session.add(treasure)
                await session.flush()
        except IntegrityError:
            bound = await repository.bound_treasure(session, workflow_id=workflow_id)
            if bound is not None:
                return Minted(bound, already_bound=True)
            continue  # a concurrent mint took this gene hash first
        return Minted(treasure, already_bound=False)
    raise GeneSpaceExhausted(
        f"No unique gene vector was found for {workflow_id} within {reroll_budget} re-rolls; nothing was charged.",
        details={"workflowId": workflow_id, "rerollBudget": reroll_budget},
    )


async def commit_treasure(
    session: AsyncSession, *, owner_id: str, workflow_id: str, cost: int, reroll_budget: int,
    space: GeneSpace | None = None,
) -> Minted:
    """Mint and bind the workflow's treasure and debit ``cost``, or return the bound one free of charge.

    Raises NotFound (not the caller's workflow), InsufficientCredits (402, nothing
    written once the caller rolls back) or GeneSpaceExhausted (503).
    """
    await _owned(session, owner_id=owner_id, workflow_id=workflow_id)
    bound = await repository.bound_treasure(session, workflow_id=workflow_id)
    if bound is not None:
        return Minted(bound, already_bound=True)
    minted = await _insert_unique(session, owner_id=owner_id, workflow_id=workflow_id,
                                  reroll_budget=reroll_budget, space=space)
    if not minted.already_bound and cost > 0:
        await ledger.debit(session, user_id=owner_id, amount=cost, reason=f"forge {workflow_id}",
                           reference=f"forge:{workflow_id}")
    return minted


async def quote(session: AsyncSession, *, owner_id: str, workflow_id: str, cost: int) -> Quote:
    """What committing the workflow would cost the caller now (0 once it is bound)."""
    await _owned(session, owner_id=owner_id, workflow_id=workflow_id)
    bound = await repository.bound_treasure(session, workflow_id=workflow_id)
    balance = await ledger.balance(session, user_id=owner_id)
    if bound is not None:
        return Quote(workflow_id, cost=0, balance=balance, already_bound=True, treasure_id=bound.id)
    return Quote(workflow_id, cost=cost, balance=balance, already_bound=False, treasure_id=None)


async def readable_treasure(session: AsyncSession, *, viewer_id: str | None, treasure_id: str) -> Treasure:
    """A treasure the viewer may see (theirs, or a public workflow's); anything else is not found."""
    treasure = await repository.readable_treasure(session, viewer_id=viewer_id, treasure_id=treasure_id)
    if treasure is None:
        raise NotFound(f"Treasure {treasure_id} was not found.", code="TREASURE_NOT_FOUND")
    return treasure


def vector_of(treasure: Treasure) -> GeneVector:
    """The vector as it was minted."""
    return GeneVector.from_json(treasure.gene_vector)


def treasure_svg(treasure: Treasure) -> str:
    """The treasure's picture, an SVG document."""
    return render_svg(vector_of(treasure))


def preview(workflow_id: str, attempt: int = 0, *, space: GeneSpace | None = None) -> tuple[GeneVector, str]:
    """The vector and picture a workflow would mint at ``attempt`` (no database, nothing charged).

    The mint takes attempt 0 unless that gene hash is already taken, so a preview
    can differ from the treasure actually minted after a collision.
    """
    check_workflow_id(workflow_id)
    vector = generate_genes(workflow_id, attempt, space=space)
    return vector, render_svg(vector)

