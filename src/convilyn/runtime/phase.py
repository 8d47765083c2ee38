"""The contract between the job runner and the agent runtime.

The runtime knows nothing of HTTP, users or the database: it gets a spec,
input documents, slot values and (on resume) the saved message history, and
returns either the written output files or a checkpoint.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from convilyn.catalog.spec import DestinationSpec, SlotDefinition


@dataclass(frozen=True)
class InputDocument:
    file_id: str
    filename: str
    path: Path
    format: str  # lower-case extension without the dot: pdf, docx, txt, md, html


@dataclass(frozen=True)
class PhaseRequest:
    job_id: str
    spec: DestinationSpec
    inputs: list[InputDocument]
    slots: dict[str, Any]
    workdir: Path
    history: list[Any] | None = None
    resume_checkpoint_id: str | None = None


@dataclass(frozen=True)
class Completed:
    """The phase finished the workflow; ``files`` are inside the request's workdir."""

    files: list[Path]


@dataclass(frozen=True)
class CheckpointReached:
    """The phase stopped to ask the user; ``history`` is JSON to resume from."""

    checkpoint_id: str
    preview: str
    slots: list[SlotDefinition]
    history: list[Any] = field(default_factory=list)


PhaseOutcome = Completed | CheckpointReached
ProgressCallback = Callable[[int, str], Awaitable[None]]


class PhaseFailed(Exception):
    """A failure that retrying cannot fix (bad input, broken model output).

    The message is shown to the user as the job's ``error``.
    """


class PhaseStopped(Exception):
    """Raised by the progress callback when the job no longer wants this phase (it was cancelled,
    or another run took it over). A runtime lets it through untouched: the phase ends there."""


class PhaseRuntime(Protocol):
    async def run_phase(self, request: PhaseRequest, progress: ProgressCallback) -> PhaseOutcome: ...
