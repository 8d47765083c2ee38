"""Helpers of the runtime tests: a progress recorder, phase requests, small stand-in MCP servers.

The stand-in servers let the mechanics of the runtime (plans, checkpoints,
codec, failures) be tested apart from the built-in tools; the curated workflows
are tested on the real built-in servers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError

from convilyn.catalog.spec import DestinationSpec
from convilyn.runtime.phase import InputDocument, PhaseRequest


@dataclass
class ProgressLog:
    """Records every (percent, step) the runtime reports."""

    reports: list[tuple[int, str]] = field(default_factory=list)

    async def __call__(self, percent: int, step: str) -> None:
        self.reports.append((percent, step))

    @property
    def steps(self) -> list[str]:
        return [step for _, step in self.reports]


def make_toy_servers() -> dict[str, MCPServer]:
    parser = MCPServer("doc-parser-mcp")

    @parser.tool()
    def extract_text(path: str) -> dict[str, Any]:
        """Read the text of a document."""
        file = Path(path)
        text = file.read_text(encoding="utf-8")
        if not text.strip():
            raise ToolError(f"{file.name} has no text; upload a document with content")
        return {"filename": file.name, "text": text, "words": len(text.split()), "title": None}

    analysis = MCPServer("text-analysis-mcp")

    @analysis.tool()
    def extract_keywords(text: str, max_keywords: int = 5) -> list[dict[str, Any]]:
        """Find the keywords of a text."""
        words = sorted({w.strip(".,").lower() for w in text.split() if len(w.strip(".,")) > 6})
        return [{"term": w, "score": 1.0} for w in words[:max_keywords]]

    @analysis.tool()
    def count_words(text: str) -> dict[str, int]:
        """Count the words of a text."""
        return {"words": len(text.split())}

    @analysis.tool()
    def needs_mode(text: str, mode: str, threshold: float) -> str:
        """A tool whose arguments cannot all be bound from a schema."""
        return mode

    @analysis.tool()
    def crash(text: str) -> str:
        """Fail every time."""
        raise RuntimeError("internal detail that must not reach the user")

    return {"doc-parser-mcp": parser, "text-analysis-mcp": analysis}



def phase_request(
    spec: DestinationSpec,
    inputs: list[InputDocument],
    workdir: Path,
    *,
    slots: dict[str, Any] | None = None,
    history: list[Any] | None = None,
    resume: str | None = None,
    job_id: str = "job_test",
) -> PhaseRequest:
    return PhaseRequest(
        job_id=job_id, spec=spec, inputs=inputs, slots=slots or {}, workdir=workdir, history=history,
        resume_checkpoint_id=resume,
    )
