"""Typed models of every request and response body, named as the API's ``/openapi.json`` names them.

Field names are snake_case in Python and keep the API's spelling on the wire (camelCase, except
the catalog and upload, which the API spells in snake_case). Responses keep unknown fields
(``extra="allow"``), so a server that adds a field does not break an older SDK; the test suite
compares these models with the live ``/openapi.json`` so this module never falls behind.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel

__all__ = [
    "BalanceView", "CancelJob", "CreatedWebhook", "CreateWebhook", "DeliveryPage", "DeliveryView",
    "UpdateWebhook", "WebhookEventType", "WebhookPage", "WebhookView", "CatalogDocumentRole",
    "CatalogInputDocuments", "JobPage", "JobSummary",
    "CanvasEdge", "CanvasLayout", "CatalogItem", "CatalogSlot", "Checkpoint", "CommentPage",
    "CommentView", "CommunityPage", "CommunityWorkflowSummary", "ConfirmJob", "CreateComment", "CreateJob",
    "CreateWorkflow", "DownloadLink", "ErrorEnvelope", "ExportedWorkflow", "FieldError", "FillSlots", "ForgeCommit",
    "ForgeQuote", "ForgeResult", "ForkWorkflow", "GeneVectorView", "ImportWorkflow", "JobStatus", "JobStatusView",
    "JobView", "LedgerEntryView", "LedgerPage", "LikeState", "Pan", "Position", "Slot", "SlotValue", "Stats",
    "ToolCatalog", "ToolInfo", "ToolPaletteItem", "TreasureView", "UpdateWorkflow", "UploadedFile",
    "UserWorkflowPage", "UserWorkflowSummary", "UserWorkflowView", "Viewport", "Visibility", "SourceType",
]

JobStatus = Literal["pending", "confirming", "executing", "slot_needed", "completed", "failed", "cancelled"]
Visibility = Literal["private", "public", "archived"]
SourceType = Literal["curated", "developer", "user", "blank"]

TERMINAL_STATUSES: frozenset[str] = frozenset({"completed", "failed", "cancelled"})


class Model(BaseModel):
    """A camelCase body; construct it with snake_case names."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="allow")


class SnakeModel(BaseModel):
    """A body the API spells in snake_case (catalog, upload)."""

    model_config = ConfigDict(populate_by_name=True, extra="allow")


