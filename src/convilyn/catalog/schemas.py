"""Catalog responses (snake_case, as the seed shows them)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from convilyn.catalog.spec import InputDocuments, SlotDefinition


class CatalogSlot(BaseModel):
    slot_id: str
    type: str
    label: str
    options: list[str] | None = None
    required: bool
    default: Any = None


class CatalogDocumentRole(BaseModel):
    role: str = Field(examples=["resume"])
    description: str


class CatalogInputDocuments(BaseModel):
    """How many documents a job takes (``POST /jobs/goal`` refuses another count with 422)."""

    min_count: int = Field(examples=[2])
    max_count: int = Field(examples=[2])
    roles: list[CatalogDocumentRole] = Field(description="What each document is, where the workflow says; "
                                             "the documents may be given in any order.")


class CatalogItem(BaseModel):
    spec_id: str = Field(examples=["goal_lane.cover_letter"])
    name: str
    description: str
    supported_input_formats: list[str]
    input_documents: CatalogInputDocuments
    required_slots: list[CatalogSlot]
    output_files: list[str]
    version: str


class ToolInfo(BaseModel):
    toolName: str = Field(examples=["doc-parser-mcp:extract_text"])  # noqa: N815 - wire name
    server: str
    name: str
    description: str
    inputSchema: dict[str, Any]  # noqa: N815


class ToolCatalog(BaseModel):
    items: list[ToolInfo]


def catalog_slot(slot: SlotDefinition) -> CatalogSlot:
    return CatalogSlot(slot_id=slot.slot_id, type=slot.type, label=slot.label, options=slot.options,
                       required=slot.required, default=slot.default)


def catalog_input_documents(documents: InputDocuments) -> CatalogInputDocuments:
    return CatalogInputDocuments(
        min_count=documents.min_count, max_count=documents.max_count,
        roles=[CatalogDocumentRole(role=r.role, description=r.description) for r in documents.roles],
    )
