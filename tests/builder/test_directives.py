"""An edited fork prompt's choices and counts reach the plan the built-in model follows; nothing else does."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from convilyn.builder.compile import compile_spec
from convilyn.builder.directives import counts, directed, slot_choices
from convilyn.catalog.registry import load_curated_specs

CURATED = {s.spec_id: s for s in load_curated_specs()}
TAILOR, SUMMARY = CURATED["goal_lane.resume_tailor"], CURATED["goal_lane.document_summary"]


def _fork(source, prompt: str):  # noqa: ANN001, ANN202 - DestinationSpecs
    return compile_spec(
        workflow_id="uw_" + "0" * 24, name="Copy", description="", system_prompt=prompt,
        tool_palette=[{"toolName": t} for t in source.tool_palette],
        output_specs=[o.model_dump(mode="json", by_alias=True) for o in source.output_specs],
        agent_config={}, item_version=2, source_spec_id=source.spec_id,
    )  # fmt: skip


@pytest.mark.parametrize("source", list(CURATED.values()), ids=list(CURATED))
def test_an_unedited_fork_runs_its_sources_plan_exactly(source):
    assert _fork(source, source.system_prompt).plan == source.plan


def test_a_tone_and_a_length_the_edit_names_become_the_plans_assumed_slots():
    fork = _fork(TAILOR, TAILOR.system_prompt + " Use a friendly tone and keep it to two pages.")
    assert fork.plan["assume"] == {"tone": "friendly", "length": "two_pages"}
    assert slot_choices(TAILOR, TAILOR.system_prompt + " A two-page resume.") == {"length": "two_pages"}


def test_two_options_of_one_slot_named_by_the_edit_are_ambiguous():
    assert "tone" not in slot_choices(TAILOR, TAILOR.system_prompt + " Friendly, or confident if senior.")


def test_counts_set_the_limits_of_the_steps_that_take_them():
    fork = _fork(SUMMARY, SUMMARY.system_prompt + " Keep it to three sentences and 6 keywords.")
    args = {step["id"]: step.get("args", {}) for step in fork.plan["steps"]}
    assert args["summaries"]["max_sentences"] == 3 and args["keywords"]["max_keywords"] == 6
    assert SUMMARY.plan["steps"][1]["args"]["max_sentences"] == 5, "the curated plan is not changed in place"


def test_counts_the_source_already_states_are_no_directive():
    assert counts(SUMMARY.system_prompt, SUMMARY.system_prompt) == {}
    assert counts("", "Write 5 bullet points, not 40 sentences.") == {"max_sentences": 5}
    assert counts("", "ten key terms") == {"max_keywords": 10}


@given(st.text(alphabet=st.characters(whitelist_categories=("Ll", "Zs")), max_size=200))
def test_prose_without_counts_or_options_leaves_the_plan_alone(extra):
    prompt = SUMMARY.system_prompt + " " + extra
    if not counts(SUMMARY.system_prompt, prompt):
        assert directed(SUMMARY.plan, SUMMARY, prompt) == SUMMARY.plan
