"""The ``doc-writer-mcp`` server: deliverables written as Markdown, DOCX, PDF, CSV or JSON."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

from mcp.server.mcpserver import MCPServer
from mcp.types import ToolAnnotations
from pydantic import Field

from convilyn.tools.paths import PathPolicy
from convilyn.tools.server_base import new_server
from convilyn.tools.writing import WrittenFile, write_csv, write_docx, write_json, write_markdown, write_pdf

NAME = "doc-writer-mcp"
_WRITES = ToolAnnotations(read_only_hint=False, destructive_hint=True, idempotent_hint=True, open_world_hint=False)
OutputDir = Annotated[str, Field(description="Directory to write into; created if missing.")]
Title = Annotated[str | None, Field(description="Document title shown at the top and stored in its properties.")]
Markdown = Annotated[
    str,
    Field(description="The document in Markdown: '#' headings, '-' or '1.' lists, **bold**, *italic*, | tables |."),
]


def _filename_field(extension: str) -> Any:
    return Field(
        description=f"Plain file name such as report.{extension} (no folders); .{extension} is added if missing."
    )


MarkdownName = Annotated[str, _filename_field("md")]
DocxName = Annotated[str, _filename_field("docx")]
PdfName = Annotated[str, _filename_field("pdf")]
CsvName = Annotated[str, _filename_field("csv")]
JsonName = Annotated[str, _filename_field("json")]


def build_doc_writer_server(*, roots: Sequence[str | Path] | None = None) -> MCPServer:
    """A new ``doc-writer-mcp`` server; with ``roots`` it writes only inside those directories."""
    policy = PathPolicy(roots)
    server = new_server(
        NAME,
        title="Document writer",
        description="Writes Markdown, Word, PDF, CSV and JSON files from text and data.",
        instructions=(
            "Each tool writes one file into output_dir and returns its path and size. File names must be "
            "plain names; paths such as ../x are refused. An existing file of the same name is replaced."
        ),
    )

    @server.tool(name="write_markdown", title="Write a Markdown file", annotations=_WRITES)
    def write_markdown_tool(output_dir: OutputDir, filename: MarkdownName, content: Markdown) -> WrittenFile:
        """Write Markdown text to a .md file (UTF-8)."""
        return write_markdown(output_dir, filename, content, policy=policy)

    @server.tool(name="write_docx", title="Write a Word document", annotations=_WRITES)
    def write_docx_tool(
        output_dir: OutputDir, filename: DocxName, content: Markdown, title: Title = None
    ) -> WrittenFile:
        """Write Markdown-style text as a Word (.docx) document with real headings, lists, bold and tables."""
        return write_docx(output_dir, filename, content, title, policy=policy)

    @server.tool(name="write_pdf", title="Write a PDF", annotations=_WRITES)
    def write_pdf_tool(
        output_dir: OutputDir, filename: PdfName, content: Markdown, title: Title = None
    ) -> WrittenFile:
        """Write Markdown-style text as an A4 PDF (DejaVu Sans: Latin, Greek, Cyrillic and symbols)."""
        return write_pdf(output_dir, filename, content, title, policy=policy)

    @server.tool(name="write_csv", title="Write a CSV file", annotations=_WRITES)
    def write_csv_tool(
        output_dir: OutputDir,
        filename: CsvName,
        rows: Annotated[
            list[dict[str, Any]],
            Field(description="One object per row, keyed by column name. Lists in a cell are joined with '; '."),
        ],
        columns: Annotated[
            list[str] | None, Field(description="Column order; defaults to the rows' keys in first-seen order.")
        ] = None,
    ) -> WrittenFile:
        """Write rows of data as a UTF-8 CSV file with a header row."""
        return write_csv(output_dir, filename, rows, columns, policy=policy)

    @server.tool(name="write_json", title="Write a JSON file", annotations=_WRITES)
    def write_json_tool(
        output_dir: OutputDir,
        filename: JsonName,
        data: Annotated[Any, Field(description="Any JSON value: object, array, string, number, boolean or null.")],
    ) -> WrittenFile:
        """Write a JSON value to a pretty-printed UTF-8 .json file."""
        return write_json(output_dir, filename, data, policy=policy)

    return server
