"""Reading a message history: the tool calls a model made and the results they got."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from pydantic_ai.messages import ModelMessage, ModelRequest, ModelResponse, ToolCallPart, ToolReturnPart


def tool_calls(messages: Iterable[ModelMessage]) -> Iterator[ToolCallPart]:
    """Every tool call of the model's responses, in order."""
    for message in messages:
        if isinstance(message, ModelResponse):
            yield from (part for part in message.parts if isinstance(part, ToolCallPart))


def tool_returns(messages: Iterable[ModelMessage]) -> Iterator[ToolReturnPart]:
    """Every tool result sent back to the model, in order (failed and retried ones included)."""
    for message in messages:
        if isinstance(message, ModelRequest):
            yield from (part for part in message.parts if isinstance(part, ToolReturnPart))
