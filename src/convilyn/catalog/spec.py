"""The DestinationSpec: what one workflow is, for the runtime that runs it.

Curated specs ship as JSON data files (``catalog/specs/``); user workflows
compile to the same model. Field names are camelCase on the wire.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic.alias_generators import to_camel

SPEC_ID_PATTERN = r"^(goal_lane\.[a-z0-9_]+|developer_[a-z0-9_]+\.[a-z0-9_]+|uw_[a-f0-9]{24}|test\.[a-z0-9_]+)$"
TOOL_NAME_PATTERN = r"^[a-z0-9][a-z0-9_-]*:[a-z0-9_]+$"
SYSTEM_TOOLS = frozenset({"request_user_input", "complete_workflow"})

OutputFormat = Literal["md", "docx", "pdf", "csv", "json"]
SlotType = Literal["text", "select", "number", "boolean"]


class CamelModel(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="forbid")


class SlotDefinition(CamelModel):
    """One value a user supplies before a run or at a checkpoint."""

    slot_id: str = Field(pattern=r"^[a-z][a-z0-9_]{0,63}$")
    type: SlotType = "text"
    label: str = ""
    options: list[str] | None = None
    required: bool = True
    default: Any = None
    max_length: int = Field(default=2000, ge=1, le=20000)

    @model_validator(mode="after")
    def _select_has_options(self) -> SlotDefinition:
        if self.type == "select" and not self.options:
            raise ValueError(f"select slot {self.slot_id!r} needs options")
        return self

    def validate_value(self, value: Any) -> Any:
        """The value coerced to this slot's type; ValueError with a readable reason if it is not one."""
        if self.type == "select":
            if value not in (self.options or []):
                raise ValueError(f"must be one of: {', '.join(self.options or [])}")
            return value
        if self.type == "boolean":
            if not isinstance(value, bool):
                raise ValueError("must be true or false")
            return value
        if self.type == "number":
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ValueError("must be a number")
            return value
        if not isinstance(value, str):
            raise ValueError("must be a string")
        if not value.strip():
            if self.required:
                raise ValueError("must not be blank")
            return ""  # an optional text slot may be left empty on purpose
        if len(value) > self.max_length:
            raise ValueError(f"must be at most {self.max_length} characters")
        return value


class CheckpointSpec(CamelModel):
    """A point mid-run where the workflow asks the user for input."""

    checkpoint_id: str = Field(pattern=r"^[a-z][a-z0-9_]{0,63}$")
    description: str = ""
    slots: list[SlotDefinition] = Field(min_length=1)


class OutputSpec(CamelModel):
    filename: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")
    format: OutputFormat
    description: str = ""

    @model_validator(mode="after")
    def _extension_matches(self) -> OutputSpec:
        if not self.filename.endswith(f".{self.format}"):
            raise ValueError(f"output {self.filename!r} must end with .{self.format}")
        return self


class DocumentRole(CamelModel):
    """What one of a workflow's input documents is (the documents may come in any order)."""

    role: str = Field(pattern=r"^[a-z][a-z0-9_]{0,63}$", examples=["resume"])
    description: str = ""


class InputDocuments(CamelModel):
    """How many documents a job of the workflow takes, and their roles where they have them.

    Job creation refuses another count with 422, before anything runs.
    """

    min_count: int = Field(default=1, ge=1, le=10)
    max_count: int = Field(default=10, ge=1, le=10)
    roles: list[DocumentRole] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> InputDocuments:
        if self.max_count < self.min_count:
            raise ValueError("inputDocuments.maxCount is below minCount")
        if self.roles and not self.min_count <= len(self.roles) <= self.max_count:
            raise ValueError("inputDocuments.roles must name between minCount and maxCount roles")
        return self

    def describe(self) -> str:
        """``exactly 2 documents (resume, job_posting)``, ``1 to 10 documents``."""
        if self.min_count == self.max_count:
            count = f"exactly {self.min_count} document{'s' if self.min_count != 1 else ''}"
        else:
            count = f"{self.min_count} to {self.max_count} documents"
        roles = f" ({', '.join(r.role for r in self.roles)})" if self.roles else ""
        return count + roles


class AgentConfig(CamelModel):
    model: str | None = Field(default=None, description="Overrides CONVILYN_MODEL for this spec.")
    temperature: float = Field(default=0.2, ge=0, le=2)
    max_steps: int = Field(default=30, ge=1, le=200)
    timeout: float = Field(default=120, gt=0, le=3600, description="Seconds per phase.")


class DestinationSpec(CamelModel):
    """A workflow the agent runtime can run."""

    spec_id: str = Field(pattern=SPEC_ID_PATTERN)
    name: str = Field(min_length=1, max_length=80)
    description: str = ""
    version: str = "1.0.0"
    supported_input_formats: list[str] = Field(default_factory=lambda: ["pdf", "docx", "txt", "md", "html"])
    input_documents: InputDocuments = Field(default_factory=InputDocuments)
    required_slots: list[SlotDefinition] = Field(default_factory=list)
    system_prompt: str = ""
    tool_palette: list[str] = Field(default_factory=list)
    checkpoints: list[CheckpointSpec] = Field(default_factory=list)
    output_specs: list[OutputSpec] = Field(default_factory=list)
    agent_config: AgentConfig = Field(default_factory=AgentConfig)
    plan: dict[str, Any] | None = Field(
        default=None, description="Steps the built-in model follows; derived from the palette when absent."
    )

    @field_validator("tool_palette")
    @classmethod
    def _tool_names(cls, value: list[str]) -> list[str]:
        for name in value:
            if name in SYSTEM_TOOLS:
                raise ValueError(f"{name} is a system tool and cannot be in a palette")
            if not re.fullmatch(TOOL_NAME_PATTERN, name):
                raise ValueError(f"tool {name!r} is not of the form server:tool")
        return value

    @field_validator("supported_input_formats")
    @classmethod
    def _formats(cls, value: list[str]) -> list[str]:
        return [fmt.lower().lstrip(".") for fmt in value]

    def checkpoint(self, checkpoint_id: str) -> CheckpointSpec | None:
        return next((c for c in self.checkpoints if c.checkpoint_id == checkpoint_id), None)
