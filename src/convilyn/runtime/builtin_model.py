"""The built-in model: a pydantic-ai ``FunctionModel`` that follows a plan, offline and deterministically.

It is stateless between requests: each time it is asked, it reads the message
history, finds which plan steps already have results (its tool calls carry ids
``step:<id>`` and ``step:<id>:<n>``), and answers with the next step's tool
calls, a ``request_user_input`` call at a checkpoint, or ``complete_workflow``
with every output rendered. Resuming from a saved history therefore picks up
exactly where the last phase stopped.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic_ai.messages import (
    ModelMessage,
    ModelRequest,
    ModelResponse,
    RetryFeedbackPart,
    ToolCallPart,
    ToolReturnPart,
)
from pydantic_ai.models.function import AgentInfo, FunctionModel

from convilyn.catalog.spec import DestinationSpec
from convilyn.core.clock import clock
from convilyn.runtime import codec
from convilyn.runtime.bindings import BindingError, evaluate, render
from convilyn.runtime.checkpoint import REQUEST_USER_INPUT
from convilyn.runtime.derive import derive_plan, extend_plan
from convilyn.runtime.failures import tool_failure_message
from convilyn.runtime.history import tool_returns
from convilyn.runtime.outputs import COMPLETE_WORKFLOW
from convilyn.runtime.phase import PhaseFailed, PhaseRequest
from convilyn.runtime.plan import CheckpointStep, OutputPlan, Plan, RequireStep, ToolStep, ValueStep
from convilyn.tools.writing import csv_text

MODEL_NAME = "convilyn-builtin"
FINISH_CALL_ID = "finish"


def call_id(step_id: str, index: int | None = None) -> str:
    """The tool call id the built-in model gives a plan step's call."""
    return f"step:{step_id}" if index is None else f"step:{step_id}:{index}"


def step_of_call(tool_call_id: str | None) -> str | None:
    """The plan step id a tool call id belongs to, if the built-in model made it."""
    if not tool_call_id or not tool_call_id.startswith("step:"):
        return None
    return tool_call_id.split(":")[1]


def _outcomes(messages: list[ModelMessage]) -> dict[str, Any]:
    return {part.tool_call_id: part.content for part in tool_returns(messages) if part.outcome == "success"}


def _raise_on_failure(messages: list[ModelMessage]) -> None:
    """A failed tool or a refused output ends the phase: the plan has no other way forward."""
    last = messages[-1] if messages else None
    if not isinstance(last, ModelRequest):
        return
    for part in last.parts:
        if isinstance(part, ToolReturnPart) and part.outcome != "success":
            raise PhaseFailed(tool_failure_message(part.content))
        if isinstance(part, RetryFeedbackPart):
            raise PhaseFailed(f"The workflow's output was refused: {tool_failure_message(part.content)}")


def _inputs(request: PhaseRequest) -> list[dict[str, Any]]:
    return [
        {"file_id": d.file_id, "filename": d.filename, "path": str(d.path), "format": d.format, "stem": d.path.stem}
        for d in request.inputs
    ]


def _today() -> str:
    today = clock.now().date()
    return f"{today.day} {today:%B %Y}"


