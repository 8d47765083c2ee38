"""Treasures: one minted creature per user workflow, unique in look across the platform."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from convilyn.core.db import Base, UTCDateTime


class Treasure(Base):
    """A minted gene vector bound to a workflow.

    ``workflow_id`` is unique (the binding: one treasure per workflow) and so is
    ``gene_hash`` (no two creatures look alike); both constraints are what settles
    concurrent mints. No foreign key to ``user_workflows``: a paid treasure outlives
    a workflow its owner deletes, and the builder's DELETE is never blocked by it.
    """

    __tablename__ = "treasures"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    workflow_id: Mapped[str] = mapped_column(String(40), unique=True)
    owner_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    gene_hash: Mapped[str] = mapped_column(String(64), unique=True)
    gene_version: Mapped[int] = mapped_column(Integer)
    # The vector as minted (``GeneVector.to_json``); never recomputed, so a later
    # geneVersion does not repaint existing treasures.
    gene_vector: Mapped[dict[str, Any]] = mapped_column(JSON)
    minted_at: Mapped[datetime] = mapped_column(UTCDateTime())
    bound_at: Mapped[datetime] = mapped_column(UTCDateTime())
