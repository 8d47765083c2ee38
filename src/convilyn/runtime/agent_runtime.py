"""The agent runtime: one phase of a workflow, run by pydantic-ai over MCP tools.

A phase connects the MCP servers of the spec's palette, stacks the small
toolsets (palette filter and name codec per server, the checkpoint tool,
progress reporting), and runs a pydantic-ai agent whose output is either
``complete_workflow`` (the written files) or a deferred ``request_user_input``
call (a checkpoint, with the message history saved as JSON).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_ai import Agent, ModelMessagesTypeAdapter, UsageLimits, capture_run_messages
from pydantic_ai.messages import ModelMessage, ToolReturnPart
from pydantic_ai.models import Model
from pydantic_ai.settings import ModelSettings
from pydantic_ai.tools import DeferredToolRequests, DeferredToolResults
from pydantic_ai.toolsets import AbstractToolset, CombinedToolset

from convilyn.catalog.spec import DestinationSpec
from convilyn.core.settings import Settings
from convilyn.runtime.builtin_model import builtin_model, step_of_call
from convilyn.runtime.checkpoint import checkpoint_reached, checkpoint_toolset, resume_results
from convilyn.runtime.deps import PhaseDeps
from convilyn.runtime.derive import EXTRACT_TEXT
from convilyn.runtime.failures import explain_model_failure, tool_failure_message
from convilyn.runtime.history import tool_returns
from convilyn.runtime.outputs import COMPLETE_WORKFLOW, complete_workflow_output
from convilyn.runtime.palette import palette_names, palette_toolset
from convilyn.runtime.phase import Completed, PhaseFailed, PhaseOutcome, PhaseRequest, ProgressCallback
from convilyn.runtime.plan import CheckpointStep, Plan, PlanError, ToolStep, validate_plan
from convilyn.runtime.progress import PhaseProgress, ProgressToolset
from convilyn.runtime.prompt import first_prompt, instructions
from convilyn.runtime.providers import BUILTIN, ModelProviders, ProviderSettings
from convilyn.runtime.servers import ServerSource, ToolServers
from convilyn.runtime.slots import checked_slots

log = logging.getLogger("convilyn.runtime")
MODEL_RETRIES = 2  # how often a model may correct a refused tool call or output before the phase fails


def _expected_calls(plan: Plan | None, request: PhaseRequest) -> int:
    if plan is None:
        return len(request.inputs) + len(request.spec.tool_palette) + len(request.spec.checkpoints)
    return sum(
        len(request.inputs) if isinstance(step, ToolStep) and step.for_each else 1
        for step in plan.steps
        if isinstance(step, ToolStep | CheckpointStep)
    )


def _restore(history: list[Any]) -> list[ModelMessage]:
    try:
        return ModelMessagesTypeAdapter.validate_python(history)
    except ValidationError as exc:
        raise PhaseFailed("The saved state of this job could not be read; please start the job again.") from exc


def _last_tool_failure(messages: list[ModelMessage]) -> ToolReturnPart | None:
    return next((part for part in reversed(list(tool_returns(messages))) if part.outcome != "success"), None)


class AgentRuntime:
    """The PhaseRuntime of the service: any spec, on the built-in model or a real one."""

    def __init__(
        self,
        model: str = BUILTIN,
        *,
        openai_base_url: str | None = None,
        openai_api_key: str | None = None,
        anthropic_base_url: str | None = None,
        anthropic_api_key: str | None = None,
        mcp_servers: Mapping[str, str] | None = None,
        builtin_servers: Mapping[str, ServerSource] | None = None,
    ) -> None:
        self.model = model
        self.providers = ModelProviders(
            ProviderSettings(openai_base_url, openai_api_key, anthropic_base_url, anthropic_api_key)
        )
        self.servers = ToolServers(mcp_servers, builtin_servers)

    @classmethod
    def from_settings(cls, settings: Settings) -> AgentRuntime:
        """The runtime configured by ``CONVILYN_MODEL``, the provider settings and ``mcp_servers``."""
        return cls(
            settings.model,
            openai_base_url=settings.openai_base_url,
            openai_api_key=settings.openai_api_key,
            anthropic_base_url=settings.anthropic_base_url,
            anthropic_api_key=settings.anthropic_api_key,
            mcp_servers=settings.mcp_servers,
        )

    async def aclose(self) -> None:
        """Closes the model providers' HTTP connections (call once, when the instance shuts down)."""
        await self.providers.aclose()

    async def run_phase(self, request: PhaseRequest, progress: ProgressCallback) -> PhaseOutcome:
        """Run the spec until it completes or reaches a checkpoint; PhaseFailed for what retrying cannot fix."""
        try:
            return await self._run_phase(request, progress)
        except PhaseFailed as exc:
            message = str(exc)
            for document in request.inputs:  # tools name the stored file; the user knows the upload's name
                message = message.replace(document.path.name, document.filename)
            log.warning("job %s: phase failed: %s", request.job_id, message)
            raise PhaseFailed(message) from exc

    async def _run_phase(self, request: PhaseRequest, progress: ProgressCallback) -> PhaseOutcome:
        spec = request.spec
        try:
            plan = validate_plan(spec)
        except PlanError as exc:
            raise PhaseFailed(f"The workflow {spec.name!r} is misconfigured: {exc}") from exc
        checked_slots(spec.required_slots, request.slots, needed_by="The workflow")
        model_name = spec.agent_config.model or self.model
        labels = {s.id: s.label for s in plan.steps if isinstance(s, ToolStep) and s.label} if plan else {}
        deps = PhaseDeps(
            request,
            PhaseProgress(progress, _expected_calls(plan, request), lambda call: labels.get(step_of_call(call) or "")),
        )
        history = _restore(request.history) if request.history else None
        results = self._resume_results(request, history)
        await deps.progress.started(history or ())

        grouped = palette_names(list(dict.fromkeys([EXTRACT_TEXT, *spec.tool_palette])))
        async with self.servers.connected(list(grouped)) as connected:
            await self._check_palette(connected, grouped)
            toolsets: list[AbstractToolset[Any]] = [
                palette_toolset(server, connected[server], tools) for server, tools in grouped.items()
            ]
            agent: Agent[PhaseDeps, list[Path] | DeferredToolRequests] = Agent(
                self._model(model_name, spec, plan, request),
                instructions=instructions(spec, EXTRACT_TEXT),
                deps_type=PhaseDeps,
                toolsets=[ProgressToolset(CombinedToolset([*toolsets, checkpoint_toolset()]))],
                output_type=[complete_workflow_output(spec), DeferredToolRequests],
                model_settings=ModelSettings(temperature=spec.agent_config.temperature),
                retries=MODEL_RETRIES,
            )
            with capture_run_messages() as messages:
                try:
                    result = await agent.run(
                        None if history else first_prompt(request),
                        message_history=history,
                        deferred_tool_results=results,
                        deps=deps,
                        usage_limits=UsageLimits(request_limit=spec.agent_config.max_steps),
                    )
                except PhaseFailed:
                    raise
                except Exception as exc:
                    raise self._explain(exc, model_name, spec, messages) from exc
        if isinstance(result.output, DeferredToolRequests):
            saved = ModelMessagesTypeAdapter.dump_python(result.all_messages(), mode="json")
            return checkpoint_reached(spec, result.output, saved)
        return Completed(files=result.output)

    def _model(self, name: str, spec: DestinationSpec, plan: Plan | None, request: PhaseRequest) -> Model:
        if name == BUILTIN:
            return builtin_model(spec, plan, request)
        return self.providers.model(name)

    @staticmethod
    def _resume_results(request: PhaseRequest, history: list[ModelMessage] | None) -> DeferredToolResults | None:
        if history is None:
            return None
        if request.resume_checkpoint_id is None:
            raise PhaseFailed("This job has saved state but no checkpoint to resume from; please start it again.")
        return resume_results(request.spec, request.resume_checkpoint_id, request.slots, history)

    @staticmethod
    async def _check_palette(connected: Mapping[str, Any], grouped: Mapping[str, list[str]]) -> None:
        for server, tools in grouped.items():
            offered = {tool.name for tool in await connected[server].list_tools()}
            if missing := [t for t in tools if t not in offered]:
                names = ", ".join(f"{server}:{t}" for t in missing)
                raise PhaseFailed(f"The workflow uses {names}, which the MCP server {server!r} does not offer.")

    def _explain(self, exc: Exception, model_name: str, spec: DestinationSpec, messages: list[ModelMessage]) -> Exception:
        explained = explain_model_failure(
            exc, model=model_name, location=self.providers.location(model_name), max_steps=spec.agent_config.max_steps
        )
        failure = _last_tool_failure(messages)
        if not (isinstance(explained, PhaseFailed) and failure and "retries" in str(exc)):
            return explained
        # The model gave up on a tool: the tool's own words say what is wrong.
        reason = tool_failure_message(failure.content)
        if failure.tool_name == COMPLETE_WORKFLOW:
            return PhaseFailed(f"The model did not manage to write the workflow's outputs: {reason}")
        return PhaseFailed(reason)


def build_runtime(settings: Settings) -> AgentRuntime:
    """The runtime an instance runs with, from its settings."""
    return AgentRuntime.from_settings(settings)
