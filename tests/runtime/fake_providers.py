"""Local stand-ins for an OpenAI-compatible server and the Anthropic Messages API.

Each is a small Starlette app served by uvicorn on 127.0.0.1 in a thread. A
test gives it a ``script``: a function from the conversation so far (a list of
plain ``Turn``s read from the provider's own request format) to the next
``Reply`` (text, or tool calls). The app answers in the provider's real wire
format, so pydantic-ai's OpenAI and Anthropic models are exercised end to end.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from tests.runtime.local_server import serve


@dataclass
class ToolCall:
    name: str
    args: dict[str, Any]


@dataclass
class Turn:
    """One message of the conversation, provider-neutral."""

    role: str  # "system", "user", "assistant" or "tool"
    text: str = ""
    tool_calls: list[ToolCall] = field(default_factory=list)
    tool_name: str | None = None  # for role "tool": which call it answers
    blocks: list[str] = field(default_factory=list)  # for role "tool": the result's content blocks

    def result(self) -> Any:
        """A tool result's JSON: one block as it is, several (Anthropic sends a list that way) as a list."""
        parsed = [json.loads(block) for block in self.blocks or [self.text]]
        return parsed[0] if len(parsed) == 1 else parsed


@dataclass
class Reply:
    text: str | None = None
    tool_calls: list[ToolCall] = field(default_factory=list)


Script = Callable[[list[Turn], list[str]], Reply]  # (conversation, offered tool names) -> reply


@dataclass
class FakeProvider:
    url: str
    requests: list[dict[str, Any]]


# --- OpenAI chat completions -------------------------------------------------------------------------------


def _openai_turns(body: dict[str, Any]) -> list[Turn]:
    names_by_id: dict[str, str] = {}
    turns = []
    for message in body["messages"]:
        content = message.get("content") or ""
        if isinstance(content, list):
            content = "".join(part.get("text", "") for part in content)
        calls = []
        for call in message.get("tool_calls") or []:
            names_by_id[call["id"]] = call["function"]["name"]
            calls.append(ToolCall(call["function"]["name"], json.loads(call["function"]["arguments"] or "{}")))
        role = "system" if message["role"] == "developer" else message["role"]
        turns.append(Turn(role, content, calls, names_by_id.get(message.get("tool_call_id", ""))))
    return turns


def _openai_reply(reply: Reply, counter: int) -> dict[str, Any]:
    message: dict[str, Any] = {"role": "assistant", "content": reply.text}
    if reply.tool_calls:
        message["tool_calls"] = [
            {"id": f"call_{counter}_{i}", "type": "function",
             "function": {"name": call.name, "arguments": json.dumps(call.args)}}
            for i, call in enumerate(reply.tool_calls)
        ]
    return {
        "id": f"chatcmpl-{counter}",
        "object": "chat.completion",
        "created": 1_700_000_000 + counter,
        "model": "fake-gpt",
        "choices": [{"index": 0, "message": message, "finish_reason": "tool_calls" if reply.tool_calls else "stop"}],
        "usage": {"prompt_tokens": 20, "completion_tokens": 10, "total_tokens": 30},
    }


@contextmanager
def openai_server(script: Script | None = None, *, garbage: bool = False) -> Iterator[FakeProvider]:
    """An OpenAI-compatible server at ``<url>/v1``; with ``garbage``, answers that are not completions."""
    requests: list[dict[str, Any]] = []

    async def completions(request: Request) -> Response:
        body = await request.json()
        requests.append(body)
        if garbage:
            return PlainTextResponse("<html>502 upstream confused</html>", status_code=200)
        offered = [tool["function"]["name"] for tool in body.get("tools", [])]
        assert script is not None
        return JSONResponse(_openai_reply(script(_openai_turns(body), offered), len(requests)))

    app = Starlette(routes=[Route("/v1/chat/completions", completions, methods=["POST"])])
    with serve(app) as url:
        yield FakeProvider(f"{url}/v1", requests)


# --- Anthropic messages ------------------------------------------------------------------------------------


def _anthropic_turns(body: dict[str, Any]) -> list[Turn]:
    system = body.get("system") or ""
    if isinstance(system, list):
        system = "".join(block.get("text", "") for block in system)
    turns = [Turn("system", system)]
    names_by_id: dict[str, str] = {}
    for message in body["messages"]:
        blocks = message["content"] if isinstance(message["content"], list) else [
            {"type": "text", "text": message["content"]}
        ]
        text, calls = "", []
        for block in blocks:
            if block["type"] == "text":
                text += block["text"]
            elif block["type"] == "tool_use":
                names_by_id[block["id"]] = block["name"]
                calls.append(ToolCall(block["name"], block["input"]))
            elif block["type"] == "tool_result":
                content = block.get("content") or ""
                parts = [part.get("text", "") for part in content] if isinstance(content, list) else [content]
                turns.append(Turn("tool", "".join(parts), tool_name=names_by_id.get(block["tool_use_id"]), blocks=parts))
        if text or calls:
            turns.append(Turn(message["role"], text, calls))
    return turns


def _anthropic_reply(reply: Reply, counter: int) -> dict[str, Any]:
    content: list[dict[str, Any]] = [{"type": "text", "text": reply.text}] if reply.text else []
    content += [
        {"type": "tool_use", "id": f"toolu_{counter}_{i}", "name": call.name, "input": call.args}
        for i, call in enumerate(reply.tool_calls)
    ]
    return {
        "id": f"msg_{counter}",
        "type": "message",
        "role": "assistant",
        "model": "fake-claude",
        "content": content,
        "stop_reason": "tool_use" if reply.tool_calls else "end_turn",
        "stop_sequence": None,
        "usage": {"input_tokens": 20, "output_tokens": 10},
    }


@contextmanager
def anthropic_server(script: Script) -> Iterator[FakeProvider]:
    """A server speaking the Anthropic Messages API at ``<url>``."""
    requests: list[dict[str, Any]] = []

    async def messages(request: Request) -> Response:
        body = await request.json()
        requests.append(body)
        offered = [tool["name"] for tool in body.get("tools", [])]
        return JSONResponse(_anthropic_reply(script(_anthropic_turns(body), offered), len(requests)))

    app = Starlette(routes=[Route("/v1/messages", messages, methods=["POST"])])
    with serve(app) as url:
        yield FakeProvider(url, requests)