class Request(Model):
    """A request body: unknown fields are refused here rather than by the server."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="forbid")


# --- errors ---------------------------------------------------------------------------------------

class FieldError(Model):
    field: str
    message: str
    code: str


class ErrorEnvelope(Model):
    code: str
    message: str
    details: dict[str, Any] = Field(default_factory=dict)
    errors: list[FieldError] | None = None


# --- catalog and files ----------------------------------------------------------------------------

class CatalogSlot(SnakeModel):
    slot_id: str
    type: str
    label: str
    options: list[str] | None = None
    required: bool
    default: Any = None


class CatalogDocumentRole(SnakeModel):
    role: str
    description: str


class CatalogInputDocuments(SnakeModel):
    """How many documents a job of the workflow takes, and what they are (any order)."""

    min_count: int
    max_count: int
    roles: list[CatalogDocumentRole]


class CatalogItem(SnakeModel):
    spec_id: str
    name: str
    description: str
    supported_input_formats: list[str]
    input_documents: CatalogInputDocuments
    required_slots: list[CatalogSlot]
    output_files: list[str]
    version: str


class ToolInfo(Model):
    tool_name: str
    server: str
    name: str
    description: str
    input_schema: dict[str, Any]


class ToolCatalog(Model):
    items: list[ToolInfo]


class UploadedFile(SnakeModel):
    file_id: str
    filename: str
    format: str
    size_bytes: int
    expires_at: datetime | None


# --- jobs -----------------------------------------------------------------------------------------

class Slot(Model):
    slot_id: str
    type: str
    label: str = ""
    options: list[str] | None = None
    required: bool = True
    default: Any = None
    value: Any = None


class SlotValue(Request):
    slot_id: str
    value: Any


class Checkpoint(Model):
    checkpoint_id: str
    step_output_preview: str
    slots: list[Slot]


class JobStatusView(Model):
    status: JobStatus
    progress: int
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


class CreateJob(Request):
    workflow_id: str
    file_ids: list[str] = Field(default_factory=list)


class FillSlots(Request):
    item_version: int
    slots: list[SlotValue]


class ConfirmJob(Request):
    item_version: int


class CancelJob(Request):
    item_version: int


class JobSummary(Model):
    job_spec_id: str
    workflow_id: str
    status: JobStatus
    progress: int
    current_step: str | None = None
    item_version: int
    error: str | None = None
    created_at: datetime
    updated_at: datetime
    completed_at: datetime | None = None


class JobPage(Model):
    items: list[JobSummary]
    cursor: str | None


class DownloadLink(Model):
    url: str
    expires_at: datetime


# --- user workflows -------------------------------------------------------------------------------

class Position(Model):
    x: float
    y: float


class ToolPaletteItem(Model):
    tool_name: str
    position: Position | None = None
    note: str | None = None


class CanvasEdge(Model):
    from_: str = Field(alias="from")
    to: str


class Pan(Model):
    x: float = 0.0
    y: float = 0.0


class Viewport(Model):
    zoom: float = 1.0
    pan: Pan = Field(default_factory=Pan)


class CanvasLayout(Model):
    edges: list[CanvasEdge] = Field(default_factory=list)
    viewport: Viewport = Field(default_factory=Viewport)


class Stats(Model):
    run_count: int = 0
    fork_count: int = 0
    like_count: int = 0


class UserWorkflowSummary(Model):
    workflow_id: str
    owner_id: str
    spec_id: str
    name: str
    description_preview: str
    visibility: Visibility
    tags: list[str]
    stats: Stats
    source_type: SourceType
    source_spec_id: str
    updated_at: datetime


class UserWorkflowView(Model):
    workflow_id: str
    owner_id: str
    spec_id: str
    source_spec_id: str
    source_type: SourceType
    source_version: str
    source_name: str
    forked_from_id: str | None
    name: str
    description: str
    system_prompt: str
    tool_palette: list[ToolPaletteItem]
    canvas_layout: CanvasLayout
    spec_json: dict[str, Any]
    visibility: Visibility
    tags: list[str]
    founding_intent: str | None
    stats: Stats
    created_at: datetime
    updated_at: datetime
    item_version: int


class UserWorkflowPage(Model):
    items: list[UserWorkflowSummary]
    cursor: str | None


class CreateWorkflow(Request):
    name: str
    description: str = ""


class ForkWorkflow(Request):
    source_spec_id: str
    name: str | None = None


class UpdateWorkflow(Request):
    name: str = ""
    description: str = ""
    system_prompt: str = ""
    tool_palette: list[ToolPaletteItem] = Field(default_factory=list)
    canvas_layout: CanvasLayout = Field(default_factory=CanvasLayout)
    visibility: Visibility = "private"
    tags: list[str] = Field(default_factory=list)
    founding_intent: str | None = None
    item_version: int
    output_specs: Any = None
    agent_config: Any = None


class ExportedWorkflow(Model):
    schema_version: Literal["1.0"] = "1.0"
    name: str
    description: str
    system_prompt: str
    tool_palette: list[ToolPaletteItem]
    canvas_layout: CanvasLayout
    tags: list[str]


class ImportWorkflow(Request):
    schema_version: Literal["1.0"] | None = None
    name: str
    description: str = ""
    system_prompt: str = ""
    tool_palette: list[ToolPaletteItem] = Field(default_factory=list)
    canvas_layout: CanvasLayout = Field(default_factory=CanvasLayout)
    tags: list[str] = Field(default_factory=list)


# --- community ------------------------------------------------------------------------------------

class CommunityWorkflowSummary(UserWorkflowSummary):
    owner_display_name: str
    source_name: str


class CommunityPage(Model):
    items: list[CommunityWorkflowSummary]
    cursor: str | None


class LikeState(Model):
    liked: bool
    like_count: int


class CreateComment(Request):
    body: str


class CommentView(Model):
    comment_id: str
    workflow_id: str
    author_id: str
    body: str
    created_at: datetime


class CommentPage(Model):
    items: list[CommentView]
    cursor: str | None


# --- forge and billing ----------------------------------------------------------------------------

class ForgeCommit(Request):
    workflow_id: str


class ForgeQuote(Model):
    workflow_id: str
    cost: int
    balance: int
    sufficient: bool
    already_bound: bool
    treasure_id: str | None = None


class GeneVectorView(Model):
    body_shape: str
    size: str
    primary_color: str
    secondary_color: str
    accent_color: str
    eyes: str
    mouth: str
    headgear: str
    pattern: str
    accessory: str
    aura: str
    limbs: str
    tail: str
    rarity: str
    gene_version: int
    attempt: int


class TreasureView(Model):
    treasure_id: str
    workflow_id: str
    owner_id: str
    gene_hash: str
    gene_vector: GeneVectorView
    minted_at: datetime
    bound_at: datetime
    svg_url: str


class ForgeResult(TreasureView):
    already_bound: bool


class BalanceView(Model):
    user_id: str
    balance: int
    unit: Literal["U"] = "U"


class LedgerEntryView(Model):
    entry_id: str
    seq: int
    kind: Literal["grant", "topup", "debit", "refund"]
    amount: int
    balance_after: int
    reason: str
    reference: str | None = None
    created_at: datetime


class LedgerPage(Model):
    items: list[LedgerEntryView]
    cursor: str | None


# --- webhooks -------------------------------------------------------------------------------------

WebhookEventType = Literal["job.slot_needed", "job.completed", "job.failed"]


class CreateWebhook(Request):
    url: str
    events: list[WebhookEventType]
    description: str = ""


class UpdateWebhook(Request):
    url: str | None = None
    events: list[WebhookEventType] | None = None
    description: str | None = None
    enabled: bool | None = None


class WebhookView(Model):
    webhook_id: str
    url: str
    events: list[WebhookEventType]
    description: str
    enabled: bool
    created_at: datetime


class CreatedWebhook(WebhookView):
    secret: str


class WebhookPage(Model):
    items: list[WebhookView]
    cursor: str | None


class DeliveryView(Model):
    delivery_id: str
    message_id: str
    event_type: WebhookEventType
    payload: dict[str, Any]
    status: Literal["pending", "succeeded", "failed"]
    attempts: int
    next_attempt_at: datetime | None = None
    last_status_code: int | None = None
    last_error: str | None = None
    created_at: datetime
    delivered_at: datetime | None = None


class DeliveryPage(Model):
    items: list[DeliveryView]
    cursor: str | None
