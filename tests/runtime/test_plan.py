"""Plans are checked when a spec is loaded, so a broken one fails at start and says why."""

from __future__ import annotations

from typing import Any

import pytest

from convilyn.catalog.spec import DestinationSpec
from convilyn.runtime.bindings import evaluate, render
from convilyn.runtime.filters import markdown
from convilyn.runtime.plan import PlanError, validate_plan


def spec_with(plan: dict[str, Any], **extra: Any) -> DestinationSpec:
    return DestinationSpec.model_validate(
        {
            "specId": "test.plan",
            "name": "Plan test",
            "toolPalette": ["doc-parser-mcp:extract_text", "text-analysis-mcp:extract_keywords"],
            "checkpoints": [{"checkpointId": "review", "slots": [{"slotId": "choice"}]}],
            "outputSpecs": [{"filename": "out.md", "format": "md"}, {"filename": "out.docx", "format": "docx"}],
            "plan": plan,
            **extra,
        }
    )


GOOD_STEPS = [
    {"id": "texts", "tool": "doc-parser-mcp:extract_text", "forEach": "{{ inputs }}", "args": {"path": "{{ item.path }}"}},
    {"id": "keywords", "tool": "text-analysis-mcp:extract_keywords", "args": {"text": "{{ steps.texts[0].text }}"}},
    {"id": "review", "checkpoint": "review", "preview": "Keywords: {{ steps.keywords | map(attribute='term') | join(', ') }}"},
]
GOOD_OUTPUTS = [{"filename": "out.md", "template": ["# Result", "{{ slots.choice }}"]}]


def test_a_sound_plan_validates_and_docx_falls_back_to_the_markdown_template() -> None:
    plan = validate_plan(spec_with({"steps": GOOD_STEPS, "outputs": GOOD_OUTPUTS}))
    assert plan is not None
    assert plan.output_source("out.docx") == plan.output("out.md")


def test_a_spec_without_a_plan_is_valid() -> None:
    spec = spec_with({"steps": []}).model_copy(update={"plan": None})
    assert validate_plan(spec) is None


@pytest.mark.parametrize(
    ("plan", "message"),
    [
        ({"steps": [{"id": "x", "tool": "career-mcp:score_resume"}], "outputs": GOOD_OUTPUTS},
         "not in the tool palette"),
        ({"steps": [{"id": "k", "tool": "text-analysis-mcp:extract_keywords", "args": {"text": "{{ steps.later }}"}},
                    *GOOD_STEPS], "outputs": GOOD_OUTPUTS}, "no earlier step defines"),
        ({"steps": [*GOOD_STEPS, {"id": "texts", "value": 1}], "outputs": GOOD_OUTPUTS}, "used twice"),
        ({"steps": [*GOOD_STEPS, {"id": "again", "checkpoint": "nope", "preview": "x"}], "outputs": GOOD_OUTPUTS},
         "which the spec lacks"),
        ({"steps": GOOD_STEPS[:2], "outputs": GOOD_OUTPUTS}, "never reached"),
        ({"steps": GOOD_STEPS, "outputs": []}, "no template makes out.md"),
        ({"steps": GOOD_STEPS, "outputs": [*GOOD_OUTPUTS, {"filename": "other.md", "template": "x"}]},
         "not among the spec's outputSpecs"),
        ({"steps": GOOD_STEPS, "outputs": [{"filename": "out.md", "template": "{% for x in %}"}]}, "does not compile"),
        ({"steps": GOOD_STEPS, "outputs": [{"filename": "out.md", "template": "x", "value": 1}]}, "exactly one of"),
        ({"steps": [{"id": "odd", "neither": 1}], "outputs": GOOD_OUTPUTS}, "needs tool, value, checkpoint or require"),
    ],
)
def test_a_broken_plan_is_refused_with_the_reason(plan: dict[str, Any], message: str) -> None:
    with pytest.raises(PlanError, match=message):
        validate_plan(spec_with(plan))


def test_a_plan_longer_than_max_steps_is_refused() -> None:
    spec = spec_with({"steps": GOOD_STEPS, "outputs": GOOD_OUTPUTS}, agentConfig={"maxSteps": 3})
    with pytest.raises(PlanError, match="maxSteps is 3"):
        validate_plan(spec)


def test_a_whole_expression_keeps_its_type_and_other_strings_render_as_text() -> None:
    namespace = {"steps": {"a": {"found": [1, 2]}}, "slots": {"tone": "friendly"}}
    assert evaluate("{{ steps.a.found }}", namespace) == [1, 2]
    assert evaluate({"x": ["Tone: {{ slots.tone }}", 3]}, namespace) == {"x": ["Tone: friendly", 3]}
    assert render(["# {{ slots.tone | capitalize }}", "", "{{ ['a', 'b', 'c'] | natural_join }}"], namespace) == (
        "# Friendly\n\na, b and c\n"
    )


def test_any_tool_result_renders_as_readable_markdown() -> None:
    result = {"people": ["Ann Lee", "Bo Chen"], "dueDates": [{"text": "Friday", "date": "2026-05-08"}], "empty": []}
    assert markdown(result) == (
        "- **People**: Ann Lee, Bo Chen\n- **Due dates**:\n  - Friday (Date: 2026-05-08)"
    )
