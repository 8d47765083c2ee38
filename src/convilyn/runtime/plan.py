"""The plan a spec carries for the built-in model, and its validation.

A plan is what a careful agent would do, written down so the built-in model can
do it offline and deterministically::

    {
      "steps": [
        {"id": "texts", "tool": "doc-parser-mcp:extract_text", "forEach": "{{ inputs }}",
         "args": {"path": "{{ item.path }}", "format_hint": "{{ item.format }}"}, "label": "extracting_text"},
        {"id": "resume", "value": "{{ steps.texts[0].text }}"},
        {"id": "two", "require": "{{ inputs | length == 2 }}", "message": "Upload two documents."},
        {"id": "review", "checkpoint": "profile_review", "preview": "Detected roles: {{ ... }}"}
      ],
      "outputs": [
        {"filename": "letter.md", "template": ["# {{ ... }}", "..."]},
        {"filename": "items.csv", "rows": "{{ steps.found['items'] }}", "columns": {"Owner": "owner"}},
        {"filename": "items.json", "value": "{{ {'items': steps.found['items']} }}"}
      ]
    }

- A **tool step** calls a palette tool with bound arguments; with ``forEach`` it
  calls it once per element (``item``), in parallel, and its result is the list.
- A **value step** names a computed value (no tool call); with ``forEach``, a
  list of values, one per element.
- A **require step** ends the phase with its ``message`` when its ``require``
  expression is false: a precondition the documents must meet.
- A **checkpoint step** calls ``request_user_input`` for one of the spec's
  checkpoints with a rendered preview; the user's answers join ``slots``. Its
  ``assume`` says what accepting the proposal answers: a spec without that
  checkpoint (a fork, which never stops to ask) takes those answers and goes on.
  The plan's own ``assume`` gives the required slots such a spec does not declare.
- **Outputs** say how each output file's content is made: a Markdown
  ``template``, CSV ``rows`` and ``columns`` (header -> key of a row), or a JSON
  ``value``. A ``docx`` or ``pdf`` output without an entry is rendered from the
  Markdown output with the same stem.

Bindings are described in :mod:`convilyn.runtime.bindings`; ``docs/runtime.md``
has the whole format.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, ValidationError, model_validator
from pydantic.alias_generators import to_camel

from convilyn.catalog.spec import TOOL_NAME_PATTERN, DestinationSpec
from convilyn.runtime.bindings import BindingError, referenced_steps, template_text

STEP_ID = r"^[a-z][a-z0-9_]{0,63}$"
LABEL = r"^[a-z][a-z0-9_]{0,63}$"
TextTemplate = str | list[str]


class PlanError(ValueError):
    """A plan that cannot be followed; raised when a spec is loaded."""


class _PlanModel(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="forbid", frozen=True)


class ToolStep(_PlanModel):
    id: str = Field(pattern=STEP_ID)
    tool: str = Field(pattern=TOOL_NAME_PATTERN)
    args: dict[str, Any] = Field(default_factory=dict)
    for_each: str | None = None
    label: str | None = Field(default=None, pattern=LABEL)


class ValueStep(_PlanModel):
    id: str = Field(pattern=STEP_ID)
    value: Any
    for_each: str | None = None


class RequireStep(_PlanModel):
    id: str = Field(pattern=STEP_ID)
    require: str
    message: TextTemplate


class CheckpointStep(_PlanModel):
    id: str = Field(pattern=STEP_ID)
    checkpoint: str
    preview: TextTemplate
    # What a person accepting the proposal answers (slot -> binding), used when the workflow runs unattended:
    # a fork of a curated workflow never stops to ask, and behaves as if the proposal were accepted.
    assume: dict[str, Any] | None = None


def _step_kind(raw: Any) -> str | None:
    if isinstance(raw, BaseModel):
        return {ToolStep: "tool", ValueStep: "value", CheckpointStep: "checkpoint", RequireStep: "require"}.get(
            type(raw)
        )
    if isinstance(raw, dict):
        return next((kind for kind in ("tool", "checkpoint", "require", "value") if kind in raw), None)
    return None


Step = Annotated[
    Annotated[ToolStep, Tag("tool")]
    | Annotated[ValueStep, Tag("value")]
    | Annotated[CheckpointStep, Tag("checkpoint")]
    | Annotated[RequireStep, Tag("require")],
    Discriminator(
        _step_kind, custom_error_type="plan_step", custom_error_message="a step needs tool, value, checkpoint or require"
    ),
]


class OutputPlan(_PlanModel):
    filename: str
    template: TextTemplate | None = None
    rows: str | None = None
    columns: dict[str, str] | None = None
    value: Any = None

    @model_validator(mode="after")
    def _one_way(self) -> OutputPlan:
        ways = [self.template is not None, self.rows is not None, self.value is not None]
        if sum(ways) != 1:
            raise ValueError(f"output {self.filename}: give exactly one of template, rows, value")
        if (self.rows is None) != (self.columns is None):
            raise ValueError(f"output {self.filename}: rows and columns go together")
        return self

    @property
    def bindings(self) -> list[Any]:
        template = template_text(self.template) if self.template is not None else None
        return [b for b in (template, self.rows, self.value) if b is not None]


class Plan(_PlanModel):
    steps: list[Step] = Field(default_factory=list)
    outputs: list[OutputPlan] = Field(default_factory=list)
    # Values for the spec's required slots when the spec runs without them (a fork declares no slots).
    assume: dict[str, Any] = Field(default_factory=dict)

    @property
    def unattended(self) -> bool:
        """Whether the plan can run without a person: every checkpoint step says what accepting it answers."""
        return all(step.assume is not None for step in self.steps if isinstance(step, CheckpointStep))

    def output(self, filename: str) -> OutputPlan | None:
        return next((o for o in self.outputs if o.filename == filename), None)

    def output_source(self, filename: str) -> OutputPlan | None:
        """The entry that makes ``filename``: its own, or (docx, pdf) the Markdown one of the same stem."""
        own = self.output(filename)
        if own is not None or PurePath(filename).suffix not in {".docx", ".pdf"}:
            return own
        return self.output(str(PurePath(filename).with_suffix(".md")))

    @property
    def tools(self) -> list[str]:
        return [step.tool for step in self.steps if isinstance(step, ToolStep)]


def parse_plan(raw: dict[str, Any]) -> Plan:
    try:
        return Plan.model_validate(raw)
    except ValidationError as exc:
        raise PlanError(str(exc)) from exc


def _check_references(where: str, binding: Any, known: set[str]) -> None:
    try:
        unknown = referenced_steps(binding) - known
    except BindingError as exc:
        raise PlanError(f"{where}: {exc}") from exc
    if unknown:
        raise PlanError(f"{where} reads step(s) {', '.join(sorted(unknown))}, which no earlier step defines")


def validate_plan(spec: DestinationSpec) -> Plan | None:
    """The spec's plan, checked against the spec; PlanError (a ValueError) saying what is wrong.

    A spec without a plan is valid (the built-in model derives one at run time).
    """
    if spec.plan is None:
        return None
    plan = parse_plan(spec.plan)
    where = f"plan of {spec.spec_id}"
    seen: set[str] = set()
    for step in plan.steps:
        if step.id in seen:
            raise PlanError(f"{where}: step id {step.id!r} is used twice")
        if isinstance(step, ToolStep):
            if step.tool not in spec.tool_palette:
                raise PlanError(f"{where}: step {step.id!r} calls {step.tool}, which is not in the tool palette")
            _check_references(f"{where}, step {step.id!r}", [step.args, step.for_each], seen)
        elif isinstance(step, ValueStep):
            _check_references(f"{where}, step {step.id!r}", [step.value, step.for_each], seen)
        elif isinstance(step, RequireStep):
            _check_references(f"{where}, step {step.id!r}", [step.require, template_text(step.message)], seen)
        else:
            if spec.checkpoint(step.checkpoint) is None and step.assume is None:
                raise PlanError(f"{where}: step {step.id!r} names checkpoint {step.checkpoint!r}, which the spec lacks")
            _check_references(f"{where}, step {step.id!r}", [template_text(step.preview), step.assume], seen)
        seen.add(step.id)
    planned = {s.checkpoint for s in plan.steps if isinstance(s, CheckpointStep)}
    if missing := [c.checkpoint_id for c in spec.checkpoints if c.checkpoint_id not in planned]:
        raise PlanError(f"{where}: checkpoint(s) {', '.join(missing)} are never reached")
    specified = {o.filename for o in spec.output_specs}
    for output in plan.outputs:
        if output.filename not in specified:
            raise PlanError(f"{where}: output {output.filename} is not among the spec's outputSpecs")
        _check_references(f"{where}, output {output.filename}", output.bindings, seen)
    if missing := [o.filename for o in spec.output_specs if plan.output_source(o.filename) is None]:
        raise PlanError(f"{where}: no template makes {', '.join(missing)}")
    if (requests := model_requests(plan)) > spec.agent_config.max_steps:
        raise PlanError(f"{where}: needs {requests} steps but agentConfig.maxSteps is {spec.agent_config.max_steps}")
    return plan


def model_requests(plan: Plan) -> int:
    """How many model requests following the plan takes at most (one per tool/checkpoint step, one to finish)."""
    return sum(1 for step in plan.steps if isinstance(step, ToolStep | CheckpointStep)) + 1
