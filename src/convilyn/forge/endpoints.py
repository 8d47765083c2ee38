"""The Forge routes: commit (mint and bind), quote, and reading treasures as JSON or SVG."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Response

from convilyn.auth.deps import Forger, MaybeReader, Reader
from convilyn.core.errors import COMMON_ERRORS, InsufficientCredits, NotFound, Unauthenticated, error_responses
from convilyn.deps import Config, ReadSession, WriteSession
from convilyn.forge import service
from convilyn.forge.genes import GeneSpace
from convilyn.forge.schemas import ForgeCommit, ForgeQuote, ForgeResult, TreasureView

router = APIRouter(prefix="/api/v1")

TreasureId = Annotated[
    str, Path(alias="treasureId", description="A treasure id (tr_...).", pattern=service.TREASURE_ID_PATTERN)
]
SVG_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    # The picture is static markup; forbid anything active if it is opened directly.
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
}


def gene_space() -> GeneSpace | None:
    """The space genes are drawn from: the full one (tests override this dependency to force collisions)."""
    return None


@router.post(
    "/forge/commit",
    status_code=201,
    response_model=ForgeResult,
    tags=["forge"],
    summary="Forge a treasure creature bound to a workflow",
    description="Mints a deterministic treasure for the caller's workflow and debits `forgeCost` credits (1 U), "
    "in one transaction. Idempotent on `workflowId`: a re-call returns the same treasure with "
    "`alreadyBound: true` (status 200) and charges nothing.",
    responses={
        200: {"model": ForgeResult, "description": "Already bound: the existing treasure, nothing charged."},
        **error_responses(Unauthenticated, InsufficientCredits, NotFound, service.GeneSpaceExhausted, *COMMON_ERRORS),
    },
)
async def commit(
    body: ForgeCommit,
    response: Response,
    session: WriteSession,
    settings: Config,
    principal: Forger,
    space: Annotated[GeneSpace | None, Depends(gene_space)],
) -> ForgeResult:
    minted = await service.commit_treasure(
        session, owner_id=principal.user_id, workflow_id=body.workflow_id, cost=settings.forge_cost,
        reroll_budget=settings.forge_reroll_budget, space=space,
    )
    if minted.already_bound:
        response.status_code = 200
    return ForgeResult.of_mint(minted.treasure, already_bound=minted.already_bound)


@router.get(
    "/forge/quote",
    response_model=ForgeQuote,
    tags=["forge"],
    summary="What forging a workflow would cost now",
    description="The pre-flight check the builder shows before a commit: cost, balance, and whether the "
    "workflow is already bound (then cost is 0).",
    responses=error_responses(Unauthenticated, NotFound, *COMMON_ERRORS),
)
async def get_quote(
    session: ReadSession,
    settings: Config,
    principal: Reader,
    workflow_id: Annotated[str, Query(alias="workflowId", pattern=service.WORKFLOW_ID_PATTERN)],
) -> ForgeQuote:
    quote = await service.quote(session, owner_id=principal.user_id, workflow_id=workflow_id,
                                cost=settings.forge_cost)
    return ForgeQuote.of(quote)


# Declared before the JSON route: "/treasures/{treasureId}" would otherwise also match "tr_....svg".
@router.get(
    "/treasures/{treasureId}.svg",
    response_class=Response,
    tags=["treasures"],
    summary="A treasure's picture",
    description="Anyone may see the treasure of a public workflow; other treasures only their owner.",
    responses={200: {"content": {"image/svg+xml": {}}, "description": "An SVG document."},
               **error_responses(Unauthenticated, NotFound, *COMMON_ERRORS)},
)
async def get_treasure_svg(treasure_id: TreasureId, session: ReadSession, principal: MaybeReader) -> Response:
    treasure = await service.readable_treasure(
        session, viewer_id=principal.user_id if principal else None, treasure_id=treasure_id
    )
    return Response(service.treasure_svg(treasure), media_type="image/svg+xml", headers=SVG_HEADERS)


@router.get(
    "/treasures/{treasureId}",
    response_model=TreasureView,
    tags=["treasures"],
    summary="Get a treasure",
    description="Anyone may see the treasure of a public workflow; other treasures only their owner.",
    responses=error_responses(Unauthenticated, NotFound, *COMMON_ERRORS),
)
async def get_treasure(treasure_id: TreasureId, session: ReadSession, principal: MaybeReader) -> TreasureView:
    treasure = await service.readable_treasure(
        session, viewer_id=principal.user_id if principal else None, treasure_id=treasure_id
    )
    return TreasureView.of(treasure)
