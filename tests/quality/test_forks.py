"""A fork of a curated workflow behaves like its source until edited; an edit shows in what it writes."""

from __future__ import annotations

from pathlib import Path

from convilyn.builder.compile import compile_spec
from convilyn.catalog.registry import load_curated_specs
from convilyn.runtime.agent_runtime import AgentRuntime
from convilyn.runtime.phase import Completed, InputDocument, PhaseRequest

DOCS = Path(__file__).resolve().parents[1] / "corpus" / "docs"
SOURCE = next(s for s in load_curated_specs() if s.spec_id == "goal_lane.cover_letter")


def _fork(palette: list[str]):  # noqa: ANN202 - a DestinationSpec
    return compile_spec(
        workflow_id="uw_" + "0" * 24, name="Copy of Cover letter", description=SOURCE.description,
        system_prompt=SOURCE.system_prompt, tool_palette=[{"toolName": t} for t in palette],
        output_specs=[o.model_dump(mode="json", by_alias=True) for o in SOURCE.output_specs],
        agent_config=SOURCE.agent_config.model_dump(mode="json", by_alias=True), item_version=1,
        source_spec_id=SOURCE.spec_id,
    )  # fmt: skip


async def _letter(spec, tmp_path: Path) -> str:  # noqa: ANN001
    inputs = [InputDocument(file_id=f"f{i}", filename=name, path=DOCS / name, format=name.rsplit(".", 1)[1])
              for i, name in enumerate(["sales_manager_resume.txt", "bank_posting.pdf"])]  # fmt: skip

    async def progress(percent: int, step: str) -> None:
        return None

    request = PhaseRequest(job_id="job_fork", spec=spec, inputs=inputs, slots={}, workdir=tmp_path, history=None,
                           resume_checkpoint_id=None)  # fmt: skip
    outcome = await AgentRuntime().run_phase(request, progress)
    assert isinstance(outcome, Completed)
    return (tmp_path / "cover_letter.md").read_text(encoding="utf-8")


async def test_an_unedited_fork_writes_the_same_letter_as_its_source(tmp_path: Path) -> None:
    fork = _fork(SOURCE.tool_palette)
    assert fork.plan == SOURCE.plan
    assert await _letter(fork, tmp_path / "fork") == await _letter(SOURCE, tmp_path / "source")


async def test_an_edited_palette_drops_the_plan_and_the_output_shows_the_new_tools(tmp_path: Path) -> None:
    fork = _fork([*SOURCE.tool_palette, "text-analysis-mcp:extract_keywords"])
    assert fork.plan is None
    letter = await _letter(fork, tmp_path)
    assert "Dear Harbourline Bank hiring team" not in letter  # no longer the source's letter
    assert "keywords" in letter.lower()  # what the added tool found is in the output
