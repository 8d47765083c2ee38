"""``convilyn workflows ...`` and ``convilyn catalog``: browse what can run, manage your workflows."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from convilyn.client_commands.common import ApiKey, AsJson, Server, call, console, print_json

if TYPE_CHECKING:
    from convilyn_sdk.types import UserWorkflowView, Visibility

app = typer.Typer(help="Your user workflows: list, fork, create, publish, export, import, delete.",
                  no_args_is_help=True)
WorkflowId = Annotated[str, typer.Argument(help="The workflow id (uw_...).")]


def catalog(as_json: AsJson = False, server: Server = None, api_key: ApiKey = None) -> None:
    """The workflows you can run, with their input formats and slots."""
    from rich.table import Column, Table

    items = call(server, api_key, lambda sdk: sdk.catalog.list())
    if as_json:
        print_json(items)
        return
    # The id is what a user copies into `convilyn run`: never wrapped or cut, whatever the width.
    id_width = max((len(item.spec_id) for item in items), default=7)
    table = Table(Column("spec_id", no_wrap=True, min_width=id_width), "name", "inputs", "slots", "outputs")
    for item in items:
        slots = ", ".join(f"{s.slot_id} ({s.type})" for s in item.required_slots)
        table.add_row(item.spec_id, item.name, ", ".join(item.supported_input_formats), slots,
                      ", ".join(item.output_files))
    console().print(table)


def _show(workflow: UserWorkflowView, as_json: bool) -> None:
    if as_json:
        print_json(workflow)
    else:
        typer.echo(f"{workflow.workflow_id}  {workflow.visibility}  v{workflow.item_version}  {workflow.name}")


@app.command("list")
def list_(
    visibility: Annotated[str | None, typer.Option(help="private, public or archived.")] = None,
    as_json: AsJson = False, server: Server = None, api_key: ApiKey = None,
) -> None:
    """Your workflows, newest first (every page)."""
    if visibility not in (None, "private", "public", "archived"):
        raise typer.BadParameter("--visibility is private, public or archived")
    chosen: Visibility | None = visibility  # type: ignore[assignment]  # checked just above
    items = call(server, api_key, lambda sdk: list(sdk.workflows.list(visibility=chosen)))
    if as_json:
        print_json(items)
        return
    for item in items:
        typer.echo(f"{item.workflow_id}  {item.visibility:<8}  {item.name}")


@app.command()
def get(workflow_id: WorkflowId, as_json: AsJson = False, server: Server = None, api_key: ApiKey = None) -> None:
    """Show one workflow."""
    _show(call(server, api_key, lambda sdk: sdk.workflows.get(workflow_id)), as_json)


@app.command()
def fork(source: Annotated[str, typer.Argument(help="A spec id, a uw_ id, or blank.")],
         name: Annotated[str | None, typer.Option(help="Name of the copy.")] = None,
         as_json: AsJson = False, server: Server = None, api_key: ApiKey = None) -> None:
    """A private copy of a curated spec, a public workflow, or blank."""
    _show(call(server, api_key, lambda sdk: sdk.workflows.fork(source, name=name)), as_json)


@app.command()
def create(name: str, description: Annotated[str, typer.Option()] = "",
           as_json: AsJson = False, server: Server = None, api_key: ApiKey = None) -> None:
    """A blank private workflow (Pro)."""
    _show(call(server, api_key, lambda sdk: sdk.workflows.create(name, description=description)), as_json)


@app.command()
def publish(workflow_id: WorkflowId, as_json: AsJson = False, server: Server = None, api_key: ApiKey = None) -> None:
    """Make a workflow public (runs the content-safety check)."""
    _show(call(server, api_key, lambda sdk: sdk.workflows.publish(workflow_id)), as_json)


@app.command()
def archive(workflow_id: WorkflowId, as_json: AsJson = False, server: Server = None, api_key: ApiKey = None) -> None:
    """Take a public workflow off the community listing."""
    _show(call(server, api_key, lambda sdk: sdk.workflows.archive(workflow_id)), as_json)


@app.command()
def delete(workflow_id: WorkflowId, server: Server = None, api_key: ApiKey = None) -> None:
    """Delete a private or archived workflow."""
    call(server, api_key, lambda sdk: sdk.workflows.delete(workflow_id))
    typer.echo(f"deleted {workflow_id}")


@app.command()
def export(workflow_id: WorkflowId,
           out: Annotated[Path | None, typer.Option(help="Write the JSON here instead of printing it.")] = None,
           server: Server = None, api_key: ApiKey = None) -> None:
    """The portable JSON of a workflow."""
    exported = call(server, api_key, lambda sdk: sdk.workflows.export(workflow_id))
    text = json.dumps(exported.model_dump(mode="json", by_alias=True), indent=2, ensure_ascii=False)
    if out:
        out.write_text(text + "\n", encoding="utf-8")
        typer.echo(f"wrote {out}")
    else:
        typer.echo(text)


@app.command("import")
def import_(path: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="An exported workflow JSON.")],
            as_json: AsJson = False, server: Server = None, api_key: ApiKey = None) -> None:
    """A new private workflow from an export file."""
    _show(call(server, api_key, lambda sdk: sdk.workflows.import_(path)), as_json)
