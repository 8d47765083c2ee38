"""GET /workflows/catalog and GET /mcp/tools/catalog."""

from __future__ import annotations

import functools

from fastapi import APIRouter

from convilyn.auth.deps import MaybeReader, Reader
from convilyn.catalog.registry import SpecRegistry
from convilyn.catalog.schemas import CatalogItem, ToolCatalog, ToolInfo, catalog_input_documents, catalog_slot
from convilyn.core.errors import COMMON_ERRORS, SIGNED_IN_ERRORS, error_responses
from convilyn.deps import Registry, Tools

router = APIRouter(prefix="/api/v1", tags=["catalog"])


@router.get(
    "/workflows/catalog",
    response_model=list[CatalogItem],
    summary="Browse the workflow catalog",
    responses=error_responses(*SIGNED_IN_ERRORS),
)
async def workflow_catalog(registry: Registry, _: Reader) -> list[CatalogItem]:
    return catalog_items(registry, registry.revision)


@functools.lru_cache(maxsize=8)
def catalog_items(registry: SpecRegistry, revision: int) -> list[CatalogItem]:
    """The catalog as the API shows it, built once per registry revision (it changes only when a spec is registered)."""
    return [
        CatalogItem(
            spec_id=spec.spec_id,
            name=spec.name,
            description=spec.description,
            supported_input_formats=spec.supported_input_formats,
            input_documents=catalog_input_documents(spec.input_documents),
            required_slots=[catalog_slot(s) for s in spec.required_slots],
            output_files=[o.filename for o in spec.output_specs],
            version=spec.version,
        )
        for spec in registry.catalog()
    ]


@router.get(
    "/mcp/tools/catalog",
    response_model=ToolCatalog,
    summary="List every MCP tool a workflow palette may use",
    description="Built-in servers and external servers registered in settings. Anonymous access is allowed.",
    responses=error_responses(*COMMON_ERRORS),
)
async def tool_catalog(tools: Tools, _: MaybeReader) -> ToolCatalog:
    return ToolCatalog(items=[ToolInfo.model_validate(t) for t in await tools.tools()])
