"""Catalog responses (snake_case, as the seed shows them)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from convilyn.catalog.spec import SlotDefinition


class CatalogSlot(BaseModel):
    slot_id: str
    type: str
    label: str
    options: list[str] | None = None
    required: bool
    default: Any = None


class CatalogItem(BaseModel):
    spec_id: str = Field(examples=["goal_lane.cover_letter"])
    name: str
    description: str
    supported_input_formats: list[str]
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
