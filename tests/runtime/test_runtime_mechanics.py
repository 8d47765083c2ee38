"""The runtime's mechanics on the built-in model, over small stand-in MCP servers.

Derived plans for user workflows, checkpoints and resume, progress, and the
failures a person must be able to read.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest

from convilyn.catalog.spec import DestinationSpec
from convilyn.runtime.agent_runtime import AgentRuntime
from convilyn.runtime.phase import CheckpointReached, Completed, PhaseFailed, PhaseStopped
from tests.runtime.phase_helpers import ProgressLog, phase_request

NOTES = "Quarterly planning meeting.\nThe marketing campaign launches tomorrow.\nBudget approval is pending.\n"


def user_workflow(palette: list[str], **extra: Any) -> DestinationSpec:
    return DestinationSpec.model_validate(
        {
            "specId": "uw_" + "a" * 24,
            "name": "Meeting digest",
            "description": "Keywords and counts of meeting notes.",
            "toolPalette": palette,
            "outputSpecs": [
                {"filename": "digest.md", "format": "md"},
                {"filename": "digest.csv", "format": "csv"},
                {"filename": "digest.json", "format": "json"},
            ],
            **extra,
        }
    )


def review_spec() -> DestinationSpec:
    return DestinationSpec.model_validate(
        {
            "specId": "test.review",
            "name": "Keyword review",
            "toolPalette": ["doc-parser-mcp:extract_text", "text-analysis-mcp:extract_keywords"],
            "checkpoints": [
                {"checkpointId": "pick", "slots": [{"slotId": "chosen", "type": "text"}]},
                {"checkpointId": "confirm", "slots": [{"slotId": "ok", "type": "select", "options": ["yes", "no"]}]},
            ],
            "outputSpecs": [{"filename": "choice.md", "format": "md"}],
            "plan": {
                "steps": [
                    {"id": "texts", "tool": "doc-parser-mcp:extract_text", "forEach": "{{ inputs }}",
                     "args": {"path": "{{ item.path }}"}, "label": "extracting_text"},
                    {"id": "keywords", "tool": "text-analysis-mcp:extract_keywords",
                     "args": {"text": "{{ steps.texts[0].text }}"}, "label": "finding_keywords"},
                    {"id": "pick", "checkpoint": "pick",
                     "preview": "Keywords: {{ steps.keywords | map(attribute='term') | join(', ') }}"},
                    {"id": "confirm", "checkpoint": "confirm", "preview": "You chose {{ slots.chosen }}."},
                ],
                "outputs": [{"filename": "choice.md", "template": ["# Choice", "", "{{ slots.chosen }} ({{ slots.ok }})"]}],
            },
        }
    )


def tool_calls(history: list[dict[str, Any]]) -> list[tuple[str, Any]]:
    """The tool calls of a saved history, in order: what a resumed phase decided to do."""
    return [
        (part["tool_name"], part["args"])
        for message in history
        if message["kind"] == "response"
        for part in message["parts"]
        if part["part_kind"] == "tool-call"
    ]


@pytest.fixture
def runtime(toy_servers: dict[str, Any]) -> AgentRuntime:
    return AgentRuntime(builtin_servers=toy_servers)


async def test_a_user_workflow_without_a_plan_reads_the_inputs_applies_each_tool_and_writes_a_report(
    runtime: AgentRuntime, write_doc, tmp_path: Path, progress: ProgressLog
) -> None:
    spec = user_workflow(["text-analysis-mcp:extract_keywords", "text-analysis-mcp:needs_mode",
                          "text-analysis-mcp:count_words"])
    outcome = await runtime.run_phase(phase_request(spec, [write_doc("notes.txt", NOTES)], tmp_path / "out"), progress)

    assert isinstance(outcome, Completed)
    assert [f.name for f in outcome.files] == ["digest.md", "digest.csv", "digest.json"]
    report = (tmp_path / "out" / "digest.md").read_text()
    assert report.startswith("# Meeting digest\n")
    assert "notes.txt: 12 words" in report
    assert "## Find the keywords of a text" in report and "- marketing (Score: 1)" in report
    assert "## Count the words of a text" in report
    assert "needs_mode" not in report  # its required mode and threshold cannot be bound from the documents
    rows = list(csv.DictReader((tmp_path / "out" / "digest.csv").read_text().splitlines()))
    assert {"Section": "Count the words of a text", "Field": "Words", "Value": "12"} in rows
    data = json.loads((tmp_path / "out" / "digest.json").read_text())
    assert data["Count the words of a text"] == {"words": 12}
    assert progress.reports[-1] == (100, "completed")


async def test_checkpoints_pause_the_phase_and_resume_from_the_saved_history(
    runtime: AgentRuntime, write_doc, tmp_path: Path, progress: ProgressLog
) -> None:
    spec, inputs = review_spec(), [write_doc("notes.txt", NOTES)]
    first = await runtime.run_phase(phase_request(spec, inputs, tmp_path / "p1"), progress)
    assert isinstance(first, CheckpointReached)
    assert first.checkpoint_id == "pick"
    assert first.preview == "Keywords: approval, campaign, launches, marketing, meeting"
    assert [s.slot_id for s in first.slots] == ["chosen"]
    history = json.loads(json.dumps(first.history))  # it is stored as JSON

    second = await runtime.run_phase(
        phase_request(spec, inputs, tmp_path / "p2", slots={"chosen": "marketing"}, history=history, resume="pick"),
        progress,
    )
    assert isinstance(second, CheckpointReached)
    assert (second.checkpoint_id, second.preview) == ("confirm", "You chose marketing.")

    slots = {"chosen": "marketing", "ok": "yes"}
    done = await runtime.run_phase(
        phase_request(spec, inputs, tmp_path / "p3", slots=slots, history=second.history, resume="confirm"), progress
    )
    assert isinstance(done, Completed)
    assert (tmp_path / "p3" / "choice.md").read_text() == "# Choice\n\nmarketing (yes)\n"
    assert "finding_keywords" in progress.steps and "preparing_review" in progress.steps


async def test_resuming_twice_from_one_checkpoint_gives_the_same_outcome(
    runtime: AgentRuntime, write_doc, tmp_path: Path, progress: ProgressLog
) -> None:
    spec, inputs = review_spec(), [write_doc("notes.txt", NOTES)]
    first = await runtime.run_phase(phase_request(spec, inputs, tmp_path / "p1"), progress)
    assert isinstance(first, CheckpointReached)
    outcomes = [
        await runtime.run_phase(
            phase_request(spec, inputs, tmp_path / f"again{i}", slots={"chosen": "budget"}, history=first.history,
                          resume="pick"),
            progress,
        )
        for i in range(2)
    ]
    assert all(isinstance(o, CheckpointReached) for o in outcomes)
    assert outcomes[0].preview == outcomes[1].preview == "You chose budget."
    assert tool_calls(outcomes[0].history) == tool_calls(outcomes[1].history)
    assert tool_calls(outcomes[0].history)[-1] == (
        "request_user_input", {"checkpoint_id": "confirm", "step_output_preview": "You chose budget."}
    )


async def test_each_phase_progress_only_moves_forward(
    runtime: AgentRuntime, write_doc, tmp_path: Path
) -> None:
    spec, inputs = review_spec(), [write_doc("notes.txt", NOTES)]
    log = ProgressLog()
    first = await runtime.run_phase(phase_request(spec, inputs, tmp_path / "p1"), log)
    assert isinstance(first, CheckpointReached)
    before = log.reports[-1][0]
    log2 = ProgressLog()
    await runtime.run_phase(
        phase_request(spec, inputs, tmp_path / "p2", slots={"chosen": "x"}, history=first.history, resume="pick"), log2
    )
    percents = [p for p, _ in log.reports + log2.reports]
    assert percents == sorted(percents)
    assert log2.reports[0] == (before, "resuming")


async def test_a_progress_callback_that_stops_the_phase_ends_it_there(
    runtime: AgentRuntime, write_doc, tmp_path: Path
) -> None:
    """A cancelled job's runner raises PhaseStopped from the progress report: no further tool runs."""
    reported: list[str] = []

    async def cancelled_after_the_first_tool(percent: int, step: str) -> None:
        reported.append(step)
        if len(reported) == 3:
            raise PhaseStopped("job_x")

    with pytest.raises(PhaseStopped):
        await runtime.run_phase(phase_request(review_spec(), [write_doc("notes.txt", NOTES)], tmp_path / "out"),
                                cancelled_after_the_first_tool)
    assert reported == ["starting", "extracting_text", "finding_keywords"]
    assert not (tmp_path / "out" / "choice.md").exists()


