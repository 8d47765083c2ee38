"""The ``complete_workflow`` system tool: the run's output function, writing the spec's output files.

The model passes the content of each output file; this checks it against the
spec's ``outputSpecs`` (every file present, each in its format) and writes the
files into the phase's workdir. Markdown is the content of ``.md``, ``.docx``
and ``.pdf`` files; a ``.docx`` or ``.pdf`` without content of its own is
written from the Markdown file of the same stem. A problem is sent back to
the model as a retry, so a real model can fix its answer.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path, PurePath
from typing import Any

from pydantic import BaseModel, Field
from pydantic_ai import ModelRetry, RunContext, ToolOutput

from convilyn.catalog.spec import DestinationSpec, OutputSpec
from convilyn.runtime.deps import PhaseDeps
from convilyn.tools import writing

COMPLETE_WORKFLOW = "complete_workflow"


class OutputFile(BaseModel):
    filename: str = Field(description="One of the workflow's output file names, exactly as listed.")
    content: str = Field(
        description="The whole file: Markdown for .md, .docx and .pdf files; CSV text with a header row for "
        ".csv; JSON text for .json."
    )


def _content_by_file(spec: DestinationSpec, files: list[OutputFile]) -> dict[str, str]:
    given = {f.filename: f.content for f in files if f.content.strip()}
    if unknown := sorted(set(given) - {o.filename for o in spec.output_specs}):
        expected = ", ".join(o.filename for o in spec.output_specs)
        raise ModelRetry(f"{', '.join(unknown)} is not an output of this workflow; write exactly: {expected}.")
    contents: dict[str, str] = {}
    missing = []
    for output in spec.output_specs:
        content = given.get(output.filename)
        if content is None and output.format in ("docx", "pdf"):
            content = given.get(str(PurePath(output.filename).with_suffix(".md")))
        if content is None:
            missing.append(output.filename)
        else:
            contents[output.filename] = content
    if missing:
        raise ModelRetry(f"complete_workflow needs the content of {', '.join(missing)}.")
    return contents


def _csv_rows(filename: str, content: str) -> list[list[str]]:
    rows = [row for row in csv.reader(io.StringIO(content.strip())) if any(cell.strip() for cell in row)]
    if not rows:
        raise ModelRetry(f"{filename} must be CSV text with a header row.")
    return rows


def _json_value(filename: str, content: str) -> Any:
    try:
        return json.loads(content)
    except json.JSONDecodeError as exc:
        raise ModelRetry(f"{filename} must be valid JSON: {exc}") from exc


def write_output(output: OutputSpec, content: str, workdir: Path) -> Path:
    """Writes one output file into ``workdir`` with the doc-writer's functions; ModelRetry if they refuse it."""
    try:
        if output.format == "md":
            written = writing.write_markdown(workdir, output.filename, content)
        elif output.format == "docx":
            written = writing.write_docx(workdir, output.filename, content)
        elif output.format == "pdf":
            written = writing.write_pdf(workdir, output.filename, content)
        elif output.format == "csv":
            header, *rows = _csv_rows(output.filename, content)
            written = writing.write_csv(workdir, output.filename, rows, columns=header)
        else:
            written = writing.write_json(workdir, output.filename, _json_value(output.filename, content))
    except ValueError as exc:  # the writers' ToolInputError: content they cannot write
        raise ModelRetry(f"{output.filename} could not be written: {exc}") from exc
    return Path(written.path)


async def complete_workflow(ctx: RunContext[PhaseDeps], files: list[OutputFile]) -> list[Path]:
    """Write the workflow's output files and finish the workflow. Call it once, with every output file."""
    request = ctx.deps.request
    contents = _content_by_file(request.spec, files)
    await ctx.deps.progress.writing_outputs()
    written = [write_output(o, contents[o.filename], request.workdir) for o in request.spec.output_specs]
    await ctx.deps.progress.finished()
    return written


def complete_workflow_output(spec: DestinationSpec) -> ToolOutput[list[Path]]:
    """``complete_workflow`` as the run's output tool, its description naming this spec's files."""
    listed = "\n".join(
        f"- {o.filename} ({o.format}){': ' + o.description if o.description else ''}" for o in spec.output_specs
    )
    return ToolOutput(
        complete_workflow,
        name=COMPLETE_WORKFLOW,
        description=f"Write the workflow's output files and finish. Call it once, with every file:\n{listed}",
    )
