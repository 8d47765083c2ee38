"""Request and response bodies of the user workflow Builder API."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Final, Literal

from fastapi import Path
from pydantic import AfterValidator, ConfigDict, Field, FiniteFloat, model_validator

from convilyn.builder.models import SourceType, Visibility
from convilyn.core.ids import id_pattern
from convilyn.core.schemas import ApiModel, ApiRequest

# The {workflowId} path parameter of the builder's and the community's routes.
WorkflowId = Annotated[
    str, Path(alias="workflowId", description="UserWorkflow ID (format `uw_` + 24 hex digits).",
              pattern=id_pattern("uw"))
]
EXPORT_SCHEMA_VERSION: Final = "1.0"
SOURCE_SPEC_ID_PATTERN = r"^(blank|goal_lane\.[a-z0-9_]+|developer_[a-z0-9_]+\.[a-z0-9_]+|uw_[a-f0-9]{24})$"


def storable(value: str) -> str:
    """Refuse what no database column holds: NUL characters and lone surrogates."""
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError("must be valid Unicode text") from exc
    return value


def not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be blank")
    return value


Text = Annotated[str, AfterValidator(storable)]
Name = Annotated[str, Field(min_length=1, max_length=80), AfterValidator(storable), AfterValidator(not_blank)]
Description = Annotated[Text, Field(max_length=500)]
SystemPrompt = Annotated[Text, Field(max_length=8000)]
Tag = Annotated[str, Field(min_length=1, max_length=24), AfterValidator(storable), AfterValidator(not_blank)]
FoundingIntent = Annotated[Text, Field(max_length=1000)]


class BuilderRequest(ApiRequest):
    """A request body, strict: no coercing ``false`` to 0 or ``"1"`` to 1."""

    model_config = ConfigDict(strict=True)


class Position(BuilderRequest):
    x: FiniteFloat = Field(examples=[0.1])
    y: FiniteFloat = Field(examples=[0.1])


class ToolPaletteItem(BuilderRequest):
    """One MCP tool on the canvas; ``toolName`` must be in GET /mcp/tools/catalog."""

    tool_name: Text = Field(min_length=1, max_length=128, examples=["doc-parser-mcp:extract_text"])
    position: Position | None = None
    note: Annotated[Text, Field(max_length=500)] | None = None


class CanvasEdge(BuilderRequest):
    from_: Text = Field(alias="from", max_length=128)
    to: Text = Field(max_length=128)


class Pan(BuilderRequest):
    x: FiniteFloat = 0.0
    y: FiniteFloat = 0.0


class Viewport(BuilderRequest):
    zoom: FiniteFloat = Field(default=1.0, ge=0, le=100)
    pan: Pan = Field(default_factory=Pan)


class CanvasLayout(BuilderRequest):
    """Builder-only UI state. Ignored by the compiler and the agent."""

    edges: list[CanvasEdge] = Field(default_factory=list, max_length=400)
    viewport: Viewport = Field(default_factory=Viewport)


Palette = Annotated[list[ToolPaletteItem], Field(max_length=20)]
def unique_tags(tags: list[str]) -> list[str]:
    if len(set(tags)) != len(tags):
        raise ValueError("must not repeat a tag")
    return tags


Tags = Annotated[list[Tag], Field(max_length=8), AfterValidator(unique_tags)]


class Stats(ApiModel):
    run_count: int = 0
    fork_count: int = 0
    like_count: int = 0


class CreateWorkflow(BuilderRequest):
    name: Name
    description: Description = ""


class ForkWorkflow(BuilderRequest):
    source_spec_id: str = Field(
        pattern=SOURCE_SPEC_ID_PATTERN, max_length=80,
        description="A curated (`goal_lane.*`) or developer (`developer_*.*`) spec id, a user workflow id "
        "(`uw_*`, your own or a public one), or `blank`.",
        examples=["goal_lane.action_items_extractor"],
    )
    name: Name | None = Field(default=None, description='Defaults to "Copy of {source.name}".')


class UpdateWorkflow(BuilderRequest):
    """A partial update: omitted fields keep their value; only ``foundingIntent`` may be null."""

    # Defaults of None mark "omitted"; a null sent for these fails their type (422).
    name: Name = None  # type: ignore[assignment]
    description: Description = None  # type: ignore[assignment]
    system_prompt: SystemPrompt = None  # type: ignore[assignment]
    tool_palette: Palette = None  # type: ignore[assignment]
    canvas_layout: CanvasLayout = None  # type: ignore[assignment]
    visibility: Visibility = Field(
        default=None,  # type: ignore[arg-type]
        description="private -> public runs the content-safety check; public -> archived is allowed; "
        "public -> private and archived -> private are refused (400); archived -> public re-runs the check.",
    )
    tags: Tags = None  # type: ignore[assignment]
    founding_intent: FoundingIntent | None = Field(
        default=None, description='The owner\'s "why I built this" prose; null clears it, omit to keep it.'
    )
    item_version: int = Field(ge=0, le=2**31 - 1, description="Required for optimistic locking.")
    output_specs: Any = Field(default=None, description="Read-only in this version: any value is ignored.")
    agent_config: Any = Field(default=None, description="Read-only in this version: any value is ignored.")

    def changes(self) -> dict[str, Any]:
        """The fields the request sets, by Python name (read-only ones dropped)."""
        return {
            name: getattr(self, name)
            for name in self.model_fields_set
            if name not in {"item_version", "output_specs", "agent_config"}
        }


# Fields of an exported or fetched workflow that import discards: the server assigns its own.
IMPORT_DISCARDED = frozenset({
    "ownerId", "workflowId", "specId", "sourceSpecId", "sourceType", "sourceVersion", "sourceName",
    "forkedFromId", "stats", "itemVersion", "specJson", "createdAt", "updatedAt", "visibility",
    "foundingIntent", "outputSpecs", "agentConfig",
})


class ImportWorkflow(BuilderRequest):
    """The export file (or a full workflow record): server-owned fields are discarded, the rest validated."""

    schema_version: Literal["1.0"] | None = Field(
        default=None, description="Optional discriminator from the export file."
    )
    name: Name
    description: Description = ""
    system_prompt: SystemPrompt = ""
    tool_palette: Palette = Field(default_factory=list)
    canvas_layout: CanvasLayout = Field(default_factory=CanvasLayout)
    tags: Tags = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _discard_server_fields(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return {k: v for k, v in data.items() if k not in IMPORT_DISCARDED}
        return data


class ExportedWorkflow(ApiModel):
    """The portable subset of a workflow, as GET /user_workflows/{id}/export downloads it."""

    schema_version: Literal["1.0"] = EXPORT_SCHEMA_VERSION
    name: str
    description: str
    system_prompt: str
    tool_palette: list[ToolPaletteItem]
    canvas_layout: CanvasLayout
    tags: list[str]


class UserWorkflowView(ApiModel):
    workflow_id: str = Field(examples=["uw_0123456789abcdef01234567"])
    owner_id: str
    spec_id: str
    source_spec_id: str
    source_type: SourceType
    source_version: str
    source_name: str = Field(description="The source's name when it was forked (kept if the source goes away).")
    forked_from_id: str | None = Field(description="The user workflow this was forked from, if any.")
    name: str
    description: str
    system_prompt: str
    tool_palette: list[ToolPaletteItem]
    canvas_layout: CanvasLayout
    spec_json: dict[str, Any] = Field(description="The compiled DestinationSpec (read-only).")
    visibility: Visibility
    tags: list[str]
    founding_intent: str | None
    stats: Stats
    created_at: datetime
    updated_at: datetime
    item_version: int


class UserWorkflowSummary(ApiModel):
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


class UserWorkflowPage(ApiModel):
    items: list[UserWorkflowSummary]
    cursor: str | None = Field(description="Pass as `cursor` for the next page; null at the end.")
