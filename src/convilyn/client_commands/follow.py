"""Following a job in a terminal: a progress bar with the current step, checkpoint prompts by slot
type, and the download of the result with a byte progress bar, unzipped into a directory."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.panel import Panel
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TransferSpeedColumn,
)
from rich.prompt import Confirm, FloatPrompt, Prompt

from convilyn_sdk import Convilyn, JobResult, PendingCheckpoint
from convilyn_sdk.types import Checkpoint, JobStatusView, Slot


def parse_slot_option(option: str) -> tuple[str, str]:
    """``name=value`` from ``--slot``."""
    name, sep, value = option.partition("=")
    if not sep or not name.strip():
        raise typer.BadParameter(f"--slot takes name=value, not {option!r}")
    return name.strip(), value


def coerce(slot: Slot | None, raw: str) -> Any:
    """A ``--slot`` string as the slot's type wants it (booleans and numbers are not strings)."""
    kind = slot.type if slot else "text"
    if kind == "boolean":
        lowered = raw.strip().lower()
        if lowered in ("true", "yes", "y", "1", "on"):
            return True
        if lowered in ("false", "no", "n", "0", "off"):
            return False
        raise typer.BadParameter(f"slot {slot.slot_id if slot else ''} takes true or false, not {raw!r}")
    if kind == "number":
        try:
            number = float(raw)
        except ValueError as exc:
            raise typer.BadParameter(f"slot {slot.slot_id if slot else ''} takes a number, not {raw!r}") from exc
        return int(number) if number.is_integer() else number
    return raw


def ask_slot(console: Console, slot: Slot) -> Any:
    """Prompt for one slot the way its type reads best."""
    label = slot.label or slot.slot_id
    if slot.type == "boolean":
        return Confirm.ask(label, console=console, default=slot.default if isinstance(slot.default, bool) else None)
    if slot.type == "select" and slot.options:
        return Prompt.ask(label, console=console, choices=list(slot.options),
                          default=slot.default if slot.default in slot.options else None)
    if slot.type == "number":
        value = FloatPrompt.ask(label, console=console, default=slot.default)
        return int(value) if float(value).is_integer() else value
    default = slot.default if isinstance(slot.default, str) else None
    while True:
        value = Prompt.ask(label, console=console, default=default)
        if value or not slot.required:
            return value or ""
        console.print("[yellow]A value is required.[/yellow]")


class TerminalFollower:
    """The terminal side of ``jobs.follow``: progress bar and checkpoint prompts."""

    def __init__(self, console: Console, *, interactive: bool) -> None:
        self.console = console
        self.interactive = interactive
        self.progress = Progress(TextColumn("{task.description:<28}"), BarColumn(), TaskProgressColumn(),
                                 TimeElapsedColumn(), console=console, transient=True)
        self.task = self.progress.add_task("starting", total=100)

    def __enter__(self) -> TerminalFollower:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()

    def on_progress(self, status: JobStatusView) -> None:
        step = status.current_step or status.status
        self.progress.update(self.task, completed=status.progress, description=step.replace("_", " "))

    def on_checkpoint(self, checkpoint: Checkpoint, status: JobStatusView) -> dict[str, Any] | None:
        if not self.interactive:
            return None
        self.progress.stop()
        self.console.print(Panel(checkpoint.step_output_preview or "(no preview)",
                                 title=f"Checkpoint: {checkpoint.checkpoint_id}", expand=False))
        values = {slot.slot_id: ask_slot(self.console, slot) for slot in checkpoint.slots}
        self.progress.start()
        return values


def follow(sdk: Convilyn, job_id: str, console: Console, *, interactive: bool,
           poll_interval: float | None = None) -> JobResult | PendingCheckpoint:
    with TerminalFollower(console, interactive=interactive) as view:
        return sdk.jobs.follow(job_id, on_progress=view.on_progress, on_checkpoint=view.on_checkpoint,
                               poll_interval=poll_interval)


def download_and_extract(sdk: Convilyn, job_id: str, out: Path, console: Console, *,
                         extract: bool = True) -> tuple[Path, list[str]]:
    """The result ZIP into ``out`` with a byte progress bar; its files extracted beside it."""
    out.mkdir(parents=True, exist_ok=True)
    columns = (TextColumn("downloading"), BarColumn(), DownloadColumn(), TransferSpeedColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("download", total=None)
        path = sdk.jobs.download(job_id, out, on_progress=lambda done, total: progress.update(
            task, completed=done, total=total))
    names: list[str] = []
    if extract:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            root = out.resolve()
            for name in names:  # never write outside ``out``, whatever the archive says
                if not (root / name).resolve().is_relative_to(root):
                    raise typer.BadParameter(f"the archive holds an unsafe path: {name}")
            archive.extractall(out)
    return path, names