async def test_resuming_without_the_checkpoint_slot_fails_clearly(
    runtime: AgentRuntime, write_doc, tmp_path: Path, progress: ProgressLog
) -> None:
    spec, inputs = review_spec(), [write_doc("notes.txt", NOTES)]
    first = await runtime.run_phase(phase_request(spec, inputs, tmp_path / "p1"), progress)
    with pytest.raises(PhaseFailed, match=r"Checkpoint pick needs a value for chosen \(chosen\)"):
        await runtime.run_phase(
            phase_request(spec, inputs, tmp_path / "p2", history=first.history, resume="pick"), progress
        )
    with pytest.raises(PhaseFailed, match="saved state of this job could not be read"):
        await runtime.run_phase(
            phase_request(spec, inputs, tmp_path / "p3", slots={"chosen": "x"}, history=[{"kind": "nonsense"}],
                          resume="pick"),
            progress,
        )


async def test_an_empty_document_fails_with_the_tools_own_words(
    runtime: AgentRuntime, write_doc, tmp_path: Path, progress: ProgressLog
) -> None:
    spec = user_workflow(["text-analysis-mcp:count_words"])
    with pytest.raises(PhaseFailed) as failure:
        await runtime.run_phase(phase_request(spec, [write_doc("blank.txt", "  \n")], tmp_path / "out"), progress)
    assert str(failure.value) == "blank.txt has no text; upload a document with content"


