"""Compile a user workflow to the DestinationSpec the shared agent runtime runs.

A user workflow has no slots and no checkpoints (the agent never stops to ask).
A fork of a curated workflow keeps its source's plan while the fork still has
the source's outputs and every tool the plan calls, so an unedited fork writes
what its source writes; at the source's checkpoints it takes the proposal as
accepted (the plan says what accepting answers), and where it stands for a
required slot it uses the plan's assumed value. A tool added to the palette is
run as well and what it found is appended to the Markdown output, so the edit
shows; an edited system prompt's choices and counts ("a friendly tone", "in three
sentences") are applied to the plan (``builder.directives``); once a tool the plan needs or an output is removed, the plan no longer
describes the workflow and the built-in model derives one from the palette.
A fork of a fork (a community workflow, say) inherits the plan of the curated
workflow at the top of its chain (``builder.service._plan_origin``) on the same
terms. Output specs and agent settings come from the fork source; a workflow
started blank (or imported: an export carries no source) writes a Markdown report.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from convilyn.builder.directives import directed
from convilyn.catalog.spec import AgentConfig, DestinationSpec, OutputSpec

DEFAULT_OUTPUT_SPECS: list[dict[str, Any]] = [
    OutputSpec(filename="report.md", format="md", description="The workflow's report.").model_dump(by_alias=True)
]


@cache
def _curated_plans() -> dict[str, tuple[DestinationSpec, frozenset[str], frozenset[str]]]:
    """Each curated spec (with a plan) and the tools and output files its plan was written for."""
    from convilyn.catalog.registry import load_curated_specs
    from convilyn.runtime.plan import parse_plan

    plans = {}
    for spec in load_curated_specs():
        if spec.plan and (parsed := parse_plan(spec.plan)).unattended:
            plans[spec.spec_id] = (spec, frozenset(parsed.tools), frozenset(o.filename for o in spec.output_specs))
    return plans


def source_plan(
    source_spec_id: str | None, tool_palette: list[dict[str, Any]], output_specs: list[dict[str, Any]],
    system_prompt: str | None = None,
) -> dict[str, Any] | None:
    """The curated source's plan when the fork still has its outputs and every tool the plan calls, else None;
    with what an edited ``system_prompt`` asks that the plan can do applied (``builder.directives``)."""
    found = _curated_plans().get(source_spec_id or "")
    if found is None:
        return None
    source, tools, files = found
    palette = frozenset(item["toolName"] for item in tool_palette)
    outputs = frozenset(o.get("filename", "") for o in output_specs)
    if not (tools <= palette and outputs == files) or source.plan is None:
        return None
    return directed(source.plan, source, source.system_prompt if system_prompt is None else system_prompt)


def compile_spec(
    *, workflow_id: str, name: str, description: str, system_prompt: str, tool_palette: list[dict[str, Any]],
    output_specs: list[dict[str, Any]], agent_config: dict[str, Any], item_version: int,
    source_spec_id: str | None = None,
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
        plan=source_plan(source_spec_id, tool_palette, output_specs or DEFAULT_OUTPUT_SPECS, system_prompt),
    )


def spec_json(spec: DestinationSpec) -> dict[str, Any]:
    """The spec as stored and shown: JSON-ready, camelCase."""
    return spec.model_dump(mode="json", by_alias=True)
