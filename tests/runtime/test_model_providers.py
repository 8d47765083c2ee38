"""Real model providers, over the wire: an OpenAI-compatible server and the Anthropic Messages API.

A local fake server answers with genuine tool calls in each provider's format,
so the whole loop runs as it would against a real model: palette tools under
encoded names, a checkpoint, resume from the saved history, complete_workflow.
"""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import pytest

from convilyn.catalog.spec import DestinationSpec
from convilyn.runtime.agent_runtime import AgentRuntime
from convilyn.runtime.phase import CheckpointReached, Completed, PhaseFailed
from tests.runtime.fake_providers import FakeProvider, Reply, ToolCall, Turn, anthropic_server, openai_server
from tests.runtime.phase_helpers import ProgressLog, phase_request

NOTES = "Planning meeting.\nThe marketing campaign launches tomorrow.\nBudget approval is pending.\n"

SPEC = DestinationSpec.model_validate(
    {
        "specId": "test.llm_review",
        "name": "Keyword review",
        "systemPrompt": "You pick the keywords of meeting notes with the user and write them down.",
        "toolPalette": ["doc-parser-mcp:extract_text", "text-analysis-mcp:extract_keywords"],
        "checkpoints": [{"checkpointId": "pick", "description": "Choose the keyword to keep",
                         "slots": [{"slotId": "chosen", "type": "text", "label": "Keyword"}]}],
        "outputSpecs": [{"filename": "choice.md", "format": "md"}, {"filename": "choice.docx", "format": "docx"}],
    }
)


def path_in_prompt(turns: list[Turn]) -> str:
    """The path of the input document, as the runtime's first prompt lists it."""
    return re.search(r"path: (\S+)", next(t.text for t in turns if t.role == "user")).group(1)


def careful_model(turns: list[Turn], offered: list[str]) -> Reply:
    """What a well-behaved model does with this workflow: read, analyse, ask, write."""
    results = {turn.tool_name: turn.result() for turn in turns if turn.role == "tool"}
    if "request_user_input" in results:
        answer = results["request_user_input"]
        keywords = [k["term"] for k in results["text_analysis_mcp__extract_keywords"]]
        content = f"# Keyword\n\n**{answer['chosen']}**, chosen from {', '.join(keywords)}."
        return Reply(tool_calls=[ToolCall("complete_workflow", {"files": [{"filename": "choice.md", "content": content}]})])
    if "text_analysis_mcp__extract_keywords" in results:
        keywords = [k["term"] for k in results["text_analysis_mcp__extract_keywords"]]
        preview = f"I found these keywords: {', '.join(keywords)}"
        return Reply(tool_calls=[ToolCall("request_user_input", {"checkpoint_id": "pick", "step_output_preview": preview})])
    if "doc_parser_mcp__extract_text" in results:
        text = results["doc_parser_mcp__extract_text"]["text"]
        return Reply(tool_calls=[ToolCall("text_analysis_mcp__extract_keywords", {"text": text})])
    return Reply(
        text="Reading the notes first.",
        tool_calls=[ToolCall("doc_parser_mcp__extract_text", {"path": path_in_prompt(turns)})],
    )


Provider = Callable[[Callable[[list[Turn], list[str]], Reply]], AbstractContextManager[FakeProvider]]


MakeRuntime = Callable[..., AgentRuntime]


@pytest.fixture
async def make_runtime(toy_servers: dict[str, Any]) -> AsyncIterator[MakeRuntime]:
    """Runtimes on the stand-in MCP servers, closed (with their HTTP clients) after the test."""
    made: list[AgentRuntime] = []

    def make(model: str, **settings: Any) -> AgentRuntime:
        made.append(AgentRuntime(model, builtin_servers=toy_servers, **settings))
        return made[-1]

    yield make
    for runtime in made:
        await runtime.aclose()


def runtime_for(kind: str, fake: FakeProvider, make_runtime: MakeRuntime) -> AgentRuntime:
    if kind == "openai":
        return make_runtime("openai:fake-gpt", openai_base_url=fake.url)
    return make_runtime("anthropic:fake-claude", anthropic_base_url=fake.url, anthropic_api_key="test-key")


@pytest.fixture(params=["openai", "anthropic"])
def provider(request: pytest.FixtureRequest) -> Iterator[tuple[str, FakeProvider]]:
    server = openai_server if request.param == "openai" else anthropic_server
    with server(careful_model) as fake:
        yield request.param, fake


