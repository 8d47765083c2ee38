"""The ``doc-parser-mcp`` server: text and sections from local documents."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

from mcp.server.mcpserver import MCPServer
from mcp.types import ToolAnnotations
from pydantic import Field

from convilyn.tools.errors import ToolInputError
from convilyn.tools.model import ToolModel
from convilyn.tools.parsing import ExtractedText, extract_text
from convilyn.tools.paths import PathPolicy
from convilyn.tools.sections import Section, extract_sections
from convilyn.tools.server_base import new_server

NAME = "doc-parser-mcp"
_READ_ONLY = ToolAnnotations(read_only_hint=True, idempotent_hint=True, open_world_hint=False)


class SectionList(ToolModel):
    """A document split at its headings."""

    sections: list[Section] = Field(description="Sections in document order.")


def build_doc_parser_server(*, roots: Sequence[str | Path] | None = None) -> MCPServer:
    """A new ``doc-parser-mcp`` server; with ``roots`` it reads only files inside those directories."""
    policy = PathPolicy(roots)
    server = new_server(
        NAME,
        title="Document parser",
        description="Extracts text and headed sections from PDF, DOCX, TXT, Markdown and HTML files.",
        instructions=(
            "Call extract_text with a local file path to get a document's text, then extract_sections "
            "to split that text at its headings."
        ),
    )

    @server.tool(
        name="extract_text",
        title="Extract text from a document",
        description=(
            "Read the text of a local PDF, DOCX, TXT, Markdown or HTML file. Headings come back as '#' lines "
            "and list items as '- ' lines; HTML scripts and styles are dropped. Fails with a clear message "
            "for encrypted, damaged, empty or unsupported files."
        ),
        annotations=_READ_ONLY,
    )
    def extract_text_tool(
        path: Annotated[str, Field(description="Path of the document on the server's disk.")],
        format_hint: Annotated[
            str | None,
            Field(description="Read the file as this format (pdf, docx, txt, md or html) instead of by its extension."),
        ] = None,
    ) -> ExtractedText:
        return extract_text(path, format_hint, policy=policy)

    @server.tool(
        name="extract_sections",
        title="Split a document into sections",
        description=(
            "Split text into headed sections: Markdown headings, ALL-CAPS lines, short lines ending with ':' "
            "('Experience:') and common resume, job-posting and meeting headings. Pass the text, or a file "
            "path to read it first. Text before the first heading has heading null."
        ),
        annotations=_READ_ONLY,
    )
    def extract_sections_tool(
        text: Annotated[str | None, Field(description="The text to split.")] = None,
        path: Annotated[str | None, Field(description="A document to read instead of passing text.")] = None,
    ) -> SectionList:
        if text is None and path is None:
            raise ToolInputError("Pass either text or path")
        source = text if text is not None else extract_text(path or "", policy=policy).text
        return SectionList(sections=extract_sections(source))

    return server