class PlanFollower:
    """The function behind the built-in model: history in, next response out."""

    def __init__(self, spec: DestinationSpec, plan: Plan | None, request: PhaseRequest) -> None:
        self.spec = spec
        self.plan = plan
        self.request = request

    def __call__(self, messages: list[ModelMessage], info: AgentInfo) -> ModelResponse:
        _raise_on_failure(messages)
        results = _outcomes(messages)
        assumed = {k: v for k, v in (self.plan.assume if self.plan else {}).items() if k not in self._declared_slots()}
        namespace: dict[str, Any] = {
            "inputs": _inputs(self.request),
            "slots": {**assumed, **self._declared_slots(), **self.request.slots},
            "steps": {},
            "spec": {"spec_id": self.spec.spec_id, "name": self.spec.name, "description": self.spec.description},
            "today": _today(),
        }
        offered = {tool.name for tool in info.function_tools}
        try:
            plan = self._extended_plan(self.plan, info) if self.plan else self._derived_plan(info)
            for step in plan.steps:
                pending = self._advance(step, namespace, results, offered)
                if pending is not None:
                    return pending
            files = self._outputs(plan, namespace)
            return ModelResponse(parts=[ToolCallPart(COMPLETE_WORKFLOW, {"files": files}, tool_call_id=FINISH_CALL_ID)])
        except BindingError as exc:
            raise PhaseFailed(f"The workflow {self.spec.name!r} could not follow its plan: {exc}") from exc

    def _declared_slots(self) -> dict[str, Any]:
        """Every slot the spec declares, at its default, so a plan can test an optional one that was left out."""
        slots = [*self.spec.required_slots, *(s for c in self.spec.checkpoints for s in c.slots)]
        return {slot.slot_id: slot.default for slot in slots}

    def _advance(
        self, step: Any, namespace: dict[str, Any], results: dict[str, Any], offered: set[str]
    ) -> ModelResponse | None:
        """Binds the step's result into ``namespace``, or returns the response that asks for it."""
        if isinstance(step, ValueStep):
            if step.for_each is None:
                namespace["steps"][step.id] = evaluate(step.value, namespace)
            else:
                items = evaluate(step.for_each, namespace)
                namespace["steps"][step.id] = [evaluate(step.value, {**namespace, "item": i}) for i in items]
            return None
        if isinstance(step, RequireStep):
            if not evaluate(step.require, namespace):
                raise PhaseFailed(render(step.message, namespace).strip())
            return None
        if isinstance(step, CheckpointStep):
            if self.spec.checkpoint(step.checkpoint) is None and step.assume is not None:
                # Unattended (a fork never stops to ask): the proposal is taken as accepted.
                answer = {slot: evaluate(value, namespace) for slot, value in step.assume.items()}
                namespace["steps"][step.id] = answer
                namespace["slots"].update({k: v for k, v in answer.items() if k not in self.request.slots})
                return None
            answer_id = call_id(step.id)
            if answer_id in results:
                answer = results[answer_id]
                namespace["steps"][step.id] = answer
                namespace["slots"].update(answer if isinstance(answer, dict) else {})
                return None
            preview = render(step.preview, namespace).strip()
            args = {"checkpoint_id": step.checkpoint, "step_output_preview": preview}
            return ModelResponse(parts=[ToolCallPart(REQUEST_USER_INPUT, args, tool_call_id=answer_id)])
        assert isinstance(step, ToolStep)
        tool_name = codec.encode(step.tool)
        if tool_name not in offered:
            raise PhaseFailed(f"The tool {step.tool} that the workflow needs is not available.")
        if step.for_each is None:
            calls = [(call_id(step.id), namespace)]
        else:
            items = evaluate(step.for_each, namespace)
            calls = [(call_id(step.id, i), {**namespace, "item": item}) for i, item in enumerate(items)]
        missing = [
            ToolCallPart(tool_name, evaluate(step.args, scope), tool_call_id=cid)
            for cid, scope in calls
            if cid not in results
        ]
        if missing:
            return ModelResponse(parts=missing)
        values = [results[cid] for cid, _ in calls]
        namespace["steps"][step.id] = values if step.for_each is not None else values[0]
        return None

    def _extended_plan(self, plan: Plan, info: AgentInfo) -> Plan:
        """``plan`` plus a step for each palette tool it does not use (a fork that added tools)."""
        if set(self.spec.tool_palette) <= set(plan.tools):
            return plan
        schemas, descriptions = self._tool_schemas(info)
        return extend_plan(plan, self.spec, schemas, len(self.request.inputs), descriptions)

    def _derived_plan(self, info: AgentInfo) -> Plan:
        """The plan for a spec without one, from the tools offered as a real model would see them."""
        schemas, descriptions = self._tool_schemas(info)
        return derive_plan(self.spec, schemas, len(self.request.inputs), descriptions)

    def _tool_schemas(self, info: AgentInfo) -> tuple[dict[str, dict[str, Any]], dict[str, str | None]]:
        """The palette tools' input schemas and descriptions, as a real model would see them."""
        schemas: dict[str, dict[str, Any]] = {}
        descriptions: dict[str, str | None] = {}
        for tool in info.function_tools:
            try:
                name = codec.decode(tool.name, known=self.spec.tool_palette)
            except codec.ToolNameError:
                continue  # a system tool
            schemas[name] = tool.parameters_json_schema
            descriptions[name] = tool.description
        return schemas, descriptions

    def _outputs(self, plan: Plan, namespace: dict[str, Any]) -> list[dict[str, str]]:
        files = []
        for output in self.spec.output_specs:
            source = plan.output_source(output.filename)
            if source is None:
                raise PhaseFailed(f"The workflow's plan does not say how to write {output.filename}.")
            files.append({"filename": output.filename, "content": self._content(source, namespace)})
        return files

    @staticmethod
    def _content(source: OutputPlan, namespace: dict[str, Any]) -> str:
        if source.template is not None:
            return render(source.template, namespace)
        if source.rows is not None:
            assert source.columns is not None
            columns = source.columns
            return csv_text(list(columns), ([row.get(key) for key in columns.values()]
                                            for row in evaluate(source.rows, namespace)))
        return json.dumps(evaluate(source.value, namespace), indent=2, ensure_ascii=False) + "\n"


def builtin_model(spec: DestinationSpec, plan: Plan | None, request: PhaseRequest) -> FunctionModel:
    """The built-in model for one phase of ``request``, following ``plan``."""
    return FunctionModel(PlanFollower(spec, plan, request), model_name=MODEL_NAME)
