"""Compile a user workflow to the DestinationSpec the shared agent runtime runs.

A user workflow has no slots and no checkpoints (the agent never stops to ask),
and no plan: the built-in model derives one from the palette. Output specs and
agent settings come from the fork source; a workflow started blank writes a
Markdown report.
"""

from __future__ import annotations

from typing import Any

from convilyn.catalog.spec import AgentConfig, DestinationSpec, OutputSpec

DEFAULT_OUTPUT_SPECS: list[dict[str, Any]] = [
    OutputSpec(filename="report.md", format="md", description="The workflow's report.").model_dump(by_alias=True)
]


def compile_spec(
    *, workflow_id: str, name: str, description: str, system_prompt: str, tool_palette: list[dict[str, Any]],
    output_specs: list[dict[str, Any]], agent_config: dict[str, Any], item_version: int,
) -> DestinationSpec:
    """The DestinationSpec of one state of a user workflow (its spec id is the workflow id)."""
    return DestinationSpec(
        spec_id=workflow_id,
        name=name,
        description=description,
        version=str(item_version),
        system_prompt=system_prompt,
        tool_palette=[item["toolName"] for item in tool_palette],
        required_slots=[],
        checkpoints=[],
        output_specs=[OutputSpec.model_validate(o) for o in output_specs or DEFAULT_OUTPUT_SPECS],
        agent_config=AgentConfig.model_validate(agent_config or {}),
        plan=None,
    )


def spec_json(spec: DestinationSpec) -> dict[str, Any]:
    """The spec as stored and shown: JSON-ready, camelCase."""
    return spec.model_dump(mode="json", by_alias=True)
