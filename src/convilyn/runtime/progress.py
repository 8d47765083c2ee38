"""Progress of a phase: a percentage and a ``currentStep`` label, advanced as tools are called.

The percentage counts the tool calls made in the whole job (the message history
included), against the number the plan expects, so it only moves forward across
phases. Labels are the plan step's ``label`` where the call comes from a plan,
else one per built-in server.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pydantic_ai import RunContext
from pydantic_ai.messages import ModelMessage
from pydantic_ai.toolsets import ToolsetTool, WrapperToolset

from convilyn.runtime import codec
from convilyn.runtime.history import tool_returns
from convilyn.runtime.phase import ProgressCallback

if TYPE_CHECKING:
    from convilyn.runtime.deps import PhaseDeps

SERVER_STEPS = {
    "doc-parser-mcp": "extracting_text",
    "text-analysis-mcp": "analysing_documents",
    "career-mcp": "analysing_documents",
    "doc-writer-mcp": "generating_output",
}
SYSTEM_STEPS = {"request_user_input": "preparing_review"}
FIRST, TOOLS_DONE = 3, 90


def step_label(tool_name: str) -> str:
    """The ``currentStep`` for a call of ``tool_name`` (encoded, as the model calls it)."""
    if tool_name in SYSTEM_STEPS:
        return SYSTEM_STEPS[tool_name]
    try:
        server, tool = codec.decode(tool_name).split(":", 1)
    except codec.ToolNameError:
        return "working"
    return SERVER_STEPS.get(server, f"calling_{tool}"[:64])


@dataclass
class PhaseProgress:
    """Reports progress through the job runner's callback, never backwards."""

    callback: ProgressCallback
    expected_calls: int
    label_of_call: Callable[[str | None], str | None] = lambda _call_id: None
    _percent: int = field(default=0, init=False)

    async def report(self, percent: int, step: str) -> None:
        self._percent = max(self._percent, min(100, percent))
        await self.callback(self._percent, step)

    def _percent_after(self, messages: Sequence[ModelMessage]) -> int:
        done = sum(1 for _ in tool_returns(messages))
        return FIRST + int((TOOLS_DONE - FIRST) * min(done, self.expected_calls) / max(self.expected_calls, 1))

    async def started(self, history: Sequence[ModelMessage] = ()) -> None:
        await self.report(self._percent_after(history), "starting" if not history else "resuming")

    async def tool_called(self, ctx: RunContext[Any], tool_name: str) -> None:
        label = self.label_of_call(ctx.tool_call_id) or step_label(tool_name)
        await self.report(self._percent_after(ctx.messages), label)

    async def writing_outputs(self) -> None:
        await self.report(TOOLS_DONE, "generating_output")

    async def finished(self) -> None:
        await self.report(100, "completed")


@dataclass
class ProgressToolset(WrapperToolset["PhaseDeps"]):
    """Reports each tool call to the phase's progress before making it."""

    async def call_tool(
        self, name: str, tool_args: dict[str, Any], ctx: RunContext[PhaseDeps], tool: ToolsetTool[PhaseDeps]
    ) -> Any:
        await ctx.deps.progress.tool_called(ctx, name)
        return await super().call_tool(name, tool_args, ctx, tool)
