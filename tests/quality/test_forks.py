"""A fork of a curated workflow behaves like its source until edited; an edit shows in what it writes."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from convilyn.builder.compile import compile_spec
from convilyn.catalog.registry import load_curated_specs
from convilyn.runtime.agent_runtime import AgentRuntime
from convilyn.runtime.phase import Completed, InputDocument, PhaseRequest

DOCS = Path(__file__).resolve().parents[1] / "corpus" / "docs"
SOURCE = next(s for s in load_curated_specs() if s.spec_id == "goal_lane.cover_letter")


CURATED = {s.spec_id: s for s in load_curated_specs()}


def _fork(palette: list[str], source=SOURCE, prompt: str | None = None):  # noqa: ANN001, ANN202 - DestinationSpecs
    return compile_spec(
        workflow_id="uw_" + "0" * 24, name=f"Copy of {source.name}", description=source.description,
        system_prompt=source.system_prompt if prompt is None else prompt, tool_palette=[{"toolName": t} for t in palette],
        output_specs=[o.model_dump(mode="json", by_alias=True) for o in source.output_specs],
        agent_config=source.agent_config.model_dump(mode="json", by_alias=True), item_version=1,
        source_spec_id=source.spec_id,
    )  # fmt: skip


async def _run(spec, tmp_path: Path, documents: list[str], slots: dict | None = None, history=None,  # noqa: ANN001
               resume: str | None = None):  # noqa: ANN202
    inputs = [InputDocument(file_id=f"f{i}", filename=name, path=DOCS / name, format=name.rsplit(".", 1)[1])
              for i, name in enumerate(documents)]  # fmt: skip

    async def progress(percent: int, step: str) -> None:
        return None

    request = PhaseRequest(job_id="job_fork", spec=spec, inputs=inputs, slots=slots or {}, workdir=tmp_path,
                           history=history, resume_checkpoint_id=resume)  # fmt: skip
    return await AgentRuntime().run_phase(request, progress)


async def _letter(spec, tmp_path: Path) -> str:  # noqa: ANN001
    outcome = await _run(spec, tmp_path, ["sales_manager_resume.txt", "bank_posting.pdf"])
    assert isinstance(outcome, Completed)
    return (tmp_path / "cover_letter.md").read_text(encoding="utf-8")


async def test_an_unedited_fork_writes_the_same_letter_as_its_source(tmp_path: Path) -> None:
    fork = _fork(SOURCE.tool_palette)
    assert fork.plan == SOURCE.plan
    assert await _letter(fork, tmp_path / "fork") == await _letter(SOURCE, tmp_path / "source")


async def test_an_added_tool_keeps_the_letter_and_appends_what_it_found(tmp_path: Path) -> None:
    fork = _fork([*SOURCE.tool_palette, "text-analysis-mcp:extract_keywords"])
    assert fork.plan == SOURCE.plan
    letter = await _letter(fork, tmp_path / "fork")
    source = await _letter(SOURCE, tmp_path / "source")
    assert letter.startswith(source.rstrip())  # the deliverable is still the source's letter
    appendix = letter.removeprefix(source.rstrip())
    assert appendix.startswith("\n\n---\n\n## Keywords\n\n") and "Harbourline" in appendix  # and the edit shows
    assert "Count:" not in appendix and "Score:" not in appendix  # read as a section, not dumped as data


async def test_a_removed_tool_the_plan_needs_drops_the_plan(tmp_path: Path) -> None:
    fork = _fork(["doc-parser-mcp:extract_text", "text-analysis-mcp:extract_keywords"])
    assert fork.plan is None
    letter = await _letter(fork, tmp_path)
    assert "Dear Harbourline Bank hiring team" not in letter  # no longer the source's letter
    assert "keywords" in letter.lower()  # what the remaining tools found is the output


async def test_a_fork_of_a_workflow_with_checkpoints_writes_what_its_source_writes_on_accepting(
    tmp_path: Path,
) -> None:
    source = CURATED["goal_lane.report_builder"]
    fork = _fork(source.tool_palette, source)
    assert fork.plan == source.plan and fork.checkpoints == []
    outcome = await _run(fork, tmp_path / "fork", ["energy_report.pdf"])
    assert isinstance(outcome, Completed)  # it never stopped to ask
    forked = (tmp_path / "fork" / "report.md").read_text(encoding="utf-8")

    history, resume, slots = None, None, {}
    for _ in range(3):  # the source, answered as a person accepting each proposal
        outcome = await _run(source, tmp_path / "source", ["energy_report.pdf"], slots, history, resume)
        if isinstance(outcome, Completed):
            break
        title = next((line.removeprefix("Proposed title: ") for line in outcome.preview.splitlines()
                      if line.startswith("Proposed title: ")), None)  # fmt: skip
        slots = {**slots, **({"report_title": title} if title else {"approval": "approve"})}
        history, resume = outcome.history, outcome.checkpoint_id
    assert forked == (tmp_path / "source" / "report.md").read_text(encoding="utf-8")
    assert forked.startswith("# Energy Efficiency Review: Northgate Depot")


async def test_a_fork_of_the_resume_tailor_writes_a_one_page_resume_with_the_proposed_headline(tmp_path: Path) -> None:
    source = CURATED["goal_lane.resume_tailor"]
    fork = _fork(source.tool_palette, source)
    outcome = await _run(fork, tmp_path, ["teacher_resume.pdf", "school_posting.html"])
    assert isinstance(outcome, Completed)
    resume = (tmp_path / "tailored_resume.md").read_text(encoding="utf-8")
    assert resume.startswith("# Daniel Okonkwo-Reyes\n\n**Head of Mathematics")
    assert len(PdfReader(tmp_path / "tailored_resume.pdf").pages) == 1


async def test_an_edited_prompts_tone_and_length_show_in_the_tailored_resume(tmp_path: Path) -> None:
    source = CURATED["goal_lane.resume_tailor"]
    plain = _fork(source.tool_palette, source)
    edited = _fork(source.tool_palette, source, source.system_prompt + " Write the summary in a friendly tone.")
    documents = ["teacher_resume.pdf", "school_posting.html"]
    for spec, where in ((plain, tmp_path / "plain"), (edited, tmp_path / "edited")):
        assert isinstance(await _run(spec, where, documents), Completed)
    before = (tmp_path / "plain" / "tailored_resume.md").read_text(encoding="utf-8")
    after = (tmp_path / "edited" / "tailored_resume.md").read_text(encoding="utf-8")
    summary = lambda text: text.split("## Summary", 1)[1].split("##", 1)[0]  # noqa: E731
    assert summary(before) != summary(after), "the tone the edit asked for changes the summary"
    assert before.split("## Experience", 1)[1] == after.split("## Experience", 1)[1], "and nothing else"
