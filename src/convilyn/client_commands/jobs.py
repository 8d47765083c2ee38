"""``convilyn jobs ...``: look at, follow, answer and download your jobs through the SDK."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, cast

import typer

from convilyn.client_commands.common import (
    EXIT_NEEDS_INPUT,
    ApiKey,
    AsJson,
    PollInterval,
    Server,
    api_errors,
    client,
    console,
    print_json,
)
from convilyn.client_commands.run import report_pending

if TYPE_CHECKING:
    from convilyn_sdk.types import JobStatus

app = typer.Typer(help="Your jobs: list, status, watch, events, answer, cancel, download.", no_args_is_help=True)
JobId = Annotated[str, typer.Argument(help="The job id (job_...).")]


@app.command("list")
def list_jobs(
    status: Annotated[str | None, typer.Option(help="Only jobs in this status (e.g. slot_needed).")] = None,
    workflow: Annotated[str | None, typer.Option(help="Only jobs of this workflow id.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many jobs.", min=1)] = 20,
    as_json: AsJson = False,
    server: Server = None,
    api_key: ApiKey = None,
) -> None:
    """Your jobs, newest first."""
    from itertools import islice

    with api_errors(), client(server, api_key) as sdk:
        jobs = list(islice(sdk.jobs.list(status=cast("JobStatus | None", status), workflow_id=workflow, limit=min(limit, 100)), limit))
    if as_json:
        print_json([job.model_dump(mode="json", by_alias=True) for job in jobs])
        return
    for job in jobs:
        typer.echo(f"{job.job_spec_id}  {job.status:<11}  {job.progress:>3}%  {job.workflow_id}  "
                   f"{job.created_at:%Y-%m-%d %H:%M}")


@app.command()
def cancel(job_id: JobId, as_json: AsJson = False, server: Server = None, api_key: ApiKey = None) -> None:
    """Cancel a job that has not ended (a running step stops at its next step)."""
    with api_errors(), client(server, api_key) as sdk:
        job = sdk.jobs.cancel(job_id)
    if as_json:
        print_json(job)
    else:
        typer.echo(f"{job_id} {job.status}")


@app.command()
def events(
    job_id: JobId,
    last_event_id: Annotated[int | None, typer.Option("--last-event-id", help="Resume after this event.")] = None,
    server: Server = None,
    api_key: ApiKey = None,
) -> None:
    """Print a job's events as JSON lines (the stored ones, then live) until it ends."""
    import json

    with api_errors(), client(server, api_key) as sdk:
        for event in sdk.jobs.events(job_id, last_event_id=last_event_id):
            typer.echo(json.dumps({"id": event.id, "event": event.event, "data": event.data}, ensure_ascii=False))


@app.command()
def status(job_id: JobId, as_json: AsJson = False, server: Server = None, api_key: ApiKey = None) -> None:
    """Print a job's status, progress and current step (and its checkpoint or error)."""
    with api_errors(), client(server, api_key) as sdk:
        current = sdk.jobs.status(job_id)
    if as_json:
        print_json(current)
        return
    typer.echo(f"{job_id}  {current.status}  {current.progress}%  {current.current_step or ''}".rstrip())
    if current.checkpoint:
        typer.echo(f"checkpoint {current.checkpoint.checkpoint_id}: {current.checkpoint.step_output_preview}")
        for slot in current.checkpoint.slots:
            typer.echo(f"  slot {slot.slot_id} ({slot.type}{': ' + '|'.join(slot.options) if slot.options else ''})")
    if current.error:
        typer.echo(f"error: {current.error}")


@app.command()
def watch(
    job_id: JobId,
    out: Annotated[Path | None, typer.Option(help="Download and extract the result here when it completes.")] = None,
    no_input: Annotated[bool, typer.Option("--no-input", help=f"Never prompt; exit {EXIT_NEEDS_INPUT} at a "
                                                             "checkpoint.")] = False,
    poll_interval: PollInterval = None,
    as_json: AsJson = False,
    server: Server = None,
    api_key: ApiKey = None,
) -> None:
    """Follow a job with a progress bar until it stops, answering checkpoints at the prompt."""
    from convilyn.client_commands.follow import download_and_extract, follow
    from convilyn_sdk import JobResult

    screen = console(as_json)
    with api_errors(), client(server, api_key) as sdk:
        outcome = follow(sdk, job_id, screen, interactive=not no_input, poll_interval=poll_interval)
        if not isinstance(outcome, JobResult):
            report_pending(job_id, outcome.checkpoint.checkpoint_id, as_json)
            raise typer.Exit(EXIT_NEEDS_INPUT)
        files = download_and_extract(sdk, job_id, out, screen)[1] if out else []
    if as_json:
        print_json({"jobId": job_id, "status": "completed", "outputFiles": outcome.output_files,
                    "files": [str(out / name) for name in files] if out else []})
    else:
        screen.print(f"[green]completed[/green] {job_id}: {', '.join(outcome.output_files)}")


@app.command()
def answer(
    job_id: JobId,
    slot: Annotated[list[str], typer.Option("--slot", help="name=value for the checkpoint's slots (repeatable).")],
    server: Server = None,
    api_key: ApiKey = None,
) -> None:
    """Answer the checkpoint a job waits at and resume it (for scripts; `watch` prompts instead)."""
    from convilyn.client_commands.follow import coerce, parse_slot_option

    values = dict(parse_slot_option(option) for option in slot)
    with api_errors(), client(server, api_key) as sdk:
        current = sdk.jobs.status(job_id)
        slots = {s.slot_id: s for s in current.checkpoint.slots} if current.checkpoint else {}
        typed = {name: coerce(slots.get(name), raw) for name, raw in values.items()}
        sdk.jobs.answer(job_id, typed, item_version=current.item_version)
    typer.echo(f"{job_id} resumed")


@app.command()
def download(
    job_id: JobId,
    out: Annotated[Path, typer.Option(help="Directory for the ZIP and its files.")] = Path("out"),
    extract: Annotated[bool, typer.Option(help="Unzip the result next to the ZIP.")] = True,
    as_json: AsJson = False,
    server: Server = None,
    api_key: ApiKey = None,
) -> None:
    """Download a completed job's result ZIP (byte progress bar) and extract it."""
    from convilyn.client_commands.follow import download_and_extract

    screen = console(as_json)
    with api_errors(), client(server, api_key) as sdk:
        path, names = download_and_extract(sdk, job_id, out, screen, extract=extract)
    if as_json:
        print_json({"jobId": job_id, "zip": str(path), "files": [str(out / n) for n in names]})
    else:
        screen.print(f"wrote {path}" + (f" and {', '.join(names)}" if names else ""))