async def test_a_crashing_tool_fails_without_leaking_its_internals(
    runtime: AgentRuntime, write_doc, tmp_path: Path, progress: ProgressLog
) -> None:
    spec = user_workflow(["text-analysis-mcp:crash"])
    with pytest.raises(PhaseFailed) as failure:
        await runtime.run_phase(phase_request(spec, [write_doc("notes.txt", NOTES)], tmp_path / "out"), progress)
    assert str(failure.value) == "The tool crash failed unexpectedly."


@pytest.mark.parametrize(
    ("palette", "message"),
    [
        (["weather-mcp:forecast"], "MCP server 'weather-mcp', which is not registered here"),
        (["text-analysis-mcp:translate"], "text-analysis-mcp:translate, which the MCP server 'text-analysis-mcp' does"),
    ],
)
async def test_a_palette_tool_nobody_offers_fails_clearly(
    runtime: AgentRuntime, write_doc, tmp_path: Path, progress: ProgressLog, palette: list[str], message: str
) -> None:
    with pytest.raises(PhaseFailed, match=message):
        await runtime.run_phase(
            phase_request(user_workflow(palette), [write_doc("notes.txt", NOTES)], tmp_path / "out"), progress
        )


async def test_max_steps_bounds_the_run_with_a_clear_failure(
    runtime: AgentRuntime, write_doc, tmp_path: Path, progress: ProgressLog
) -> None:
    spec = user_workflow(["text-analysis-mcp:extract_keywords", "text-analysis-mcp:count_words"],
                         agentConfig={"maxSteps": 2})
    with pytest.raises(PhaseFailed, match=r"did not finish within its limit of 2 steps \(agentConfig.maxSteps\)"):
        await runtime.run_phase(phase_request(spec, [write_doc("notes.txt", NOTES)], tmp_path / "out"), progress)


async def test_an_unreachable_external_mcp_server_fails_naming_it(
    toy_servers: dict[str, Any], write_doc, tmp_path: Path, progress: ProgressLog
) -> None:
    runtime = AgentRuntime(builtin_servers=toy_servers, mcp_servers={"crm-mcp": "http://127.0.0.1:9/mcp"})
    with pytest.raises(PhaseFailed, match=r"The MCP server 'crm-mcp' \(http://127.0.0.1:9/mcp\) could not be reached"):
        await runtime.run_phase(
            phase_request(user_workflow(["crm-mcp:lookup"]), [write_doc("notes.txt", NOTES)], tmp_path / "out"),
            progress,
        )
