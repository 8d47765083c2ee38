"""Request and response bodies of the job API."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import Field

from convilyn.core.schemas import ApiModel, ApiRequest

JobStatusName = Literal["pending", "confirming", "executing", "slot_needed", "completed", "failed", "cancelled"]


class CreateJob(ApiRequest):
    workflow_id: str = Field(min_length=1, max_length=80, examples=["goal_lane.cover_letter"])
    file_ids: list[str] = Field(default_factory=list, max_length=10, examples=[["file_0123456789abcdef01234567"]])


class SlotValue(ApiRequest):
    slot_id: str = Field(min_length=1, max_length=64)
    value: Any = Field(description="A string, number or boolean, as the slot's type says.")


class FillSlots(ApiRequest):
    item_version: int = Field(ge=0)
    slots: list[SlotValue] = Field(min_length=1, max_length=50)


class ConfirmJob(ApiRequest):
    item_version: int = Field(ge=0)


class CancelJob(ApiRequest):
    item_version: int = Field(ge=0)


class Slot(ApiModel):
    slot_id: str
    type: str
    label: str = ""
    options: list[str] | None = None
    required: bool = True
    default: Any = None
    value: Any = None


class Checkpoint(ApiModel):
    checkpoint_id: str
    step_output_preview: str
    slots: list[Slot]


class JobStatusView(ApiModel):
    status: JobStatusName
    progress: int = Field(ge=0, le=100)
    current_step: str | None = None
    item_version: int
    checkpoint: Checkpoint | None = None
    error: str | None = None


class JobView(JobStatusView):
    job_spec_id: str
    workflow_id: str
    slots: list[Slot]
    file_ids: list[str]
    output_files: list[str] | None = None
    created_at: datetime
    updated_at: datetime
    completed_at: datetime | None = None


class DownloadLink(ApiModel):
    url: str
    expires_at: datetime


class JobSummary(ApiModel):
    """A job in a listing: what it is and where it stands (GET the job for its slots and files)."""

    job_spec_id: str
    workflow_id: str
    status: JobStatusName
    progress: int = Field(ge=0, le=100)
    current_step: str | None = None
    item_version: int
    error: str | None = None
    created_at: datetime
    updated_at: datetime
    completed_at: datetime | None = None


class JobPage(ApiModel):
    items: list[JobSummary]
    cursor: str | None = Field(description="Pass as `cursor` for the next page; null at the end.")
