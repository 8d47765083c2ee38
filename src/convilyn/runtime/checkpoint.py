"""The ``request_user_input`` system tool: a checkpoint is a deferred tool call.

Calling the tool ends the run with ``DeferredToolRequests``; the phase saves
the message history and reports the checkpoint. The next phase passes the
history back with ``DeferredToolResults`` holding the user's slot values, and
the model receives them as the tool's result. A checkpoint asked again after it
was answered gets the same answer at once, so resuming twice from one history
lands in the same place.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from pydantic_ai import CallDeferred, ModelRetry, RunContext, ToolFailed
from pydantic_ai.messages import ModelMessage, ModelResponse, ToolCallPart
from pydantic_ai.tools import DeferredToolRequests, DeferredToolResults, Tool, ToolDefinition
from pydantic_ai.toolsets import FunctionToolset

from convilyn.catalog.spec import DestinationSpec
from convilyn.runtime.deps import PhaseDeps
from convilyn.runtime.history import tool_calls, tool_returns
from convilyn.runtime.phase import CheckpointReached, PhaseFailed
from convilyn.runtime.slots import checked_slots

REQUEST_USER_INPUT = "request_user_input"
MAX_PREVIEW = 4000


def _answered(messages: list[ModelMessage], checkpoint_id: str) -> Any | None:
    """The answer already given to ``checkpoint_id`` earlier in the job, if any."""
    asked = {
        call.tool_call_id
        for call in tool_calls(messages)
        if call.tool_name == REQUEST_USER_INPUT and call.args_as_dict().get("checkpoint_id") == checkpoint_id
    }
    return next(
        (part.content for part in tool_returns(messages) if part.tool_call_id in asked and part.outcome == "success"),
        None,
    )


async def request_user_input(ctx: RunContext[PhaseDeps], checkpoint_id: str, step_output_preview: str) -> Any:
    """Pause the workflow at a checkpoint and ask the user for the checkpoint's slots.

    Args:
        checkpoint_id: Which checkpoint of the workflow this is.
        step_output_preview: A short summary of what you found so far, shown to the user with the question.
    """
    spec = ctx.deps.request.spec
    checkpoint = spec.checkpoint(checkpoint_id)
    if checkpoint is None:
        known = ", ".join(c.checkpoint_id for c in spec.checkpoints)
        raise ModelRetry(f"There is no checkpoint {checkpoint_id!r}; this workflow has: {known}.")
    if (answer := _answered(ctx.messages, checkpoint_id)) is not None:
        return answer
    raise CallDeferred(
        metadata={"checkpointId": checkpoint_id, "stepOutputPreview": step_output_preview[:MAX_PREVIEW]},
        kind="question",
    )


async def _describe_checkpoints(ctx: RunContext[PhaseDeps], tool_def: ToolDefinition) -> ToolDefinition | None:
    spec = ctx.deps.request.spec
    if not spec.checkpoints:
        return None  # a workflow without checkpoints never pauses
    lines = [
        f"- {c.checkpoint_id}: {c.description or 'checkpoint'} (asks for: "
        f"{', '.join(s.label or s.slot_id for s in c.slots)})"
        for c in spec.checkpoints
    ]
    schema = dict(tool_def.parameters_json_schema)
    properties = dict(schema.get("properties", {}))
    properties["checkpoint_id"] = {**properties["checkpoint_id"], "enum": [c.checkpoint_id for c in spec.checkpoints]}
    return replace(
        tool_def,
        description=f"{tool_def.description}\nCheckpoints, in the order the workflow reaches them:\n" + "\n".join(lines),
        parameters_json_schema={**schema, "properties": properties},
    )


def checkpoint_toolset() -> FunctionToolset[PhaseDeps]:
    """The toolset holding ``request_user_input``, shown only to workflows that have checkpoints."""
    return FunctionToolset([Tool(request_user_input, name=REQUEST_USER_INPUT, prepare=_describe_checkpoints)])


def checkpoint_reached(
    spec: DestinationSpec, requests: DeferredToolRequests, history: list[Any]
) -> CheckpointReached:
    """The CheckpointReached for the first checkpoint the model asked for."""
    call = next((c for c in requests.calls if c.tool_name == REQUEST_USER_INPUT), None)
    if call is None:
        names = ", ".join(sorted({c.tool_name for c in requests.calls + requests.approvals}))
        raise PhaseFailed(f"The workflow stopped waiting on {names}, which this service cannot answer.")
    metadata = requests.metadata.get(call.tool_call_id, {})
    checkpoint = spec.checkpoint(metadata["checkpointId"])
    assert checkpoint is not None  # request_user_input only defers known checkpoints
    return CheckpointReached(
        checkpoint_id=checkpoint.checkpoint_id,
        preview=metadata.get("stepOutputPreview", ""),
        slots=checkpoint.slots,
        history=history,
    )


def resume_results(
    spec: DestinationSpec, checkpoint_id: str, slots: dict[str, Any], history: list[ModelMessage]
) -> DeferredToolResults:
    """The user's answers to the checkpoint the history waits on, as deferred tool results."""
    checkpoint = spec.checkpoint(checkpoint_id)
    if checkpoint is None:
        raise PhaseFailed(f"This job waits on checkpoint {checkpoint_id}, which the workflow no longer has.")
    answers = checked_slots(checkpoint.slots, slots, needed_by=f"Checkpoint {checkpoint_id}")
    pending = _pending_calls(history)
    if not any(c.args_as_dict().get("checkpoint_id") == checkpoint_id for c in pending):
        raise PhaseFailed(f"The saved state of this job does not wait on checkpoint {checkpoint_id}.")
    calls: dict[str, Any] = {}
    for call in pending:
        if call.args_as_dict().get("checkpoint_id") == checkpoint_id:
            calls[call.tool_call_id] = answers
        else:  # asked in parallel with the answered one: let the model ask it again
            calls[call.tool_call_id] = ToolFailed("Only one checkpoint is answered at a time; ask this one again.")
    return DeferredToolResults(calls=calls)


def _pending_calls(history: list[ModelMessage]) -> list[ToolCallPart]:
    """The request_user_input calls of the last model response that have no result yet.

    Other tools called in the same response already ran: their results follow it.
    """
    index = next((i for i in range(len(history) - 1, -1, -1) if isinstance(history[i], ModelResponse)), None)
    if index is None:
        return []
    answered = {part.tool_call_id for part in tool_returns(history[index + 1 :])}
    return [
        part
        for part in history[index].parts
        if isinstance(part, ToolCallPart) and part.tool_name == REQUEST_USER_INPUT and part.tool_call_id not in answered
    ]
