"""What every client command shares: the server options, the SDK client, output, and exit codes."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

# The SDK and Rich are imported where they are used, so `convilyn serve` does not pay for them.
if TYPE_CHECKING:
    from rich.console import Console

    from convilyn_sdk import Convilyn

# Exit codes a script can tell apart.
EXIT_ERROR = 1  # the API refused, the job failed, or the server could not be reached
EXIT_USAGE = 2  # bad arguments (Typer's own code)
EXIT_NEEDS_INPUT = 3  # the job waits at a checkpoint and --no-input was given

Server = Annotated[str | None, typer.Option(
    "--server", envvar="CONVILYN_BASE_URL", show_envvar=True,
    help="The Convilyn server (http://host:port, or its .../api/v1 URL).")]
ApiKey = Annotated[str | None, typer.Option(
    "--api-key", envvar="CONVILYN_API_KEY", show_envvar=True, help="An API key (cvl_...) or a bearer token.")]
PollInterval = Annotated[float | None, typer.Option(
    help="Seconds between status polls (default: the pace the API asks, else 2).", min=0.01)]
AsJson = Annotated[bool, typer.Option("--json", help="Print JSON for scripts instead of text.")]

T = TypeVar("T")


def client(server: str | None, api_key: str | None) -> Convilyn:
    from convilyn_sdk import Convilyn

    return Convilyn(base_url=server, api_key=api_key)


def console(as_json: bool = False) -> Console:
    """Human output: stdout normally; stderr when stdout carries JSON."""
    from rich.console import Console

    return Console(stderr=as_json, highlight=False)


def to_jsonable(value: Any) -> Any:
    from pydantic import BaseModel

    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", by_alias=True)
    if isinstance(value, list):
        return [to_jsonable(v) for v in value]
    return value


def print_json(value: Any) -> None:
    typer.echo(json.dumps(to_jsonable(value), indent=2, ensure_ascii=False))


@contextmanager
def api_errors() -> Iterator[None]:
    """Turn SDK errors into one red line and exit code 1 (no traceback for an expected refusal)."""
    from convilyn_sdk import APIConnectionError, APIStatusError, JobFailed

    err = console(as_json=True)
    try:
        yield
    except JobFailed as exc:
        err.print(f"[red]Job {exc.job_id} {exc.status.status}:[/red] {exc.error}")
        raise typer.Exit(EXIT_ERROR) from exc
    except APIStatusError as exc:
        fields = "".join(f"\n  {e.field}: {e.message}" for e in exc.errors)
        err.print(f"[red]{exc.status} {exc.code}:[/red] {exc.message}{fields}", markup=True)
        raise typer.Exit(EXIT_ERROR) from exc
    except APIConnectionError as exc:
        err.print(f"[red]Cannot reach the server:[/red] {exc.message}")
        raise typer.Exit(EXIT_ERROR) from exc


def call(server: str | None, api_key: str | None, work: Callable[[Convilyn], T]) -> T:
    """Run ``work`` with a client, mapping SDK errors to exit codes."""
    with api_errors(), client(server, api_key) as sdk:
        return work(sdk)
