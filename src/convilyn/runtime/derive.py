"""The plan the built-in model follows for a spec that has none (a user workflow).

Read every input document, apply each palette tool in order with its
arguments bound by its input schema (the documents' text to a text-like
parameter, the document path to a path parameter), and write a report of what
the tools found to each output file.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from convilyn.catalog.spec import DestinationSpec
from convilyn.runtime.plan import OutputPlan, Plan, ToolStep, ValueStep

EXTRACT_TEXT = "doc-parser-mcp:extract_text"
WRITER_SERVER = "doc-writer-mcp"
_TEXT_NAMES = ("text", "content", "document", "markdown", "body", "input", "notes", "source")
_PATH_NAMES = ("path", "file")
_FORMAT_NAMES = ("format_hint", "format")


def _is_text_param(name: str, schema: dict[str, Any]) -> bool:
    return schema.get("type") == "string" and any(word in name.lower() for word in _TEXT_NAMES)


def _is_path_param(name: str, schema: dict[str, Any]) -> bool:
    return schema.get("type") == "string" and any(word in name.lower() for word in _PATH_NAMES)


def bind_arguments(schema: Mapping[str, Any], input_count: int) -> tuple[dict[str, Any], bool] | None:
    """Arguments for a tool from its input schema, and whether it runs once per input; None if unbindable.

    The documents' text goes to the tool's text-like parameters (the required
    ones, else the first optional one); a tool that takes no text but a path is
    run once per input document. Other required parameters take a harmless
    value their schema allows, or the tool cannot be run from the documents alone.
    """
    properties: dict[str, Any] = dict(schema.get("properties", {}))
    required = set(schema.get("required", []))
    texts = [n for n, s in properties.items() if _is_text_param(n, s)]
    paths = [n for n, s in properties.items() if _is_path_param(n, s)]
    texts = [n for n in texts if n in required] or texts[:1]
    paths = [] if texts else ([n for n in paths if n in required] or paths[:1])
    args: dict[str, Any] = {}
    for position, name in enumerate(texts):
        # Several text inputs (resume, posting): one document each, while there are documents.
        several = len(texts) > 1 and position < input_count
        args[name] = f"{{{{ steps.texts[{position}].text }}}}" if several else "{{ steps.document }}"
    for name in paths:
        args[name] = "{{ item.path }}"
    if paths:
        # Stored uploads carry no extension: tell a path-taking tool the document's format.
        for name in (n for n in properties if n in _FORMAT_NAMES and n not in args):
            args[name] = "{{ item.format }}"
    for name in sorted(required - set(args)):
        prop = properties.get(name, {})
        if "default" in prop:
            continue
        if "enum" in prop:
            args[name] = prop["enum"][0]
        elif prop.get("type") == "boolean":
            args[name] = False
        elif prop.get("type") in ("integer", "number") and "minimum" in prop:
            args[name] = prop["minimum"]
        elif prop.get("type") == "array":
            args[name] = []
        else:
            return None
    if not texts and not paths:
        return None  # nothing of the documents would reach it
    return args, bool(paths)


def _title(palette_name: str, description: str | None) -> str:
    first = (description or "").strip().splitlines()[0].rstrip(".") if (description or "").strip() else ""
    if first and len(first) <= 70:
        return first
    return palette_name.split(":", 1)[1].replace("_", " ").capitalize()


def _report_template(sections: list[tuple[str, str]]) -> list[str]:
    lines = [
        "# {{ spec.name }}",
        "",
        "{% if spec.description %}{{ spec.description }}\n\n{% endif %}"
        "Prepared from {{ inputs | map(attribute='filename') | natural_join }} on {{ today }}.",
        "",
        "## Documents",
        "",
        "{% for t in steps.texts %}",
        "- {{ inputs[loop.index0].filename }}: {{ t.words }} words{{ (', \"' ~ t.title ~ '\"') if t.title else '' }}",
        "{% endfor %}",
    ]
    for title, step_id in sections:
        lines += ["", f"## {title}", "", f"{{{{ steps.{step_id} | markdown }}}}"]
    if not sections:
        lines += ["", "{% for t in steps.texts %}", "## {{ inputs[loop.index0].filename }}", "", "{{ t.text }}", "",
                  "{% endfor %}"]
    return lines


def _extra_steps(spec: DestinationSpec, skip: set[str], tool_schemas: Mapping[str, Mapping[str, Any]],
                 input_count: int, descriptions: Mapping[str, str | None]) -> tuple[list[Any], list[tuple[str, str]]]:
    """A tool step and a report section for each palette tool not in ``skip`` that the documents can feed."""
    steps: list[Any] = []
    sections: list[tuple[str, str]] = []
    for index, name in enumerate(spec.tool_palette):
        if name in skip or name == EXTRACT_TEXT or name.startswith(f"{WRITER_SERVER}:") or name not in tool_schemas:
            continue
        bound = bind_arguments(tool_schemas[name], input_count)
        if bound is None:
            continue
        args, per_input = bound
        step_id = f"t{index}_{name.split(':', 1)[1]}"[:64]
        steps.append(ToolStep(id=step_id, tool=name, args=args, for_each="{{ inputs }}" if per_input else None,
                              label="analysing_documents"))
        sections.append((_title(name, descriptions.get(name)), step_id))
    return steps, sections


def extend_plan(plan: Plan, spec: DestinationSpec, tool_schemas: Mapping[str, Mapping[str, Any]], input_count: int,
                descriptions: Mapping[str, str | None] | None = None) -> Plan:
    """``plan`` (a fork's source plan) with the tools the fork added: each is run on the documents and what it
    found is appended to the Markdown outputs, so the deliverable stays and the edit shows in it."""
    extra, sections = _extra_steps(spec, set(plan.tools), tool_schemas, input_count, descriptions or {})
    if not extra:
        return plan
    steps = list(plan.steps)
    if not any(step.id == "document" for step in steps):
        steps.append(ValueStep(id="document", value="{{ steps.texts | map(attribute='text') | join('\n\n') }}"))
    # Each added tool's findings read as a section: what it found as the heading, its ranking fields left out.
    appendix = ["", "---", ""] + [line for title, step_id in sections
                                  for line in (f"## {{{{ steps.{step_id} | findings_heading({title!r}) }}}}", "",
                                               f"{{{{ steps.{step_id} | findings }}}}", "")]
    outputs = []
    for output in plan.outputs:
        markdown = next((o for o in spec.output_specs if o.filename == output.filename), None)
        if output.template is not None and markdown is not None and markdown.format == "md":
            lines = output.template if isinstance(output.template, list) else [output.template]
            output = output.model_copy(update={"template": [*lines, *appendix]})
        outputs.append(output)
    return plan.model_copy(update={"steps": [*steps, *extra], "outputs": outputs})


def derive_plan(spec: DestinationSpec, tool_schemas: Mapping[str, Mapping[str, Any]], input_count: int,
                descriptions: Mapping[str, str | None] | None = None) -> Plan:
    """A plan for ``spec`` from the input schemas of the tools offered (palette name -> schema)."""
    descriptions = descriptions or {}
    extract = tool_schemas.get(EXTRACT_TEXT, {"properties": {"path": {"type": "string"}}, "required": ["path"]})
    extract_args, _ = bind_arguments(extract, input_count) or ({"path": "{{ item.path }}"}, True)
    steps: list[Any] = [
        ToolStep(id="texts", tool=EXTRACT_TEXT, for_each="{{ inputs }}", args=extract_args, label="extracting_text"),
        ValueStep(id="document", value="{{ steps.texts | map(attribute='text') | join('\n\n') }}"),
    ]
    extra, sections = _extra_steps(spec, set(), tool_schemas, input_count, descriptions)
    steps += extra
    results = "{" + ", ".join(f"{title!r}: steps.{step_id}" for title, step_id in sections) + "}"
    outputs = []
    for output in spec.output_specs:
        if output.format in ("md", "docx", "pdf"):
            outputs.append(OutputPlan(filename=output.filename, template=_report_template(sections)))
        elif output.format == "json":
            outputs.append(OutputPlan(filename=output.filename, value=f"{{{{ {results} }}}}"))
        else:
            outputs.append(OutputPlan(filename=output.filename, rows=f"{{{{ {results} | result_rows }}}}",
                                      columns={"Section": "section", "Field": "field", "Value": "value"}))
    return Plan(steps=steps, outputs=outputs)
