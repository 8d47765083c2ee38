"""User workflows and the tags index the community listing filters on."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from convilyn.core.db import Base, UTCDateTime

Visibility = Literal["private", "public", "archived"]
SourceType = Literal["curated", "developer", "user", "blank"]
PRIVATE, PUBLIC, ARCHIVED = "private", "public", "archived"


class UserWorkflow(Base):
    __tablename__ = "user_workflows"
    __table_args__ = (
        Index("ix_user_workflows_owner_created", "owner_id", "created_at", "id"),
        Index("ix_user_workflows_visibility_published", "visibility", "published_at", "id"),
        Index("ix_user_workflows_visibility_likes", "visibility", "like_count", "published_at", "id"),
    )

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    owner_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    source_spec_id: Mapped[str] = mapped_column(String(80))
    source_type: Mapped[SourceType] = mapped_column(String(16))
    source_version: Mapped[str] = mapped_column(String(32))
    # Kept at fork time so the lineage still reads after the source is archived or deleted.
    source_name: Mapped[str] = mapped_column(String(80))
    # No foreign key: a fork keeps pointing at a source that was deleted.
    forked_from_id: Mapped[str | None] = mapped_column(String(40), nullable=True, index=True)
    name: Mapped[str] = mapped_column(String(80))
    description: Mapped[str] = mapped_column(Text, default="")
    system_prompt: Mapped[str] = mapped_column(Text, default="")
    tool_palette: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    canvas_layout: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # Inherited from the source and read-only in this version of the API.
    output_specs: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    agent_config: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # The compiled DestinationSpec, rewritten on every create and update.
    spec_json: Mapped[dict[str, Any]] = mapped_column(JSON)
    visibility: Mapped[Visibility] = mapped_column(String(16), default="private")
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    founding_intent: Mapped[str | None] = mapped_column(Text, nullable=True)
    run_count: Mapped[int] = mapped_column(Integer, default=0)
    fork_count: Mapped[int] = mapped_column(Integer, default=0)
    like_count: Mapped[int] = mapped_column(Integer, default=0)
    item_version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # When the workflow last became public; the community's "recent" order.
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class WorkflowTag(Base):
    """One row per (workflow, tag): an index for the community's tag filter on any database."""

    __tablename__ = "user_workflow_tags"

    workflow_id: Mapped[str] = mapped_column(
        ForeignKey("user_workflows.id", ondelete="CASCADE"), primary_key=True
    )
    tag: Mapped[str] = mapped_column(String(24), primary_key=True, index=True)