async def test_a_real_model_drives_tools_a_checkpoint_and_complete_workflow(
    provider: tuple[str, FakeProvider], make_runtime: MakeRuntime, write_doc, tmp_path: Path
) -> None:
    kind, fake = provider
    runtime = runtime_for(kind, fake, make_runtime)
    inputs = [write_doc("notes.txt", NOTES)]
    progress = ProgressLog()

    paused = await runtime.run_phase(phase_request(SPEC, inputs, tmp_path / "p1"), progress)
    assert isinstance(paused, CheckpointReached)
    assert paused.checkpoint_id == "pick"
    assert paused.preview == "I found these keywords: approval, campaign, launches, marketing, meeting"
    assert [s.slot_id for s in paused.slots] == ["chosen"]
    assert progress.steps[1:4] == ["extracting_text", "analysing_documents", "preparing_review"]

    history = json.loads(json.dumps(paused.history))
    done = await runtime.run_phase(
        phase_request(SPEC, inputs, tmp_path / "p2", slots={"chosen": "marketing"}, history=history, resume="pick"),
        progress,
    )
    assert isinstance(done, Completed)
    assert [f.name for f in done.files] == ["choice.md", "choice.docx"]
    assert (tmp_path / "p2" / "choice.md").read_text() == (
        "# Keyword\n\n**marketing**, chosen from approval, campaign, launches, marketing, meeting.\n"
    )
    assert (tmp_path / "p2" / "choice.docx").read_bytes()[:2] == b"PK"  # written from the Markdown

    first = fake.requests[0]
    offered = [t["function"]["name"] for t in first["tools"]] if kind == "openai" else [t["name"] for t in first["tools"]]
    assert set(offered) == {"doc_parser_mcp__extract_text", "text_analysis_mcp__extract_keywords",
                            "request_user_input", "complete_workflow"}
    system = json.dumps(first.get("system") or first["messages"][0])
    assert "You pick the keywords of meeting notes" in system and "checkpoints, in this order: pick" in system
    assert len(fake.requests) == 4


async def test_resuming_twice_with_a_real_model_writes_the_same_files(
    provider: tuple[str, FakeProvider], make_runtime: MakeRuntime, write_doc, tmp_path: Path
) -> None:
    kind, fake = provider
    runtime = runtime_for(kind, fake, make_runtime)
    inputs = [write_doc("notes.txt", NOTES)]
    paused = await runtime.run_phase(phase_request(SPEC, inputs, tmp_path / "p1"), ProgressLog())
    assert isinstance(paused, CheckpointReached)
    contents = []
    for attempt in range(2):
        done = await runtime.run_phase(
            phase_request(SPEC, inputs, tmp_path / f"r{attempt}", slots={"chosen": "budget"}, history=paused.history,
                          resume="pick"),
            ProgressLog(),
        )
        assert isinstance(done, Completed)
        contents.append((tmp_path / f"r{attempt}" / "choice.md").read_text())
    assert contents[0] == contents[1]


async def test_an_unreachable_provider_fails_saying_where(make_runtime: MakeRuntime, write_doc, tmp_path: Path) -> None:
    runtime = make_runtime("openai:gpt-test", openai_base_url="http://127.0.0.1:9/v1")
    with pytest.raises(PhaseFailed, match=r"^The model provider at http://127.0.0.1:9/v1 could not be reached"):
        await runtime.run_phase(phase_request(SPEC, [write_doc("notes.txt", NOTES)], tmp_path / "out"), ProgressLog())


async def test_a_provider_answering_garbage_fails_clearly(make_runtime: MakeRuntime, write_doc, tmp_path: Path) -> None:
    with openai_server(garbage=True) as fake:
        runtime = make_runtime("openai:gpt-test", openai_base_url=fake.url)
        with pytest.raises(PhaseFailed, match=rf"^The model provider at {fake.url} returned a response the workflow"):
            await runtime.run_phase(phase_request(SPEC, [write_doc("notes.txt", NOTES)], tmp_path / "out"), ProgressLog())


async def test_a_model_that_keeps_failing_a_tool_ends_with_the_tools_message(
    make_runtime: MakeRuntime, write_doc, tmp_path: Path
) -> None:
    def stubborn(turns: list[Turn], offered: list[str]) -> Reply:
        return Reply(tool_calls=[ToolCall("doc_parser_mcp__extract_text", {"path": path_in_prompt(turns)})])

    with openai_server(stubborn) as fake:
        runtime = make_runtime("openai:gpt-test", openai_base_url=fake.url)
        with pytest.raises(PhaseFailed) as failure:
            await runtime.run_phase(phase_request(SPEC, [write_doc("blank.txt", "\n")], tmp_path / "out"), ProgressLog())
    assert str(failure.value) == "blank.txt has no text; upload a document with content"


