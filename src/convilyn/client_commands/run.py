"""``convilyn run WORKFLOW FILE...``: the whole flow of the seed in one command, through the SDK."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

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


def run(
    workflow: Annotated[str, typer.Argument(help="A catalog spec_id (goal_lane.cover_letter) or a uw_ workflow id.")],
    files: Annotated[list[Path], typer.Argument(help="The documents to upload.", exists=True, dir_okay=False)],
    slot: Annotated[list[str] | None, typer.Option(
        "--slot", help="A slot value before the run, name=value (repeatable).")] = None,
    out: Annotated[Path, typer.Option(help="Where to write the result ZIP and its extracted files.")] = Path("out"),
    no_input: Annotated[bool, typer.Option(
        "--no-input", help=f"Never prompt: at a checkpoint print the job id and exit {EXIT_NEEDS_INPUT}.")] = False,
    poll_interval: PollInterval = None,
    as_json: AsJson = False,
    server: Server = None,
    api_key: ApiKey = None,
) -> None:
    """Upload FILEs, run WORKFLOW on them, answer its checkpoints, and download the result."""
    from convilyn.client_commands.follow import coerce, download_and_extract, follow, parse_slot_option
    from convilyn_sdk import JobResult

    values = dict(parse_slot_option(option) for option in slot or [])
    screen = console(as_json)
    with api_errors(), client(server, api_key) as sdk:
        file_ids = []
        for path in files:
            uploaded = sdk.files.upload(path)
            file_ids.append(uploaded.file_id)
            screen.print(f"uploaded {path.name} -> {uploaded.file_id}")
        job = sdk.jobs.create(workflow, file_ids)
        job_id = job.job_spec_id
        screen.print(f"job {job_id} created")
        if values:
            known = {s.slot_id: s for s in job.slots}
            typed = {name: coerce(known.get(name), raw) for name, raw in values.items()}
            job = sdk.jobs.fill_slots(job_id, item_version=job.item_version, slots=typed)
        sdk.jobs.confirm(job_id, item_version=job.item_version)
        outcome = follow(sdk, job_id, screen, interactive=not no_input, poll_interval=poll_interval)
        if not isinstance(outcome, JobResult):
            report_pending(job_id, outcome.checkpoint.checkpoint_id, as_json)
            raise typer.Exit(EXIT_NEEDS_INPUT)
        zip_path, names = download_and_extract(sdk, job_id, out, screen)
    if as_json:
        print_json({"jobId": job_id, "status": "completed", "outputFiles": outcome.output_files,
                    "zip": str(zip_path), "files": [str(out / name) for name in names]})
    else:
        screen.print(f"[green]completed[/green] {job_id}: wrote {zip_path} and {', '.join(names)}")


def report_pending(job_id: str, checkpoint_id: str, as_json: bool) -> None:
    """The job id of a job left waiting, for a script to answer it later."""
    if as_json:
        print_json({"jobId": job_id, "status": "slot_needed", "checkpointId": checkpoint_id})
    else:
        typer.echo(f"{job_id} is waiting at checkpoint {checkpoint_id}; "
                   f"answer it with `convilyn jobs watch {job_id}`.")
