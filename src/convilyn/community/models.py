"""Likes and comments on public user workflows."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from convilyn.core.db import Base, UTCDateTime


class WorkflowLike(Base):
    """The seed's TemplateLike: at most one row per (user, workflow), by primary key."""

    __tablename__ = "user_workflow_likes"

    workflow_id: Mapped[str] = mapped_column(
        ForeignKey("user_workflows.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class WorkflowComment(Base):
    __tablename__ = "user_workflow_comments"
    __table_args__ = (Index("ix_user_workflow_comments_workflow_created", "workflow_id", "created_at", "id"),)

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    workflow_id: Mapped[str] = mapped_column(ForeignKey("user_workflows.id", ondelete="CASCADE"))
    author_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