async def test_an_unknown_model_name_fails_clearly(make_runtime: MakeRuntime, write_doc, tmp_path: Path) -> None:
    runtime = make_runtime("mistral:large")
    with pytest.raises(PhaseFailed, match="use builtin, openai:<model> or anthropic:<model>"):
        await runtime.run_phase(phase_request(SPEC, [write_doc("notes.txt", NOTES)], tmp_path / "out"), ProgressLog())


async def test_a_checkpoint_asked_together_with_another_tool_resumes_cleanly(
    make_runtime: MakeRuntime, write_doc, tmp_path: Path
) -> None:
    def eager(turns: list[Turn], offered: list[str]) -> Reply:
        results = {turn.tool_name: turn.result() for turn in turns if turn.role == "tool"}
        if "request_user_input" not in results:
            return Reply(tool_calls=[
                ToolCall("doc_parser_mcp__extract_text", {"path": path_in_prompt(turns)}),
                ToolCall("request_user_input", {"checkpoint_id": "pick", "step_output_preview": "Which keyword?"}),
            ])
        words = results["doc_parser_mcp__extract_text"]["words"]
        content = f"# Keyword\n\n{results['request_user_input']['chosen']} ({words} words read)"
        return Reply(tool_calls=[ToolCall("complete_workflow", {"files": [{"filename": "choice.md", "content": content}]})])

    inputs = [write_doc("notes.txt", NOTES)]
    with openai_server(eager) as fake:
        runtime = make_runtime("openai:gpt-test", openai_base_url=fake.url)
        paused = await runtime.run_phase(phase_request(SPEC, inputs, tmp_path / "p1"), ProgressLog())
        assert isinstance(paused, CheckpointReached) and paused.preview == "Which keyword?"
        done = await runtime.run_phase(
            phase_request(SPEC, inputs, tmp_path / "p2", slots={"chosen": "budget"}, history=paused.history,
                          resume="pick"),
            ProgressLog(),
        )
    assert isinstance(done, Completed)
    assert (tmp_path / "p2" / "choice.md").read_text() == "# Keyword\n\nbudget (11 words read)\n"


async def test_a_checkpoint_asked_again_after_its_answer_gets_the_same_answer_without_pausing(
    make_runtime: MakeRuntime, write_doc, tmp_path: Path
) -> None:
    def forgetful(turns: list[Turn], offered: list[str]) -> Reply:
        answers = [turn.result() for turn in turns if turn.role == "tool" and turn.tool_name == "request_user_input"]
        if len(answers) < 2:
            return Reply(tool_calls=[ToolCall("request_user_input", {"checkpoint_id": "pick", "step_output_preview": "?"})])
        content = f"# Keyword\n\n{answers[0]['chosen']} / {answers[1]['chosen']}"
        return Reply(tool_calls=[ToolCall("complete_workflow", {"files": [{"filename": "choice.md", "content": content}]})])

    inputs = [write_doc("notes.txt", NOTES)]
    with openai_server(forgetful) as fake:
        runtime = make_runtime("openai:gpt-test", openai_base_url=fake.url)
        paused = await runtime.run_phase(phase_request(SPEC, inputs, tmp_path / "p1"), ProgressLog())
        assert isinstance(paused, CheckpointReached)
        done = await runtime.run_phase(
            phase_request(SPEC, inputs, tmp_path / "p2", slots={"chosen": "budget"}, history=paused.history,
                          resume="pick"),
            ProgressLog(),
        )
    assert isinstance(done, Completed)
    assert (tmp_path / "p2" / "choice.md").read_text() == "# Keyword\n\nbudget / budget\n"


async def test_a_model_that_never_writes_the_outputs_right_fails_saying_what_was_missing(
    make_runtime: MakeRuntime, write_doc, tmp_path: Path
) -> None:
    def careless(turns: list[Turn], offered: list[str]) -> Reply:
        return Reply(tool_calls=[ToolCall("complete_workflow", {"files": [{"filename": "notes.md", "content": "hi"}]})])

    spec = SPEC.model_copy(update={"checkpoints": []})
    with openai_server(careless) as fake:
        runtime = make_runtime("openai:gpt-test", openai_base_url=fake.url)
        with pytest.raises(PhaseFailed) as failure:
            await runtime.run_phase(phase_request(spec, [write_doc("notes.txt", NOTES)], tmp_path / "out"), ProgressLog())
    assert str(failure.value) == (
        "The model did not manage to write the workflow's outputs: "
        "notes.md is not an output of this workflow; write exactly: choice.md, choice.docx."
    )
    assert len(fake.requests) == 3  # the first answer and two chances to correct it
