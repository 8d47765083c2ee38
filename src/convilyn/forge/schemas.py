"""Request and response bodies of the Forge API."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from convilyn.core.ids import id_pattern
from convilyn.core.schemas import ApiModel, ApiRequest
from convilyn.forge.genes import GeneVector
from convilyn.forge.models import Treasure
from convilyn.forge.service import Quote

WORKFLOW_ID = Field(pattern=id_pattern("uw"), examples=["uw_0123456789abcdef01234567"])


class ForgeCommit(ApiRequest):
    workflow_id: str = WORKFLOW_ID


class GeneVectorView(GeneVector):
    """A creature's genes (``docs/genes.md``): every trait, its ``geneVersion`` and re-roll ``attempt``."""


class TreasureView(ApiModel):
    treasure_id: str
    workflow_id: str
    owner_id: str
    gene_hash: str = Field(description="SHA-256 hex of the canonical vector; unique across the platform.")
    gene_vector: GeneVectorView
    minted_at: datetime
    bound_at: datetime
    svg_url: str = Field(description="Path of the treasure's picture (image/svg+xml).")

    @classmethod
    def of(cls, treasure: Treasure) -> TreasureView:
        return cls(**_fields(treasure))


class ForgeResult(TreasureView):
    already_bound: bool = Field(description="True when the workflow already had this treasure; nothing was charged.")

    @classmethod
    def of_mint(cls, treasure: Treasure, *, already_bound: bool) -> ForgeResult:
        return cls(**_fields(treasure), already_bound=already_bound)


def _fields(treasure: Treasure) -> dict[str, Any]:
    return {
        "treasure_id": treasure.id, "workflow_id": treasure.workflow_id, "owner_id": treasure.owner_id,
        "gene_hash": treasure.gene_hash, "gene_vector": GeneVectorView.model_validate(treasure.gene_vector),
        "minted_at": treasure.minted_at, "bound_at": treasure.bound_at,
        "svg_url": f"/api/v1/treasures/{treasure.id}.svg",
    }


class ForgeQuote(ApiModel):
    workflow_id: str
    cost: int = Field(ge=0, description="Credits (U) a commit would take now: 0 once the workflow is bound.")
    balance: int = Field(ge=0)
    sufficient: bool
    already_bound: bool
    treasure_id: str | None = Field(default=None, description="The bound treasure, when alreadyBound.")

    @classmethod
    def of(cls, quote: Quote) -> ForgeQuote:
        return cls(workflow_id=quote.workflow_id, cost=quote.cost, balance=quote.balance,
                   sufficient=quote.sufficient, already_bound=quote.already_bound, treasure_id=quote.treasure_id)
