"""What the model is told: the spec's system prompt plus the rules of the runtime, and the job's inputs."""

from __future__ import annotations

import json

from convilyn.catalog.spec import DestinationSpec
from convilyn.runtime import codec
from convilyn.runtime.phase import PhaseRequest

RUNTIME_RULES = """\
How this workflow runs:
- Tools are named server__tool (for example doc_parser_mcp__extract_text). Read each input document with
  {extract} before you rely on its content; pass the path exactly as listed and its format as format_hint.
- Work only from what the documents and the user's answers say; do not invent names, dates or facts.
{checkpoints}- Finish by calling complete_workflow once, with the full content of every output file.
  Markdown for .md, .docx and .pdf files (a .docx or .pdf may be left out when the .md of the same name
  holds its content), CSV text with a header row for .csv, JSON text for .json."""

CHECKPOINT_RULE = """\
- This workflow pauses for the user at checkpoints, in this order: {order}. At each, call request_user_input
  with its checkpoint_id and a short step_output_preview of what you found; the tool's result is the user's
  answer. Use the answers in what follows.
"""


def instructions(spec: DestinationSpec, extract_tool: str) -> str:
    """The system instructions for a run of ``spec``."""
    checkpoints = (
        CHECKPOINT_RULE.format(order=", ".join(c.checkpoint_id for c in spec.checkpoints)) if spec.checkpoints else ""
    )
    rules = RUNTIME_RULES.format(extract=codec.encode(extract_tool), checkpoints=checkpoints)
    prompt = spec.system_prompt.strip() or f"You carry out the workflow {spec.name!r}: {spec.description}"
    return f"{prompt}\n\n{rules}"


def first_prompt(request: PhaseRequest) -> str:
    """The user message that starts a job: its documents, slot values and expected outputs."""
    documents = "\n".join(f"- {d.filename}, format: {d.format}, path: {d.path}" for d in request.inputs)
    outputs = "\n".join(
        f"- {o.filename} ({o.format}){': ' + o.description if o.description else ''}" for o in request.spec.output_specs
    )
    lines = [f"Input documents:\n{documents or '- none'}"]
    if request.slots:
        lines.append(f"Settings chosen by the user: {json.dumps(request.slots, ensure_ascii=False)}")
    lines.append(f"Output files to write:\n{outputs}")
    return "\n\n".join(lines)
