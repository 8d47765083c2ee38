"""Jobs and the files they run over."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from convilyn.core.db import Base, UTCDateTime


class Job(Base):
    __tablename__ = "jobs"
    __table_args__ = (
        Index("ix_jobs_status", "status"),
        Index("ix_jobs_output_expires_at", "output_expires_at"),
        # GET /jobs/goal: the owner's jobs, newest first (keyset on created_at, id).
        Index("ix_jobs_owner_id_created_at_id", "owner_id", "created_at", "id"),
    )

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    owner_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    spec_id: Mapped[str] = mapped_column(String(80))
    status: Mapped[str] = mapped_column(String(16))
    item_version: Mapped[int] = mapped_column(Integer, default=1)
    slot_values: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    progress: Mapped[int] = mapped_column(Integer, default=0)
    current_step: Mapped[str | None] = mapped_column(String(64), nullable=True)
    # The open checkpoint while slot_needed: {checkpointId, stepOutputPreview, slots}.
    checkpoint: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    # The checkpoint the next phase resumes from, and the agent history saved there.
    resume_checkpoint_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    # Deferred: it can be large, and only a phase starting reads it (jobs/execution.py undefers it there).
    history: Mapped[list[Any] | None] = mapped_column(JSON, nullable=True, deferred=True)
    phase: Mapped[int] = mapped_column(Integer, default=0)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    # The attempt now holding the phase; a phase's writes are guarded by it (see execution.py).
    claim: Mapped[str | None] = mapped_column(String(40), nullable=True)
    phase_started_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    output_key: Mapped[str | None] = mapped_column(String(255), nullable=True)
    output_files: Mapped[list[str] | None] = mapped_column(JSON, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    output_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class JobFile(Base):
    __tablename__ = "job_files"

    job_id: Mapped[str] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"), primary_key=True)
    file_id: Mapped[str] = mapped_column(ForeignKey("files.id", ondelete="CASCADE"), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(Integer)


class JobEvent(Base):
    """One entry of a job's event log: what ``GET .../events`` replays and tails.

    ``seq`` counts from 1 per job; it is the SSE event id a client resumes from.
    """

    __tablename__ = "job_events"
    __table_args__ = (UniqueConstraint("job_id", "seq", name="uq_job_events_job_id_seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    job_id: Mapped[str] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(Integer)
    type: Mapped[str] = mapped_column(String(16))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
