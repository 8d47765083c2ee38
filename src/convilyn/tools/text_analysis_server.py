"""The ``text-analysis-mcp`` server: summaries, keywords, entities and action items."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Annotated

from mcp.server.mcpserver import MCPServer
from mcp.types import ToolAnnotations
from pydantic import Field

from convilyn.tools.action_items import ActionItem, extract_action_items, notes_reference_date
from convilyn.tools.analysis import Keyword, Summary, extract_keywords, summarize
from convilyn.tools.entities import Entities, extract_entities
from convilyn.tools.model import ToolModel
from convilyn.tools.server_base import new_server

NAME = "text-analysis-mcp"
_PURE = ToolAnnotations(read_only_hint=True, idempotent_hint=True, open_world_hint=False)
Text = Annotated[str, Field(description="The text to analyse.")]
ReferenceDate = Annotated[
    date | None,
    Field(description="Date (YYYY-MM-DD) that relative dates such as 'next Tuesday' are counted from."),
]


class KeywordList(ToolModel):
    """Keywords of a text."""

    keywords: list[Keyword] = Field(description="Keywords, most relevant first.")


class ActionItemList(ToolModel):
    """Action items from meeting notes."""

    items: list[ActionItem] = Field(description="Action items in the order the notes give them.")
    reference_date: date = Field(description="The date relative due dates were resolved against.")


def build_text_analysis_server(*, roots: Sequence[str | Path] | None = None) -> MCPServer:
    """A new ``text-analysis-mcp`` server (``roots`` is accepted for symmetry; it reads no files)."""
    del roots
    server = new_server(
        NAME,
        title="Text analysis",
        description="Offline summaries, keywords, named entities and meeting action items.",
        instructions="Every tool takes plain text; extract it from documents with doc-parser-mcp first.",
    )

    @server.tool(
        name="summarize",
        title="Summarise text",
        description=(
            "Extractive summary: the sentences that best represent the text (scored by keyword frequency "
            "and position, repeated topics discounted), returned in their original order."
        ),
        annotations=_PURE,
    )
    def summarize_tool(
        text: Text,
        max_sentences: Annotated[int, Field(ge=1, le=50, description="How many sentences to keep.")] = 5,
    ) -> Summary:
        return summarize(text, max_sentences)

    @server.tool(
        name="extract_keywords",
        title="Extract keywords",
        description="The most characteristic words and repeated two-word phrases, stopwords removed.",
        annotations=_PURE,
    )
    def extract_keywords_tool(
        text: Text,
        max_keywords: Annotated[int, Field(ge=1, le=100, description="How many keywords to return.")] = 10,
    ) -> KeywordList:
        return KeywordList(keywords=extract_keywords(text, max_keywords))

    @server.tool(
        name="extract_entities",
        title="Extract named entities",
        description=(
            "People, organisations, email addresses, phone numbers, dates (with ISO dates), amounts of "
            "money and URLs mentioned in the text."
        ),
        annotations=_PURE,
    )
    def extract_entities_tool(text: Text, reference_date: ReferenceDate = None) -> Entities:
        return extract_entities(text, reference_date)

    @server.tool(
        name="extract_action_items",
        title="Extract action items",
        description=(
            "Tasks agreed in meeting notes, each with owner and due date (null when not stated). Understands "
            "'ACTION: Bob to send the deck by Friday', '- [ ] Alice: update the roadmap (due 2026-12-01)', "
            "'TODO ...', '@erin follow up', named commitments ('Dave will draft the RFP by March 3') and "
            "'Action items'/'Next steps' sections; ignores discussion, questions and past work. Relative "
            "dates count from reference_date, else the notes' own date, else today."
        ),
        annotations=_PURE,
    )
    def extract_action_items_tool(text: Text, reference_date: ReferenceDate = None) -> ActionItemList:
        reference = notes_reference_date(text, reference_date)
        return ActionItemList(items=extract_action_items(text, reference), reference_date=reference)

    return server
